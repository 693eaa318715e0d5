"""Search on the real Cablegate corpus: each answer below was checked by hand.

The expected sets were found independently of cablescope, with regular expressions over the cable
texts of the unpacked archive (e.g. `markedly\\s+different`, case-insensitive), and compared with
what the search returns. Counts that depend on the whole database are checked against plain SQL.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from cablescope.cli import cli
from cablescope.errors import CablescopeError, QueryError
from cablescope.search import iter_hits, refs, search, similar
from cablescope.store import Store

pytestmark = pytest.mark.real


@pytest.fixture(scope="module")
def conn(real_db: Path) -> Iterator[sqlite3.Connection]:
    with Store.open(real_db, readonly=True) as store:
        yield store.connection


def found(conn: sqlite3.Connection, query: str, **options: object) -> list[str]:
    """The IDs of every hit (streamed), checked against the total a page reports."""
    ids = sorted(h.id for h in iter_hits(conn, query, **options))  # type: ignore[arg-type]
    assert search(conn, query, limit=0, **options).total == len(ids)  # type: ignore[arg-type]
    return ids


def test_cables_citing_05paris5232(conn: sqlite3.Connection) -> None:
    # 05PARIS5232 is not in the corpus; only 05PARIS5335's REF line ("PARIS 5232") cites it
    assert found(conn, "ref:05PARIS5232") == ["05PARIS5335"]
    assert found(conn, 'ref:"05 PARIS 5232"') == ["05PARIS5335"]
    graph = refs(conn, "05PARIS5232")
    assert not graph.stored and graph.cites == []
    assert [link.citing for link in graph.cited_by] == ["05PARIS5335"]
    assert graph.cited_by[0].subject == "ALLAN HUBBARD'S CALL ON INTERIOR MINISTER SARKOZY"
    # seen from the citing side, the reference is listed as unresolved
    back = refs(conn, "05 PARIS 5335")
    assert [(link.raw, link.cited, link.resolved) for link in back.cites] == [
        ("PARIS 5232", "05PARIS5232", False)]
    assert back.as_dict()["unresolved"] == ["05PARIS5232"]
    with pytest.raises(CablescopeError, match="no cable '99NOWHERE1'"):
        refs(conn, "99NOWHERE1")


def test_resolved_references_and_depth(conn: sqlite3.Connection) -> None:
    (cited,) = conn.execute(
        "SELECT r.cited FROM refs r JOIN cables c ON c.id = r.cited "
        "GROUP BY r.cited ORDER BY count(*) DESC, r.cited LIMIT 1").fetchone()
    citing = {c for (c,) in conn.execute("SELECT citing FROM refs WHERE cited = ?", (cited,))}
    graph = refs(conn, cited, depth=2)
    direct = {link.citing for link in graph.cited_by if link.depth == 1}
    assert direct == citing and all(link.resolved for link in graph.cited_by)
    second = {link.citing for link in graph.cited_by if link.depth == 2}
    expected = {c for (c,) in conn.execute(
        f"SELECT citing FROM refs WHERE cited IN ({', '.join('?' * len(citing))})",
        sorted(citing))}
    assert second == expected - citing - {cited}


def test_phrase_versus_words(conn: sqlite3.Connection) -> None:
    assert found(conn, '"markedly different"') == [
        "06PARIS5974", "08PARIS957", "09BEIJING3128", "09TRIPOLI133"]
    words = found(conn, "markedly different")
    assert words == ["05MADRID1349", "06PARIS1113", "06PARIS5974", "07TOKYO5492",
                     "08BARCELONA76", "08BELGRADE1097", "08PARIS957", "08TRIPOLI229",
                     "09BEIJING1970", "09BEIJING3128", "09SANTIAGO162", "09TRIPOLI133",
                     "10BERN48"]
    paragraphs = search(conn, '"markedly different"', level="paragraph", markers=("[", "]"))
    by_address = {h.address: h.snippet for h in paragraphs.hits}
    assert "[markedly different] presidential heavyweight" in by_address["06PARIS5974¶1"]


def test_exact_mode_on_us_france(conn: sqlite3.Connection) -> None:
    exact = ["05PARIS2333", "05PARIS4659", "05PARIS5335", "06PARIS1031", "06PARIS1251",
             "06PARIS4411", "07PARIS4357", "07PARIS921", "09LONDON2198", "10STATE13750"]
    assert found(conn, "=U.S.-France") == exact
    assert found(conn, "U.S.-France", exact_mode=True) == exact
    assert found(conn, "=U.S.-France", exact_mode=True) == exact
    tokens = found(conn, "U.S.-France")  # the words u s france in a row, any punctuation
    assert len(tokens) == 28 and set(exact) < set(tokens)
    assert found(conn, "=u.s.-france") == []  # case counts
    hit = search(conn, "=U.S.-France", markers=("[", "]"), sort="oldest").hits[0]
    assert hit.id == "05PARIS2333" and "[U.S.-France]" in hit.snippet


def test_curly_and_straight_quotes_are_the_same(conn: sqlite3.Connection) -> None:
    # 18 cables write Sarkozy’s, 90 Sarkozy's, none both
    straight = found(conn, "=Sarkozy's")
    assert len(straight) == 108
    assert found(conn, "=Sarkozy’s") == straight
    assert found(conn, "“markedly different”") == found(conn, '"markedly different"')


def test_accents_and_case_fold(conn: sqlite3.Connection) -> None:
    # 35 cables name the Elysee (written ELYSEE or Elysee in the corpus); "Champs Elysees" in
    # 08TRIPOLI592 is another word
    elysee = found(conn, "Elysée")
    assert len(elysee) == 35 and "07PARIS2743" in elysee and "08TRIPOLI592" not in elysee
    assert found(conn, "ELYSEE") == elysee == found(conn, "élysée")


def test_boolean_query(conn: sqlite3.Connection) -> None:
    assert found(conn, "kouchner AND (iraq OR afghanistan) NOT darfur") == [
        "06PARIS953", "07BAGHDAD2838", "07PARIS2027", "07PARIS3534", "07PARIS3956",
        "08MADRID186", "08RIYADH102", "08TBILISI1349", "09BERLIN1467", "09BERLIN382",
        "09LONDON2742", "09PARIS1473", "09PARIS1638", "09PARIS264", "09PARIS410",
        "10PARIS174", "10PARIS79"]


def test_facet_counts_equal_sql_counts(conn: sqlite3.Connection) -> None:
    result = search(conn, "sarkozy from:2007", facets=["origin", "year", "tag", "marking"])
    matching = ("SELECT DISTINCT p.cable_id FROM paragraphs_fts JOIN paragraphs p "
                "ON p.pid = paragraphs_fts.rowid WHERE paragraphs_fts MATCH 'sarkozy'")
    dated = f"SELECT id FROM cables WHERE id IN ({matching}) AND created >= '2007-01-01'"
    (total,) = conn.execute(f"SELECT count(*) FROM ({dated})").fetchone()
    assert result.total == total > 100
    origins = dict(conn.execute(
        f"SELECT origin, count(*) FROM cables WHERE id IN ({dated}) GROUP BY origin"))
    assert {v.value: v.count for v in result.facets["origin"]} == {
        k: v for k, v in origins.items() if k in {f.value for f in result.facets["origin"]}}
    assert result.facets["origin"][0].value == "Embassy Paris"
    years = dict(conn.execute(
        f"SELECT year, count(*) FROM cables WHERE id IN ({dated}) GROUP BY year"))
    assert {v.value: v.count for v in result.facets["year"]} == years
    (prel,) = conn.execute(f"SELECT count(*) FROM tags WHERE tag = 'PREL' AND cable_id IN "
                           f"({dated})").fetchone()
    assert {v.value: v.count for v in result.facets["tag"]}["PREL"] == prel
    (secret_nf,) = conn.execute(
        f"SELECT count(DISTINCT cable_id) FROM paragraphs WHERE marking = 'S/NF' AND cable_id "
        f"IN ({dated})").fetchone()
    assert {v.value: v.count for v in result.facets["marking"]}["S/NF"] == secret_nf
    # the filter is honoured: narrowing it changes the facets accordingly
    paris = search(conn, 'sarkozy from:2007 origin:"Embassy Paris"', facets=["origin"])
    assert paris.total == origins["Embassy Paris"]
    assert [(v.value, v.count) for v in paris.facets["origin"]] == [
        ("Embassy Paris", origins["Embassy Paris"])]


def test_fields_agree_with_sql(conn: sqlite3.Connection) -> None:
    def sql_ids(where: str, *args: object) -> list[str]:
        return sorted(i for (i,) in conn.execute(f"SELECT id FROM cables WHERE {where}", args))

    assert found(conn, 'tag:"CLINTON, HILLARY"') == sql_ids(
        "id IN (SELECT cable_id FROM tags WHERE tag = 'CLINTON, HILLARY')")
    assert len(found(conn, 'tag:"clinton, hillary"')) == 6
    assert found(conn, "caveat:noforn") == sql_ids("' ' || caveats || ' ' LIKE '% NOFORN %'")
    assert found(conn, "signer:stapleton") == sql_ids("signers LIKE '%STAPLETON%'")
    assert found(conn, "class:SECRET*") == sql_ids("classification GLOB 'SECRET*'")
    assert found(conn, 'origin:"Embassy Paris"') == sql_ids("origin = 'Embassy Paris'")
    assert found(conn, "year:2008") == sql_ids("created LIKE '2008-%'")
    assert found(conn, "from:2010-02-15 to:2010-02") == sql_ids(
        "created >= '2010-02-15' AND created < '2010-03-01'")
    subjects = {i: s for i, s in conn.execute("SELECT id, subject FROM cables")}
    assert found(conn, "subject:sarko*") == sorted(
        i for i, s in subjects.items() if s and re.search(r"\bSARKO", s, re.I))
    assert found(conn, "id:05PARIS53*") == sql_ids("id GLOB '05PARIS53*'")


def test_paragraph_level_with_markings(conn: sqlite3.Connection) -> None:
    result = search(conn, "marking:S/NF sanctions", level="paragraph", limit=200,
                    facets=["marking"])
    (expected,) = conn.execute(
        "SELECT count(*) FROM paragraphs WHERE marking_raw IN ('S/NF', 'S//NF') AND pid IN "
        "(SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH 'sanctions')").fetchone()
    # S/NF and S//NF are one marking written two ways. 120, not the 122 of a parser that glued
    # a heading to the paragraph above: "UN Sanctions Resolution" opens 09LONDON118¶12 (C), not
    # the end of ¶11 (S/NF); "POSSIBILITY AND FUTILITY OF SANCTIONS" opens 10ABUDHABI97¶3.
    assert result.total == expected == 120
    assert {v.value for v in result.facets["marking"]} == {"S/NF"}  # the facet shows it once
    written = {row[0] for row in conn.execute(
        "SELECT DISTINCT marking_raw FROM paragraphs WHERE marking = 'S/NF'")}
    assert {"S/NF", "S//NF", "S/Noforn"} <= written  # the forms as written are kept
    for hit in result.hits:
        assert hit.address == f"{hit.id}¶{hit.paragraph}"
        assert hit.marking == "S/NF" and "⟦" in hit.snippet


def test_sorting_and_paging(conn: sqlite3.Connection) -> None:
    newest = search(conn, "sarkozy", sort="newest", limit=10)
    dates = [h.created for h in newest.hits]
    assert dates == sorted(dates, reverse=True)
    second = search(conn, "sarkozy", sort="newest", limit=10, offset=10)
    assert second.total == newest.total == 228
    everything = [h.id for h in iter_hits(conn, "sarkozy", sort="newest")]
    assert everything[:20] == [h.id for h in newest.hits + second.hits]
    assert len(everything) == len(set(everything)) == 228
    ranked = search(conn, "sarkozy").hits
    assert [h.score for h in ranked] == sorted((h.score for h in ranked), reverse=True)


def test_query_errors_point_at_the_position(conn: sqlite3.Connection) -> None:
    with pytest.raises(QueryError) as info:
        search(conn, 'kouchner "markedly different')
    assert info.value.position == 9 and "unbalanced quote" in str(info.value)
    with pytest.raises(QueryError, match="unknown field 'author:'") as info:
        search(conn, "sarkozy author:smith")
    assert info.value.position == 8
    with pytest.raises(QueryError, match="bad date '2006-13'") as info:
        search(conn, "sarkozy from:2006-13")
    assert info.value.position == 13


def test_similar_cables(conn: sqlite3.Connection) -> None:
    alike = similar(conn, "06PARIS5974", limit=10)
    terms = [t for t, _ in alike.terms]
    assert terms[0] == "sarkozy" and {"gaullist", "ump"} <= set(terms)
    ids = [h.id for h in alike.hits]
    assert "06PARIS5974" not in ids and len(ids) == 10
    # French domestic politics: mostly Embassy Paris, each sharing the candidate's name
    assert sum(h.origin == "Embassy Paris" for h in alike.hits) >= 7
    assert all("sarkozy" in h.shared for h in alike.hits)
    assert "07PARIS921" in ids  # FRENCH FOREIGN POLICY UNDER NICOLAS SARKOZY OR SEGOLENE ROYAL


def test_cli_search_json_csv_and_errors(real_db: Path) -> None:
    runner = CliRunner()
    db = ["--db", str(real_db)]
    out = runner.invoke(cli, ["search", '"markedly different"', "--facets", "origin", "--json",
                              *db])
    assert out.exit_code == 0, out.output
    doc = json.loads(out.output)
    assert doc["total"] == 4 and doc["parsed"] == '"markedly different"'
    assert {h["id"] for h in doc["hits"]} == {"06PARIS5974", "08PARIS957", "09BEIJING3128",
                                              "09TRIPOLI133"}
    assert sum(v["count"] for v in doc["facets"]["origin"]) == 4
    text = runner.invoke(cli, ["search", "=U.S.-France", "--limit", "3", *db])
    assert text.exit_code == 0
    assert text.output.startswith("10 cables for: =U.S.-France")
    assert "⟦U.S.-France⟧" in text.output
    exported = runner.invoke(cli, ["search", "sarkozy", "--csv", "--paragraphs", *db])
    rows = list(csv.DictReader(io.StringIO(exported.output)))
    with Store.open(real_db, readonly=True) as store:
        paragraphs = search(store.connection, "sarkozy", level="paragraph", limit=0).total
    assert len(rows) == paragraphs > 228  # every hit, not a page
    assert rows[0].keys() >= {"id", "address", "snippet", "score"}
    assert "⟦" not in exported.output  # exported snippets carry no markers
    bad = runner.invoke(cli, ["search", "sarkozy from:2006-13", *db])
    assert bad.exit_code == 1
    assert "bad date '2006-13'" in bad.output
    assert "  sarkozy from:2006-13\n               ^" in bad.output
    unknown = runner.invoke(cli, ["search", "author:smith", *db])
    assert unknown.exit_code == 1 and "unknown field 'author:'" in unknown.output
    assert "Traceback" not in bad.output + unknown.output


def test_cli_refs_and_similar(real_db: Path) -> None:
    runner = CliRunner()
    out = runner.invoke(cli, ["refs", "05PARIS5232", "--db", str(real_db)])
    assert out.exit_code == 0, out.output
    assert "not in this database" in out.output and "05PARIS5335" in out.output
    out = runner.invoke(cli, ["refs", "05PARIS5335", "--json", "--db", str(real_db)])
    assert '"unresolved": [\n    "05PARIS5232"\n  ]' in out.output
    out = runner.invoke(cli, ["similar", "06PARIS5974", "--limit", "3", "--db", str(real_db)])
    assert out.exit_code == 0 and "Cables like 06PARIS5974" in out.output
    missing = runner.invoke(cli, ["similar", "99NOWHERE1", "--db", str(real_db)])
    assert missing.exit_code == 1 and "no cable '99NOWHERE1'" in missing.output
