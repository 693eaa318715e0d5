"""Entities on the real corpus: the Sarkozy dossier, user decisions across re-extraction, graphs,
FollowTheMoney and CSV exports, resuming, and the commands.

Extraction runs once, in a worker process, on the 2005-2006 cables tagged FR that name Sarkozy
(36 cables), in a copy of the session's real database; tests that write copy it again.
"""

from __future__ import annotations

import csv
import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from followthemoney import model

from cablescope.cli import cli
from cablescope.entities.pipeline import Selection, extract
from cablescope.entities.query import dossier, meetings, resolve_one

pytestmark = [pytest.mark.real, pytest.mark.slow]


@pytest.fixture(scope="module")
def sarkozy_ids(real_db: Path) -> tuple[str, ...]:
    conn = sqlite3.connect(f"file:{real_db}?mode=ro", uri=True)
    return tuple(r[0] for r in conn.execute(
        "SELECT id FROM cables WHERE year BETWEEN 2005 AND 2006 AND id IN "
        "(SELECT cable_id FROM tags WHERE tag = 'FR') AND id IN "
        "(SELECT cable_id FROM paragraphs WHERE text LIKE '%Sarkozy%') ORDER BY id"))


@pytest.fixture(scope="module")
def fr_db(real_db: Path, sarkozy_ids: tuple[str, ...],
          tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    db = tmp_path_factory.mktemp("entities-fr") / "fr.db"
    shutil.copy(real_db, db)
    summary = extract(db, Selection(cables=sarkozy_ids), workers=1)  # the process pool path
    assert summary.extracted == len(sarkozy_ids) >= 30
    assert summary.words > 30_000 and summary.entities > 100
    yield db


@pytest.fixture
def writable(fr_db: Path, tmp_path: Path) -> Path:
    db = tmp_path / "copy.db"
    shutil.copy(fr_db, db)
    return db


def invoke(*args: str) -> dict | list:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_sarkozy_dossier_has_the_2005_and_2006_meetings(fr_db: Path) -> None:
    conn = sqlite3.connect(fr_db)
    sarkozy = resolve_one(conn, "Sarkozy")
    assert sarkozy["name"] == "Nicolas Sarkozy" and sarkozy["type"] == "person"
    d = dossier(conn, sarkozy["id"])
    names = {n["name"] for n in d["names"]}
    assert {"Sarkozy", "Nicolas Sarkozy", "SARKOZY"} <= names
    assert "Interior Minister" in {t["title"] for t in d["titles"]}
    hubbard = next(m for m in d["meetings"] if m["cable"] == "05PARIS5335")
    assert hubbard["date"] == "2005-08-01" and hubbard["dated_by"] == "text"
    parties = {p["name"] for p in hubbard["participants"]}
    assert "Allan Hubbard" in parties and any("Stapleton" in p for p in parties)
    assert hubbard["address"].startswith("05PARIS5335¶")
    ambassador = next(m for m in d["meetings"] if m["cable"] == "06PARIS5975"
                      and not m["planned"])
    assert ambassador["date"] == "2006-09-05"
    assert any(p["role"] == "Ambassador" and "Stapleton" in p["name"]
               for p in ambassador["participants"])
    said = " ".join(q["text"] for q in d["quotes"])
    assert "Sarkozy the American" in said  # 05PARIS5335 ¶5
    merged = {a["alias"]: a["reason"] for a in d["merged_from"]}
    assert merged  # every name it was merged from, with a reason


def test_meetings_filter_by_entity_and_dates(fr_db: Path) -> None:
    rows = invoke("meetings", "--db", str(fr_db), "--with", "Sarkozy", "--from", "2005",
                  "--to", "2005", "--json")
    assert rows and all(r["date"].startswith("2005") for r in rows)
    assert any(r["cable"] == "05PARIS5335" for r in rows)
    conn = sqlite3.connect(fr_db)
    sarkozy = resolve_one(conn, "Nicolas Sarkozy")["id"]
    stapleton = resolve_one(conn, "Stapleton")["id"]
    pair = meetings(conn, sarkozy, stapleton)
    assert {m["cable"] for m in pair} >= {"05PARIS5335", "06PARIS5975"}


def test_entities_list_and_unknown_names(fr_db: Path) -> None:
    rows = invoke("entities", "list", "--db", str(fr_db), "--type", "person", "--top", "5",
                  "--json")
    assert "Nicolas Sarkozy" in {r["name"] for r in rows[:2]}  # with the Ambassador who signs
    assert [r["cables"] for r in rows] == sorted((r["cables"] for r in rows), reverse=True)
    result = CliRunner().invoke(cli, ["entity", "Zzyzx Nobody", "--db", str(fr_db)])
    assert result.exit_code == 1
    assert "no entity named 'Zzyzx Nobody'" in result.output
    assert "Traceback" not in result.output


def _gonzalez_entities(conn: sqlite3.Connection) -> set[int]:
    """The entities of the two spellings of Felipe Gonzalez's name in 05PARIS5335."""
    return {r[0] for r in conn.execute(
        "SELECT entity_id FROM mentions WHERE cable_id = '05PARIS5335' "
        "AND text IN ('Gonzales', 'Gonzalez')")}


def _kept(conn: sqlite3.Connection, text: str) -> int:
    """Mentions written `text` that still belong to an entity."""
    return conn.execute("SELECT count(*) FROM mentions WHERE text = ? AND entity_id IS NOT "
                        "NULL", (text,)).fetchone()[0]


def test_merge_and_reject_survive_reextraction(writable: Path) -> None:
    conn = sqlite3.connect(writable)
    assert len(_gonzalez_entities(conn)) == 2  # surnames that differ are never merged alone
    merged = invoke("entities", "merge", "Gonzales", "Gonzalez", "--db", str(writable),
                    "--note", "same person, two spellings", "--json")
    assert {a["alias"] for a in merged["merged_from"]} >= {"Gonzales", "Gonzalez"}
    assert any("merged by user (decision #1)" in a["reason"] for a in merged["merged_from"])
    assert len(_gonzalez_entities(conn)) == 1
    rejected = invoke("entities", "reject", "Chirac", "--type", "person", "--db", str(writable),
                      "--json")
    assert rejected["mentions_dropped"] > 0
    assert _kept(conn, "Chirac") == 0 and _kept(conn, "Jacques Chirac") > 0  # that name only

    summary = extract(writable, Selection(cables=("05PARIS5335", "06PARIS5975")), workers=0,
                      force=True)
    assert summary.extracted == 2
    conn = sqlite3.connect(writable)
    assert len(_gonzalez_entities(conn)) == 1
    assert _kept(conn, "Chirac") == 0
    assert conn.execute("SELECT count(*) FROM mentions WHERE text = 'Chirac' AND entity_id IS "
                        "NULL AND cable_id = '06PARIS5975'").fetchone()[0] > 0
    exported = invoke("entities", "decisions", "--db", str(writable), "--json")
    assert [d["action"] for d in exported] == ["merge", "reject"]
    assert exported[0]["note"] == "same person, two spellings"


def test_decisions_move_between_databases(writable: Path, fr_db: Path, tmp_path: Path) -> None:
    invoke("entities", "reject", "Chirac", "--type", "person", "--db", str(writable), "--json")
    rows = invoke("entities", "decisions", "--db", str(writable), "--json")
    target = tmp_path / "other.db"
    shutil.copy(fr_db, target)
    exported = tmp_path / "decisions.json"
    exported.write_text(json.dumps(rows), encoding="utf-8")
    loaded = invoke("entities", "decisions", "--db", str(target), "--load", str(exported),
                    "--json")
    assert [(d["action"], d["name"]) for d in loaded] == [("reject", "Chirac")]
    assert _kept(sqlite3.connect(target), "Chirac") == 0


def test_gexf_graph_opens_in_networkx(fr_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "sarkozy.gexf"
    result = CliRunner().invoke(cli, ["graph", "--db", str(fr_db), "--around", "Sarkozy",
                                      "--depth", "2", "--format", "gexf", "--out", str(out)])
    assert result.exit_code == 0, result.output
    graph = nx.read_gexf(out)
    labels = {data["label"] for _n, data in graph.nodes(data=True)}
    assert "Nicolas Sarkozy" in labels
    assert any("Stapleton" in label for label in labels)
    assert graph.number_of_edges() > 10
    assert all(data["weight"] >= 1 for _a, _b, data in graph.edges(data=True))
    met = tmp_path / "met.json"
    result = CliRunner().invoke(cli, ["graph", "--db", str(fr_db), "--kind", "meetings",
                                      "--format", "json", "--out", str(met)])
    assert result.exit_code == 0, result.output
    data = json.loads(met.read_text(encoding="utf-8"))
    assert data["links"] and data["nodes"]
    graphml = tmp_path / "g.graphml"
    CliRunner().invoke(cli, ["graph", "--db", str(fr_db), "--format", "graphml", "--out",
                             str(graphml), "--min-weight", "3"])
    assert nx.read_graphml(graphml).number_of_nodes() > 0


def test_ftm_export_validates(fr_db: Path) -> None:
    result = CliRunner().invoke(cli, ["export", "ftm", "--db", str(fr_db), "--from", "2006",
                                      "--no-text"])
    assert result.exit_code == 0
    entities = [json.loads(line) for line in result.output.splitlines()]
    ids = {e["id"] for e in entities}
    schemata = {e["schema"] for e in entities}
    assert {"Message", "Person", "Mention", "Event"} <= schemata
    for data in entities:
        proxy = model.get_proxy(data, cleaned=False)
        assert proxy.schema.validate(data) is None, data
        for prop in proxy.iterprops():
            if prop.type.name == "entity":
                assert set(proxy.get(prop)) <= ids, (prop.name, data)
    messages = [e for e in entities if e["schema"] == "Message"]
    assert all(m["properties"]["date"][0] >= "2006" for m in messages)


def test_csv_export_honours_filters(fr_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    counts = invoke("export", "csv", "--db", str(fr_db), "--out", str(out), "--from", "2006-06",
                    "--type", "person", "--json")["rows"]
    with (out / "cables.csv").open(encoding="utf-8") as f:
        cables = list(csv.DictReader(f))
    assert cables and all(c["created"] >= "2006-06" for c in cables)
    with (out / "mentions.csv").open(encoding="utf-8") as f:
        mentions = list(csv.DictReader(f))
    assert {m["type"] for m in mentions} == {"person"}
    assert {m["cable_id"] for m in mentions} <= {c["id"] for c in cables}
    assert counts["cables"] == len(cables) and counts["decisions"] == 0
    assert (out / "meetings.csv").exists() and (out / "quotes.csv").exists()


def test_extraction_resumes_after_an_interruption(fr_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "resume.db"
    shutil.copy(fr_db, db)
    cables = ("05PARIS5335", "06PARIS5975", "05PARIS1142", "05PARIS1306")
    conn = sqlite3.connect(db)
    conn.execute("DELETE FROM entity_cables")
    conn.commit()
    conn.close()

    def stop(summary: object) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        extract(db, Selection(cables=cables), workers=0, batch=2, progress=stop)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM entity_cables").fetchone()[0] == 2
    again = extract(db, Selection(cables=cables), workers=0, batch=2)
    assert (again.skipped, again.extracted) == (2, 2)
    per_cable = dict(conn.execute("SELECT cable_id, count(*) FROM mentions WHERE cable_id IN "
                                  "(?, ?, ?, ?) GROUP BY cable_id", cables))
    assert set(per_cable) == set(cables)
    dup = conn.execute("SELECT count(*) FROM (SELECT cable_id, seq, start, end, count(*) n FROM "
                       "mentions WHERE start IS NOT NULL GROUP BY 1, 2, 3, 4 HAVING n > 1)")
    assert dup.fetchone()[0] == 0


def test_capitalised_cable_reads_with_the_corpus_casing(fr_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "caps.db"
    shutil.copy(fr_db, db)
    summary = invoke("entities", "extract", "--db", str(db), "--cable", "07PARIS2440",
                     "--workers", "0", "--quiet", "--json")
    assert summary["extracted"] == 1 and summary["skipped"] == 0 and summary["words"] > 500
    conn = sqlite3.connect(db)
    gellet = {r[0] for r in conn.execute(
        "SELECT name FROM mentions WHERE cable_id = '07PARIS2440' AND text = 'GELLET'")}
    assert gellet == {"Franck Gellet"}
    lunch = conn.execute("SELECT date, kind FROM meetings WHERE cable_id = '07PARIS2440'")
    assert ("2007-06-07", "meal") in lunch.fetchall()


def test_the_sarkozy_dossier_holds_every_cable_naming_him_with_the_evidence(fr_db: Path) -> None:
    """Issue 12: "Sarkozy" alone is Nicolas Sarkozy unless something says otherwise, and the
    dossier says which mentions were attached by which evidence."""
    conn = sqlite3.connect(fr_db)
    sarkozy = resolve_one(conn, "Nicolas Sarkozy")
    naming = {cid for (cid,) in conn.execute(
        "SELECT DISTINCT cable_id FROM mentions WHERE type = 'person' AND "
        "lower(name) IN ('sarkozy', 'nicolas sarkozy')")}
    held = {cid for (cid,) in conn.execute(
        "SELECT DISTINCT cable_id FROM mentions WHERE entity_id = ?", (sarkozy["id"],))}
    assert len(naming) >= 30 and naming <= held
    d = dossier(conn, sarkozy["id"])
    evidence = {e["evidence"]: e for e in d["evidence"]}
    assert sum(e["mentions"] for e in d["evidence"]) == d["mentions"]
    assert "surname alone, named in full in the same cable" in evidence
    assert all(e["names"] and e["cables"] >= 1 for e in d["evidence"])
    # titles over time: one per office however written, and no "President" before May 2007
    titles = {t["title"]: t for t in d["titles"]}
    assert len(titles) == len(d["titles"]) and "Interior Minister" in titles
    assert "President" not in titles or titles["President"]["first"] >= "2007-05"


def test_planned_meetings_are_shown_apart_from_held_ones(fr_db: Path) -> None:
    rows = invoke("meetings", "--db", str(fr_db), "--with", "Sarkozy", "--json")
    assert isinstance(rows, list)
    assert all(r["status"] == ("planned" if r["planned"] else "held") for r in rows)
    planned = [r for r in rows if r["planned"]]
    assert planned and any(r["cable"] == "06PARIS5975" for r in planned)  # Sarkozy to meet Bush
    out = CliRunner().invoke(cli, ["entity", "Sarkozy", "--db", str(fr_db)],
                             catch_exceptions=False).output
    held_at = out.index("meetings held (")
    planned_at = out.index(f"meetings planned, not reported as held ({len(planned)}):")
    assert held_at < planned_at and "mentions by evidence:" in out
    assert all("planned " in line for line in out[planned_at:].splitlines()[1:len(planned) + 1])


def test_the_web_dossier_shows_planned_meetings_and_the_evidence_apart(writable: Path) -> None:
    from fastapi.testclient import TestClient

    from cablescope.web import WebConfig, create_app

    with TestClient(create_app(WebConfig(db=writable))) as client:
        sid = client.get("/api/entities/find", params={"name": "Nicolas Sarkozy"}).json()["id"]
        data = client.get(f"/api/entities/{sid}").json()
        page = client.get(f"/entity/{sid}").text
    assert data["evidence"] and {m["status"] for m in data["meetings"]} == {"held", "planned"}
    held, planned = page.index('class="grid timeline small meetings-held"'), page.index(
        "Planned, not reported as held")
    assert held < planned < page.index('class="grid timeline small meetings-planned"')
    assert "Why these mentions are here" in page
