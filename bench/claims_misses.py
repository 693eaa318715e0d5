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
meeting, a position someone stated (said, told, wrote, according to), a date, a number.
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
    "date": re.compile(r"\b(?:1[89]|20)\d\d\b|\b(?:january|february|march|april|may|june|july|"
                       r"august|september|october|november|december|janeiro|fevereiro|março|"
                       r"abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro|"
                       r"januari|februari|mars|maj|juni|juli|augusti|oktober)\b", re.I),
    "number": re.compile(r"\b(?!(?:1[89]|20)\d\d\b)\d[\d.,]*\b"),  # a year is a date
}


Scored = dict[tuple[str, int | None], float]


def _recorder() -> dict[tuple[int, int], list[Scored]]:
    """Wrap `claims._support` to keep, per sentence (start, end), the candidates it scored on
    each pass."""
    from cablescope.trace import claims

    seen: dict[tuple[int, int], list[Scored]] = defaultdict(list)
    support = claims._support

    def recording(art: Any, s: Any, found: Any) -> Any:
        chosen = support(art, s, found)
        seen[(s.start, s.end)].append({(c.cable_id, c.number): c.score
                                       for c in found.values()})
        return chosen

    claims._support = recording
    return seen


def classify(db: Path) -> list[dict[str, Any]]:
    """The dev misses, each with its class, language and what it states."""
    from cablescope.store import Store
    from cablescope.trace import Tracer, read_article

    seen = _recorder()
    by_article: dict[Path, list[ce.ClaimLabel]] = defaultdict(list)
    for label in ce.load_labels("dev"):
        if label.support:
            by_article[label.path].append(label)
    out = []
    with Store.open(db, readonly=True) as store:
        tracer = Tracer(store.connection, str(db))
        for path, labels in by_article.items():
            seen.clear()
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
                out.append({"article": label.article, "language": label.language,
                            "starts": label.starts, "class": _why(label, scored, given, passes),
                            "states": [k for k, rx in STATES.items() if rx.search(text)]})
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
                  f"{m['article'][:30]} {m['starts'][:60]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
