"""The trace index's postings, packed in blocks of neighbouring 4-gram hashes.

`trace_postings(block, grams, pids)` (migration `trace.0003_postings_in_blocks`): a row per block,
the postings of the 4-grams whose hash starts with the block's `bits` high bits (of 62), as two
parallel arrays sorted by (gram, pid): `grams` little-endian unsigned 64-bit, `pids` unsigned
32-bit. A full build picks `bits` so that a block holds about `TARGET` postings (2**21 blocks for
the 112.7 M postings of 251,287 realistic cables), so writing the index is a few million blob
inserts instead of a row per posting, and looking up an article's 4-grams reads one small blob
per distinct block (a 1,600-word article: about 1,600 rows of under a kilobyte).
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Iterable, Iterator

import numpy as np

from cablescope.errors import CablescopeError

GRAM_BITS = 62  # a 4-gram hash is a 62-bit integer (keys._MASK)
TARGET = 64  # postings per block, on average, right after a full build
_GRAMS = np.dtype("<u8")
_PIDS = np.dtype("<u4")
_IN = 900  # values per `IN (...)` of a query

Row = tuple[int, bytes, bytes]


MIN_BITS = 10  # at least 1,024 blocks: an index built small and grown by updates stays split


def block_bits(postings: int) -> int:
    """How many high bits of a hash name its block, for an index of `postings` postings."""
    if postings <= TARGET << MIN_BITS:
        return MIN_BITS
    return min(GRAM_BITS, math.ceil(math.log2(postings / TARGET)))


def blocks_of(grams: np.ndarray, bits: int) -> np.ndarray:
    return np.asarray(grams, dtype=np.uint64) >> np.uint64(GRAM_BITS - bits)


def rows(grams: np.ndarray, pids: np.ndarray, bits: int) -> list[Row]:
    """Postings sorted by (gram, pid) as trace_postings rows, one per block, in block order."""
    if not len(grams):
        return []
    if int(pids.max()) >= 1 << 32 or int(pids.min()) < 0:
        raise CablescopeError(f"paragraph id {int(pids.max())} is too large for the trace index "
                              "(ids are stored as unsigned 32-bit integers)")
    g = np.ascontiguousarray(grams, dtype=_GRAMS)
    p = np.ascontiguousarray(pids, dtype=_PIDS)
    blocks = blocks_of(g, bits)
    starts = np.flatnonzero(np.concatenate(([True], blocks[1:] != blocks[:-1])))
    ends = np.append(starts[1:], len(g))
    return [(b, g[s:e].tobytes(), p[s:e].tobytes())
            for b, s, e in zip(blocks[starts].tolist(), starts.tolist(), ends.tolist(),
                               strict=True)]


def read(conn: sqlite3.Connection, blocks: Iterable[int]) -> tuple[np.ndarray, np.ndarray]:
    """The postings of these blocks, sorted by (gram, pid): (grams uint64, pids int64)."""
    found: dict[int, tuple[bytes, bytes]] = {}
    wanted = sorted(set(blocks))
    for i in range(0, len(wanted), _IN):
        chunk = wanted[i:i + _IN]
        marks = ",".join("?" * len(chunk))
        for b, g, p in conn.execute(
                f"SELECT block, grams, pids FROM trace_postings WHERE block IN ({marks})", chunk):
            found[b] = (g, p)
    order = sorted(found)
    grams = np.frombuffer(b"".join(found[b][0] for b in order), dtype=_GRAMS)
    pids = np.frombuffer(b"".join(found[b][1] for b in order), dtype=_PIDS)
    return grams.astype(np.uint64), pids.astype(np.int64)


def lookup(conn: sqlite3.Connection, bits: int, grams: Iterable[int]) -> dict[int, list[int]]:
    """Paragraphs (pids, ascending) holding each of `grams` that has postings."""
    wanted = np.unique(np.fromiter(grams, dtype=np.uint64))
    if not len(wanted):
        return {}
    have_g, have_p = read(conn, np.unique(blocks_of(wanted, bits)).tolist())
    low = np.searchsorted(have_g, wanted, side="left")
    high = np.searchsorted(have_g, wanted, side="right")
    hit = np.flatnonzero(high > low)
    pids = have_p.tolist()
    return {g: pids[lo:hi] for g, lo, hi in zip(wanted[hit].tolist(), low[hit].tolist(),
                                                high[hit].tolist(), strict=True)}


def _write(conn: sqlite3.Connection, touched: np.ndarray, grams: np.ndarray, pids: np.ndarray,
           bits: int) -> None:
    """The touched blocks rewritten with these postings (sorted); those left empty deleted."""
    new = rows(grams, pids, bits)
    conn.executemany("INSERT OR REPLACE INTO trace_postings (block, grams, pids) VALUES (?, ?, ?)",
                     new)
    empty = set(touched.tolist()) - {b for b, _, _ in new}
    conn.executemany("DELETE FROM trace_postings WHERE block = ?", [(b,) for b in empty])


def add(conn: sqlite3.Connection, bits: int, grams: np.ndarray, pids: np.ndarray,
        common: int) -> list[tuple[int, int]]:
    """Postings merged into their blocks (each posting once). A 4-gram then in more than
    `common` paragraphs is taken out: returned as trace_common rows (gram, df)."""
    if not len(grams):
        return []
    touched = np.unique(blocks_of(grams, bits))
    old_g, old_p = read(conn, touched.tolist())
    g = np.concatenate([old_g, np.asarray(grams, dtype=np.uint64)])
    p = np.concatenate([old_p, np.asarray(pids, dtype=np.int64)])
    order = np.lexsort((p, g))
    g, p = g[order], p[order]
    keep = np.ones(len(g), dtype=bool)
    keep[1:] = (g[1:] != g[:-1]) | (p[1:] != p[:-1])
    g, p = g[keep], p[keep]
    starts = np.flatnonzero(np.concatenate(([True], g[1:] != g[:-1])))
    df = np.diff(np.append(starts, len(g)))
    over = df > common
    out = list(zip(g[starts[over]].tolist(), df[over].tolist(), strict=True))
    if out:
        rare = ~np.repeat(over, df)
        g, p = g[rare], p[rare]
    _write(conn, touched, g, p, bits)
    return out


def remove(conn: sqlite3.Connection, bits: int, grams: np.ndarray, pids: np.ndarray) -> None:
    """These (gram, pid) postings taken out of their blocks (those absent are ignored)."""
    if not len(grams):
        return
    touched = np.unique(blocks_of(grams, bits))
    g, p = read(conn, touched.tolist())
    gone = set(zip(np.asarray(grams, dtype=np.uint64).tolist(), np.asarray(pids).tolist(),
                   strict=True))
    keep = np.ones(len(g), dtype=bool)
    for i in np.flatnonzero(np.isin(g, grams)).tolist():  # a few per removed 4-gram
        if (int(g[i]), int(p[i])) in gone:
            keep[i] = False
    _write(conn, touched, g[keep], p[keep], bits)


def remove_paragraphs(conn: sqlite3.Connection, pids: Iterable[int]) -> None:
    """Every posting of these paragraphs, found by reading every block (for paragraphs whose
    text is lost, so their 4-grams cannot be recomputed: never done by the store)."""
    wanted = np.fromiter(pids, dtype=np.int64)
    if not len(wanted):
        return
    changed: list[Row] = []
    empty: list[tuple[int]] = []
    for b, g, p in conn.execute("SELECT block, grams, pids FROM trace_postings"):
        have = np.frombuffer(p, dtype=_PIDS)
        drop = np.isin(have, wanted)
        if drop.any():
            if drop.all():
                empty.append((b,))
            else:
                changed.append((b, np.frombuffer(g, dtype=_GRAMS)[~drop].tobytes(),
                                have[~drop].tobytes()))
    conn.executemany("INSERT OR REPLACE INTO trace_postings (block, grams, pids) VALUES (?, ?, ?)",
                     changed)
    conn.executemany("DELETE FROM trace_postings WHERE block = ?", empty)


def count(conn: sqlite3.Connection) -> int:
    """How many postings the index holds (the blobs' lengths, without reading them)."""
    total = conn.execute("SELECT sum(length(pids)) FROM trace_postings").fetchone()[0]
    return (total or 0) // _PIDS.itemsize


def every(conn: sqlite3.Connection) -> Iterator[tuple[int, int]]:
    """Every (gram, pid) posting, in order."""
    for g, p in conn.execute("SELECT grams, pids FROM trace_postings ORDER BY block"):
        yield from zip(np.frombuffer(g, dtype=_GRAMS).tolist(),
                       np.frombuffer(p, dtype=_PIDS).tolist(), strict=True)
