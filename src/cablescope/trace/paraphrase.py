"""Quotations in quote marks that are not the cable's words: misquotes, paraphrases, quotes
translated back. The source counts as clear only when one paragraph holds most of the
quotation's rare words and clearly more than any other cable does; otherwise the quotation stays
unmatched (nothing can tell a fabrication from a cable missing from the corpus).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cablescope.trace.edits import Edit
from cablescope.trace.fragments import ArticleText, Unit
from cablescope.trace.lexical import content_keys
from cablescope.trace.report import Match, Segment

if TYPE_CHECKING:
    from cablescope.trace.tracer import Tracer

MIN_WORDS = 6  # content words a quotation needs before a paraphrase can be told
MIN_OVERLAP = 0.6  # weighted share of them the paragraph must hold
ANCHORED_OVERLAP = 0.5
MARGIN = 0.15  # over the best paragraph of any other cable


def find_paraphrase(tracer: Tracer, doc: ArticleText, unit: Unit,
                    anchors: list[str]) -> Match | None:
    """The paragraph a quotation paraphrases, when it is clear; else None."""
    text, quote = doc.text, unit.quote
    quoted = " ".join(text[s:e] for s, e in quote.parts)
    keys = content_keys(quoted)
    if len(set(keys)) < MIN_WORDS:
        return None
    ranked = tracer.lexicon.rank(keys, anchors)
    if not ranked:
        return None
    best = ranked[0]
    runner_up = next((c.overlap for c in ranked if c.cable_id != best.cable_id), 0.0)
    anchored = best.cable_id in anchors
    needed = ANCHORED_OVERLAP if anchored else MIN_OVERLAP
    if best.overlap < needed or best.overlap - runner_up < MARGIN:
        return None
    ct = tracer.cables.get(best.cable_id)
    if ct is None:
        return None
    para = next((p for p in ct.paragraphs if p.pid == best.pid), None)
    if para is None:
        return None
    match = tracer.match_in_cable(doc, unit, ct, ct.word_range(para.start, para.end))
    if match is None or not match.segments:
        match = Match(ct.cable_id, best.overlap,
                      [Segment(para.number, quote.start, quote.end, para.start, para.end)],
                      [Edit("substitution", text[quote.start:quote.end],
                            ct.text[para.start:para.end].strip(), quote.start, quote.end,
                            para.start, para.end)])
    match.score = min(match.score, best.overlap)
    match.anchored = anchored
    return match

