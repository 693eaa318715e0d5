"""Reading entities back: find by name, list, dossier, meetings, timelines, decisions.

Everything returns plain dicts and lists (the JSON shapes the CLI prints), read from a
connection on a database that has been through `entities extract`.
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cablescope.entities.model import ENTITY_TYPES, ROLE
from cablescope.entities.names import canonical_title, name_key
from cablescope.entities.resolve import resolve
from cablescope.entities.shapes import (
    Alias,
    CableMention,
    Decision,
    Entity,
    EntityDossier,
    EntityEvidence,
    EntityQuote,
    Meeting,
    MergeResult,
    Month,
    ParagraphNaming,
    Participant,
    RejectResult,
    TitleSeen,
)
from cablescope.errors import CablescopeError

ALL_TYPES = (*ENTITY_TYPES, ROLE)


class EntityNotFound(CablescopeError):
    """No entity answers to a name; the message suggests close names."""


class NotExtracted(CablescopeError):
    """Extraction never ran on this database: there is nothing to read or correct yet."""


@dataclass(frozen=True, slots=True)
class Filters:
    """What `meetings`, graphs and exports keep: dates (YYYY, YYYY-MM or YYYY-MM-DD, inclusive),
    cables carrying a TAG, an origin post, entity types."""

    date_from: str | None = None
    date_to: str | None = None
    tag: str | None = None
    origin: str | None = None
    types: tuple[str, ...] = ()

    def cables_sql(self, alias: str = "c", date: str | None = None) -> tuple[str, list[Any]]:
        """Condition on cables `alias` for these filters, with parameters; `date` is the SQL
        expression the date bounds apply to (default: the cable's date)."""
        clauses, params = ["1"], []
        date = date or f"{alias}.created"
        if self.date_from:
            clauses.append(f"substr({date}, 1, {len(self.date_from)}) >= ?")
            params.append(self.date_from)
        if self.date_to:
            clauses.append(f"substr({date}, 1, {len(self.date_to)}) <= ?")
            params.append(self.date_to)
        if self.tag:
            clauses.append(f"EXISTS (SELECT 1 FROM tags t WHERE t.cable_id = {alias}.id "
                           "AND t.tag = ?)")
            params.append(self.tag)
        if self.origin:
            clauses.append(f"{alias}.origin = ?")
            params.append(self.origin)
        return " AND ".join(clauses), params


def require_entities(conn: sqlite3.Connection) -> None:
    """A clear error when extraction never ran on this database."""
    try:
        done = conn.execute("SELECT count(*) FROM entity_cables").fetchone()[0]
    except sqlite3.OperationalError:
        done = 0
    if not done:
        raise NotExtracted("no entities in this database yet: run `cablescope entities "
                           "extract` first")


def find(conn: sqlite3.Connection, name: str, etype: str | None = None) -> list[Entity]:
    """Entities answering to `name`, the most cited first: by their name or an alias, or whose
    name ends with it ("Sarkozy" finds "Nicolas Sarkozy" and the "Sarkozy" of cables that never
    give his first name); failing that, names containing every word of `name`."""
    require_entities(conn)
    key = name_key(name)
    if not key:
        raise CablescopeError("an entity name is needed")
    type_sql = " AND e.type = ?" if etype else ""
    typed = [etype] if etype else []
    rows = conn.execute(
        "SELECT DISTINCT e.id FROM entities e WHERE (e.id IN (SELECT entity_id FROM "
        "entity_aliases WHERE key = ?) OR e.key LIKE '%:' || ? OR e.key LIKE '%:' || ? || '|%' "
        "OR e.key LIKE '%:' || ? || '#%' OR e.key LIKE '% ' || ? OR e.key LIKE '% ' || ? || '|%')"
        f"{type_sql}", [key] * 6 + typed).fetchall()
    ids = [r[0] for r in rows]
    if not ids:
        words = key.split()
        like = " AND ".join("(' ' || lower(e.name) || ' ') LIKE ?" for _ in words)
        rows = conn.execute(f"SELECT e.id FROM entities e WHERE {like}{type_sql}",
                            [f"% {w} %" for w in words] + typed).fetchall()
        ids = [r[0] for r in rows]
    return sorted((entity(conn, i) for i in ids), key=lambda e: (-e["cables"], e["name"]))


def resolve_one(conn: sqlite3.Connection, name: str, etype: str | None = None) -> Entity:
    """The one entity `name` means: the most cited match; an error naming close names if none."""
    found = find(conn, name, etype)
    if found:
        return found[0]
    words = name_key(name).split()
    close = conn.execute(
        "SELECT name FROM entities WHERE " + " OR ".join("lower(name) LIKE ?" for _ in words)
        + " ORDER BY cables DESC LIMIT 5", [f"%{w[:4]}%" for w in words]).fetchall()
    hint = f"; did you mean: {', '.join(r[0] for r in close)}?" if close else ""
    raise EntityNotFound(f"no entity named {name!r}{' of type ' + etype if etype else ''}{hint}")


def entity(conn: sqlite3.Connection, entity_id: int) -> Entity:
    row = conn.execute("SELECT id, type, name, key, country, mentions, cables, first_seen, "
                       "last_seen FROM entities WHERE id = ?", (entity_id,)).fetchone()
    if row is None:
        raise EntityNotFound(f"no entity #{entity_id}")
    eid, etype, name, key, country, mentions, cables, first_seen, last_seen = row
    return {"id": eid, "type": etype, "name": name, "key": key, "country": country,
            "mentions": mentions, "cables": cables, "first_seen": first_seen,
            "last_seen": last_seen}


def list_entities(conn: sqlite3.Connection, etype: str | None = None, top: int | None = 50,
                  name: str | None = None) -> list[Entity]:
    """Entities by the number of cables naming them, most cited first."""
    require_entities(conn)
    where, params = ["1"], []
    if etype:
        where.append("type = ?")
        params.append(etype)
    if name:
        where.append("lower(name) LIKE ?")
        params.append(f"%{name.lower()}%")
    limit = f" LIMIT {int(top)}" if top else ""
    rows = conn.execute(f"SELECT id FROM entities WHERE {' AND '.join(where)} "
                        f"ORDER BY cables DESC, mentions DESC, name{limit}", params)
    return [entity(conn, r[0]) for r in rows.fetchall()]


def aliases(conn: sqlite3.Connection, entity_id: int) -> list[Alias]:
    """Every name the entity was merged from, and why (the explanation of each merge)."""
    return [{"alias": a, "key": k, "mentions": n, "reason": r} for k, a, n, r in conn.execute(
        "SELECT key, alias, mentions, reason FROM entity_aliases WHERE entity_id = ? "
        "ORDER BY mentions DESC", (entity_id,))]


def dossier(conn: sqlite3.Connection, entity_id: int, limit: int = 200) -> EntityDossier:
    """Everything about one entity: names used, titles seen over time, cables and paragraphs,
    first and last mention, quotes, meetings, and how it was merged."""
    info = entity(conn, entity_id)
    names = Counter(" ".join(t.split()) for (t,) in conn.execute(
        "SELECT text FROM mentions WHERE entity_id = ?", (entity_id,)))
    paragraphs: list[ParagraphNaming] = [
        {"cable": cid, "paragraph": number, "address": _address(cid, number), "date": created,
         "subject": subject, "mentions": n}
        for cid, number, created, subject, n in conn.execute(
            "SELECT m.cable_id, m.number, c.created, c.subject, count(*) FROM mentions m "
            "JOIN cables c ON c.id = m.cable_id WHERE m.entity_id = ? "
            "GROUP BY m.cable_id, m.seq ORDER BY c.created, m.cable_id, m.seq LIMIT ?",
            (entity_id, limit))]
    return {
        **info,
        "names": [{"name": n, "mentions": c} for n, c in names.most_common()],
        "titles": titles(conn, entity_id),
        "paragraphs": paragraphs,
        "quotes": quotes(conn, entity_id),
        "meetings": meetings(conn, entity_id=entity_id),
        "merged_from": aliases(conn, entity_id),
        "evidence": evidence(conn, entity_id),
    }


def titles(conn: sqlite3.Connection, entity_id: int) -> list[TitleSeen]:
    """The titles the cables give the entity over time, one per canonical title ("French
    President", "President" and "Pres." are one), oldest first: when first and last written,
    how often, and as what."""
    dates: dict[str, list[str]] = defaultdict(list)
    written: dict[str, Counter[str]] = defaultdict(Counter)
    for title, created in conn.execute(
            "SELECT m.title, c.created FROM mentions m JOIN cables c ON c.id = m.cable_id "
            "WHERE m.entity_id = ? AND m.title IS NOT NULL ORDER BY c.created", (entity_id,)):
        canonical = canonical_title(title)
        if canonical:
            dates[canonical].append((created or "")[:10])
            written[canonical][" ".join(title.split())] += 1
    return [{"title": t, "first": d[0], "last": d[-1], "mentions": len(d),
             "written": [w for w, _n in written[t].most_common(5)]}
            for t, d in sorted(dates.items(), key=lambda x: (x[1][0], x[0]))]


def evidence(conn: sqlite3.Connection, entity_id: int) -> list[EntityEvidence]:
    """Why the entity's mentions are in it, summed up: for each piece of evidence (the same name,
    a full name in the same cable, a title, whom the corpus means by a surname alone, ...),
    the names it covers and how many mentions and cables, most first."""
    try:
        rows = conn.execute(
            "SELECT evidence, text, cable_id FROM mentions WHERE entity_id = ?",
            (entity_id,)).fetchall()
    except sqlite3.OperationalError:  # a database from before mentions.evidence
        return []
    groups: dict[str, tuple[Counter[str], set[str], Counter[str]]] = {}
    for why, text, cable in rows:
        why = why or "same name"
        kind, _, detail = why.partition(" (")  # the figures of each case apart
        names, cables, details = groups.setdefault(kind, (Counter(), set(), Counter()))
        names[" ".join(text.split())] += 1
        cables.add(cable)
        if detail:
            details[detail.rstrip(")")] += 1
    return [{"evidence": kind, "names": [n for n, _c in names.most_common(5)],
             "mentions": sum(names.values()), "cables": len(cables),
             "details": [d for d, _n in details.most_common(3)]}
            for kind, (names, cables, details) in sorted(
                groups.items(), key=lambda x: -sum(x[1][0].values()))]


def _address(cable_id: str, number: int | None) -> str:
    return f"{cable_id}¶{number}" if number is not None else cable_id


def quotes(conn: sqlite3.Connection, entity_id: int) -> list[EntityQuote]:
    """What the cables report the entity said, with the paragraph, oldest first."""
    return [{"cable": cid, "paragraph": number, "address": _address(cid, number),
             "date": (created or "")[:10], "text": text, "verb": verb}
            for cid, number, created, text, verb in conn.execute(
                "SELECT q.cable_id, q.number, c.created, q.text, q.verb FROM quotes q "
                "JOIN cables c ON c.id = q.cable_id WHERE q.entity_id = ? "
                "ORDER BY c.created, q.cable_id, q.seq, q.start", (entity_id,))]


def meetings(conn: sqlite3.Connection, entity_id: int | None = None,
             other_id: int | None = None, filters: Filters | None = None,
             limit: int | None = None) -> list[Meeting]:
    """Meetings, oldest first: all, those of one entity, or of a pair; each with its parties,
    date (and whether the text or only the cable dates it), place, source paragraph, and
    `status`: "held" (the cable reports it) or "planned" (the cable announces it)."""
    filters = filters or Filters()
    where, params = filters.cables_sql(date="coalesce(g.date, c.created)")
    for eid in (entity_id, other_id):
        if eid is not None:
            where += (" AND EXISTS (SELECT 1 FROM meeting_participants p WHERE "
                      "p.meeting_id = g.id AND p.entity_id = ?)")
            params.append(eid)
    limit_sql = f" LIMIT {int(limit)}" if limit else ""
    rows = conn.execute(
        "SELECT g.id, g.cable_id, g.number, g.date, g.date_source, g.kind, g.place, g.planned, "
        "g.seq, g.start, g.end, c.subject FROM meetings g JOIN cables c ON c.id = g.cable_id "
        f"WHERE {where} "
        f"ORDER BY coalesce(g.date, c.created), g.cable_id, g.id{limit_sql}", params).fetchall()
    out: list[Meeting] = []
    for mid, cid, number, date, source, kind, place, planned, seq, start, end, subject in rows:
        parties: list[Participant] = [
            {"name": ename or label, "label": label, "role": role, "entity_id": eid}
            for label, role, eid, ename in conn.execute(
                "SELECT p.label, p.role, p.entity_id, e.name FROM meeting_participants p "
                "LEFT JOIN entities e ON e.id = p.entity_id WHERE p.meeting_id = ? "
                "ORDER BY p.seq", (mid,))]
        text = conn.execute("SELECT substr(text, ?, ?) FROM paragraphs WHERE cable_id = ? AND "
                            "seq = ?", (start + 1, end - start, cid, seq)).fetchone()
        out.append({"id": mid, "date": date, "dated_by": source, "kind": kind, "place": place,
                    "planned": bool(planned), "status": "planned" if planned else "held",
                    "cable": cid, "paragraph": number,
                    "address": _address(cid, number), "subject": subject,
                    "participants": parties, "sentence": " ".join((text[0] if text else "")
                                                                  .split())})
    return out


def timeline(conn: sqlite3.Connection, entity_id: int,
             other_id: int | None = None) -> list[Month]:
    """Month by month: cables naming the entity (or both entities of a pair), meetings held,
    meetings planned, quotes."""
    if other_id is None:
        rows = conn.execute(
            "SELECT substr(c.created, 1, 7), count(DISTINCT m.cable_id), count(*) FROM mentions m"
            " JOIN cables c ON c.id = m.cable_id WHERE m.entity_id = ? GROUP BY 1 ORDER BY 1",
            (entity_id,)).fetchall()
    else:
        rows = conn.execute(
            "SELECT substr(c.created, 1, 7), count(DISTINCT a.cable_id), count(*) FROM mentions a"
            " JOIN mentions b ON b.cable_id = a.cable_id AND b.seq IS a.seq AND b.entity_id = ?"
            " JOIN cables c ON c.id = a.cable_id WHERE a.entity_id = ? GROUP BY 1 ORDER BY 1",
            (other_id, entity_id)).fetchall()
    def empty(month: str) -> Month:
        return {"month": month, "cables": 0, "mentions": 0, "meetings": 0, "planned": 0,
                "quotes": 0}

    months: dict[str, Month] = {}
    for m, n, k in rows:
        if m:
            months[m] = {**empty(m), "cables": n, "mentions": k}
    for meeting in meetings(conn, entity_id, other_id):
        month = (meeting["date"] or "")[:7]
        entry = months.setdefault(month, empty(month))
        if meeting["planned"]:
            entry["planned"] += 1
        else:
            entry["meetings"] += 1
    if other_id is None:
        for quote in quotes(conn, entity_id):
            month = quote["date"][:7]
            months.setdefault(month, empty(month))["quotes"] += 1
    return [months[m] for m in sorted(months)]


# --- the user's decisions -----------------------------------------------------------------------


def decisions(conn: sqlite3.Connection) -> list[Decision]:
    """Every merge and rejection a user made, oldest first (what survives re-extraction)."""
    return [{"id": i, "action": action, "type": etype, "name": name, "other": other,
             "note": note, "created_at": created_at}
            for i, action, etype, name, other, note, created_at in conn.execute(
                "SELECT id, action, type, name, other, note, created_at FROM entity_decisions "
                "ORDER BY id")]


def add_decision(conn: sqlite3.Connection, action: str, name: str, other: str | None = None,
                 etype: str | None = None, note: str | None = None) -> int:
    """Record a merge (`name` and `other` are one entity) or a rejection (`name` is no entity
    of `etype`). Returns the decision's number; nothing is resolved here."""
    if action not in ("merge", "reject"):
        raise CablescopeError(f"unknown decision {action!r}: merge or reject")
    if etype is not None and etype not in ALL_TYPES:
        raise CablescopeError(f"unknown entity type {etype!r}: one of {', '.join(ALL_TYPES)}")
    key = name_key(name)
    if not key:
        raise CablescopeError("a name is needed")
    other_key = name_key(other) if other else None
    if action == "merge" and not other_key:
        raise CablescopeError("a merge needs two names")
    cur = conn.execute(
        "INSERT INTO entity_decisions (action, type, name, key, other, other_key, note, "
        "created_at) VALUES (?,?,?,?,?,?,?,?)",
        (action, etype, name, key, other, other_key, note,
         datetime.now(UTC).isoformat(timespec="seconds")))
    return int(cur.lastrowid or 0)


def merge(conn: sqlite3.Connection, name: str, other: str, etype: str | None = None,
          note: str | None = None) -> MergeResult:
    """A user's merge: `name` and `other` are one entity. Recorded, resolved at once and on every
    re-extraction. Returns the decision's number, the merged entity and the names it now stands
    for, each with why. Two entities of different types are refused."""
    first, second = resolve_one(conn, name, etype), resolve_one(conn, other, etype)
    if first["type"] != second["type"]:
        raise CablescopeError(f"{first['name']!r} is a {first['type']} and {second['name']!r} a "
                              f"{second['type']}: not merged")
    number = add_decision(conn, "merge", name, other, etype or first["type"], note)
    resolve(conn)
    merged = resolve_one(conn, name, first["type"])
    return {"decision": number, "entity": merged, "merged_from": aliases(conn, merged["id"])}


def reject(conn: sqlite3.Connection, name: str, etype: str | None = None,
           note: str | None = None) -> RejectResult:
    """A user's rejection: `name` is no entity (of `etype`; any type when None), a false
    positive kept out from now on. Returns the decision's number and the mentions it dropped."""
    require_entities(conn)
    unlinked = "SELECT count(*) FROM mentions WHERE entity_id IS NULL"
    (before,) = conn.execute(unlinked).fetchone()
    number = add_decision(conn, "reject", name, None, etype, note)
    resolve(conn)
    (after,) = conn.execute(unlinked).fetchone()
    return {"decision": number, "name": name, "key": name_key(name), "type": etype,
            "mentions_dropped": after - before}


def cable_mentions(conn: sqlite3.Connection, cable_id: str) -> list[CableMention]:
    """The resolved mentions of a cable, in reading order: paragraph `seq`, offsets in its text,
    and the entity (id, type, name). Empty when extraction never ran here."""
    try:
        rows = conn.execute(
            "SELECT m.seq, m.start, m.end, m.entity_id, e.type, e.name FROM mentions m "
            "JOIN entities e ON e.id = m.entity_id WHERE m.cable_id = ? AND m.start IS NOT NULL "
            "ORDER BY m.seq, m.start", (cable_id,)).fetchall()
    except sqlite3.OperationalError:  # no entity tables: extraction never ran here
        return []
    return [{"seq": seq, "start": start, "end": end, "entity_id": eid, "type": etype,
             "name": name} for seq, start, end, eid, etype, name in rows]


def drop_decision(conn: sqlite3.Connection, decision_id: int) -> None:
    """Forget one decision (the next resolution no longer applies it)."""
    cur = conn.execute("DELETE FROM entity_decisions WHERE id = ?", (decision_id,))
    if not cur.rowcount:
        raise CablescopeError(f"no decision #{decision_id}")


def load_decisions(conn: sqlite3.Connection, rows: Iterable[dict[str, Any]]) -> int:
    """Import decisions exported from another database (`entities decisions --json`)."""
    n = 0
    for row in rows:
        try:
            add_decision(conn, row["action"], row["name"], row.get("other"), row.get("type"),
                         row.get("note"))
        except KeyError as exc:
            raise CablescopeError(f"decision {row!r} lacks {exc}") from exc
        n += 1
    return n


def named(conn: sqlite3.Connection, name: str, limit: int = 3) -> list[int]:
    """Ids of the people and organisations going by exactly `name` (one of their aliases), the
    most cited first; [] when none or extraction never ran. An exact, indexed lookup for callers
    that check many names fast (tracing claims), unlike `find`'s partial matching."""
    key = name_key(name)
    if not key:
        return []
    try:
        rows = conn.execute(
            "SELECT e.id FROM entity_aliases a JOIN entities e ON e.id = a.entity_id "
            "WHERE a.key = ? AND e.type IN ('person', 'org') ORDER BY e.cables DESC LIMIT ?",
            (key, limit)).fetchall()
    except sqlite3.OperationalError:  # no entity tables
        return []
    return [r[0] for r in rows]
