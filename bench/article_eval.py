"""Article reading measured: cablescope's reader against trafilatura and readability-lxml on the
33 real pages of ../shared/articles/wikileaks-2010, scored with hand-made boundaries.

Usage (from the project root, with the project's virtualenv; the two maintained extractors are
not dependencies: `pip install trafilatura readability-lxml` to compare them):

    .venv/bin/python bench/article_eval.py                # dev, test and all, per extractor
    .venv/bin/python bench/article_eval.py --pages        # also page by page
    .venv/bin/python bench/article_eval.py --split dev    # only the dev pages

The labels (tests/data/articles/main_text.json, made by reading the pages: see the README
there) give each page's main-text region and its first and last words. The gold text is the
text of that region, block by block; its quotations are the stretches between paired quotation
marks inside one block. For each extractor and page:

- recall: share of the gold words (and punctuation) found, in order, in the extracted text
  (difflib matching blocks over token sequences);
- precision: share of the extracted tokens that are matched gold tokens (navigation, "More
  articles", footers lower it);
- quotes: share of the gold quotations found whole (whitespace-normalised) in the extracted text;
- perfect: pages with recall and precision both 1.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import statistics
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CABLESCOPE_SHARED", ROOT.parent / "shared"))
ARTICLES = SHARED / "articles" / "wikileaks-2010"
LABELS = ROOT / "tests" / "data" / "articles" / "main_text.json"

_TOKEN = re.compile(r"\w+|[^\w\s]")
_SPACE = re.compile(r"\s+")
# Opening mark -> the marks that close it (Swedish uses ” on both sides).
_PAIRS = {"“": "”", "«": "»", "„": "“”", '"': '"', "”": "”"}


def squeeze(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def gold_blocks(data: bytes, region: dict[str, str]) -> list[str]:
    """The labelled region's blocks (headings and paragraphs), each as one line of text."""
    import lxml.html

    root = lxml.html.fromstring(data)
    (main,) = root.xpath(region["xpath"])
    for dropped in main.xpath(region["without"]):
        dropped.drop_tree()
    blocks = []
    for el in main.iter("h1", "h2", "h3", "h4", "p", "blockquote", "li"):
        text = squeeze(el.text_content())
        if text:
            blocks.append(text)
    return blocks


def quotations(blocks: list[str]) -> list[str]:
    """Every stretch between paired quotation marks inside one block (unclosed ones dropped)."""
    found = []
    for block in blocks:
        closers = ""
        start = 0
        for i, char in enumerate(block):
            if closers and char in closers:
                inner = block[start:i].strip()
                if inner:
                    found.append(inner)
                closers = ""
            elif not closers and char in _PAIRS:
                closers, start = _PAIRS[char], i + 1
    return found


def score(gold: list[str], extracted: str) -> dict[str, float]:
    gold_tokens = _TOKEN.findall(" ".join(gold))
    got_tokens = _TOKEN.findall(extracted)
    matcher = difflib.SequenceMatcher(None, gold_tokens, got_tokens, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    flat = squeeze(extracted)
    quotes = quotations(gold)
    whole = sum(1 for q in quotes if squeeze(q) in flat)
    recall = matched / len(gold_tokens) if gold_tokens else 1.0
    precision = matched / len(got_tokens) if got_tokens else 0.0
    return {"recall": recall, "precision": precision,
            "quotes": whole / len(quotes) if quotes else 1.0, "quotes_n": len(quotes),
            "quotes_found": whole}


# --- the extractors ------------------------------------------------------------------------------


def cablescope_reader(data: bytes, name: str) -> str:
    from cablescope.trace.article import decode_article, parse_article

    return parse_article(decode_article(data, name, html=True), source=name, format="html").text


def trafilatura_default(data: bytes, name: str) -> str:
    import trafilatura

    return trafilatura.extract(data, include_comments=False, include_tables=True) or ""


def trafilatura_recall(data: bytes, name: str) -> str:
    import trafilatura

    return trafilatura.extract(data, include_comments=False, include_tables=True,
                               favor_recall=True) or ""


def readability(data: bytes, name: str) -> str:
    import lxml.html
    from readability import Document

    summary = Document(data).summary(html_partial=True)
    root = lxml.html.fromstring(summary)
    blocks = [squeeze(el.text_content()) for el in root.iter("h1", "h2", "h3", "h4", "p",
                                                             "blockquote", "li")]
    return "\n\n".join(b for b in blocks if b) or squeeze(root.text_content())


EXTRACTORS: dict[str, Callable[[bytes, str], str]] = {
    "cablescope": cablescope_reader,
    "trafilatura": trafilatura_default,
    "trafilatura (favor_recall)": trafilatura_recall,
    "readability-lxml": readability,
}


def evaluate(split: str | None, pages: bool) -> dict[str, dict[str, dict[str, float]]]:
    labels = json.loads(LABELS.read_text(encoding="utf-8"))
    region = labels["region"]
    results: dict[str, dict[str, dict[str, float]]] = {}
    for name, label in labels["articles"].items():
        if split and label["split"] != split:
            continue
        data = (ARTICLES / name).read_bytes()
        gold = gold_blocks(data, region)
        flat = " ".join(gold)
        if not (flat.startswith(label["begins"]) and flat.endswith(label["ends"])):
            raise SystemExit(f"{name}: the labelled region does not start with "
                             f"{label['begins']!r} and end with {label['ends']!r}")
        for extractor, extract in EXTRACTORS.items():
            try:
                text = extract(data, name)
            except ImportError:
                continue
            results.setdefault(extractor, {})[name] = {**score(gold, text),
                                                       "split": label["split"]}
    if pages:
        for extractor, per_page in results.items():
            print(f"\n{extractor}")
            for name, s in per_page.items():
                print(f"  {s['split']:4} {name:42} recall {s['recall']:.3f}  precision "
                      f"{s['precision']:.3f}  quotes {s['quotes_found']}/{s['quotes_n']}")
    return results


def summary(results: dict[str, dict[str, dict[str, float]]]) -> None:
    print(f"\n{'extractor':28} {'split':5} {'pages':>5} {'recall':>7} {'precision':>9} "
          f"{'quotes whole':>13} {'perfect':>8}")
    for extractor, per_page in results.items():
        for split in ("dev", "test", "all"):
            rows = [s for s in per_page.values() if split == "all" or s["split"] == split]
            if not rows:
                continue
            found = sum(s["quotes_found"] for s in rows)
            total = sum(s["quotes_n"] for s in rows)
            perfect = sum(1 for s in rows if s["recall"] == 1.0 and s["precision"] == 1.0)
            print(f"{extractor:28} {split:5} {len(rows):5} "
                  f"{statistics.mean(s['recall'] for s in rows):7.3f} "
                  f"{statistics.mean(s['precision'] for s in rows):9.3f} "
                  f"{found:6}/{total:<6} {perfect:8}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test"))
    parser.add_argument("--pages", action="store_true", help="scores page by page")
    args = parser.parse_args()
    if not ARTICLES.is_dir():
        sys.exit(f"no articles at {ARTICLES} (set CABLESCOPE_SHARED)")
    summary(evaluate(args.split, args.pages))


if __name__ == "__main__":
    main()
