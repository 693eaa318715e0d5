"""The trace index: hashed word 4-grams of every paragraph, built once, kept up to date.

Tables (created by the migration `trace.0001_ngram_index`):

- `trace_postings(block, grams, pids)` (migration `trace.0003_postings_in_blocks`, see
  `postings`): the postings (gram, pid), paragraph `pid` contains the 4-gram `gram` (a 62-bit
  hash of four word keys, see `keys`), packed in blocks of neighbouring hashes. Not every
  4-gram: the winnowed ones (the smallest hash of every four consecutive ones, about 40%), so
  that any run of seven words a quotation shares with the paragraph finds it. No positions:
  they are recomputed on the few paragraphs an article's words lead to.
- `trace_common(gram, df)`: 4-grams found in more than `COMMON` paragraphs (boilerplate such as
  "this cable was cleared by"). Their postings are dropped; a match on them says nothing.
- `trace_indexed(pid, cable_id, version, start, end)`: what was indexed for each paragraph: its
  cable, the cable version and its offsets in that version's text (versions are never changed,
  so the 4-grams of a paragraph since replaced can be recomputed and removed exactly).
- `trace_meta(key, value)`: the corpus fingerprint the index was last brought up to date with,
  and the bits of a hash that name its block (`block_bits`, chosen by the full build).

`update_index` compares `trace_indexed` with `paragraphs`: new paragraphs (a later ingest) are
added, paragraphs of a cable whose current version changed are replaced, removed ones removed.
A full build (the first, or `rebuild`) computes the 4-grams of chunks of paragraphs at once
(`keys.winnowed_many`), in one worker process per core for a big corpus, stages them on disk by
key range and turns each range, sorted, into blocks, so trace_postings is a few million blob
rows written left to right (docs/benchmarks.md has the figures at 251,287 realistic cables).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import numpy as np

from cablescope.errors import CablescopeError
from cablescope.store.workers import (
    IN_FLIGHT_PER_WORKER,
    answer,
    child_pipes,
    read_frame,
    receive,
    spawn,
    stop,
    write_frame,
)
from cablescope.trace import postings as _blocks
from cablescope.trace.keys import WINNOW, winnowed, winnowed_many, word_keys

COMMON = 500  # a 4-gram in more paragraphs than this is boilerplate
BATCH = 2000  # paragraphs per write transaction of an update
BUILD_CHUNK = 10_000  # paragraphs per unit of work of a full build
PARALLEL_FROM = 50_000  # paragraphs from which a full build uses worker processes
PARTS = 16  # a full build stages its postings in PARTS files, each a range of the keys
INDEX_VERSION = "3"  # bump when keys, hashing or winnowing change: the index is then rebuilt

# The tables (trace_postings, trace_common, trace_indexed, trace_meta): migrations
# trace.0001_ngram_index and trace.0003_postings_in_blocks, in store/sql/.
# Version 3: postings packed in blocks (an index of version 2 is rebuilt).


def _part_starts(parts: int) -> np.ndarray:
    """Where each of a full build's key ranges starts, cut so that each holds the same share
    of the postings. A kept 4-gram is the smallest hash of a window (WINNOW = 4), so small keys
    are far commoner: a random hash of value x (as a fraction of the range, y = 1 - x) is kept
    with probability 4y^3 - 3y^4 (inclusion-exclusion over its four windows), a share
    F(x) = 1 - 2.5y^4 + 1.5y^5 of the postings lies below x (equal ranges would give the first
    of 16 parts 15.5%, the last 0.002%: the measured shares). Equal parts make pass 2's sorts
    one size (a worker's peak memory) and its workers' work equal."""
    assert WINNOW == 4, "the cut below is derived for windows of 4"
    starts = []
    for i in range(parts):
        low, high = 0.0, 1.0
        for _ in range(60):  # bisection: F is increasing
            x = (low + high) / 2
            y = 1 - x
            low, high = (x, high) if 1 - 2.5 * y**4 + 1.5 * y**5 < i / parts else (low, x)
        starts.append(int(low * (1 << 62)))
    return np.array(starts, dtype=np.uint64)


_PART_STARTS = _part_starts(PARTS)


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


def _bits(conn: sqlite3.Connection) -> int:
    value = _meta(conn, "block_bits")
    return int(value) if value else 0


def indexed_paragraphs(conn: sqlite3.Connection) -> int:
    """How many paragraphs the index covers (the N of inverse document frequencies)."""
    value = _meta(conn, "paragraphs") if has_tables(conn) else None
    return int(value) if value else 0


def _paragraph_grams(text: str) -> set[int]:
    return winnowed(word_keys(text, cable=True))


def _postings(texts: Sequence[str], pids: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
    """The winnowed 4-grams of many paragraphs: (gram, pid) pairs, each once, by pid then gram
    (the same as `_paragraph_grams` of each, in one numpy pass)."""
    grams, owners = winnowed_many([word_keys(text, cable=True) for text in texts])
    return grams, np.asarray(pids, dtype=np.int64)[owners]


def update_index(conn: sqlite3.Connection, *, rebuild: bool = False,
                 progress: Progress | None = None, workers: int | None = None) -> IndexSummary:
    """Bring the trace index up to date with the paragraphs table (build it the first time).

    `conn` must be writable, in autocommit mode, with the trace migration applied. `workers`:
    processes computing a full build's 4-grams (default: one per core for a big corpus, none
    for a small one); updates are computed in this process.
    """
    started = time.monotonic()
    summary = IndexSummary()
    if not has_tables(conn):
        raise IndexMissing("the trace tables are missing: open the database with the store "
                           "after importing cablescope.trace.index")
    # what the index is made from: a concurrent ingest after this point leaves it stale, so
    # the next update adds what that ingest wrote
    corpus = fingerprint(conn)
    if rebuild or _meta(conn, "index_version") not in (None, INDEX_VERSION):
        rebuild = True
    if not rebuild and _meta(conn, "fingerprint") is not None and _outgrown(conn):
        rebuild = True  # more new paragraphs than indexed ones: a build is faster
    if rebuild or _meta(conn, "fingerprint") is None:
        summary.rebuilt = True
        _clear(conn)
        _full_build(conn, summary, progress, workers)
    else:
        _incremental(conn, summary, progress)
    conn.execute("BEGIN IMMEDIATE")
    try:
        paragraphs = conn.execute("SELECT count(*) FROM trace_indexed").fetchone()[0]
        meta = {"fingerprint": corpus, "index_version": INDEX_VERSION,
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


def _outgrown(conn: sqlite3.Connection) -> bool:
    indexed = conn.execute("SELECT count(*) FROM trace_indexed").fetchone()[0]
    total = conn.execute("SELECT count(*) FROM paragraphs").fetchone()[0]
    return total > 2 * indexed + BUILD_CHUNK


def _count_postings(conn: sqlite3.Connection) -> int:
    return _blocks.count(conn)


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


def _chunk(conn: sqlite3.Connection, low: int, high: int
           ) -> tuple[list[tuple[int, str, int, int, int]], np.ndarray, np.ndarray]:
    """The paragraphs with pids in [low, high]: their trace_indexed rows and postings."""
    rows = conn.execute(_CURRENT + " WHERE p.pid BETWEEN ? AND ? ORDER BY p.pid",
                        (low, high)).fetchall()
    grams, pids = _postings([r[5] for r in rows], [r[0] for r in rows])
    return [r[:5] for r in rows], grams, pids


def _full_build(conn: sqlite3.Connection, summary: IndexSummary, progress: Progress | None,
                workers: int | None) -> None:
    """Every paragraph, in two passes.

    1. The 4-grams of chunks of paragraphs, staged on disk in PARTS files by key range (so
       the files split the key range in order, each about as big as the others).
    2. Each file sorted in memory, its 4-grams of more than COMMON paragraphs put in
       trace_common and the rest cut into blocks (`postings`) appended to trace_postings in
       key order (a B-tree written left to right).

    With worker processes (a big corpus), both passes run in them: this process writes
    trace_indexed and the finished rows."""
    pids = [r[0] for r in conn.execute("SELECT pid FROM paragraphs ORDER BY pid")]
    total = len(pids)
    ranges = [(pids[i], pids[min(i + BUILD_CHUNK, total) - 1])
              for i in range(0, total, BUILD_CHUNK)]
    path = _database_file(conn)
    if workers is None:
        workers = (os.cpu_count() or 1) if total >= PARALLEL_FROM and path else 0
    if len(ranges) < 2 or not path:
        workers = 0
    with _staging_directory(path) as staging:
        staged = [os.path.join(staging, f"{i:02d}.bin") for i in range(PARTS)]
        pool = _IndexPool(workers, path) if workers > 0 else None
        try:
            chunks = (pool.map([("chunk", low, high) for low, high in ranges]) if pool
                      else (_chunk(conn, low, high) for low, high in ranges))
            with contextlib.ExitStack() as opened:
                files = [opened.enter_context(open(name, "wb")) for name in staged]
                done = 0
                for rows, grams, owners in chunks:
                    _stage(conn, rows, grams, owners, files)
                    done += len(rows)
                    summary.added += len(rows)
                    if progress:
                        progress(done, total)
            bits = _blocks.block_bits(sum(os.path.getsize(name) for name in staged) // 16)
            _write_in(conn, _set_meta, {"block_bits": str(bits)})
            parts = (pool.map([("part", name, bits) for name in staged]) if pool
                     else (_part_rows(name, bits) for name in staged))
            last: _blocks.Row | None = None  # a block may straddle two staging files
            for common, rows in parts:
                if last is not None:
                    if rows and rows[0][0] == last[0]:
                        rows[0] = (last[0], last[1] + rows[0][1], last[2] + rows[0][2])
                    else:
                        rows.insert(0, last)
                last = rows.pop() if rows else None
                _write_in(conn, _insert_part, common, rows)
            if last is not None:
                _write_in(conn, _insert_part, [], [last])
        except BaseException:
            if pool is not None:
                pool.close(abort=True)
            raise
        if pool is not None:
            pool.close()


def _staging_directory(path: str) -> tempfile.TemporaryDirectory[str]:
    """A scratch folder beside the database (the disk that holds the index also holds its
    staging, about 16 bytes a posting), else in the system's temporary folder."""
    if path:
        with contextlib.suppress(OSError):
            return tempfile.TemporaryDirectory(prefix=".cablescope-trace-",
                                               dir=os.path.dirname(path))
    return tempfile.TemporaryDirectory(prefix="cablescope-trace-")


def _stage(conn: sqlite3.Connection, rows: list[tuple[int, str, int, int, int]],
           grams: np.ndarray, pids: np.ndarray, files: list[Any]) -> None:
    """A chunk's trace_indexed rows written, its postings appended to the staging files."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.executemany("INSERT INTO trace_indexed VALUES (?, ?, ?, ?, ?)", rows)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    part = np.searchsorted(_PART_STARTS, grams, side="right") - 1
    order = np.argsort(part, kind="stable")
    bounds = np.searchsorted(part[order], np.arange(PARTS + 1))
    pairs = np.empty((len(grams), 2), dtype=np.int64)
    pairs[:, 0] = grams[order].view(np.int64)
    pairs[:, 1] = pids[order]
    for i in range(PARTS):
        if bounds[i + 1] > bounds[i]:
            pairs[bounds[i]:bounds[i + 1]].tofile(files[i])


def _write_in(conn: sqlite3.Connection, write: Callable[..., None], *args: Any) -> None:
    """`write(conn, *args)` in a transaction of its own."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        write(conn, *args)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _part_rows(staged: str, bits: int) -> tuple[list[tuple[int, int]], list[_blocks.Row]]:
    """Pass 2 of one staging file (in a worker for a big corpus): its postings sorted by (gram,
    pid) without the boilerplate 4-grams, as trace_postings rows, and those 4-grams as
    trace_common rows (gram, df). The file is removed."""
    pairs = np.fromfile(staged, dtype=np.int64).reshape(-1, 2)
    os.unlink(staged)
    # staged in pid order (chunks in pid order, each by pid then gram), so a stable sort by
    # gram alone gives (gram, pid) order: one sort key instead of two
    order = np.argsort(pairs[:, 0], kind="stable")
    grams, pids = pairs[order, 0].view(np.uint64), pairs[order, 1]
    del pairs, order
    if not len(grams):
        return [], []
    starts = np.flatnonzero(np.concatenate(([True], grams[1:] != grams[:-1])))
    df = np.diff(np.concatenate((starts, [len(grams)])))
    common = df > COMMON
    rows = list(zip(grams[starts[common]].tolist(), df[common].tolist(), strict=True))
    if rows:
        rare = np.repeat(~common, df)
        grams, pids = grams[rare], pids[rare]
    return rows, _blocks.rows(grams, pids, bits)


def _insert_part(conn: sqlite3.Connection, common: list[tuple[int, int]],
                 rows: list[_blocks.Row]) -> None:
    conn.executemany("INSERT INTO trace_common (gram, df) VALUES (?, ?)", common)
    conn.executemany("INSERT INTO trace_postings (block, grams, pids) VALUES (?, ?, ?)", rows)


def _database_file(conn: sqlite3.Connection) -> str:
    """The main database's file ('' for an in-memory one)."""
    for _, name, file in conn.execute("PRAGMA database_list"):
        if name == "main":
            return file or ""
    return ""


class _IndexPool:
    """Processes doing a full build's work (`_task`) on their own read-only connections;
    results in the order of the tasks."""

    def __init__(self, n: int, db: str) -> None:
        self._procs = spawn(_ENTRY, n)
        for proc in self._procs:
            assert proc.stdin is not None
            write_frame(proc.stdin, db)

    def map(self, tasks: list[tuple[Any, ...]]) -> Iterator[Any]:
        n = len(self._procs)
        owners: deque[int] = deque()
        for sent, task in enumerate(tasks):
            while len(owners) >= n * IN_FLIGHT_PER_WORKER:
                yield self._result(owners.popleft())
            stdin = self._procs[sent % n].stdin
            assert stdin is not None
            with contextlib.suppress(BrokenPipeError, OSError):  # died: its result says so
                write_frame(stdin, task)
            owners.append(sent % n)
        while owners:
            yield self._result(owners.popleft())

    def _result(self, index: int) -> Any:
        return receive(self._procs[index], CablescopeError, "trace index process")

    def close(self, abort: bool = False) -> None:
        if abort:
            for proc in self._procs:
                proc.kill()
        stop(self._procs, timeout=30)


_ENTRY = "from cablescope.trace.index import worker_main; worker_main()"


def _task(conn: sqlite3.Connection, task: tuple[Any, ...]) -> Any:
    if task[0] == "chunk":
        return _chunk(conn, task[1], task[2])
    return _part_rows(task[1], task[2])


def worker_main() -> None:
    """A trace index process: the database path, then tasks, on stdin; their results on
    stdout; until stdin closes."""
    source, sink = child_pipes()
    try:
        db = read_frame(source)
    except EOFError:
        return
    conn = sqlite3.connect(f"file:{quote(db)}?mode=ro", uri=True)
    answer(source, sink, lambda task: _task(conn, task))


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
    found = [(pid, _paragraph_grams(texts[(cable_id, version)][start:end]))
             for pid, cable_id, version, start, end in rows]
    grams = np.fromiter((g for _, gs in found for g in gs), dtype=np.uint64)
    pids = np.fromiter((pid for pid, gs in found for _ in gs), dtype=np.int64)
    conn.execute("BEGIN IMMEDIATE")
    try:
        _blocks.remove(conn, _bits(conn), grams, pids)
        conn.executemany("UPDATE trace_common SET df = df - 1 WHERE gram = ?",
                         [(g,) for g in grams.tolist()])
        conn.executemany("DELETE FROM trace_indexed WHERE pid = ?", [(r[0],) for r in rows])
        # a version deleted outright (never done by the store): find its postings by scanning
        _blocks.remove_paragraphs(conn, orphans)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _add(conn: sqlite3.Connection, batch: list[tuple]) -> None:
    """Index new paragraphs; a 4-gram crossing COMMON paragraphs moves to trace_common. The
    batch's distinct 4-grams go to a temporary table, so each question about them is one
    statement: which are boilerplate already, which cross the line now."""
    grams, pids = _postings([row[5] for row in batch], [row[0] for row in batch])
    distinct, per_gram = np.unique(grams, return_counts=True)
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS trace_batch (gram INTEGER PRIMARY KEY, "
                 "n INTEGER NOT NULL)")
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("DELETE FROM temp.trace_batch")
        conn.executemany("INSERT INTO temp.trace_batch VALUES (?, ?)",
                         zip(distinct.tolist(), per_gram.tolist(), strict=True))
        common = np.array([g for (g,) in conn.execute(
            "SELECT c.gram FROM temp.trace_batch b JOIN trace_common c ON c.gram = b.gram")],
            dtype=np.uint64)
        conn.execute("UPDATE trace_common SET df = df + (SELECT n FROM temp.trace_batch b "
                     "WHERE b.gram = trace_common.gram) "
                     "WHERE gram IN (SELECT gram FROM temp.trace_batch)")
        rare = ~np.isin(grams, common)
        over = _blocks.add(conn, _bits(conn), grams[rare], pids[rare], COMMON)
        conn.executemany("INSERT OR REPLACE INTO trace_indexed VALUES (?, ?, ?, ?, ?)",
                         [row[:5] for row in batch])
        conn.executemany("INSERT INTO trace_common (gram, df) VALUES (?, ?)", over)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def lookup(conn: sqlite3.Connection, grams: Iterable[int]) -> dict[int, list[int]]:
    """Paragraphs (pids, ascending) holding each of `grams`; boilerplate and unknown 4-grams
    are absent."""
    return _blocks.lookup(conn, _bits(conn), grams)
