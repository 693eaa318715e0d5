"""Tracing through the API and the pages: paste, upload, share, download; hostile articles."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from cablescope.web import WebConfig, create_app
from cablescope.web.config import MiB
from web_fixtures import SCRIPT, build

QUOTED = ("Following up on reftel, Ambassador Smith met with Minister Auric Goldfinger on "
          "March 3.")
ARTICLE = (f'The cable said: "{QUOTED}" Officials added "a sentence invented for this test that '
           'no cable contains anywhere".')


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = build(tmp_path_factory.mktemp("trace") / "web.db")
    with TestClient(create_app(WebConfig(db=db, max_upload=MiB))) as c:
        yield c


def _by_text(report: dict) -> dict[str, dict]:
    return {q["text"]: q for q in report["quotes"]}


def test_trace_json_finds_the_quote_and_its_paragraph(client: TestClient) -> None:
    r = client.post("/api/trace", json={"text": ARTICLE})
    assert r.status_code == 200, r.text
    report = r.json()
    quote = _by_text(report)[QUOTED]
    assert quote["status"] == "verbatim"
    best = quote["matches"][0]
    assert best["cable_id"] == "09TESTPOST2"
    assert [s["paragraph"] for s in best["segments"]] == [1]
    assert report["article"]["text"][quote["start"]:quote["end"]] == QUOTED
    invented = next(q for q in report["quotes"] if q["text"].startswith("a sentence invented"))
    assert invented["status"] == "unmatched" and invented["matches"] == []
    assert report["corpus"]["cables"] == 3
    kept = client.get(f"/api/trace/{report['id']}")
    assert kept.json() == report


def test_every_body_kind_gives_the_same_report(client: TestClient) -> None:
    as_json = client.post("/api/trace", json={"text": ARTICLE}).json()["quotes"]
    as_form = client.post("/api/trace", data={"text": ARTICLE}).json()["quotes"]
    as_plain = client.post("/api/trace", content=ARTICLE.encode(),
                           headers={"content-type": "text/plain; charset=utf-8"}).json()["quotes"]
    as_file = client.post("/api/trace", files={"file": ("a.txt", ARTICLE.encode(), "text/plain")}
                          ).json()["quotes"]
    assert as_json == as_form == as_plain == as_file


def test_html_upload_is_read_for_its_main_text_and_scripts_never_run(client: TestClient) -> None:
    page = (f"<html><head><script>alert(1)</script><title>T &amp; A</title></head><body>"
            f"<article><p>The cable said: &ldquo;{QUOTED}&rdquo;</p>"
            f"<p>Readers wrote {SCRIPT} &lt;b&gt;bold&lt;/b&gt;.</p></article></body></html>")
    r = client.post("/trace", files={"file": ("story.html", page.encode(), "text/html")},
                    follow_redirects=False)
    assert r.status_code == 303
    html = client.get(r.headers["location"]).text
    assert "<script>alert" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html or "bold" in html
    assert 'class="q verbatim kind-' in html
    assert 'href="/cable/09TESTPOST2#p1"' in html


def test_report_page_colours_quotes_and_links_paragraphs(client: TestClient) -> None:
    r = client.post("/trace", data={"text": ARTICLE}, follow_redirects=False)
    page = client.get(r.headers["location"])
    assert page.status_code == 200
    html = page.text
    assert '<a class="para-link" href="/cable/09TESTPOST2#p1">09TESTPOST2¶1</a>' in html
    assert '<span class="seg">Following up on reftel, Ambassador Smith met with Minister Auric ' \
           "Goldfinger on March 3</span>" in html
    assert 'class="q unmatched kind-quote"' in html
    download = client.get(r.headers["location"] + "/report.html")
    assert download.headers["content-disposition"].startswith("attachment;")
    assert "<style>" in download.text and "/static/style.css" not in download.text
    assert 'href="http://testserver/cable/09TESTPOST2#p1"' in download.text


def test_script_in_a_pasted_article_is_escaped(client: TestClient) -> None:
    r = client.post("/trace", data={"text": f'He wrote "{SCRIPT}" and "{QUOTED}"'},
                    follow_redirects=False)
    html = client.get(r.headers["location"]).text
    assert SCRIPT not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html


def test_bad_utf8_upload_is_a_400_naming_the_byte(client: TestClient) -> None:
    r = client.post("/api/trace", files={"file": ("a.txt", b"caf\xe9 \xff\xfe", "text/plain")})
    assert r.status_code == 400
    message = r.json()["error"]["message"]
    assert "a.txt" in message and "byte 3" in message
    fixed = client.post("/api/trace", files={"file": ("a.txt", b"caf\xe9 au lait", "text/plain")},
                        data={"encoding": "cp1252"})
    assert fixed.status_code == 200
    assert fixed.json()["article"]["text"] == "café au lait"


def test_upload_over_the_limit_is_a_413(client: TestClient) -> None:
    big = b"word " * (MiB // 4)
    r = client.post("/api/trace", files={"file": ("big.txt", big, "text/plain")})
    assert r.status_code == 413
    assert r.json()["error"]["message"] == "request body too large: the limit here is 1 MiB"
    page = client.post("/trace", data={"text": "x" * (MiB + 10)})
    assert page.status_code == 413
    assert "the limit here is 1 MiB" in page.text


def test_empty_and_malformed_bodies_are_400s(client: TestClient) -> None:
    assert client.post("/api/trace", json={"text": "   "}).status_code == 400
    assert client.post("/api/trace", content=b"{not json",
                       headers={"content-type": "application/json"}).status_code == 400
    assert client.post("/api/trace", json=["text"]).status_code == 400
    r = client.post("/api/trace", content=b"x", headers={"content-type": "image/png"})
    assert r.status_code == 400
    assert "form" in r.json()["error"]["message"]


def test_unknown_report_is_a_404_that_says_why(client: TestClient) -> None:
    r = client.get("/api/trace/0123456789abcdef0123")
    assert r.status_code == 404
    assert "trace the article again" in r.json()["error"]["message"]
    assert client.get("/trace/../../etc/passwd").status_code == 404
    assert client.get("/trace/%2e%2e%2f%2e%2e").status_code in (400, 404)


def test_edits_are_named_and_marked_in_the_cable_paragraph(client: TestClient) -> None:
    article = ('The cable said: "Following up on reftel, Ambassador Smith met with ... '
               'Goldfinger on March 3." Later.')
    report = client.post("/api/trace", json={"text": article}).json()
    (quote,) = report["quotes"]
    assert quote["status"] == "edited"
    (edit,) = quote["matches"][0]["edits"]
    assert (edit["kind"], edit["article_text"], edit["cable_text"]) == (
        "ellipsis", "...", "Minister Auric")
    html = client.get(f"/trace/{report['id']}").text
    assert ('<span class="seg">Following up on reftel, Ambassador Smith met with</span>'
            '<span class="edit ellipsis" title="ellipsis: article “...” · cable “Minister Auric”">'
            ' Minister Auric </span><span class="seg">Goldfinger on March 3</span>') in html
    assert '<li><span class="kind">ellipsis</span>' in html


def _fake(n: int) -> dict:
    return {"article": {"text": f"article {n}", "source": "pasted text", "title": None},
            "corpus": {"cables": 3}, "quotes": [], "claims": []}


@pytest.mark.parametrize("read_only", [False, True])
def test_reports_kept_in_the_database_or_in_memory(tmp_path_factory: pytest.TempPathFactory,
                                                   read_only: bool) -> None:
    """A writable server keeps every report in the database and only the last few in memory;
    a read-only one keeps its own in memory (bounded, oldest dropped) and stores nothing."""
    from cablescope.web.db import Database
    from cablescope.web.reports import Reports

    db = build(tmp_path_factory.mktemp("reports") / "web.db")
    database = Database(WebConfig(db=db, read_only=read_only))
    reports = Reports(database, recent=2, unsaved=3)
    ids = [reports.put(_fake(n)) for n in range(5)]
    assert len(set(ids)) == 5 and ids[0] == reports.put(_fake(0))  # same article, same id
    kept = [reports.get(i) is not None for i in ids]
    assert kept == ([True] * 5 if not read_only else [True, False, False, True, True])
    assert all(reports.lasting(i) != read_only for i, k in zip(ids, kept, strict=True) if k)
    assert len(reports._items) == (2 if not read_only else 3)
    with database.reading() as store:
        stored = store.connection.execute("SELECT count(*) FROM trace_reports").fetchone()[0]
    assert stored == (0 if read_only else 5)
    assert reports.get("0" * 20) is None
    database.close()
