"""Case-blind word patterns searched fast on ASCII text (entfast7, issue 12).

Python's regex engine tries each alternative of a case-blind alternation ("(?i)\\b(?:met|told|
...)") one by one at every word boundary, folding the case of each character it compares; the
same alternation matched case-sensitively skips an alternative on its first letter. On ASCII
text, and for a pattern whose letters are all lower case, the case-blind pattern matches the
text exactly where the case-sensitive one matches the lower-cased text (lower-casing ASCII
keeps every offset, and `\\w`, `\\s`, `\\b` and the pattern's classes read both alike), about four
times faster. Other text is searched with the case-blind pattern itself.
"""

from __future__ import annotations

import re

# A letter in capitals that is no escape ("\\S", "\\W", "\\B"): the lower-cased text holds none.
_CAPITAL = re.compile(r"(?<!\\)[A-Z]")


class CaselessWords:
    """A case-blind pattern (`(?i)` first, every letter of it in lower case) with its
    case-sensitive twin for lower-cased ASCII text. `search` says only whether it matches."""

    __slots__ = ("lower", "pattern")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        source = pattern.pattern
        if not source.startswith("(?i)") or _CAPITAL.search(source) or "(?-i" in source:
            raise ValueError("a case-blind pattern written in lower case is needed")
        self.pattern = pattern
        self.lower = re.compile(source[len("(?i)"):], pattern.flags & ~re.IGNORECASE)

    def search(self, text: str, start: int = 0, end: int | None = None,
               low: str | None = None) -> bool:
        """Whether the pattern matches in `text[start:end]` (as `Pattern.search(text, start,
        end)`); `low`, if given, is `text.lower()` of an ASCII `text`, lowered once for many
        searches."""
        stop = len(text) if end is None else end
        if low is not None:
            return self.lower.search(low, start, stop) is not None
        if text.isascii():
            return self.lower.search(text.lower(), start, stop) is not None
        return self.pattern.search(text, start, stop) is not None
