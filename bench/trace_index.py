"""Trace index build: a full rebuild of a database's index, timed by phase, with CPU seconds.

Usage (from the project root, with the project's virtualenv; the database is written to, so
give it a copy):

    .venv/bin/python bench/trace_index.py --db /tmp/bench/synth-251k.db

Prints one JSON line: `migrate_s` (opening the database: migrations, such as the drop of an
older index's postings, timed apart), `total_s` (the rebuild), `first_chunk_s` (start-up: the
paragraph ids read, the worker processes started, the first chunk's 4-grams), `pass1_end_s`
(every chunk's 4-grams staged), then pass 2 (the staging files sorted and written as blocks) up
to `total_s`; `cpu_main_s` / `cpu_workers_s` (user + system of this process and of the worker
processes); peak RSS of each; the load average at the end; what `update_index` reports.
The same code as `cablescope index --rebuild`.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import cablescope.cli  # noqa: E402,F401  every layer's migrations
import cablescope.trace.index as ix  # noqa: E402
from cablescope.store import Store  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="A copy of a database.")
    args = parser.parse_args()
    load_before = os.getloadavg()
    started = time.monotonic()
    Store.open(args.db).close()
    migrate_s = round(time.monotonic() - started, 1)
    marks: dict[str, float] = {}
    t0 = time.monotonic()
    stage = ix._stage

    def timed_stage(*a: object, **k: object) -> None:
        marks.setdefault("first_chunk_s", round(time.monotonic() - t0, 1))
        stage(*a, **k)  # type: ignore[arg-type]
        marks["pass1_end_s"] = round(time.monotonic() - t0, 1)

    ix._stage = timed_stage  # type: ignore[assignment]
    with Store.open(args.db) as store:
        summary = ix.update_index(store.connection, rebuild=True)
    total = time.monotonic() - t0
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({
        "migrate_s": migrate_s, "total_s": round(total, 1), **marks,
        "cpu_main_s": round(me.ru_utime + me.ru_stime, 1),
        "cpu_workers_s": round(kids.ru_utime + kids.ru_stime, 1),
        "rss_main_mb": me.ru_maxrss // 1024, "rss_worker_mb": kids.ru_maxrss // 1024,
        "load_before": [round(x, 1) for x in load_before],
        "load_after": [round(x, 1) for x in os.getloadavg()],
        "summary": summary.as_dict()}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
