"""`Store`: one SQLite database file holding a cable corpus (schema: docs/schema.md)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from contextlib import closing, suppress
from pathlib import Path
from types import TracebackType
from typing import Any

from cablescope.errors import StoreError
from cablescope.parse.model import Cable
from cablescope.sources.record import Problem, RawRecord
from cablescope.store import ingest as _ingest
from cablescope.store import migrations, read
from cablescope.store import reparse as _reparse
from cablescope.store.reading import readonly_uri
from cablescope.store.rows import parser_version, version_rows
from cablescope.store.shapes import CitedBy, Stats, StoredCable, VersionInfo
from cablescope.store.writer import Outcome, Writer

PAGE_SIZE = 8192

# Shared by readers and the writer: WAL lets readers run during an ingest. Every connection
# (the web app has one per thread) maps at most 256 MiB of the file and keeps a small page
# cache; the writer's cache is larger, for the indexes it updates.
_PRAGMAS = (
    "PRAGMA busy_timeout = 30000",  # ms: a second writer waits for the first one's commit
    "PRAGMA cache_size = -16384",  # KiB: 16 MiB
    "PRAGMA mmap_size = 268435456",
    "PRAGMA temp_store = MEMORY",
)
_WRITER_PRAGMAS = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = NORMAL",  # safe in WAL: a crash loses at most the last commits
    "PRAGMA wal_autocheckpoint = 10000",  # pages (~80 MB): fewer, larger checkpoints
    "PRAGMA cache_size = -131072",  # KiB: 128 MiB
)


class Store:
    """A cablescope database. Open with `Store.open(path)`, preferably as a context manager.

    One writer at a time (SQLite's rule); readers take `Store.open(path, readonly=True)` or
    `store.connection`. Opening applies pending schema migrations (see `migrations`), also for a
    read-only store when the file is writable, so every layer finds its tables; a read-only
    file is opened as it is (`pending_migrations()` tells what it lacks).
    """

    def __init__(self, conn: sqlite3.Connection, path: Path, readonly: bool) -> None:
        self._conn = conn
        self.path = path
        self.readonly = readonly

    # --- opening and closing ------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, readonly: bool = False, *,
             foreign_ok: bool = False) -> Store:
        """Open (and, unless `readonly`, create) the database at `path`, migrated to date.

        A SQLite file of another application (tables, but no cablescope migration recorded) is
        refused rather than given cablescope's tables, unless `foreign_ok` (writable only).
        """
        path = Path(path)
        if readonly and not path.is_file():
            raise StoreError(f"no database at {path}")
        if not readonly and not path.parent.is_dir():
            raise StoreError(f"cannot create database {path}: folder {path.parent} does not exist")
        if readonly:
            with closing(_connect(readonly_uri(path), path, uri=True)) as probe:
                _refuse_foreign(probe, path)
                if probe.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone() is None:
                    # an empty file (SQLite reads it as an empty database): a reader must not
                    # turn it into a cablescope database by migrating it
                    raise StoreError(f"{path} is empty, not a cablescope database: run "
                                     f"`cablescope ingest CORPUS --db {path}` first")
                outdated = [m.name for m in migrations.pending(probe)]
            if outdated:
                try:
                    _migrate(path).close()
                except StoreError as exc:
                    # Another layer's tables missing: its commands will say so. The store's
                    # own reads need its columns, though.
                    if any(name.startswith("store.") for name in outdated):
                        raise StoreError(f"{path} was made by an older cablescope and cannot "
                                         f"be upgraded here: {exc}") from exc
            conn = _connect(readonly_uri(path), path, uri=True)
            conn.execute("PRAGMA query_only = 1")
            return cls(conn, path, readonly=True)
        return cls(_migrate(path, foreign_ok), path, readonly=False)

    def close(self) -> None:
        """Close the connection; a writer first lets SQLite refresh its query statistics."""
        if not self.readonly:
            # statistics are an optimisation; closing must not fail over them
            with suppress(sqlite3.Error):
                self._conn.execute("PRAGMA optimize")
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    @property
    def connection(self) -> sqlite3.Connection:
        """The underlying connection (autocommit mode), for queries of your own."""
        return self._conn

    def pending_migrations(self) -> list[str]:
        """Registered migrations not applied to this database (registered after it was opened)."""
        return [m.name for m in migrations.pending(self._conn)]

    def migrate(self) -> list[str]:
        """Apply migrations registered since this store was opened; returns their names."""
        self._need_writer()
        return migrations.apply_pending(self._conn)

    # --- writing --------------------------------------------------------------------------------

    def ingest(self, records: Iterable[RawRecord | Problem],
               progress: _ingest.Progress | None = None, *, workers: int | None = None,
               commit_every: int = _ingest.COMMIT_EVERY,
               commit_seconds: float = _ingest.COMMIT_SECONDS) -> _ingest.IngestSummary:
        """Parse and store every record (a reader's output); problems are stored, never raised.

        `progress(summary)` is called every few hundred records with the running totals.
        `workers`: parser processes (default: cores - 1, at least 1; 0 parses in this process).
        Safe to interrupt: what was committed stays, and the same ingest resumes from there.
        """
        self._need_writer()
        return _ingest.run(self._conn, str(self.path), records, progress, workers,
                           commit_every, commit_seconds)

    def reparse(self, progress: _reparse.Progress | None = None, *,
                workers: int | None = None) -> _reparse.ReparseSummary:
        """Parse every cable's newest version again from its stored text and replace the rows
        that changed (what brings a database up to date with a newer parser)."""
        self._need_writer()
        return _reparse.run(self._conn, str(self.path), progress, workers)

    def parser_version(self) -> str | None:
        """The parser version the stored parse comes from; None: older than kept versions."""
        return parser_version(self._conn)

    def add(self, record: RawRecord, cable: Cable) -> Outcome:
        """Store one version already parsed into `cable` (what `ingest` does per record)."""
        self._need_writer()
        return self._write(lambda w: w.write(version_rows(record, cable)))

    def add_problem(self, problem: Problem) -> bool:
        """Record a problem; False when exactly this problem was already recorded."""
        self._need_writer()
        return self._write(lambda w: w.problem(problem))

    def _write(self, step: Any) -> Any:
        writer = Writer(self._conn)
        try:
            writer.begin()
            result = step(writer)
            writer.commit()
        except sqlite3.Error as exc:
            writer.rollback()
            raise StoreError(f"{self.path}: cannot write: {exc}") from exc
        return result

    def _need_writer(self) -> None:
        if self.readonly:
            raise StoreError(f"{self.path} is open read-only")

    # --- reading --------------------------------------------------------------------------------

    def cable(self, cable_id: str, version: int | None = None) -> StoredCable | None:
        """The cable (current version, or `version`) with every field, or None if unknown.

        `cable_id` must be the stored canonical ID; `resolve_id` finds it from other spellings.
        """
        return read.cable(self._conn, cable_id, version)

    def versions(self, cable_id: str) -> list[VersionInfo]:
        """Every version stored for a cable, in release order (their numbers), the current
        flagged."""
        return read.versions(self._conn, cable_id)

    def version_text(self, cable_id: str, version: int) -> str | None:
        """The verbatim text of one version, or None."""
        return read.version_text(self._conn, cable_id, version)

    def cited_by(self, cable_id: str) -> list[CitedBy]:
        """Stored cables whose REF line cites `cable_id` (stored itself or not), oldest first."""
        return read.cited_by(self._conn, cable_id)

    def resolve_id(self, text: str) -> str | None:
        """The stored cable ID that `text` names, in any usual spelling, or None."""
        return read.resolve_id(self._conn, text)

    def suggest_ids(self, text: str, n: int = 5) -> list[str]:
        """Up to `n` stored IDs that look like `text` (for "did you mean")."""
        return read.suggest_ids(self._conn, text, n)

    def stats(self, problems_limit: int | None = 1000) -> Stats:
        """Counts by year, origin, classification and tag, versions, references, problems."""
        return read.stats(self._conn, problems_limit)

    def check(self) -> list[str]:
        """Integrity problems of the file and of the full-text index; empty when sound."""
        found = [r for (r,) in self._conn.execute("PRAGMA integrity_check") if r != "ok"]
        # FTS5 runs its check as an INSERT, which a read-only connection refuses.
        conn = _connect(str(self.path), self.path) if self.readonly else self._conn
        try:
            conn.execute(
                "INSERT INTO paragraphs_fts (paragraphs_fts, rank) VALUES ('integrity-check', 1)"
            )
        except sqlite3.Error as exc:
            found.append(f"paragraphs_fts: {exc}")
        finally:
            if conn is not self._conn:
                conn.close()
        return found


def _connect(target: str, path: Path, uri: bool = False) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(target, uri=uri, isolation_level=None, check_same_thread=False)
        for pragma in _PRAGMAS:
            conn.execute(pragma)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"cannot open {path} as a database: {exc}") from exc
    return conn




def _refuse_foreign(conn: sqlite3.Connection, path: Path) -> None:
    tables = migrations.foreign_tables(conn)
    if tables:
        shown = ", ".join(tables[:5]) + (f" and {len(tables) - 5} more" if len(tables) > 5 else "")
        raise StoreError(
            f"{path} is not a cablescope database: it holds another application's tables "
            f"({shown}) and no record of cablescope's. Give another --db, or add cablescope's "
            "tables to this file anyway with `cablescope ingest --force`")


def _migrate(path: Path, foreign_ok: bool = False) -> sqlite3.Connection:
    """Open `path` for writing (WAL) and apply pending migrations (refusing another
    application's file unless `foreign_ok`)."""
    conn = _connect(str(path), path)
    try:
        if not foreign_ok:
            _refuse_foreign(conn, path)
        if conn.execute("PRAGMA page_count").fetchone()[0] == 0:
            # a new file: 8 KiB pages hold cable texts in fewer overflow pages (~20% less
            # writing work than the 4 KiB default); only settable before the first table
            conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
        for pragma in _WRITER_PRAGMAS:
            conn.execute(pragma)
        migrations.apply_pending(conn)
    except sqlite3.OperationalError as exc:
        conn.close()
        raise StoreError(f"cannot write database {path}: {exc}") from exc
    except StoreError:
        conn.close()
        raise
    return conn
