"""The ingest pipeline: read -> skip known versions -> parse (worker processes) -> one writer.

The reader hashes each record (in the calling process, or for a big corpus in a reader process
of its own: `reading`); a hash already stored for that cable is skipped before parsing, which
makes a rerun after a crash cheap. Records are parsed in
batches by `workers` processes while this process writes, so on two cores reading+writing and
parsing overlap. Work is committed every `commit_every` records or `commit_seconds` seconds,
whichever comes first: a kill leaves the database at the last commit, consistent, and running the
same ingest again resumes from there.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable, Generator, Iterable
from dataclasses import asdict, dataclass
from itertools import chain, islice
from typing import Any

from cablescope.errors import StoreError
from cablescope.sources.corpus import Corpus
from cablescope.sources.record import Problem, RawRecord
from cablescope.store.reading import Item, KnownVersions, Tally, fresh, read_apart, reads_apart
from cablescope.store.rows import VersionRows, mark_parsed, parse_batch, restore
from cablescope.store.workers import ParserPool
from cablescope.store.writer import Outcome, Transaction, Writer

BATCH = 200  # records per worker task
COMMIT_EVERY = 5000  # records per transaction at most (kept until it commits)
COMMIT_SECONDS = 5.0  # seconds per transaction at most (bigger ones index faster)


@dataclass(slots=True)
class IngestSummary:
    """What an ingest did. `records` = new_cables + new_versions + unchanged + unparsable."""

    records: int = 0  # records read (not counting reader problems)
    new_cables: int = 0  # cables not in the database before
    new_versions: int = 0  # new versions of cables already there
    became_current: int = 0  # of those, how many are now the current version
    unchanged: int = 0  # records whose exact text was already stored
    problems: int = 0  # problems met: unreadable or unparsable records
    bytes_read: int = 0  # input bytes consumed (as the reader counts them)
    total_bytes: int | None = None  # input size, when the reader knows it
    seconds: float = 0.0
    failed: str | None = None  # why the input stopped before its end (broken archive), if it did

    @property
    def stored(self) -> int:
        """Versions written by this ingest."""
        return self.new_cables + self.new_versions

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def failure(self, source: str) -> str | None:
        """Why the input `source` failed as a whole, naming it, else None: it was damaged or
        cut short (what was read before is kept), or held no cable that could be stored.
        The CLI exits 1 on it, the web API answers 422."""
        if self.failed:
            return self.failed if self.failed.startswith(source) else f"{source}: {self.failed}"
        if self.stored + self.unchanged == 0:
            return (f"{source}: no cable found in it ({self.problems:,} problem"
                    f"{'s' if self.problems != 1 else ''}, see `cablescope stats`)")
        return None

    def line(self) -> str:
        """One human line, as `cablescope ingest` ends with."""
        mb = self.bytes_read / 1e6
        rate = self.records / self.seconds if self.seconds else 0.0
        text = (
            f"{self.records:,} records: {self.new_cables:,} new cables, "
            f"{self.new_versions:,} new versions ({self.became_current:,} now current), "
            f"{self.unchanged:,} unchanged, {self.problems:,} problems; "
            f"{mb:,.1f} MB in {self.seconds:,.1f} s ({rate:,.0f} records/s)"
        )
        if self.failed:
            text += f"; STOPPED EARLY: {self.failed}"
        return text

    def __add__(self, other: IngestSummary) -> IngestSummary:
        """Totals over several inputs (`cablescope ingest A B`)."""
        total = None
        if self.total_bytes is not None and other.total_bytes is not None:
            total = self.total_bytes + other.total_bytes
        failures = "; ".join(f for f in (self.failed, other.failed) if f)
        return IngestSummary(
            records=self.records + other.records,
            new_cables=self.new_cables + other.new_cables,
            new_versions=self.new_versions + other.new_versions,
            became_current=self.became_current + other.became_current,
            unchanged=self.unchanged + other.unchanged,
            problems=self.problems + other.problems,
            bytes_read=self.bytes_read + other.bytes_read,
            total_bytes=total,
            seconds=self.seconds + other.seconds,
            failed=failures or None,
        )


Progress = Callable[[IngestSummary], None]


def default_workers() -> int:
    """Parser processes: one per core beyond the first, at least one."""
    return max(1, (os.cpu_count() or 1) - 1)


def parsed(items: Iterable[Item], workers: int,
           batch: int = BATCH) -> Generator[VersionRows | Problem | None, None, None]:
    """Parse `items` in order, in `workers` processes (0: here).

    The first batch is parsed here, so a small input never pays for starting processes. After
    it, `items` is consumed by the pool's reader thread: reading the input overlaps with what the
    caller does with the results (writing them).
    """
    it = iter(items)
    first = list(islice(it, batch))
    yield from parse_batch(first)
    if len(first) < batch:
        return
    if workers <= 0:
        for item in it:
            yield from parse_batch([item])
        return
    chunks = iter(lambda: list(islice(it, batch)), [])
    for chunk in chunks:  # a resumed ingest may skip a long stretch: no processes for that
        if any(isinstance(item, tuple) for item in chunk):
            chunks = chain([chunk], chunks)
            break
        for item in chunk:  # markers and problems only
            assert not isinstance(item, tuple)
            yield item
    else:
        return
    pool = ParserPool(workers)
    finished = False
    try:
        for sent, results in pool.map(chunks):
            for item, result in zip(sent, results, strict=True):
                yield restore(result, item[0]) if isinstance(result, VersionRows) else result
        finished = True
    finally:
        pool.close(abort=not finished)


def run(conn: sqlite3.Connection, db_path: str, records: Iterable[RawRecord | Problem],
        progress: Progress | None = None, workers: int | None = None,
        commit_every: int = COMMIT_EVERY, commit_seconds: float = COMMIT_SECONDS) -> IngestSummary:
    """Ingest `records` through one writer on `conn`; see the module docstring."""
    summary = IngestSummary(total_bytes=getattr(records, "total_bytes", None))
    started = time.monotonic()
    workers = default_workers() if workers is None else workers
    tally = Tally()  # records read, of which already stored; the reader's last problem
    known: KnownVersions | None = None
    if reads_apart(records, workers):
        assert isinstance(records, Corpus)
        source = read_apart(records, db_path, tally)
    else:
        known = KnownVersions(db_path)
        source = fresh(records, known, tally)

    skipped = 0  # of tally.unchanged, how many are in summary.unchanged already

    def tick() -> None:
        nonlocal skipped
        summary.seconds = time.monotonic() - started
        summary.records = tally.records
        summary.unchanged += tally.unchanged - skipped  # the writer counts its own too
        skipped = tally.unchanged
        bytes_read = getattr(records, "bytes_read", None)
        if bytes_read is not None:
            summary.bytes_read = bytes_read
        if progress is not None:
            progress(summary)

    # Memory-mapped reads would count the database's pages into this process's resident size
    # as the file grows past a gigabyte; the page cache alone is enough for writing.
    (mmap_size,) = conn.execute("PRAGMA mmap_size").fetchone()
    conn.execute("PRAGMA mmap_size = 0")
    txn = Transaction(Writer(conn))
    # a database this parser fills from empty holds its parse (`cablescope reparse` brings older
    # ones up to date and records the same)
    empty = conn.execute("SELECT 1 FROM cables LIMIT 1").fetchone() is None
    done = 0
    last_commit = time.monotonic()
    results = parsed(source, workers)
    try:
        for result in results:
            if result is None:
                tick()
                continue
            txn.add(result)
            done += 1
            if done % BATCH == 0:
                tick()
            if len(txn) >= commit_every or time.monotonic() - last_commit >= commit_seconds:
                _count(summary, txn.commit())
                last_commit = time.monotonic()
        _count(summary, txn.commit())
        if empty and (summary.new_cables or summary.new_versions):
            mark_parsed(conn)
    except sqlite3.Error as exc:
        txn.rollback()
        raise StoreError(f"{db_path}: cannot write: {exc}") from exc
    except BaseException:
        txn.rollback()
        raise
    finally:
        results.close()  # stops the worker processes now, not at garbage collection
        with contextlib.suppress(ValueError):  # still running in a stuck pool thread
            source.close()  # stops the reader process, if there is one
        if known is not None:
            known.close()
        conn.execute(f"PRAGMA mmap_size = {int(mmap_size)}")
    failed = getattr(records, "failed", None)
    if failed:
        summary.failed = failed if isinstance(failed, str) else (
            str(tally.last_problem) if tally.last_problem else f"reading stopped early: {records}")
    tick()
    return summary


def _count(summary: IngestSummary, outcomes: list[Outcome | Problem]) -> None:
    """Add a committed transaction's outcomes to the totals."""
    for outcome in outcomes:
        if isinstance(outcome, Problem):
            summary.problems += 1
        elif outcome is Outcome.NEW_CABLE:
            summary.new_cables += 1
        elif outcome is Outcome.UNCHANGED:
            summary.unchanged += 1
        else:
            summary.new_versions += 1
            if outcome is Outcome.NEW_CURRENT:
                summary.became_current += 1
