"""Which optional layers this installation has, so pages offer only what works.

The search, trace and entities layers are imported lazily by the handlers that need them; this
module answers "is it there" once, without importing heavy dependencies (spaCy) at start-up.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True, slots=True)
class Features:
    search: bool
    trace: bool
    entities: bool


def _has(module: str, *names: str) -> bool:
    try:  # a lazy package (trace, entities) imports a name's module when it is asked for
        mod = importlib.import_module(module)
        return all(hasattr(mod, name) for name in names)
    except ImportError:
        return False


@cache
def features() -> Features:
    """What is installed, decided once per process."""
    return Features(
        search=_has("cablescope.search", "search", "iter_hits"),
        trace=_has("cablescope.trace", "Tracer", "parse_article"),
        entities=_has("cablescope.entities.query", "dossier", "list_entities")
        and _has("cablescope.entities.graph", "build"),
    )
