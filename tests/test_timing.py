"""Every entry point that reads outside input runs in time linear in it: each adversarial unit of
tests/fuzzing.py at 4 KB and at 32 KB, under a stated budget in ms per KB (CPU time of the
process that does the work, so a loaded machine's other jobs do not count), and growing no
faster than about 8 times from 1x to 8x. Budgets are generous — 5 to 30 times what a loaded
2-core machine measures (docs/reliability.md has the figures) — so only a backtracking regex or
a quadratic loop fails them; never a slow CI day.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from cablescope.web import WebConfig, create_app
from fuzzing import ENTRIES, PARSE_BOUNDED, PARSE_ENTRIES, UNITS, Entry, adversarial, seconds
from web_fixtures import build

SMALL = 4 * 1024
GROWTH = 8 * 3  # 8x the input may cost at most 24x the time (noise and caches included)
NOISE = 0.25  # s: below this at 8x, growth is not judged (timer and allocator noise)


def _judge(name: str, one: float, eight: float, budget_ms_per_kb: float,
           large: int = 8 * SMALL) -> list[str]:
    failures = []
    per_kb = eight * 1000 / (large / 1024)
    if per_kb > budget_ms_per_kb:
        failures.append(f"{name}: {per_kb:.1f} ms/KB at {large // 1024} KB "
                        f"(budget {budget_ms_per_kb:g})")
    if eight > NOISE and eight / max(one, 1e-6) > GROWTH:
        failures.append(f"{name}: 8x the input took {eight / max(one, 1e-6):.0f}x the time "
                        f"({one:.3f} s -> {eight:.3f} s)")
    return failures


@pytest.mark.parametrize("entry", [
    pytest.param(e, id=e.name, marks=pytest.mark.skipif(
        e.name in PARSE_ENTRIES and not PARSE_BOUNDED,
        reason="the parser's bounded-time fixes (tests/test_parse_bounded.py) are not merged"))
    for e in ENTRIES])
def test_entry_point_runs_in_linear_time(entry: Entry) -> None:
    failures = []
    for name, unit in UNITS.items():
        one = seconds(entry.call, adversarial(unit, SMALL))
        eight = seconds(entry.call, adversarial(unit, 8 * SMALL))
        if _judge(name, one, eight, entry.ms_per_kb):  # measure again before judging
            one = seconds(entry.call, adversarial(unit, SMALL), 3)
            eight = seconds(entry.call, adversarial(unit, 8 * SMALL), 3)
            failures += _judge(name, one, eight, entry.ms_per_kb)
    assert not failures, "\n".join(failures)


# --- the web app: every entry point that takes free text ---------------------------------------

TRACE_MS_PER_KB = 100.0  # wall time of the whole request, worker process included
REQUEST_SECONDS = 3.0  # any request with a short input (a query, an ID)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):
    db = build(tmp_path_factory.mktemp("timing") / "web.db")
    with TestClient(create_app(WebConfig(db=db, trace_seconds=120))) as client:
        assert client.post("/api/trace", json={"text": 'He said "a warm-up" today.'}
                           ).status_code == 200
        yield client


def _share_of_a_core() -> float:
    """How many times longer wall time runs than CPU time on this machine now: the trace runs in
    a worker process whose CPU time the test cannot read, and a machine running other jobs (a
    load average of 10 on 2 cores) gives it a fifth of a core."""
    return max(1.0, os.getloadavg()[0] / (os.cpu_count() or 1))


def _wall(call, *args, **kwargs) -> float:
    started = time.perf_counter()
    response = call(*args, **kwargs)
    assert response.status_code < 500, (args, response.status_code, response.text[:200])
    return time.perf_counter() - started


def test_queries_ids_and_forms_answer_in_bounded_time(client: TestClient) -> None:
    """Queries up to the API's 2,000 characters, cable IDs up to their limit, on every page and
    endpoint that takes them."""
    slow = []
    for name, unit in UNITS.items():
        for size in (250, 2000):
            text = adversarial(unit, size)
            for took, what in (
                    (_wall(client.get, "/api/search", params={"q": text}), "/api/search"),
                    (_wall(client.get, "/search", params={"q": text}), "/search"),
                    (_wall(client.get, "/api/search", params={"q": text, "exact": "true"}),
                     "/api/search exact"),
                    (_wall(client.get, "/api/entities", params={"q": text[:200]}),
                     "/api/entities"),
                    (_wall(client.get, f"/api/cables/{quote(text[:60], safe='')}"),
                     "/api/cables/{id}"),
                    (_wall(client.get, f"/cable/{quote(text[:60], safe='')}"), "/cable/{id}")):
                if took > REQUEST_SECONDS:
                    slow.append(f"{what} with {size} characters of {name}: {took:.1f} s")
    assert not slow, "\n".join(slow)


@pytest.mark.parametrize("unit", list(UNITS))
def test_trace_endpoint_runs_in_linear_time(client: TestClient, unit: str) -> None:
    base = min(_wall(client.post, "/api/trace", json={"text": 'He said "a warm-up" today.'})
               for _ in range(3))
    failures = []
    for fmt in ("text/plain", "text/markdown", "text/html"):
        found = _trace_failures(client, unit, fmt, base, 1)
        if found:  # wall time: a busy moment of the machine is measured again, best of three
            found = _trace_failures(client, unit, fmt, base, 3)
        failures += found
    assert not failures, "\n".join(failures)


def _trace_failures(client: TestClient, unit: str, fmt: str, base: float,
                    repeat: int) -> list[str]:
    times = []
    for size in (SMALL, 8 * SMALL):
        body = adversarial(UNITS[unit], size).encode("utf-8", "surrogatepass")
        times.append(min(_wall(client.post, "/api/trace", content=body,
                               headers={"content-type": fmt}) for _ in range(repeat)))
    failures = []
    per_kb = (times[1] - base) * 1000 / (8 * SMALL / 1024)
    budget = TRACE_MS_PER_KB * _share_of_a_core()
    if per_kb > budget:
        failures.append(f"{unit} as {fmt}: {per_kb:.0f} ms/KB (budget {budget:.0f}, "
                        f"load {os.getloadavg()[0]:.1f})")
    if times[1] > 1.0 and times[1] / times[0] > GROWTH:  # whole requests: no false alarm
        failures.append(f"{unit} as {fmt}: {times[0]:.2f} s -> {times[1]:.2f} s for 8x")
    return failures


def test_the_issue_request_that_froze_the_server(client: TestClient) -> None:
    """2.5 KB of Markdown: a heading whose text ends in a long space run. The article reader's
    heading pattern backtracked over it for a minute (60.7 s measured on the loaded development
    machine; the issue saw 13.7 s), blocking every other request of the server."""
    for body in ("# a" + " " * 2500 + "b\n",
                 "# a" + " " * 800 + "b\n" + "*a " * 300 + "<a " * 250):
        assert 2000 < len(body) < 3000
        took = _wall(client.post, "/api/trace", content=body.encode(),
                     headers={"content-type": "text/markdown"})
        assert took < 5


def test_readers_skip_nothing_they_must_time(tmp_path: Path) -> None:
    """The timing harness covers every reader the corpus opener dispatches to."""
    from cablescope.sources import FORMATS

    covered = {e.name for e in ENTRIES}
    assert {"sources: WikiLeaks page", "sources: cables.csv", "sources: plain-text cable"} <= \
        covered and set(FORMATS) == {"html", "csv", "text"}
