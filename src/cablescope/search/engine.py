"""`search` and `iter_hits`: evaluate a query, count, facet, page, and make snippets.

The hit set is evaluated once (`evaluate.Evaluator`); the total, every facet and the page are
read from it, so facets count exactly the hits the page is drawn from, every filter included.
Facets and order are numpy over `columns.Columns`; only the page is sorted in full. Snippet work
is done on the page only.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from cablescope.errors import QueryError
from cablescope.search import schema
from cablescope.search.columns import Columns, columns, snapshot
from cablescope.search.evaluate import LEVELS, Evaluator, HitSet, Level
from cablescope.search.query import Node, exact, leaves, parse, positive_leaves, unparse
from cablescope.search.snippets import MARKERS, SNIPPET_CHARS, Highlighter

SORTS = ("rank", "newest", "oldest")
FACETS = ("origin", "year", "tag", "classification", "marking")
DEFAULT_LIMIT = 20
FACET_LIMIT = 20
MAX_LIMIT = 1000  # a page; `iter_hits` streams any number


@dataclass(frozen=True, slots=True)
class Hit:
    """One cable (cable level) or one paragraph (paragraph level) that matches.

    `address` is `<ID>¶<n>` of the paragraph shown (None for an unnumbered block, such as the
    header; `seq` still places it). `score` is higher for better matches (0 without words).
    """

    id: str
    address: str | None
    paragraph: int | None
    seq: int | None
    score: float
    snippet: str
    created: str | None
    subject: str | None
    origin: str | None
    classification: str | None
    marking: str | None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class FacetValue:
    value: str | int | None
    count: int


@dataclass(slots=True)
class SearchResult:
    """A page of hits with the total and the facets of all hits (not only of the page)."""

    query: str
    level: str
    sort: str
    total: int
    limit: int
    offset: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    parsed: str = ""  # the query as understood, fully parenthesised

    def as_dict(self) -> dict[str, Any]:
        """The documented JSON shape of `cablescope search --json` (docs/search.md)."""
        return {
            "query": self.query, "parsed": self.parsed, "level": self.level, "sort": self.sort,
            "total": self.total, "limit": self.limit, "offset": self.offset,
            "hits": [h.as_dict() for h in self.hits],
            "facets": {name: [{"value": v.value, "count": v.count} for v in values]
                       for name, values in self.facets.items()},
            "warnings": self.warnings,
        }


def search(conn: sqlite3.Connection, query: str, *, level: str = "cable", sort: str = "rank",
           limit: int = DEFAULT_LIMIT, offset: int = 0, facets: Sequence[str] = (),
           exact_mode: bool = False, facet_limit: int = FACET_LIMIT,
           markers: tuple[str, str] = MARKERS, snippet_chars: int = SNIPPET_CHARS) -> SearchResult:
    """Run `query` on the database behind `conn`: a page of hits, the total, the facets.

    `level`: 'cable' or 'paragraph'. `sort`: 'rank' (best first; without words, newest first),
    'newest' or 'oldest'. `facets`: any of FACETS. `exact_mode`: the whole query is one exact
    string (as `--exact`). Raises QueryError for a malformed query, ValueError for bad options.
    """
    _check(level, sort, limit, offset, facets, facet_limit)
    with snapshot(conn):  # hits, facets and page rows from one commit, whatever a writer does
        tree, evaluator, found = _evaluate(conn, query, level, sort, exact_mode)
        cols = evaluator.cols
        order = _order(found, cols, evaluator.level, sort, offset + limit)[offset:offset + limit]
        hits = _hits(conn, evaluator.level, _rows(found, cols, evaluator.level, order),
                     Highlighter.for_leaves(positive_leaves(tree)), markers, snippet_chars)
        facet_values = {name: _facet(name, found, cols, evaluator.level, facet_limit)
                        for name in facets}
        warnings = list(evaluator.warnings)
        if not len(found):
            warnings.extend(_why_empty(evaluator, tree))
    return SearchResult(query, evaluator.level, sort, len(found), limit, offset, hits,
                        facet_values, warnings, unparse(tree))


def iter_hits(conn: sqlite3.Connection, query: str, *, level: str = "cable",
              sort: str = "rank", exact_mode: bool = False, markers: tuple[str, str] = MARKERS,
              snippet_chars: int = SNIPPET_CHARS, batch: int = 500) -> Iterator[Hit]:
    """Every hit of `query`, in `sort` order, streamed in batches (for `--csv` export)."""
    _check(level, sort, 1, 0, (), 1)
    with snapshot(conn):  # the hits from one commit; their rows are read as they stream
        tree, evaluator, found = _evaluate(conn, query, level, sort, exact_mode)
    order = _order(found, evaluator.cols, evaluator.level, sort, None)
    highlighter = Highlighter.for_leaves(positive_leaves(tree))
    for start in range(0, len(order), batch):
        rows = _rows(found, evaluator.cols, evaluator.level, order[start:start + batch])
        yield from _hits(conn, evaluator.level, rows, highlighter, markers, snippet_chars)


# --- evaluation, order, facets ------------------------------------------------------------------


def _check(level: str, sort: str, limit: int, offset: int, facets: Sequence[str],
           facet_limit: int) -> None:
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    if sort not in SORTS:
        raise ValueError(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")
    unknown = [f for f in facets if f not in FACETS]
    if unknown:
        raise ValueError(f"unknown facet {unknown[0]!r}: choose from {', '.join(FACETS)}")
    if not 0 <= limit <= MAX_LIMIT:
        raise ValueError(f"limit must be between 0 and {MAX_LIMIT}")
    if offset < 0:
        raise ValueError("offset must not be negative")
    if facet_limit < 1:
        raise ValueError("facet_limit must be at least 1")


def _evaluate(conn: sqlite3.Connection, query: str, level: str, sort: str,
              exact_mode: bool) -> tuple[Node, Evaluator, HitSet]:
    """The query's tree, its evaluator and its hits; an FTS5 complaint about the query becomes
    a QueryError."""
    tree: Node = exact(query) if exact_mode else parse(query)
    schema.prepare(conn)
    evaluator = Evaluator(conn, columns(conn), query, level,  # type: ignore[arg-type]
                          ranked=sort == "rank")
    prepared = evaluator.prepare(tree)
    try:
        return tree, evaluator, evaluator.hits(prepared)
    except sqlite3.OperationalError as exc:
        message = str(exc)
        if "fts5" in message or "no such column" in message:
            raise QueryError(f"the full-text index rejected the query: {message}", query,
                             0) from exc
        raise


def _cables(found: HitSet, cols: Columns, level: Level) -> np.ndarray:
    return found.keys if level == "cable" else cols.pid_cable[found.keys].astype(np.int64)


def _order(found: HitSet, cols: Columns, level: Level, sort: str,
           first: int | None) -> np.ndarray:
    """Indices of `found` in `sort` order; with `first`, only enough of them for that many
    (the rest are never sorted: a page of 20 out of 200,000 sorts a few dozen)."""
    created = cols.created_rank[_cables(found, cols, level)].astype(np.int64)
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


def _rows(found: HitSet, cols: Columns, level: Level,
          order: np.ndarray) -> list[tuple[Any, float, int | None]]:
    """(key, score, pid) of the hits at `order`: key is the cable ID or the pid."""
    out: list[tuple[Any, float, int | None]] = []
    for key, score, pid in zip(found.keys[order].tolist(), found.scores[order].tolist(),
                               found.pids[order].tolist(), strict=True):
        out.append((cols.cable_ids[key] if level == "cable" else key, score,
                    pid if pid >= 0 else None))
    return out


def _facet(name: str, found: HitSet, cols: Columns, level: Level,
           facet_limit: int) -> list[FacetValue]:
    """Counts of hits per value of one facet, over all hits (see docs/search.md)."""
    cables = _cables(found, cols, level)
    if name == "year":
        years, counts = np.unique(cols.year[cables], return_counts=True)
        return [FacetValue(None if y < 0 else int(y), int(n))
                for y, n in zip(years.tolist(), counts.tolist(), strict=True)]
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
        # a cable with n hit paragraphs counts n times (once at cable level: keys are unique)
        if len(cables) * 8 < cols.cables:  # few hits: gather their pairs
            counts = np.bincount(codes[cols.pairs(starts, cables)], minlength=len(table))
        else:  # many: one pass over all pairs, each weighted by its cable's hits
            owners = cols.tag_cable if name == "tag" else cols.marked_cable
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


# --- hits ---------------------------------------------------------------------------------------


def _hits(conn: sqlite3.Connection, level: Level, rows: Sequence[tuple[Any, float, int | None]],
          highlighter: Highlighter, markers: tuple[str, str], chars: int) -> list[Hit]:
    """Hits for (key, score, pid) rows: cable fields, the paragraph shown and its snippet."""
    if not rows:
        return []
    pids = [pid for _, _, pid in rows if pid is not None]
    paragraphs = {row[0]: row[1:] for row in _in(
        conn, "SELECT pid, cable_id, seq, number, marking, text FROM paragraphs WHERE pid IN",
        pids)}
    ids = [paragraphs[pid][0] if level == "paragraph" else key for key, _, pid in rows]
    cables = {row[0]: row[1:] for row in _in(
        conn, "SELECT id, created, subject, origin, classification FROM cables WHERE id IN", ids)}
    out = []
    for (_, score, pid), cid in zip(rows, ids, strict=True):
        para = paragraphs.get(pid) if pid is not None else _first_paragraph(conn, cid)
        created, subject, origin, classification = cables.get(cid, (None,) * 4)
        if para is None:  # a cable without paragraphs: nothing to show but its fields
            seq = number = marking = None
            snippet = ""
        else:
            _, seq, number, marking, text = para
            snippet = highlighter.snippet(text, chars, markers)
        address = f"{cid}¶{number}" if number is not None else None
        out.append(Hit(cid, address, number, seq, round(float(score or 0.0), 4), snippet,
                       created, subject, origin, classification, marking))
    return out


def _in(conn: sqlite3.Connection, sql: str, values: list[Any]) -> list[tuple]:
    if not values:
        return []
    unique = list(dict.fromkeys(values))
    return conn.execute(f"{sql} ({', '.join('?' * len(unique))})", unique).fetchall()


def _first_paragraph(conn: sqlite3.Connection, cable_id: str) -> tuple | None:
    """The paragraph a hit without words shows: the first numbered one, else the first block."""
    return conn.execute(
        "SELECT cable_id, seq, number, marking, text FROM paragraphs WHERE cable_id = ? "
        "ORDER BY number IS NULL, seq LIMIT 1", (cable_id,)).fetchone()


def _why_empty(evaluator: Evaluator, tree: Node) -> list[str]:
    """For a query with no hit: which of its terms matches nothing even alone."""
    terms = leaves(tree)
    if len(terms) < 2:
        return []
    query, notes = evaluator.query, []
    for leaf in terms:
        alone = Evaluator(evaluator.conn, evaluator.cols, query, evaluator.level, ranked=False)
        try:
            found = alone.hits(alone.prepare(leaf))
        except QueryError:  # a term the query ignored (no letters): already warned about
            continue
        if not len(found):
            notes.append(f"{query[leaf.start:leaf.end] or unparse(leaf)} matches nothing "
                         "by itself")
    return notes
