"""Entity extraction quality on the hand-labelled cables, against the bare spaCy model.

    .venv/bin/python bench/entities_eval.py --db corpus.db [--baseline] [--json]

`--db` is a database holding the 2011-04-25 corpus (`cablescope ingest ...`); it is copied, and
only the labelled cables are extracted in the copy. Prints precision and recall per type
(person, org) and for meetings, for all labelled cables and per split (dev: looked at while
writing the rules; test: held out), and with `--baseline` the same for the bare spaCy model
(its PERSON and ORG spans, no header names, no merging, no meetings). Results for
docs/benchmarks.md (## Entities).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from cablescope.entities.evaluate import (
    baseline_predictions,
    load_labels,
    predictions_from_db,
    report,
    score,
)
from cablescope.entities.pipeline import Selection, extract

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "tests" / "data" / "entities" / "labels.jsonl"


def copy_db(db: Path, into: Path) -> Path:
    """A consistent copy of `db` (WAL included) through SQLite's backup API."""
    target = into / "eval.db"
    src = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    return target


def _table(title: str, results: dict[str, dict]) -> list[str]:
    lines = [f"### {title}", "", "| set | type | precision | recall | F1 | TP | FP | FN |",
             "|---|---|---|---|---|---|---|---|"]
    for split, scores in results.items():
        for kind, s in scores.items():
            if s is None:
                lines.append(f"| {split} | {kind} | n/a | n/a | n/a | | | |")
            else:
                lines.append(f"| {split} | {kind} | {s['precision']:.1%} | {s['recall']:.1%} | "
                             f"{s['f1']:.1%} | {s['tp']} | {s['fp']} | {s['fn']} |")
    return [*lines, ""]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="database with the corpus")
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--baseline", action="store_true", help="also score bare spaCy")
    parser.add_argument("--workers", type=int, default=0)
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    args = parser.parse_args(argv)
    golds = load_labels(args.labels)
    cables = [g.cable for g in golds]
    out: dict[str, dict] = {"cables": len(golds)}
    with tempfile.TemporaryDirectory() as tmp:
        db = copy_db(args.db.resolve(), Path(tmp))
        started = time.monotonic()
        summary = extract(db, Selection(cables=tuple(cables)), workers=args.workers, force=True)
        out["extract"] = summary.as_dict()
        conn = sqlite3.connect(db)
        missing = sorted(set(cables) - {r[0] for r in conn.execute("SELECT id FROM cables")})
        if missing:
            print(f"warning: {len(missing)} labelled cables not in {args.db}: {missing}",
                  file=sys.stderr)
        preds = predictions_from_db(conn, cables)
        out["cablescope"] = {s or "all": report(score(golds, preds, s))
                             for s in (None, "dev", "test")}
        out["seconds"] = round(time.monotonic() - started, 1)
        if args.baseline:
            base = baseline_predictions(conn, cables)
            out["spacy_baseline"] = {s or "all": report(score(golds, base, s))
                                     for s in (None, "dev", "test")}
        conn.close()
        shutil.rmtree(tmp, ignore_errors=True)
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        print("\n".join(_table(f"cablescope ({len(golds)} labelled cables)", out["cablescope"])))
        if "spacy_baseline" in out:
            print("\n".join(_table("bare spaCy en_core_web_sm (same cables)",
                                   out["spacy_baseline"])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
