"""Who is in the cables: people, organisations and places, merged; meetings; quotes; graphs and
exports. See docs/entities.md.

Importing this package loads nothing: every name below loads its module on first use, so a
command that never touches entities (every `cablescope` call imports this package) does not pay
for them. The submodules
`extract` (one cable) and `resolve` (the corpus) keep their names; their entry points are
exported as `Extractor`, `extract_entities` and `resolve_entities`. The heavy
dependencies load on first use only: spaCy (`nlp` extra) when extracting, networkx and
followthemoney (`export` extra) when drawing graphs or exporting.
"""

from cablescope.lazy import lazy_exports as _lazy_exports

# name -> (submodule, attribute)
_EXPORTS: dict[str, tuple[str, str]] = {
    "ftm_entities": ("export", "ftm_entities"),
    "write_csv": ("export", "write_csv"),
    "write_ftm": ("export", "write_ftm"),
    "Extractor": ("extract", "Extractor"),
    "load_nlp": ("extract", "load_nlp"),
    "build_graph": ("graph", "build"),
    "write_graph": ("graph", "write"),
    "Block": ("model", "Block"),
    "CableContext": ("model", "CableContext"),
    "CableEntities": ("model", "CableEntities"),
    "Meeting": ("model", "Meeting"),
    "Mention": ("model", "Mention"),
    "Participant": ("model", "Participant"),
    "Quote": ("model", "Quote"),
    "ExtractSummary": ("pipeline", "ExtractSummary"),
    "Selection": ("pipeline", "Selection"),
    "extract_entities": ("pipeline", "extract"),
    "EntityNotFound": ("query", "EntityNotFound"),
    "Filters": ("query", "Filters"),
    "NotExtracted": ("query", "NotExtracted"),
    "add_decision": ("query", "add_decision"),
    "aliases": ("query", "aliases"),
    "cable_mentions": ("query", "cable_mentions"),
    "decisions": ("query", "decisions"),
    "dossier": ("query", "dossier"),
    "drop_decision": ("query", "drop_decision"),
    "find": ("query", "find"),
    "list_entities": ("query", "list_entities"),
    "load_decisions": ("query", "load_decisions"),
    "meetings": ("query", "meetings"),
    "merge": ("query", "merge"),
    "quotes": ("query", "quotes"),
    "reject": ("query", "reject"),
    "resolve_one": ("query", "resolve_one"),
    "timeline": ("query", "timeline"),
    "resolve_entities": ("resolve", "resolve"),
}

__all__, __getattr__, __dir__ = _lazy_exports(__name__, _EXPORTS)
