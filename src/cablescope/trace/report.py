"""What tracing an article produces, and its JSON shape (the `--json` contract, docs/trace.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

from cablescope.trace import shapes
from cablescope.trace.edits import COSMETIC, Edit
from cablescope.trace.keys import word_keys
from cablescope.trace.mentions import Mention
from cablescope.trace.rarity import Rarity

STATUSES = ("verbatim", "edited", "paraphrase", "translation", "unmatched")
EDITED_COVERAGE = 0.75  # share of a quotation's words that must be the cable's for 'edited'


@dataclass(slots=True)
class Segment:
    """A stretch of the article aligned to a stretch of one cable paragraph."""

    paragraph: int | None
    article_start: int
    article_end: int
    cable_start: int
    cable_end: int

    def as_dict(self) -> shapes.TraceSegment:
        return {"paragraph": self.paragraph, "article_start": self.article_start,
                "article_end": self.article_end, "cable_start": self.cable_start,
                "cable_end": self.cable_end}


@dataclass(slots=True)
class Match:
    """One cable a quotation comes from: where (segments) and how it was changed (edits).

    `score` (0-1) is the share of the quote's words found, in order, in the cable; `matched` and
    `words` are the counts behind it.
    """

    cable_id: str
    score: float
    segments: list[Segment]
    edits: list[Edit]
    matched: int = 0
    words: int = 0
    longest: int = 0
    content: int = 0
    anchored: bool = False
    aligned: bool = True  # False: found by its words, not aligned (a paraphrase, a translation)
    translated: bool = False  # a quotation in another language rendering the cable's sentences
    evidence: list[tuple[str, str]] = field(default_factory=list)  # (article word, cable word)

    def as_dict(self) -> shapes.TraceMatch:
        out: shapes.TraceMatch = {"cable_id": self.cable_id, "score": round(self.score, 3),
                                  "segments": [s.as_dict() for s in self.segments],
                                  "edits": [e.as_dict() for e in self.edits]}
        if self.translated:
            out["evidence"] = [{"article": a, "cable": c} for a, c in self.evidence]
        return out

    @property
    def paragraphs(self) -> list[int | None]:
        seen: list[int | None] = []
        for s in self.segments:
            if s.paragraph not in seen:
                seen.append(s.paragraph)
        return seen


@dataclass(slots=True)
class TracedQuote:
    """A quotation (or a passage reused without quote marks) and where it comes from."""

    text: str
    start: int
    end: int
    kind: str  # 'quote' | 'block' | 'phrase' | 'scare' | 'nested' | 'unmarked'
    attribution: str | None
    status: str
    matches: list[Match] = field(default_factory=list)
    rarity: Rarity | None = None  # short quotations: whether the corpus was searched, and why

    def as_dict(self) -> shapes.TraceQuote:
        return {"text": self.text, "start": self.start, "end": self.end,
                "attribution": self.attribution, "status": cast(shapes.Status, self.status),
                "kind": self.kind,
                "matches": [m.as_dict() for m in self.matches],
                "rarity": self.rarity.as_dict() if self.rarity else None}


@dataclass(slots=True)
class Evidence:
    """A sentence of a cable paragraph that supports a claim (offsets into the cable text)."""

    text: str
    cable_start: int
    cable_end: int

    def as_dict(self) -> shapes.ClaimEvidence:
        return {"text": self.text, "cable_start": self.cable_start, "cable_end": self.cable_end}


@dataclass(slots=True)
class ClaimMatch:
    """A paragraph supporting a claim (`cable_start`/`cable_end`: its span in the cable text):
    `evidence` are its sentences that do, `via` why it was looked at (named, quoted, cited,
    found, words, search, meetings)."""

    cable_id: str
    paragraph: int | None
    score: float
    evidence: list[Evidence] = field(default_factory=list)
    via: list[str] = field(default_factory=list)
    cable_start: int = 0
    cable_end: int = 0

    def as_dict(self) -> shapes.ClaimMatch:
        return {"cable_id": self.cable_id, "paragraph": self.paragraph,
                "score": round(self.score, 3), "cable_start": self.cable_start,
                "cable_end": self.cable_end, "evidence": [e.as_dict() for e in self.evidence],
                "via": self.via}


@dataclass(frozen=True, slots=True)
class Difference:
    """A checkable part of a claim the cable does not bear out: `part` is date, number, person
    or wording; `article` what the article says, `cable` what the cable says instead."""

    part: str
    article: str
    cable: str

    def as_dict(self) -> shapes.ClaimDifference:
        return {"part": self.part, "article": self.article, "cable": self.cable}


CLAIM_VERDICTS = ("supported", "partly supported", "not found")


@dataclass(slots=True)
class Claim:
    """A sentence reporting what a cable says or what happened in it, with supporting
    paragraphs ranked best first, a verdict and what differs."""

    text: str
    start: int
    end: int
    matches: list[ClaimMatch] = field(default_factory=list)
    verdict: str = "not found"
    differences: list[Difference] = field(default_factory=list)

    def as_dict(self) -> shapes.TraceClaim:
        return {"text": self.text, "start": self.start, "end": self.end,
                "matches": [m.as_dict() for m in self.matches], "verdict": self.verdict,
                "differences": [d.as_dict() for d in self.differences]}

    @property
    def supported(self) -> bool:
        return self.verdict in ("supported", "partly supported")


@dataclass(slots=True)
class TraceReport:
    """Everything found in one article."""

    source: str
    text: str
    language: str | None
    corpus_cables: int
    db: str
    quotes: list[TracedQuote]
    claims: list[Claim]
    mentions: list[Mention]

    def as_dict(self) -> shapes.TraceReport:
        """The documented JSON shape (docs/trace.md): the issue's contract, plus `kind` per
        quote, offsets per edit, `article.language` and `cited` (cables the article names)."""
        return {
            "article": {"source": self.source, "chars": len(self.text),
                        "language": self.language},
            "corpus": {"cables": self.corpus_cables, "db": self.db},
            "quotes": [q.as_dict() for q in self.quotes],
            "claims": [c.as_dict() for c in self.claims],
            "cited": [m.as_dict() for m in self.mentions],
            "summary": self.counts(),
        }

    def counts(self) -> shapes.TraceSummary:
        """Quotes per status, claims with support, and scare quotes (listed, not counted among
        the quotations). The one count the CLI, the JSON (`summary`), the HTML report and the
        web page all show."""
        out = dict.fromkeys(STATUSES, 0)
        for q in self.quotes:
            if q.kind != "scare":
                out[q.status] += 1
        return {"verbatim": out["verbatim"], "edited": out["edited"],
                "paraphrase": out["paraphrase"], "translation": out["translation"],
                "unmatched": out["unmatched"],
                "claims": sum(1 for c in self.claims if c.supported),
                "scare": sum(1 for q in self.quotes if q.kind == "scare")}


def summary_line(counts: shapes.TraceSummary) -> str:
    """'4 verbatim, 2 edited, 0 paraphrase, 1 unmatched; 7 claims supported' (+ quotations in
    translation, when there are any, and scare quotes)."""
    translated = (f"{counts['translation']} translation, " if counts.get("translation")
                  else "")
    line = (f"{counts['verbatim']} verbatim, {counts['edited']} edited, "
            f"{counts['paraphrase']} paraphrase, {translated}{counts['unmatched']} unmatched; "
            f"{counts['claims']} claims supported")
    if counts.get("scare"):
        line += f"; {counts['scare']} scare quotes"
    return line


def folded(edits: list[Edit], all_edits: bool = False) -> tuple[list[Edit], str | None]:
    """The edits to list and, unless `all_edits`, the cosmetic ones (typography, case) folded
    into one line: '3 typography, 1 case'."""
    if all_edits:
        return list(edits), None
    shown = [e for e in edits if not e.cosmetic]
    kinds: dict[str, int] = {}
    for e in edits:
        if e.cosmetic:
            kinds[e.kind] = kinds.get(e.kind, 0) + 1
    line = ", ".join(f"{kinds[k]} {k}" for k in ("typography", "case") if k in kinds)
    return shown, line or None


def status_of(match: Match) -> str:
    """verbatim: only cosmetic differences; edited: the cable's words with edits (marked or
    not); paraphrase: the source is clear but most words are not the cable's; translation: a
    quotation in another language rendering the cable's sentences."""
    if match.translated:
        return "translation"
    if match.score < EDITED_COVERAGE or not match.aligned:
        return "paraphrase"
    for e in match.edits:
        if e.kind in COSMETIC:
            continue
        if e.kind == "abbreviation" and word_keys(e.article_text) == word_keys(e.cable_text):
            continue
        return "edited"
    return "verbatim"
