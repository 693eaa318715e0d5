"""The HTML pages: the same `core` calls as the JSON API, rendered server-side (no script)."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from cablescope.web import core, entities_view, searching
from cablescope.web.api import CableId, Exact, Level, Sort, database, need
from cablescope.web.charts import fill_years, histogram
from cablescope.web.features import features
from cablescope.web.render import Span, cable_url, render, search_url

router = APIRouter(include_in_schema=False)


def render_page(request: Request, template: str, **context: Any) -> HTMLResponse:
    """A rendered page; every page knows the app's settings (for what to offer)."""
    config = request.app.state.config
    html = render(template, config=config, features=features(), path=request.url.path,
                  **context)
    return HTMLResponse(html)


def laid_out(paragraphs: list[dict[str, Any]],
             spans: dict[int, list[Span]] | None = None) -> list[dict[str, Any]]:
    """Paragraphs with their anchor (`p4` for the first ¶4, `s<seq>` for the rest) and the spans
    to mark in them (entity mentions), keyed by `seq`."""
    seen: set[int] = set()
    out = []
    for p in paragraphs:
        number = p["number"]
        anchor = f"p{number}" if number is not None and number not in seen else f"s{p['seq']}"
        if number is not None:
            seen.add(number)
        out.append({**p, "anchor": anchor, "spans": (spans or {}).get(p["seq"], [])})
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
               version: Annotated[int | None, Query(ge=1, le=1_000_000)] = None) -> Response:
    with database(request).reading() as store:
        found = core.cable(store, cable_id, version)
        # mentions point into the current version's paragraphs
        spans = (entities_view.mention_spans(store, found["id"])
                 if features().entities and found["current"] else {})
    if found["id"] != cable_id:  # another spelling: send the reader to the canonical address
        target = cable_url(found["id"]) + (f"?version={version}" if version else "")
        return RedirectResponse(target, status_code=308)
    json_url = f"/api/cables/{found['id']}" + (f"?version={version}" if version else "")
    return render_page(request, "cable.html", c=found,
                       versions=core.chronological(found["versions"]),
                       paragraphs=laid_out(found["paragraphs"], spans), json_url=json_url)


@router.get("/cable/{cable_id}/similar", response_class=HTMLResponse)
def similar_page(request: Request, cable_id: CableId) -> HTMLResponse:
    """More-like-this: the cables sharing most of this one's distinctive words."""
    need("search")
    with database(request).reading() as store:
        found = core.similar(store, cable_id, 20)
        subject = (store.cable(found["id"]) or {}).get("subject")
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
    return render_page(request, "diff.html", d=found, versions=versions, json_url=json_url)



@router.get("/api", response_class=HTMLResponse)
def api_index(request: Request) -> HTMLResponse:
    """The endpoints, read from the OpenAPI description so this list cannot fall behind."""
    endpoints = [
        {"method": method.upper(), "path": path, "summary": op.get("summary", "")}
        for path, ops in request.app.openapi()["paths"].items()
        for method, op in ops.items()
    ]
    return render_page(request, "api.html", endpoints=endpoints)


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
    if result.get("cable") and page == 1:
        return RedirectResponse(cable_url(result["cable"]), status_code=303)
    view = searching.page_context(result, params)
    query = {"q": q, **{k: v for k, v in params.items() if v}}
    return render_page(request, "search.html", r=result, view=view, bars=view["bars"],
                json_url="/api/search?" + urlencode({**query, "page": page}),
                export_csv="/api/search/export?" + urlencode(query),
                export_jsonl="/api/search/export?" + urlencode({**query, "format": "jsonl"}),
                **context)
