"""More like this: the cables whose paragraphs share the most distinctive words of one cable.

1. The cable's words (numbered paragraphs; all blocks if none is numbered), without stop words,
   cable boilerplate, numbers and redaction runs, counted.
2. Each frequent candidate's paragraph frequency is counted in the index, capped at
   `COMMON` (beyond that a word is too common to tell cables apart and is dropped); weight =
   (1 + ln tf) * ln(N / df).
3. The `terms` best words are searched one by one; a cable scores, for each word, its best
   paragraph's BM25 times the word's (1 + ln tf), summed. The cable itself is left out.
Every step reads bounded index ranges (each word has fewer than COMMON paragraphs), so the cost
does not grow with the corpus as a full OR query over common words would.
"""

from __future__ import annotations

import math
import sqlite3
from collections import Counter
from dataclasses import dataclass, field

from cablescope.errors import CablescopeError
from cablescope.search import shapes
from cablescope.search.text import fts_phrase, tokens
from cablescope.store.read import resolve_id, suggest_ids

COMMON = 2000  # paragraphs: a word in more is not distinctive
CANDIDATES = 60  # most frequent words whose frequency in the corpus is looked up

STOP_WORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had
has have having he her here hers herself him himself his how i if in into is it its itself just
me more most my myself no nor not now of off on once only or other our ours ourselves out over
own same she should so some such than that the their theirs them themselves then there these
they this those through to too under until up very was we were what when where which while who
whom why will with would you your yours yourself yourselves said says say told noted stated
added may might must shall one two three also however would well like per upon within without
among since says mr mrs ms dr
cable cables classified reasons reason subject tags ref refs sipdis noforn nodis exdis limdis
confidential secret unclassified unclas sensitive summary comment end begin text para paragraph
paragraphs embassy amembassy secstate washdc state dept department post posts decl
""".split())  # noqa: SIM905 - a word list reads best as text


@dataclass(frozen=True, slots=True)
class SimilarHit:
    id: str
    score: float
    created: str | None
    subject: str | None
    origin: str | None
    classification: str | None
    shared: list[str]  # the cable's distinctive words this one also has, best first

    def as_dict(self) -> shapes.SimilarHit:
        return {"id": self.id, "score": self.score, "created": self.created,
                "subject": self.subject, "origin": self.origin,
                "classification": self.classification, "shared": list(self.shared)}


@dataclass(slots=True)
class SimilarResult:
    id: str
    terms: list[tuple[str, float]]  # the words searched, with their weight
    hits: list[SimilarHit] = field(default_factory=list)

    def as_dict(self) -> shapes.SimilarCables:
        return {"id": self.id, "terms": [{"term": t, "weight": round(w, 3)}
                                         for t, w in self.terms],
                "hits": [h.as_dict() for h in self.hits]}


def similar(conn: sqlite3.Connection, cable_id: str, limit: int = 10,
            terms: int = 20) -> SimilarResult:
    """The `limit` cables most like `cable_id` (any usual spelling); CablescopeError if unknown."""
    if limit < 1 or terms < 1:
        raise CablescopeError("limit and terms must be at least 1")
    cid = resolve_id(conn, cable_id)
    if cid is None:
        close = suggest_ids(conn, cable_id)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise CablescopeError(f"no cable {cable_id.strip()!r} in the database{hint}")
    weighted = distinctive_terms(conn, cid, terms)
    result = SimilarResult(cid, [(t, w) for t, w, _ in weighted])
    if not weighted:
        return result
    parts, params = [], {"self": cid, "limit": limit}
    for i, (term, _, boost) in enumerate(weighted):
        params[f"m{i}"] = fts_phrase([term])
        parts.append(
            f"SELECT {i} AS term, {boost!r} * max(s) AS s, key FROM (SELECT p.cable_id AS key, "
            "-bm25(paragraphs_fts) AS s FROM paragraphs_fts JOIN paragraphs p "
            f"ON p.pid = paragraphs_fts.rowid WHERE paragraphs_fts MATCH :m{i} LIMIT -1) "
            "GROUP BY key")
    sql = ("SELECT m.key, sum(m.s) AS score, group_concat(m.term), c.created, c.subject, "
           "c.origin, c.classification FROM (" + " UNION ALL ".join(parts) + ") m "
           "JOIN cables c ON c.id = m.key WHERE m.key != :self "
           "GROUP BY m.key ORDER BY score DESC, m.key LIMIT :limit")
    for key, score, shared, created, subject, origin, classification in conn.execute(sql, params):
        order = sorted(int(i) for i in shared.split(","))
        result.hits.append(SimilarHit(key, round(score, 4), created, subject, origin,
                                      classification, [weighted[i][0] for i in order]))
    return result


def distinctive_terms(conn: sqlite3.Connection, cable_id: str,
                      n: int) -> list[tuple[str, float, float]]:
    """The `n` best (term, weight, 1 + ln tf) of a stored cable, best first."""
    rows = conn.execute(
        "SELECT text FROM paragraphs WHERE cable_id = ? AND number IS NOT NULL", (cable_id,)
    ).fetchall() or conn.execute(
        "SELECT text FROM paragraphs WHERE cable_id = ?", (cable_id,)).fetchall()
    counts = Counter(t for (text,) in rows for t in tokens(text) if _useful(t))
    if not counts:
        return []
    (total,) = conn.execute("SELECT coalesce(max(pid), 1) FROM paragraphs").fetchone()
    candidates = sorted(counts, key=lambda t: (-counts[t], -len(t), t))[:CANDIDATES]
    scored = []
    for term in candidates:
        (df,) = conn.execute(
            "SELECT count(*) FROM (SELECT 1 FROM paragraphs_fts WHERE paragraphs_fts MATCH ? "
            "LIMIT ?)", (fts_phrase([term]), COMMON)).fetchone()
        if df == 0 or df >= COMMON:
            continue
        boost = 1.0 + math.log(counts[term])
        scored.append((term, boost * math.log(max(total, df + 1) / df), boost))
    scored.sort(key=lambda x: (-x[1], x[0]))
    return scored[:n]


def _useful(token: str) -> bool:
    return (len(token) >= 3 and not token.isdigit() and token not in STOP_WORDS
            and set(token) != {"x"})
