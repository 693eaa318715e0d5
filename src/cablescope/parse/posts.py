"""Posts: the gazetteer (`gazetteer.tsv`) and how a post name as written becomes its code.

A cable ID is two-digit year + post code + serial (`05PARIS5335`). Cables write the same post in
many ways, and by hand: `RIO DE JAN`, `SECSTATE`, `AMEMBASSY PARIS`, `US MISSION GENEVA`, `HCMC`,
`KUALA LUMP`, `SATTE`, `ASHBABAT`. `resolve_post` finds the code, saying how it did:

- `code`: the code itself (`PARIS`, `USUNNEWYORK`);
- `name`: the post's name or a listed way of writing it (`RIO DE JANEIRO`, `SECSTATE`,
  `MEXICO CITY`, `USEU BRUSSELS`), with embassy words before it dropped (`AMEMBASSY`, `US
  MISSION`, `US` before a mission: `US NATO`) and a country code after it (`MADRID SP`);
- `abbreviation`: a listed abbreviation (`HCMC`, `KL`, `BKK`, `CASA`);
- `truncated`: the beginning of exactly one post's name, five letters or more (`TBILIS`,
  `HALIF`);
- `spelling`: one letter off (two for names of eight letters or more) from exactly one post's
  name, a transposition counting as one (`SATTE`, `ASHBABAT`, `ISLAMABD`).

Anything else is unknown: `resolve_post` returns None and never guesses between two posts.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["POSTS", "POST_ORIGINS", "Post", "PostMatch", "post_origin", "resolve_post"]


@dataclass(frozen=True, slots=True)
class Post:
    """A gazetteer entry (see gazetteer.tsv for the columns and the sources' letters)."""

    code: str
    origin: str
    country: str
    written: tuple[str, ...]
    sources: str


@dataclass(frozen=True, slots=True)
class PostMatch:
    """A post name as written (`raw`), the code it stands for, and how it was recognised."""

    code: str
    raw: str
    how: str  # code | name | abbreviation | truncated | spelling


def _load() -> dict[str, Post]:
    posts: dict[str, Post] = {}
    text = resources.files("cablescope.parse").joinpath("gazetteer.tsv").read_text("utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, origin, country, written, sources = line.split("\t")
        posts[code] = Post(code, origin, country,
                           tuple(w.strip() for w in written.split(";") if w.strip()), sources)
    return posts


POSTS: dict[str, Post] = _load()
# Code -> origin as the WikiLeaks pages label it ("Embassy Paris").
POST_ORIGINS: dict[str, str] = {code: post.origin for code, post in POSTS.items()}

# A post's address word in a header line ("AMEMBASSY PARIS"), and the kind of post it names.
POST_KINDS = {"AMEMBASSY": "Embassy", "AMCONSUL": "Consulate", "USMISSION": "Mission"}

# Words before a post's name that are not part of its code, longest first (compacted).
_PREFIX_WORDS = (
    "AMERICANEMBASSY", "AMERICANCONSULATE", "AMCONGENERAL", "CONSULATEGENERAL", "USEMBASSY",
    "AMEMBASSY", "AMCONSUL", "AMCONGEN", "AMEMB", "EMBASSY", "CONSULATE", "CONGEN", "USMISSION",
    "MISSION", "USOFFICE", "USINT", "USDEL", "AMEMBASY", "USLO", "EMB", "US",
)
# Letters that are not part of a name: spaces, dots, hyphens, apostrophes, slashes.
_NOT_LETTER = re.compile(r"[^A-Z]+")
_ABBREVIATION_MAX = 4  # a listed form this short is an abbreviation: matched whole, never fuzzily
_MIN_FUZZY = 4
_MIN_TRUNCATED = 5
_TWO_EDITS_FROM = 8


def compact(name: str) -> str:
    """Capital letters only: `Rio de Jan.` -> `RIODEJAN`."""
    return _NOT_LETTER.sub("", name.upper())


def _place_of(origin: str) -> str:
    """The place in an origin label: "Embassy Addis Ababa" -> "ADDIS ABABA"."""
    words = origin.upper().replace(",", " ").split()
    if words and words[0] in ("EMBASSY", "CONSULATE", "REO", "MISSION"):
        words = words[1:]
    return " ".join(words)


# Compact written form -> code. Codes always stand for themselves.
_EXACT: dict[str, str] = {}
_ABBREVIATIONS: dict[str, str] = {}
for _post in POSTS.values():
    for _form in (_place_of(_post.origin), *_post.written):
        _key = compact(_form)
        if len(_key) <= _ABBREVIATION_MAX and _key != _post.code:
            _ABBREVIATIONS.setdefault(_key, _post.code)
        elif _key:
            _EXACT.setdefault(_key, _post.code)
_EXACT.update({code: code for code in POSTS})
_ABBREVIATIONS = {k: v for k, v in _ABBREVIATIONS.items() if k not in _EXACT}

# Deletion neighbourhoods (at most one deletion; two for long names) of every name, for edit
# distance lookups in a few dictionary probes (the "symmetric delete" method).
_NEIGHBOURS: dict[str, set[str]] = {}


def _deletions(word: str, depth: int) -> set[str]:
    found = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1:] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


for _key in _EXACT:
    if len(_key) >= _MIN_FUZZY:
        for _variant in _deletions(_key, 2 if len(_key) >= _TWO_EDITS_FROM else 1):
            _NEIGHBOURS.setdefault(_variant, set()).add(_key)


def _distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a transposition is one edit), or limit + 1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _by_spelling(key: str) -> str | None:
    """The one code whose name is within edit distance of `key` (None: none, or a tie)."""
    if len(key) < _MIN_FUZZY or len(key) > 40:
        return None
    limit = 2 if len(key) >= _TWO_EDITS_FROM else 1
    candidates: set[str] = set()
    for variant in _deletions(key, limit):
        candidates |= _NEIGHBOURS.get(variant, set())
    best: dict[str, int] = {}
    for name in candidates:
        if len(key) <= 5 and name[0] != key[0]:
            continue  # short names: the first letter is right
        distance = _distance(key, name, limit)
        if distance <= limit:
            code = _EXACT[name]
            best[code] = min(distance, best.get(code, limit + 1))
    if not best:
        return None
    nearest = min(best.values())
    codes = [code for code, d in best.items() if d == nearest]
    return codes[0] if len(codes) == 1 else None


# Sorted compact names, for "the beginning of exactly one post's name".
_SORTED = sorted(k for k in _EXACT if len(k) >= _MIN_FUZZY)


def _by_truncation(key: str) -> str | None:
    """The one code whose names begin with `key` (five letters or more, and at least half of
    the name's)."""
    if len(key) < _MIN_TRUNCATED:
        return None
    codes: set[str] = set()
    shortest = 0
    for name in _SORTED[bisect_left(_SORTED, key):]:
        if not name.startswith(key):
            break
        codes.add(_EXACT[name])
        shortest = min(shortest or len(name), len(name))
        if len(codes) > 1:
            return None
    return codes.pop() if codes and len(key) * 2 >= shortest else None


def _strip_prefixes(key: str) -> list[str]:
    """`key` and what remains without the embassy words in front (`AMEMBASSYPARIS` -> PARIS)."""
    found = [key]
    changed = True
    while changed:
        changed = False
        for prefix in _PREFIX_WORDS:
            if key.startswith(prefix) and len(key) - len(prefix) >= 2:
                key = key[len(prefix):]
                found.append(key)
                changed = True
                break
    return found


@lru_cache(maxsize=16384)
def _resolve(key: str, fuzzy: bool) -> tuple[str, str] | None:
    keys = _strip_prefixes(key)
    for candidate in keys:
        code = _EXACT.get(candidate)
        if code is not None:
            return code, "code" if candidate == code and candidate == key else "name"
    for candidate in keys:
        code = _ABBREVIATIONS.get(candidate)
        if code is not None:
            return code, "abbreviation"
    if not fuzzy:
        return None
    for candidate in keys:
        code = _by_truncation(candidate)
        if code is not None:
            return code, "truncated"
    for candidate in keys:
        code = _by_spelling(candidate)
        if code is not None:
            return code, "spelling"
    return None


def resolve_post(name: str, fuzzy: bool = True) -> PostMatch | None:
    """The post `name` stands for, however written, or None when no post (or more than one)
    fits. `fuzzy=False` accepts only listed names, codes and abbreviations.

    >>> resolve_post("AMEMBASSY RIO DE JAN")
    PostMatch(code='RIODEJANEIRO', raw='AMEMBASSY RIO DE JAN', how='name')
    >>> resolve_post("SATTE").code, resolve_post("KUALA LUMP").how
    ('STATE', 'name')
    """
    if not isinstance(name, str):
        return None
    if (name, fuzzy) in _RESOLVED:
        return _RESOLVED[name, fuzzy]
    found = _resolve_post(name, fuzzy)
    if len(_RESOLVED) < _RESOLVED_MAX:
        _RESOLVED[name, fuzzy] = found
    return found


# Posts repeat from cable to cable (STATE, SECSTATE WASHDC...): each written form resolved once.
_RESOLVED: dict[tuple[str, bool], PostMatch | None] = {}
_RESOLVED_MAX = 50_000


def _resolve_post(name: str, fuzzy: bool) -> PostMatch | None:
    key = compact(name)
    if not key or len(key) > 60:
        return None
    found = _resolve(key, False)
    words = name.split()
    if found is None and len(words) > 1 and len(words[-1]) == 2 and words[-1].isalpha():
        found = _resolve(compact(" ".join(words[:-1])), False)  # `AMEMBASSY TRIPOLI LY`
        if found is not None:
            found = (found[0], "name")
    if found is None and fuzzy:
        found = _resolve(key, True)
    if found is None:
        return None
    return PostMatch(code=found[0], raw=" ".join(name.split()), how=found[1])


@lru_cache(maxsize=1)
def place_words() -> frozenset[str]:
    """Every word of the gazetteer's places and countries, upper case: what follows `to` /
    `in` in a title (`Ambassador to Turkey`) is a place, not a name."""
    words: set[str] = set()
    for post in POSTS.values():
        for name in (_place_of(post.origin), post.country):
            words.update(name.upper().replace(",", " ").split())
    return frozenset(w for w in words if len(w) > 2 and w not in ("THE", "AND", "OF"))


def post_origin(code: str) -> str | None:
    """The origin label WikiLeaks gives a post code ("Embassy Paris"), if the post is known."""
    return POST_ORIGINS.get(code)
