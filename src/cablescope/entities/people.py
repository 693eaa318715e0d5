"""Who is who across the corpus: full names into people, surnames alone to the person they mean.

A journalist asks for a person, not for a mention: "Sarkozy" alone in a cable that never gives
his first name is still Nicolas Sarkozy, unless something says otherwise. Every join is kept with
its evidence, in words (`Unit.reason`, shown in the dossier), and two people who share a surname
are kept apart wherever the corpus gives real evidence of two people.

- **Full names** join when compatible with the fullest or the most written name of a group, and
  of no other group (a name that fits two, "George Bush", joins the one its years name
  overwhelmingly):
  same given name, an initial, a spelling or transliteration variant (Nicholas ~ Nicolas,
  Binyamin ~ Benjamin), a short form (Mike ~ Michael); case and accents never matter.
- **A surname alone** (in a cable that never names the person in full; inside a cable,
  extraction already linked it) joins, in this order of evidence:
  1. the one person of that surname who carries the same title ("President Karzai");
  2. the person the corpus overwhelmingly means by the bare surname: of the cables that write
     the surname alone *and* say whom (a full name in the cable, or a title only one person of
     that surname carries), at least 80% mean them (or 60%, and four times the next person or
     the next in one cable only), in
     cables about the same country and years, else the same years, else the whole corpus;
  3. failing such cables, the one person of that surname named in full in cables about the same
     country and years (else the same years, else the whole corpus), or the one overwhelmingly
     most named there;
  4. a surname the header alone writes (a signer, a routing line: "STAPLETON"), when nothing
     above decides: the one person of that surname named in full in cables of the same post,
     else in the whole corpus.
  A female form of address ("Mrs. Sarkozy") never joins a person addressed otherwise. What
  finds no person stays an entity of its own, one per surname and country, saying why.
- **"The Ambassador"** of a post is who classified that post's cables as Ambassador, nearest in
  time (within about a year).
- **A name the corpus calls something else** ("Qom" read as a person in capitalised text, a
  place in most cables) is that place or body.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from cablescope.entities.countries import country_name
from cablescope.entities.model import ORG, PERSON, PLACE, ROLE
from cablescope.entities.names import PersonName, compatible, surname_matches
from cablescope.entities.units import FEMALE_TITLES, Cable, Groups, Unit, norm_title

DIRECTORY_ROLES = ("Ambassador", "DCM", "Charge d'Affaires")
_DIRECTORY_DAYS = 400
YEARS = 3  # a surname alone means whom the cables of these many years around it mean
SHARE = 0.8  # "overwhelmingly": the share of the evidence one person must have
_MIN_EVIDENCE = 3  # cables of evidence a scope needs before it decides
_LEAD_SHARE, _LEAD = 0.6, 4  # ... or this share and this many times the next person's
_OTHER_TYPE = 2  # a person name the corpus calls a place or body this many times as often


def person_of(unit: Unit) -> PersonName:
    """The unit's person name (units of people always have one)."""
    if unit.person is None:
        raise ValueError(f"unit {unit.key!r} is not a person")
    return unit.person


def group_people(units: list[Unit], groups: Groups, cables: dict[str, Cable]) -> None:
    """Everything about people: corpus types, full names, surnames alone, directory roles,
    and what is left (one entity per surname or role and country)."""
    _other_types(units, groups)
    full = _full_names(units, groups, cables)
    Surnames(units, groups, full, cables).attach()
    _directory(units, groups, cables)
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


def _other_types(units: list[Unit], groups: Groups) -> None:
    """A "person" the corpus mostly calls a place or a body ("Qom", "Sao Paulo", "Lockheed
    Martin") is that place or body."""
    others: dict[str, tuple[int, int]] = {}
    for i, u in enumerate(units):
        if u.type in (PLACE, ORG) and not u.country:
            best = others.get(u.key)
            if best is None or len(u.mentions) > best[1]:
                others[u.key] = (i, len(u.mentions))
    people: Counter[str] = Counter()
    for u in units:
        if u.type == PERSON and u.person is not None:
            people[u.key] += len(u.mentions)
    for i, u in enumerate(units):
        if u.type != PERSON or u.person is None:
            continue
        other = others.get(u.key)
        if other is None or other[1] < _OTHER_TYPE * people[u.key] or other[1] < 5:
            continue
        target = units[other[0]]
        what = "a place" if target.type == PLACE else "a body"
        u.reason = (f"not a person: the cables call {target.name} {what} "
                    f"({other[1]} mentions against {people[u.key]} as a person)")
        u.type, u.person = target.type, None
        groups.union(other[0], i)


def _full_names(units: list[Unit], groups: Groups, cables: dict[str, Cable]) -> list[int]:
    """Join compatible full names of one surname; returns the indexes of the full-name units."""
    full = [i for i, u in enumerate(units) if u.type == PERSON and u.person
            and not u.person.surname_only]
    by_surname: dict[str, list[int]] = defaultdict(list)
    for i in full:
        by_surname[person_of(units[i]).surname].append(i)
    for members in by_surname.values():
        members.sort(key=lambda i: (-len(person_of(units[i]).tokens), -len(units[i].mentions)))
        clusters: list[list[int]] = []
        for i in members:
            fits = []
            for cluster in clusters:  # the first is the fullest name of the group
                reason = compatible(person_of(units[i]), person_of(units[cluster[0]]))
                if not reason or reason == "surname only":  # or its most written name
                    most = max(cluster, key=lambda j: len(units[j].mentions))
                    reason = compatible(person_of(units[i]), person_of(units[most]))
                if reason and reason != "surname only":
                    fits.append((cluster, reason))
            if len(fits) > 1:
                fits, why = _nearest_in_time(units, i, fits, cables)
            else:
                why = ""
            if len(fits) == 1:
                cluster, reason = fits[0]
                cluster.append(i)
                groups.union(cluster[0], i)
                if units[i].key != units[cluster[0]].key:
                    units[i].reason = why or reason or "same name"
            else:
                clusters.append([i])
                if why:
                    units[i].reason = why
    return full


def _nearest_in_time(units: list[Unit], i: int, fits: list[tuple[list[int], str]],
                     cables: dict[str, Cable]) -> tuple[list[tuple[list[int], str]], str]:
    """A name that fits several people ("George Bush": George W. or George H. W.) is the one
    the cables of its years name overwhelmingly; else it stays apart, saying so."""
    years = {y for c in units[i].cables if (y := cables[c].year) is not None}

    def near(cluster: list[int]) -> int:
        return sum(1 for j in cluster for c in units[j].cables
                   if (y := cables[c].year) is not None and any(abs(y - x) <= YEARS
                                                                for x in years))
    counts = [near(cluster) for cluster, _r in fits]
    names = ", ".join(units[c[0]].name for c, _r in fits)
    best = max(range(len(fits)), key=lambda k: counts[k])
    total = sum(counts)
    if total and counts[best] / total >= SHARE:
        return [fits[best]], (f"fits {names}; the cables of its years name "
                              f"{units[fits[best][0][0]].name} ({counts[best]} of {total})")
    return fits, f"kept apart: fits {names}"


# year -> the country sets of the cables of that year (one entry per cable)
Seen = dict[int, list[frozenset[str]]]


@dataclass(slots=True)
class _Person:
    """A group of full names (one person) as the surname rules see it."""

    root: int
    name: str
    titles: set[str]
    female: bool
    named: Seen  # the cables naming them in full
    posts: set[str]  # the posts (origins) of those cables


class Surnames:
    """Attach each surname alone to the person the evidence says it means (module docstring)."""

    def __init__(self, units: list[Unit], groups: Groups, full: list[int],
                 cables: dict[str, Cable]) -> None:
        self.units, self.groups, self.cables = units, groups, cables
        self.members: dict[int, list[int]] = defaultdict(list)
        for i in full:
            self.members[groups.find(i)].append(i)
        self.full = {units[i].key: i for i in full}
        self.people: dict[int, _Person] = {}
        self.by_surname: dict[str, list[int]] = defaultdict(list)
        # surname alone -> person -> the cables that write it alone beside that person's name
        self.meant: dict[str, dict[int, Seen]] = defaultdict(dict)
        for root, idx in self.members.items():
            us = [units[j] for j in idx]
            name = max(us, key=lambda u: len(u.mentions)).name
            marks = set().union(*(u.honorifics | u.titles for u in us))
            cited = set().union(*(u.cables for u in us))
            self.people[root] = _Person(root, name, set().union(*(u.titles for u in us)),
                                        bool(marks & FEMALE_TITLES), self._seen(cited),
                                        {o for c in cited if (o := self._origin(c))})
            bare: dict[str, set[str]] = defaultdict(set)
            for j in idx:
                for tok in person_of(units[j]).tokens[1:]:
                    if root not in self.by_surname[tok]:
                        self.by_surname[tok].append(root)
                for surname, where in units[j].bare.items():
                    bare[surname] |= where
            for surname, where in bare.items():
                self.meant[surname][root] = self._seen(where)
        self._decided: dict[tuple[object, ...], tuple[int | None, str]] = {}

    def _origin(self, cable_id: str) -> str | None:
        cable = self.cables.get(cable_id)
        return cable.origin if cable is not None else None

    def _seen(self, cable_ids: Iterable[str]) -> Seen:
        seen: Seen = defaultdict(list)
        for c in cable_ids:
            cable = self.cables.get(c)
            if cable is not None and cable.year is not None:
                seen[cable.year].append(frozenset(cable.countries))
        return seen

    def attach(self) -> None:
        """Titles first (they also show whom the bare surname means), then the rest."""
        pending: list[tuple[int, PersonName, list[_Person], Cable, bool, bool]] = []
        for i, unit in enumerate(self.units):
            if unit.type != PERSON or not unit.person or not unit.person.surname_only:
                continue
            person = unit.person
            last = person.surname.split()[-1]
            candidates = [self.people[r] for r in self.by_surname.get(last, ()) if any(
                surname_matches(person, person_of(self.units[j])) for j in self.members[r])]
            if not candidates:
                continue
            cable_id = next(iter(unit.cables))
            cable = self.cables[cable_id]
            marks = unit.honorifics | unit.titles
            female, male = bool(marks & FEMALE_TITLES), bool(marks & _MALE_ADDRESS)
            if female or male:
                candidates = [p for p in candidates if p.female == female]
            if not candidates:
                unit.reason = (f"surname alone, addressed as a {'woman' if female else 'man'}: "
                               f"no person called {person.display} is addressed so")
                continue
            titles = {t for t in unit.titles if not t.startswith("classified:")}
            titled = [p for p in candidates if p.titles & titles]
            linked = self.full.get(unit.hint) if unit.hint else None
            if linked is not None and (len(titled) != 1 or titled[0].root == self.groups.find(
                    linked)):  # the cable names them in full, and no title says otherwise
                unit.reason = "surname alone, named in full in the same cable"
                self.groups.union(linked, i)
                continue
            if len(titled) == 1:
                shared = sorted(titled[0].titles & titles)[0]
                unit.reason = (f"surname with the title '{shared}', which only {titled[0].name} "
                               f"carries among people called {person.display}")
                self.groups.union(titled[0].root, i)
                self._observe(person.surname, titled[0].root, cable)
                continue
            pending.append((i, person, candidates, cable, female, male))
        for i, person, candidates, cable, female, male in pending:
            header = self.units[i].header
            key = (person.surname, tuple(p.root for p in candidates), female, male,
                   frozenset(cable.countries), cable.year, cable.origin if header else None)
            if key not in self._decided:
                self._decided[key] = self._decide(person, candidates, cable, header)
            root, reason = self._decided[key]
            self.units[i].reason = reason
            if root is not None:
                self.groups.union(root, i)

    def _observe(self, surname: str, root: int, cable: Cable) -> None:
        if cable.year is not None:
            seen = self.meant[surname].setdefault(root, defaultdict(list))
            seen[cable.year].append(frozenset(cable.countries))

    def _decide(self, person: PersonName, people: list[_Person], cable: Cable,
                header: bool = False) -> tuple[int | None, str]:
        surname = person.display
        meant = self.meant.get(person.surname, {})
        for scope in _scopes(cable):
            counts = {p.root: _count(meant.get(p.root, {}), scope, cable) for p in people}
            total = sum(counts.values())
            if total >= _MIN_EVIDENCE:
                return self._verdict(counts, total, scope, cable, (
                    f"the cables that write {surname} alone and say whom, by a full name or a "
                    "title only one person carries,"))
        for scope in _scopes(cable):
            counts = {p.root: _count(p.named, scope, cable) for p in people}
            total = sum(counts.values())
            named = [r for r, n in counts.items() if n]
            if len(named) == 1 and total >= 2:
                p = self.people[named[0]]
                return p.root, (f"surname alone: the only person called {surname} named in full "
                                f"in the cables around it ({total} cables {_where(scope, cable)})")
            if total >= _MIN_EVIDENCE:
                return self._verdict(counts, total, scope, cable,
                                     f"the cables naming someone called {surname} in full")
        if header:  # "STAPLETON" signing Paris cables: the one Stapleton the post names in full
            exact = [p for p in people  # not "Peter X Anthony Y", a name run into the next
                     if person_of(self.units[p.root]).surname == person.surname]
            posted = [p for p in exact if cable.origin and cable.origin in p.posts]
            for found, where in ((posted, f"cables of {cable.origin}"), (exact, "the corpus")):
                if len(found) == 1:
                    return found[0].root, (
                        f"surname alone in the header (signer, routing): the only person called "
                        f"{surname} named in full in {where}")
        return None, (f"surname alone: too few cables name someone called {surname} in full to "
                      "say which of " + ", ".join(p.name for p in people[:4]))

    def _verdict(self, counts: dict[int, int], total: int, scope: str, cable: Cable,
                 what: str) -> tuple[int | None, str]:
        ranked = sorted(counts.items(), key=lambda x: -x[1])
        root, n = ranked[0]
        where = _where(scope, cable)
        runner = ranked[1][1] if len(ranked) > 1 else 0
        if n / total >= SHARE or (n / total >= _LEAD_SHARE and (
                n >= _LEAD * runner or runner <= 1)):  # one cable is no evidence of two people
            return root, f"surname alone: {what} mostly mean them ({n} of {total} {where})"
        shares = ", ".join(f"{self.people[r].name} {k / total:.0%}" for r, k in ranked[:3] if k)
        return None, f"surname alone, kept apart: {what} mean several people ({shares}; " \
            f"{total} {where})"


_MALE_ADDRESS = frozenset({"mr.", "m.", "sir", "monsieur"})


def _scopes(cable: Cable) -> list[str]:
    if cable.year is None:
        return ["corpus"]
    return (["country+years"] if cable.countries else []) + ["years", "corpus"]


def _count(seen: Seen, scope: str, cable: Cable) -> int:
    """Cables of `seen` in the scope around `cable`."""
    if scope == "corpus":
        return sum(len(v) for v in seen.values())
    year = cable.year or 0
    n = 0
    for y in range(year - YEARS, year + YEARS + 1):
        for countries in seen.get(y, ()):
            if scope == "years" or countries & cable.countries:
                n += 1
    return n


def _where(scope: str, cable: Cable) -> str:
    year = cable.year or 0
    span = f"{year - YEARS}-{year + YEARS}"
    if scope == "corpus":
        return "in the whole corpus"
    if scope == "years":
        return f"from {span}"
    place = ", ".join(sorted(filter(None, (country_name(c) for c in cable.countries))))
    return f"about {place}, {span}"


def _days(a: str | None, b: str | None) -> int | None:
    try:
        return abs((dt.date.fromisoformat((a or "")[:10]) - dt.date.fromisoformat(
            (b or "")[:10])).days)
    except ValueError:
        return None


def _directory(units: list[Unit], groups: Groups, cables: dict[str, Cable]) -> None:
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
        if unit.type != ROLE or unit.name not in DIRECTORY_ROLES:
            continue
        label = unit.name
        wanted = norm_title(label) or ""
        cable = cables[next(iter(unit.cables))]
        seen = [(d, j, c) for d, j, c in officers.get((cable.origin or "", wanted), [])
                if (days := _days(d, cable.created)) is not None and days <= _DIRECTORY_DAYS]
        if not seen:
            continue
        date, j, _source = min(seen, key=lambda x: _days(x[0], cable.created) or 0)
        if len({groups.find(k) for _d, k, _c in seen
                if _days(_d, cable.created) == _days(date, cable.created)}) > 1:
            continue
        groups.union(j, i)
        unit.reason = (f"the {label} of {cable.origin}: who classified the post's cables as "
                       f"{label} within a year")
