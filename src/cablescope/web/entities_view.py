"""Entities for the pages and the API: the entities layer's reads, shaped for both, plus the
spans that highlight a cable's mentions and the geometry of an entity's network."""

from __future__ import annotations

import sqlite3
from typing import Any

from cablescope.errors import CablescopeError
from cablescope.store import Store
from cablescope.web.charts import radial_layout
from cablescope.web.errors import BadRequest, NotFound
from cablescope.web.render import Span

TYPES = ("person", "org", "place", "role")
GRAPH_KINDS = ("meetings", "cooccurrence")


def _missing(exc: CablescopeError) -> NotFound:
    """The layer's "not found" and "not extracted yet" errors, as the 404 a reader expects."""
    return NotFound(str(exc), search="/entities")


def listing(store: Store, etype: str | None = None, q: str | None = None,
            limit: int = 50) -> list[dict[str, Any]]:
    """Entities by the number of cables naming them (names containing `q`)."""
    from cablescope.entities.query import list_entities

    try:
        return list_entities(store.connection, etype, limit, q or None)
    except CablescopeError as exc:
        raise _missing(exc) from exc


def find(store: Store, name: str, etype: str | None = None) -> dict[str, Any]:
    """The one entity a name means (the most cited that answers to it)."""
    from cablescope.entities.query import resolve_one

    try:
        return resolve_one(store.connection, name, etype)
    except CablescopeError as exc:
        raise _missing(exc) from exc


def dossier(store: Store, entity_id: int) -> dict[str, Any]:
    """Names, titles over time, paragraphs, quotes, meetings, merges, and a monthly timeline."""
    from cablescope.entities.query import dossier as layer_dossier
    from cablescope.entities.query import require_entities, timeline

    conn = store.connection
    try:
        require_entities(conn)
        found = layer_dossier(conn, entity_id)
        found["timeline"] = timeline(conn, entity_id)
    except CablescopeError as exc:
        raise _missing(exc) from exc
    return found


def network(store: Store, entity_id: int, kind: str = "meetings", depth: int = 1,
            min_weight: int = 1, limit: int = 40) -> dict[str, Any]:
    """Who met whom (or who is named with whom) around an entity: nodes and weighted links,
    the heaviest `limit` links kept so the picture stays readable."""
    from cablescope.entities.graph import build

    try:
        graph = build(store.connection, kind, around=entity_id, depth=depth,
                      min_weight=min_weight)
    except CablescopeError as exc:
        raise _missing(exc) from exc
    links = sorted(({"source": a, "target": b, **data} for a, b, data in graph.edges(data=True)),
                   key=lambda e: (-e.get("weight", 1), e["source"], e["target"]))[:limit]
    keep = {f"e{entity_id}"} | {x for e in links for x in (e["source"], e["target"])}
    nodes = [{"id": n, "entity_id": int(n[1:]), **graph.nodes[n]}
             for n in sorted(keep) if n in graph]
    return {"center": f"e{entity_id}", "kind": kind, "depth": depth, "nodes": nodes,
            "links": links}


def network_drawing(net: dict[str, Any]) -> dict[str, Any]:
    """SVG geometry for `network`: the entity in the middle, its contacts around it."""
    labels = {n["id"]: n.get("label", n["id"]) for n in net["nodes"]}
    hrefs = {n["id"]: f"/entity/{n['entity_id']}" for n in net["nodes"]}
    edges = [(e["source"], e["target"], float(e.get("weight", 1))) for e in net["links"]]
    nodes, lines = radial_layout(net["center"], labels, edges, hrefs)
    return {"nodes": nodes, "edges": lines}


def mention_spans(store: Store, cable_id: str) -> dict[int, list[Span]]:
    """The resolved mentions in each paragraph (by `seq`) of a cable, as links to their
    entities; empty when entities were never extracted."""
    try:
        rows = store.connection.execute(
            "SELECT m.seq, m.start, m.end, m.entity_id, e.type, e.name FROM mentions m "
            "JOIN entities e ON e.id = m.entity_id WHERE m.cable_id = ? AND m.start IS NOT NULL "
            "ORDER BY m.seq, m.start", (cable_id,)).fetchall()
    except sqlite3.OperationalError:  # no entity tables: extraction never ran here
        return {}
    spans: dict[int, list[Span]] = {}
    for seq, start, end, entity_id, etype, name in rows:
        spans.setdefault(seq, []).append(
            Span(start, end, f"entity {etype}", href=f"/entity/{entity_id}", title=name))
    return spans


# --- a journalist's corrections (writes: the caller holds the writer store) -------------------


def merge(store: Store, name: str, other: str, etype: str | None,
          note: str | None) -> dict[str, Any]:
    """Record that `name` and `other` are one entity and resolve again; the merged entity and
    the names it now stands for, each with the reason it was merged."""
    from cablescope.entities.query import add_decision, aliases, resolve_one
    from cablescope.entities.resolve import resolve

    conn = store.connection
    try:
        first, second = resolve_one(conn, name, etype), resolve_one(conn, other, etype)
    except CablescopeError as exc:
        raise _missing(exc) from exc
    if first["type"] != second["type"]:
        raise BadRequest(f"{first['name']!r} is a {first['type']} and {second['name']!r} a "
                         f"{second['type']}: not merged")
    number = add_decision(conn, "merge", name, other, etype or first["type"], note)
    resolve(conn)
    merged = resolve_one(conn, name, first["type"])
    return {"decision": number, "entity": merged, "merged_from": aliases(conn, merged["id"])}


def reject(store: Store, name: str, etype: str | None, note: str | None) -> dict[str, Any]:
    """Record that `name` is no entity (of `etype`) and resolve again; how many mentions that
    dropped."""
    from cablescope.entities.query import add_decision, require_entities
    from cablescope.entities.resolve import resolve

    conn = store.connection
    try:
        require_entities(conn)
    except CablescopeError as exc:
        raise _missing(exc) from exc
    unlinked = "SELECT count(*) FROM mentions WHERE entity_id IS NULL"
    before = conn.execute(unlinked).fetchone()[0]
    number = add_decision(conn, "reject", name, None, etype, note)
    resolve(conn)
    after = conn.execute(unlinked).fetchone()[0]
    return {"decision": number, "name": name, "type": etype, "mentions_dropped": after - before}
