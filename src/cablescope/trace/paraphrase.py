"""Quotations in quote marks that are not the cable's words: misquotes, paraphrases, quotes
translated back. The source counts as clear only when one paragraph holds most of the
quotation's rare words and clearly more than any other cable does; otherwise the quotation stays
unmatched (nothing can tell a fabrication from a cable missing from the corpus).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from cablescope.trace.edits import Edit
from cablescope.trace.fragments import ArticleText, Unit
from cablescope.trace.keys import word_keys
from cablescope.trace.lexical import content_keys
from cablescope.trace.report import Match, Segment

if TYPE_CHECKING:
    from cablescope.trace.tracer import Tracer

MIN_WORDS = 6  # content words a quotation needs before a paraphrase can be told
# In a cable the article names or quotes at length: the weighted share of the quotation's
# rare words the paragraph must hold, and its lead over any other cable's best paragraph.
ANCHORED_OVERLAP = 0.5
ANCHORED_MARGIN = 0.15
# Anywhere else, much more: another cable telling the same story in other words must not be
# taken for the source (a quotation of a cable missing from the corpus looks exactly like that).
MIN_OVERLAP = 0.75
MARGIN = 0.25
MIN_ALIGNED = 0.5  # share of the quotation's words aligned, in order, to that paragraph


def find_paraphrase(tracer: Tracer, doc: ArticleText, unit: Unit, anchors: list[str],
                    translated: bool = False) -> Match | None:
    """The paragraph a quotation paraphrases, when it is clear; else None.

    `translated`: the article is not in English, so its quotations are translations; only what
    survives translation (numbers, names, acronyms) is compared, and only with the paragraphs
    of the cables the article names or quotes."""
    if translated:
        return _back_translation(tracer, doc, unit, anchors)
    text, quote = doc.text, unit.quote
    quoted = " ".join(text[s:e] for s, e in quote.parts)
    keys = content_keys(quoted)
    if len(set(keys)) < MIN_WORDS:
        return None
    ranked = tracer.lexicon.rank(keys, anchors, corpus=True)
    if not ranked:
        return None
    best = ranked[0]
    runner_up = next((c.overlap for c in ranked if c.cable_id != best.cable_id), 0.0)
    anchored = best.cable_id in anchors
    needed, margin = (ANCHORED_OVERLAP, ANCHORED_MARGIN) if anchored else (MIN_OVERLAP, MARGIN)
    if best.overlap < needed or best.overlap - runner_up < margin:
        return None
    ct = tracer.cables.get(best.cable_id)
    if ct is None:
        return None
    para = next((p for p in ct.paragraphs if p.pid == best.pid), None)
    if para is None:
        return None
    match = tracer.match_in_cable(doc, unit, ct, ct.only(para.pid), fallback=False)
    if not anchored and (match is None or match.score < MIN_ALIGNED):
        return None
    if match is None or not match.segments:
        match = Match(ct.cable_id, best.overlap,
                      [Segment(para.number, quote.start, quote.end, para.start, para.end)],
                      [Edit("substitution", text[quote.start:quote.end],
                            ct.text[para.start:para.end].strip(), quote.start, quote.end,
                            para.start, para.end)], aligned=False)
    match.score = min(match.score, best.overlap)
    match.anchored = anchored
    return match


_NAMES = re.compile(r"\b(?:\d[\d.,]*\d|\d|[A-Z]{2,}[a-z]?|[A-Z][a-z]+(?:[A-Z][a-z]+)?)\b")
TRANSLATED_SHARED = 3  # numbers, names and acronyms the paragraph must share
TRANSLATED_OVERLAP = 0.5
TRANSLATED_MARGIN = 0.2


def _survivors(text: str) -> list[str]:
    """Numbers, acronyms and capitalised words not opening a sentence: what a translation
    keeps."""
    out = []
    for m in _NAMES.finditer(text):
        word = m.group()
        before = text[max(0, m.start() - 2):m.start()]
        if word[0].isupper() and not word.isupper() and (not before.strip() or
                                                         before.strip()[-1:] in ".!?:\"“«"):
            continue  # a capital that only opens a sentence
        out.extend(word_keys(word))
    return out


def _back_translation(tracer: Tracer, doc: ArticleText, unit: Unit,
                      anchors: list[str]) -> Match | None:
    """A translated quotation's paragraph among the cables the article points to, by the
    numbers, names and acronyms it shares with it, when one paragraph clearly stands out."""
    quote = unit.quote
    keys = _survivors(" ".join(doc.text[s:e] for s, e in quote.parts))
    if len(set(keys)) < TRANSLATED_SHARED or not anchors:
        return None
    ranked = tracer.lexicon.rank(keys, anchors, corpus=False)
    if not ranked:
        return None
    best = ranked[0]
    runner_up = ranked[1].overlap if len(ranked) > 1 else 0.0
    if (best.shared < TRANSLATED_SHARED or best.overlap < TRANSLATED_OVERLAP
            or best.overlap - runner_up < TRANSLATED_MARGIN):
        return None
    ct = tracer.cables.get(best.cable_id)
    para = next((p for p in ct.paragraphs if p.pid == best.pid), None) if ct else None
    if ct is None or para is None:
        return None
    return Match(ct.cable_id, best.overlap,
                 [Segment(para.number, quote.start, quote.end, para.start, para.end)], [],
                 anchored=True, aligned=False, translated=True)
