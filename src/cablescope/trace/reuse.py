"""Cable text reused without quotation marks: blogs and wire copy paste whole paragraphs.

Every sentence outside quotation marks is looked up like a quotation (its 4-grams are part of the
article's single index lookup). A sentence is reused when most of its words align, in order, to
one cable with a long run of identical words; consecutive reused sentences from one cable are one
passage, aligned as precisely as a quotation (kind `unmarked`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from cablescope.trace.fragments import ArticleText
from cablescope.trace.keys import gram_hashes
from cablescope.trace.quotes import Quote
from cablescope.trace.report import TracedQuote, status_of
from cablescope.trace.sentences import sentence_spans

if TYPE_CHECKING:
    from cablescope.trace.tracer import Tracer

MIN_WORDS = 8  # a sentence shorter than this is not looked up
MIN_MATCHED = 8
MIN_RUN = 6
MIN_COVERAGE = 0.7
MIN_GRAMS = 2  # distinct indexed 4-grams a paragraph must share with a sentence to be aligned


@dataclass(slots=True)
class Region:
    """A sentence of the article outside quotation marks."""

    start: int
    end: int
    has_quote: bool  # it carries a quotation (then the rest is attribution, not a claim)
    words: int
    grams: list[int]
    quoted: float = 0.0  # share of its words inside quotation marks


def outside_regions(doc: ArticleText, quotes: list[Quote]) -> list[Region]:
    """The article's sentences, each flagged when a real quotation sits in it."""
    spans = [(q.start - 1, q.end + 1, q.kind) for q in quotes]
    regions: list[Region] = []
    for s, e in sentence_spans(doc.text):
        inside = [(qs, qe, kind) for qs, qe, kind in spans if qs < e and qe > s]
        if any(qs <= s and qe >= e for qs, qe, _ in inside):
            continue  # the sentence is quoted
        has_quote = any(kind not in ("scare", "phrase") for _, _, kind in inside)
        words = doc.words_in(s, e)
        quoted = sum(len(doc.words_in(max(s, qs), min(e, qe))) for qs, qe, _ in inside)
        grams = gram_hashes([w.key for w in words])
        regions.append(Region(s, e, has_quote, len(words), grams,
                              quoted / len(words) if words else 0.0))
    return regions


def find_reuse(tracer: Tracer, doc: ArticleText, regions: list[Region],
               postings: dict[int, list[int]], pid_cable: dict[int, str | None]
               ) -> list[TracedQuote]:
    """Passages of the article that are a cable's words without quotation marks."""
    hits: list[tuple[Region, str]] = []
    for region in regions:
        # a sentence mostly in quotation marks is a quotation with its attribution; one quoting
        # a few words may be a pasted cable sentence that quotes someone itself
        if region.quoted >= 0.5 or region.words < MIN_WORDS:
            continue
        for cable_id, _score, pid in tracer.candidates(region.grams, postings, pid_cable, 2,
                                                      min_grams=MIN_GRAMS):
            ct = tracer.cables.get(cable_id)
            if ct is None:
                continue
            unit = doc.span_unit([(region.start, region.end)], "unmarked")
            match = tracer.match_in_cable(doc, unit, ct, ct.around(pid))
            if (match is not None and match.matched >= MIN_MATCHED
                    and match.longest >= MIN_RUN and match.score >= MIN_COVERAGE):
                hits.append((region, cable_id))
                break
    passages: list[tuple[list[Region], str]] = []
    for region, cable_id in hits:
        if passages and passages[-1][1] == cable_id and _adjacent(doc, passages[-1][0][-1],
                                                                  region):
            passages[-1][0].append(region)
        else:
            passages.append(([region], cable_id))
    out: list[TracedQuote] = []
    for group, cable_id in passages:
        ct = tracer.cables.get(cable_id)
        if ct is None:
            continue
        unit = doc.span_unit([(r.start, r.end) for r in group], "unmarked")
        match = tracer.match_in_cable(doc, unit, ct, None)
        if match is None:
            continue
        match.anchored = False
        start, end = group[0].start, group[-1].end
        out.append(TracedQuote(doc.text[start:end], start, end, "unmarked", None,
                               status_of(match), [match]))
    return out


def _adjacent(doc: ArticleText, a: Region, b: Region) -> bool:
    """Nothing but white space between two sentences."""
    return not doc.text[a.end:b.start].strip()
