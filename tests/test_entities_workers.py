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
