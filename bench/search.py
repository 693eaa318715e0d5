"""Search benchmark: latency percentiles of a fixed, seeded mix of 200 queries, beside `grep -c`.

Usage (from the project root, with the project's virtualenv):

    .venv/bin/python bench/search.py --db real=/tmp/search-real.db \\
        --db synth-251k=/tmp/bench/synth-251k.db [--write-docs]

For each database the mix is drawn (seed --seed) from the database itself, so the same seed and
the same database give the same 200 queries:
- 50 single words, by paragraph frequency: 20 rare (0.01-0.1 % of paragraphs), 20 medium
  (0.1-1 %), 10 common (1-5 %); stop-word-like words (over 5 %) are not drawn;
- 30 two-word ANDs (a medium word and any word), 30 phrases (two adjacent words of a random
  paragraph, neither a stop word: "national security", not "urged the"), 20 OR / NOT queries;
- 40 field filters (tag:, origin:, class:, from:/to:, year: taken from random cables) with a
  word, 10 filters alone;
- 20 exact strings (=...: two or three adjacent words of a random paragraph, punctuation kept).
Every query asks for the 5 facets and a page of 20, ranked; one in five is at paragraph level.
The mix runs once to warm the caches, then once measured. `grep -c` is timed on the same text
(every paragraph, written once to a file beside the database) for one medium word: what reading
all of it costs without an index. Index size is the full-text indexes and search's own indexes,
against the bytes of text they index. Exact mode's shingle index (search/shingles.py) is built
first if the database has none (its build time is reported), as `cablescope index` builds it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

from docs_section import replace_section

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "benchmarks.md"
sys.path.insert(0, str(ROOT / "src"))

from cablescope.search import FACETS, search, shingles  # noqa: E402
from cablescope.search.columns import columns, stamp  # noqa: E402
from cablescope.search.similar import STOP_WORDS  # noqa: E402
from cablescope.store import Store  # noqa: E402

WORD = re.compile(r"[A-Za-z]{3,}")
TARGETS = {"ranked": 20.0, "exact": 100.0}  # p95 targets at full size, ms (issue 14)


def vocabulary(db: Path) -> tuple[list[tuple[str, int]], int]:
    """(term, paragraphs containing it) for every alphabetic index term, and the paragraph count."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        conn.execute("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, paragraphs_fts, row)")
        terms = [(t, n) for t, n in conn.execute("SELECT term, doc FROM temp.vocab")
                 if t.isalpha() and len(t) >= 3 and t not in STOP_WORDS]
        (paragraphs,) = conn.execute("SELECT count(*) FROM paragraphs").fetchone()
    finally:
        conn.close()
    return terms, paragraphs


def band(terms: list[tuple[str, int]], total: int, low: float, high: float) -> list[str]:
    return sorted(t for t, n in terms if low * total <= n < high * total and n >= 3)


def make_mix(conn: sqlite3.Connection, db: Path, seed: int, rounds: int = 1) -> list[dict]:
    """The 200 queries (200 × `rounds`: each kind drawn that many times over), as dicts: kind,
    query, level, exact."""
    rng = random.Random(seed)
    terms, total = vocabulary(db)
    rare = band(terms, total, 0.0001, 0.001)
    medium = band(terms, total, 0.001, 0.01)
    common = band(terms, total, 0.01, 0.05)
    (max_pid,) = conn.execute("SELECT max(pid) FROM paragraphs").fetchone()
    (cables,) = conn.execute("SELECT count(*) FROM cables").fetchone()

    def paragraph_text() -> str:
        while True:
            row = conn.execute("SELECT text FROM paragraphs WHERE pid >= ? LIMIT 1",
                               (rng.randint(1, max_pid),)).fetchone()
            if row and len(WORD.findall(row[0])) > 12:
                return row[0]

    def cable_field() -> str:
        cid, origin, classification, year = conn.execute(
            "SELECT id, origin, classification, year FROM cables LIMIT 1 OFFSET ?",
            (rng.randrange(cables),)).fetchone()
        tags = [t for (t,) in conn.execute("SELECT tag FROM tags WHERE cable_id = ?", (cid,))
                if "," not in t]
        choices = [f'origin:"{origin}"', f'class:"{classification}"', f"year:{year}",
                   f"from:{year}-01 to:{year + 1}-06"]
        if tags:
            choices.append(f"tag:{rng.choice(tags)}")
        return rng.choice([c for c in choices if "None" not in c])

    def adjacent(n: int, keep_punctuation: bool) -> str:
        while True:
            text = paragraph_text()
            words = list(re.finditer(r"\S+", text))
            i = rng.randrange(max(1, len(words) - n))
            chosen = words[i:i + n]
            raw = " ".join(m.group() for m in chosen)
            plain = [w.lower() for w in WORD.findall(raw)]
            if keep_punctuation and len(plain) >= 2 and not all(w in STOP_WORDS for w in plain):
                return raw.strip("\"“”'’()[],;:")
            if not keep_punctuation and len(plain) >= 2 and not set(plain) & STOP_WORDS:
                return '"' + " ".join(plain[:n]) + '"'

    mix: list[dict] = []

    def add(kind: str, query: str, exact: bool = False) -> None:
        mix.append({"kind": kind, "query": query, "exact": exact})

    for _ in range(rounds):
        for _ in range(20):
            add("word (rare)", rng.choice(rare))
        for _ in range(20):
            add("word (medium)", rng.choice(medium))
        for _ in range(10):
            add("word (common)", rng.choice(common))
        for _ in range(30):
            add("two words", f"{rng.choice(medium)} {rng.choice(rare + medium + common)}")
        for _ in range(30):
            add("phrase", adjacent(2, keep_punctuation=False))
        for i in range(20):
            a, b = rng.choice(medium), rng.choice(rare + medium)
            add("OR / NOT", f"{a} OR {b}" if i % 2 else f"{a} -{b}")
        for _ in range(40):
            add("filter + word", f"{cable_field()} {rng.choice(rare + medium)}")
        for _ in range(10):
            add("filters only", f"{cable_field()} {cable_field()}")
        for _ in range(20):
            add("exact", adjacent(rng.choice((2, 3)), keep_punctuation=True), exact=True)
    for i, item in enumerate(mix):
        item["level"] = "paragraph" if i % 5 == 4 else "cable"
    return mix


def run_mix(conn: sqlite3.Connection, mix: list[dict]) -> list[dict]:
    """Each query once, timed; returns the mix with `ms` and `total` added."""
    out = []
    for item in mix:
        start = time.perf_counter()
        result = search(conn, item["query"], level=item["level"], facets=FACETS, limit=20,
                        exact_mode=item["exact"])
        ms = (time.perf_counter() - start) * 1000
        out.append({**item, "ms": ms, "total": result.total})
    return out


def percentile(values: list[float], p: float) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]


def grep_floor(conn: sqlite3.Connection, db: Path, word: str) -> tuple[float, int, int]:
    """Seconds `grep -c -i` takes over every paragraph's text, the file's bytes, lines found."""
    dump = db.with_suffix(".paragraphs.txt")
    mark = db.with_suffix(".paragraphs.stamp")  # the store's stamp when the dump was written:
    current = stamp(conn)  # the file's time moves whenever the columns are saved, its text not
    if not dump.exists() or not mark.exists() or mark.read_text() != current:
        with open(dump, "w", encoding="utf-8") as f:
            for (text,) in conn.execute("SELECT text FROM paragraphs"):
                f.write(text)
                f.write("\n")
        mark.write_text(current)
    times, found = [], 0
    for _ in range(3):
        start = time.perf_counter()
        done = subprocess.run(["grep", "-c", "-i", word, str(dump)], capture_output=True,
                              text=True, env={**os.environ, "LC_ALL": "C"})
        times.append(time.perf_counter() - start)
        found = int(done.stdout.strip() or 0)
    return min(times), dump.stat().st_size, found


def sizes(conn: sqlite3.Connection) -> dict[str, float]:
    """MB of the text, of the full-text indexes, of search's own tables and indexes."""
    def mb(where: str) -> float:
        (n,) = conn.execute(f"SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE {where}").fetchone()
        return n / 1e6

    (text,) = conn.execute(
        "SELECT sum(length(CAST(text AS BLOB))) FROM paragraphs").fetchone()
    return {
        "text_mb": text / 1e6,
        "paragraphs_fts_mb": mb("name LIKE 'paragraphs_fts%'"),
        "search_mb": mb("name LIKE 'search%' AND name NOT LIKE 'search_exact%'"),
        "shingles_mb": mb("name LIKE 'search_exact%'"),
        "db_mb": mb("1"),
    }


def bench(name: str, db: Path, seed: int) -> dict:
    with Store.open(db) as store:  # migrated to date; the columns built once and saved
        start = time.perf_counter()
        columns(store.connection, rebuild=True)
        columns_s = time.perf_counter() - start
        # exact mode's shingle index (search/shingles.py), built or brought up to date as
        # `cablescope index` does: the time is the build's when the database had none
        start, cpu = time.perf_counter(), time.process_time()
        shingled = shingles.update(store.connection)
        shingles_s, shingles_cpu = time.perf_counter() - start, time.process_time() - cpu
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    with Store.open(db, readonly=True) as store:
        rconn = store.connection
        mix = make_mix(rconn, db, seed)
        mix_file = db.with_suffix(".search-mix.json")
        mix_file.write_text(json.dumps(mix, indent=1, ensure_ascii=False), encoding="utf-8")
        run_mix(rconn, mix)  # warm-up
        results = run_mix(rconn, mix)
        medium = next(item["query"] for item in mix if item["kind"] == "word (medium)")
        grep_s, grep_bytes, grep_lines = grep_floor(rconn, db, medium)
        (cables,) = rconn.execute("SELECT count(*) FROM cables").fetchone()
    size = sizes(conn)
    conn.close()
    ranked = [r["ms"] for r in results if not r["exact"]]
    exact = [r["ms"] for r in results if r["exact"]]
    kinds: dict[str, list[float]] = {}
    for r in results:
        kinds.setdefault(r["kind"], []).append(r["ms"])
    return {
        "name": name, "db": str(db), "cables": cables, "queries": len(results),
        "columns_s": round(columns_s, 1),
        "shingles": {"paragraphs": shingled, "wall_s": round(shingles_s, 1),
                     "cpu_s": round(shingles_cpu, 1)},
        "all": [percentile([r["ms"] for r in results], p) for p in (50, 95, 99)],
        "ranked": [percentile(ranked, p) for p in (50, 95, 99)],
        "exact": [percentile(exact, p) for p in (50, 95, 99)],
        "kinds": {k: [percentile(v, p) for p in (50, 95)] + [max(v), len(v)]
                  for k, v in kinds.items()},
        "slowest": sorted(results, key=lambda r: -r["ms"])[:5],
        "grep": {"word": medium, "seconds": grep_s, "bytes": grep_bytes, "lines": grep_lines},
        **size,
    }


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        model = next(line.split(":", 1)[1].strip() for line in
                     Path("/proc/cpuinfo").read_text().splitlines() if "model name" in line)
        cpu = model
    except (OSError, StopIteration):
        pass
    load = os.getloadavg()[0]
    return (f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, SQLite "
            f"{sqlite3.sqlite_version}; load average {load:.1f} when measured (shared machine)")


def report(rows: list[dict], notes: list[str]) -> str:
    def ms(values: list[float]) -> str:
        return " / ".join(f"{v:,.0f}" if v >= 10 else f"{v:.1f}" for v in values)

    lines = ["## Search", "",
             f"Measured {dt.date.today().isoformat()} by `bench/search.py` on {machine()}.", "",
             "A fixed mix of 200 queries per database, drawn from it with seed 7 (the kinds "
             "below; every query with the 5 facets and a ranked page of 20, one in five at "
             "paragraph level), run once to warm up, then measured. Latency in ms as "
             "p50 / p95 / p99. Targets (full-size corpus): ranked queries with facets p95 < "
             f"{TARGETS['ranked']:.0f} ms, exact mode p95 < {TARGETS['exact']:.0f} ms.", "",
             "| corpus | cables | all 200 | ranked (180) | exact (20) | grep -c, one word | "
             "text MB | paragraphs_fts MB | search's own MB | columns built in | "
             "exact index MB | exact index built (wall / CPU) |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | "
             "---: |"]
    for r in rows:
        g = r["grep"]
        lines.append(
            f"| {r['name']} | {r['cables']:,} | {ms(r['all'])} | {ms(r['ranked'])} | "
            f"{ms(r['exact'])} | {g['seconds'] * 1000:,.0f} ms (`{g['word']}`, "
            f"{g['bytes'] / 1e6:,.0f} MB) | {r['text_mb']:,.0f} | {r['paragraphs_fts_mb']:,.0f} "
            f"({r['paragraphs_fts_mb'] / r['text_mb']:.0%} of text) | {r['search_mb']:,.1f} | "
            f"{r['columns_s']:,.1f} s | {r['shingles_mb']:,.0f} | "
            + (f"{r['shingles']['wall_s']:,.0f} / {r['shingles']['cpu_s']:,.0f} s "
               f"({r['shingles']['paragraphs']:,} paragraphs) |" if r["shingles"]["paragraphs"]
               else "built before |"))
    for r in rows:
        lines += ["", f"By kind, {r['name']} (p50 / p95 / max ms, count):", "",
                  "| kind | p50 | p95 | max | n |", "| --- | ---: | ---: | ---: | ---: |"]
        for kind, (p50, p95, worst, n) in r["kinds"].items():
            lines.append(f"| {kind} | {p50:,.1f} | {p95:,.1f} | {worst:,.0f} | {n} |")
        lines += ["", f"Slowest in {r['name']}: " + "; ".join(
            f"`{s['query']}` ({s['level']}, {s['total']:,} hits) {s['ms']:,.0f} ms"
            for s in r["slowest"][:3]) + "."]
    verdicts = []
    for r in rows:
        ranked95, exact95 = r["ranked"][1], r["exact"][1]
        index = r["paragraphs_fts_mb"] + r["search_mb"] + r["shingles_mb"]
        verdicts.append(
            f"{r['name']}: ranked p95 {ranked95:,.0f} ms "
            f"({'within' if ranked95 < TARGETS['ranked'] else 'over'} "
            f"{TARGETS['ranked']:.0f} ms), exact p95 {exact95:,.0f} ms "
            f"({'within' if exact95 < TARGETS['exact'] else 'over'} {TARGETS['exact']:.0f} ms); "
            f"index {index:,.0f} MB = {index / r['text_mb']:.0%} of the text "
            f"({'within' if index <= r['text_mb'] else 'over'} the text's size)")
    lines += ["", "Against the targets: " + "; ".join(verdicts) + "."]
    for note in notes:
        lines += ["", note]
    return "\n".join(lines).rstrip() + "\n"


def write_docs(section: str) -> None:
    replace_section(DOCS, "Search", section)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", action="append", required=True, metavar="NAME=PATH",
                        help="A database to measure, e.g. real=/tmp/search-real.db")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--note", action="append", default=[],
                        help="A sentence to add under the tables (repeatable).")
    parser.add_argument("--write-docs", action="store_true",
                        help="Rewrite the `## Search` section of docs/benchmarks.md.")
    args = parser.parse_args()
    rows = []
    for spec in args.db:
        name, _, path = spec.partition("=")
        row = bench(name, Path(path), args.seed)
        print(json.dumps({k: v for k, v in row.items() if k != "slowest"}, indent=1),
              flush=True)
        rows.append(row)
    section = report(rows, args.note)
    print(section)
    if args.write_docs:
        write_docs(section)


if __name__ == "__main__":
    main()
