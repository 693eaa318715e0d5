"""Search for the pages and the API: one call to `cablescope.search`, shaped for both.

Snippets leave the search layer with private-use markers around the hits; here they become a
plain snippet plus `highlights` (offsets into it), so no markup ever travels inside cable text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from cablescope.search.shapes import SearchHit, SearchPage
from cablescope.store import Store
from cablescope.web.charts import fill_years, histogram
from cablescope.web.render import cable_url, field_query, paragraph_anchor, search_url

if TYPE_CHECKING:
    from cablescope.search.snippets import Highlighter

OPEN, CLOSE = "\ue000", "\ue001"  # private use: not in cable text; stripped from snippets
FACETS = ("origin", "year", "tag", "classification", "marking")
FACET_FIELD = {"origin": "origin", "year": "year", "tag": "tag", "classification": "class",
               "marking": "marking"}


def split_marks(snippet: str) -> tuple[str, list[tuple[int, int]]]:
    """The snippet without markers, and where the marked stretches are in it."""
    text: list[str] = []
    marks: list[tuple[int, int]] = []
    length, start = 0, None
    for piece in re.split(f"([{OPEN}{CLOSE}])", snippet):
        if piece == OPEN:
            start = length
        elif piece == CLOSE:
            if start is not None and length > start:
                marks.append((start, length))
            start = None
        else:
            text.append(piece)
            length += len(piece)
    return "".join(text), marks


def run_search(store: Store, q: str, *, level: str = "cable", sort: str = "rank",
               page: int = 1, limit: int = 20, exact: bool = False,
               facets: tuple[str, ...] = FACETS) -> SearchPage:
    """One page of hits with total, facets and paging, in the JSON shape of `/api/search`."""
    from cablescope.search import search

    result = search(store.connection, q, level=level, sort=sort, limit=limit,
                    offset=(page - 1) * limit, facets=facets, exact_mode=exact,
                    markers=(OPEN, CLOSE)).as_dict()
    for hit in result["hits"]:
        hit["snippet"], hit["highlights"] = split_marks(hit["snippet"])
    result["page"] = page
    result["pages"] = max(1, -(-result["total"] // limit)) if limit else 1
    result["exact"] = exact
    return result


def export_lines(store: Store, q: str, *, level: str = "cable", sort: str = "rank",
                 exact: bool = False, fmt: str = "csv") -> Iterator[str]:
    """Every hit (not only a page), streamed as CSV (the CLI's `--csv`) or JSON lines."""
    from cablescope.search import iter_hits
    from cablescope.search.export import EXPORT_COLUMNS, csv_chunks

    hits = iter_hits(store.connection, q, level=level, sort=sort, exact_mode=exact,
                     markers=("", ""))
    if fmt == "csv":
        yield from csv_chunks(hits)
        return
    for hit in hits:
        yield json.dumps({k: getattr(hit, k) for k in EXPORT_COLUMNS}, ensure_ascii=False) + "\n"


# --- landing on the hit: the cable page marks the query's words --------------------------------


def highlighter(q: str, exact: bool = False) -> Highlighter | None:
    """What a cable page opened from a search marks: the words, phrases and exact strings the
    query asks for (not those under NOT), found as the snippets find them. None for a query
    that does not parse (the page is then shown unmarked) or has nothing to mark."""
    from cablescope.errors import QueryError
    from cablescope.search.query import exact as exact_leaf
    from cablescope.search.query import parse, positive_leaves
    from cablescope.search.snippets import Highlighter

    try:
        tree = exact_leaf(q) if exact else parse(q)
    except QueryError:
        return None
    found = Highlighter.for_leaves(positive_leaves(tree))
    return found if found else None


def hit_links(store: Store, hits: list[SearchHit], q: str, exact: bool) -> list[str]:
    """For each hit, the cable page with the query's words marked, scrolled to the paragraph
    shown (its anchor as the cable page names it: `#p4`, or `#s<seq>` for an unnumbered block or
    a number printed twice)."""
    cables = sorted({h["id"] for h in hits if h.get("seq") is not None})
    first: dict[tuple[str, int | None], int] = {}
    if cables:
        marks = ",".join("?" * len(cables))
        first = {(cable, number): seq for cable, number, seq in store.connection.execute(
            "SELECT cable_id, number, min(seq) FROM paragraphs WHERE number IS NOT NULL AND "
            f"cable_id IN ({marks}) GROUP BY cable_id, number", cables)}
    query = "?" + urlencode({"q": q, **({"exact": "true"} if exact else {})})
    links = []
    for h in hits:
        url = cable_url(h["id"]) + query
        seq = h["seq"]
        if seq is not None:
            number = h["paragraph"]
            url += "#" + paragraph_anchor(number, seq, first.get((h["id"], number)) == seq)
        links.append(url)
    return links


# --- what the page adds: links for facets, the histogram, paging ---------------------------------


def facet_filter(name: str, value: Any) -> str | None:
    """The query filter a facet value stands for (None: nothing to filter on)."""
    if value is None or value == "":
        return None
    return field_query(FACET_FIELD[name], str(value))


def toggled(q: str, clause: str) -> tuple[str, bool]:
    """The query with `clause` added, or removed when it is already there; and whether it was."""
    pattern = re.compile(r"(^|\s)" + re.escape(clause) + r"(?=\s|$)")
    if clause in q and pattern.search(q):  # most facet values are not in the query at all
        return re.sub(r"\s+", " ", pattern.sub(" ", q)).strip(), True
    return f"{q} {clause}".strip(), False


def page_context(result: SearchPage, params: dict[str, Any]) -> dict[str, Any]:
    """Facet links, histogram bars and paging links for the search page."""
    q = result["query"]

    def link(query: str, **overrides: Any) -> str:
        return search_url(query, **{**params, "page": None, **overrides})

    facets = {}
    for name, values in result["facets"].items():
        items = []
        for v in values:
            clause = facet_filter(name, v["value"])
            if clause is None:
                continue
            new_q, on = toggled(q, clause)
            items.append({"value": v["value"], "count": v["count"], "on": on,
                          "href": link(new_q)})
        facets[name] = items
    years = fill_years([(str(v["value"]), v["count"]) for v in result["facets"].get("year", [])
                        if v["value"] is not None])
    bars = [(bar, link(toggled(q, f"year:{bar.label}")[0])) for bar in histogram(years)]
    page = result["page"]
    paging = {
        "first": (page - 1) * result["limit"] + 1 if result["total"] else 0,
        "last": min(page * result["limit"], result["total"]),
        "prev": link(q, page=page - 1) if page > 1 else None,
        "next": link(q, page=page + 1) if page < result["pages"] else None,
    }
    return {"facets": facets, "bars": bars, "paging": paging}
