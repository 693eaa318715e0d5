"""`Classified By:` lines: who classified the cable, with what title, for which reasons.

`Classified By: Ambassador Craig R. Stapleton for reasons 1.4 (b) and (d)` (title, name),
`CLASSIFIED BY: Gene A. Cretz, Ambassador, U.S. Embassy - Tripoli, U.S. Dept of State. REASON:
1.4 (b), (d)` (name, title, organisation), `Classified By: DCM Hugo Llorens; reason 1.4 (B) and
(D)`, `COM: M.E. Parmly`, `P/E CHIEF SHUBLER`, `Berliner,Nicholas, PolEcon-Chief`, a title with no
name (`Charge d'Affaires, for reasons ...`), wrapped lines and two classifiers in one cable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cablescope.parse._scan import find_label

__all__ = ["ClassifiedBy", "parse_classified_by", "parse_classified_by_details"]

_LABEL = re.compile(r"classified\s+by\s*:?", re.I)
_BLOCK_END = re.compile(
    r"\n[ \t\\]*\n|¶|(?m:^[ \t]*[0-9]{1,2}\.(?:\s|\())|(?<=\s)[0-9]{1,2}\.\s+\(|classified\s+by",
    re.I)
_MAX_BLOCK = 400
# E.O. 12958 section 1.4 (1.5 before 2003) and its letters: `1.4 (b) and (d)`, `1.4 b/d`.
_REASONS = re.compile(
    r"1\s*[./,]\s*[45]\.?(?:[\s,;&/()]|\b(?:and|AND|or)\b|(?<![A-Za-z])[a-hA-H](?![A-Za-z]))*")
_REASON_WORD = re.compile(
    r"[\s,;.:]*(?:\bfor\s+(?:the\s+)?reasons?\b|\bfor\s+E\.\s?O\.|\breasons?\b|\bper\b)", re.I)
_TITLE_TEXT = """
ambassador amb amb. ambassador-designate charge charge' chargé d'affaires d’affaires d'affairs
d'affaires, a.i. ai a.i cda dcm deputy chief of mission acting political economic econ pol
polecon counselor counsellor couns polcouns econcouns econ/pol minister minister-counselor
minister-counsellor consul general cg principal officer po poloff econoff section head director
assistant secretary under affairs public management regional security rso defense attache
military coordinator advisor adviser special envoy senior representative permanent permrep
consular legal labor environment science technology commercial agricultural executive exec
interim office com pao das chief and for the political-military
pol-mil polmil pol-econ political-economic economic-political a/dcm officer-in-charge charge.
affairs, counselor, sr. senior. dep deputy. acting. ambassador, mc adcm emin econmin ecpo pdas
isn sca io eur wha pas prt polmincouns econmincouns mincouns polcounselor counseor couselor
ambasador affaires d’ d' polmc leader minister-counseor dir head polchief econchief
offficer officer polecon-chief pol/econ mission ambassador-at-large envoy a/s das dasd
"""
_TITLE_WORDS = frozenset(_TITLE_TEXT.split())
_ORG_TEXT = """
embassy department dept state u.s. usg consulate bureau government washington us unit section
office division directorate mission post usmission amembassy amconsul
"""
_ORG_WORDS = frozenset(_ORG_TEXT.split())
_NAME_TOKEN = re.compile(
    r"(?:[A-Z][A-Za-z'’\-]+\.?|(?:[A-Z]\.){1,3}(?:[A-Z][a-z'’\-]+)?|[A-Z]|(?:de|van|von|da|del|la|le|al|bin|di|du|der"
    r"|dos|das)|Jr\.?|Sr\.?|II|III|IV)$")
_BROKEN_TAIL = frozenset(("fo", "for", "rea", "reas", "reaso", "reason", "e.o", "eo"))
_REDACTED = re.compile(r"[Xx]{4,}")
_TRUNCATED = re.compile(r"\S*\.\.\..*$", re.S)
# Chunks of the line: at `,` `;` `:` ` - `, but not before a name's suffix (`Blake, Jr.`).
_CHUNK_SEP = re.compile(r"[;:]|,(?![ \t]?(?:Jr|JR|jr|Sr|SR|sr|III|II|IV)\b)|\s-\s")
_SUFFIXES = frozenset(("jr", "jr.", "sr", "sr.", "ii", "iii", "iv"))
# `Confidential by Political Minister ...` (09MEXICO2556): the label written another way.
_OTHER_LABEL = re.compile(r"^(?:confidential|secret|unclassified|classification)[ \t]+by\b[ \t:]*",
                          re.I)
# A word broken in two by a stray space (`Do nald A. Blome`, 09CAIRO1679).
_BROKEN_WORD = re.compile(
    r"\b([A-Z][a-z]{1,12}) ([a-z]{2,})\b|\b([A-Z][a-z]{2,12}) ([a-z]) (?=[A-Z])")
# Lower-case words that follow a name or a title without being part of it.
_NOT_BROKEN = frozenset([
    "and", "for", "the", "reasons", "reason", "per", "of", "to", "in", "on", "at", "by", "a.i",
    "ai", "or", "with", "from", "under", "as", "is",
])
_PARTICLES = frozenset([
    "de", "van", "von", "da", "del", "la", "le", "al", "bin", "di", "du", "der", "dos", "das",
])
_CONNECTORS = frozenset(("to", "in", "for", "of", "at", "the"))
_SPACE_IN_PARENS = re.compile(r"\(\s+|\s+\)")
_DANGLING_AND = re.compile(r"\s+(?:and|AND|or|&)$")
_SURNAME_GIVEN = re.compile(r"^([A-Z][a-z'\-]+),([A-Z][a-z'\-]+)\b")


@dataclass(slots=True)
class ClassifiedBy:
    """Who classified a cable: names as written, the first title given, the reasons."""

    names: list[str] = field(default_factory=list)
    title: str | None = None
    reasons: str | None = None


def _is_title_word(word: str) -> bool:
    low = word.lower().strip(",;")
    if low in _TITLE_WORDS:
        return True
    if "/" in low and len(low) <= 12:
        return True
    if "-" in low:
        return all(part in _TITLE_WORDS for part in low.split("-") if part)
    return False


def _is_name_word(word: str, mixed_case: bool = False) -> bool:
    if word.lower() in _SUFFIXES:
        return True
    bare = word.rstrip(",")
    if mixed_case and len(bare) >= 2 and bare.isupper() and bare.isalpha():
        return False  # `DRL Karen Stewart`: an office's letters before a name written in lower case
    return (_NAME_TOKEN.match(bare) is not None and not _is_title_word(bare)
            and bare.lower().strip(".") not in _ORG_WORDS and not _REDACTED.match(bare))


def _name_run(words: list[str]) -> tuple[int, int] | None:
    """(start, end) of the name among `words`: the last run of two or more name-like words,
    else the last single one — the name comes after the title (`Coordinating Director for ...
    Affairs Ambassador E. Anthony Wayne`) and a broken word does not beat it (`Josiah
    Rosenblatt for Reaso ns`)."""
    runs: list[tuple[int, int]] = []
    # written in mixed case: a capitalised word with small letters that is not a title
    mixed = any(w[:1].isupper() and w[1:] != w[1:].upper() and not _is_title_word(w)
                for w in words)
    placed = _places_after_connectors(words)
    i = 0
    while i < len(words):
        if not _is_name_word(words[i], mixed) or words[i].islower() or i in placed \
                or words[i].lower() in _SUFFIXES:
            i += 1
            continue
        j = i
        while j < len(words) and _is_name_word(words[j], mixed) and j not in placed:
            j += 1
        end = j
        while end > i and words[end - 1].islower():  # a particle cannot end a name
            end -= 1
        if any(len(w.strip(".")) > 1 for w in words[i:end]):
            runs.append((i, end))
        i = j
    runs = [run for run in (_trim(words, start, end) for start, end in runs) if run]
    longer = [run for run in runs if run[1] - run[0] > 1]
    found = longer or runs
    return found[-1] if found else None


def _places_after_connectors(words: list[str]) -> set[int]:
    """Indexes of the words naming a place or an office after `to` / `in` / `for` / `of`:
    `Ambassador to Turkey Ross Wilson`, `Consul General in Monterrey`."""
    from cablescope.parse.posts import place_words

    places = place_words()
    found: set[int] = set()
    for i, word in enumerate(words):
        if word.lower() not in _CONNECTORS:
            continue
        j = i + 1
        while j < len(words) and (words[j].lower() == "the" or
                                  words[j].strip(",.").upper() in places):
            found.add(j)
            j += 1
    return found


def _trim(words: list[str], start: int, end: int) -> tuple[int, int] | None:
    """A run without the pieces of a broken `for reasons` / `E.O.` at its end (`Josiah B.
    Rosenblatt. Reas`, `DONALD A. BLOME FO R`)."""
    while end > start:
        last = words[end - 1].strip(".").lower()
        if last in _BROKEN_TAIL or (len(last) == 1 and not words[end - 1].endswith(".")):
            end -= 1
        else:
            break
    return (start, end) if end > start else None


_AND = re.compile(r"[ \t]+(?:and|AND|&)[ \t]+")


def _split_people(chunk: str) -> list[str]:
    """`Poloff Steven Prohaska and DTRA Fred Carter` -> two chunks, one person each; not
    `Minister Counselor for Economic and Political Affairs Donald A. Blome`."""
    if " and " not in chunk and " AND " not in chunk and "&" not in chunk:
        return [chunk]
    parts = []
    pos = 0
    for match in _AND.finditer(chunk):
        words = _strip_end(chunk[pos:match.start()], " .").split()
        run = _name_run(words)
        if run is not None and run[1] == len(words) and run[1] - run[0] >= 2 and (
                run[0] == 0 or words[run[0] - 1].lower() not in _CONNECTORS):
            parts.append(chunk[pos:match.start()])
            pos = match.end()
    parts.append(chunk[pos:])
    return parts


def _strip_end(text: str, chars: str) -> str:
    """`text.strip(chars)`, keeping the period of a final `Jr.` / `Sr.`."""
    stripped = text.strip(chars)
    if stripped[-3:].lower() in (" jr", ",jr", " sr", ",sr") and text.rstrip(" ,;:").endswith("."):
        stripped += "."
    return stripped


def _is_title(words: list[str]) -> bool:
    """Title words, possibly with a place after `to` / `in` (`Ambassador to Turkey`)."""
    if not words:
        return False
    if not _is_title_word(words[0]):
        return False
    places = _places_after_connectors(words)
    if all(_is_title_word(w) or i in places or w.lower() in _CONNECTORS
           for i, w in enumerate(words)):
        return True
    # `Assistant Secretary for South Asian Affairs`: an office between a connector and a title
    connector = next((i for i, w in enumerate(words) if w.lower() in _CONNECTORS), None)
    return connector is not None and _is_title_word(words[-1]) and all(
        _is_title_word(w) for w in words[:connector])


def _join_broken(match: re.Match[str]) -> str:
    """`Do nald A. Blome` (09CAIRO1679), `Josiah Rosen blatt`, `Michae l Corbin`: one word."""
    if match.group(3):
        return match.group(3) + match.group(4) + " "
    first, rest = match.group(1), match.group(2)
    if rest in _PARTICLES or rest in _BROKEN_TAIL or rest in _NOT_BROKEN:
        return match.group(0)
    if (first + rest).lower() in ("reason", "reasons"):
        return first + rest  # `Re asons`
    if _is_title_word(first) or _is_title_word(first + rest) or first.lower() in ("for", "per"):
        return match.group(0)
    return first + rest


def _who(who: str) -> tuple[list[str], str | None]:
    """Names and first title in the part of the line before the reasons."""
    who = _LABEL.sub(" ", who)  # `Classified By: Classified by Ambassador Eduardo Aguirre`
    cut = who.find("...")  # `Ambassador Heather M. Hodges for Reas...`: the cut word goes
    if cut >= 0:  # `AMB JOHN E. HERBST,...`: a word ended before the cut stays
        who = who[:cut] if who[cut - 1:cut] in (",", ";", ":") else _TRUNCATED.sub("", who)
    who = _strip_end(" ".join(who.replace("\\", " ").split()), " .,;:")
    who = _OTHER_LABEL.sub("", who)
    swapped = _SURNAME_GIVEN.match(who)
    if swapped:  # `Berliner,Nicholas, PolEcon-Chief`
        who = f"{swapped.group(2)} {swapped.group(1)}{who[swapped.end():]}"
    chunks = [_strip_end(c, " .") for c in _CHUNK_SEP.split(who)]
    if len(chunks) >= 2 and _NAME_TOKEN.match(chunks[0]) and not _is_title_word(chunks[0]):
        # `Stephenson, Ambassador`, `Martinez, Vilma, Ambassador`: surname first
        rest = chunks[1].split()
        if len(rest) == 1 and _NAME_TOKEN.match(rest[0]) and not _is_title_word(rest[0]) \
                and len(chunks) >= 3 and all(_is_title_word(w) for w in chunks[2].split()):
            return [f"{rest[0]} {chunks[0]}"], chunks[2]
        if rest and _is_title(rest):
            return [chunks[0]], chunks[1]
    names: list[str] = []
    title: str | None = None
    after_title = False  # the previous chunk was a title alone (`COM: M.E. Parmly`)
    chunks_and = [(part, i > 0) for piece in _CHUNK_SEP.split(who)
                  for i, part in enumerate(_split_people(piece))]
    for chunk, after_and in chunks_and:
        words = _strip_end(chunk, " .").split()
        if not words:
            continue
        run = _name_run(words)
        if run is None:
            after_title = _is_title(words)
            if title is None and after_title:
                title = " ".join(words).strip(" ,")
            continue
        start, end = run
        titled = start > 0 and _is_title_word(words[start - 1])
        # One word alone is a name right after a title (`Ambassador Levin`), and only as the
        # first name: not a place or an office (`Consulate General Mumbai`, `DAS IPC`).
        if end - start == 1 and (names or not (titled or (start == 0 and after_title))):
            after_title = False
            continue
        if titled or not names or after_and:
            names.append(" ".join(words[start:end]))
            if title is None and start > 0:
                title = " ".join(words[:start]).strip(" ,")
        after_title = False
    return names, title


def _clean_reasons(raw: str) -> str | None:
    text = " ".join(raw.split()).strip(" ,;.&")
    text = _SPACE_IN_PARENS.sub(lambda m: m.group(0).strip(), text)
    text = _DANGLING_AND.sub("", text).strip(" ,;.")
    if text.count("(") > text.count(")"):
        text += ")"
    return text or None


def _blocks(text: str) -> list[str]:
    blocks = []
    pos = 0
    upper = text.upper()
    while (label := find_label(text, "CLASSIFIED", _LABEL, pos, upper=upper)) is not None:
        pos = label.end()
        end = _BLOCK_END.search(text, label.end(), min(len(text), label.end() + _MAX_BLOCK))
        block = text[label.end():end.start() if end else min(len(text), label.end() + _MAX_BLOCK)]
        if block.strip():
            blocks.append(block)
    return blocks


def parse_classified_by_details(text: str) -> ClassifiedBy:
    """Names, title and reasons from every `Classified By` line of `text`."""
    result = ClassifiedBy()
    for block in _blocks(text):
        flat = " ".join(block.replace("\\", " ").split())
        if flat in _READ:
            names, title, reasons_text = _READ[flat]
        else:
            names, title, reasons_text = _read_block(flat)
            if len(_READ) < _READ_MAX:
                _READ[flat] = names, title, reasons_text
        for name in names:
            if name.lower() not in {known.lower() for known in result.names}:
                result.names.append(name)  # `CLASSIFIED BY AMB JOHN E. HERBST` and its copy
        if result.title is None:
            result.title = title
        if result.reasons is None and reasons_text is not None:
            result.reasons = reasons_text
    return result


# A post's Classified By lines repeat from cable to cable: each line read once.
_READ: dict[str, tuple[list[str], str | None, str | None]] = {}
_READ_MAX = 50_000


def _read_block(flat: str) -> tuple[list[str], str | None, str | None]:
    """(names, title, reasons) of one Classified By block, whitespace collapsed; reasons
    None when the block states none (the cleaned text may also be None)."""
    flat = _BROKEN_WORD.sub(_join_broken, flat)
    reasons = _REASONS.search(flat)
    word = _REASON_WORD.search(flat)
    cut = len(flat)
    if word is not None:
        cut = word.start()
    elif reasons is not None:
        cut = reasons.start()
    who = flat[:cut]
    if flat[max(0, cut - 2):cut].lower() in ("jr", "sr") and \
            flat[cut:cut + 3].lstrip().startswith("."):
        who += "."  # `Robert O. Blake, Jr. for reasons`, `Richard M. Mills, Jr . for`
    names, title = _who(who)
    return names, title, _clean_reasons(reasons.group(0)) if reasons is not None else None


def parse_classified_by(text: str) -> list[str]:
    """The names in the `Classified By` line(s) of a cable, as written.

    >>> parse_classified_by("Classified By: Ambassador Craig R. Stapleton for reasons 1.4 (b)")
    ['Craig R. Stapleton']
    """
    return parse_classified_by_details(text).names
