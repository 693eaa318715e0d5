"""Trace articles to the cables they quote (docs/trace.md).

    from cablescope.store import Store
    from cablescope.trace import Tracer, read_article, ensure_index

    with Store.open("cables.db") as store:
        ensure_index(store)                      # built once, kept up to date
        report = Tracer(store.connection, "cables.db").trace(read_article("article.html"))
        print(report.as_dict())

Importing this package loads nothing: every name below loads its module on first use, so the
report's JSON shapes (`trace.shapes`, which the web API publishes) are importable where the
`trace` extra (rapidfuzz, edlib, lxml) is not installed; using the tracer there raises the
ImportError that names what is missing.
"""

import typing as _typing

from cablescope.lazy import lazy_exports as _lazy_exports

if _typing.TYPE_CHECKING:  # what the names are, for type checkers
    from cablescope.trace.article import Article as Article
    from cablescope.trace.article import parse_article as parse_article
    from cablescope.trace.article import read_article as read_article
    from cablescope.trace.index import IndexSummary as IndexSummary
    from cablescope.trace.index import index_state as index_state
    from cablescope.trace.index import update_index as update_index
    from cablescope.trace.report import Claim as Claim
    from cablescope.trace.report import ClaimMatch as ClaimMatch
    from cablescope.trace.report import Match as Match
    from cablescope.trace.report import Segment as Segment
    from cablescope.trace.report import TracedQuote as TracedQuote
    from cablescope.trace.report import TraceReport as TraceReport
    from cablescope.trace.service import ensure_index as ensure_index
    from cablescope.trace.service import trace_path as trace_path
    from cablescope.trace.service import trace_paths as trace_paths
    from cablescope.trace.tracer import Tracer as Tracer

# name -> (submodule, attribute)
_EXPORTS: dict[str, tuple[str, str]] = {
    "Article": ("article", "Article"),
    "parse_article": ("article", "parse_article"),
    "read_article": ("article", "read_article"),
    "IndexSummary": ("index", "IndexSummary"),
    "index_state": ("index", "index_state"),
    "update_index": ("index", "update_index"),
    "Claim": ("report", "Claim"),
    "ClaimMatch": ("report", "ClaimMatch"),
    "Match": ("report", "Match"),
    "Segment": ("report", "Segment"),
    "TracedQuote": ("report", "TracedQuote"),
    "TraceReport": ("report", "TraceReport"),
    "ensure_index": ("service", "ensure_index"),
    "trace_path": ("service", "trace_path"),
    "trace_paths": ("service", "trace_paths"),
    "Tracer": ("tracer", "Tracer"),
}

__all__, __getattr__, __dir__ = _lazy_exports(__name__, _EXPORTS)
