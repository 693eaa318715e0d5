"""The same jobs on Apache Spark: ingest, entities, text reuse and batch tracing beyond one
machine (docs/spark.md).

Each job runs the core code on the executors (readers, parser, extractor, tracer) and writes
Parquet tables with the SQLite tables' columns (`spark.tables`); `cablescope load` puts them
into the SQLite store. Importing this package registers the reuse tables with the store's
migrations and nothing more: pyspark (the `spark` extra) loads when a job starts.

    from cablescope.spark import spark_session, ingest
    spark = spark_session("local[*]")
    ingest.ingest(spark, ["cablegate.tar.xz"], "out/")
"""

from cablescope.spark import schema as _schema  # noqa: F401 - registers the reuse tables
from cablescope.spark.session import DEFAULT_MASTER, SparkUnavailable, spark_session

__all__ = ["DEFAULT_MASTER", "SparkUnavailable", "spark_session"]
