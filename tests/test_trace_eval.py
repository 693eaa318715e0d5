"""Quotation tracing measured on real labels, on the real corpus (issue 10's targets), and the
behaviours of issue 10 (short phrases by rarity, edits that tell the truth, counts that agree)
pinned on real articles and cables.

The sets (bench/trace_evalset.py, tests/data/trace/quotations/ and phrases/, READMEs there):
every quotation of the English articles labelled by hand with its cable paragraph and its
edits; short phrases read in real cables; and, as additions, quotations generated from real
paragraphs with every kind of edit, invented sentences, scare quotes, and quotations of cables
removed from a copy of the corpus. bench/quotes_eval.py prints the same measures in detail.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cablescope.cli import cli
from cablescope.store import Store
from cablescope.trace import Tracer, ensure_index, parse_article, read_article

sys.path.append(str(Path(__file__).resolve().parent.parent / "bench"))

from trace_evalset import (
    EDIT_KINDS,
    generate,
    generate_removed,
    load_quotations,
    phrase_articles,
    remove_cables,
)
from trace_scoring import TARGET_KIND_EXAMPLES, Metrics, evaluate

DATA = Path(__file__).parent / "data" / "trace"
QUOTATIONS = DATA / "quotations" / "labels.json"
PHRASES = DATA / "phrases" / "phrases.json"
CHAVEZ = "U-S-secret-blueprint-to-undermine.html"  # a dev article with scare quotes

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
def tracer(trace_db: Path):
    with Store.open(trace_db, readonly=True) as store:
        yield Tracer(store.connection, str(trace_db))


@pytest.fixture(scope="module")
def results(trace_db: Path, tracer: Tracer, articles_dir: Path,
            tmp_path_factory: pytest.TempPathFactory) -> dict[str, Metrics]:
    real = evaluate(tracer, load_quotations(QUOTATIONS, articles_dir))
    phrases = evaluate(tracer, phrase_articles(PHRASES))
    generated = evaluate(tracer, generate(tracer.conn, seed=2010, per_kind=20))
    removed_ids, removed_articles = generate_removed(tracer.conn)
    without = tmp_path_factory.mktemp("without") / "without.db"
    shutil.copyfile(trace_db, without)
    with Store.open(without) as store:
        remove_cables(store.connection, removed_ids)
        summary = ensure_index(store)  # the index drops the removed cables' paragraphs
        assert summary is not None and summary.removed > 0
        removed = evaluate(Tracer(store.connection, str(without)), removed_articles)
    return {"real": real, "phrases": phrases, "generated": generated, "removed": removed,
            "all": real + phrases + generated + removed}


def _trace(tracer: Tracer, text: str):
    return tracer.trace(parse_article(text, source="test.txt"))


# --- the measures ---------------------------------------------------------------------------


def test_the_real_set_is_labelled_by_hand_and_big(results: dict[str, Metrics]) -> None:
    real = results["real"]
    assert len(real.outcomes) >= 100
    assert sum(1 for o in real.outcomes if o.case.cable_id) >= 75
    labelled = sum(len(o.case.edits or []) for o in real.outcomes)
    assert labelled >= 50
    groups = results["all"].by_group()
    assert groups["generated"] >= 280 and groups["removed"] == 20
    assert set(results["generated"].edit_detection()) == set(EDIT_KINDS)


def test_labels_point_at_the_words_they_name(trace_db: Path, articles_dir: Path) -> None:
    """Every labelled span of a cable holds the quotation's first and last words, and every
    labelled edit's texts are where its offsets say (the labels were made by string search)."""
    with Store.open(trace_db, readonly=True) as store:
        conn = store.connection
        for item in load_quotations(QUOTATIONS, articles_dir):
            for case in item.cases:
                for edit in case.edits or []:
                    shown = " ".join(item.article.text[edit.a_start:edit.a_end].split())
                    assert shown == edit.article_text, (case.id, edit)
                if not case.cable_id:
                    continue
                text = conn.execute(
                    "SELECT v.text FROM cables c JOIN versions v ON v.cable_id = c.id AND "
                    "v.version = c.version WHERE c.id = ?", (case.cable_id,)).fetchone()[0]
                # the first word the writer did not change is at the start of the spans
                edited = [(e.a_start, e.a_end) for e in case.edits or []]
                first = next(m.group().casefold()
                             for m in re.finditer(r"[^\W_]+", item.article.text[case.start:
                                                                                 case.end])
                             if not any(s <= case.start + m.start() < e for s, e in edited))
                quoted = text[case.spans[0][0]:case.spans[-1][1]].casefold()
                assert first in quoted[:60], (case.id, quoted[:60])


def test_cable_and_paragraph_accuracy(results: dict[str, Metrics]) -> None:
    for name in ("real", "generated"):
        metrics = results[name]
        assert metrics.cable_accuracy >= 0.98, (name, metrics.as_dict())
        assert metrics.paragraph_accuracy >= 0.98, (name, metrics.as_dict())


def test_false_attributions_under_one_percent(results: dict[str, Metrics]) -> None:
    assert results["all"].false_attribution_rate < 0.01, results["all"].as_dict()
    # a quotation whose cable is not in the corpus is never pinned on another one
    assert results["removed"].false_attributions == 0
    assert results["real"].false_attributions == 0


def test_edit_kinds_on_real_labels(results: dict[str, Metrics]) -> None:
    kinds = results["real"].edit_kinds()
    held = {k: v for k, v in kinds.items() if v[1] >= TARGET_KIND_EXAMPLES}
    assert {"typography", "case"} <= set(held)
    for kind, (found, total, _) in held.items():
        assert found / total >= 0.9, (kind, found, total)


def test_every_generated_edit_kind_is_named(results: dict[str, Metrics]) -> None:
    for kind, (found, total) in results["generated"].edit_detection().items():
        assert found / total >= 0.9, (kind, found, total)


def test_short_phrases(results: dict[str, Metrics]) -> None:
    both = (results["real"] + results["phrases"])
    dev = Metrics([o for o in both.outcomes if o.case.split == "dev"]).phrases()
    found, distinctive = dev["distinctive"]
    assert distinctive >= 15 and found / distinctive >= 0.9, dev  # the target, on dev
    # test, at its first look: 15 of 19 (docs/benchmarks.md); both together must not slip
    found, distinctive = both.phrases()["distinctive"]
    assert distinctive >= 38 and found / distinctive >= 0.85, both.phrases()
    assert both.phrases()["scare"][0] == 0  # scare quotes never attributed


def test_alignment_character_precision_and_recall(results: dict[str, Metrics]) -> None:
    for name in ("real", "generated"):
        metrics = results[name]
        assert metrics.char_precision >= 0.95 and metrics.char_recall >= 0.95, metrics.as_dict()


# --- issue 10's behaviours on real articles and cables ----------------------------------------


def test_short_phrases_are_searched_by_rarity_and_say_why(tracer: Tracer) -> None:
    report = _trace(tracer, 'Kelly mocked his "tirades and antics". Rights groups speak of '
                            '"collateral damage". The article says "alleged war crimes". '
                            'It was called "distorted".')
    by_text = {q.text: q for q in report.quotes}
    antics = by_text["tirades and antics"]  # no cable named: found by rarity alone
    assert antics.status == "verbatim" and antics.kind == "phrase"
    assert (antics.matches[0].cable_id, antics.matches[0].paragraphs) == ("07SANTIAGO983", [3])
    assert antics.rarity is not None and antics.rarity.searched and antics.rarity.cables == 1
    assert "in one cable" in antics.rarity.reason
    damage = by_text["collateral damage"]
    assert damage.matches == [] and damage.rarity is not None and not damage.rarity.searched
    crimes = by_text["alleged war crimes"]  # in one cable of the corpus, but a common phrase
    assert crimes.matches == [] and crimes.rarity is not None
    assert '"war crimes" is a common pair' in crimes.rarity.reason
    assert by_text["distorted"].rarity.reason == "one word: never searched"
    data = report.as_dict()["quotes"]
    assert {q["text"]: q["rarity"]["searched"] for q in data} == {
        "tirades and antics": True, "collateral damage": False, "alleged war crimes": False,
        "distorted": False}


def test_a_caveat_cut_after_the_first_words_is_an_omission(tracer: Tracer) -> None:
    """07SANTIAGO983 ¶2: "civil society - the person on the street - that we are committed";
    the writer kept "civil society" and cut the dashes' caveat."""
    report = _trace(tracer, 'The embassy wants to reach "civil society that we are committed '
                            'to a progressive and democractic vision for the Americas".')
    match = report.quotes[0].matches[0]
    assert (match.cable_id, match.paragraphs) == ("07SANTIAGO983", [2])
    assert [(e.kind, e.article_text, e.cable_text) for e in match.edits
            if not e.cosmetic] == [("omission", "", "the person on the street")]


def test_an_ellipsis_across_a_paragraph_break_reports_what_it_skipped(tracer: Tracer) -> None:
    """10COLOMBO32: the last sentence of ¶2's note, an ellipsis, then ¶3 from its third
    sentence, quoted across two paragraphs of the article."""
    report = _trace(tracer, 'Butenis wrote: "It is unclear whether any such prosecutions will '
                            'meet international standards...\n\n"There are no examples we '
                            'know of a regime undertaking wholesale investigations of its own '
                            'troops."')
    match = report.quotes[0].matches[0]
    assert (match.cable_id, match.paragraphs) == ("10COLOMBO32", [2, 3])
    edits = [e for e in match.edits if not e.cosmetic]
    assert [e.kind for e in edits] == ["ellipsis"]
    skipped = edits[0]
    assert skipped.article_text == "..." and skipped.skipped_words > 100
    assert "There have been some tentative steps on accountability" in skipped.cable_text
    shown = skipped.as_dict()
    assert shown["skipped_words"] == skipped.skipped_words
    assert shown["cable_text"].endswith(f"… ({skipped.skipped_words} words)")
    assert len(shown["cable_text"]) < 150 < len(skipped.cable_text)


def test_quotations_are_read_as_a_reader_reads_them(articles_dir: Path) -> None:
    from cablescope.trace.quotes import find_quotes

    honduras = read_article(articles_dir / "Prophetic-memo-about-Honduras.html")
    quotes = [honduras.text[q.start:q.end] for q in find_quotes(honduras)]
    # a stray mark inside: '"He made no attempt ... his "(M)ay photo ops ... Washington,"
    # wrote the U.S. ambassador. "Most noticeable ...' is two quotations, not one
    assert 'He made no attempt to disseminate his "(M)ay photo ops with President Bush after ' \
           'the June 2006 meeting in Washington,' in quotes
    assert any(q.startswith("Most noticeable to me has been") for q in quotes)
    # Swedish opens a quotation with ” as well
    swedish = read_article(articles_dir / "USA-bekraftar-svensk-Natokoppling.html")
    texts = [swedish.text[q.start:q.end] for q in find_quotes(swedish)]
    assert "pragmatisk och stark" in texts and len(texts) >= 10


def test_counts_agree_in_cli_json_html_and_web(trace_db: Path, articles_dir: Path,
                                               tmp_path: Path) -> None:
    """One count of quotations by status (scare quotes apart) everywhere: the web page once
    counted scare quotes as unmatched."""
    from fastapi.testclient import TestClient

    from cablescope.web import WebConfig, create_app

    path = articles_dir / CHAVEZ
    runner = CliRunner()
    text = runner.invoke(cli, ["trace", str(path), "--db", str(trace_db)]).output
    cli_counts = re.search(r"(\d+) verbatim, (\d+) edited, (\d+) paraphrase, (\d+) unmatched; "
                           r"(\d+) claims supported; (\d+) scare quotes", text)
    assert cli_counts is not None, text
    data = json.loads(runner.invoke(cli, ["trace", str(path), "--db", str(trace_db),
                                          "--json"]).output)
    summary = data["summary"]
    assert summary["scare"] >= 3  # "distorted", "bought", "case studies"...
    html_path = tmp_path / "report.html"
    runner.invoke(cli, ["trace", str(path), "--db", str(trace_db), "--html", str(html_path)])
    header = re.search(r"<header>.*?<p>(.*?)</p>", html_path.read_text(encoding="utf-8"))
    assert header is not None
    with TestClient(create_app(WebConfig(db=trace_db, read_only=True))) as client:
        r = client.post("/trace", files={"file": (CHAVEZ, path.read_bytes(), "text/html")},
                        follow_redirects=False)
        page = client.get(r.headers["location"]).text
    web = {k: int(v) for k, v in re.findall(r'class="q (verbatim|edited|paraphrase|unmatched)">'
                                            r"\w+ (\d+)</span>", page)}
    web_scare = re.search(r"scare quotes (\d+) \(not counted\)", page)
    keys = ("verbatim", "edited", "paraphrase", "unmatched", "claims", "scare")
    from_cli = dict(zip(keys, map(int, cli_counts.groups()), strict=True))
    assert summary["translation"] == 0  # an English article: its line leaves it out
    assert from_cli == {k: v for k, v in summary.items() if k != "translation"}
    assert header.group(1).startswith(
        f"{summary['verbatim']} verbatim, {summary['edited']} edited, {summary['paraphrase']} "
        f"paraphrase, {summary['unmatched']} unmatched; {summary['claims']} claims supported; "
        f"{summary['scare']} scare quotes")
    assert web == {k: summary[k] for k in keys[:4]}
    assert web_scare is not None and int(web_scare.group(1)) == summary["scare"]
    assert f"· {summary['claims']} claims with support" in page


def test_known_answers_in_real_articles(tracer: Tracer, articles_dir: Path) -> None:
    """Checked by hand against the cables."""
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


def test_translated_articles(tracer: Tracer, articles_dir: Path) -> None:
    """What crosses languages is names, numbers and the cables named."""
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
