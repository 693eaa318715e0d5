"""Extraction processes that cannot do their work say what failed and where, instead of "ended
unexpectedly" (issue 16)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cablescope.entities.workers import ExtractionPool, Failure, guarded
from cablescope.errors import CablescopeError


def test_a_process_that_cannot_open_the_database_names_it(tmp_path: Path) -> None:
    missing = tmp_path / "no such folder" / "corpus.db"
    pool = ExtractionPool(1, str(missing))
    try:
        with pytest.raises(CablescopeError) as caught:
            list(pool.map([["05PARIS5335"]]))
    finally:
        pool.close(abort=True)
    message = str(caught.value)
    assert f"could not start on {missing}" in message
    assert "OperationalError" in message and "ended unexpectedly" not in message


def test_a_failing_batch_names_the_cable_it_failed_on() -> None:
    def extract(batch: list[str]) -> list[str]:
        for cable in batch:
            if cable == "09CABLE2":
                raise UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")
        return batch

    run = guarded(extract)
    assert run(["09CABLE1", "09CABLE3"]) == ["09CABLE1", "09CABLE3"]
    failed = run(["09CABLE1", "09CABLE2", "09CABLE3"])
    assert isinstance(failed, Failure)
    assert failed.message.startswith("on cable 09CABLE2: UnicodeDecodeError")


def test_a_batch_that_fails_only_as_a_whole_is_named_by_its_range() -> None:
    def extract(batch: list[str]) -> list[str]:
        if len(batch) > 1:
            raise MemoryError("too many at once")
        return batch

    failed = guarded(extract)(["09CABLE1", "09CABLE9"])
    assert isinstance(failed, Failure)
    assert failed.message == "on the batch 09CABLE1 .. 09CABLE9: MemoryError: too many at once"


def test_extraction_without_spacy_says_so_from_the_worker(tmp_path: Path) -> None:
    """The issue's case: spaCy missing in the extraction processes. The user reads the worker's
    own message (what to install), not that a process ended, and the command fails."""
    import os
    import subprocess
    import sys

    from web_fixtures import build

    db = build(tmp_path / "corpus.db")
    hidden = tmp_path / "no-spacy"
    hidden.mkdir()
    (hidden / "spacy.py").write_text('raise ImportError("spaCy hidden by this test")\n')
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(hidden), *filter(None, [os.environ.get("PYTHONPATH")])])}
    done = subprocess.run(
        [sys.executable, "-c", "from cablescope.cli import main; main()", "entities", "extract",
         "--db", str(db), "--workers", "1", "--quiet"],
        env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode != 0
    assert "entity extraction needs spaCy: pip install 'cablescope[nlp]'" in done.stderr
    assert "ended unexpectedly" not in done.stderr


# A process that serves made-up batches: ["hold"] waits until a batch ["release"] was handled
# (by the other process), anything else comes back with the process's ID.
_HOLDING = """
import os, time
from pathlib import Path
from cablescope.entities.workers import serve
state = {}
def open_worker(folder):
    state["flag"] = Path(folder) / "released"
def extract(batch):
    if batch == ["hold"]:
        for _ in range(600):
            if state["flag"].exists():
                return ["held", os.getpid()]
            time.sleep(0.1)
        return ["never released", os.getpid()]
    if batch == ["release"]:
        state["flag"].touch()
    return [batch[0], os.getpid()]
serve(open_worker, extract)
"""


def test_a_slow_batch_does_not_hold_the_other_process(tmp_path: Path) -> None:
    """Batches go to whichever process is free and results still come back in input order:
    the batch that releases the first one is only ever sent if the second process goes on
    while the first holds its batch (sent in turn, the run would wait for it forever)."""
    pool = ExtractionPool(2, str(tmp_path), entry=_HOLDING)
    try:
        results = list(pool.map([["hold"], ["a"], ["b"], ["c"], ["release"], ["d"]]))
    finally:
        pool.close(abort=True)
    assert [r[0] for r in results] == ["held", "a", "b", "c", "release", "d"]
    holder = results[0][1]
    assert results[4][1] != holder  # released by the other process


def test_a_process_is_given_the_database_after_it_started(tmp_path: Path) -> None:
    """The processes start (and load the model) first; the database is named later (`open`),
    once the parent has it ready."""
    pool = ExtractionPool(2, entry=_HOLDING)
    try:
        (tmp_path / "released").touch()
        pool.open(str(tmp_path))
        results = list(pool.map([["hold"], ["x"]]))
    finally:
        pool.close(abort=True)
    assert [r[0] for r in results] == ["held", "x"]


def test_a_process_that_dies_is_named(tmp_path: Path) -> None:
    dying = "import os; os._exit(3)"
    pool = ExtractionPool(1, str(tmp_path), entry=dying)
    try:
        with pytest.raises(CablescopeError) as caught:
            list(pool.map([["05PARIS5335"]]))
    finally:
        pool.close(abort=True)
    assert "ended unexpectedly (exit status 3)" in str(caught.value)


def test_the_last_batches_shrink_so_the_processes_finish_together() -> None:
    from cablescope.entities.pipeline import _batches

    ids = [f"09CABLE{i}" for i in range(400)]
    batches = list(_batches(ids, 16, processes=2))
    assert [c for b in batches for c in b] == ids  # every cable once, in order
    sizes = [len(b) for b in batches]
    assert max(sizes) == 16 and sizes[-1] == 1
    assert sizes == sorted(sizes, reverse=True)
    assert {len(b) for b in _batches(ids, 16)} == {16}  # in one process: the size asked
