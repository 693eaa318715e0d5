"""The reference graph: what a cable cites (its REF line) and what cites it, `depth` steps out.

Links come from the `refs` table: `cited` is a canonical cable ID or NULL for a reference that is
not a cable (an e-mail, a phone call). A cited cable missing from the database is "unresolved":
listed, flagged, and not walked further (there is nothing stored to walk from).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from cablescope.errors import CablescopeError
from cablescope.search import shapes
from cablescope.store.read import resolve_id, suggest_ids

MAX_DEPTH = 10


@dataclass(frozen=True, slots=True)
class RefLink:
    """One REF entry: `citing` cites `cited`, found `depth` steps from the cable asked about.

    `resolved`: the cited cable is in the database. `cited` None: not a cable reference (`raw`
    says what it is). `created`/`subject` describe the far end: the cited cable in `cites`, the
    citing one in `cited_by` (None when it is not stored).
    """

    citing: str
    cited: str | None
    raw: str
    letter: str | None
    depth: int
    resolved: bool
    created: str | None
    subject: str | None

    def as_dict(self) -> shapes.RefLink:
        return {"citing": self.citing, "cited": self.cited, "raw": self.raw,
                "letter": self.letter, "depth": self.depth, "resolved": self.resolved,
                "created": self.created, "subject": self.subject}


@dataclass(slots=True)
class RefGraph:
    """References of one cable in both directions. `stored` False: the cable is only known
    from other cables' REF lines (nothing it cites is known)."""

    id: str
    stored: bool
    created: str | None
    subject: str | None
    depth: int
    cites: list[RefLink] = field(default_factory=list)
    cited_by: list[RefLink] = field(default_factory=list)

    @property
    def unresolved(self) -> list[RefLink]:
        """Cited cables that are not in the database."""
        return [link for link in self.cites if link.cited is not None and not link.resolved]

    def as_dict(self) -> shapes.RefGraph:
        return {"id": self.id, "stored": self.stored, "created": self.created,
                "subject": self.subject, "depth": self.depth,
                "cites": [link.as_dict() for link in self.cites],
                "cited_by": [link.as_dict() for link in self.cited_by],
                "unresolved": sorted({link.cited for link in self.unresolved if link.cited})}


def refs(conn: sqlite3.Connection, cable_id: str, depth: int = 1) -> RefGraph:
    """The cables `cable_id` cites and is cited by, following chains `depth` steps (1-10).

    `cable_id` may be any usual spelling (`05 PARIS 5335`); a cable that is not stored but is
    cited by stored ones still has its `cited_by`. Unknown everywhere: CablescopeError.
    """
    if not 1 <= depth <= MAX_DEPTH:
        raise CablescopeError(f"depth must be between 1 and {MAX_DEPTH}, not {depth}")
    root = resolve_id(conn, cable_id)
    stored = root is not None
    if root is None:
        root = _cited_spelling(conn, cable_id)
    if root is None:
        close = suggest_ids(conn, cable_id)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise CablescopeError(f"no cable {cable_id.strip()!r} is stored or cited{hint}")
    info = _cables(conn, [root]).get(root, (None, None))
    graph = RefGraph(root, stored, info[0], info[1], depth)
    graph.cites = _walk(conn, root, stored, depth, outward=True)
    graph.cited_by = _walk(conn, root, stored, depth, outward=False)
    return graph


def _cited_spelling(conn: sqlite3.Connection, text: str) -> str | None:
    """`text` as an ID that some REF line cites, though no such cable is stored."""
    from cablescope.search.evaluate import canonical

    wanted = canonical(text)
    row = conn.execute("SELECT cited FROM refs WHERE cited = ? LIMIT 1", (wanted,)).fetchone()
    return row[0] if row else None


def _walk(conn: sqlite3.Connection, root: str, root_stored: bool, depth: int,
          outward: bool) -> list[RefLink]:
    """Breadth first from `root`, one query per step; each cable is expanded once."""
    links: list[RefLink] = []
    seen = {root}
    frontier = [root]
    for step in range(1, depth + 1):
        if not frontier:
            break
        marks = ", ".join("?" * len(frontier))
        where = f"citing IN ({marks})" if outward else f"cited IN ({marks})"
        rows = conn.execute(
            f"SELECT citing, cited, raw, letter FROM refs WHERE {where} ORDER BY citing, seq",
            frontier).fetchall()
        far = [(cited if outward else citing) for citing, cited, _, _ in rows]
        known = _cables(conn, [f for f in far if f])
        next_frontier = []
        for (citing, cited, raw, letter), other in zip(rows, far, strict=True):
            created, subject = known.get(other, (None, None)) if other else (None, None)
            # outward the far end is the cited cable; inward the cited one is the near end,
            # stored unless it is a root known only from REF lines
            resolved = cited in known if outward else (cited != root or root_stored)
            links.append(RefLink(citing, cited, raw, letter, step, resolved, created, subject))
            if other and other in known and other not in seen:
                seen.add(other)
                next_frontier.append(other)
        frontier = next_frontier
    return links


def _cables(conn: sqlite3.Connection, ids: list[str]) -> dict[str, tuple[str | None, str | None]]:
    """(created, subject) of those of `ids` that are stored."""
    unique = list(dict.fromkeys(ids))
    out: dict[str, tuple[str | None, str | None]] = {}
    for i in range(0, len(unique), 500):
        chunk = unique[i:i + 500]
        marks = ", ".join("?" * len(chunk))
        for cid, created, subject in conn.execute(
                f"SELECT id, created, subject FROM cables WHERE id IN ({marks})", chunk):
            out[cid] = (created, subject)
    return out
