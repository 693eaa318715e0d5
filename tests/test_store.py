"""The SQLite store: schema, migrations, versions, full-text sync, problems, faults, real data."""

from __future__ import annotations

import hashlib
import html
import itertools
import re
import sqlite3
import tarfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cablescope.errors import StoreError
from cablescope.parse.model import Cable, Paragraph, Recipient, Reference
from cablescope.sources.record import Problem, RawRecord
from cablescope.store import Outcome, Store, migrations

PARAGRAPH = re.compile(r"^(\d+)\. (?:\(([A-Z/]+)\) )?", re.M)


def make(cable_id: str, body: str, seen: str | None = None, source: str = "test.txt",
         **fields: object) -> tuple[RawRecord, Cable]:
    """A record and the cable a parser would make of it: blocks split at `N. (M) ` lines."""
    record = RawRecord(source, cable_id, "text", body, meta={"seen": seen} if seen else {})
    starts = [m.start() for m in PARAGRAPH.finditer(body)]
    bounds = [0, *starts, len(body)] if starts and starts[0] > 0 else [*starts, len(body)]
    paragraphs = []
    for seq, (start, end) in enumerate(itertools.pairwise(bounds)):
        m = PARAGRAPH.match(body, start)
        paragraphs.append(Paragraph(seq, int(m.group(1)) if m else None,
                                    m.group(2) if m else None, body[start:end], start, end))
    cable = Cable(id=cable_id, raw_id=cable_id, text=body, paragraphs=paragraphs, **fields)
    return record, cable


@pytest.fixture
def store(tmp_path: Path):
    with Store.open(tmp_path / "t.db") as s:
        yield s


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    tables = ["cables", "versions", "paragraphs", "refs", "tags", "recipients", "problems"]
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def fts_ids(conn: sqlite3.Connection, word: str) -> list[str]:
    return [cid for (cid,) in conn.execute(
        "SELECT p.cable_id FROM paragraphs_fts JOIN paragraphs p ON p.pid = paragraphs_fts.rowid"
        " WHERE paragraphs_fts MATCH ? ORDER BY p.cable_id", (word,))]


# --- opening and migrations ---------------------------------------------------------------------


def test_open_creates_wal_database_with_recorded_migrations(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    with Store.open(path) as store:
        conn = store.connection
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        recorded = {k for (k,) in conn.execute("SELECT key FROM meta WHERE key LIKE 'migration:%'")}
        assert recorded == {f"migration:{m.name}" for m in migrations.registered()}
        assert "store.0001_schema" in {m.name for m in migrations.registered()}
        columns = {r[1] for r in conn.execute("PRAGMA table_info(cables)")}
        assert {"comment", "warnings", "version", "paragraph_count"} <= columns
        assert store.pending_migrations() == []
    with Store.open(path, readonly=True) as store:
        assert store.stats()["cables"] == 0
        with pytest.raises(StoreError, match="read-only"):
            store.add_problem(Problem("x", "", "y"))


def test_migrations_run_once_each_and_atomically(tmp_path: Path) -> None:
    registry: list[migrations.Migration] = []
    migrations.register_migration("t.0001_a", "CREATE TABLE a (x);", registry)
    migrations.register_migration("t.0001_a", "CREATE TABLE a (x);", registry)  # no-op
    with pytest.raises(ValueError, match="another step"):
        migrations.register_migration("t.0001_a", "CREATE TABLE b (x);", registry)
    migrations.register_migration(
        "t.0002_b", lambda c: c.execute("INSERT INTO a VALUES (1)"), registry)
    migrations.register_migration("t.0003_bad", "CREATE TABLE c (x); INSERT INTO nope VALUES (1);",
                                  registry)
    conn = sqlite3.connect(tmp_path / "m.db", isolation_level=None)
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    with pytest.raises(StoreError, match=r"t\.0003_bad failed: no such table: nope"):
        migrations.apply_pending(conn, registry)
    # the failed one left nothing behind, the two before it are recorded and stay applied
    assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'c'").fetchone() is None
    assert [m.name for m in migrations.pending(conn, registry)] == ["t.0003_bad"]
    registry.pop()
    assert migrations.apply_pending(conn, registry) == []
    assert conn.execute("SELECT count(*) FROM a").fetchone()[0] == 1


_SCHEMA_OF = """
import json, sqlite3, sys
{imports}
from cablescope.store import Store
with Store.open(sys.argv[1]):
    pass
conn = sqlite3.connect(sys.argv[1])
layers = sorted(m for m in sys.modules if m.split(".")[:2] != ["cablescope", "store"]
                and m.startswith("cablescope."))
print(json.dumps({{"schema": sorted(conn.execute("SELECT type, name, sql FROM sqlite_master "
                                                  "WHERE name NOT LIKE 'sqlite_%'").fetchall()),
                  "imported": layers}}))
"""


def _schema_after(imports: str, path: Path) -> dict:
    import json
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", _SCHEMA_OF.format(imports=imports), str(path)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_a_database_gets_every_layers_tables_whatever_was_imported(tmp_path: Path) -> None:
    """A process that imported only the store, and one that imported every layer first (in
    another order), make databases with the same schema: the store registers every migration."""
    alone = _schema_after("", tmp_path / "store-only.db")
    everything = _schema_after(
        "import cablescope.web.reports, cablescope.spark.schema, cablescope.trace, "
        "cablescope.entities, cablescope.search", tmp_path / "all.db")
    assert not any(m.split(".")[1] in {"search", "trace", "entities", "spark", "web"}
                   for m in alone["imported"]), alone["imported"]
    assert "cablescope.web.reports" in everything["imported"]
    assert alone["schema"] == everything["schema"]
    tables = {name for kind, name, _sql in alone["schema"] if kind == "table"}
    assert {"cables", "search_columns", "trace_postings", "trace_vocab", "entities", "mentions",
            "reuse_passages", "trace_reports"} <= tables


def test_opening_upgrades_an_older_database_even_for_reading(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    first = [m for m in migrations.registered() if m.name == "store.0001_schema"]
    migrations.apply_pending(conn, first)  # a database of schema version 1 only
    conn.close()
    with Store.open(path, readonly=True) as store:
        assert store.pending_migrations() == []
        columns = {r[1] for r in store.connection.execute("PRAGMA table_info(cables)")}
        assert {"comment", "warnings"} <= columns
        assert store.stats()["cables"] == 0


def test_open_errors_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"no database at .*absent\.db"):
        Store.open(tmp_path / "absent.db", readonly=True)
    with pytest.raises(StoreError, match=r"folder .*nowhere does not exist"):
        Store.open(tmp_path / "nowhere" / "x.db")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match=r"cannot open .*junk\.db as a database"):
        Store.open(junk)


# --- storing and reading a cable ----------------------------------------------------------------

BODY = (
    "C O N F I D E N T I A L PARIS 005335\n\nSUBJECT: A CALL\n\n"
    "1. (C) Summary: the minister called.\n\n2. (U) Nothing else.\n\nSTAPLETON\n"
)


def full_cable() -> tuple[RawRecord, Cable]:
    return make(
        "05PARIS5335", BODY, seen="2011-04-25", created="2005-08-09 16:07",
        released="2010-12-01 21:12", origin="Embassy Paris", classification="CONFIDENTIAL",
        caveats=["NOFORN", "SIPDIS"], tags=["PREL", "FR", "SARKOZY, NICOLAS"],
        subject_tags=["PREL"], geo_tags=["FR"], person_tags=["SARKOZY, NICOLAS"],
        subject="A CALL", references=[Reference("A. PARIS 5232", "05PARIS5232", "A"),
                                      Reference("EMAIL OF 8/1", None, "B")],
        classified_by=["Craig R. Stapleton"], classified_by_title="Ambassador",
        reasons="1.4 (b) and (d)", recipients=[Recipient("from", "AMEMBASSY PARIS"),
                                               Recipient("to", "SECSTATE WASHDC")],
        signers=["STAPLETON"], summary="the minister called.", comment=None, redactions=2,
        warnings=["paragraph 3 missing"],
    )


def test_cable_round_trip_with_every_field(store: Store) -> None:
    record, cable = full_cable()
    assert store.add(record, cable) is Outcome.NEW_CABLE
    got = store.cable("05PARIS5335")
    assert got is not None
    assert (got["id"], got["created"], got["year"], got["origin"], got["classification"]) == (
        "05PARIS5335", "2005-08-09 16:07", 2005, "Embassy Paris", "CONFIDENTIAL")
    assert got["caveats"] == ["NOFORN", "SIPDIS"]
    assert got["tags"] == {"subject": ["PREL"], "geo": ["FR"], "person": ["SARKOZY, NICOLAS"],
                           "other": []}
    assert [(r["letter"], r["raw"], r["cited"], r["resolved"]) for r in got["references"]] == [
        ("A", "A. PARIS 5232", "05PARIS5232", False), ("B", "EMAIL OF 8/1", None, False)]
    assert got["classified_by"] == ["Craig R. Stapleton"]
    assert got["signers"] == ["STAPLETON"]
    assert got["recipients"] == [{"kind": "from", "name": "AMEMBASSY PARIS"},
                                 {"kind": "to", "name": "SECSTATE WASHDC"}]
    assert got["warnings"] == ["paragraph 3 missing"]
    assert got["paragraph_count"] == 2
    numbered = [p for p in got["paragraphs"] if p["number"] is not None]
    assert [(p["address"], p["marking"]) for p in numbered] == [
        ("05PARIS5335¶1", "C"), ("05PARIS5335¶2", "U")]
    assert "".join(p["text"] for p in got["paragraphs"]) == BODY
    assert all(BODY[p["start"]:p["end"]] == p["text"] for p in got["paragraphs"])
    assert got["text"] == BODY
    assert [(v["version"], v["current"], v["seen"]) for v in got["versions"]] == [
        (1, True, "2011-04-25")]
    assert store.cable("05PARIS9999") is None


def test_references_resolve_both_ways_once_the_cited_cable_arrives(store: Store) -> None:
    record, cable = full_cable()
    store.add(record, cable)
    store.add(*make("05PARIS5232", "1. (C) The earlier one.\n", subject="EARLIER"))
    refs = store.cable("05PARIS5335")["references"]
    assert (refs[0]["cited"], refs[0]["resolved"], refs[0]["subject"]) == (
        "05PARIS5232", True, "EARLIER")
    assert refs[1]["resolved"] is False  # not a cable
    cited_by = store.cable("05PARIS5232")["cited_by"]
    assert [(c["citing"], c["raw"]) for c in cited_by] == [("05PARIS5335", "A. PARIS 5232")]


def test_same_text_again_changes_nothing_not_even_ingested_at(store: Store) -> None:
    store.add(*full_cable())
    conn = store.connection
    before = (counts(conn), conn.execute("SELECT ingested_at FROM versions").fetchall())
    # a second source with the very same text is the same version
    record, cable = full_cable()
    again = RawRecord("elsewhere.txt", "7", "text", record.text, meta={"seen": "2012-01-01"})
    assert store.add(again, cable) is Outcome.UNCHANGED
    assert (counts(conn), conn.execute("SELECT ingested_at FROM versions").fetchall()) == before


# --- versions -----------------------------------------------------------------------------------


def test_versions_are_numbered_by_release_date_and_the_newest_is_current(store: Store) -> None:
    # ingested newest first, as `ingest` of the 2011 archive and then the earlier mirrors does
    main = make("07MADRID520", "1. (C) Full text, names lifted.\n", seen="2011-04-25",
                subject="FULL")
    early = make("07MADRID520", "1. (C) XXXXXXXXXXXX partial.\n", seen="2010-12-07",
                 subject="PARTIAL")
    assert store.add(*main) is Outcome.NEW_CABLE
    assert store.add(*early) is Outcome.NEW_VERSION  # older: stored before it, not current
    got = store.cable("07MADRID520")
    assert (got["version"], got["subject"]) == (2, "FULL")
    assert [(v["version"], v["seen"], v["current"]) for v in got["versions"]] == [
        (1, "2010-12-07", False), (2, "2011-04-25", True)]
    assert store.version_text("07MADRID520", 1) == early[0].text
    assert fts_ids(store.connection, "lifted") == ["07MADRID520"]
    assert fts_ids(store.connection, "partial") == []

    newer = make("07MADRID520", "1. (S) Newest wording.\n", seen="2011-09-01", subject="NEW")
    assert store.add(*newer) is Outcome.NEW_CURRENT
    got = store.cable("07MADRID520")
    assert (got["version"], got["subject"], got["paragraphs"][0]["marking"]) == (3, "NEW", "S")
    assert fts_ids(store.connection, "lifted") == []
    assert fts_ids(store.connection, "wording") == ["07MADRID520"]

    same_day = make("07MADRID520", "1. (S) Same day, later ingest.\n", seen="2011-09-01")
    assert store.add(*same_day) is Outcome.NEW_CURRENT  # equal dates: ingest order decides
    undated = make("07MADRID520", "1. (S) From a dump without a date.\n")
    assert store.add(*undated) is Outcome.NEW_VERSION  # undated counts as older than dated
    assert store.cable("07MADRID520")["version"] == 5
    # numbered in release order; no text was overwritten, only numbers moved up
    texts = [store.version_text("07MADRID520", v) for v in range(1, 6)]
    assert texts == [r.text for r, _ in (undated, early, main, newer, same_day)]
    assert store.check() == []


def test_the_release_date_orders_versions_before_the_day_they_were_seen(store: Store) -> None:
    # 10ASUNCION97: both versions released 2010-12-22 21:09, seen on mirrors months apart
    later = make("10ASUNCION97", "1. (C) Later copy.\n", seen="2011-04-25")
    later[0].meta["released"] = "2010-12-22 21:09"
    first = make("10ASUNCION97", "1. (C) First copy.\n", seen="2010-12-28")
    first[0].meta["released"] = "2010-12-22 21:09"
    reissued = make("10ASUNCION97", "1. (C) Reissued.\n", seen="2011-01-02")
    reissued[0].meta["released"] = "2011-01-01 10:00"
    for record, cable in (later, first, reissued):
        store.add(record, cable)
    got = store.cable("10ASUNCION97")
    assert [(v["version"], v["seen"]) for v in got["versions"]] == [
        (1, "2010-12-28"), (2, "2011-04-25"), (3, "2011-01-02")]
    assert got["version"] == 3 and got["text"] == reissued[0].text


def test_undated_versions_follow_ingest_order(store: Store) -> None:
    store.add(*make("66BUENOSAIRES2481", "1. First.\n"))
    assert store.add(*make("66BUENOSAIRES2481", "1. Second.\n")) is Outcome.NEW_CURRENT
    assert store.cable("66BUENOSAIRES2481")["paragraphs"][0]["text"] == "1. Second.\n"


def test_non_current_version_of_an_unknown_number_is_none(store: Store) -> None:
    store.add(*full_cable())
    assert store.version_text("05PARIS5335", 2) is None
    assert store.cable("05PARIS5335", version=9) is None


def test_paragraph_ids_are_never_reused_and_fts_stays_in_sync(store: Store) -> None:
    store.add(*make("10ROME1", "1. (C) alpha.\n\n2. (C) beta.\n", seen="2010-12-01"))
    first = [pid for (pid,) in store.connection.execute("SELECT pid FROM paragraphs")]
    store.add(*make("10ROME1", "1. (C) gamma.\n", seen="2010-12-02"))
    second = [pid for (pid,) in store.connection.execute("SELECT pid FROM paragraphs")]
    assert set(first).isdisjoint(second) and min(second) > max(first)
    assert fts_ids(store.connection, "alpha OR beta") == []
    assert fts_ids(store.connection, "gamma") == ["10ROME1"]
    assert store.check() == []


def test_writers_taking_turns_never_hand_out_the_same_paragraph_ids(tmp_path: Path) -> None:
    from cablescope.store.rows import version_rows
    from cablescope.store.writer import Writer

    path = tmp_path / "two.db"
    with Store.open(path) as one, Store.open(path) as other:
        long_ingest = Writer(one.connection)  # one writer object across transactions
        for cid, body in (("01PARIS1", "1. a.\n2. b.\n"), ("01PARIS3", "1. d.\n")):
            long_ingest.begin()
            long_ingest.write(version_rows(*make(cid, body)))
            long_ingest.commit()
            other.add(*make(cid.replace("PARIS", "ROME"), "1. c.\n"))  # between its commits
        assert counts(one.connection)["paragraphs"] == 5
        assert one.check() == []


# --- problems -----------------------------------------------------------------------------------


def test_problems_are_stored_once_and_listed(store: Store) -> None:
    problem = Problem("corpus.tar.xz!cable/x.html", "", "no <pre> block")
    assert store.add_problem(problem) is True
    assert store.add_problem(problem) is False
    items = store.stats()["problems"]
    assert items["count"] == 1
    assert [(i["source"], i["reason"]) for i in items["items"]] == [
        ("corpus.tar.xz!cable/x.html", "no <pre> block")]


def test_a_version_the_database_refuses_becomes_a_problem_the_rest_is_kept(store: Store) -> None:
    from cablescope.store.rows import version_rows
    from cablescope.store.writer import Transaction, Writer

    bad_record, bad = make("09STATE2", "1. (U) Two.\n")
    bad.paragraphs.append(bad.paragraphs[0])  # duplicate seq: UNIQUE(cable_id, seq)
    txn = Transaction(Writer(store.connection))
    txn.add(version_rows(*make("09STATE1", "1. (U) One.\n")))
    txn.add(Problem("reader.tar", "x", "damaged member"))
    txn.add(version_rows(bad_record, bad))  # rolls back, then replays item by item
    txn.add(version_rows(*make("09STATE3", "1. (U) Three.\n")))
    outcomes = txn.commit()
    assert outcomes[0] is Outcome.NEW_CABLE and outcomes[3] is Outcome.NEW_CABLE
    assert outcomes[1] == Problem("reader.tar", "x", "damaged member")
    assert isinstance(outcomes[2], Problem) and "IntegrityError" in outcomes[2].reason
    conn = store.connection
    assert [cid for (cid,) in conn.execute("SELECT id FROM cables ORDER BY id")] == [
        "09STATE1", "09STATE3"]  # nothing of 09STATE2 half-written
    assert counts(conn)["problems"] == 2
    assert store.check() == []


def test_real_unknown_post_in_a_ref_is_a_problem_row_never_a_guessed_id(
        tmp_path: Path, main_corpus: Path) -> None:
    """Two real cables read from the archive and ingested through `Store.ingest`:
    06ABUDHABI1401 as published (its REF entry `I. USDEL 00007` names a delegation, no post of
    the gazetteer) and 05PARIS5335 with its REF line edited from `REF: PARIS 5232` to
    `REF: ATLANTIS 5232` (a city no US mission ever had). Each unknown post lands a row in the
    problems table, and its reference keeps the form as written, with no cable ID."""
    from cablescope.parse import resolve_post
    from cablescope.sources import read_corpus

    wanted = {"06ABUDHABI1401", "05PARIS5335"}
    records: dict[str, RawRecord] = {}
    for record in read_corpus(main_corpus):
        if isinstance(record, RawRecord) and record.meta.get("id") in wanted:
            records[record.meta["id"]] = record
            if len(records) == len(wanted):
                break
    paris = records["05PARIS5335"]
    assert "\nREF: PARIS 5232\n" in paris.text and resolve_post("ATLANTIS") is None
    edited = RawRecord(paris.source, paris.locator, paris.format,
                       paris.text.replace("\nREF: PARIS 5232\n", "\nREF: ATLANTIS 5232\n"),
                       paris.header, dict(paris.meta))
    with Store.open(tmp_path / "posts.db") as store:
        summary = store.ingest([records["06ABUDHABI1401"], edited], workers=0)
        assert summary.new_cables == 2
        conn = store.connection
        problems = conn.execute(
            "SELECT source, locator, reason FROM problems ORDER BY reason").fetchall()
        assert problems == [
            (paris.source, paris.locator,
             "05PARIS5335: unknown post 'ATLANTIS' in reference 'ATLANTIS 5232'"),
            (records["06ABUDHABI1401"].source, records["06ABUDHABI1401"].locator,
             "06ABUDHABI1401: unknown post 'USDEL' in reference 'USDEL 00007'"),
        ]
        unknown = conn.execute(
            "SELECT citing, letter, raw, cited, kind, post, post_match FROM refs"
            " WHERE post_match IS NULL AND kind = 'cable' ORDER BY citing").fetchall()
        assert unknown == [
            ("05PARIS5335", None, "ATLANTIS 5232", None, "cable", "ATLANTIS", None),
            ("06ABUDHABI1401", "I", "USDEL 00007", None, "cable", "USDEL", None),
        ]
        # the other ten entries of 06ABUDHABI1401 resolve: only the unknown post is held back
        cited = [cid for (cid,) in conn.execute(
            "SELECT cited FROM refs WHERE citing = '06ABUDHABI1401' ORDER BY seq")]
        assert len(cited) == 11 and cited.count(None) == 1
        assert "06ABUDHABI409" in cited and "05ABUDHABI3243" in cited
        assert not any(cid and ("USDEL" in cid or "ATLANTIS" in cid) for cid in cited)


# --- statistics and IDs -------------------------------------------------------------------------


def test_stats_counts_by_facet(store: Store) -> None:
    store.add(*full_cable())
    store.add(*make("06STATE80908", "1. (U) x.\n", created="2006-05-01 10:00", origin="Secretary"
                    " of State", classification="UNCLASSIFIED", tags=["PREL"],
                    subject_tags=["PREL"]))
    store.add(*make("06STATE80908", "1. (U) y.\n", created="2006-05-01 10:00",
                    origin="Secretary of State"))  # undated, so newer by ingest order: current
    got = store.stats()
    assert got["cables"] == 2 and got["versions"] == 3
    assert got["cables_with_several_versions"] == 1
    assert got["by_year"] == {"2005": 1, "2006": 1}
    assert got["by_origin"] == {"Embassy Paris": 1, "Secretary of State": 1}
    assert got["by_tag"]["subject"] == {"PREL": 1}  # the current version of 06STATE80908 has none
    assert got["references"] == {"total": 2, "to_cables": 1, "resolved": 0}


def test_suggest_ids_finds_close_stored_ids(store: Store) -> None:
    for cid in ("05PARIS5335", "05PARIS5232", "06PARIS5335", "05MADRID5335", "08ROME1"):
        store.add(*make(cid, f"1. {cid}.\n"))
    assert store.suggest_ids("05PARIS5336")[0] == "05PARIS5335"
    assert "06PARIS5335" in store.suggest_ids("07PARIS5335")
    assert store.suggest_ids("zzzz") == []


# --- hypothesis round trip ----------------------------------------------------------------------

words = st.text(st.characters(codec="utf-8", exclude_characters="\x00;\n"), min_size=1,
                max_size=20).map(str.strip).filter(bool)
tag = st.from_regex(r"[A-Z]{2,6}", fullmatch=True)
marking = st.sampled_from([None, "C", "S/NF", "SBU", "U"])
block = st.tuples(st.one_of(st.none(), st.integers(1, 40)), marking, st.one_of(st.none(), words),
                  st.text(min_size=1, max_size=60))


@st.composite
def cables(draw: st.DrawFn) -> Cable:
    cid = draw(st.from_regex(r"[0-9]{2}[A-Z]{3,12}[1-9][0-9]{0,4}", fullmatch=True))
    blocks = draw(st.lists(block, min_size=0, max_size=6))
    text, paragraphs = "", []
    for seq, (number, mark, heading, body) in enumerate(blocks):
        start = len(text)
        text += body
        paragraphs.append(Paragraph(seq, number, mark, body, start, len(text), heading))
    kinds = draw(st.lists(st.tuples(tag, st.sampled_from(["subject", "geo", "person"])),
                          unique_by=lambda t: t[0], max_size=6))
    by = {k: [t for t, kind in kinds if kind == k] for k in ("subject", "geo", "person")}
    cable = Cable(
        id=cid, raw_id=cid, text=text,
        created=draw(st.one_of(st.none(), st.from_regex(
            r"(19[6-9][0-9]|200[0-9]|2010)-[01][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]",
            fullmatch=True))),
        origin=draw(st.one_of(st.none(), words)),
        classification=draw(st.sampled_from([None, "SECRET", "CONFIDENTIAL//NOFORN"])),
        caveats=draw(st.lists(tag, unique=True, max_size=3)),
        tags=[t for t, _ in kinds], subject_tags=by["subject"], geo_tags=by["geo"],
        person_tags=by["person"], subject=draw(st.one_of(st.none(), st.text(max_size=80))),
        references=draw(st.lists(st.builds(
            Reference, words, st.one_of(st.none(), st.from_regex(r"0[0-9]STATE[1-9]{1,5}",
                                                                 fullmatch=True)),
            st.one_of(st.none(), st.sampled_from("ABCD"))), max_size=4)),
        classified_by=draw(st.lists(words, max_size=2)),
        signers=draw(st.lists(words, max_size=2)),
        recipients=draw(st.lists(st.builds(Recipient, st.sampled_from(["from", "to", "info"]),
                                           words), max_size=4)),
        summary=draw(st.one_of(st.none(), st.text(max_size=80))),
        comment=draw(st.one_of(st.none(), st.text(max_size=80))),
        redactions=draw(st.integers(0, 50)), partial=draw(st.booleans()),
        warnings=draw(st.lists(words, max_size=2)),
        paragraphs=paragraphs,
    )
    return cable


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory: pytest.TempPathFactory):
    """One database for every generated example (each gets an ID of its own)."""
    with Store.open(tmp_path_factory.mktemp("h") / "h.db") as store:
        yield store


_serials = itertools.count(1)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cable=cables())
def test_hypothesis_cable_round_trips_through_the_store(shared_store: Store, cable: Cable) -> None:
    cable.id = cable.raw_id = f"{cable.id}0{next(_serials)}"  # unique across examples
    record = RawRecord("h.txt", cable.id, "text", cable.text, meta={"id": cable.id})
    assert shared_store.add(record, cable) is Outcome.NEW_CABLE
    got = shared_store.cable(cable.id)
    assert shared_store.check() == []
    scalar = ("id", "raw_id", "created", "origin", "classification", "subject", "caveats",
              "classified_by", "signers", "summary", "comment", "redactions", "partial",
              "warnings")
    assert {k: got[k] for k in scalar} == {k: getattr(cable, k) for k in scalar}
    assert got["text"] == cable.text
    assert got["tags"] == {"subject": cable.subject_tags, "geo": cable.geo_tags,
                           "person": cable.person_tags, "other": []}
    assert [(r["raw"], r["cited"], r["letter"]) for r in got["references"]] == [
        (r.raw, r.cable_id, r.letter) for r in cable.references]
    assert [(r["kind"], r["name"]) for r in got["recipients"]] == [
        (r.kind, r.name) for r in cable.recipients]
    assert [(p["seq"], p["number"], p["marking"], p["heading"], p["start"], p["end"], p["text"])
            for p in got["paragraphs"]] == [
        (p.seq, p.number, p.marking, p.heading, p.start, p.end, p.text) for p in cable.paragraphs]


def content_hash(path: Path) -> str:
    """A digest of everything stored except ingest timestamps and paragraph ids. Texts enter
    through their hash (`versions.sha256`, which the store computes from header + text) and,
    for paragraphs, their offsets into that text plus a hash of the slice SQLite holds."""
    queries = [
        "SELECT * FROM cables ORDER BY id",
        "SELECT cable_id, version, sha256, seen, released, source, locator, format, meta,"
        " length(text), length(header) FROM versions ORDER BY cable_id, version",
        "SELECT cable_id, seq, number, marking, heading, start, end, text FROM paragraphs"
        " ORDER BY cable_id, seq",
        "SELECT * FROM refs ORDER BY citing, seq",
        "SELECT * FROM tags ORDER BY cable_id, tag",
        "SELECT * FROM recipients ORDER BY cable_id, seq",
        "SELECT source, locator, reason FROM problems ORDER BY source, locator, reason",
    ]
    digest = hashlib.sha256()
    with Store.open(path, readonly=True) as store:
        for sql in queries:
            for row in store.connection.execute(sql):
                digest.update("\x1f".join(map(repr, row)).encode("utf-8", "surrogatepass"))
                digest.update(b"\x1e")
    return digest.hexdigest()


# --- the real corpus ----------------------------------------------------------------------------

_TABLE = re.compile(r"<table class='cable'>(.*?)</table>", re.S)
_CELL = re.compile(r"<td>\s*<a [^>]*>([^<]*)</a>\s*</td>")


def page_metadata(archive: Path) -> dict[str, tuple[str, str, str]]:
    """ID -> (created, classification, origin) from each page's metadata table, read here with
    tarfile and a regex, independently of cablescope's reader."""
    found = {}
    with tarfile.open(archive, "r:xz") as tar:
        for member in tar:
            if member.isfile() and member.name.endswith(".html") and "cable/" in member.name:
                page = tar.extractfile(member).read().decode("utf-8")
                cells = [html.unescape(c).strip() for c in _CELL.findall(_TABLE.search(page)[1])]
                cable_id, created, _released, classification, origin = cells[:5]
                found[cable_id] = (created, classification, origin)
    return found


@pytest.mark.real
def test_real_every_cable_matches_its_page_metadata(real_db: Path, main_corpus: Path) -> None:
    pages = page_metadata(main_corpus)
    assert len(pages) == 6712
    with Store.open(real_db, readonly=True) as store:
        stored = {cid: (created, classification, origin) for cid, created, classification, origin
                  in store.connection.execute(
                      "SELECT id, created, classification, origin FROM cables")}
    assert stored == pages


@pytest.mark.real
def test_real_05paris5335(real_db: Path) -> None:
    with Store.open(real_db, readonly=True) as store:
        cable = store.cable("05PARIS5335")
        hits = fts_ids(store.connection, '"policy zingers"')
    assert cable["subject"] == "ALLAN HUBBARD'S CALL ON INTERIOR MINISTER SARKOZY"
    assert cable["paragraph_count"] == 14
    assert [p["number"] for p in cable["paragraphs"] if p["number"]] == list(range(1, 15))
    assert [p["marking"] for p in cable["paragraphs"] if p["number"]][:2] == ["C", "U"]
    assert cable["tags"]["subject"] == ["PREL", "ECON", "EFIN", "ELAB", "PGOV"]
    assert cable["tags"]["geo"] == ["FR"]
    assert [(r["raw"], r["cited"]) for r in cable["references"]] == [("PARIS 5232", "05PARIS5232")]
    assert cable["signers"] == ["STAPLETON"]
    assert cable["classified_by"] == ["Craig R. Stapleton"]
    assert cable["created"] == "2005-08-04 10:10" and cable["origin"] == "Embassy Paris"
    assert hits == ["05PARIS5335"]


@pytest.mark.real
def test_real_earlier_versions_add_84_versions_and_no_cable(real_db: Path) -> None:
    with Store.open(real_db, readonly=True) as store:
        conn = store.connection
        assert counts(conn)["cables"] == 6712
        assert counts(conn)["versions"] == 6712 + 84
        earlier = conn.execute(
            "SELECT count(*), count(DISTINCT cable_id) FROM versions WHERE seen < '2011-04-25'"
        ).fetchone()
        assert earlier == (84, 83)
        current_seen = {seen for (seen,) in conn.execute(
            "SELECT v.seen FROM cables c JOIN versions v ON v.cable_id = c.id "
            "AND v.version = c.version")}
        assert current_seen == {"2011-04-25"}  # the main corpus's text stays current
        # numbered in the order WikiLeaks published them, though ingested newest first
        assert [(v["version"], v["seen"], v["current"]) for v in store.versions("10ROME1")] == [
            (1, "2010-12-07", False), (2, "2010-12-28", False), (3, "2011-04-25", True)]
        assert store.check() == []


@pytest.mark.real
@pytest.mark.slow
def test_real_second_ingest_changes_nothing(real_db: Path, main_corpus: Path,
                                            earlier_corpus: Path, tmp_path: Path) -> None:
    from cablescope.sources import open_corpus

    copy = tmp_path / "copy.db"
    with sqlite3.connect(real_db) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    before = content_hash(copy)
    stamps = "SELECT min(ingested_at), max(ingested_at), count(*) FROM versions"
    with Store.open(copy) as store:
        first_stamps = store.connection.execute(stamps).fetchone()
        again = store.ingest(open_corpus(main_corpus))
        earlier = store.ingest(open_corpus(earlier_corpus))
        assert store.connection.execute(stamps).fetchone() == first_stamps
    assert (again.records, again.unchanged, again.new_cables, again.new_versions,
            again.problems) == (6712, 6712, 0, 0, 0)
    assert (earlier.records, earlier.unchanged, earlier.stored) == (84, 84, 0)
    assert content_hash(copy) == before


# --- the ingest pipeline ------------------------------------------------------------------------


def stream(n: int) -> list[RawRecord | Problem]:
    """n cable records with a reader problem and an unparsable record among them."""
    items: list[RawRecord | Problem] = []
    for i in range(1, n + 1):
        items.append(RawRecord("s.txt", str(i), "text", f"SUBJECT: ITEM {i}\n\n1. (C) Item {i}.\n",
                               meta={"id": f"09STATE{i}"}))
        if i == 150:
            items.append(Problem("s.txt", "150b", "bad bytes"))
        if i == 300:
            items.append(RawRecord("s.txt", "300b", "text", "no identity here\n"))
    return items


@pytest.mark.parametrize("workers", [0, 1])
def test_ingest_keeps_order_counts_and_problems(store: Store, workers: int) -> None:
    seen: list[int] = []
    summary = store.ingest(stream(450), progress=lambda s: seen.append(s.records),
                           workers=workers)
    assert (summary.records, summary.new_cables, summary.problems) == (451, 450, 2)
    assert seen == sorted(seen) and seen[-1] == 451  # progress reported, ending at the total
    problems = {(p["locator"], p["reason"]) for p in store.stats()["problems"]["items"]}
    assert problems == {("150b", "bad bytes"), ("300b", "cannot parse: no cable ID found")}
    assert store.cable("09STATE450")["subject"] == "ITEM 450"
    assert store.check() == []
    again = store.ingest(stream(450), workers=workers)
    assert (again.unchanged, again.stored, again.problems) == (450, 0, 2)
    assert store.stats()["problems"]["count"] == 2  # met again, recorded once
