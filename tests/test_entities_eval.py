"""Quality on the 36 hand-labelled real cables (tests/data/entities/): the issue's targets.

Extraction runs on the labelled cables only, in a copy of the session's real database.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from cablescope.entities.evaluate import (
    Gold,
    baseline_predictions,
    load_labels,
    predictions_from_db,
    score,
)
from cablescope.entities.pipeline import Selection, extract

LABELS = Path(__file__).parent / "data" / "entities" / "labels.jsonl"

pytestmark = [pytest.mark.real, pytest.mark.slow]


@pytest.fixture(scope="module")
def golds() -> list[Gold]:
    return load_labels(LABELS)


@pytest.fixture(scope="module")
def labelled_db(real_db: Path, golds: list[Gold],
                tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    db = tmp_path_factory.mktemp("entities-eval") / "eval.db"
    shutil.copy(real_db, db)
    summary = extract(db, Selection(cables=tuple(g.cable for g in golds)), workers=0)
    assert summary.extracted == len(golds) == 36
    yield db


def test_the_labels_cover_at_least_30_cables_by_hand(golds: list[Gold]) -> None:
    assert len(golds) >= 30
    assert sum(len(g.people) for g in golds) > 200 and sum(len(g.orgs) for g in golds) > 200
    assert {g.split for g in golds} == {"dev", "test"}


def test_targets_on_the_labelled_cables(labelled_db: Path, golds: list[Gold]) -> None:
    conn = sqlite3.connect(labelled_db)
    scores = score(golds, predictions_from_db(conn, [g.cable for g in golds]))
    person, org, meeting = scores["person"], scores["org"], scores["meeting"]
    assert person is not None and org is not None and meeting is not None
    assert person.precision >= 0.90 and person.recall >= 0.90, person.as_dict()
    assert org.precision >= 0.85 and org.recall >= 0.85, org.as_dict()
    assert meeting.precision >= 0.85, meeting.as_dict()
    assert meeting.recall >= 0.6, meeting.as_dict()


def test_bare_spacy_does_worse_on_the_same_cables(labelled_db: Path, golds: list[Gold]) -> None:
    conn = sqlite3.connect(labelled_db)
    cables = [g.cable for g in golds]
    ours = score(golds, predictions_from_db(conn, cables))
    bare = score(golds, baseline_predictions(conn, cables))
    assert bare["meeting"] is None  # the bare model finds no meetings at all
    for kind in ("person", "org"):
        assert ours[kind].f1 > bare[kind].f1 + 0.15, (kind, ours[kind], bare[kind])  # type: ignore[union-attr]
