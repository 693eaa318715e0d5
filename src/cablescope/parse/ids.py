"""Cable IDs: the canonical form (`05PARIS5335`) from any way a cable writes one.

The canonical form is what WikiLeaks used for its file names and what the store keys on: two-digit
year, post code (upper case, no spaces, full name: `RIODEJANEIRO`, `STATE`, `UNESCOPARISFR`),
serial without leading zeros.
"""

from __future__ import annotations

import re

from cablescope.parse.posts import ALIASES, OTHER_POSTS, POST_ORIGINS, POST_PREFIXES

__all__ = ["canonical_id", "cut_page_markers", "is_canonical_id", "post_code", "post_origin",
           "two_digit_year"]

CANONICAL_ID = re.compile(r"(?P<year>[0-9]{2})(?P<post>[A-Z]{2,40})(?P<serial>[1-9][0-9]{0,6})")
# Year (two or four digits, optional), post name (letters, spaces, dots, hyphens, apostrophes),
# serial (leading zeros allowed). Nothing else: `09SECTION02OF03QRIPOLI583` is malformed.
_WRITTEN_ID = re.compile(
    r"(?:(?P<year>[0-9]{4}|[0-9]{2})\s*)?(?P<post>[A-Z][A-Z .'\-]*?)\s*(?P<serial>0*[0-9]{1,7})",
    re.ASCII,
)
_NOT_LETTER = re.compile(r"[^A-Z]", re.ASCII)


def _compact(name: str) -> str:
    return _NOT_LETTER.sub("", name.upper())


def _spaced_name(code: str, origin: str) -> str:
    """The post's name as cables write it, from its origin label ("Embassy Addis Ababa")."""
    words = re.sub(r"[^A-Z ]", " ", origin.upper()).split()
    for i in range(len(words)):
        if "".join(words[i:]) == code:
            return " ".join(words[i:])
    return code


# Every written form (upper case, single spaces) -> code. Codes map to themselves.
WRITTEN_POSTS: dict[str, str] = {}
for _code, _origin in POST_ORIGINS.items():
    WRITTEN_POSTS[_code] = _code
    WRITTEN_POSTS[_spaced_name(_code, _origin)] = _code
for _name in OTHER_POSTS:
    WRITTEN_POSTS.setdefault(_compact(_name), _compact(_name))
    WRITTEN_POSTS.setdefault(_name, _compact(_name))
for _alias, _code in ALIASES.items():
    WRITTEN_POSTS[_alias] = _code
    WRITTEN_POSTS.setdefault(_compact(_alias), _code)
KNOWN_CODES: frozenset[str] = frozenset(WRITTEN_POSTS.values())
# Compact spelling (letters only) -> code, for IDs written without spaces (`05RIODEJAN123`). A
# code always stands for itself, even where a spaced alias compacts to it (`USEU BRUSSELS` is
# BRUSSELS in the archive, `USEUBRUSSELS` an ID of its own).
_BY_COMPACT: dict[str, str] = {_compact(k): v for k, v in WRITTEN_POSTS.items()}
_BY_COMPACT.update({code: code for code in KNOWN_CODES})
_PREFIXES = tuple(sorted(POST_PREFIXES, key=len, reverse=True))
_SPACES = re.compile(r"[\s.\-]+")


def post_code(name: str) -> str | None:
    """The code of a known post written in any known way (`RIO DE JAN` -> `RIODEJANEIRO`), or
    None. Embassy prefixes are dropped (`AMEMBASSY PARIS` -> `PARIS`)."""
    written = _SPACES.sub(" ", name.upper()).strip()
    if written in WRITTEN_POSTS:
        return WRITTEN_POSTS[written]
    compact = _compact(name)
    code = _BY_COMPACT.get(compact)
    if code is None:
        for prefix in _PREFIXES:
            if compact.startswith(prefix) and compact[len(prefix):] in _BY_COMPACT:
                return _BY_COMPACT[compact[len(prefix):]]
    return code


def post_origin(code: str) -> str | None:
    """The origin label WikiLeaks gives a post code ("Embassy Paris"), if the post is known."""
    return POST_ORIGINS.get(code)


def is_canonical_id(cable_id: str) -> bool:
    """Whether `cable_id` is already in canonical form (`05PARIS5335`)."""
    return CANONICAL_ID.fullmatch(cable_id) is not None


def two_digit_year(year: int | str) -> int:
    """`2005`, `5`, `"05"` -> 5; ValueError for anything that is not a plausible year."""
    try:
        value = int(str(year).strip())
    except ValueError:
        raise ValueError(f"year {year!r} is not a number") from None
    if 0 <= value <= 99:
        return value
    if 1900 <= value <= 2099:
        return value % 100
    raise ValueError(f"year {year!r} is neither two digits nor between 1900 and 2099")


def canonical_id(ref: str, year: int | str | None = None) -> str:
    """The canonical cable ID for an ID as written: `'05 RIO DE JAN 123'` -> `'05RIODEJANEIRO123'`.

    Accepts `05PARIS5335`, `05 PARIS 5335`, `2005 PARIS 005335`, `SECSTATE 74879` and alike.
    A reference without a year (`PARIS 005335`) takes `year` (the citing cable's year, two or four
    digits). Post names are expanded (`RIO` -> `RIODEJANEIRO`, `SECSTATE` -> `STATE`); an unknown
    post keeps its letters. Raises ValueError, naming the problem, for anything that is not an ID
    (callers keep the raw form).
    """
    if not isinstance(ref, str):
        raise ValueError(f"cable ID must be text, not {type(ref).__name__}")
    fast = CANONICAL_ID.fullmatch(ref)
    if fast is not None and fast.group("post") in _BY_COMPACT:
        return f"{fast.group('year')}{_BY_COMPACT[fast.group('post')]}{fast.group('serial')}"
    written = " ".join(ref.upper().split())
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
    post = post_code(match.group("post")) or _compact(match.group("post"))
    if len(post) < 2:
        raise ValueError(f"malformed cable ID {ref!r}: post name {match.group('post')!r} too short")
    if len(post) > 40:
        raise ValueError(f"malformed cable ID {ref!r}: post name too long")
    serial = int(match.group("serial"))
    if serial == 0:
        raise ValueError(f"malformed cable ID {ref!r}: serial is zero")
    return f"{yy:02d}{post}{serial}"


# The running head of a multi-page cable: `PARIS 00001698  002 OF 009` (post, padded serial,
# page). Found from the padded serial; the post name before it is matched against known posts.
_PAGE_NUMBER = re.compile(r"[ \t]+0{2,}[0-9]+[ \t]+[0-9]{3}(?:\.[0-9])?[ \t]+OF[ \t]+[0-9]{3}\b",
                          re.I)
_TRAILING_WORDS = re.compile(r"(?:[A-Za-z]+[ \t\n]+){0,3}[A-Za-z]+$")
_WORD = re.compile(r"[A-Za-z]+")


def cut_page_markers(text: str) -> str:
    """`text` with page running heads (`TRIPOLI 00000759 001.2 OF 002`) blanked out, so that a
    subject or REF list wrapped around a page break reads on."""
    if "OF" not in text.upper():
        return text
    pieces = []
    pos = 0
    for match in _PAGE_NUMBER.finditer(text):
        start = match.start()
        words = _TRAILING_WORDS.search(text, pos, start)
        if words is not None:
            spans = [(w.start(), w.group()) for w in _WORD.finditer(text, words.start(), start)]
            for n in range(len(spans), 0, -1):
                if post_code(" ".join(word for _, word in spans[-n:])) is not None:
                    start = spans[-n][0]
                    break
        pieces.append(text[pos:start])
        pieces.append(" ")
        pos = match.end()
    pieces.append(text[pos:])
    return "".join(pieces)
