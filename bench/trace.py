"""Tracing speed: one 1,500-word article with 10 quotations, p50/p95 over 50 articles; articles
per second in batch mode; memory over the batch; index build time and size.

Usage (from the project root, with the project's virtualenv):

    .venv/bin/python bench/trace.py --db /tmp/trace-real.db --label real
    .venv/bin/python bench/trace.py --db /tmp/bench/synth-251k.db --label synth-251k
    .venv/bin/python bench/trace.py ... --write-docs     # rewrite `## Trace` in
                                                         # docs/benchmarks.md (that section only)

Articles are generated from the database itself (bench/trace_evalset.py): ten quotations of
real (or synthetic) paragraphs with every kind of edit, between about 1,450 words of neutral
prose, and three short phrases of other paragraphs (searched by rarity, docs/trace.md). The
trace index is built first when missing (its build time is reported). Every database is
measured in a fresh process, so peak RSS is its own.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import sqlite3
import subprocess
import sys
from pathlib import Path

from docs_section import replace_section

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "benchmarks.md"

CHILD = r"""
import json, random, re, resource, statistics, sys, time, gc
db, articles_n = sys.argv[1], int(sys.argv[2])
sys.path.insert(0, sys.argv[3])
from cablescope.store import Store
from cablescope.trace import Tracer, ensure_index, parse_article
from cablescope.trace.index import index_state
from cablescope.trace.postings import count as count_postings
from trace_evalset import generate

def with_phrases(conn, articles, rng):
    # three short phrases of random paragraphs in a last paragraph of each article
    top = conn.execute("SELECT max(pid) FROM paragraphs").fetchone()[0]
    out = []
    for a in articles:
        phrases = []
        while len(phrases) < 3:
            row = conn.execute("SELECT text FROM paragraphs WHERE pid >= ? LIMIT 1",
                               (rng.randint(1, top),)).fetchone()
            words = re.findall(r"[A-Za-z]{3,}", row[0] if row else "")
            if len(words) > 10:
                at = rng.randrange(len(words) - 3)
                phrases.append(" ".join(words[at:at + 3]))
        tail = "Observers spoke of " + ", ".join(f'"{p}"' for p in phrases) + "."
        out.append(parse_article(a.article.text + "\n\n" + tail, source=a.article.source))
    return out

def rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0

out = {}
with Store.open(db) as store:
    conn = store.connection
    state = index_state(conn)
    t = time.perf_counter()
    summary = ensure_index(store)
    out["index_state_before"] = state
    out["index_seconds"] = round(time.perf_counter() - t, 1) if summary else None
    if out["index_seconds"] is None:  # built before: the time it took then
        row = conn.execute(
            "SELECT value FROM trace_meta WHERE key = 'build_seconds'").fetchone()
        out["index_seconds"] = float(row[0]) if row else None
    out["paragraphs"] = conn.execute("SELECT count(*) FROM trace_indexed").fetchone()[0]
    out["cables"] = conn.execute("SELECT count(*) FROM cables").fetchone()[0]
    out["postings"] = count_postings(conn)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    try:
        out["index_mb"] = round(sum(r[0] for r in conn.execute(
            "SELECT pgsize FROM dbstat WHERE name LIKE 'trace_%' "
            "OR name LIKE 'sqlite_autoindex_trace_%'"
        )) / 1e6, 1)
    except Exception:
        out["index_mb"] = None
    t = time.perf_counter()
    # enough quotations of each kind for `articles_n` articles of 10, ~1,500 words each
    articles = generate(conn, seed=7, per_kind=max(12, articles_n * 10 // 12),
                        quotes_per_article=10, filler_words=1450, pool_size=10000)
    articles = [a for a in articles if len(a.cases) == 10][:articles_n]
    articles = with_phrases(conn, articles, random.Random(13))
    out["generate_seconds"] = round(time.perf_counter() - t, 1)
    words = [len(a.text.split()) for a in articles]
    out["articles"] = len(articles)
    out["words_per_article"] = round(statistics.mean(words))
with Store.open(db, readonly=True) as store:
    tracer = Tracer(store.connection, db)
    for a in articles[:3]:
        tracer.trace(a)  # warm the page cache and the tracer
    gc.collect()
    rss = [rss_mb()]
    times, cpu = [], []
    batch_start = time.perf_counter()
    for i, a in enumerate(articles):
        t, c = time.perf_counter(), time.process_time()
        tracer.trace(a)
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
        if (i + 1) % 10 == 0:
            rss.append(rss_mb())
    batch = time.perf_counter() - batch_start
    # memory over a longer batch: the same articles again, four times
    for _ in range(4):
        for a in articles:
            tracer.trace(a)
        rss.append(rss_mb())
times.sort()
q = statistics.quantiles(times, n=100)
# CPU time of this process: what the article costs whatever else shares the cores
out.update(cpu_p50_ms=round(statistics.median(cpu) * 1000),
           cpu_p95_ms=round(statistics.quantiles(cpu, n=100)[94] * 1000))
out.update(p50_ms=round(statistics.median(times) * 1000), p95_ms=round(q[94] * 1000),
           max_ms=round(times[-1] * 1000), articles_per_s=round(len(articles) / batch, 1),
           rss_mb=[round(x) for x in rss],
           peak_rss_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))
print(json.dumps(out))
"""


def measure(db: Path, articles: int) -> dict:
    proc = subprocess.run([sys.executable, "-c", CHILD, str(db), str(articles),
                           str(Path(__file__).resolve().parent)],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"measuring {db} failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def render(rows: list[tuple[str, dict]], load: float) -> str:
    lines = [
        "## Trace",
        "",
        f"Measured {datetime.date.today()} by `bench/trace.py` on {os.cpu_count()} cores "
        f"({platform.machine()}), Python {platform.python_version()}, SQLite "
        f"{sqlite3.sqlite_version}; load average {load:.1f} when measured (a machine shared "
        "with other jobs: times are several times what they are on an idle one). Each "
        "article: about 1,500 words with 10 quotations of the database's own paragraphs, every "
        "kind of edit (bench/trace_evalset.py), and 3 short phrases of other paragraphs; one "
        "`Tracer` traces them one after the other (batch mode), after 3 warm-up articles.",
        "",
        "| corpus | cables | paragraphs | index build | index size | p50 / article | "
        "p95 / article | articles/s | RSS over the batch (MB) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for label, r in rows:
        build = f"{r['index_seconds']} s" if r.get("index_seconds") else "(built before)"
        size = f"{r['index_mb']} MB" if r.get("index_mb") else "-"
        rss = " → ".join(str(x) for x in r["rss_mb"])
        lines.append(
            f"| {label} | {r['cables']:,} | {r['paragraphs']:,} | {build} | {size} | "
            f"{r['p50_ms']} ms | {r['p95_ms']} ms | {r['articles_per_s']} | {rss} |")
    lines += [
        "",
        "Target: under 300 ms per article at full size. RSS is sampled every 10 articles and "
        "then after each of four more passes over the same articles: it grows while the "
        "bounded caches fill (64 cables, their views, word sets of 5,000 paragraphs) and then "
        "stays flat.",
        "",
    ]
    return "\n".join(lines)


def write_docs(section: str) -> None:
    replace_section(DOCS, "Trace", section)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, action="append", required=True,
                        help="A database to measure (repeat for several).")
    parser.add_argument("--label", action="append", help="Its name in the table.")
    parser.add_argument("--articles", type=int, default=50)
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    labels = args.label or [db.stem for db in args.db]
    rows = []
    for db, label in zip(args.db, labels, strict=True):
        result = measure(db, args.articles)
        print(label, json.dumps(result), flush=True)
        rows.append((label, result))
    section = render(rows, os.getloadavg()[0])
    print(section)
    if args.write_docs:
        write_docs(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
