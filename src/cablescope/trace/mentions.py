"""Cables an article names: reference IDs in its text, links to cable pages, "cable 248745".

A named cable is strong evidence: the tracer searches it first for every quotation and claim of
the article (a four-word quote is hopeless against 250,000 cables and easy against the three the
article links to). WikiLeaks' running numbers ("cable 248745") are kept, though the corpus does
not carry them, so the report can say which references could not be resolved.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from cablescope.store.read import resolve_id
from cablescope.trace import shapes
from cablescope.trace.article import Article

_ID = re.compile(r"\b(\d{2}) ?([A-Z][A-Z-]{2,}[A-Z]) ?0*(\d{1,6})\b")
_LINK_ID = re.compile(r"/cables?/(?:\d{4}/\d{2}/)?(\d{2}[A-Z][A-Z-]{2,}[A-Z]\d{1,6})\.html", re.I)
_NUMBER = re.compile(r"\b[Cc]ables?\s+(?:no\.?\s*|number\s+|#\s*)?(\d{5,6})\b")


@dataclass(frozen=True, slots=True)
class Mention:
    """A cable named by the article: where (`start`/`end` in its text), as written, and the ID
    it resolves to in the corpus (None when not in the corpus or not resolvable)."""

    text: str
    start: int
    end: int
    cable_id: str | None
    how: str  # 'id' | 'link' | 'number'

    def as_dict(self) -> shapes.TraceCited:
        return {"text": self.text, "start": self.start, "end": self.end,
                "cable_id": self.cable_id, "how": self.how}


def find_mentions(article: Article, conn: sqlite3.Connection | None = None) -> list[Mention]:
    """Every cable reference in the article, resolved against the corpus when `conn` is given."""
    text = article.text
    found: list[Mention] = []
    seen: set[tuple[int, int]] = set()

    def resolve(raw: str) -> str | None:
        if conn is None:
            return re.sub(r"[\s-]+", "", raw).upper()
        return resolve_id(conn, raw) or resolve_id(conn, re.sub(r"\s+", "", raw))

    for link in article.links:
        m = _LINK_ID.search(link.href)
        if m:
            found.append(Mention(text[link.start:link.end], link.start, link.end,
                                 resolve(m.group(1)), "link"))
            seen.add((link.start, link.end))
    for m in _ID.finditer(text):
        if any(s <= m.start() < e for s, e in seen):
            continue
        raw = m.group()
        found.append(Mention(raw, m.start(), m.end(), resolve(raw), "id"))
    for m in _NUMBER.finditer(text):
        found.append(Mention(m.group(), m.start(), m.end(), None, "number"))
    found.sort(key=lambda x: x.start)
    return found
