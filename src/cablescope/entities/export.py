"""Exports: FollowTheMoney entities (for Aleph) and CSV files of everything, honouring filters.

FollowTheMoney: each cable a `Message` (sender: its post; recipients: the posts and offices of
its TO and INFO lines; subject, date, text, the people and organisations it names), each person
a `Person` and each organisation an `Organization` or `PublicBody` (names and aliases, titles as
positions, country), each (cable, entity) pair a `Mention`, each meeting an `Event` with its
parties (`involved`) and the cable as `proof`. Needs followthemoney (`pip install
'cablescope[export]'`). Import into Aleph with `aleph load-entities` or `ftm store write`.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from cablescope.entities.countries import iso_code
from cablescope.entities.names import display_case
from cablescope.entities.query import Filters, decisions, require_entities
from cablescope.errors import CablescopeError
from cablescope.parse.posts import POST_KINDS

_PUBLIC_WORDS = ("ministry", "government", "embassy", "consulate", "department", "mission",
                 "parliament", "assembly", "senate", "presidency", "council", "court", "office")


def _ftm() -> Any:
    try:
        from followthemoney import model
    except ImportError as exc:  # pragma: no cover - depends on the installed extras
        raise CablescopeError(
            "FollowTheMoney export needs followthemoney: pip install 'cablescope[export]'"
        ) from exc
    return model


def _cables(conn: sqlite3.Connection, filters: Filters) -> list[str]:
    where, params = filters.cables_sql()
    return [cid for (cid,) in conn.execute(
        f"SELECT c.id FROM cables c WHERE {where} AND c.id IN "
        "(SELECT cable_id FROM entity_cables) ORDER BY c.id", params)]


def _selection(filters: Filters) -> tuple[str, list[Any]]:
    """A subquery of the selected, extracted cables' IDs (no temporary table: exports run on
    read-only connections)."""
    where, params = filters.cables_sql()
    return (f"(SELECT c.id FROM cables c WHERE {where} AND c.id IN "
            "(SELECT cable_id FROM entity_cables))"), params


def ftm_entities(conn: sqlite3.Connection, filters: Filters | None = None,
                 text: bool = True) -> Iterator[dict[str, Any]]:
    """FollowTheMoney entities (as dicts) for the selected cables and what they name."""
    require_entities(conn)
    model = _ftm()
    filters = filters or Filters()
    cables = _cables(conn, filters)
    selection, params = _selection(filters)
    types = filters.types or ("person", "org")
    ids: dict[int, str] = {}
    kinds: dict[int, tuple[str, str]] = {}
    for eid, etype, name, key, country in conn.execute(
            "SELECT e.id, e.type, e.name, e.key, e.country FROM entities e WHERE e.type IN "
            f"({','.join('?' * len(types))}) AND e.id IN (SELECT entity_id FROM mentions m "
            f"WHERE m.cable_id IN {selection})", [*types, *params]):
        schema = "Person" if etype == "person" else (
            "PublicBody" if any(w in name.lower() for w in _PUBLIC_WORDS) else "Organization")
        if etype == "place":
            schema = "Address"
        proxy = model.make_entity(schema)
        proxy.make_id("cablescope", key)
        proxy.add("name" if schema != "Address" else "full", name)
        if schema != "Address":
            for (alias,) in conn.execute(
                    "SELECT DISTINCT alias FROM entity_aliases WHERE entity_id = ?", (eid,)):
                if alias != name:
                    proxy.add("alias", alias)
            if country and iso_code(country):
                proxy.add("country", iso_code(country))
        if schema == "Person":
            for (title,) in conn.execute("SELECT DISTINCT title FROM mentions WHERE entity_id = ?"
                                         " AND title IS NOT NULL", (eid,)):
                proxy.add("position", title)
        ids[eid] = proxy.id
        kinds[eid] = (etype, name)
        yield proxy.to_dict()
    posts: dict[str, str] = {}  # post name -> its PublicBody's id
    for cid in cables:
        created, released, origin, subject, classification = conn.execute(
            "SELECT created, released, origin, subject, classification FROM cables "
            "WHERE id = ?", (cid,)).fetchone()
        message = model.make_entity("Message")
        message.make_id("cablescope", "cable", cid)
        message.add("name", cid)
        message.add("messageId", cid)
        message.add("subject", subject)
        message.add("date", (created or "")[:10])
        message.add("publishedAt", (released or "")[:10])
        message.add("keywords", [t for (t,) in conn.execute(
            "SELECT tag FROM tags WHERE cable_id = ?", (cid,))])
        if classification:
            message.add("summary", f"{classification} cable from {origin}")
        if origin:
            if body := _new_post(model, posts, origin):
                yield body
            message.add("sender", posts[origin])
        for (raw,) in conn.execute("SELECT name FROM recipients WHERE cable_id = ? AND kind IN "
                                   "('to', 'info') ORDER BY seq", (cid,)):
            post = _post_name(raw)
            if body := _new_post(model, posts, post):
                yield body
            message.add("recipients", posts[post])
        if text:
            message.add("bodyText", "\n\n".join(t for (t,) in conn.execute(
                "SELECT text FROM paragraphs WHERE cable_id = ? ORDER BY seq", (cid,))))
        named: dict[int, set[str]] = defaultdict(set)
        for eid, mtext in conn.execute("SELECT entity_id, text FROM mentions WHERE cable_id = ? "
                                       "AND entity_id IS NOT NULL", (cid,)):
            if eid in ids:
                named[eid].add(mtext)
        for eid in named:
            etype, ename = kinds[eid]
            message.add({"person": "peopleMentioned", "org": "companiesMentioned"}.get(
                etype, "locationMentioned"), ename)
        yield message.to_dict()
        for eid, texts in named.items():
            mention = model.make_entity("Mention")
            mention.make_id("cablescope", "mention", cid, str(ids[eid]))
            mention.add("document", message.id)
            mention.add("resolved", ids[eid])
            mention.add("name", sorted(texts))
            mention.add("detectedSchema", {"person": "Person", "org": "Organization"}.get(
                kinds[eid][0], "Address"))
            yield mention.to_dict()
        for mid, date, kind, place, sentence in _meetings_of(conn, cid):
            event = model.make_entity("Event")
            event.make_id("cablescope", "meeting", str(mid))
            involved = [ids[e] for (e,) in conn.execute(
                "SELECT DISTINCT entity_id FROM meeting_participants WHERE meeting_id = ? "
                "AND entity_id IS NOT NULL", (mid,)) if e in ids]
            labels = [lab for (lab,) in conn.execute(
                "SELECT label FROM meeting_participants WHERE meeting_id = ? ORDER BY seq",
                (mid,))]
            event.add("name", f"{kind.capitalize()}: {', '.join(labels)}")
            event.add("date", date)
            event.add("involved", involved)
            event.add("proof", message.id)
            event.add("description", sentence)
            if place:
                event.add("locationMentioned", place)
            yield event.to_dict()


def _new_post(model: Any, posts: dict[str, str], name: str) -> dict[str, Any] | None:
    """The `PublicBody` of post `name` the first time it is seen (its id kept in `posts`);
    None once it was."""
    if name in posts:
        return None
    body = model.make_entity("PublicBody")
    body.make_id("cablescope", "post", name)
    body.add("name", name)
    posts[name] = body.id
    return body.to_dict()


def _post_name(raw: str) -> str:
    """'AMEMBASSY PARIS' -> 'Embassy Paris', 'SECSTATE WASHDC' -> 'Secretary of State' (as the
    origin of State's cables is written), anything else in title case."""
    words = raw.split()
    if words and words[0].upper().startswith("SECSTATE"):
        return "Secretary of State"
    if words and words[0].upper() in POST_KINDS:
        return " ".join([POST_KINDS[words[0].upper()], *(display_case(w) for w in words[1:])])
    return " ".join(display_case(w) for w in words)


def _meetings_of(conn: sqlite3.Connection, cid: str) -> list[tuple]:
    rows = []
    for mid, date, kind, place, seq, start, end in conn.execute(
            "SELECT id, date, kind, place, seq, start, end FROM meetings WHERE cable_id = ? "
            "ORDER BY id", (cid,)):
        text = conn.execute("SELECT substr(text, ?, ?) FROM paragraphs WHERE cable_id = ? AND "
                            "seq = ?", (start + 1, end - start, cid, seq)).fetchone()
        rows.append((mid, date, kind, place, " ".join((text[0] if text else "").split())))
    return rows


def write_ftm(conn: sqlite3.Connection, out: IO[str], filters: Filters | None = None,
              text: bool = True) -> int:
    """Stream the FollowTheMoney entities as JSON lines; returns how many were written."""
    n = 0
    for entity in ftm_entities(conn, filters, text):
        out.write(json.dumps(entity, ensure_ascii=False))
        out.write("\n")
        n += 1
    return n


_CSV_TABLES = {
    "cables": ("SELECT c.id, c.created, c.origin, c.classification, c.subject, c.signers "
               "FROM cables c WHERE c.id IN {sel} ORDER BY c.id"),
    "paragraphs": ("SELECT p.cable_id, p.seq, p.number, p.marking, p.text FROM paragraphs p "
                   "WHERE p.cable_id IN {sel} ORDER BY p.cable_id, p.seq"),
    "entities": ("SELECT e.id, e.type, e.name, e.country, e.mentions, e.cables, e.first_seen, "
                 "e.last_seen, count(m.id) AS mentions_selected, "
                 "count(DISTINCT m.cable_id) AS cables_selected FROM entities e JOIN mentions m "
                 "ON m.entity_id = e.id "
                 "WHERE m.cable_id IN {sel} AND e.type IN ({types}) GROUP BY e.id "
                 "ORDER BY cables_selected DESC, e.id"),
    "aliases": ("SELECT a.entity_id, a.alias, a.mentions, a.reason FROM entity_aliases a "
                "WHERE a.entity_id IN (SELECT m.entity_id FROM mentions m WHERE m.cable_id IN "
                "{sel}) ORDER BY a.entity_id"),
    "mentions": ("SELECT m.id, m.cable_id, m.number, m.cable_id || coalesce('¶' || m.number, '')"
                 " AS paragraph, m.start, m.end, m.type, m.text, m.name, m.title, m.source, "
                 "m.link, m.entity_id FROM mentions m "
                 "WHERE m.cable_id IN {sel} AND m.type IN ({types}) "
                 "ORDER BY m.cable_id, m.seq, m.start"),
    "meetings": ("SELECT g.id, g.cable_id, g.number, g.date, g.date_source, g.kind, g.place, "
                 "g.planned, (SELECT group_concat(coalesce(e.name, p.label), '; ') FROM "
                 "meeting_participants p LEFT JOIN entities e ON e.id = p.entity_id WHERE "
                 "p.meeting_id = g.id) AS participants FROM meetings g WHERE g.cable_id IN {sel} "
                 "ORDER BY g.date, g.id"),
    "meeting_participants": ("SELECT p.meeting_id, p.seq, p.label, p.role, p.entity_id FROM "
                             "meeting_participants p JOIN meetings g ON g.id = p.meeting_id "
                             "WHERE g.cable_id IN {sel} ORDER BY p.meeting_id, p.seq"),
    "quotes": ("SELECT q.id, q.cable_id, q.number, q.entity_id, e.name AS speaker, q.verb, q.text "
               "FROM quotes q LEFT JOIN entities e ON e.id = q.entity_id "
               "WHERE q.cable_id IN {sel} ORDER BY q.cable_id, q.seq, q.start"),
}


def write_csv(conn: sqlite3.Connection, out_dir: str | Path,
              filters: Filters | None = None) -> dict[str, int]:
    """One CSV file per table, restricted to the cables the filters select (and the user's
    decisions, whole). Returns rows written per file."""
    require_entities(conn)
    filters = filters or Filters()
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise CablescopeError(f"{out} exists and is not a folder")
    out.mkdir(parents=True, exist_ok=True)
    selection, params = _selection(filters)
    types = filters.types or ("person", "org", "place", "role")
    type_sql = ",".join(f"'{t}'" for t in types if t.isalpha())
    counts = {}
    for name, sql in _CSV_TABLES.items():
        cur = conn.execute(sql.format(types=type_sql, sel=selection), params)
        counts[name] = _write_rows(out / f"{name}.csv", [d[0] for d in cur.description], cur)
    rows = decisions(conn)
    counts["decisions"] = _write_rows(out / "decisions.csv", list(rows[0]) if rows else
                                      ["id", "action", "type", "name", "other", "note",
                                       "created_at"], (list(r.values()) for r in rows))
    return counts


def _write_rows(path: Path, header: list[str], rows: Any) -> int:
    n = 0
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            n += 1
    return n
