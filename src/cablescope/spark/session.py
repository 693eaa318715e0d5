"""One SparkSession for a `cablescope spark` job, local or on a cluster (docs/spark.md).

`--master` takes what `spark-submit --master` takes: `local[*]` (the default: every core of this
machine), `local[2]`, `spark://host:7077`, `yarn`, `k8s://https://host:6443`. Executors run the
same Python as the driver unless `PYSPARK_PYTHON` says otherwise (on a cluster: an environment
with cablescope installed, see docs/spark.md). Spark's own logging is kept to warnings.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TYPE_CHECKING

from cablescope.errors import CablescopeError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

DEFAULT_MASTER = "local[*]"

# Settings for every job; a cluster's spark-defaults.conf or `--conf` of spark-submit add theirs.
_CONF = {
    "spark.ui.enabled": "false",  # no web server on the driver for a batch job
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.parquet.compression.codec": "zstd",
    "spark.sql.adaptive.enabled": "true",
    "spark.python.worker.reuse": "true",  # the parser, model and tracer load once per worker
    "spark.driver.memory": "2g",
    "spark.ui.showConsoleProgress": "false",
}


class SparkUnavailable(CablescopeError):
    """pyspark is not installed, or Java cannot start."""


def spark_session(master: str | None = None, app: str = "cablescope",
                  conf: dict[str, str] | None = None) -> SparkSession:
    """The active session if there is one (tests share one), else a new one on `master`."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise SparkUnavailable(
            "Spark jobs need the 'spark' extra and Java 17+: pip install 'cablescope[spark]'"
        ) from exc
    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    master = master or DEFAULT_MASTER
    builder = SparkSession.builder.appName(app).master(master)
    settings = dict(_CONF)
    if master.startswith("local"):  # a few shuffle partitions per core, not a cluster's 200
        cores = master[6:-1] if master.startswith("local[") else "1"
        n = os.cpu_count() or 1 if cores in ("*", "") else int(cores.split(",")[0])
        settings["spark.sql.shuffle.partitions"] = str(2 * n)
        # one JVM for driver and executors, living minutes: the C2 compiler's threads cost more
        # CPU than its code saves (C1 only: start-up 13 -> 8 CPU s; the real corpus's ingest's
        # JVM 36 -> 21 CPU s, synth-25k's 53 -> 39 CPU s; docs/benchmarks.md, "Spark")
        settings["spark.driver.extraJavaOptions"] = "-XX:TieredStopAtLevel=1"
    for key, value in {**settings, **(conf or {})}.items():
        builder = builder.config(key, value)
    try:
        session = builder.getOrCreate()
    except Exception as exc:  # Java missing or too old, bad master URL
        raise SparkUnavailable(f"cannot start Spark on {master}: {exc}") from exc
    session.sparkContext.setLogLevel("WARN")
    return session


def startup_seconds(master: str | None = None) -> float:
    """Seconds to start a session and run one trivial job: Spark's fixed cost per command."""
    started = time.monotonic()
    session = spark_session(master)
    session.sparkContext.parallelize([1], 1).count()
    return time.monotonic() - started
