"""Without the `trace` extra (rapidfuzz, edlib, lxml), the report's shapes still import (the web
API publishes them), the web app says tracing is not there, and `cablescope trace` names the
extra to install."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.fixture
def without_rapidfuzz(tmp_path: Path) -> dict[str, str]:
    hidden = tmp_path / "hidden"
    hidden.mkdir()
    (hidden / "rapidfuzz.py").write_text(
        'raise ModuleNotFoundError("rapidfuzz hidden by this test", name="rapidfuzz")\n')
    return {**os.environ, "PYTHONPATH": str(hidden)}


def _python(code: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          timeout=120)


def test_shapes_and_web_app_load_and_tracing_is_reported_absent(
        without_rapidfuzz: dict[str, str]) -> None:
    done = _python(
        "from cablescope.trace.shapes import TraceReport\n"
        "from cablescope.web.features import features\n"
        "import cablescope.web.trace_routes\n"
        "print(sorted(TraceReport.__required_keys__), features().trace, features().search)",
        without_rapidfuzz)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("]")[1].split() == ["False", "True"]


def test_trace_command_names_the_missing_extra(without_rapidfuzz: dict[str, str],
                                               tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text('He said "something".', encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", "from cablescope.cli import main; main()", "trace", str(article),
         "--db", str(tmp_path / "none.db")],
        env=without_rapidfuzz, capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert ("tracing needs the 'trace' extra (rapidfuzz is missing): "
            "pip install 'cablescope[trace]'") in done.stderr
