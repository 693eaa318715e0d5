"""Trace articles to the cables they quote (docs/trace.md).

    from cablescope.store import Store
    from cablescope.trace import Tracer, read_article, ensure_index

    with Store.open("cables.db") as store:
        ensure_index(store)                      # built once, kept up to date
        report = Tracer(store.connection, "cables.db").trace(read_article("article.html"))
        print(report.as_dict())
"""

from cablescope.trace.article import Article, parse_article, read_article
from cablescope.trace.index import IndexSummary, index_state, update_index
from cablescope.trace.report import Claim, ClaimMatch, Match, Segment, TracedQuote, TraceReport
from cablescope.trace.service import ensure_index, trace_path, trace_paths
from cablescope.trace.tracer import Tracer

__all__ = [
    "Article",
    "Claim",
    "ClaimMatch",
    "IndexSummary",
    "Match",
    "Segment",
    "TraceReport",
    "TracedQuote",
    "Tracer",
    "ensure_index",
    "index_state",
    "parse_article",
    "read_article",
    "trace_path",
    "trace_paths",
    "update_index",
]
