"""Quotations in translation: how many of the hand-labelled translated quotations of the real
articles are traced to the right cable paragraph (and sentence), and how many made-up ones are
attributed to any cable.

Usage (from the project root, with the project's virtualenv):

    .venv/bin/python bench/translation_eval.py --db /tmp/trace-real.db --split dev
    .venv/bin/python bench/translation_eval.py --db /tmp/trace-real.db --split test --failures

The labels are tests/data/trace/translated/labels.json (how they were made: the README beside
it); the split is tests/data/trace/split.json. `evaluate()` is what tests/test_trace_translation.py
asserts the targets on.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CABLESCOPE_SHARED", ROOT.parent / "shared"))
ARTICLES = SHARED / "articles" / "wikileaks-2010"
LABELS = ROOT / "tests" / "data" / "trace" / "translated" / "labels.json"
SPLIT = ROOT / "tests" / "data" / "trace" / "split.json"
TARGET_PARAGRAPH = 0.70
INTRO = {"pt": "Segundo o telegrama, ", "es": "Según el cable, ", "fr": "Selon le câble, ",
         "it": "Secondo il cablogramma, ", "de": "Laut der Depesche, "}


@dataclass
class Outcome:
    item: dict[str, Any]
    found: bool  # the quotation was found among the article's quotations
    status: str
    cable_id: str | None
    paragraphs: list[int | None]
    sentence_ok: bool | None = None

    @property
    def right_source(self) -> tuple[str, int | None] | None:
        """The labelled (cable, paragraph) the match is at, if any: the label's own, or one
        holding the same sentence (`also`)."""
        if self.item.get("cable_id") is None:
            return None
        for cable, para in [(self.item["cable_id"], self.item.get("paragraph")),
                            *[tuple(a) for a in self.item.get("also", [])]]:
            if self.cable_id == cable and para in self.paragraphs:
                return cable, para
        return None

    @property
    def right_paragraph(self) -> bool:
        return self.right_source is not None

    @property
    def right_cable(self) -> bool:
        cables = {self.item.get("cable_id"), *(a[0] for a in self.item.get("also", []))}
        return self.cable_id in cables

    @property
    def attributed(self) -> bool:
        return self.cable_id is not None


@dataclass
class Metrics:
    sourced: list[Outcome] = field(default_factory=list)  # quotations of a cable
    unsourced: list[Outcome] = field(default_factory=list)  # real quotations of no cable
    made_up: list[Outcome] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        n = len(self.sourced)
        right = sum(o.right_paragraph for o in self.sourced)
        cable = sum(o.right_cable for o in self.sourced)
        sentence = sum(bool(o.sentence_ok) for o in self.sourced if o.right_paragraph)
        wrong = sum(o.attributed and not o.right_cable for o in self.sourced)
        return {
            "translated quotations of a cable": n,
            "traced to the right cable": cable,
            "traced to the right paragraph": right,
            "paragraph accuracy": round(right / n, 3) if n else None,
            "right sentence (of those at the right paragraph)": sentence,
            "attributed to a wrong cable": wrong,
            "real quotations of no cable": len(self.unsourced),
            "of those attributed": sum(o.attributed for o in self.unsourced),
            "made-up quotations": len(self.made_up),
            "made-up attributed": sum(o.attributed for o in self.made_up),
            "labelled quotations not found as quotations": sum(
                not o.found for o in self.sourced + self.unsourced + self.made_up),
        }


def load(split: str | None = None, batch: str | None = None
         ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The labelled quotations and the made-up ones (of one split, or all; of one batch:
    'first' for those labelled before the first look at test, 'later' for the rest)."""
    data = json.loads(LABELS.read_text(encoding="utf-8"))
    splits = {name: v["split"] for name, v in
              json.loads(SPLIT.read_text(encoding="utf-8"))["articles"].items()}
    def keep(item: dict[str, Any]) -> bool:
        later = "batch" in item
        return ((split is None or splits[item["article"]] == split)
                and (batch is None or later == (batch == "later")))

    return [q for q in data["quotes"] if keep(q)], [q for q in data["made_up"] if keep(q)]


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def _sentence_ok(conn: Any, item: dict[str, Any], source: tuple[str, int | None],
                 match: Any) -> bool:
    """Whether a segment of the match lies in one of the labelled cable sentences (found by
    their first words in the labelled paragraph of the cable's current text)."""
    from cablescope.trace.sentences import sentence_spans

    row = conn.execute(
        "SELECT v.text FROM cables c JOIN versions v ON v.cable_id = c.id AND v.version = "
        "c.version WHERE c.id = ?", (source[0],)).fetchone()
    para = conn.execute("SELECT start, end FROM paragraphs WHERE cable_id = ? AND number IS ?",
                        source).fetchone()
    if row is None or para is None:
        return False
    text = row[0]
    spans = list(sentence_spans(text, para[0], para[1]))
    for prefix in item.get("sentences", []):
        pattern = r"\s+".join(re.escape(w) for w in prefix.split())
        found = re.compile(pattern, re.I).search(text, para[0], para[1])
        if found is None:
            continue
        s, e = next(((s, e) for s, e in spans if s <= found.start() < e),
                    (found.start(), found.end()))
        if any(seg.cable_start < e and seg.cable_end > s for seg in match.segments):
            return True
    return False


def evaluate(tracer: Any, conn: Any, split: str | None = None,
             batch: str | None = None) -> Metrics:
    """Trace each labelled article once, with its made-up quotations added at the end."""
    from cablescope.trace import read_article
    from cablescope.trace.article import Block

    quotes, made_up = load(split, batch)
    metrics = Metrics()
    by_article: dict[str, list[dict[str, Any]]] = {}
    for q in quotes:
        by_article.setdefault(q["article"], []).append(q)
    for fake in made_up:
        by_article.setdefault(fake["article"], [])
    for name, items in sorted(by_article.items()):
        article = read_article(ARTICLES / name)
        fakes = [f for f in made_up if f["article"] == name]
        own = len(article.text)
        if fakes:
            text = article.text
            blocks = list(article.blocks)
            lang = fakes[0].get("language", "pt")
            for fake in fakes:
                para = f"{INTRO.get(lang, '')}\u201c{fake['text']}\u201d."
                text += "\n\n"
                blocks.append(Block(len(text), len(text) + len(para)))
                text += para
            article = replace(article, text=text, blocks=blocks)
        report = tracer.trace(article)
        traced = [q for q in report.quotes if q.kind not in ("unmarked",)]
        for item in items + fakes:
            key = _squash(item.get("quote") or item["text"])
            pool = [q for q in traced if (q.start >= own) == (item in fakes)]
            quote = next((q for q in pool if _squash(q.text).startswith(key[:60])), None)
            if quote is None:
                outcome = Outcome(item, False, "missing", None, [])
            else:
                best = quote.matches[0] if quote.matches else None
                outcome = Outcome(item, True, quote.status, best.cable_id if best else None,
                                  best.paragraphs if best else [])
                source = outcome.right_source
                if best is not None and source is not None:
                    outcome.sentence_ok = _sentence_ok(conn, item, source, best)
            if item in fakes:
                metrics.made_up.append(outcome)
            elif item.get("cable_id"):
                metrics.sourced.append(outcome)
            else:
                metrics.unsourced.append(outcome)
    return metrics


def speed(tracer: Any, rounds: int = 3) -> dict[str, Any]:
    """Seconds to trace each labelled non-English article (the whole article: quotations,
    translations, claims): cold (a new `Tracer`, its caches empty, as for a single article) and
    warm (best of `rounds` on a tracer that has seen it, as in a batch); p50/p95 of each."""
    import statistics
    import time

    from cablescope.trace import Tracer, read_article

    names = sorted({q["article"] for q in json.loads(LABELS.read_text("utf-8"))["quotes"]})
    articles = [read_article(ARTICLES / n) for n in names if (ARTICLES / n).exists()]
    started = time.perf_counter()
    tracer.trace(articles[0])  # loads the lexicon (when installed) and SQLite's pages
    first = time.perf_counter() - started
    cold: list[float] = []
    warm: list[float] = []
    for article in articles:
        fresh = Tracer(tracer.conn, tracer.db_label)
        t = time.perf_counter()
        fresh.trace(article)
        cold.append(time.perf_counter() - t)
        best = float("inf")
        for _ in range(rounds):
            t = time.perf_counter()
            fresh.trace(article)
            best = min(best, time.perf_counter() - t)
        warm.append(best)

    def pct(values: list[float], q: float) -> float:
        ordered = sorted(values)
        return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 3)

    return {"articles": len(articles), "first trace in the process (s)": round(first, 3),
            "cold p50 (s)": round(statistics.median(cold), 3), "cold p95 (s)": pct(cold, 0.95),
            "warm p50 (s)": round(statistics.median(warm), 3), "warm p95 (s)": pct(warm, 0.95),
            "words (max)": max(len(a.text.split()) for a in articles)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/trace-real.db"))
    parser.add_argument("--split", choices=["dev", "test", "all"], default="dev")
    parser.add_argument("--batch", choices=["first", "later"],
                        help="Only the quotations labelled before ('first') or after ('later') "
                        "the first look at test.")
    parser.add_argument("--failures", action="store_true", help="List every miss.")
    parser.add_argument("--json", type=Path, help="Also write the metrics as JSON here.")
    parser.add_argument("--speed", action="store_true",
                        help="Also time the tracing of the labelled articles.")
    parser.add_argument("--no-lexicon", action="store_true",
                        help="Trace without the bilingual lexicon even where it is installed.")
    args = parser.parse_args()
    if args.no_lexicon:
        from cablescope.trace import bilingual

        bilingual.available = lambda: False  # type: ignore[assignment]

    from cablescope.store import Store
    from cablescope.trace import Tracer, ensure_index
    from cablescope.trace.bilingual import available

    if not args.db.exists():
        print(f"no database at {args.db}: ingest the real corpus first", file=sys.stderr)
        return 1
    with Store.open(args.db) as store:
        ensure_index(store, notify=lambda m: print(m, "...", file=sys.stderr))
        tracer = Tracer(store.connection, str(args.db))
        timing = speed(tracer) if args.speed else None
        metrics = evaluate(tracer, store.connection, None if args.split == "all" else args.split,
                           args.batch)
    result: dict[str, Any] = metrics.as_dict()
    if timing is not None:
        result["speed"] = timing
    print(f"== translated quotations, split {args.split}{' ' + args.batch if args.batch else ''} "
          f"(bilingual lexicon {'installed' if available() else 'not installed'})")
    for k, v in result.items():
        print(f"  {k}: {v}")
    if args.failures:
        for o in metrics.sourced:
            if not o.right_paragraph or not o.sentence_ok:
                print(f"  MISS {o.item['article']}: {o.item['quote'][:50]!r} expected "
                      f"{o.item['cable_id']} ¶{o.item['paragraph']} got {o.status} "
                      f"{o.cable_id} {o.paragraphs} sentence={o.sentence_ok}")
        for o in metrics.unsourced + metrics.made_up:
            if o.attributed or not o.found:
                what = o.item.get("quote") or o.item.get("text")
                print(f"  FALSE {o.item['article']}: {what[:50]!r} -> {o.status} "
                      f"{o.cable_id} {o.paragraphs}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
