"""Fast search for field labels: find the literal word first, then try the full pattern there.

`re` scans a case-insensitive pattern that opens with an alternation one position at a time;
`str.find` on an upper-cased copy jumps straight to the few places worth trying.
"""

from __future__ import annotations

import re

# The last text upper-cased and its upper case: the field parsers of one cable look in the same
# header one after the other (a tuple is replaced whole, so threads never see half of one).
_LAST_UPPER: tuple[str, str] = ("", "")


def upper_of(text: str) -> str:
    """`text.upper()`, computed once for the text the parsers are working on."""
    global _LAST_UPPER
    last = _LAST_UPPER
    if last[0] is text:
        return last[1]
    upper = text.upper()
    _LAST_UPPER = (text, upper)
    return upper


def find_label(text: str, word: str, pattern: re.Pattern[str], start: int = 0,
               end: int | None = None, upper: str | None = None) -> re.Match[str] | None:
    """The first match of `pattern` at an occurrence of `word` (upper case) in text[start:end].

    `upper` may pass `text.upper()` when several labels are looked for in the same text. The
    pattern must begin with `word` (case-insensitively) so that matching at its position works.
    """
    end = len(text) if end is None else end
    if upper is None or len(upper) != len(text):
        upper = upper_of(text)
        if len(upper) != len(text):  # case mapping changed lengths (e.g. 'ß'): plain search
            return pattern.search(text, start, end)
    pos = upper.find(word, start, end)
    while pos >= 0:
        match = pattern.match(text, pos, end)
        if match is not None:
            return match
        pos = upper.find(word, pos + 1, end)
    return None


def find_field(text: str, word: str, pattern: re.Pattern[str], upper: str | None = None,
               ) -> re.Match[str] | None:
    """A header field label (`SUBJECT:`, `TAGS`): with its colon anywhere (texts that lost
    their line breaks run fields together: `...2016TAGS: ECON`), without one only at a line
    start. `pattern` has a `colon` group."""
    if upper is None or len(upper) != len(text):
        upper = upper_of(text)
    pos = 0
    while True:
        label = find_label(text, word, pattern, pos, upper=upper)
        if label is None:
            return None
        if label.group("colon"):
            return label
        if _at_line_start(text, label.start()):
            return label
        pos = label.start() + 1


_LOOKBACK = 200


def _at_line_start(text: str, pos: int) -> bool:
    """Only blanks between the line's start and `pos` (looking back a bounded distance, so
    that many labels on one long line cost linear time)."""
    low = max(0, pos - _LOOKBACK)
    line_start = text.rfind("\n", low, pos) + 1
    if line_start == 0 and low > 0:
        return False  # more than _LOOKBACK characters on this line before pos
    return not text[line_start:pos].strip()
