"""Parser speed: `parse_record` over the real archive, records read once beforehand.

Usage (from the project root, with the project's virtualenv):

    .venv/bin/python bench/parse.py              # the 6,712-cable archive
    .venv/bin/python bench/parse.py --repeat 3   # best of three passes

Reports cables/s and ms per cable in CPU time (the machine may be shared) and wall time, and
the slowest cables. Result: docs/parse.md ("Speed").
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CABLESCOPE_SHARED", ROOT.parent / "shared"))
REAL = SHARED / "corpus" / "cablegate-2011-04-25.tar.xz"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=REAL)
    parser.add_argument("--repeat", type=int, default=1, help="passes; the best is reported")
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus} (set CABLESCOPE_SHARED or give a path)")

    from cablescope.parse import parse_record
    from cablescope.sources import RawRecord, read_corpus

    records = [r for r in read_corpus(args.corpus) if isinstance(r, RawRecord)]
    megabytes = sum(len(r.text) + len(r.header) for r in records) / 1e6
    best_cpu = best_wall = float("inf")
    slowest: list[tuple[float, str]] = []
    for _ in range(args.repeat):
        timings = []
        cpu0, wall0 = time.process_time(), time.perf_counter()
        for record in records:
            start = time.perf_counter()
            parse_record(record)
            timings.append((time.perf_counter() - start, record.meta.get("id", record.locator)))
        cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
        if cpu < best_cpu:
            best_cpu, best_wall, slowest = cpu, wall, sorted(timings, reverse=True)[:5]
    n = len(records)
    print(f"{n} cables, {megabytes:.1f} MB of text, python {sys.version.split()[0]}")
    print(f"CPU : {best_cpu:.2f} s = {n / best_cpu:,.0f} cables/s = "
          f"{best_cpu / n * 1000:.3f} ms/cable")
    print(f"wall: {best_wall:.2f} s = {n / best_wall:,.0f} cables/s")
    print("slowest: " + ", ".join(f"{cid} {sec * 1000:.1f} ms" for sec, cid in slowest))


if __name__ == "__main__":
    main()
