"""Search results as JSON, typed once: what `SearchResult.as_dict` (`cablescope search --json`,
docs/search.md), `refs` and `similar` return, and what the web API publishes (web/models.py uses
these types, it does not declare the fields again).

Keys are declared in the order the web API has always written them. Keys marked "web" are
added by the web API (the page, and a hit's `highlights`: offsets into its plain snippet, which
the CLI's snippet carries as markers instead).
"""


from typing import Literal, NotRequired

from typing_extensions import TypedDict  # pydantic reads it on Python 3.11


class SearchHit(TypedDict):
    """One cable (cable level) or one paragraph (paragraph level) that matches; `address` is
    '<ID>¶<n>' of the paragraph shown (None for an unnumbered block; `seq` still places it)."""

    id: str
    address: str | None
    paragraph: int | None
    seq: int | None
    score: float
    snippet: str
    highlights: NotRequired[list[tuple[int, int]]]  # web: [start, end) offsets into `snippet`
    created: str | None
    subject: str | None
    origin: str | None
    classification: str | None
    marking: str | None


class FacetCount(TypedDict):
    value: str | int | None
    count: int


class SearchPage(TypedDict):
    """A page of hits, the total and the facets of all hits; `parsed` is the query as
    understood, fully parenthesised; `cable` the cable whose ID the query was (the page to go
    to), else None."""

    query: str
    parsed: str
    level: Literal["cable", "paragraph"]
    sort: str
    total: int
    limit: int
    offset: int
    page: NotRequired[int]  # web: this page's number, of `pages`
    pages: NotRequired[int]  # web
    exact: NotRequired[bool]  # web: the query was taken as one exact string
    hits: list[SearchHit]
    facets: dict[str, list[FacetCount]]
    warnings: list[str]
    cable: str | None


class RefLink(TypedDict):
    """One REF entry: `citing` cites `cited` (None: not a cable), `depth` steps from the cable
    asked about; `created`/`subject` describe the far end."""

    citing: str
    cited: str | None
    raw: str
    letter: str | None
    depth: int
    resolved: bool
    created: str | None
    subject: str | None


class RefGraph(TypedDict):
    """References of one cable both ways; `stored` False: known only from other cables' REF
    lines. `unresolved`: cited cables not in the database."""

    id: str
    stored: bool
    depth: int
    cites: list[RefLink]
    cited_by: list[RefLink]
    unresolved: list[str]
    created: str | None
    subject: str | None


class SimilarTerm(TypedDict):
    term: str
    weight: float


class SimilarHit(TypedDict):
    """A cable like the one asked about; `shared`: its distinctive words this one has too."""

    id: str
    score: float
    created: str | None
    subject: str | None
    shared: list[str]
    origin: str | None
    classification: str | None


class SimilarCables(TypedDict):
    id: str
    terms: list[SimilarTerm]
    hits: list[SimilarHit]
