"""Shared fixtures. Real-data tests read ../shared in place and skip, saying why, when absent.

Under `CI=true` a missing input is a failure, never a skip: CI always has ../shared and Chromium,
and a quality gate that silently skips is no gate.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from needs import skip_or_fail

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CABLESCOPE_SHARED", ROOT.parent / "shared"))
MAIN_CORPUS = SHARED / "corpus" / "cablegate-2011-04-25.tar.xz"
EARLIER_CORPUS = SHARED / "corpus" / "cablegate-earlier-versions.tar.xz"
ARTICLES = SHARED / "articles" / "wikileaks-2010"


def _need(path: Path) -> Path:
    if not path.exists():
        skip_or_fail(f"real data not available: {path} is absent (set CABLESCOPE_SHARED)")
    return path


@pytest.fixture(scope="session")
def main_corpus() -> Path:
    """The 6,712-cable WikiLeaks archive, read in place."""
    return _need(MAIN_CORPUS)


@pytest.fixture(scope="session")
def earlier_corpus() -> Path:
    """The 84 earlier published versions of 83 of those cables."""
    return _need(EARLIER_CORPUS)


@pytest.fixture(scope="session")
def articles_dir() -> Path:
    """The 33 real articles of December 2010 that quote the corpus."""
    return _need(ARTICLES)


@pytest.fixture(scope="session")
def real_db(tmp_path_factory: pytest.TempPathFactory, main_corpus: Path,
            earlier_corpus: Path) -> Iterator[Path]:
    """A database holding the whole real corpus and its earlier versions, built once a session.

    Tests must only read it; a test that writes makes its own copy.
    """
    from cablescope.sources import read_corpus
    from cablescope.store import Store

    path = tmp_path_factory.mktemp("real") / "real.db"
    with Store.open(path) as store:
        store.ingest(read_corpus(main_corpus))
        store.ingest(read_corpus(earlier_corpus))
    yield path


@pytest.fixture(scope="session")
def indexed_real_copy(real_db: Path, tmp_path_factory: pytest.TempPathFactory
                      ) -> Callable[[str], Path]:
    """Makes a copy of the real corpus with its trace index, `<folder>/real.db`, for a module
    whose tests trace (and may write beside it: `real_db` is read-only)."""
    from cablescope.store import Store
    from cablescope.trace import ensure_index

    def make(folder: str) -> Path:
        path = tmp_path_factory.mktemp(folder) / "real.db"
        shutil.copyfile(real_db, path)
        with Store.open(path) as store:
            ensure_index(store)
        return path

    return make


@pytest.fixture
def synth_db(tmp_path: Path) -> Iterator[Path]:
    """40 generated cables of a fresh database, the search columns of earlier tests forgotten
    (they are kept per process) before and after."""
    from cablescope.search.columns import forget
    from synthetic import ingest_synthetic

    db = tmp_path / "synth.db"
    ingest_synthetic(db, 40, seed=3)
    forget()
    yield db
    forget()
