"""`cablescope serve` as a process: it starts, builds the trace index when it may, answers on
loopback, and refuses to start without a database."""

from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import Request, urlopen

import pytest
from click.testing import CliRunner

from cablescope.cli import cli
from cablescope.store import Store
from web_fixtures import _cable, _record

CABLESCOPE = Path(sys.executable).parent / "cablescope"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start(db: Path, *args: str) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    proc = subprocess.Popen([str(CABLESCOPE), "serve", "--db", str(db), "--port", str(port),
                             *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
        try:
            with urlopen(base + "/api/stats", timeout=2):
                return proc, base
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise AssertionError("cablescope serve did not answer within 60 s")


@pytest.fixture
def unindexed(tmp_path: Path) -> Path:
    """A database as `ingest` leaves it: no trace index yet."""
    path = tmp_path / "fresh.db"
    cable = _cable("09TESTPOST5", "2009-05-05 10:00",
                   [(1, "C", "The delegation agreed that the fisheries accord must be signed "
                             "before the summit in June.")], subject="FISHERIES ACCORD")
    with Store.open(path) as store:
        store.add(_record(cable, "2010-11-28"), cable)
    return path


@pytest.fixture
def served(unindexed: Path) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    proc, base = _start(unindexed)
    yield proc, base
    proc.terminate()
    proc.wait(timeout=20)


def test_serve_builds_the_trace_index_and_traces(served: tuple[subprocess.Popen[bytes], str]
                                                  ) -> None:
    _, base = served
    article = (b'An official said "the fisheries accord must be signed before the summit in '
               b'June" last week.')
    request = Request(base + "/api/trace", data=article,
                      headers={"content-type": "text/plain; charset=utf-8"})
    with urlopen(request, timeout=30) as answer:
        report = json.load(answer)
    (quote,) = report["quotes"]
    assert quote["status"] in ("verbatim", "edited")
    assert quote["matches"][0]["cable_id"] == "09TESTPOST5"
    with urlopen(base + "/cable/09TESTPOST5", timeout=10) as page:
        assert page.headers["x-frame-options"] == "DENY"
        assert "server" not in {k.lower() for k in page.headers}


def test_read_only_server_says_how_to_build_the_index(unindexed: Path) -> None:
    proc, base = _start(unindexed, "--read-only", "--quiet")
    try:
        request = Request(base + "/api/trace", data=b'He said "anything at all here".',
                          headers={"content-type": "text/plain"})
        with pytest.raises(HTTPError) as failure:
            urlopen(request, timeout=30)
        assert failure.value.code == 503
        body = json.load(failure.value)
        assert "cablescope index" in body["error"]["message"]
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_serve_without_a_database_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "no database at" in result.output and "cablescope ingest" in result.output


def _stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    proc.wait(timeout=20)


def test_a_trace_link_lasts_past_a_restart(unindexed: Path) -> None:
    """The report is kept in the database: after the server is stopped and started again, and
    on a read-only server over the same file, `/trace/<id>` and `/api/trace/<id>` answer with
    it; a read-only server's own traces say their link lasts only while it runs."""
    article = (b'An official said "the fisheries accord must be signed before the summit in '
               b'June" last week.')
    proc, base = _start(unindexed, "--quiet")
    try:
        request = Request(base + "/api/trace", data=article,
                          headers={"content-type": "text/plain; charset=utf-8"})
        with urlopen(request, timeout=60) as answer:
            first = json.load(answer)
    finally:
        _stop(proc)
    report_id = first["id"]
    with sqlite3.connect(unindexed) as conn:
        rows = conn.execute("SELECT id, source, cables, json_extract(report, '$.id') FROM "
                            "trace_reports").fetchall()
    conn.close()
    assert rows == [(report_id, "pasted text", 1, report_id)]
    for args in ((), ("--read-only",)):
        proc, base = _start(unindexed, "--quiet", *args)
        try:
            with urlopen(f"{base}/api/trace/{report_id}", timeout=10) as answer:
                assert json.load(answer) == first
            with urlopen(f"{base}/trace/{report_id}", timeout=10) as page:
                html = page.read().decode()
            assert "09TESTPOST5" in html
            assert "kept in the database: the link lasts" in html
            if args:  # read-only: what it traces itself lives in its memory only
                request = Request(base + "/api/trace", data=article + b" Again.",
                                  headers={"content-type": "text/plain; charset=utf-8"})
                with urlopen(request, timeout=60) as answer:
                    own = json.load(answer)["id"]
                with urlopen(f"{base}/trace/{own}", timeout=10) as page:
                    assert "kept while the server runs" in page.read().decode()
        finally:
            _stop(proc)
    with sqlite3.connect(unindexed) as conn:  # the read-only server stored nothing
        assert conn.execute("SELECT count(*) FROM trace_reports").fetchone()[0] == 1
    conn.close()
    with pytest.raises(HTTPError) as missing:
        proc, base = _start(unindexed, "--quiet")
        try:
            urlopen(f"{base}/api/trace/{'0' * 20}", timeout=10)
        finally:
            _stop(proc)
    assert missing.value.code == 404
    assert "no report 00000000000000000000 in this database" in json.load(
        missing.value)["error"]["message"]
