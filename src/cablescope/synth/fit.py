"""The statistics the generator is fitted to, extracted from a cablescope database of a real corpus.

`extract(conn)` reads the plain tables (cables, versions, paragraphs, tags, refs) and returns
aggregates only: quantiles, shares, counts, the bigram counts of a sentence model whose symbols
are English function words and word classes, and each word class's vocabulary growth. No word,
name or sentence of the corpus is kept; `bench/synth_fit.py` writes the result, with the
parameters calibrated on it, to `fitted.json`.

The sentence model: a body paragraph is cut into tokens; a token is one of the generator's English
function words or everyday words (`lexicon.FUNCTION`, `lexicon.COMMON`, as itself; `^word` when
capitalised mid-sentence), a punctuation mark, or a class — `W` (other
lower-case word), `S` (ending in -s), `ED`, `ING`, `LY`, `C` (capitalised: names, places,
titles), `U` (an acronym), `N` (a number). The counts of consecutive symbol pairs make a Markov
chain that writes sentence skeletons; `model.ClassSampler` fills the classes.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np

from cablescope.synth.lexicon import COMMON_SET, FUNCTION_SET
from cablescope.synth.measure import _all_caps

CLASSES = ("W", "S", "ED", "ING", "LY", "C", "U", "N")
PUNCT = (".", ",", ";", ":", "(", ")", '"', "--", "'s")
QUANTILES = tuple(i / 200 for i in range(201))  # half-percent steps, both ends included
_TOKEN = re.compile(
    r"(?P<abbr>\b[A-Za-z](?:\.[A-Za-z])+\.?)"
    r"|(?P<num>\d+(?:[.,:/-]\d+)*%?)"
    r"|(?P<word>[^\W\d_]+(?:['’-][^\W\d_]+)*)"
    r"|(?P<rule>-{4,}|={4,}|_{4,})"
    r"|(?P<punct>-{2,3}|[.,;:()\"“”?!])")
_LEAD = re.compile(r"^\s*¶?\s*\d{1,3}\s*\.?\s*(?:\([A-Za-z/ ]{1,16}\))?\s*")
_REDACTED = re.compile(r"X{5,}")
_NUMBER_LINE = re.compile(r"^[ \t]*¶?[ \t]*(\d{1,3})[ \t]*\.", re.M)
# Only codes are kept: four-letter subject TAGS (a TAGS line's stray words are not tags) and
# the standard paragraph markings.
_SUBJECT_CODE = re.compile(r"[A-Z]{4}")
_MARKING = re.compile(r"(?:(?:U|SBU|C|S|TS)(?:/(?:NF|NOFORN|FOUO))?)?")
_ERAS = ((0, 1990, "before 1990"), (1990, 2000, "1990s"), (2000, 2005, "2000-2004"),
         (2005, 9999, "2005 on"))


def era(year: int) -> str:
    """The era a year belongs to (telegram styles change between them)."""
    return next(name for low, high, name in _ERAS if low <= year < high)


def word_class(lower: str) -> str:
    """The open class of a lower-case word, by its ending (a cheap stand-in for its part of
    speech, computed the same way on real and generated words)."""
    tail = lower.rsplit("-", 1)[-1]
    if len(tail) > 4 and tail.endswith("ly"):
        return "LY"
    if len(tail) > 5 and tail.endswith("ing"):
        return "ING"
    if len(tail) > 4 and tail.endswith("ed"):
        return "ED"
    if len(tail) > 3 and tail.endswith("s") and not tail.endswith(("ss", "us", "is")):
        return "S"
    return "W"


def _from_number(text: str, number: int) -> str:
    """The paragraph from the line its number opens (what a heading above it is cut from)."""
    lead = next((m for m in _NUMBER_LINE.finditer(text) if int(m.group(1)) == number), None)
    return text[lead.start():] if lead else text


def tokens(text: str, lower_seen: set[str] | frozenset[str] = frozenset()
           ) -> Iterator[tuple[str, str]]:
    """(symbol, token as written) of a body paragraph, its number and marking left out.
    `lower_seen`: words the corpus writes in lower case (a capitalised sentence start that is
    one of them is a common word, not a name)."""
    start = True
    for match in _TOKEN.finditer(_LEAD.sub("", text, count=1)):
        kind, token = match.lastgroup, match.group()
        if kind == "abbr":
            yield "U", token
        elif kind == "num":
            yield "N", token
        elif kind == "rule":  # a heading's underline: headings are made apart
            continue
        elif kind == "punct":
            symbol = {"“": '"', "”": '"', "?": ".", "!": ".", "---": "--"}.get(token, token)
            yield symbol, token
            start = symbol == "."
            continue
        else:
            word = token.replace("’", "'")
            possessive = word.lower().endswith("'s") and len(word) > 2
            if possessive:
                word = word[:-2]
            lower = word.lower()
            if lower in FUNCTION_SET:
                yield lower, word
            elif _REDACTED.fullmatch(word):
                yield "C", word
            elif word.isupper() and len(word) > 1:
                yield "U", word
            elif lower in COMMON_SET:
                yield ("^" + lower if word[0].isupper() and not start else lower), word
            elif word[0].isupper() and not (start and lower in lower_seen):
                yield "C", word
            else:
                yield word_class(lower), word
            if possessive:
                yield "'s", "'s"
        start = False


def _quantiles(values: Iterable[float]) -> list[float]:
    array = np.array(list(values), dtype=np.float64)
    return [round(float(x), 1) for x in np.quantile(array, QUANTILES)] if len(array) else []


def _shares(counter: Counter[Any], total: int, digits: int = 4) -> dict[str, float]:
    return {str(k): round(v / total, digits) for k, v in counter.most_common() if v}


def _growth(stream: list[str]) -> dict[str, Any]:
    """A class's vocabulary growth: types after 1/64 ... all of its tokens, and words seen once."""
    seen: set[str] = set()
    points = {len(stream) * k // 64: 0 for k in (1, 2, 4, 8, 16, 32, 64)}
    for i, token in enumerate(stream, 1):
        seen.add(token)
        if i in points:
            points[i] = len(seen)
    counts = Counter(stream)
    return {"tokens": len(stream), "types": len(counts),
            "hapax": sum(1 for n in counts.values() if n == 1),
            "growth": [[n, v] for n, v in sorted(points.items()) if n]}


def extract(conn: sqlite3.Connection) -> dict[str, Any]:
    """Every aggregate the generator's model is made of (see the module doc)."""
    cables = conn.execute(
        "SELECT c.id, c.year, c.classification, c.redactions, c.summary IS NOT NULL, "
        "c.comment IS NOT NULL, v.text FROM cables c JOIN versions v "
        "ON v.cable_id = c.id AND v.version = c.version ORDER BY c.created, c.id").fetchall()
    n = len(cables)
    caps = {row[0]: _all_caps(row[6]) for row in cables}
    by_era: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for cable_id, year, *_rest, text in cables:
        bucket = by_era[era(year or 2005)]
        bucket[0] += 1
        bucket[1] += caps[cable_id]
        lines = [line for line in text.split("\n") if line.strip()]
        bucket[2] += sum(len(line) > 100 for line in lines) > 0.3 * max(1, len(lines))

    paragraphs: dict[str, list[tuple[int, int | None, str | None, str | None, str]]] = \
        defaultdict(list)
    for row in conn.execute("SELECT cable_id, seq, number, marking, heading, text "
                            "FROM paragraphs ORDER BY cable_id, seq"):
        paragraphs[row[0]].append(row[1:])

    # words seen in lower case anywhere (to tell a sentence-initial name from a common word)
    lower_seen: set[str] = set()
    for cable_id, *_ in cables:
        if not caps[cable_id]:
            for _seq, _num, _mark, _head, text in paragraphs[cable_id]:
                lower_seen.update(w for w in re.findall(r"\b[a-z][a-z'-]*\b", text))

    pairs: Counter[tuple[str, str]] = Counter()
    streams: dict[str, list[str]] = {k: [] for k in CLASSES}
    repeats: dict[str, list[int]] = {k: [0, 0] for k in ("C", "W")}
    markings: dict[str, Counter[str]] = defaultdict(Counter)
    body_words: list[int] = []
    numbered = headed = unnumbered = 0
    for cable_id, _year, classification, *_rest in cables:
        in_cable: dict[str, Counter[str]] = {"C": Counter(), "W": Counter()}
        heading_before = None
        for seq, number, marking, heading, text in paragraphs[cable_id]:
            if seq == 0:
                continue
            if heading and number is not None:  # the parser keeps a heading in the paragraph
                text = _from_number(text, number)  # under it: the generator writes it apart
            body_words.append(len(text.split()))
            numbered += number is not None
            unnumbered += number is None
            if heading and heading != heading_before:
                headed += 1
            heading_before = heading
            mark = (marking or "").upper().replace("//", "/")
            if _MARKING.fullmatch(mark):
                markings[classification or ""][mark] += 1
            if caps[cable_id]:
                continue
            previous = "."
            for symbol, token in tokens(text, lower_seen):
                pairs[(previous, symbol)] += 1
                previous = symbol
                if symbol in streams:
                    streams[symbol].append(token.lower())
                group = "C" if symbol == "C" else "W" if symbol in ("W", "S", "ED", "ING",
                                                                    "LY") else None
                if group:
                    in_cable[group][token.lower()] += 1
            if previous != ".":
                pairs[(previous, ".")] += 1
        for group, counter in in_cable.items():
            total = sum(counter.values())
            repeats[group][0] += total - len(counter)
            repeats[group][1] += total

    words = [len(text.split()) for *_, text in cables]
    tags = conn.execute("SELECT cable_id, tag, kind FROM tags").fetchall()
    subject: Counter[str] = Counter()
    geo_per: Counter[str] = Counter()
    person_cables: set[str] = set()
    subject_per: Counter[str] = Counter()
    for cable_id, tag, kind in tags:
        if kind == "subject" and _SUBJECT_CODE.fullmatch(tag):
            subject[tag] += 1
            subject_per[cable_id] += 1
        elif kind == "geo":
            geo_per[cable_id] += 1
        elif kind == "person":
            person_cables.add(cable_id)
    refs = conn.execute("SELECT r.citing, r.cited, c.id IS NOT NULL FROM refs r "
                        "LEFT JOIN cables c ON c.id = r.cited").fetchall()
    per_citing: Counter[str] = Counter()
    same_post = state = non_cable = same_year = 0
    cable_refs = 0
    for citing, cited, _present in refs:
        if cited is None:
            non_cable += 1
            continue
        cable_refs += 1
        per_citing[citing] += 1
        citing_post, cited_post = _post(citing), _post(cited)
        same_post += cited_post == citing_post
        state += cited_post == "STATE" and citing_post != "STATE"
        same_year += cited[:2] == citing[:2]
    redacted = [r for *_x, r, _s, _c, _t in cables if r]
    return {
        "cables": n,
        "words_quantiles": _quantiles(words),
        "paragraph_words_quantiles": _quantiles(body_words),
        "unnumbered_share": round(unnumbered / max(1, numbered + unnumbered), 4),
        "heading_share": round(headed / max(1, numbered + unnumbered), 4),
        "summary_share": round(sum(row[4] for row in cables) / n, 4),
        "website_share": round(sum("classified website" in row[6].lower() for row in cables)
                               / n, 4),
        "comment_share": round(sum(row[5] for row in cables) / n, 4),
        "eras": {name: {"cables": v[0], "caps": round(v[1] / v[0], 4),
                        "long_lines": round(v[2] / v[0], 4)} for name, v in by_era.items()},
        "classification": _shares(Counter(row[2] or "" for row in cables), n),
        "markings": {k: _shares(v, sum(v.values())) for k, v in markings.items()},
        "subject_tags": _shares(Counter({t: c for t, c in subject.items() if c >= 3}), n),
        "subject_tags_per_cable": _shares(Counter(min(subject_per[c[0]], 12) for c in cables),
                                          n),
        "geo_tags_per_cable": _shares(Counter(min(geo_per[c[0]], 8) for c in cables), n),
        "person_tag_share": round(len(person_cables) / n, 4),
        "refs_per_cable": _shares(Counter(min(per_citing[c[0]], 12) for c in cables), n),
        "non_cable_refs_per_cable": round(non_cable / n, 4),
        "ref_same_post": round(same_post / max(1, cable_refs), 4),
        "ref_state": round(state / max(1, cable_refs), 4),
        "ref_same_year": round(same_year / max(1, cable_refs), 4),
        "redacted_share": round(len(redacted) / n, 4),
        "redactions_per_redacted": round(sum(redacted) / max(1, len(redacted)), 2),
        "repeat_within_cable": {k: round(v[0] / max(1, v[1]), 4) for k, v in repeats.items()},
        "chain": [[a, b, count] for (a, b), count in sorted(pairs.items()) if count >= 2],
        "classes": {k: _growth(v) for k, v in streams.items()},
    }


def _post(cable_id: str) -> str:
    return re.sub(r"\d+$", "", cable_id[2:])


def nelder_mead(f: Any, start: list[float], step: list[float], iterations: int = 300
                ) -> list[float]:
    """Minimise `f` from `start` (the plain Nelder-Mead simplex method; a few parameters)."""
    points = [np.array(start, dtype=np.float64)]
    for i, s in enumerate(step):
        p = points[0].copy()
        p[i] += s
        points.append(p)
    values = [f(p) for p in points]
    for _ in range(iterations):
        order = np.argsort(values)
        points = [points[i] for i in order]
        values = [values[i] for i in order]
        centre = np.mean(points[:-1], axis=0)
        worst = points[-1]
        reflected = centre + (centre - worst)
        fr = f(reflected)
        if fr < values[0]:
            expanded = centre + 2 * (centre - worst)
            fe = f(expanded)
            points[-1], values[-1] = (expanded, fe) if fe < fr else (reflected, fr)
        elif fr < values[-2]:
            points[-1], values[-1] = reflected, fr
        else:
            contracted = centre + 0.5 * (worst - centre)
            fc = f(contracted)
            if fc < values[-1]:
                points[-1], values[-1] = contracted, fc
            else:
                best = points[0]
                points = [best + 0.5 * (p - best) for p in points]
                values = [f(p) for p in points]
        if max(values) - min(values) < 1e-9:
            break
    return [float(x) for x in points[int(np.argmin(values))]]


def fit_class(growth: dict[str, Any]) -> dict[str, float]:
    """The two-regime Zipf law whose expected vocabulary growth and words seen once match a
    class's (`expected_growth`), fitted on a log scale."""
    from cablescope.synth.model import expected_growth

    tokens = np.array([n for n, _ in growth["growth"]], dtype=np.float64)
    types = np.log(np.array([v for _, v in growth["growth"]], dtype=np.float64))
    hapax = np.log(max(1, growth["hapax"]))

    def params(x: np.ndarray) -> dict[str, float]:
        return {"a1": float(x[0]), "a2": 1.05 + abs(float(x[1])), "knee": float(np.exp(x[2])),
                "offset": abs(float(x[3]))}

    def loss(x: np.ndarray) -> float:
        p = params(x)
        if not 0.3 < p["a1"] < 3 or p["a2"] > 6 or p["knee"] > 1e9 or p["offset"] > 1e4:
            return 1e9
        got, got_hapax = expected_growth(p, tokens)
        return float(((np.log(got) - types) ** 2).sum() + (np.log(got_hapax) - hapax) ** 2)

    best = nelder_mead(loss, [1.0, 0.8, np.log(2000.0), 2.0], [0.2, 0.3, 1.0, 2.0])
    return {k: round(v, 5) for k, v in params(np.array(best)).items()}
