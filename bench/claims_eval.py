"""Claims: precision and recall at paragraph level on the hand-labelled claim sentences.

Usage (from the project root, with the project's virtualenv):

    .venv/bin/python bench/claims_eval.py --db /tmp/trace-real.db --split dev
    .venv/bin/python bench/claims_eval.py --db /tmp/trace-real.db --split test --failures

The database must hold the real corpus (the trace index is built in it when missing); with
`entities extract` run on it, the meetings and entities tables are used too. The labels are
tests/data/trace/claims/labels.jsonl (their README says how they were made); each labelled
sentence is found in the article's text by its first words and paired with the claim of the
report that covers it (none: the tool listed no support).

Measures, on the chosen split:
- precision: of the (sentence, cable paragraph) supports the tool gives, the share that are
  labelled supporting paragraphs of that sentence;
- recall: of the sentences labelled with support, the share for which the tool gives at least
  one of the labelled paragraphs (a sentence "reaches the cable that supports it");
- paragraph recall: of all labelled (sentence, paragraph) pairs, the share given;
- unrelated support: sentences of unrelated news (press releases, statements, wire pages) given
  any support at all (target: 0);
- verdicts: on sentences reached, how often the verdict is the labelled one, and for `partly
  supported` ones whether the part named is the labelled one.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CABLESCOPE_SHARED", ROOT.parent / "shared"))
ARTICLES = SHARED / "articles" / "wikileaks-2010"
LABELS = ROOT / "tests" / "data" / "trace" / "claims" / "labels.jsonl"
SPLIT = ROOT / "tests" / "data" / "trace" / "split.json"
TARGETS = {"precision": 0.90, "recall": 0.75, "unrelated_supported": 0}


@dataclass(slots=True)
class ClaimLabel:
    article: str
    path: Path
    starts: str
    support: frozenset[tuple[str, int]]
    verdict: str
    fails: str | None
    unrelated: bool
    split: str
    language: str


@dataclass(slots=True)
class Outcome:
    label: ClaimLabel
    start: int
    predicted: list[tuple[str, int | None]]
    verdict: str | None
    parts: list[str]
    text: str

    @property
    def correct(self) -> list[tuple[str, int | None]]:
        return [p for p in self.predicted if p in self.label.support]

    @property
    def reached(self) -> bool:
        return bool(self.correct)


@dataclass(slots=True)
class ClaimMetrics:
    outcomes: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0

    def _of(self, keep: Any = None) -> list[Outcome]:
        return [o for o in self.outcomes if keep is None or keep(o)]

    def precision(self, keep: Any = None) -> float:
        outs = self._of(keep)
        given = sum(len(o.predicted) for o in outs)
        return sum(len(o.correct) for o in outs) / given if given else 1.0

    def recall(self, keep: Any = None) -> float:
        outs = [o for o in self._of(keep) if o.label.support]
        return sum(o.reached for o in outs) / len(outs) if outs else 1.0

    def paragraph_recall(self, keep: Any = None) -> float:
        outs = self._of(keep)
        gold = sum(len(o.label.support) for o in outs)
        return sum(len(o.correct) for o in outs) / gold if gold else 1.0

    def unrelated_supported(self) -> int:
        return sum(1 for o in self.outcomes if o.label.unrelated and o.predicted)

    def none_supported(self) -> int:
        return sum(1 for o in self.outcomes if not o.label.support and o.predicted)

    def verdicts(self) -> dict[str, Any]:
        reached = [o for o in self.outcomes if o.reached]
        right = sum(o.verdict == o.label.verdict for o in reached)
        partly = [o for o in reached if o.label.verdict == "partly supported"]
        flagged = [o for o in partly if o.verdict == "partly supported"]
        part_right = sum(o.label.fails in o.parts for o in flagged)
        false_partly = sum(1 for o in reached if o.label.verdict == "supported"
                           and o.verdict == "partly supported")
        return {"reached": len(reached), "verdict_right": right,
                "partly_labelled": len(partly), "partly_flagged": len(flagged),
                "part_named_right": part_right,
                "supported_called_partly": false_partly}

    def counts(self) -> dict[str, int]:
        c: Counter[str] = Counter()
        for o in self.outcomes:
            kind = "unrelated" if o.label.unrelated else ("supported" if o.label.support
                                                          else "none")
            c[f"{o.label.language} {kind}"] += 1
        return dict(sorted(c.items()))

    def as_dict(self) -> dict[str, Any]:
        langs = sorted({o.label.language for o in self.outcomes})
        return {
            "sentences": len(self.outcomes),
            "with_support": sum(1 for o in self.outcomes if o.label.support),
            "precision": round(self.precision(), 4),
            "recall": round(self.recall(), 4),
            "paragraph_recall": round(self.paragraph_recall(), 4),
            "unrelated_supported": self.unrelated_supported(),
            "unrelated": sum(1 for o in self.outcomes if o.label.unrelated),
            "none_supported": self.none_supported(),
            "by_language": {
                lang: {"precision": round(self.precision(lambda o, g=lang: o.label.language == g),
                                          4),
                       "recall": round(self.recall(lambda o, g=lang: o.label.language == g), 4)}
                for lang in langs},
            "verdicts": self.verdicts(),
            "counts": self.counts(),
            "seconds": round(self.seconds, 2),
        }


def _address(text: str) -> tuple[str, int]:
    cable, number = text.split("¶")
    return cable, int(number)


def load_labels(split: str = "all", labels: Path = LABELS, articles: Path = ARTICLES,
                split_file: Path = SPLIT) -> list[ClaimLabel]:
    """The labelled sentences of one split ('dev', 'test' or 'all')."""
    assigned = json.loads(split_file.read_text(encoding="utf-8"))["articles"]
    out = []
    for line in labels.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        name = row["article"]
        meta = assigned.get(name)
        item_split = row.get("split") or (meta or {}).get("split")
        language = (meta or {}).get("language", "en")
        path = articles / name if meta else labels.parent / name
        if split != "all" and item_split != split:
            continue
        out.append(ClaimLabel(name, path, row["starts"],
                              frozenset(_address(a) for a in row["support"]), row["verdict"],
                              row.get("fails"), bool(row.get("unrelated")), item_split, language))
    return out


def evaluate(tracer: Any, labels: list[ClaimLabel]) -> ClaimMetrics:
    """Trace each labelled article once and pair every label with the claim covering it."""
    from cablescope.trace import read_article

    by_article: dict[Path, list[ClaimLabel]] = defaultdict(list)
    for label in labels:
        by_article[label.path].append(label)
    metrics = ClaimMetrics()
    started = time.perf_counter()
    for path, items in by_article.items():
        report = tracer.trace(read_article(path))
        text = report.text
        for label in items:
            start = _locate(text, label.starts)
            if start < 0:
                raise ValueError(f"{label.article}: {label.starts!r} is not in the article text")
            claim = next((c for c in report.claims if c.start <= start < c.end), None)
            if claim is None:
                metrics.outcomes.append(Outcome(label, start, [], None, [], ""))
                continue
            verdict = getattr(claim, "verdict", None)
            supported = verdict in (None, "supported", "partly supported")
            predicted = [(m.cable_id, m.paragraph) for m in claim.matches] if supported else []
            parts = [d.part for d in getattr(claim, "differences", [])]
            metrics.outcomes.append(Outcome(label, start, predicted, verdict, parts, claim.text))
    metrics.seconds = time.perf_counter() - started
    return metrics


def _locate(text: str, starts: str) -> int:
    i = text.find(starts)
    if i >= 0:
        return i
    pattern = r"\s+".join(re.escape(w) for w in starts.split())
    m = re.search(pattern, text)
    return m.start() if m else -1


def table(metrics: ClaimMetrics) -> str:
    d = metrics.as_dict()
    v = d["verdicts"]
    lines = [
        f"sentences {d['sentences']} ({d['with_support']} with support, {d['unrelated']} "
        "unrelated news)",
        f"precision {d['precision']:.1%} (target >= {TARGETS['precision']:.0%})",
        f"recall {d['recall']:.1%} (target >= {TARGETS['recall']:.0%}); paragraph recall "
        f"{d['paragraph_recall']:.1%}",
        f"unrelated news given support: {d['unrelated_supported']} (target 0); sentences "
        f"labelled none given support: {d['none_supported']}",
        f"verdicts on sentences reached: {v['verdict_right']}/{v['reached']} right; partly "
        f"supported flagged {v['partly_flagged']}/{v['partly_labelled']}, part named right "
        f"{v['part_named_right']}; supported called partly {v['supported_called_partly']}",
    ]
    for lang, m in d["by_language"].items():
        lines.append(f"  {lang}: precision {m['precision']:.1%}, recall {m['recall']:.1%}")
    lines.append("  counts: " + ", ".join(f"{k} {n}" for k, n in d["counts"].items()))
    return "\n".join(lines)


def failures(metrics: ClaimMetrics) -> list[str]:
    out = []
    for o in metrics.outcomes:
        gold = sorted(f"{c}¶{n}" for c, n in o.label.support)
        got = [f"{c}¶{n}" for c, n in o.predicted]
        wrong = [p for p in o.predicted if p not in o.label.support]
        verdict_off = o.reached and o.verdict != o.label.verdict
        if wrong or (o.label.support and not o.reached) or verdict_off:
            out.append(f"  {o.label.article} {o.label.starts[:60]!r}\n"
                       f"      gold {gold or 'none'} {o.label.verdict}/{o.label.fails}; got "
                       f"{got or 'none'} {o.verdict}/{o.parts}")
    return out


def run(db: Path, split: str, show_failures: bool = False) -> dict[str, Any]:
    """Evaluate on `db` and print the table; the metrics as a dict."""
    from cablescope.store import Store
    from cablescope.trace import Tracer, ensure_index

    with Store.open(db) as store:
        ensure_index(store, notify=lambda m: print(m, "...", file=sys.stderr))
    with Store.open(db, readonly=True) as store:
        tracer = Tracer(store.connection, str(db))
        metrics = evaluate(tracer, load_labels(split))
    print(f"\n== claims ({split})\n{table(metrics)}")
    if show_failures:
        print("\n".join(failures(metrics)))
    return metrics.as_dict()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/trace-real.db"))
    parser.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    parser.add_argument("--failures", action="store_true", help="List every miss.")
    parser.add_argument("--json", type=Path, help="Also write the metrics as JSON here.")
    args = parser.parse_args()
    if not args.db.exists():
        print(f"no database at {args.db}: ingest the real corpus first", file=sys.stderr)
        return 1
    result = run(args.db, args.split, args.failures)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
