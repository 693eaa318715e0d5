"""Word-level diff between two versions of a cable: what WikiLeaks changed between publications.

Versions differ by lifted redactions, a partial extract replaced by the full text, re-wrapped
lines. Comparing words (whitespace kept but not compared) shows exactly that, where a line diff
would flag every re-wrapped line.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from difflib import SequenceMatcher
from typing import Literal

Op = Literal["equal", "insert", "delete"]

_TOKEN = re.compile(r"\S+|\s+")


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of text that is in both versions (`equal`), only the newer (`insert`) or only the
    older (`delete`). A replacement is a `delete` followed by an `insert`."""

    op: Op
    text: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def word_diff(old: str, new: str) -> list[Piece]:
    """The pieces that turn `old` into `new`, comparing words and ignoring how space is laid out.

    Equal runs take the newer version's spacing; adjacent pieces of one kind are merged.
    """
    old_tokens = _TOKEN.findall(old)
    new_tokens = _TOKEN.findall(new)
    old_words = [(i, t) for i, t in enumerate(old_tokens) if not t.isspace()]
    new_words = [(i, t) for i, t in enumerate(new_tokens) if not t.isspace()]
    matcher = SequenceMatcher(None, [t for _, t in old_words], [t for _, t in new_words],
                              autojunk=False)
    pieces: list[Piece] = []

    def span(tokens: list[str], words: list[tuple[int, str]], a: int, b: int) -> str:
        """Text from word a to the end of word b-1, with the whitespace after it."""
        if a >= b:
            return ""
        first = words[a][0]
        last = words[b][0] if b < len(words) else len(tokens)
        return "".join(tokens[first:last])

    if new_tokens and new_tokens[0].isspace():  # leading space of the newer text
        pieces.append(Piece("equal", new_tokens[0]))
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(Piece("equal", span(new_tokens, new_words, j1, j2)))
            continue
        if tag in ("delete", "replace"):
            gone = span(old_tokens, old_words, i1, i2)
            if pieces and not pieces[-1].text[-1:].isspace():
                gone = " " + gone  # keep the deleted words apart from the word before
            pieces.append(Piece("delete", gone))
        if tag in ("insert", "replace"):
            pieces.append(Piece("insert", span(new_tokens, new_words, j1, j2)))
    return _merged(pieces)


def _merged(pieces: list[Piece]) -> list[Piece]:
    out: list[Piece] = []
    for piece in pieces:
        if not piece.text:
            continue
        if out and out[-1].op == piece.op:
            out[-1] = Piece(piece.op, out[-1].text + piece.text)
        else:
            out.append(piece)
    return out


def diff_stats(pieces: list[Piece]) -> dict[str, int]:
    """Words inserted, deleted and unchanged: the summary a reader sees first."""
    counts = {"equal": 0, "insert": 0, "delete": 0}
    for piece in pieces:
        counts[piece.op] += len(piece.text.split())
    return {"words_equal": counts["equal"], "words_inserted": counts["insert"],
            "words_deleted": counts["delete"]}
