"""The corpus as columns: what facets, filters, ranking and date order read for every hit at once.

A search that matches 200,000 paragraphs must map each to its cable, count it under its origin,
year, tags and marking, and rank it, in milliseconds. Row by row through SQL that is seconds; as
numpy arrays indexed by pid and by cable ordinal it is a few passes in C.

- Cables are numbered by ID order (`ordinal`), so ordinal order is ID order.
- Per cable: sort rank of `created`, year, origin and classification codes, tags and the
  markings of its paragraphs (as pairs: ordinal, code).
- Per pid (paragraph rowid): cable ordinal (-1: no such paragraph), marking code, length in
  tokens as the full-text index counted them (for BM25).

Built from the store's tables (about 8 s at 251,287 cables), kept in memory per database file,
and saved in `search_columns` (one BLOB per array) when the connection may write, so the next
process loads them in a fraction of a second. A stamp of the store's high-water marks (largest
cable rowid, pid and version rowid) tells whether they still describe the database: every ingest
that changes a cable moves one of them.

Each `Columns` also keeps `terms`: the hit arrays of the words and phrases searched lately
(a bounded cache; `Terms`). A term recurs across queries, pages and facet clicks, and at full size
reading a common word's paragraphs from the full-text index is most of a search's time. The
cache belongs to the columns, so it lives exactly as long as they describe the database, and
search uses it only when they are current (`columns_and_stamp`).
"""

from __future__ import annotations

import functools
import json
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any
from urllib.parse import quote

import numpy as np

FORMAT = 2  # of the saved arrays: a different one is rebuilt, never read
K1, B = 1.2, 0.75  # BM25's term-frequency saturation and length normalisation
# memory for the hit arrays of recent terms, per database (a common word's cable hits at full
# size take about 2 MB; no single term may take more than a quarter of it)
TERM_CACHE_BYTES = 64 << 20


class Terms:
    """A bounded cache of per-term hit arrays, least recently used evicted first.

    What is stored is never changed: the arrays are made read-only, so a caller that tried to
    write into a cached hit set would fail loudly instead of corrupting later answers. Safe to
    share between the web server's threads.
    """

    def __init__(self, budget: int = TERM_CACHE_BYTES) -> None:
        self.budget = budget
        self.used = 0
        self._items: OrderedDict[Hashable, tuple[np.ndarray, ...]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: Hashable) -> tuple[np.ndarray, ...] | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: Hashable, arrays: tuple[np.ndarray, ...]) -> None:
        size = _nbytes(arrays)
        if size > self.budget // 4:
            return
        for a in arrays:
            a.flags.writeable = False
        with self._lock:
            if key in self._items:
                return
            self._items[key] = arrays
            self.used += size
            while self.used > self.budget:
                _, dropped = self._items.popitem(last=False)
                self.used -= _nbytes(dropped)


def _nbytes(arrays: tuple[np.ndarray, ...]) -> int:
    """Bytes held, an array that appears twice (a paragraph hit's keys are its pids) once."""
    return sum(a.nbytes for a in {id(a): a for a in arrays}.values())


@dataclass(slots=True)
class Columns:
    """Arrays over cable ordinals and pids, with the tables their codes index."""

    stamp: str
    cable_ids: list[str]            # ordinal -> ID
    created: list[str | None]       # ordinal -> created, as stored
    origins: list[str | None]       # origin code -> value
    classifications: list[str | None]
    tags: list[str]
    markings: list[str | None]      # marking code -> value; code 0 is None (unmarked)
    created_rank: np.ndarray        # int32 per cable: order of `created`; -1 when unknown
    year: np.ndarray                # int32 per cable; -1 when unknown
    origin: np.ndarray              # int32 code per cable
    classification: np.ndarray      # int32 code per cable
    tag_cable: np.ndarray           # int32: one entry per (cable, tag), sorted by cable
    tag_code: np.ndarray            # int32
    marked_cable: np.ndarray        # int32: per (cable, marking) of its paragraphs, sorted
    marked_code: np.ndarray         # int32
    pid_cable: np.ndarray           # int32 per pid: cable ordinal, -1 for no paragraph
    pid_marking: np.ndarray         # int32 per pid: marking code
    pid_length: np.ndarray          # float32 per pid: tokens
    paragraphs: int                 # paragraphs in the corpus
    average_length: float           # tokens per paragraph
    dates: list[str] = field(init=False)  # created rank -> created
    tag_start: np.ndarray = field(init=False)     # per cable + 1: where its tags start
    marked_start: np.ndarray = field(init=False)  # per cable + 1: where its markings start
    pid_weight: np.ndarray = field(init=False)    # BM25's length factor per pid
    years: list[int] = field(init=False)          # year code -> year (-1: unknown), ascending
    year_code: np.ndarray = field(init=False)     # int32 per cable: its year's code
    index: dict[str, int] | None = field(init=False, default=None)  # ID -> ordinal, lazily
    # the pids of each cable (sorted by cable, then pid) and where each cable's start, lazily
    by_cable: tuple[np.ndarray, np.ndarray] | None = field(init=False, default=None)
    terms: Terms = field(init=False, default_factory=Terms)  # recent terms' hits (module doc)

    def __post_init__(self) -> None:
        every = np.arange(len(self.cable_ids) + 1)
        self.tag_start = np.searchsorted(self.tag_cable, every)  # pairs are sorted by cable
        self.marked_start = np.searchsorted(self.marked_cable, every)
        length = self.pid_length / np.float32(self.average_length)
        self.pid_weight = np.float32(K1 + 1) / (1 + K1 * (1 - B + B * length))
        years, year_code = np.unique(self.year, return_inverse=True)
        self.years, self.year_code = years.tolist(), year_code.astype(np.int32)
        dates: list[str] = [""] * (int(self.created_rank.max()) + 1 if self.cable_ids else 0)
        for n, rank in enumerate(self.created_rank.tolist()):
            if rank >= 0:
                dates[rank] = self.created[n] or ""  # a rank: a date
        self.dates = dates

    @property
    def cables(self) -> int:
        return len(self.cable_ids)

    def pairs(self, starts: np.ndarray, cables: np.ndarray) -> np.ndarray:
        """Indices of the (cable, value) pairs of `cables`, given a pair table's `starts`."""
        first, last = starts[cables], starts[cables + 1]
        counts = last - first
        total = int(counts.sum())
        if not total:
            return np.zeros(0, dtype=np.int64)
        shift = np.repeat(first - np.cumsum(counts) + counts, counts)
        return shift + np.arange(total)

    def pids_of(self, cables: np.ndarray) -> np.ndarray:
        """The pids of these cables' paragraphs, sorted (a cable filter at paragraph level that
        selects few cables need not look at every paragraph)."""
        if self.by_cable is None:  # made on first use (0.2 s at full size)
            order = np.argsort(self.pid_cable, kind="stable")
            owners = self.pid_cable[order]
            self.by_cable = (order[np.searchsorted(owners, 0):].astype(np.int64),
                             np.searchsorted(owners[owners >= 0], np.arange(self.cables + 1)))
        pids, starts = self.by_cable
        return np.sort(pids[self.pairs(starts, cables)])

    def ordinals(self, ids: list[str]) -> np.ndarray:
        """Cable ordinals of `ids` (IDs not in the corpus are left out), sorted."""
        if self.index is None:  # made on first use: only the rarer fields need it
            self.index = {cid: n for n, cid in enumerate(self.cable_ids)}
        index = self.index
        return np.array(sorted({index[i] for i in ids if i in index}), dtype=np.int64)


ARRAYS = [f.name for f in fields(Columns) if f.type == "np.ndarray" and f.init]
_TABLES = ("cable_ids", "created", "origins", "classifications", "tags", "markings")
SYNC_BUILD_SECONDS = 1.0  # a longer build is redone in the background while the old serves
_CACHE: dict[str, Columns] = {}
_SECONDS: dict[str, float] = {}  # how long the last build of each database took
_THREADS: dict[str, threading.Thread] = {}
_LOCK = threading.Lock()


def stamp(conn: sqlite3.Connection) -> str:
    """The store's high-water marks: cheap (three index lookups) and moved by every change."""
    row = conn.execute(
        "SELECT (SELECT max(rowid) FROM cables), (SELECT max(pid) FROM paragraphs), "
        "(SELECT max(rowid) FROM versions)").fetchone()
    return f"{FORMAT}:{row[0] or 0}:{row[1] or 0}:{row[2] or 0}"


def columns(conn: sqlite3.Connection, rebuild: bool = False) -> Columns:
    """The columns of the database behind `conn`, current: from memory, from `search_columns`,
    or built (and saved there when `conn` may write). `rebuild`: build them whatever exists.
    See `columns_and_stamp`."""
    return columns_and_stamp(conn, rebuild)[0]


def columns_and_stamp(conn: sqlite3.Connection, rebuild: bool = False) -> tuple[Columns, str]:
    """The columns (as `columns`) and the database's stamp read in the same snapshot: the
    columns are current when theirs is that stamp (not while they are rebuilt in the background,
    below), and only then may what was derived from them and the index be reused.

    While a writer ingests into a big corpus, every commit moves the stamp; rebuilding then
    would make each search wait seconds. So when the last build of this database took more than
    SYNC_BUILD_SECONDS, the columns in memory go on serving while a thread builds the new ones
    (a search meanwhile does not see the cables committed since: index entries newer than the
    columns are left out). `settle()` waits for that thread.
    """
    key = _database_path(conn)
    if not rebuild:  # the common case, current columns in memory, takes no lock: the web
        with snapshot(conn):  # server's threads would queue on it behind each other's reads
            cached = _CACHE.get(key)
            current = stamp(conn)
            if cached is not None and cached.stamp == current:
                return cached, current
    with _LOCK:
        with snapshot(conn):  # the stamp and every array from the same commit
            current = stamp(conn)
            cached = _CACHE.get(key)
            if cached is not None and not rebuild:
                if cached.stamp == current:
                    return cached, current
                if _SECONDS.get(key, 0.0) > SYNC_BUILD_SECONDS and Path(key).is_file():
                    _refresh_later(key)
                    return cached, current
            started = time.monotonic()
            found = None if rebuild else _load(conn, current)
            built = found is None
            if found is None:
                found = _build(conn, current)
                _SECONDS[key] = time.monotonic() - started
        if built:
            _save(conn, found)
        _CACHE[key] = found
        return found, current


def saved(conn: sqlite3.Connection) -> bool:
    """Whether the database holds columns that are current: a process then loads, not builds."""
    with snapshot(conn):
        return _saved_stamps(conn) == {stamp(conn)}


def ensure_saved(conn: sqlite3.Connection) -> None:
    """Make the columns saved in the database current, building them only if they are not; for
    commands that leave the searching to later processes (`ingest`, `serve`), so nothing is
    loaded for nothing."""
    if saved(conn):
        return
    found = columns(conn)  # from memory (not saved then), or built and saved
    if _saved_stamps(conn) != {found.stamp}:
        _save(conn, found)


def settle(timeout: float | None = None) -> None:
    """Wait for the columns being built in the background (see `columns`)."""
    for thread in list(_THREADS.values()):
        thread.join(timeout)


def _refresh_later(key: str) -> None:
    """Build the columns of the database at `key` in a thread, on a connection of its own, and
    put them in memory when done (called with _LOCK held)."""
    if key in _THREADS:
        return

    def work() -> None:
        try:
            conn = sqlite3.connect(f"file:{quote(key)}?mode=ro", uri=True)
            try:
                with snapshot(conn):
                    current = stamp(conn)
                    started = time.monotonic()
                    found = _load(conn, current) or _build(conn, current)
                    seconds = time.monotonic() - started
            finally:
                conn.close()
            with _LOCK:
                _CACHE[key] = found
                _SECONDS[key] = seconds
        except sqlite3.Error:  # the file went away, or is locked: the next search tries again
            pass
        finally:
            with _LOCK:
                _THREADS.pop(key, None)

    thread = threading.Thread(target=work, daemon=True, name="cablescope-columns")
    _THREADS[key] = thread
    thread.start()


@contextmanager
def snapshot(conn: sqlite3.Connection) -> Iterator[None]:
    """Run several reads in one read transaction, so that they all see the same commit (a WAL
    reader otherwise sees each writer's commit as soon as it lands, between two statements).
    Inside a transaction already, that one is the snapshot."""
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN")
    try:
        yield
    finally:
        if conn.in_transaction:
            conn.execute("COMMIT")


def forget(conn: sqlite3.Connection | None = None) -> None:
    """Drop the in-memory columns (of one database, or all): for tests and after bulk changes."""
    with _LOCK:
        if conn is None:
            _CACHE.clear()
            _SECONDS.clear()
        else:
            _CACHE.pop(_database_path(conn), None)
            _SECONDS.pop(_database_path(conn), None)


def _database_path(conn: sqlite3.Connection) -> str:
    for _, name, path in conn.execute("PRAGMA database_list"):
        if name == "main":
            return _resolved(path) if path else f":memory:{id(conn)}"
    return f":memory:{id(conn)}"


@functools.lru_cache(maxsize=64)
def _resolved(path: str) -> str:
    """The file behind `path`, links followed: one key per file, however it was opened (every
    search asks, and resolving costs a system call per folder)."""
    return str(Path(path).resolve())


# --- build ---------------------------------------------------------------------------------------


def _codes(values: list[str | None]) -> tuple[np.ndarray, list[str | None]]:
    """Values -> (codes, table), codes in value order (None first, as SQL sorts NULL)."""
    index: dict[str | None, int] = {}
    arrival = np.fromiter((index.setdefault(v, len(index)) for v in values), dtype=np.int32,
                          count=len(values))
    table, remap = _in_value_order(index)
    return remap[arrival], table


def _chunks(cursor: sqlite3.Cursor, size: int = 100_000) -> Iterator[list[Any]]:
    while rows := cursor.fetchmany(size):
        yield rows


def _in_value_order(index: dict[Any, int]) -> tuple[list[Any], np.ndarray]:
    """Codes handed out in order of arrival -> the table in value order (None first, as SQL
    sorts NULL) and the array that maps an arrival code to its place in it."""
    table = sorted(index, key=lambda v: (v is not None, v or ""))
    remap = np.zeros(len(index), dtype=np.int32)
    for n, value in enumerate(table):
        remap[index[value]] = n
    return table, remap


def _pairs(cursor: sqlite3.Cursor, index: dict[str, int]) -> tuple[np.ndarray, np.ndarray,
                                                                     list[Any]]:
    """(cable ID, value) rows -> cable ordinals (-1: no such cable), value codes in value
    order, and the value table."""
    values: dict[Any, int] = {}
    cables, codes = [np.zeros(0, dtype=np.int32)], [np.zeros(0, dtype=np.int32)]
    for rows in _chunks(cursor):
        cables.append(np.fromiter((index.get(c, -1) for c, _ in rows), dtype=np.int32,
                                  count=len(rows)))
        codes.append(np.fromiter((values.setdefault(v, len(values)) for _, v in rows),
                                 dtype=np.int32, count=len(rows)))
    table, remap = _in_value_order(values)
    return np.concatenate(cables), remap[np.concatenate(codes)], table


def _varint(blob: bytes) -> int:
    """The first varint of an FTS5 docsize blob: a paragraph's token count."""
    value = 0
    for byte in blob:
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value
    return value


def _build(conn: sqlite3.Connection, current: str) -> Columns:
    rows = conn.execute("SELECT id, created, year, origin, classification FROM cables "
                        "ORDER BY id").fetchall()
    cable_ids = [r[0] for r in rows]
    index = {cid: n for n, cid in enumerate(cable_ids)}
    created = [r[1] for r in rows]
    dated = sorted((c, n) for n, c in enumerate(created) if c is not None)
    created_rank = np.full(len(rows), -1, dtype=np.int32)
    rank = -1
    previous = None
    for c, n in dated:  # equal dates share a rank
        if c != previous:
            rank += 1
            previous = c
        created_rank[n] = rank
    year = np.fromiter(((r[2] if r[2] is not None else -1) for r in rows), dtype=np.int32,
                       count=len(rows))
    origin, origins = _codes([r[3] for r in rows])
    classification, classifications = _codes([r[4] for r in rows])

    # tags, paragraphs and their lengths are streamed: at 2.4 million paragraphs, rows held
    # as Python tuples would take most of a gigabyte
    tag_cable, code, tags = _pairs(conn.execute("SELECT cable_id, tag FROM tags"), index)
    keep = tag_cable >= 0
    order = np.lexsort((code[keep], tag_cable[keep]))  # by cable, then by tag
    tag_cable, tag_code = tag_cable[keep][order], code[keep][order]

    (max_pid,) = conn.execute("SELECT coalesce(max(pid), 0) FROM paragraphs").fetchone()
    pid_cable = np.full(max_pid + 1, -1, dtype=np.int32)
    pid_marking = np.zeros(max_pid + 1, dtype=np.int32)
    marking_index: dict[str | None, int] = {None: 0}  # code 0: unmarked
    for rows in _chunks(conn.execute("SELECT pid, cable_id, marking FROM paragraphs")):
        pids = np.fromiter((p for p, _, _ in rows), dtype=np.int64, count=len(rows))
        pid_cable[pids] = np.fromiter((index.get(c, -1) for _, c, _ in rows), dtype=np.int32,
                                      count=len(rows))
        pid_marking[pids] = np.fromiter(
            (marking_index.setdefault(m, len(marking_index)) for _, _, m in rows),
            dtype=np.int32, count=len(rows))
    markings, remap = _in_value_order(marking_index)
    pid_marking = remap[pid_marking]
    marked = pid_cable >= 0
    pairs = np.unique(pid_cable[marked].astype(np.int64) * 65536 + pid_marking[marked])
    pairs = pairs[pairs % 65536 != 0]  # unmarked paragraphs make no pair
    marked_cable = (pairs // 65536).astype(np.int32)
    marked_code = (pairs % 65536).astype(np.int32)

    pid_length = np.zeros(max_pid + 1, dtype=np.float32)
    for rows in _chunks(conn.execute("SELECT id, sz FROM paragraphs_fts_docsize WHERE id <= ?",
                                     (max_pid,))):
        ids = np.fromiter((i for i, _ in rows), dtype=np.int64, count=len(rows))
        pid_length[ids] = np.fromiter((_varint(sz) for _, sz in rows), dtype=np.float32,
                                      count=len(rows))
    present = pid_cable >= 0
    paragraphs = int(present.sum())
    average = float(pid_length[present].mean()) if paragraphs else 1.0
    return Columns(current, cable_ids, created, origins, classifications, tags, markings,
                   created_rank, year, origin, classification, tag_cable, tag_code,
                   marked_cable, marked_code, pid_cable, pid_marking, pid_length, paragraphs,
                   max(average, 1.0))


# --- save and load --------------------------------------------------------------------------------


def _save(conn: sqlite3.Connection, cols: Columns) -> None:
    """Keep the columns in the database for the next process, when `conn` may write."""
    if conn.in_transaction:
        return
    meta = {name: getattr(cols, name) for name in _TABLES}
    meta["arrays"] = {name: [str(getattr(cols, name).dtype), len(getattr(cols, name))]
                      for name in ARRAYS}
    meta["paragraphs"] = cols.paragraphs
    meta["average_length"] = cols.average_length
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("DELETE FROM search_columns")
            conn.execute("INSERT INTO search_columns VALUES ('values', ?, ?)",
                         (cols.stamp, json.dumps(meta).encode()))
            conn.executemany("INSERT INTO search_columns VALUES (?, ?, ?)",
                             ((name, cols.stamp, getattr(cols, name).tobytes())
                              for name in ARRAYS))
            conn.execute("COMMIT")
        finally:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
    except sqlite3.OperationalError:  # read-only file, or busy with a writer: build next time
        return


def _saved_stamps(conn: sqlite3.Connection) -> set[str]:
    try:
        return {s for (s,) in conn.execute("SELECT DISTINCT stamp FROM search_columns")}
    except sqlite3.OperationalError:  # no such table: a database older than this migration
        return set()


def _load(conn: sqlite3.Connection, current: str) -> Columns | None:
    """The saved columns, if they are the current ones (their stamps are checked before any
    array is read)."""
    if _saved_stamps(conn) != {current}:
        return None
    rows = dict(conn.execute("SELECT name, data FROM search_columns"))
    if "values" not in rows or any(name not in rows for name in ARRAYS):
        return None
    meta = json.loads(rows["values"])
    arrays: dict[str, Any] = {}  # by field name: the arrays of ARRAYS
    for name in ARRAYS:
        dtype, length = meta["arrays"][name]
        arrays[name] = np.frombuffer(rows[name], dtype=dtype, count=length)
    tables: dict[str, Any] = {name: meta[name] for name in _TABLES}
    return Columns(current, **tables, **arrays,
                   paragraphs=meta["paragraphs"], average_length=meta["average_length"])
