"""Fast search for field labels: find the literal word first, then try the full pattern there.

`re` scans a case-insensitive pattern that opens with an alternation one position at a time;
`str.find` on an upper-cased copy jumps straight to the few places worth trying.
"""

from __future__ import annotations

import re


def find_label(text: str, word: str, pattern: re.Pattern[str], start: int = 0,
               end: int | None = None, upper: str | None = None) -> re.Match[str] | None:
    """The first match of `pattern` at an occurrence of `word` (upper case) in text[start:end].

    `upper` may pass `text.upper()` when several labels are looked for in the same text. The
    pattern must begin with `word` (case-insensitively) so that matching at its position works.
    """
    end = len(text) if end is None else end
    if upper is None or len(upper) != len(text):
        upper = text.upper()
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
        upper = text.upper()
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
