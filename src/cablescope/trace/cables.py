"""Cable texts as the tracer needs them: the current version, its paragraphs, and views of it
in matching form (words and their positions), made for a few paragraphs or for the whole cable.

Most candidate cables of a quotation are looked at around one paragraph only (and most are
rejected there), so a view covers just the paragraphs asked for: folding a long cable whole for
every candidate was most of the tracer's time.
"""

from __future__ import annotations

import bisect
import sqlite3
from collections import OrderedDict
from dataclasses import dataclass, field

from cablescope.trace.normalize import Normalized, Token, normalize, tokens

VIEWS = 4  # views kept per cable


@dataclass(frozen=True, slots=True)
class CableParagraph:
    pid: int
    number: int | None
    start: int
    end: int


@dataclass(slots=True)
class CableView:
    """Paragraphs [first, last] of a cable in matching form (offsets into the whole text)."""

    norm: Normalized
    words: list[Token]
    _index: dict[str, list[int]] | None = None

    @property
    def index(self) -> dict[str, list[int]]:
        """Word key -> its positions in `words`, ascending (made on first use)."""
        if self._index is None:
            index: dict[str, list[int]] = {}
            for i, w in enumerate(self.words):
                index.setdefault(w.key, []).append(i)
            self._index = index
        return self._index


@dataclass(slots=True)
class CableText:
    """One cable's current text and paragraph boundaries, with views made on demand."""

    cable_id: str
    text: str
    paragraphs: list[CableParagraph]
    _starts: list[int] = field(default_factory=list)
    _views: OrderedDict[tuple[int, int], CableView] = field(default_factory=OrderedDict)

    def paragraph_index(self, offset: int) -> int | None:
        """Index in `paragraphs` of the paragraph holding original `offset`."""
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self.paragraphs[i].end:
            return i
        if i + 1 < len(self.paragraphs) and self.paragraphs[i + 1].start <= offset:
            return i + 1
        return i if i >= 0 else None

    def view(self, first: int = 0, last: int | None = None) -> CableView:
        """Paragraphs [first, last] (all by default: the whole text) in matching form."""
        if not self.paragraphs:
            first, last = 0, -1
        last = len(self.paragraphs) - 1 if last is None else last
        key = (first, last)
        cached = self._views.get(key)
        if cached is not None:
            self._views.move_to_end(key)
            return cached
        whole = first == 0 and last >= len(self.paragraphs) - 1
        start = 0 if whole else self.paragraphs[first].start
        end = len(self.text) if whole else self.paragraphs[last].end
        norm = normalize(self.text, cable=True, start=start, end=end)
        view = CableView(norm, tokens(norm.text))
        self._views[key] = view
        if len(self._views) > VIEWS:
            self._views.popitem(last=False)
        return view

    def around(self, pid: int, before: int = 1, after: int = 2) -> CableView:
        """Paragraph `pid` and a few around it (quotations run across paragraphs)."""
        idx = next((i for i, p in enumerate(self.paragraphs) if p.pid == pid), None)
        if idx is None:
            return self.view()
        return self.view(max(0, idx - before), min(len(self.paragraphs) - 1, idx + after))

    def only(self, pid: int) -> CableView:
        """Paragraph `pid` alone."""
        return self.around(pid, 0, 0)


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
        paragraphs = [CableParagraph(*r) for r in self.conn.execute(
            "SELECT pid, number, start, end FROM paragraphs WHERE cable_id = ? ORDER BY start",
            (cable_id,))]
        return CableText(cable_id, row[0], paragraphs, [p.start for p in paragraphs])
