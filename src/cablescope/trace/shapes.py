"""The trace report as JSON, typed once: what `TraceReport.as_dict` returns (the `--json`
contract of docs/trace.md), what Spark writes and what the web API publishes (web/models.py uses
these types, it does not declare the fields again).

A NotRequired key is written only where it applies (`skipped_words` for a skip, `evidence` for
a translation), or is added by the web API (the report's `id`, the article's `text` and
`title`). Keys are declared in the order the web API has always written them; the CLI writes
them in `as_dict`'s order, as it always has.
"""


from typing import Literal, NotRequired

from typing_extensions import TypedDict  # pydantic reads it on Python 3.11

Status = Literal["verbatim", "edited", "paraphrase", "translation", "unmatched"]


class TraceSegment(TypedDict):
    """A stretch of the article aligned to a stretch of one cable paragraph (offsets into the
    article text and the cable text)."""

    paragraph: int | None
    article_start: int
    article_end: int
    cable_start: int
    cable_end: int


class TraceEdit(TypedDict):
    """One named difference between the quotation and the cable (docs/trace.md lists kinds);
    a long skip's `cable_text` is cut to its first words, the offsets say where all of it is."""

    kind: str
    article_text: str
    cable_text: str
    article_start: int
    article_end: int
    cable_start: int
    cable_end: int
    cosmetic: bool
    skipped_words: NotRequired[int | None]


class WordPair(TypedDict):
    """An article word and the cable word it renders (a quotation in translation)."""

    article: str
    cable: str


class TraceMatch(TypedDict):
    """One cable a quotation comes from; `score` (0-1) is the share of its words found, in
    order, in the cable."""

    cable_id: str
    score: float
    segments: list[TraceSegment]
    edits: list[TraceEdit]
    evidence: NotRequired[list[WordPair]]


class TraceRarity(TypedDict):
    """Why a short quotation was, or was not, looked for in the whole corpus."""

    searched: bool
    reason: str
    chance: float | None
    cables: int | None


class TraceQuote(TypedDict):
    """A quotation (or a passage reused without quote marks) and the cables it comes from."""

    text: str
    start: int
    end: int
    attribution: str | None
    status: Status
    matches: list[TraceMatch]
    kind: str
    rarity: TraceRarity | None


class ClaimEvidence(TypedDict):
    """A sentence of the cable paragraph that supports the claim (offsets into the cable)."""

    text: str
    cable_start: int
    cable_end: int


class ClaimMatch(TypedDict):
    """A paragraph supporting a claim; `via` says why it was looked at."""

    cable_id: str
    paragraph: int | None
    score: float
    evidence: list[ClaimEvidence]
    via: list[str]
    cable_start: int
    cable_end: int


class ClaimDifference(TypedDict):
    """What the article says (`article`) and what the cable says instead (`cable`) about one
    `part`: date, number, person or wording."""

    part: str
    article: str
    cable: str


class TraceClaim(TypedDict):
    """A sentence reporting what a cable says; `verdict`: supported, partly supported or not
    found."""

    text: str
    start: int
    end: int
    matches: list[ClaimMatch]
    verdict: str
    differences: list[ClaimDifference]


class TraceCited(TypedDict):
    """A cable the article names or links (`how`: id, link or number); `cable_id` is None when
    it is not in the corpus."""

    text: str
    start: int
    end: int
    cable_id: str | None
    how: str


class TraceArticle(TypedDict):
    source: str
    chars: int
    text: NotRequired[str]  # the web API's report: the article as extracted, offsets into it
    language: str | None
    title: NotRequired[str | None]  # the web API's report


class TraceCorpus(TypedDict):
    cables: int
    db: str


class TraceSummary(TypedDict):
    """Quotations per status (scare quotes apart), claims supported, scare quotes."""

    verbatim: int
    edited: int
    paraphrase: int
    translation: int
    unmatched: int
    claims: int
    scare: int


class TraceReport(TypedDict):
    """Everything found in one article. `id`: the key the web API keeps the report under (its
    link, /trace/<id>); the CLI's report has none."""

    id: NotRequired[str]
    article: TraceArticle
    corpus: TraceCorpus
    quotes: list[TraceQuote]
    claims: list[TraceClaim]
    cited: list[TraceCited]
    summary: TraceSummary
