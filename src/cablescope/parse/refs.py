"""The REF block: which cables (and which other agencies' messages, e-mails, calls) a cable answers.

`REF: PARIS 5232`, lettered lists (`A. PARIS 1501  B. 06 PARIS 5733`, `A)`, `(A)`, WikiLeaks'
`¶B.`, `REF A:`), `;`-separated lists, `AND PREVIOUS`, `(NOTAL)`, blocks wrapped over many lines,
with blank lines between entries, an entry cut by a page break (the running head `PARIS 00001698
002 OF 009`, or `PAGE 02 STATE 237171` in 1970s telegrams), a year or a post left at a line's end.

Each entry gets a kind: `cable` (a telegram: a post and a serial), `defense` (SECDEF, the Joint
Staff, attaches, commands), `intelligence` (intelligence report numbers such as `IIR 6 809 0156
10`, CIA or DIA messages), `agency` (the White House, Treasury and other departments) or `other`
(e-mails, calls, letters, reports). A cable's post is canonicalised against the gazetteer
(`posts.resolve_post`: `SATTE 07237` is 08STATE7237); a post the gazetteer does not know keeps
`cable_id` None and is named in `unknown_posts`, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from cablescope.parse._scan import find_field
from cablescope.parse.ids import cut_page_markers, two_digit_year
from cablescope.parse.model import Reference
from cablescope.parse.posts import PostMatch, compact, resolve_post

__all__ = ["find_ref_block", "parse_reference_list", "parse_references", "reference_kind",
           "unknown_posts"]

# `REF:`, `REFS:`, `REFTEL:`, `REF(S):`, `REF...` anywhere (`...EGYPTREF: CAIRO 493` in
# run-together texts); `REF BRASILIA 1837` without a colon only at a line start.
_LABEL = re.compile(r"REF(?:S|TELS?|ERENCES?|\(S\))?(?P<colon>[ \t]*:)?(?![A-Za-z])\.{0,3}", re.I)
# Where a REF block ends at the latest: the next header field or the first paragraph. The
# lookahead tells first what every alternative starts with (C, S, E, T, `¶`, a digit, or blanks
# at a line start): most positions fail that one test instead of all the alternatives (the
# search over the archive's REF blocks 0.095 -> 0.046 CPU s).
_END = re.compile(
    r"(?=[CSET¶0-9]|(?m:^)[ \t])"
    r"(?:classified[ \t\n]+by|\bSIPDIS\b|SECTION[ \t]+0*1[ \t]+OF[ \t]|\bE\.[ \t]?O\.[ \t\n]"
    r"|\bEO[ \t]+1295|\bTAGS\b|\bSUBJECT\b|\bSUMMARY\b"
    r"|¶[ \t]*[0-9]|(?m:^[ \t]*[0-9]{1,2}\.(?![0-9]))|(?<=[ \t\n])[0-9]{1,2}\.[ \t\n]+\()",
    re.I,
)
# A section header (`C O N F I D E N T I A L SECTION 02 OF 03 PARIS 001234`) inside a block: a
# multi-part cable's next part. Not a reference.
_SECTION_HEADER = re.compile(
    r"(?:(?:[A-Z][ \t]){4,}[A-Z]|UNCLAS(?:SIFIED)?|CONFIDENTIAL|SECRET)?[ \t]*"
    r"SECTION[ \t]+[0-9]{1,2}[ \t]+OF[ \t]+[0-9]{1,2}[ \t]+[A-Z][A-Z .'\-]{0,30}?[ \t]+[0-9]{1,7}"
    r"(?![0-9])")
_BLANK_LINE = re.compile(r"\n[ \t\\]*\n")
_LETTER = re.compile(
    r"(?:(?<=^)|(?<=[\s¶;,.:]))(?:REF(?:TEL)?[ \t]+(?P<c>[A-Z])[ \t]*[:.)]|\((?P<a>[A-Z])\)"
    r"|(?P<b>[A-Z])[.)])(?=[\s(\[]|[0-9A-Z]{2})",
    re.I,
)
_DANGLING_LETTER = re.compile(r"\(?[A-Za-z][.):]|\([A-Za-z]\)")
_FILLER = re.compile(r"[\s,;:.()\-]+")
_MAX_BLOCK = 2000
_PAGE_SLACK = 600  # what running heads and page breaks cut out of a block may make up

# Words and numbers; a word may end in a zero typed for an O before a serial (`SANTIAG0 465`).
_TOKEN = re.compile(r"[A-Za-z]+(?:0(?=[ \t\n]+[0-9]))?|[0-9]+")
_MAX_POST_WORDS = 6
_MAX_FUZZY_WORDS = 3
# `BOGOTA 8108 AND 9795`, `STATE 12345, 23456`: a further serial of the same post and year.
_MORE = re.compile(r"[ \t\n]*(?:,|&|\bAND\b)[ \t\n]*0*(?P<serial>[0-9]{2,7})(?![0-9A-Za-z/:.\-])",
                   re.I)
_SEPARATORS = frozenset(("AND", "&"))
# The date after a serial written without a year: `JIDDA 6585, NOV. 11, 1974`, `OF 3 MAY 2006`.
_DATED = re.compile(
    r"[ \t\n]*,?[ \t\n]*(?:(?:DATED|OF)[ \t\n]+)?(?:(?P<month>[A-Za-z]{3,9})\.?[ \t\n]+[0-9]{1,2},?"
    r"|[0-9]{1,2}[ \t\n]+(?P<month2>[A-Za-z]{3,9})\.?,?)[ \t\n]+"
    r"(?P<year>(?:19|20)[0-9]{2})(?![0-9])",
    re.I)
_MONTHS = frozenset([
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
])

# Words naming other agencies' messages, by kind (whole words of the entry, upper case).
_INTELLIGENCE = frozenset([
    "IIR", "IIRS", "TD", "CIA", "CIAWASH", "DIA", "NSA", "DNI", "NCTC", "OSC", "FBIS", "FBI",
    "NGA", "INTSUM", "HUMINT", "SIGINT",
])
_DEFENSE = frozenset([
    "SECDEF", "DOD", "OSD", "JCS", "CJCS", "JOINTSTAFF", "USDAO", "DAO", "DATT", "ODC", "OMC",
    "USDP", "DSCA", "DTRA", "CNO", "HQ", "CDR", "CJTF", "MNF", "MNFI", "MNCI", "ISAF", "USMC",
    "USAF", "NAVY", "ARMY", "SHAPE", "SACEUR", "DEFATT", "MILGP", "USMILGP", "JUSMAG", "KUSLO",
    "OSDP", "DASD", "USD",
])
_AGENCY = frozenset([
    "WHITEHOUSE", "NSC", "TREASURY", "TREAS", "USDOC", "DOC", "COMMERCE", "USDA", "FAS", "USAID",
    "AID", "USTR", "DHS", "DOJ", "DOE", "DOL", "LABOR", "DEA", "FAA", "USCG", "CBP", "ICE",
    "EXIM", "OPIC", "MCC", "USTDA", "USPTO", "USCIS", "HHS", "CDC", "EPA", "NASA", "NRC", "INL",
])
_COMMAND = re.compile(r"(?:US)?(?:CINC[A-Z]*|COMUS[A-Z]*|[A-Z]*(?:CENT|EU|PA|SOUTH|NORTH|AFRI|"
                      r"SO|TRANS|STRAT|CYBER)COM)")
# Words that can stand before a number in an entry without being a post's name.
_NOT_POSTS = frozenset([
    "JAN", "JANUARY", "FEB", "FEBRUARY", "MAR", "MARCH", "APR", "APRIL", "MAY", "JUN", "JUNE",
    "JUL", "JULY", "AUG", "AUGUST", "SEP", "SEPT", "SEPTEMBER", "OCT", "OCTOBER", "NOV",
    "NOVEMBER", "DEC", "DECEMBER", "PARA", "PARAS", "PARAGRAPH", "PARAGRAPHS", "SECTION",
    "ARTICLE", "NO", "NUMBER", "PAGE", "PAGES", "ITEM", "CASE", "FILE", "LAW", "DECREE",
    "RESOLUTION", "UNSCR", "UNSC", "FAM", "FAH", "CFR", "USC", "CHAPTER", "TITLE", "ANNEX",
    "EMAIL", "EMAILS", "MAIL", "TELCON", "TELCONS", "MEMO", "LETTER", "NOTE", "REPORT", "REPORTS",
    "DAILY", "POINTS", "FAX", "DIPNOTE", "DTG", "DATED", "OF", "ON", "AND", "THE", "FROM", "TO",
    "BY", "IN", "AT", "FOR", "WITH", "MSG", "MESSAGE", "CABLE", "CABLES", "TELEGRAM", "REFTEL",
    "SEPTEL", "AIRGRAM", "CIRCULAR", "CA", "NOTAL", "EXDIS", "NODIS", "LIMDIS", "ROGER", "SERIAL",
    "VOL", "PHASE", "TIER", "LEVEL", "STEP", "ROUND", "PUBLIC", "ACT", "BILL", "ORDER", "YEAR",
    "FY", "ZULU", "UTC", "GMT", "AM", "PM", "PART", "PARTS", "PARTY", "ROLE", "ROUTE", "RATE",
])
# What may follow an entry's serial without making it more than `[year] post serial`.
_TRAILING_NOTES = re.compile(
    r"(?:[ \t\n]*(?:\((?:NOTAL|NOTALS|EXDIS|NODIS|LIMDIS|SBU|U|C|S|S/NF|C/NF)\)|NOTAL|"
    r"AND[ \t\n]+PREVIOUS|\(AND[ \t\n]+PREVIOUS\)|ALL[ \t\n]+NOTAL|[.,;]))*[ \t\n]*$", re.I)
_REDACTED = re.compile(r"[Xx]{4,}")
_STRAY_LETTER = re.compile(
    r"(?<![A-Za-z])(?P<post>[A-Za-z]{3,20})[ \t]+[A-Z]\.(?=[ \t]+0*[0-9]{1,7}(?![0-9]))")
# Exchanges between people, not an agency's message (`OSD-SAN JOSE EMAILS`, `TREASURY TELCONS`).
_CONVERSATION = frozenset([
    "EMAIL", "EMAILS", "MAIL", "MAILS", "TELCON", "TELCONS", "MEMCON", "MEMCONS", "PHONE", "CALL",
    "CALLS", "CONVERSATION", "CONVERSATIONS", "DVC", "DVCS", "VTC", "LETTER", "LETTERS",
    "MEETING", "MEETINGS", "DISCUSSION", "DISCUSSIONS", "FAX",
])


@dataclass(slots=True)
class _Found:
    raw: str
    cable_id: str | None
    post: PostMatch | None
    written_post: str | None


def find_ref_block(header: str) -> str | None:
    """The text of the first REF block in `header` (label removed, page running heads and
    section headers cut out), or None if there is none. A label WikiLeaks cut short (`REF...`
    and nothing more on its line) leaves the block to the next label, if any."""
    pos = 0
    for _ in range(4):
        label = find_field(header[pos:], "REF", _LABEL)
        if label is None:
            return None
        start = pos + label.end()
        line_end = header.find("\n", start)
        rest = header[start:line_end if line_end >= 0 else len(header)]
        if label.group(0).endswith("...") and not rest.strip(" \t.\\"):
            pos = start
            continue
        return _block_at(header, start)
    return None


def _block_at(header: str, start: int) -> str:
    region = header[start:start + _MAX_BLOCK + _PAGE_SLACK]
    region = cut_page_markers(region)
    if "SECTION" in region:  # a section header in the block (rare: the pattern is not cheap)
        region = _SECTION_HEADER.sub(" ", region)
    region = region[:_MAX_BLOCK]
    end_field = _END.search(region)
    end = end_field.start() if end_field else len(region)
    # A blank line ends the block unless the entry goes on after it: the next letter, the
    # serial of a post (or the post and serial of a year) left at the end of a line, or the
    # entry of a letter left alone.
    pos = 0
    while True:
        blank = _BLANK_LINE.search(region, pos, end)
        if blank is None:
            break
        before = region[:blank.start()]
        after = region[blank.end():end].lstrip(" \t\n¶\\")
        if not before.strip() or _goes_on(before, after):
            pos = blank.end()
            continue
        end = blank.start()
        break
    return region[:end]


def _goes_on(before: str, after: str) -> bool:
    letters = [m.group("a") or m.group("b") or m.group("c") for m in _LETTER.finditer(before)]
    expected = chr(ord(letters[-1].upper()) + 1) if letters else "A"
    head = after[:12].upper()
    if head.startswith((f"{expected}.", f"{expected})", f"({expected})", f"REF {expected}")):
        return True
    tail = before.rstrip(" \t\n\\")
    words = tail.split()
    if not words:
        return False
    last = words[-1]
    starts_with_serial = _SERIAL_FIRST.match(after) is not None
    year_alone = len(words) == 1 or not words[-2].isalpha() or _LETTER.fullmatch(words[-2])
    if last.isdigit() and len(last) in (2, 4) and year_alone and _cable_refs(after[:80], 0):
        return True  # `C. 08 \n\nSAO PAULO 0590`
    if starts_with_serial and last.isalpha():
        return _post_words_at_end(words) is not None  # `B) BRASILIA \n\n2314`
    if _DANGLING_LETTER.fullmatch(last) or last.upper() in ("AND", "&"):
        return bool(_cable_refs(after[:80], 0))  # `D. \n\nBRASILIA 1038`
    return False


_SERIAL_FIRST = re.compile(r"0*[0-9]{1,7}(?![0-9A-Za-z])")
_WORD = re.compile(r"[A-Z]+")
_INTELLIGENCE_NUMBER = re.compile(r"\bTDX?[- ]?31[0-9]\b|\b31[0-9]/[0-9]|\bIIRS?\b")


@lru_cache(maxsize=64)
def _doubled(letter: str) -> re.Pattern[str]:
    """A list letter's marker written twice: `A. A) EMBASSY PARIS ...`, `¶B. (B) STATE 41489`,
    `A. REF A: 07 TGG` (compiled once for each letter)."""
    return re.compile(rf"[ \t\n]*(?:REF(?:TEL)?[ \t]+{letter}[ \t]*[:.)]|\({letter}\)"
                      rf"|{letter}[.)])[ \t\n]*", re.I)


def _post_words_at_end(words: list[str]) -> str | None:
    for n in range(min(_MAX_POST_WORDS, len(words)), 0, -1):
        if all(w.isalpha() for w in words[-n:]):
            match = resolve_post(" ".join(words[-n:]), fuzzy=False)
            if match is not None:
                return match.code
    return None


def _entries(block: str) -> list[tuple[str | None, str]]:
    """Split a REF block into (letter, text) entries; letters must come in order A, B, C...

    Unlettered text is split at `;` (`STATE 37005; STATE 36991`); a lettered entry stays whole,
    its notes included (`07 TRIPOLI 370 - QADHAFI: ...; LIBYA NOW ...`).
    """
    cuts: list[tuple[int, int, str]] = []
    expected = "A"
    for match in _LETTER.finditer(block):
        letter = (match.group("a") or match.group("b") or match.group("c")).upper()
        if letter == expected:
            cuts.append((match.start(), match.end(), letter))
            expected = chr(ord(expected) + 1)
    head = block[:cuts[0][0]] if cuts else block
    entries: list[tuple[str | None, str]] = [(None, part) for part in head.split(";")]
    for i, (_, text_start, letter) in enumerate(cuts):
        text_end = cuts[i + 1][0] if i + 1 < len(cuts) else len(block)
        body = block[text_start:text_end]
        # doubled markers: `A. A) EMBASSY PARIS ...`, `¶B. (B) STATE 41489`, `A. REF A: 07 TGG`
        doubled = _doubled(letter).match(body)
        entries.append((letter, body[doubled.end():] if doubled else body))
    return [(letter, text) for letter, text in entries if _FILLER.sub("", text).strip("¶\\")]


def _clean(raw: str) -> str:
    return " ".join(raw.replace("¶", " ").replace("\\", " ").split()).strip(" ,;")


def _cable_id(year: int | None, code: str, serial: str) -> str | None:
    number = int(serial)
    if year is None or number == 0 or len(str(number)) > 7:
        return None
    return f"{year:02d}{code}{number}"


def _cable_refs(text: str, year: int | None) -> list[_Found]:
    """Each cable written in one entry: a post name followed by a serial, with an optional year
    before it (`06 PARIS 5733`, `2005 LISBON 1609`, `09CAIRO2122`, `AMEMBASSY PARIS 1234`).
    `year` (two digits) completes those without one. A misspelt or cut-short post is recognised
    where the entry opens with it (or with its year, or after `,` `;` `AND`)."""
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    found: list[_Found] = []
    i = 0
    while i < len(tokens):
        s_start, s_end, serial = tokens[i]
        i += 1
        if not serial.isdigit() or len(serial.lstrip("0")) > 7 or _is_dtg(text, s_end) \
                or _in_date(text, s_start, s_end):
            continue
        post = _post_before(text, tokens, i - 1)
        if post is None:
            continue
        first, match = post
        ref_start = tokens[first][0]
        ref_year = None
        if first > 0:
            y_start, y_end, y_text = tokens[first - 1]
            if y_text.isdigit() and not text[y_end:ref_start].strip() and (
                    len(y_text) == 2 or (len(y_text) == 4 and y_text[:2] in ("19", "20"))):
                ref_year, ref_start = two_digit_year(y_text), y_start
        if ref_start > 0 and (text[ref_start - 1] in "/-" or text[ref_start - 1].isalnum()
                              or (text[ref_start - 1] == "." and ref_start > 1
                                  and text[ref_start - 2].isalnum())):
            continue  # `//USDAO PARIS`, part of a longer word or a dotted number
        cite_year = ref_year if ref_year is not None else year
        dated = _DATED.match(text, s_end) if ref_year is None else None
        if dated and (dated.group("month") or dated.group("month2"))[:3].upper() in _MONTHS:
            cite_year = two_digit_year(dated.group("year"))  # `JIDDA 6585, NOV. 11, 1974`
        written = text[tokens[first][0]:s_start].strip()
        code = match.code
        found.append(_Found(text[ref_start:s_end], _cable_id(cite_year, code, serial), match,
                            written))
        pos = s_end
        while (more := _MORE.match(text, pos)) and _post_after(text, more.end()) is None:
            found.append(_Found(f"{written} {more.group('serial')}",
                                _cable_id(cite_year, code, more.group("serial")), match,
                                written))
            pos = more.end()
        while i < len(tokens) and tokens[i][0] < pos:
            i += 1
    return found


def _in_date(text: str, start: int, end: int) -> bool:
    """Part of a date or a compound number (`12/24/08`, `08-134`, `5.2`), not a serial."""
    after, before = text[end:end + 2], text[start - 1:start] if start else ""
    return before in ("/", "-") or (len(after) == 2 and after[0] in "/-." and after[1].isdigit())


def _is_dtg(text: str, end: int) -> bool:
    """A date-time group (`121500Z`), not a serial."""
    return text[end:end + 1] in ("Z", "z") and not text[end + 1:end + 2].isalpha()


def _opens_entry(text: str, tokens: list[tuple[int, int, str]], j: int) -> bool:
    """Whether token j opens the entry (after its year at most, or after `,` `;` `AND`)."""
    k = j - 1
    if k >= 0 and tokens[k][2].isdigit() and len(tokens[k][2]) in (2, 4) and \
            not text[tokens[k][1]:tokens[k + 1][0]].strip():
        k -= 1  # the year written before the post
    if k < 0:
        return not text[:tokens[k + 1][0]].strip(" \t\n¶\\.:)(")
    gap = text[tokens[k][1]:tokens[k + 1][0]]
    return ";" in gap or "," in gap or tokens[k][2].upper() in _SEPARATORS


def _post_before(text: str, tokens: list[tuple[int, int, str]],
                 i: int) -> tuple[int, PostMatch] | None:
    """(index of its first token, how it was recognised) of the post name just before token i:
    the longest listed name, else (where the entry opens with it) a misspelt or cut-short one."""
    words: list[str] = []
    starts: list[int] = []
    j = i - 1
    next_start = tokens[i][0]
    while j >= 0 and len(words) < _MAX_POST_WORDS:
        start, end, word = tokens[j]
        if word[0].isdigit() or text[end:next_start].strip() or (words and word[-1] == "0"):
            break
        words.insert(0, word)
        starts.insert(0, j)
        next_start = start
        j -= 1
    if not words:
        return None
    if len(words) > 1 and len(words[-1]) == 1 and text[tokens[starts[-1]][1]:][:1] in (".", ")"):
        words, starts = words[:-1], starts[:-1]  # `TRIPOLI B. 161`: a list letter astray
    typo = words[-1][-1] == "0"  # `SANTIAG0`
    if typo:
        words[-1] = words[-1][:-1] + "O"
    for n in range(len(words), 0, -1):  # the longest listed name
        match = resolve_post(" ".join(words[-n:]), fuzzy=False)
        if match is None or (match.how == "abbreviation"
                             and not _opens_entry(text, tokens, starts[-n])):
            continue  # `EMAIL TO DEPT 12`: an abbreviation only opening an entry
        return starts[-n], PostMatch(match.code, match.raw, "spelling") if typo else match
    for n in range(min(len(words), _MAX_FUZZY_WORDS), 0, -1):
        first = starts[-n]
        if not _opens_entry(text, tokens, first) or any(
                w.upper() in _NOT_POSTS for w in words[-n:]):
            continue
        match = resolve_post(" ".join(words[-n:]))
        if match is not None:
            return first, match
    return None


def _post_after(text: str, pos: int) -> str | None:
    """The code of a known post written right after `pos` (then a number before it is a year)."""
    words = []
    for match in _TOKEN.finditer(text, pos, min(len(text), pos + 80)):
        if text[pos:match.start()].strip() or not match.group().isalpha():
            break
        words.append(match.group())
        found = resolve_post(" ".join(words), fuzzy=False)
        if found is not None:
            return found.code
        if len(words) >= _MAX_POST_WORDS:
            break
        pos = match.end()
    return None


# `[year] NAME serial` and nothing else (notes aside): a cable reference whatever NAME is.
_BARE_CABLE = re.compile(
    r"(?:(?:19|20)?[0-9]{2}[ \t\n]+)?(?P<post>[A-Z][A-Z'.\-]*(?:[ \t\n]+[A-Z][A-Z'.\-]*){0,2})"
    r"[ \t\n]+(?P<serial>[0-9]{1,7})", re.I)


def _unknown_cable(text: str, year: int | None) -> _Found | None:
    """An entry written exactly as a cable reference whose post the gazetteer does not know
    (`BLABLA 123`, `09 XXXXXXXXXXXX 167`): a cable, its ID unknown."""
    flat = " ".join(text.replace("¶", " ").replace("\\", " ").split())
    if len(flat) > 60:
        return None
    notes = _TRAILING_NOTES.search(flat)
    core = flat[:notes.start()] if notes else flat
    match = _BARE_CABLE.fullmatch(core)
    if match is None:
        return None
    words = match.group("post").upper().split()
    serial = match.group("serial")
    if any(w.strip(".'-") in _NOT_POSTS or _kind_of_word(w) for w in words) or \
            _kind_of_word("".join(words)) or len(words[-1].strip(".")) == 1 or \
            (len(serial) == 4 and serial[:2] in ("19", "20")):
        return None  # another agency, a stray list letter, a year (`INCSR BRAZIL 2008`)
    return _Found(core, None, None, match.group("post"))


def _kind_of_word(word: str) -> str | None:
    word = compact(word)
    if word in _INTELLIGENCE:
        return "intelligence"
    if word in _DEFENSE or (len(word) >= 5 and _COMMAND.fullmatch(word)):
        return "defense"
    if word in _AGENCY:
        return "agency"
    return None


def reference_kind(text: str) -> str:
    """The kind of a non-cable reference: `intelligence` (`IIR 6 809 0156 10`, `CIAWASH
    542085`, `TD-314/...`), `defense` (`SECDEF MSG DTG ...`, `USDAO PARIS`, a command),
    `agency` (`WHITE HOUSE 853`, `TREASURY`), else `other` (e-mails, calls, reports)."""
    upper = text.upper()
    words = _WORD.findall(upper[:_MAX_BLOCK])
    if _INTELLIGENCE_NUMBER.search(upper):
        return "intelligence"
    if _CONVERSATION.intersection(words):
        return "other"  # an e-mail or call with someone at an agency is not its message
    kinds = [_kind_of_word(w) for w in words]
    if "WHITE" in words and "HOUSE" in words:
        kinds.append("agency")
    for kind in ("intelligence", "defense", "agency"):
        if kind in kinds:
            return kind
    return "other"


def _kind_of_cable(match: PostMatch | None) -> str:
    return "defense" if match is not None and match.code == "SECDEF" else "cable"


def parse_reference_list(header: str, year: int | None = None) -> list[Reference]:
    """Every entry of the REF block, cable or not, in order, each with its kind.

    A cable entry gets its canonical ID (`year`, the citing cable's year, completes references
    written without one) and the post as written beside it; anything else (an e-mail, a call,
    another agency's message, a reference whose year or post is unknown) keeps `cable_id` None
    and its text in `raw`.
    """
    block = find_ref_block(header)
    if block is None:
        return []
    try:
        citing = two_digit_year(year) if year is not None else None
    except ValueError:
        citing = None
    refs: list[Reference] = []
    for letter, text in _entries(block):
        if ". " in text:
            text = _STRAY_LETTER.sub(_drop_stray_letter, text)
        cables = _cable_refs(text, citing)
        if not cables:
            unknown = _unknown_cable(text, citing)
            cables = [unknown] if unknown else []
        if cables:
            refs.extend(Reference(raw=_clean(found.raw), cable_id=found.cable_id, letter=letter,
                                  kind=_kind_of_cable(found.post),
                                  post=_clean(found.written_post or "") or None,
                                  post_match=found.post.how if found.post else None)
                        for found in cables)
            refs.extend(Reference(raw=raw, cable_id=None, letter=letter, kind=reference_kind(raw))
                        for raw in _messages_beside(text, citing))
        else:
            raw = _clean(text)
            refs.append(Reference(raw=raw, cable_id=None, letter=letter,
                                  kind=reference_kind(raw)))
    return refs


def _drop_stray_letter(match: re.Match[str]) -> str:
    """`TRIPOLI      B. 161`: a list letter WikiLeaks' markup put between a post and its serial."""
    if resolve_post(match.group("post"), fuzzy=False) is None:
        return match.group(0)
    return match.group("post") + " "


def _messages_beside(text: str, year: int | None) -> list[str]:
    """The `;`-separated parts of an entry that name no cable but a call, an e-mail or another
    agency's message (`05 VATICAN 475 ET AL.; MARTIN - CURTIN TELCONS`); other notes stay
    with their cable."""
    parts = text.split(";")
    if len(parts) < 2:
        return []
    out = []
    for part in parts:
        raw = _clean(part)
        if raw and not _cable_refs(part, year) and (
                _CONVERSATION.intersection(_WORD.findall(raw.upper()))
                or reference_kind(raw) != "other"):
            out.append(raw)
    return out


def unknown_posts(references: list[Reference]) -> list[Reference]:
    """The cable references whose post the gazetteer does not know (redactions aside)."""
    return [ref for ref in references
            if ref.kind == "cable" and ref.post and ref.post_match is None
            and not _REDACTED.search(ref.post)]


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
