"""`cablescope spark ...`, `cablescope load` and `cablescope reuse`: the Spark jobs, the Parquet
loader and the reuse listing (docs/spark.md).

Thin shells over `cablescope.spark`: pyspark is imported when a job starts, never when the CLI
does; `load` and `reuse` need no Spark at all.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from cablescope.commands.options import (
    Progress,
    cable_id_argument,
    db_option,
    echo_json,
    existing_db,
    json_option,
    quiet_option,
)
from cablescope.sources import FORMATS

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


def master_option(func: Any) -> Any:
    return click.option(
        "--master", default=None, show_default="local[*]",
        help="Spark master URL: local[N], spark://HOST:7077, yarn, k8s://https://HOST:PORT.",
    )(func)


def _session(master: str | None) -> SparkSession:
    from cablescope.spark import spark_session

    return spark_session(master)


@click.group()
def spark() -> None:
    """Run ingest, entity extraction, text reuse and tracing on Apache Spark (docs/spark.md).

    The jobs run the same readers, parser, extractor and tracer as the other commands, on
    Spark's executors, and write Parquet tables; `cablescope load` puts them into a database.
    Needs the 'spark' extra and Java 17 or newer.
    """


@spark.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path),
                metavar="SRC...")
@click.option("--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the Parquet tables (created; tables in it are replaced).")
@click.option("--format", "fmt", type=click.Choice(FORMATS),
              help="Read every file as this format instead of telling it from the name.")
@master_option
@click.option("--partitions", type=click.IntRange(min=1),
              help="Parsing tasks, and shards per folder or zip archive (default: Spark's "
                   "parallelism); a tar or single file is read by one task.")
@json_option
def spark_ingest(paths: tuple[Path, ...], out: Path, fmt: str | None, master: str | None,
                 partitions: int | None, as_json: bool) -> None:
    """Read and parse cables on Spark into Parquet tables (versions, cables, paragraphs, refs,
    tags, recipients, problems), as `cablescope ingest` would store them.

    Bad records land in the problems table, never stop the job. Exits with status 1 when an
    input is damaged or holds no cable (the tables are written all the same).
    """
    from cablescope.sources import open_corpus
    from cablescope.spark.ingest import ingest

    for path in paths:  # a missing or unreadable input fails now, not after Spark has started
        open_corpus(path, fmt)
    summary = ingest(_session(master), paths, out, fmt, partitions)
    errors = summary.failed + [f"{p}: no cable found in it" for p in summary.empty]
    if as_json:
        echo_json({**summary.as_dict(), "out": str(out)})
    else:
        click.echo(summary.line() + f" -> {out}")
    for error in errors:
        click.echo(f"Error: {error}", err=True)
    if errors:
        click.get_current_context().exit(1)


@click.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path),
                metavar="DIR")
@db_option
@quiet_option
@json_option
def load(folder: Path, db: Path, quiet: bool, as_json: bool) -> None:
    """Load the Parquet tables of the Spark jobs into the database: cables with their full-text
    index and search columns, and entities and reuse when DIR has them.

    Cables the database already holds are merged as an ingest would (new texts become versions).
    """
    from cablescope.spark.load import load as load_tables

    with Progress(str(folder), enabled=not quiet) as bar:
        summary = load_tables(folder, db, lambda table, rows: bar.update(
            rows, None, f"{rows:,} rows", label=f"{folder}: {table}"))
    if as_json:
        echo_json({**summary.as_dict(), "db": str(db)})
    else:
        click.echo(summary.line() + f" -> {db}")


@spark.command("trace")
@click.argument("articles", nargs=-1, required=True, metavar="ARTICLES...")
@click.option("--db", "db", required=True, type=click.Path(exists=True, path_type=Path),
              help="The database (or a Parquet folder of `spark ingest`) to trace against.")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="JSON Lines file: one report per article, in the order given.")
@click.option("--encoding", help="Text encoding of the articles (default: UTF-8, or what an "
              "HTML page declares).")
@click.option("--format", "fmt", type=click.Choice(["html", "markdown", "text"]),
              help="Read every article as this format instead of telling it from the name.")
@master_option
@click.option("--partitions", type=click.IntRange(min=1),
              help="Tasks to spread the articles over (default: Spark's parallelism).")
@json_option
def spark_trace(articles: tuple[str, ...], db: Path, out: Path, encoding: str | None,
                fmt: str | None, master: str | None, partitions: int | None,
                as_json: bool) -> None:
    """Trace many articles on Spark: the reports `cablescope trace --jsonl` gives, one per line.

    ARTICLES are .html, .md or .txt files or folders of them. Each executor gets a copy of the
    database and traces its share with one tracer. Exits with status 1 when an article could
    not be read (its line in --out says why).
    """
    from cablescope.spark.trace import trace

    if not out.parent.is_dir():  # found now, not after every article has been traced
        raise click.BadParameter(f"{out}: folder {out.parent} does not exist",
                                 param_hint="--out")
    summary = trace(_session(master), articles, db, out, encoding=encoding, fmt=fmt,
                    partitions=partitions)
    if as_json:
        echo_json({**summary.as_dict(), "out": str(out)})
    else:
        click.echo(summary.line() + f" -> {out}")
    if summary.failed:
        click.get_current_context().exit(1)


@spark.command("entities")
@click.argument("source", type=click.Path(exists=True, path_type=Path), metavar="DIR")
@master_option
@click.option("--partitions", type=click.IntRange(min=1),
              help="Tasks to spread the cables over (default: Spark's parallelism).")
@json_option
def spark_entities(source: Path, master: str | None, partitions: int | None,
                   as_json: bool) -> None:
    """Extract people, organisations, places, meetings and quotes from every cable on Spark.

    DIR is a Parquet folder of `spark ingest` (the entity tables are written into it, for
    `cablescope load`, which also resolves the entities) or a database file (written into it
    and resolved). Each executor loads the spaCy model once.
    """
    from cablescope.spark.entities import entities

    summary = entities(_session(master), source, partitions)
    if as_json:
        echo_json({**summary.as_dict(), "source": str(source)})
    else:
        click.echo(summary.line() + f" -> {source}")


@spark.command("reuse")
@click.argument("source", type=click.Path(exists=True, path_type=Path), metavar="DIR")
@master_option
@json_option
def spark_reuse(source: Path, master: str | None, as_json: bool) -> None:
    """Find the passages cables share (all pairs at once), with clusters of paragraphs.

    DIR is a Parquet folder of `spark ingest` (the reuse tables are written into it, for
    `cablescope load`) or a database file (the reuse tables are written into it). See
    `cablescope reuse CABLE_ID` and the cable pages for the results.
    """
    from cablescope.spark.reuse import reuse as find_reuse

    summary = find_reuse(_session(master), source)
    if as_json:
        echo_json({**summary.as_dict(), "source": str(source)})
    else:
        click.echo(summary.line() + f" -> {source}")


@click.command()
@cable_id_argument("CABLE_ID")
@db_option
@json_option
def reuse(cable_id: str, db: Path, as_json: bool) -> None:
    """The cables that share paragraphs with one cable (found by `cablescope spark reuse`).

    Each line: this cable's paragraph, the other cable and paragraph, the words they share.
    """
    from cablescope.spark.schema import cluster_sizes, has_reuse, shared_passages
    from cablescope.store import Store

    wanted = cable_id
    with Store.open(existing_db(db), readonly=True) as store:
        found = store.resolve_id(wanted)
        if found is None:
            raise click.ClickException(f"no cable {wanted} in {db}")
        if not has_reuse(store.connection):
            raise click.ClickException(
                f"{db} has no reuse tables: run `cablescope spark reuse {db}` (or `spark reuse` "
                "on the Parquet folder, then `cablescope load`)")
        passages = shared_passages(store.connection, found)
        sizes = cluster_sizes(store.connection, sorted({p["cluster"] for p in passages}))
    for p in passages:
        p["cluster_cables"] = sizes.get(p["cluster"], 0)
    if as_json:
        echo_json({"cable_id": found, "passages": passages})
        return
    if not passages:
        click.echo(f"{found}: no passage shared with another cable")
        return
    others = len({p["cable_id"] for p in passages})
    click.echo(f"{found}: {len(passages)} passages shared with {others} cables")
    for p in passages:
        here = f"¶{p['number']}" if p["number"] is not None else f"block {p['seq']}"
        there = (f"¶{p['other_number']}" if p["other_number"] is not None
                 else f"block {p['other_seq']}")
        click.echo(f"  {here:<10} also in {p['cable_id']} {there}: {p['words']} words, "
                   f"{p['score']:.0%} identical (cluster {p['cluster']}, "
                   f"{p['cluster_cables']} cables)  {(p['subject'] or '')[:50]}")
