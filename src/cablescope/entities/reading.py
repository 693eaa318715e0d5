"""What the statistical model reads of a paragraph, and where its sentences end.

The model is most of the cost of extraction, and most of a cable's words are no name: "the
talks were postponed because of the budget" needs no statistical reader, nor does "the U.S.
Ambassador told Iranian officials" (a country, a nationality, a title, an abbreviation: the
rules know them all). So the model reads only the stretches around words that may be a name the
rules do not know (capitalised words other than a sentence's common first word, months and
weekdays, places, nationalities, titles, embassy roles and the abbreviations of the lexicon),
`WINDOW` words on each side, as much context as its tagger looks at (four tokens each side);
everything else is left to the rules, which find places by the lexicon (a place of several
words, "Costa Rica", is known only whole; a lone capital, "Ref B", is no name). Header blocks
are read by rules only (routing lines, the Classified By line, TAGS): their capitalised
shorthand is what the model reads worst. Sentences are found by punctuation, as spaCy's
sentencizer does, but without building the model's tokens for the text it does not read. On
150 real cables the mentions found agree with a reading of every word for 99.5% of people and
99.8% of organisations, and the meetings are the same (docs/benchmarks.md).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping
from functools import lru_cache

from cablescope.entities.caseless import CaselessWords
from cablescope.entities.countries import DEMONYMS
from cablescope.entities.encounters import ENCOUNTER_WORD
from cablescope.entities.lexicon import (
    FIXED_GOVERNMENTS,
    GOV_ABBREVIATION,
    MONTHS,
    NOT_GOV_ABBREVIATIONS,
    ORG_ABBREVIATIONS,
    ROLE_WORDS,
    TITLE_HEADS,
    WEEKDAYS,
)
from cablescope.entities.names import fold
from cablescope.entities.spans import known_places

WINDOW = 4
_TOKEN = re.compile(r"\S+")
_CAPITAL = re.compile(r"[A-ZÀ-ÖØ-Þ]")
_EDGE = "\"'“”‘’()[]{},.;:!?*-–—"
_NAME_START = re.compile(r"(?:^|[-'’])[A-ZÀ-ÖØ-Þ]")
_NEVER_NAMES = frozenset(MONTHS) | WEEKDAYS | {"i"}
# Capitalised words of the cable's structure, not names.
_STRUCTURE = frozenset(["summary", "comment", "note", "end", "begin", "text", "ref", "reftel",
                        "septel", "the", "a", "an", "we", "he", "she", "they", "it", "this",
                        "u.s", "us", "u.k", "uk", "united", "states"])
# The header's own lines end at the last of these; what follows in the block is text.
_HEADER_LINE = re.compile(
    r"(?im)^[ \t]*(?:classified\s+by|subj(?:ect)?|refs?|reftel|tags|e\.?\s?o\.?\s*1\d{4}|"
    r"reason|[(]?[a-z][.)]\s+[a-z]+\s+\d+|[¶]?[a-h][.)]\s).*$")
# Where spaCy's sentencizer ends a sentence: after ., ! or ? standing alone as a token. A period
# that belongs to its word (an abbreviation, an initial) ends nothing.
_END = re.compile(r"[.!?]+(?:[\"'”’)\]]+)?(?=\s|$)")
# The meeting words, matched case-sensitively on a lowered ASCII paragraph (`caseless`).
_ENCOUNTER_WORD = CaselessWords(ENCOUNTER_WORD)
_ABBREVIATIONS = frozenset([
    "mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "sgt", "capt", "cdr", "adm", "amb", "gov",
    "sen", "rep", "rev", "prof", "messrs", "mme", "jr", "sr", "no", "nos", "vs", "etc", "inc",
    "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m", "para", "paras", "ref", "fig",
    "approx", "dept", "est", "min", "pres", "govt", "int'l",
])
Casing = Mapping[str, tuple[int, int, int]]


def header_end(text: str) -> int:
    """Where the header's own lines end in a header block (0 when it has none)."""
    end = 0
    for m in _HEADER_LINE.finditer(text):
        end = m.end()
    return end


# A summary as the text below the header's lines ("Summary:", "1. (C) Summary.", "Key points"
# opening it, "End Summary" closing it): the numbered paragraphs below tell the same events
# again, and are read for them.
_SUMMARY_OPENING = re.compile(r"(?i)\b(?:summary|key\s+points)\b")
_SUMMARY_END = re.compile(r"(?i)\bend\s+(?:of\s+)?(?:summary|key\s+points)\b")


def header_body(text: str, end: int | None = None) -> int:
    """Where a header block's body begins (0 when it has none to read for events): the text after
    the header's own lines (`end`, `header_end` when not given), the body of a short cable whose
    only paragraph is unnumbered, run on below "Classified By". Not text the header's lines do not
    end (no line of theirs found), and not a summary the numbered paragraphs retell."""
    if end is None:
        end = header_end(text)
    if not end or _SUMMARY_OPENING.search(text, end, end + 120) or _SUMMARY_END.search(text, end):
        return 0
    return end


def _usually_lower(word: str, casing: Casing) -> bool:
    row = casing.get(word.lower())
    return row is not None and row[0] > 2 * (row[1] + row[2])


@lru_cache(maxsize=1 << 15)
def known(word: str) -> bool:
    """A capitalised word the rules know without the model: a place, a nationality, a title, an
    embassy role, an abbreviation of the lexicon, a word of the cable's structure."""
    if word.isupper() and (word in ORG_ABBREVIATIONS or word in FIXED_GOVERNMENTS or (
            GOV_ABBREVIATION.fullmatch(word) and word not in NOT_GOV_ABBREVIATIONS)):
        return True
    low = fold(word).strip(".")
    for suffix in ("'s", "s'"):
        if low.endswith(suffix):
            low = low[: -len(suffix)]
    return (low in _STRUCTURE or low in TITLE_HEADS or low in ROLE_WORDS or low in _PLACES
            or low in DEMONYMS or (low.endswith("s") and low[:-1] in DEMONYMS))


_PLACES = known_places()
# Places and nationalities of several words ("Costa Rica", "Costa Rican", "San Jose"): their
# words are known together, not alone ("Costa" may be a surname).
_KNOWN_RUNS = re.compile(r"(?i)(?<![\w'’-])(?:" + "|".join(
    r"\s+".join(re.escape(w) for w in name.split())
    for name in sorted({n for n in (*_PLACES, *DEMONYMS) if " " in n}, key=len, reverse=True))
    + r")(?:'s|’s|s)?(?![\w-])")
_LETTERS = re.compile(r"[^\W\d_]*")
# The leading letters of every word of those names (and plurals): a word whose letters are none
# of them is in no run, so most paragraphs are never searched for runs.
_RUN_WORDS = frozenset(_LETTERS.match(w).group() + plural  # type: ignore[union-attr]
                       for n in (*_PLACES, *DEMONYMS) if " " in n for w in n.lower().split()
                       for plural in ("", "s"))  # "Costa Ricans"


def segments(text: str, casing: Casing, start: int = 0,
             window: int | None = WINDOW) -> list[tuple[int, int]]:
    """The (start, end) stretches of `text` the model reads: `window` words either side of each
    word that can be a name, from offset `start`. `window` None: all of it."""
    if window is None:
        stripped = text[start:].strip()
        if not stripped:
            return []
        a = text.index(stripped[0], start)
        return [(a, a + len(stripped))]
    tokens = [m.span() for m in _TOKEN.finditer(text, start)]
    starts = [a for a, _b in tokens]
    runs: list[tuple[int, int]] | None = None  # found when a word could be in one
    out: list[tuple[int, int]] = []
    last = -1  # the token where the last candidate of a name was looked at
    lo = hi = -1  # the tokens of the stretch being built
    for capital in _CAPITAL.finditer(text, start):  # only words with a capital can be names
        i = bisect_right(starts, capital.start()) - 1
        if i <= last:
            continue
        last = i
        a, b = tokens[i]
        word = text[a:b]
        core = word.strip(_EDGE)
        if len(core) < 2 or not _NAME_START.search(core) or core.lower() in _NEVER_NAMES:
            continue
        if (i == 0 or _sentence_end(text[tokens[i - 1][0]:tokens[i - 1][1]])) and \
                _usually_lower(core, casing):
            continue  # a common word opening a sentence
        at = a + word.index(core[0])
        if known(core):
            continue
        if _LETTERS.match(core.lower()).group() in _RUN_WORDS:  # type: ignore[union-attr]
            if runs is None:
                runs = [m.span() for m in _KNOWN_RUNS.finditer(text, start)]
            if any(ra <= at < rb for ra, rb in runs):
                continue
        first, final = max(0, i - window), min(len(tokens) - 1, i + window)
        if first <= hi + 1 and hi >= 0:
            hi = final
            continue
        if hi >= 0:
            out.append((tokens[lo][0], tokens[hi][1]))
        lo, hi = first, final
    if hi >= 0:
        out.append((tokens[lo][0], tokens[hi][1]))
    return out


def _sentence_end(word: str) -> bool:
    """Whether a word ends its sentence, so that the next one opens a sentence."""
    return bool(_END.fullmatch(word[-1:]) or word.endswith((".\"", ".”", ":")))


def sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of the sentences of `text[start:end]`, split as the sentencizer splits."""
    end = len(text) if end is None else end
    out: list[tuple[int, int]] = []
    begin = start
    for m in _END.finditer(text, start, end):
        before = text[begin:m.start()].rsplit(None, 1)
        word = before[-1] if before else ""
        if m.group()[0] == "." and not m.group().startswith("..") and (
                word.lower().strip(_EDGE) in _ABBREVIATIONS or re.fullmatch(r"[A-Z]", word)
                or re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word)):
            continue  # "Mr. Hubbard", "U.S. policy", "A. Smith"
        _add(out, text, begin, m.end())
        begin = m.end()
    _add(out, text, begin, end)
    return out


def _add(out: list[tuple[int, int]], text: str, begin: int, end: int) -> None:
    """A sentence without the spaces around it, if it has anything else."""
    while begin < end and text[begin].isspace():
        begin += 1
    while end > begin and text[end - 1].isspace():
        end -= 1
    if begin < end:
        out.append((begin, end))


def encounter_sentences(text: str, start: int = 0) -> list[tuple[int, int]]:
    """The sentences of a paragraph (from `start`) that have a meeting word: what the parser
    reads (`encounters`)."""
    low = text.lower() if text.isascii() else None  # lowered once for every sentence
    return [(s, e) for s, e in sentences(text, start)
            if _ENCOUNTER_WORD.search(text, s, e, low)]
