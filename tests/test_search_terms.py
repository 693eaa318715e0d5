"""Recent terms' hits kept in memory (`columns.Terms`): the same answers as reading the index
every time, and never an answer from before the database changed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from cablescope.search import FACETS, search
from cablescope.search.columns import Terms, columns, forget
from cablescope.search.evaluate import Evaluator
from cablescope.store import Store
from synthetic import ingest_synthetic

# the web benchmark's queries (bench/serve.py), and the other shapes a term takes
QUERIES = [
    "sarkozy", '"markedly different"', "kouchner AND iraq", "tag:PREL nuclear",
    'origin:"Embassy Paris" sanctions', "class:SECRET* iran", "from:2006-01 to:2007-06 oil",
    "marking:S/NF", "afghanistan NOT taliban", "ambassador met minister", "subject:election",
    "tag:PGOV corruption", "year:2009 china", "brazil", "gaddafi OR qadhafi", "pakistan aid*",
    "iraq -sarkozy", "sarkozy iraq", "(iraq OR iran) sarkozy", "nosuchwordanywhere iraq",
    "ref:05PARIS5232 OR sarkozy", "signer:STAPLETON iraq", "caveat:NOFORN -iraq", "id:05PARIS*",
    "marking:S/NF NOT tag:PREL", "tag:PREL -marking:S/NF",
]
OPTIONS = [{"level": "cable", "sort": "rank"}, {"level": "paragraph", "sort": "rank"},
           {"level": "cable", "sort": "newest", "offset": 20},
           {"level": "paragraph", "sort": "oldest"}]


@pytest.fixture
def fts_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every expression read from the full-text index, in order."""
    reads: list[str] = []
    read = Evaluator._fts

    def counted(self: Evaluator, expression: str) -> np.ndarray:
        reads.append(expression)
        return read(self, expression)

    monkeypatch.setattr(Evaluator, "_fts", counted)
    return reads


def _answers(conn: sqlite3.Connection) -> list[dict]:
    return [dict(search(conn, q, facets=FACETS, **options).as_dict())  # type: ignore[arg-type]
            for q in QUERIES for options in OPTIONS]


@pytest.mark.real
def test_kept_terms_give_the_answers_the_index_gives(real_db: Path,
                                                     fts_reads: list[str]) -> None:
    """Totals, hits, scores, snippets and every facet's counts: the same from memory as from
    the index, at both levels, in every order, for words, phrases, prefixes, AND, OR, NOT."""
    with Store.open(real_db, readonly=True) as store:
        conn = store.connection
        forget(conn)
        cols = columns(conn)
        cols.terms = Terms(budget=0)  # keeps nothing: every term read from the index
        from_index = _answers(conn)
        reads_without = len(fts_reads)
        cols.terms = Terms()
        filling = _answers(conn)  # the first use of each term reads it, later ones do not
        reads_filling = len(fts_reads) - reads_without
        kept = _answers(conn)  # every term now in memory
        reads_kept = len(fts_reads) - reads_without - reads_filling
        forget(conn)
    assert sum(a["total"] for a in from_index) > 10_000
    assert filling == from_index
    assert kept == from_index
    assert 0 < reads_filling < reads_without  # terms repeat across the queries and options
    assert reads_kept == 0


def test_a_server_shows_cables_ingested_while_it_runs(synth_db: Path) -> None:
    """The read-only web app has answered a word from memory; cables ingested into its
    database meanwhile (another process's writes) are in its next answers, counts and facets."""
    from fastapi.testclient import TestClient

    from cablescope.web.app import create_app
    from cablescope.web.config import WebConfig

    query = "minister"

    def matching() -> int:
        with sqlite3.connect(synth_db) as plain:
            (count,) = plain.execute(
                "SELECT count(DISTINCT p.cable_id) FROM paragraphs_fts f JOIN paragraphs p "
                "ON p.pid = f.rowid WHERE paragraphs_fts MATCH ?", (query,)).fetchone()
        return int(count)

    with TestClient(create_app(WebConfig(db=synth_db, read_only=True))) as client:
        first = client.get("/api/search", params={"q": query}).json()
        again = client.get("/api/search", params={"q": query}).json()  # from memory
        assert first == again and first["total"] == matching() > 0
        ingest_synthetic(synth_db, 70, seed=4)
        after = client.get("/api/search", params={"q": query}).json()
        page = client.get("/search", params={"q": query})
    assert after["total"] == matching() > first["total"]
    assert sum(v["count"] for v in after["facets"]["year"]) == after["total"]
    assert f"{after['total']:,}" in page.text


def test_terms_stay_within_their_budget() -> None:
    """Least recently used terms go first; a term larger than a quarter of the budget is not
    kept; what is kept cannot be written into."""
    terms = Terms(budget=4 * 8000)
    for n in range(6):
        terms.put(("word", n), (np.arange(500, dtype=np.int64), np.zeros(500)))
    assert terms.used <= terms.budget and len(terms) == 4
    assert terms.get(("word", 0)) is None and terms.get(("word", 5)) is not None
    terms.put(("huge",), (np.arange(2000, dtype=np.int64),))
    assert terms.get(("huge",)) is None
    kept = terms.get(("word", 5))
    assert kept is not None
    with pytest.raises(ValueError):
        kept[0][0] = 1
