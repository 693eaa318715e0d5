"""Entity pages and API on the hostile corpus after a real extraction (spaCy, offline)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from cablescope.web import WebConfig, create_app
from web_fixtures import build


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from cablescope.entities.pipeline import extract

    path = build(tmp_path_factory.mktemp("entities") / "web.db")
    extract(path, workers=0)
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(WebConfig(db=db))) as c:
        yield c


def entity_id(client: TestClient, name: str) -> int:
    return int(client.get("/api/entities/find", params={"name": name}).json()["id"])


def test_list_and_find(client: TestClient) -> None:
    people = client.get("/api/entities", params={"type": "person"}).json()
    assert {"Auric Goldfinger", "Smith"} <= {e["name"] for e in people}
    assert all(e["type"] == "person" for e in people)
    found = client.get("/api/entities/find", params={"name": "goldfinger"}).json()
    assert found["name"] == "Auric Goldfinger"
    missing = client.get("/api/entities/find", params={"name": "Oddjob"})
    assert missing.status_code == 404


def test_dossier_has_the_meeting_and_the_quote(client: TestClient) -> None:
    d = client.get(f"/api/entities/{entity_id(client, 'Goldfinger')}").json()
    assert d["cables"] == 1
    (meeting,) = d["meetings"]
    assert (meeting["date"], meeting["address"]) == ("2009-03-03", "09TESTPOST2¶1")
    assert {p["name"] for p in meeting["participants"]} == {"Smith", "Auric Goldfinger"}
    assert [q["text"] for q in d["quotes"]] == ["the tariffs will fall next year."]
    assert [(m["month"], m["meetings"], m["quotes"]) for m in d["timeline"]] == [
        ("2009-03", 1, 0), ("2009-04", 0, 1)]


def test_network_links_who_met_whom(client: TestClient) -> None:
    gid, sid = entity_id(client, "Goldfinger"), entity_id(client, "Smith")
    net = client.get(f"/api/entities/{gid}/graph").json()
    assert net["center"] == f"e{gid}"
    assert [({x["source"], x["target"]}, x["weight"]) for x in net["links"]] == [
        ({f"e{gid}", f"e{sid}"}, 1)]
    page = client.get(f"/entity/{gid}").text
    assert "Who met whom" in page
    assert f'<a href="/entity/{sid}" class="node">' in page
    assert '<a href="/cable/09TESTPOST2#p1">09TESTPOST2¶1</a>' in page


def test_entity_by_name_redirects_and_unknown_id_is_a_404(client: TestClient) -> None:
    r = client.get("/entity", params={"name": "Goldfinger"}, follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == f"/entity/{entity_id(client, 'Goldfinger')}"
    assert client.get("/api/entities/999999").status_code == 404
    assert client.get("/entity/999999").status_code == 404
    assert client.get("/api/entities/abc").status_code == 404


def test_cable_page_links_mentions_to_their_entities(client: TestClient) -> None:
    gid = entity_id(client, "Goldfinger")
    html = client.get("/cable/09TESTPOST2").text
    assert (f'<a href="/entity/{gid}" class="entity person" title="Auric Goldfinger">'
            in html)
    earlier = client.get("/cable/09TESTPOST2", params={"version": 1}).text
    assert 'class="entity' not in earlier  # mentions belong to the current version


def test_entities_page_lists_and_filters(client: TestClient) -> None:
    html = client.get("/entities", params={"q": "gold"}).text
    assert '>Auric Goldfinger</a>' in html and ">Smith</a>" not in html


def test_without_extraction_the_pages_say_what_to_run(tmp_path: Path) -> None:
    with TestClient(create_app(WebConfig(db=build(tmp_path / "bare.db")))) as bare:
        r = bare.get("/api/entities")
        assert r.status_code == 404
        assert "cablescope entities extract" in r.json()["error"]["message"]
        assert 'class="entity' not in bare.get("/cable/09TESTPOST2").text


TOKEN = "entity-token"


@pytest.fixture
def writer(db: Path, tmp_path: Path) -> Iterator[TestClient]:
    """A server with writes enabled, over a copy of the extracted database."""
    copy = tmp_path / "copy.db"
    shutil.copyfile(db, copy)
    with TestClient(create_app(WebConfig(db=copy, token=TOKEN))) as c:
        c.headers["Authorization"] = f"Bearer {TOKEN}"
        yield c


def test_merge_is_applied_and_explained(writer: TestClient) -> None:
    r = writer.post("/api/entities/merge",
                    json={"names": ["Smith", "Auric Goldfinger"], "note": "test"})
    assert r.status_code == 200, r.text
    result = r.json()
    assert {a["alias"] for a in result["merged_from"]} >= {"Smith", "Auric Goldfinger"}
    merged = writer.get("/api/entities/find", params={"name": "Smith"}).json()
    assert merged["id"] == result["entity"]["id"]
    assert writer.get("/api/entities/find", params={"name": "Goldfinger"}).json()["id"] == \
        merged["id"]


def test_reject_drops_the_mentions(writer: TestClient) -> None:
    r = writer.post("/api/entities/reject", json={"name": "Blofeld Ernst", "type": "person"})
    assert r.status_code == 200, r.text
    assert r.json()["mentions_dropped"] == 2
    assert writer.get("/api/entities/find", params={"name": "Blofeld"}).status_code == 404


def test_merging_a_person_with_an_organisation_is_refused(writer: TestClient) -> None:
    r = writer.post("/api/entities/merge", json={"names": ["Smith", "Embassy Testpost"]})
    assert r.status_code == 400
    assert "not merged" in r.json()["error"]["message"]


def test_entity_writes_need_the_token(db: Path) -> None:
    body = {"name": "Blofeld Ernst"}
    with TestClient(create_app(WebConfig(db=db, token=TOKEN))) as c:
        assert c.post("/api/entities/reject", json=body).status_code == 401
        bad = c.post("/api/entities/reject", json=body, headers={"Authorization": "Bearer x"})
        assert bad.status_code == 401
        malformed = c.post("/api/entities/merge", json={"names": ["only one"]},
                           headers={"Authorization": f"Bearer {TOKEN}"})
        assert malformed.status_code == 400
    with TestClient(create_app(WebConfig(db=db, token=TOKEN, read_only=True))) as ro:
        r = ro.post("/api/entities/reject", json=body,
                    headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 403
    with TestClient(create_app(WebConfig(db=db))) as c:
        assert c.get("/api/entities/find", params={"name": "Blofeld"}).status_code == 200
