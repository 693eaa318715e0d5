"""Named, recorded schema migrations: the only way any layer changes the database schema.

Every migration has a unique name (convention: `<layer>.<NNNN>_<what>`, e.g.
`store.0002_versions_sha256`, `search.0001_vocabulary`) and is either an SQL script or a callable
taking the connection. A writable `Store.open` applies, in registration order, every registered
migration whose name is not yet recorded in `meta` (key `migration:<name>`, value: when it was
applied), each in its own transaction together with its record, so a crash never leaves a
half-applied migration. The store registers every layer's migrations itself (`LAYER_MIGRATIONS`,
the SQL in `store/sql/<name>.sql`), so which tables a database gets never depends on which
modules a process imported; `register_migration` remains for a step that is a callable.

Migrations are never edited once released; a change is a new migration.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources

from cablescope.errors import StoreError

MigrationStep = str | Callable[[sqlite3.Connection], None]

META_PREFIX = "migration:"


@dataclass(frozen=True, slots=True)
class Migration:
    name: str
    step: MigrationStep


_REGISTRY: list[Migration] = []


def register_migration(name: str, step: MigrationStep,
                       registry: list[Migration] | None = None) -> None:
    """Add a migration to apply on every open that has not recorded it yet.

    Registering the same name twice with the same step is a no-op (a module imported again);
    with a different step it is a programming error. `registry` defaults to the global one.
    """
    registry = _REGISTRY if registry is None else registry
    for known in registry:
        if known.name == name:
            if known.step != step:
                raise ValueError(f"migration {name!r} is already registered with another step")
            return
    registry.append(Migration(name, step))


def registered() -> list[Migration]:
    """All globally registered migrations, in the order they are applied."""
    return list(_REGISTRY)


def applied(conn: sqlite3.Connection) -> set[str]:
    """Names of the migrations recorded in this database (empty for a new file)."""
    has_meta = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
    ).fetchone()
    if not has_meta:
        return set()
    rows = conn.execute(
        "SELECT substr(key, ?) FROM meta WHERE key LIKE ? || '%'",
        (len(META_PREFIX) + 1, META_PREFIX),
    )
    return {name for (name,) in rows}


def foreign_tables(conn: sqlite3.Connection) -> list[str]:
    """The tables of a database that is not cablescope's: it records no cablescope migration,
    yet holds tables (another application's file). Empty for a new file or a cablescope one."""
    if applied(conn):
        return []
    return [name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name")]


def pending(conn: sqlite3.Connection,
            registry: list[Migration] | None = None) -> list[Migration]:
    """Registered migrations this database has not recorded yet, in order."""
    done = applied(conn)
    return [m for m in (_REGISTRY if registry is None else registry) if m.name not in done]


def apply_pending(conn: sqlite3.Connection,
                  registry: list[Migration] | None = None) -> list[str]:
    """Apply every pending migration, each atomically with its record; return their names.

    `conn` must be in autocommit mode (`isolation_level=None`).
    """
    names = []
    for migration in pending(conn, registry):
        try:
            conn.execute("BEGIN IMMEDIATE")
            if migration.name in applied(conn):  # another connection applied it meanwhile
                conn.execute("COMMIT")
                continue
            if isinstance(migration.step, str):
                _run_script(conn, migration.step)
            else:
                migration.step(conn)
            conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?)",
                (META_PREFIX + migration.name, datetime.now(UTC).isoformat(timespec="seconds")),
            )
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(f"migration {migration.name} failed: {exc}") from exc
        names.append(migration.name)
    return names


def _run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run an SQL script statement by statement inside the caller's transaction.

    (`executescript` would commit first, breaking the migration's atomicity.) A `;` inside a
    string or a comment does not end a statement: `sqlite3.complete_statement` decides.
    """
    statement = ""
    for piece in script.split(";"):
        statement += piece + ";"
        if sqlite3.complete_statement(statement):
            if _has_code(statement):
                conn.execute(statement)
            statement = ""


def _has_code(statement: str) -> bool:
    """False for a statement made only of comments, blanks and the `;`."""
    lines = (line.split("--", 1)[0].strip() for line in statement.splitlines())
    return any(line and line != ";" for line in lines)


# --- the store's own migrations ------------------------------------------------------------------


def _schema_sql() -> str:
    return resources.files("cablescope.store").joinpath("schema.sql").read_text("utf-8")


register_migration("store.0001_schema", _schema_sql())

# Resuming an ingest recognises stored versions by their hash alone, before parsing.
# `comment` and `warnings` keep what the parser found beyond schema version 1's columns;
# `tags.seq` keeps the order the TAGS line gave.
register_migration(
    "store.0002_versions_sha256_comment_warnings_tag_order",
    """
    CREATE INDEX IF NOT EXISTS versions_sha256 ON versions(sha256);
    ALTER TABLE cables ADD COLUMN comment TEXT;
    ALTER TABLE cables ADD COLUMN warnings TEXT;
    ALTER TABLE tags ADD COLUMN seq INTEGER;
    CREATE INDEX IF NOT EXISTS tags_kind ON tags(kind, tag);
    CREATE INDEX IF NOT EXISTS cables_year ON cables(year);
    """,
)

# No query reads tags by kind first, and every ingest paid for keeping the index: dropped here,
# not by editing 0002, which databases already recorded as applied.
register_migration("store.0003_drop_tags_kind", "DROP INDEX IF EXISTS tags_kind;")


def _versions_by_release_and_new_parse_columns(conn: sqlite3.Connection) -> None:
    """What parse issue 11 changed in the stored parse, brought to existing databases without
    re-parsing: REF entries get a kind and their post as written, paragraph markings are
    normalised (the form as written kept in `marking_raw`), and versions are numbered in the
    order they were released. `cablescope reparse` recomputes every field from the stored texts.
    """
    from cablescope.parse.markings import normalize_marking
    from cablescope.store.writer import version_key

    conn.execute("ALTER TABLE paragraphs ADD COLUMN marking_raw TEXT")
    conn.execute("ALTER TABLE refs ADD COLUMN kind TEXT")
    conn.execute("ALTER TABLE refs ADD COLUMN post TEXT")
    conn.execute("ALTER TABLE refs ADD COLUMN post_match TEXT")
    conn.execute("UPDATE refs SET kind = CASE WHEN cited IS NULL THEN 'other' ELSE 'cable' END")
    conn.execute("UPDATE paragraphs SET marking_raw = marking WHERE marking IS NOT NULL")
    changed = [(normalize_marking(raw), raw) for (raw,) in conn.execute(
        "SELECT DISTINCT marking FROM paragraphs WHERE marking IS NOT NULL")]
    conn.executemany("UPDATE paragraphs SET marking = ? WHERE marking = ?",
                     [(new, raw) for new, raw in changed if new != raw])
    several = [cid for (cid,) in conn.execute(
        "SELECT cable_id FROM versions GROUP BY cable_id HAVING count(*) > 1")]
    for cable_id in several:
        rows = conn.execute("SELECT rowid, version, seen, released FROM versions "
                            "WHERE cable_id = ?", (cable_id,)).fetchall()
        ordered = sorted(rows, key=lambda r: version_key(r[2], r[0], r[3]))
        renumber = {version: n for n, (_, version, _, _) in enumerate(ordered, 1)}
        if all(old == new for old, new in renumber.items()):
            continue
        conn.executemany("UPDATE versions SET version = ? WHERE rowid = ?",
                         [(-n, rowid) for n, (rowid, _, _, _) in enumerate(ordered, 1)])
        conn.execute("UPDATE versions SET version = -version WHERE cable_id = ? AND version < 0",
                     (cable_id,))
        current = conn.execute("SELECT version FROM cables WHERE id = ?", (cable_id,)).fetchone()
        if current is not None:
            conn.execute("UPDATE cables SET version = ? WHERE id = ?",
                         (renumber[current[0]], cable_id))


register_migration("store.0004_refs_kind_marking_raw_versions_by_release",
                   _versions_by_release_and_new_parse_columns)


# --- every layer's migrations --------------------------------------------------------------------

# Registered by the store, not when a layer's module is imported: a database gets the same tables
# whichever modules a process imported (an ingest imports no trace code, the web app no spark
# code), and the store never imports the layers above it. Each is `store/sql/<name>.sql`; a new
# one goes at the end of its layer's, and is never edited once released.
LAYER_MIGRATIONS = (
    "search.0001_subjects_fts",
    "search.0002_marking_indexes",
    "search.0003_columns",
    "search.0004_columns_after_markings_normalised",
    "search.0005_exact_shingles",
    "trace.0001_ngram_index",
    "trace.0002_vocabulary",
    "trace.0003_postings_in_blocks",
    "entities.0001_schema",
    "entities.0002_mention_evidence",
    "spark.0001_reuse_passages_clusters",
    "web.0001_trace_reports",
)


def migration_sql(name: str) -> str:
    """The SQL of a layer's migration (`store/sql/<name>.sql`)."""
    return resources.files("cablescope.store").joinpath("sql", f"{name}.sql").read_text("utf-8")


for _name in LAYER_MIGRATIONS:
    register_migration(_name, migration_sql(_name))
