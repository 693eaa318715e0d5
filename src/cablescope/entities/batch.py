"""Extraction inputs without a database: what `pipeline` reads from SQLite, built from plain
values, for callers that hold the corpus elsewhere (`cablescope spark entities` reads Parquet).

The pipeline builds its inputs with these same functions, so a cable extracted from Parquet and
from the database gets the same context and blocks.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from cablescope.entities.countries import COUNTRIES
from cablescope.entities.model import Block, CableContext
from cablescope.entities.truecase import is_caps, learn_casing


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split(";") if v.strip())


def cable_input(cable_id: str, created: str | None, origin: str | None, subject: str | None,
                classified_by: str | None, classified_by_title: str | None,
                signers: str | None, tags: Sequence[tuple[str, str]],
                blocks: Iterable[tuple[int, int | None, str]],
                countries: Mapping[str, str],
                recipients: Iterable[tuple[str, str]] = ()) -> tuple[CableContext, list[Block]]:
    """A cable's context and paragraphs, as extraction reads them: the `cables` columns as
    stored ('; '-joined lists), its (tag, kind) in TAGS order, its (seq, number, text) blocks
    in order, the host country of each post (`host_countries_from`), and its `recipients`
    rows as (kind, name) in order."""
    ctx = CableContext(
        id=cable_id, created=created, origin=origin, country=countries.get(origin or ""),
        subject=subject, person_tags=tuple(t for t, k in tags if k == "person"),
        geo_tags=tuple(t for t, k in tags if k == "geo"), signers=_split(signers),
        classified_by=_split(classified_by), classified_by_title=classified_by_title,
        addressees=tuple(name for kind, name in recipients if kind != "from"))
    return ctx, [Block(seq, number, text) for seq, number, text in blocks]


def host_countries_from(origin_tags: Iterable[tuple[str, str, int]],
                        totals: Mapping[str, int]) -> dict[str, str]:
    """Origin post -> host country code from (origin, geo tag, cables) counts and the cables of
    each origin: the country most of a post's cables are tagged with, when at least 40% are
    (posts whose cables spread over many countries, and the US, get none)."""
    by_origin: dict[str, Counter[str]] = {}
    for origin, tag, n in origin_tags:
        if tag in COUNTRIES:
            by_origin.setdefault(origin, Counter())[tag] += n
    result = {}
    for origin, counts in by_origin.items():
        tag, n = counts.most_common(1)[0]
        if n >= 0.4 * totals.get(origin, n) and tag != "US":
            result[origin] = tag
    return result


def host_countries(conn: sqlite3.Connection) -> dict[str, str]:
    """Origin post -> host country code, from the country TAGS its cables carry most.

    Data, not a list: "Embassy Paris" is FR because most of its cables are tagged FR. Posts
    whose cables spread over many countries (Washington, missions) get none.
    """
    rows = conn.execute(
        "SELECT c.origin, t.tag, count(*) FROM cables c JOIN tags t ON t.cable_id = c.id "
        "WHERE t.kind = 'geo' AND c.origin IS NOT NULL GROUP BY c.origin, t.tag")
    totals = dict(conn.execute(
        "SELECT origin, count(*) FROM cables WHERE origin IS NOT NULL GROUP BY origin"))
    return host_countries_from(rows, totals)


def learn_corpus_casing(texts: Iterable[str]) -> dict[str, tuple[int, int, int]]:
    """The corpus's word-casing table from a sample of its paragraphs (capitalised ones are
    skipped: they say nothing about case)."""
    return learn_casing(t for t in texts if not is_caps(t))
