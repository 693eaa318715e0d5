"""From a query to its hits, and from the hits to what a page shows: evaluation, order, facets.

numpy over `columns.Columns`; `engine` loads this module on the first search, so importing
`cablescope.search` (every `cablescope` call does) does not load numpy.
"""

from __future__ import annotations

import sqlite3
from typing import Any

import numpy as np

from cablescope.errors import QueryError
from cablescope.search import schema
from cablescope.search.columns import Columns, columns_and_stamp, snapshot
from cablescope.search.evaluate import Evaluator, HitSet
from cablescope.search.options import FacetValue, Level
from cablescope.search.query import Field, Node, exact, leaves, parse, unparse

__all__ = ["evaluate", "facet", "order", "rows", "snapshot", "why_empty"]


def evaluate(conn: sqlite3.Connection, query: str, level: str, sort: str,
              exact_mode: bool) -> tuple[Node, Evaluator, HitSet]:
    """The query's tree, its evaluator and its hits; an FTS5 complaint about the query becomes
    a QueryError."""
    tree: Node = exact(query) if exact_mode else parse(query)
    schema.prepare(conn)
    cols, current = columns_and_stamp(conn)
    evaluator = Evaluator(conn, cols, query, level,  # type: ignore[arg-type]
                          ranked=sort == "rank",
                          terms=cols.terms if cols.stamp == current else None)
    prepared = evaluator.prepare(tree)
    try:
        return tree, evaluator, evaluator.hits(prepared)
    except sqlite3.OperationalError as exc:
        message = str(exc)
        if "fts5" in message or "no such column" in message:
            raise QueryError(f"the full-text index rejected the query: {message}", query,
                             0) from exc
        raise


def cables_of(found: HitSet, cols: Columns, level: Level) -> np.ndarray:
    return found.keys if level == "cable" else cols.pid_cable[found.keys].astype(np.int64)


def order(found: HitSet, cols: Columns, level: Level, sort: str,
           first: int | None) -> np.ndarray:
    """Indices of `found` in `sort` order; with `first`, only enough of them for that many
    (the rest are never sorted: a page of 20 out of 200,000 sorts a few dozen)."""
    created = cols.created_rank[cables_of(found, cols, level)].astype(np.int64)
    if sort == "rank":  # best first, then newest (unknown dates last), then key
        sort_keys = [found.keys, -created, -found.scores]
    elif sort == "newest":  # unknown dates (-1) last
        sort_keys = [found.keys, -created]
    else:  # oldest, unknown dates last
        sort_keys = [found.keys, np.where(created < 0, np.iinfo(np.int64).max, created)]
    primary = sort_keys[-1]  # np.lexsort sorts by the last key first
    candidates = np.arange(len(primary))
    if first is not None and first < len(primary) // 4:
        if first == 0:
            return candidates[:0]
        bound = np.partition(primary, first - 1)[first - 1]
        candidates = np.flatnonzero(primary <= bound)
    return candidates[np.lexsort([k[candidates] for k in sort_keys])]


def rows(found: HitSet, cols: Columns, level: Level,
          order: np.ndarray) -> list[tuple[Any, float, int | None]]:
    """(key, score, pid) of the hits at `order`: key is the cable ID or the pid."""
    out: list[tuple[Any, float, int | None]] = []
    for key, score, pid in zip(found.keys[order].tolist(), found.scores[order].tolist(),
                               found.pids[order].tolist(), strict=True):
        out.append((cols.cable_ids[key] if level == "cable" else key, score,
                    pid if pid >= 0 else None))
    return out


def facet(name: str, found: HitSet, cols: Columns, level: Level,
           facet_limit: int) -> list[FacetValue]:
    """Counts of hits per value of one facet, over all hits (see docs/search.md)."""
    cables = cables_of(found, cols, level)
    if name == "year":  # every year with hits, in year order (unknown first)
        counts = np.bincount(cols.year_code[cables], minlength=len(cols.years))
        return [FacetValue(None if cols.years[c] < 0 else cols.years[c], int(counts[c]))
                for c in np.flatnonzero(counts).tolist()]
    table: list[str] | list[str | None]
    if name in ("origin", "classification"):
        table = cols.origins if name == "origin" else cols.classifications
        codes = cols.origin if name == "origin" else cols.classification
        counts = np.bincount(codes[cables], minlength=len(table))
    elif name == "marking" and level == "paragraph":
        table = cols.markings
        counts = np.bincount(cols.pid_marking[found.keys], minlength=len(table))
    else:  # tag, or marking at cable level: the (cable, value) pairs of the hit cables
        table = cols.tags if name == "tag" else cols.markings
        starts = cols.tag_start if name == "tag" else cols.marked_start
        codes = cols.tag_code if name == "tag" else cols.marked_code
        owners = cols.tag_cable if name == "tag" else cols.marked_cable
        # a cable with n hit paragraphs counts n times (once at cable level: keys are unique)
        if len(cables) * 2 < cols.cables:  # up to half the cables: gather their pairs
            counts = np.bincount(codes[cols.pairs(starts, cables)], minlength=len(table))
        elif level == "cable":  # more: the pairs of hit cables, through a mask over cables
            member = np.zeros(cols.cables, dtype=bool)
            member[cables] = True
            counts = np.bincount(codes[member[owners]], minlength=len(table))
        else:  # many paragraphs: one pass over all pairs, each weighted by its cable's hits
            hits_per_cable = np.bincount(cables, minlength=cols.cables)
            counts = np.bincount(codes, weights=hits_per_cable[owners],
                                 minlength=len(table)).astype(np.int64)
    present = np.flatnonzero(counts)
    if len(present) > facet_limit:  # only values that can make the first `facet_limit`
        bound = np.partition(counts[present], len(present) - facet_limit)[-facet_limit]
        present = present[counts[present] >= bound]
    # most hits first, then by value: codes are in value order (None first, as SQL sorts NULL)
    ranked = present[np.lexsort((present, -counts[present]))][:facet_limit]
    return [FacetValue(table[c], int(counts[c])) for c in ranked.tolist()]


def why_empty(evaluator: Evaluator, tree: Node) -> list[str]:
    """For a query with no hit: which of its terms matches nothing even alone."""
    terms = leaves(tree)
    if len(terms) < 2:
        return []
    query, notes = evaluator.query, []
    starts = [t for t in terms if isinstance(t, Field) and t.name == "from" and t.low]
    ends = [t for t in terms if isinstance(t, Field) and t.name == "to" and t.high]
    for start in starts:  # `from:2010 to:2005`: each matches alone, never both
        for end in ends:
            if start.low and end.high and start.low > end.high:
                notes.append(f"{query[start.start:start.end]} is after "
                             f"{query[end.start:end.end]}: no date is in both")
    for leaf in terms:
        alone = Evaluator(evaluator.conn, evaluator.cols, query, evaluator.level, ranked=False,
                          terms=evaluator.terms)
        try:
            found = alone.hits(alone.prepare(leaf))
        except QueryError:  # a term the query ignored (no letters): already warned about
            continue
        if not len(found):
            notes.append(f"{query[leaf.start:leaf.end] or unparse(leaf)} matches nothing "
                         "by itself")
    return notes
