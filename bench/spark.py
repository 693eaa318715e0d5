"""Spark benchmark: each job's time on 1 and 2 executor cores, the scaling ratio, Spark's own
overhead, and a projection to 2 million cables on N executors.

Usage (from the project root, with the project's virtualenv, Java 17 on the machine):

    .venv/bin/python bench/spark.py                          # real corpus + synthetic 251,287
    .venv/bin/python bench/spark.py --only real --cores 1 2
    .venv/bin/python bench/spark.py --only synth-251k --entities-cables 2000
    .venv/bin/python bench/spark.py --corpus cut=/data/cables.csv --cores 2 --jobs entities
                                                             # any input; only some jobs
    .venv/bin/python bench/spark.py --corpus big=cables.csv --cores 2 --jobs trace \
        --tables /tmp/bench/spark/big/cores-2/tables --trace-db big.db --no-load
                                                             # trace only, on an earlier
                                                             # ingest's tables and a laptop DB
    .venv/bin/python bench/spark.py --write-docs             # rewrite `## Spark` in
                                                             # docs/benchmarks.md

Every (corpus, cores) run is a fresh Python process with its own `local[N]` session, so start-up
is measured each time, and each job's wall time, CPU seconds (the run's processes: driver, JVM,
Python workers) and load are written to `cores-N/partial.json` as it ends, so a run stopped
early keeps what finished. In it: start-up (session and one trivial job), `spark ingest`, the
serialisation cost (the corpus's text through the Python workers and back, against the same job
without Python), `spark reuse`, `spark entities` on the first --entities-cables cables
(extraction is hours at full size; its throughput is what the projection needs) and, on the real
corpus (or with --trace-db), `spark trace` of the 33 real articles (its database and trace index
are built once, off the clock). `cablescope load` needs no Spark: it is timed once per corpus.
Runs of the same corpus and cores add up in the saved results: each run's jobs replace only
their own figures, so jobs can be measured one at a time (with --tables, without re-ingesting).

Synthetic corpora are generated with `cablescope synth` into --work (default /tmp/bench) and
reused; nothing is written into the repository but docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from docs_section import replace_section

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from ingest import REAL, SHARED, SYNTH, machine, synth  # noqa: E402

ARTICLES = SHARED / "articles" / "wikileaks-2010"
EARLIER = SHARED / "corpus" / "cablegate-earlier-versions.tar.xz"
DOCS = ROOT / "docs" / "benchmarks.md"
TARGET = 2_000_000  # cables in the projection
EXECUTORS = (1, 4, 16, 64)

CHILD = r"""
import json, os, shutil, sys, time
from pathlib import Path


from bench.cpumeter import CpuMeter  # run with the project root as cwd

corpus, cores, work, entities_cables, articles, db, jobs, given = sys.argv[1:9]
jobs = set(jobs.split(","))
cores, entities_cables = int(cores), int(entities_cables)
paths = json.loads(corpus)
work = Path(work)
out = {}


cpu = CpuMeter()  # this process, its JVM and the JVM's Python workers


def timed(job, started, cpu_started, **counts):
    out.update(counts)
    out[f"{job}_s"] = time.perf_counter() - started
    out[f"{job}_cpu"] = cpu() - cpu_started
    out[f"{job}_load"] = os.getloadavg()[0]
    (work / "partial.json").write_text(json.dumps(out))  # what finished, if the run is stopped


t, c = time.perf_counter(), cpu()
from cablescope.spark import spark_session
spark = spark_session(f"local[{cores}]")
spark.sparkContext.parallelize([1], 1).count()
timed("startup", t, c)

tables = Path(given) if given else work / "tables"
if given:  # tables of an earlier run: the ingest is not run, nor timed
    out["cables"] = spark.read.parquet(str(tables / "cables")).count()
else:
    from cablescope.spark.ingest import ingest
    t, c = time.perf_counter(), cpu()
    summary = ingest(spark, paths, tables, partitions=cores)
    timed("ingest", t, c, records=summary.records, cables=summary.cables)

out["text_mb"] = spark.read.parquet(str(tables / "versions")).selectExpr(
    "sum(length(text))").first()[0] / 1e6
if "serialise" in jobs:
    # serialisation: every version's text through the Python workers (Arrow) and back
    versions = spark.read.parquet(str(tables / "versions")).select("cable_id", "text")
    t = time.perf_counter()
    versions.write.format("noop").mode("overwrite").save()
    jvm_only = time.perf_counter() - t
    t = time.perf_counter()
    versions.mapInArrow(lambda batches: batches, versions.schema).write.format("noop") \
        .mode("overwrite").save()
    out["serialise_s"] = time.perf_counter() - t - jvm_only

if "reuse" in jobs:
    from cablescope.spark.reuse import reuse
    t, c = time.perf_counter(), cpu()
    found = reuse(spark, tables)
    timed("reuse", t, c, paragraphs=found.paragraphs, passages=found.passages)

if entities_cables and "entities" in jobs:
    from pyspark.sql import functions as F
    from cablescope.spark.entities import entities
    sample = work / "entities-sample"
    keep = spark.read.parquet(str(tables / "cables")).select("id").orderBy("id") \
        .limit(entities_cables)
    for table, key in (("cables", "id"), ("tags", "cable_id"), ("paragraphs", "cable_id")):
        frame = spark.read.parquet(str(tables / table))
        frame.join(keep.withColumnRenamed("id", key) if key != "id" else keep, key, "left_semi") \
            .write.mode("overwrite").parquet(str(sample / table))
    t, c = time.perf_counter(), cpu()
    done = entities(spark, sample, partitions=cores)
    timed("entities", t, c, entities_cables=done.cables, entities_words=done.words)

if articles and "trace" in jobs:
    from cablescope.spark.trace import trace
    t, c = time.perf_counter(), cpu()
    traced = trace(spark, [articles], db, work / "reports.jsonl", partitions=cores)
    timed("trace", t, c, articles=traced.traced)
spark.stop()
print(json.dumps(out))
"""


def child(paths: list[Path], cores: int, work: Path, entities_cables: int,
          articles: Path | None, db: Path | None, jobs: list[str],
          tables: Path | None = None) -> dict:
    work.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps([str(p) for p in paths]), str(cores), str(work),
         str(entities_cables), str(articles or ""), str(db or ""), ",".join(jobs),
         str(tables or "")],
        capture_output=True, text=True, cwd=ROOT)
    if proc.returncode:
        sys.exit(f"run failed:\n{proc.stderr[-4000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def trace_db(paths: list[Path], work: Path, db: Path | None = None) -> Path:
    """The corpus as `cablescope ingest` stores it (or `db`, a database of the same corpus made
    by the laptop path), with its trace index (not exact search's): both built off the clock."""
    from cablescope.store import Store
    from cablescope.trace import ensure_index

    if db is None:
        db = work / "trace.db"
        work.mkdir(parents=True, exist_ok=True)
        if not db.exists():
            subprocess.run([str(Path(sys.executable).parent / "cablescope"), "ingest",
                            *map(str, paths), "--db", str(db), "-q"], check=True)
    with Store.open(db) as store:
        ensure_index(store)  # a no-op when current
    return db


def time_load(tables: Path, work: Path) -> float:
    db = work / "loaded.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    started = dt.datetime.now()
    subprocess.run([str(Path(sys.executable).parent / "cablescope"), "load", str(tables),
                    "--db", str(db), "--quiet"], check=True, cwd=ROOT)
    return (dt.datetime.now() - started).total_seconds()


def measure(name: str, paths: list[Path], cores_list: list[int], work: Path,
            entities_cables: int, jobs: list[str], time_loading: bool = True,
            earlier: dict | None = None, tables: Path | None = None,
            db: Path | None = None) -> dict:
    """Run the jobs on each number of cores; a job's figures replace those of an `earlier`
    measurement of the same corpus and cores, the other jobs' figures are kept, so the jobs of
    one corpus can be measured in separate runs. With `tables` (Parquet of an earlier ingest of
    the corpus) the ingest is not run; with `db` (the corpus ingested by the laptop path) the
    real articles are traced against it."""
    row: dict = earlier or {"corpus": name, "runs": {}}
    row["load_before"] = os.getloadavg()[0]
    articles = ARTICLES if (name == "real" or db) and ARTICLES.exists() else None
    db = trace_db(paths, work / name, db) if articles and "trace" in jobs else None
    for cores in cores_list:
        print(f"{name}: local[{cores}] ...", file=sys.stderr)
        run_dir = work / name / f"cores-{cores}" / ("jobs" if tables else "")
        shutil.rmtree(run_dir, ignore_errors=True)
        run = child(paths, cores, run_dir, entities_cables, articles, db, jobs, tables)
        run["load_before"] = os.getloadavg()[0]
        row["runs"].setdefault(str(cores), {}).update(run)
        print(json.dumps(run), file=sys.stderr)
    last = tables or work / name / f"cores-{cores_list[-1]}" / "tables"
    if time_loading:
        row["load_s"] = time_load(last, work / name)
    return row


OPTIONAL = ("serialise", "reuse", "entities", "trace")
JOBS = [("ingest", "ingest_s", "records"), ("reuse", "reuse_s", "cables"),
        ("entities", "entities_s", "entities_cables"), ("trace", "trace_s", "articles")]


def _cell(run: dict, job: str) -> str:
    """`wall s / CPU s (load)` of one job of one run, or `-` when it was not run."""
    if f"{job}_s" not in run:
        return "-"
    cpu = f" / {run[job + '_cpu']:.1f}" if f"{job}_cpu" in run else ""
    load = f" ({run[job + '_load']:.1f})" if f"{job}_load" in run else ""
    return f"{run[job + '_s']:.1f}{cpu}{load}"


def _loads(one: dict, two: dict, job: str) -> str:
    """` (load a / b)` of a job's 1-core and 2-core runs, when both were recorded."""
    key = f"{job}_load"
    return f" ({one[key]:.1f} / {two[key]:.1f})" if key in one and key in two else ""


def markdown(rows: list[dict]) -> str:
    today = dt.date.today().isoformat()
    lines = [
        "## Spark",
        "",
        f"Measured {today} by `bench/spark.py` on:",
        f"{machine()}; Spark {_spark_version()} on `local[N]` (N executor cores in one JVM,",
        "run with the C1 compiler only, as `cablescope spark` runs a local master).",
        "",
        "Each row is a fresh process. Each cell is *wall s / CPU s (1-minute load average when",
        "the job ended)*; CPU s are those of the whole job: the driver's Python, the JVM (driver",
        "and executors, with its compiler and garbage-collector threads) and its Python workers,",
        "from /proc, whatever else shared the two cores. *Start-up* is the session plus one",
        "trivial job (Spark's fixed cost per command). Job times include their own Spark stages",
        "and Parquet writes, not start-up. Entities: the first cables of the corpus by id",
        "(extraction of a whole corpus takes hours), so its projection rests on its throughput.",
        "Trace: the 33 real articles, against a database of the same corpus made by",
        "`cablescope ingest` (with its trace index, built off the clock).",
        "",
        "| corpus | cores | start-up | ingest | reuse | entities (cables) | trace |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        mb = next((r["text_mb"] for r in row["runs"].values() if "text_mb" in r), None)
        size = f", {mb:,.0f} MB text" if mb is not None else ""
        for cores, r in sorted(row["runs"].items(), key=lambda run: int(run[0])):
            ent = _cell(r, "entities")
            if "entities_cables" in r:
                ent += f" ({r['entities_cables']:,})"
            lines.append(
                f"| {row['corpus']} ({r['cables']:,} cables{size}) | "
                f"{cores} | {_cell(r, 'startup')} | {_cell(r, 'ingest')} | {_cell(r, 'reuse')} "
                f"| {ent} | {_cell(r, 'trace')} |")
    loads = [f"{row['corpus']} {row['load_s']:.1f} s" for row in rows if "load_s" in row]
    if loads:
        lines += ["", "`cablescope load` (Parquet to SQLite, no Spark), wall: "
                  + ", ".join(loads) + "."]
    serialise = [f"{row['corpus']} on {cores} core(s) {r['serialise_s']:.1f} s"
                 for row in rows for cores, r in row["runs"].items() if "serialise_s" in r]
    if serialise:
        lines += ["", "Serialisation (every version's text through the Python workers and "
                  "back, Arrow, less the same job without Python), wall: "
                  + ", ".join(serialise) + "."]
    lines += ["", "Scaling (wall on 1 core / wall on 2 cores; 2.0 is linear; in brackets the load "
              "when each job ended, 1 core / 2 cores: a ratio says something only where the "
              "two are close):", ""]
    if not any(set(row["runs"]) >= {"1", "2"} for row in rows):
        lines.append("- no corpus was run on both 1 and 2 cores in this measurement")
    for row in rows:
        one, two = row["runs"].get("1"), row["runs"].get("2")
        if not (one and two):
            continue
        parts = [f"{job} {one[key] / two[key]:.2f}" + _loads(one, two, job) for job, key, _ in JOBS
                 if key in one and key in two and two[key]]
        lines.append(f"- {row['corpus']}: " + ", ".join(parts))
    lines += ["", f"Projection to {TARGET:,} cables from the throughput per CPU second (all "
              "processes of the job, on the largest corpus where the job ran), linear in",
              "executor cores plus the start-up; a cluster adds network shuffles and skew, so "
              "these are lower bounds on the time:", ""]
    lines.append("| job | corpus | cables per CPU s | " + " | ".join(
        f"{n} core{'s' if n > 1 else ''}" for n in EXECUTORS) + " |")
    lines.append("|---|---|---:|" + "---:|" * len(EXECUTORS))
    for job, key, count in JOBS[:3]:
        cpu_key = key.replace("_s", "_cpu")
        ran = [(row, r) for row in rows for r in row["runs"].values()
               if cpu_key in r and count in r]
        if not ran:
            continue
        row, r = max(ran, key=lambda x: (x[1][count if count != "records" else "cables"],
                                         x[1][cpu_key]))
        cables = r[count] if count != "records" else r["cables"]
        rate = cables / r[cpu_key]
        cells = [_duration(r.get("startup_s", 0) + TARGET / (rate * n)) for n in EXECUTORS]
        lines.append(f"| {job} | {row['corpus']} | {rate:,.1f} | " + " | ".join(cells) + " |")
    lines += ["", "(Reuse is not linear in the corpus: candidate pairs grow with the shared "
              "passages; its line assumes the density of the corpus it was measured on. Ingest",
              "from a single tar or `cables.csv` is read by one task: the reader's own time, "
              "about 50 s per 251,287 cables in the laptop benchmark's reader floor, bounds it",
              "from below whatever the cores; split the input to go past that.)", ""]
    missing = [n for n in ("real", *SYNTH) if n not in {r["corpus"] for r in rows}]
    if missing:
        lines += [f"Not measured yet: {', '.join(missing)} (`bench/spark.py --only "
                  f"{' '.join(missing)}`).", ""]
    return "\n".join(lines)


def _duration(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


def _spark_version() -> str:
    import pyspark

    return pyspark.__version__


def write_docs(section: str) -> None:
    replace_section(DOCS, "Spark", section)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", choices=["real", *SYNTH], default=None)
    parser.add_argument("--cores", nargs="+", type=int, default=[1, 2])
    parser.add_argument("--entities-cables", type=int, default=1000,
                        help="cables extracted per run (0: skip the entities job)")
    parser.add_argument("--jobs", nargs="*", choices=OPTIONAL, default=list(OPTIONAL),
                        help="jobs after the ingest (every run ingests unless --tables; "
                             "`--jobs` alone: the ingest only)")
    parser.add_argument("--corpus", nargs="+", default=[], metavar="NAME=PATH",
                        help="other inputs to measure, named (e.g. a cut synthetic corpus)")
    parser.add_argument("--no-load", action="store_true", help="do not time `cablescope load`")
    parser.add_argument("--tables", type=Path, default=None,
                        help="Parquet tables of an earlier ingest of the (one) corpus: run the "
                             "jobs on them, without ingesting")
    parser.add_argument("--trace-db", type=Path, default=None,
                        help="the (one) corpus ingested by `cablescope ingest`: trace the real "
                             "articles against it (its trace index is built off the clock)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench/spark"))
    parser.add_argument("--write-docs", action="store_true")
    parser.add_argument("--docs-only", action="store_true",
                        help="measure nothing: rewrite the docs from the saved results")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    saved = args.work / "spark-results.json"
    results = json.loads(saved.read_text()) if saved.exists() else {}
    named = dict(c.split("=", 1) for c in args.corpus)
    default = [] if named else ["real", "synth-251k"]
    for name in [] if args.docs_only else [*(args.only or default), *named]:
        paths = ([Path(named[name])] if name in named else [REAL, EARLIER] if name == "real"
                 else [synth(name, args.work.parent)])
        row = measure(name, paths, args.cores, args.work, args.entities_cables, args.jobs,
                      not args.no_load, results.get(name), args.tables, args.trace_db)
        results[name] = row
        saved.write_text(json.dumps(results, indent=1))
        print(json.dumps(row))
    if args.write_docs or args.docs_only:
        order = ["real", *SYNTH, *sorted(set(results) - {"real", *SYNTH})]
        write_docs(markdown([results[n] for n in order if n in results]))


if __name__ == "__main__":
    main()
