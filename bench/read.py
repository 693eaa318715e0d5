"""Reader and generator speed: `read_corpus` beside `xz -dc` (the floor), and `cablescope synth`.

Usage (from the project root, with the project's virtualenv):

    .venv/bin/python bench/read.py                     # real archive, both decompression modes
    .venv/bin/python bench/read.py --synth 251287      # also generate and read a synthetic csv

Each measurement runs in a fresh process (peak RSS is its own). Synthetic output goes to --work
(default /tmp/bench), never into the repository. Results: docs/sources.md, docs/synth.md.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CABLESCOPE_SHARED", ROOT.parent / "shared"))
REAL = SHARED / "corpus" / "cablegate-2011-04-25.tar.xz"

READ = """
import sys
from cablescope.sources import open_corpus
corpus = open_corpus(sys.argv[1])
records = sum(1 for item in corpus if hasattr(item, "text"))
print(records, corpus.total_bytes, corpus.failed)
"""


def run(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds (user+sys of the child) and stdout of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, check=True, capture_output=True, text=True,
                          env={**os.environ, **(env or {})})
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout.strip()


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--synth", type=int, default=0, help="also a synthetic corpus this big")
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench"))
    args = parser.parse_args()
    python = sys.executable
    if REAL.exists() and shutil.which("xz"):
        wall, cpu, _ = run(["sh", "-c", f"xz -dc '{REAL}' > /dev/null"])
        print(f"xz -dc {REAL.name}: {wall:.2f} s wall, {cpu:.2f} s CPU")
        for mode in ("tool", "python"):
            env = {"CABLESCOPE_DECOMPRESS": "python"} if mode == "python" else {}
            wall, cpu, out = run([python, "-c", READ, str(REAL)], env)
            print(f"read_corpus ({mode} decompression): {wall:.2f} s wall, {cpu:.2f} s CPU, "
                  f"records/bytes/failed = {out}")
    if args.synth:
        args.work.mkdir(parents=True, exist_ok=True)
        out_path = args.work / f"bench-synth-{args.synth}.csv"
        cablescope = str(Path(python).parent / "cablescope")
        wall, cpu, _ = run([cablescope, "synth", "--cables", str(args.synth), "--out",
                            str(out_path), "--seed", "7", "--quiet"])
        size = out_path.stat().st_size / 1e6
        print(f"synth {args.synth:,} cables: {wall:.1f} s wall, {cpu:.1f} s CPU, {size:,.0f} MB, "
              f"peak RSS so far {peak_rss_mb():.0f} MB")
        wall, cpu, out = run([python, "-c", READ, str(out_path)])
        print(f"read_corpus {out_path.name}: {wall:.1f} s wall ({size / wall:.0f} MB/s), "
              f"{cpu:.1f} s CPU, records/bytes/failed = {out}")


if __name__ == "__main__":
    main()
