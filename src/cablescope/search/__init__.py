"""Search: the query language, ranked and faceted hits with snippets, references, similar cables.

    from cablescope.store import Store
    from cablescope.search import search

    with Store.open("cables.db", readonly=True) as store:
        result = search(store.connection, '"markedly different" sarkozy', facets=["origin"])

The language is documented in docs/search.md; `parse` gives its tree, `QueryError` its errors.
`refs` walks the reference graph, `similar` ranks the cables most like one cable.
"""

from cablescope.errors import QueryError
from cablescope.search.engine import (
    Hit,
    SearchResult,
    iter_hits,
    search,
)
from cablescope.search.options import FACETS, SORTS, FacetValue
from cablescope.search.query import FIELDS, Node, exact, parse, unparse
from cablescope.search.refs import RefGraph, RefLink, refs
from cablescope.search.similar import SimilarHit, SimilarResult, similar

__all__ = [
    "FACETS",
    "FIELDS",
    "SORTS",
    "FacetValue",
    "Hit",
    "Node",
    "QueryError",
    "RefGraph",
    "RefLink",
    "SearchResult",
    "SimilarHit",
    "SimilarResult",
    "exact",
    "iter_hits",
    "parse",
    "refs",
    "search",
    "similar",
    "unparse",
]
