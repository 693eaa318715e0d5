"""Graphs of entities: who is named in the same paragraphs (co-occurrence) and who met whom.

Nodes are entities (`e<id>`, with name, type, country and cable count); edges carry a `weight`
(paragraphs in common, or meetings) and the first and last date. Written as GEXF (Gephi),
GraphML or JSON (networkx node-link); needs networkx (`pip install 'cablescope[export]'`).
"""

from __future__ import annotations

import json
import sqlite3
from typing import IO, Any

from cablescope.entities.query import Filters, require_entities
from cablescope.errors import CablescopeError

FORMATS = ("gexf", "graphml", "json")
KINDS = ("cooccurrence", "meetings")


def _nx() -> Any:
    try:
        import networkx
    except ImportError as exc:  # pragma: no cover - depends on the installed extras
        raise CablescopeError("graphs need networkx: pip install 'cablescope[export]'") from exc
    return networkx


def _edges(conn: sqlite3.Connection, kind: str, filters: Filters,
           among: set[int] | None = None, touching: set[int] | None = None
           ) -> dict[tuple[int, int], dict[str, Any]]:
    """Weighted edges, (smaller id, larger id) -> weight, first, last: all of them, those among
    a set of entities, or those touching one (walked from its mentions, which is fast)."""
    types = filters.types or ("person", "org")
    type_sql = ",".join("?" * len(types))
    if kind == "cooccurrence":
        where, params = filters.cables_sql()
        unit, when = "a.cable_id || '/' || a.seq", "c.created"
        sql = ("FROM mentions a JOIN mentions b ON b.cable_id = a.cable_id AND b.seq = a.seq "
               "JOIN cables c ON c.id = a.cable_id ")
    elif kind == "meetings":
        where, params = filters.cables_sql(date="coalesce(g.date, c.created)")
        unit, when = "a.meeting_id", "coalesce(g.date, c.created)"
        sql = ("FROM meeting_participants a JOIN meeting_participants b ON "
               "b.meeting_id = a.meeting_id JOIN meetings g ON g.id = a.meeting_id "
               "JOIN cables c ON c.id = g.cable_id ")
        type_sql += ", 'role'"
    else:
        raise CablescopeError(f"unknown graph kind {kind!r}: one of {', '.join(KINDS)}")
    sql = (f"SELECT a.entity_id, b.entity_id, count(DISTINCT {unit}), min({when}), max({when}) "
           + sql + "JOIN entities ea ON ea.id = a.entity_id "
           "JOIN entities eb ON eb.id = b.entity_id "
           f"WHERE {where} AND ea.type IN ({type_sql}) AND eb.type IN ({type_sql})")
    params = [*params, *types, *types]
    if touching is not None:
        ids = ",".join(str(int(i)) for i in touching)
        sql += f" AND a.entity_id IN ({ids}) AND b.entity_id != a.entity_id"
    else:
        sql += " AND b.entity_id > a.entity_id"
    if among is not None:
        ids = ",".join(str(int(i)) for i in among)
        sql += f" AND a.entity_id IN ({ids}) AND b.entity_id IN ({ids})"
    sql += " GROUP BY a.entity_id, b.entity_id"
    edges: dict[tuple[int, int], dict[str, Any]] = {}
    for a, b, w, first, last in conn.execute(sql, params):
        pair = (min(a, b), max(a, b))
        if pair not in edges or edges[pair]["weight"] < w:
            edges[pair] = {"weight": w, "first": (first or "")[:10], "last": (last or "")[:10]}
    return edges


def build(conn: sqlite3.Connection, kind: str = "cooccurrence", filters: Filters | None = None,
          around: int | None = None, depth: int = 1, min_weight: int = 1) -> Any:
    """The graph of `kind`, whole or within `depth` steps of entity `around`.

    Edges lighter than `min_weight` are left out (also when walking out from `around`).
    """
    require_entities(conn)
    nx = _nx()
    filters = filters or Filters()
    if around is not None:
        nodes, frontier = {around}, {around}
        for _step in range(max(depth, 0)):
            if not frontier:
                break
            found = _edges(conn, kind, filters, touching=frontier)
            reached = {x for (a, b), e in found.items() if e["weight"] >= min_weight
                       for x in (a, b)}
            frontier = reached - nodes
            nodes |= reached
        edges = _edges(conn, kind, filters, among=nodes)
    else:
        edges = _edges(conn, kind, filters)
        nodes = {x for pair in edges for x in pair}
    graph = nx.Graph(kind=kind)
    attrs = _node_attributes(conn, nodes)
    for node in nodes:
        graph.add_node(f"e{node}", **attrs.get(node, {"label": str(node)}))
    for (a, b), data in edges.items():
        if data["weight"] >= min_weight:
            graph.add_edge(f"e{a}", f"e{b}", **data)
    if around is not None:  # keep only what the walk reaches through kept edges
        keep = nx.node_connected_component(graph, f"e{around}") if f"e{around}" in graph else set()
        graph = graph.subgraph(keep).copy()
    return graph


def _node_attributes(conn: sqlite3.Connection, nodes: set[int]) -> dict[int, dict[str, Any]]:
    out: dict[int, dict[str, Any]] = {}
    ids = list(nodes)
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        for eid, etype, name, country, cables, first, last in conn.execute(
                "SELECT id, type, name, country, cables, first_seen, last_seen FROM entities "
                f"WHERE id IN ({','.join('?' * len(chunk))})", chunk):
            out[eid] = {"label": name, "type": etype, "country": country or "",
                        "cables": cables, "first": first or "", "last": last or ""}
    return out


def write(graph: Any, fmt: str, out: IO[bytes]) -> None:
    """Write the graph to a binary stream as GEXF, GraphML or JSON."""
    nx = _nx()
    if fmt == "gexf":
        nx.write_gexf(graph, out)
    elif fmt == "graphml":
        nx.write_graphml(graph, out)
    elif fmt == "json":
        data = nx.node_link_data(graph, edges="links")
        out.write(json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))
        out.write(b"\n")
    else:
        raise CablescopeError(f"unknown graph format {fmt!r}: one of {', '.join(FORMATS)}")
