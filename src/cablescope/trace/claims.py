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
from cablescope.trace.lexical import Candidate, content_keys
from cablescope.trace.mentions import Mention
from cablescope.trace.report import Claim, ClaimMatch, TracedQuote
from cablescope.trace.reuse import Region

if TYPE_CHECKING:
    from cablescope.trace.tracer import Tracer

MIN_KEYS = 4  # distinct content words a claim needs
MIN_SHARED = 3  # distinct content words a supporting paragraph must share with it
MIN_SCORE = 0.5  # for a paragraph of any cable
MIN_ANCHORED = 0.3  # for a paragraph of a cable the article names or quotes
ANCHOR_BONUS = 0.1
CITED_SCORE = 0.15  # for a paragraph of a cable the sentence itself names
CITED_BONUS = 0.3
TOP = 3
CORPUS_CLAIMS = 10

# Words that make a sentence about the cables (any language of the articles)...
CUES = re.compile(
    r"\b(?:cables?|telegrams?|memos?|dispatch(?:es)?|embass(?:y|ies)|ambassadors?|diplomats?|"
    r"diplomatic|consul(?:ate)?s?|wrote|writes|written|according|privately|reftel|documents?|"
    r"telegramas?|embaixad(?:a|or|ores)|documentos?|embajad(?:a|or|ores)|según|segundo|"
    r"câbles?|ambassade(?:ur|urs)?|selon|ambassad(?:en|ören)|enligt|депеш\w*|посольств\w*)\b",
    re.I,
)
# ... or that report speech, when the article quotes or names cables at all.
SPEECH = re.compile(
    r"\b(?:said|says|told|tells|noted|notes|warned|described|reported|assessed|admitted|"
    r"acknowledged|complained|promised|stressed|added|explained|argued|concluded)\b", re.I)


def find_claims(tracer: Tracer, doc: ArticleText, regions: list[Region],
                reused: list[TracedQuote], anchors: list[str], mentions: list[Mention],
                postings: dict[int, list[int]], pid_cable: dict[int, str | None]) -> list[Claim]:
    """Claim sentences of the article, each with its supporting paragraphs, best first.

    Candidates: every paragraph of the cables the article names or quotes, paragraphs sharing
    4-grams with the sentence, and, for an article that points to no cable at all, the BM25
    best of the whole corpus (for its first `CORPUS_CLAIMS` claims: a corpus-wide ranking
    costs tens of milliseconds). A cable named inside the sentence itself ("as another cable
    shows (See Cable 08BRASILIA504)") is what the sentence relies on: its best paragraph is
    listed even on a weaker overlap."""
    covered = [(q.start, q.end) for q in reused]
    out: list[Claim] = []
    corpus_searches = 0
    for region in regions:
        if region.has_quote or any(s < region.end and e > region.start for s, e in covered):
            continue
        sentence = doc.text[region.start:region.end]
        if not (CUES.search(sentence) or (anchors and SPEECH.search(sentence))):
            continue
        keys = content_keys(sentence)
        if len(set(keys)) < MIN_KEYS:
            continue
        cited = {m.cable_id for m in mentions
                 if m.cable_id and region.start <= m.start < region.end}
        matches: list[ClaimMatch] = []
        seen: set[tuple[str, int | None]] = set()
        shared = [pid for _, _, pid in tracer.candidates(region.grams, postings, pid_cable,
                                                           limit=5, min_grams=1)]
        corpus = not anchors and not cited and corpus_searches < CORPUS_CLAIMS
        corpus_searches += corpus
        ranked = tracer.lexicon.rank(keys, list(dict.fromkeys([*anchors, *cited])), shared,
                                     corpus=corpus)
        scored = sorted((_score(c, anchors, cited) for c in ranked),
                        key=lambda sc: (-sc[0], sc[1].pid))
        scored = [(score, c) for score, c in scored if score > 0]
        for score, cand in scored:
            if len(matches) >= TOP:
                break
            if (cand.cable_id, cand.number) in seen:
                continue
            seen.add((cand.cable_id, cand.number))
            matches.append(ClaimMatch(cand.cable_id, cand.number, min(1.0, score)))
        out.append(Claim(sentence, region.start, region.end, matches))
    return out


def _score(cand: Candidate, anchors: list[str], cited: set[str]) -> tuple[float, Candidate]:
    """A paragraph's support for a claim (0 when too weak to list)."""
    if cand.cable_id in cited:
        ok = cand.overlap >= CITED_SCORE
        return (cand.overlap + CITED_BONUS if ok else 0.0), cand
    anchored = cand.cable_id in anchors
    if cand.shared < MIN_SHARED or cand.overlap < (MIN_ANCHORED if anchored else MIN_SCORE):
        return 0.0, cand
    return cand.overlap + (ANCHOR_BONUS if anchored else 0.0), cand
