"""The columns search reads in bulk (search/columns.py): saved, reloaded, rebuilt when the store
changes; the BM25 they rank by; facets and pages read from them against plain SQL."""

from __future__ import annotations

import math
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from cablescope.search import FACETS, iter_hits, search
from cablescope.search.columns import ARRAYS, K1, B, columns, forget
from cablescope.search.text import tokens
from cablescope.store import Store
from synthetic import ingest_synthetic


def test_saved_columns_are_reloaded_unchanged(synth_db: Path) -> None:
    with Store.open(synth_db) as store:
        built = columns(store.connection)
        (saved,) = store.connection.execute("SELECT count(*) FROM search_columns").fetchone()
    assert saved == len(ARRAYS) + 1  # every array, and the code tables
    forget()
    with Store.open(synth_db, readonly=True) as store:
        loaded = columns(store.connection)
    assert loaded is not built and loaded.stamp == built.stamp
    for name in ARRAYS:
        np.testing.assert_array_equal(getattr(loaded, name), getattr(built, name), name)
    assert (loaded.cable_ids, loaded.tags, loaded.origins, loaded.markings) == (
        built.cable_ids, built.tags, built.origins, built.markings)
    assert loaded.cables == 40 and loaded.paragraphs == built.paragraphs > 40


def test_columns_follow_the_store(synth_db: Path) -> None:
    """A reader keeps its connection while an ingest adds cables: the next search sees them."""
    with Store.open(synth_db, readonly=True) as reader:
        conn = reader.connection
        before = search(conn, "embassy OR minister", facets=["year"])
        ingest_synthetic(synth_db, 70, seed=4)  # other cables, written by another connection
        after = search(conn, "embassy OR minister", facets=["year"])
        (cables,) = conn.execute("SELECT count(*) FROM cables").fetchone()
        (matching,) = conn.execute(
            "SELECT count(DISTINCT p.cable_id) FROM paragraphs_fts f JOIN paragraphs p "
            "ON p.pid = f.rowid WHERE paragraphs_fts MATCH 'embassy OR minister'").fetchone()
    assert cables > 40
    assert after.total == matching > before.total
    assert sum(v.count for v in after.facets["year"]) == after.total


def test_scores_are_bm25_of_presence(synth_db: Path) -> None:
    """Each paragraph's score, recomputed from its text: idf of the word's paragraphs, length
    normalised by the average paragraph (tokens as the index counts them)."""
    with Store.open(synth_db, readonly=True) as store:
        conn = store.connection
        lengths = {pid: len(tokens(text)) for pid, text in conn.execute(
            "SELECT pid, text FROM paragraphs")}
        average = sum(lengths.values()) / len(lengths)
        word = "minister"
        result = search(conn, word, level="paragraph", limit=1000)
        df = result.total
        idf = math.log(1 + (len(lengths) - df + 0.5) / (df + 0.5))
        pids = dict(conn.execute("SELECT cable_id || '/' || seq, pid FROM paragraphs"))
        assert df > 10
        for hit in result.hits:
            length = lengths[pids[f"{hit.id}/{hit.seq}"]]
            expected = idf * (K1 + 1) / (1 + K1 * (1 - B + B * length / average))
            assert hit.score == pytest.approx(expected, abs=2e-4)
        # a cable scores its best paragraph, per word, summed
        two = search(conn, "minister embassy", limit=5)
        for hit in two.hits:
            best = [max(h.score for h in search(conn, f"id:{hit.id} {w}", level="paragraph",
                                                 limit=100).hits) for w in ("minister",
                                                                             "embassy")]
            assert hit.score == pytest.approx(sum(best), abs=2e-4)


@pytest.mark.real
def test_a_page_is_the_slice_of_the_full_order(real_db: Path) -> None:
    """A page sorts only what can be on it; it must be the same slice the full sort gives."""
    with Store.open(real_db, readonly=True) as store:
        conn = store.connection
        for sort in ("rank", "newest", "oldest"):
            for level in ("cable", "paragraph"):
                everything = [(h.id, h.seq, h.score) for h in iter_hits(
                    conn, "sarkozy OR kouchner", sort=sort, level=level)]
                page = search(conn, "sarkozy OR kouchner", sort=sort, level=level, limit=10,
                              offset=20)
                assert len(everything) == page.total > 200
                assert [(h.id, h.seq, h.score) for h in page.hits] == everything[20:30]


@pytest.mark.real
def test_facets_of_many_hits_equal_sql(real_db: Path) -> None:
    """A word in most cables takes the facets' other path (one pass over every pair): still
    the counts SQL gives, at both levels."""
    with Store.open(real_db, readonly=True) as store:
        conn = store.connection
        hit_pids = ("SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH 'department'")
        cables = f"SELECT DISTINCT cable_id FROM paragraphs WHERE pid IN ({hit_pids})"
        (total,) = conn.execute(f"SELECT count(*) FROM ({cables})").fetchone()
        (all_cables,) = conn.execute("SELECT count(*) FROM cables").fetchone()
        assert total * 8 > all_cables  # the many-hits path
        result = search(conn, "department", facets=FACETS, facet_limit=1000)
        assert result.total == total
        tags = dict(conn.execute(
            f"SELECT tag, count(*) FROM tags WHERE cable_id IN ({cables}) GROUP BY tag"))
        assert [(v.value, v.count) for v in result.facets["tag"]] == _top(tags, 1000)
        marks = dict(conn.execute(
            "SELECT marking, count(DISTINCT cable_id) FROM paragraphs WHERE marking IS NOT NULL "
            f"AND cable_id IN ({cables}) GROUP BY marking"))
        assert {v.value: v.count for v in result.facets["marking"]} == marks
        paragraphs = search(conn, "department", level="paragraph", facets=["tag", "marking"],
                            facet_limit=1000)
        per_tag = dict(conn.execute(
            f"SELECT t.tag, count(*) FROM paragraphs p JOIN tags t ON t.cable_id = p.cable_id "
            f"WHERE p.pid IN ({hit_pids}) GROUP BY t.tag"))
        assert [(v.value, v.count) for v in paragraphs.facets["tag"]] == _top(per_tag, 1000)
        per_marking = dict(conn.execute(
            f"SELECT marking, count(*) FROM paragraphs WHERE pid IN ({hit_pids}) "
            "GROUP BY marking"))
        assert {v.value: v.count for v in paragraphs.facets["marking"]} == per_marking


def _top(counts: dict, limit: int) -> list[tuple]:
    """Facet order: most first, then by value."""
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]


def test_a_database_without_saved_columns_still_searches(synth_db: Path) -> None:
    """An older database (no search_columns table) opened read-only: built in memory."""
    plain = sqlite3.connect(synth_db)
    plain.execute("DROP TABLE search_columns")
    plain.execute("DELETE FROM meta WHERE key = 'migration:search.0003_columns'")
    plain.commit()
    plain.close()
    forget()
    with Store.open(synth_db, readonly=True) as store:
        result = search(store.connection, "minister", facets=["origin"])
    assert result.total > 0 and result.facets["origin"]


def test_columns_are_built_from_one_commit(synth_db: Path) -> None:
    """A writer committing between the build's statements must not mix two states of the
    store (pids beyond the array it sized): every read of a search is one snapshot."""
    from cablescope.search.columns import snapshot

    with Store.open(synth_db, readonly=True) as reader:
        conn = reader.connection
        with snapshot(conn):
            (before,) = conn.execute("SELECT max(pid) FROM paragraphs").fetchone()
            ingest_synthetic(synth_db, 50, seed=5)  # commits in another connection, mid-snapshot
            (inside,) = conn.execute("SELECT max(pid) FROM paragraphs").fetchone()
            cols = columns(conn)
            assert len(cols.pid_cable) == before + 1 == inside + 1
        (after,) = conn.execute("SELECT max(pid) FROM paragraphs").fetchone()
        assert after > before
        assert len(columns(conn).pid_cable) == after + 1


@pytest.mark.parametrize("level", ["cable", "paragraph"])
def test_an_empty_database_searches(tmp_path: Path, level: str) -> None:
    """No cable yet: every kind of query answers 0 hits and empty facets, never an error."""
    with Store.open(tmp_path / "empty.db") as store:
        conn = store.connection
        for query in ("sarkozy", '"foreign minister"', "NOT x", "tag:PREL OR marking:S/NF",
                      "id:05PARIS1*", "year:2006 kouchner"):
            result = search(conn, query, level=level, facets=FACETS)
            assert (result.total, result.hits) == (0, [])
            assert all(values == [] for values in result.facets.values())
        assert search(conn, "=U.S.", exact_mode=True, level=level).total == 0
        assert list(iter_hits(conn, "NOT x", level=level)) == []


def test_a_slow_build_is_redone_in_the_background(synth_db: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A big corpus being ingested into while served: each search after a commit must not wait
    for the columns. The old ones answer (without the new cables) until the new ones are in."""
    from cablescope.search import columns as module

    monkeypatch.setattr(module, "SYNC_BUILD_SECONDS", -1.0)  # every build counts as slow
    query = "embassy OR minister"
    with Store.open(synth_db, readonly=True) as reader:
        conn = reader.connection
        before = search(conn, query).total  # the first build is always done at once
        first = columns(conn)
        ingest_synthetic(synth_db, 70, seed=4)
        stale = search(conn, query)
        assert stale.total == before  # the new cables are not seen yet, and nothing fails
        module.settle(timeout=60)
        fresh = columns(conn)
        assert fresh is not first and fresh.cables > first.cables
        (matching,) = conn.execute(
            "SELECT count(DISTINCT p.cable_id) FROM paragraphs_fts f JOIN paragraphs p "
            "ON p.pid = f.rowid WHERE paragraphs_fts MATCH ?", (query,)).fetchone()
        assert search(conn, query).total == matching > before


def test_ensure_saved_builds_only_what_is_not_saved(synth_db: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """`ingest` and `serve` make the saved columns current; when they already are, nothing is
    built or read again."""
    from cablescope.search import columns as module

    with Store.open(synth_db) as store:
        conn = store.connection
        module.ensure_saved(conn)
        (saved,) = conn.execute("SELECT DISTINCT stamp FROM search_columns").fetchone()
        assert saved == module.stamp(conn)
        forget()
        monkeypatch.setattr(module, "_build", lambda *a: pytest.fail("built again"))
        monkeypatch.setattr(module, "_load", lambda *a: pytest.fail("loaded for nothing"))
        module.ensure_saved(conn)


def test_a_read_only_server_has_its_columns_before_the_first_request(
        synth_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """At full size a build of the columns outlasts a request's time limit, and a build stopped
    by the limit would start over with every search: the app builds them as it starts, outside
    any request, and the `serve --read-only` command saves them first where it may write."""
    from fastapi.testclient import TestClient

    import cablescope.search.columns as search_columns
    from cablescope.commands.web import _prepare_read_only
    from cablescope.search.columns import saved
    from cablescope.web.app import create_app
    from cablescope.web.config import WebConfig

    plain = sqlite3.connect(synth_db)
    plain.execute("DELETE FROM search_columns")  # as a migration of the arrays' format does
    plain.commit()
    plain.close()
    forget()
    builds: list[str] = []
    build = search_columns._build

    def counted(conn: sqlite3.Connection, current: str) -> search_columns.Columns:
        builds.append(current)
        return build(conn, current)

    monkeypatch.setattr(search_columns, "_build", counted)
    with TestClient(create_app(WebConfig(db=synth_db, read_only=True))) as client:
        assert len(builds) == 1  # at start, before any request
        answer = client.get("/api/search", params={"q": "minister"})
        assert answer.status_code == 200 and answer.json()["total"] > 0
        assert len(builds) == 1

    with Store.open(synth_db, readonly=True) as store:
        assert not saved(store.connection)  # the read-only app wrote nothing
    _prepare_read_only(synth_db, quiet=True)
    with Store.open(synth_db, readonly=True) as store:
        assert saved(store.connection)
