"""Entities for the pages and the API: the entities layer's reads, shaped for both, plus the
spans that highlight a cable's mentions and the geometry of an entity's network."""

from __future__ import annotations

from typing import Any, cast

from cablescope.entities.shapes import (
    Entity,
    EntityDossier,
    EntityNetwork,
    MergeResult,
    NetworkKind,
    NetworkLink,
    NetworkNode,
    RejectResult,
)
from cablescope.errors import CablescopeError
from cablescope.store import Store
from cablescope.web.charts import radial_layout
from cablescope.web.errors import BadRequest, NotFound
from cablescope.web.render import Span


def _missing(exc: CablescopeError) -> NotFound:
    """The layer's "not found" and "not extracted yet" errors, as the 404 a reader expects."""
    return NotFound(str(exc), search="/entities")


def listing(store: Store, etype: str | None = None, q: str | None = None,
            limit: int = 50) -> list[Entity]:
    """Entities by the number of cables naming them (names containing `q`)."""
    from cablescope.entities.query import list_entities

    try:
        return list_entities(store.connection, etype, limit, q or None)
    except CablescopeError as exc:
        raise _missing(exc) from exc


def find(store: Store, name: str, etype: str | None = None) -> Entity:
    """The one entity a name means (the most cited that answers to it)."""
    from cablescope.entities.query import resolve_one

    try:
        return resolve_one(store.connection, name, etype)
    except CablescopeError as exc:
        raise _missing(exc) from exc


def dossier(store: Store, entity_id: int) -> EntityDossier:
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
            min_weight: int = 1, limit: int = 40) -> EntityNetwork:
    """Who met whom (or who is named with whom) around an entity: nodes and weighted links,
    the heaviest `limit` links kept so the picture stays readable."""
    from cablescope.entities.graph import build

    try:
        graph = build(store.connection, kind, around=entity_id, depth=depth,
                      min_weight=min_weight)
    except CablescopeError as exc:
        raise _missing(exc) from exc
    # the graph's attributes are the ones entities.graph gives each node and edge
    links = cast(list[NetworkLink], sorted(
        ({"source": a, "target": b, **data} for a, b, data in graph.edges(data=True)),
        key=lambda e: (-e.get("weight", 1), e["source"], e["target"]))[:limit])
    keep = {f"e{entity_id}"} | {x for e in links for x in (e["source"], e["target"])}
    nodes = cast(list[NetworkNode], [{"id": n, "entity_id": int(n[1:]), **graph.nodes[n]}
                                     for n in sorted(keep) if n in graph])
    return {"center": f"e{entity_id}", "kind": cast(NetworkKind, kind), "depth": depth,
            "nodes": nodes, "links": links}


def network_drawing(net: EntityNetwork) -> dict[str, Any]:
    """SVG geometry for `network`: the entity in the middle, its contacts around it."""
    labels = {n["id"]: n.get("label", n["id"]) for n in net["nodes"]}
    hrefs = {n["id"]: f"/entity/{n['entity_id']}" for n in net["nodes"]}
    edges = [(e["source"], e["target"], float(e.get("weight", 1))) for e in net["links"]]
    nodes, lines = radial_layout(net["center"], labels, edges, hrefs)
    return {"nodes": nodes, "edges": lines}


def mention_spans(store: Store, cable_id: str) -> dict[int, list[Span]]:
    """The resolved mentions in each paragraph (by `seq`) of a cable, as links to their
    entities; empty when entities were never extracted."""
    from cablescope.entities.query import cable_mentions

    spans: dict[int, list[Span]] = {}
    for m in cable_mentions(store.connection, cable_id):
        spans.setdefault(m["seq"], []).append(
            Span(m["start"], m["end"], f"entity {m['type']}", href=f"/entity/{m['entity_id']}",
                 title=m["name"]))
    return spans


# --- a journalist's corrections (writes: the caller holds the writer store) -------------------


def merge(store: Store, name: str, other: str, etype: str | None,
          note: str | None) -> MergeResult:
    """Record that `name` and `other` are one entity and resolve again (entities.merge)."""
    from cablescope.entities.query import merge as merge_entities

    return _correct(merge_entities, store, name, other, etype, note)


def reject(store: Store, name: str, etype: str | None, note: str | None) -> RejectResult:
    """Record that `name` is no entity (of `etype`) and resolve again (entities.reject)."""
    from cablescope.entities.query import reject as reject_entities

    return _correct(reject_entities, store, name, etype, note)


def _correct(action: Any, store: Store, *args: Any) -> Any:
    """Run a correction: what is not there is a 404, what cannot be done a 400."""
    from cablescope.entities.query import EntityNotFound, NotExtracted

    try:
        return action(store.connection, *args)
    except (EntityNotFound, NotExtracted) as exc:
        raise _missing(exc) from exc
    except CablescopeError as exc:
        raise BadRequest(str(exc)) from exc
