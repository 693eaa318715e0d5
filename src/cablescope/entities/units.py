"""What resolution works on: units (one name, or a surname alone in one cable), the cables they
come from, and the union-find that groups them. Shared by `resolve` (organisations, writing) and
`people` (who is who).
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from cablescope.entities.batch import host_countries
from cablescope.entities.countries import COUNTRIES
from cablescope.entities.lexicon import title_for
from cablescope.entities.model import PERSON, ROLE
from cablescope.entities.names import PersonName, name_key, parse_person

HONORIFIC_TITLES = frozenset({"mr.", "mrs.", "ms.", "mme", "m.", "sir", "dr."})
FEMALE_TITLES = frozenset({"mrs.", "ms.", "mme", "madame", "queen", "princess", "sheikha",
                           "first lady", "lady"})

# (id, cable_id, type, name, key, text, title, source, country, link)
Row = tuple[int, str, str, str, str, str, str | None, str, str | None, str | None]


@dataclass(slots=True)
class Unit:
    """What resolution merges: one name (persons: per cable when only a surname)."""

    type: str
    key: str
    name: str
    mentions: list[int] = field(default_factory=list)
    texts: Counter[str] = field(default_factory=Counter)
    cables: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)
    honorifics: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    country: str | None = None
    scope: str = ""  # the cable's country, which keeps surnames alone apart
    reason: str = "same name"
    person: PersonName | None = None
    links: dict[int, str] = field(default_factory=dict)  # mention -> how its cable linked it
    bare: dict[str, set[str]] = field(default_factory=dict)  # surname alone -> cables
    hint: str | None = None  # a titled surname alone: the full name its cable linked it to
    header: bool = True  # every mention from the header: a signer or a routing line


class Groups:
    """Union-find over unit indexes."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


@dataclass(slots=True)
class Cable:
    created: str | None
    origin: str | None
    countries: set[str]
    host: str | None = None

    @property
    def scope(self) -> str:
        return self.host or (min(self.countries) if self.countries else "")

    @property
    def year(self) -> int | None:
        try:
            return int((self.created or "")[:4])
        except ValueError:
            return None


def norm_title(title: str | None) -> str | None:
    """A title's canonical lower-case form ("FM" -> "foreign minister"); None for honorifics."""
    if not title:
        return None
    words = title.split()
    canonical = title_for(title) or (title_for(" ".join(words[-2:])) if len(words) > 1 else None)
    canonical = canonical or title_for(words[-1]) or title
    folded = canonical.lower().strip()
    return None if folded in HONORIFIC_TITLES else folded


def load(conn: sqlite3.Connection) -> tuple[dict[str, Cable], list[Row]]:
    """The extracted cables (date, origin, countries) and every mention."""

    hosts = host_countries(conn)
    cables: dict[str, Cable] = {}
    for cid, created, origin in conn.execute(
            "SELECT id, created, origin FROM cables WHERE id IN "
            "(SELECT cable_id FROM entity_cables)"):
        host = hosts.get(origin or "")
        cables[cid] = Cable(created, origin, {host} if host else set(), host)
    for cid, tag in conn.execute("SELECT cable_id, tag FROM tags WHERE kind = 'geo'"):
        if cid in cables and tag in COUNTRIES:
            cables[cid].countries.add(tag)
    rows = conn.execute(
        "SELECT id, cable_id, type, name, key, text, title, source, country, link "
        "FROM mentions ORDER BY id").fetchall()
    return cables, rows


def _is_rejected(rejected: set[tuple[str | None, str]], etype: str, *keys: str) -> bool:
    return any((t is None or t == etype) and k in keys for t, k in rejected)


# Where a header names people: the signers and the routing lines write them by surname.
HEADER_SOURCES = frozenset({"signer", "routing"})


def build_units(cables: dict[str, Cable], rows: Iterable[Row],
                rejected: set[tuple[str | None, str]]) -> list[Unit]:
    """Group mentions into units: a name per type, surnames alone and roles per cable."""
    units: dict[tuple[str, ...], Unit] = {}
    for mid, cid, etype, name, key, text, title, source, country, link in rows:
        if rejected and _is_rejected(rejected, etype, key, name_key(text), name_key(name)):
            continue
        cable = cables.get(cid)
        if cable is None:
            continue
        person = parse_person(name) if etype == PERSON else None
        if etype == PERSON and person is None:
            continue
        hint = None
        if person is not None and title and link and link.startswith("surname of ") \
                and norm_title(title):
            written = parse_person(text)  # "President Karzai" linked to the cable's full name:
            if written is not None and written.surname_only:  # titles may say otherwise
                person, hint, name, key = written, key, written.display, written.key
        local = (etype == PERSON and person is not None and person.surname_only) or etype == ROLE
        ukey = (etype, key, cid, hint or "") if local else (etype, key)
        unit = units.get(ukey)
        if unit is None:
            unit = units[ukey] = Unit(etype, key, name, person=person, country=country,
                                      scope=cable.scope, hint=hint)
        unit.mentions.append(mid)
        unit.header = unit.header and source in HEADER_SOURCES
        unit.texts[text] += 1
        unit.cables.add(cid)
        unit.countries |= cable.countries
        if link:
            unit.links[mid] = link
            if person is not None and not hint and link.startswith("surname of "):
                written = parse_person(text)
                if written is not None and written.surname_only:
                    unit.bare.setdefault(written.surname, set()).add(cid)
        norm = norm_title(title)
        if norm:
            unit.titles.add(norm)
        elif title:
            unit.honorifics.add(title.lower().strip())
        if source == "classified_by" and title:
            unit.titles.add("classified:" + (norm_title(title) or ""))
    return list(units.values())
