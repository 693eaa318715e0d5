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
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from cablescope.text import fold, squeeze

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


def cable_display(text: str) -> str:
    """Cable text as compared with an article: no paragraph marks or markings, spaces squeezed."""
    return squeeze(CABLE_NOISE.sub(" ", text)).strip()


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
    result = "".join(_FOLD.get(c, c) for c in fold(char))
    if result.isspace():
        return " "
    return result


@dataclass(frozen=True, slots=True)
class Normalized:
    """`text` in matching form; `starts[i]`/`ends[i]` are the original span of `text[i]`;
    `original_end` where the folded span of the original text ends."""

    text: str
    starts: np.ndarray
    ends: np.ndarray
    original_end: int

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) of the normalised span [start, end) (empty spans stay empty)."""
        if not self.text:
            return self.original_end, self.original_end
        if end <= start:
            pos = int(self.starts[start]) if start < len(self.text) else self.original_end
            return pos, pos
        return int(self.starts[start]), int(self.ends[end - 1])

    def from_original(self, position: int) -> int:
        """Index of the first normalised character at or after original `position`."""
        return int(np.searchsorted(self.ends, position, side="right"))


class _Builder:
    """The folded text as pieces, and its offset map as segments: a plain segment maps one
    character to one (`plain`), a folded one maps all its characters to one original span.
    The per-character arrays are made at the end, with numpy, in one go."""

    __slots__ = ("ends", "last", "lens", "pieces", "plain", "starts")

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.starts: list[int] = []  # per segment: original start
        self.ends: list[int] = []  # per segment: original end (folded segments)
        self.lens: list[int] = []  # per segment: folded length
        self.plain: list[bool] = []
        self.last = ""  # last character emitted

    def add_plain(self, s: int, e: int, folded: str) -> None:
        self.pieces.append(folded)
        self.starts.append(s)
        self.ends.append(e)
        self.lens.append(e - s)
        self.plain.append(True)
        self.last = folded[-1]

    def add(self, s: int, e: int, folded: str) -> None:
        self.pieces.append(folded)
        self.starts.append(s)
        self.ends.append(e)
        self.lens.append(len(folded))
        self.plain.append(False)
        self.last = folded[-1]

    def stretch_space(self, e: int) -> None:
        """The last emitted space also covers original text up to `e`."""
        if self.plain[-1]:  # a single space ending a plain segment: make it its own segment
            s = self.ends[-1] - 1
            self.pieces[-1] = self.pieces[-1][:-1]
            self.ends[-1] -= 1
            self.lens[-1] -= 1
            self.add(s, e, " ")
        else:
            self.ends[-1] = e

    def build(self, original_end: int) -> Normalized:
        folded = "".join(self.pieces)
        if folded.endswith(" "):
            folded = folded[:-1]
            self.lens[-1] -= 1
        if not folded:
            empty = np.zeros(0, dtype=np.int64)
            return Normalized("", empty, empty, original_end)
        lens = np.array(self.lens, dtype=np.int64)
        plain = np.repeat(np.array(self.plain, dtype=bool), lens)
        firsts = np.repeat(np.cumsum(lens) - lens, lens)
        within = np.arange(len(folded), dtype=np.int64) - firsts
        starts = np.repeat(np.array(self.starts, dtype=np.int64), lens) + within * plain
        ends = np.where(plain, starts + 1, np.repeat(np.array(self.ends, dtype=np.int64), lens))
        return Normalized(folded, starts, ends, original_end)


def normalize(text: str, *, cable: bool = False, start: int = 0,
              end: int | None = None) -> Normalized:
    """Fold `text` (or its span [start, end)) into matching form (see the module docstring);
    `cable` also drops noise. Offsets always refer to the whole `text`."""
    stop = len(text) if end is None else end
    out = _Builder()

    def plain(s: int, e: int) -> None:
        """ASCII with single spaces only: lower case, one character for one."""
        if s >= e:
            return
        if text[s] == " " and out.last in ("", " "):
            if out.last == " ":
                out.stretch_space(s + 1)
            s += 1
            if s >= e:
                return
        out.add_plain(s, e, text[s:e].lower())

    def scan(begin: int, stop: int) -> None:
        pos = begin
        for m in _SPECIAL.finditer(text, begin, stop):
            s, e = m.span()
            plain(pos, s)
            pos = e
            if m.lastgroup == "space":
                if (out.last == "-" and s >= 2 and text[s - 1] == "-"
                        and _HYPHEN_BREAK.match(text, s - 1)):
                    continue  # "narco-\ntrafficking": the line break goes, the hyphen stays
                if out.last == " ":
                    out.stretch_space(e)
                elif out.last:
                    out.add(s, e, " ")
                continue
            folded = "'" if m.group() == "`" else _fold_char(m.group())
            if not folded:
                continue
            if folded == " ":
                if out.last and out.last != " ":
                    out.add(s, e, " ")
                continue
            out.add(s, e, folded)
        plain(pos, stop)

    if cable:
        pos = start
        for m in CABLE_NOISE.finditer(text, start, stop):
            scan(pos, m.start())
            # Noise becomes a word break, never glue: "(C) The" -> " the".
            if out.last and out.last != " ":
                out.add(m.start(), m.end(), " ")
            pos = m.end()
        scan(pos, stop)
    else:
        scan(start, stop)
    return out.build(stop)


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
