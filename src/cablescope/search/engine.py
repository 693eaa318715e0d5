"""`search` and `iter_hits`: run a compiled query, count, facet, page, and make snippets.

One statement answers a page: the hit set is materialised once, and the total, every facet and the
page are read from it (`UNION ALL` of differently shaped rows). Facets therefore count exactly the
hits the page is drawn from, every filter included. Snippet work is done on the page only.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from cablescope.errors import QueryError
from cablescope.search import schema
from cablescope.search.compile import LEVELS, Compiler, Level, Plan
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


@dataclass(frozen=True, slots=True)
class Compiled:
    """A parsed and compiled query, ready to run."""

    tree: Node
    plan: Plan
    highlighter: Highlighter


def compile_query(query: str, level: str = "cable", exact_mode: bool = False,
                  ranked: bool = True, conn: sqlite3.Connection | None = None) -> Compiled:
    """Parse `query` (or take it whole as one exact string) and compile it for `level`.

    `ranked` False leaves out BM25 scoring (for date order, which does not need it). With
    `conn`, the words of an AND are sized in its index to order the work.
    """
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    tree: Node = exact(query) if exact_mode else parse(query)
    plan = Compiler(query, level, ranked, conn).compile(tree)  # type: ignore[arg-type]
    return Compiled(tree, plan, Highlighter.for_leaves(positive_leaves(tree)))


def search(conn: sqlite3.Connection, query: str, *, level: str = "cable", sort: str = "rank",
           limit: int = DEFAULT_LIMIT, offset: int = 0, facets: Sequence[str] = (),
           exact_mode: bool = False, facet_limit: int = FACET_LIMIT,
           markers: tuple[str, str] = MARKERS, snippet_chars: int = SNIPPET_CHARS) -> SearchResult:
    """Run `query` on the database behind `conn`: a page of hits, the total, the facets.

    `level`: 'cable' or 'paragraph'. `sort`: 'rank' (best first; without words, newest first),
    'newest' or 'oldest'. `facets`: any of FACETS. `exact_mode`: the whole query is one exact
    string (as `--exact`). Raises QueryError for a malformed query, ValueError for bad options.
    """
    _check(sort, limit, offset, facets, facet_limit)
    compiled = compile_query(query, level, exact_mode, ranked=sort == "rank", conn=conn)
    schema.prepare(conn)
    plan = compiled.plan
    sql, params = _page_statement(plan, sort, limit, offset, facets, facet_limit)
    total = 0
    page: list[tuple[Any, float, int | None]] = []
    facet_values: dict[str, list[FacetValue]] = {name: [] for name in facets}
    for part, a, b, c in _run(conn, sql, params, query):
        if part == 0:
            total = b
        elif part == 1:
            page.append((a, b, c))
        else:
            facet_values[a].append(FacetValue(b, c))
    hits = _hits(conn, plan.level, page, compiled.highlighter, markers, snippet_chars)
    warnings = list(plan.warnings)
    if total == 0:
        warnings.extend(_why_empty(conn, query, compiled.tree, plan.level))
    return SearchResult(query, plan.level, sort, total, limit, offset, hits, facet_values,
                        warnings, unparse(compiled.tree))


def iter_hits(conn: sqlite3.Connection, query: str, *, level: str = "cable",
              sort: str = "rank", exact_mode: bool = False, markers: tuple[str, str] = MARKERS,
              snippet_chars: int = SNIPPET_CHARS, batch: int = 500) -> Iterator[Hit]:
    """Every hit of `query`, in `sort` order, streamed in batches (for `--csv` export)."""
    _check(sort, 1, 0, (), 1)
    compiled = compile_query(query, level, exact_mode, ranked=sort == "rank", conn=conn)
    schema.prepare(conn)
    plan = compiled.plan
    sql = (plan.with_clause() + "\nSELECT h.key, h.s, h.pid " + _from_hits(plan.level)
           + " ORDER BY " + _order(sort))
    cursor = _run(conn, sql, plan.params, query)
    while rows := cursor.fetchmany(batch):
        yield from _hits(conn, plan.level, rows, compiled.highlighter, markers, snippet_chars)


# --- the statement ------------------------------------------------------------------------------


def _check(sort: str, limit: int, offset: int, facets: Sequence[str], facet_limit: int) -> None:
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


def _from_hits(level: Level) -> str:
    """The hits with their cable (and paragraph) rows; CROSS JOIN keeps the hits driving."""
    if level == "paragraph":
        return ("FROM hits h CROSS JOIN paragraphs p ON p.pid = h.key "
                "CROSS JOIN cables c ON c.id = p.cable_id")
    return "FROM hits h CROSS JOIN cables c ON c.id = h.key"


def _order(sort: str) -> str:
    if sort == "newest":
        return "c.created DESC, h.key"
    if sort == "oldest":
        return "c.created IS NULL, c.created, h.key"
    return "h.s DESC, c.created DESC, h.key"


def _facet_sql(name: str, level: Level) -> str:
    """Rows (2, facet, value, count) over all hits; the hits drive every join (CROSS JOIN)."""
    base = _from_hits(level)
    limit = "LIMIT :facet_limit"
    if name == "year":  # from `hit_cables`: the cable fields of every hit, read once
        return "SELECT 2, 'year', year AS v, count(*) AS n FROM hit_cables GROUP BY v ORDER BY v"
    if name in ("origin", "classification"):
        return (f"SELECT 2, '{name}', {name} AS v, count(*) AS n FROM hit_cables GROUP BY v "
                f"ORDER BY n DESC, v {limit}")
    if name == "tag":
        if level == "paragraph":
            base = ("FROM hits h CROSS JOIN paragraphs p ON p.pid = h.key "
                    "CROSS JOIN tags t ON t.cable_id = p.cable_id")
        else:
            base = "FROM hits h CROSS JOIN tags t ON t.cable_id = h.key"
        return f"SELECT 2, 'tag', t.tag AS v, count(*) AS n {base} GROUP BY v " \
               f"ORDER BY n DESC, v {limit}"
    # marking: paragraphs per marking; at cable level, cables with a paragraph so marked
    if level == "paragraph":
        return ("SELECT 2, 'marking', p.marking AS v, count(*) AS n FROM hits h "
                f"CROSS JOIN paragraphs p ON p.pid = h.key GROUP BY v ORDER BY n DESC, v {limit}")
    return ("SELECT 2, 'marking', v, count(*) AS n FROM (SELECT DISTINCT h.key, pm.marking AS v "
            "FROM hits h CROSS JOIN paragraphs pm "
            "ON pm.cable_id = h.key WHERE pm.marking IS NOT NULL) "
            f"GROUP BY v ORDER BY n DESC, v {limit}")


def _page_statement(plan: Plan, sort: str, limit: int, offset: int, facets: Sequence[str],
                    facet_limit: int) -> tuple[str, dict[str, object]]:
    parts = ["SELECT 0, NULL, count(*), NULL FROM hits"]
    if limit:
        parts.append(f"SELECT * FROM (SELECT 1, h.key, h.s, h.pid {_from_hits(plan.level)} "
                     f"ORDER BY {_order(sort)} LIMIT :limit OFFSET :offset)")
    parts.extend(f"SELECT * FROM ({_facet_sql(name, plan.level)})" for name in facets)
    params = dict(plan.params, limit=limit, offset=offset, facet_limit=facet_limit)
    ctes = plan.with_clause()
    if {"origin", "year", "classification"} & set(facets):
        ctes += (",\nhit_cables AS MATERIALIZED (SELECT c.origin, c.year, c.classification "
                 f"{_from_hits(plan.level)})")
    return ctes + "\n" + "\nUNION ALL ".join(parts), params


def _run(conn: sqlite3.Connection, sql: str, params: dict[str, object],
         query: str) -> sqlite3.Cursor:
    """Execute; an FTS5 complaint about the query becomes a QueryError, not a traceback."""
    try:
        return conn.execute(sql, params)
    except sqlite3.OperationalError as exc:
        message = str(exc)
        if "fts5" in message or "no such column" in message:
            raise QueryError(f"the full-text index rejected the query: {message}", query,
                             0) from exc
        if "no such table: search_subjects" in message:
            raise QueryError("this database has no subject index yet: open it once writable "
                             "(any `cablescope` command that writes) to add it", query, 0) from exc
        raise


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


def _why_empty(conn: sqlite3.Connection, query: str, tree: Node, level: Level) -> list[str]:
    """For a query with no hit: which of its terms matches nothing even alone."""
    terms = leaves(tree)
    if len(terms) < 2:
        return []
    notes = []
    for leaf in terms:
        try:
            plan = Compiler(query, level).compile(leaf)
        except QueryError:  # a term the query ignored (no letters): already warned about
            continue
        found = conn.execute(plan.with_clause() + "\nSELECT 1 FROM hits LIMIT 1",
                             plan.params).fetchone()
        if found is None:
            notes.append(f"{query[leaf.start:leaf.end] or unparse(leaf)} matches nothing "
                         "by itself")
    return notes
