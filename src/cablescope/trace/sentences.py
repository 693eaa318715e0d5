"""Sentence boundaries in article text, aware of the abbreviations news and cables use."""

from __future__ import annotations

import re
from collections.abc import Iterator

_ABBREVIATIONS = frozenset([
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cmdr", "adm", "sgt",
    "sen", "rep", "gov", "pres", "st", "mt", "ft", "jr", "sr", "dept", "approx", "inc", "ltd",
    "co", "corp", "bros", "vs", "etc", "al", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "amb", "emb", "polcouns",
])
_LONGEST_WORD = 40
_BEFORE_NUMBER = frozenset(["no", "nos", "vol", "pp", "fig", "ch", "art", "sec", "para"])
# The lookbehind makes a run of marks one match attempt, not one per mark (linear, not quadratic,
# on a run of thousands of periods).
_END = re.compile(r"""(?<![.!?])[.!?]+["'”’»)\]]*(?=\s+["'“‘«(\[]?[A-Z0-9À-Ý])|\n\s*\n""")


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Spans `(start, end)` of the sentences of `text[start:end]`, stripped of outer spaces."""
    stop = len(text) if end is None else end
    pos = start
    for m in _END.finditer(text, start, stop):
        if m.group().startswith((".",)) and _is_abbreviation(text, m.start()):
            continue
        yield from _strip(text, pos, m.end())
        pos = m.end()
    yield from _strip(text, pos, stop)


def _is_abbreviation(text: str, dot: int) -> bool:
    """The period at `dot` ends an abbreviation (Gen., U.S., Mr.) rather than a sentence."""
    i = dot
    floor = max(0, dot - _LONGEST_WORD)  # a longer run is no abbreviation, and stays linear
    while i > floor and (text[i - 1].isalpha() or text[i - 1] == "."):
        i -= 1
    word = text[i:dot]
    if not word:
        return False
    if "." in word:  # U.S. / e.g. (but "... of the U.S. "He made" ends a sentence)
        after = text[dot + 1: dot + 4]
        return (len(word.replace(".", "")) <= 3 and not after.startswith(" A ")
                and not re.match(r"\s[\"“«]", after))
    if len(word) == 1 and word.isupper():  # an initial: John F. Kennedy
        return True
    if word.lower() in _BEFORE_NUMBER:
        return text[dot + 1: dot + 3].strip()[:1].isdigit()
    return word.lower() in _ABBREVIATIONS


def _strip(text: str, s: int, e: int) -> Iterator[tuple[int, int]]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        yield s, e
