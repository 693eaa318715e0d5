"""The trace index build: the same contents whichever way it is built (in this process, in worker
processes, kept up to date incrementally) as the plain definition gives, on the real corpus."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cablescope.cli  # noqa: F401  every layer's migrations
from cablescope.sources import read_corpus
from cablescope.store import Store
from cablescope.synth import generate, write_csv
from cablescope.trace.index import COMMON, lookup, update_index
from cablescope.trace.keys import winnowed, winnowed_many, word_keys
from cablescope.trace.postings import every as every_posting


def _reference(conn: sqlite3.Connection) -> tuple[set[tuple[int, int]], dict[int, int]]:
    """The index by its definition, paragraph by paragraph: each current paragraph's winnowed
    4-grams; those in more than COMMON paragraphs are boilerplate, kept with their count."""
    postings: set[tuple[int, int]] = set()
    for pid, text in conn.execute("SELECT p.pid, p.text FROM paragraphs p "
                                  "JOIN cables c ON c.id = p.cable_id"):
        postings.update((g, pid) for g in winnowed(word_keys(text, cable=True)))
    df = Counter(g for g, _ in postings)
    common = {g: n for g, n in df.items() if n > COMMON}
    return {p for p in postings if p[0] not in common}, common


def _contents(conn: sqlite3.Connection) -> dict[str, str]:
    digest = hashlib.sha256()
    for posting in every_posting(conn):
        digest.update(repr(posting).encode())
    out = {"postings": digest.hexdigest()}
    for table, query in (("common", "SELECT gram, df FROM trace_common ORDER BY 1"),
                         ("indexed", "SELECT * FROM trace_indexed ORDER BY pid")):
        digest = hashlib.sha256()
        for row in conn.execute(query):
            digest.update(repr(tuple(row)).encode())
        out[table] = digest.hexdigest()
    return out


@pytest.fixture(scope="module")
def real_copy(real_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("index") / "real.db"
    shutil.copy(real_db, path)
    yield path


def test_a_full_build_is_the_definition_on_the_real_corpus(real_copy: Path) -> None:
    """In this process and in two worker processes, the build gives exactly the postings and
    boilerplate 4-grams the per-paragraph definition gives (the build before it was made fast
    computed just that)."""
    with Store.open(real_copy) as store:
        conn = store.connection
        expected_postings, expected_common = _reference(conn)
        contents = []
        for workers in (0, 2):
            summary = update_index(conn, rebuild=True, workers=workers)
            assert summary.rebuilt and summary.added == summary.paragraphs
            postings = set(every_posting(conn))
            assert postings == expected_postings
            assert dict(conn.execute("SELECT gram, df FROM trace_common")) == expected_common
            indexed = conn.execute("SELECT count(*) FROM trace_indexed").fetchone()[0]
            assert indexed == conn.execute("SELECT count(*) FROM paragraphs").fetchone()[0]
            contents.append(_contents(conn))
        assert contents[0] == contents[1]
        # a lookup finds each 4-gram's paragraphs, ascending, and nothing for boilerplate ones
        wanted = sorted({g for g, _ in expected_postings})[::97] + list(expected_common)[:20]
        by_gram: dict[int, list[int]] = {}
        for g, pid in sorted(expected_postings):
            by_gram.setdefault(g, []).append(pid)
        assert lookup(conn, wanted) == {g: by_gram[g] for g in wanted if g in by_gram}
        staging = list(real_copy.parent.glob(".cablescope-trace-*"))
        assert not staging  # the staging files are gone


def test_updates_keep_the_index_what_a_build_gives(tmp_path: Path) -> None:
    """Cables ingested after the build, and new versions of indexed ones, are brought in by
    an update; the tables are then those of a build from scratch."""
    cables = list(generate(600, seed=21))
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    write_csv(cables[:400], first)
    write_csv(cables[400:], second)
    db = tmp_path / "u.db"
    with Store.open(db) as store:
        store.ingest(read_corpus(first))
        conn = store.connection
        update_index(conn)
        store.ingest(read_corpus(second))
        summary = update_index(conn)
        assert not summary.rebuilt and summary.added > 1000
        updated = _contents(conn)
        assert update_index(conn, rebuild=True).rebuilt
        assert _contents(conn) == updated


_WORDS = ["a", "b", "the", "U.S.", "État", "narco-\ntrafficking", "(C)", "¶2.", "x", "y", "z"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_WORDS), max_size=30).map(" ".join), max_size=12))
def test_winnowing_many_texts_at_once_is_winnowing_each(texts: list[str]) -> None:
    keys = [word_keys(t, cable=True) for t in texts]
    grams, owners = winnowed_many(keys)
    got: list[set[int]] = [set() for _ in texts]
    for g, o in zip(grams.tolist(), owners.tolist(), strict=True):
        got[o].add(g)
    assert got == [winnowed(k) for k in keys]
    assert grams.dtype == np.uint64
