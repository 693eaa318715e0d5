"""Claims as checkable statements, on the real corpus and the real articles (issue 10, part 1).

The behaviours are pinned on articles of the dev split (tests/data/trace/split.json); the
figures of bench/claims_eval.py on the hand-labelled sentences (tests/data/trace/claims) are
asserted at the end, on both splits, as last measured (docs/benchmarks.md#claims).
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from cablescope.cli import cli
from cablescope.store import Store
from cablescope.trace import Tracer, ensure_index, read_article
from cablescope.trace.article import Article, Block
from cablescope.trace.html_report import render_html
from cablescope.trace.report import CLAIM_VERDICTS, Claim, TraceReport

ROOT = Path(__file__).resolve().parent.parent
CLAIMS = ROOT / "tests" / "data" / "trace" / "claims"
sys.path.insert(0, str(ROOT / "bench"))
import claims_eval  # noqa: E402  (bench/claims_eval.py: the evaluation, kept out of src/)

pytestmark = [pytest.mark.real, pytest.mark.slow]


@pytest.fixture(scope="module")
def claims_db(real_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the real corpus with the trace index (no entities: tracing must not need
    them)."""
    copy = tmp_path_factory.mktemp("claims") / "claims.db"
    shutil.copyfile(real_db, copy)
    with Store.open(copy) as store:
        ensure_index(store)
    return copy


@pytest.fixture(scope="module")
def tracer(claims_db: Path) -> Tracer:
    store = Store.open(claims_db, readonly=True)
    return Tracer(store.connection, str(claims_db))


def _trace(tracer: Tracer, path: Path) -> TraceReport:
    return tracer.trace(read_article(path))


def _claim(report: TraceReport, starts: str) -> Claim:
    return next(c for c in report.claims if c.text.startswith(starts))


def test_claims_keep_the_contract_and_add_verdicts_and_evidence(tracer: Tracer,
                                                                articles_dir: Path) -> None:
    report = _trace(tracer, articles_dir / "Iraq-Inquiry-told-to-protect-US.html")
    data = report.as_dict()
    assert data["claims"], "an article about a cable has claims"
    for claim in data["claims"]:
        assert report.text[claim["start"]:claim["end"]] == claim["text"]
        assert claim["verdict"] in CLAIM_VERDICTS
        assert (claim["verdict"] == "not found") == (not claim["matches"])
        scores = [m["score"] for m in claim["matches"]]
        assert scores == sorted(scores, reverse=True)  # best first
        for m in claim["matches"]:
            assert {"cable_id", "paragraph", "score", "evidence", "via"} <= set(m)
            text = tracer.cables.get(m["cable_id"]).text
            for e in m["evidence"]:  # the supporting sentences are in the paragraph
                assert m["cable_start"] <= e["cable_start"] < e["cable_end"] <= m["cable_end"]
                assert e["text"].split()[-1] in text[e["cable_start"]:e["cable_end"]]
        for d in claim["differences"]:
            assert d["part"] in ("date", "number", "person", "wording") and d["article"]
    assert data["quotes"] and all("matches" in q for q in data["quotes"])  # quotes as before


def test_a_wrong_date_and_a_wrong_sender_are_named(tracer: Tracer, articles_dir: Path) -> None:
    """The meetings were on September 2-4 (09LONDON2198 ¶1-2), not in late September; the
    cable was sent by Embassy London (SUSMAN), not by Tauscher."""
    report = _trace(tracer, articles_dir / "Iraq-Inquiry-told-to-protect-US.html")
    late = _claim(report, "Day made the admission in late September 2009")
    assert late.verdict == "partly supported"
    assert (late.matches[0].cable_id, late.matches[0].paragraph) in (("09LONDON2198", 2),
                                                                      ("09LONDON2198", 1))
    date = next(d for d in late.differences if d.part == "date")
    assert "September 2009" in date.article and "September 2-4" in date.cable
    sender = _claim(report, "A dispatch sent by Ellen Tauscher")
    person = next(d for d in sender.differences if d.part == "person")
    assert person.article == "Ellen Tauscher" and "SUSMAN" in person.cable
    assert sender.matches[0].cable_id == "09LONDON2198"


def test_meetings_in_an_article_that_links_no_cable_reach_their_cables(
        tracer: Tracer, articles_dir: Path) -> None:
    """A Swedish article names no cable: "X met Y on <date>" is found by the names and the
    date, in the cable that reports the meeting."""
    report = _trace(tracer, articles_dir / "Har-blir-vi-blasta.html")
    assert not [m for m in report.mentions if m.cable_id]
    expected = {
        "Den 23 oktober 2008 hade Barth Eide ett möte": ("08OSLO585", 5),
        "Den 25 juni 2008 mötte försvarsminister Sten Tolgfors": ("08STOCKHOLM494", 2),
        "Den 20 november 2008 meddelade den norske premiärministern": ("08OSLO629", 1),
    }
    for starts, address in expected.items():
        claim = _claim(report, starts)
        assert claim.supported, starts
        assert (claim.matches[0].cable_id, claim.matches[0].paragraph) == address, starts
    # the background of the affair is in no cable
    assert not _claim(report, "Affären har av många anklagats").supported if any(
        c.text.startswith("Affären har av många anklagats") for c in report.claims) else True


def test_a_paragraph_is_chosen_by_what_it_says_not_by_the_cable_around_it(
        tracer: Tracer, articles_dir: Path) -> None:
    """Three ways a paragraph of the right cable was given for a sentence it does not support
    (labels in tests/data/trace/claims, dev split): a sentence ending "according to a cable sent
    by US ambassador Patricia Butenis" is not about the cable as a whole, so its summary gets no
    bonus (¶3 says it); "Another cable sent in November 2009" agrees with 09SAOPAULO653's date,
    which tells the cable, not which of its paragraphs (the labelled ones, ¶12-13, hold few of
    its words: none is given rather than a wrong one); and a paragraph holding a name and a date
    of the sentence but almost none of its words (¶14) does not beat the one describing Bush's
    five-country visit (¶5)."""
    lanka = _trace(tracer, articles_dir / "Sri-Lankan-President-s-alleged-war.html")
    assert [(m.cable_id, m.paragraph) for m in _claim(
        lanka, "Sri Lankan President Mahinda Rajapaksa").matches] == [("10COLOMBO32", 3)]
    muslims = _trace(tracer, articles_dir / "US-engaging-moderate-muslims.html")
    another = _claim(muslims, "Another cable sent in November 2009")
    assert {(m.cable_id, m.paragraph) for m in another.matches} <= {
        ("09SAOPAULO653", 12), ("09SAOPAULO653", 13)}
    chile = _trace(tracer, articles_dir / "U-S-secret-blueprint-to-undermine.html")
    visit = _claim(chile, "Kelly claims that the five-country visit by Bush")
    assert [(m.cable_id, m.paragraph) for m in visit.matches] == [("07SANTIAGO983", 5)]


def test_a_translated_sentence_needs_a_date_to_be_supported_by_a_cable_it_does_not_point_to(
        tracer: Tracer, articles_dir: Path) -> None:
    """In Swedish, two names and a few glossary words found paragraphs of other cables that say
    something else (08STOCKHOLM272 ¶5 for a sentence no cable holds, 08OSLO406 ¶6 for a meeting
    reported in 08OSLO670 ¶3): outside the cables an article points to, a translated sentence
    is supported only where its names and a date agree. The dated meetings are still found."""
    report = _trace(tracer, articles_dir / "Har-blir-vi-blasta.html")
    for starts, allowed in (("Det hastiga beskedet kom som en kalldusch", set()),
                            ("Kort efter tillkännagivandet hade Barth Eide",
                             {("08OSLO670", 3)})):
        given = {(m.cable_id, m.paragraph) for c in report.claims if c.text.startswith(starts)
                 for m in c.matches}
        assert given <= allowed, starts
    met = _claim(report, "Den 23 oktober 2008 hade Barth Eide ett möte")
    assert (met.matches[0].cable_id, met.matches[0].paragraph) == ("08OSLO585", 5)


def test_a_translated_sentence_is_placed_in_its_articles_cable_by_a_clear_lead(
        tracer: Tracer, articles_dir: Path) -> None:
    """The Portuguese version of the Chile story links 07SANTIAGO983 and shares no name with
    most of its paragraphs; where one paragraph holds clearly more of a sentence's glossary
    words and word beginnings than any other of the cable, it is the one retold (labels: dev
    split). A lead without a shared word beginning is not enough: "Depois, teriam procurado se
    legalizar" (about 09BRASILIA1206, which its article does not link) stays unsupported by
    the cables its article links."""
    chile = _trace(tracer, articles_dir / "Os-esforcos-dos-EUA-para-minar-a.html")
    for starts, address in (("Mas também disse que o venezuelano tem uma visão",
                             ("07SANTIAGO983", 17)),
                            ("Para reduzir a sua influência nos temas regionais",
                             ("07SANTIAGO983", 7))):
        claim = _claim(chile, starts)
        assert [(m.cable_id, m.paragraph) for m in claim.matches] == [address], starts
    brazil = _trace(tracer, articles_dir / "Embaixada-se-aproxima-de.html")
    given = {m.cable_id for c in brazil.claims
             if c.text.startswith("Depois, teriam procurado se legalizar") for m in c.matches}
    assert not given & {"09SAOPAULO653", "09SAOPAULO663"}


def test_a_translated_sentence_is_placed_where_words_and_the_sentence_model_agree(
        tracer: Tracer, articles_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In a cable its article links (07SANTIAGO983) or that other sentences were found in
    (07STOCKHOLM506), a translated sentence sharing no name or date with the paragraph is placed
    there when the paragraph scoring best shares a fifth of its word beginnings and the
    cross-lingual sentence model (the `crosslingual` extra) puts one of that paragraph's
    sentences closest to it (labels: dev split). Where the model disagrees, nothing is given:
    "Det är ett av hundratals hemliga telegram", labelled none, is best by its words in
    07STOCKHOLM506 ¶11. Without the model (not asked for by `CABLESCOPE_CROSSLINGUAL`, or not
    installed) the tracer gives what it gave before: none of them."""
    from cablescope.trace import crosslingual

    assert crosslingual.available(), "the test extras install the crosslingual extra"
    monkeypatch.setenv(crosslingual.ON, "1")
    expected = {
        "Os-esforcos-dos-EUA-para-minar-a.html": [
            ("A Argentina, depois da crise, também teria sido vítima", ("07SANTIAGO983", 7))],
        "USA-bekraftar-svensk-Natokoppling.html": [
            ("Sveriges läge i Norden innebär att uppgifter", ("07STOCKHOLM506", 6)),
            ("Sverige är visserligen inte en Nato-allierad", ("07STOCKHOLM506", 1))],
    }
    for name, items in expected.items():
        report = _trace(tracer, articles_dir / name)
        for starts, address in items:
            claim = _claim(report, starts)
            assert [(m.cable_id, m.paragraph) for m in claim.matches] == [address], starts
        if name.startswith("USA"):
            assert not [c for c in report.claims if c.supported
                        and c.text.startswith("Det är ett av hundratals hemliga telegram")]
    monkeypatch.delenv(crosslingual.ON)
    for name, items in expected.items():
        report = _trace(tracer, articles_dir / name)
        for starts, _address in items:
            assert not [c for c in report.claims if c.text.startswith(starts) and c.matches]


def _with_paragraphs(article: Article, paragraphs: list[str]) -> Article:
    """The article with paragraphs appended at its end, as a newspaper would write them."""
    text, blocks = article.text, list(article.blocks)
    for para in paragraphs:
        text += "\n\n"
        blocks.append(Block(len(text), len(text) + len(para)))
        text += para
    return replace(article, text=text, blocks=blocks)


def test_a_name_written_as_the_articles_language_writes_it_is_the_cables_name(
        tracer: Tracer, articles_dir: Path) -> None:
    """"Uruguai" is the cable's Uruguay: in an article in translation a name is compared as
    quotations in translation compare it, alike but for its ending, so "Para ele, países pobres
    como o Uruguai ..." finds 07SANTIAGO983 ¶7 (labels: dev, ¶7 and ¶15) and "... teria avisado
    Sayad" the ¶12 of 09SAOPAULO653 that quotes Joseph Sayah (label: dev), without the sentence
    model. An English article's names are compared as written."""
    from cablescope.trace.claims import _has_name

    chile = _trace(tracer, articles_dir / "Os-esforcos-dos-EUA-para-minar-a.html")
    claim = _claim(chile, "Para ele, países pobres como o Uruguai")
    given = [(m.cable_id, m.paragraph) for m in claim.matches]
    assert ("07SANTIAGO983", 7) in given
    assert set(given) <= {("07SANTIAGO983", 7), ("07SANTIAGO983", 15)}
    brazil = _trace(tracer, articles_dir / "Embaixada-se-aproxima-de.html")
    claim = _claim(brazil, "“Não tire o olho dos sunitas”, teria avisado Sayad")
    assert [(m.cable_id, m.paragraph) for m in claim.matches] == [("09SAOPAULO653", 12)]
    assert _has_name({"uruguai"}, frozenset({"uruguay", "trade"}),
                     {"urug": ["uruguay"], "trad": ["trade"]})
    assert not _has_name({"uruguai"}, frozenset({"uruguay", "trade"}))
    assert not _has_name({"austria"}, frozenset({"australia"}), {"aust": ["australia"]})


def test_a_sentence_that_nobody_commented_is_no_claim(tracer: Tracer,
                                                       articles_dir: Path) -> None:
    """"X declined to comment" says what happened at the newspaper, not in a cable: it shares
    the article's names with its cable and nothing else, and gets no support (on main's code
    both English sentences below were given 09LONDON2198 ¶1; docs/benchmarks.md#claims). The
    Swedish "Aftonbladet har sökt Sten Tolgfors för en kommentar" is labelled none (dev).
    Sentences that only mention a comment keep their support: the known answers of the same
    article (Tauscher's dispatch, Day's admission) are still found."""
    article = _with_paragraphs(read_article(articles_dir / "Iraq-Inquiry-told-to-protect-US.html"),
                               ["The Foreign Office declined to comment.",
                                "A spokesman for the Ministry of Defence declined to comment on "
                                "the cable.",
                                "The US embassy in London did not respond to a request for "
                                "comment about the dispatch."])
    report = tracer.trace(article)
    own = len(read_article(articles_dir / "Iraq-Inquiry-told-to-protect-US.html").text)
    assert [c.text for c in report.claims if c.start >= own] == []
    assert _claim(report, "Day made the admission").matches[0].cable_id == "09LONDON2198"
    sweden = _trace(tracer, articles_dir / "Har-blir-vi-blasta.html")
    assert not [c for c in sweden.claims if "för en kommentar" in c.text]


def test_swedish_genitive_names_are_read_as_the_cable_writes_them(tracer: Tracer) -> None:
    """"Whitneys rapport", "Eides privata intressen": the Swedish genitive adds a bare -s that
    no cable writes; it is dropped where the word without it is in the corpus and the word as
    written is not. "Tolgfors", in the corpus as it is, keeps its s."""
    from cablescope.trace.claims import _genitives

    assert _genitives(tracer.lexicon, [["benson", "whitneys"], ["eides"], ["tolgfors"]]) == \
        [["benson", "whitney"], ["eide"], ["tolgfors"]]


def test_a_translated_sentence_dated_to_the_day_finds_its_paragraph(tracer: Tracer,
                                                                   articles_dir: Path) -> None:
    """In a cable other sentences of the article were found in (08OSLO585), a Swedish sentence
    naming no one the paragraph names is placed by the day of the meeting it reports: "Den 24
    oktober 2008 hade USA:s ambassadör i Oslo ..." is ¶5, "in an October 24 Ambassador's
    meeting" (label: dev). A month alone is not enough: "den 22 september 2008" does not go
    to 08STOCKHOLM494 ¶3 for its "September"."""
    report = _trace(tracer, articles_dir / "Har-blir-vi-blasta.html")
    met = _claim(report, "Den 24 oktober 2008 hade USA:s ambassadör i Oslo")
    assert [(m.cable_id, m.paragraph) for m in met.matches] == [("08OSLO585", 5)]
    call = next((c for c in report.claims
                 if c.text.startswith("I ett nödrop från amerikanska ambassaden i Oslo")), None)
    assert call is None or {(m.cable_id, m.paragraph) for m in call.matches} <= {
        ("08OSLO522", 6)}


def test_claims_in_translation_read_the_glossary_of_quotations_in_translation() -> None:
    """One glossary (trace.glossary) for quotations and claims in translation: Swedish is in it,
    compounds are read by their parts, plurals by the singular the glossary lists."""
    from cablescope.trace import claimfacts, glossary
    from cablescope.trace.claims import glossed

    assert not hasattr(claimfacts, "GLOSSARY")
    assert glossary.glossary("sv")["forsvarsministern"] == ("defense", "minister")
    assert glossed(["forsvarssamarbetet"], "sv") == ["defense", "cooperation"]  # a compound
    assert glossed(["embaixadas"], "pt") == list(glossary.glossary("pt")["embaixada"])
    assert glossed(["telegrammen", "almoco"], "sv") == ["cables"]  # Swedish words only
    assert "lunch" in glossed(["almoco"], "pt")


@pytest.mark.parametrize("page", [
    "Press-Release-Secret-US-Embassy.html", "Statement-on-DDOS-attacks.html",
    "PayPal-freezes-WikiLeaks-donations.html", "Groups-to-contact-for-comment.html",
    "Wikileaks-empieza-a-publicar.html", "Wikileaks-entame-la-publication-de.html"])
def test_wikileaks_statements_get_no_support(tracer: Tracer, articles_dir: Path,
                                             page: str) -> None:
    report = _trace(tracer, articles_dir / page)
    assert [c.text for c in report.claims if c.supported] == []


@pytest.mark.parametrize("page", ["wire-dev.html", "wire-test.html"])
def test_wire_news_about_korea_haiti_and_cholera_gets_no_support(tracer: Tracer,
                                                                 page: str) -> None:
    report = _trace(tracer, CLAIMS / page)
    assert report.counts()["claims"] == 0
    assert [c.text for c in report.claims if c.matches] == []


def test_cli_html_and_json_show_the_cable_beside_the_claim(claims_db: Path, articles_dir: Path,
                                                          tmp_path: Path) -> None:
    article = articles_dir / "Iraq-Inquiry-told-to-protect-US.html"
    result = CliRunner().invoke(cli, ["trace", str(article), "--db", str(claims_db)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    at = next(i for i, line in enumerate(lines)
              if line.startswith("  [claim, partly supported] \"Day made the admission"))
    assert lines[at + 1].startswith("      cable: \"") and "September" in lines[at + 1]
    assert any(line.startswith("      date: \"") for line in lines[at + 1:at + 4])
    html = tmp_path / "r.html"
    result = CliRunner().invoke(cli, ["trace", str(article), "--db", str(claims_db),
                                       "--html", str(html), "--quiet"])
    assert result.exit_code == 0, result.output
    page = html.read_text(encoding="utf-8")
    assert "partly supported" in page and "<mark>" in page
    assert "put measures in place to protect your interests" in page  # the cable's words


def test_report_html_escapes_cable_and_article_text(tracer: Tracer, articles_dir: Path) -> None:
    report = _trace(tracer, articles_dir / "Iraq-Inquiry-told-to-protect-US.html")
    page = render_html(report, lambda c: (tracer.cables.get(c).text + "<script>x</script>")
                       if tracer.cables.get(c) else None)
    assert "<script>x</script>" not in page


@pytest.fixture(scope="module")
def figures(tracer: Tracer) -> dict[str, claims_eval.ClaimMetrics]:
    return {split: claims_eval.evaluate(tracer, claims_eval.load_labels(split))
            for split in ("dev", "test")}


def test_the_labelled_set_is_big_and_varied(figures: dict[str, claims_eval.ClaimMetrics]) -> None:
    outcomes = figures["dev"].outcomes + figures["test"].outcomes
    assert len(outcomes) >= 150
    assert sum(1 for o in outcomes if o.label.unrelated) >= 30
    assert {o.label.language for o in outcomes} >= {"en", "sv", "pt"}
    assert sum(1 for o in figures["test"].outcomes if o.label.support) >= 50


def test_unrelated_news_gets_no_support_in_the_evaluation(
        figures: dict[str, claims_eval.ClaimMetrics]) -> None:
    for metrics in figures.values():
        assert metrics.unrelated_supported() == 0


# The targets (precision >= 90%, recall >= 75%) are NOT met (docs/benchmarks.md#claims:
# first look at test 65.5% / 33.6%; after tuning on dev, second look 66.0% / 29.0%, dev 92.1% /
# 30.7%; third look 67.4% / 29.0%, dev 93.2% / 31.5% with 16 more dev labels; claims4, tuned on
# dev only and test not scored: dev 93.3% / 32.3%; claims7, names alike but for their ending,
# dev only: dev 93.6% / 33.9%). These floors pin
# what was measured, a little below it, so that a change making claims worse fails; raise them
# as claims improve.
FLOORS = {"dev": (0.92, 0.32), "test": (0.62, 0.27)}
ENGLISH_RECALL = {"dev": 0.64, "test": 0.53}


@pytest.mark.parametrize("split", ["dev", "test"])
def test_precision_and_recall_at_paragraph_level(figures: dict[str, claims_eval.ClaimMetrics],
                                                 split: str) -> None:
    metrics = figures[split]
    precision, recall = FLOORS[split]
    assert metrics.precision() >= precision, metrics.as_dict()
    assert metrics.recall() >= recall, metrics.as_dict()
    assert metrics.recall(lambda o: o.label.language == "en") >= ENGLISH_RECALL[split], \
        metrics.as_dict()


def test_reports_do_not_depend_on_the_process(claims_db: Path, articles_dir: Path) -> None:
    """The same article gives the same report in every process: ties between equally rare
    words, equally long names and equal scores are broken by the words, not by the order a
    set of strings happens to have in one process (PYTHONHASHSEED), and scores are summed
    exactly (math.fsum) so that the order of the words summed cannot move a threshold. Spark
    traces in worker processes and must agree with a plain trace (tests/test_spark.py)."""
    import os
    import subprocess

    outputs = set()
    for seed in ("1", "3", "4"):  # seeds that gave three different reports before the fix
        done = subprocess.run(
            [str(Path(sys.executable).parent / "cablescope"), "trace", str(articles_dir), "--db",
             str(claims_db), "--jsonl", "--quiet"],
            env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True, text=True,
            check=True)
        assert done.stdout.count("\n") == 33
        outputs.add(done.stdout)
    assert len(outputs) == 1
