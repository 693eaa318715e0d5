"""Resolution: mentions across the corpus -> entities, with the evidence for every join.

Inside a cable, extraction already linked "Sarkozy" to "Nicolas Sarkozy" when the cable names him
in full. Across cables, `cablescope.entities.people` decides who is who (full names, surnames
alone, "the Ambassador"); here organisations merge by canonical name (generic ones per country:
"MFA" at Cairo is Egypt's) and an acronym joins the long form a cable defined it as, when only
one definition exists; then the user's decisions apply (rejected names dropped, merges made:
"merged by user (decision #3)"). Every mention gets the evidence that put it in its entity
(`mentions.evidence`), which the dossier sums up; every name the reason it joined
(`entity_aliases.reason`).
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable

from cablescope.entities.lexicon import ORG_HEAD_WORDS, TITLE_HEADS
from cablescope.entities.model import ORG, PERSON, ROLE
from cablescope.entities.names import fold, fuller, name_key, parse_person
from cablescope.entities.people import group_people, person_of
from cablescope.entities.units import Cable, Groups, Row, Unit, build_units, load


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


def _org_groups(units: list[Unit], groups: Groups, rows: Iterable[Row]) -> None:
    """Acronyms join the one long form a cable defined them as."""
    defined: dict[str, set[str]] = defaultdict(set)
    where: dict[str, str] = {}
    for _mid, cid, etype, _name, key, text, _title, source, _country, _link in rows:
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
        units[index[acronym]].reason = (f"acronym defined as {units[target].name} in a cable "
                                        f"({where[acronym]})")


def _people_called_bodies(units: list[Unit], groups: Groups) -> None:
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


def _apply_merges(units: list[Unit], groups: Groups, merges: list[tuple]) -> list[int]:
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
        named = [u for u in members if not person_of(u).surname_only] or members
        written: Counter[str] = Counter()
        for u in named:
            written[u.name] += len(u.mentions)
        top = max(written.values())
        best = [person_of(u) for u in named if written[u.name] == top]
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
    cables, rows = load(conn)
    rejected, merges = _decisions(conn)
    units = build_units(cables, rows, rejected)
    groups = Groups(len(units))
    group_people(units, groups, cables)
    _org_groups(units, groups, rows)
    _people_called_bodies(units, groups)
    _apply_merges(units, groups, merges)
    clusters: dict[int, list[Unit]] = defaultdict(list)
    for i, unit in enumerate(units):
        clusters[groups.find(i)].append(unit)
    return _write(conn, cables, list(clusters.values()))


def evidence(unit: Unit, mention: int) -> str:
    """Why one mention is in its entity, in words the dossier sums up."""
    link = unit.links.get(mention)
    if unit.reason != "same name" or not link:
        return unit.reason
    for prefix, what in _LINKS:
        if link.startswith(prefix):
            return what
    return "in its cable: " + link


_LINKS = (("surname of ", "surname alone, named in full in the same cable"),
          ("given name of ", "given name alone, named in full in the same cable"),
          ("initial and surname of ", "initial and surname, named in full in the same cable"),
          ("same person as ", "another form of the name in the same cable"),
          ("surname as written elsewhere", "surname written two ways in the same cable"),
          ("the Ambassador", "the Ambassador, who classified the cable"),
          ("the DCM", "the DCM, who classified the cable"),
          ("the cable's own post", "the cable's own post"),
          ("initials of ", "initials, spelt out in the same cable"),
          ("first word of ", "first word of the name, spelt out in the same cable"))


def _write(conn: sqlite3.Connection, cables: dict[str, Cable], clusters: list[list[Unit]]) -> int:
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
        merged: dict[str, tuple[str, Counter[str]]] = {}
        for u in members:
            text = u.texts.most_common(1)[0][0] if u.person is None else u.name
            old = merged.setdefault(u.key, (text, Counter()))
            old[1][u.reason] += len(u.mentions)
            assign.extend((mid, eid, evidence(u, mid)) for mid in u.mentions)
        aliases.extend((eid, k, a, sum(r.values()), r.most_common(1)[0][0])
                       for k, (a, r) in merged.items())
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("DELETE FROM entities")
        conn.execute("DELETE FROM entity_aliases")
        conn.executemany("INSERT INTO entities VALUES (?,?,?,?,?,?,?,?,?)", entities)
        conn.executemany("INSERT INTO entity_aliases VALUES (?,?,?,?,?)", aliases)
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS _assign "
                     "(mention_id INTEGER PRIMARY KEY, entity_id INTEGER, evidence TEXT)")
        conn.execute("DELETE FROM _assign")
        conn.executemany("INSERT INTO _assign VALUES (?, ?, ?)", assign)
        conn.execute("UPDATE mentions SET entity_id = NULL, evidence = NULL")
        conn.execute("UPDATE mentions SET entity_id = a.entity_id, evidence = a.evidence "
                     "FROM _assign a WHERE a.mention_id = mentions.id")
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
