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
    ProgressLine,
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
              help="Shards per input folder or archive (default: Spark's parallelism).")
@json_option
def spark_ingest(paths: tuple[Path, ...], out: Path, fmt: str | None, master: str | None,
                 partitions: int | None, as_json: bool) -> None:
    """Read and parse cables on Spark into Parquet tables (versions, cables, paragraphs, refs,
    tags, recipients, problems), as `cablescope ingest` would store them.

    Bad records land in the problems table, never stop the job. Exits with status 1 when an
    input is damaged or holds no cable (the tables are written all the same).
    """
    from cablescope.spark.ingest import ingest

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

    bar = ProgressLine(str(folder), enabled=not quiet, unit="rows")

    def progress(table: str, rows: int) -> None:
        bar.label = f"{folder}: {table}"
        bar.update(rows, 0, None, 0.0)

    summary = load_tables(folder, db, progress)
    bar.finish()
    if as_json:
        echo_json({**summary.as_dict(), "db": str(db)})
    else:
        click.echo(summary.line() + f" -> {db}")
