"""Name every difference between a quotation and the cable text it came from.

Kinds, from the fact-checker's point of view (marked edits are announced by the writer, unmarked
ones are not):

- marked: `ellipsis` (with the cable text it skipped), `bracketed_insertion` ("[US]", or words in
  brackets standing for cable words), `parenthetical_insertion` ("(government of Brazil)");
- unmarked: `omission` (cable words silently left out), `insertion` (words added), `substitution`
  (words changed), `reordering` (same words, another order), `spelling`, `abbreviation` (U.S./US,
  GOB/Government of Brazil), `redaction` (XXXXXXXXXXXX in the cable, words in the article);
- cosmetic: `case` (incl. "(T)he" and all-capitals cables), `typography` (quotes, dashes, accents,
  punctuation).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from cablescope.text import squeeze
from cablescope.trace import shapes
from cablescope.trace.acronyms import named, spells
from cablescope.trace.align import Piece
from cablescope.trace.keys import word_keys
from cablescope.trace.normalize import CABLE_NOISE, cable_display

KINDS = (
    "ellipsis", "bracketed_insertion", "parenthetical_insertion", "omission", "insertion",
    "substitution", "reordering", "spelling", "abbreviation", "redaction", "case", "typography",
)
MARKED = frozenset({"ellipsis", "bracketed_insertion", "parenthetical_insertion"})
COSMETIC = frozenset({"case", "typography"})
SKIPS = frozenset({"ellipsis", "omission"})  # edits whose cable text is what the writer left out
BRIEF_WORDS = 25  # a skip longer than this is shown by its first BRIEF_HEAD words and its length
BRIEF_HEAD = 12

_REDACTION = re.compile(r"X{4,}")
_ALNUM = re.compile(r"[^\W_]")
_QUOTE_MARKS = "\"'“”‘’«»„"
_MARKED_CASE = re.compile(r"[\[(]([^\W\d_])[\])]")


@dataclass(frozen=True, slots=True)
class Edit:
    """One named difference; offsets are into the article text and the cable text."""

    kind: str
    article_text: str
    cable_text: str
    a_start: int
    a_end: int
    c_start: int
    c_end: int

    @property
    def cosmetic(self) -> bool:
        """Typography or case only: folded into one line unless all edits are asked for."""
        return self.kind in COSMETIC

    @property
    def skipped_words(self) -> int | None:
        """For an ellipsis or an omission, how many cable words it leaves out."""
        if self.kind not in SKIPS:
            return None
        return len(word_keys(self.cable_text))

    @property
    def cable_brief(self) -> str:
        """`cable_text`, a long skip cut to its first words ("… (312 words)"): the offsets say
        where the whole of it is."""
        words = self.skipped_words
        if words is None or words <= BRIEF_WORDS:
            return self.cable_text
        shown = self.cable_text.split()[:BRIEF_HEAD]
        return " ".join(shown) + f" … ({words:,} words)"

    def as_dict(self) -> shapes.TraceEdit:
        out: shapes.TraceEdit = {
            "kind": self.kind, "article_text": self.article_text, "cable_text": self.cable_brief,
            "article_start": self.a_start, "article_end": self.a_end,
            "cable_start": self.c_start, "cable_end": self.c_end, "cosmetic": self.cosmetic}
        if self.kind in SKIPS:
            out["skipped_words"] = self.skipped_words
        return out


def _similar_words(a: list[str], c: list[str]) -> bool:
    """Same number of words, each differing from its counterpart by a slip of spelling."""
    if len(a) != len(c) or not a:
        return False
    for x, y in zip(a, c, strict=True):
        if x == y:
            continue
        if x.isdigit() or y.isdigit():
            return False
        distance = Levenshtein.distance(x, y)
        if distance > 2 or distance > max(len(x), len(y)) // 3 + (1 if len(x) > 5 else 0):
            return False
    return True


def kind_of(article: str, cable: str) -> str | None:
    """The kind of one difference, or None when the two texts are the same as shown."""
    a = squeeze(article).strip()
    c = cable_display(cable)
    if a == c:
        return None
    a_words = bool(_ALNUM.search(a))
    c_words = bool(_ALNUM.search(c))
    if not c_words:
        if not a_words:
            return "typography"
        if re.fullmatch(r"['’]?s", a):  # Chavez' / Chavez’s
            return "spelling"
        if a.startswith("[") and a.endswith("]"):
            return "bracketed_insertion"
        if a.startswith("(") and a.endswith(")"):
            return "parenthetical_insertion"
        return "insertion"
    if not a_words:
        if _REDACTION.search(c):
            return "redaction"
        return "omission"
    if _REDACTION.search(c) and not _REDACTION.search(a):
        return "redaction"
    if a.startswith("[") and a.endswith("]"):
        return "bracketed_insertion"
    if a.startswith("(") and a.endswith(")") and not _MARKED_CASE.fullmatch(a):
        return "parenthetical_insertion"  # "(often)" standing for "has"
    if _MARKED_CASE.sub(r"\1", a).casefold() == c.casefold() or a.casefold() == c.casefold():
        return "case"
    ka, kc = word_keys(a), word_keys(c)
    if ka == kc:
        dots_a = re.sub(r"[^\w]", "", a).casefold()
        dots_c = re.sub(r"[^\w]", "", c).casefold()
        if dots_a == dots_c and ("." in a) != ("." in c):
            return "abbreviation"
        return "typography"
    if spells(ka, kc) or spells(kc, ka) or named(a, c) or named(c, a):
        return "abbreviation"
    if sorted(ka) == sorted(kc):
        return "reordering"
    if _similar_words(ka, kc):
        return "spelling"
    return "substitution"


def _narrow(article: str, cable: str, piece: Piece) -> tuple[int, int, int, int]:
    """Shrink a difference to the words that differ (equal leading/trailing words dropped)."""
    a_words = list(re.finditer(r"\S+", article[piece.a_start:piece.a_end]))
    c_text = cable[piece.c_start:piece.c_end]
    c_words = [m for m in re.finditer(r"\S+", c_text) if not CABLE_NOISE.fullmatch(m.group())]
    lo = 0
    while (lo < len(a_words) and lo < len(c_words)
           and a_words[lo].group() == c_words[lo].group()):
        lo += 1
    hi = 0
    while (hi < len(a_words) - lo and hi < len(c_words) - lo
           and a_words[-1 - hi].group() == c_words[-1 - hi].group()):
        hi += 1
    if lo == 0 and hi == 0:
        return piece.a_start, piece.a_end, piece.c_start, piece.c_end
    a_rest = a_words[lo:len(a_words) - hi]
    c_rest = c_words[lo:len(c_words) - hi]
    if a_rest:
        a_s, a_e = piece.a_start + a_rest[0].start(), piece.a_start + a_rest[-1].end()
    else:
        at = piece.a_start + (a_words[lo - 1].end() if lo else 0)
        a_s = a_e = at
    if c_rest:
        c_s, c_e = piece.c_start + c_rest[0].start(), piece.c_start + c_rest[-1].end()
    else:
        ct = piece.c_start + (c_words[lo - 1].end() if lo else 0)
        c_s = c_e = ct
    return a_s, a_e, c_s, c_e


def _narrow_chars(article: str, cable: str, piece: Piece) -> tuple[int, int, int, int]:
    """Shrink a minor difference to the characters that differ ("; —" vs "; --" -> the dash)."""
    a_s, a_e, c_s, c_e = piece.a_start, piece.a_end, piece.c_start, piece.c_end
    while a_s < a_e and c_s < c_e and article[a_s] == cable[c_s]:
        a_s += 1
        c_s += 1
    while a_e > a_s and c_e > c_s and article[a_e - 1] == cable[c_e - 1]:
        a_e -= 1
        c_e -= 1
    return a_s, a_e, c_s, c_e


def classify(pieces: list[Piece], article: str, cable: str) -> list[Edit]:
    """Edits of one aligned fragment, in article order, cosmetic runs merged, reorderings paired."""
    edits: list[Edit] = []
    joinable = False  # only 'same' punctuation/space since the last edit
    for piece in pieces:
        if piece.kind == "same":
            between = article[piece.a_start:piece.a_end]
            joinable = joinable and not _ALNUM.search(between)
            continue
        a_s, a_e, c_s, c_e = piece.a_start, piece.a_end, piece.c_start, piece.c_end
        if piece.kind == "diff":
            a_s, a_e, c_s, c_e = _narrow(article, cable, piece)
        if (a_e - a_s > 1 and article[a_s] in _QUOTE_MARKS and _ALNUM.search(article, a_s, a_e)
                and cable[c_s:c_s + 1] not in _QUOTE_MARKS):
            # a quote mark the cable does not have, then the words: two edits, not one
            # ('"(M)ay' / 'may' is a stray mark and a marked change of case)
            edits.append(Edit("typography", article[a_s], "", a_s, a_s + 1, c_s, c_s))
            a_s += 1
        a_text, c_text = article[a_s:a_e], cable[c_s:c_e]
        kind = kind_of(a_text, c_text)
        if kind == "typography" and piece.kind == "minor":
            a_s, a_e, c_s, c_e = _narrow_chars(article, cable, piece)
            a_text, c_text = article[a_s:a_e], cable[c_s:c_e]
        if kind is None:
            joinable = joinable and not _ALNUM.search(a_text)
            continue
        edit = Edit(kind, a_text.strip(),
                    cable_display(c_text) if kind != "omission" else c_text.strip(),
                    a_s, a_e, c_s, c_e)
        if joinable and edits and edits[-1].kind == kind and kind in COSMETIC:
            prev = edits[-1]
            edit = Edit(kind, article[prev.a_start:a_e].strip(),
                        cable_display(cable[prev.c_start:c_e]), prev.a_start, a_e,
                        prev.c_start, c_e)
            edits[-1] = edit
        else:
            edits.append(edit)
        joinable = True
    return pair_reorderings(edits)


def pair_reorderings(edits: list[Edit]) -> list[Edit]:
    """An insertion and an omission of the same words are one reordering."""
    out = list(edits)
    for i, e in enumerate(out):
        if e.kind != "insertion":
            continue
        keys = sorted(word_keys(e.article_text))
        for j, o in enumerate(out):
            if o.kind == "omission" and sorted(word_keys(o.cable_text)) == keys:
                out[i] = Edit("reordering", e.article_text, o.cable_text, e.a_start, e.a_end,
                              o.c_start, o.c_end)
                out[j] = Edit("", "", "", 0, 0, 0, 0)
                break
    return [e for e in out if e.kind]
