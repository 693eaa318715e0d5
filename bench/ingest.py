"""Ingest benchmark: cables/s, MB/s, peak RSS and DB size beside the read+decompress floor.

Usage (from the project root, with the project's virtualenv):

    .venv/bin/python bench/ingest.py                      # real corpus + synthetic 25k + 251,287
    .venv/bin/python bench/ingest.py --only real synth-25k
    .venv/bin/python bench/ingest.py --write-docs         # also rewrite `## Ingest` in
                                                          # docs/benchmarks.md (with the
                                                          # latest run of each corpus)

Synthetic corpora are generated with `cablescope synth` into --work (default /tmp/bench), never
into the repository, and reused when already there; each run's database stays in
<work>/ingest/<corpus>.db (replaced by the next run), for other benchmarks to use. Every
measurement runs in a fresh Python process, so its peak RSS is its own: `rss main` is the
ingesting process, `rss worker` the largest parser process (`resource.getrusage` of the
children).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from docs_section import replace_section

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CABLESCOPE_SHARED", ROOT.parent / "shared"))
REAL = SHARED / "corpus" / "cablegate-2011-04-25.tar.xz"
SYNTH = {"synth-25k": 25_000, "synth-251k": 251_287}
DOCS = ROOT / "docs" / "benchmarks.md"
SEED = 2011

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
mode, path, db = sys.argv[1], sys.argv[2], sys.argv[3]
import cablescope.cli  # every layer's migrations (indexes, triggers), as `cablescope ingest` has
from cablescope.sources import open_corpus
corpus = open_corpus(path)
start = time.perf_counter()
out = {}
if mode == "floor":
    records = problems = chars = 0
    for item in corpus:
        if hasattr(item, "text"):
            records += 1
            chars += len(item.text) + len(item.header)
        else:
            problems += 1
    out.update(records=records, problems=problems, chars=chars)
else:
    from cablescope.store import Store
    with Store.open(db) as store:
        summary = store.ingest(corpus)
    out.update(summary.as_dict())
out["seconds"] = time.perf_counter() - start
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
out["cpu_s"] = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
out["input_bytes"] = corpus.total_bytes
out["rss_main_mb"] = me.ru_maxrss / 1024
out["rss_worker_mb"] = kids.ru_maxrss / 1024
print(json.dumps(out))
"""


def child(mode: str, path: Path, db: Path) -> dict:
    """One measurement in a fresh interpreter; its JSON report."""
    result = subprocess.run([sys.executable, "-c", CHILD, mode, str(path), str(db)],
                            check=True, capture_output=True, text=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def os_floor(path: Path) -> float:
    """Seconds to read (and, for .xz, decompress) the input with the system's own tools."""
    cmd = ["xz", "-dc", str(path)] if path.suffix == ".xz" else ["cat", str(path)]
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def synth(name: str, work: Path) -> Path:
    """The synthetic corpus `name`, generated once into `work`."""
    out = work / f"{name}.csv"
    if not out.exists():
        print(f"generating {out} ...", file=sys.stderr)
        subprocess.run([str(Path(sys.executable).parent / "cablescope"), "synth", "--cables",
                        str(SYNTH[name]), "--out", str(out), "--seed", str(SEED)], check=True)
    return out


def measure(name: str, path: Path, work: Path) -> dict:
    """Floors and ingest of one corpus. The database is built under a temporary name and then
    renamed to `<work>/ingest/<name>.db`, so others can use the latest one meanwhile."""
    (work / "ingest").mkdir(exist_ok=True)
    final = work / "ingest" / f"{name}.db"
    db = final.with_suffix(".building.db")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    os_floor(path)  # warm the page cache so every run below reads from memory
    row: dict = {"corpus": name, "path": str(path), "input_mb": path.stat().st_size / 1e6,
                 "load_before": os.getloadavg()[0]}
    row["os_floor_s"] = os_floor(path)
    floor = child("floor", path, db)
    row["reader_floor_s"] = floor["seconds"]
    row["text_mb"] = floor["chars"] / 1e6
    print(f"{name}: floor {row['reader_floor_s']:.1f} s, ingesting ...", file=sys.stderr)
    run = child("ingest", path, db)
    row.update(
        records=run["records"], cables=run["new_cables"], problems=run["problems"],
        ingest_s=run["seconds"], cpu_s=run["cpu_s"], rss_main_mb=run["rss_main_mb"],
        rss_worker_mb=run["rss_worker_mb"], db_mb=db.stat().st_size / 1e6,
    )
    row["cables_per_s"] = row["records"] / row["ingest_s"]
    row["input_mb_per_s"] = row["input_mb"] / row["ingest_s"]
    row["text_mb_per_s"] = row["text_mb"] / row["ingest_s"]
    row["x_reader_floor"] = row["ingest_s"] / row["reader_floor_s"]
    for side in ("-wal", "-shm"):  # the previous database's: they must not meet the new file
        Path(f"{final}{side}").unlink(missing_ok=True)
    os.replace(db, final)  # the store checkpointed and removed its WAL when it closed
    row["db"] = str(final)
    return row


def machine() -> str:
    lscpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
    model = re.search(r"Model name:\s*(.+)", lscpu)
    mem_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    import sqlite3

    return (f"{model.group(1).strip() if model else platform.processor()}, "
            f"{os.cpu_count()} cores (nproc), {mem_kb / 1024 / 1024:.0f} GB RAM; "
            f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}")


def markdown(rows: list[dict]) -> str:
    today = dt.date.today().isoformat()
    lines = [
        "## Ingest",
        "",
        f"Measured {today} by `bench/ingest.py` on:",
        f"{machine()}.",
        "",
        "Parse + store + full-text index into a fresh database, as `cablescope ingest` does it",
        "(every layer's migrations applied; parser processes: cores - 1, at least 1; an input",
        "of 8 MB or more is read in a reader process of its own).",
        "*Reader floor*: the same input through `cablescope.sources` without parsing or storing;",
        "*OS floor*: `xz -dc` (or `cat`) of the file to /dev/null. Input MB are bytes on disk;",
        "text MB the cable text extracted. CPU s: user + system time of the ingest and its child",
        "processes (what the machine's cores spent; on two idle cores the wall time approaches",
        "half of it). RSS: peak of the ingesting process / of the largest child process. Load:",
        "the machine's 1-minute load average when the run started (other work shares the cores).",
        "",
        "| corpus | cables | input MB | text MB | OS floor s | reader floor s | ingest s | CPU s | "
        "x reader floor | cables/s | text MB/s | RSS main / worker MB | DB MB | load |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['corpus']} | {r['records']:,} | {r['input_mb']:,.0f} | {r['text_mb']:,.0f} | "
            f"{r['os_floor_s']:.1f} | {r['reader_floor_s']:.1f} | {r['ingest_s']:.1f} | "
            f"{r['cpu_s']:.0f} | {r['x_reader_floor']:.2f} | {r['cables_per_s']:,.0f} | "
            f"{r['text_mb_per_s']:.1f} | {r['rss_main_mb']:,.0f} / {r['rss_worker_mb']:,.0f} | "
            f"{r['db_mb']:,.0f} | {r['load_before']:.1f} |")
    lines += ["", "Targets: 251,287 cables in under 10 minutes on 2 cores, peak RSS under 1 GB,",
              "within 5x of the reader floor on the real corpus.", ""]
    big = next((r for r in rows if r["corpus"] == "synth-251k"), None)
    if big is not None:
        cores = os.cpu_count() or 1
        lines += [
            f"The {big['records']:,}-cable run spent {big['cpu_s']:,.0f} CPU seconds: on {cores}"
            f" cores with nothing else running, at least {big['cpu_s'] / cores / 60:.1f} minutes"
            f" of wall time; it took {big['ingest_s'] / 60:.1f} minutes while the machine's load"
            f" average was {big['load_before']:.1f}.", ""]
    lines += ["`cablescope ingest` then builds and saves the arrays search reads",
              "(`search_columns`, see docs/search.md and the Search section above: 0.2 s for the",
              "real corpus, about 8 s at 251,287 cables), which the figures above do not count.",
              ""]
    return "\n".join(lines)


def write_docs(section: str) -> None:
    replace_section(DOCS, "Ingest", section)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", choices=["real", *SYNTH], default=None)
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench"))
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    if not shutil.which("xz"):
        sys.exit("xz is needed for the OS floor")
    saved = args.work / "ingest-results.json"  # runs of several sessions, by corpus
    results = json.loads(saved.read_text()) if saved.exists() else {}
    for name in args.only or ["real", *SYNTH]:
        path = REAL if name == "real" else synth(name, args.work)
        if not path.exists():
            sys.exit(f"missing corpus {path}")
        row = measure(name, path, args.work)
        print(json.dumps(row))
        results[name] = row
        saved.write_text(json.dumps(results, indent=1))
    if args.write_docs:
        order = ["real", *SYNTH]
        write_docs(markdown([results[n] for n in order if n in results]))


if __name__ == "__main__":
    main()
