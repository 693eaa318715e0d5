"""The HTML pages: the same `core` calls as the JSON API, rendered server-side (no script)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from cablescope.spark.schema import shared_passages
from cablescope.web import core, diff, entities_view, searching
from cablescope.web.api import CableId, Exact, Level, Sort, database, need
from cablescope.web.charts import fill_years, histogram
from cablescope.web.features import features
from cablescope.web.render import Span, cable_url, paragraph_anchor, render, search_url

if TYPE_CHECKING:
    from cablescope.search.snippets import Highlighter

router = APIRouter(include_in_schema=False)


def render_page(request: Request, template: str, **context: Any) -> HTMLResponse:
    """A rendered page; every page knows the app's settings (for what to offer)."""
    config = request.app.state.config
    html = render(template, config=config, features=features(), path=request.url.path,
                  **context)
    return HTMLResponse(html)


def laid_out(paragraphs: Sequence[Mapping[str, Any]],
             spans: dict[int, list[Span]] | None = None,
             marker: Highlighter | None = None) -> list[dict[str, Any]]:
    """Paragraphs with their anchor (`paragraph_anchor`), the spans to mark in them (entity
    mentions, keyed by `seq`) and, when opened from a search, where the query's words are."""
    seen: set[int] = set()
    out = []
    for p in paragraphs:
        number = p["number"]
        anchor = paragraph_anchor(number, p["seq"], number not in seen)
        if number is not None:
            seen.add(number)
        out.append({**p, "anchor": anchor, "spans": (spans or {}).get(p["seq"], []),
                    "marks": marker.matches(p["text"]) if marker else []})
    return out


@router.get("/stats", response_class=HTMLResponse)
def stats_page(request: Request) -> HTMLResponse:
    with database(request).reading() as store:
        found = core.stats(store)
    years = fill_years([(k, v) for k, v in found["by_year"].items() if k.isdigit()])
    bars = [(bar, search_url(f"year:{bar.label}")) for bar in histogram(years)]
    return render_page(request, "stats.html", s=found, bars=bars, json_url="/api/stats")


@router.get("/cable/{cable_id}", response_class=HTMLResponse)
def cable_page(request: Request, cable_id: CableId,
               version: Annotated[int | None, Query(ge=1, le=1_000_000)] = None,
               q: Annotated[str, Query(max_length=2000)] = "",
               exact: Exact = False) -> Response:
    """The cable laid out; opened from a search (`q`, `exact`), the query's words marked."""
    with database(request).reading() as store:
        found = core.cable(store, cable_id, version)
        # mentions point into the current version's paragraphs
        spans = (entities_view.mention_spans(store, found["id"])
                 if features().entities and found["current"] else {})
        # passages other cables share (`cablescope spark reuse`), for the current version
        shared = shared_passages(store.connection, found["id"]) if found["current"] else []
    q = q.strip()
    if found["id"] != cable_id:  # another spelling: send the reader to the canonical address
        kept = {"version": version, "q": q or None, "exact": "true" if exact else None}
        query = urlencode({k: v for k, v in kept.items() if v})
        return RedirectResponse(cable_url(found["id"]) + (f"?{query}" if query else ""),
                                status_code=308)
    in_version = f"?version={version}" if version else ""
    unmarked = cable_url(found["id"]) + in_version
    marker = searching.highlighter(q, exact) if q and features().search else None
    reuse: dict[int, list[dict[str, Any]]] = {}
    for passage in shared:
        reuse.setdefault(passage["seq"], []).append(passage)
    paragraphs = [{**p, "reuse": reuse.get(p["seq"], [])}
                  for p in laid_out(found["paragraphs"], spans, marker)]
    landed = None
    if q:  # opened from a search: say what is marked, and the way back
        landed = {"q": q, "exact": exact, "back": search_url(q, exact="true" if exact else None),
                  "count": sum(len(p["marks"]) for p in paragraphs) if marker else None,
                  "clear": unmarked}
    return render_page(request, "cable.html", c=found,
                       versions=core.chronological(found["versions"]),
                       paragraphs=paragraphs, found=landed, q=q,
                       json_url=f"/api/cables/{quote(found['id'], safe='')}{in_version}")


@router.get("/cable/{cable_id}/similar", response_class=HTMLResponse)
def similar_page(request: Request, cable_id: CableId) -> HTMLResponse:
    """More-like-this: the cables sharing most of this one's distinctive words."""
    need("search")
    with database(request).reading() as store:
        found = core.similar(store, cable_id, 20)
        shown = store.cable(found["id"])
        subject = shown["subject"] if shown else None
    return render_page(request, "similar.html", s=found, subject=subject,
                       json_url=f"/api/cables/{found['id']}/similar?limit=20")


@router.get("/cable/{cable_id}/diff", response_class=HTMLResponse)
def diff_page(request: Request, cable_id: CableId,
              from_: Annotated[int | None, Query(alias="from", ge=1, le=1_000_000)] = None,
              to: Annotated[int | None, Query(ge=1, le=1_000_000)] = None) -> HTMLResponse:
    with database(request).reading() as store:
        found = core.diff(store, cable_id, from_, to)
        versions = core.chronological(store.versions(found["cable_id"]))
    json_url = (f"/api/cables/{found['cable_id']}/diff?from={found['from_version']}"
                f"&to={found['to_version']}")
    seen = {v["version"]: v.get("seen") for v in versions}
    return render_page(request, "diff.html", d=found, versions=versions, json_url=json_url,
                       summary=diff.summary_lines(found, seen), blocks=diff.blocks(found))



@router.get("/api", response_class=HTMLResponse)
def api_index(request: Request) -> HTMLResponse:
    """The endpoints, read from the OpenAPI description so this list cannot fall behind; a GET
    is linked when it answers as it is or with its parameters' examples."""
    endpoints = [
        {"method": method.upper(), "path": path, "summary": op.get("summary", ""),
         "href": example_url(path, op) if method == "get" else None}
        for path, ops in request.app.openapi()["paths"].items()
        for method, op in ops.items()
    ]
    return render_page(request, "api.html", endpoints=endpoints)


def example_url(path: str, operation: dict[str, Any]) -> str | None:
    """`path` with each required query parameter set to the example the OpenAPI description
    gives it; None for a path template or a required parameter without an example (a link
    that could only answer 400)."""
    if "{" in path:
        return None
    query: dict[str, Any] = {}
    for param in operation.get("parameters", []):
        if not param.get("required"):
            continue
        examples = param.get("schema", {}).get("examples") or (
            [param["example"]] if "example" in param else [])
        if param.get("in") != "query" or not examples:
            return None
        query[param["name"]] = examples[0]
    return path + (f"?{urlencode(query)}" if query else "")


@router.get("/", response_class=HTMLResponse)
@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request,
                q: Annotated[str, Query(max_length=2000)] = "",
                level: Level = "cable", sort: Sort = "rank",
                page: Annotated[int, Query(ge=1, le=10_000)] = 1,
                exact: Exact = False) -> Response:
    """The search box, facets as links, the year histogram, hits with snippets, paging; a
    cable's ID as the query goes to that cable's page."""
    need("search")
    from cablescope.search import FIELDS

    q = q.strip()
    params = {"level": level if level != "cable" else None,
              "sort": sort if sort != "rank" else None, "exact": "true" if exact else None}
    context: dict[str, Any] = {"q": q, "fields": FIELDS}
    with database(request).reading() as store:
        if not q:
            s = core.stats(store)
            years = fill_years([(k, v) for k, v in s["by_year"].items() if k.isdigit()])
            context["bars"] = [(bar, search_url(f"year:{bar.label}"))
                               for bar in histogram(years)]
            context["corpus"] = {"cables": s["cables"],
                                 "first_year": years[0][0] if years else None,
                                 "last_year": years[-1][0] if years else None}
            return render_page(request, "search.html", **context)
        result = searching.run_search(store, q, level=level, sort=sort, page=page, exact=exact)
        cable = result["cable"]
        if cable and page == 1:  # a cable's ID: its page
            return RedirectResponse(cable_url(cable), status_code=303)
        links = searching.hit_links(store, result["hits"], q, exact)
    view = searching.page_context(result, params)
    view["hits"] = list(zip(result["hits"], links, strict=True))
    query = {"q": q, **{k: v for k, v in params.items() if v}}
    return render_page(request, "search.html", r=result, view=view, bars=view["bars"],
                json_url="/api/search?" + urlencode({**query, "page": page}),
                export_csv="/api/search/export?" + urlencode(query),
                export_jsonl="/api/search/export?" + urlencode({**query, "format": "jsonl"}),
                **context)
