"""The JSON API under /api: each endpoint parses its input, calls `core`, returns the result."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import StreamingResponse

from cablescope.errors import CablescopeError
from cablescope.search.shapes import RefGraph, SearchPage, SimilarCables
from cablescope.store.shapes import Stats, StoredCable, VersionInfo
from cablescope.web import core, searching
from cablescope.web.db import Database
from cablescope.web.errors import BadRequest, NotFound
from cablescope.web.features import features
from cablescope.web.models import (
    ERRORS,
    Diff,
    VersionText,
)
from cablescope.web.render import search_url

router = APIRouter(prefix="/api", tags=["api"])

CableId = Annotated[str, Path(description="Cable ID in any usual spelling, e.g. 05PARIS5335",
                              max_length=core.MAX_ID)]
VersionNo = Annotated[int, Path(ge=1, le=1_000_000, description="Version number (1 = first)")]


Q = Annotated[str, Query(min_length=1, max_length=2000, examples=["sarkozy tag:PREL"],
                         description="A query in the query language (docs/search.md)")]
Level = Annotated[Literal["cable", "paragraph"],
                  Query(description="Hits as cables or as paragraphs")]
Sort = Annotated[Literal["rank", "newest", "oldest"], Query(description="Order of hits")]
Exact = Annotated[bool, Query(description="Take the whole query as one exact string")]


_FACET = "(" + "|".join(searching.FACETS) + ")"
FACETS_PATTERN = f"^({_FACET}(,{_FACET})*)?$"


def database(request: Request) -> Database:
    """The app's stores (set up by `create_app`)."""
    return request.app.state.db


def need(layer: str) -> None:
    """A 404 that says which layer is missing, for endpoints over an optional layer."""
    if not getattr(features(), layer):
        raise NotFound(f"the {layer} layer is not installed in this cablescope")


def facet_names(value: str) -> tuple[str, ...]:
    """`origin,year` -> the facets, each checked (a 400 names an unknown one)."""
    names = tuple(dict.fromkeys(n.strip() for n in value.split(",") if n.strip()))
    unknown = [n for n in names if n not in searching.FACETS]
    if unknown:
        raise BadRequest(f"unknown facet {unknown[0]!r}: choose from "
                              + ", ".join(searching.FACETS))
    return names


@router.get("/stats", response_model=Stats, summary="Corpus counts")
def api_stats(request: Request) -> Stats:
    """Counts by year, origin, classification and tag; versions; references; problems."""
    with database(request).reading() as store:
        return core.stats(store)


@router.get("/cables/{cable_id}", response_model=StoredCable, responses=ERRORS,
            summary="One cable, laid out")
def api_cable(request: Request, cable_id: CableId,
              version: Annotated[int | None, Query(ge=1, le=1_000_000)] = None
              ) -> StoredCable:
    """Header fields, TAGS by kind, REF links both ways, paragraphs with markings and offsets,
    the list of versions. `version` gives an earlier published version."""
    with database(request).reading() as store:
        return core.cable(store, cable_id, version)


@router.get("/cables/{cable_id}/versions", response_model=list[VersionInfo], responses=ERRORS,
            summary="Every published version of a cable")
def api_versions(request: Request, cable_id: CableId) -> list[VersionInfo]:
    """Versions in order of release, with when each was released and seen and where it came
    from."""
    with database(request).reading() as store:
        return store.versions(core.resolve_cable(store, cable_id))


@router.get("/cables/{cable_id}/versions/{version}", response_model=VersionText,
            responses=ERRORS, summary="One version's text as published")
def api_version_text(request: Request, cable_id: CableId, version: VersionNo) -> dict[str, Any]:
    """The verbatim text of one version."""
    with database(request).reading() as store:
        return core.version_text(store, cable_id, version)


@router.get("/cables/{cable_id}/diff", response_model=Diff, responses=ERRORS,
            summary="Word-level diff between two versions")
def api_diff(request: Request, cable_id: CableId,
             from_: Annotated[int | None, Query(alias="from", ge=1, le=1_000_000)] = None,
             to: Annotated[int | None, Query(ge=1, le=1_000_000)] = None) -> dict[str, Any]:
    """Pieces `equal` / `insert` / `delete` that turn version `from` into version `to`
    (default: the previous version into the current one)."""
    with database(request).reading() as store:
        return core.diff(store, cable_id, from_, to)


@router.get("/cables/{cable_id}/refs", response_model=RefGraph, responses=ERRORS,
            summary="The reference graph around a cable")
def api_refs(request: Request, cable_id: CableId,
             depth: Annotated[int, Query(ge=1, le=10, description="Steps to follow")] = 1
             ) -> RefGraph:
    """Cables it cites and cables citing it, `depth` steps out; cited cables missing from
    the corpus are listed under `unresolved`. Also answers for a cable only known as cited."""
    need("search")
    from cablescope.search import refs

    with database(request).reading() as store:
        try:
            return refs(store.connection, cable_id, depth).as_dict()
        except CablescopeError as exc:  # neither stored nor cited: the only error left
            raise NotFound(str(exc), search=search_url(cable_id)) from exc


@router.get("/cables/{cable_id}/similar", response_model=SimilarCables, responses=ERRORS,
            summary="Cables most like one cable")
def api_similar(request: Request, cable_id: CableId,
                limit: Annotated[int, Query(ge=1, le=50)] = 10) -> SimilarCables:
    """More-like-this over the cable's most distinctive words (`terms`), best first."""
    need("search")
    with database(request).reading() as store:
        return core.similar(store, cable_id, limit)


@router.get("/search", response_model=SearchPage, responses=ERRORS, summary="Search")
def api_search(request: Request, q: Q, level: Level = "cable", sort: Sort = "rank",
               page: Annotated[int, Query(ge=1, le=10_000)] = 1,
               limit: Annotated[int, Query(ge=1, le=100)] = 20,
               exact: Exact = False,
               facets: Annotated[str, Query(max_length=200, pattern=FACETS_PATTERN, description=(
                   "Comma-separated: origin, year, tag, classification, marking; "
                   "empty for none"))] = ",".join(searching.FACETS)) -> SearchPage:
    """A page of ranked hits with highlighted snippets (`highlights` are offsets into
    `snippet`) and `<ID>¶<n>` addresses, the total, and facets over all hits."""
    need("search")
    names = facet_names(facets)
    with database(request).reading() as store:
        return searching.run_search(store, q, level=level, sort=sort, page=page, limit=limit,
                                    exact=exact, facets=names)


@router.get("/search/export", responses={**ERRORS, 200: {
    "description": "Every hit, streamed",
    "content": {"text/csv": {"schema": {"type": "string"}},
                "application/x-ndjson": {"schema": {"type": "string"}}}}},
    summary="Export every hit as CSV or JSON lines")
def api_search_export(request: Request, q: Q, level: Level = "cable", sort: Sort = "rank",
                      exact: Exact = False,
                      format: Annotated[Literal["csv", "jsonl"], Query()] = "csv"
                      ) -> StreamingResponse:
    """All hits of the query (not only a page): id, address, paragraph, created, subject,
    origin, classification, marking, score, snippet."""
    need("search")
    db = database(request)
    # The query is checked before the response starts, so a bad one is still a clean 400.
    with db.reading() as store:
        searching.run_search(store, q, level=level, sort=sort, limit=1, exact=exact, facets=())

    def rows() -> Iterator[str]:
        with db.exporting() as store:
            yield from searching.export_lines(store, q, level=level, sort=sort, exact=exact,
                                              fmt=format)

    media = "text/csv; charset=utf-8" if format == "csv" else "application/x-ndjson"
    name = f"cablescope-search.{format}"
    return StreamingResponse(rows(), media_type=media,
                             headers={"content-disposition": f'attachment; filename="{name}"'})
