"""An article in matching form, and its quotations cut into fragments at ellipses."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from cablescope.trace.keys import gram_hashes
from cablescope.trace.normalize import Normalized, Token, normalize, tokens
from cablescope.trace.quotes import Quote

ELLIPSIS = re.compile(
    r"\s*(?:\[\s*(?:\.\s*){3,}\]|\[\s*…\s*\]|\(\s*(?:\.\s*){3,}\)|\(\s*…\s*\)|\.(?:\s?\.){2,}|…)\s*"
)


@dataclass(slots=True)
class Fragment:
    """A piece of a quotation between ellipses: its span and its words.

    `marker` is the ellipsis before it ('' for a paragraph break inside the quotation, None for
    the first fragment), `marker_start`/`marker_end` where that ellipsis is.
    """

    start: int
    end: int
    words: list[Token]
    marker: str | None = None
    marker_start: int = 0
    marker_end: int = 0


@dataclass(slots=True)
class Unit:
    """A quotation being traced: its fragments and the 4-grams to look up."""

    quote: Quote
    kind: str
    fragments: list[Fragment]
    grams: list[int]
    trailing: tuple[str, int, int] | None = None  # an ellipsis after the last fragment

    @property
    def start(self) -> int:
        return self.quote.start

    @property
    def end(self) -> int:
        return self.quote.end


class ArticleText:
    """The article's text, its matching form and its words (offsets into the matching form)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.norm: Normalized = normalize(text)
        self.words: list[Token] = tokens(self.norm.text)
        self._starts = [w.start for w in self.words]

    def words_in(self, start: int, end: int) -> list[Token]:
        """Words inside the original span [start, end)."""
        ns, ne = self.norm.from_original(start), self.norm.from_original(end)
        lo = bisect.bisect_left(self._starts, ns)
        hi = bisect.bisect_left(self._starts, ne)
        return self.words[lo:hi]

    def fragment(self, start: int, end: int,
                 marker: tuple[str, int, int] | None = None) -> Fragment:
        while start < end and self.text[start].isspace():
            start += 1
        words = self.words_in(start, end)
        if marker is None:
            return Fragment(start, end, words)
        return Fragment(start, end, words, *marker)

    def unit(self, quote: Quote, kind: str | None = None) -> Unit:
        """A quotation cut at its ellipses (and at the paragraph breaks of a long quote)."""
        text = self.text
        fragments: list[Fragment] = []
        trailing = None
        for p, (s, e) in enumerate(quote.parts):
            pending: tuple[str, int, int] | None = ("", s, s) if p else None
            if trailing is not None:
                # an ellipsis ending the paragraph before: it is what skipped the cable's text
                # up to this paragraph's words, not an ellipsis after the quotation
                pending, trailing = trailing, None
            pos = s
            for m in ELLIPSIS.finditer(text, s, e):
                if m.start() > pos:
                    fragments.append(self.fragment(pos, m.start(), pending))
                marker = m.group()
                lead = len(marker) - len(marker.lstrip())
                core = marker.strip()
                pending = (core, m.start() + lead, m.start() + lead + len(core))
                pos = m.end()
            if pos < e:
                fragments.append(self.fragment(pos, e, pending))
            elif pending and pending[0]:
                trailing = pending
        fragments = [f for f in fragments if f.words]
        grams: list[int] = []
        for f in fragments:
            grams.extend(gram_hashes([w.key for w in f.words]))
        return Unit(quote, kind or quote.kind, fragments, grams, trailing)

    def span_unit(self, spans: list[tuple[int, int]], kind: str) -> Unit:
        """A passage that is not in quote marks (unmarked reuse), one fragment per span."""
        quote = Quote(spans[0][0], spans[-1][1], kind, list(spans))
        return self.unit(quote, kind)
