"""What a search can be asked besides its query: level, sort, facets, page sizes; and what a
facet answers (`FacetValue`, which the engine and the column reader share).

Plain constants, in a module that imports nothing heavy, so the CLI can list them in its options
without loading the search engine (numpy) on every call.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Level = Literal["cable", "paragraph"]
LEVELS: tuple[str, ...] = ("cable", "paragraph")
SORTS = ("rank", "newest", "oldest")
FACETS = ("origin", "year", "tag", "classification", "marking")
DEFAULT_LIMIT = 20
FACET_LIMIT = 20
MAX_LIMIT = 1000  # a page; `iter_hits` streams any number


@dataclass(frozen=True, slots=True)
class FacetValue:
    value: str | int | None
    count: int
