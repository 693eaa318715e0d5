"""Matching form of article and cable text, with a map back to every original character.

Both sides are folded the same way before they are compared: Unicode compatibility forms,
case, accents, curly and straight quotes, dashes, `…`, whitespace and line breaks, words
hyphenated across a line end. Cable noise (`¶3.` paragraph marks, `(C)` markings, `SIPDIS`) is
dropped from the matching form but stays in the text, so a quote that runs across two cable
paragraphs aligns without the cable's scaffolding showing up as an edit. Every normalised
character knows the original characters it came from, so spans found on the normalised form are
reported as offsets into the text as stored (cable) or as extracted (article).
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from dataclasses import dataclass
from functools import lru_cache

_QUOTE_SINGLE = "‘’‚‛′‹›`´"
_QUOTE_DOUBLE = "“”„‟″«»〝〞"
_DASH_SHORT = "‐‑‒–−﹘﹣－"
_DASH_LONG = "—―⸺"
_FOLD = {
    **{c: "'" for c in _QUOTE_SINGLE},
    **{c: '"' for c in _QUOTE_DOUBLE},
    **{c: "-" for c in _DASH_SHORT},
    **{c: "--" for c in _DASH_LONG},
    "…": "...",
    "\u00ad": "",  # soft hyphen
    "\u200b": "",  # zero-width space
    "\ufeff": "",
}

# Paragraph marks, classification markings and handling noise inside cable bodies.
_MARKING = (
    r"\((?:U|C|S|TS|SBU|FOUO|U//FOUO|U/FOUO|S/NF|C/NF|S//NF|C//NF|TS/NF|SBU/NF"
    r"|S/REL[^)]{0,30}|C/REL[^)]{0,30})\)"
)
CABLE_NOISE = re.compile(
    rf"¶\s*\d{{0,3}}\s*\.?\s*(?:{_MARKING}\s*)?"  # WikiLeaks paragraph anchor "¶3. (C) "
    rf"|(?m:^[ \t]*\d{{1,3}}\.[ \t]+{_MARKING}[ \t]*)"  # "3. (C) " at a line start
    rf"|{_MARKING}"  # an inline marking
    r"|\bSIPDIS\b"
)

# A word hyphenated across a line end joins up: "narco-\ntrafficking" -> "narco-trafficking".
_HYPHEN_BREAK = re.compile(r"(?<=[^\W\d_])-[ \t]*\n\s*(?=[a-z])")
_SCAN = re.compile(
    rf"(?P<hyphen>{_HYPHEN_BREAK.pattern})|(?P<ascii>[!-~]+?(?=-[ \t]*\n|[^!-~]|$)|[!-~]+)"
    r"|(?P<space>\s+)|(?P<other>.)",
    re.S,
)
_TOKEN = re.compile(r"[^\W_]+")
# U.S., U.K., G.O.B.: single letters joined by dots are one word ("us"), as US is.
_DOTTED = re.compile(r"\b(?:[^\W\d_]\.){1,5}[^\W\d_]\b\.?")


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    """Matching form of one non-ASCII character: typographic folds, NFKD, no accents, case."""
    if char in _FOLD:
        return _FOLD[char]
    decomposed = unicodedata.normalize("NFKD", char)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    out = []
    for c in kept.casefold():
        folded = _FOLD.get(c, c)
        out.append(folded)
    result = "".join(out)
    if result.isspace():
        return " "
    return result


@dataclass(frozen=True, slots=True)
class Normalized:
    """`text` in matching form; `starts[i]`/`ends[i]` are the original span of `text[i]`."""

    text: str
    starts: array
    ends: array
    original_length: int

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) of the normalised span [start, end) (empty spans stay empty)."""
        if not self.text:
            return 0, 0
        if end <= start:
            pos = self.starts[start] if start < len(self.text) else self.original_length
            return pos, pos
        return self.starts[start], self.ends[end - 1]

    def from_original(self, position: int) -> int:
        """Index of the first normalised character at or after original `position`."""
        lo, hi = 0, len(self.text)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.ends[mid] <= position:
                lo = mid + 1
            else:
                hi = mid
        return lo


def normalize(text: str, *, cable: bool = False) -> Normalized:
    """Fold `text` into matching form (see the module docstring); `cable` also drops noise."""
    pieces: list[str] = []
    starts = array("i")
    ends = array("i")
    last = ""  # last character emitted

    def scan(begin: int, stop: int) -> None:
        nonlocal last
        for m in _SCAN.finditer(text, begin, stop):
            kind = m.lastgroup
            s, e = m.span()
            if kind == "ascii":
                run = m.group().lower()
                if "`" in run:
                    run = run.replace("`", "'")
                pieces.append(run)
                starts.extend(range(s, e))
                ends.extend(range(s + 1, e + 1))
                last = run[-1]
            elif kind == "hyphen":
                pieces.append("-")
                starts.append(s)
                ends.append(s + 1)
                last = "-"
            elif kind == "space":
                if not last or last == " ":
                    if last == " ":
                        ends[-1] = e
                    continue
                pieces.append(" ")
                starts.append(s)
                ends.append(e)
                last = " "
            else:
                folded = _fold_char(m.group())
                if not folded:
                    continue
                if folded == " ":
                    if last and last != " ":
                        pieces.append(" ")
                        starts.append(s)
                        ends.append(e)
                        last = " "
                    continue
                pieces.append(folded)
                starts.extend([s] * len(folded))
                ends.extend([e] * len(folded))
                last = folded[-1]

    if cable:
        pos = 0
        for m in CABLE_NOISE.finditer(text):
            scan(pos, m.start())
            # Noise becomes a word break, never glue: "(C) The" -> " the".
            if last and last != " ":
                pieces.append(" ")
                starts.append(m.start())
                ends.append(m.end())
                last = " "
            pos = m.end()
        scan(pos, len(text))
    else:
        scan(0, len(text))
    folded = "".join(pieces)
    if folded.endswith(" "):
        folded = folded[:-1]
        del starts[-1]
        del ends[-1]
    return Normalized(folded, starts, ends, len(text))


@dataclass(frozen=True, slots=True)
class Token:
    """A word of the matching form: `key` compares words, `start`/`end` index `Normalized.text`."""

    key: str
    start: int
    end: int


def tokens(norm: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Words of a normalised text (or of its slice), with dotted abbreviations as one word."""
    stop = len(norm) if end is None else end
    out: list[Token] = []
    pos = start
    for m in _DOTTED.finditer(norm, start, stop):
        out.extend(Token(t.group(), t.start(), t.end())
                   for t in _TOKEN.finditer(norm, pos, m.start()))
        joined = "".join(ch for ch in m.group() if ch.isalnum())
        span_end = m.end() - 1 if m.group().endswith(".") else m.end()
        out.append(Token(joined, m.start(), span_end))
        pos = m.end()
    out.extend(Token(t.group(), t.start(), t.end()) for t in _TOKEN.finditer(norm, pos, stop))
    return out
