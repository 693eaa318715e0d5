"""Numbered paragraphs and section headings: the blocks that partition a cable's text.

A paragraph starts at `¶N.` anywhere (the mark WikiLeaks added) or at `N.` / `N (C)` at a line
start (cables.csv and plain-text dumps have no `¶`), and in texts that lost their line breaks at
`N. (C)` after a sentence. Not a paragraph: a year at a line start (`¶2007.`, `¶0200.`), a wrapped
date or figure (`...on August\\n¶5. Gunnarsdottir`), `1.4 (b)`. Numbers are kept as printed, even
when they skip or repeat; lettered sub-lists (`A.`, `--`) stay inside their paragraph.

Speed matters (the full release is 251,287 cables): every scan is anchored on a literal
(`\\n`, `¶`, `.(`, `--`) so the regex engine can skip ahead, and nothing rescans the text
before a match.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

from cablescope.parse.markings import normalize_marking
from cablescope.parse.model import Paragraph

__all__ = ["ParagraphStart", "find_headings", "find_paragraph_starts", "split_paragraphs"]

_MARK_BODY = (
    r"(?:TS|S{1,2}|C|U|SBU|SB|SU|SE|NC|SNF|N/SF|FOUO|CONFIDENTIAL|SECRET|UNCLASSIFIED|UNCLAS)"
    r"(?:[ \t]{0,3}(?:/{1,2}|-|[ \t])[ \t]{0,3}[A-Za-z][^()\n]{0,35})?"
)
_MARK = rf"(?:\([ \t]{{0,3}}(?P<mark>{_MARK_BODY})[ \t]{{0,3}}\))"
# A paragraph's number opening a line: `1. (C)`, `¶12.`, `10  (C)`, `2.(C)`; a number with
# neither dot nor mark (a figure, 5,300 lines of the archive) fails here, not in the loop.
_NUMBER_OPENING = (rf"[ \t]*(?P<pil>¶[ \t]*)?(?P<num>[0-9]{{1,4}})(?P<dot>\.(?![0-9]))?"
                   rf"[ \t]*{_MARK}?(?(dot)|(?(mark)|(?!)))")  # no dot and no mark: fail
_FIRST_LINE_START = re.compile(_NUMBER_OPENING, re.I)
# After a newline; the lookahead tells first what a number's line starts with (a blank, `¶`
# or a digit): most lines, opening with a letter, fail that one test instead of the groups.
_LINE_START = re.compile(rf"\n(?=[ \t¶0-9]){_NUMBER_OPENING}", re.I)
# Not after a newline (`\n¶N.` is the first scan's, decided the same way there); the check
# stands after the `¶`, which stays a literal prefix the engine skips to.
_PILCROW = re.compile(
    rf"¶(?<!\n¶)[ \t]*(?P<num>[0-9]{{1,4}})(?P<dot>\.(?![0-9]))[ \t]*{_MARK}?", re.I)
# `... End summary. 2. (SBU) On October 27`: found from its `.(`, the number read backwards.
# Only after one to three digits with a space, a tab or `X` before them (what the loop keeps):
# the checks stand after the `.`, which stays the literal the engine skips to, and most marks,
# at a line start after a newline, are no longer handed to the loop. The `(` is looked for
# first: after most periods (sentences' ends) it fails at once.
_DOT_MARK = re.compile(
    rf"\.(?=[ \t]*\()"
    rf"(?:(?<=[ \tXx][0-9]\.)|(?<=[ \tXx][0-9]{{2}}\.)|(?<=[ \tXx][0-9]{{3}}\.))[ \t]*{_MARK}",
    re.I)
_PAGE_END = re.compile(r"OF[ \t]+[0-9]{3}$")
_MID_PLAIN = re.compile(r"  (?P<num>[0-9]{1,2})\.[ \t]+(?=[A-Z\"“(])")
_SENTENCE_END = frozenset(".!?:;\"'”’)]-\\*=\n")
_CONTINUING_TEXT = (
    "and or to of on at in the by from with paragraph paragraphs para paras page section article"
    " chapter tier no number resolution unscr jan january feb february mar march apr april may"
    " jun june jul july aug august sep sept september oct october nov november dec december"
)
_CONTINUING_WORDS = frozenset(_CONTINUING_TEXT.split())
# A text without hard line breaks: some line runs past this many characters.
_FLOWING_LINE = 600


@dataclass(slots=True)  # not frozen: made 55,000 times a pass, built 3-4 times faster
class ParagraphStart:
    """Where a numbered paragraph starts, its number as printed and its marking."""

    start: int
    number: int
    marking: str | None


def _line_at(text: str, pos: int) -> tuple[int, int]:
    """(start, end) of the line holding `pos`, end excluding the newline."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


# How far back the line tests look: a long line (a text without hard line breaks) is only read
# near the position in question, so that scanning it stays linear.
_LOOKBACK = 300


def _line_start(text: str, pos: int) -> int:
    """Start of the line holding `pos`, or `pos - _LOOKBACK` when the line begins further back."""
    low = max(0, pos - _LOOKBACK)
    found = text.rfind("\n", low, pos)
    return found + 1 if found >= 0 or low == 0 else low


def _previous_line(text: str, pos: int) -> str:
    """(The end of) the line before the one holding `pos` ("" at the first line)."""
    start = _line_start(text, pos)
    if start == 0 or text[start - 1] != "\n":
        return ""
    return text[_line_start(text, start - 1):start - 1]


def _continues_sentence(prev: str) -> bool:
    """Whether a non-blank line runs on into the next (`on August`, `a vote of 33 to`,
    `...rejected`), so a number opening the next line belongs to the sentence."""
    tail = prev.rstrip(" \t\\")
    if not tail.strip():  # blank, or a lone carriage return of a CRLF text
        return False
    last = tail[-1]
    if last.islower() or last == ",":
        return True
    if last in "-–—/&+" and len(tail) > 1 and tail[-2].isalnum():
        return True
    word = tail.rsplit(None, 1)[-1].rstrip(".").lower()
    return word in _CONTINUING_WORDS


def _number(raw: str, marked: bool) -> int | None:
    """The paragraph number, or None for a year (`2007`) or a wrapped figure (`0200`, `010`)."""
    if len(raw) >= 4:
        return None
    if len(raw) > 1 and raw[0] == "0" and not marked:
        return None
    return int(raw)


def _clean_mark(mark: str | None) -> str | None:
    if not mark:
        return None
    return mark if " " not in mark and "\t" not in mark else " ".join(mark.split())


def is_flowing(text: str) -> bool:
    """Whether the text lost its hard line breaks (one line runs on for paragraphs)."""
    if len(text) <= _FLOWING_LINE:
        return False
    first = text.find("\n")
    if first < 0 or first > _FLOWING_LINE:
        return True
    # From line start to line start by the last newline of the next _FLOWING_LINE + 1
    # characters (one C-level search a window, not a pattern stepping over every character).
    pos = first + 1
    while pos + _FLOWING_LINE < len(text):
        newline = text.rfind("\n", pos, pos + _FLOWING_LINE + 1)
        if newline < 0:
            return True  # a whole window without a line break
        pos = newline + 1
    return False


def find_paragraph_starts(text: str) -> list[ParagraphStart]:
    """The numbered paragraphs of a cable text, in order of position."""
    found: dict[int, ParagraphStart] = {}
    first_line = _FIRST_LINE_START.match(text)  # searched apart: no `"\n" + text` copy
    for match in chain((first_line,) if first_line else (), _LINE_START.finditer(text)):
        # one `group` call for the four, `_number` and `_clean_mark` inline: 55,000 lines a pass
        mark, dot, raw, pil = match.group("mark", "dot", "num", "pil")
        if len(raw) >= 4 or (len(raw) > 1 and raw[0] == "0" and not mark):
            continue  # a year (`2007`) or a wrapped figure (`0200`), as `_number` tells
        start = match.start("pil") if pil else match.start("num")
        if not mark:
            if _continues_sentence(_previous_line(text, start)):
                continue
            found[start] = ParagraphStart(start, int(raw), None)
        else:
            found[start] = ParagraphStart(start, int(raw), _clean_mark(mark))
    for match in _PILCROW.finditer(text):  # `¶N.` inside a line
        if match.start() in found:
            continue
        mark = match.group("mark")
        number = _number(match.group("num"), bool(mark))
        if number is None:
            continue
        lead = text[_line_start(text, match.start()):match.start()]
        prev = lead if lead.strip() else _previous_line(text, match.start())
        if not mark and _continues_sentence(prev):
            continue
        found[match.start()] = ParagraphStart(match.start(), number, _clean_mark(mark))
    for match in _DOT_MARK.finditer(text):  # `sentence. 2. (C) Next` inside a line
        dot = match.start()
        start = dot
        while start > 0 and dot - start < 3 and text[start - 1] in "0123456789":
            start -= 1
        if start == dot or start in found or start == 0:
            continue
        if text[start - 6:start] in ("XXXXXX", "xxxxxx"):  # `XXXXXXXXXXXX10. (C)`: glued on
            found[start] = ParagraphStart(start, int(text[start:dot]),
                                          _clean_mark(match.group("mark")))
            continue
        if text[start - 1] not in " \t":
            continue
        before = start - 1
        while before > 0 and text[before - 1] in " \t":
            before -= 1
        if before == 0 or text[before - 1] == "\n":
            continue  # at a line start: the first scan decided
        if text[before - 1] not in _SENTENCE_END and \
                not _PAGE_END.search(text, max(0, before - 12), before):
            continue  # not after a sentence or a page's running head
        found[start] = ParagraphStart(start, int(text[start:dot]),
                                      _clean_mark(match.group("mark")))
    starts = [found[start] for start in sorted(found)]
    if is_flowing(text):
        starts = _add_flowing_plain(text, starts)
    return starts


def _add_flowing_plain(text: str, starts: list[ParagraphStart]) -> list[ParagraphStart]:
    """In a text without line breaks, unmarked `  N.  Text` that continue the numbering."""
    positions = [p.start for p in starts]
    for match in _MID_PLAIN.finditer(text):
        start = match.start("num")
        i = bisect_left(positions, start)
        if i < len(positions) and positions[i] - start < 3:
            continue
        expected = starts[i - 1].number + 1 if i else 1
        if int(match.group("num")) != expected or (i < len(starts)
                                                   and starts[i].number <= expected):
            continue
        starts.insert(i, ParagraphStart(start, expected, None))
        positions.insert(i, start)
    return starts


# ---------------------------------------------------------------- headings

_RULES = ("---", "===", "___")
# Each looked for by a compiled literal: the pattern's prefix scan skips to `---` faster than
# `str.find` does (0.012 against 0.019 CPU s over the archive).
_RULE_RUNS = tuple(re.compile(re.escape(rule)) for rule in _RULES)
# `---`, `===` or `___` (spaces between allowed, final backslashes of the cables.csv line ends):
# a rule under or over a heading. One compiled pattern, not per-character Python code.
_RULE = re.compile(r"[ \t]*[-=_]{3}[-=_ \t]*[\\ \t]*")


def _is_rule(line: str) -> bool:
    """A line of `---`, `===` or `___`: a rule under or over a heading."""
    return _RULE.fullmatch(line) is not None

_SLASHED = re.compile(r"//[ \t]*(?P<h>[^/\n]{2,100}?)[ \t]*//[ \t\\]*(?=\n|$)")
# How every `//HEADING//` line ends; looked for before the heading's pattern is tried. This
# search skips to each `//` faster than `"//" in text` (0.02 against 0.05 CPU s over the archive).
_SLASHED_END = re.compile(r"//[ \t\\]*(?:\n|\Z)")
# `-- Summary --`, `------- SUMMARY -------`. The lookahead reads at most the heading's 81
# characters and its trailing blanks (possessive: no step back) and asks for `--` there before
# the heading's shortest form is tried character by character: an aside (`the minister -- who
# ...`) or a list item (`-- The minister said ...`) fails in one run of at most 81 characters.
_DASHED = re.compile(
    r"--[ \t]*(?=[A-Za-z\"“][^\n\-]{1,80}+[ \t]*--)(?P<h>[A-Za-z\"“][^\n\-]{1,80}?)[ \t]*--")
# A line alone after a blank line: capitals, or words in title case (`Summary`, `The Economy`).
# The line after it is blank or opens a paragraph (whose first character is `¶` or a digit).
_CAPS_START = re.compile(
    r"\n[ \t\\]*\n[ \t]*(?=[A-Z][^\n]{0,200}\n(?:[ \t\\\n¶0-9]|\Z))")  # a short line
_BLANKISH = frozenset(" \t\\\n")  # with "": how a blank line or an indented one begins
_CAPS_LINE = re.compile(r"(?P<h>[A-Z][A-Za-z0-9 ,'’&/\-():.;\"]{1,80}?)[ \t\\]*")
_SMALL_WORDS = frozenset([
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "vs.",
    "vs", "with",
])
_MAX_TITLE_WORDS = 8
_NOT_HEADING = re.compile(
    r"(?:END\b|BEGIN\b|QUOTE\b|UNQUOTE\b|SIPDIS|NOFORN|SENSITIVE\b|CONFIDENTIAL\b|SECRET\b"
    r"|UNCLAS|TAGS\b|SUBJ|REF\b|REFS\b|E\.O\.|CLASSIFIED\b|REASONS?[ \t]*:|DECL[ \t]*:"
    r"|HEADER ENDS|CABLE ENDS|NNNN|BT\b"
    r"|[A-Z][A-Z .]+\s0{2,}[0-9]+|PAGE[ \t]+[0-9]{2,3}[ \t]|RE:|SOURCES?:|X{6,}|[0-9]{1,3}\.\s"
    r"|\(?[A-Z]\)\s|[A-Z]\.\s"
    r"|--)",
    re.I,
)
_HEADING_TRIM = " \t\\-=_/:*"
_FIGURE = re.compile(r"[0-9][0-9,.%]{0,20}")
_LETTER = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"[0-9]")
_DIGITS = frozenset("0123456789")
_TABLE_GAP = re.compile(r"\S[ \t]{6}[ \t]*\S")
# A line ending in a date or year alone between blank lines is a list's or table's, not a
# heading (`February 2010`, `Governor of Colorado - Nov 13-15, 2005`).
_DATED_LINE = re.compile(
    r"(?:\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?[ \t]+[0-9]{1,2}"
    r"(?:-[0-9]{1,2})?,?[ \t]+[0-9]{4}|\b(?:January|February|March|April|May|June|July|August"
    r"|September|October|November|December)[ \t]+[0-9]{4})$", re.I)
_CLOSERS = ")\"'”’ \t"


def _dated(line: str) -> bool:
    """Whether the line ends in a date or year (`_DATED_LINE`); most lines do not end in a digit
    and are told so without the pattern's search (a try at every position)."""
    return line[-1:] in _DIGITS and _DATED_LINE.search(line) is not None


@lru_cache(maxsize=16384)  # headings repeat from cable to cable (`Summary`, `Comment`)
def _heading_text(raw: str) -> str | None:
    if ("      " in raw or "\t" in raw) and _TABLE_GAP.search(raw.strip()):
        return None  # columns of a table (`TOTAL                  13`)
    text = " ".join(raw.strip(_HEADING_TRIM).split())
    if len(text) < 2 or len(text) > 100 or not _LETTER.search(text):
        return None
    if text[0].islower() or "http" in text or "www." in text:
        return None  # the tail of a sentence, a link
    digits = sum(map(text.count, "0123456789")) if _DIGIT.search(text) else 0  # most: none
    if digits and digits > sum(map(str.isalpha, text)) and \
            sum(_FIGURE.fullmatch(word) is not None for word in text.split()) >= 2:
        return None  # a table's row (`TOTAL 14,078 9,090 672,407`), not `P5+1` or `G-20`
    return text


def _rule_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line made of `---`, `===` or `___` only."""
    lines: set[tuple[int, int]] = set()
    for rule, run in zip(_RULES, _RULE_RUNS, strict=True):
        if rule[0] not in text:  # one character is looked for far faster than three
            continue
        found = run.search(text)
        while found is not None:
            start, end = _line_at(text, found.start())
            if _RULE.fullmatch(text, start, end):
                lines.add((start, end))
            found = run.search(text, end)
    return sorted(lines)


def _line_before(text: str, line_start: int) -> tuple[int, str] | None:
    """(start, text) of the line before the line starting at `line_start`, or None."""
    if line_start <= 0:
        return None
    start = text.rfind("\n", 0, line_start - 1) + 1
    return start, text[start:line_start - 1]


def _line_after(text: str, line_end: int) -> tuple[int, str] | None:
    """(start, text) of the line after the line ending at `line_end` (its newline), or None."""
    if line_end >= len(text):
        return None
    start = line_end + 1
    end = text.find("\n", start)
    return start, text[start:len(text) if end < 0 else end]


def _blank(line: str) -> bool:
    return not line.strip(" \t\\")


def _nonblank_after(text: str, line_end: int) -> tuple[int, str] | None:
    """The next line that is not blank after the line ending at `line_end`, skipping one."""
    size = len(text)
    if line_end >= size:
        return None
    start = line_end + 1
    end = text.find("\n", start)
    end = size if end < 0 else end
    line = text[start:end]
    if line.strip(" \t\\"):
        return start, line
    if end >= size:  # the blank line is the last
        return None
    start = end + 1
    end = text.find("\n", start)
    return start, text[start:size if end < 0 else end]


# `Heading text ------` under a rule line: the underline run on at the end of the heading's line.
_RULED_LINE = re.compile(r"[ \t]*(?P<h>[A-Za-z\"“][^\n]{1,100}?)[ \t]*-{3,}[ \t\\]*")


def _opens_paragraph(line: str) -> bool:
    return _FIRST_LINE_START.match(line) is not None


def _underlined(text: str, rules: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """Lines above a rule line: headings. The heading may stand a blank line away from its rule
    in double-spaced texts; the line above an overline (the rule over a framed heading) is the
    end of a paragraph, not a heading."""
    found = []
    for start, end in rules:
        under = _line_after(text, end)
        if under is not None and len(under[1]) <= 200 and "---" in under[1]:
            ruled = _RULED_LINE.fullmatch(under[1])
            if ruled is not None:  # `-----\nSaudis Resist Continued Requests ------`
                found.append((under[0] + ruled.start("h"), ruled.group("h")))
        above = _line_before(text, start)
        if above is None:
            continue
        line_start, line = above
        spaced = False
        if _blank(line):  # `-------\n\nSummary\n\n-------`
            above = _line_before(text, line_start)
            if above is None or _blank(above[1]) or _is_rule(above[1]):
                continue
            line_start, line = above
            spaced = True
        if _is_rule(line):
            continue
        overline = False
        below = _nonblank_after(text, end)
        if below is not None and not _is_rule(below[1]) and \
                len(below[1]) <= 100 and not below[1].lstrip().startswith("¶") and \
                not _opens_paragraph(below[1]):
            after_below = _nonblank_after(text, below[0] + len(below[1]))
            overline = after_below is not None and _is_rule(after_below[1])
        before = _line_before(text, line_start)
        alone = before is None or _blank(before[1]) or _is_rule(before[1])
        if overline and not alone:
            continue  # this rule is an overline: `line` ends the paragraph above
        ends_sentence = line.rstrip(" \t\\)\"'”’").endswith((".", ",", ";"))
        if spaced and (not alone or ends_sentence or len(line.strip()) > 80):
            continue
        if not alone and ends_sentence and len(line) > 40:
            continue  # the last line of a paragraph above a rule
        found.append((line_start + len(line) - len(line.lstrip()), line))
    return found


def _dashed(text: str) -> list[tuple[int, str]]:
    """`-- Heading --` alone on its line, or `------- HEADING -------` anywhere (texts without
    line breaks); not `-- an aside --` inside a sentence."""
    found = []
    for match in _DASHED.finditer(text):
        line_start, line_end = _line_at(text, match.start())
        alone = not text[line_start:match.start()].strip(" \t-") and \
            not text[match.end():line_end].strip(" \t-\\")
        runs = text[max(0, match.start() - 3):match.start()] == "---" and \
            text[match.end():match.end() + 1] == "-"
        if alone or runs:
            found.append((match.start("h"), match.group("h")))
    return found


def find_headings(text: str, starts: list[ParagraphStart]) -> list[tuple[int, str]]:
    """Section headings as (offset, heading), in order: lines underlined with dashes or `=`,
    `//HEADING//`, `-- Heading --`, and capitals standing alone before a paragraph."""
    rules = _rule_lines(text)
    candidates = _underlined(text, rules) + _dashed(text)
    if _SLASHED_END.search(text):  # in one text of ninety
        candidates.extend((m.start("h"), m.group("h")) for m in _SLASHED.finditer(text)
                          if not text[text.rfind("\n", 0, m.start()) + 1:m.start()].strip())
    found: dict[int, str] = {}
    for pos, raw in candidates:
        if _FIRST_LINE_START.match(raw) or raw.lstrip().startswith("¶") \
                or "header ends" in raw.lower():
            continue  # a paragraph's first line, the end of the header
        heading = _heading_text(raw)
        if heading and not _NOT_HEADING.match(heading):
            found.setdefault(pos, heading)
    if starts:
        found.update(_caps_headings(text, starts, found))
    return sorted(found.items())


def _caps_headings(text: str, starts: list[ParagraphStart],
                   known: dict[int, str]) -> dict[int, str]:
    """Capitals alone between blank lines (or right above a paragraph), from just before
    paragraph 1 to before the last paragraph."""
    para_positions = {p.start for p in starts}
    first, last = starts[0].start, starts[-1].start
    found: dict[int, str] = {}
    for start in _CAPS_START.finditer(text, max(0, first - 300), last):
        pos = start.end()
        nl = text.find("\n", pos, last)
        if nl < 0 or pos in known or (text[nl + 1:nl + 2] not in _BLANKISH
                                      and nl + 1 not in para_positions):
            continue  # the line after runs on from this one (the usual case, told first)
        if pos < first and text[nl:first].strip(" \t\n\\-=_"):
            continue  # a header line: more text stands between it and paragraph 1
        next_end = text.find("\n", nl + 1)
        nxt = text[nl + 1:next_end if next_end >= 0 else len(text)]
        if nxt.strip(" \t\\") and nl + 1 + len(nxt) - len(nxt.lstrip(" \t")) not in para_positions:
            continue
        if nl - pos > 120 and len(text[pos:nl].rstrip(" \t\\")) > 81:
            continue  # the line is read only when it is short enough to be a heading
        match = _CAPS_LINE.fullmatch(text, pos, nl)
        if match is None:
            continue
        heading = _heading_text(match.group("h"))
        if heading and not heading.rstrip(_CLOSERS).endswith((".", ",")) \
                and not _NOT_HEADING.match(heading) and not _dated(heading) \
                and (heading.upper() == heading or _title_case(heading)):
            found[pos] = heading
    return found


def _title_case(line: str) -> bool:
    """Words in title case, a heading's (`Summary`, `Political Parties Weigh In`), not the
    start of a sentence."""
    words = line.split()
    return 0 < len(words) <= _MAX_TITLE_WORDS and all(
        w[0].isupper() or w.lower() in _SMALL_WORDS or not w[0].isalpha() for w in words)


_BLANK_LINES = re.compile(r"\n[ \t\\]*\n\s*")


def _with_headings(text: str, starts: list[ParagraphStart],
                   headings: list[tuple[int, str]]) -> list[int]:
    """Where each numbered paragraph begins once the section heading right above it (with its
    rules and the blank lines between them) is counted in: `DISAGREEING WITH VERSUS
    UNDERCUTTING THE U.S.\\n-----\\n¶4.` is paragraph 4's, not the end of paragraph 3."""
    numbered = [p.start for p in starts]
    begins = numbered[:]
    positions = [pos for pos, _ in headings]
    heading_at = set(positions)
    for j, pos in enumerate(positions):  # only the last heading above a paragraph can move it
        i = bisect_right(numbered, pos)
        if i == len(starts) or (j + 1 < len(positions) and positions[j + 1] < starts[i].start):
            continue
        para = starts[i]
        floor = starts[i - 1].start + 1 if i else 0
        if pos < floor:
            continue
        line_start = text.rfind("\n", 0, pos) + 1
        if line_start < floor:
            continue
        line_end = text.find("\n", pos)
        if line_end < 0 or line_end >= para.start:
            continue  # the heading runs on into the paragraph (texts without line breaks)
        if not _only_rules_between(text, line_end, para.start):
            continue
        begin = here = line_start
        ruled = False  # a rule between this heading and one above it: they are stacked
        while here > 0:  # up line by line: the rule over a framed heading, blank lines apart;
            start = text.rfind("\n", 0, here - 1) + 1  # a section's heading over a subsection's
            if start < floor:
                break
            line = text[start:here - 1]
            if _RULE.fullmatch(line) is not None:
                begin, ruled = start, True
            elif line.strip(" \t\\"):
                if not ruled or start + len(line) - len(line.lstrip()) not in heading_at:
                    break
                begin, ruled = start, False
            here = start
        begins[i] = begin
    return begins


# Lines that are blank or rules, each whole (atomic, and the repetition possessive: no line is
# read twice, so the test stays linear).
_RULES_OR_BLANKS = re.compile(rf"(?:(?>{_RULE.pattern}|[ \t\\]*)(?:\n|\Z))*+")


def _only_rules_between(text: str, start: int, end: int) -> bool:
    """Whether the lines from `start` to `end` are blank or rules."""
    return _RULES_OR_BLANKS.fullmatch(text, start, end) is not None


def split_paragraphs(text: str, starts: list[ParagraphStart] | None = None,
                     headings: list[tuple[int, str]] | None = None) -> list[Paragraph]:
    """Blocks that partition `text`: the header before paragraph 1 (number None), then each
    numbered paragraph up to the next; with no numbered paragraphs, blocks split at blank lines.
    Every block but the header carries the heading above it."""
    if starts is None:
        starts = find_paragraph_starts(text)
    if headings is None:
        headings = find_headings(text, starts)
    # (where the block begins, where its number stands, number, marking)
    bounds: list[tuple[int, int, int | None, str | None]] = []
    if starts:
        moved = _with_headings(text, starts, headings) if headings else [p.start for p in starts]
        if moved[0] > 0:
            bounds.append((0, 0, None, None))
        bounds.extend((begin, p.start, p.number, p.marking)
                      for begin, p in zip(moved, starts, strict=True))
    elif text:
        bounds.append((0, 0, None, None))
        bounds.extend((m.end(), m.end(), None, None) for m in _BLANK_LINES.finditer(text)
                      if m.end() < len(text))
    paragraphs: list[Paragraph] = []
    h = -1
    last_heading = len(headings) - 1
    numbered = bool(starts)
    ends = [b[0] for b in bounds[1:]] + [len(text)]
    # not strict: an empty text has no bounds but one end
    for seq, ((start, anchor, number, marking), end) in enumerate(zip(bounds, ends, strict=False)):
        while h < last_heading and headings[h + 1][0] < (anchor if anchor > start else start):
            h += 1
        heading = headings[h][1] if h >= 0 and not (numbered and number is None) else None
        # (seq, number, marking, text, start, end, heading, marking_raw)
        paragraphs.append(Paragraph(seq, number, normalize_marking(marking) if marking else None,
                                    text[start:end], start, end, heading, marking))
    return paragraphs
