"""Claims missed on dev, by class: why each labelled sentence gets none of its paragraphs.

Usage (from the project root, with the project's virtualenv; dev only — the test split is never
traced here):

    CABLESCOPE_CROSSLINGUAL=1 .venv/bin/python bench/claims_misses.py --db /tmp/trace-real.db
    .venv/bin/python bench/claims_misses.py --db /tmp/trace-real.db --list

Every sentence labelled with support (tests/data/trace/claims) that the tracer gives none of its
labelled paragraphs is put in one class, from the candidates `claims._support` was given for it
(recorded while the articles are traced; the code under measure is not changed):

- not looked up: no claim sentence covers it (too few words to compare, mostly quoted, or "X
  declined to comment");
- no candidate cable: no labelled cable among the paragraphs compared;
- labelled paragraph not compared: its cable was, that paragraph was not;
- first, under the bar: the labelled paragraph scores best, and no rule accepts it;
- second / third or lower: another paragraph scores better, and no rule accepts any;
- another paragraph given: a wrong paragraph was accepted instead.

And by what the sentence states, from its words (a sentence may be in several, or none): a
meeting, a position someone stated (said, told, wrote, according to), who told whom (a speech
verb with its hearer: "told the ambassador", "sa till"), a date, a number; and, where the
labelled paragraph was compared, what it shares with the sentence beyond words (a name, a
date, a number, or words only).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import claims_eval as ce

CLASSES = ("not looked up", "no candidate cable", "labelled paragraph not compared",
           "first, under the bar", "second", "third or lower", "another paragraph given")
STATES = {
    "meeting": re.compile(r"\b(?:met|meet\w*|lunch\w*|dinner|reuni\w+|encontr\w+|möte\w*|"
                          r"träff\w*|mött\w*|samtal\w*|visit\w*|besök\w*)\b", re.I),
    "position": re.compile(r"\b(?:said|says|told|tells|noted|warned|wrote|recommend\w*|"
                           r"according|disse|afirm\w+|diz|recomend\w+|segundo|sa|sade|säger|"
                           r"uppgav|enligt|berätta\w*|skriv\w*|escrev\w+)\b", re.I),
    "who told whom": re.compile(r"\b(?:told|tells|informed|assured|briefed|warned|asked)\s+"
                                r"(?:the\s+)?[A-ZÀ-Þ]\w*|\b(?:said|wrote|complained|explained)"
                                r"\s+to\b|\b(?:sa|sade|berättade|förklarade|uppgav)\s+(?:för|till)\b|"
                                r"\b(?:disse|afirmou|contou|explicou|garantiu)\s+(?:a|ao|à|aos)\b"),
    "date": re.compile(r"\b(?:1[89]|20)\d\d\b|\b(?:january|february|march|april|may|june|july|"
                       r"august|september|october|november|december|janeiro|fevereiro|março|"
                       r"abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro|"
                       r"januari|februari|mars|maj|juni|juli|augusti|oktober)\b", re.I),
    "number": re.compile(r"\b(?!(?:1[89]|20)\d\d\b)\d[\d.,]*\b"),  # a year is a date
}


Scored = dict[tuple[str, int | None], float]
# what a candidate paragraph shares with the sentence beyond words: names, dates, numbers
Shared = dict[tuple[str, int | None], tuple[int, int, int]]
SHARES = ("a name", "a date", "a number", "words only")


def _recorder() -> tuple[dict[tuple[int, int], list[Scored]], dict[tuple[int, int], Shared]]:
    """Wrap `claims._support` to keep, per sentence (start, end), the candidates it scored on
    each pass, and (the last time each was scored) the names, dates and numbers they share."""
    from cablescope.trace import claims

    seen: dict[tuple[int, int], list[Scored]] = defaultdict(list)
    shared: dict[tuple[int, int], Shared] = defaultdict(dict)
    support = claims._support

    def recording(art: Any, s: Any, found: Any) -> Any:
        chosen = support(art, s, found)
        seen[(s.start, s.end)].append({(c.cable_id, c.number): c.score
                                       for c in found.values()})
        shared[(s.start, s.end)].update({(c.cable_id, c.number): (c.names, c.dates, c.numbers)
                                         for c in found.values()})
        return chosen

    claims._support = recording
    return seen, shared


def classify(db: Path) -> list[dict[str, Any]]:
    """The dev misses, each with its class, language and what it states."""
    from cablescope.store import Store
    from cablescope.trace import Tracer, read_article

    seen, shared = _recorder()
    by_article: dict[Path, list[ce.ClaimLabel]] = defaultdict(list)
    for label in ce.load_labels("dev"):
        if label.support:
            by_article[label.path].append(label)
    out = []
    with Store.open(db, readonly=True) as store:
        tracer = Tracer(store.connection, str(db))
        for path, labels in by_article.items():
            seen.clear()
            shared.clear()
            report = tracer.trace(read_article(path))
            for label in labels:
                start = ce._locate(report.text, label.starts)
                claim = next((c for c in report.claims if c.start <= start < c.end), None)
                given = [(m.cable_id, m.paragraph) for m in claim.matches] if claim else []
                text = claim.text if claim else report.text[start:start + 300].split("\n")[0]
                if set(given) & label.support:
                    continue
                passes = [p for (a, b), ps in seen.items() if a <= start < b for p in ps]
                scored: Scored = {}
                for candidates in passes:
                    scored.update(candidates)
                facts: Shared = {k: v for (a, b), sh in shared.items() if a <= start < b
                                 for k, v in sh.items()}
                out.append({"article": label.article, "language": label.language,
                            "starts": label.starts, "class": _why(label, scored, given, passes),
                            "states": [k for k, rx in STATES.items() if rx.search(text)],
                            "shares": _shares(label, scored, facts)})
    return out


def _why(label: ce.ClaimLabel, scored: Scored, given: list[tuple[str, int | None]],
         passes: list[Scored]) -> str:
    if not passes:
        return "not looked up"
    if given:
        return "another paragraph given"
    if not {c for c, _ in label.support} & {c for c, _ in scored}:
        return "no candidate cable"
    if not label.support & scored.keys():
        return "labelled paragraph not compared"
    ranked = sorted(scored, key=lambda k: -scored[k])
    rank = min(ranked.index(k) for k in label.support if k in scored)
    return ("first, under the bar", "second")[rank] if rank < 2 else "third or lower"


def _shares(label: ce.ClaimLabel, scored: Scored, shared: Shared) -> str | None:
    """What the labelled paragraph (the best-scoring one of them) shares with the sentence
    beyond words, when it was compared: the first of a name, a date, a number, else words only.
    (A sentence scored in both passes keeps the second's.)"""
    compared = [k for k in label.support if k in scored and k in shared]
    if not compared:
        return None
    names, dates, numbers = shared[max(compared, key=lambda k: scored[k])]
    return ("a name" if names else "a date" if dates else "a number" if numbers
            else "words only")


def table(misses: list[dict[str, Any]]) -> str:
    languages = sorted({m["language"] for m in misses})
    rows = ["| why missed | " + " | ".join(languages) + " | all |",
            "|---|" + "---|" * (len(languages) + 1)]
    for name in CLASSES:
        counts = Counter(m["language"] for m in misses if m["class"] == name)
        rows.append(f"| {name} | " + " | ".join(str(counts[lang]) for lang in languages)
                    + f" | {sum(counts.values())} |")
    rows.append("| **all** | " + " | ".join(
        str(sum(m["language"] == lang for m in misses)) for lang in languages)
        + f" | {len(misses)} |")
    rows += ["", "| the sentence states | " + " | ".join(CLASSES) + " |",
             "|---|" + "---|" * len(CLASSES)]
    for state in STATES:
        counts = Counter(m["class"] for m in misses if state in m["states"])
        rows.append(f"| {state} | " + " | ".join(str(counts[c]) for c in CLASSES) + " |")
    counts = Counter(m["class"] for m in misses if not m["states"])
    rows.append("| none of these | " + " | ".join(str(counts[c]) for c in CLASSES) + " |")
    rows += ["", "| the labelled paragraph, compared, shares | " + " | ".join(languages)
             + " | all |", "|---|" + "---|" * (len(languages) + 1)]
    for share in SHARES:
        counts = Counter(m["language"] for m in misses if m["shares"] == share)
        rows.append(f"| {share} | " + " | ".join(str(counts[lang]) for lang in languages)
                    + f" | {sum(counts.values())} |")
    return "\n".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/trace-real.db"))
    parser.add_argument("--list", action="store_true", help="List every miss with its class.")
    args = parser.parse_args()
    misses = classify(args.db)
    print(table(misses))
    if args.list:
        for m in misses:
            print(f"  [{m['language']}] {m['class']:32} {','.join(m['states']):22} "
                  f"{m['shares'] or '-':10} {m['article'][:30]} {m['starts'][:60]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
