"""The single writer: puts versions, the current cable's rows and problems into the database.

Rules it enforces (docs/schema.md, "Versions"):
- a version whose header+text hash is already stored for that cable changes nothing;
- any other text becomes a new `versions` row; versions are numbered 1, 2, ... in the order they
  were released (the container's release date, else the date the version was seen, then ingest
  order; a version without a date counts as older than any dated one), so a version ingested
  after a newer one takes its place in that order and the later ones move up by one; a row's
  text and dates are never changed;
- the current version is the highest numbered (the newest); only when the new version is the
  newest are the cable's `cables`, `paragraphs`, `refs`, `tags` and `recipients` rows replaced
  from it;
- `paragraphs_fts` (external content) follows `paragraphs` in the same transaction: deletions are
  applied per cable, insertions in one statement per commit (the bulk path).
Paragraph ids (`pid`) only grow, so an id is never reused for another paragraph.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime
from enum import StrEnum

from cablescope.sources.record import Problem
from cablescope.store.rows import CABLE_COLUMNS, VersionRows

NEXT_PID_KEY = "paragraphs:next_pid"

_INSERT_CABLE = (
    f"INSERT OR REPLACE INTO cables ({', '.join(CABLE_COLUMNS)}, version) "
    f"VALUES ({', '.join('?' * (len(CABLE_COLUMNS) + 1))})"
)
# How each table's rows are written, in the column order of `rows` (and of the Parquet tables
# `cablescope spark ingest` writes).
INSERTS = {
    "versions": "INSERT INTO versions (cable_id, version, sha256, seen, released, source, "
                "locator, format, ingested_at, header, text, meta) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "cables": _INSERT_CABLE,
    "paragraphs": "INSERT INTO paragraphs (pid, cable_id, seq, number, marking, heading, start, "
                  "end, text, marking_raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "refs": "INSERT INTO refs (citing, seq, letter, raw, cited, kind, post, post_match) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    "tags": "INSERT OR IGNORE INTO tags (cable_id, tag, kind, seq) VALUES (?, ?, ?, ?)",
    "recipients": "INSERT INTO recipients (cable_id, seq, kind, name) VALUES (?, ?, ?, ?)",
    "problems": "INSERT OR IGNORE INTO problems (source, locator, reason, recorded_at) "
                "VALUES (?, ?, ?, ?)",
}


# What the database raises for one bad version (not for a full disk or a lock).
REFUSED = (sqlite3.IntegrityError, sqlite3.InterfaceError, sqlite3.DataError,
           sqlite3.ProgrammingError, UnicodeEncodeError, OverflowError)


class Outcome(StrEnum):
    """What writing one version did."""

    NEW_CABLE = "new_cable"  # first version of a cable
    NEW_CURRENT = "new_current"  # a new version of a known cable, now its current one
    NEW_VERSION = "new_version"  # a new version of a known cable, older than its current one
    UNCHANGED = "unchanged"  # this exact text was already stored for this cable


def version_key(seen: str | None, order: int,
                released: str | None = None) -> tuple[bool, str, str, int]:
    """Sort key of a version: dated after undated, then by release date (the container's, else
    when the version was seen), then by the day it was seen, then by ingest order."""
    release = (released or "")[:16] or (seen or "")
    return (bool(release), release, seen or "", order)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Writer:
    """Writes into an open transaction of `conn`; the caller begins and calls `commit`."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.next_pid = 1
        self._unindexed_from: int | None = None  # first pid not yet in paragraphs_fts
        self.stamp = now()

    def begin(self) -> None:
        """Open the write transaction; its start time is the `ingested_at` of what it adds.

        The paragraph id counter is read inside it, so writers in other processes, taking
        turns between transactions, never hand out the same ids.
        """
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        self.stamp = now()
        stored = conn.execute("SELECT value FROM meta WHERE key = ?", (NEXT_PID_KEY,)).fetchone()
        (max_pid,) = conn.execute("SELECT coalesce(max(pid), 0) FROM paragraphs").fetchone()
        self.next_pid = max(int(stored[0]) if stored else 1, max_pid + 1)

    def commit(self) -> None:
        """Index this transaction's new paragraphs, record the pid counter, commit."""
        if self._unindexed_from is not None:
            self.conn.execute(
                "INSERT INTO paragraphs_fts (rowid, text) "
                "SELECT pid, text FROM paragraphs WHERE pid >= ?",
                (self._unindexed_from,),
            )
            self._unindexed_from = None
        self.conn.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
            (NEXT_PID_KEY, str(self.next_pid)),
        )
        self.conn.execute("COMMIT")

    def rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")
        self._unindexed_from = None

    def problem(self, problem: Problem) -> bool:
        """Record a problem; False when this exact problem was already recorded."""
        cur = self.conn.execute(
            INSERTS["problems"], (problem.source, problem.locator, problem.reason, self.stamp))
        return cur.rowcount > 0

    def add_rows(self, table: str, rows: Sequence[tuple]) -> None:
        """Insert finished rows of one store table, as they are (`cablescope load`: tables built
        elsewhere by the same `rows` functions, versions already numbered). Paragraphs get
        the next pids and are indexed at commit; rows in `INSERTS` column order (no pid)."""
        if table == "paragraphs" and rows:
            first = self.next_pid
            if self._unindexed_from is None:
                self._unindexed_from = first
            rows = [(first + i, *r) for i, r in enumerate(rows)]
            self.next_pid = first + len(rows)
        self.conn.executemany(INSERTS[table], rows)

    def write_or_problem(self, rows: VersionRows) -> Outcome | Problem:
        """`write`, but a version the database refuses (a value it cannot hold, a duplicate key
        from the parser) becomes a recorded Problem instead of ending the transaction."""
        self.conn.execute("SAVEPOINT version")
        try:
            outcome = self.write(rows)
        except REFUSED as exc:
            self.conn.execute("ROLLBACK TO version")
            self.conn.execute("RELEASE version")
            problem = Problem(rows.source, rows.locator,
                              f"cannot store {rows.cable_id}: {type(exc).__name__}: {exc}")
            self.problem(problem)
            return problem
        self.conn.execute("RELEASE version")
        return outcome

    def write(self, rows: VersionRows) -> Outcome:
        """Store one version of one cable, following the rules in the module docstring."""
        conn = self.conn
        existing = conn.execute(
            "SELECT rowid, version, sha256, seen, released FROM versions WHERE cable_id = ?",
            (rows.cable_id,),
        ).fetchall()
        if any(sha == rows.sha256 for _, _, sha, _, _ in existing):
            return Outcome.UNCHANGED
        for note in rows.notes:
            self.problem(Problem(rows.source, rows.locator, note))
        newest = max((rowid for rowid, *_ in existing), default=0) + 1
        key = version_key(rows.seen, newest, rows.released)
        later = [version for rowid, version, _, seen, released in existing
                 if version_key(seen, rowid, released) > key]
        version = min(later, default=len(existing) + 1)
        if later:  # released before versions already stored: they move up by one
            conn.execute("UPDATE versions SET version = -version - 1 "
                         "WHERE cable_id = ? AND version >= ?", (rows.cable_id, version))
            conn.execute("UPDATE versions SET version = -version "
                         "WHERE cable_id = ? AND version < 0", (rows.cable_id,))
        conn.execute(
            INSERTS["versions"],
            (rows.cable_id, version, rows.sha256, rows.seen, rows.released, rows.source,
             rows.locator, rows.format, self.stamp, rows.header, rows.text, rows.meta),
        )
        if later:
            conn.execute("UPDATE cables SET version = version + 1 WHERE id = ? AND version >= ?",
                         (rows.cable_id, version))
            return Outcome.NEW_VERSION
        if existing:
            self._clear_current(rows.cable_id)
        self._insert_current(rows, version)
        return Outcome.NEW_CURRENT if existing else Outcome.NEW_CABLE

    def replace_current(self, rows: VersionRows, version: int) -> None:
        """Replace a cable's current rows with those of `rows`, its version `version` (a
        re-parse of a stored version)."""
        self._clear_current(rows.cable_id)
        self._insert_current(rows, version)

    def _clear_current(self, cable_id: str) -> None:
        conn = self.conn
        unindexed = self._unindexed_from if self._unindexed_from is not None else self.next_pid
        conn.execute(
            "INSERT INTO paragraphs_fts (paragraphs_fts, rowid, text) "
            "SELECT 'delete', pid, text FROM paragraphs WHERE cable_id = ? AND pid < ?",
            (cable_id, unindexed),
        )
        conn.execute("DELETE FROM paragraphs WHERE cable_id = ?", (cable_id,))
        conn.execute("DELETE FROM refs WHERE citing = ?", (cable_id,))
        conn.execute("DELETE FROM tags WHERE cable_id = ?", (cable_id,))
        conn.execute("DELETE FROM recipients WHERE cable_id = ?", (cable_id,))

    def _insert_current(self, rows: VersionRows, version: int) -> None:
        conn = self.conn
        cid = rows.cable_id
        conn.execute(_INSERT_CABLE, (*rows.cable, version))
        if rows.paragraphs:
            first = self.next_pid
            if self._unindexed_from is None:
                self._unindexed_from = first
            conn.executemany(INSERTS["paragraphs"],
                             [(first + i, cid, *p) for i, p in enumerate(rows.paragraphs)])
            self.next_pid = first + len(rows.paragraphs)
        if rows.refs:
            conn.executemany(INSERTS["refs"], [(cid, *r) for r in rows.refs])
        if rows.tags:
            conn.executemany(INSERTS["tags"], [(cid, *t) for t in rows.tags])
        if rows.recipients:
            conn.executemany(INSERTS["recipients"], [(cid, *r) for r in rows.recipients])


class Transaction:
    """Many versions and problems per transaction, for `ingest`.

    Versions are written without a savepoint each: savepoints make FTS5 tables (the paragraph
    index, and other layers' indexes kept by triggers) flush their pending data every time,
    which costs about a tenth of the writing. The rare version the database refuses rolls the
    whole transaction back, and it is written again item by item with savepoints, the refused
    version becoming a Problem. So the items of the open transaction are kept until it commits.
    """

    def __init__(self, writer: Writer) -> None:
        self.writer = writer
        self._items: list[VersionRows | Problem] = []
        self._outcomes: list[Outcome | Problem] = []

    def __len__(self) -> int:
        return len(self._items)

    def add(self, item: VersionRows | Problem) -> None:
        if not self.writer.conn.in_transaction:
            self.writer.begin()
        self._items.append(item)
        if isinstance(item, Problem):
            self.writer.problem(item)
            self._outcomes.append(item)
            return
        try:
            self._outcomes.append(self.writer.write(item))
        except REFUSED:
            self._replay()

    def _replay(self) -> None:
        self.writer.rollback()
        self.writer.begin()
        self._outcomes = []
        for item in self._items:
            if isinstance(item, Problem):
                self.writer.problem(item)
                self._outcomes.append(item)
            else:
                self._outcomes.append(self.writer.write_or_problem(item))

    def commit(self) -> list[Outcome | Problem]:
        """Commit; what each item did (a Problem for a reader's problem or a refused version)."""
        if self.writer.conn.in_transaction:
            self.writer.commit()
        done, self._items, self._outcomes = self._outcomes, [], []
        return done

    def rollback(self) -> None:
        self.writer.rollback()
        self._items, self._outcomes = [], []
