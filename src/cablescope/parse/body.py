"""Body fields: SUMMARY, COMMENT, the signer(s), redactions and partial extracts.

- SUMMARY / COMMENT open a paragraph (`1. (C) SUMMARY: ...`) or head a section (`Summary` over a
  dash line) and run to `END SUMMARY` / `END COMMENT` (or, without one, to the paragraph's end).
- The signer is the surname in capitals on the last line(s) (`STAPLETON`, `GOLDRICH` and
  `BERRY` on two lines), after the classified-website notice, or run onto the last sentence in
  texts without line breaks (`...End comment. CRETZ`).
- A partial extract: WikiLeaks first published some cables with whole paragraphs cut and a lone
  `XXXXXXXXXXXX` line in their place (08PARIS1698 of 2010-12-07 jumped from paragraph 2 to 36);
  the numbering around that line skips, or the text starts past paragraph 1 or stops after it.
"""

from __future__ import annotations

import re
from itertools import pairwise

from cablescope.parse.model import Paragraph
from cablescope.parse.paragraphs import ParagraphStart, find_paragraph_starts, split_paragraphs

__all__ = ["count_redactions", "is_partial", "parse_comment", "parse_signers", "parse_summary"]

# Two patterns with a literal prefix scan far faster than one with a class (`[Xx]{6,}`).
_REDACTION = re.compile(r"XXXXXX+")
_REDACTION_LOWER = re.compile(r"xxxxxx+")
_REDACTED_LINE = re.compile(r"(?:[Xx]{6,}[ \t]*)+")
_SENTENCE_END = (".", "?", "!", '"', "”", ")", ":")
_RULE = re.compile(r"[-=_*]{3,}[-=_* ]*")

# ---------------------------------------------------------------- SUMMARY and COMMENT

_LEAD = re.compile(
    r"[ \t]*¶?[ \t]*[0-9]{1,3}\.?[ \t]*(?:\([^()\n]{1,40}\))?[ \t]*(?:--?\s*)?", re.I)


def _section_label(word: str) -> re.Pattern[str]:
    return re.compile(
        rf"(?P<label>{word}(?:\s+(?:AND|&)\s+(?:COMMENT|INTRODUCTION|ACTION\s+REQUEST|"
        rf"RECOMMENDATIONS?))?)\b\s*(?:[.:\-]+\s*|(?=\s))", re.I)


_SUMMARY_LABEL = _section_label("SUMMARY")
_COMMENT_LABEL = _section_label("COMMENT")
_END = {
    "SUMMARY": re.compile(r"END\s+(?:OF\s+)?SUMMARY(?:\s+(?:AND|&)\s+\w+)?", re.I),
    "COMMENT": re.compile(r"END\s+(?:OF\s+)?COMMENT", re.I),
}
_MAX_SECTION = 20000


def _flatten(text: str) -> str:
    """Paragraph marks and markings dropped, whitespace collapsed."""
    parts = []
    for line in text.replace("\\\n", "\n").split("\n"):
        lead = _LEAD.match(line)
        parts.append(line[lead.end():] if lead and lead.group(0).strip(" \t¶") else line)
    return " ".join(" ".join(parts).replace("¶", " ").split())


def _section(text: str, paragraphs: list[Paragraph], word: str) -> str | None:
    """The text of a SUMMARY or COMMENT section: from its label (at a paragraph start, or a
    heading) to its END marker, else to the end of its paragraph (heading: of its section)."""
    label_re = _SUMMARY_LABEL if word == "SUMMARY" else _COMMENT_LABEL
    for i, para in enumerate(paragraphs):
        body_start = para.start
        if para.number is not None:
            lead = _LEAD.match(text, para.start)
            body_start = lead.end() if lead else para.start
        label = label_re.match(text, body_start) if para.number is not None else None
        by_heading = para.heading is not None and para.heading.upper().startswith(word) and (
            i == 0 or paragraphs[i - 1].heading != para.heading)
        if label is None and not by_heading:
            continue
        if word == "COMMENT" and label is None and para.number is None:
            continue
        start = label.end() if label else body_start
        stop = _END[word].search(text, start, min(len(text), start + _MAX_SECTION))
        if stop is not None:
            end = stop.start()
        elif by_heading and label is None:
            end = next((p.start for p in paragraphs[i + 1:] if p.heading != para.heading),
                       len(text))
            end = min(end, _signature_start(text, paragraphs[-1]))
        else:
            end = para.end
        found = _flatten(text[start:end]).strip(" -:").lstrip(".").strip()
        if found:
            return found
    return None


def _signature_start(text: str, last: Paragraph) -> int:
    tail = text[last.start:last.end]
    block = tail.rstrip().rfind("\n\n")
    return last.start + block if block > 0 else last.end


def parse_summary(text: str, paragraphs: list[Paragraph] | None = None) -> str | None:
    """The cable's SUMMARY, marks and line breaks removed, or None.

    >>> parse_summary("1. (C) SUMMARY: Talks went well. END SUMMARY.\\n\\n2. (C) Details.")
    'Talks went well.'
    """
    if paragraphs is None:
        paragraphs = split_paragraphs(text)
    return _section(text, paragraphs, "SUMMARY")


def parse_comment(text: str, paragraphs: list[Paragraph] | None = None) -> str | None:
    """The cable's COMMENT section (a paragraph opening `Comment:` or a `Comment` heading),
    or None. Parenthetical comments inside a paragraph are left in place."""
    if paragraphs is None:
        paragraphs = split_paragraphs(text)
    return _section(text, paragraphs, "COMMENT")


# ---------------------------------------------------------------- signers

# Lines after the signature that are not it: the classified-website notice, routing trailers,
# a repeated classification, page running heads and page numbers, what outlets and archives
# stamped on their copies (a declassification stamp, a print track, an HTML table's end).
_TRAILER_WORDS = frozenset("""
NNNN BT ZFR UNCLASSIFIED UNCLAS CONFIDENTIAL SECRET NOFORN SIPDIS NODIS EXDIS LIMDIS SENSITIVE
""".split())
_TRAILER_PHRASES = (
    "CABLE ENDS", "CABLE END", "END CABLE TEXT", "LIMITED OFFICIAL USE", "SENSITIVE BUT UNCLASS",
    "HTTP:", "HTTPS:", "WWW.", "SGOV", "INTELINK", ".GOV", "CLASSIFIED WEB", "/WIKI/", "PORTAL:",
    "DECLASSIFIED", "DEPARTMENT OF STATE", "SYSTEMATIC REVIEW", "TRACK IMPRESI", "PROPIEDAD DE",
    "CLASSIFICATION:", "<_PROTECT>", "MISSING SECTION", "CANCEL TELEGRAM",
)
_TRAILER_PATTERN = re.compile(
    r"(?:[>\s]*[0-9]{4}[A-Z]+[0-9]+\s+-\s.*|SELECT\s.*\bFROM\b.*|ID:\s.*"
    r"|[A-Z][A-Z .]*\s0{2,}[0-9]+\s+[0-9]{3}(?:\.[0-9]+)?\s+OF\s+[0-9]{3}"
    r"|PAGE\s+[0-9]{2,3}\s.*|[#\s]*[0-9]+)", re.I)
_HTML_TAG = re.compile(r"<[^<>\n]{0,100}>")
_MARKS = " \t\\,.…\"'*#=_/>-–—|~`^"
_NAME_LINE = re.compile(
    r"(?:(?:van|de|von|la|le|da|del)[ ])?[A-Z][A-Za-z'’\-]+(?:[ ][A-Z][A-Za-z'’\-]+){0,2}"
    r"(?:,?[ ](?:JR|Jr|jr|SR|Sr|sr|II|III|IV)\.?)?")
_NOT_NAME_TEXT = """
END COMMENT SUMMARY TEXT NOTE QUOTE UNQUOTE BEGIN CONFIDENTIAL SECRET UNCLASSIFIED UNCLAS
NOFORN SIPDIS NODIS EXDIS LIMDIS SENSITIVE TAGS SUBJECT REF AND THE OF FOR TO IN ON PARA
PARAGRAPH MINIMIZE CONSIDERED DECL NNNN BT INFO ACTION PLEASE VISIT THANKS REGARDS SEPTEL
REFTEL DEPARTMENT EMBASSY POST ZFR GP DECLASSIFIED RELEASED
"""
_NOT_NAME = frozenset(_NOT_NAME_TEXT.split())
# Titles written with the signer's name (`Ambassador STAPLETON`, `CRETZ, Ambassador`).
_SIGNER_TITLES = frozenset("""
AMBASSADOR AMB AMB. CHARGE CDA DCM CONSUL GENERAL CG PRINCIPAL OFFICER PO ACTING SECRETARY
D'AFFAIRES A.I.
""".split())
_DATE_SUFFIX = re.compile(r"[ \t]+(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|(?:0[ \t]+)?[0-9]{1,2}/[0-9]{1,2}/[0-9]{4})$")
# What may stand before a signer run onto the last sentence (texts without line breaks): a
# sentence's end, END COMMENT / END TEXT / UNQUOTE, the classified website's address or its
# remains, a redaction, a page's running head, a year.
_INLINE_BOUNDARY = re.compile(
    r"(?:[.!?\"'”’)*\]]|END[ \t]+COMMENT|END[ \t]+TEXT|UNQUOTE|[Xx]{6}|https?://\S+(?:[ ]\S+)?"
    r"|\.c[ ]?fm"
    r"|Kingdom|OF[ \t]+[0-9]{3}|[12][0-9]{3})[ \t]*$", re.I)
_INLINE_NAME = re.compile(
    r"(?:van[ ])?[A-Z][a-zA-Z'’\-]{2,}(?:,?[ ](?:JR|Jr|jr|SR|Sr|sr)\.?)?$"
    r"|[A-Z][A-Z'’\-]+(?:[ ][A-Z][A-Z'’\-]{2,})?(?:,?[ ](?:JR|Jr|jr|SR|Sr|sr)\.?)?$")
_TAIL_CHARS = 3000
_LINE_CHARS = 400
_STAMP_LINE = 100  # a stamp or notice is a short line; a longer one is the text run on
_GLUED_REDACTION = re.compile(r"([Xx]{6,})(?=[A-WYZ])")


def _clean_line(line: str) -> str:
    """A last line without HTML tags, trailing marks, a date stamp, a leading `#`."""
    line = _HTML_TAG.sub(" ", line[-_LINE_CHARS:]) if "<" in line else line[-_LINE_CHARS:]
    line = line.strip(" \t\\\v\f")
    line = line.rstrip(_MARKS)
    line = _DATE_SUFFIX.sub("", line).rstrip(_MARKS)
    return line.lstrip("#*>\"' \t")


def _is_trailer(line: str) -> bool:
    if not line:
        return True
    upper = line.upper()
    if upper in _TRAILER_WORDS or (len(line) <= _STAMP_LINE and any(
            phrase in upper for phrase in _TRAILER_PHRASES)):
        return True
    return len(line) <= _STAMP_LINE and _TRAILER_PATTERN.fullmatch(line) is not None


def _strip_titles(line: str) -> str:
    """`Ambassador STAPLETON`, `CRETZ, Ambassador` -> the name alone."""
    words = line.replace(",", " , ").split()
    while len(words) > 1 and (words[0].upper() in _SIGNER_TITLES or words[0] == ","):
        words.pop(0)
    while len(words) > 1 and (words[-1].upper() in _SIGNER_TITLES or words[-1] == ","):
        words.pop()
    return " ".join(words).replace(" , ", ", ")


def _dedupe(line: str) -> str:
    """`CRETZ  CRETZ` -> `CRETZ`."""
    words = line.split()
    return words[0] if len(words) == 2 and words[0].upper() == words[1].upper() else line


def _ends_a_sentence(lines: list[str], raw: list[str]) -> bool:
    """Whether the last line is the end of a sentence wrapped from the line above it
    (`...APPRECIATES TRINIDAD'S \\nASSISTANCE.`), not a signature."""
    i = len(lines) - 1
    written = raw[i].rstrip(" \t\\")
    if i == 0 or not lines[i - 1] or not written.endswith(".") or written.endswith(".."):
        return False
    above = raw[i - 1].rstrip(" \t\\")
    return len(above) > 30 and not above.endswith(_SENTENCE_END) and \
        not _REDACTED_LINE.fullmatch(above.split()[-1])


def _is_name_line(line: str) -> bool:
    if len(line) > 60 or not _NAME_LINE.fullmatch(line):
        return False
    words = line.replace(",", " ").split()
    return not any(w.upper() in _NOT_NAME for w in words) and line.strip("X ") != ""


def _inline_signer(line: str) -> str | None:
    """The signer run onto the end of the last sentence (texts without line breaks)."""
    tail = _GLUED_REDACTION.sub(r"\1 ", line[-120:])  # `XXXXXXXXXXXXTUTTLE`
    found = _INLINE_NAME.search(tail)
    if found is None:
        return None
    name = found.group(0)
    before = tail[:found.start()].rstrip()
    while len(name.split()) > 1 and (name.split()[0].strip("Xx") == ""
                                     or name.split()[0].upper() in _NOT_NAME):
        word = name.split()[0]  # `XXXXXXXX TUTTLE`, `END COMMENT FURUTA-TOY`
        before = f"{before} {word}"
        name = name[len(word):].lstrip()
    words = name.split()
    if len(words) == 2 and words[0].upper() == words[1].upper():
        name = words[0]  # `SCOBEY Scobey`
    elif before.split()[-1:] and before.split()[-1].upper() == words[0].upper() and \
            len(words) == 1:
        before = before[:-len(before.split()[-1])].rstrip()  # `SCOBEY Scobey`
    if not _INLINE_BOUNDARY.search(before[-60:]) and before:
        return None
    bare = [w for w in name.replace(",", " ").split() if w.strip("Xx")]
    if not bare or bare[0].upper() in _NOT_NAME or bare[-1].upper() in _NOT_NAME:
        return None
    return " ".join(dict.fromkeys(bare)) if "," not in name else name


def parse_signers(text: str) -> list[str]:
    """The signer(s) on the last lines of a cable: `['STAPLETON']`, `['GOLDRICH', 'BERRY']`,
    `['TIMKEN JR']`; titles around the name dropped, trailers after it skipped.

    >>> parse_signers("...for everyone.\\n\\nSTAPLETON\\n")
    ['STAPLETON']
    """
    tail = text[-_TAIL_CHARS:]
    upper = tail.upper()
    # an outlet's appendix after the cable's end; a section WikiLeaks did not have
    for marker in ("CABLE ENDS", "CABLE END", "* MISSING SECTION"):
        cut = upper.rfind(marker)
        if cut >= 0:
            tail = tail[:cut].rstrip(" *\t\n")
            break
    raw = tail.split("\n")
    lines = [_clean_line(line) for line in raw]
    last = ""
    while lines:
        last = lines[-1]
        cut_short = raw[len(lines) - 1].rstrip().endswith("...") and any(
            _is_name_line(_strip_titles(line)) for line in lines[-3:-1])
        if last and not cut_short and (not _is_trailer(last) or _inline_signer(last)):
            break
        lines.pop()
    if not lines:
        return []
    signers: list[str] = []
    name = _dedupe(_strip_titles(last))
    if _is_name_line(name) and _ends_a_sentence(lines, raw):
        return []  # `...the office of U/S \nPadilla.`
    if _is_name_line(name):
        signers.append(name)
        # A second signer above: the final block (after a blank line) holds only names.
        block = []
        for i in range(len(lines) - 2, -1, -1):
            if not lines[i]:
                break
            block.append((_strip_titles(lines[i]), raw[i].rstrip(" \t\\")))
        if block and len(block) <= 2 and all(
                _is_name_line(line) and not written.endswith(".") for line, written in block):
            signers[:0] = [line for line, _ in reversed(block)]
    else:
        inline = _inline_signer(last)
        if inline:
            signers.append(inline)
    unique: dict[str, str] = {}
    for name in signers:
        unique.setdefault(name.upper().replace(",", ""), name)
    return list(unique.values())


# ---------------------------------------------------------------- redactions, partial extracts


def count_redactions(text: str) -> int:
    """How many `XXXXXXXXXXXX` runs (any length from 6, either case) the text carries."""
    count = len(_REDACTION.findall(text)) if "XXXXXX" in text else 0
    return count + (len(_REDACTION_LOWER.findall(text)) if "xxxxxx" in text else 0)


def _ends_with_redaction(block: str) -> bool:
    """Whether a block's last line, headings and rules below it aside, is nothing but
    `XXXXXXXXXXXX` (what stands in for cut paragraphs)."""
    lines = [line.strip(" \t\\") for line in block.rstrip().split("\n")]
    dropped = 0
    while lines and dropped <= 4:
        line = lines[-1]
        if not line or _RULE.fullmatch(line):
            lines.pop()
            continue
        if _REDACTED_LINE.fullmatch(line):
            return _stands_alone(lines[:-1])
        if len(line) > 80 or line.endswith((".", "?", "!", '"', ":", ";", ",")):
            return False
        lines.pop()  # a heading between the cut and the next paragraph
        dropped += 1
    return False


def _cut_before_signature(block: str) -> bool:
    """Whether the last block ends `...text.` / `XXXXXXXXXXXX` alone / signer."""
    lines = [line.strip(" \t\\") for line in block.rstrip().split("\n")]
    while lines and _is_trailer(_clean_line(lines[-1])):
        lines.pop()
    if len(lines) < 3 or not _is_name_line(lines[-1]):
        return False
    lines.pop()
    while lines and not lines[-1]:
        lines.pop()
    if not lines or not _REDACTED_LINE.fullmatch(lines[-1]):
        return False
    return _stands_alone(lines[:-1])


def _stands_alone(above: list[str]) -> bool:
    """Whether a redaction line is a block of its own: after a blank line or a finished
    sentence, and not one of a list of redacted names."""
    if not above:
        return True
    prev = above[-1]
    return not prev or (prev.endswith(_SENTENCE_END) and not _REDACTED_LINE.fullmatch(prev))


def is_partial(text: str, starts: list[ParagraphStart] | None = None) -> bool:
    """Whether whole paragraphs were cut from this text: a line of nothing but `XXXXXXXXXXXX`
    where the numbering jumps (2 -> 36), before a first paragraph past 1, or alone between the
    last paragraph and the signer."""
    if "XXXXXX" not in text and "xxxxxx" not in text:
        return False
    if starts is None:
        starts = find_paragraph_starts(text)
    if not starts:
        return False
    if starts[0].number > 1 and _ends_with_redaction(text[:starts[0].start]):
        return True
    for before, after in pairwise(starts):
        if after.number > before.number + 1 and \
                _ends_with_redaction(text[before.start:after.start]):
            return True
    return _cut_before_signature(text[starts[-1].start:])
