"""Cable texts as the tracer needs them: current version, matching form, words, paragraphs."""

from __future__ import annotations

import bisect
import sqlite3
from collections import OrderedDict
from dataclasses import dataclass

from cablescope.trace.normalize import Normalized, Token, normalize, tokens


@dataclass(frozen=True, slots=True)
class CableParagraph:
    pid: int
    number: int | None
    start: int
    end: int


@dataclass(slots=True)
class CableText:
    """One cable's current text with its matching form, words and paragraph boundaries."""

    cable_id: str
    text: str
    norm: Normalized
    words: list[Token]
    paragraphs: list[CableParagraph]
    _starts: list[int]
    _word_starts: list[int]

    def paragraph_index(self, offset: int) -> int | None:
        """Index in `paragraphs` of the paragraph holding original `offset`."""
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self.paragraphs[i].end:
            return i
        if i + 1 < len(self.paragraphs) and self.paragraphs[i + 1].start <= offset:
            return i + 1
        return i if i >= 0 else None

    def word_range(self, start: int, end: int) -> tuple[int, int]:
        """Indices [lo, hi) of the words inside original span [start, end)."""
        ns = self.norm.from_original(start)
        ne = self.norm.from_original(end)
        lo = bisect.bisect_left(self._word_starts, ns)
        hi = bisect.bisect_left(self._word_starts, ne)
        return lo, hi

    def paragraph_words(self, pid: int, before: int = 1, after: int = 2) -> tuple[int, int]:
        """Words of paragraph `pid` and a few paragraphs around it (quotes cross paragraphs)."""
        idx = next((i for i, p in enumerate(self.paragraphs) if p.pid == pid), None)
        if idx is None:
            return 0, len(self.words)
        first = self.paragraphs[max(0, idx - before)]
        last = self.paragraphs[min(len(self.paragraphs) - 1, idx + after)]
        return self.word_range(first.start, last.end)


class CableCache:
    """A bounded cache of `CableText`s (articles of one batch often quote the same cables)."""

    def __init__(self, conn: sqlite3.Connection, size: int = 64) -> None:
        self.conn = conn
        self.size = size
        self._items: OrderedDict[str, CableText | None] = OrderedDict()

    def get(self, cable_id: str) -> CableText | None:
        if cable_id in self._items:
            self._items.move_to_end(cable_id)
            return self._items[cable_id]
        item = self._load(cable_id)
        self._items[cable_id] = item
        if len(self._items) > self.size:
            self._items.popitem(last=False)
        return item

    def _load(self, cable_id: str) -> CableText | None:
        row = self.conn.execute(
            "SELECT v.text FROM cables c JOIN versions v ON v.cable_id = c.id "
            "AND v.version = c.version WHERE c.id = ?", (cable_id,)).fetchone()
        if row is None:
            return None
        text = row[0]
        paragraphs = [CableParagraph(*r) for r in self.conn.execute(
            "SELECT pid, number, start, end FROM paragraphs WHERE cable_id = ? ORDER BY start",
            (cable_id,))]
        norm = normalize(text, cable=True)
        words = tokens(norm.text)
        return CableText(cable_id, text, norm, words, paragraphs,
                         [p.start for p in paragraphs], [w.start for w in words])
