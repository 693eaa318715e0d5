"""Who is in the cables: people, organisations and places, merged; meetings; quotes; graphs and
exports. See docs/entities.md.

Importing this package registers the entity tables with the store's migrations. The submodules
`extract` (one cable) and `resolve` (the corpus) keep their names; their entry points are
exported as `Extractor`, `extract_entities` and `resolve_entities`. The heavy
dependencies load on first use only: spaCy (`nlp` extra) when extracting, networkx and
followthemoney (`export` extra) when drawing graphs or exporting.
"""

from cablescope.entities.evaluate import (
    Gold,
    Prediction,
    Score,
    baseline_predictions,
    load_labels,
    predictions_from_db,
    score,
)
from cablescope.entities.export import ftm_entities, write_csv, write_ftm
from cablescope.entities.extract import Extractor, load_nlp
from cablescope.entities.graph import build as build_graph
from cablescope.entities.graph import write as write_graph
from cablescope.entities.model import (
    Block,
    CableContext,
    CableEntities,
    Meeting,
    Mention,
    Participant,
    Quote,
)
from cablescope.entities.pipeline import ExtractSummary, Selection
from cablescope.entities.pipeline import extract as extract_entities
from cablescope.entities.query import (
    EntityNotFound,
    Filters,
    NotExtracted,
    add_decision,
    aliases,
    cable_mentions,
    decisions,
    dossier,
    drop_decision,
    find,
    list_entities,
    load_decisions,
    meetings,
    merge,
    quotes,
    reject,
    resolve_one,
    timeline,
)
from cablescope.entities.resolve import resolve as resolve_entities

__all__ = [
    "Block",
    "CableContext",
    "CableEntities",
    "EntityNotFound",
    "ExtractSummary",
    "Extractor",
    "Filters",
    "Gold",
    "Meeting",
    "Mention",
    "NotExtracted",
    "Participant",
    "Prediction",
    "Quote",
    "Score",
    "Selection",
    "add_decision",
    "aliases",
    "baseline_predictions",
    "build_graph",
    "cable_mentions",
    "decisions",
    "dossier",
    "drop_decision",
    "extract_entities",
    "find",
    "ftm_entities",
    "list_entities",
    "load_decisions",
    "load_labels",
    "load_nlp",
    "meetings",
    "merge",
    "predictions_from_db",
    "quotes",
    "reject",
    "resolve_entities",
    "resolve_one",
    "score",
    "timeline",
    "write_csv",
    "write_ftm",
    "write_graph",
]
