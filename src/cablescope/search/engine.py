"""`search` and `iter_hits`: evaluate a query, count, facet, page, and make snippets.

The hit set is evaluated once (`evaluate.Evaluator`); the total, every facet and the page are
read from it, so facets count exactly the hits the page is drawn from, every filter included.
Facets and order are numpy over `columns.Columns` (`results`, loaded by the first search); only
the page is sorted in full. Snippet work is done on the page only.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from cablescope.search import shapes
from cablescope.search.options import (
    DEFAULT_LIMIT,
    FACET_LIMIT,
    FACETS,
    LEVELS,
    MAX_LIMIT,
    SORTS,
    FacetValue,
    Level,
)
from cablescope.search.query import positive_leaves, unparse
from cablescope.search.snippets import MARKERS, SNIPPET_CHARS, Highlighter


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

    def as_dict(self) -> shapes.SearchHit:
        # every field is a scalar: no need for dataclasses.asdict's recursive copy (a quarter of
        # a web search's time under cProfile, for a page of 20)
        return {"id": self.id, "address": self.address, "paragraph": self.paragraph,
                "seq": self.seq, "score": self.score, "snippet": self.snippet,
                "created": self.created, "subject": self.subject, "origin": self.origin,
                "classification": self.classification, "marking": self.marking}


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
    cable: str | None = None  # the query was this cable's ID: the page to go to

    def as_dict(self) -> shapes.SearchPage:
        """The documented JSON shape of `cablescope search --json` (docs/search.md)."""
        return {
            "query": self.query, "parsed": self.parsed, "cable": self.cable,
            "level": cast(Level, self.level), "sort": self.sort,
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
    from cablescope.search import results  # numpy: loaded by the first search, not by import

    cable, run, id_warnings = cable_id_query(conn, query, exact_mode)
    with results.snapshot(conn):  # hits, facets and rows from one commit, whatever a writer does
        tree, evaluator, found = results.evaluate(conn, run, level, sort, exact_mode)
        cols = evaluator.cols
        order = results.order(found, cols, evaluator.level, sort, offset + limit)
        page = results.rows(found, cols, evaluator.level, order[offset:offset + limit])
        hits = _hits(conn, evaluator.level, page, Highlighter.for_leaves(positive_leaves(tree)),
                     markers, snippet_chars)
        facet_values = {name: results.facet(name, found, cols, evaluator.level, facet_limit)
                        for name in facets}
        warnings = id_warnings + list(evaluator.warnings)
        if not len(found) and not id_warnings:
            warnings.extend(results.why_empty(evaluator, tree))
    return SearchResult(query, evaluator.level, sort, len(found), limit, offset, hits,
                        facet_values, warnings, unparse(tree), cable)


def iter_hits(conn: sqlite3.Connection, query: str, *, level: str = "cable",
              sort: str = "rank", exact_mode: bool = False, markers: tuple[str, str] = MARKERS,
              snippet_chars: int = SNIPPET_CHARS, batch: int = 500) -> Iterator[Hit]:
    """Every hit of `query`, in `sort` order, streamed in batches (for `--csv` export)."""
    _check(level, sort, 1, 0, (), 1)
    from cablescope.search import results

    _, run, _ = cable_id_query(conn, query, exact_mode)
    with results.snapshot(conn):  # the hits from one commit; their rows are read as they stream
        tree, evaluator, found = results.evaluate(conn, run, level, sort, exact_mode)
    order = results.order(found, evaluator.cols, evaluator.level, sort, None)
    highlighter = Highlighter.for_leaves(positive_leaves(tree))
    for start in range(0, len(order), batch):
        rows = results.rows(found, evaluator.cols, evaluator.level, order[start:start + batch])
        yield from _hits(conn, evaluator.level, rows, highlighter, markers, snippet_chars)


# --- a cable ID as the whole query ----------------------------------------------------------------

# `05PARIS5335`, `05 PARIS 5335`, `05 paris 005335`, `2005 PARIS 5335`, `05PARIS5335¶4`: a year, a
# post's name and a serial, nothing else. Checked on at most 60 characters.
_ID_QUERY = re.compile(
    r"[ \t]*(?:19|20)?[0-9]{2}[ \t]?[A-Za-z][A-Za-z.'\-]*(?:[ \t][A-Za-z.'\-]+){0,4}[ \t]?"
    r"0*[1-9][0-9]{0,6}(?:[ \t]*¶[ \t]*[0-9]{1,4})?[ \t]*")
_MAX_ID_QUERY = 60


def cable_id_query(conn: sqlite3.Connection, query: str,
                   exact_mode: bool = False) -> tuple[str | None, str, list[str]]:
    """(cable, query to run, warnings) for a query that is a cable's ID in any usual spelling:
    the stored cable and `id:<cable>`; an ID-shaped query naming no stored cable of a known post
    runs as written, with a warning and the closest stored IDs. Anything else runs as written."""
    if exact_mode or len(query) > _MAX_ID_QUERY or not _ID_QUERY.fullmatch(query):
        return None, query, []
    from cablescope.parse import canonical_id, resolve_post
    from cablescope.store.read import resolve_id, suggest_ids

    text = query.split("¶")[0].strip()
    found = resolve_id(conn, text)
    if found is not None:
        return found, f"id:{found}", []
    try:
        wanted = canonical_id(text, fuzzy=False)
    except ValueError:
        return None, query, []
    post = "".join(c for c in wanted[2:] if c.isalpha())
    if resolve_post(post, fuzzy=False) is None:
        return None, query, []  # `2005 budget 2006`: words, not an ID
    close = suggest_ids(conn, wanted)
    hint = f" (closest stored: {', '.join(close)})" if close else ""
    return None, query, [f"{query.strip()} reads as the cable ID {wanted}, which is not in this "
                         f"database{hint}; searched as words"]


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


# --- hits ---------------------------------------------------------------------------------------


def _hits(conn: sqlite3.Connection, level: Level, rows: Sequence[tuple[Any, float, int | None]],
          highlighter: Highlighter, markers: tuple[str, str], chars: int) -> list[Hit]:
    """Hits for (key, score, pid) rows: cable fields, the paragraph shown and its snippet."""
    if not rows:
        return []
    # a hit without a paragraph (found by its fields) shows its cable's first one
    first = _first_paragraphs(conn, [key for key, _, pid in rows if pid is None])
    shown = [pid if pid is not None else first.get(key) for key, _, pid in rows]
    paragraphs = {row[0]: row[1:] for row in _in(
        conn, "SELECT pid, cable_id, seq, number, marking, text FROM paragraphs WHERE pid IN",
        [pid for pid in shown if pid is not None])}
    ids = [paragraphs[pid][0] if level == "paragraph" else key for (key, _, pid) in rows]
    cables = {row[0]: row[1:] for row in _in(
        conn, "SELECT id, created, subject, origin, classification FROM cables WHERE id IN", ids)}
    out = []
    for (_, score, _), pid, cid in zip(rows, shown, ids, strict=True):
        para = paragraphs.get(pid) if pid is not None else None
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


def _first_paragraphs(conn: sqlite3.Connection, cable_ids: list[str]) -> dict[str, int]:
    """The pid of the paragraph a hit without words shows, per cable: the first numbered one,
    else the first block (none for a cable without paragraphs). One statement for a page, and
    no paragraph's text read but the one shown."""
    if not cable_ids:
        return {}
    return {cid: pid for cid, pid in conn.execute(
        "SELECT c.value, (SELECT pid FROM paragraphs WHERE cable_id = c.value "
        "ORDER BY number IS NULL, seq LIMIT 1) FROM json_each(?) AS c",
        (json.dumps(list(dict.fromkeys(cable_ids))),)) if pid is not None}
