"""The entity scorer's matching (bench/entities_scoring.py), on made-up labels: what a figure in
docs/benchmarks.md counts as a hit."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parent.parent / "bench"))

from entities_scoring import Gold, GoldMeeting, Prediction, score


def _gold(orgs: list[list[str]], meetings: list[GoldMeeting] | None = None) -> Gold:
    return Gold(cable="09OSLO9977", split="dev", people=[], orgs=orgs, meetings=meetings or [])


def test_matching_pairs_as_many_labels_as_it_can() -> None:
    """Two harbour boards, each matching the bare "Board": paired best score first, the first
    label took the prediction only the second could take; both are hits."""
    gold = _gold([["Harbour Board", "Board"], ["Board"]])
    found = Prediction(orgs=[{"Board"}, {"Harbour Board"}], meetings=[])
    org = score([gold], {gold.cable: found})["org"]
    assert org is not None and (org.tp, org.fp, org.fn) == (2, 0, 0)


def test_one_prediction_is_one_hit_at_most() -> None:
    """One prediction for two labels is one hit and one miss; two predictions for one label are
    one hit and one false positive (a failure to merge costs precision)."""
    gold = _gold([["Harbour Board"], ["Board"]])
    org = score([gold], {gold.cable: Prediction(orgs=[{"Harbour Board", "Board"}])})["org"]
    assert org is not None and (org.tp, org.fp, org.fn) == (1, 0, 1)
    gold = _gold([["Harbour Board", "Board"]])
    org = score([gold], {gold.cable: Prediction(orgs=[{"Board"}, {"Harbour Board"}])})["org"]
    assert org is not None and (org.tp, org.fp, org.fn) == (1, 1, 0)


def test_meetings_pair_as_many_as_they_can() -> None:
    """Two labelled meetings on one day, one with Kowalski and Nowak, one with Kowalski, Nowak
    and Zielinski; the two found (the pair, the three) are both hits."""
    two = GoldMeeting([["Jan Kowalski"], ["Anna Nowak"]], "2009-03-02", [2])
    three = GoldMeeting([["Jan Kowalski"], ["Anna Nowak"], ["Piotr Zielinski"]], "2009-03-02",
                        [3])
    gold = _gold([], [three, two])
    found = Prediction(meetings=[([{"Kowalski"}, {"Nowak"}], "2009-03-02"),
                                 ([{"Kowalski"}, {"Nowak"}, {"Zielinski"}], "2009-03-02")])
    meeting = score([gold], {gold.cable: found})["meeting"]
    assert meeting is not None and (meeting.tp, meeting.fp, meeting.fn) == (2, 0, 0)
