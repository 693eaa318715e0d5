"""Claims: sentences outside quotation marks that report what a cable says.

"The minister privately told the ambassador he would back the sanctions" quotes nothing, yet a
fact-checker needs the paragraph behind it. A sentence is a claim when it talks about the cables
or their authors (a reporting cue: cable, embassy, ambassador, wrote, according to, told,
documents show...) and has enough content words to be looked up. Supporting paragraphs are
ranked lexically: BM25 over the full-text index plus every paragraph of the cables the article
names or quotes, scored by the weighted share of the sentence's rare words they hold, with a
bonus for those cables.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from cablescope.trace.fragments import ArticleText
from cablescope.trace.lexical import content_keys
from cablescope.trace.report import Claim, ClaimMatch, TracedQuote
from cablescope.trace.reuse import Region

if TYPE_CHECKING:
    from cablescope.trace.tracer import Tracer

MIN_KEYS = 4  # distinct content words a claim needs
MIN_SCORE = 0.3
ANCHOR_BONUS = 0.1
TOP = 3

CUES = re.compile(
    r"\b(?:cables?|telegrams?|memos?|dispatch(?:es)?|embass(?:y|ies)|ambassadors?|diplomats?|"
    r"diplomatic|wrote|writes|written|reported|reports?|according|told|tells|privately|"
    r"documents?|reveal(?:s|ed)?|shows?|showed|noted|notes|said|says|warned|described|"
    r"assessment|telegramas?|embaixad(?:a|or|ores)|documentos?|segundo|embajad(?:a|or|ores)|"
    r"según|câbles?|ambassade(?:ur|urs)?|selon|ambassad(?:en|ören)|enligt)\b",
    re.I,
)


def find_claims(tracer: Tracer, doc: ArticleText, regions: list[Region],
                reused: list[TracedQuote], anchors: list[str]) -> list[Claim]:
    """Claim sentences of the article, each with its supporting paragraphs, best first."""
    covered = [(q.start, q.end) for q in reused]
    out: list[Claim] = []
    for region in regions:
        if region.has_quote or any(s < region.end and e > region.start for s, e in covered):
            continue
        sentence = doc.text[region.start:region.end]
        if not CUES.search(sentence):
            continue
        keys = content_keys(sentence)
        if len(set(keys)) < MIN_KEYS:
            continue
        matches: list[ClaimMatch] = []
        seen: set[tuple[str, int | None]] = set()
        scored = sorted(
            ((c.overlap + (ANCHOR_BONUS if c.cable_id in anchors else 0.0), c)
             for c in tracer.lexicon.rank(keys, anchors)),
            key=lambda sc: (-sc[0], sc[1].pid),
        )
        for score, cand in scored:
            if score < MIN_SCORE or len(matches) >= TOP:
                break
            if (cand.cable_id, cand.number) in seen:
                continue
            seen.add((cand.cable_id, cand.number))
            matches.append(ClaimMatch(cand.cable_id, cand.number, min(1.0, score)))
        out.append(Claim(sentence, region.start, region.end, matches))
    return out
