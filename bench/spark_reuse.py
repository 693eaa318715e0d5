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
import threading
import time
from pathlib import Path


class StepMeter(threading.Thread):
    """CPU seconds of this process tree by process kind, summed over every process seen."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.seen: dict[int, tuple[str, int]] = {}
        self.done = {"jvm": 0, "python": 0}
        self.lock = threading.Lock()
        self.tick = os.sysconf("SC_CLK_TCK")
        self.start()

    def poll(self) -> None:
        procs: dict[int, tuple[int, int, str]] = {}
        for name in os.listdir("/proc"):
            if name.isdigit():
                try:
                    with open(f"/proc/{name}/stat") as f:
                        head, _, rest = f.read().rpartition(")")
                except OSError:
                    continue
                fields = rest.split()
                comm = head.partition("(")[2]
                procs[int(name)] = (int(fields[1]), sum(map(int, fields[11:15])), comm)
        mine, todo = set(), [os.getpid()]
        while todo:
            pid = todo.pop()
            mine.add(pid)
            todo.extend(p for p, (ppid, _, _) in procs.items() if ppid == pid)
        with self.lock:
            for pid in mine:
                _, ticks, comm = procs[pid]
                kind = "jvm" if comm == "java" else "python"
                old = self.seen.get(pid)
                if old and ticks < old[1]:  # a new process under an old pid
                    self.done[old[0]] += old[1]
                self.seen[pid] = (kind, ticks)

    def run(self) -> None:
        while True:
            self.poll()
            time.sleep(0.2)

    def __call__(self) -> dict[str, float]:
        self.poll()
        with self.lock:
            total = dict(self.done)
            for kind, ticks in self.seen.values():
                total[kind] += ticks
        return {k: v / self.tick for k, v in total.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("tables", type=Path)
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()

    meter = StepMeter()
    out: dict = {"tables": str(args.tables), "cores": args.cores,
                 "load_start": os.getloadavg()[0], "steps": {}}
    last, wall = meter(), time.perf_counter()

    def ended(step: str) -> None:
        nonlocal last, wall
        now, t = meter(), time.perf_counter()
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
