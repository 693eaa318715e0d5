"""Where `spark reuse` spends its CPU: seconds by step (postings, candidate pairs, alignment,
components, writes), split between the JVM and the Python processes (the driver and the
executors' Python workers).

Usage (from the project root, with the project's virtualenv, Java 17 on the machine):

    .venv/bin/python bench/spark_reuse.py TABLES [--cores 2] [--out FILE.json]

TABLES is a Parquet folder of `cablescope spark ingest` (reuse writes its two tables into it).
One `local[N]` session in this process; every 0.2 s the CPU time of this process and all its
descendants is read from /proc and charged to the step running then, by process kind (`java`,
or the Python driver and workers). The figures go to stdout (and --out) as JSON, with the
1-minute load at the start and end. Nothing is written into the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

from cpumeter import CpuMeter  # bench/, the script's folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("tables", type=Path)
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()

    meter = CpuMeter()
    out: dict = {"tables": str(args.tables), "cores": args.cores,
                 "load_start": os.getloadavg()[0], "steps": {}}
    last, wall = meter.by_kind(), time.perf_counter()

    def ended(step: str) -> None:
        nonlocal last, wall
        now, t = meter.by_kind(), time.perf_counter()
        out["steps"][step] = {**{k: round(now[k] - last[k], 1) for k in now},
                              "wall": round(t - wall, 1)}
        last, wall = now, t

    from cablescope.spark import spark_session
    from cablescope.spark.reuse import reuse

    spark = spark_session(f"local[{args.cores}]")
    spark.sparkContext.parallelize([1], 1).count()
    ended("startup")
    found = reuse(spark, args.tables, stage=ended)
    spark.stop()
    steps = [s for s in out["steps"] if s != "startup"]
    out["reuse_cpu"] = round(sum(out["steps"][s]["jvm"] + out["steps"][s]["python"]
                                 for s in steps), 1)
    out["load_end"] = os.getloadavg()[0]
    out["summary"] = found.as_dict()
    text = json.dumps(out, indent=1)
    if args.out:
        args.out.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
