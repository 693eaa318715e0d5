"""Entity extraction throughput: words per second in one process, per core and in total, and the
time a whole corpus would take.

    .venv/bin/python bench/entities.py --db corpus.db [--sample 200] [--workers 2] [--json]

Cables are drawn at random (seeded) from `--db`, leaving out every cable of a labelled set of
tests/data/entities (so a labelled held-out set is never run through the extractor before its
first look; a set drawn but not labelled yet has an empty file there: while one is, give a copy
of the database without its cables),
and copied, with their paragraphs and TAGS,
into a temporary database, where they are extracted: once in this process
(`workers=0`, the per-process rate), then a fresh draw with `--workers` processes (the total
rate; per core = total / workers). The projection for the whole of `--db` divides its word count
(its text length times the sample's words per character) by the total rate; resolution, which
runs once after extraction, is timed on the samples and scaled by mentions. With no `--db`, the
251,287-cable synthetic corpus that `bench/ingest.py` builds (/tmp/bench/ingest/synth-251k.db).
Results for docs/benchmarks.md (## Entities).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from cablescope.entities.pipeline import Selection, extract
from cablescope.entities.resolve import resolve
from cablescope.store import Store
from entities_draw import labelled_cables  # bench/, the script's folder

SYNTH = Path("/tmp/bench/ingest/synth-251k.db")


def sample_db(source: Path, ids: list[str], target: Path) -> None:
    """A new database holding only `ids` (and the source's casing table, if it has one)."""
    with Store.open(target):
        pass
    conn = sqlite3.connect(target)
    conn.execute("ATTACH DATABASE ? AS src", (f"file:{source}?mode=ro",))
    conn.execute("CREATE TEMP TABLE pick (id TEXT PRIMARY KEY)")
    conn.executemany("INSERT INTO pick VALUES (?)", ((i,) for i in ids))
    for table, key in (("cables", "id"), ("paragraphs", "cable_id"), ("tags", "cable_id"),
                       ("versions", "cable_id")):
        columns = [r[1] for r in conn.execute(f"PRAGMA main.table_info({table})")]
        names = ", ".join(columns)
        conn.execute(f"INSERT INTO main.{table} ({names}) SELECT {names} FROM src.{table} "
                     f"WHERE {key} IN (SELECT id FROM pick)")
    has_casing = conn.execute("SELECT count(*) FROM src.sqlite_master WHERE name = "
                              "'entity_casing'").fetchone()[0]
    if has_casing and conn.execute("SELECT count(*) FROM src.entity_casing").fetchone()[0]:
        conn.execute("INSERT INTO main.entity_casing SELECT * FROM src.entity_casing")
        cables = conn.execute("SELECT count(*) FROM main.cables").fetchone()[0]
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('entities:casing_cables', ?)",
                     (str(cables),))
    conn.commit()
    conn.close()


def _cpu_seconds() -> float:
    """User and system time of this process and of its finished children (the extraction
    processes): on a shared machine, the rate per CPU second is what a core would do alone."""
    own, children = (resource.getrusage(w) for w in (resource.RUSAGE_SELF,
                                                        resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run(source: Path, ids: list[str], workers: int, tmp: Path) -> dict:
    db = tmp / f"sample-{workers}.db"
    sample_db(source, ids, db)
    started, cpu = time.monotonic(), _cpu_seconds()
    summary = extract(db, Selection(), workers=workers, resolve_after=False)
    seconds = time.monotonic() - started
    cpu_seconds = _cpu_seconds() - cpu
    conn = sqlite3.connect(db)
    t = time.monotonic()
    resolve(conn)
    resolve_seconds = time.monotonic() - t
    chars = conn.execute("SELECT sum(length(text)) FROM paragraphs").fetchone()[0]
    conn.close()
    return {"cables": summary.extracted, "words": summary.words, "chars": chars,
            "mentions": summary.mentions, "seconds": round(seconds, 1),
            "words_per_second": round(summary.words / seconds, 1),
            "cpu_seconds": round(cpu_seconds, 1),
            "words_per_cpu_second": round(summary.words / max(cpu_seconds, 1e-9), 1),
            "resolve_seconds": round(resolve_seconds, 2), "workers": workers}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="database to sample and project (default: the "
                        "synthetic 251k corpus)")
    parser.add_argument("--sample", type=int, default=200, help="cables per process")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seed", type=int, default=2011)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.workers < 1:  # the one-process rate is always measured; this is the parallel run
        parser.error(f"--workers must be 1 or more (got {args.workers}): the one-process rate "
                     "is measured in any case")
    source = args.db
    if source is None:
        if not SYNTH.exists():
            print(f"{SYNTH} is missing (run bench/ingest.py first) or give --db",
                  file=sys.stderr)
            return 2
        source = SYNTH
    source = source.resolve()
    conn = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    labelled = labelled_cables()  # the labelled sets' cables are never extracted here
    all_ids = [r[0] for r in conn.execute("SELECT id FROM cables ORDER BY id")
               if r[0] not in labelled]
    t = time.monotonic()
    total_chars = conn.execute("SELECT sum(length(text)) FROM paragraphs").fetchone()[0]
    scan_seconds = time.monotonic() - t
    conn.close()
    rng = random.Random(args.seed)
    draw = rng.sample(all_ids, min(len(all_ids), args.sample * (1 + args.workers)))
    one, many = draw[: args.sample], draw[args.sample:]
    with tempfile.TemporaryDirectory() as tmp:
        single = run(source, one, 0, Path(tmp))
        parallel = run(source, many, args.workers, Path(tmp))
    words_per_char = (single["words"] + parallel["words"]) / (single["chars"] + parallel["chars"])
    total_words = int(total_chars * words_per_char)
    mentions_per_word = parallel["mentions"] / max(parallel["words"], 1)
    resolve_per_mention = parallel["resolve_seconds"] / max(parallel["mentions"], 1)
    projected = total_words / parallel["words_per_second"]
    projected_resolve = total_words * mentions_per_word * resolve_per_mention
    out = {
        "db": str(source), "cables": len(all_ids), "text_chars": total_chars,
        "estimated_words": total_words, "text_scan_seconds": round(scan_seconds, 1),
        "one_process": single, "parallel": parallel,
        "per_core_words_per_second": round(parallel["words_per_second"] / args.workers, 1),
        "words_per_cpu_second": parallel["words_per_cpu_second"],
        "projected_cpu_hours_299m_words": round(299e6 / parallel["words_per_cpu_second"] / 3600, 2),
        "projected_extract_minutes": round(projected / 60, 1),
        "projected_resolve_minutes": round(projected_resolve / 60, 1),
        "machine": f"{os.cpu_count()} cores, {platform.processor() or platform.machine()}, "
                   f"Python {platform.python_version()}",
        "load_average": round(os.getloadavg()[0], 1),
    }
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        print(f"| {source.name} | {len(all_ids):,} | {single['words_per_second']:,.0f} | "
              f"{out['per_core_words_per_second']:,.0f} | {parallel['words_per_second']:,.0f} | "
              f"{total_words:,} | {out['projected_extract_minutes']:,.0f} min + "
              f"{out['projected_resolve_minutes']:,.0f} min | "
              f"{out['words_per_cpu_second']:,.0f} words/CPU s | {out['load_average']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
