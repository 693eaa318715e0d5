"""Header fields: classification banner, caveats, SUBJECT, routing (FM/TO/INFO) and dates.

Every field may be missing, wrapped, lower-cased, letter-spaced (`C O N F I D E N T I A L`) or run
into its neighbours in texts that lost their line breaks (`...CAIRO 000941SIPDISE.O. 12958`).
Partner outlets also prefixed some texts with their own metadata (`Cable dated:2006-02-15T07:44`,
`id:`/`refid:` lines, a copy of the routing header): the banner marks where the cable begins.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache

from cablescope.parse._scan import find_field
from cablescope.parse.ids import CANONICAL_ID, cut_page_markers, post_code, post_origin
from cablescope.parse.model import Recipient

__all__ = [
    "Banner", "Subject", "derive_classification", "find_banner", "find_caveats", "find_created",
    "find_other_cable", "find_preamble_id", "origin_of", "parse_recipients", "parse_subject",
    "parse_subject_details",
]

_S = r"[ \t]?"
_CLASSIFICATIONS = (
    ("TOP SECRET", _S.join("TOP") + r"[ \t]+" + _S.join("SECRET")),
    ("CONFIDENTIAL", r"(?:C" + _S + "){0,2}" + _S.join("ONFIDENTIAL")),
    ("SECRET", r"(?:S" + _S + ")?" + _S.join("SECRET")),
    ("UNCLASSIFIED", _S.join("UNCLAS") + "(?:" + _S.join("SIFIED") + ")?"),
    ("LIMITED OFFICIAL USE", r"LIMITED[ \t]+OFFICIAL[ \t]+USE"),
)
# On one line: classification, caveats, `SECTION 01 OF 03`, post, serial. The lookahead tells
# first what a banner may start with (blanks, or a classification's first letter: `ONFIDENTIAL`
# lost its C), so that most positions fail one test before the line-start tests are tried.
_BANNER = re.compile(
    r"(?=[ \tTCOSUL])(?:^|(?<=[\t\n\\])|(?<=[0-9]{2}:[0-9]{2}))[ \t]{0,20}"
    r"(?P<cls>" + "|".join(f"(?P<c{i}>{p})" for i, (_, p) in enumerate(_CLASSIFICATIONS)) + ")"
    r"(?![A-Za-z])"
    r"(?P<between>(?:[ \t]*(?://[ \t]*[A-Z]+|E[ \t]?F[ \t]?T[ \t]?O|SENSITIVE|NOFORN|SIPDIS"
    r"|NODIS|EXDIS|LIMDIS)(?![A-Za-z]))*)"
    r" *(?:SECTION +0*(?P<section>[0-9]{1,2}) +OF +0*(?P<sections>[0-9]{1,2}) *)?"
    r"(?P<post>[A-Z][A-Z .'\-]{0,40}?) *(?P<serial>0*[0-9]{1,7})(?![0-9])",
    re.I,
)
_BANNER_SEARCH_LIMIT = 6000
_NOT_POST = re.compile(r"VZCZC|S?E?C?TION\b|OF\b")
CAVEATS = ("NOFORN", "NODIS", "EXDIS", "LIMDIS", "STADIS", "SIPDIS", "ORCON", "PROPIN",
           "NOCONTRACT", "IMCON")
_CAVEAT = re.compile("|".join(CAVEATS))
_FOUO = re.compile(r"SENSITIVE|FOR\s+OFFICIAL\s+USE\s+ONLY|\bSBU\b", re.I)


@dataclass(slots=True)
class Banner:
    """The classification line that opens a cable: `C O N F I D E N T I A L SECTION 01 OF 03
    PARIS 005335`."""

    start: int
    end: int
    classification: str  # CONFIDENTIAL, SECRET, UNCLASSIFIED, TOP SECRET, LIMITED OFFICIAL USE
    post: str  # as written: "PARIS", "RIO DE JANEIRO"
    serial: str  # as written: "005335"
    section: int | None = None
    sections: int | None = None
    eyes: str = ""  # what sat between classification and post: "NOFORN", "E F T O", "SENSITIVE"

    @property
    def written_id(self) -> str:
        """The banner's reference as written, without year: "PARIS 005335"."""
        return f"{self.post} {self.serial}"


def find_banner(text: str) -> Banner | None:
    """The classification banner near the top of a cable, or None.

    >>> find_banner("C O N F I D E N T I A L SECTION 01 OF 03 PARIS 005335").written_id
    'PARIS 005335'
    """
    for match in _BANNER.finditer(text, 0, min(len(text), _BANNER_SEARCH_LIMIT)):
        post = " ".join(match.group("post").split()).upper()
        if not post.strip("X ") or len(post.replace(" ", "")) < 2 or _NOT_POST.match(post):
            continue  # `XXXXXXXXXXXX 000004` (redacted), `VZCZCXRO0211`, `SECTION 01 OF 02`
        kind = next(name for i, (name, _) in enumerate(_CLASSIFICATIONS)
                    if match.group(f"c{i}") is not None)
        section, sections = match.group("section"), match.group("sections")
        return Banner(
            start=match.start("cls"), end=match.end(), classification=kind, post=post,
            serial=match.group("serial"),
            section=int(section) if section else None,
            sections=int(sections) if sections else None,
            eyes=" ".join(match.group("between").split()).upper(),
        )
    return None


def find_caveats(header: str, classification: str | None = None) -> list[str]:
    """Handling caveats of the header (NOFORN, SIPDIS, NODIS...), in order, once each; NOFORN
    also when the classification says so (`SECRET//NOFORN`)."""
    found = dict.fromkeys(_CAVEAT.findall(header))
    if classification and "NOFORN" in classification.upper():
        found.setdefault("NOFORN", None)
    return list(found)


def derive_classification(banner: Banner | None, header: str, caveats: list[str]) -> str | None:
    """The classification as WikiLeaks labels it (`SECRET//NOFORN`,
    `UNCLASSIFIED//FOR OFFICIAL USE ONLY`) from the banner and caveats, for texts without it."""
    if banner is None:
        return None
    base = banner.classification
    if base == "UNCLASSIFIED" and _FOUO.search(header):
        return "UNCLASSIFIED//FOR OFFICIAL USE ONLY"
    if base in ("CONFIDENTIAL", "SECRET", "TOP SECRET") and "NOFORN" in caveats:
        return f"{base}//NOFORN"
    return base


# ---------------------------------------------------------------- SUBJECT

_SUBJECT_LABEL = re.compile(r"SUBJ(?:ECT)?(?P<colon>\s*:)?(?![A-Za-z])\.?", re.I)
_SUBJECT_STOP_LINE = re.compile(
    r"[ \t]*(?:REF(?:S|TELS?)?\b|classified\s+by|E\.\s?O\.|TAGS\b|¶|[0-9]{1,3}\.(?![0-9])"
    r"|\(?[A-Z]\)\s|-{3,}|SUMMARY\b)",
    re.I,
)
# What ends a SUBJECT run into the next field or the text (texts that lost their line breaks):
# `Ref(s):`, `REF 09 CAIRO 0173`, `Classified By`, `E.O. 12958`, a paragraph, "This is an
# action request", the handling notice, a repeated banner, an outlet's date line.
_SUBJECT_STOP_INLINE = re.compile(
    r"REF(?:S|TELS?|\(S\))?[ \t]*:|\bREF[ \t]+(?:(?:19|20)?[0-9]{2}[ \t]+[A-Z]|[A-Z][.)])"
    r"|classified[ \t]+by|\bE\.[ \t]?O\.[ \t]?12958|¶|(?<=\s)[0-9]{1,2}\.[ \t]+\("
    r"|\bTHIS[ \t]+IS[ \t]+AN[ \t]+ACTION[ \t]+REQUEST|(?:\bENTIRE[ \t]+TEXT[ \t]+)?"
    r"\bSENSITIVE[ \t]+BUT[ \t]+UNCLASS|(?:\b[A-Z][ \t]){5,}[A-Z]\b"
    r"|\b(?:UNCLAS|CONFIDENTIAL|SECRET)[ \t]+(?:SECTION[ \t]+[0-9]|[A-Z ]{2,30}[ \t]0[0-9]{5})"
    r"|\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,[ \t]+[0-9]{1,2}[ \t]+[A-Z][a-z]+[ \t]+"
    r"[12][0-9]{3}",
    re.I)
# The layout tags of a WikiLeaks page left in a text (`<br>`, `</table>`); other `<...>` is text.
# A literal that each of those stops holds (upper case): without one, none can match.
_STOP_WORDS = ("REF", "CLASSIFIED", "E.O", "E. O", "¶", "(", "ACTION", "SENSITIVE", "UNCLAS",
               "CONFIDENTIAL", "SECRET", "DAY,")
_HTML_TAG = re.compile(
    r"</?(?:br|p|div|pre|span|font|a|table|tr|td|strong|em)\b[^<>\n]{0,100}>|<$", re.I)
_SUBJECT_TAIL = re.compile(r"[ \t]+CLASSIFIED$")  # `...ARE WELCOME CLASSIFIED` (the label cut)
_MARKING = re.compile(
    r"^\(\s*(?P<m>(?:TS|S|C|U|SBU|FOUO)(?:\s*/{1,2}\s*[A-Z]{2,8})*)\s*\)\s*", re.I)
_TRAILING_MARKING = re.compile(
    r"\s*\(\s*(?P<m>(?:TS|S|C|U|SBU)(?:\s*/{1,2}\s*[A-Z]{2,8})*)\s*\)$", re.I)
_MAX_SUBJECT = 600
# Older telegrams have no blank line after SUBJECT: a first line this short was not wrapped
# when the next is a line of text, and a wrapped subject ends with a short line.
_UNWRAPPED = 36
_TEXT_LINE = 45
_CUT_OR_REDACTED = re.compile(r"[Xx]{4,}|REMOVED\]|\.\.\.")
_SPACES = re.compile(r"[\s\\]*")


@dataclass(slots=True)
class Subject:
    """A SUBJECT line: its text with wrapped lines joined, and its marking if it had one."""

    text: str
    marking: str | None = None


def parse_subject_details(header: str) -> Subject | None:
    """The SUBJECT of a header with its marking (`(C)`) removed and kept apart, or None."""
    label = find_field(header, "SUBJ", _SUBJECT_LABEL)
    if label is None:
        return None
    start = label.end()
    line_end = header.find("\n", start)
    if line_end >= 0 and not header[start:line_end].strip(" \t\\"):
        # `SUBJECT:` alone on its line, the subject after a blank line.
        spaces = _SPACES.match(header, start)  # matches anywhere (it may match nothing)
        nxt = spaces.end() if spaces else start
        if _SUBJECT_STOP_LINE.match(header, nxt) or find_banner(header[nxt:nxt + 120]):
            return None
        start = nxt
    end = min(len(header), start + _MAX_SUBJECT)
    text = cut_page_markers(header[start:end])
    lines = text.split("\n")
    kept = [lines[0]]
    first = len(header[label.start():start].strip()) + len(lines[0].strip())
    ended = False
    for line in lines[1:]:
        if not line.strip(" \t\\") or _SUBJECT_STOP_LINE.match(line):
            break
        width = len(line.strip())
        if (ended or (len(kept) == 1 and first <= _UNWRAPPED
                      and not _CUT_OR_REDACTED.search(lines[0]))) and width >= _TEXT_LINE:
            break  # `SUBJECT: TAGS MANUAL DISTRIBUTION` not wrapped, a line of text below
        kept.append(line)
        ended = width * 10 < first * 6  # a short line: the subject ends unless more follows
    joined = " ".join(kept)
    upper = joined.upper()
    if any(word in upper for word in _STOP_WORDS) or \
            sum(len(word) == 1 for word in upper.split()) >= 5:  # else no stop can match
        stop = _SUBJECT_STOP_INLINE.search(joined)
        if stop:
            joined = joined[:stop.start()]
    if "<" in joined:
        joined = _HTML_TAG.sub(" ", joined)
    if "&" in joined:
        joined = html.unescape(joined)
    joined = " ".join(joined.replace("\\", " ").split()).strip(" -:")
    joined = _SUBJECT_TAIL.sub("", joined).strip(" -:")
    marking = None
    lead = _MARKING.match(joined)
    if lead:
        marking, joined = lead.group("m").upper(), joined[lead.end():]
    else:
        trail = _TRAILING_MARKING.search(joined)
        if trail:
            marking, joined = trail.group("m").upper(), joined[:trail.start()]
    joined = joined.strip()
    if not joined:
        return None
    return Subject(text=joined, marking=marking)


def parse_subject(header: str) -> str:
    """The SUBJECT line, wrapped lines joined, its marking (`(C)`) removed; "" if there is none.

    >>> parse_subject("SUBJECT: (C) FRANCE'S CHANGING AFRICA POLICY: PART III\\n(MILITARY)")
    "FRANCE'S CHANGING AFRICA POLICY: PART III (MILITARY)"
    """
    subject = parse_subject_details(header)
    return subject.text if subject else ""


# ---------------------------------------------------------------- routing: FM / TO / INFO

_ROUTING = re.compile(r"(?m)^[ \t]*(?P<kind>FM|FROM|TO|INFO)[ \t]+(?P<rest>\S[^\n]*)$")
_ROUTING_STOP = re.compile(
    r"[ \t]*(?:BT\b|TAGS|SUBJ|E\.\s?O\.|REF|CLASSIFIED|SIPDIS|NOFORN|SECTION|-{3,}|[A-Z]\s[A-Z]\s"
    r"|UNCLAS|CONFIDENTIAL|SECRET|ZEN\b|SPECAT|FM\b|TO\b|INFO\b|[0-9]{1,3}\.\s)")
# `RUEHC/SECSTATE WASHDC PRIORITY 4637` -> `SECSTATE WASHDC`: routing indicators, precedence
# and the serial dropped. The serial (1-6 digits after a blank, at the end) is cut first; the
# name then ends where a precedence begins: one search, not a lazy name tried at every
# character against the whole tail.
_ROUTING_INDICATORS = re.compile(r"(?:[A-Z0-9]{4,8}/)*")
_PRECEDENCE = re.compile(r"\s+(?:FLASH|NIACT|IMMEDIATE|PRIORITY|ROUTINE|OPERATIONAL)\b")
_MAX_SERIAL = 6
_LOWER = re.compile(r"[a-z]")
_LETTER = re.compile(r"[A-Za-z]")
_KINDS = {"FM": "from", "FROM": "from", "TO": "to", "INFO": "info"}


def _without_serial(raw: str) -> str:
    """The routing line stripped and without its final serial (`SECSTATE WASHDC 3182` ->
    `SECSTATE WASHDC `): the serial makes most lines of an addressee different, the rest
    repeats."""
    line = raw.strip(" \t\\")
    cut = len(line.rstrip("0123456789"))
    if cut and len(line) - cut <= _MAX_SERIAL and line[cut - 1].isspace():
        return line[:cut]
    return line


@lru_cache(maxsize=8192)  # routing lines without their serial repeat from cable to cable
def _recipient_name(line: str) -> str:
    """The addressee's name in a routing line as `_without_serial` leaves it, "" when it has no
    letter (a serial, a stray mark): told once for a line that repeats (3,300 of them in the
    archive), not at each of its 49,000 readings a pass."""
    start = _ROUTING_INDICATORS.match(line).end()  # type: ignore[union-attr]  # `*`: always
    tail = _PRECEDENCE.search(line, start)
    name = " ".join(line[start:tail.start() if tail else len(line)].split())
    return name if _LETTER.search(name) else ""


def parse_recipients(routing: str) -> list[Recipient]:
    """FM / TO / INFO addressees of a routing header, routing indicators and precedence dropped:
    `TO RUEHC/SECSTATE WASHDC PRIORITY 4637` -> to "SECSTATE WASHDC"."""
    found: list[Recipient] = []
    for match in _ROUTING.finditer(routing):
        if match.group("rest").islower():
            continue
        kind = _KINDS[match.group("kind")]
        names = [match.group("rest")]
        pos = match.end() + 1
        while pos < len(routing):  # continuation lines: more addressees
            end = routing.find("\n", pos)
            end = len(routing) if end < 0 else end
            line = routing[pos:end]
            if not line.strip(" \t\\") or _ROUTING_STOP.match(line) or _LOWER.search(line):
                break
            names.append(line)
            pos = end + 1
        for raw in names:
            name = _recipient_name(_without_serial(raw))
            if name:
                found.append(Recipient(kind=kind, name=name))
    return found


# A page's extract of the cable (its first lines, cut with `...`), blank lines, then a routing
# block (`FM` over `TO`): what the release put after its extract.
_AFTER_EXTRACT = re.compile(r"\.\.\.[ \t]*\n(?:[ \t]*\n)+(?:[^\n]*\n){0,12}?"
                            r"(?P<block>[ \t]*FM[ \t]+\S[^\n]*)\n[ \t]*TO[ \t]")


def find_other_cable(recipients: list[Recipient], text: str) -> tuple[int, str] | None:
    """Where a page's text turns into another post's cable after its extract of this one, and
    that cable's sender (`AMEMBASSY MONTEVIDEO`), or None. Most pages with an extract go on with
    the same cable's full text (and routing); one of the 2011-04-25 release's pages goes on with
    another post's, whose signer and `Classified By` are not this cable's."""
    senders = {r.name for r in recipients if r.kind == "from"}
    match = _AFTER_EXTRACT.search(text) if senders and "..." in text else None
    if match is None:
        return None
    sender = next((r.name for r in parse_recipients(match.group("block")) if r.kind == "from"), "")
    return (match.start("block"), sender) if sender and sender not in senders else None


def origin_of(recipients: list[Recipient], cable_id: str | None) -> str | None:
    """The origin label ("Embassy Paris") from the FM line, else from the ID's post."""
    for recipient in recipients:
        if recipient.kind != "from":
            continue
        words = recipient.name.split()
        if len(words) > 2 and len(words[-1]) == 2:  # `AMEMBASSY TRIPOLI LY`
            words = words[:-1]
        code = post_code(" ".join(words))
        if code and post_origin(code):
            return post_origin(code)
        if len(words) >= 2 and words[0] in ("AMEMBASSY", "AMCONSUL"):
            kind = "Embassy" if words[0] == "AMEMBASSY" else "Consulate"
            return f"{kind} {' '.join(words[1:]).title()}"
    if cable_id:
        match = CANONICAL_ID.fullmatch(cable_id)
        if match:
            return post_origin(match.group("post"))
    return None


# ---------------------------------------------------------------- dates

_MONTHS = {m: i for i, m in enumerate(
    ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), 1)}
# Date-time group: `P 302318Z MAR 06`, `O 221748Z MAY 09`.
_DTG = re.compile(
    r"(?m)^[ \t]*[OPRZ]{1,2}[ \t]+(?P<d>[0-3][0-9])(?P<h>[0-2][0-9])(?P<mi>[0-5][0-9])Z[ \t]+"
    r"(?P<mon>JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[ \t]+(?P<y>[0-9]{2,4})\b")
# What partner outlets put before the text: `Cable dated:2006-02-15T07:44:00`,
# `2009-03-25 17:51:00`, `date: 5/22/2009 17:48`.
_ISO_DATE = re.compile(
    r"(?P<y>(?:19|20)[0-9]{2})-(?P<mo>[01][0-9])-(?P<d>[0-3][0-9])[T ](?P<h>[0-2][0-9]):"
    r"(?P<mi>[0-5][0-9])")
_US_DATE = re.compile(
    r"(?m)^(?:date:\s*)?(?P<mo>[01]?[0-9])/(?P<d>[0-3]?[0-9])/(?P<y>(?:19|20)[0-9]{2})\s+"
    r"(?P<h>[0-2]?[0-9]):(?P<mi>[0-5][0-9])")


def _fmt(y: int, mo: int, d: int, h: int, mi: int) -> str | None:
    if not (1 <= mo <= 12 and 1 <= d <= 31 and h <= 23 and mi <= 59 and 1900 <= y <= 2099):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d} {h:02d}:{mi:02d}"


def find_created(routing: str, preamble: str) -> str | None:
    """When the cable was sent, `YYYY-MM-DD HH:MM`: from the date-time group of its routing
    header, else from a date a partner outlet wrote before the text."""
    for source in (routing, preamble):
        match = _DTG.search(source)
        if match:
            y = int(match.group("y"))
            y = y if y > 99 else (1900 + y if y >= 66 else 2000 + y)
            found = _fmt(y, _MONTHS[match.group("mon")], int(match.group("d")),
                         int(match.group("h")), int(match.group("mi")))
            if found:
                return found
    for pattern in (_ISO_DATE, _US_DATE):
        match = pattern.search(preamble)
        if match:
            found = _fmt(*(int(match.group(k)) for k in ("y", "mo", "d", "h", "mi")))
            if found:
                return found
    return None


_PREAMBLE_ID = re.compile(r"(?m)(?:^refid:\s*|^|\t)(?P<id>[0-9]{2}[A-Z]{2,40}[1-9][0-9]{0,6})"
                          r"(?=\s*$|\t)")


def find_preamble_id(preamble: str) -> str | None:
    """A canonical ID a partner outlet wrote before the text (`refid: 09ASUNCION338`)."""
    match = _PREAMBLE_ID.search(preamble)
    return match.group("id") if match else None
