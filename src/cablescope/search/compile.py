"""Query tree -> one SQL statement's common table expressions: the hit set and its scores.

Two levels, one algebra. At `paragraph` level every node denotes a set of paragraphs (pids); at
`cable` level a set of cables (IDs), and a cable contains a word when any of its paragraphs does,
so `kouchner iraq` finds cables naming both, even in different paragraphs.

- Text (words, phrases, prefixes) becomes FTS5 MATCH expressions. At paragraph level a whole
  text-only subtree is one expression; at cable level only OR-groups merge (AND must span
  paragraphs). Each expression is a CTE of (key, s, pid): s = -bm25 (higher is better), pid =
  the paragraph that scored it (the best one, at cable level).
- Exact strings (`=U.S.-France`) are pre-filtered by the index on their complete tokens, then
  verified on the paragraph text (`cablescope_exact`, see schema.py).
- Fields become predicates on the cable row `c` (and the paragraph row `p` for `marking:`).
- AND intersects sets and filters them with predicates (an index drives, the rest are checks);
  OR unites; NOT subtracts (or negates a predicate, NULL-safely).

Every node yields (key, s, pid) rows, so the hit set comes out scored in one pass: AND adds
its parts' scores, OR adds those of the parts a key is in, NOT and fields score 0. At cable level
a term scores the BM25 of its best paragraph, and `pid` is the paragraph to show.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal as TypingLiteral

from cablescope.errors import QueryError
from cablescope.search.query import And, Field, Literal, Node, Not, Or, Phrase, Word
from cablescope.search.text import QUOTE_CHARS, TOKEN, fts_phrase, is_token_char, tokens

Level = TypingLiteral["cable", "paragraph"]
LEVELS: tuple[str, ...] = ("cable", "paragraph")
MIN_PREFIX = 2  # a shorter prefix expands to too many index terms to be useful
CHECK_SECONDS = 15e-6  # exact mode: reading and checking one candidate paragraph's text
FEW_CANDIDATES = 1000  # exact mode: a pre-filter leaving no more is kept without comparing
ESTIMATE_CAP = 100_000  # paragraphs counted at most when sizing the words of an AND
RESTRICT_RATIO = 5  # a word this many times more common than the previous one is restricted


@dataclass(slots=True)
class _Pred:
    """A boolean SQL expression over the row `c` (and `p` at paragraph level)."""

    sql: str


@dataclass(slots=True)
class _Rows:
    """A SELECT of (key, s, pid) rows, one per key: the members of a set with their scores."""

    sql: str


@dataclass(slots=True)
class Plan:
    """The CTEs of a compiled query, ending with `hits(key, s, pid)`: every hit, scored."""

    level: Level
    ctes: list[str]
    params: dict[str, object]
    ranked: bool  # scores are BM25 (else every score is 0: date order needs none)
    warnings: list[str] = field(default_factory=list)

    def with_clause(self) -> str:
        return "WITH " + ",\n".join(self.ctes)


class Compiler:
    """Compiles one query tree for one level; `compile(tree)` returns the Plan.

    `ranked`: compute BM25 scores (the costliest step, about a microsecond per matching
    paragraph); without it every score is 0 and a cable's first matching paragraph is shown.
    """

    def __init__(self, query: str, level: Level, ranked: bool = True,
                 conn: sqlite3.Connection | None = None) -> None:
        if level not in LEVELS:
            raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
        self.query = query
        self.level = level
        self.ranked = ranked
        self.conn = conn  # for size estimates that order the words of an AND (optional)
        self.ctes: list[str] = []
        self.params: dict[str, object] = {}
        self.warnings: list[str] = []

    # --- entry point ----------------------------------------------------------------------------

    def compile(self, tree: Node) -> Plan:
        prepared = self._prepare(tree)
        if prepared is None:
            raise QueryError("nothing to search for: the query has no letters or digits",
                             self.query, 0)
        hits = self._as_rows(self._node(prepared))
        last = self.ctes[-1].split("(", 1)[0] if self.ctes else None
        if last is not None and hits.sql == f"SELECT key, s, pid FROM {last}":
            # the hits are one CTE's rows: name it `hits` rather than copy it
            self.ctes[-1] = "hits" + self.ctes[-1][len(last):]
        else:
            self.ctes.append(f"hits(key, s, pid) AS MATERIALIZED ({hits.sql})")
        return Plan(self.level, self.ctes, self.params, self.ranked, self.warnings)

    # --- preparation: drop what cannot match anything, say so ------------------------------------

    def _prepare(self, node: Node) -> Node | None:
        if isinstance(node, Word | Phrase):
            toks = tokens(node.text)
            if not toks:
                self.warnings.append(
                    f"ignored '{self.query[node.start:node.end]}' (position {node.start}): "
                    "no letters or digits to search for; use =text for punctuation")
                return None
            if node.prefix and len(toks[-1]) < MIN_PREFIX:
                raise QueryError(f"prefix too short: give at least {MIN_PREFIX} letters before *",
                                 self.query, node.start)
            return node
        if isinstance(node, Not):
            child = self._prepare(node.child)
            return None if child is None else Not(child)
        if isinstance(node, And | Or):
            kids = [k for k in (self._prepare(c) for c in node.children) if k is not None]
            if not kids:
                return None
            return kids[0] if len(kids) == 1 else type(node)(tuple(kids))
        return node

    # --- nodes ----------------------------------------------------------------------------------

    def _param(self, value: object) -> str:
        name = f"p{len(self.params)}"
        self.params[name] = value
        return ":" + name

    def _node(self, node: Node) -> _Pred | _Rows:
        if isinstance(node, Word | Phrase):
            return self._text(_fts(node))
        if isinstance(node, Literal):
            return self._literal(node)
        if isinstance(node, Field):
            return self._field(node)
        if isinstance(node, Not):
            inner = self._unscored(node.child)
            if isinstance(inner, _Pred):
                return _Pred(_negate(inner))
            return self._rows_where(None, [_excluding(inner)])
        if isinstance(node, Or):
            return self._or(node)
        return self._and(node)

    def _unscored(self, node: Node) -> _Pred | _Rows:
        """Compile what a NOT excludes: only its keys matter, so no BM25 is computed."""
        ranked, self.ranked = self.ranked, False
        try:
            return self._node(node)
        finally:
            self.ranked = ranked

    def _cte(self, body: str) -> _Rows:
        name = f"t{len(self.ctes)}"
        self.ctes.append(f"{name}(key, s, pid) AS MATERIALIZED ({body})")
        return _Rows(f"SELECT key, s, pid FROM {name}")

    def _matches(self, source: str, where: str) -> _Rows:
        """Rows of the paragraphs `source`/`where` selects (aliases: paragraphs_fts?, p)."""
        score = "-bm25(paragraphs_fts)" if self.ranked and "paragraphs_fts" in source else "0.0"
        if self.level == "paragraph":
            return self._cte(f"SELECT p.pid AS key, {score} AS s, p.pid AS pid "
                             f"FROM {source} WHERE {where}")
        if score == "0.0":
            return self._cte(f"SELECT p.cable_id AS key, 0.0 AS s, min(p.pid) AS pid "
                             f"FROM {source} WHERE {where} GROUP BY p.cable_id")
        # bm25() cannot run inside an aggregate: score the paragraphs in a subquery first
        return self._cte(f"SELECT key, max(s) AS s, pid FROM (SELECT p.cable_id AS key, "
                         f"{score} AS s, p.pid AS pid FROM {source} WHERE {where} LIMIT -1) "
                         "GROUP BY key")

    def _text(self, expression: str, within: _Rows | None = None) -> _Rows:
        """The paragraphs (or cables) matching an FTS5 expression; `within`: only in the
        cables of those rows (the index still reads every match, but scores and maps to a
        cable only those in them: `+` keeps SQLite from probing the index row by row)."""
        where = f"paragraphs_fts MATCH {self._param(expression)}"
        if within is not None:
            where += (" AND +paragraphs_fts.rowid IN (SELECT w2.pid FROM (SELECT key FROM "
                      f"({within.sql})) w CROSS JOIN paragraphs w2 ON w2.cable_id = w.key)")
        return self._matches(_FTS_JOIN, where)

    def _estimate(self, expression: str) -> int:
        """Paragraphs matching an FTS5 expression, counted up to ESTIMATE_CAP (cheap: no
        scoring, no row is read)."""
        assert self.conn is not None
        row = self.conn.execute(
            "SELECT count(*) FROM (SELECT 1 FROM paragraphs_fts WHERE paragraphs_fts MATCH ? "
            "LIMIT ?)", (expression, ESTIMATE_CAP)).fetchone()
        return int(row[0])

    def _exact_cost(self, expression: str) -> float:
        """Seconds a pre-filter would take: its own index work (timed while counting it:
        a prefix may expand to thousands of terms) plus checking each candidate's text."""
        start = time.perf_counter()
        candidates = self._estimate(expression)
        return time.perf_counter() - start + candidates * CHECK_SECONDS

    def _word_rows(self, words: list[Word | Phrase]) -> list[_Rows]:
        """The rows of an AND's words at cable level, rarest first; a word far more common
        than the one before it is only looked at in the cables that one was found in."""
        if self.conn is None or len(words) < 2:
            return [self._text(_fts(w)) for w in words]
        sized = sorted(((self._estimate(_fts(w)), i, w) for i, w in enumerate(words)),
                       key=lambda x: (x[0], x[1]))
        rows: list[_Rows] = []
        previous = None
        for size, _, word in sized:
            within = rows[-1] if previous is not None and size > RESTRICT_RATIO * previous \
                else None
            rows.append(self._text(_fts(word), within))
            previous = size
        return rows

    def _literal(self, node: Literal) -> _Rows:
        verify = self._exact(node.text)
        choices = exact_prefilters(node.text)
        if not choices:  # nothing for the index to narrow: every paragraph is checked
            return self._matches("paragraphs p", verify)
        pre = choices[0]
        if self.conn is not None and len(choices) > 1:
            costs = [self._exact_cost(choices[0])]
            if costs[0] > FEW_CANDIDATES * CHECK_SECONDS:  # else the precise one will do
                costs += [self._exact_cost(c) for c in choices[1:]]
            pre = choices[costs.index(min(costs))]
        return self._matches(_FTS_JOIN,
                             f"paragraphs_fts MATCH {self._param(pre)} AND {verify}")

    def _exact(self, literal: str) -> str:
        """SQL true when paragraph `p` contains `literal` as exact mode reads it (schema.py).

        instr() does it in C; Python (`cablescope_exact`) only for what SQL cannot tell:
        quotes to fold, or a first occurrence inside a word that a later one may not be in.
        """
        exact = f"cablescope_exact(p.text, {self._param(literal)})"
        if any(c in QUOTE_CHARS for c in literal):
            return exact
        found = f"instr(p.text, {self._param(literal)})"
        if not is_token_char(literal[0]):
            return f"{found} > 0"
        before = f"substr(p.text, {found} - 1, 1)"
        starts_word = (f"({found} = 1 OR (unicode({before}) < 128 "
                       f"AND {before} NOT GLOB '[A-Za-z0-9]'))")
        return f"{found} > 0 AND ({starts_word} OR {exact})"

    def _or(self, node: Or) -> _Pred | _Rows:
        if self.level == "paragraph" and _text_only(node):
            return self._text(_fts_tree(node))
        kids = list(node.children)
        parts: list[_Pred | _Rows] = []
        text = [k for k in kids if isinstance(k, Word | Phrase)]
        if len(text) > 1:  # one index lookup for all the words of an OR, at either level
            parts.append(self._text(" OR ".join(_fts(k) for k in text)))
            kids = [k for k in kids if not isinstance(k, Word | Phrase)]
        parts.extend(self._node(k) for k in kids)
        if all(isinstance(p, _Pred) for p in parts):
            return _Pred(" OR ".join(f"({p.sql})" for p in parts))
        union = " UNION ALL ".join(self._as_rows(p).sql for p in parts)
        # a key in several parts scores their sum; its paragraph is the best part's
        return _Rows(f"SELECT key, s, pid FROM (SELECT key, sum(s) AS s, max(s) AS best, pid "
                     f"FROM ({union}) GROUP BY key)")

    def _and(self, node: And) -> _Pred | _Rows:
        kids = list(node.children)
        rows: list[_Rows] = []
        if self.level == "paragraph":  # every text child joins one FTS expression
            text = [k for k in kids if _text_only(k)]
            if any(not isinstance(k, Not) for k in text):
                rows.append(self._text(_fts_tree(And(tuple(text)))))
                kids = [k for k in kids if not _text_only(k)]
        else:
            words = [k for k in kids if isinstance(k, Word | Phrase)]
            rows.extend(self._word_rows(words))
            kids = [k for k in kids if not isinstance(k, Word | Phrase)]
        preds: list[str] = []
        for kid in kids:
            if isinstance(kid, Not):
                inner = self._unscored(kid.child)
                preds.append(_negate(inner) if isinstance(inner, _Pred) else
                             _excluding(inner))
                continue
            part = self._node(kid)
            if isinstance(part, _Pred):
                preds.append(f"({part.sql})")
            else:
                rows.append(part)
        if not rows:
            if all(p.startswith(KEY) for p in preds) or not preds:
                return self._rows_where(None, preds)
            return _Pred(" AND ".join(preds))
        if len(rows) == 1:
            return self._rows_where(rows[0].sql, preds)
        names = [f"r{i}" for i in range(len(rows))]
        joins = f"({rows[0].sql}) r0" + "".join(
            f" JOIN ({r.sql}) {n} ON {n}.key = r0.key" for r, n in zip(rows[1:], names[1:],
                                                                       strict=True))
        total = " + ".join(f"{n}.s" for n in names)
        joined = f"SELECT r0.key AS key, {total} AS s, {_best_pid(names)} AS pid FROM {joins}"
        return self._rows_where(joined, preds)

    # --- sets and predicates --------------------------------------------------------------------

    def _rows_where(self, rows: str | None, preds: list[str]) -> _Rows:
        """`rows` (None: every cable or paragraph) filtered by predicates on the rows c, p
        and on the key (`_excluding`)."""
        paragraph = self.level == "paragraph"
        if rows is None:  # one query, so that an index on a predicate can drive it
            key = "p.pid" if paragraph else "c.id"
            where = " AND ".join(p.replace(KEY, key) for p in preds)
            where = f" WHERE {where}" if where else ""
            if paragraph:
                # cable predicates: find the cables first, then their paragraphs (by index)
                join = "JOIN" if "p." in where else "CROSS JOIN"
                return _Rows("SELECT p.pid AS key, 0.0 AS s, p.pid AS pid FROM cables c "
                             f"{join} paragraphs p ON p.cable_id = c.id" + where)
            return _Rows("SELECT c.id AS key, 0.0 AS s, NULL AS pid FROM cables c" + where)
        if not preds:
            return _Rows(rows)
        where = " AND ".join(p.replace(KEY, "x.key") for p in preds)
        if paragraph:
            context = ("CROSS JOIN paragraphs p ON p.pid = x.key "
                       "CROSS JOIN cables c ON c.id = p.cable_id")
        else:
            context = "CROSS JOIN cables c ON c.id = x.key"
        return _Rows(f"SELECT x.key AS key, x.s AS s, x.pid AS pid FROM ({rows}) x {context} "
                     f"WHERE {where}")

    def _as_rows(self, part: _Pred | _Rows) -> _Rows:
        return part if isinstance(part, _Rows) else self._rows_where(None, [part.sql])

    def _field(self, node: Field) -> _Pred:
        name, value = node.name, node.value
        if name in ("from", "to", "year"):
            assert node.low is not None and node.high is not None
            if name == "from":
                return _Pred(f"c.created >= {self._param(node.low)}")
            after = (date.fromisoformat(node.high) + timedelta(days=1)).isoformat()
            if name == "to":
                return _Pred(f"c.created < {self._param(after)}")
            return _Pred(f"c.created >= {self._param(node.low)} AND "
                         f"c.created < {self._param(after)}")
        if name == "id":
            wanted = "".join(value.split()).upper()
            if node.prefix:
                return _Pred(f"c.id GLOB {self._param(_glob_escape(wanted) + '*')}")
            return _Pred(f"c.id IN ({self._param(wanted)}, {self._param(canonical(value))})")
        if name == "tag":
            return self._tag(node)
        if name == "class":
            wanted = value.upper()
            if node.prefix:
                return _Pred(f"c.classification GLOB {self._param(_glob_escape(wanted) + '*')}")
            return _Pred(f"c.classification = {self._param(wanted)}")
        if name == "origin":
            return _Pred(_words_like("c.origin", value, node.prefix, self._param))
        if name == "caveat":
            return _Pred(f"(' ' || c.caveats || ' ') LIKE {self._param(_like_word(value))} "
                         "ESCAPE '\\'")
        if name == "signer":
            return _Pred(_words_like("replace(c.signers, ';', ' ')", value, node.prefix,
                                     self._param))
        if name == "subject":
            return self._subject(node)
        if name == "ref":
            return _Pred(f"c.id IN (SELECT citing FROM refs WHERE cited = "
                         f"{self._param(canonical(value))})")
        if name == "marking":
            marks = ", ".join(self._param(v) for v in marking_variants(value))
            if self.level == "paragraph":
                return _Pred(f"p.marking IN ({marks})")
            return _Pred(f"EXISTS (SELECT 1 FROM paragraphs pm WHERE pm.cable_id = c.id "
                         f"AND pm.marking IN ({marks}))")
        raise AssertionError(f"field {name} has no compilation")  # parse() rejects unknown ones

    def _tag(self, node: Field) -> _Pred:
        wanted = " ".join(node.value.split()).upper()
        if node.prefix:
            cond = f"tag GLOB {self._param(_glob_escape(wanted) + '*')}"
        else:
            cond = f"tag IN ({self._param(node.value.strip())}, {self._param(wanted)})"
        return _Pred(f"c.id IN (SELECT cable_id FROM tags WHERE {cond})")

    def _subject(self, node: Field) -> _Pred:
        toks = tokens(node.value)
        if not toks:
            raise QueryError("subject: needs letters or digits", self.query, node.start)
        if node.prefix and len(toks[-1]) < MIN_PREFIX:
            raise QueryError(f"prefix too short: give at least {MIN_PREFIX} letters before *",
                             self.query, node.start)
        match = self._param(fts_phrase(toks, node.prefix))
        return _Pred(f"c.rowid IN (SELECT rowid FROM search_subjects WHERE search_subjects "
                     f"MATCH {match})")


# --- helpers --------------------------------------------------------------------------------------


# CROSS JOIN: the index lookup drives; SQLite could otherwise scan paragraphs and probe the index
_FTS_JOIN = "paragraphs_fts CROSS JOIN paragraphs p ON p.pid = paragraphs_fts.rowid"


KEY = "\x00key\x00"  # stands for the key column until the predicate's query is known


def _excluding(rows: _Rows) -> str:
    """A predicate on the key: not one of `rows` (the placeholder is filled in once, so the
    NOT IN of a nested NOT, already final inside `rows`, is never rewritten)."""
    return f"{KEY} NOT IN (SELECT key FROM ({rows.sql}))"


def _negate(pred: _Pred) -> str:
    """NOT of a predicate, NULL-safe: a cable without an origin is not `origin:paris`."""
    return f"NOT coalesce(({pred.sql}), 0)"


def _best_pid(names: list[str]) -> str:
    """The pid of the best-scoring of the joined rows `names` (the first one on ties)."""
    if len(names) == 1:
        return f"{names[0]}.pid"
    head, rest = names[0], names[1:]
    beats = " AND ".join(f"{head}.s >= {n}.s" for n in rest)
    return (f"CASE WHEN {head}.pid IS NOT NULL AND {beats} THEN {head}.pid "
            f"ELSE coalesce({_best_pid(rest)}, {head}.pid) END")


def _fts(node: Word | Phrase) -> str:
    return fts_phrase(tokens(node.text), node.prefix)


def _text_only(node: Node) -> bool:
    """A subtree of words and phrases only, that FTS5 can evaluate as one expression."""
    if isinstance(node, Word | Phrase):
        return True
    if isinstance(node, Not):
        return _text_only(node.child)
    if isinstance(node, And):
        return all(_text_only(c) for c in node.children) and any(
            not isinstance(c, Not) for c in node.children)
    if isinstance(node, Or):
        return all(_text_only(c) and not isinstance(c, Not) for c in node.children)
    return False


def _fts_tree(node: Node) -> str:
    """FTS5 syntax for a `_text_only` subtree (FTS5's NOT is binary: `a NOT b`)."""
    if isinstance(node, Word | Phrase):
        return _fts(node)
    if isinstance(node, Or):
        return "(" + " OR ".join(_fts_tree(c) for c in node.children) + ")"
    if isinstance(node, And):
        pos = [c for c in node.children if not isinstance(c, Not)]
        neg = [c.child for c in node.children if isinstance(c, Not)]
        expr = "(" + " AND ".join(_fts_tree(c) for c in pos) + ")"
        for n in neg:
            expr = f"({expr} NOT {_fts_tree(n)})"
        return expr
    raise AssertionError("not a text-only subtree")


def exact_prefilters(literal: str) -> list[str]:
    """FTS5 phrases that every paragraph containing `literal` (as exact mode reads it) matches,
    most precise first; empty when the literal has no token at all (`=--`).

    The literal's tokens, in order and adjacent, the last one as a prefix when the literal ends
    inside a word (`=U.S.-Fran`); the first token is whole at its start (exact mode anchors a
    literal that begins with a letter or digit at the start of a word). The second choice leaves
    that open end out: `"reviewing the"*` expands `the*` to thousands of terms, `"reviewing"`
    does not (the check on the text does the rest).
    """
    spans = list(TOKEN.finditer(literal))
    words = [m.group() for m in spans]
    if not words:
        return []
    if spans[-1].end() < len(literal):
        return [fts_phrase(words)]
    choices = []
    if len(tokens(words[-1])[0]) >= MIN_PREFIX:
        choices.append(fts_phrase(words, prefix=True))
    if len(words) > 1:
        choices.append(fts_phrase(words[:-1]))
    return choices


def canonical(text: str) -> str:
    """The canonical cable ID for `text` (`05 PARIS 5232` -> `05PARIS5232`), by the parser's rules.

    A value the parser cannot read as an ID is kept, squeezed and upper-cased: `ref:` then simply
    finds no citing cable, and the zero-hit warning says so.
    """
    squeezed = "".join(text.split()).upper()
    try:
        from cablescope.parse import canonical_id

        return canonical_id(text) or squeezed
    except Exception:  # not an ID the parser understands (or no parser): the squeezed text
        return squeezed


def marking_variants(value: str) -> list[str]:
    """`S/NF`, `(S/NF)`, `s//nf` -> the ways cables write that marking: S/NF and S//NF."""
    parts = [p for p in value.strip().strip("()").upper().split("/") if p]
    if len(parts) < 2:
        return ["/".join(parts)]
    variants = [parts[0]]
    for part in parts[1:]:
        variants = [v + sep + part for v in variants for sep in ("/", "//")]
    return variants


def _glob_escape(text: str) -> str:
    return "".join(f"[{c}]" if c in "*?[]" else c for c in text)


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _like_word(value: str) -> str:
    return f"% {_like_escape(' '.join(value.split()))} %"


def _words_like(column: str, value: str, prefix: bool, param: object) -> str:
    """`column` contains `value` as whole words (as a word prefix with `prefix`), any case."""
    words = " ".join(value.split())
    pattern = f"% {_like_escape(words)}{'%' if prefix else ' %'}"
    assert callable(param)
    return f"(' ' || {column} || ' ') LIKE {param(pattern)} ESCAPE '\\'"
