"""`spark ingest`: read and parse a corpus on Spark's executors into Parquet tables.

The executors run the same code as `cablescope ingest`: the readers (`open_corpus`, one shard
of each input per task: every n-th cable member of a folder or archive) and the parser with the
store's own row building (`store.rows.parse_to_rows`), so a cable's Parquet rows are exactly the
rows the SQLite writer would store. A record the readers or the parser cannot handle becomes a
row of `problems`, never a failed task.

Two stages. The first parses every record and writes it, with its place in the input order
(input, member, record), to a staging table. The second decides, as the single writer of an
ingest would, which records are versions (the first of each distinct text of a cable) and
numbers them in order of release (the release date, else the date seen, then input order); the
current version is the newest.
It writes the tables of `spark.tables.STORE_TABLES`; `cablescope load` puts them into SQLite.
"""

from __future__ import annotations

import math
import shutil
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cablescope.errors import CablescopeError
from cablescope.sources import Problem, RawRecord, open_corpus
from cablescope.spark.tables import STORE_TABLES, columns, spark_schema, table_path
from cablescope.store.rows import CABLE_COLUMNS, VersionRows, parse_to_rows
from cablescope.store.writer import now

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession
    from pyspark.sql.types import StructType

STAGING = "_parsed"

# One input shard: (input index, path, format, shard k, of n shards).
Unit = tuple[int, str, str | None, int, int]

_PARSED: list[tuple[str, Any]] = [
    ("src", "int"), ("member", "int"), ("rec", "int"), ("kind", "string"),
    ("cable_id", "string"), ("sha256", "string"), ("seen", "string"), ("released", "string"),
    ("source", "string"), ("locator", "string"), ("format", "string"), ("header", "string"),
    ("text", "string"), ("meta", "string"), ("reason", "string"),
    ("cable", STORE_TABLES["cables"][:-1]),
    ("paragraphs", [STORE_TABLES["paragraphs"][1:]]),
    ("refs", [STORE_TABLES["refs"][1:]]),
    ("tags", [STORE_TABLES["tags"][1:]]),
    ("recipients", [STORE_TABLES["recipients"][1:]]),
    ("notes", "string"),  # problems with a stored version (`VersionRows.notes`), one a line
]


@dataclass(slots=True)
class SparkIngestSummary:
    """What `spark ingest` wrote."""

    records: int = 0  # records read
    cables: int = 0
    versions: int = 0
    unchanged: int = 0  # records whose text was already a version of their cable
    problems: int = 0
    partitions: int = 0
    seconds: float = 0.0
    failed: list[str] = field(default_factory=list)  # inputs that stopped early, and why
    empty: list[str] = field(default_factory=list)  # inputs without a single record

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def line(self) -> str:
        rate = self.records / self.seconds if self.seconds else 0.0
        return (f"{self.records:,} records: {self.cables:,} cables, {self.versions:,} versions, "
                f"{self.unchanged:,} unchanged, {self.problems:,} problems; {self.partitions} "
                f"partitions in {self.seconds:,.1f} s ({rate:,.0f} records/s)")


# --- executor side --------------------------------------------------------------------------------


def read_unit(unit: Unit) -> Iterator[tuple]:
    """The records of one input shard as (input, member, record, RawRecord) with their place in
    the input, its problems as rows, then an `end` row saying how many records the shard read
    and whether the input stopped early."""
    src, path, fmt, k, n = unit
    try:
        corpus = open_corpus(path, fmt, shard=(k, n))
    except CablescopeError as exc:  # vanished since the driver looked
        yield _problem_row(src, 0, 0, Problem(path, "", str(exc)))
        yield _end_row(src, k, 0, path, str(exc))
        return
    member, rec, records = -2, 0, 0
    last_problem: Problem | None = None
    for item in corpus:
        if corpus.member != member:
            member, rec = corpus.member, 0
        else:
            rec += 1
        place = max(member, 0)
        if isinstance(item, Problem):
            if member >= 0 and member % n != k:
                # met between members, past one another shard read (a damaged archive): that
                # shard reports it, as a single reader would have, from where it stood
                continue
            last_problem = item
            yield _problem_row(src, place, rec, item)
        else:
            records += 1
            yield (src, place, rec, item)
    # the shard that met the damage says why the input stopped (the others passed over it)
    failed = str(last_problem) if corpus.failed and last_problem else None
    yield _end_row(src, k, records, path, failed)


def parse_row(item: tuple) -> tuple:
    """A record read by `read_unit`, parsed into its staging row (other rows pass through)."""
    if len(item) != 4:
        return item
    src, member, rec, record = item
    rows = parse_to_rows(record)
    if isinstance(rows, VersionRows):
        unstorable = _unstorable(rows)
        if unstorable:
            rows = Problem(rows.source, rows.locator, unstorable)
    if isinstance(rows, Problem):
        return _problem_row(src, member, rec, rows, "unparsed")
    return (src, member, rec, "rows", rows.cable_id, rows.sha256, rows.seen, rows.released,
            rows.source, rows.locator, rows.format, rows.header, rows.text, rows.meta, None,
            rows.cable, rows.paragraphs, rows.refs, rows.tags, rows.recipients,
            "\n".join(rows.notes) or None)


def _problem_row(src: int, member: int, rec: int, problem: Problem,
                 kind: str = "problem") -> tuple:
    return (src, member, rec, kind, *[None] * 4, problem.source, problem.locator,
            *[None] * 4, problem.reason, *[None] * 6)


def _end_row(src: int, shard: int, records: int, path: str, failed: str | None) -> tuple:
    return (src, shard, records, "end", *[None] * 4, path, *[None] * 5, failed, *[None] * 6)


def _unstorable(rows: VersionRows) -> str | None:
    """Why a version cannot be stored (what the SQLite writer would refuse), or None."""
    for value in (rows.text, rows.header, rows.meta):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            return f"cannot store {rows.cable_id}: UnicodeEncodeError: {exc}"
    return None


# --- driver side ----------------------------------------------------------------------------------


# Inputs read as one stream (`open_corpus` kinds): a tar, compressed or not, and a single file.
# A shard of a stream would read all of it to take its members (n shards of an .xz archive: n
# decompressions), so a stream is read once, by one task, and its records are spread over the
# partitions for parsing.
STREAMS = frozenset({"tar", "file"})


def plan(paths: Sequence[str | Path], fmt: str | None,
         partitions: int) -> tuple[list[Unit], bool]:
    """Split the inputs into shards: folders and zip archives (read member by member, at any
    member) into up to `partitions` shards each, in proportion to their size; a stream (tar,
    single file) is one shard. Also whether any input is a stream. An input that cannot be
    opened raises its `SourceError`."""
    corpora = [open_corpus(path, fmt) for path in paths]
    total = sum(max(c.total_bytes, 1) for c in corpora)
    units: list[Unit] = []
    for src, corpus in enumerate(corpora):
        n = 1
        if corpus.kind not in STREAMS:
            n = max(1, min(partitions, math.ceil(partitions * max(corpus.total_bytes, 1) / total)))
        units.extend((src, str(paths[src]), fmt, k, n) for k in range(n))
    return units, any(c.kind in STREAMS for c in corpora)


def _parsed_schema() -> StructType:
    from pyspark.sql import types as T

    fields = []
    for name, kind in _PARSED:
        if isinstance(kind, str):
            fields.append(T.StructField(name, spark_schema([(name, kind)])[0].dataType, True))
        elif isinstance(kind[0], list):
            fields.append(T.StructField(name, T.ArrayType(spark_schema(kind[0]), False), True))
        else:
            fields.append(T.StructField(name, spark_schema(kind), True))
    return T.StructType(fields)


_UNIT = [("src", "int"), ("path", "string"), ("fmt", "string"), ("k", "int"), ("n", "int")]
_RAW = [("src", "int"), ("member", "int"), ("rec", "int"), ("source", "string"),
        ("locator", "string"), ("format", "string"), ("text", "string"), ("header", "string"),
        ("meta", "string")]
BATCH_ROWS = 256  # rows per Arrow batch between the executors' Python and Spark


def _batches(rows: Iterable[tuple], schema: Any) -> Iterator[Any]:
    """Rows (tuples in schema order) as Arrow record batches of BATCH_ROWS."""
    import pyarrow as pa  # type: ignore[import-untyped]

    names = schema.names
    chunk: list[tuple] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= BATCH_ROWS:
            yield pa.RecordBatch.from_pylist([dict(zip(names, r, strict=True)) for r in chunk],
                                             schema=schema)
            chunk = []
    if chunk:
        yield pa.RecordBatch.from_pylist([dict(zip(names, r, strict=True)) for r in chunk],
                                         schema=schema)


def _units(batches: Iterable[Any]) -> Iterator[Unit]:
    for batch in batches:
        for unit in batch.to_pylist():
            yield (unit["src"], unit["path"], unit["fmt"], unit["k"], unit["n"])


def _arrow(schema: Any) -> Any:
    from pyspark.sql.pandas.types import to_arrow_schema

    return to_arrow_schema(schema)


def ingest(spark: SparkSession, paths: Sequence[str | Path], out: str | Path,
           fmt: str | None = None, partitions: int | None = None) -> SparkIngestSummary:
    """Read and parse `paths` on the executors; write the store's tables as Parquet in `out`."""
    import json

    from pyspark.sql import functions as F

    started = time.monotonic()
    sc = spark.sparkContext
    partitions = partitions or sc.defaultParallelism
    units, streams = plan(paths, fmt, partitions)
    summary = SparkIngestSummary(partitions=partitions)
    out = Path(out)
    staging = str(table_path(out, STAGING))
    parsed_schema = _parsed_schema()
    parsed_arrow = _arrow(parsed_schema)
    frame = spark.createDataFrame(sc.parallelize(units, len(units)), spark_schema(_UNIT))
    if not streams and len(units) >= partitions:  # read and parse in the same task
        def read_parse(batches: Iterable[Any]) -> Iterator[Any]:
            rows = (parse_row(item) for unit in _units(batches) for item in read_unit(unit))
            yield from _batches(rows, parsed_arrow)

        parsed = frame.mapInArrow(read_parse, parsed_schema)
    else:  # a stream is read by one task: its records are spread over the partitions, parsed
        raw_schema = spark_schema(_RAW)
        raw_arrow = _arrow(raw_schema)

        def read(batches: Iterable[Any]) -> Iterator[Any]:
            for unit in _units(batches):
                items = read_unit(unit)
                yield from _batches((_raw_row(item) for item in items), raw_arrow)

        def parse(batches: Iterable[Any]) -> Iterator[Any]:
            def items() -> Iterator[tuple]:
                for batch in batches:
                    for r in batch.to_pylist():
                        if r["format"] is None:  # a problem or end row, carried in `meta`
                            yield tuple(json.loads(r["meta"]))
                            continue
                        record = RawRecord(r["source"], r["locator"], r["format"], r["text"],
                                           r["header"], json.loads(r["meta"]))
                        yield parse_row((r["src"], r["member"], r["rec"], record))
            yield from _batches(items(), parsed_arrow)

        parsed = frame.mapInArrow(read, raw_schema).repartition(partitions) \
            .mapInArrow(parse, parsed_schema)
    parsed.write.mode("overwrite").parquet(staging)

    parsed = spark.read.parquet(staging)
    stamp = now()
    records = parsed.where("kind = 'rows'")
    decisions = _versions(records).cache()
    rows = records.join(F.broadcast(decisions) if len(units) < 64 else decisions,
                        ["src", "member", "rec"])
    current = rows.where("current")
    _write(rows.select(*[F.lit(stamp).alias(c) if c == "ingested_at" else F.col(c)
                         for c in columns("versions")]), out, "versions")
    _write(current.select(*[F.col(f"cable.{c}") for c in CABLE_COLUMNS], "version"),
           out, "cables")
    for table, key in (("paragraphs", "cable_id"), ("refs", "citing"), ("tags", "cable_id"),
                       ("recipients", "cable_id")):
        exploded = current.select(F.col("cable_id").alias(key),
                                  F.explode(table).alias("r")).select(
            key, *[F.col(f"r.{c}") for c in columns(table)[1:]])
        _write(exploded, out, table)
    problems = parsed.where("kind IN ('problem', 'unparsed')").select(
        "source", F.coalesce("locator", F.lit("")).alias("locator"), "reason",
        F.lit(stamp).alias("recorded_at")).dropDuplicates(["source", "locator", "reason"])
    # what the writer records beside a version it stores (an unknown post in a REF), not
    # counted among the run's problems, as with `cablescope ingest`
    notes = rows.where("notes IS NOT NULL").select(
        "source", F.coalesce("locator", F.lit("")).alias("locator"),
        F.explode(F.split("notes", "\n")).alias("reason"), F.lit(stamp).alias("recorded_at"))
    _write(problems.unionByName(notes).dropDuplicates(["source", "locator", "reason"]),
           out, "problems")

    counts = decisions.agg(F.count("*"), F.sum(F.col("current").cast("int"))).first()
    assert counts is not None  # an aggregate has one row
    summary.versions, summary.cables = counts[0] or 0, counts[1] or 0
    decisions.unpersist()
    summary.problems = problems.count()
    tally = parsed.where("kind IN ('end', 'unparsed')").select(
        "kind", "src", "rec", "source", "reason").collect()
    by_input: dict[int, int] = {}
    unparsed = 0
    for kind, src, count, path, failed in tally:
        if kind == "unparsed":
            unparsed += 1
            continue
        by_input[src] = by_input.get(src, 0) + count
        if failed and f"{path}: {failed}" not in summary.failed:
            summary.failed.append(f"{path}: {failed}")
    summary.records = sum(by_input.values())
    summary.empty = [str(p) for i, p in enumerate(paths) if by_input.get(i, 0) == 0]
    summary.unchanged = summary.records - summary.versions - unparsed
    shutil.rmtree(staging, ignore_errors=True)
    summary.seconds = time.monotonic() - started
    return summary


def _raw_row(item: tuple) -> tuple:
    """A record read by `read_unit` as a row of _RAW; a problem or end row travels whole as
    JSON in `meta`, with no format."""
    import json

    if len(item) == 4:
        src, member, rec, r = item
        return (src, member, rec, r.source, r.locator, r.format, r.text, r.header,
                json.dumps(r.meta, ensure_ascii=False))
    return (item[0], item[1], item[2], None, None, None, None, None,
            json.dumps(item, ensure_ascii=False))


def _versions(records: DataFrame) -> DataFrame:
    """(src, member, rec, version, current) of the records that are versions: the first record
    of each distinct text of a cable, numbered in order of release as the single writer numbers
    them (`store.writer.version_key`: dated after undated, by release date, else the date
    seen, then by input order); the current version is the last."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    order = ["src", "member", "rec"]
    first = records.select("cable_id", "sha256", "seen", "released", *order).withColumn(
        "n", F.row_number().over(Window.partitionBy("cable_id", "sha256").orderBy(*order))
    ).where("n = 1")
    release = F.coalesce(F.nullif(F.substring(F.coalesce("released", F.lit("")), 1, 16),
                                  F.lit("")), F.coalesce("seen", F.lit("")))
    keyed = first.withColumn("release", release).withColumn("dated", F.col("release") != "")
    by_release = Window.partitionBy("cable_id").orderBy(
        "dated", "release", F.coalesce("seen", F.lit("")), *order)
    numbered = keyed.withColumn("version", F.row_number().over(by_release))
    return numbered.withColumn(
        "current", F.col("version") == F.max("version").over(Window.partitionBy("cable_id"))
    ).select(*order, "version", "current")


def _write(frame: DataFrame, out: Path, table: str) -> None:
    frame.write.mode("overwrite").parquet(str(table_path(out, table)))
