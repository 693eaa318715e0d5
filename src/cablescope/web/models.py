"""The JSON shapes of the API, declared once: FastAPI publishes them in the OpenAPI description
and checks every response against them (schemathesis checks the description from outside).

Shapes that a lower layer defines (the cable of `Store.cable`, the stats of `Store.stats`) are
declared with `extra="allow"`, so a field that layer adds later reaches clients unchanged.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from cablescope.web.diff import Change


class Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class ErrorDetail(Open):
    status: int
    message: str
    query: str | None = Field(None, description="The query, for a query error")
    position: int | None = Field(None, description="0-based offset of the error in the query")
    search: str | None = Field(None, description="A search link, for an unknown cable")
    suggestions: list[str] | None = Field(None, description="Stored IDs that look alike")


class ErrorBody(BaseModel):
    error: ErrorDetail


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "Bad request (a query error gives its position)"},
    404: {"model": ErrorBody, "description": "No such cable, version or entity"},
    503: {"model": ErrorBody, "description": "Query over the time limit, or an index to build"},
}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    401: {"model": ErrorBody, "description": "Missing or wrong bearer token"},
    403: {"model": ErrorBody, "description": "Read-only server, or writes not enabled"},
    413: {"model": ErrorBody, "description": "Upload over the size limit"},
}


class Paragraph(Open):
    address: str | None = Field(description="'<cable id>¶<n>' for a numbered paragraph")
    seq: int
    number: int | None
    marking: str | None
    heading: str | None
    start: int
    end: int
    text: str


class Reference(Open):
    seq: int
    letter: str | None
    raw: str
    cited: str | None = Field(description="Canonical ID of the cited cable; None: not a cable")
    resolved: bool = Field(description="The cited cable is in this database")
    subject: str | None


class CitedBy(Open):
    citing: str
    letter: str | None
    raw: str
    created: str | None
    subject: str | None


class VersionInfo(Open):
    version: int
    current: bool
    seen: str | None
    released: str | None
    source: str
    format: str
    sha256: str
    chars: int


class Recipient(Open):
    kind: str
    name: str


class Cable(Open):
    """A cable as `Store.cable` lays it out (docs/schema.md), plus entity mentions when known."""

    id: str
    raw_id: str
    created: str | None
    released: str | None
    origin: str | None
    classification: str | None
    caveats: list[str]
    subject: str | None
    classified_by: list[str]
    signers: list[str]
    tags: dict[str, list[str]]
    recipients: list[Recipient]
    references: list[Reference]
    cited_by: list[CitedBy]
    paragraphs: list[Paragraph]
    versions: list[VersionInfo]
    version: int
    current: bool
    partial: bool
    redactions: int
    text: str


class VersionText(BaseModel):
    cable_id: str
    version: int
    seen: str | None
    current: bool
    text: str


class DiffPiece(BaseModel):
    op: Literal["equal", "insert", "delete"]
    text: str


class DiffSummary(BaseModel):
    changes: int
    kinds: dict[str, int]
    redactions_lifted: int
    redactions_added: int
    extract: Literal["replaced by the full text", "cut to a partial extract"] | None
    paragraphs_added: list[int]
    paragraphs_removed: list[int]
    paragraphs_changed: list[int]


class Diff(BaseModel):
    cable_id: str
    from_version: int
    to_version: int
    words_equal: int
    words_inserted: int
    words_deleted: int
    summary: DiffSummary
    changes: list[Change]  # web.diff.Change, one place the versions differ
    pieces: list[DiffPiece]


class Stats(Open):
    cables: int
    versions: int
    paragraphs: int
    by_year: dict[str, int]
    by_origin: dict[str, int]
    by_classification: dict[str, int]
    by_tag: dict[str, dict[str, int]]


class SearchHit(Open):
    id: str
    address: str | None = Field(description="'<ID>¶<n>' of the paragraph shown")
    paragraph: int | None
    seq: int | None
    score: float
    snippet: str
    highlights: list[tuple[int, int]] = Field(
        description="[start, end) offsets of the matches in `snippet`")
    created: str | None
    subject: str | None
    origin: str | None
    classification: str | None
    marking: str | None


class FacetCount(BaseModel):
    value: str | int | None
    count: int


class SearchPage(Open):
    query: str
    parsed: str = Field(description="The query as understood, fully parenthesised")
    level: Literal["cable", "paragraph"]
    sort: str
    total: int
    limit: int
    offset: int
    page: int
    pages: int
    exact: bool
    hits: list[SearchHit]
    facets: dict[str, list[FacetCount]]
    warnings: list[str]


class TraceSegment(Open):
    paragraph: int | None
    article_start: int
    article_end: int
    cable_start: int
    cable_end: int


class TraceEdit(Open):
    kind: str
    article_text: str
    cable_text: str


class TraceMatch(Open):
    cable_id: str
    score: float
    segments: list[TraceSegment]
    edits: list[TraceEdit]


class TraceQuote(Open):
    text: str
    start: int
    end: int
    attribution: str | None
    status: Literal["verbatim", "edited", "paraphrase", "translation", "unmatched"]
    matches: list[TraceMatch]


class ClaimEvidence(Open):
    text: str
    cable_start: int
    cable_end: int


class ClaimMatch(Open):
    cable_id: str
    paragraph: int | None
    score: float
    evidence: list[ClaimEvidence] = Field(
        default=[], description="The paragraph's sentences that support the claim")
    via: list[str] = Field(default=[], description="Why the paragraph was looked at")


class ClaimDifference(Open):
    part: str = Field(description="date, number, person or wording")
    article: str
    cable: str


class TraceClaim(Open):
    text: str
    start: int
    end: int
    matches: list[ClaimMatch]
    verdict: str = Field(default="not found",
                         description="supported, partly supported or not found")
    differences: list[ClaimDifference] = []


class TraceCited(Open):
    text: str
    start: int
    end: int
    cable_id: str | None
    how: str


class TraceArticle(Open):
    source: str
    chars: int
    text: str = Field(description="The article text as extracted: offsets point into it")


class TraceCorpus(Open):
    cables: int
    db: str


class TraceReport(Open):
    """The trace contract of docs/trace.md, plus the article text and the report's `id`."""

    id: str
    article: TraceArticle
    corpus: TraceCorpus
    quotes: list[TraceQuote]
    claims: list[TraceClaim]
    cited: list[TraceCited] = Field(default_factory=list,
                                    description="Cables the article names or links")


class RefLink(Open):
    citing: str
    cited: str | None
    raw: str
    letter: str | None
    depth: int
    resolved: bool
    created: str | None
    subject: str | None


class RefGraph(Open):
    id: str
    stored: bool
    depth: int
    cites: list[RefLink]
    cited_by: list[RefLink]
    unresolved: list[str]


class SimilarHit(Open):
    id: str
    score: float
    created: str | None
    subject: str | None
    shared: list[str] = Field(description="Distinctive words of the cable this one shares")


class SimilarCables(Open):
    id: str
    terms: list[dict[str, Any]]
    hits: list[SimilarHit]


class IngestResult(Open):
    """What `Store.ingest` did with the upload (`IngestSummary`), and the upload's name."""

    records: int
    new_cables: int
    new_versions: int
    unchanged: int
    problems: int
    source: str | None


EntityTypeName = Literal["person", "org", "place", "role"]  # entities.query.ALL_TYPES


class Entity(Open):
    id: int
    type: str
    name: str
    mentions: int
    cables: int
    first_seen: str | None
    last_seen: str | None


class EntityDossier(Entity):
    names: list[dict[str, Any]]
    titles: list[dict[str, Any]]
    paragraphs: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    meetings: list[dict[str, Any]] = Field(description="Each with `status`: \"held\" (the "
                                                       "cable reports it) or \"planned\"")
    merged_from: list[dict[str, Any]]
    evidence: list[dict[str, Any]] = Field(default_factory=list, description=(
        "Why the mentions are in this entity: per piece of evidence, the names, mentions and "
        "cables it covers"))
    timeline: list[dict[str, Any]] = Field(description="Per month: cables, mentions, meetings "
                                                       "held, meetings planned, quotes")


class EntityNetwork(BaseModel):
    center: str
    kind: Literal["meetings", "cooccurrence"]
    depth: int
    nodes: list[dict[str, Any]]
    links: list[dict[str, Any]]


class MergeResult(BaseModel):
    decision: int
    entity: Entity
    merged_from: list[dict[str, Any]]


class RejectResult(BaseModel):
    decision: int
    name: str
    type: str | None
    mentions_dropped: int
