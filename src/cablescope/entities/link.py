"""Inside one cable: one name per person or body, each link with its reason.

- Full names that fit together ("Craig R. Stapleton", "Craig Stapleton") become one; the form the
  header gives (a person TAG, the Classified By line) names the person.
- A surname alone joins the one full name of the cable with that surname. When the surname comes
  with a title ("PM Erdogan"), the full name must carry that title too, unless the header names
  the person: "PM Erdogan" does not become "Mustafa Erdogan (the PM's brother)".
- A single given name joins the one full name starting with it ("Salim" -> "Salim Abduvaliyev")
  when no surname fits.
- "The Ambassador", "the DCM" are the person who classified the cable under that title.
- An organisation's first word alone ("Savk") joins its full name ("Savk Electricity"); an
  acronym the one long form whose initials it is, hyphen parts, a linking word or a country's
  word counted or not ("PNHU", "Pan-Nordic Harbour Union"; "HSF", "Norwegian Harbour
  Security Force").
- One body written with and without its country's word ("Ruritanian Harbour Board", "Harbour
  Board"), with the country or its adjective ("Ruritania Embassy", "Ruritanian Embassy"), or with
  "in [city]" after it ("Ruritanian Embassy in Oslo") is one body; a bare name joins only the
  host country's body of that name.
- A surname written as two ("Jan Kowalski Nowak", "Jan Kowalski-Nowak") is the person the cable
  also calls "Jan Kowalski", "Kowalski" or "Kowalski Nowak".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Set

from cablescope.entities.countries import code_for_short
from cablescope.entities.lexicon import NOT_NAME_WORDS, ROUTING_ADDRESSEES, title_for
from cablescope.entities.model import ORG, PERSON, ROLE, CableContext, Mention
from cablescope.entities.names import (
    PARTICLES,
    TITLE_MODIFIERS,
    PersonName,
    compatible,
    fold,
    fuller,
    name_key,
    parse_person,
    parse_person_tag,
    surname_matches,
)
from cablescope.entities.orgs import normalize_org

_ORIGIN_NAMES = {"secretary of state": "Department of State", "secstate": "Department of State"}
_OWN_POST = frozenset({"embassy", "us embassy", "american embassy", "consulate",
                       "us consulate", "consulate general", "us consulate general", "mission",
                       "us mission"})
_HONORIFIC = frozenset({"mr.", "mrs.", "ms.", "mme", "m.", "sir", "dr.", "dr"})


def origin_name(origin: str) -> str:
    """The origin post as an organisation: 'Embassy Paris'; State's cables: Department of State."""
    return _ORIGIN_NAMES.get(origin.lower().strip(), origin.strip())


def context_names(ctx: CableContext,
                  places: frozenset[str] = frozenset()) -> list[tuple[PersonName, str]]:
    """People the cable's header names: person TAGS, the signers, the classifying officer.

    A "name" that is a place (a Classified By line that ran on into "Embassy Tripoli") is none.
    """
    found: list[tuple[PersonName, str]] = []
    seen: set[str] = set()
    header: list[tuple[str, str, Callable[[str], PersonName | None]]] = [
        *((t, "tag", parse_person_tag) for t in ctx.person_tags),
        *((c, "classified_by", parse_person) for c in ctx.classified_by),
        *((s, "signer", parse_person) for s in ctx.signers),
    ]
    for raw, source, parse in header:
        name = parse(raw.replace("NNNN", " ").strip())
        if name is None or name.key in seen or name.key in places:
            continue
        seen.add(name.key)
        found.append((name, source))
    return found


def trailing_signer(text: str) -> str | None:
    """The signer a cable ends with ("... End Comment. STAPLETON NNNN"), for when the header
    parser found none: the last line's one or two words in capitals."""
    lines = [line.strip() for line in text.replace("NNNN", " ").splitlines()]
    lines = [line for line in lines if line and not re.search(
        r"(?i)classified\s+web\s*site|https?://|cable ends|^[=*-]+$", line)]
    if not lines:
        return None
    last = re.split(r"(?<=[.!?\"”])\s+", lines[-1])[-1]
    if re.fullmatch(r"[A-Z][A-Z'’-]+(?: [A-Z][A-Z'’-]+)?", last) and not any(
            w.lower() in NOT_NAME_WORDS for w in last.split()):
        return last
    return None


def link(mentions: list[Mention], names: list[tuple[PersonName, str]],
         ctx: CableContext, kin: Set[int] = frozenset()) -> None:
    """Link people, embassy roles and organisations inside the cable (in place).

    `kin` holds the indices of person mentions with a kinship word beside them ("brother").
    """
    _link_people(mentions, names, kin)
    _group_surnames(mentions)
    _link_roles(mentions, ctx)
    _link_orgs(mentions, ctx)


def _title_key(title: str | None) -> str | None:
    if not title:
        return None
    title = re.sub(r"\s+to\s+.*$", "", title)  # "Ambassador to Sri Lanka" is an Ambassador
    canonical = (title_for(title) or title_for(title.split()[-1]) or title).lower()
    return None if canonical in _HONORIFIC else canonical


def _link_people(mentions: list[Mention], names: list[tuple[PersonName, str]],
                 kin: Set[int]) -> None:
    parsed = [(i, parse_person(m.name)) for i, m in enumerate(mentions) if m.type == PERSON]
    people = [(i, p) for i, p in parsed if p is not None]
    header = [n for n, _ in names]
    groups: list[list[PersonName]] = [[n] for n in header if not n.surname_only]
    reasons: dict[str, str] = {}
    titles: dict[int, set[str]] = {}
    # a name only a subject line or heading writes ("Jan Kowalski Criticizes") is no double
    # surname: those join their group only as `compatible` allows
    body = {p.key for i, p in people if mentions[i].number is not None}
    for i, person in people:
        if person.surname_only:
            continue
        g = next((k for k, group in enumerate(groups)
                  if (r := _fits(person, group[0], person.key in body and group[0].key in body))
                  and r != "surname only"), None)
        if g is None:
            groups.append([person])
            g = len(groups) - 1
        else:
            groups[g].append(person)
            if person.key != groups[g][0].key:
                reasons[person.key] = _fits(person, groups[g][0], True) or "same name"
        key = _title_key(mentions[i].title)
        if key:
            titles.setdefault(g, set()).add(key)
    best = [_best(g, header) for g in groups]
    from_header = {n.key for n in header}
    first: dict[int, int] = {}
    for i, person in people:
        for g, group in enumerate(groups):
            if not person.surname_only and any(p.key == person.key for p in group):
                first.setdefault(g, i)
    unlinked: dict[str, str] = {}
    dominance = _dominance(mentions, people, best, groups)
    # a full name the cable writes with no title and no kinship word beside it ("PM Kowalski"
    # ... "Jan Kowalski said") may be the titled surname's person, written later
    kin_keys = {p.key for i, p in people if i in kin and not p.surname_only}
    plain = {g for g, group in enumerate(groups)
             if g not in titles and not any(p.key in kin_keys for p in group)}
    for i, person in people:
        m = mentions[i]
        if not person.surname_only:
            for b, group in zip(best, groups, strict=True):
                if any(p.key == person.key for p in group):
                    if b.key != person.key:
                        m.link = (f"same person as {b.display} in this cable "
                                  f"({reasons.get(person.key, 'same name')})")
                    m.name, m.key = b.display, b.key
                    break
            continue
        if person.key in unlinked:
            m.link = unlinked[person.key]
            continue
        _link_alone(mentions, i, person, best, (titles, first, dominance, plain), from_header)
        if m.link and m.link.startswith("not linked: titled"):  # keep "PM Erdogan" apart
            unlinked[person.key] = m.link
    # "President Karzai" is not the Ahmed Wali Karzai the cable names in full: then a plain
    # "Karzai" of the same cable may be either, and the corpus decides (resolution).
    for i, person in people:
        m = mentions[i]
        if (person is not None and person.surname_only and person.key in unlinked and m.link
                and m.link.startswith("surname of ")):
            m.link = (f"not linked: {m.name} is named in full in this cable, and a "
                      f"{person.display} with another title too")
            m.name, m.key = person.display, person.key


def _parts(person: PersonName) -> tuple[str, ...]:
    """The name's words, a hyphenated surname's halves apart ("kowalski-nowak": two words)."""
    out: list[str] = []
    for token in person.tokens:
        halves = token.split("-")
        if len(halves) == 2 and all(len(h) > 3 and h not in PARTICLES for h in halves):
            out.extend(halves)
        else:
            out.append(token)
    return tuple(out)


def _fits(a: PersonName, b: PersonName, double: bool) -> str | None:
    """`compatible`, and inside one cable a double surname: "Jan Kowalski" is "Jan Kowalski
    Nowak" and "Jan Kowalski-Nowak" (Spanish and Portuguese names give the second surname or
    leave it off; the hyphen comes and goes). Full names only, both written in the body
    (`double`), in letters: one has a word more at the end, or the same words with a hyphen
    between two words of four letters or more (a Korean "Park Min-su" is no "Park Min")."""
    reason = compatible(a, b)
    if reason and reason != "surname only":
        return reason
    if not double or a.surname_only or b.surname_only:
        return reason
    pa, pb = _parts(a), _parts(b)
    if not all(t.isalpha() for t in (*pa, *pb)):
        return reason
    short, long = (pa, pb) if len(pa) <= len(pb) else (pb, pa)
    if len(short) >= 2 and len(long) - len(short) <= 1 and long[:len(short)] == short \
            and short[-1] not in PARTICLES and (pa != pb or a.key != b.key):
        return "a double surname written in full and in part"
    return reason


def _surname_fits(short: PersonName, full: PersonName) -> bool:
    """`surname_matches`, and a hyphenated surname's halves: "Kowalski" alone and
    "Kowalski-Nowak" alone are "Jan Kowalski-Nowak" and "Jan Kowalski Nowak" of the cable."""
    if surname_matches(short, full):
        return True
    if not short.surname_only:
        return False
    parts, toks = _parts(short), _parts(full)
    return any(toks[i:i + len(parts)] == parts and toks[i] not in PARTICLES
               for i in range(1, len(toks) - len(parts) + 1))


def _dominance(mentions: list[Mention], people: list[tuple[int, PersonName]],
               best: list[PersonName], groups: list[list[PersonName]]) -> dict[int, int]:
    """How often each full-name group is written: its full names plus untitled surnames."""
    score: dict[int, int] = {}
    for i, person in people:
        for g, group in enumerate(groups):
            full = not person.surname_only and any(p.key == person.key for p in group)
            alone = (person.surname_only and not _title_key(mentions[i].title)
                     and _surname_fits(person, best[g]))
            if full or alone:
                score[g] = score.get(g, 0) + 1
    return score


def _group_surnames(mentions: list[Mention]) -> None:
    """Surnames alone that the cable writes two ways ("de Villepin", "Villepin") are one."""
    alone = [(m, p) for m in mentions if m.type == PERSON and not m.link
             for p in [parse_person(m.name)] if p is not None and p.surname_only]
    longest: dict[str, Mention] = {}
    for m, person in alone:
        for form in person.surname_forms:
            known = longest.get(form.lower())
            if known is None or len(m.name) > len(known.name):
                longest[form.lower()] = m
    for m, person in alone:
        target = longest.get(person.surname_display.lower())
        if target is not None and target.key != m.key:
            m.link = f"surname as written elsewhere in this cable: {target.name}"
            m.name, m.key = target.name, target.key


_LINK_WORDS = frozenset({"of", "and", "for", "the", "to", "on", "in", "at", "a/s", "u/s"})
_RANKS = frozenset({"deputy", "vice", "assistant", "under", "associate"})


def _title_words(key: str) -> frozenset[str]:
    return frozenset(re.split(r"[\s-]+", key)) - _LINK_WORDS - {""}


def _same_office(title: str, keys: set[str]) -> bool:
    """A titled surname's title is one of the full name's: the same title, or two wordings of
    one office ("Justice Minister" and "Minister of Interior and Justice", "U/S" and "Under
    Secretary for Terrorism"): a word in common besides the modifiers, and the same rank words
    ("Deputy Minister" is not "Minister")."""
    if title in keys:
        return True
    words = _title_words(title)
    for key in keys:
        other = _title_words(key)
        if (words & _RANKS) == (other & _RANKS) and (words & other) - TITLE_MODIFIERS - _RANKS:
            return True
    return False


def _link_alone(mentions: list[Mention], i: int, person: PersonName, best: list[PersonName],
                seen: tuple[dict[int, set[str]], dict[int, int], dict[int, int], set[int]],
                from_header: set[str]) -> None:
    """A surname (or given name) alone: to the one full name it fits, when the cable allows.

    A titled surname ("PM Erdogan") needs a full name with that title, from the header, or
    written earlier in the cable ("Alan Greenspan" ... "Chairman Greenspan"), or a full name
    written later with no title and no kinship word beside it ("PM Kowalski" ... "Jan
    Kowalski"; not "Jan Kowalski, the PM's brother").
    """
    titles, first, dominance, plain = seen
    m = mentions[i]
    title = _title_key(m.title)
    candidates = [g for g, b in enumerate(best) if _surname_fits(person, b)]
    if title and candidates:
        top = max(dominance.values()) if dominance else 0

        def dominant(g: int) -> bool:  # the subject line names the cable's main person
            return m.number is None and dominance.get(g, 0) == top and top >= 3

        titled = [g for g in candidates if _same_office(title, titles.get(g, set()))
                  or best[g].key in from_header or first.get(g, len(mentions)) < i
                  or dominant(g) or g in plain]
        if not titled:
            m.link = (f"not linked: titled {m.title}, which "
                      + ", ".join(best[g].display for g in candidates) + " is not in this cable")
            return
        candidates = titled
    how = "surname"
    if not candidates:
        candidates = [g for g, b in enumerate(best) if b.given and b.given[0] == person.key]
        how = "given name"
    if not candidates and len(person.key) > 4:  # "JDOE" (routing) = John Doe
        candidates = [g for g, b in enumerate(best) if b.given and person.key[0] == b.given[0][0]
                      and person.key[1:] == b.surname.replace(" ", "")]
        how = "initial and surname"
    if len(candidates) > 1:
        near = _nearest(mentions, i, {best[g].key for g in candidates})
        candidates = [g for g in candidates if near is not None and best[g].key == near]
        if not candidates:
            m.link = "ambiguous in this cable"
            return
    if len(candidates) == 1:
        target = best[candidates[0]]
        m.link = f"{how} of {target.display}, named in full in this cable"
        m.name, m.key = target.display, target.key


def _best(group: list[PersonName], header: list[PersonName]) -> PersonName:
    for name in header:  # the header's form (a person TAG) names the person
        if any(name.key == p.key for p in group):
            return name
    best = group[0]
    for name in group[1:]:
        best = fuller(best, name)
    return best


def _nearest(mentions: list[Mention], i: int, keys: set[str]) -> str | None:
    """The closest earlier full-name mention in the same paragraph among `keys`."""
    for j in range(i - 1, -1, -1):
        m = mentions[j]
        if m.seq != mentions[i].seq:
            break
        if m.type == PERSON and m.key in keys:
            return m.key
    return None


def _link_roles(mentions: list[Mention], ctx: CableContext) -> None:
    """"The Ambassador" is the person who classified the cable as Ambassador, when one did."""
    officer = parse_person(ctx.classified_by[0]) if ctx.classified_by else None
    officer_title = title_for(ctx.classified_by_title or "") or (ctx.classified_by_title or "")
    if officer is None or not officer_title:
        return
    for m in mentions:
        if m.type != ROLE:
            continue
        role_title = title_for(m.name) or m.name
        if role_title.lower() == officer_title.lower():
            m.type, m.title = PERSON, m.name
            m.link = f"the {m.name}: Classified By {ctx.classified_by_title} {officer.display}"
            m.name, m.key = officer.display, officer.key


def _link_orgs(mentions: list[Mention], ctx: CableContext) -> None:
    """An organisation's first word alone ("Savk") is its full name when only one fits, its
    initials ("NAEC") too; "the Embassy", "U.S. Embassy" in an embassy's cable is that post."""
    orgs = [m for m in mentions if m.type == ORG]
    post = normalize_org(origin_name(ctx.origin)) if ctx.origin else None
    if post and ctx.origin:
        kind, _, city = name_key(ctx.origin).partition(" ")
        for m in orgs:
            key = name_key(m.name).replace("u s ", "us ")
            head = next((w for w in key.split() if w in ("embassy", "consulate", "mission")), "")
            if (key in _OWN_POST and head == kind) or key in (
                    f"{kind} {city}", f"us {kind} {city}", f"{kind} in {city}",
                    f"us {kind} in {city}", f"american {kind} in {city}"):
                m.link = f"the cable's own post, {ctx.origin}"
                m.name, m.key = post.display, post.key
    _one_body_many_forms(orgs, ctx.country)
    _un_body_without_un(orgs)
    _short_names(orgs)
    long_names: dict[str, set[tuple[str, str]]] = {}
    for m in orgs:
        words = m.name.split()
        if len(words) > 1 and words[0][:1].isupper():
            long_names.setdefault(words[0].lower(), set()).add((m.name, m.key))
    initials: dict[str, set[tuple[str, str]]] = {}
    other_forms: dict[str, set[tuple[str, str]]] = {}
    for m in orgs:
        capitals = "".join(w[0] for w in m.name.split() if w[:1].isupper())
        if len(capitals) >= 2 and not m.name.isupper():
            initials.setdefault(capitals, set()).add((m.name, m.key))
        if len(m.name.split()) > 1 and not m.name.isupper():
            for form in _initials(m.name):
                other_forms.setdefault(form, set()).add((m.name, m.key))
    for m in orgs:
        if len(m.name.split()) != 1:
            continue
        letters = _acronym_letters(m.name)
        # other forms only for no body `normalize_org` knows: "MOD" stays Defense
        other = other_forms.get(letters, set()) if letters and not m.link \
            and m.key == name_key(m.name) else set()
        if m.name.isupper():  # "NAEC" beside "National Atomic Energy Commission"
            fits, how = initials.get(m.name, set()), "initials"
            if len(fits) != 1 and len(other) == 1:  # "RHA-N", "PNHU" (Pan-Nordic Harbour Union)
                fits = other
        elif len(other) == 1:  # "RiP" beside "Ruritania in Progress"
            fits, how = other, "initials"
        else:  # "Savk" beside "Savk Electricity"
            fits, how = long_names.get(m.name.lower(), set()), "first word"
        if len(fits) == 1:
            name, key = next(iter(fits))
            m.link = f"{how} of {name}, named in full in this cable"
            m.name, m.key = name, key


_UN_PREFIXES = ("united nations ", "un ", "u n ")

# Routing words that are no short name of their addressee in running text: the Department of
# State's own ("DEPT FOR ...": "the Department" is read by `normalize_org` already), and the
# Secretary of Defense's office, a body of its own in the text though a routing line to it
# reaches the department; and "Defense" alone, in cables another country's ministry more often
# than not ("ministries such as Defense, Interior and Finance").
_NOT_SHORT_NAMES = frozenset({"DEPT", "DEPARTMENT", "DEPART", "SECSTATE", "OSD", "SECDEF",
                              "DEFENSE"})


def _short_names(orgs: list[Mention]) -> None:
    """A body written by its short name beside its full name in one cable is that body (in
    place). Two forms: a US agency's one word or acronym ("Harbors", "USDH" where the lexicon
    maps it, as a routing line's addressee) in a cable that names the agency in full or in a
    routing line ("Department of Harbors"); a body's head before "of" ("the Harbour Bank")
    in a cable that names one body so ("Harbour Bank of Ruritania"). Cables list agencies by
    their short names ("State, Harbors, Treasury and USDH all deal with it") and write a
    bank's or council's head alone after its full name; joined only to a body the same cable
    names in full, and the head only when one body of the cable fits."""
    full = {m.name: m for m in orgs if len(m.name.split()) > 1}
    for m in orgs:
        if m.link or " " in m.name.strip():
            continue
        word = m.name.strip().upper()
        target = full.get(ROUTING_ADDRESSEES.get(word, "")) \
            if word not in _NOT_SHORT_NAMES else None
        if target is not None and target.key != m.key:
            m.link = f"the short name of {target.name}, named in full in this cable"
            m.name, m.key = target.name, target.key
    heads: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for m in orgs:
        base, _, scope = m.key.partition("|")
        head, of, _rest = base.partition(" of ")
        if of and len(head.split()) > 1:
            heads.setdefault((head, scope), set()).add((m.name, m.key))
    for m in orgs:
        base, _, scope = m.key.partition("|")
        fits = heads.get((base, scope), set())
        if not m.link and len(fits) == 1:
            name, key = next(iter(fits))
            m.link = f"the head of {name}, named in full in this cable"
            m.name, m.key = name, key


def _un_body_without_un(orgs: list[Mention]) -> None:
    """A UN body written without "UN" ("the Security Council") in a cable that names it with
    "UN" or by its acronym ("UNSC", "the UN Security Council") is that body (in place). Bare
    "Security Council" stands 389 times in 185 cables of the corpus, 268 of them in the 118 that
    also write the UN's council so; elsewhere it may be a country's council ("Ruritania's
    Security Council"), so a bare name is joined only to a UN form the same cable writes."""
    full: dict[str, Mention] = {}
    for m in orgs:
        for prefix in _UN_PREFIXES:
            if m.key.startswith(prefix) and len(m.key) > len(prefix):
                full.setdefault(m.key[len(prefix):], m)
    for m in orgs:
        target = full.get(m.key)
        if target is not None and not m.link and len(m.key.split()) > 1:
            m.link = f"the UN's {target.name}, named with \"UN\" in this cable"
            m.name, m.key = target.name, target.key


_LINK_WORDS = frozenset({"of", "for", "and", "on", "the", "de", "del", "la", "e", "al"})


def _acronym_letters(name: str) -> str | None:
    """The capitals an acronym stands for, or None when `name` is no acronym.

    "NAEC" and "RHA-N" (a hyphenated suffix) in capitals; a short mixed-case one ("RiP", a
    lower-case linking word inside) gives its capitals only. A word in capitals with dots
    ("R.H.A.") is left to `normalize_org`.
    """
    if re.fullmatch(r"[A-Z]{2,}(?:-[A-Z]{1,3})?", name):
        return name.replace("-", "")
    if re.fullmatch(r"(?:[A-Z][a-z]?){2,4}", name) and len(name) <= 5 and name[-1].isupper():
        return "".join(c for c in name if c.isupper())
    return None


def _initials(name: str) -> set[str]:
    """The acronyms a long form of a body may go by: its capitalised words' first letters
    ("Ruritanian Harbour Authority" RHA), each part of a hyphenated word too ("Pan-Nordic
    Harbour Union" PNHU, "Harbour League-N" HLN), with a linking word's letter ("Department for
    Harbour Development" DFHD as well as DHD), and without a first word that names a country
    ("Norwegian Harbour Authority" HA), each of two letters or more. Cables write all of these;
    a body's letters alone never join two bodies since the caller joins only a single fit."""
    words = name.split()
    out: set[str] = set()
    for drop_country in (False, True):
        ws = words
        if drop_country:
            if len(words) < 3 or not _country_word(words[0]):
                continue
            ws = words[1:]
        plain = "".join(w[0] for w in ws if w[:1].isupper())
        parts = [p for w in ws for p in w.split("-") if p]
        split = "".join(p[0] for p in parts if p[:1].isupper())
        linked = "".join(p[0].upper() for p in parts
                         if p[:1].isupper() or p.lower() in _LINK_WORDS)
        out.update(c for c in (plain, split, linked) if len(c) >= 2)
    return out


def _country_word(word: str) -> str | None:
    """The country a body's first word names ("Ruritanian", "Ruritania", "U.S.", "UK")."""
    folded = fold(word).rstrip("'’")
    if folded.endswith("'s") or folded.endswith("’s"):
        folded = folded[:-2]
    return code_for_short(folded)


# "... in Oslo", "... in Guatemala City" ending a body's name: the body with its city.
_IN_CITY = re.compile(r" in [A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)?$")


def _one_body_many_forms(orgs: list[Mention], host: str | None) -> None:
    """One body written several ways in one cable becomes one name (in place).

    "Ruritania Embassy" and "Ruritanian Embassy": the country and its adjective; "Harbour Board"
    beside the one "Ruritanian Harbour Board" of a Ruritanian cable: the body without its
    country's word, when that country is the host's (the United States' in the Department's
    cables): "the Coast Guard" of a Ruritanian cable beside "the U.S. Coast Guard" stays apart;
    "Ruritanian Embassy in Oslo" beside "Ruritanian Embassy": the body with its city. Only names
    of two words or more once the country's word is off, never a generic body (a ministry, a
    parliament: `normalize_org` scopes those to a country already), and a bare name only when
    one country's form fits: "Harbour Board" beside a Ruritanian and a Borduvian one stays.
    """
    groups: dict[tuple[str | None, str], list[Mention]] = {}
    for m in orgs:
        if m.link:
            continue
        found = _IN_CITY.search(m.name)
        base = m.name[: found.start()] if found and len(m.name[: found.start()].split()) > 1 \
            else m.name
        words = base.split()
        code = _country_word(words[0]) if len(words) > 1 else None
        generic = normalize_org(" ".join(words[1:]), "XX") if code else None
        if code and generic is not None and not generic.country:
            groups.setdefault((code, name_key(" ".join(words[1:]))), []).append(m)
        else:
            groups.setdefault((None, name_key(base)), []).append(m)
    countries: dict[str, list[str]] = {}
    for code, stem in groups:
        if code is not None:
            countries.setdefault(stem, []).append(code)
    for (code, stem), bare in list(groups.items()):
        if code is None and len(stem.split()) > 1 and len(countries.get(stem, [])) == 1 \
                and countries[stem][0] in ({host} if host else {"US"}):
            groups[(countries[stem][0], stem)].extend(bare)
            del groups[(code, stem)]
    for members in groups.values():
        names = [m.name for m in members]
        if len({m.key for m in members}) < 2:
            continue
        plain = [n for n in names if not _IN_CITY.search(n)]
        pool = plain or names
        best = max(pool, key=lambda n: (pool.count(n), -pool.index(n)))
        target = next(m for m in members if m.name == best)
        for m in members:
            if m.key != target.key:  # the same key already is the same body
                m.link = f"the same body as {best} in this cable (its country's or city's word)"
                m.name, m.key = target.name, target.key


def context_mentions(ctx: CableContext, mentions: list[Mention],
                     names: list[tuple[PersonName, str]]) -> list[Mention]:
    """What only the metadata says: header people absent from the text, and the origin post.

    (Recipients stay in the `recipients` table: they are routing, not what the cable names.)
    """
    extra: list[Mention] = []
    present = {m.key for m in mentions}
    present_people = [p for p in (parse_person(m.name) for m in mentions if m.type == PERSON) if p]
    for person, source in names:
        if person.key in present or (person.surname_only and any(
                surname_matches(person, p) for p in present_people)):
            continue
        extra.append(Mention(PERSON, text=person.display, name=person.display, key=person.key,
                             source=source))
    if ctx.origin:
        org = normalize_org(origin_name(ctx.origin))
        if org:
            extra.append(Mention(ORG, text=ctx.origin, name=org.display, key=org.key,
                                 source="origin"))
    return extra


def role_key(label: str, origin: str | None) -> str:
    """The comparison key of an embassy role at a post: 'role:poloff|embassy paris'."""
    return f"role:{name_key(label)}|{name_key(origin_name(origin or ''))}"
