"""CPU seconds of this process and every process below it (a Spark job's JVM and its Python
workers), for the Spark benchmarks (bench/spark.py, bench/spark_reuse.py).

Summed over every process ever seen, polled from /proc every 0.2 s: Spark's Python daemon lets
its workers be reaped unaccounted, so a finished worker's time is only what was last seen (up
to 0.2 s of a worker's end may be missed). Linux only.
"""

from __future__ import annotations

import os
import threading
import time


class CpuMeter(threading.Thread):
    """Call it for the CPU seconds so far; `by_kind()` splits them into `jvm` and `python`."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.seen: dict[int, tuple[str, int]] = {}  # pid -> (kind, ticks last seen)
        self.done = {"jvm": 0, "python": 0}  # ticks of processes whose pid was reused
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
                procs[int(name)] = (int(fields[1]), sum(map(int, fields[11:15])),
                                    head.partition("(")[2])
        mine, todo = set(), [os.getpid()]
        while todo:
            pid = todo.pop()
            mine.add(pid)
            todo.extend(p for p, (ppid, _, _) in procs.items() if ppid == pid)
        with self.lock:
            for pid in mine:
                _, ticks, comm = procs[pid]
                old = self.seen.get(pid)
                if old and ticks < old[1]:  # a new process under an old pid
                    self.done[old[0]] += old[1]
                self.seen[pid] = ("jvm" if comm == "java" else "python", ticks)

    def run(self) -> None:
        while True:
            self.poll()
            time.sleep(0.2)

    def by_kind(self) -> dict[str, float]:
        self.poll()
        with self.lock:
            total = dict(self.done)
            for kind, ticks in self.seen.values():
                total[kind] += ticks
        return {k: v / self.tick for k, v in total.items()}

    def __call__(self) -> float:
        return sum(self.by_kind().values())
