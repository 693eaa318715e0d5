"""Routing lines in a cable's header: who it is for, in the field's shorthand.

    STATE FOR EUR, DRL, AND EB          -> Department of State (offices are not entities)
    NSC FOR TRACY MCKIBBEN              -> National Security Council; Tracy McKibben
    DEPT FOR NEA/ARP AMACDONALD         -> Department of State; Amacdonald
    STATE FOR EUR/AGS - VIKMANIS-KELLER -> Department of State; Vikmanis-Keller
    TREASURY FOR L.NORTON               -> Department of the Treasury; L. Norton
    LONDON FOR JDOE                     -> J. Doe (the officer at another post); Embassy
                                           London too when the cable's INFO lines address it
    LONDON AND OSLO FOR XYZ WATCHERS    -> Embassy London; Embassy Oslo (both addressed)

The lines sit between the classification banner and the E.O./TAGS/SUBJECT lines. Office
symbols (EUR/WE, WHA/PPC, ISN/CBM) are skipped; names are what is left.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from cablescope.entities.countries import DEMONYMS
from cablescope.entities.givennames import given_name
from cablescope.entities.lexicon import (
    ORG_ABBREVIATIONS,
    ORG_HEAD_WORDS,
    ROUTING_ADDRESSEES,
    TITLE_HEADS,
)
from cablescope.entities.model import ORG, PERSON
from cablescope.entities.names import PARTICLES, fold
from cablescope.entities.spans import Span, known_places
from cablescope.entities.truecase import is_caps
from cablescope.parse.posts import POST_KINDS, POST_ORIGINS

_END = re.compile(r"^\s*(?:E\.?\s?O\.?\s*1\d{4}|EO\s|TAGS?\b|SUBJ|REF\b|REFS\b|CLASSIFIED\s+BY|"
                  r"¶|\d+\.\s*\()", re.IGNORECASE)
_SKIP = re.compile(r"^\s*(?:(?:SIPDIS|NOFORN|SENSITIVE|NODIS|EXDIS|LIMDIS|STADIS|\s)+$|"
                   r"\(?(?:[A-Z] ){3,}|UNCLAS|CONFIDENTIAL|SECRET|VZCZC|FM\s|TO\s|INFO\s|DE\s|ZNY|"
                   r"ZNR|[OPRZ]\s+\d{6}Z|RUE|R[UH][A-Z]{2,6}/|[OPRZ]{2}\s+R[UH][A-Z]{2}|BT\s*$|"
                   r"NNNN)", re.IGNORECASE)
# "FOR" routes a line, but not in the banner "FOR OFFICIAL USE ONLY" (some pages' header
# carries it on a "classification:" line before the teletype lines).
_ROUTE = re.compile(r"\b(?:ALSO\s+)?(?:PLEASE\s+)?(?:FOR(?!\s+OFFICIAL\s+USE\b)|PASS(?:\s+TO)?)\b")
# "USTR GENEVA - JDOE", "DEPT OF TREASURY - JANE DOE": an addressee, a dash, its officer.
_DASHED = re.compile(r"^\s*(?:DEPT\.?\s+OF\s+(?:THE\s+)?[A-Z]+|([A-Z]+)(?=[\s/]))[A-Z/ ]*?\s-\s+"
                     r"(?=[A-Z])")
_WORD = re.compile(r"[A-Za-z][A-Za-z.'’-]*")
# Office symbols that look like words; anything with a slash is an office too.
_OFFICES = frozenset([
    "EUR", "WHA", "NEA", "SCA", "EAP", "AF", "ISN", "INR", "DRL", "EB", "PM", "IO", "OES", "CA",
    "VO", "CEN", "ARP", "MAG", "ELA", "IPA", "UNP", "PPC", "PPD", "ERA", "EUC", "AGS", "WE", "NB",
    "CBM", "NESS", "ESTH", "HUB", "ILAB", "ITA", "NMFS", "NOAA", "CACEN", "PRA", "OASIA", "POLAD",
    "CARC", "PSC", "OUSD", "NOTAL", "ALSO", "AND", "PASS", "FOR", "TO", "PLEASE", "DEPT", "STATE",
    "ATTN", "INFO", "EMBASSY", "POST", "POL", "ECON", "PA", "PD", "RSO", "DAO", "LEGATT", "CG",
    "LOC",  # the Library of Congress ("..., AND LOC JDOE"), a given name's letters too
    "SPECIAL", "ENVOY", "OFFICE", "BUREAU", "DESK", "SIPDIS", "NOFORN", "SENSITIVE", "USDOE",
    # sections and agencies after another post's name ("OSLO FOR DATT AND ODC")
    "DATT", "ODC", "LEGAT", "PMAT", "RSAT", "MNSA", "DSAA", "CSCE", "EPSC", "USPTO", "SRAP",
    "UNVIE", "ICITAP", "EGAT", "IRPO", "USDP", "USOAS", "MEPI", "NREL", "MARAD", "NASA", "ENERG",
    "COPYRIGHT", "SOUTHCOM", "INR-B",
    # a collective after "PASS TO" ("DEPT PASS TO ABC COLLECTIVE"): the posts addressed as one,
    # no officer (7 routing lines of the corpus, 4 of them with an office's letters before it)
    "COLLECTIVE",
]) | frozenset(ROUTING_ADDRESSEES)


# A block that opens with its routing line ("DEPT FOR EUR/WE - JDOE"): some posts' cables put
# the banner, SIPDIS and each routing line in blocks of their own (about 165 cables of the
# corpus), so the first line is no banner there.
_OPENING_ROUTE = re.compile(r"^\s*[A-Z][A-Z/ .,()-]*\b(?:FOR|PASS)\b")


# The E.O. line run on into a routing line ("DEPT FOR EUR/NB JDOE E.O. 12958: N/A TAGS: ..."):
# where a page lost the header's line breaks (156 routing lines in 156 cables of the corpus).
_EO_INSIDE = re.compile(r"\s(?:E\.?\s?O\.?\s*1\d{4}|TAGS?:)")


# The archive's record stored inside a header block: its fields one a line, a serial number,
# the date ("2006-01-31", a time after it or not), the cable's ID, the origin ("Embassy
# Ruritania"), the classification and the referenced cables' IDs joined by "|" (the last
# field, where the cable cites any). In the corpus 165 header blocks hold a line that is the
# cable's own ID; in 47 of them the serial and the date lines stand just before it, and in 39
# (the thirteenth set's cables left out) a copy of the header's first lines, mostly cut off by
# "...", comes before the record and the full header after it.
_NL = r"[ \t]*\n(?:[ \t]*\n)*[ \t]*"  # a line break, blank lines skipped
_CABLE_ID = r"\d\d[A-Z]+\d+"
_RECORD = re.compile(
    rf"(?m)^[ \t]*\d+{_NL}\d{{4}}-\d\d-\d\d(?:[ \t]+[\d:]+)?{_NL}{_CABLE_ID}{_NL}\S[^\n]*"
    rf"{_NL}(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE)[^\n]*"
    rf"(?:{_NL}{_CABLE_ID}(?:\|{_CABLE_ID})*[ \t]*(?=\n|$))?")


# The banner, the post and the cable's number, and the caveats, run on into the routing line
# ("S E C R E T OSLO 004321 SIPDIS DEPT FOR EUR/NB JDOE E.O. 12958 ..."): a page that lost all
# of its header's line breaks, so its routing sits on the banner's line (46 header blocks of
# the corpus; 45 people read there: 3 wrong, an office's letters and two names run on).
_BANNER_RUN = re.compile(
    r"^\s*(?:(?:[A-Z] ){3,}[A-Z]|UNCLAS(?:SIFIED)?|CONFIDENTIAL|SECRET)\s+"
    r"(?:SECTION\s+\d+\s+OF\s+\d+\s+)?[A-Z][A-Z .'-]*?\s+\d{3,}\s+"
    r"(?:(?:SIPDIS|NOFORN|SENSITIVE|NODIS|EXDIS|LIMDIS|STADIS|CORRECTED\s+COPY)\s+)*")


def record_end(text: str) -> int:
    """Where the full header starts in a block that holds the archive's record after a cut
    copy of the header's first lines (the offset after the record's last field), else 0.
    Routing read in the copy and the record takes the post's name and the cited cables' IDs
    for surnames, and the copy's names are read again, whole, in the full header."""
    m = _RECORD.search(text)
    return m.end() if m is not None and m.start() > 0 and text[: m.start()].strip() else 0


def _region(text: str) -> list[tuple[int, str]]:
    """(offset, line) of the routing lines: after the banner, before E.O./TAGS/SUBJECT, also
    where the E.O. line runs on in the last routing line (the TAGS are no name), then any
    Department route on a line of its own after them (`_late_routes`); in a block holding the
    archive's record after a cut copy of the header, in the full header only."""
    skip = record_end(text)
    lines, offset, started = [], skip, bool(skip)
    for line in text[skip:].splitlines(keepends=True):
        if _END.match(line):
            offset += len(line)
            break
        inside = _EO_INSIDE.search(line)
        part = line[: inside.start()] if inside else line
        banner = _BANNER_RUN.match(part) if inside and not started else None
        if banner is not None and _OPENING_ROUTE.match(part[banner.end():]):
            # the whole header on one line: its routing runs from the banner to the E.O.
            lines.append((offset + banner.end(), part[banner.end():].rstrip("\r\n")))
            offset += len(line)
            break
        if ((started or _OPENING_ROUTE.match(part)) and part.strip()
                and not _SKIP.match(part)):
            lines.append((offset, part.rstrip("\r\n")))
        offset += len(line)
        if inside:
            break
        started = True
    return lines + _late_routes(text, offset)


# A Department route on a line of its own after the header's E.O. / TAGS / SUBJECT lines
# ("DEPT FOR ABC/XY JDOE" below the subject; a second header after a stored record's TAGS
# line): the line addresses the Department as one before them does. In the corpus's header
# blocks (the fresh set's cables left out) 39 such lines in 34 cables, every one a routing
# line (all read); the line's continuations are not read.
_LATE_ROUTE = re.compile(r"(?m)^[ \t]*(?:DEPT|STATE|DEPARTMENT)[ \t]+(?:ALSO[ \t]+)?"
                         r"(?:PLEASE[ \t]+)?(?:FOR|PASS)\b[^\n]*")


def _late_routes(text: str, after: int) -> list[tuple[int, str]]:
    """(offset, line) of the Department routes standing after `after`, where the routing
    region ended (`_region`)."""
    return [(m.start(), m.group().rstrip("\r")) for m in _LATE_ROUTE.finditer(text, after)]


def routing_lines(text: str) -> list[tuple[int, str]]:
    """(offset, line) of the routing lines: a line with FOR / PASS TO and those continuing it."""
    found: list[tuple[int, str]] = []
    routed = False
    for offset, line in _region(text):
        if _ROUTE.search(line) or _dashed(line) or routed:
            routed = True
            found.append((offset, line))
    return found


def _dashed(line: str) -> re.Match[str] | None:
    m = _DASHED.match(line)
    return m if m and (m.group(1) is None or m.group(1) in ROUTING_ADDRESSEES) else None


# A Treasury office routed to by its letters after the department ("TREASURY/ABC FOR JDOE",
# "TREASURY ABCD (JDOE)"): the office is a body, unlike State's bureaus' symbols. In the
# corpus's routing lines (the fresh set's cables left out) 12 times in 11 cables: 10 offices'
# letters, 2 an officer's glued initial and surname, left to the people.
_TREASURY_OFFICE = re.compile(
    r"\bTREASURY[/ ](?!(?:FOR|AND|PASS|ALSO|PLEASE|DEPT|DEPARTMENT)\b)([A-Z]{3,5})(?![/\w])")


# A routing line that opens on a State bureau's symbol ("ABC/XY FOR JDOE", "FOR ABC/XY: JDOE",
# "ABC FOR A/S DOE"), no STATE or DEPT word before it: the line routes within the Department,
# and the labels read the Department of State there (the fortieth set's decision, brought to
# every older tuning set by the labels correction of 2026-12-07). Only the bureaus' own letters
# open it, not a post or agency.
_BUREAUS = ("EUR", "WHA", "NEA", "SCA", "EAP", "AF", "ISN", "INR", "DRL", "EEB", "EB", "IO", "OES",
            "PM", "PRM", "INL", "ECA", "AVC", "VCI")
_BUREAU_ROUTE = re.compile(
    r"^\s*(?:(?:ALSO\s+)?(?:PLEASE\s+)?FOR\s+)?((?:" + "|".join(_BUREAUS) +
    r")(?:/[A-Z0-9]+)*)(?=[\s:,;]|$)")


# A routing line that opens on a list of State's offices by their symbols, whichever comes
# first ("FOR XY, Z, AND ABC", "FOR Q/RST AND ABC", "PLEASE PASS S, P, XY, ABC",
# "PLEASE PASS TO ABC/XY/ZZZ FOR JDOE", "P FOR JAN DOE"): the bureaus' letters, the
# principals' single letters (the Secretary, the Deputy and the Under Secretaries) and a few
# offices with letters of their own; every symbol of the list is one of them (or a symbol
# whose head is), so a list with an agency in it ("FOR NSC AND ABC") is left to the agency.
# The labels read the Department of State there (the routing decisions since the fortieth
# set: `P FOR JAN DOE`, `PLEASE PASS TO AB/CDE/FGHI FOR JAN DOE`). In the corpus (labelled and
# fresh cables left out) 137 routing lines in 113 cables, 31 cables gaining the Department,
# all read (docs/benchmarks.md, tuning round 66, orgs75).
_STATE_HEADS = frozenset((*_BUREAUS, "NP", "SA", "CT", "CA", "DS", "IIP",
                          "S", "D", "P", "E", "T", "M", "R", "G", "F", "H", "L"))
_SYMBOL = r"[A-Z]{1,4}(?:/[A-Z0-9-]+)*"
_STATE_LIST = re.compile(
    rf"^\s*(?:ALSO\s+)?(?:PLEASE\s+)?(?:FOR\s+|PASS\s+(?:TO\s+)?)?({_SYMBOL}"
    rf"(?:(?:\s*,\s*(?:AND\s+)?|\s+AND\s+){_SYMBOL})*)(?=\s*(?:$|[:;]|FOR\b))")


def _state_offices(line: str) -> tuple[int, int] | None:
    """The first symbol of a routing line that opens on State's offices only (`_STATE_LIST`),
    as (start, end) in the line; None where the line does not."""
    m = _STATE_LIST.match(line)
    if m is None:
        return None
    symbols = [w for w in re.split(r"\s*,\s*(?:AND\s+)?|\s+AND\s+", m.group(1)) if w]
    if not all(w.split("/")[0] in _STATE_HEADS for w in symbols):
        return None
    rest = line[m.end():].strip()
    if len(symbols) == 1 and "/" not in symbols[0] and not rest.startswith("FOR"):
        return None  # a lone symbol with no route ("WHA" on its line): a continuation's word
    return m.start(1), m.start(1) + len(symbols[0])


def routing_spans(seq: int, text: str, addressees: Sequence[str] = ()) -> list[Span]:
    """People and addressee organisations named in the routing lines of a header block;
    `addressees` are the cable's TO and INFO posts (`CableContext.addressees`)."""
    posts = _posts(addressees)
    spans: list[Span] = []
    for offset, line in routing_lines(text):
        route = _ROUTE.search(line)
        dashed = _dashed(line) if route is None else None
        if route is not None:
            if not _post(line[: route.start()]):  # "LONDON FOR JDOE": `_people` reads the post
                spans += _addressees(seq, offset, line[: route.start()])
        elif dashed is not None:  # the officer after the dash; the words before it are places
            spans += _addressees(seq, offset, line[: dashed.end()])
            spans += _people(seq, offset, line, dashed.end(), posts)
            continue
        for w in re.finditer(r"(?<![/\w])([A-Z]{3,})(?![/\w])", line[route.end() if route else 0:]):
            name = ROUTING_ADDRESSEES.get(w.group(1))  # "... PASS TO USAID"
            if name and w.group(1) not in ("STATE", "DEPT", "DEPARTMENT"):
                a = offset + (route.end() if route else 0) + w.start(1)
                spans.append(Span(seq, a, a + len(w.group(1)), ORG, "routing", 4, name=name))
        for w in _TREASURY_OFFICE.finditer(line):  # "TREASURY/ABC FOR JDOE": its office
            if _glued_initial(w.group(1)) is None:  # "TREASURY/JDOE": its officer
                a = offset + w.start(1)
                spans.append(Span(seq, a, a + len(w.group(1)), ORG, "routing", 4))
        bureau = _BUREAU_ROUTE.match(line)
        if bureau is not None and (route is not None or dashed is not None or bureau.group(1)
                                   != line.strip()):
            spans.append(Span(seq, offset + bureau.start(1), offset + bureau.end(1), ORG,
                              "routing", 4, name="Department of State"))
        elif (listed := _state_offices(line)) is not None:
            spans.append(Span(seq, offset + listed[0], offset + listed[1], ORG, "routing", 4,
                              name="Department of State"))
        spans += _people(seq, offset, line, 0, posts)
        spans += _relayed_posts(seq, offset, line)
    places = [m.span() for m in _several_word_places().finditer(text)] if spans else []
    spans = [Span(seq, s.start, s.end, ORG, "routing", 4) if s.type == PERSON
             and _office_before_officers(text, s) else s for s in spans]
    return [s for s in spans if s.type != PERSON or not (_office_after_route(text, s) or any(
        a <= s.start and s.end <= b for a, b in places))]  # "FOR NOVA RURITANIA": no person


# A relay in the routing lines: "AMEMBASSY X PASS TO AMCONSUL Y" asks one post to pass the
# cable on to another; both are posts the line addresses by name, each in its standard form
# ("Embassy X", "Consulate Y"; the gazetteer's form when it knows the city). Counted in
# docs/benchmarks.md (tuning round 39, orgs47).
# A city is one to four words, none an address word: relays run on in one line ("... PASS TO
# AMEMBASSY X AMEMBASSY Y PASS TO ...") end each city at the next post's address.
_CITY_WORD = r"(?!AMEMBASSY\b|AMCONSUL\b|USOFFICE\b|PASS\b)[A-Z]+"
_CITY = rf"({_CITY_WORD}(?: {_CITY_WORD}){{0,3}}?)"
_RELAY = re.compile(r"\b(AMEMBASSY|AMCONSUL)\s+" + _CITY + r"\s+PASS\s+TO\s+(AMEMBASSY|AMCONSUL)\s+"
                    + _CITY + r"(?=\s*(?:[,;\\]|$|AMEMBASSY\b|AMCONSUL\b|USOFFICE\b))")


def _relayed_posts(seq: int, offset: int, line: str) -> list[Span]:
    """The two posts of a relay line ("AMEMBASSY X PASS TO AMCONSUL Y"), each from its
    address word to the end of its city."""
    spans = []
    for m in _RELAY.finditer(line):
        for g in (1, 3):
            kind, city = POST_KINDS[m.group(g)], m.group(g + 1)
            known = POST_ORIGINS.get(city.replace(" ", ""))
            name = known if known and known.startswith(kind) else f"{kind} {city.title()}"
            spans.append(Span(seq, offset + m.start(g), offset + m.end(g + 1), ORG, "routing", 4,
                              name=name))
    return spans


# An office's letters routed to, its officers after it: "DEPT FOR ABCD (AMBASSADOR ROE AND
# JANE DOE)", "DEPARTMENT OF ENERGY FOR ABCD - JANE DOE". In the corpus's header blocks (the
# fresh set's cables left out) 22 lone words the routing read as people sit right after "FOR"
# and before "(" or " - ": the 19 of four letters or fewer are all offices' letters, the 3
# longer are 2 names and an agency; so only the short ones are dropped.
_BEFORE_OFFICERS = re.compile(r"\s*(?:\(|-\s)")
_FOR_BEFORE = re.compile(r"\bFOR\s+$")
# An office joined to its section by a hyphen ("ABC-XYZ", "ABC-NATO"): letter groups of four or
# fewer, the last of three or fewer or a known office or body; "INR-ROWE" (an office's officer)
# and hyphenated surnames stay.
_HYPHENED_OFFICE = re.compile(r"[A-Z]{1,4}(?:-[A-Z]{1,4})+")


# The office routed to, its officers in parentheses after it ("DEPT FOR ABCD (AMBASSADOR ROE
# AND JANE DOE)", "FOR ABC-XY (JANE DOE)"): the office is a body, labelled as written; an office
# run on to its officer by a dash ("FOR ABCD - JANE DOE") gives the person only. In the
# corpus's routing lines (the fresh set's cables left out) "FOR [WORD] (" stands 66 times in 65
# cables; the rule reads 17 offices in 17 cables (a State task group 12 times, a White House
# office 4, a hyphened State office once), all right; symbols `_OFFICES` holds stay unread.
_BEFORE_PARENS = re.compile(r"\s*\(")


def _office_before_officers(text: str, span: Span) -> bool:
    """A word the routing read as a person that is an office's letters right after "FOR" and
    before its officers in parentheses (`_office_after_route`'s letters): a body."""
    return (_office_after_route(text, span) and _BEFORE_PARENS.match(text, span.end) is not None
            and _FOR_BEFORE.search(text, max(0, span.start - 8), span.start) is not None)


def _office_after_route(text: str, span: Span) -> bool:
    """A lone word the routing read as a person that is an office's letters: after "FOR" and
    before its officers (in parentheses or after a dash), or an office joined to its section
    by a hyphen; the routing lines name offices so, never people."""
    word = text[span.start:span.end]
    if span.name or not word.isupper() or (not word.isalpha() and "-" not in word):
        return False
    if _HYPHENED_OFFICE.fullmatch(word):
        last = word.rsplit("-", 1)[1]
        return len(last) <= 3 or last in _OFFICES or last in ORG_ABBREVIATIONS
    return (word.isalpha() and len(word) <= 4
            and _FOR_BEFORE.search(text, max(0, span.start - 8), span.start) is not None
            and _BEFORE_OFFICERS.match(text, span.end) is not None)


@lru_cache(maxsize=1)
def _several_word_places() -> re.Pattern[str]:
    """Countries and post cities of several words ("ANTIGUA AND BARBUDA" kind): a routing
    line that addresses one is split at its "AND" or read word by word, each half a name."""
    names = sorted((p for p in known_places() if " " in p), key=len, reverse=True)
    return re.compile(r"(?i)\b(?:" + "|".join(r"\s+".join(map(re.escape, p.split()))
                                            for p in names) + r")\b")


def _posts(addressees: Sequence[str]) -> frozenset[str]:
    """The posts among a cable's TO and INFO addressees ("AMEMBASSY ADDIS ABABA" -> "Embassy
    Addis Ababa"): embassies and consulates, by the city after their prefix."""
    found = set()
    for name in addressees:
        words = name.split()
        if len(words) > 1 and words[0] in ("AMEMBASSY", "AMCONSUL"):
            post = _post(" ".join(words[1:]))
            if post:
                found.add(post)
    return frozenset(found)


def _post(part: str) -> str | None:
    """The post a routing line addresses by its city alone ("LONDON", "SAN JOSE"): "Embassy
    London"; routing lines address other posts' officers so (about 340 lines in 280 cables of
    the corpus), and the city is no person's name."""
    words = part.split()
    if not words or not all(w.isalpha() and w.isupper() for w in words) or (
            len(words) == 1 and words[0] in ROUTING_ADDRESSEES):
        return None  # "STATE PASS TO ...": the Department, not the Secretary's own cables
    return POST_ORIGINS.get("".join(words))


# Two posts' cities joined by "AND" before one route ("LONDON AND OSLO FOR XYZ WATCHERS"): 42
# segments in 42 cables of the corpus, 22 (22 cables) with both posts in the TO / INFO lines;
# the tuning sets label both posts of each such segment (two segments, four posts).
_JOINED = re.compile(r"\s*([A-Z][A-Z ]*?[A-Z])\s+AND\s+([A-Z][A-Z ]*?[A-Z])\s*")


def _joined_posts(seq: int, offset: int, head: str, posts: frozenset[str]) -> list[Span]:
    """Each city of a head "A AND B" before FOR is that post, when both are posts the cable's
    TO / INFO lines address (the check the single city takes: without it a post's mention
    cost the validation set a false item); a head with a word of no post is left alone."""
    m = _JOINED.fullmatch(head)
    if m is None:
        return []
    found = [(m.start(g), m.end(g), _post(m.group(g))) for g in (1, 2)]
    if not all(name is not None and name in posts for _a, _b, name in found):
        return []
    return [Span(seq, offset + a, offset + b, ORG, "routing", 4, name=name)
            for a, b, name in found]


def _addressees(seq: int, offset: int, part: str) -> list[Span]:
    found = []
    m = re.search(r"\bDEPT\.?\s+OF\s+(?:THE\s+)?([A-Z]+)", part)
    if m:
        name = ROUTING_ADDRESSEES.get(m.group(1)) or f"Department of {m.group(1).capitalize()}"
        found.append(Span(seq, offset + m.start(), offset + m.end(), ORG, "routing", 4, name=name))
        return found
    for w in _WORD.finditer(part):
        addressee = ROUTING_ADDRESSEES.get(w.group().upper().rstrip("."))
        if addressee and w.group().isupper():
            found.append(Span(seq, offset + w.start(), offset + w.end(), ORG, "routing", 4,
                              name=addressee))
            break
    return found


# The parts of a list of addressees ("JDOE AND JROE", "EUR/WE - JDOE").
_PART = re.compile(r"(?:(?!\s+AND\s+|\s+-\s+).)+")
_TRAILING_OFFICE = re.compile(r"\s+[A-Z][A-Z0-9]*(?:/[A-Z0-9]+)*/([A-Z][A-Z0-9]*)\s*$")
# The officer after an office symbol (the twelfth and eleventh sets' routing misses): in the
# corpus's routing lines an office symbol ends in a colon before a name ("IO/ABC:JDOE") 177
# times in 111 cables and is routed on by FOR after a comma ("..., IO/ABCD FOR JDOE") 56 times
# in 48 cables; a line is only its opening route and an office path ending in a name ("JUSTICE
# FOR ABC/JDOE") 94 times in 90 cables; a middle letter stands bare between words 35 times in
# 29 cables. The four forms below change the people read in the routing lines of 91 cables
# (99 names read, 29 no longer: mostly an office's letters or a name glued to them).
# A line's opening route before an office symbol: "COMMERCE FOR ABC/JDOE" routes to the
# office's officer, and "ABC/JDOE" is no next route to cut off.
_ROUTED = re.compile(r"\s*(?:[A-Z]+\s+)?(?:ALSO\s+)?(?:PLEASE\s+)?(?:FOR|PASS(?:\s+TO)?)\s*")
# An office symbol ended by a colon, its officer after it ("IO/ABC:JDOE", "USTR: JANE DOE"):
# one word before the colon ("JANE DOE: PLEASE PASS TO ..." is a name, then a note).
_COLON = re.compile(r"\s*[A-Z][A-Z0-9/&-]*\s?:")
# The rest of an office symbol routed on to its officer ("IO/ABCD FOR JDOE").
_INNER = re.compile(r"\s*[A-Z0-9]+\s+(?:ALSO\s+)?(?:FOR|PASS(?:\s+TO)?)\s")


def _people(seq: int, offset: int, line: str, start: int,
            posts: frozenset[str] = frozenset()) -> list[Span]:
    """Names among the targets: runs of words that are not office symbols; the post a target
    names by its city when it is one of the cable's addressed `posts`."""
    spans: list[Span] = []
    for item in re.finditer(r"[^,;()]+", line[start:]):
        route = _ROUTE.search(item.group())
        post = _post(item.group()[: route.start()]) if route else None
        # "LONDON FOR JDOE": another post, then its officers. The post is an organisation
        # only when the cable's INFO or TO lines address it: without that check it cost the
        # validation set a false hit (docs/benchmarks.md, "Label corrections").
        if route is not None and post in posts:
            city = re.search(r"\S(?:.*\S)?", item.group()[: route.start()])
            if city:
                a = offset + start + item.start() + city.start()
                spans.append(Span(seq, a, a + len(city.group()), ORG, "routing", 4, name=post))
        elif route is not None and post is None:
            spans += _joined_posts(seq, offset + start + item.start(),
                                   item.group()[: route.start()], posts)
        lead = route.end() if route is not None and post is not None else 0
        for part_start, text, rerouted in _segments(item.group()[lead:]):
            agency = re.match(r"\s*([A-Z]+)/", text) if rerouted else None
            if agency and agency.group(1) in ROUTING_ADDRESSEES:  # "DOE/EIA FOR JDOE"
                a = offset + start + item.start() + lead + part_start + agency.start(1)
                spans.append(Span(seq, a, a + len(agency.group(1)), ORG, "routing", 4,
                                  name=ROUTING_ADDRESSEES[agency.group(1)]))
            base = start + item.start() + lead + part_start + rerouted
            text = text[rerouted:]
            # The words before the route word that opens a line are its addressee, never a
            # person: a post, an agency or a collective ("POSTS FOR VISA UNITS", "USCG FOR
            # ..."); `_addressees` reads those it knows (about 570 routing lines of 370 cables
            # of the corpus hold one it does not). After a comma or "AND" a name may run into
            # the next route ("FOR JANE DOE, JOHN ROE DOL FOR ...": John Roe stays).
            officers = _glued_run(text)  # "ABC/JKOWAL/MZIEL": officers, no next route's office
            spans += [Span(seq, offset + base + a, offset + base + b, PERSON, "routing", 4,
                           name=_glued_initial(word)) for a, b, word in officers]
            if officers:  # the words before the officers read on
                text = text[: officers[0][0]]
            elif ((office := _TRAILING_OFFICE.search(text))  # "JDOE AID/W": the next route's
                    and office.start() > 0 and not _glued_initial(office.group(1))  # office
                    and not _ROUTED.fullmatch(text[: office.start()])):  # not "FOR ABC/DOE"
                text = text[: office.start()]
            first = item.start() == 0 and part_start == 0 and not lead
            opening = _ROUTE.search(text) if first else None
            if opening is not None:
                base, text = base + opening.end(), text[opening.end():]
            # "USTR/JDOE", "EUR/AGS - J. DOE", "IO/ABC:JDOE": the name follows the last office
            # symbol, and a colon ends one as a slash does
            colon = _COLON.match(text)
            after = colon.end() if colon else 0
            chain = _surnames(text[after:])
            if chain:  # "NSC FOR ROWAN/BRANDT", "USTR:ROWAN/BRANDT": each officer, no office
                at = offset + base + after
                for name in chain:
                    spans += _name_run(seq, at + name.start(), name.group())
                continue
            cut = max(text.rfind("/"), colon.end() - 1 if colon else -1)
            agency = re.match(r"\s*([A-Z]+)/", text)
            if agency and agency.group(1) in ROUTING_ADDRESSEES:  # "USTR/JDOE"
                a = offset + base + agency.start(1)
                spans.append(Span(seq, a, a + len(agency.group(1)), ORG, "routing", 4,
                                  name=ROUTING_ADDRESSEES[agency.group(1)]))
            if cut >= 0:
                rest = text[cut + 1 :]
                dash = re.match(r"\s*[A-Z]{2,5}\s*-\s*", rest)
                skip = cut + 1 + (dash.end() if dash else 0)
                if not dash and not re.search(r"\s", rest.strip()) and text[cut] == "/":
                    short = len(rest.strip()) <= 5 and not _glued_initial(rest.strip())
                    skip = len(text) if short else skip  # "EUR/WE": an office; not "WHA/JDOE"
                base, text = base + skip, text[skip:]
                inner = _INNER.match(text)  # "IO/ABCD FOR JDOE": the office's own officer
                if inner is not None:
                    base, text = base + inner.end(), text[inner.end():]
            spans += _name_run(seq, offset + base, text, opens=cut < 0)
    return spans


# An agency's route inside a part of a line that routes to several agencies ("TREASURY FOR
# IO/ABC:JDOE USDOC FOR XYZ/AB", "FOR JANE ROE, JDOE USDA PASS USTDA FOR JROE"): the part ends
# before the agency, whose own officers follow its route. The agency is a known addressee
# (`ROUTING_ADDRESSEES`), one word or an agency's path ("AID/W"), so a surname before FOR is
# never read as one. In the corpus's header blocks 839 parts of routing lines in 598 cables hold
# such a route; read so, the routing reads 215 people more in 110 cables (mostly glued initials
# and surnames; about one in fifteen an office's letters or words) and 28 agencies, 7 lost
# (an office's letters each).
_INNER_ROUTE = re.compile(r"(?<=\s)([A-Z]+)(?:/[A-Z]+)?\s+(?:ALSO\s+)?(?:PASS\s+(?:TO\s+)?"
                          r"(?:[A-Z]+\s+)?)?(?:ALSO\s+)?(?:PLEASE\s+)?FOR\s+(?=[A-Z])")


def _segments(items: str) -> list[tuple[int, str, int]]:
    """(start, text, rerouted) of the parts of a list of addressees, each part cut before an
    agency's route inside it; `rerouted` is the length of the route a piece opens with."""
    found: list[tuple[int, str, int]] = []
    for part in re.finditer(_PART, items):
        at, rerouted = part.start(), 0
        for inner in _INNER_ROUTE.finditer(part.group()):
            cut = part.start() + inner.start()
            if inner.group(1) not in ROUTING_ADDRESSEES:
                continue
            if items[at:cut].strip():
                found.append((at, items[at:cut], rerouted))
            at, rerouted = cut, inner.end() - inner.start()
        found.append((at, items[at:part.end()], rerouted))
    return found


# Officers' glued names joined by slashes at the end of an office path ("USDOC FOR
# 1234/ABC/DEF/JKOWAL/ANOWAK/MZIEL", "STATE FOR ABC/DEF JBRANT/TSTROM"): offices list their desk
# officers so, and `_people` read the last one only (or none: "ABC JBRANT/TSTROM" was cut off as the
# next route's office). The officers are the path's last parts back to its first office symbol:
# six letters or more with a vowel after the first, or five that make a glued initial (four
# are an office's letters: "NQIE/ROE"), no office, addressee or office word; two or more of
# them, one a glued initial (`_glued_initial`), so that the run is the Department's addressing
# and "JANOWAK" ("AN" can open a name) is read beside "MZIEL". In the corpus's routing lines
# (the thirtieth set's cables left out) such runs stand 53 times in 43 cables (129 names); the
# rule reads 61 people more in 28 cables, all of them officers' names (61 read, 61 right).
_PATH_END = re.compile(r"(?<![\w/])[A-Z0-9][A-Z0-9'-]*(?:/[A-Z0-9][A-Z0-9'-]*)+\s*$")


def _glued_run(text: str) -> list[tuple[int, int, str]]:
    """(start, end, word) of the glued officers' names ending the office path that ends
    `text`, when there are two or more."""
    path = _PATH_END.search(text)
    if path is None:
        return []
    parts = [(path.start() + p.start(), path.start() + p.end(), p.group())
             for p in re.finditer(r"[^/\s]+", path.group())]
    k = len(parts)
    while k > 0 and _officer(parts[k - 1][2]):
        k -= 1
    run = parts[k:]
    return run if len(run) >= 2 and any(_glued_initial(w) for _a, _b, w in run) else []


def _officer(part: str) -> bool:
    """A part of an office path that is an officer's glued name, not an office symbol."""
    if _office_part(part) or part in ROUTING_ADDRESSEES or part.lower() in ORG_HEAD_WORDS:
        return False
    if len(part) == 5:  # a glued initial, or an office's symbol
        return _glued_initial(part) is not None
    return len(part) >= 6 and part.isalpha() and bool(_VOWEL.search(part, 1))


_VOWEL = re.compile(r"[AEIOUY]")


def _office_part(part: str) -> bool:
    """A part of an office path that names an office (a symbol, an office's word, a command),
    never a person: what both readings of slash-joined names leave out."""
    return part in _OFFICES or part.lower() in _OFFICE_WORDS or _command(part)


# Surnames joined by slashes after a route ("NSC FOR ROWAN/BRANDT"): each part five letters or
# more, with a vowel, and no office symbol, addressee or office word ("EUR/RUS", "USAID/DCHA",
# "ISN/NESS" stay offices, whose last part `_people` reads only when it is long). After a
# line's opening route or an office's colon the rule reads 130 names more in 68 cables of the
# corpus (one office's letters among them).
# Not after a route inside a line's part ("[OFFICE] AND [X]. NSC FOR ROWAN/BRANDT"): that
# read 91 more and gained on one tuning set, but cost the validation set a false person.
_SLASHED = re.compile(r"\s*[A-Z][A-Z'-]{4,}(?:/[A-Z][A-Z'-]{4,})+\s*")


def _surnames(text: str) -> list[re.Match[str]]:
    """The surnames of a slash-joined run that holds nothing but surnames, else none."""
    if not _SLASHED.fullmatch(text):
        return []
    parts = list(re.finditer(r"[A-Z][A-Z'-]+", text))
    if any(_office_part(p.group()) or not _VOWEL.search(p.group()) for p in parts):
        return []
    return parts


# Words of an office's name in a routing line ("ATF INTERNATIONAL AFFAIRS"), never a person's.
_OFFICE_WORDS = frozenset(["affairs", "international", "operations", "programs", "division",
                           "section", "unit", "units", "clearance", "coordinator", "desk",
                           "guidance", "action", "information", "reserve", "force",
                           # groups of readers ("FOR AFRICA WATCHERS")
                           "watchers", "watcher", "managers",
                           # a region's office after its bureau ("XYZ/CENTRAL"); not "west",
                           # a surname too
                           "central",
                           # an office's section in a path ("COMMISSION/ENFORCEMENT/JDOE")
                           "enforcement"])
# A post's address in a routing line ("FOR AMCONSUL FLORENCE"): its city follows, no person.
_POST_WORDS = frozenset(["AMEMBASSY", "AMCONSUL", "USMISSION", "EMBASSIES", "CONSULATE"])
# An American office, command or mission written with the "US" prefix that `_OFFICES` does not
# list ("USDEL", "USXYZCOM", "USOFFICE [CITY]"): 84 in the routing lines of 73 cables of the
# corpus, none a person's name, and 35 person readings (33 cables) held one; what follows it
# is its officer ("USFS JDOE") or its seat ("USOFFICE [CITY]", "USED IBRD": the US Executive
# Director at the bank), no person. A listed addressee ("USTR JDOE") is read as before.
_US_OFFICE = re.compile(r"US[A-Z]{2,}")


def _name_run(seq: int, offset: int, run: str, opens: bool = False) -> list[Span]:
    """The person a run of words names; `opens` when no office symbol stands before the run
    (a three-letter given name may open it then, `_short_name_word`)."""
    words = list(_WORD.finditer(run))
    title = None
    us_office = False
    kept: list[re.Match[str]] = []
    for i, w in enumerate(words):
        word = w.group()
        upper = word.upper().rstrip(".")
        if upper in _POST_WORDS:  # "JANE ROE AMEMBASSY X PASS TO ...": the name ends there
            break
        if upper not in _OFFICES and _US_OFFICE.fullmatch(word):  # "... USDEL": ends a name
            us_office = True
            if kept:
                break
            continue
        if upper.lower() in TITLE_HEADS and not kept and len(words) > i + 1:
            title = upper
            continue
        initial = bool(re.fullmatch(r"[A-Z]\.(?:[A-Z][A-Za-z'’-]{2,})?", word)) or (
            bool(kept) and _middle_letter(word, words[i + 1].group() if i + 1 < len(words) else ""))
        particle = upper.lower() in PARTICLES and kept and i + 1 < len(words)
        short = _short_name_word(word, kept[-1].group() if kept else None,
                                 [w.group() for w in words[i + 1 : i + 3]] if opens else [])
        if initial or particle or short or (
                len(upper) >= 4 and upper not in _OFFICES
                and not re.fullmatch(r"[B-DF-HJ-NP-TV-Z]+", upper) and not _command(upper)):
            kept.append(w)
        elif kept or us_office:  # an office's officer follows it at once, or none does
            break
    if not kept or all(len(w.group()) <= 2 for w in kept):
        return []
    if us_office and len(kept) == 1 and not _glued_initial(kept[0].group()):
        return []  # "USOFFICE [CITY]": the office's seat; "USFS JDOE" keeps its officer
    lowered = [w.group().lower().rstrip(".") for w in kept]
    if any(w in TITLE_HEADS or w in ORG_HEAD_WORDS or w in _OFFICE_WORDS for w in lowered):
        return []  # "UNITED STATES TRADE REPRESENTATIVE": an office, not a person
    if fold(" ".join(w.group() for w in kept)) in known_places():
        return []  # "COPENHAGEN FOR ESTH HUB": a post, not a person
    start, end = kept[0].start(), kept[-1].end()
    return [Span(seq, offset + start, offset + end, PERSON, "routing", 4,
                 title=title.title() if title else None,
                 name=_glued_initial(kept[0].group()) if len(kept) == 1 else None)]


# Three-letter words of names written out in routing lines ("FOR TOM DOE", "JANE LEE"): read
# so, the routing of 125 cables of the corpus changes (fresh set left out, tuning round 58),
# mostly a surname read alone becoming the full name; one office's letters join a surname.
def _short_name_word(word: str, before: str | None, after: list[str]) -> bool:
    """A three-letter word of a full name written out in a routing line ("PASS TO JOHN ROE",
    "FOR TOM DOE"): a surname right after a given name, or a given name before a surname
    (the one or two words `after` it; none after an office symbol, "ABC/XYZ JDOE"). Else
    three letters are an office's (`_name_run` asks four); an office's letters that are a
    given name too stand before a full name ("ABC JOHN DOE") or a title ("ABC ATTACHE")."""
    upper = word.upper()
    if len(word) != 3 or not word.isalpha() or upper in _OFFICES or not _VOWEL.search(upper):
        return False
    if before is not None:
        return given_name(before)
    if not after or not given_name(word):
        return False
    surname = after[0]
    return (surname.isalpha() and len(surname) >= 3 and surname.upper() not in _OFFICES
            and surname.lower() not in TITLE_HEADS and surname.lower() not in _OFFICE_WORDS
            and _glued_initial(surname) is None and (len(after) == 1 or not given_name(surname)))


def _middle_letter(word: str, after: str) -> bool:
    """A middle initial written without its period between a given name and a surname
    ("JANE Q DOE"): one capital letter before a word of four letters or more that is no
    office symbol or addressee."""
    upper = after.upper()
    return (len(word) == 1 and word.isupper() and len(after) >= 4 and after.isalpha()
            and upper not in _OFFICES)


def _command(word: str) -> bool:
    """A hyphenated office's letters ("CJTF-HOA", "CSTC-A", "OSD-P", "DOE-M"): one letter or
    none after the hyphen, or a part of three consonants, which no hyphenated surname has.
    An office and its officer joined by dashes ("INR--JDOE", "P-JANE") stay as they were."""
    parts = word.split("-")
    return "--" not in word and len(parts) > 1 and (len(parts[-1]) <= 1 or any(
        re.fullmatch(r"[B-DF-HJ-NP-TV-XZ]{3,}", p) for p in parts))


# Two letters a name can start with (else "JDOE" is J. Doe, the Department's addressing).
_ONSETS = frozenset(["BL", "BR", "CH", "CL", "CR", "CZ", "DJ", "DR", "DW", "FL", "FR", "GH", "GL",
                     "GN", "GR", "GW", "KH", "KL", "KN", "KR", "KW", "LL", "MC", "NG", "PF", "PH",
                     "PL", "PR", "PS", "SC", "SH", "SK", "SL", "SM", "SN", "SP", "SQ", "ST", "SW",
                     "SZ", "TH", "TR", "TS", "TW", "VL", "WH", "WR", "ZH"])


def _glued_initial(word: str) -> str | None:
    """"JDOE" in a routing line: the first initial glued to the surname, as the Department
    addresses its officers, when the first two letters cannot start a name ("JDOE",
    "RMYNAME"); a name that can ("MCKIBBEN", "AMACDONALD") is left as written."""
    if len(word) < 4 or not word.isalpha() or not word.isupper():
        return None
    first, second, third = word[0], word[1], word[2]
    if first in "AEIOU" or second in "AEIOU" or (second == "Y" and third not in "AEIOU"):
        return None
    if third not in "AEIOUY" and word[1:3] not in _ONSETS:
        return None  # "ISN/PDPA": an office's letters; no surname starts "DP" (nor "LG", "MD")
    return None if word[:2] in _ONSETS else f"{first}. {word[1:]}"


_STATE = re.compile(r"\b(?:U\.?S\.?\s+)?(?:Department|Dept\.?)\s+of\s+State\b|\bDoS\b")
# "Classified By: Jan Doe, Counselor, State, HBR": the officer's agency, a field of its own
# after the title, is the Department of State (the labels' convention of the thirteenth set);
# 100 such fields in 98 cables of the corpus, written State, DOS, DoS, STATE or state (DoS, as
# anywhere, is `_STATE`'s).
_CLASSIFYING_STATE = re.compile(r"(?i:classified\s+by)\b[^;]{0,160}?,[ \t\n]*"
                                r"(State|STATE|state|DOS)[ \t\n]*(?=[,;]|$)", re.M)


# "the Department" / "for Department action", capitalised and alone, in a post's cable: the
# Department of State; also where the line breaks between the two words after a space
# ("thanks the \nDepartment", which a numbered paragraph's joined lines leave as two spaces),
# and after a post's verb of asking with no "the" ("Post requests Department guidance",
# "Embassy seeks Department's advice"). The span is group 1, the word alone.
_DEPARTMENT = re.compile(r"\b(?:the|The|to|by|for|with|and|requests|seeks|appreciates?|asks|"
                         r"encourages|recommends|suggests|urges)(?:[ \t]+(?:\n[ \t]*)?|\n[ \t]*)"
                         r"(Department)\b(?!\s+(?:of|for)\b)")


def department_spans(seq: int, text: str) -> list[Span]:
    """The Department of State written as "the Department" in a paragraph, the two words on one
    line or either side of a line break. Most paragraphs (96% of a 200-cable sample) lack the
    word and are passed over with one substring test."""
    if "Department" not in text:
        return []
    return [Span(seq, m.start(1), m.end(1), ORG, "routing", 3, name="Department of State")
            for m in _DEPARTMENT.finditer(text)]


# "State" alone, beside a US agency in a pair or list ("State and Commerce officials", "talks at
# State, USTR and the NSC", "a State/USTR widget team", "a State-Treasury review", "Energy, State
# and the Widget Ministry"): the Department of State, as the cables write it among the agencies
# (the labels give it the Department, "State" its alias). Not after a capitalised word and "of"
# ("Secretary of State and Defense", "Head of State and Government", "Minister of State and
# Widgets": a title or another country's body) or a title's word in lower case ("secretaries
# of State and Defense"), except "Departments of State and X"; not before a capitalised word
# ("DOD and State Department": `_STATE`'s). The span is group 1 or 2. In the corpus (labelled
# and fresh cables left out) 47 cables write it, every one changed and read (docs/benchmarks.md,
# tuning round 69, orgs78).
_AGENCY = (r"(?:DOD|DoD|DOE|DoE|DOJ|DoJ|DHS|NSC|USAID|AID|USTR|USDA|OSD|JCS|CIA|FBI|DEA|HHS|CDC|"
           r"OPIC|EXIM|USUN|Treasury|Commerce|Justice|Defense|Energy|Agriculture|Pentagon|"
           r"White\s+House)")
_AMONG = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+|/|-)"
_STATE_AMONG = re.compile(
    rf"(?<![\w-])(State){_AMONG}{_AGENCY}(?![\w-])"
    rf"|(?<![\w-]){_AGENCY}{_AMONG}(State)(?![\w-])"
    rf"(?![ \t]*\n?[ \t]*(?:Department|Dept|[A-Z][a-z]))")
_TITLE_OF = re.compile(r"(?<![\w-])([A-Z][\w.]*|(?i:secretary|secretaries|ministers?|heads?))"
                       r"\s+of\s+$")


def state_among_spans(seq: int, text: str) -> list[Span]:
    """The Department of State written "State" beside a US agency in a pair or list
    (`_STATE_AMONG`). Most paragraphs lack the word and are passed over with one substring
    test."""
    if "State" not in text:
        return []
    spans = []
    for m in _STATE_AMONG.finditer(text):
        k = 1 if m.group(1) else 2
        title = _TITLE_OF.search(text, max(0, m.start(k) - 40), m.start(k))
        if title is not None and title.group(1) != "Departments":
            continue  # "Secretary of State and Defense": a title
        spans.append(Span(seq, m.start(k), m.end(k), ORG, "routing", 3, name="Department of State"))
    return spans


def addressed_post(addressees: Sequence[str]) -> str | None:
    """The one post a cable's TO and INFO lines address (`CableContext.addressees`: an
    embassy, consulate or mission by its address word; agencies and collectives aside), as its
    origin is named ("Embassy Oslo"); None when they address none or several."""
    posts = [words for words in map(str.split, addressees) if words and words[0] in POST_KINDS]
    return _post(" ".join(posts[0][1:])) if len(posts) == 1 and len(posts[0]) > 1 else None


# The post a Department cable is sent to, written in its text as "Post" or by its kind's word
# ("the Embassy"), made up: "Post will hand over the note", "the Embassy may reply". The labels
# name that post (a vetting response's "the Embassy" and "Post", tests/data/entities/README.md):
# 9 of the 9 mixed-case such cables of the tuning sets, but only 4 of the 6 written in capitals
# (analysts' questionnaires), which are left out. Not a post with its city or another country's
# word ("Embassy Oslo", "the Ruritanian Embassy", "U.S. Embassy"), "Embassy of" / "in", a
# paper ("Springfield Post"), a compound ("Post-war"). In the corpus (the fresh set's cables
# left out) 105 of the 230 Department cables address one post; 62 of them write it so 289
# times, every one that post (all read).
_ADDRESSEE_AFTER = re.compile(r"\s*-|\s+(?:of|in)\b|\s+[A-Z]")
_WORD_BEFORE = re.compile(r"([A-Za-z.]+)[ \t]*\n?[ \t]*$")


def addressee_spans(seq: int, text: str, post: str) -> list[Span]:
    """The post a Department cable addresses (`addressed_post`) where its mixed-case paragraph
    calls it "Post" or by its kind's word ("Embassy", "Consulate", "Mission"), alone."""
    kind = post.split()[0]
    if ("Post" not in text and kind not in text) or is_caps(text):
        return []
    spans = []
    for m in re.finditer(rf"(?<![\w.&/-])(Post|{kind})(?:['’,]s)?(?![\w-])", text):
        before = _WORD_BEFORE.search(text, max(0, m.start() - 30), m.start())
        prev = before.group(1) if before else ""
        if _ADDRESSEE_AFTER.match(text, m.end()) or prev.lower() in DEMONYMS or prev in (
                "U.S.", "US") or (prev[:1].isupper() and prev != "The" and not prev.endswith(".")):
            continue
        spans.append(Span(seq, m.start(), m.end(1), ORG, "routing", 3, name=post))  # no "'s"
    return spans


def state_spans(seq: int, text: str) -> list[Span]:
    """The Department of State where a header line names it in words ("Classified By: <name>,
    Ambassador, Embassy <post>, Department of State"), or as the Classified By officer's agency
    ("Classified By: <name>, Counselor, State"): header lines are read by rules."""
    return [*(Span(seq, m.start(), m.end(), ORG, "routing", 4, name="Department of State")
              for m in _STATE.finditer(text)),
            *(Span(seq, m.start(1), m.end(1), ORG, "routing", 4, name="Department of State")
              for m in _CLASSIFYING_STATE.finditer(text))]


# A `REF:` item citing e-mails or calls by their writers' surnames ("REF: A. DOE-ROE/POE
# E-MAILS", "B. Doe email of 3/4", "ROE-POE 9/11 TELCON"): each surname is a person (the sixth
# and eleventh sets' decisions). 175 such lines in 161 cables of the corpus (70 with names
# joined by hyphens or slashes, 64 with one word). The names sit right before the word, or a
# date does; the item's letter ("A.", "B)") is no initial.
_REF_START = re.compile(r"^[ \t]*¶?[ \t]*REF(?:S|TEL)?\b|[ \t]REFS?:")
_REF_STOP = re.compile(r"(?i)^\s*(?:$|E\.?\s?O\.?\s*1\d{4}|TAGS?\b|SUBJ|CLASSIFIED\s+BY|\d+\.\s)")
_MONTH = (r"(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC|Jan|Feb|Mar|Apr|May|Jun|Jul|"
          r"Aug|Sep|Oct|Nov|Dec)[A-Za-z]*\.?")
_SURNAME = r"(?:[A-Z]\.\s?)?[A-Z][A-Za-z'’]+"
_CITED = re.compile(
    rf"(?<![\w/&-])(?P<run>{_SURNAME}(?:\s*[-/&]\s*{_SURNAME})*)"
    rf"(?:\s+(?:\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?|{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|"
    rf"\d{{1,2}}\s+{_MONTH}))?"
    r"\s+(?:E-?MAILS?|EMAILS?|[Ee]-?mails?|TELCONS?|TELECONS?|[Tt]elcons?)\b")
_NOT_WRITERS = frozenset(["embassy", "emb", "embassies", "post", "dept", "department", "state",
                          "mission", "center", "centre", "consulate", "washington", "ref",
                          "refs", "reftel", "and", "of", "the", "to", "from", "usun", "osd",
                          "nsc", "op", "ops", "team", "group", "office", "desk", "staff",
                          "country", "mfa", "mod", "moi", "gov", "govt", "unclassified",
                          "update"])


def ref_spans(seq: int, text: str) -> list[Span]:
    """People whose e-mails or calls a `REF:` line cites ("REF: A. DOE-ROE E-MAILS"): the
    text hides `REF:` lines from the model, so these surnames are read by rule. A part that is
    an office symbol, a post's city, a month or a body's word is no writer."""
    if "REF" not in text:
        return []
    spans: list[Span] = []
    places = known_places()
    lines = text.split("\n")
    pos, inside = 0, False
    for line in lines:
        opening = _REF_START.search(line)  # at the line's start, or run on ("SUBJECT: X REF: A.")
        begin = 0
        if opening is not None:
            inside, begin = True, opening.start()
        elif inside and _REF_STOP.match(line):
            inside = False
        if inside:
            cut = re.search(r"(?i)classified\s+by", line)
            body = line[: cut.start()] if cut else line
            for m in _CITED.finditer(body, begin):
                spans += _writers(seq, pos + m.start("run"), m.group("run"), body, m.start("run"),
                                  places)
        pos += len(line) + 1
    return spans


def _writers(seq: int, offset: int, run: str, line: str, at: int,
             places: frozenset[str]) -> list[Span]:
    spans: list[Span] = []
    before = line[:at].split()
    for i, part in enumerate(re.finditer(_SURNAME, run)):
        word = re.sub(r"^[A-Z]\.\s?", "", part.group())
        start = part.start() + len(part.group()) - len(word)  # "A. DOE": the item's letter
        if i > 0:  # "DOE - J. ROE EMAILS": after a dash the letter is an initial
            word, start = part.group(), part.start()
        low, upper = word.split()[-1].lower(), word.split()[-1].upper()
        prev_word = (before[-1] if before else "") if i == 0 else run[: part.start()]
        prev_word = (re.split(r"[\s/&-]+", prev_word.strip(" -/&")) or [""])[-1]
        if (len(word) < 3 or upper in _OFFICES or upper in ROUTING_ADDRESSEES
                or low in _NOT_WRITERS or low in TITLE_HEADS or low in ORG_HEAD_WORDS
                or low in _OFFICE_WORDS or re.fullmatch(_MONTH, word)
                or re.fullmatch(r"[B-DF-HJ-NP-TV-Z]+", upper)
                or fold(word) in places
                or fold(f"{prev_word.strip('-/&')} {word}") in places):
            continue
        spans.append(Span(seq, offset + start, offset + start + len(word), PERSON, "routing", 4))
    return spans
