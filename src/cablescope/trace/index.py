"""The trace index: hashed word 4-grams of every paragraph, built once, kept up to date.

Tables (created by the migration `trace.0001_ngram_index`):

- `trace_postings(gram, pid)`: paragraph `pid` contains the 4-gram `gram` (a 62-bit hash of four
  word keys, see `keys`). Not every 4-gram: the winnowed ones (the smallest hash of every four
  consecutive ones, about 40%), so that any run of seven words a quotation shares with the
  paragraph finds it. No positions: they are recomputed on the few paragraphs an article's words
  lead to. One row per distinct kept 4-gram of a paragraph.
- `trace_common(gram, df)`: 4-grams found in more than `COMMON` paragraphs (boilerplate such as
  "this cable was cleared by"). Their postings are dropped; a match on them says nothing.
- `trace_indexed(pid, cable_id, version, start, end)`: what was indexed for each paragraph: its
  cable, the cable version and its offsets in that version's text (versions are never changed,
  so the 4-grams of a paragraph since replaced can be recomputed and removed exactly).
- `trace_meta(key, value)`: the corpus fingerprint the index was last brought up to date with.

`update_index` compares `trace_indexed` with `paragraphs`: new paragraphs (a later ingest) are
added, paragraphs of a cable whose current version changed are replaced, removed ones removed.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from cablescope.errors import CablescopeError
from cablescope.store import register_migration
from cablescope.trace.keys import winnowed, word_keys

COMMON = 500  # a 4-gram in more paragraphs than this is boilerplate
BATCH = 2000  # paragraphs per write transaction
INDEX_VERSION = "2"  # bump when keys, hashing or winnowing change: the index is then rebuilt

SCHEMA = """
CREATE TABLE IF NOT EXISTS trace_postings (
    gram INTEGER NOT NULL,
    pid  INTEGER NOT NULL,
    PRIMARY KEY (gram, pid)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS trace_common (
    gram INTEGER PRIMARY KEY,
    df   INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS trace_indexed (
    pid      INTEGER PRIMARY KEY,
    cable_id TEXT NOT NULL,
    version  INTEGER NOT NULL,
    start    INTEGER NOT NULL,
    end      INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS trace_indexed_cable ON trace_indexed(cable_id);
CREATE TABLE IF NOT EXISTS trace_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

register_migration("trace.0001_ngram_index", SCHEMA)


class IndexMissing(CablescopeError):
    """The database has no trace index (or one of an older format) yet."""


@dataclass(slots=True)
class IndexSummary:
    """What `update_index` did."""

    added: int = 0
    removed: int = 0
    paragraphs: int = 0
    postings: int = 0
    common: int = 0
    seconds: float = 0.0
    rebuilt: bool = False

    def line(self) -> str:
        what = "rebuilt" if self.rebuilt else "updated"
        return (f"trace index {what}: {self.added:,} paragraphs indexed, {self.removed:,} removed; "
                f"{self.paragraphs:,} paragraphs, {self.postings:,} postings, "
                f"{self.common:,} boilerplate 4-grams, {self.seconds:.1f} s")

    def as_dict(self) -> dict[str, object]:
        return {"added": self.added, "removed": self.removed, "paragraphs": self.paragraphs,
                "postings": self.postings, "common": self.common,
                "seconds": round(self.seconds, 2), "rebuilt": self.rebuilt}


Progress = Callable[[int, int], None]  # (done, total)


def has_tables(conn: sqlite3.Connection) -> bool:
    return conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'trace_meta'"
    ).fetchone() is not None


def fingerprint(conn: sqlite3.Connection) -> str:
    """What changes whenever cables are ingested or removed, cheaply: the newest version row and
    the newest paragraph (the store only appends versions and renumbers replaced paragraphs),
    and the number of cables (a scan of the smallest index: milliseconds)."""
    v = conn.execute("SELECT max(rowid) FROM versions").fetchone()[0] or 0
    p = conn.execute("SELECT max(pid) FROM paragraphs").fetchone()[0] or 0
    n = conn.execute("SELECT count(*) FROM cables").fetchone()[0]
    return f"{INDEX_VERSION}:{v}:{p}:{n}"


def _meta(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM trace_meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def index_state(conn: sqlite3.Connection) -> str:
    """'missing' (never built), 'outdated' (older format), 'stale' (cables ingested since) or
    'current'."""
    if not has_tables(conn) or _meta(conn, "fingerprint") is None:
        return "missing"
    if _meta(conn, "index_version") != INDEX_VERSION:
        return "outdated"
    return "current" if _meta(conn, "fingerprint") == fingerprint(conn) else "stale"


def indexed_paragraphs(conn: sqlite3.Connection) -> int:
    """How many paragraphs the index covers (the N of inverse document frequencies)."""
    value = _meta(conn, "paragraphs") if has_tables(conn) else None
    return int(value) if value else 0


def _paragraph_grams(text: str) -> set[int]:
    return winnowed(word_keys(text, cable=True))


def update_index(conn: sqlite3.Connection, *, rebuild: bool = False,
                 progress: Progress | None = None) -> IndexSummary:
    """Bring the trace index up to date with the paragraphs table (build it the first time).

    `conn` must be writable, in autocommit mode, with the trace migration applied.
    """
    started = time.monotonic()
    summary = IndexSummary()
    if not has_tables(conn):
        raise IndexMissing("the trace tables are missing: open the database with the store "
                           "after importing cablescope.trace.index")
    if rebuild or _meta(conn, "index_version") not in (None, INDEX_VERSION):
        rebuild = True
    if rebuild or _meta(conn, "fingerprint") is None:
        summary.rebuilt = True
        _clear(conn)
        _full_build(conn, summary, progress)
    else:
        _incremental(conn, summary, progress)
    conn.execute("BEGIN IMMEDIATE")
    try:
        paragraphs = conn.execute("SELECT count(*) FROM trace_indexed").fetchone()[0]
        meta = {"fingerprint": fingerprint(conn), "index_version": INDEX_VERSION,
                "paragraphs": str(paragraphs)}
        if summary.rebuilt:
            meta["build_seconds"] = f"{time.monotonic() - started:.1f}"
        _set_meta(conn, meta)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    summary.paragraphs = paragraphs
    summary.common = conn.execute("SELECT count(*) FROM trace_common").fetchone()[0]
    summary.postings = _count_postings(conn)
    summary.seconds = time.monotonic() - started
    return summary


def _count_postings(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT count(*) FROM trace_postings").fetchone()[0]


def _set_meta(conn: sqlite3.Connection, values: dict[str, str]) -> None:
    conn.executemany("INSERT OR REPLACE INTO trace_meta (key, value) VALUES (?, ?)",
                     list(values.items()))


def _clear(conn: sqlite3.Connection) -> None:
    conn.execute("BEGIN IMMEDIATE")
    for table in ("trace_postings", "trace_common", "trace_indexed", "trace_meta"):
        conn.execute(f"DELETE FROM {table}")
    conn.execute("COMMIT")


_CURRENT = (
    "SELECT p.pid, p.cable_id, c.version, p.start, p.end, p.text FROM paragraphs p "
    "JOIN cables c ON c.id = p.cable_id"
)


def _full_build(conn: sqlite3.Connection, summary: IndexSummary,
                progress: Progress | None) -> None:
    """Every paragraph: postings staged unsorted, then written in key order (fast B-tree build),
    then 4-grams found in more than COMMON paragraphs moved to trace_common."""
    total = conn.execute("SELECT count(*) FROM paragraphs").fetchone()[0]
    temp_store = conn.execute("PRAGMA temp_store").fetchone()[0]
    conn.execute("PRAGMA temp_store = FILE")  # the staging table can outgrow memory
    conn.execute("DROP TABLE IF EXISTS temp.trace_stage")
    conn.execute("CREATE TEMP TABLE trace_stage (gram INTEGER, pid INTEGER)")
    done = 0
    last = -1
    while True:
        batch = conn.execute(_CURRENT + " WHERE p.pid > ? ORDER BY p.pid LIMIT ?",
                             (last, BATCH)).fetchall()
        if not batch:
            break
        last = batch[-1][0]
        staged: list[tuple[int, int]] = []
        indexed: list[tuple] = []
        for pid, cable_id, version, start, end, text in batch:
            staged.extend((g, pid) for g in _paragraph_grams(text))
            indexed.append((pid, cable_id, version, start, end))
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany("INSERT INTO temp.trace_stage VALUES (?, ?)", staged)
        conn.executemany("INSERT INTO trace_indexed VALUES (?, ?, ?, ?, ?)", indexed)
        conn.execute("COMMIT")
        done += len(batch)
        summary.added += len(batch)
        if progress:
            progress(done, total)
    conn.execute("BEGIN IMMEDIATE")
    # one sort, then B-tree pages written in key order; boilerplate counted on the sorted table
    conn.execute("INSERT OR IGNORE INTO trace_postings (gram, pid) "
                 "SELECT gram, pid FROM temp.trace_stage ORDER BY gram, pid")
    conn.execute("INSERT INTO trace_common (gram, df) SELECT gram, count(*) FROM trace_postings "
                 "GROUP BY gram HAVING count(*) > ?", (COMMON,))
    conn.execute("DELETE FROM trace_postings WHERE gram IN (SELECT gram FROM trace_common)")
    conn.execute("COMMIT")
    conn.execute("DROP TABLE temp.trace_stage")
    conn.execute(f"PRAGMA temp_store = {int(temp_store)}")


def _incremental(conn: sqlite3.Connection, summary: IndexSummary,
                 progress: Progress | None) -> None:
    """Remove what no longer is current, add what is new; keep trace_common right."""
    # Versions are numbered in release order: one released before the current version but
    # ingested after it moves the current one up a number, its text unchanged. Its paragraphs
    # are still in place (ids are never reused, and every change of text replaces them), so
    # their rows only follow the number.
    conn.execute(
        "UPDATE trace_indexed SET version = (SELECT c.version FROM cables c "
        "WHERE c.id = trace_indexed.cable_id) WHERE pid IN (SELECT t.pid FROM trace_indexed t "
        "JOIN paragraphs p ON p.pid = t.pid AND p.cable_id = t.cable_id AND p.start = t.start "
        "AND p.end = t.end JOIN cables c ON c.id = t.cable_id WHERE c.version != t.version)")
    gone = conn.execute(
        "SELECT t.pid, t.cable_id, t.version, t.start, t.end FROM trace_indexed t "
        "LEFT JOIN paragraphs p ON p.pid = t.pid LEFT JOIN cables c ON c.id = p.cable_id "
        "WHERE p.pid IS NULL OR p.cable_id != t.cable_id OR c.version != t.version "
        "OR p.start != t.start OR p.end != t.end"
    ).fetchall()
    if gone:
        _remove(conn, gone)
        summary.removed = len(gone)
    new = conn.execute(
        _CURRENT + " LEFT JOIN trace_indexed t ON t.pid = p.pid WHERE t.pid IS NULL "
        "ORDER BY p.pid"
    ).fetchall()
    total = len(new)
    done = 0
    for batch in _chunks(new, BATCH):
        _add(conn, batch)
        done += len(batch)
        summary.added += len(batch)
        if progress:
            progress(done, total)


def _remove(conn: sqlite3.Connection, rows: list[tuple]) -> None:
    """Postings of paragraphs that are gone, recomputed from the version text they came from."""
    texts: dict[tuple[str, int], str] = {}
    for _, cable_id, version, _, _ in rows:
        key = (cable_id, version)
        if key not in texts:
            row = conn.execute("SELECT text FROM versions WHERE cable_id = ? AND version = ?",
                               key).fetchone()
            texts[key] = row[0] if row else ""
    orphans = [row[0] for row in rows if not texts[(row[1], row[2])]]
    conn.execute("BEGIN IMMEDIATE")
    try:
        for pid, cable_id, version, start, end in rows:
            grams = _paragraph_grams(texts[(cable_id, version)][start:end])
            conn.executemany("DELETE FROM trace_postings WHERE gram = ? AND pid = ?",
                             [(g, pid) for g in grams])
            conn.executemany("UPDATE trace_common SET df = df - 1 WHERE gram = ?",
                             [(g,) for g in grams])
            conn.execute("DELETE FROM trace_indexed WHERE pid = ?", (pid,))
        # a version deleted outright (never done by the store): find its postings by scanning
        for chunk in _chunks(orphans, 500):
            marks = ",".join("?" * len(chunk))
            conn.execute(f"DELETE FROM trace_postings WHERE pid IN ({marks})", chunk)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _add(conn: sqlite3.Connection, batch: list[tuple]) -> None:
    """Index new paragraphs; a 4-gram crossing COMMON paragraphs moves to trace_common."""
    postings: list[tuple[int, int]] = []
    for pid, _cable_id, _version, _start, _end, text in batch:
        postings.extend((g, pid) for g in _paragraph_grams(text))
    grams = sorted({g for g, _ in postings})
    conn.execute("BEGIN IMMEDIATE")
    try:
        common: set[int] = set()
        for chunk in _chunks(grams, 500):
            marks = ",".join("?" * len(chunk))
            common.update(g for (g,) in conn.execute(
                f"SELECT gram FROM trace_common WHERE gram IN ({marks})", chunk))
        counts: dict[int, int] = {}
        for g, _ in postings:
            if g in common:
                counts[g] = counts.get(g, 0) + 1
        conn.executemany("UPDATE trace_common SET df = df + ? WHERE gram = ?",
                         [(n, g) for g, n in counts.items()])
        conn.executemany("INSERT OR IGNORE INTO trace_postings (gram, pid) VALUES (?, ?)",
                         sorted(p for p in postings if p[0] not in common))
        conn.executemany("INSERT OR REPLACE INTO trace_indexed VALUES (?, ?, ?, ?, ?)",
                         [row[:5] for row in batch])
        fresh = [g for g in grams if g not in common]
        for chunk in _chunks(fresh, 500):
            marks = ",".join("?" * len(chunk))
            over = conn.execute(
                f"SELECT gram, count(*) FROM trace_postings WHERE gram IN ({marks}) "
                f"GROUP BY gram HAVING count(*) > ?", (*chunk, COMMON)).fetchall()
            for g, n in over:
                conn.execute("INSERT INTO trace_common (gram, df) VALUES (?, ?)", (g, n))
                conn.execute("DELETE FROM trace_postings WHERE gram = ?", (g,))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def lookup(conn: sqlite3.Connection, grams: Iterable[int]) -> dict[int, list[int]]:
    """Paragraphs (pids) holding each of `grams`; boilerplate and unknown 4-grams are absent."""
    wanted = sorted(set(grams))
    found: dict[int, list[int]] = {}
    for chunk in _chunks(wanted, 900):
        marks = ",".join("?" * len(chunk))
        for g, pid in conn.execute(
                f"SELECT gram, pid FROM trace_postings WHERE gram IN ({marks})", chunk):
            found.setdefault(g, []).append(pid)
    return found
