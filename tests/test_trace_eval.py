"""Tracing accuracy on the evaluation set, on the real corpus (the targets of issue 5).

The set (`cablescope.trace.evalset`, tests/data/trace/labelled.json): quotations of the English
articles labelled by hand, quotations generated from real paragraphs with every kind of edit,
invented sentences, scare quotes, and quotations of cables removed from a copy of the corpus.
bench/trace_eval.py prints the same measures in detail.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cablescope.store import Store
from cablescope.trace import Tracer, ensure_index, read_article
from cablescope.trace.evalset import (
    EDIT_KINDS,
    generate,
    generate_removed,
    load_labelled,
    remove_cables,
)
from cablescope.trace.evaluate import Metrics, evaluate

LABELLED = Path(__file__).parent / "data" / "trace" / "labelled.json"

pytestmark = [pytest.mark.real, pytest.mark.slow]


@pytest.fixture(scope="module")
def trace_db(real_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the real corpus with the trace index built (the index is written)."""
    copy = tmp_path_factory.mktemp("trace") / "trace.db"
    shutil.copyfile(real_db, copy)
    with Store.open(copy) as store:
        summary = ensure_index(store)
        assert summary is not None and summary.rebuilt and summary.paragraphs > 60_000
    return copy


@pytest.fixture(scope="module")
def results(trace_db: Path, articles_dir: Path,
            tmp_path_factory: pytest.TempPathFactory) -> dict[str, Metrics]:
    with Store.open(trace_db, readonly=True) as store:
        tracer = Tracer(store.connection, str(trace_db))
        labelled = evaluate(tracer, load_labelled(LABELLED, articles_dir))
        generated = evaluate(tracer, generate(store.connection, seed=2010, per_kind=20))
        removed_ids, removed_articles = generate_removed(store.connection)
    without = tmp_path_factory.mktemp("without") / "without.db"
    shutil.copyfile(trace_db, without)
    with Store.open(without) as store:
        remove_cables(store.connection, removed_ids)
        summary = ensure_index(store)  # the index drops the removed cables' paragraphs
        assert summary is not None and summary.removed > 0
        removed = evaluate(Tracer(store.connection, str(without)), removed_articles)
    return {"labelled": labelled, "generated": generated, "removed": removed,
            "all": labelled + generated + removed}


def test_the_set_is_big_and_varied(results: dict[str, Metrics]) -> None:
    groups = results["all"].by_group()
    assert sum(groups.values()) >= 400
    assert groups["real"] >= 60 and groups["generated"] >= 280
    assert groups["negative"] >= 40 and groups["scare"] >= 20 and groups["removed"] == 20
    assert set(results["all"].edit_detection()) == set(EDIT_KINDS)
    assert all(total >= 15 for _, total in results["all"].edit_detection().values())


def test_cable_and_paragraph_accuracy(results: dict[str, Metrics]) -> None:
    for name in ("labelled", "generated", "all"):
        metrics = results[name]
        assert metrics.cable_accuracy >= 0.98, (name, metrics.as_dict())
        assert metrics.paragraph_accuracy >= 0.98, (name, metrics.as_dict())


def test_false_attributions_under_one_percent(results: dict[str, Metrics]) -> None:
    assert results["all"].false_attribution_rate < 0.01, results["all"].as_dict()
    # a quotation whose cable is not in the corpus is never pinned on another one
    assert results["removed"].false_attributions == 0


def test_every_edit_kind_is_named(results: dict[str, Metrics]) -> None:
    for kind, (found, total) in results["all"].edit_detection().items():
        assert found / total >= 0.9, (kind, found, total)


def test_alignment_character_precision_and_recall(results: dict[str, Metrics]) -> None:
    metrics = results["all"]
    assert metrics.char_precision >= 0.95 and metrics.char_recall >= 0.95, metrics.as_dict()


def test_known_answers_in_real_articles(trace_db: Path, articles_dir: Path) -> None:
    """Checked by hand against the cables."""
    with Store.open(trace_db, readonly=True) as store:
        tracer = Tracer(store.connection, str(trace_db))
        brazil = tracer.trace(read_article(articles_dir / "Cablegate-Brazil-frames-suspected.html"))
        russia = tracer.trace(read_article(articles_dir / "Test_32.html"))
        iraq = tracer.trace(read_article(articles_dir / "Iraq-Inquiry-told-to-protect-US.html"))
    gob = next(q for q in brazil.quotes if q.text.startswith("Despite negative rhetoric"))
    assert gob.status == "edited"
    assert (gob.matches[0].cable_id, gob.matches[0].paragraphs) == ("08BRASILIA43", [3])
    assert [(e.kind, e.article_text) for e in gob.matches[0].edits][:2] == [
        ("bracketed_insertion", "[Government of Brazil]"), ("typography", "—")]
    assert {m.cable_id for m in brazil.mentions} == {"05BRASILIA1207", "08BRASILIA504",
                                                      "09BRASILIA1540"}
    # claims: the lunch with General Felix is 05BRASILIA1207, ¶1
    felix = next(c for c in brazil.claims if c.text.startswith("In a 2005 meeting"))
    assert (felix.matches[0].cable_id, felix.matches[0].paragraph) == ("05BRASILIA1207", 1)
    redacted = next(q for q in russia.quotes if q.text.startswith("[Redacted] believes"))
    assert ("redaction", "[Redacted]", "XXXX") in [
        (e.kind, e.article_text, e.cable_text) for e in redacted.matches[0].edits]
    fees = next(q for q in russia.quotes if q.text.startswith("The fees for these services"))
    ellipsis = next(e for e in fees.matches[0].edits if e.kind == "ellipsis")
    assert ellipsis.cable_text == ". As XXXX pointed out,"
    chilcot = next(q for q in iraq.quotes if q.text.startswith("Discussions and evidence"))
    assert chilcot.status == "unmatched" and chilcot.attribution == "Chilcot replied"
    inquiry = next(q for q in iraq.quotes if q.text.startswith("promised that the UK had"))
    assert inquiry.matches[0].cable_id == "09LONDON2198"
    assert ("bracketed_insertion", "[US]") in [
        (e.kind, e.article_text) for e in inquiry.matches[0].edits]
    assert iraq.corpus_cables == 6712


def test_translated_articles(trace_db: Path, articles_dir: Path) -> None:
    """The stretch goal: what crosses languages is names, numbers and the cables named."""
    with Store.open(trace_db, readonly=True) as store:
        tracer = Tracer(store.connection, str(trace_db))
        jobim = tracer.trace(read_article(articles_dir / "Meu-amigo-Jobim.html"))
        lula = tracer.trace(read_article(articles_dir / "O-presidente-e-o-embaixador.html"))
    assert jobim.language == "pt"
    named = {m.cable_id for m in jobim.mentions}
    assert named == {"08BRASILIA351", "08BRASILIA429", "09BRASILIA1315", "09BRASILIA93"}
    # claims in Portuguese still point at the cables the article names
    assert any(c.matches and c.matches[0].cable_id in named for c in jobim.claims)
    # "Brazil needs the tools to deal with its neighbors, Lula said. If Bolivia wants Super
    # Tucanos..." quoted in Portuguese: a translation of that paragraph's sentences
    tucanos = next(q for q in lula.quotes if q.text.startswith("O Brasil precisa das"))
    assert tucanos.status == "translation"
    assert (tucanos.matches[0].cable_id, tucanos.matches[0].paragraphs) == ("09BRASILIA953",
                                                                            [2])
    # no quotation of a translated article is ever given as the cable's own words
    assert all(q.status in ("translation", "unmatched") for q in lula.quotes)
