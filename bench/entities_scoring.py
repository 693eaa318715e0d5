"""Scoring extraction against hand labels (tests/data/entities/labels.jsonl), per cable.

For each labelled cable the prediction is the set of entities with a mention in it. A predicted
person matches a labelled one when one of its names (the entity's name, the names and texts of its
mentions in that cable) equals one of the label's names once folded, or is a compatible person name
("Sarkozy" ~ "Nicolas Sarkozy"); organisations match on equal folded names (with or without the
country the name carries). Matching is one to one, exact matches first, then as many pairs as there
can be: two predicted entities for one labelled person count as one hit and one false positive, so
a failure to merge costs precision. A predicted meeting matches a labelled one of the same cable
when every predicted party is one of its parties, at least two are, and the date agrees with what
the label gives (a label of "2009-01" accepts any day of that month).

Used by bench/entities_eval.py and tests/test_entities_eval.py; not part of the installed package.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cablescope.entities.model import ORG, PERSON
from cablescope.entities.names import (
    canonical_title,
    compatible,
    name_key,
    parse_person,
    split_title,
)

KINDS = ("person", "org", "meeting")


@dataclass(slots=True)
class GoldMeeting:
    participants: list[list[str]]
    date: str | None
    paragraphs: list[int]
    planned: bool = False


@dataclass(slots=True)
class Gold:
    """The labels of one cable."""

    cable: str
    split: str
    people: list[list[str]]  # each: the name first, then aliases
    orgs: list[list[str]]
    meetings: list[GoldMeeting]


@dataclass(slots=True)
class Prediction:
    """What a system found in one cable: entities as name sets, meetings as party name sets."""

    people: list[set[str]] = field(default_factory=list)
    orgs: list[set[str]] = field(default_factory=list)
    meetings: list[tuple[list[set[str]], str | None]] | None = None  # None: not attempted
    meeting_ids: list[int] = field(default_factory=list)  # the stored meetings, same order


@dataclass(slots=True)
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4)}


def load_labels(path: str | Path) -> list[Gold]:
    """The labelled cables, one JSON object a line."""
    golds = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        golds.append(Gold(
            cable=row["cable"], split=row.get("split", "test"),
            people=[[p["name"], *p.get("aliases", [])] for p in row["people"]],
            orgs=[[o["name"], *o.get("aliases", [])] for o in row["orgs"]],
            meetings=[GoldMeeting([p.split("|") for p in m["participants"]], m.get("date"),
                                  m.get("paragraphs", []), bool(m.get("planned")))
                      for m in row["meetings"]]))
    return golds


def _keys(names: Iterable[str]) -> set[str]:
    """Comparison forms of names: folded, without a trailing "(Country)", without a title."""
    out = set()
    for name in names:
        bare = re.sub(r"\s*\([^)]*\)\s*$", "", name).strip()
        _title, untitled = split_title(bare)
        out |= {name_key(name), name_key(bare), name_key(untitled)}
    out.discard("")
    return out


def _match_score(kind: str, gold: list[str], pred: set[str]) -> int:
    """2: a name in common; 1: compatible person names; 0: no match."""
    if _keys(gold) & _keys(pred):
        return 2
    if kind == PERSON:
        for g in gold:
            pg = parse_person(g)
            for p in pred:
                pp = parse_person(p)
                if pg and pp and compatible(pg, pp):
                    return 1
    return 0


def _assign(pairs: list[tuple[int, int, int]]) -> set[tuple[int, int]]:
    """One-to-one matching with as many pairs as there can be, best scores first.

    Pairing best scores first alone can give a label to the one prediction another label
    needed and leave a prediction that matched it unpaired (two governments of one cable,
    each matching the bare "government"): a hit counted as a miss and a false positive. So
    the labels left unpaired then take augmenting paths (Kuhn's algorithm): a pair is only
    ever moved to free a prediction, never dropped.
    """
    ranked = sorted((x for x in pairs if x[0]), key=lambda x: (-x[0], x[1], x[2]))
    options: dict[int, list[int]] = defaultdict(list)  # a label's predictions, best first
    owner: dict[int, int] = {}  # prediction -> its label
    paired: set[int] = set()
    for _score, g, p in ranked:
        options[g].append(p)
        if g not in paired and p not in owner:
            owner[p] = g
            paired.add(g)

    def augment(g: int, seen: set[int]) -> bool:
        for p in options[g]:
            if p not in seen:
                seen.add(p)
                if p not in owner or augment(owner[p], seen):
                    owner[p] = g
                    return True
        return False

    for g in list(options):
        if g not in paired and augment(g, set()):
            paired.add(g)
    return {(g, p) for p, g in owner.items()}


def _score_entities(kind: str, gold: list[list[str]], pred: list[set[str]]) -> Score:
    pairs = [(_match_score(kind, g, p), i, j) for i, g in enumerate(gold)
             for j, p in enumerate(pred)]
    hits = len(_assign(pairs))
    return Score(hits, len(pred) - hits, len(gold) - hits)


def _party_matches(gold: list[str], pred: set[str]) -> bool:
    if any(g == "(redacted)" for g in gold) and any("redacted" in p for p in pred):
        return True
    return _match_score(PERSON, gold, pred) > 0


def _score_meetings(gold: list[GoldMeeting],
                    pred: list[tuple[list[set[str]], str | None]]) -> Score:
    hits = len(_meeting_matches(gold, pred))
    return Score(hits, len(pred) - hits, len(gold) - hits)


def _meeting_matches(gold: list[GoldMeeting],
                     pred: list[tuple[list[set[str]], str | None]]) -> set[tuple[int, int]]:
    pairs = []
    for i, g in enumerate(gold):
        for j, (parties, date) in enumerate(pred):
            matched = [p for p in parties if any(_party_matches(gp, p) for gp in g.participants)]
            dated = g.date is None or (date or "").startswith(g.date)
            if dated and len(matched) == len(parties) and len(matched) >= 2:
                pairs.append((1, i, j))
    return _assign(pairs)


def score(golds: Sequence[Gold], predictions: dict[str, Prediction],
          split: str | None = None) -> dict[str, Score | None]:
    """Precision / recall per kind over the labelled cables (of one split, or all)."""
    totals: dict[str, Score] = {k: Score() for k in KINDS}
    attempted_meetings = False
    for gold in golds:
        if split and gold.split != split:
            continue
        pred = predictions.get(gold.cable, Prediction())
        for kind, g, p in ((PERSON, gold.people, pred.people), (ORG, gold.orgs, pred.orgs)):
            s = _score_entities(kind, g, p)
            t = totals[kind]
            t.tp, t.fp, t.fn = t.tp + s.tp, t.fp + s.fp, t.fn + s.fn
        if pred.meetings is not None:
            attempted_meetings = True
            s = _score_meetings(gold.meetings, pred.meetings)
            t = totals["meeting"]
            t.tp, t.fp, t.fn = t.tp + s.tp, t.fp + s.fp, t.fn + s.fn
    result: dict[str, Score | None] = dict(totals)
    if not attempted_meetings:
        result["meeting"] = None
    return result


def predictions_from_db(conn: sqlite3.Connection, cables: Iterable[str]) -> dict[str, Prediction]:
    """What cablescope extracted and resolved for these cables, as `Prediction`s."""
    out: dict[str, Prediction] = {}
    for cable in cables:
        pred = Prediction(meetings=[])
        names: dict[int, set[str]] = defaultdict(set)
        types: dict[int, str] = {}
        for eid, etype, ename, mname, text in conn.execute(
                "SELECT e.id, e.type, e.name, m.name, m.text FROM mentions m "
                "JOIN entities e ON e.id = m.entity_id WHERE m.cable_id = ?", (cable,)):
            names[eid] |= {ename, mname, text}
            types[eid] = etype
        pred.people = [names[e] for e, t in types.items() if t == PERSON]
        pred.orgs = [names[e] for e, t in types.items() if t == ORG]
        parties: dict[int, list[set[str]]] = defaultdict(list)
        dates: dict[int, str | None] = {}
        for mid, date, label, role, ename, text in conn.execute(
                "SELECT g.id, g.date, p.label, p.role, e.name, m.text FROM meetings g "
                "JOIN meeting_participants p ON p.meeting_id = g.id "
                "LEFT JOIN entities e ON e.id = p.entity_id "
                "LEFT JOIN mentions m ON m.id = p.mention_id WHERE g.cable_id = ? "
                "ORDER BY g.id, p.seq", (cable,)):
            parties[mid].append({n for n in (label, role, ename, text) if n})
            dates[mid] = date
        pred.meetings = [(parties[m], dates[m]) for m in parties]
        pred.meeting_ids = list(parties)
        out[cable] = pred
    return out


def failures(golds: Sequence[Gold], predictions: dict[str, Prediction]) -> list[dict[str, Any]]:
    """What each cable's scoring missed (labels no prediction matched) and found wrongly
    (predictions no label matched), to read when tuning the rules on a set."""
    out = []
    for gold in golds:
        pred = predictions.get(gold.cable, Prediction())
        row: dict[str, Any] = {"cable": gold.cable}
        for kind, g, p in ((PERSON, gold.people, pred.people), (ORG, gold.orgs, pred.orgs)):
            pairs = [(_match_score(kind, gi, pj), i, j) for i, gi in enumerate(g)
                     for j, pj in enumerate(p)]
            hit = _assign(pairs)
            row[f"{kind}_missed"] = [gi[0] for i, gi in enumerate(g)
                                     if i not in {a for a, _b in hit}]
            row[f"{kind}_wrong"] = [sorted(pj) for j, pj in enumerate(p)
                                    if j not in {b for _a, b in hit}]
        predicted = pred.meetings or []
        hit = _meeting_matches(gold.meetings, predicted)
        row["meeting_missed"] = [
            {"participants": ["|".join(p) for p in m.participants], "date": m.date,
             "paragraphs": m.paragraphs, "planned": m.planned}
            for i, m in enumerate(gold.meetings) if i not in {a for a, _b in hit}]
        row["meeting_wrong"] = [
            {"id": pred.meeting_ids[j] if j < len(pred.meeting_ids) else None,
             "participants": [sorted(p) for p in parties], "date": date}
            for j, (parties, date) in enumerate(predicted) if j not in {b for _a, b in hit}]
        out.append(row)
    return out


def baseline_predictions(conn: sqlite3.Connection, cables: Iterable[str],
                         nlp: Any = None) -> dict[str, Prediction]:
    """The bare spaCy model on the same paragraphs: its PERSON and ORG spans, one entity per
    distinct text, nothing else (no header names, no merging, no meetings)."""
    if nlp is None:
        import spacy

        from cablescope.entities.extract import MODEL

        nlp = spacy.load(MODEL)
    out: dict[str, Prediction] = {}
    for cable in cables:
        texts = [t for (t,) in conn.execute(
            "SELECT text FROM paragraphs WHERE cable_id = ? ORDER BY seq", (cable,))]
        found: dict[str, dict[str, str]] = {"PERSON": {}, "ORG": {}}
        for doc in nlp.pipe(texts):
            for ent in doc.ents:
                if ent.label_ in found:
                    found[ent.label_].setdefault(name_key(ent.text), ent.text.strip())
        out[cable] = Prediction(people=[{t} for t in found["PERSON"].values()],
                                orgs=[{t} for t in found["ORG"].values()], meetings=None)
    return out


def report(scores: dict[str, Score | None]) -> dict[str, Any]:
    """Scores as plain data (for JSON and docs)."""
    return {k: (v.as_dict() if v is not None else None) for k, v in scores.items()}


# --- dossier completeness -----------------------------------------------------------------------


@dataclass(slots=True)
class Completeness:
    """How much of what the cables say about one surname's person their main dossier holds.

    `cables`: cables with a person mention of that surname (the name the mention stands for
    inside its cable); `held`: of those, the cables in which the main dossier (`entity`: of the
    person entities named in full somewhere whose name carries the surname, the one holding most
    of them) has a mention. `others`: other people whose name carries the
    surname, with the cables of `cables` they hold; `ambiguous` says why the surname is shared
    by several people, `not_person` why the "person" is none.
    """

    surname: str
    entity: str
    entity_id: int
    cables: int
    held: int
    others: list[tuple[str, int]]
    ambiguous: str | None = None
    not_person: str | None = None

    @property
    def share(self) -> float:
        return self.held / self.cables if self.cables else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"surname": self.surname, "entity": self.entity, "entity_id": self.entity_id,
                "cables": self.cables, "held": self.held, "share": round(self.share, 4),
                "others": [{"name": n, "cables": c} for n, c in self.others],
                "ambiguous": self.ambiguous, "not_person": self.not_person}


def completeness(conn: sqlite3.Connection, min_cables: int = 20) -> list[Completeness]:
    """Dossier completeness for every surname written in person mentions of at least
    `min_cables` cables, worst first.

    A surname is *ambiguous* when other people, named in full with given names that are not
    the main person's, hold at least 10% of its cables between them, or one of them 5% (and at
    least 3 cables): several people share it ("Kirchner": Nestor and Cristina), and no dossier
    of one of them can hold 90% of it. A "person" never named in full anywhere ("Staff") is
    reported as no person.
    """
    people = {eid: (name, parse_person(name)) for eid, name in conn.execute(
        "SELECT id, name FROM entities WHERE type = 'person'")}
    full_named = {eid for (eid,) in conn.execute(
        "SELECT DISTINCT m.entity_id FROM mentions m WHERE m.type = 'person' AND "
        "m.entity_id IS NOT NULL AND instr(trim(m.name), ' ') > 0")}
    by_surname: dict[str, set[str]] = defaultdict(set)
    held: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    written: dict[str, str] = {}
    for cable, name, eid in conn.execute(
            "SELECT cable_id, name, entity_id FROM mentions WHERE type = 'person'"):
        person = parse_person(name)
        if person is None:
            continue
        by_surname[person.surname].add(cable)
        written.setdefault(person.surname, person.surname_display)
        if eid in people:
            held[person.surname][eid].add(cable)
    out = []
    for surname, cables in by_surname.items():
        if len(cables) < min_cables:
            continue
        holders = held[surname]
        words = set(surname.split())
        carrying = [e for e in holders if (p := people[e][1]) is not None
                    and words <= set(p.tokens)]
        # the main dossier is a person named in full somewhere: a surname-only entity holding
        # more of the cables than the full name's dossier is a split dossier, not the person
        candidates = [e for e in carrying if e in full_named] or carrying or list(holders)
        if not candidates:
            continue
        main = max(candidates, key=lambda e: (len(holders[e] & cables), -e))
        main_person = people[main][1]
        others = sorted(((people[e][0], len(holders[e] & cables)) for e in carrying
                         if e != main), key=lambda x: -x[1])
        result = Completeness(written[surname], people[main][0], main, len(cables),
                              len(holders[main] & cables), others[:5])
        rivals = [(n, c) for n, c in others if (p := parse_person(n)) is not None
                  and not p.surname_only and main_person is not None
                  and not main_person.surname_only and compatible(p, main_person) is None]
        rival_cables = set().union(*(holders[e] for e in carrying if e != main and (
            p := people[e][1]) is not None and not p.surname_only and main_person is not None
            and not main_person.surname_only and compatible(p, main_person) is None)) & cables
        if rivals and (len(rival_cables) >= 0.10 * len(cables)
                       or rivals[0][1] >= max(3, 0.05 * len(cables))):
            result.ambiguous = (f"other people named in full hold {len(rival_cables)} of its "
                                "cables: " + ", ".join(f"{n} ({c})" for n, c in rivals[:3]))
        if main not in full_named:
            result.not_person = f"{people[main][0]} is never named in full"
        out.append(result)
    return sorted(out, key=lambda r: (r.share, r.surname))


def completeness_report(rows: Sequence[Completeness], target: float = 0.9) -> dict[str, Any]:
    """The figures of `completeness`: people with an unambiguous surname and their share at or
    above `target`, and the lists."""
    clear = [r for r in rows if not r.ambiguous and not r.not_person]
    return {
        "surnames": len(rows), "unambiguous": len(clear),
        "unambiguous_at_target": sum(1 for r in clear if r.share >= target),
        "target": target,
        "below_target": [r.as_dict() for r in clear if r.share < target],
        "ambiguous": [r.as_dict() for r in rows if r.ambiguous and not r.not_person],
        "not_people": [r.as_dict() for r in rows if r.not_person],
        "all": [r.as_dict() for r in rows],
    }


# --- titles over time against the public record -------------------------------------------------


def _day(value: str | None, end: bool = False) -> dt.date | None:
    """A record's date: ISO, or a year alone (its first or last day)."""
    if not value:
        return None
    if len(value) == 4:
        return dt.date(int(value), 12, 31) if end else dt.date(int(value), 1, 1)
    return dt.date.fromisoformat(value[:10])


def title_check(conn: sqlite3.Connection, record: list[dict[str, Any]],
                tolerance: int = 7) -> dict[str, Any]:
    """The titles cables give well-known people, against the offices they held (`record`:
    [{"name", "terms": [{"titles", "from", "to"}]}]). A titled mention is consistent when a term
    of that title covers the cable's date (within `tolerance` days), or, for a past title
    ("Former Interior Minister"), when such a term ended before it; titles the record does not
    know (party offices, "Candidate") are counted apart, unchecked."""
    from cablescope.entities.query import EntityNotFound, resolve_one

    people = []
    for person in record:
        try:
            found = resolve_one(conn, person["name"], PERSON)
        except EntityNotFound:
            people.append({"name": person["name"], "entity": None, "checked": 0,
                           "consistent": 0, "unchecked": {}, "inconsistent": []})
            continue
        terms = [(set(t["titles"]), _day(t["from"]), _day(t["to"], end=True) or dt.date(9000, 1, 1))
                 for t in person["terms"]]
        known = set().union(*(titles for titles, _a, _b in terms))
        checked = consistent = 0
        unchecked: Counter[str] = Counter()
        wrong = []
        slack = dt.timedelta(days=tolerance)
        for cable, number, title, created in conn.execute(
                "SELECT m.cable_id, m.number, m.title, c.created FROM mentions m JOIN cables c "
                "ON c.id = m.cable_id WHERE m.entity_id = ? AND m.title IS NOT NULL "
                "ORDER BY c.created", (found["id"],)):
            shown = canonical_title(title)
            day = _day(created)
            if not shown or day is None:
                continue
            past = shown.startswith("Former ")
            base = shown.removeprefix("Former ")
            if base not in known:
                unchecked[shown] += 1
                continue
            checked += 1
            ok = any(base in titles and (
                (a is not None and a - slack <= day) if past else
                (a is not None and a - slack <= day <= b + slack))
                for titles, a, b in terms)
            if ok:
                consistent += 1
            else:
                wrong.append({"title": shown, "written": title, "date": created[:10],
                              "address": f"{cable}¶{number}" if number is not None else cable})
        people.append({"name": person["name"], "entity": found["name"], "checked": checked,
                       "consistent": consistent, "unchecked": dict(unchecked.most_common()),
                       "inconsistent": wrong})
    checked = sum(p["checked"] for p in people)
    consistent = sum(p["consistent"] for p in people)
    return {"people": people, "checked": checked, "consistent": consistent,
            "share": round(consistent / checked, 4) if checked else 0.0}


# --- meetings dated from their text -------------------------------------------------------------

_MONTH = ("(?:January|February|March|April|May|June|July|August|September|October|November|"
          "December)")
# "In a May 29 meeting with ...", "during their June 3, 2008 lunch with ...": a meeting the text
# dates to the day, in the opening phrase the issue names.
_DATED_MEETING = re.compile(
    rf"(?i)\b(?:in|during|at) (?:an? |the |his |her |their |our )?(?:[\w-]+ ){{0,2}}{_MONTH}\.? "
    r"\d{1,2}(?:,? \d{4})?,? (?:[\w-]+ ){0,2}(?:meeting|conversation|lunch|dinner|breakfast|"
    r"call|discussion|talks|encounter)s? (?:with|between)\b")


def meeting_dates(conn: sqlite3.Connection, examples: int = 10) -> dict[str, Any]:
    """For every "In a May 29 meeting with ..." phrase of the corpus: whether a meeting of that
    paragraph carries the day the phrase gives (the year from the cable's date, as
    `events.find_date` infers it), dated by the text. Counts: `dated` (yes), `dated_in_cable`
    (a meeting of another paragraph of the cable has it: one encounter told in a summary and a
    body is one record), `other_date` (the paragraph has meetings, none with that day),
    `no_meeting` (none found in the paragraph)."""
    from cablescope.entities.events import find_date

    found: dict[tuple[str, int], list[tuple[str | None, str | None]]] = defaultdict(list)
    text_dated: dict[str, set[str]] = defaultdict(set)
    for cable, seq, date, source in conn.execute(
            "SELECT cable_id, seq, date, date_source FROM meetings"):
        found[(cable, seq)].append((date, source))
        if source == "text" and date:
            text_dated[cable].add(date)
    created = dict(conn.execute("SELECT id, created FROM cables"))
    counts: Counter[str] = Counter()
    misses: list[dict[str, Any]] = []
    for cable, seq, number, text in conn.execute(
            "SELECT p.cable_id, p.seq, p.number, p.text FROM paragraphs p "
            "WHERE p.cable_id IN (SELECT cable_id FROM entity_cables)"):
        for m in _DATED_MEETING.finditer(text):
            day = _day(created.get(cable))
            want = find_date(m.group(), day)
            if want is None:
                continue
            here = found.get((cable, seq), [])
            if any(d == want and s == "text" for d, s in here):
                counts["dated"] += 1
                continue
            if want in text_dated[cable]:
                counts["dated_in_cable"] += 1
                continue
            outcome = "other_date" if here else "no_meeting"
            counts[outcome] += 1
            if len(misses) < examples:
                misses.append({"address": f"{cable}¶{number}" if number is not None else cable,
                               "outcome": outcome, "want": want,
                               "found": sorted({d or "" for d, _s in here})})
    total = sum(counts.values())
    dated = counts["dated"] + counts["dated_in_cable"]
    return {"phrases": total,
            **{k: counts[k] for k in ("dated", "dated_in_cable", "other_date", "no_meeting")},
            "share": round(dated / total, 4) if total else 0.0, "misses": misses}
