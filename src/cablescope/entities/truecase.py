"""Restore the case of text written in capitals, so the statistical NER can read old cables.

Older cables (and subject lines and headings in newer ones) are ALL CAPS, which the small English
model reads as a string of acronyms. We rewrite each capitalised line with the case each word
most often has in the mixed-case cables of the same corpus (a unigram truecaser), character for
character, so offsets into the original text stay valid.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping

from cablescope.entities.lexicon import (
    FIXED_GOVERNMENTS,
    GOV_ABBREVIATION,
    NOT_GOV_ABBREVIATIONS,
    ORG_ABBREVIATIONS,
    ROLE_WORDS,
)

WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'’]*")
_WORD_AFTER = re.compile(r"([^A-Za-zÀ-ÖØ-öø-ÿ]*)([A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'’]*)")
_STARTERS = frozenset('.!?:;"“¶')
_ABBREVIATIONS = frozenset(
    [
    "mr", "mrs", "ms", "dr", "st", "gen", "amb", "adm", "col", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs",
])
_CAPS_RUN = re.compile(r"\b[A-Z][A-Z'’-]+(?:[ \t]+[A-Z][A-Z'’-]+)+\b")
_MARKINGS = frozenset({"C", "S", "U", "SBU", "TS", "NF", "FOUO"})
_MARKING_END = re.compile(r"\((?:[CSU]|SBU|TS|[CS]/NF|NF)\)$")
_LETTER_SPACED = re.compile(r"\b(?:[A-Z] ){3,}[A-Z]\b")
_HEADER_LINE = re.compile(
    r"^\s*(?:TAGS|E\.?\s?O\.?|SIPDIS|PAGE \d|R \d|O \d|P \d|Z \d|NNNN|BT\b|DECL|"
    r"(?:FM|TO|INFO)\s+(?:AMEMB|AMCONSUL|SECSTATE|USMISSION|USDEL|RUE|CIA|DIA|SECDEF|JOINT|CDR|"
    r"USCINC|HQ|WHITE|NSC|USUN|USEU|DEPT|[A-Z]+/))")
_LOWER, _TITLE, _UPPER = 0, 1, 2

Casing = Mapping[str, tuple[int, int, int]]
"""Lower-case word -> (times seen lower case, Title case, UPPER case) in mixed-case text."""


_UPPER_OUT = str.maketrans("", "", "ABCDEFGHIJKLMNOPQRSTUVWXYZÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞ")
_LOWER_OUT = str.maketrans("", "", "abcdefghijklmnopqrstuvwxyzßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿ")


_ASCII_UPPER = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ASCII_LOWER = b"abcdefghijklmnopqrstuvwxyz"


def is_caps(text: str, threshold: float = 0.8) -> bool:
    """Whether a stretch of text is written in capitals (at least `threshold` of its letters,
    counted among the Latin letters cables are written in).

    Most paragraphs are ASCII: their letters are counted on the bytes, which deletes in C
    (a tenth of the time of `str.translate`'s table, asked again for each paragraph's names)."""
    if text.isascii():
        raw = text.encode("ascii")
        upper = len(raw) - len(raw.translate(None, _ASCII_UPPER))
        letters = upper + len(raw) - len(raw.translate(None, _ASCII_LOWER))
    else:
        upper = len(text) - len(text.translate(_UPPER_OUT))
        letters = upper + len(text) - len(text.translate(_LOWER_OUT))
    if letters < 4:
        return False
    return upper / letters >= threshold


def learn_casing(texts: Iterable[str]) -> dict[str, tuple[int, int, int]]:
    """Count how each word is cased in mixed-case text, skipping sentence starts and caps lines."""
    counts: Counter[tuple[str, int]] = Counter()
    seen: list[tuple[str, int]] = []
    add = seen.append
    for text in texts:
        prev = "."
        for line in text.splitlines():
            if is_caps(line, 0.6):
                prev = "."
                continue
            prev_word = ""
            for before, word in _WORD_AFTER.findall(line):
                if before == " ":  # most words: after one space, no sentence start
                    pass
                elif not before.strip():
                    if (before or prev) in _STARTERS:
                        prev, prev_word = word[-1], word
                        continue
                else:
                    head = before.strip()
                    if head[-1] in _STARTERS or (head == ")" and prev_word in _MARKINGS):
                        prev, prev_word = word[-1], word
                        continue
                prev, prev_word = word[-1], word
                if word.islower():
                    add((word, _LOWER))
                elif word.isupper() and len(word) > 1:
                    add((word.lower(), _UPPER))
                elif word[0].isupper() and (len(word) == 1 or word[1:].islower()):
                    add((word.lower(), _TITLE))
            stripped = line.rstrip()
            if stripped:
                prev = stripped[-1]
        counts.update(seen)  # counted in C, in the order first seen
        seen.clear()
    table: dict[str, list[int]] = {}
    for (word, kind), n in counts.items():
        table.setdefault(word, [0, 0, 0])[kind] += n
    return {w: (r[0], r[1], r[2]) for w, r in table.items()}


_KEEP_UPPER = (frozenset(ORG_ABBREVIATIONS) | frozenset(FIXED_GOVERNMENTS)
               | frozenset({"DCM", "CDA", "RSO"}))


class Truecaser:
    """Rewrites capitalised lines with each word's usual case; `names` are always capitalised.

    `casing` comes from `learn_casing` over the corpus; `names` are the folded words of names the
    cable itself gives (person TAGS, signer, "Classified By"), which win over the statistics
    ("RICE" is a name in a cable tagged RICE, CONDOLEEZZA).
    """

    def __init__(self, casing: Casing | None = None, names: Iterable[str] = (),
                 lexicon: frozenset[str] = frozenset(), nouns: frozenset[str] = frozenset(),
                 places: frozenset[str] = frozenset()) -> None:
        self.casing = casing or {}
        self.names = {n.lower() for n in names}
        self.lexicon = lexicon
        self.nouns = nouns
        self.places = places

    def with_names(self, names: Iterable[str]) -> Truecaser:
        """A truecaser sharing the statistics, with one cable's own names added."""
        return Truecaser(self.casing, self.names | {n.lower() for n in names}, self.lexicon,
                         self.nouns, self.places)

    def _inflected(self, word: str) -> bool:
        """An English word the corpus never wrote, inflected from one the lexicon knows
        ("retaliates" from "retaliate"): lower case, not a name."""
        for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"),
                             ("ing", ""), ("ing", "e"), ("ly", "")):
            stem = word[: len(word) - len(suffix)] + repl
            if word.endswith(suffix) and len(stem) >= 3 and (
                    stem in self.lexicon or stem in self.nouns):
                return True
        return False

    def word(self, word: str, sentence_start: bool) -> str:
        """The restored form of one capitalised word (same length)."""
        low = word.lower()
        if len(low) != len(word):
            return word
        bare = low.replace("’", "'")
        if bare.endswith("'s"):
            bare = bare[:-2]
        if word in _KEEP_UPPER or (
            GOV_ABBREVIATION.fullmatch(word) and word not in NOT_GOV_ABBREVIATIONS
        ):
            return word
        if bare in self.names:
            return _title(word)
        if bare in ROLE_WORDS and bare.endswith("off"):
            return _title(word)
        row = self.casing.get(bare)
        if row is None:
            if len(word) <= 3 and not any(c in "AEIOUY" for c in word) and (
                    bare not in self.lexicon):
                return word  # an unknown short acronym: leave it in capitals
            if not sentence_start and bare not in self.places and (
                    bare in self.lexicon or self._inflected(bare)):
                return low  # an English word the corpus never wrote (or no corpus table)
            return _title(word)
        lower, title, upper = row
        if upper > lower and upper > title:
            return word
        if bare in self.lexicon and lower * 4 >= title and not sentence_start:
            return low  # "TIMES": an English word, capitalised mostly in newspaper names
        if lower >= title and not sentence_start:
            return low
        return _title(word)

    def restore(self, text: str) -> str:
        """The text with every capitalised line rewritten; other lines are left as they are.

        A word starts a sentence when the last non-space character before it, across line
        breaks, ends a sentence; letter-spaced banners and header lines keep their capitals.
        """
        out = []
        prev = "."
        for line in text.splitlines(keepends=True):
            if is_caps(line) and not _HEADER_LINE.match(line):
                out.append(self._restore_line(line, prev))
            elif not _HEADER_LINE.match(line):
                out.append(self._restore_runs(line, prev))
            else:
                out.append(line)
            stripped = line.rstrip()
            if stripped:
                prev = stripped[-1]
        result = "".join(out)
        return result if len(result) == len(text) else text

    def _restore_runs(self, line: str, prev: str) -> str:
        """Capitalised runs inside a mixed line ("¶7. ELECTIONS RESOLUTION: Silva said")."""
        def fix(m: re.Match[str]) -> str:
            words = m.group().split()
            if all(w in _KEEP_UPPER or len(w) <= 3 for w in words):
                return m.group()  # "EU UN", "ICE": acronyms
            before = line[: m.start()]
            return self._restore_line(m.group(), before.strip()[-1:] if before.strip() else prev)
        return _CAPS_RUN.sub(fix, line)

    def _restore_line(self, line: str, prev: str) -> str:
        keep = [m.span() for m in _LETTER_SPACED.finditer(line)]
        prev_word = ""
        pieces = []
        last = 0
        for m in WORD.finditer(line):
            before = line[last : m.start()]
            pieces.append(before)
            word = m.group()
            if any(a <= m.start() < b for a, b in keep):
                pieces.append(word)
            else:
                pieces.append(self.word(word, _starts_sentence(before, prev, prev_word)))
            prev, prev_word = word[-1], word
            last = m.end()
        pieces.append(line[last:])
        return "".join(pieces)


def _starts_sentence(before: str, prev: str, prev_word: str) -> bool:
    """Whether a word follows the end of a sentence, given the text between it and the last word.

    An opening quote (no space before the word) starts one, a closing quote does not; a period
    after an abbreviation or an initial ("U.S. Has", "Mr. Hubbard") does not.
    """
    core = before.strip()
    if not core:
        return prev in _STARTERS and prev not in "\"“" and not _abbreviation(prev_word)
    mark = core[-1]
    if mark == ")" and _MARKING_END.search(core):
        return True
    if mark in "\"“":
        return before.endswith(mark)
    if mark == "." and core == "." and _abbreviation(prev_word):
        return False
    return mark in _STARTERS


def _abbreviation(word: str) -> bool:
    return len(word) == 1 or word.lower() in _ABBREVIATIONS


def _title(word: str) -> str:
    low = word.lower()
    if low.startswith("mc") and len(low) > 3:
        return "Mc" + low[2:].capitalize()
    out = low.capitalize()
    m = re.match(r"^([a-z]+['’])([a-z])", low)
    if m and len(m.group(1)) <= 2 and not low.endswith(("'s", "’s")):  # O'BRIEN -> O'Brien
        out = m.group(1).capitalize() + low[len(m.group(1)) :].capitalize()
    return out
