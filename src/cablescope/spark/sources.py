"""What a job reads: the Parquet tables of `spark ingest`, or a SQLite database, whichever the
user has.

A Parquet folder is read by the executors themselves (on a cluster: a shared file system, HDFS
or S3 path). A SQLite file is read by the driver and handed to Spark as Arrow tables, which
suits a database that fits a laptop; past that, `spark ingest` to Parquet is the scale-out path.
The tracer searches SQLite, so `sqlite_for` loads a Parquet folder into a database once.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from cablescope.errors import CablescopeError
from cablescope.spark.tables import ALL_TABLES, present, spark_schema, table_path

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

LOADED_DB = "cablescope.db"  # the database `sqlite_for` keeps in a Parquet folder


def is_parquet(path: str | Path) -> bool:
    return Path(path).is_dir()


def check_input(path: str | Path) -> Path:
    """The input named: a folder of `spark ingest` tables, or a cablescope database file."""
    path = Path(path)
    if path.is_dir():
        if not present(path, "cables"):
            raise CablescopeError(f"{path}: no Parquet tables of `cablescope spark ingest` here "
                                  "(cables/ is missing)")
    elif not path.is_file():
        raise CablescopeError(f"{path}: no such database or Parquet folder")
    return path


def read_table(spark: SparkSession, source: str | Path, table: str,
               cols: list[str] | None = None) -> DataFrame:
    """One table of `source` as a DataFrame (only `cols`, when given)."""
    source = check_input(source)
    cols = cols or [name for name, _ in ALL_TABLES[table]]
    if is_parquet(source):
        if not present(source, table):
            raise CablescopeError(f"{source}: the {table} table is missing")
        return spark.read.parquet(str(table_path(source, table))).select(*cols)
    import pyarrow as pa  # type: ignore[import-untyped]

    schema = spark_schema([c for c in ALL_TABLES[table] if c[0] in cols])
    conn = sqlite3.connect(f"file:{source.resolve()}?mode=ro", uri=True)
    try:
        cursor = conn.execute(f"SELECT {', '.join(cols)} FROM {table}")
        data: list[tuple] = list(zip(*cursor.fetchall(), strict=True)) or [() for _ in cols]
    except sqlite3.Error as exc:
        raise CablescopeError(f"{source}: cannot read {table}: {exc}") from exc
    finally:
        conn.close()
    arrow = pa.table({c: pa.array(list(values)) for c, values in zip(cols, data, strict=True)})
    return spark.createDataFrame(arrow.cast(_arrow_schema(schema)), schema=schema)


def _arrow_schema(schema: object) -> object:
    from pyspark.sql.pandas.types import to_arrow_schema

    return to_arrow_schema(schema)  # type: ignore[arg-type]


def sqlite_for(source: str | Path) -> Path:
    """A database for `source`: the file itself, or for a Parquet folder the database loaded
    from it (`DIR/cablescope.db`, loaded again when the tables are newer)."""
    source = check_input(source)
    if not is_parquet(source):
        return source
    db = source / LOADED_DB
    newest = max((p.stat().st_mtime for p in source.glob("*/_SUCCESS")), default=0.0)
    if not db.exists() or db.stat().st_mtime < newest:
        from cablescope.spark.load import load

        for stale in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
            stale.unlink(missing_ok=True)
        load(source, db)
    return db
