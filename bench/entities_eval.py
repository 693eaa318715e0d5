"""Entity extraction quality: the hand-labelled cables, against the bare spaCy model, and dossier
completeness on the whole corpus.

    .venv/bin/python bench/entities_eval.py --db corpus.db [--baseline] [--json]
    .venv/bin/python bench/entities_eval.py --db corpus.db --heldout
    .venv/bin/python bench/entities_eval.py --db corpus.db --completeness [--extracted]
    .venv/bin/python bench/entities_eval.py --db extracted.db --titles
    .venv/bin/python bench/entities_eval.py --db extracted.db --dates

`--db` is a database holding the 2011-04-25 corpus (`cablescope ingest ...`); it is copied, and
only what is scored is extracted in the copy.

- Default: precision and recall per type (person, org) and for meetings on the development
  labels (tests/data/entities/labels.jsonl: the rules were written looking at them), with
  `--baseline` the same for the bare spaCy model (its PERSON and ORG spans, no header names, no
  merging, no meetings).
- `--heldout`: the same on the last held-out draw (heldout-56.jsonl, the fifty-sixth, drawn and
  labelled on 2026-12-07 after the fifty-fifth's first look, looked at on 2026-12-07 at 20:44 UTC;
  a tuning set until the next draw takes its place). The earlier draws, past their first looks,
  are scored with `--labels` (heldout-2.jsonl, heldout-3.jsonl, heldout.jsonl the fourth,
  heldout-5.jsonl to heldout-55.jsonl, heldout-spent.jsonl the spent set);
  tests/data/entities/README.md records each set's draw, labelling and first look,
  docs/benchmarks.md its scores.
- `--failures`: also list, per cable, the labels no prediction matched and the predictions no
  label matched (meetings with the paragraphs and sentences they come from), to read when tuning.
- `--completeness`: every cable of the copy is extracted (or, with `--extracted`, `--db` is
  read as it is, already extracted), then for every surname written in person mentions of at
  least 20 cables, the share of those cables that the main dossier holds
  (`entities_scoring.completeness`), with the ambiguous surnames and why.
- `--titles`: `--db` read as it is (the whole corpus extracted), the titles the cables give 20
  well-known people against the offices they held (tests/data/entities/titles_record.json,
  from the public record): the share of titled mentions a term of that office covers.
- `--dates`: `--db` read as it is, every "In a May 29 meeting with ..." phrase of the corpus
  and whether a meeting of its paragraph carries that day, dated by the text.

Results for docs/benchmarks.md (## Entities).
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from cablescope.entities.pipeline import Selection, extract
from entities_scoring import (
    baseline_predictions,
    completeness,
    completeness_report,
    failures,
    load_labels,
    meeting_dates,
    predictions_from_db,
    report,
    score,
    title_check,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "entities"


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


def _table(title: str, results: dict[str, Any]) -> list[str]:
    lines = [f"### {title}", "", "| type | precision | recall | F1 | TP | FP | FN |",
             "|---|---|---|---|---|---|---|"]
    for kind, s in results.items():
        if s is None:
            lines.append(f"| {kind} | n/a | n/a | n/a | | | |")
        else:
            lines.append(f"| {kind} | {s['precision']:.1%} | {s['recall']:.1%} | "
                         f"{s['f1']:.1%} | {s['tp']} | {s['fp']} | {s['fn']} |")
    return [*lines, ""]


def _with_text(conn: sqlite3.Connection, row: dict[str, Any]) -> dict[str, Any]:
    """A cable's failures with the text to read: the labelled meetings' paragraphs, the
    sentences of the wrong predictions."""
    paragraph = {n: t for n, t in conn.execute(
        "SELECT number, text FROM paragraphs WHERE cable_id = ? AND number IS NOT NULL",
        (row["cable"],))}
    for m in row["meeting_missed"]:
        m["text"] = {n: paragraph.get(n, "") for n in m["paragraphs"]}
    for m in row["meeting_wrong"]:
        found = conn.execute(
            "SELECT g.number, substr(p.text, g.start + 1, g.end - g.start), g.planned "
            "FROM meetings g JOIN paragraphs p ON p.cable_id = g.cable_id AND p.seq = g.seq "
            "WHERE g.id = ?", (m["id"],)).fetchone()
        if found:
            m["paragraph"], m["sentence"], m["planned"] = found[0], found[1], bool(found[2])
    return row


def _failure_lines(rows: list[dict[str, Any]]) -> list[str]:
    lines = ["### Failures", ""]
    for r in rows:
        if not any(r[k] for k in r if k != "cable"):
            continue
        lines.append(f"#### {r['cable']}")
        for kind in ("person", "org"):
            if r[f"{kind}_missed"]:
                lines.append(f"- {kind} missed: {'; '.join(r[f'{kind}_missed'])}")
            if r[f"{kind}_wrong"]:
                lines.append(f"- {kind} wrong: " + "; ".join(
                    " / ".join(n) for n in r[f"{kind}_wrong"]))
        for m in r["meeting_missed"]:
            lines.append(f"- meeting missed: {m['participants']} {m['date']}"
                         f"{' planned' if m['planned'] else ''} ¶{m['paragraphs']}")
            lines += [f"    ¶{n}: {t}" for n, t in m["text"].items()]
        for m in r["meeting_wrong"]:
            lines.append(f"- meeting wrong: {[' / '.join(p) for p in m['participants']]} "
                         f"{m['date']}{' planned' if m.get('planned') else ''} "
                         f"¶{m.get('paragraph')}: {m.get('sentence')}")
        lines.append("")
    return lines


def labelled(db: Path, labels: Path, workers: int, baseline: bool,
             show_failures: bool = False) -> dict[str, Any]:
    golds = load_labels(labels)
    cables = [g.cable for g in golds]
    out: dict[str, Any] = {"labels": labels.name, "cables": len(golds)}
    with tempfile.TemporaryDirectory() as tmp:
        copy = copy_db(db, Path(tmp))
        started = time.monotonic()
        summary = extract(copy, Selection(cables=tuple(cables)), workers=workers, force=True)
        out["extract"] = summary.as_dict()
        conn = sqlite3.connect(copy)
        missing = sorted(set(cables) - {r[0] for r in conn.execute("SELECT id FROM cables")})
        if missing:
            print(f"warning: {len(missing)} labelled cables not in {db}: {missing}",
                  file=sys.stderr)
        predicted = predictions_from_db(conn, cables)
        out["cablescope"] = report(score(golds, predicted))
        if show_failures:
            out["failures"] = [_with_text(conn, r) for r in failures(golds, predicted)]
        out["seconds"] = round(time.monotonic() - started, 1)
        if baseline:
            out["spacy_baseline"] = report(score(golds, baseline_predictions(conn, cables)))
        conn.close()
    return out


def dossiers(db: Path, workers: int, extracted: bool) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        if extracted:
            conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
            seconds = 0.0
        else:
            copy = copy_db(db, Path(tmp))
            started = time.monotonic()
            summary = extract(copy, Selection(), workers=workers, force=True)
            seconds = time.monotonic() - started
            print(summary.line(), file=sys.stderr)
            conn = sqlite3.connect(copy)
        out = completeness_report(completeness(conn))
        out["extract_seconds"] = round(seconds, 1)
        conn.close()
    return out


def _completeness_lines(out: dict[str, Any]) -> list[str]:
    lines = [f"{out['unambiguous_at_target']} of {out['unambiguous']} people with an unambiguous "
             f"surname have a dossier holding at least {out['target']:.0%} of the cables naming "
             f"their surname ({out['surnames']} surnames in 20 cables or more; "
             f"{len(out['ambiguous'])} ambiguous, {len(out['not_people'])} no person)", "",
             "| surname | main dossier | holds | of cables | others |", "|---|---|---:|---:|---|"]
    for r in out["below_target"]:
        others = ", ".join(f"{o['name']} ({o['cables']})" for o in r["others"][:3])
        lines.append(f"| {r['surname']} | {r['entity']} | {r['share']:.0%} | {r['cables']} | "
                     f"{others} |")
    lines += ["", "Ambiguous:", ""]
    lines += [f"- {r['surname']}: {r['entity']} holds {r['share']:.0%} of {r['cables']}; "
              f"{r['ambiguous']}" for r in out["ambiguous"]]
    return lines


def _title_lines(out: dict[str, Any]) -> list[str]:
    lines = [f"{out['consistent']} of {out['checked']} titled mentions of "
             f"{len(out['people'])} well-known people agree with the record "
             f"({out['share']:.1%})", "",
             "| person | dossier | checked | consistent | not in the record | first inconsistent |",
             "|---|---|---:|---:|---|---|"]
    for p in out["people"]:
        unchecked = ", ".join(f"{t} ({n})" for t, n in list(p["unchecked"].items())[:3])
        wrong = "; ".join(f"{w['title']} {w['date']} {w['address']}" for w in p["inconsistent"][:2])
        lines.append(f"| {p['name']} | {p['entity'] or '-'} | {p['checked']} | {p['consistent']} "
                     f"| {unchecked} | {wrong} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="database with the corpus")
    parser.add_argument("--labels", type=Path, help="labels to score (default: development)")
    parser.add_argument("--heldout", action="store_true",
                        help="score the held-out labels (the first look is the one to report)")
    parser.add_argument("--baseline", action="store_true", help="also score bare spaCy")
    parser.add_argument("--failures", action="store_true",
                        help="also list what was missed and found wrongly, cable by cable")
    parser.add_argument("--completeness", action="store_true",
                        help="extract the whole corpus and report dossier completeness")
    parser.add_argument("--extracted", action="store_true",
                        help="with --completeness: read --db as it is, already extracted")
    parser.add_argument("--titles", action="store_true",
                        help="check an extracted database's titles against the public record")
    parser.add_argument("--dates", action="store_true",
                        help="check that meetings the text dates carry the text's day")
    parser.add_argument("--workers", type=int, default=0)
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    args = parser.parse_args(argv)
    db = args.db.resolve()
    if args.titles:
        record = json.loads((DATA / "titles_record.json").read_text(encoding="utf-8"))
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        out = title_check(conn, record["people"])
        conn.close()
        print(json.dumps(out, indent=2) if args.json else "\n".join(_title_lines(out)))
        return 0
    if args.dates:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        out = meeting_dates(conn)
        conn.close()
        print(json.dumps(out, indent=2) if args.json else
              f"{out['dated'] + out['dated_in_cable']} of {out['phrases']} meetings the text "
              f"dates to the day carry that day ({out['share']:.1%}; {out['dated_in_cable']} in "
              f"another paragraph of the cable); {out['other_date']} with another date, "
              f"{out['no_meeting']} not found")
        return 0
    if args.completeness:
        out = dossiers(db, args.workers or 2, args.extracted)
        print(json.dumps(out, indent=2) if args.json else "\n".join(_completeness_lines(out)))
        return 0
    labels = args.labels or DATA / ("heldout-56.jsonl" if args.heldout else "labels.jsonl")
    out = labelled(db, labels, args.workers, args.baseline, args.failures)
    if args.json:
        print(json.dumps(out, indent=2))
        return 0
    print("\n".join(_table(f"cablescope ({out['cables']} cables of {labels.name})",
                           out["cablescope"])))
    if "spacy_baseline" in out:
        print("\n".join(_table("bare spaCy en_core_web_sm (same cables)", out["spacy_baseline"])))
    if "failures" in out:
        print("\n".join(_failure_lines(out["failures"])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
