"""Scoring extraction against hand labels (tests/data/entities/labels.jsonl), per cable.

For each labelled cable the prediction is the set of entities with a mention in it. A predicted
person matches a labelled one when one of its names (the entity's name, the names and texts of
its mentions in that cable) equals one of the label's names once folded, or is a compatible
person name ("Sarkozy" ~ "Nicolas Sarkozy"); organisations match on equal folded names (with or
without the country the name carries). Matching is one to one, exact matches first: two
predicted entities for one labelled person count as one hit and one false positive, so a failure
to merge costs precision. A predicted meeting matches a labelled one of the same cable when every
predicted party is one of its parties, at least two are, and the date agrees with what the label
gives (a label of "2009-01" accepts any day of that month).
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cablescope.entities.model import ORG, PERSON
from cablescope.entities.names import compatible, name_key, parse_person, split_title

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
    """One-to-one matching, best scores first."""
    used_g: set[int] = set()
    used_p: set[int] = set()
    matched = set()
    for score, g, p in sorted(pairs, key=lambda x: (-x[0], x[1], x[2])):
        if score and g not in used_g and p not in used_p:
            used_g.add(g)
            used_p.add(p)
            matched.add((g, p))
    return matched


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
    pairs = []
    for i, g in enumerate(gold):
        for j, (parties, date) in enumerate(pred):
            matched = [p for p in parties if any(_party_matches(gp, p) for gp in g.participants)]
            dated = g.date is None or (date or "").startswith(g.date)
            if dated and len(matched) == len(parties) and len(matched) >= 2:
                pairs.append((1, i, j))
    hits = len(_assign(pairs))
    return Score(hits, len(pred) - hits, len(gold) - hits)


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
        out[cable] = pred
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
