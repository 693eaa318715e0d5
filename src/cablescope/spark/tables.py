"""The Parquet tables a Spark job writes: the SQLite tables' columns, one folder each.

A job's output folder (`--out DIR`) holds `DIR/<table>/part-*.parquet` for each table below;
docs/spark.md lists them. The columns, their order and their meaning are those of the SQLite
table of the same name (docs/schema.md), with these differences: `paragraphs` has no `pid` (the
database numbers paragraphs when it loads them); the entity tables refer to a mention by its
index in its cable (`n`, which also keeps their order) instead of a database id, since ids
are handed out by `load`.

Nothing here imports pyspark: `cablescope load` reads the same folders with pyarrow alone.
"""

from __future__ import annotations

from pathlib import Path

from cablescope.store.rows import CABLE_COLUMNS

Column = tuple[str, str]  # name, type: 'string' | 'int' | 'long' | 'double'

_CABLE_INTS = {"year", "partial", "redactions", "paragraph_count"}

# What `spark ingest` writes, in the order `load` fills the database.
STORE_TABLES: dict[str, list[Column]] = {
    "versions": [("cable_id", "string"), ("version", "int"), ("sha256", "string"),
                 ("seen", "string"), ("released", "string"), ("source", "string"),
                 ("locator", "string"), ("format", "string"), ("ingested_at", "string"),
                 ("header", "string"), ("text", "string"), ("meta", "string")],
    "cables": [(c, "int" if c in _CABLE_INTS else "string") for c in CABLE_COLUMNS]
    + [("version", "int")],
    "paragraphs": [("cable_id", "string"), ("seq", "int"), ("number", "int"),
                   ("marking", "string"), ("heading", "string"), ("start", "int"),
                   ("end", "int"), ("text", "string"), ("marking_raw", "string")],
    "refs": [("citing", "string"), ("seq", "int"), ("letter", "string"), ("raw", "string"),
             ("cited", "string"), ("kind", "string"), ("post", "string"),
             ("post_match", "string")],
    "tags": [("cable_id", "string"), ("tag", "string"), ("kind", "string"), ("seq", "int")],
    "recipients": [("cable_id", "string"), ("seq", "int"), ("kind", "string"),
                   ("name", "string")],
    "problems": [("source", "string"), ("locator", "string"), ("reason", "string"),
                 ("recorded_at", "string")],
}

# What `spark entities` writes (the entity tables of docs/entities.md, mentions by index).
ENTITY_TABLES: dict[str, list[Column]] = {
    "entity_cables": [("cable_id", "string"), ("version", "int"), ("extractor", "string"),
                      ("words", "int"), ("extracted_at", "string")],
    "mentions": [("cable_id", "string"), ("n", "int"), ("seq", "int"), ("number", "int"),
                 ("start", "int"), ("end", "int"), ("type", "string"), ("text", "string"),
                 ("name", "string"), ("key", "string"), ("source", "string"),
                 ("title", "string"), ("country", "string"), ("link", "string")],
    "meetings": [("cable_id", "string"), ("n", "int"), ("seq", "int"), ("number", "int"),
                 ("start", "int"), ("end", "int"), ("kind", "string"), ("date", "string"),
                 ("date_source", "string"), ("place", "string"), ("planned", "int")],
    "meeting_participants": [("cable_id", "string"), ("meeting", "int"), ("seq", "int"),
                             ("mention", "int"), ("label", "string"), ("role", "string")],
    "quotes": [("cable_id", "string"), ("n", "int"), ("seq", "int"), ("number", "int"),
               ("start", "int"), ("end", "int"), ("text", "string"), ("mention", "int"),
               ("verb", "string")],
}

# What `spark reuse` writes (the reuse tables of docs/spark.md).
REUSE_TABLES: dict[str, list[Column]] = {
    "reuse_passages": [
        ("id", "long"), ("cluster", "long"),
        ("cable_a", "string"), ("seq_a", "int"), ("number_a", "int"), ("start_a", "int"),
        ("end_a", "int"),
        ("cable_b", "string"), ("seq_b", "int"), ("number_b", "int"), ("start_b", "int"),
        ("end_b", "int"),
        ("words", "int"), ("score", "double")],
    "reuse_clusters": [("cluster", "long"), ("cable_id", "string"), ("seq", "int"),
                       ("number", "int")],
}

ALL_TABLES = {**STORE_TABLES, **ENTITY_TABLES, **REUSE_TABLES}


def columns(table: str) -> list[str]:
    return [name for name, _ in ALL_TABLES[table]]


def table_path(folder: str | Path, table: str) -> Path:
    return Path(folder) / table


def present(folder: str | Path, table: str) -> bool:
    """Whether a job wrote `table` into `folder` (Spark marks a finished write `_SUCCESS`)."""
    return (table_path(folder, table) / "_SUCCESS").is_file()


def spark_schema(table: str | list[Column]):  # -> pyspark StructType
    """The pyspark schema of a table (or of a column list)."""
    from pyspark.sql import types as T

    kinds = {"string": T.StringType(), "int": T.IntegerType(), "long": T.LongType(),
             "double": T.DoubleType()}
    cols = ALL_TABLES[table] if isinstance(table, str) else table
    return T.StructType([T.StructField(name, kinds[kind], True) for name, kind in cols])
