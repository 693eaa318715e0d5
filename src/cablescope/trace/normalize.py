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

import bisect
import itertools
import re
import unicodedata
from array import array
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

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
    # a page mark on its own line: "PARIS 00005335  002 OF 003"
    r"|(?m:^[ \t]*[A-Z][A-Z ]{1,30} 0{2,}\d{1,6} +\d{3} OF \d{3}[ \t]*$)"
)

# A word hyphenated across a line end joins up: "narco-\ntrafficking" -> "narco-trafficking".
_HYPHEN_BREAK = re.compile(r"(?<=[^\W\d_])-[ \t]*\n\s*(?=[a-z])")
# What is not plain ASCII with single spaces: white space to squeeze, other characters to fold.
_SPECIAL = re.compile(r"(?P<space>\s{2,}|[^\S ])|(?P<other>[^\x20-\x7e]|`)")

_TOKEN = re.compile(r"[^\W_]+")
_ASCII_TOKEN = re.compile(r"[a-z0-9]+")  # the same on lower-case ASCII text, several times faster
# U.S., U.K., G.O.B.: single letters joined by dots are one word ("us"), as US is.
_DOTTED = re.compile(r"\b(?:[^\W\d_]\.){1,5}[^\W\d_]\b\.?")
_ASCII_DOTTED = re.compile(r"(?<![a-z0-9_])(?:[a-z]\.){1,5}[a-z](?![a-z0-9_])\.?")


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


def normalize(text: str, *, cable: bool = False, start: int = 0,
              end: int | None = None) -> Normalized:
    """Fold `text` (or its span [start, end)) into matching form (see the module docstring);
    `cable` also drops noise. Offsets always refer to the whole `text`."""
    stop = len(text) if end is None else end
    pieces: list[str] = []
    starts = array("i")
    ends = array("i")
    last = ""  # last character emitted

    def plain(s: int, e: int) -> None:
        """ASCII with single spaces only: lower case, one character for one."""
        nonlocal last
        if s >= e:
            return
        if text[s] == " " and last in ("", " "):
            if last == " ":
                ends[-1] = s + 1
            s += 1
            if s >= e:
                return
        pieces.append(text[s:e].lower())
        starts.extend(range(s, e))
        ends.extend(range(s + 1, e + 1))
        last = pieces[-1][-1]

    def scan(begin: int, stop: int) -> None:
        nonlocal last
        pos = begin
        for m in _SPECIAL.finditer(text, begin, stop):
            s, e = m.span()
            plain(pos, s)
            pos = e
            if m.lastgroup == "space":
                if (last == "-" and s >= 2 and text[s - 1] == "-"
                        and _HYPHEN_BREAK.match(text, s - 1)):
                    continue  # "narco-\ntrafficking": the line break goes, the hyphen stays
                if not last or last == " ":
                    if last == " ":
                        ends[-1] = e
                    continue
                pieces.append(" ")
                starts.append(s)
                ends.append(e)
                last = " "
                continue
            folded = "'" if m.group() == "`" else _fold_char(m.group())
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
        plain(pos, stop)

    if cable:
        pos = start
        for m in CABLE_NOISE.finditer(text, start, stop):
            scan(pos, m.start())
            # Noise becomes a word break, never glue: "(C) The" -> " the".
            if last and last != " ":
                pieces.append(" ")
                starts.append(m.start())
                ends.append(m.end())
                last = " "
            pos = m.end()
        scan(pos, stop)
    else:
        scan(start, stop)
    folded = "".join(pieces)
    if folded.endswith(" "):
        folded = folded[:-1]
        del starts[-1]
        del ends[-1]
    return Normalized(folded, starts, ends, len(text))


class Token(NamedTuple):
    """A word of the matching form: `key` compares words, `start`/`end` index `Normalized.text`."""

    key: str
    start: int
    end: int


_KEY = re.compile(rf"(?P<dotted>{_DOTTED.pattern})|{_TOKEN.pattern}")


def _dotted_key(m: re.Match[str]) -> str:
    return "".join(ch for ch in m.group() if ch.isalnum())


def _dotted_word(m: re.Match[str]) -> str:
    """A dotted abbreviation as one word, kept apart from what follows ("e.o.12958")."""
    return _dotted_key(m) + " "


def tokens(norm: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Words of a normalised text (or of its slice), with dotted abbreviations as one word.

    Positions come from the lengths of the words and of what separates them, summed in C
    (`itertools.accumulate`): a cable has thousands of words, and a regex match object per word
    is what made this slow.
    """
    stop = len(norm) if end is None else end
    text = norm[start:stop]
    ascii_only = text.isascii()
    token, dotted = (_ASCII_TOKEN, _ASCII_DOTTED) if ascii_only else (_TOKEN, _DOTTED)
    keys = token.findall(text)
    if not keys:
        return []
    seps = token.split(text)
    lengths = itertools.chain.from_iterable(zip(map(len, seps), map(len, keys), strict=False))
    bounds = list(itertools.accumulate(lengths, initial=start))
    out = list(map(Token, keys, bounds[1::2], bounds[2::2]))
    if "." in text:
        starts = bounds[1::2]
        for m in reversed(list(dotted.finditer(text))):
            s, e = m.start() + start, m.end() + start
            lo = bisect.bisect_left(starts, s)
            hi = bisect.bisect_left(starts, e)
            span_end = e - 1 if m.group().endswith(".") else e
            out[lo:hi] = [Token(_dotted_key(m), s, span_end)]
    return out
