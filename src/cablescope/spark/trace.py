"""`spark trace`: many articles traced on Spark's executors, with the tracer of `cablescope trace`.

The driver makes the trace index current (`cablescope.trace.ensure_index`), then ships the
database file to every executor (`SparkContext.addFile`); each task opens its copy read-only,
makes one `Tracer` and traces its share of the articles with `cablescope.trace.trace_paths`.
Only the public API of `cablescope.trace` is called, so a report is the one `cablescope trace
--jsonl` prints for the same article, line for line, in the order the articles were given.
Article files are read by the executors: on a cluster they must be at the same path on every
machine (a shared file system).

A Parquet folder of `spark ingest` is loaded into a database first (`DIR/cablescope.db`, kept
for the next run), since the tracer searches its index in SQLite.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cablescope.errors import CablescopeError
from cablescope.spark.sources import sqlite_for
from cablescope.store import Store

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


@dataclass(slots=True)
class SparkTraceSummary:
    articles: int = 0
    traced: int = 0
    failed: int = 0  # articles that could not be read
    partitions: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def line(self) -> str:
        return (f"{self.traced:,} of {self.articles:,} articles traced ({self.failed:,} could "
                f"not be read) on {self.partitions} partitions in {self.seconds:,.1f} s")


def report_line(path: str, result: Any) -> str:
    """One JSON line, as `cablescope trace --jsonl` prints it for `path`."""
    row = ({"article": {"source": path}, "error": str(result)}
           if isinstance(result, CablescopeError) else result.as_dict())
    return json.dumps(row, ensure_ascii=False, default=str)


def _trace_partition(db_name: str, label: str, encoding: str | None,
                     fmt: str | None) -> Any:
    def run(items: Iterable[tuple[int, str]]) -> Iterator[tuple[int, bool, str]]:
        from pyspark import SparkFiles

        from cablescope.trace import Tracer, trace_paths

        items = list(items)
        if not items:
            return
        path = Path(SparkFiles.get(db_name))
        conn = sqlite3.connect(f"file:{path}?immutable=1", uri=True, check_same_thread=False)
        try:
            tracer = Tracer(conn, label)
            for (index, _article), (source, result) in zip(
                    items, trace_paths(tracer, [a for _, a in items], encoding, fmt),
                    strict=True):
                yield index, not isinstance(result, CablescopeError), report_line(source, result)
        finally:
            conn.close()

    return run


def trace(spark: SparkSession, articles: Sequence[str | Path], db: str | Path, out: str | Path,
          *, encoding: str | None = None, fmt: str | None = None,
          partitions: int | None = None) -> SparkTraceSummary:
    """Trace every article against `db` (a database, or a Parquet folder of `spark ingest`)
    and write one JSON report per line to `out`, in the order of `articles`."""
    from cablescope.trace import ensure_index
    from cablescope.trace.service import article_files

    started = time.monotonic()
    paths = article_files(articles)
    if "-" in paths:
        raise CablescopeError("spark trace reads article files, not standard input")
    label = str(db)
    database = sqlite_for(db)
    with _open(database) as store:
        ensure_index(store)
        if not store.readonly:  # everything in the main file, for the copies
            store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    sc = spark.sparkContext
    sc.addFile(str(database.resolve()))
    summary = SparkTraceSummary(articles=len(paths))
    summary.partitions = max(1, min(len(paths), partitions or sc.defaultParallelism))
    run = _trace_partition(database.name, label, encoding, fmt)
    results = sorted(sc.parallelize(list(enumerate(paths)), summary.partitions)
                     .mapPartitions(run).collect())
    with open(out, "w", encoding="utf-8") as sink:
        for _, ok, line in results:
            sink.write(line + "\n")
            summary.traced += ok
            summary.failed += not ok
    summary.seconds = time.monotonic() - started
    return summary


def _open(db: Path) -> Store:
    try:
        return Store.open(db)
    except CablescopeError:
        return Store.open(db, readonly=True)
