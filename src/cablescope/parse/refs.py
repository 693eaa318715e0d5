"""The REF block: which cables (and which e-mails, calls, messages) a cable answers.

`REF: PARIS 5232`, lettered lists (`A. PARIS 1501  B. 06 PARIS 5733`, `A)`, `(A)`, WikiLeaks'
`¶B.`), `;`-separated lists, `AND PREVIOUS`, `(NOTAL)`, blocks wrapped over many lines or with
blank lines between entries. Only a known post followed by a serial becomes a cable ID, so an
e-mail, a phone call, `SECDEF MSG DTG 261447Z NOV 08` or `IIR 6 809 0156 10` stays raw text.
"""

from __future__ import annotations

import re

from cablescope.parse._scan import find_field
from cablescope.parse.ids import WRITTEN_POSTS, cut_page_markers, two_digit_year
from cablescope.parse.model import Reference
from cablescope.parse.posts import POST_PREFIXES

__all__ = ["find_ref_block", "parse_reference_list", "parse_references"]

# `REF:`, `REFS:`, `REFTEL:`, `REF(S):` anywhere (`...EGYPTREF: CAIRO 493` in run-together
# texts); `REF BRASILIA 1837` without a colon only at a line start.
_LABEL = re.compile(r"REF(?:S|TELS?|ERENCES?|\(S\))?(?P<colon>\s*:)?(?![A-Za-z])\.?", re.I)
# Where a REF block ends at the latest: the next header field or the first paragraph.
_END = re.compile(
    r"classified\s+by|\bE\.\s?O\.\s|\bEO\s+1295|\bTAGS\b|\bSUBJECT\b|\bSUMMARY\b|¶\s*[0-9]"
    r"|(?m:^[ \t]*[0-9]{1,2}\.(?![0-9]))|(?<=\s)[0-9]{1,2}\.\s+\(",
    re.I,
)
_BLANK_LINE = re.compile(r"\n[ \t\\]*\n")
_LETTER = re.compile(
    r"(?:(?<=^)|(?<=[\s¶;,.:]))(?:\((?P<a>[A-Z])\)|(?P<b>[A-Z])[.)])(?=[\s(\[]|[0-9A-Z]{2})",
    re.I,
)
_FILLER = re.compile(r"[\s,;:.()\-]+")
# An entry cut by a blank line after its year: `C. 08 \n\nSAO PAULO 0590`.
_DANGLING_YEAR = re.compile(r"(?<![0-9])(?:19|20)?[0-9]{2}\s*$")
_MAX_BLOCK = 2000

_TOKEN = re.compile(r"[A-Za-z]+|[0-9]+")
_MAX_POST_WORDS = 6
_PREFIXES = frozenset(POST_PREFIXES)
# `BOGOTA 8108 AND 9795`, `STATE 12345, 23456`: a further serial of the same post and year.
_MORE = re.compile(r"\s*(?:,|&|\bAND\b)\s*0*(?P<serial>[0-9]{2,7})(?![0-9A-Za-z/:.\-])", re.I)


def find_ref_block(header: str) -> str | None:
    """The text of the first REF block in `header` (label removed), or None if there is none."""
    label = find_field(header, "REF", _LABEL)
    if label is None:
        return None
    start = label.end()
    limit = min(len(header), start + _MAX_BLOCK)
    end_field = _END.search(header, start, limit)
    end = end_field.start() if end_field else limit
    # A blank line ends the block unless the next line goes on with the next letter.
    pos = start
    while True:
        blank = _BLANK_LINE.search(header, pos, end)
        if blank is None:
            break
        before = header[start:blank.start()]
        after = header[blank.end():end].lstrip(" \t¶")
        letters = [m.group("a") or m.group("b") for m in _LETTER.finditer(before)]
        expected = chr(ord(letters[-1].upper()) + 1) if letters else "A"
        if (not before.strip() or re.match(rf"\(?{expected}[.)]", after, re.I)
                or (_DANGLING_YEAR.search(before) and _cable_refs(after, 0))):
            pos = blank.end()
            continue
        end = blank.start()
        break
    return header[start:end]


def _entries(block: str) -> list[tuple[str | None, str]]:
    """Split a REF block into (letter, text) entries; letters must come in order A, B, C...

    Unlettered text is split at `;` (`STATE 37005; STATE 36991`); a lettered entry stays whole,
    its notes included (`07 TRIPOLI 370 - QADHAFI: ...; LIBYA NOW ...`).
    """
    cuts: list[tuple[int, int, str]] = []
    expected = "A"
    for match in _LETTER.finditer(block):
        letter = (match.group("a") or match.group("b")).upper()
        if letter == expected:
            cuts.append((match.start(), match.end(), letter))
            expected = chr(ord(expected) + 1)
    head = block[:cuts[0][0]] if cuts else block
    entries: list[tuple[str | None, str]] = [(None, part) for part in head.split(";")]
    for i, (_, text_start, letter) in enumerate(cuts):
        text_end = cuts[i + 1][0] if i + 1 < len(cuts) else len(block)
        body = block[text_start:text_end]
        # WikiLeaks doubled some markers: `A. A) EMBASSY PARIS ...`, `¶B. (B) STATE 41489`.
        doubled = re.match(rf"\s*(?:\({letter}\)|{letter}[.)])\s*", body, re.I)
        entries.append((letter, body[doubled.end():] if doubled else body))
    return [(letter, text) for letter, text in entries if _FILLER.sub("", text).strip("¶")]


def _clean(raw: str) -> str:
    return " ".join(raw.replace("¶", " ").split()).strip(" ,;")


def _cable_id(year: int | None, code: str, serial: str) -> str | None:
    number = int(serial)
    if year is None or number == 0 or len(str(number)) > 7:
        return None
    return f"{year:02d}{code}{number}"


def _cable_refs(text: str, year: int | None) -> list[tuple[str, str | None]]:
    """(raw, cable ID or None) for each cable written in one entry: a known post name followed
    by a serial, with an optional year before it (`06 PARIS 5733`, `2005 LISBON 1609`,
    `09CAIRO2122`, `AMEMBASSY PARIS 1234`). `year` (two digits) completes those without one."""
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    found: list[tuple[str, str | None]] = []
    i = 0
    while i < len(tokens):
        s_start, s_end, serial = tokens[i]
        i += 1
        if not serial.isdigit() or len(serial.lstrip("0")) > 7 or _is_dtg(text, s_end):
            continue
        post = _post_before(text, tokens, i - 1)
        if post is None:
            continue
        first, code = post
        ref_start = tokens[first][0]
        if first > 0 and tokens[first - 1][2].upper() in _PREFIXES \
                and not text[tokens[first - 1][1]:ref_start].strip():
            first -= 1
            ref_start = tokens[first][0]
        ref_year = None
        if first > 0:
            y_start, y_end, y_text = tokens[first - 1]
            if y_text.isdigit() and not text[y_end:ref_start].strip() and (
                    len(y_text) == 2 or (len(y_text) == 4 and y_text[:2] in ("19", "20"))):
                ref_year, ref_start = two_digit_year(y_text), y_start
        if ref_start > 0 and (text[ref_start - 1] in "/.-" or text[ref_start - 1].isalnum()):
            continue  # `//USDAO PARIS`, part of a longer word
        cite_year = ref_year if ref_year is not None else year
        found.append((text[ref_start:s_end], _cable_id(cite_year, code, serial)))
        pos = s_end
        while (more := _MORE.match(text, pos)) and _post_after(text, more.end()) is None:
            written = f"{text[tokens[first][0]:s_start].strip()} {more.group('serial')}"
            found.append((written, _cable_id(cite_year, code, more.group("serial"))))
            pos = more.end()
        while i < len(tokens) and tokens[i][0] < pos:
            i += 1
    return found


def _is_dtg(text: str, end: int) -> bool:
    """A date-time group (`121500Z`), not a serial."""
    return text[end:end + 1] in ("Z", "z") and not text[end + 1:end + 2].isalpha()


def _post_before(text: str, tokens: list[tuple[int, int, str]], i: int) -> tuple[int, str] | None:
    """(index of its first token, code) of the longest known post name just before token i."""
    best = None
    words: list[str] = []
    j = i - 1
    next_start = tokens[i][0]
    while j >= 0 and len(words) < _MAX_POST_WORDS:
        start, end, word = tokens[j]
        if not word.isalpha() or text[end:next_start].strip():
            break
        words.insert(0, word.upper())
        code = WRITTEN_POSTS.get(" ".join(words))
        if code is not None:
            best = (j, code)
        next_start = start
        j -= 1
    return best


def _post_after(text: str, pos: int) -> str | None:
    """The code of a known post written right after `pos` (then a number before it is a year)."""
    words = []
    for match in _TOKEN.finditer(text, pos):
        if text[pos:match.start()].strip() or not match.group().isalpha():
            break
        words.append(match.group().upper())
        if " ".join(words) in WRITTEN_POSTS:
            return WRITTEN_POSTS[" ".join(words)]
        if len(words) >= _MAX_POST_WORDS:
            break
        pos = match.end()
    return None


def parse_reference_list(header: str, year: int | None = None) -> list[Reference]:
    """Every entry of the REF block, cable or not, in order.

    A cable entry gets its canonical ID (`year`, the citing cable's year, completes references
    written without one); anything else (an e-mail, a call, a DTG message, a reference whose
    year is unknown) keeps `cable_id` None and its text in `raw`.
    """
    block = find_ref_block(header)
    if block is None:
        return []
    block = cut_page_markers(block)
    try:
        citing = two_digit_year(year) if year is not None else None
    except ValueError:
        citing = None
    refs: list[Reference] = []
    for letter, text in _entries(block):
        cables = _cable_refs(text, citing)
        if cables:
            refs.extend(Reference(raw=_clean(raw), cable_id=cid, letter=letter)
                        for raw, cid in cables)
        else:
            refs.append(Reference(raw=_clean(text), cable_id=None, letter=letter))
    return refs


def parse_references(header: str, year: int | None = None) -> list[str]:
    """The canonical IDs of the cables a REF block cites, in order, without duplicates.

    >>> parse_references("REF: A. PARIS 1501  B. 06 PARIS 5733", 2008)
    ['08PARIS1501', '06PARIS5733']
    """
    seen: dict[str, None] = {}
    for ref in parse_reference_list(header, year):
        if ref.cable_id is not None:
            seen.setdefault(ref.cable_id, None)
    return list(seen)
