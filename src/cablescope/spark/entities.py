"""`spark entities`: people, organisations, meetings and quotes extracted on Spark's executors.

Each executor's Python worker loads the spaCy model once (`Extractor`, kept for the worker's
life: Spark reuses its Python workers) and extracts its partitions' cables with
`Extractor.extract_many`, the extractor `cablescope entities` runs. What the extractor reads
of a cable (its context and paragraphs) comes from the Parquet tables or the database, whichever
the user has, through `cablescope.entities.batch`, as the single-machine path reads it; the
corpus-wide inputs (word casing, the host country of each post) are worked out once on the
driver and broadcast.

Results go to the entity tables: Parquet in the input folder (`cablescope load` puts them into a
database and resolves entities), or the database itself, resolved at once.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cablescope.spark.sources import check_input, is_parquet, read_table
from cablescope.spark.tables import (
    ENTITY_TABLES,
    cable_results,
    columns,
    result_rows,
    spark_schema,
    table_path,
)

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


_EXTRACTOR: dict[str, Any] = {}  # per Python worker: the loaded extractor, by casing table id


@dataclass(slots=True)
class SparkEntitiesSummary:
    cables: int = 0
    mentions: int = 0
    meetings: int = 0
    quotes: int = 0
    words: int = 0
    entities: int = 0  # after resolution (a database input only)
    partitions: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def line(self) -> str:
        rate = self.words / self.seconds if self.seconds else 0.0
        text = (f"{self.cables:,} cables extracted: {self.mentions:,} mentions, "
                f"{self.meetings:,} meetings, {self.quotes:,} quotes; {self.words:,} words at "
                f"{rate:,.0f} words/s on {self.partitions} partitions in {self.seconds:,.1f} s")
        if self.entities:
            text += f"; {self.entities:,} entities after resolution"
        return text


def _extract_partition(casing: Any, countries: Any, stamp: str) -> Any:
    def run(rows: Iterable[Any]) -> Iterator[tuple[str, tuple]]:
        from cablescope.entities import Extractor
        from cablescope.entities.batch import cable_input

        table = casing.value
        extractor = _EXTRACTOR.get("extractor") if _EXTRACTOR.get("casing") is table else None
        if extractor is None:
            extractor = Extractor(casing=table)
            _EXTRACTOR.update(extractor=extractor, casing=table)
        items = []
        for r in rows:
            tags = [(t["tag"], t["kind"]) for t in sorted(r.tags or [], key=lambda t: t["seq"])]
            blocks = [(p["seq"], p["number"], p["text"])
                      for p in sorted(r.paragraphs or [], key=lambda p: p["seq"])]
            recipients = [(t["kind"], t["name"])
                          for t in sorted(r.recipients or [], key=lambda t: t["seq"])]
            items.append((cable_input(r.id, r.created, r.origin, r.subject, r.classified_by,
                                      r.classified_by_title, r.signers, tags, blocks,
                                      countries.value, recipients), r.version))
        for result, (_item, version) in zip(extractor.extract_many(i for i, _ in items), items,
                                            strict=True):
            for table_name, table_rows in result_rows(result, version, stamp).items():
                for row in table_rows:
                    yield table_name, row

    return run


def entities(spark: SparkSession, source: str | Path,
             partitions: int | None = None) -> SparkEntitiesSummary:
    """Extract every cable of `source` (a Parquet folder or a database); write the entity
    tables there (see the module docstring)."""
    from pyspark.sql import functions as F

    from cablescope.entities.batch import host_countries_from, learn_corpus_casing

    started = time.monotonic()
    source = check_input(source)
    sc = spark.sparkContext
    summary = SparkEntitiesSummary(partitions=partitions or sc.defaultParallelism)
    cables = read_table(spark, source, "cables", ["id", "created", "origin", "subject",
                                                  "classified_by", "classified_by_title",
                                                  "signers", "version"])
    tags = read_table(spark, source, "tags")
    recipients = read_table(spark, source, "recipients")
    paragraphs = read_table(spark, source, "paragraphs", ["cable_id", "seq", "number", "text"])

    # corpus-wide inputs, once, on the driver
    origin_tags = cables.join(tags.where("kind = 'geo'"), cables.id == tags.cable_id) \
        .where("origin IS NOT NULL").groupBy("origin", "tag").count().collect()
    totals = cables.where("origin IS NOT NULL").groupBy("origin").count().collect()
    countries = host_countries_from([tuple(r) for r in origin_tags],
                                    {r[0]: r[1] for r in totals})
    total = paragraphs.count()
    step = max(1, total // 25_000)
    sample = paragraphs.select("text").sample(fraction=min(1.0, 1 / step), seed=2010)
    casing = learn_corpus_casing(r.text for r in sample.toLocalIterator())

    grouped = cables.join(
        paragraphs.groupBy("cable_id").agg(F.collect_list(F.struct("seq", "number", "text"))
                                           .alias("paragraphs")),
        cables.id == F.col("cable_id"), "left").drop("cable_id").join(
        tags.groupBy("cable_id").agg(F.collect_list(F.struct("tag", "kind", "seq"))
                                     .alias("tags")),
        cables.id == F.col("cable_id"), "left").drop("cable_id").join(
        recipients.groupBy("cable_id").agg(F.collect_list(F.struct("kind", "name", "seq"))
                                           .alias("recipients")),
        cables.id == F.col("cable_id"), "left").drop("cable_id") \
        .repartition(summary.partitions)
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    run = _extract_partition(sc.broadcast(casing), sc.broadcast(countries), stamp)
    found = grouped.rdd.mapPartitions(run).cache()
    if is_parquet(source):
        for table in ENTITY_TABLES:
            rows = found.filter(partial(_in_table, table)).map(_row_of)
            frame = spark.createDataFrame(rows, spark_schema(table))
            order = ["cable_id", *[c for c in ("n", "meeting", "seq")
                                   if c in columns(table)][:2]]
            frame.repartitionByRange(summary.partitions, "cable_id").sortWithinPartitions(
                *order).write.mode("overwrite").parquet(str(table_path(source, table)))
        counts = dict(found.map(lambda item: (item[0], 1)).countByKey())
    else:
        counts, summary.entities = _into_database(source, found)
    summary.cables = counts.get("entity_cables", 0)
    summary.mentions = counts.get("mentions", 0)
    summary.meetings = counts.get("meetings", 0)
    summary.quotes = counts.get("quotes", 0)
    summary.words = int(found.filter(_is_cable_row).map(_words_of).sum())
    found.unpersist()
    summary.seconds = time.monotonic() - started
    return summary


def _in_table(table: str, item: tuple[str, tuple]) -> bool:
    return item[0] == table


def _row_of(item: tuple[str, tuple]) -> tuple:
    return item[1]


def _is_cable_row(item: tuple[str, tuple]) -> bool:
    return item[0] == "entity_cables"


def _words_of(item: tuple[str, tuple]) -> int:
    return int(item[1][3])


def _cable_of(item: tuple[str, tuple]) -> str:
    return item[1][0]


def _into_database(db: Path, found: Any) -> tuple[dict[str, int], int]:
    """Write the results into the database with the entity layer's writer, then resolve."""
    from itertools import groupby

    from cablescope.entities import resolve_entities
    from cablescope.entities.pipeline import write
    from cablescope.store import Store

    counts: dict[str, int] = {}
    with Store.open(db) as store:
        conn = store.connection
        by_cable = found.keyBy(_cable_of).sortByKey().values()
        conn.execute("BEGIN IMMEDIATE")
        try:
            for cable_id, items in groupby(by_cable.toLocalIterator(), key=lambda i: i[1][0]):
                parts: dict[str, list[tuple]] = {}
                for table, row in items:
                    parts.setdefault(table, []).append(row)
                    counts[table] = counts.get(table, 0) + 1
                (_cid, version, _x, words, _at), = parts.pop("entity_cables")
                write(conn, cable_results(cable_id, words, parts), version)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        return counts, resolve_entities(conn)
