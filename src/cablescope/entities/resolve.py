"""Resolution: mentions across the corpus -> entities, with a reason for every merge.

Inside a cable, extraction already linked "Sarkozy" to "Nicolas Sarkozy" when the cable names him
in full. Across cables this module decides, and records why (`entity_aliases.reason`):

- Full names merge when they are compatible with *every* name already in the group and with no
  other group: same given name ("Craig R. Stapleton" ~ "Craig Stapleton"), an initial
  ("N. Sarkozy"), a spelling variant ("Nicholas" ~ "Nicolas"), accents and case never matter.
  A name that fits two groups ("Craig Stapleton" between "Craig R." and "Craig T.") stays apart.
- A surname alone, in a cable that never gives the full name, joins a full name only with
  evidence: the same title ("FM Kouchner" ~ "Foreign Minister Bernard Kouchner"), or being the
  only person of that surname in cables about the same country and named in at least three of
  them. Otherwise it stays its own entity, one per surname and country: two people who only
  share a surname never merge.
- "The Ambassador" of a post is the person who classified that post's cables as Ambassador
  closest in time (within a year), when the cable itself does not say.
- Organisations merge by canonical name (generic ones per country: "MFA" at Cairo is Egypt's),
  and an acronym joins the long form a cable defined it as, when only one definition exists.
- Then the user's decisions: rejected names are dropped, merges applied ("merged by user #3").
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from cablescope.entities.countries import COUNTRIES, country_name
from cablescope.entities.lexicon import ORG_HEAD_WORDS, TITLE_HEADS, title_for
from cablescope.entities.model import ORG, PERSON, ROLE
from cablescope.entities.names import (
    PersonName,
    compatible,
    fold,
    fuller,
    name_key,
    parse_person,
    surname_matches,
)

_HONORIFIC_TITLES = frozenset({"mr.", "mrs.", "ms.", "mme", "m.", "sir", "dr."})
_DIRECTORY_ROLES = ("Ambassador", "DCM", "Charge d'Affaires")
_DIRECTORY_DAYS = 400
_KNOWN_IN = 3  # cables about a country that must name a person before a surname alone joins


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
    countries: set[str] = field(default_factory=set)
    country: str | None = None
    scope: str = ""  # the cable's country, which keeps surnames alone apart
    reason: str = "same name"
    person: PersonName | None = None


class _Groups:
    """Union-find over unit indexes that keeps, for each unit, why it joined."""

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
class _Cable:
    created: str | None
    origin: str | None
    countries: set[str]
    host: str | None = None

    @property
    def scope(self) -> str:
        return self.host or (min(self.countries) if self.countries else "")


def _norm_title(title: str | None) -> str | None:
    if not title:
        return None
    words = title.split()
    canonical = title_for(title) or (title_for(" ".join(words[-2:])) if len(words) > 1 else None)
    canonical = canonical or title_for(words[-1]) or title
    folded = canonical.lower().strip()
    return None if folded in _HONORIFIC_TITLES else folded


def _load(conn: sqlite3.Connection) -> tuple[dict[str, _Cable], list[tuple]]:
    from cablescope.entities.pipeline import host_countries

    hosts = host_countries(conn)
    cables: dict[str, _Cable] = {}
    for cid, created, origin in conn.execute(
            "SELECT id, created, origin FROM cables WHERE id IN "
            "(SELECT cable_id FROM entity_cables)"):
        host = hosts.get(origin or "")
        cables[cid] = _Cable(created, origin, {host} if host else set(), host)
    for cid, tag in conn.execute("SELECT cable_id, tag FROM tags WHERE kind = 'geo'"):
        if cid in cables and tag in COUNTRIES:
            cables[cid].countries.add(tag)
    rows = conn.execute(
        "SELECT id, cable_id, type, name, key, text, title, source, country FROM mentions "
        "ORDER BY id").fetchall()
    return cables, rows


def _decisions(conn: sqlite3.Connection) -> tuple[set[tuple[str | None, str]], list[tuple]]:
    rejected: set[tuple[str | None, str]] = set()
    merges = []
    for did, action, etype, key, other_key in conn.execute(
            "SELECT id, action, type, key, other_key FROM entity_decisions ORDER BY id"):
        if action == "reject":
            rejected.add((etype, key))
        else:
            merges.append((did, etype, key, other_key))
    return rejected, merges


def _is_rejected(rejected: set[tuple[str | None, str]], etype: str, *keys: str) -> bool:
    return any((t is None or t == etype) and k in keys for t, k in rejected)


def build_units(cables: dict[str, _Cable], rows: Iterable[tuple],
                rejected: set[tuple[str | None, str]]) -> list[Unit]:
    """Group mentions into units: a name per type, surnames alone and roles per cable."""
    units: dict[tuple, Unit] = {}
    for mid, cid, etype, name, key, text, title, source, country in rows:
        if _is_rejected(rejected, etype, key, name_key(text), name_key(name)):
            continue
        cable = cables.get(cid)
        if cable is None:
            continue
        person = parse_person(name) if etype == PERSON else None
        if etype == PERSON and person is None:
            continue
        local = (etype == PERSON and person is not None and person.surname_only) or etype == ROLE
        ukey = (etype, key, cid) if local else (etype, key)
        unit = units.get(ukey)
        if unit is None:
            unit = units[ukey] = Unit(etype, key, name, person=person, country=country,
                                      scope=cable.scope)
        unit.mentions.append(mid)
        unit.texts[text] += 1
        unit.cables.add(cid)
        unit.countries |= cable.countries
        norm = _norm_title(title)
        if norm:
            unit.titles.add(norm)
        if source == "classified_by" and title:
            unit.titles.add("classified:" + (_norm_title(title) or ""))
    return list(units.values())


def _p(unit: Unit) -> PersonName:
    """The unit's person name (units of people always have one)."""
    if unit.person is None:
        raise ValueError(f"unit {unit.key!r} is not a person")
    return unit.person


def _person_groups(units: list[Unit], groups: _Groups, cables: dict[str, _Cable]) -> None:
    full = [i for i, u in enumerate(units) if u.type == PERSON and u.person
            and not u.person.surname_only]
    by_surname: dict[str, list[int]] = defaultdict(list)
    for i in full:
        by_surname[_p(units[i]).surname].append(i)
    for members in by_surname.values():
        members.sort(key=lambda i: (-len(_p(units[i]).tokens), -len(units[i].mentions)))
        clusters: list[list[int]] = []
        for i in members:
            fits = []
            for cluster in clusters:
                reasons = [compatible(_p(units[i]), _p(units[j])) for j in cluster]
                if all(r and r != "surname only" for r in reasons):
                    fits.append((cluster, reasons[0]))
            if len(fits) == 1:
                cluster, reason = fits[0]
                cluster.append(i)
                groups.union(cluster[0], i)
                if units[i].key != units[cluster[0]].key:
                    units[i].reason = reason or "same name"
            else:
                clusters.append([i])
                if len(fits) > 1:
                    units[i].reason = "kept apart: fits " + ", ".join(
                        units[c[0]].name for c, _r in fits)
    _surnames(units, groups, full, cables)
    _directory(units, groups, cables)
    # What found no full name or officer: one entity per surname (or role) and country.
    size = Counter(groups.find(i) for i in range(len(units)))
    alone: dict[tuple[str, str, str], int] = {}
    for i, unit in enumerate(units):
        local = unit.type == ROLE or (unit.type == PERSON and unit.person is not None
                                      and unit.person.surname_only)
        if not local or size[groups.find(i)] > 1:
            continue
        scope = (unit.type, unit.key, unit.scope if unit.type == PERSON else "")
        if scope in alone:
            groups.union(alone[scope], i)
        else:
            alone[scope] = i


def _surnames(units: list[Unit], groups: _Groups, full: list[int],
              cables: dict[str, _Cable]) -> None:
    """A surname alone joins a full name only with a shared title, or when that full name is the
    only one of the surname in cables about the same country and named in several of them."""
    roots: dict[int, list[int]] = defaultdict(list)
    for i in full:
        roots[groups.find(i)].append(i)
    by_surname: dict[str, list[int]] = defaultdict(list)
    for root, members in roots.items():
        for j in members:
            for tok in _p(units[j]).tokens[1:]:
                if root not in by_surname[tok]:
                    by_surname[tok].append(root)
    for i, unit in enumerate(units):
        if unit.type != PERSON or not unit.person or not unit.person.surname_only:
            continue
        last = unit.person.surname.split()[-1]
        candidates = [r for r in by_surname.get(last, []) if any(
            surname_matches(unit.person, _p(units[j])) for j in roots[r])]
        if not candidates:
            continue
        titles = {t for t in unit.titles if not t.startswith("classified:")}
        by_title = [r for r in candidates if titles & set().union(*(units[j].titles
                                                                   for j in roots[r]))]
        cable = next(iter(unit.cables))
        if len(by_title) == 1:
            shared = sorted(titles & set().union(*(units[j].titles for j in roots[by_title[0]])))
            groups.union(by_title[0], i)
            unit.reason = (f"surname with the title '{shared[0]}', as {units[by_title[0]].name} "
                           f"is titled elsewhere ({cable})")
            continue
        if titles and not by_title:
            unit.reason = ("surname with a title no full name of that surname has: "
                           + ", ".join(sorted(titles)))
            continue
        by_country = [r for r in candidates if unit.countries & set().union(
            *(units[j].countries for j in roots[r]))]
        if len(by_country) == 1 and unit.countries:
            root = by_country[0]
            named = {c for j in roots[root] for c in units[j].cables
                     if cables[c].countries & unit.countries}
            if len(named) < _KNOWN_IN:
                unit.reason = (f"surname alone; {units[root].name} is named in only "
                               f"{len(named)} cable(s) about the same country")
                continue
            place = ", ".join(sorted(filter(None, (country_name(c) for c in unit.countries))))
            groups.union(root, i)
            unit.reason = (f"surname; the only person of that surname in cables about {place}, "
                           f"where {units[root].name} is named in {len(named)} cables ({cable})")
        else:
            unit.reason = "surname alone, no unique full name to join: " + (
                ", ".join(units[r].name for r in candidates[:5]))


def _days(a: str | None, b: str | None) -> int | None:
    try:
        return abs((dt.date.fromisoformat((a or "")[:10]) - dt.date.fromisoformat(
            (b or "")[:10])).days)
    except ValueError:
        return None


def _directory(units: list[Unit], groups: _Groups, cables: dict[str, _Cable]) -> None:
    """"The Ambassador" of a post: who classified that post's cables as Ambassador, nearest."""
    officers: dict[tuple[str, str], list[tuple[str | None, int, str]]] = defaultdict(list)
    for i, unit in enumerate(units):
        if unit.type != PERSON:
            continue
        for t in unit.titles:
            if t.startswith("classified:"):
                role = t.split(":", 1)[1]
                for cid in unit.cables:
                    origin = cables[cid].origin or ""
                    officers[(origin, role)].append((cables[cid].created, i, cid))
    for i, unit in enumerate(units):
        if unit.type != ROLE:
            continue
        label = unit.name
        if label not in _DIRECTORY_ROLES:
            continue
        role = _norm_title(label)
        cid = next(iter(unit.cables))
        cable = cables[cid]
        seen = [(d, j, c) for d, j, c in officers.get((cable.origin or "", role or ""), [])
                if (days := _days(d, cable.created)) is not None and days <= _DIRECTORY_DAYS]
        if not seen:
            continue
        date, j, source = min(seen, key=lambda x: _days(x[0], cable.created) or 0)
        if len({groups.find(k) for _d, k, _c in seen
                if _days(_d, cable.created) == _days(date, cable.created)}) > 1:
            continue
        groups.union(j, i)
        unit.reason = (f"the {label} of {cable.origin}: Classified By {label} {units[j].name} "
                       f"in {source} ({_days(date, cable.created)} days apart)")


def _org_groups(units: list[Unit], groups: _Groups, rows: Iterable[tuple]) -> None:
    """Acronyms join the one long form a cable defined them as."""
    defined: dict[str, set[str]] = defaultdict(set)
    where: dict[str, str] = {}
    for _mid, cid, etype, _name, key, text, _title, source, _country in rows:
        if etype == ORG and source == "definition" and text.isupper() and len(text) <= 10:
            defined[name_key(text)].add(key)
            where.setdefault(name_key(text), cid)
    index = {u.key: i for i, u in enumerate(units) if u.type == ORG}
    for acronym, keys in defined.items():
        if len(keys) != 1 or acronym not in index:
            continue
        target = index.get(next(iter(keys)))
        if target is None or target == index[acronym]:
            continue
        groups.union(target, index[acronym])
        units[index[acronym]].reason = (f"acronym defined as {units[target].name} in "
                                        f"{where[acronym]}")


def _people_called_bodies(units: list[Unit], groups: _Groups) -> None:
    """An "organisation" whose name is a person's full name elsewhere is that person: the model
    tagged "Laurent Fabius" as a body in one cable, a person in twenty."""
    people: dict[str, int] = {}
    for i, u in enumerate(units):
        if u.type == PERSON and u.person and not u.person.surname_only and len(u.cables) > 1:
            people.setdefault(u.person.key, i)
    for i, u in enumerate(units):
        if u.type != ORG or u.country or u.name.isupper() or len(u.name.split()) < 2:
            continue
        if any(fold(w) in ORG_HEAD_WORDS or fold(w) in TITLE_HEADS for w in u.name.split()):
            continue  # "United States Trade Representative" is an office
        person = parse_person(u.name)
        j = people.get(person.key) if person else None
        if j is not None:
            groups.union(j, i)
            u.reason = f"a person elsewhere ({units[j].name}); the model called it a body here"


def _apply_merges(units: list[Unit], groups: _Groups, merges: list[tuple]) -> list[int]:
    """The user's merges; returns the decisions that found nothing to merge."""
    alias: dict[str, set[int]] = defaultdict(set)
    for i, u in enumerate(units):
        for k in {u.key, name_key(u.name), *(name_key(t) for t in u.texts)}:
            alias[k].add(i)
    unmatched = []
    for did, etype, key, other_key in merges:
        a = [i for i in alias.get(key, ()) if etype is None or units[i].type == etype]
        b = [i for i in alias.get(other_key, ()) if etype is None or units[i].type == etype]
        if not a or not b:
            unmatched.append(did)
            continue
        for i in a + b:
            if groups.find(i) != groups.find(a[0]):
                units[i].reason = f"merged by user (decision #{did})"
            groups.union(a[0], i)
    return unmatched


def _cluster_type(members: list[Unit]) -> str:
    """A cluster with a person in it is a person ("the Ambassador" joined to Stapleton)."""
    return PERSON if any(u.type == PERSON for u in members) else members[0].type


def _canonical(members: list[Unit]) -> tuple[str, str | None]:
    """The entity's name: its most written full name (the fuller on a tie); for bodies the most
    written name, long forms before acronyms."""
    etype = _cluster_type(members)
    if etype == PERSON:
        members = [u for u in members if u.type == PERSON]
        named = [u for u in members if not _p(u).surname_only] or members
        written: Counter[str] = Counter()
        for u in named:
            written[u.name] += len(u.mentions)
        top = max(written.values())
        best = [_p(u) for u in named if written[u.name] == top]
        pick = best[0]
        for p in best[1:]:
            pick = fuller(pick, p)
        return pick.display, None
    counts: Counter[tuple[str, str | None]] = Counter()
    for u in members:
        counts[(u.name, u.country)] += len(u.mentions) * (1 if u.name.isupper() else 2)
    (name, country), _n = counts.most_common(1)[0]
    return name, country


def resolve(conn: sqlite3.Connection) -> int:
    """Rebuild `entities` and `entity_aliases` and every `entity_id` from mentions and the user's
    decisions. Returns the number of entities. Cheap enough to run after every decision."""
    cables, rows = _load(conn)
    rejected, merges = _decisions(conn)
    units = build_units(cables, rows, rejected)
    groups = _Groups(len(units))
    _person_groups(units, groups, cables)
    _org_groups(units, groups, rows)
    _people_called_bodies(units, groups)
    _apply_merges(units, groups, merges)
    clusters: dict[int, list[Unit]] = defaultdict(list)
    for i, unit in enumerate(units):
        clusters[groups.find(i)].append(unit)
    return _write(conn, cables, list(clusters.values()))


def _write(conn: sqlite3.Connection, cables: dict[str, _Cable], clusters: list[list[Unit]]) -> int:
    entities, aliases, assign = [], [], []
    used: set[str] = set()
    for members in sorted(clusters, key=lambda m: (_cluster_type(m), m[0].name)):
        name, country = _canonical(members)
        etype = _cluster_type(members)
        if etype == ROLE:
            origin = cables[next(iter(members[0].cables))].origin or ""
            name = f"{members[0].name} ({origin})" if origin else members[0].name
        base = f"{etype}:{name_key(name)}"
        if etype == PERSON and all(u.person and u.person.surname_only for u in members):
            countries = sorted(set().union(*(u.countries for u in members)))
            base += "|" + (",".join(c.lower() for c in countries[:3]) or "-")
        elif country:
            base += f"|{country.lower()}"
        key, n = base, 1
        while key in used:
            n += 1
            key = f"{base}#{n}"
        used.add(key)
        eid = len(entities) + 1
        cable_ids = set().union(*(u.cables for u in members))
        dates = sorted(d for d in (cables[c].created for c in cable_ids) if d)
        entities.append((eid, etype, name, key, country, sum(len(u.mentions) for u in members),
                         len(cable_ids), dates[0][:10] if dates else None,
                         dates[-1][:10] if dates else None))
        merged: dict[str, tuple[str, int, str]] = {}
        for u in members:
            text = u.texts.most_common(1)[0][0] if u.person is None else u.name
            old = merged.get(u.key)
            merged[u.key] = (old[0] if old else text, (old[1] if old else 0) + len(u.mentions),
                             old[2] if old else u.reason)
            assign.extend((mid, eid) for mid in u.mentions)
        aliases.extend((eid, k, a, n_, r) for k, (a, n_, r) in merged.items())
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("DELETE FROM entities")
        conn.execute("DELETE FROM entity_aliases")
        conn.executemany("INSERT INTO entities VALUES (?,?,?,?,?,?,?,?,?)", entities)
        conn.executemany("INSERT INTO entity_aliases VALUES (?,?,?,?,?)", aliases)
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS _assign "
                     "(mention_id INTEGER PRIMARY KEY, entity_id INTEGER)")
        conn.execute("DELETE FROM _assign")
        conn.executemany("INSERT INTO _assign VALUES (?, ?)", assign)
        conn.execute("UPDATE mentions SET entity_id = NULL")
        conn.execute("UPDATE mentions SET entity_id = a.entity_id FROM _assign a "
                     "WHERE a.mention_id = mentions.id")
        conn.execute("UPDATE meeting_participants SET entity_id = (SELECT entity_id FROM mentions "
                     "m WHERE m.id = meeting_participants.mention_id)")
        conn.execute("UPDATE quotes SET entity_id = (SELECT entity_id FROM mentions m "
                     "WHERE m.id = quotes.mention_id)")
        conn.execute("DROP TABLE _assign")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return len(entities)

