"""The JSON API and its pages, in-process through the ASGI app, on a small hostile corpus."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cablescope.web import WebConfig, create_app
from web_fixtures import HOSTILE_SUBJECT, SCRIPT, build


@pytest.fixture(scope="module")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("web") / "web.db")


@pytest.fixture(scope="module")
def client(web_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(WebConfig(db=web_db))) as c:
        yield c


def error_of(response) -> dict:
    body = response.json()
    assert set(body) == {"error"}, body
    assert body["error"]["status"] == response.status_code
    return body["error"]


# --- stats ---------------------------------------------------------------------------------------


def test_stats_counts_the_corpus(client: TestClient) -> None:
    r = client.get("/api/stats")
    assert r.status_code == 200
    s = r.json()
    assert (s["cables"], s["versions"]) == (3, 4)
    assert s["by_year"] == {"2009": 2, "2010": 1}
    assert s["by_tag"]["subject"] == {"ETRD": 2, "PREL": 2}


def test_stats_page_links_facets_to_searches(client: TestClient) -> None:
    html = client.get("/stats").text
    assert 'href="/search?q=tag%3APREL"' in html
    assert 'href="/search?q=origin%3A%22Embassy+Testpost%22"' in html
    assert 'class="n-cables">3<' in html


# --- cables --------------------------------------------------------------------------------------


def test_cable_json_has_fields_paragraphs_and_refs_both_ways(client: TestClient) -> None:
    c = client.get("/api/cables/09TESTPOST1").json()
    assert c["subject"] == HOSTILE_SUBJECT
    assert [p["address"] for p in c["paragraphs"] if p["number"]] == [
        "09TESTPOST1¶1", "09TESTPOST1¶2", "09TESTPOST1¶3"]
    assert [p["marking"] for p in c["paragraphs"][1:]] == ["C", "S/NF", "U"]
    assert [r["citing"] for r in c["cited_by"]] == ["09TESTPOST2"]
    second = client.get("/api/cables/09TESTPOST2").json()
    assert [(r["cited"], r["resolved"]) for r in second["references"]] == [
        ("09TESTPOST1", True), (None, False), ("09TESTPOST99", False)]


def test_cable_in_another_spelling_is_found(client: TestClient) -> None:
    assert client.get("/api/cables/09testpost1").json()["id"] == "09TESTPOST1"
    r = client.get("/cable/09testpost1", follow_redirects=False)
    assert r.status_code == 308
    assert r.headers["location"] == "/cable/09TESTPOST1"


def test_unknown_cable_is_a_404_with_a_search_link(client: TestClient) -> None:
    r = client.get("/api/cables/09TESTPOST3")
    assert r.status_code == 404
    err = error_of(r)
    assert "09TESTPOST3" in err["message"]
    assert err["search"] == "/search?q=09TESTPOST3"
    page = client.get("/cable/09TESTPOST3")
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    assert '<a class="search-instead" href="/search?q=09TESTPOST3">' in page.text


def test_cable_page_escapes_every_text(client: TestClient) -> None:
    html = client.get("/cable/09TESTPOST1").text
    assert SCRIPT not in html and "<b>TARIFFS</b>" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "tariffs &amp; quotas &lt;would&gt; fall" in html
    assert "?a=1&amp;b=2" in html


def test_cable_page_lays_out_markings_anchors_redactions_and_refs(client: TestClient) -> None:
    html = client.get("/cable/09TESTPOST1").text
    assert '<div class="para" id="p2">' in html
    assert '<span class="marking marking-S-NF" title="paragraph classification">S/NF</span>' in html
    assert '<span class="redacted" title="redacted in the published cable">XXXXXXXXXXXX</span>' \
        in html
    assert '<a class="ref" href="/cable/09TESTPOST2">09TESTPOST2</a>' in html  # cited by
    assert 'href="/search?q=tag%3AETRD"' in html
    second = client.get("/cable/09TESTPOST2").text
    assert '<a class="ref" href="/cable/09TESTPOST1">09TESTPOST1</a>' in second  # cites
    assert "09TESTPOST99 (not in corpus)" in second
    assert "Email of March 3" in second


def test_earlier_version_and_its_text(client: TestClient) -> None:
    r = client.get("/api/cables/09TESTPOST2/versions")
    assert [(v["version"], v["current"], v["seen"]) for v in r.json()] == [
        (1, False, "2010-12-01"), (2, True, "2011-04-25")]
    text = client.get("/api/cables/09TESTPOST2/versions/1").json()
    assert text["current"] is False
    assert "met with XXXXXXXXXXXX on March 3" in text["text"]
    missing = client.get("/api/cables/09TESTPOST2/versions/3")
    assert missing.status_code == 404
    assert "versions 1, 2" in error_of(missing)["message"]


def test_word_diff_shows_the_lifted_redaction(client: TestClient) -> None:
    d = client.get("/api/cables/09TESTPOST2/diff").json()
    assert (d["from_version"], d["to_version"]) == (1, 2)
    changed = [(p["op"], p["text"].strip()) for p in d["pieces"] if p["op"] != "equal"]
    assert changed == [("delete", "XXXXXXXXXXXX"), ("insert", "Minister Auric Goldfinger"),
                       ("delete", "upbeat."), ("insert", "upbeat and candid.")]
    assert d["words_deleted"] >= 1 and d["words_inserted"] >= 3
    html = client.get("/cable/09TESTPOST2/diff?from=1&to=2").text
    assert "<ins>Minister Auric Goldfinger </ins>" in html
    assert '<del><span class="redacted"' in html


def test_diff_of_a_single_version_cable_says_so(client: TestClient) -> None:
    r = client.get("/api/cables/09TESTPOST1/diff")
    assert r.status_code == 404
    assert "single version" in error_of(r)["message"]


# --- errors and safety ---------------------------------------------------------------------------


def test_security_headers_on_pages_api_errors_and_static(client: TestClient) -> None:
    for url in ("/stats", "/api/stats", "/api/cables/NOPE", "/static/style.css", "/nowhere"):
        h = client.get(url).headers
        assert "default-src 'none'" in h["content-security-policy"], url
        assert "frame-ancestors 'none'" in h["content-security-policy"], url
        assert h["x-content-type-options"] == "nosniff", url
        assert h["x-frame-options"] == "DENY", url
        assert h["referrer-policy"] == "no-referrer", url


@pytest.mark.parametrize("url", [
    "/static/../../../../etc/passwd",
    "/static/%2e%2e/%2e%2e/etc/passwd",
    "/static/..%2f..%2fconfig.py",
    "/cable/..%2f..%2fetc%2fpasswd",
    "/api/cables/..%2F..%2Fetc%2Fpasswd",
    "/api/cables/%2e%2e",
])
def test_path_traversal_finds_nothing(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code in (400, 404), (url, r.status_code)
    assert "root:" not in r.text and "WebConfig" not in r.text


def test_sql_in_a_cable_id_is_just_an_unknown_id(client: TestClient) -> None:
    r = client.get("/api/cables/x' OR '1'='1")
    assert r.status_code == 404
    r = client.get("/api/cables/09TESTPOST1%3B DROP TABLE cables")
    assert r.status_code == 404
    assert client.get("/api/stats").json()["cables"] == 3


def test_bad_parameters_are_a_400_in_the_error_shape(client: TestClient) -> None:
    r = client.get("/api/cables/09TESTPOST2/diff?from=zero")
    assert r.status_code == 400
    err = error_of(r)
    assert "from" in err["message"]
    assert client.get("/api/cables/" + "A" * 500).status_code in (400, 404)


def test_bad_utf8_in_a_path_is_a_clean_error(client: TestClient) -> None:
    r = client.get("/api/cables/%FF%FE")
    assert r.status_code == 404
    assert error_of(r)["message"].startswith("no cable")


def test_body_over_the_limit_is_a_413(client: TestClient) -> None:
    r = client.post("/api/stats", content=b"x" * (65 * 1024))
    assert r.status_code == 413
    assert "64 KiB" in error_of(r)["message"]


def test_streamed_body_over_the_limit_is_a_413(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(100):
            yield b"y" * 1024

    r = client.post("/api/entities/merge", content=chunks(),
                    headers={"content-type": "application/json"})
    assert r.status_code == 413
    assert error_of(r)["message"] == "request body too large: the limit here is 64 KiB"


def test_unknown_page_is_a_404_page(client: TestClient) -> None:
    r = client.get("/no/such/page")
    assert r.status_code == 404
    assert "nothing here: /no/such/page" in r.text


def test_api_index_lists_every_endpoint(client: TestClient) -> None:
    html = client.get("/api").text
    spec = client.get("/api/openapi.json").json()
    assert len(spec["paths"]) >= 15
    for path, operations in spec["paths"].items():
        assert path in html
        for operation in operations.values():
            assert operation["summary"] in html.replace("&#39;", "'")


# --- search --------------------------------------------------------------------------------------


def test_search_json_has_hits_snippets_highlights_and_facets(client: TestClient) -> None:
    r = client.get("/api/search", params={"q": "tariffs"})
    assert r.status_code == 200
    s = r.json()
    assert s["total"] == 3 and s["pages"] == 1
    hits = {h["id"]: h for h in s["hits"]}
    hit = hits["09TESTPOST1"]
    assert hit["address"] == "09TESTPOST1¶1"
    assert [hit["snippet"][a:b] for a, b in hit["highlights"]] == ["tariffs"]
    assert "<would>" in hit["snippet"]  # plain text in JSON: escaping is the page's job
    assert {f["value"]: f["count"] for f in s["facets"]["year"]} == {2009: 2, 2010: 1}
    assert {f["value"]: f["count"] for f in s["facets"]["origin"]} == {
        "Embassy Testpost": 2, "Embassy Otherpost": 1}


def test_search_paging_and_paragraph_level(client: TestClient) -> None:
    first = client.get("/api/search", params={"q": "tariffs", "limit": 1}).json()
    second = client.get("/api/search", params={"q": "tariffs", "limit": 1, "page": 2}).json()
    assert (first["pages"], second["offset"]) == (3, 1)
    assert first["hits"][0]["id"] != second["hits"][0]["id"]
    paras = client.get("/api/search", params={"q": "marking:S/NF", "level": "paragraph"}).json()
    assert [h["address"] for h in paras["hits"]] == ["09TESTPOST1¶2"]


def test_query_error_is_a_400_with_its_position(client: TestClient) -> None:
    r = client.get("/api/search", params={"q": "tariffs AND (quotas"})
    assert r.status_code == 400
    err = error_of(r)
    assert (err["query"], err["position"]) == ("tariffs AND (quotas", 12)
    page = client.get("/search", params={"q": "tariffs AND (quotas"})
    assert page.status_code == 400
    assert "tariffs AND (quotas\n" + " " * 12 + "^</pre>" in page.text
    unknown = client.get("/api/search", params={"q": "colour:red"})
    assert unknown.status_code == 400 and error_of(unknown)["position"] == 0


def test_script_in_a_query_is_escaped_everywhere(client: TestClient) -> None:
    html = client.get("/search", params={"q": f"tariffs {SCRIPT}"}).text
    assert SCRIPT not in html
    bad = client.get("/search", params={"q": f'"{SCRIPT}'})
    assert bad.status_code == 400 and SCRIPT not in bad.text
    assert "&lt;script&gt;" in bad.text


def test_search_page_shows_facets_as_links_that_toggle(client: TestClient) -> None:
    html = client.get("/search", params={"q": "tariffs"}).text
    assert ('<a href="/search?q=tariffs+origin%3A%22Embassy+Testpost%22" class="" '
            'data-facet="origin" data-value="Embassy Testpost">') in html
    assert "<mark class=\"hit\">tariffs</mark> &amp; quotas &lt;would&gt; fall" in html
    assert '<a class="addr" href="/cable/09TESTPOST1?q=tariffs#p1">09TESTPOST1¶1</a>' in html
    narrowed = client.get("/search", params={"q": 'tariffs origin:"Embassy Testpost"'}).text
    assert ('<a href="/search?q=tariffs" class="on" data-facet="origin" '
            'data-value="Embassy Testpost">') in narrowed
    assert '<rect class="bar"' in html


def test_a_cable_opened_from_a_search_marks_the_query_words(client: TestClient) -> None:
    """Words, phrases and exact strings marked where the snippets mark them, inside the
    redaction and entity markup, escaped; a field-only query marks nothing but keeps the way
    back; another spelling of the ID redirects with the query kept."""
    html = client.get("/cable/09TESTPOST1", params={"q": 'tariffs "a note" -fisheries'}).text
    assert '<mark class="hit">tariffs</mark> &amp; quotas &lt;would&gt;' in html
    assert 'passed <mark class="hit">a note</mark> reading &lt;script&gt;' in html
    assert '<span class="found-count">3 matches</span>' in html  # subject line, ¶1, ¶2
    assert 'href="/search?q=tariffs+%22a+note%22+-fisheries">back to the search' in html
    exact = client.get("/cable/09TESTPOST1", params={"q": "XXXXXXXXXXXX, passed",
                                                     "exact": "true"}).text
    assert ('<span class="redacted" title="redacted in the published cable">'
            '<mark class="hit">XXXXXXXXXXXX</mark></span><mark class="hit">, passed</mark>'
            ) in exact
    assert "(exact string) marked" in exact
    fields = client.get("/cable/09TESTPOST1", params={"q": "tag:PREL"}).text
    assert "no words in it to mark" in fields and '<mark class="hit">tag:PREL</mark>' in fields
    plain = client.get("/cable/09TESTPOST1").text
    assert 'class="hit"' not in plain and 'class="found' not in plain
    moved = client.get("/cable/09 TESTPOST 1", params={"q": "tariffs"}, follow_redirects=False)
    assert moved.status_code == 308
    assert moved.headers["location"] == "/cable/09TESTPOST1?q=tariffs"


def test_export_streams_every_hit_as_csv_and_jsonl(client: TestClient) -> None:
    r = client.get("/api/search/export", params={"q": "tariffs OR ambassador"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/csv")
    assert r.headers["content-disposition"] == 'attachment; filename="cablescope-search.csv"'
    lines = r.text.splitlines()
    assert lines[0] == "id,address,paragraph,created,subject,origin,classification,marking," \
                       "score,snippet"
    assert sorted(line.split(",")[0] for line in lines[1:]) == [
        "09TESTPOST1", "09TESTPOST2", "10OTHERPOST7"]
    jl = client.get("/api/search/export", params={"q": "tariffs", "format": "jsonl"})
    assert [json.loads(x)["id"] for x in jl.text.splitlines()] == [
        h["id"] for h in client.get("/api/search", params={"q": "tariffs"}).json()["hits"]]
    assert client.get("/api/search/export", params={"q": '"open'}).status_code == 400


def test_unknown_facet_is_a_400(client: TestClient) -> None:
    r = client.get("/api/search", params={"q": "tariffs", "facets": "origin,colour"})
    assert r.status_code == 400


def test_refs_and_similar(client: TestClient) -> None:
    g = client.get("/api/cables/09TESTPOST2/refs").json()
    assert [x["cited"] for x in g["cites"]] == ["09TESTPOST1", None, "09TESTPOST99"]
    assert g["unresolved"] == ["09TESTPOST99"]
    back = client.get("/api/cables/09TESTPOST1/refs").json()
    assert [x["citing"] for x in back["cited_by"]] == ["09TESTPOST2"]
    assert client.get("/api/cables/09NOWHERE1/refs").status_code == 404
    like = client.get("/api/cables/09TESTPOST1/similar").json()
    assert like["id"] == "09TESTPOST1"
    assert "10OTHERPOST7" in [h["id"] for h in like["hits"]]
    page = client.get("/cable/09TESTPOST1/similar").text
    assert '<a href="/cable/10OTHERPOST7">10OTHERPOST7</a>' in page


QUERY_PIECES = ['"', "(", ")", "*", "=", ":", "-", "AND", "OR", "NOT", "tag:", "from:", "to:2",
                "origin:", "ref:", "\x00", "\ufffd", "é", "<script>", "%", "'", "tariffs", " ",
                "marking:S/NF", "=U.S.-", "year:99999", "NEAR(", "^", "{", "}"]


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(QUERY_PIECES), min_size=1, max_size=12).map("".join))
def test_no_query_crashes_the_server(client: TestClient, q: str) -> None:
    r = client.get("/api/search", params={"q": q, "facets": "tag,year"})
    assert r.status_code in (200, 400), (q, r.text)
    if r.status_code == 400:
        assert "message" in error_of(r)
    page = client.get("/search", params={"q": q})
    assert page.status_code in (200, 400)
    assert "<script>" not in page.text


def test_bad_utf8_and_nul_in_a_query_string(client: TestClient) -> None:
    r = client.get("/api/search?q=%FF%FEtariffs")
    assert r.status_code in (200, 400)
    assert client.get("/search?q=tariffs%00").status_code in (200, 400)


def test_a_bug_is_a_plain_500_with_headers_and_no_trace(web_db: Path) -> None:
    app = create_app(WebConfig(db=web_db))

    def broken() -> None:
        raise RuntimeError("secret internals /etc/passwd")

    app.add_api_route("/api/broken", broken)
    app.add_api_route("/broken", broken)
    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.get("/api/broken")
        assert r.status_code == 500
        assert error_of(r)["message"] == "internal error: the server log has the details"
        assert r.headers["x-content-type-options"] == "nosniff"
        page = c.get("/broken")
        assert page.status_code == 500 and "text/html" in page.headers["content-type"]
        for body in (r.text, page.text):
            assert "secret internals" not in body and "Traceback" not in body


def test_every_endpoint_is_documented_with_an_example(client: TestClient) -> None:
    docs = (Path(__file__).resolve().parent.parent / "docs" / "web.md").read_text("utf-8")
    shape = re.compile(r"\{[^}]*\}")
    documented = shape.sub("{}", docs)
    for path in client.get("/api/openapi.json").json()["paths"]:
        assert shape.sub("{}", path) in documented, f"{path} is not in docs/web.md"
