"""Quotations in translation (docs/trace.md, status `translation`) on the real articles, and the
targets on the hand-labelled translated quotations (tests/data/trace/translated)."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from cablescope.cli import cli

pytestmark = pytest.mark.real

ROOT = Path(__file__).resolve().parent.parent


def _eval_module():
    spec = importlib.util.spec_from_file_location("translation_eval",
                                                  ROOT / "bench" / "translation_eval.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["translation_eval"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def traced_db(indexed_real_copy: Callable[[str], Path]) -> Path:
    """A copy of the real corpus with its trace index."""
    return indexed_real_copy("translation")


def _trace(db: Path, article: Path) -> dict:
    result = CliRunner().invoke(cli, ["trace", str(article), "--db", str(db), "--json", "-q"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_portuguese_article_linking_five_cables(traced_db: Path, articles_dir: Path) -> None:
    """Meu-amigo-Jobim links five cables (four distinct): its translated quotations reach
    them sentence by sentence, and the links are in the report."""
    report = _trace(traced_db, articles_dir / "Meu-amigo-Jobim.html")
    assert report["article"]["language"] == "pt"
    cited = {c["cable_id"] for c in report["cited"] if c["how"] == "link"}
    assert cited == {"09BRASILIA1315", "08BRASILIA351", "08BRASILIA429", "09BRASILIA93"}
    translated = [q for q in report["quotes"] if q["status"] == "translation"]
    assert len(translated) >= 8
    def best(prefix: str) -> dict:
        return next(q for q in translated if q["text"].startswith(prefix))["matches"][0]

    trusted = best("líderes mais confiáveis")
    assert trusted["cable_id"] == "08BRASILIA351"
    assert [s["paragraph"] for s in trusted["segments"]] == [3]
    assert {"article": "confiáveis", "cable": "trusted"} in trusted["evidence"]
    # a cable the article does not link, found through the corpus
    hates = best("Ele odeia os Estados Unidos")
    assert (hates["cable_id"], hates["segments"][0]["paragraph"]) == ("08BRASILIA129", 2)
    for q in translated:  # every segment is one cable sentence, inside the quotation
        for seg in q["matches"][0]["segments"]:
            assert q["start"] <= seg["article_start"] < seg["article_end"] <= q["end"]
            assert seg["cable_end"] - seg["cable_start"] < 600


def test_cli_and_html_show_translations_and_cited_cables(traced_db: Path, articles_dir: Path,
                                                         tmp_path: Path) -> None:
    article = articles_dir / "EUA-criticam-Plano-Nacional-de.html"
    result = CliRunner().invoke(cli, ["trace", str(article), "--db", str(traced_db), "-q"])
    assert result.exit_code == 0, result.output
    assert "cites: 09BRASILIA34, 09BRASILIA35" in result.output
    assert " translation, " in result.output.splitlines()[0]
    assert "[translation]" in result.output and "renders ¶" in result.output
    page = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["trace", str(article), "--db", str(traced_db), "-q",
                                       "--html", str(page)])
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    assert "Cables the article cites (2)" in html and "09BRASILIA35" in html
    assert "badge translation" in html and "A translation: the marked cable sentences" in html


def test_press_release_quotations_stay_unmatched(traced_db: Path, articles_dir: Path) -> None:
    """The French press release quotes Julian Assange, not a cable: nothing is attributed."""
    report = _trace(traced_db, articles_dir / "Wikileaks-entame-la-publication-de.html")
    assert report["article"]["language"] == "fr"
    assert all(not q["matches"] for q in report["quotes"])


def test_targets_on_the_labelled_translated_quotations(traced_db: Path, articles_dir: Path) -> None:
    """The targets where the method was tuned (dev): >= 70% of the translated quotations of a
    cable at the right paragraph, and the right sentence there; never a wrong cable, never a
    press-release quotation, never a made-up quotation attributed, on dev and test. On test the
    paragraph target is not met (docs/benchmarks.md): its figures are pinned as measured so that
    they do not fall."""
    from cablescope.store import Store
    from cablescope.trace import Tracer
    from cablescope.trace.bilingual import available

    evaluation = _eval_module()
    quotes, made_up = evaluation.load()
    assert len(quotes) >= 60 and len(made_up) >= 20
    with Store.open(traced_db, readonly=True) as store:
        tracer = Tracer(store.connection, str(traced_db))
        dev = evaluation.evaluate(tracer, store.connection, "dev").as_dict()
        first = evaluation.evaluate(tracer, store.connection, "test", "first").as_dict()
        later = evaluation.evaluate(tracer, store.connection, "test", "later").as_dict()
    for split in (dev, first, later):
        assert split["attributed to a wrong cable"] == 0
        assert split["of those attributed"] == 0
        assert split["made-up attributed"] == 0
        assert split["labelled quotations not found as quotations"] == 0
    assert dev["paragraph accuracy"] >= evaluation.TARGET_PARAGRAPH
    assert dev["right sentence (of those at the right paragraph)"] == dev[
        "traced to the right paragraph"]
    if available():  # the translation extra: 44/56, 14/21, 19/49 when measured
        assert dev["traced to the right paragraph"] >= 44
        assert first["traced to the right paragraph"] >= 14
        assert later["traced to the right paragraph"] >= 19
    else:  # the plain path: 41/56, 11/21, 9/49
        assert dev["traced to the right paragraph"] >= 41
        assert first["traced to the right paragraph"] >= 11
        assert later["traced to the right paragraph"] >= 9


def test_web_report_shows_translations_and_cited_cables(traced_db: Path,
                                                        articles_dir: Path) -> None:
    """The web report: `cited` in the JSON, a translation counted in the legend, the cited
    cables linked, the rendered sentence marked in its paragraph with the shared words."""
    from fastapi.testclient import TestClient

    from cablescope.web import WebConfig, create_app

    page = (articles_dir / "Meu-amigo-Jobim.html").read_bytes()
    with TestClient(create_app(WebConfig(db=traced_db, read_only=True))) as client:
        r = client.post("/api/trace", files={"file": ("Meu-amigo-Jobim.html", page, "text/html")})
        assert r.status_code == 200, r.text
        report = r.json()
        assert {c["cable_id"] for c in report["cited"]} >= {"08BRASILIA351", "09BRASILIA93"}
        translated = [q for q in report["quotes"] if q["status"] == "translation"]
        assert translated and all(q["matches"][0]["evidence"] for q in translated)
        html = client.get(f"/trace/{report['id']}").text
    assert "Cables the article cites" in html
    assert f"translation {len(translated)}</span>" in html
    assert 'href="/cable/08BRASILIA351"' in html
    assert "A translation: the marked sentences hold" in html
    assert "“confiáveis” = trusted" in html
