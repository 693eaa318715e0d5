"""Entity endpoints: the list, the dossier with its network, and their JSON twins."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from cablescope.entities.shapes import Entity, EntityDossier, EntityNetwork
from cablescope.entities.shapes import EntityType as EntityTypeName
from cablescope.web import entities_view
from cablescope.web.api import database, need
from cablescope.web.charts import fill_months, histogram
from cablescope.web.models import ERRORS
from cablescope.web.pages import render_page
from cablescope.web.render import search_url

api = APIRouter(prefix="/api", tags=["entities"])
pages = APIRouter(include_in_schema=False)

EntityType = Annotated[EntityTypeName | None,
                       Query(description="Only entities of this type")]
EntityId = Annotated[int, Path(ge=1, le=2**62, description="An entity's number")]
Kind = Annotated[Literal["meetings", "cooccurrence"],
                 Query(description="Who met whom, or who is named in the same paragraphs")]


@api.get("/entities", response_model=list[Entity], responses=ERRORS,
         summary="Entities, most cited first")
def api_entities(request: Request, type: EntityType = None,
                 q: Annotated[str | None, Query(max_length=200,
                                                description="Part of the name")] = None,
                 limit: Annotated[int, Query(ge=1, le=500)] = 50) -> list[Entity]:
    """People, organisations, places and embassy roles, by the number of cables naming them."""
    need("entities")
    with database(request).reading() as store:
        return entities_view.listing(store, type, q, limit)


@api.get("/entities/find", response_model=Entity, responses=ERRORS,
         summary="The entity a name means")
def api_entity_find(request: Request,
                    name: Annotated[str, Query(min_length=1, max_length=200,
                                               examples=["Sarkozy"])],
                    type: EntityType = None) -> Entity:
    """The most cited entity answering to `name` (any spelling it was merged from)."""
    need("entities")
    with database(request).reading() as store:
        return entities_view.find(store, name, type)


@api.get("/entities/{entity_id:int}", response_model=EntityDossier, responses=ERRORS,
         summary="An entity's dossier")
def api_entity(request: Request, entity_id: EntityId) -> EntityDossier:
    """Names used, titles over time, paragraphs naming it, what it is quoted saying, meetings,
    the merges behind it, and a month-by-month timeline."""
    need("entities")
    with database(request).reading() as store:
        return entities_view.dossier(store, entity_id)


@api.get("/entities/{entity_id:int}/graph", response_model=EntityNetwork, responses=ERRORS,
         summary="The network around an entity")
def api_entity_graph(request: Request, entity_id: EntityId, kind: Kind = "meetings",
                     depth: Annotated[int, Query(ge=1, le=2)] = 1,
                     min_weight: Annotated[int, Query(ge=1, le=1000)] = 1,
                     limit: Annotated[int, Query(ge=1, le=200)] = 40) -> EntityNetwork:
    """Nodes (entities) and links weighted by meetings (or shared paragraphs), `depth` steps
    out, the `limit` heaviest links."""
    need("entities")
    with database(request).reading() as store:
        return entities_view.network(store, entity_id, kind, depth, min_weight, limit)


@pages.get("/entities", response_class=HTMLResponse)
def entities_page(request: Request, type: EntityType = None,
                  q: Annotated[str, Query(max_length=200)] = "") -> HTMLResponse:
    need("entities")
    from cablescope.entities.query import ALL_TYPES

    with database(request).reading() as store:
        rows = entities_view.listing(store, type, q.strip() or None, 200)
    return render_page(request, "entities.html", rows=rows, etype=type, name=q,
                       types=ALL_TYPES,
                       json_url="/api/entities" + (f"?type={type}" if type else ""))


@pages.get("/entity", response_class=HTMLResponse)
def entity_by_name(request: Request, name: Annotated[str, Query(min_length=1, max_length=200)],
                   type: EntityType = None) -> RedirectResponse:
    """`/entity?name=Sarkozy` goes to the dossier of the entity that name means."""
    need("entities")
    with database(request).reading() as store:
        found = entities_view.find(store, name, type)
    return RedirectResponse(f"/entity/{found['id']}", status_code=303)


@pages.get("/entity/{entity_id:int}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: EntityId, kind: Kind = "meetings") -> HTMLResponse:
    need("entities")
    with database(request).reading() as store:
        d = entities_view.dossier(store, entity_id)
        net = entities_view.network(store, entity_id, kind)
        if kind == "meetings" and not net["links"]:  # nobody met: show who is named alongside
            kind = "cooccurrence"
            net = entities_view.network(store, entity_id, kind)
    months = fill_months([(m["month"], m["cables"] + m["meetings"] + m["quotes"])
                          for m in d["timeline"]])
    bars = [(bar, search_url(f'"{d["name"]}" from:{bar.label} to:{bar.label}'))
            for bar in histogram(months, height=70)]
    return render_page(request, "entity.html", d=d, net=net, kind=kind,
                       drawing=entities_view.network_drawing(net), bars=bars,
                       json_url=f"/api/entities/{entity_id}")
