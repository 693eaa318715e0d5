"""The tracer end to end on a small hand-made corpus: statuses, segments, anchoring, reuse,
claims, the index kept up to date, the CLI and its output contract."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cablescope.cli import cli
from cablescope.parse.model import Cable, Paragraph
from cablescope.sources.record import RawRecord
from cablescope.store import Store
from cablescope.trace import Tracer, ensure_index, index_state, parse_article, update_index
from cablescope.trace.postings import count as count_postings

PARAS_43 = [
    "Despite negative rhetoric in Itamaraty and at higher levels of the GOB,\nBrazilian law "
    "enforcement and intelligence agencies--principally the Federal Police,\nCustoms, the "
    "Brazilian Intelligence Agency (ABIN), and others--are aware of the potential\nthreat from "
    "terrorists exploiting the favorable conditions existing in Brazil to operate\nand actively "
    "track and monitor suspected terrorist activity and follow all leads passed\nto them.",
    "The Federal Police will often arrest individuals with links to terrorism, but will charge "
    "them on a variety of non-terrorism related crimes to avoid calling attention of the media "
    "and the higher levels of the government. Over the past year the Federal Police has "
    "arrested various individuals engaged in suspected terrorism financing activity but have "
    "based their arrests on narcotics and customs charges.",
    "XXXXXXXXXXXX told PolOff that the minister would back the sanctions if the Europeans did "
    "so first, but that he could not say so in public before the elections in October.",
]
PARAS_100 = [
    "The Department thanks Embassy Brasilia for its reporting on the minister and the "
    "sanctions regime.",
    "Posts should continue to report on reactions to the sanctions and on the two discourses "
    "of the government.",
]
PARAS_7 = [
    "The ambassador met the foreign minister, who said the government would never accept "
    "foreign pressure on nuclear matters and would keep enriching uranium for peaceful "
    "purposes under international safeguards.",
]


def make_cable(cable_id: str, paras: list[str]) -> tuple[RawRecord, Cable]:
    """A cable laid out as WikiLeaks pages are: header block, then ¶N. (C) paragraphs."""
    text = f"C O N F I D E N T I A L\n\nSIPDIS\n\nSUBJECT: TEST {cable_id}\n\n"
    paragraphs = [Paragraph(0, None, None, text.rstrip(), 0, len(text.rstrip()))]
    for n, para in enumerate(paras, 1):
        start = len(text)
        text += f"¶{n}. (C) {para}\n\n"
        paragraphs.append(Paragraph(n, n, "C", text[start:len(text) - 2], start, len(text) - 2))
    text = text.rstrip()
    record = RawRecord("test", cable_id, "text", text, meta={"id": cable_id})
    return record, Cable(id=cable_id, raw_id=cable_id, text=text, paragraphs=paragraphs)


@pytest.fixture()
def small_db(tmp_path: Path) -> Path:
    path = tmp_path / "small.db"
    with Store.open(path) as store:
        for cable_id, paras in (("08BRASILIA43", PARAS_43), ("09STATE100", PARAS_100)):
            store.add(*make_cable(cable_id, paras))
        ensure_index(store)
    return path


ARTICLE = """Brazil frames suspected terrorists

According to a secret cable sent in January 2008 by the US Ambassador, the police act quietly:

"The Federal Police will often arrest individuals with links to terrorism, but will charge them \
on a variety of non-terrorism related crimes ... Over the past year the Federal Police has \
arrested various individuals engaged in suspected terrorism financing activity".

"Despite negative rhetoric in Itamaraty and at higher levels of the GOB [Government of Brazil], \
Brazilian law enforcement and intelligence agencies—principally the Federal Police, Customs, the \
Brazilian Intelligence Agency (ABIN), and others—are aware of the potential threat", the cable \
says.

A source told the embassy that the minister would back the sanctions if the Europeans did so \
first, but that he could not say so in public before the elections in October.

The government calls these "reforms". "We will never accept foreign pressure on nuclear \
matters, whatever happens," the minister said in a speech. Another cable (09STATE100) notes \
"the two discourses" of the government.
"""


def _trace(db: Path, text: str = ARTICLE):
    with Store.open(db, readonly=True) as store:
        return Tracer(store.connection, str(db)).trace(parse_article(text, source="a.txt"))


def test_statuses_segments_and_edits(small_db: Path) -> None:
    report = _trace(small_db)
    by_start = {q.text[:25]: q for q in report.quotes}
    police = by_start["The Federal Police will o"]
    assert police.status == "edited" and police.kind == "quote"
    assert police.attribution.startswith("According to a secret cable sent in January 2008")
    match = police.matches[0]
    assert match.cable_id == "08BRASILIA43" and match.score == 1.0
    assert [s.paragraph for s in match.segments] == [2, 2]
    ellipsis = match.edits[0]
    assert ellipsis.kind == "ellipsis" and ellipsis.article_text == "..."
    assert ellipsis.cable_text == ("to avoid calling attention of the media and the higher "
                                   "levels of the government.")
    # segment offsets point at the same words in the article and in the cable
    with Store.open(small_db, readonly=True) as store:
        cable_text = store.connection.execute(
            "SELECT text FROM versions WHERE cable_id = '08BRASILIA43'").fetchone()[0]
    for seg in match.segments:
        a = ARTICLE[seg.article_start:seg.article_end].split()
        c = cable_text[seg.cable_start:seg.cable_end].split()
        assert a[:3] == c[:3] and a[-2:] == c[-2:]

    gob = by_start["Despite negative rhetoric"]
    assert gob.status == "edited" and gob.attribution == "the cable says"
    assert [(e.kind, e.article_text) for e in gob.matches[0].edits] == [
        ("bracketed_insertion", "[Government of Brazil]"), ("typography", "—"),
        ("typography", "—")]


def test_unmarked_reuse_redaction_phrases_and_the_unmatched(small_db: Path) -> None:
    report = _trace(small_db)
    reuse = next(q for q in report.quotes if q.kind == "unmarked")
    assert reuse.text.startswith("A source told the embassy")
    assert reuse.matches[0].cable_id == "08BRASILIA43"
    assert reuse.matches[0].paragraphs == [3]
    assert ("redaction", "A source", "XXXXXXXXXXXX") in [
        (e.kind, e.article_text, e.cable_text) for e in reuse.matches[0].edits]
    reforms = next(q for q in report.quotes if q.text == "reforms")
    assert reforms.kind == "scare" and reforms.matches == []
    speech = next(q for q in report.quotes if q.text.startswith("We will never accept"))
    assert speech.status == "unmatched" and speech.matches == []
    # a short phrase is matched only in a cable the article names
    phrase = next(q for q in report.quotes if q.text == "the two discourses")
    assert phrase.kind == "phrase" and phrase.status == "verbatim"
    assert phrase.matches[0].cable_id == "09STATE100"
    assert phrase.matches[0].paragraphs == [2]
    assert [m.cable_id for m in report.mentions] == ["09STATE100"]


def test_a_quote_from_a_cable_not_in_the_corpus_stays_unmatched(small_db: Path) -> None:
    text = ('The cable says the minister "said the government would never accept pressure '
            'on nuclear matters and would keep enriching uranium for peaceful purposes".')
    before = _trace(small_db, text)
    assert before.quotes[0].status == "unmatched"
    with Store.open(small_db) as store:
        assert index_state(store.connection) == "current"
        store.add(*make_cable("07TEHRAN7", PARAS_7))
        assert index_state(store.connection) == "stale"
        summary = ensure_index(store)
        assert summary is not None and summary.added == 2 and not summary.rebuilt
    after = _trace(small_db, text)
    quote = after.quotes[0]
    assert quote.status == "edited"
    assert quote.matches[0].cable_id == "07TEHRAN7"
    assert [(e.kind, e.cable_text) for e in quote.matches[0].edits] == [("omission", "foreign")]


def test_new_version_of_a_cable_replaces_its_postings(small_db: Path) -> None:
    changed = [*PARAS_43[:2], "Minister Jorge Felix told PolOff he would veto the sanctions."]
    with Store.open(small_db) as store:
        conn = store.connection
        before = count_postings(conn)
        store.add(*make_cable("08BRASILIA43", changed))
        summary = update_index(conn)
        assert summary.removed == 4 and summary.added == 4
        rebuilt = update_index(conn, rebuild=True)
        # incremental maintenance leaves exactly what a rebuild gives
        assert rebuilt.postings == summary.postings != before
    report = _trace(small_db, '"Minister Jorge Felix told PolOff he would veto the sanctions."')
    assert report.quotes[0].status == "verbatim"


def test_cli_trace_json_contract_html_and_errors(small_db: Path, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["trace", str(article), "--db", str(small_db), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) >= {"article", "corpus", "quotes", "claims"}
    extracted = ARTICLE.strip()  # plain text as extracted: outer blank lines dropped
    assert data["article"]["chars"] == len(extracted) and data["corpus"]["cables"] == 2
    for q in data["quotes"]:
        assert set(q) >= {"text", "start", "end", "attribution", "status", "matches"}
        assert extracted[q["start"]:q["end"]] == q["text"]
        for m in q["matches"]:
            assert set(m) >= {"cable_id", "score", "segments", "edits"}
            for s in m["segments"]:
                assert set(s) == {"paragraph", "article_start", "article_end", "cable_start",
                                  "cable_end"}
            for e in m["edits"]:
                assert {"kind", "article_text", "cable_text"} <= set(e)
    for c in data["claims"]:
        assert set(c) >= {"text", "start", "end", "matches", "verdict", "differences"}

    html_path = tmp_path / "report.html"
    result = runner.invoke(cli, ["trace", str(article), "--db", str(small_db), "--html",
                                 str(html_path), "-q"])
    assert result.exit_code == 0, result.output
    page = html_path.read_text(encoding="utf-8")
    assert "08BRASILIA43" in page and "[Government of Brazil]" in page

    result = runner.invoke(cli, ["trace", "-", "--db", str(small_db), "--jsonl"],
                           input='He wrote: "<script>alert(1)</script> is not a cable."')
    assert result.exit_code == 0
    assert json.loads(result.output)["quotes"][0]["status"] == "unmatched"

    empty = tmp_path / "empty.md"
    empty.write_text("\n\n", encoding="utf-8")
    result = runner.invoke(cli, ["trace", str(empty), "--db", str(small_db)])
    assert result.exit_code == 1 and "empty.md: the article is empty" in result.output
    result = runner.invoke(cli, ["trace", str(article), "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "no database at" in result.output


def test_html_report_escapes_article_and_cable_text(small_db: Path) -> None:
    from cablescope.trace.html_report import render_html

    text = 'He wrote: "<img src=x onerror=alert(1)> The Federal Police will often arrest ' \
           'individuals with links to terrorism".'
    report = _trace(small_db, text)
    page = render_html(report, lambda c: "<script>" + c + "</script>")
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_index_command_builds_and_updates(tmp_path: Path) -> None:
    path = tmp_path / "fresh.db"
    with Store.open(path) as store:
        store.add(*make_cable("08BRASILIA43", PARAS_43))
    runner = CliRunner()
    result = runner.invoke(cli, ["index", "--db", str(path), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["rebuilt"] and summary["added"] == 4 and summary["postings"] > 40
    result = runner.invoke(cli, ["index", "--db", str(path)])
    assert result.exit_code == 0 and "0 paragraphs indexed" in result.output


def test_a_database_without_the_index_says_what_to_run(tmp_path: Path) -> None:
    from cablescope.trace.index import IndexMissing

    path = tmp_path / "unindexed.db"
    with Store.open(path) as store:
        store.add(*make_cable("08BRASILIA43", PARAS_43))
    with Store.open(path, readonly=True) as store:
        with pytest.raises(IndexMissing, match="cablescope index"):
            Tracer(store.connection, str(path))
        with pytest.raises(IndexMissing, match=r"trace index is missing; run `cablescope index"):
            ensure_index(store)
    # the CLI builds it, with a notice on stderr
    article = tmp_path / "a.txt"
    article.write_text('"The Federal Police will often arrest individuals with links to '
                       'terrorism," the cable says.', encoding="utf-8")
    result = CliRunner().invoke(cli, ["trace", str(article), "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert "building the trace index" in result.output and "08BRASILIA43 ¶2" in result.output


def test_a_failing_full_text_query_is_an_error_naming_it(small_db: Path, tmp_path: Path) -> None:
    """A broken full-text index must not pass for quotations the corpus lacks (issue 10,
    part 5): the search that failed is named, and the CLI exits 1."""
    from cablescope.errors import StoreError
    from cablescope.trace.lexical import Lexicon

    broken = tmp_path / "broken.db"
    shutil.copyfile(small_db, broken)
    with Store.open(broken) as store:
        store.connection.execute("DROP TABLE paragraphs_fts_idx")  # a shadow table lost
        with pytest.raises(StoreError, match=r"frequency of '\w+' from the full-text index"):
            Lexicon(store.connection).bm25(["sanctions", "europeans", "elections"])
    # a short quotation is looked for by its words' frequencies, then by a phrase query
    text = 'Kelly mocked his "tirades and antics" once more.'
    with pytest.raises(StoreError, match=r"full-text index .* failed"):
        _trace(broken, text)
    article = tmp_path / "a.txt"
    article.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["trace", str(article), "--db", str(broken)])
    assert result.exit_code == 1
    assert "Error: trace: reading the frequency of 'tirades'" in result.output
    assert "Traceback" not in result.output


def test_typography_is_folded_unless_all_edits_are_asked(small_db: Path, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    runner = CliRunner()
    folded = runner.invoke(cli, ["trace", str(article), "--db", str(small_db)]).output
    listed = runner.invoke(cli, ["trace", str(article), "--db", str(small_db),
                                 "--all-edits"]).output
    # the two em dashes of "Despite negative rhetoric..." for the cable's "--"
    assert "+ 2 typography (quote marks, dashes, letter case: --all-edits lists them)" in folded
    assert 'typography: article "—" vs cable "--"' not in folded
    assert listed.count('typography: article "—" vs cable "--"') == 2
    assert "--all-edits lists" not in listed
    data = json.loads(runner.invoke(cli, ["trace", str(article), "--db", str(small_db),
                                          "--json"]).output)
    edits = next(q for q in data["quotes"] if q["text"].startswith("Despite"))["matches"][0][
        "edits"]
    assert [(e["kind"], e["cosmetic"]) for e in edits] == [
        ("bracketed_insertion", False), ("typography", True), ("typography", True)]
    police = next(q for q in data["quotes"] if q["text"].startswith("The Federal"))
    ellipsis = police["matches"][0]["edits"][0]
    assert ellipsis["kind"] == "ellipsis" and ellipsis["skipped_words"] == 14
    assert data["summary"] == {"verbatim": 1, "edited": 3, "paraphrase": 0, "translation": 0,
                               "unmatched": 1, "claims": data["summary"]["claims"], "scare": 1}
