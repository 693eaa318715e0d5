"""Query tree -> the hit set with scores, evaluated as arrays.

Two levels, one algebra. At `paragraph` level every node denotes a set of paragraphs (pids); at
`cable` level a set of cables, and a cable contains a word when any of its paragraphs does, so
`kouchner iraq` finds cables naming both, even in different paragraphs.

- Words, phrases and prefixes go to the full-text index (FTS5 MATCH, in C), which returns the
  pids that contain them; everything after is numpy over `columns.Columns`.
- Exact strings (`=U.S.-France`) are narrowed by the index to paragraphs holding their words in
  order, then checked character for character by SQLite (`instr`) on those paragraphs' text.
- Fields are masks over cables (and over paragraphs for `marking:` at paragraph level), made from
  the columns (origin, class, dates, tags, markings) or, for the rarer ones, from SQL (id,
  subject and ref through indexes; caveat and signer read every cable row).
- AND intersects, OR unites, NOT subtracts (a NOT of a field negates it: a cable without an
  origin is not `origin:paris`).

Scores are BM25 over the presence of each term: a term found in a paragraph of L tokens adds
idf × (k1 + 1) / (1 + k1 × (1 − b + b × L / average L)), k1 = 1.2, b = 0.75, idf from the
paragraphs holding the term. A paragraph scores the sum over the query's terms it holds; a cable,
per term, the score of its best paragraph, summed; the paragraph shown is the best-scoring one.
NOT and fields score 0. Counting a word once per paragraph is what lets one pass of the index
answer (term frequencies would cost a read per occurrence); in cable paragraphs a content word
rarely occurs twice.
"""

from __future__ import annotations

import math
import re
import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from cablescope.errors import QueryError
from cablescope.search.columns import Columns, Terms
from cablescope.search.options import LEVELS, Level
from cablescope.search.query import And, Field, Literal, Node, Not, Or, Phrase, Word
from cablescope.search.shingles import match_expression, upto
from cablescope.search.text import QUOTE_CHARS, TOKEN, fts_phrase, is_token_char, tokens

MIN_PREFIX = 2  # a shorter prefix expands to too many index terms to be useful
# Exact mode checks each candidate paragraph by reading its text (about 2.5 µs at full size):
# candidates from the index without the open end are taken when there are at most this many
# (0.1 s of checking) and the open end would expand a common word (`"vascost the"*` merges the
# postings of every word starting `the`: 0.4 s at full size)
CHECK_LIMIT = 40_000
# a word in more paragraphs than this (5% of them, at most 100,000: counting stops there) is too
# common to expand as a prefix for nothing
COMMON_SHARE, COMMON_LIMIT = 0.05, 100_000
_EMPTY = np.zeros(0, dtype=np.int64)


@dataclass(slots=True)
class HitSet:
    """Members of a set at one level, sorted, with their scores and the paragraph to show
    (`pids`: -1 for none, as for a cable found by its fields only)."""

    keys: np.ndarray    # int64, sorted, unique: pids or cable ordinals
    scores: np.ndarray  # float64
    pids: np.ndarray    # int64

    def __len__(self) -> int:
        return len(self.keys)

    def take(self, selected: np.ndarray) -> HitSet:
        return HitSet(self.keys[selected], self.scores[selected], self.pids[selected])


@dataclass(slots=True)
class Mask:
    """A predicate as a boolean array: over cable ordinals, or over pids (`by_pid`: only at
    paragraph level, for `marking:` and what combines with it). Cable masks stay cable masks
    as long as they can: 250,000 cables are cheaper to combine than 2,400,000 paragraphs."""

    member: np.ndarray
    by_pid: bool = False


class Evaluator:
    """Evaluates query trees at one level on one database: `hits(tree)` -> HitSet.

    `ranked` False leaves every score at 0 and shows each cable's first matching paragraph
    (date order needs no scores). `terms`: where words' and phrases' hits are kept for the next
    query (the current columns' `terms`; None when the columns are not current).
    """

    def __init__(self, conn: sqlite3.Connection, cols: Columns, query: str, level: Level,
                 ranked: bool = True, terms: Terms | None = None) -> None:
        if level not in LEVELS:
            raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
        self.conn = conn
        self.cols = cols
        self.query = query
        self.level = level
        self.ranked = ranked
        self.terms = terms
        self.warnings: list[str] = []

    # --- entry points ---------------------------------------------------------------------------

    def prepare(self, tree: Node) -> Node:
        """Drop what cannot match anything (saying so); QueryError if nothing is left."""
        prepared = self._prepare(tree)
        if prepared is None:
            raise QueryError("nothing to search for: the query has no letters or digits",
                             self.query, 0)
        return prepared

    def hits(self, tree: Node) -> HitSet:
        """Every hit of a prepared tree, scored."""
        return self._as_hits(self._node(tree))

    # --- preparation ----------------------------------------------------------------------------

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
        if isinstance(node, Field) and node.name == "subject":
            toks = tokens(node.value)
            if not toks:
                raise QueryError("subject: needs letters or digits", self.query, node.start)
            if node.prefix and len(toks[-1]) < MIN_PREFIX:
                raise QueryError(f"prefix too short: give at least {MIN_PREFIX} letters before *",
                                 self.query, node.start)
        return node

    # --- nodes ----------------------------------------------------------------------------------

    def _node(self, node: Node) -> HitSet | Mask:
        if isinstance(node, Word | Phrase):
            return self._text(fts_phrase(tokens(node.text), node.prefix))
        if isinstance(node, Literal):
            return self._literal(node.text)
        if isinstance(node, Field):
            return self._kept_field(node)
        if isinstance(node, Not):
            inner = self._unscored(node.child)
            if isinstance(inner, Mask):
                return self._negate(inner)
            member = self._universe().copy()
            member[inner.keys] = False
            return Mask(member, self.level == "paragraph")
        if isinstance(node, Or):
            return self._or(node)
        return self._and(node)

    def _unscored(self, node: Node) -> HitSet | Mask:
        """What a NOT excludes: only its members matter, so nothing is scored."""
        ranked, self.ranked = self.ranked, False
        try:
            return self._node(node)
        finally:
            self.ranked = ranked

    def _and(self, node: And) -> HitSet | Mask:
        sets: list[HitSet] = []
        masks: list[Mask] = []
        excluded: list[HitSet] = []
        for kid in node.children:
            if isinstance(kid, Not):
                inner = self._unscored(kid.child)
                if isinstance(inner, Mask):
                    masks.append(self._negate(inner))
                else:
                    excluded.append(inner)
                continue
            part = self._node(kid)
            (masks.append(part) if isinstance(part, Mask) else sets.append(part))
        if not sets:
            mask = self._combine(masks, np.logical_and) if masks else Mask(
                self._universe().copy(), self.level == "paragraph")
            if excluded:
                mask = self._by_pid(mask) if self.level == "paragraph" else Mask(
                    mask.member.copy())
                for ex in excluded:
                    mask.member[ex.keys] = False
            return mask
        sets.sort(key=len)
        result = sets[0]
        for other in sets[1:]:
            result = _intersect(result, other)
        for m in masks:
            result = result.take(self._test(m, result.keys))
        for ex in excluded:
            result = result.take(~_contains(ex.keys, result.keys))
        return result

    def _or(self, node: Or) -> HitSet | Mask:
        parts = [self._node(k) for k in node.children]
        if all(isinstance(p, Mask) for p in parts):
            return self._combine(parts, np.logical_or)  # type: ignore[arg-type]
        size = len(self.cols.pid_cable) if self.level == "paragraph" else self.cols.cables
        return _union([self._as_hits(p) for p in parts], size)

    # --- text -----------------------------------------------------------------------------------

    def _fts(self, expression: str) -> np.ndarray:
        """pids matching an FTS5 expression, sorted (one C pass: no row is read)."""
        (found,) = self.conn.execute(
            "SELECT group_concat(rowid) FROM paragraphs_fts WHERE paragraphs_fts MATCH ?",
            (expression,)).fetchone()
        return self._pids(found)

    def _pids(self, found: str | None) -> np.ndarray:
        if not found:
            return _EMPTY
        pids = np.fromstring(found, dtype=np.int64, sep=",")
        if len(pids) > 1 and not bool(np.all(pids[1:] > pids[:-1])):
            pids = np.unique(pids)
        pids = pids[pids < len(self.cols.pid_cable)]  # newer than the columns: not yet seen
        return pids[self.cols.pid_cable[pids] >= 0]  # a paragraph of no known cable: none

    def _text(self, expression: str) -> HitSet:
        """A word's or phrase's hits, from `terms` when an earlier query read them (a hit set
        depends only on the expression, the level and whether it is ranked, while the columns
        are current; exact strings are not kept: their index can change under the same stamp)."""
        if self.terms is None:
            return self._scored(self._fts(expression))
        key = (expression, self.level, self.ranked)
        kept = self.terms.get(key)
        if kept is not None:
            return HitSet(*kept)
        found = self._scored(self._fts(expression))
        self.terms.put(key, (found.keys, found.scores, found.pids))
        return found

    def _scored(self, pids: np.ndarray) -> HitSet:
        """A term's paragraphs as hits of this level, scored by BM25 of presence."""
        if self.ranked and len(pids):
            n, df = self.cols.paragraphs, len(pids)
            idf = math.log(1.0 + (n - df + 0.5) / (df + 0.5))
            scores = idf * self.cols.pid_weight[pids].astype(np.float64)
        else:
            scores = np.zeros(len(pids), dtype=np.float64)
        if self.level == "paragraph":
            return HitSet(pids, scores, pids)
        return self._by_cable(pids, scores)

    def _by_cable(self, pids: np.ndarray, scores: np.ndarray) -> HitSet:
        """Paragraph hits -> cable hits: each cable's best score and that paragraph."""
        cables = self.cols.pid_cable[pids].astype(np.int64)
        keep = cables >= 0
        if not bool(keep.all()):
            pids, scores, cables = pids[keep], scores[keep], cables[keep]
        return _per_key(cables, scores, pids, self.cols.cables, add=False)

    # --- exact strings --------------------------------------------------------------------------

    def _literal(self, literal: str) -> HitSet:
        """The paragraphs containing `literal`: from the exact-mode index where it covers them
        (search/shingles.py), else candidates from the word index, each checked on its text."""
        expression = match_expression(literal)
        indexed = upto(self.conn) if expression is not None else None
        if expression is None or not indexed:
            return self._literal_by_text(literal)
        (found,) = self.conn.execute(
            "SELECT group_concat(rowid) FROM search_exact WHERE search_exact MATCH ?",
            (expression,)).fetchone()
        verify, params = exact_condition(literal)
        # paragraphs the index does not hold: ingested since it was updated, or odd ones
        (later,) = self.conn.execute(
            f"SELECT group_concat(p.pid) FROM paragraphs p WHERE p.pid > :upto AND {verify}",
            {**params, "upto": indexed}).fetchone()
        (odd,) = self.conn.execute(
            f"SELECT group_concat(p.pid) FROM search_exact_odd o CROSS JOIN paragraphs p "
            f"ON p.pid = o.pid WHERE {verify}", params).fetchone()
        return self._scored(self._pids(",".join(x for x in (found, later, odd) if x)))

    def _literal_by_text(self, literal: str) -> HitSet:
        """Candidates from the word index (one pass over it), each then checked on its text."""
        verify, params = exact_condition(literal)
        choices = exact_prefilters(literal)
        if not choices:  # nothing for the index to narrow: every paragraph is checked
            sql = f"SELECT group_concat(p.pid) FROM paragraphs p WHERE {verify}"
            (found,) = self.conn.execute(sql, params).fetchone()
            return self._scored(self._pids(found))
        candidates = None
        if len(choices) > 1 and self._common(fts_phrase([TOKEN.findall(literal)[-1]])):
            # the open end would expand a common word: the index without it, if that leaves
            # few enough candidates to check
            candidates = self._fts_rowids(choices[1], CHECK_LIMIT)
        if candidates is None:
            candidates = self._fts_rowids(choices[0])
        if not candidates:
            return self._scored(_EMPTY)
        sql = (f"SELECT group_concat(p.pid) FROM json_each(:candidates) AS c "
               f"CROSS JOIN paragraphs p ON p.pid = c.value WHERE {verify}")
        (found,) = self.conn.execute(sql, {**params, "candidates": f"[{candidates}]"}).fetchone()
        return self._scored(self._pids(found))

    def _fts_rowids(self, expression: str, limit: int | None = None) -> str | None:
        """The index's pids for `expression`, comma-separated and ascending ('' for none); with
        `limit`, None when there are more than that (the index stops reading there)."""
        params: tuple[str] | tuple[str, int]
        if limit is None:
            sql, params = ("SELECT group_concat(rowid), count(*) FROM paragraphs_fts "
                           "WHERE paragraphs_fts MATCH ?"), (expression,)
        else:
            sql, params = ("SELECT group_concat(rowid), count(*) FROM (SELECT rowid FROM "
                           "paragraphs_fts WHERE paragraphs_fts MATCH ? LIMIT ?)",
                           (expression, limit + 1))
        found, count = self.conn.execute(sql, params).fetchone()
        if limit is not None and count > limit:
            return None
        return found or ""

    def _common(self, expression: str) -> bool:
        """Whether a word is in more than COMMON_SHARE of the paragraphs (counted up to
        COMMON_LIMIT: a few milliseconds at most)."""
        bound = max(1, min(COMMON_LIMIT, int(COMMON_SHARE * self.cols.paragraphs)))
        (count,) = self.conn.execute(
            "SELECT count(*) FROM (SELECT 1 FROM paragraphs_fts WHERE paragraphs_fts MATCH ? "
            "LIMIT ?)", (expression, bound)).fetchone()
        return bool(count >= bound)

    # --- fields ---------------------------------------------------------------------------------

    def _kept_field(self, node: Field) -> Mask:
        """A field's mask, from `terms` when an earlier query made it: a mask reads only the
        columns and the store, both fixed while the columns are current (`tag:PREL` at full size
        scans a million tag pairs)."""
        if self.terms is None:
            return self._field(node)
        key = ("field", node, self.level)
        kept = self.terms.get(key)
        if kept is not None:
            member, by_pid = kept
            return Mask(member, bool(by_pid))
        mask = self._field(node)
        self.terms.put(key, (mask.member, np.array(mask.by_pid)))
        return mask

    def _field(self, node: Field) -> Mask:
        cols, name, value = self.cols, node.name, node.value
        cables = np.zeros(cols.cables, dtype=bool)
        if name in ("from", "to", "year"):
            assert node.low is not None and node.high is not None
            rank = cols.created_rank
            member = rank >= 0
            if name in ("from", "year"):
                member &= rank >= _first_rank(cols.dates, node.low)
            if name in ("to", "year"):
                after = (date.fromisoformat(node.high) + timedelta(days=1)).isoformat()
                member &= rank < _first_rank(cols.dates, after)
            return Mask(member)
        if name == "tag":
            wanted = " ".join(value.split()).upper()
            if node.prefix:
                codes = [n for n, t in enumerate(cols.tags) if t.startswith(wanted)]
            else:
                names = {value.strip(), wanted}
                codes = [n for n, t in enumerate(cols.tags) if t in names]
            cables[cols.tag_cable[_one_of(cols.tag_code, codes, len(cols.tags))]] = True
            return Mask(cables)
        if name == "class":
            wanted = value.upper()
            codes = [n for n, c in enumerate(cols.classifications) if c is not None and (
                c.startswith(wanted) if node.prefix else c == wanted)]
            return Mask(_one_of(cols.classification, codes, len(cols.classifications)))
        if name == "origin":
            codes = [n for n, o in enumerate(cols.origins)
                     if o is not None and words_in(o, value, node.prefix)]
            return Mask(_one_of(cols.origin, codes, len(cols.origins)))
        if name == "marking":
            variants = set(marking_variants(value))
            codes = [n for n, m in enumerate(cols.markings) if m in variants]
            if self.level == "paragraph":
                marked = _one_of(cols.pid_marking, codes, len(cols.markings))
                return Mask(marked & (cols.pid_cable >= 0), by_pid=True)
            cables[cols.marked_cable[_one_of(cols.marked_code, codes, len(cols.markings))]] = True
            return Mask(cables)
        ids = [cid for (cid,) in self.conn.execute(*self._cable_sql(node))]
        cables[cols.ordinals(ids)] = True
        return Mask(cables)

    def _cable_sql(self, node: Field) -> tuple[str, list[object]]:
        """The IDs of the cables a field of the store's rarer kinds selects."""
        name, value = node.name, node.value
        if name == "id":
            wanted = "".join(value.split()).upper()
            if node.prefix:
                return "SELECT id FROM cables WHERE id GLOB ?", [_glob_escape(wanted) + "*"]
            return "SELECT id FROM cables WHERE id IN (?, ?)", [wanted, canonical(value)]
        if name == "caveat":
            return ("SELECT id FROM cables WHERE (' ' || caveats || ' ') LIKE ? ESCAPE '\\'",
                    [_like_word(value)])
        if name == "signer":
            pattern = _words_pattern(value, node.prefix)
            return ("SELECT id FROM cables WHERE (' ' || replace(signers, ';', ' ') || ' ') "
                    "LIKE ? ESCAPE '\\'", [pattern])
        if name == "subject":
            match = fts_phrase(tokens(value), node.prefix)
            try:
                self.conn.execute("SELECT 1 FROM search_subjects LIMIT 0")
            except sqlite3.OperationalError as exc:
                raise QueryError("this database has no subject index yet: open it once "
                                 "writable (any `cablescope` command that writes) to add it",
                                 self.query, node.start) from exc
            return ("SELECT id FROM cables WHERE rowid IN (SELECT rowid FROM search_subjects "
                    "WHERE search_subjects MATCH ?)", [match])
        if name == "ref":
            return "SELECT DISTINCT citing FROM refs WHERE cited = ?", [canonical(value)]
        raise AssertionError(f"field {name} has no evaluation")  # parse() rejects unknown ones

    # --- sets and masks -------------------------------------------------------------------------

    def _universe(self) -> np.ndarray:
        if self.level == "paragraph":
            return self.cols.pid_cable >= 0
        return np.ones(self.cols.cables, dtype=bool)

    def _by_pid(self, mask: Mask) -> Mask:
        """The mask over pids (a cable mask: its cables' paragraphs)."""
        if mask.by_pid:
            return mask
        padded = np.append(mask.member, False)  # pid_cable -1 (no paragraph): the last slot
        return Mask(padded[self.cols.pid_cable], by_pid=True)

    def _negate(self, mask: Mask) -> Mask:
        if mask.by_pid:
            return Mask(~mask.member & (self.cols.pid_cable >= 0), by_pid=True)
        return Mask(~mask.member)

    def _combine(self, masks: list[Mask], op: np.ufunc) -> Mask:
        """AND or OR of masks: over cables while they all are, else over pids."""
        if any(m.by_pid for m in masks):
            masks = [self._by_pid(m) for m in masks]
        member = masks[0].member.copy()
        for m in masks[1:]:
            op(member, m.member, out=member)
        return Mask(member, masks[0].by_pid)

    def _test(self, mask: Mask, keys: np.ndarray) -> np.ndarray:
        """Which of `keys` (this level's) the mask holds."""
        if self.level == "paragraph" and not mask.by_pid:
            return mask.member[self.cols.pid_cable[keys]]
        return mask.member[keys]

    def _as_hits(self, part: HitSet | Mask) -> HitSet:
        if isinstance(part, HitSet):
            return part
        if self.level == "paragraph" and not part.by_pid:
            cables = np.flatnonzero(part.member)
            if len(cables) * 8 < self.cols.cables:  # few cables: their paragraphs, not a mask
                keys = self.cols.pids_of(cables)  # over every paragraph
                return HitSet(keys, np.zeros(len(keys)), keys)
            part = self._by_pid(part)
        keys = np.flatnonzero(part.member).astype(np.int64)
        pids = keys if self.level == "paragraph" else np.full(len(keys), -1, dtype=np.int64)
        return HitSet(keys, np.zeros(len(keys)), pids)


# --- set algebra ---------------------------------------------------------------------------------


def _contains(sorted_keys: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """For each of `keys`, whether it is in `sorted_keys`."""
    if not len(sorted_keys):
        return np.zeros(len(keys), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_keys, keys), len(sorted_keys) - 1)
    return sorted_keys[at] == keys


def _intersect(a: HitSet, b: HitSet) -> HitSet:
    """Members of both: scores add; the paragraph shown is the better part's (a's on ties)."""
    if not len(a) or not len(b):
        return HitSet(_EMPTY, np.zeros(0), _EMPTY)
    at = np.minimum(np.searchsorted(b.keys, a.keys), len(b.keys) - 1)
    found = b.keys[at] == a.keys
    a, at = a.take(found), at[found]
    b_scores, b_pids = b.scores[at], b.pids[at]
    pids = np.where((a.pids >= 0) & ((a.scores >= b_scores) | (b_pids < 0)), a.pids, b_pids)
    return HitSet(a.keys, a.scores + b_scores, pids)


def _union(sets: list[HitSet], size: int) -> HitSet:
    """Members of any: a member scores the sum of the parts it is in; the paragraph shown is
    the best-scoring part's."""
    return _per_key(np.concatenate([s.keys for s in sets]),
                    np.concatenate([s.scores for s in sets]),
                    np.concatenate([s.pids for s in sets]), size, add=True)


_NO_PID = np.iinfo(np.int64).max


def _per_key(keys: np.ndarray, scores: np.ndarray, pids: np.ndarray, size: int,
             add: bool) -> HitSet:
    """Group rows by key (< size): the sum (`add`) or the best of their scores, and the
    paragraph of the best-scoring row (a real one before none, then the first). Dense arrays
    over the key space: no sort, a few passes in C."""
    if not len(keys):
        return HitSet(_EMPTY, np.zeros(0), _EMPTY)
    if len(keys) * 8 < size:  # few rows in a large key space: the same passes over their keys
        present, compact = np.unique(keys, return_inverse=True)
        found = _per_key(compact.reshape(-1), scores, pids, len(present), add)
        return HitSet(present.astype(np.int64), found.scores, found.pids)
    best = np.full(size, -np.inf)
    np.maximum.at(best, keys, scores)
    present = np.flatnonzero(best > -np.inf)
    top = (scores == best[keys]) & (pids >= 0)
    choice = np.full(size, _NO_PID, dtype=np.int64)
    np.minimum.at(choice, keys, np.where(top, pids, _NO_PID))  # no boolean gathers: cheaper
    shown = choice[present]
    shown[shown == _NO_PID] = -1
    if add:
        total = np.zeros(size)
        np.add.at(total, keys, scores)
        return HitSet(present.astype(np.int64), total[present], shown)
    return HitSet(present.astype(np.int64), best[present], shown)


def _one_of(values: np.ndarray, codes: list[int], table: int) -> np.ndarray:
    """values ∈ codes, for codes of a table of `table` values (a lookup, not a search)."""
    wanted = np.zeros(table, dtype=bool)
    wanted[codes] = True
    return wanted[values]


def _first_rank(dates: list[str], bound: str) -> int:
    """The first created rank whose date is on or after `bound` (dates are sorted)."""
    lo, hi = 0, len(dates)
    while lo < hi:
        mid = (lo + hi) // 2
        if dates[mid] < bound:
            lo = mid + 1
        else:
            hi = mid
    return lo


# --- exact strings --------------------------------------------------------------------------------


def exact_condition(literal: str) -> tuple[str, dict[str, object]]:
    """SQL true when paragraph `p` contains `literal` as exact mode reads it (schema.py), with
    its parameters. instr() does it in C; Python (`cablescope_exact`) only for what SQL cannot
    tell cheaply: quotes to fold, or an occurrence not at the start and not after a space.

    Reading each candidate's text is the cost (about 2.5 µs), so each test is one pass at most:
    a literal absent in this case fails on the first, a match after a space (most) on the second.
    """
    params: dict[str, object] = {"literal": literal}
    exact = "cablescope_exact(p.text, :literal)"
    if any(c in QUOTE_CHARS for c in literal):  # folded in Python; what lies between the
        # quotes is in the text as it is, which instr() finds first
        plain = max(re.split(f"[{re.escape(''.join(sorted(QUOTE_CHARS)))}]", literal), key=len)
        if not plain:
            return exact, params
        params["plain"] = plain
        return f"instr(p.text, :plain) > 0 AND {exact}", params
    found = "instr(p.text, :literal) > 0"
    if not is_token_char(literal[0]):
        return found, params
    params.update(spaced=" " + literal, length=len(literal))
    starts_word = (f"substr(p.text, 1, :length) = :literal OR instr(p.text, :spaced) > 0 "
                   f"OR {exact}")
    return f"{found} AND ({starts_word})", params


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


# --- field values ---------------------------------------------------------------------------------


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
    """`S/NF`, `(S/NF)`, `s//nf`, `SECRET//NOFORN` -> the marking as the store keeps it,
    normalised (`S/NF`; `parse.normalize_marking`), and the ways cables write it (S/NF, S//NF),
    for a database not migrated yet."""
    from cablescope.parse import normalize_marking

    parts = [p for p in value.strip().strip("()").upper().split("/") if p]
    variants = [parts[0]] if parts else []
    for part in parts[1:]:
        variants = [v + sep + part for v in variants for sep in ("/", "//")]
    normal = normalize_marking(value)
    return list(dict.fromkeys([normal, *variants] if normal else variants))


def words_in(text: str, value: str, prefix: bool = False) -> bool:
    """`text` contains `value` as whole words (as a word prefix with `prefix`), any case:
    `origin:paris` is Embassy Paris, not Consulate Parisville."""
    words = " ".join(value.split()).lower()
    return f" {words}{'' if prefix else ' '}" in f" {text.lower()} "


def _glob_escape(text: str) -> str:
    return "".join(f"[{c}]" if c in "*?[]" else c for c in text)


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _like_word(value: str) -> str:
    return f"% {_like_escape(' '.join(value.split()))} %"


def _words_pattern(value: str, prefix: bool) -> str:
    words = " ".join(value.split())
    return f"% {_like_escape(words)}{'%' if prefix else ' %'}"
