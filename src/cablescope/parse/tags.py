"""TAGS lines: subject codes, country and organisation codes, and person tags kept whole.

Written every way: `TAGS: PREL ECON FR`, `TAGS EFIN, PK, PREL`, `PREL;PGOV;HR`, lower case,
wrapped onto a second line, run together (`ETRDEINVECINPGOVCS`), and with person tags that break
naive splitting: `SARKOZY, NICOLAS`, `OVIP (CLINTON, HILLARY)`, `OVIP RICE CONDOLEEZZA`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from cablescope.parse._scan import find_field
from cablescope.parse.tagdata import GEO_CODES, GIVEN_NAMES, ORG_TAGS, SUBJECT_AREAS, SUBJECT_TAGS

__all__ = ["classify_tag", "find_tags_text", "parse_tags", "split_tags"]

# `TAGS:` anywhere (run-together texts: `...DECL: 02/15/2016TAGS: ECON`); `TAGS PREL` at a line
# start only.
_LABEL = re.compile(r"TAGS(?P<colon>[ \t]*:)?(?![A-Za-z])", re.I)
_LINE_STOP = re.compile(r"\bSUBJ(?:ECT)?\b|\bREF[ \t]*:|classified[ \t]+by|\bE\.[ \t]?O\.", re.I)
# What a line after the TAGS line opens with when it is not more tags: the next field, a
# caveat, a classification banner (also letter-spaced), an outlet's metadata.
_NOT_CONTINUATION = re.compile(
    r"[ \t]*(?:SUBJ|REF\b|REFS\b|REFTEL|CLASSIFIED|E\.[ \t]?O|EO\b|SIPDIS|NOFORN|NODIS|EXDIS|LIMDIS"
    r"|SENSITIVE|UNCLAS|SECRET|CONFIDENTIAL|LIMITED|[A-Z][ \t][A-Z][ \t][A-Z][ \t]|SUMMARY|BEGIN"
    r"|END\b|FOR\b|DEPT|STATE\b|PASS\b|ID:|DATE:|REFID:|ORIGIN:|¶|[0-9])", re.I)
_CONTINUATION_LINES = 4
_MAX_CONTINUATION = 200
_HTML_BREAK = re.compile(r"<br\s*/?>", re.I)
_WORDS = re.compile(r"[^\s,;]+")
_PARENS = re.compile(r"\(([^()]*)\)")
_WORD = re.compile(r"[A-Z][A-Z'\-]*")
_INITIAL = re.compile(r"[A-Z]\.?")
_SPACE_SPLIT = re.compile(r"\s+|(?<=,)(?=\S)")
_COMMA_SPLIT = re.compile(r"[,;]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _tags_line(line: str, next_line: str) -> str | None:
    """A line after the TAGS line when it goes on with tags (any case, any separators), cut
    at a field run into it (`UK SUBJECT: MILIBAND'S...`); None when it is something else.
    Tags: half its words or more are tag codes, or it is a few capitalised words just before
    the next field (`COUNTRY\\nCLEARANCE\\nSUBJECT:`)."""
    line = _HTML_BREAK.sub(" ", line).replace("\\", " ")
    if not line.strip() or _NOT_CONTINUATION.match(line):
        return None
    stop = _LINE_STOP.search(line)
    if stop is not None:
        line = line[:stop.start()]
    if len(line) > _MAX_CONTINUATION:
        return None
    outside = _PARENS.sub(" ", line)  # person tags in parentheses: `(CLINTON, HILLARY)`
    words = [w.strip("().").upper() for w in _WORDS.findall(outside)]
    words = [w for w in words if w]
    if not words and "(" not in line:
        return None
    codes = sum(1 for w in words if _is_code(w))
    if codes * 2 >= len(words):
        return line
    field_next = not next_line.strip() or _LINE_STOP.match(next_line.lstrip()) is not None
    if field_next and len(words) <= 3 and line.isupper() and all(w.isalpha() for w in words):
        return line
    return None


def find_tags_text(header: str) -> str | None:
    """The text after the first TAGS label, with its wrapped continuation lines, or None."""
    label = find_field(header, "TAGS", _LABEL)
    if label is None:
        return None
    line_end = header.find("\n", label.end())
    if line_end < 0:
        line_end = len(header)
    text = _HTML_BREAK.sub(" ", header[label.end():line_end])
    stop = _LINE_STOP.search(text)
    if stop:
        return text[:stop.start()]
    pos = line_end + 1
    for _ in range(_CONTINUATION_LINES):
        if pos >= len(header):
            break
        nxt = header.find("\n", pos)
        nxt = len(header) if nxt < 0 else nxt
        after = header.find("\n", nxt + 1)
        more = _tags_line(header[pos:min(nxt, pos + _MAX_CONTINUATION * 4)],
                          header[nxt + 1:min(after if after >= 0 else len(header), nxt + 200)])
        if more is None:
            break
        text += " " + more
        if len(more) < nxt - pos and _LINE_STOP.search(header, pos + len(more), nxt):
            break  # a field ran into the line: the tags end there
        pos = nxt + 1
    return text


def _is_code(token: str) -> bool:
    return (token in SUBJECT_TAGS or token in ORG_TAGS or (len(token) == 2 and token.isalpha())
            or (len(token) == 4 and token.isalpha() and token[0] in SUBJECT_AREAS))


def _is_name_word(token: str) -> bool:
    return len(token) >= 3 and _WORD.fullmatch(token) is not None and not _is_code(token)


def _split_run_together(token: str) -> list[str]:
    """`ETRDEINVECINPGOVCS` -> ETRD EINV ECIN PGOV CS, when every piece is a known code."""
    if len(token) < 6 or not token.isalpha() or _is_code(token):
        return [token]
    best: dict[int, list[str] | None] = {0: []}
    for i in range(len(token)):
        pieces = best.get(i)
        if pieces is None:
            continue
        for size, vocab in ((4, SUBJECT_TAGS), (2, GEO_CODES)):
            piece = token[i:i + size]
            if len(piece) == size and piece in vocab and i + size not in best:
                best[i + size] = [*pieces, piece]
    found = best.get(len(token))
    if found and any(len(p) == 4 for p in found):
        return found
    return [token]


@lru_cache(maxsize=8192)  # tags repeat from cable to cable (PREL, PGOV): 38,000 a pass
def _tag_pieces(tag: str) -> tuple[str, ...]:
    """The tag(s) a token of the list stands for: marks around it stripped, run-together codes
    split (`_split_run_together`); none when no letter is left."""
    tag = tag.lstrip(" \t\n.,;:-").rstrip(" \t\n,;:-")
    if not tag or not any(c.isalpha() for c in tag):
        return ()
    return tuple(_split_run_together(tag))


def _person(words: list[str]) -> str:
    surname, given = words[0], " ".join(words[1:])
    return f"{surname}, {given}" if given else surname


def _take_person(tokens: list[str], i: int, after_ovip: bool) -> tuple[str, int] | None:
    """A person tag starting at tokens[i] (`SURNAME GIVEN [I.]`), and how many tokens it uses."""
    if i + 1 >= len(tokens):
        return None
    surname, given = tokens[i].rstrip(","), tokens[i + 1].rstrip(",")
    if not (_is_name_word(surname) and _is_name_word(given)):
        return None
    comma = tokens[i].endswith(",")
    if not (comma or after_ovip or given in GIVEN_NAMES):
        return None
    words = [surname, given]
    if not tokens[i + 1].endswith(",") and i + 2 < len(tokens) and len(tokens[i + 2]) <= 2 \
            and _INITIAL.fullmatch(tokens[i + 2]) and tokens[i + 2].endswith("."):
        words.append(tokens[i + 2])
    return _person(words), len(words)


def _space_tokens(text: str) -> list[str]:
    """Tokens of a space-separated list, a comma kept on the word before it (`SARKOZY,`)."""
    return [t for t in _SPACE_SPLIT.split(text) if t.strip(",;")]


def parse_tags(header: str) -> list[str]:
    """The TAGS of a cable, in order, without duplicates; person tags kept whole.

    >>> parse_tags("TAGS: PREL PGOV FR SARKOZY, NICOLAS")
    ['PREL', 'PGOV', 'FR', 'SARKOZY, NICOLAS']
    """
    text = find_tags_text(header)
    if not text:
        return []
    # NUL is the placeholder for person tags below; other control characters are spaces
    text = _CONTROL.sub(" ", text.upper().replace("\\", " "))
    out: dict[str, None] = {}

    def add(tag: str) -> None:
        for piece in _tag_pieces(tag):
            out.setdefault(piece, None)

    # Parenthesised groups are person tags: `OVIP (STEINBERG, JAMES B.)`.
    persons: list[str] = []

    def hold(match: re.Match[str]) -> str:
        inner = " ".join(match.group(1).replace(",", ", ").split()).replace(" ,", ",")
        persons.append(inner.strip(" ,"))
        return f" \x00{len(persons) - 1} "

    text = _PARENS.sub(hold, text)
    elements = [e for e in _COMMA_SPLIT.split(text) if e.strip()]
    comma_mode = len(elements) >= 3
    if comma_mode:
        tokens: list[str] = []
        for element in elements:
            words = element.split()
            # `HUMAN RIGHTS`, `IRAQI FREEDOM` stay one topic; a long element is a space list.
            if 2 <= len(words) <= 3 and not all(_is_code(w) or w[0] == "\x00" for w in words):
                tokens.append(" ".join(words))
            else:
                tokens.extend(words)
    else:
        tokens = _space_tokens(text)
    i = 0
    after_ovip = False
    while i < len(tokens):
        token = tokens[i]
        if token.startswith("\x00"):
            out.setdefault(persons[int(token[1:].rstrip(","))], None)
            i += 1
            continue
        if " " in token and "," not in token:  # a phrase from a comma list: person or topic
            words = token.split()
            if len(words) >= 2 and words[1] in GIVEN_NAMES and _is_name_word(words[0]):
                out.setdefault(_person(words), None)
            else:
                add(token)
            i += 1
            continue
        if "," in token.rstrip(","):  # already a person tag
            out.setdefault(token, None)
            i += 1
            continue
        person = _take_person(tokens, i, after_ovip)
        if person is not None:
            out.setdefault(person[0], None)
            i += person[1]
            after_ovip = False
            continue
        after_ovip = token.rstrip(",") == "OVIP"
        add(token)
        i += 1
    return list(out)


def classify_tag(tag: str) -> str:
    """The kind of a tag: "person" (`SARKOZY, NICOLAS`), "geo" (a 2-letter country code or an
    organisation: FR, NATO, UN) or "subject" (PREL and every other topic word).

    >>> [classify_tag(t) for t in ("PREL", "FR", "NATO", "SARKOZY, NICOLAS")]
    ['subject', 'geo', 'geo', 'person']
    """
    tag = tag.strip().upper()
    if "," in tag:
        return "person"
    if tag in ORG_TAGS or (len(tag) == 2 and tag.isalpha()):
        return "geo"
    return "subject"


def split_tags(tags: list[str]) -> tuple[list[str], list[str], list[str]]:
    """(subject, geo, person) tags, each in the order given."""
    kinds: dict[str, list[str]] = {"subject": [], "geo": [], "person": []}
    for tag in tags:
        kinds[classify_tag(tag)].append(tag)
    return kinds["subject"], kinds["geo"], kinds["person"]
