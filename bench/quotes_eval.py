"""Quotation tracing, measured on real labels (issue 10): what tests/test_trace_eval.py asserts.

Usage (from the project root, with the project's virtualenv):

    .venv/bin/python bench/quotes_eval.py --db /tmp/trace-real.db --split dev
    .venv/bin/python bench/quotes_eval.py --db /tmp/trace-real.db --split test --failures

The database must hold the real corpus (`cablescope ingest ../shared/corpus/*.tar.xz`); the
trace index is built in it when missing. Reports, for one split of the real articles
(tests/data/trace/split.json) or all:

- the hand-labelled real quotations (tests/data/trace/quotations/): cable and paragraph accuracy,
  character precision and recall, false attributions, statuses, edit kinds named as labelled;
- the short phrases: those of the real articles and those read in real cables
  (tests/data/trace/phrases/): distinctive ones found, common and scare ones attributed;
- additions, not split: quotations generated from real paragraphs with every kind of edit and
  their negatives, and quotations of cables removed from a copy of the database.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite3

    from cablescope.trace import Tracer
    from trace_scoring import Metrics

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CABLESCOPE_SHARED", ROOT.parent / "shared"))
ARTICLES = SHARED / "articles" / "wikileaks-2010"
DATA = ROOT / "tests" / "data" / "trace"
QUOTATIONS = DATA / "quotations" / "labels.json"
PHRASES = DATA / "phrases" / "phrases.json"


def real_sets(tracer: Tracer, split: str | None) -> dict[str, Metrics]:
    """Metrics of the real quotations and of the phrases read in cables, for one split."""
    from trace_evalset import load_quotations, phrase_articles
    from trace_scoring import evaluate

    real = evaluate(tracer, load_quotations(QUOTATIONS, ARTICLES, split))
    phrases = evaluate(tracer, phrase_articles(PHRASES, split))
    return {"real": real, "phrases": phrases}


def additions(db: Path, tracer: Tracer, conn: sqlite3.Connection, seed: int = 2010,
              per_kind: int = 20) -> dict[str, Metrics]:
    """Generated quotations (every edit kind, negatives) and quotations of removed cables."""
    from cablescope.store import Store
    from cablescope.trace import Tracer, ensure_index
    from trace_evalset import generate, generate_hard, generate_removed, remove_cables
    from trace_scoring import evaluate

    generated = evaluate(tracer, generate(conn, seed=seed, per_kind=per_kind))
    hard = evaluate(tracer, generate_hard(conn, per_kind=per_kind))
    removed_ids, removed_articles = generate_removed(conn)
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "without.db"
        shutil.copyfile(db, copy)
        with Store.open(copy) as store:
            remove_cables(store.connection, removed_ids)
            ensure_index(store)
            removed = evaluate(Tracer(store.connection, str(copy)), removed_articles)
    return {"generated": generated, "hard": hard, "removed": removed}


def report(name: str, metrics: Metrics, failures: bool) -> dict[str, object]:
    from trace_scoring import table

    print(f"\n== {name}\n{table(metrics)}")
    if failures:
        for o in metrics.failures():
            c = o.case
            missed = [f"{e.kind} {e.article_text!r}/{e.cable_text!r}"
                      for e, found in o.labelled_edits if not found]
            extra = [f"{e.kind} {e.article_text!r}/{e.cable_brief[:40]!r}"
                     for e in o.spurious_edits]
            print(f"  FAIL {c.id} [{c.phrase or c.kind}] expected {c.cable_id} {c.paragraphs} "
                  f"got {o.predicted} ({o.status}) {c.quote[:70]!r}"
                  + (f"\n       missed {missed}" if missed else "")
                  + (f"\n       unlabelled {extra}" if extra else "")
                  + (f"\n       why: {o.reason}" if o.reason else ""))
    return metrics.as_dict()


def run(db: Path, split: str = "dev", failures: bool = False,
        with_additions: bool = True) -> dict[str, object]:
    """Every measure, printed; returned as a dict (for --json)."""
    from cablescope.store import Store
    from cablescope.trace import Tracer, ensure_index
    from trace_scoring import Metrics

    results: dict[str, object] = {}
    with Store.open(db) as store:
        ensure_index(store, notify=lambda m: print(m, "...", file=sys.stderr))
        tracer = Tracer(store.connection, str(db))
        started = time.perf_counter()
        sets = real_sets(tracer, None if split == "all" else split)
        if with_additions:
            sets.update(additions(db, tracer, store.connection))
        seconds = time.perf_counter() - started
    names = {"real": f"real quotations ({split}, labelled by hand)",
             "phrases": f"short phrases read in cables ({split})",
             "generated": "generated from real paragraphs (additions)",
             "hard": "generated: acronyms spelled out, caveats cut (additions)",
             "removed": "from cables removed from the corpus (additions)"}
    for key, metrics in sets.items():
        results[key] = report(names[key], metrics, failures)
    total = sum(sets.values(), Metrics())
    print(f"\nall of the above: {total.false_attributions} false attributions in "
          f"{len(total.outcomes)} quotations = {total.false_attribution_rate:.2%} (target < 1%)")
    results["false_attribution_rate"] = round(total.false_attribution_rate, 4)
    print(f"evaluated in {seconds:.1f} s")
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/trace-real.db"))
    parser.add_argument("--split", choices=["dev", "test", "all"], default="dev")
    parser.add_argument("--no-additions", action="store_true",
                        help="Leave out the generated and removed-cable quotations.")
    parser.add_argument("--failures", action="store_true", help="List every failure.")
    parser.add_argument("--json", type=Path, help="Also write the metrics as JSON here.")
    args = parser.parse_args()
    if not args.db.exists():
        print(f"no database at {args.db}: ingest the real corpus first", file=sys.stderr)
        return 1
    results = run(args.db, args.split, args.failures, not args.no_additions)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
