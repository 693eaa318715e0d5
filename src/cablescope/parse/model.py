"""The parsed cable: what every layer above `parse` reads."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Paragraph:
    """A numbered paragraph (`number` as printed) or an unnumbered block (`number` None).

    `start`/`end` are character offsets into `Cable.text`; `text` is `Cable.text[start:end]`
    (a section heading right above the paragraph's number is part of its text). `marking` is the
    paragraph's own classification normalised for facets and filters (`S/NF` for `S//NF`, `C`
    for `c`; `parse.normalize_marking`), `marking_raw` as written.
    """

    seq: int
    number: int | None
    marking: str | None
    text: str
    start: int
    end: int
    heading: str | None = None
    marking_raw: str | None = None


@dataclass(slots=True)
class Reference:
    """One entry of a REF line: `cable_id` is the canonical cable ID, or None for a non-cable
    reference (an e-mail, a phone call, a DTG message) kept as `raw` text, or a cable whose post
    or year is unknown.

    `kind` is `cable`, `defense`, `intelligence`, `agency` or `other` (None: `cable` when
    `cable_id` is set, else `other`). For a cable, `post` is its post as written (`SATTE`) and
    `post_match` how the gazetteer recognised it (`code`, `name`, `abbreviation`, `truncated`,
    `spelling`; None: an unknown post).
    """

    raw: str
    cable_id: str | None
    letter: str | None = None
    kind: str | None = None
    post: str | None = None
    post_match: str | None = None

    def __post_init__(self) -> None:
        if self.kind is None:
            self.kind = "cable" if self.cable_id else "other"


@dataclass(slots=True)
class Recipient:
    kind: str  # "from" | "to" | "info"
    name: str


@dataclass(slots=True)
class Cable:
    """A cable parsed from one version of its text (plus the container's metadata)."""

    id: str
    raw_id: str
    text: str
    created: str | None = None  # "YYYY-MM-DD HH:MM"
    released: str | None = None
    origin: str | None = None
    classification: str | None = None
    caveats: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    subject_tags: list[str] = field(default_factory=list)
    geo_tags: list[str] = field(default_factory=list)
    person_tags: list[str] = field(default_factory=list)
    subject: str | None = None
    subject_marking: str | None = None  # the SUBJECT line's own marking, e.g. "C", "SBU"
    references: list[Reference] = field(default_factory=list)
    classified_by: list[str] = field(default_factory=list)
    classified_by_title: str | None = None
    reasons: str | None = None
    recipients: list[Recipient] = field(default_factory=list)
    signers: list[str] = field(default_factory=list)
    summary: str | None = None
    comment: str | None = None
    headings: list[str] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    redactions: int = 0
    partial: bool = False
    warnings: list[str] = field(default_factory=list)
