"""The Spark jobs on `local[2]` against the real corpus (or a slice of it), with known answers:
the single-machine commands' own results, and labels read from the cables (tests/data/spark).

One SparkSession serves every test (the `spark` fixture); each job is run once per module.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import tarfile
from difflib import SequenceMatcher
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from cablescope.cli import cli
from cablescope.store.rows import CABLE_COLUMNS
from needs import skip_or_fail

pytestmark = [pytest.mark.real, pytest.mark.slow]

LABELS = json.loads((Path(__file__).parent / "data" / "spark" / "reuse.json").read_text())

# What `spark ingest` + `load` must give exactly as `cablescope ingest` does (all but the
# ingest time and paragraph ids, which say when and in what order rows were written).
SAME = {
    "cables": f"SELECT {', '.join(CABLE_COLUMNS)}, version FROM cables ORDER BY id",
    "versions": "SELECT cable_id, version, sha256, seen, released, source, locator, format, "
                "header, text, meta FROM versions ORDER BY cable_id, version",
    "paragraphs": "SELECT cable_id, seq, number, marking, heading, start, end, text "
                  "FROM paragraphs ORDER BY cable_id, seq",
    "refs": "SELECT citing, seq, letter, raw, cited FROM refs ORDER BY citing, seq",
    "tags": "SELECT cable_id, tag, kind, seq FROM tags ORDER BY cable_id, tag",
    "recipients": "SELECT cable_id, seq, kind, name FROM recipients ORDER BY cable_id, seq",
    "problems": "SELECT source, locator, reason FROM problems ORDER BY source, locator, reason",
}


def same_database(expected: Path, got: Path) -> None:
    a, b = sqlite3.connect(expected), sqlite3.connect(got)
    try:
        for table, query in SAME.items():
            want, have = a.execute(query).fetchall(), b.execute(query).fetchall()
            assert len(have) == len(want), table
            diff = next(((w, h) for w, h in zip(want, have, strict=True) if w != h), None)
            assert diff is None, f"{table} differs: {diff}"
        for db in (a, b):  # the full-text index follows the paragraphs
            db.execute("INSERT INTO paragraphs_fts (paragraphs_fts, rank) "
                       "VALUES ('integrity-check', 1)")
        query = "SELECT count(*) FROM paragraphs_fts WHERE paragraphs_fts MATCH 'humint'"
        assert a.execute(query).fetchone() == b.execute(query).fetchone()
    finally:
        a.close()
        b.close()


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="session")
def spark():  # -> SparkSession
    """One local[2] session for every Spark test: Spark's start-up is paid once."""
    try:
        from cablescope.spark import SparkUnavailable, spark_session
    except ImportError as exc:
        skip_or_fail(f"the spark extra is not installed: {exc}")
    try:
        session = spark_session("local[2]")
    except SparkUnavailable as exc:
        skip_or_fail(str(exc))
    yield session
    session.stop()


def cable_slice(main_corpus: Path, folder: Path, wanted: set[str], every: int) -> Path:
    """A folder of real cable pages: the `wanted` cables and every `every`-th other one."""
    with tarfile.open(main_corpus, "r|xz") as archive:
        for i, member in enumerate(archive):
            name = Path(member.name)
            if member.isfile() and (name.stem in wanted or i % every == 0):
                target = folder / "cable" / name.parent.parent.name / name.parent.name / name.name
                target.parent.mkdir(parents=True, exist_ok=True)
                data = archive.extractfile(member)
                assert data is not None
                target.write_bytes(data.read())
    return folder


# --- ingest and load on the whole real corpus ----------------------------------------------------


@pytest.fixture(scope="module")
def loaded(spark, main_corpus: Path, earlier_corpus: Path,
           tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, Path]:
    out = tmp_path_factory.mktemp("parquet") / "tables"
    summary = json.loads(run("spark", "ingest", str(main_corpus), str(earlier_corpus),
                             "--out", str(out), "--master", "local[2]", "--json"))
    db = out.parent / "loaded.db"
    run("load", str(out), "--db", str(db), "--quiet")
    return out, summary, db


def test_spark_ingest_then_load_is_the_same_database_as_ingest(loaded, real_db: Path) -> None:
    out, summary, db = loaded
    assert summary["records"] == 6_796 and summary["cables"] == 6_712
    assert summary["versions"] == 6_796 and summary["problems"] == 0
    assert {p.name for p in out.iterdir()} == {"versions", "cables", "paragraphs", "refs",
                                                "tags", "recipients", "problems"}
    same_database(real_db, db)


def test_parquet_tables_have_the_sqlite_columns(loaded) -> None:
    import pyarrow.parquet as pq

    from cablescope.spark.tables import STORE_TABLES

    out, _, db = loaded
    conn = sqlite3.connect(db)
    for table, cols in STORE_TABLES.items():
        names = pq.read_schema(next((out / table).glob("*.parquet"))).names
        assert names == [c for c, _ in cols]
        stored = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        assert set(names) <= set(stored) and set(stored) - set(names) <= {"pid", "id"}
    # 08PARIS1698 has two versions: the partial extract first seen, then the full text
    versions = conn.execute("SELECT version, seen FROM versions WHERE cable_id = '08PARIS1698' "
                            "ORDER BY version").fetchall()
    assert len(versions) == 2
    current = conn.execute("SELECT version FROM cables WHERE id = '08PARIS1698'").fetchone()[0]
    assert current == max(versions, key=lambda v: v[1])[0]
    conn.close()


def test_load_into_a_database_holding_the_cables_merges_as_ingest(loaded, tmp_path: Path,
                                                                  real_db: Path) -> None:
    out, _, _ = loaded
    db = tmp_path / "twice.db"
    shutil.copyfile(real_db, db)
    summary = json.loads(run("load", str(out), "--db", str(db), "--json", "--quiet"))
    assert summary["merged"] == 6_712 and summary["cables"] == 0 and summary["versions"] == 0
    same_database(real_db, db)


# --- bad input -----------------------------------------------------------------------------------


def test_bad_input_lands_in_problems_as_with_ingest(spark, main_corpus: Path,
                                                    tmp_path: Path) -> None:
    folder = cable_slice(main_corpus, tmp_path / "mixed", set(), 1500)
    (folder / "cable" / "2010" / "02").mkdir(parents=True, exist_ok=True)
    (folder / "cable" / "2010" / "02" / "10NOWHERE1.html").write_text(
        "<html><body><p>not a cable at all</p></body></html>")
    (folder / "notes.xyz").write_text("what is this")
    broken = tmp_path / "broken.tar.xz"
    broken.write_bytes(main_corpus.read_bytes()[:400_000])  # cut mid-archive
    runner = CliRunner()
    out = tmp_path / "out"
    result = runner.invoke(cli, ["spark", "ingest", str(folder), str(broken), "--out", str(out),
                                 "--master", "local[2]"])
    assert result.exit_code == 1, result.output  # the damaged archive says so...
    assert "damaged" in result.output
    spark_db, plain_db = tmp_path / "spark.db", tmp_path / "plain.db"
    run("load", str(out), "--db", str(spark_db), "--quiet")  # ...yet everything else is there
    plain = runner.invoke(cli, ["ingest", str(folder), str(broken), "--db", str(plain_db), "-q"])
    assert plain.exit_code == 1
    conn = sqlite3.connect(spark_db)
    reasons = [r for (r,) in conn.execute("SELECT reason FROM problems")]
    assert any("not a known cable format" in r for r in reasons)
    assert any("damaged archive" in r for r in reasons)
    assert conn.execute("SELECT count(*) FROM cables").fetchone()[0] > 5
    conn.close()
    same_database(plain_db, spark_db)


# --- a slice of the corpus for trace, reuse and entities -----------------------------------------


@pytest.fixture(scope="module")
def slice_db(main_corpus: Path, articles_dir: Path,
             tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About 600 real cables: those the articles cite, those of the reuse labels, every 15th."""
    cited = set()
    for article in articles_dir.iterdir():
        cited |= set(re.findall(r"\b\d\d[A-Z]{3,}\d+\b", article.read_text(errors="replace")))
    labelled = {pair[k] for group in LABELS.values() for pair in group for k in ("a", "b")}
    folder = cable_slice(main_corpus, tmp_path_factory.mktemp("slice") / "cablegate-2011-04-25",
                         cited | labelled, 15)
    db = folder.parent / "slice.db"
    run("ingest", str(folder), "--db", str(db), "-q")
    return db


def test_spark_trace_gives_the_reports_of_trace(spark, slice_db: Path, articles_dir: Path,
                                                tmp_path: Path) -> None:
    out = tmp_path / "reports.jsonl"
    summary = json.loads(run("spark", "trace", str(articles_dir), "--db", str(slice_db),
                             "--out", str(out), "--master", "local[2]", "--json"))
    assert summary["articles"] == summary["traced"] == 33
    plain = run("trace", str(articles_dir), "--db", str(slice_db), "--jsonl", "--quiet")
    spark_lines, plain_lines = out.read_text().splitlines(), plain.splitlines()
    assert len(spark_lines) == len(plain_lines) == 33
    for got, want in zip(spark_lines, plain_lines, strict=True):
        assert json.loads(got) == json.loads(want)
    assert sum(len(json.loads(line)["quotes"]) for line in spark_lines) > 50


def test_spark_reuse_finds_the_labelled_passages(spark, slice_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "reuse.db"
    shutil.copyfile(slice_db, db)
    summary = json.loads(run("spark", "reuse", str(db), "--master", "local[2]", "--json"))
    assert summary["passages"] > 0 and summary["clusters"] > 0
    conn = sqlite3.connect(db)
    for label in LABELS["shared"]:
        row = conn.execute(
            "SELECT max(words), min(cluster) = max(cluster) FROM reuse_passages WHERE "
            "cable_a = ? AND number_a = ? AND cable_b = ? AND number_b = ?",
            (label["a"], label["number_a"], label["b"], label["number_b"])).fetchone()
        assert row[0] is not None and row[0] >= label["min_words"], label["note"]
    for label in LABELS["not_shared"]:
        assert conn.execute("SELECT count(*) FROM reuse_passages WHERE cable_a = ? AND "
                            "cable_b = ?", (label["a"], label["b"])).fetchone()[0] == 0
    # clusters are connected components: both ends of every passage in its cluster
    loose = conn.execute(
        "SELECT count(*) FROM reuse_passages r WHERE NOT EXISTS (SELECT 1 FROM reuse_clusters c "
        "WHERE c.cluster = r.cluster AND c.cable_id = r.cable_b AND c.seq = r.seq_b)").fetchone()
    assert loose[0] == 0
    conn.close()
    text = run("reuse", "09STATE37561", "--db", str(db))
    assert "09STATE37566" in text
    shown = json.loads(run("reuse", "09STATE37566", "--db", str(db), "--json"))
    assert any(p["cable_id"] == "09STATE37561" and p["number"] == 2 and p["other_number"] == 2
               for p in shown["passages"])
    from fastapi.testclient import TestClient

    from cablescope.web.app import create_app

    with TestClient(create_app(str(db))) as client:
        page = client.get("/cable/09STATE37561")
    assert page.status_code == 200
    assert "This paragraph also appears in" in page.text and "09STATE37566" in page.text


def test_spark_entities_match_the_single_machine_extraction(spark, main_corpus: Path,
                                                            tmp_path: Path) -> None:
    folder = cable_slice(main_corpus, tmp_path / "few", {"07RABAT1229"}, 400)
    out = tmp_path / "tables"
    run("spark", "ingest", str(folder), "--out", str(out), "--master", "local[2]")
    summary = json.loads(run("spark", "entities", str(out), "--master", "local[2]", "--json"))
    assert summary["cables"] >= 15 and summary["mentions"] > 100
    spark_db, plain_db = tmp_path / "spark.db", tmp_path / "plain.db"
    run("load", str(out), "--db", str(spark_db), "--quiet")
    run("ingest", str(folder), "--db", str(plain_db), "-q")
    from cablescope.entities import extract_entities

    extract_entities(plain_db, workers=0)
    queries = [
        "SELECT cable_id, seq, number, start, end, type, text, name, key, source, title, "
        "country, link FROM mentions ORDER BY cable_id, id",
        "SELECT cable_id, seq, number, start, end, kind, date, date_source, place, planned "
        "FROM meetings ORDER BY cable_id, id",
        "SELECT cable_id, seq, number, start, end, text, verb FROM quotes ORDER BY cable_id, id",
        "SELECT type, name, key, country, mentions, cables FROM entities ORDER BY key",
    ]
    a, b = sqlite3.connect(plain_db), sqlite3.connect(spark_db)
    for query in queries:
        assert a.execute(query).fetchall() == b.execute(query).fetchall(), query
    names = {n for (n,) in b.execute("SELECT name FROM entities WHERE type = 'person'")}
    assert any("Townsend" in n for n in names)  # 07RABAT1229: APHSCT Townsend's visit
    a.close()
    b.close()


# --- the pieces, without Spark -------------------------------------------------------------------


def test_shards_read_every_record_once(earlier_corpus: Path) -> None:
    from cablescope.sources import open_corpus

    whole = [r.source for r in open_corpus(earlier_corpus)]
    shards = [[r.source for r in open_corpus(earlier_corpus, shard=(k, 3))] for k in range(3)]
    assert sorted(s for shard in shards for s in shard) == sorted(whole)
    assert all(len(shard) >= len(whole) // 3 for shard in shards)
    with pytest.raises(ValueError):
        open_corpus(earlier_corpus, shard=(3, 3))


def test_alignment_spans_shared_words_and_ignores_footers() -> None:
    from cablescope.spark.reuse import align_words, sampled_grams

    shared = ("The intelligence community relies on State reporting officers for much of the "
              "biographical information collected worldwide. Informal biographic reporting "
              "via email and other means is vital to the community's collection efforts.")
    a = "¶2. (S/NF) State biographic reporting: " + shared + " Rwanda."
    b = "2. (S/NF) " + shared.upper() + " The West Africa Sahel region."
    (passage,) = align_words(a, b)
    assert a[passage.start_a:passage.end_a].startswith("State biographic") is False
    assert a[passage.start_a:passage.end_a].startswith("The intelligence")
    assert b[passage.start_b:passage.end_b].endswith("EFFORTS")
    assert passage.words == len(re.findall(r"[^\W_]+", shared)) and passage.score == 1.0
    assert align_words(a, "Nothing in common with the first paragraph at all, not one run.") == []
    footer = ("Visit Embassy Rabat's Classified Website; \n"
              "http://www.state.sgov.gov/p/nea/rabat \n")
    assert sampled_grams(footer) == set()


# Read in the cables (tests/data/spark/README.md says how the pairs were found): the HUMINT
# directives' ¶2 differ only in the region's name, three words against five, more than GAP,
# so they share two passages; the Cairo summaries share their 17-word opening sentence and the
# first word of the next heading, "Mubarak" (the dashes are not words), and then only "Speech
# to", too short a run. (first words, last words, words) of each passage, alike in a and b.
READ_PASSAGES = [
    ("09STATE37561", 2, "09STATE37566", 2, [
        ("State biographic reporting", "persons linked to", 73),
        ("office and organizational", "relevant biographical information", 68)]),
    ("09CAIRO2078", 1, "09CAIRO2189", 1, [
        ("The following are", "Egyptian press Mubarak", 18)]),
]


@pytest.mark.parametrize(("a", "number_a", "b", "number_b", "want"), READ_PASSAGES)
def test_alignment_of_real_paragraphs_gives_the_passages_read_in_them(
        slice_db: Path, a: str, number_a: int, b: str, number_b: int,
        want: list[tuple[str, str, int]]) -> None:
    from cablescope.spark.reuse import align_words

    with sqlite3.connect(slice_db) as conn:
        text_a, text_b = (conn.execute(
            "SELECT text FROM paragraphs WHERE cable_id = ? AND number = ?", key).fetchone()[0]
            for key in ((a, number_a), (b, number_b)))
    got = align_words(text_a, text_b)
    assert len(got) == len(want)
    for passage, (first, last, words) in zip(got, want, strict=True):
        for span in (text_a[passage.start_a:passage.end_a],
                     text_b[passage.start_b:passage.end_b]):
            found = re.findall(r"[^\W_]+", span)  # the words, whatever the line breaks
            assert found[:len(first.split())] == first.split()
            assert found[-len(last.split()):] == last.split()
        assert passage.words == words and passage.score == 1.0


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.integers(0, 5), max_size=40), st.lists(st.integers(0, 5), max_size=40))
def test_matching_runs_are_difflibs(a: list[int], b: list[int]) -> None:
    """The aligner's runs are exactly SequenceMatcher's (the aligner the job had before) of
    MIN_RUN words or more, repeated words and moved blocks included."""
    from cablescope.spark.reuse import MIN_RUN, matching_runs

    wa, wb = [str(k) for k in a], [str(k) for k in b]
    wb = wb + wa[len(wa) // 3:]  # a shared stretch, so that most examples have runs
    want = [(m.a, m.b, m.size) for m in
            SequenceMatcher(None, wa, wb, autojunk=False).get_matching_blocks()
            if m.size >= MIN_RUN]
    assert matching_runs(wa, wb) == want
