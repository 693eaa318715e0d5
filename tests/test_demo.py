"""`cablescope demo` end to end on its synthetic corpus: every step runs, and the trace output
says which words are the article's and which the cable's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from cablescope.cli import cli

pytestmark = pytest.mark.slow


def test_demo_runs_and_its_trace_names_both_sides(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["demo", "--dir", str(tmp_path / "demo"), "--cables",
                                      "150"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    out = result.output
    for step in ("synth", "ingest", "show", "search", "refs", "trace"):
        assert f"$ cablescope {step} " in out
    trace = out[out.index("$ cablescope trace "):]
    assert '# article "what the article printed" vs cable "what the cable says"' in trace
    # the demo article quotes two paragraphs with an ellipsis each: both edits name their sides
    edits = re.findall(r'^ {6}(\w+): article "(.*?)" vs cable "(.*?)"', trace, re.MULTILINE)
    assert [kind for kind, _, _ in edits] == ["ellipsis", "ellipsis"], trace
    assert all("..." in article and cable for _, article, cable in edits)
    assert re.search(r'^  \[edited\] ".+" -> \d\d[A-Z]+\d+ ¶\d+ score', trace, re.MULTILINE)
