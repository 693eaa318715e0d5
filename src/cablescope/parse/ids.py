"""Cable IDs: the canonical form (`05PARIS5335`) from any way a cable writes one.

The canonical form is what WikiLeaks used for its file names and what the store keys on: two-digit
year, post code (upper case, no spaces, full name: `RIODEJANEIRO`, `STATE`, `UNESCOPARISFR`),
serial without leading zeros. Post names are canonicalised against the gazetteer (`posts`).
"""

from __future__ import annotations

import re

from cablescope.parse.posts import PostMatch, compact, post_origin, resolve_post

__all__ = ["canonical_id", "cut_page_markers", "is_canonical_id", "post_code", "post_origin",
           "split_id", "two_digit_year"]

CANONICAL_ID = re.compile(r"(?P<year>[0-9]{2})(?P<post>[A-Z]{2,40})(?P<serial>[1-9][0-9]{0,6})")
# Year (two or four digits, optional), post name (letters, spaces, dots, hyphens, apostrophes),
# serial (leading zeros allowed). Nothing else: `09SECTION02OF03QRIPOLI583` is malformed. Only
# ever matched against at most _MAX_ID characters.
_WRITTEN_ID = re.compile(
    r"(?:(?P<year>[0-9]{4}|[0-9]{2}) ?)?(?P<post>[A-Z][A-Z.'\-]*(?: [A-Z.'\-]+)*) ?"
    r"(?P<serial>[0-9]{1,7})",
    re.ASCII,
)
_MAX_ID = 80


def post_code(name: str) -> str | None:
    """The code of a post written in any listed way (`RIO DE JAN` -> `RIODEJANEIRO`), or None.
    Embassy words before it are dropped (`AMEMBASSY PARIS` -> `PARIS`); misspellings are not
    corrected here (`resolve_post` does that, and says so)."""
    match = resolve_post(name, fuzzy=False)
    return match.code if match else None


def is_canonical_id(cable_id: str) -> bool:
    """Whether `cable_id` is already in canonical form (`05PARIS5335`)."""
    return CANONICAL_ID.fullmatch(cable_id) is not None


def two_digit_year(year: int | str) -> int:
    """`2005`, `5`, `"05"` -> 5; ValueError for anything that is not a plausible year."""
    try:
        value = int(str(year).strip()[:8])
    except ValueError:
        raise ValueError(f"year {str(year)[:20]!r} is not a number") from None
    if 0 <= value <= 99:
        return value
    if 1900 <= value <= 2099:
        return value % 100
    raise ValueError(f"year {year!r} is neither two digits nor between 1900 and 2099")


def split_id(ref: str, year: int | str | None = None,
             fuzzy: bool = True) -> tuple[str, PostMatch | None]:
    """(canonical ID, how its post was recognised) for an ID as written; the match is None
    when the post is not in the gazetteer (its letters are kept). ValueError as `canonical_id`.
    """
    if not isinstance(ref, str):
        raise ValueError(f"cable ID must be text, not {type(ref).__name__}")
    fast = CANONICAL_ID.fullmatch(ref)
    if fast is not None:
        post = resolve_post(fast.group("post"), fuzzy=False)
        if post is not None:
            return f"{fast.group('year')}{post.code}{fast.group('serial')}", post
    written = " ".join(ref.upper().split())
    if len(written) > _MAX_ID:
        raise ValueError(f"malformed cable ID {ref[:40]!r}...: longer than any cable ID")
    match = _WRITTEN_ID.fullmatch(written)
    if match is None:
        raise ValueError(f"malformed cable ID {ref!r}: expected [year] post serial, "
                         "e.g. '05PARIS5335' or 'PARIS 5335'")
    if match.group("year") is not None:
        yy = two_digit_year(match.group("year"))
    elif year is not None:
        yy = two_digit_year(year)
    else:
        raise ValueError(f"cable ID {ref!r} has no year: pass the citing cable's year")
    written_post = match.group("post")
    post = resolve_post(written_post, fuzzy=fuzzy)
    code = post.code if post else compact(written_post)
    if len(code) < 2:
        raise ValueError(f"malformed cable ID {ref!r}: post name {written_post!r} too short")
    if len(code) > 40:
        raise ValueError(f"malformed cable ID {ref!r}: post name too long")
    serial = int(match.group("serial"))
    if serial == 0:
        raise ValueError(f"malformed cable ID {ref!r}: serial is zero")
    return f"{yy:02d}{code}{serial}", post


def canonical_id(ref: str, year: int | str | None = None, fuzzy: bool = True) -> str:
    """The canonical cable ID for an ID as written: `'05 RIO DE JAN 123'` -> `'05RIODEJANEIRO123'`.

    Accepts `05PARIS5335`, `05 PARIS 5335`, `2005 PARIS 005335`, `SECSTATE 74879` and alike.
    A reference without a year (`PARIS 005335`) takes `year` (the citing cable's year, two or four
    digits). The post is canonicalised against the gazetteer (`RIO` -> `RIODEJANEIRO`,
    `SECSTATE` -> `STATE`, `AMEMBASSY PARIS` -> `PARIS`, and with `fuzzy` also a misspelt or
    cut-short name: `SATTE` -> `STATE`); an unknown post keeps its letters. Raises ValueError,
    naming the problem, for anything that is not an ID (callers keep the raw form).
    """
    return split_id(ref, year, fuzzy)[0]


# --- page running heads ------------------------------------------------------------------------

# The running head of a multi-page cable: `PARIS 00001698  002 OF 009` (post, padded serial,
# page). Found from its page count (`002 OF 009`, linear to scan: it opens with digits), then
# read backwards for the padded serial and the post's name.
_PAGE_COUNT = re.compile(r"[0-9]{3}(?:\.[0-9])?[ \t]+OF[ \t]+[0-9]{3}(?![0-9])", re.I)
# What every page count holds (a cable has fewer than 100 pages: `OF 009`), found by `in`.
_PAGE_COUNT_HINTS = ("OF 0", "of 0", "Of 0", "OF  0", "of  0", "OF\t0", "of\t0")
_PADDED_SERIAL = re.compile(r"[ \t]0{2,}[0-9]{1,7}[ \t]+$")
_WORD = re.compile(r"[A-Za-z]+")
_LOOKBACK = 80
# The page header of older telegrams (the State Department's automated telegram system, as in
# the Central Foreign Policy Files of the 1970s and in cables of the archive up to 2001):
# `PAGE 02 STATE 237171`, `PAGE 02 HARARE 05461 01 OF 02 271458Z`, `PAGE 02  VATICA 01261
# 061419Z`, at a line start (the post's name cut to six letters), with the classification at the
# end of the line before it (`CONFIDENTIAL PTQ1865`). The text may go on after it on its line.
_OLD_PAGE = re.compile(
    r"(?m)^[ \t]*PAGE[ \t]+[0-9]{2,3}[ \t]+(?P<post>[A-Z][A-Z.'\-]*(?:[ \t][A-Z.'\-]+){0,3})"
    r"[ \t]+[0-9]{1,7}(?:[ \t]+[0-9]{2}[ \t]+OF[ \t]+[0-9]{2})?(?:[ \t]+[0-9]{6}[ \t]?Z)?"
    r"(?![0-9A-Z])")
_CLASSIFICATION_END = re.compile(
    r"(?:UNCLASSIFIED|UNCLAS|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE)(?:[ \t]+PTQ[0-9]+)?"
    r"[ \t]*\n?$")


def _running_head_start(text: str, pos: int, count_start: int) -> int | None:
    """Where the running head ending in the page count at `count_start` begins: at its post's
    name before the padded serial, or None when no padded serial stands there."""
    window_start = max(pos, count_start - _LOOKBACK)
    serial = _PADDED_SERIAL.search(text, window_start, count_start)
    if serial is None:
        return None
    start = serial.start()
    words = [(w.start(), w.group()) for w in _WORD.finditer(text, window_start, start)]
    words = words[-4:]
    for n in range(len(words), 0, -1):
        if text[words[-n][0]:start].count("\n") == 0 and post_code(
                " ".join(word for _, word in words[-n:])) is not None:
            return words[-n][0]
    return start


def cut_page_markers(text: str) -> str:
    """`text` with page running heads (`TRIPOLI 00000759 001.2 OF 002`, and the `PAGE 02 STATE
    237171` headers of 1970s telegrams) blanked out, so that a subject or REF list wrapped around
    a page break reads on."""
    if "PAGE" in text:
        text = _cut_old_pages(text)
    if not any(hint in text for hint in _PAGE_COUNT_HINTS):
        return text  # no `0NN OF 0NN` page count: the pattern need not scan the text
    pieces = []
    pos = 0
    for match in _PAGE_COUNT.finditer(text):
        start = _running_head_start(text, pos, match.start())
        if start is None or start < pos:
            continue
        pieces.append(text[pos:start])
        pieces.append(" ")
        pos = match.end()
    pieces.append(text[pos:])
    return "".join(pieces)


def _cut_old_pages(text: str) -> str:
    pieces = []
    pos = 0
    for match in _OLD_PAGE.finditer(text):
        if resolve_post(match.group("post")) is None:
            continue
        start = match.start()
        for _ in range(3):  # the page's classification at its foot and the next page's head
            line_start = text.rfind("\n", pos, max(pos, start - 1)) + 1
            before = _CLASSIFICATION_END.search(text, max(line_start, start - 60), start)
            if before is None:
                break
            start = before.start()
        pieces.append(text[pos:start])
        pieces.append(" ")
        pos = match.end()
        if text[pos:pos + 1] == "\n" and start > 0 and text[start - 1] == "\n":
            pos += 1  # the header's own line break: the text around it reads on
    pieces.append(text[pos:])
    return "".join(pieces)
