"""The faster ways search takes give the answers of the plain definitions.

Exact mode picks one of two narrowings from the index and checks candidates through json_each;
a cable filter at paragraph level gathers few cables' paragraphs instead of masking all of them;
grouping by key goes over the present keys when they are few. Each is checked here against a
definition written independently: a scan of every paragraph's text, SQL, the dense grouping.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cablescope.search import evaluate, iter_hits, search
from cablescope.store import Store

QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def occurs(text: str, literal: str) -> bool:
    """Exact mode as docs/search.md states it: the literal itself (quotes folded), starting a
    word when it starts with a letter or digit."""
    if any(q in literal for q in "\"'“”‘’"):
        text, literal = text.translate(QUOTES), literal.translate(QUOTES)
    at = text.find(literal)
    while at >= 0:
        if not literal[0].isalnum() or at == 0 or not text[at - 1].isalnum():
            return True
        at = text.find(literal, at + 1)
    return False


@pytest.fixture(scope="module")
def conn(real_db: Path) -> Iterator[sqlite3.Connection]:
    with Store.open(real_db, readonly=True) as store:
        yield store.connection


@pytest.fixture(scope="module")
def texts(conn: sqlite3.Connection) -> list[tuple[int, str, str]]:
    return conn.execute("SELECT pid, cable_id, text FROM paragraphs").fetchall()


# ending in a common word (the narrowing without the open end), mid-word, in a rare word, with
# quotes, with a closing punctuation mark, unanchored, all capitals
LITERALS = ["officers at the", "August and", "the General", "U.S.-Fr", "President Venetiaan",
            "Sarkozy's", 'Foreign Policy,"" the', "Sarkozy,", "(C) The", "rance", "THE",
            "would not accept", "said that the"]


@pytest.mark.real
@pytest.mark.parametrize("limit", [evaluate.CHECK_LIMIT, 5])
def test_exact_mode_finds_every_occurrence(conn: sqlite3.Connection,
                                           texts: list[tuple[int, str, str]], limit: int,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A limit of 5 candidates sends every literal through the narrowing with the open end."""
    from cablescope.search import results

    monkeypatch.setattr(evaluate, "CHECK_LIMIT", limit)
    for literal in LITERALS:
        expected = [pid for pid, _, text in texts if occurs(text, literal)]
        _, _, found = results.evaluate(conn, literal, "paragraph", "rank", True)
        assert found.keys.tolist() == sorted(expected), literal
        assert expected or literal == "rance"
        cables = search(conn, literal, exact_mode=True, limit=0).total
        assert cables == len({cid for pid, cid, text in texts if occurs(text, literal)})


@pytest.mark.real
def test_exact_scores_do_not_depend_on_the_narrowing(conn: sqlite3.Connection,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Both narrowings leave the same checked paragraphs, so the same BM25 and the same page."""
    pages = []
    for limit in (evaluate.CHECK_LIMIT, 5):
        monkeypatch.setattr(evaluate, "CHECK_LIMIT", limit)
        pages.append(search(conn, "officers at the", exact_mode=True, level="paragraph",
                            facets=["origin", "tag"]).as_dict())
    assert pages[0] == pages[1] and pages[0]["total"] > 5


@pytest.mark.real
def test_cable_filters_at_paragraph_level_equal_sql(conn: sqlite3.Connection) -> None:
    """Few cables (their paragraphs gathered) and many (a mask over every paragraph)."""
    for query, where in [
        ('origin:"Embassy Reykjavik"', "c.origin = 'Embassy Reykjavik'"),
        ("tag:PREL year:2009", "c.year = 2009 AND c.id IN "
                               "(SELECT cable_id FROM tags WHERE tag = 'PREL')"),
        ("NOT year:2009", "c.year IS NOT 2009"),
    ]:
        expected = sorted(conn.execute(
            f"SELECT p.cable_id, p.seq FROM paragraphs p JOIN cables c ON c.id = p.cable_id "
            f"WHERE {where}").fetchall())
        got = sorted((h.id, h.seq) for h in iter_hits(conn, query, level="paragraph"))
        assert got == expected and got, query


ROWS = st.lists(st.tuples(st.integers(0, 7), st.floats(0, 10, allow_nan=False),
                          st.integers(-1, 50)), min_size=1, max_size=60)


@settings(max_examples=200, deadline=None)
@given(ROWS, st.booleans())
def test_grouping_few_keys_equals_the_dense_grouping(rows: list[tuple[int, float, int]],
                                                     add: bool) -> None:
    """Keys below 8: over a key space of 8 the dense passes run, over a million the passes
    over the present keys; best or summed scores and the paragraph shown must agree."""
    keys = np.array([r[0] for r in rows], dtype=np.int64)
    scores = np.array([r[1] for r in rows], dtype=np.float64)
    pids = np.array([r[2] for r in rows], dtype=np.int64)
    sparse = evaluate._per_key(keys, scores, pids, 1_000_000, add)
    dense = evaluate._per_key(keys, scores, pids, 8, add)
    for name in ("keys", "scores", "pids"):
        assert np.array_equal(getattr(sparse, name), getattr(dense, name)), name


@pytest.mark.real
def test_hit_dicts_are_dataclasses_asdict(conn: sqlite3.Connection) -> None:
    """A hit's dict is built field by field for speed: the same keys, order and values."""
    from dataclasses import asdict

    hits = search(conn, "sarkozy", level="paragraph").hits
    assert hits and all(list(h.as_dict().items()) == list(asdict(h).items()) for h in hits)
