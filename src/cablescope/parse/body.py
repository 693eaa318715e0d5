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

import html
import re
from bisect import bisect_right
from collections.abc import Iterator
from itertools import pairwise

from cablescope.parse.model import Paragraph
from cablescope.parse.paragraphs import ParagraphStart, find_paragraph_starts, split_paragraphs

__all__ = ["count_redactions", "is_partial", "parse_comment", "parse_signers", "parse_summary"]

# Two patterns with a literal prefix scan far faster than one with a class (`[Xx]{6,}`).
_REDACTION = re.compile(r"XXXXXX+")
_REDACTION_LOWER = re.compile(r"xxxxxx+")


def _is_redacted_line(line: str) -> bool:
    """A line of nothing but `XXXXXXXXXXXX` runs (six or more each)."""
    words = line.split()
    return bool(words) and all(len(w) >= 6 and not w.strip("Xx") for w in words)

_SENTENCE_END = (".", "?", "!", '"', "”", ")", ":")


def _is_rule(line: str) -> bool:
    """`-----`, `=====`, `*****` (spaces between allowed)."""
    return len(line) >= 3 and line[:3].strip("-=_*") == "" and not line.strip("-=_* ")


# ---------------------------------------------------------------- SUMMARY and COMMENT

# A paragraph's number and marking at a line start: `¶1.  (C) `, `2.(S/NF) -- `.
_LEAD = re.compile(
    r"[ \t]*(?:¶[ \t]*)?[0-9]{1,3}\.?[ \t]*(?:\([^()\n]{1,40}\))?[ \t]*(?:--?[ \t]*)?", re.I)
# A numbered paragraph's start right after a label over it: `¶1.  (C) `, `1.(U) `, `2. `.
_PARAGRAPH_LEAD = re.compile(
    r"[ \t]*(?:¶[ \t]*)?[0-9]{1,3}(?:\.(?![0-9])[ \t]*|[ \t]*(?=\())(?:\([^()\n]{1,40}\))?[ \t]*")
# The same after every newline (its lookaheads see the newline as they saw a line's end; the
# newline as a literal prefix lets the engine skip to it, where `(?m)^` tries every position).
_LINE_LEAD = re.compile("\n" + _PARAGRAPH_LEAD.pattern)
_MARK_LEAD = re.compile(
    r"[ \t]*\((?:TS|S|C|U|SBU|S/NF|C/NF|S//NF|C//NF|FOUO|[A-Z/ ]{1,12})\)[ \t]*",
                        re.I)
_COMMENT_LABEL = re.compile(
    r"(?P<label>COMMENT(?:[ \t\n]+(?:AND|&)[ \t\n]+(?:COMMENT|INTRODUCTION|ACTION[ \t\n]+REQUEST|"
    r"RECOMMENDATIONS?))?)\b[ \t\n]*(?:[.:\-]+[ \t\n]*|(?=[ \t\n]))", re.I)
# `SUMMARY`, `(SUMMARY)`, `Introduction and Summary`, `Part I. Summary`, `Summary and Comment`,
# `BEGIN SUMMARY:`. The lookahead tells first what every form starts with, so that most
# positions fail one test instead of each alternative.
_SUMMARY_LABEL = re.compile(
    r"(?=[BIOPS(])(?:BEGIN[ \t]+)?(?:(?:INTRODUCTION|BACKGROUND|OVERVIEW)[ \t]+(?:AND|&)[ \t]+"
    r"|PART[ \t]+[IVX0-9]{1,4}[.:]?[ \t]+)?"
    r"\(?SUMMARY\)?(?:[ \t]+(?:AND|&)[ \t]+(?:COMMENTS?|INTRODUCTION|ACTION[ \t]+REQUESTS?|"
    r"RECOMMENDATIONS?|ANALYSIS|OUTLOOK|BACKGROUND))?(?![A-Za-z])", re.I)
# More words of a label: `Summary, Comment and Recommendation`, `SUMMARY AND OBJECTIVES`,
# `Summary from the NAC Meeting:`, up to the separator.
_LABEL_MORE = re.compile(
    r"(?:[,/][ \t]*[A-Za-z]+|[ \t]+(?:AND|&|OF|FROM|WITH|FOR)\b)(?:[,/]?[ \t]+[A-Za-z&]+){0,4}"
    r"(?=[ \t]*(?:[:.\-–—]|\n|\\|$))", re.I)
# What may separate a label from its text: colon, period, dashes, a rule under it, blank lines.
_LABEL_TAIL = re.compile(r"[ \t]*(?:[:.\-–—]+|\)|(?=\n)|(?=\\))[ \t:.\-–—=_\\\n]*")
_END = {
    "SUMMARY": re.compile(r"END[ \t\n]+(?:OF[ \t\n]+)?"
                          r"(?:(?:INTRODUCTION|BACKGROUND|OVERVIEW)[ \t\n]+"
                          r"(?:AND|&)[ \t\n]+)?SUMMARY(?:[ \t]+(?:AND|&)[ \t]+\w+)?", re.I),
    "COMMENT": re.compile(r"END[ \t\n]+(?:OF[ \t\n]+)?COMMENT", re.I),
}
_MAX_SECTION = 20000
_COMMENT_WINDOW = 400  # a paragraph's heading, number and marking before a COMMENT label
_LABEL_LEAD = 40  # the longest words a SUMMARY label may open with: `INTRODUCTION AND `
# Where a summary is looked for: the header and the first paragraphs (a label opening a
# paragraph: a few more, past a list of participants).
_SUMMARY_PARAGRAPHS = 3
_SUMMARY_OPENING_PARAGRAPHS = 8
_SUMMARY_REACH = 15000
# The next section's heading run on at the end (texts without line breaks): `----- Saudis...`
_RUN_ON_HEADING = re.compile(r"[ \t]-{5,}[^-]{1,100}(?:[ \t]-{3,})?[ \t]*$")
_HEADER_FIELDS = ("SUBJECT:", "TAGS:", "E.O. 12958", "E. O. 12958", "CLASSIFIED BY")


def _header_field(found: str) -> bool:
    """Whether a flattened section holds a header field (`SUBJECT:`, `TAGS:`...): a header
    pasted after a label (a page's truncated copy of the text, then its metadata), not a
    summary."""
    upper = found.upper()
    return any(field in upper for field in _HEADER_FIELDS)


def _flatten(text: str) -> str:
    """Paragraph marks and markings dropped, whitespace collapsed."""
    text = _LINE_LEAD.sub("\n", "\n" + text.replace("\\\n", "\n"))  # one pass for all lines
    return " ".join(text.replace("¶", " ").split())


def _body_start(text: str, para: Paragraph) -> int:
    """Where a numbered paragraph's text begins: after the heading lines counted in it, its
    number and its marking."""
    pos = para.start
    if para.heading is not None:  # heading, rules and blank lines above the number
        while pos < para.end:
            line_end = text.find("\n", pos, para.end)
            if line_end < 0:
                break
            line = text[pos:line_end].strip(" \t\\")
            lead = _LEAD.match(line) if line else None
            if lead is not None and lead.group(0).strip(" \t¶"):
                break
            pos = line_end + 1
    lead = _LEAD.match(text, pos)
    return lead.end() if lead and lead.group(0).strip(" \t¶") else pos


def _comment(text: str, paragraphs: list[Paragraph]) -> str | None:
    """COMMENT: a paragraph opening `Comment:`, or a `Comment` heading's section, to its END
    marker, else to the end of its paragraph (heading: of its section)."""
    if "omment" not in text and "OMMENT" not in text:
        return None
    for i, para in enumerate(paragraphs):
        if para.number is None:
            continue
        by_heading = para.heading is not None and \
            (i == 0 or paragraphs[i - 1].heading != para.heading) and \
            para.heading.upper().startswith("COMMENT")  # a section's first paragraph: upper once
        window = min(para.end, para.start + _COMMENT_WINDOW)
        if not by_heading and text.find("omment", para.start, window) < 0 and \
                text.find("OMMENT", para.start, window) < 0:
            continue  # the label opens the paragraph's text: it is near its start, or nowhere
        body_start = _body_start(text, para)
        label = _COMMENT_LABEL.match(text, body_start)
        if label is None and not by_heading:
            continue
        start = label.end() if label else body_start
        stop = _END["COMMENT"].search(text, start, min(len(text), start + _MAX_SECTION))
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


def _before_signer(text: str, start: int, end: int) -> int:
    """`end`, or where a signer's line before it begins (`...the country. MARTINEZ`)."""
    stripped = text[start:end].rstrip()
    line_start = stripped.rfind("\n") + 1
    last = stripped[line_start:].strip(" \t\\")
    if line_start and _is_name_line(last):
        return start + line_start
    return end


def _label_context(text: str, start: int, opens_paragraph: bool) -> str | None:
    """Where a SUMMARY label stands: `paragraph` (opening a paragraph's text), `line` (at a
    line start, a marking or paragraph mark aside), `sentence` (after a sentence or a field
    run on before it), or None (inside a sentence: `a summary of`)."""
    if opens_paragraph:
        return "paragraph"
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(line_start, start - 200):start].replace("¶", " ")
    lead = _LEAD.match(before)
    if lead and lead.group(0).strip():
        before = before[lead.end():]
    mark = _MARK_LEAD.match(before)
    if mark:
        before = before[mark.end():]
    bare = before.strip(" \t\\-–—=_")
    if not bare or before.rstrip(" \t\\").endswith(("---", "===")):
        return "line"  # alone, or a heading framed by rules in a text run on: `------- Summary`
    if bare[-1] in ".:;)" or bare.endswith(("ACCORDINGLY", "accordingly")):
        return "sentence"
    return None


def _summary_words(text: str, start: int, end: int) -> Iterator[int]:
    """Where `SUMMARY`, `Summary` or `summary` is written in text[start:end], in order: found
    from `ummary` and `UMMARY` with `str.find` (two scans, not three; a case-insensitive pattern
    is tried at every position)."""
    lower = text.find("ummary", start + 1, end)
    upper = text.find("UMMARY", start + 1, end)
    while lower >= 0 or upper >= 0:
        if upper < 0 or 0 <= lower < upper:
            pos, lower = lower, text.find("ummary", lower + 1, end)
            if text[pos - 1] in "Ss":
                yield pos - 1
        else:
            pos, upper = upper, text.find("UMMARY", upper + 1, end)
            if text[pos - 1] == "S":
                yield pos - 1


def _summary_labels(text: str, reach: int) -> Iterator[re.Match[str]]:
    """`_SUMMARY_LABEL.finditer(text, 0, reach)`, looked for only where the word is written."""
    pos = 0
    for word in _summary_words(text, 0, reach):
        if word < pos:
            continue
        match = _SUMMARY_LABEL.search(text, max(pos, word - _LABEL_LEAD), reach)
        if match is None:
            return
        if match.start() > word:  # the label found is a later one: try from there
            pos = match.start()
            continue
        yield match
        pos = max(match.end(), word + 1)


def _end_of_summary(text: str, start: int, end: int) -> re.Match[str] | None:
    """The first `END SUMMARY` (in any of its forms) in text[start:end], tried only where the
    word `summary` is written."""
    for word in _summary_words(text, start, end):
        stop = _END["SUMMARY"].search(text, max(start, word - _LABEL_LEAD), min(end, word + 60))
        if stop is not None and stop.end() > word:
            return stop
    return None


def _opens_paragraph(text: str, pos: int, numbered: list[Paragraph], starts: list[int],
                     cache: dict[int, int]) -> bool:
    """Whether `pos` is where a numbered paragraph's text begins (after its heading, number and
    marking): only the paragraph starting just before `pos` can begin its text there."""
    i = bisect_right(starts, pos) - 1
    if i < 0:
        return False
    para = numbered[i]
    if para.start not in cache:
        cache[para.start] = _body_start(text, para)
    return cache[para.start] == pos


def _summary(text: str, paragraphs: list[Paragraph]) -> str | None:
    numbered = [p for p in paragraphs if p.number is not None]
    reach = near = min(len(text), _SUMMARY_REACH)
    if len(numbered) > _SUMMARY_OPENING_PARAGRAPHS:
        reach = min(reach, numbered[_SUMMARY_OPENING_PARAGRAPHS].start)
    if len(numbered) > _SUMMARY_PARAGRAPHS:
        near = min(near, numbered[_SUMMARY_PARAGRAPHS].start)
    if "ummary" not in text and "UMMARY" not in text:
        return _summary_section(text, paragraphs, numbered, reach)
    starts = [p.start for p in numbered]
    bodies: dict[int, int] = {}
    all_starts: list[int] | None = None
    for match in _summary_labels(text, reach):
        start = match.start()
        if start and text[start - 1].isalnum():
            continue
        if text[max(0, start - 8):start].upper().rstrip().endswith(("END", "OF")):
            continue  # `END SUMMARY`, `END OF SUMMARY`
        context = _label_context(text, start, _opens_paragraph(text, start, numbered, starts,
                                                               bodies))
        if context is None or (context != "paragraph" and start >= near):
            continue
        label_end = match.end()
        more = _LABEL_MORE.match(text, label_end, min(len(text), label_end + 80))
        if more is not None:
            label_end = more.end()
        tail = _LABEL_TAIL.match(text, label_end)
        if tail is None and context == "paragraph" and text[label_end:label_end + 1] in " \t":
            body = label_end + 1  # `1. (U) SUMMARY On August 3...`
        elif tail is None:
            continue  # `SUMMARY OF THE MEETING`: a word of a sentence, not a label
        else:
            body = tail.end()
        lead = _PARAGRAPH_LEAD.match(text, body)  # `Summary\n-------\n¶1. (C) Text`
        if lead:
            body = lead.end()
        mark = _MARK_LEAD.match(text, body)  # `Summary: (C) Spanish FM Moratinos...`
        if mark:
            body = mark.end()
        again = _SUMMARY_LABEL.match(text, body)  # `SUMMARY\n----\n¶1. (C) SUMMARY: ...`
        if again:
            tail = _LABEL_TAIL.match(text, again.end())
            body = tail.end() if tail else again.end()
        stop = _end_of_summary(text, body, min(len(text), body + _MAX_SECTION))
        if all_starts is None:
            all_starts = [p.start for p in paragraphs]
        at = bisect_right(all_starts, body) - 1  # the last paragraph starting at or before body
        containing = paragraphs[at] if at >= 0 else None
        if stop is not None and (containing is None or containing.number is not None
                                 or stop.start() < containing.end or not numbered):
            end = stop.start()
        elif containing is not None:
            end = containing.end
            if containing is paragraphs[-1]:
                end = _before_signer(text, containing.start, _signature_start(text, containing))
        else:
            end = len(text)
        found = _summary_text(text, body, end)
        if found and not _header_field(found):  # not a header pasted after a label
            return found
    return _summary_section(text, paragraphs, numbered, reach)


def _summary_section(text: str, paragraphs: list[Paragraph], numbered: list[Paragraph],
                     reach: int) -> str | None:
    for para in numbered:  # a `SUMMARY` section further down (a report's summary at its end)
        if para.heading is not None and para.heading.upper().startswith("SUMMARY") and \
                para.start >= reach:
            body = _body_start(text, para)
            stop = _END["SUMMARY"].search(text, body, para.end)
            end = stop.start() if stop else (
                _before_signer(text, para.start, _signature_start(text, para))
                if para is paragraphs[-1] else para.end)
            found = _summary_text(text, body, end)
            if found:
                return found
    return None


def _summary_text(text: str, start: int, end: int) -> str:
    found = _flatten(text[start:end])
    if "-----" in found:
        found = _RUN_ON_HEADING.sub("", found)
    found = found.strip(" -:").lstrip(".").strip()
    found = found.removesuffix("(").rstrip()  # `... move on. (END SUMMARY)`
    return html.unescape(found) if "&" in found else found


def parse_summary(text: str, paragraphs: list[Paragraph] | None = None) -> str | None:
    """The cable's SUMMARY, marks and line breaks removed, or None: `SUMMARY:` opening a
    paragraph or a line (also in the header, or in paragraph 1 after the Classified By line),
    `Summary` over a rule or alone above paragraph 1, `Introduction and Summary`, `(SUMMARY)`;
    to `END SUMMARY`, else to the end of its paragraph.

    >>> parse_summary("1. (C) SUMMARY: Talks went well. END SUMMARY.\\n\\n2. (C) Details.")
    'Talks went well.'
    """
    if paragraphs is None:
        paragraphs = split_paragraphs(text)
    return _summary(text, paragraphs)


def parse_comment(text: str, paragraphs: list[Paragraph] | None = None) -> str | None:
    """The cable's COMMENT section (a paragraph opening `Comment:` or a `Comment` heading),
    or None. Parenthetical comments inside a paragraph are left in place."""
    if paragraphs is None:
        paragraphs = split_paragraphs(text)
    return _comment(text, paragraphs)


# ---------------------------------------------------------------- signers

# Lines after the signature that are not it: the classified-website notice, routing trailers,
# a repeated classification, page running heads and page numbers, what outlets and archives
# stamped on their copies (a declassification stamp, a print track, an HTML table's end).
_TRAILER_WORDS = frozenset([
    "NNNN", "NNN", "BT", "ZFR", "UNCLASSIFIED", "UNCLAS", "CONFIDENTIAL", "SECRET", "NOFORN",
    "SIPDIS", "NODIS", "EXDIS", "LIMDIS", "SENSITIVE",
])
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
PARAGRAPH MINIMIZE CONSIDERED DECL NNNN NNN BT INFO ACTION PLEASE VISIT THANKS REGARDS SEPTEL
REFTEL DEPARTMENT EMBASSY POST ZFR GP DECLASSIFIED RELEASED
"""
_NOT_NAME = frozenset(_NOT_NAME_TEXT.split())
# Titles written with the signer's name (`Ambassador STAPLETON`, `CRETZ, Ambassador`).
_SIGNER_TITLES = frozenset([
    "AMBASSADOR", "AMB", "AMB.", "CHARGE", "CDA", "DCM", "CONSUL", "GENERAL", "CG", "PRINCIPAL",
    "OFFICER", "PO", "ACTING", "SECRETARY", "D'AFFAIRES", "A.I.",
])
_DATE_SUFFIX = re.compile(
    r"[ \t]+(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|(?:0[ \t]+)?[0-9]{1,2}/[0-9]{1,2}/[0-9]{4})$")
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
# An outlet's `=====CABLE ENDS=====` (its appendix after it) and a `* Missing Section`
# WikiLeaks lacked, as the archive writes them.
_CUT_MARKERS = ("CABLE ENDS", "CABLE END", "* Missing Section", "* MISSING SECTION")
_LINE_CHARS = 400
_STAMP_LINE = 100  # a stamp or notice is a short line; a longer one is the text run on
_GLUED_REDACTION = re.compile(r"([Xx]{6,})(?=[A-WYZ])")


def _clean_line(line: str) -> str:
    """A last line without HTML tags, trailing marks, a date stamp, a leading `#`."""
    line = _HTML_TAG.sub(" ", line[-_LINE_CHARS:]) if "<" in line else line[-_LINE_CHARS:]
    line = line.strip(" \t\\\v\f")
    line = line.rstrip(_MARKS)
    if line[-1:].isdigit():  # a date stamp ends in a digit: the pattern is not tried on others
        line = _DATE_SUFFIX.sub("", line).rstrip(_MARKS)
    return line.lstrip("#*>\"' \t")


def _is_trailer(line: str) -> bool:
    if not line:
        return True
    upper = line.upper()
    if upper in _TRAILER_WORDS or (len(line) <= _STAMP_LINE and any(
            map(upper.__contains__, _TRAILER_PHRASES))):  # no generator: called on every tail
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


def _ends_a_sentence(above_clean: str | None, written: str, above: str) -> bool:
    """Whether the last line (`written`) is the end of a sentence wrapped from the line above it
    (`...APPRECIATES TRINIDAD'S \\nASSISTANCE.`), not a signature; `above_clean` is the line
    above cleaned (None: there is none)."""
    written = written.rstrip(" \t\\")
    if not above_clean or not written.endswith(".") or written.endswith(".."):
        return False
    above = above.rstrip(" \t\\")
    return len(above) > 30 and not above.endswith(_SENTENCE_END) and \
        not _is_redacted_line(above.split()[-1])


def _is_name_line(line: str) -> bool:
    if len(line) > 60 or not _NAME_LINE.fullmatch(line):
        return False
    words = line.replace(",", " ").split()
    return not any(w.upper() in _NOT_NAME for w in words) and line.strip("X ") != ""


def _inline_signer(line: str) -> str | None:
    """The signer run onto the end of the last sentence (texts without line breaks)."""
    tail = _GLUED_REDACTION.sub(r"\1 ", line[-120:])  # `XXXXXXXXXXXXTUTTLE`
    found = _INLINE_NAME.search(tail)
    if found is None or (found.start() > 0 and not tail[found.start() - 1].isspace()):
        return None  # `.../wiki/Portal:Turkey`: a word glued to what precedes it
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
        name = before.split()[-1]  # `SCOBEY Scobey`: the name as first written
        before = before[:-len(name)].rstrip()
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
    # an outlet's appendix after the cable's end; a section WikiLeaks did not have
    if "CABLE END" in tail or "* M" in tail:  # what every marker holds: most tails have none
        for marker in _CUT_MARKERS:
            cut = tail.rfind(marker)
            if cut >= 0:
                tail = tail[:cut].rstrip(" *\t\n")
                break
    raw = tail.split("\n")
    cleaned: dict[int, str] = {}

    def line(i: int) -> str:  # cleaned on demand: most of the tail is never looked at
        if i not in cleaned:
            cleaned[i] = _clean_line(raw[i])
        return cleaned[i]

    n = len(raw)  # lines still in play, from the start
    last = ""
    while n:
        last = line(n - 1)
        cut_short = raw[n - 1].rstrip().endswith("...") and any(
            _is_name_line(_strip_titles(line(i))) for i in range(max(0, n - 3), n - 1))
        if last and not cut_short and (not _is_trailer(last) or (
                last.upper() not in _TRAILER_WORDS and _inline_signer(last))):
            break
        n -= 1
    if not n:
        return []
    signers: list[str] = []
    name = _dedupe(_strip_titles(last))
    is_name = _is_name_line(name)
    if is_name and _ends_a_sentence(line(n - 2) if n > 1 else None, raw[n - 1],
                                    raw[n - 2] if n > 1 else ""):
        return []  # `...the office of U/S \nPadilla.`
    if is_name:
        signers.append(name)
        # A second signer above: the final block (after a blank line) holds only names.
        block = []
        for i in range(n - 2, max(-1, n - 5), -1):  # three lines tell: at most two names
            if not line(i):
                break
            block.append((_strip_titles(line(i)), raw[i].rstrip(" \t\\")))
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
        if not line or _is_rule(line):
            lines.pop()
            continue
        if _is_redacted_line(line):
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
    if not lines or not _is_redacted_line(lines[-1]):
        return False
    return _stands_alone(lines[:-1])


def _stands_alone(above: list[str]) -> bool:
    """Whether a redaction line is a block of its own: after a blank line or a finished
    sentence, and not one of a list of redacted names."""
    if not above:
        return True
    prev = above[-1]
    return not prev or (prev.endswith(_SENTENCE_END) and not _is_redacted_line(prev))


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
