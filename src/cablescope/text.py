"""Text forms every layer shares. Accent and case folding, one way: search, entities and tracing
compare words in the form `fold` gives, so a name, a query word and a quotation's word fold alike.

Cables are teletype text (ASCII, mostly capitals); articles and user input bring accents,
ligatures from PDF copy (`ﬁ`), full-width forms and `ß`. `fold` takes each to what a cable
would have written: compatibility forms expanded (NFKD), combining accents dropped, case folded.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACES = re.compile(r"\s+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")  # no ASCII character is a combining mark


def fold(text: str) -> str:
    """The comparison form of `text`: `Élysée` -> `elysee`, `ﬁnance` -> `finance`, `Straße` ->
    `strasse`. Its length may differ from the text's: for offsets, see `strip_accents`."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    # a cable paragraph with one non-ASCII character is otherwise ASCII: only the non-ASCII
    # runs are looked at character by character (a generator over every character was most of
    # a search page's snippet time on the real corpus)
    return _NON_ASCII.sub(_without_marks, decomposed).casefold()


def _without_marks(run: re.Match[str]) -> str:
    return "".join(c for c in run.group() if not unicodedata.combining(c))


@lru_cache(maxsize=4096)
def _stripped(char: str) -> str:
    kept = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return kept if len(kept) == 1 else char


def strip_accents(text: str) -> str:
    """`text` without accents, case kept and one character for each: offsets found in it are
    offsets into `text` (`Brasília` -> `Brasilia`; a character whose plain form is longer or
    empty, like `ﬁ` or `…`, stays as it is)."""
    if text.isascii():
        return text
    return "".join(c if c.isascii() else _stripped(c) for c in text)


def squeeze(text: str) -> str:
    """Every run of white space (line breaks included) as one space, as text is shown in a line."""
    return _SPACES.sub(" ", text)
