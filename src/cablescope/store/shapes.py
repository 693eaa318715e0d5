"""What the store reads back, typed once: the cable of `Store.cable` (docs/schema.md, "The cable
as JSON"), its versions, the cables citing it, and the corpus counts of `Store.stats`.

`cablescope show --json` prints these as they are, and the web API publishes them as they are
(web/models.py uses these types, it does not declare the fields again).
"""

from __future__ import annotations

from typing_extensions import TypedDict  # pydantic (the web API) reads it on Python 3.11


class VersionInfo(TypedDict):
    """One stored version of a cable (`Store.versions`)."""

    version: int
    current: bool
    seen: str | None
    released: str | None
    source: str
    locator: str
    format: str
    sha256: str
    ingested_at: str
    chars: int


class CitedBy(TypedDict):
    """A stored cable whose REF line cites this one."""

    citing: str
    letter: str | None
    raw: str
    created: str | None
    subject: str | None


class Recipient(TypedDict):
    kind: str
    name: str


class Reference(TypedDict):
    """A REF line; `cited` is the canonical ID of the cited cable (None: not a cable),
    `resolved` whether that cable is in the database; `kind`, `post` and `post_match` as
    docs/parse.md gives them."""

    seq: int
    letter: str | None
    raw: str
    cited: str | None
    resolved: bool
    subject: str | None
    kind: str | None
    post: str | None
    post_match: str | None


class Paragraph(TypedDict):
    """A block of the cable; `address` is '<cable id>¶<n>' for a numbered paragraph."""

    address: str | None
    seq: int
    number: int | None
    marking: str | None
    marking_raw: str | None
    heading: str | None
    start: int
    end: int
    text: str


class CableFields(TypedDict):
    """The header fields of a cable: the `cables` table's columns, lists split."""

    id: str
    raw_id: str
    created: str | None
    year: int | None
    released: str | None
    origin: str | None
    classification: str | None
    caveats: list[str]
    subject: str | None
    classified_by: list[str]
    classified_by_title: str | None
    reasons: str | None
    signers: list[str]
    summary: str | None
    partial: bool
    redactions: int
    paragraph_count: int
    comment: str | None
    warnings: list[str]
    version: int


class StoredCable(CableFields):
    """A cable as `Store.cable` lays it out: fields, TAGS by kind, REF links both ways,
    paragraphs, and the version shown with the list of all."""

    header: str
    text: str
    seen: str | None
    source: str
    locator: str
    format: str
    current: bool
    tags: dict[str, list[str]]
    recipients: list[Recipient]
    references: list[Reference]
    paragraphs: list[Paragraph]
    cited_by: list[CitedBy]
    versions: list[VersionInfo]


class ReferenceCounts(TypedDict):
    total: int
    to_cables: int
    resolved: int


class ProblemRow(TypedDict):
    source: str
    locator: str
    reason: str
    recorded_at: str


class Problems(TypedDict):
    count: int
    items: list[ProblemRow]


class ParserVersions(TypedDict):
    """Which parser wrote the stored rows (None: older than kept versions), and this one's."""

    stored: str | None
    current: str


class Stats(TypedDict):
    """Corpus counts (`Store.stats`); `by_*` keys are '(unknown)' where the field is empty."""

    cables: int
    versions: int
    cables_with_several_versions: int
    paragraphs: int
    numbered_paragraphs: int
    references: ReferenceCounts
    by_year: dict[str, int]
    by_origin: dict[str, int]
    by_classification: dict[str, int]
    by_tag: dict[str, dict[str, int]]
    problems: Problems
    parser: ParserVersions
