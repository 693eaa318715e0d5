"""What the pages and the JSON API both serve: one function per resource, plain dicts out.

Handlers only parse input, call one of these on a reader store and format the result, so a page
and its JSON twin can never disagree.
"""

from __future__ import annotations

from typing import Any

from cablescope.search.shapes import SimilarCables
from cablescope.store import Store
from cablescope.store.shapes import Stats, StoredCable, VersionInfo
from cablescope.web.diff import changes, diff_stats, summary, word_diff
from cablescope.web.errors import NotFound
from cablescope.web.render import search_url

MAX_ID = 120  # longer than any cable ID; a longer path is not looked up at all


def resolve_cable(store: Store, text: str) -> str:
    """The stored ID `text` names (any usual spelling), or a 404 that offers a search and
    look-alike IDs."""
    cable_id = store.resolve_id(text) if 0 < len(text) <= MAX_ID else None
    if cable_id is None:
        shown = text if len(text) <= MAX_ID else text[:MAX_ID] + "…"
        suggestions = store.suggest_ids(text) if len(text) <= MAX_ID else []
        raise NotFound(f"no cable {shown!r} in this corpus", search=search_url(shown),
                       suggestions=suggestions)
    return cable_id


def cable(store: Store, text: str, version: int | None = None) -> StoredCable:
    """The cable (current version or `version`) as `Store.cable` lays it out."""
    cable_id = resolve_cable(store, text)
    found = store.cable(cable_id, version)
    if found is None:
        raise NotFound(f"cable {cable_id} has no version {version}: "
                       f"it has {_version_range(store, cable_id)}")
    return found


def version_text(store: Store, text: str, version: int) -> dict[str, Any]:
    """One version's text exactly as published."""
    cable_id = resolve_cable(store, text)
    info = _version(store, cable_id, version)
    body = store.version_text(cable_id, version) or ""
    return {"cable_id": cable_id, "version": version, "seen": info.get("seen"),
            "current": bool(info.get("current")), "text": body}


def diff(store: Store, text: str, old: int | None = None, new: int | None = None
         ) -> dict[str, Any]:
    """Word-level changes from version `old` to `new` (default: from the version published
    just before the current one to the current one), the changes one by one (`diff.Change`)
    and what they amount to (`diff.summary`)."""
    cable_id = resolve_cable(store, text)
    versions = store.versions(cable_id)
    numbers = [v["version"] for v in chronological(versions)]
    if new is None:
        new = next((v["version"] for v in versions if v["current"]), numbers[-1])
    if old is None:
        if len(numbers) < 2:
            raise NotFound(f"cable {cable_id} has a single version: nothing to compare")
        at = numbers.index(new) if new in numbers else len(numbers) - 1
        old = numbers[at - 1] if at > 0 else numbers[1]
    for n in (old, new):
        _version(store, cable_id, n)
    # each version laid out (an older one parsed again): its paragraphs place the changes
    before, after = store.cable(cable_id, old), store.cable(cable_id, new)
    if before is None or after is None:  # both versions were found just above
        raise NotFound(f"cable {cable_id} has no version {old if before is None else new}")
    pieces = word_diff(before["text"], after["text"])
    found = changes(pieces, after["paragraphs"])
    return {"cable_id": cable_id, "from_version": old, "to_version": new,
            **diff_stats(pieces), "summary": summary(found, before, after),
            "changes": [c.as_dict() for c in found], "pieces": [p.as_dict() for p in pieces]}


def chronological(versions: list[VersionInfo]) -> list[VersionInfo]:
    """Versions in the order they were published (the store's order: dated by when each was
    seen, undated first), not the order they happened to be ingested."""
    from cablescope.store.writer import version_key

    return sorted(versions, key=lambda v: version_key(v["seen"], v["version"]))


def stats(store: Store) -> Stats:
    """Corpus counts (the first 100 problems listed)."""
    return store.stats(problems_limit=100)


def _version(store: Store, cable_id: str, version: int) -> VersionInfo:
    for info in store.versions(cable_id):
        if info["version"] == version:
            return info
    raise NotFound(f"cable {cable_id} has no version {version}: "
                   f"it has {_version_range(store, cable_id)}")


def _version_range(store: Store, cable_id: str) -> str:
    numbers = [v["version"] for v in store.versions(cable_id)]
    if len(numbers) == 1:
        return "only version 1" if numbers == [1] else f"only version {numbers[0]}"
    return "versions " + ", ".join(str(n) for n in numbers)


def similar(store: Store, text: str, limit: int = 10) -> SimilarCables:
    """The cables most like this one (the search layer's more-like-this)."""
    from cablescope.search import similar as more_like

    return more_like(store.connection, resolve_cable(store, text), limit).as_dict()
