"""Tokens as the full-text index sees them, and FTS5 expressions built from them safely.

The index uses SQLite's `unicode61 remove_diacritics 2` tokenizer: letters and digits make tokens,
everything else separates them, case and accents fold. `tokens` reproduces that split in Python
(for highlighting, exact-mode pre-filtering and "similar"); FTS5 expressions always quote what the
user typed, so FTS5 folds it exactly as it folded the text, and no user text is ever FTS5 syntax.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from cablescope.search.query import QUOTE_FOLD
from cablescope.text import fold

TOKEN = re.compile(r"[^\W_]+")
# every character exact mode treats as a quote (straight ones included)
QUOTE_CHARS = frozenset("'\"" + "".join(chr(c) for c in QUOTE_FOLD))


def fold_quotes(text: str) -> str:
    """Curly quotes and apostrophes as straight ones: `Sarkozy’s` -> `Sarkozy's`."""
    return text.translate(QUOTE_FOLD)


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    token: str  # folded


def spans(text: str) -> Iterator[Span]:
    """Each token of `text` with its offsets."""
    for m in TOKEN.finditer(text):
        yield Span(m.start(), m.end(), fold(m.group()))


def tokens(text: str) -> list[str]:
    """The folded tokens of `text`."""
    return [fold(m.group()) for m in TOKEN.finditer(text)]


def fts_phrase(words: list[str], prefix: bool = False) -> str:
    """An FTS5 phrase of these tokens, quoted so that nothing in them is FTS5 syntax."""
    body = " ".join(w.replace('"', "") for w in words)
    return f'"{body}"' + ("*" if prefix else "")


def is_token_char(c: str) -> bool:
    return c.isalnum()
