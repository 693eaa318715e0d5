"""Writes need a token and a writable server; readers keep reading while a writer writes."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from cablescope.store import Store
from cablescope.web import WebConfig, create_app
from web_fixtures import _cable, _record, build

TOKEN = "s3cret-token-for-tests"
UPLOAD = (b"UNCLAS TESTPOST 000003\n\nSUBJECT: UPLOADED <b>CABLE</b>\n\n"
          b"1. (U) An uploaded paragraph about the fisheries accord that the delegation "
          b"signed in Reykjavik last June.\n")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return build(tmp_path / "web.db")


def client_for(db: Path, **settings: object) -> TestClient:
    return TestClient(create_app(WebConfig(db=db, **settings)))  # type: ignore[arg-type]


def ingest(client: TestClient, name: str = "09TESTPOST3.txt", token: str | None = TOKEN,
           data: bytes = UPLOAD):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post("/api/ingest", files={"file": (name, data, "text/plain")},
                       headers=headers)


def test_ingest_with_the_token_adds_the_cable(db: Path) -> None:
    article = {"text": 'She said "the fisheries accord that the delegation signed in Reykjavik '
                       'last June" was final.'}
    with client_for(db, token=TOKEN) as client:
        before = client.post("/api/trace", json=article).json()
        assert before["quotes"][0]["status"] == "unmatched"
        r = ingest(client)
        assert r.status_code == 200, r.text
        assert (r.json()["new_cables"], r.json()["source"]) == (1, "09TESTPOST3.txt")
        cable = client.get("/api/cables/09TESTPOST3").json()
        assert cable["subject"] == "UPLOADED <b>CABLE</b>"
        assert client.get("/api/stats").json()["cables"] == 4
        again = ingest(client).json()
        assert (again["new_cables"], again["unchanged"]) == (0, 1)
        page = client.get("/cable/09TESTPOST3").text
        assert "UPLOADED &lt;b&gt;CABLE&lt;/b&gt;" in page
        traced = client.post("/api/trace", json=article).json()
        assert traced["quotes"][0]["matches"][0]["cable_id"] == "09TESTPOST3"
        assert traced["corpus"]["cables"] == 4


def test_writes_are_refused_without_a_token_configured(db: Path) -> None:
    with client_for(db) as client:
        r = ingest(client)
        assert r.status_code == 403
        assert "--token" in r.json()["error"]["message"]


def test_wrong_or_missing_token_is_a_401(db: Path) -> None:
    with client_for(db, token=TOKEN) as client:
        for token in (None, "wrong", TOKEN + "x"):
            r = ingest(client, token=token)
            assert r.status_code == 401, token
            assert r.headers["www-authenticate"] == "Bearer"
        r = client.post("/api/ingest", files={"file": ("a.txt", UPLOAD, "text/plain")},
                        headers={"Authorization": f"Basic {TOKEN}"})
        assert r.status_code == 401
        assert client.get("/api/stats").json()["cables"] == 3


def test_read_only_refuses_even_with_the_token(db: Path) -> None:
    with client_for(db, token=TOKEN, read_only=True) as client:
        r = ingest(client)
        assert r.status_code == 403
        assert "read-only" in r.json()["error"]["message"]
        assert client.get("/api/stats").json()["cables"] == 3


def test_uploaded_file_names_cannot_reach_the_file_system(db: Path, tmp_path: Path) -> None:
    with client_for(db, token=TOKEN) as client:
        r = ingest(client, name="../../../../tmp/09TESTPOST3.txt")
        assert r.status_code == 200
        assert client.get("/api/cables/09TESTPOST3").status_code == 200
        bad = ingest(client, name="../../etc/passwd")
        assert bad.status_code == 400
        assert "ending in" in bad.json()["error"]["message"]
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("web.db")) == []


def test_ingest_upload_over_the_limit_is_a_413_before_reading(db: Path) -> None:
    with client_for(db, token=TOKEN, max_ingest=1024) as client:
        r = ingest(client, data=UPLOAD * 100)
        assert r.status_code == 413
        assert "1 KiB" in r.json()["error"]["message"]


def test_readers_answer_while_a_writer_commits(db: Path) -> None:
    """A writer commits cable after cable in another connection; every read succeeds and sees
    a consistent, growing corpus."""
    stop = threading.Event()
    written: list[int] = []

    def writer() -> None:
        with Store.open(db) as store:
            for n in range(100, 400):
                if stop.is_set():
                    break
                cable = _cable(f"11WRITER{n}", "2011-01-01 00:00",
                               [(1, "U", f"Paragraph {n} about tariffs.")], subject=f"W{n}")
                store.add(_record(cable, "2011-02-01"), cable)
                written.append(n)

    with client_for(db, read_only=True) as client:
        thread = threading.Thread(target=writer)
        thread.start()
        counts = []
        try:
            for _ in range(60):
                stats = client.get("/api/stats")
                search = client.get("/api/search", params={"q": "tariffs", "facets": ""})
                cable = client.get("/api/cables/09TESTPOST1")
                assert (stats.status_code, search.status_code, cable.status_code) == (
                    200, 200, 200)
                counts.append(stats.json()["cables"])
        finally:
            stop.set()
            thread.join()
    assert counts == sorted(counts) and counts[-1] > 3
    assert written


def test_an_upload_with_no_cable_is_a_422_naming_it(db: Path) -> None:
    """It was a 200 whose summary said 0 cables (the CLI exits 1 on the same file), and its
    problem was recorded under the server's temporary path."""
    with client_for(db, token=TOKEN) as client:
        r = ingest(client, name="notes.html", data=b"<html><body><p>no cable</p></body></html>")
        assert r.status_code == 422, r.text
        error = r.json()["error"]
        assert error["message"].startswith("notes.html: no cable found in it (1 problem")
        assert error["summary"]["problems"] == 1 and error["summary"]["new_cables"] == 0
        assert client.get("/api/stats").json()["cables"] == 3
    with Store.open(db, readonly=True) as store:
        sources = [p["source"] for p in store.stats()["problems"]["items"]]
    assert sources == ["notes.html"]


def test_a_damaged_upload_keeps_what_was_read_and_names_the_upload(db: Path) -> None:
    """A tar cut short: the cables before the cut are stored (200), `errors` says where it
    broke, and sources name the upload, not the temporary path it was saved under."""
    import io
    import tarfile

    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        for name in ("09TESTPOST3.txt", "09TESTPOST4.txt"):
            data = UPLOAD.replace(b"000003", name[11:12].encode().rjust(6, b"0"))
            info = tarfile.TarInfo(f"cables/{name}")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    whole = buffer.getvalue()
    with client_for(db, token=TOKEN) as client:
        r = ingest(client, name="two.tar", data=whole[:1024 + 512 + 100])
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["new_cables"] == 1
        assert body["errors"] == [body["failed"]]
        assert body["failed"].startswith("two.tar!cables/09TESTPOST4.txt: damaged archive")
        version = client.get("/api/cables/09TESTPOST3/versions").json()[0]
    assert version["source"] == "two.tar!cables/09TESTPOST3.txt"
