"""Browser fixtures: Debian's headless Chromium driven by Playwright, against `cablescope serve`.

Chromium comes from the system package (`apt-get install -y chromium`), never from
`playwright install`; the tests skip, saying so, only when /usr/bin/chromium is absent.
Screenshots go to artifacts/ (gitignored) for people to look at.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.request import urlopen

import pytest
from page_problems import PageProblems
from playwright.sync_api import Browser, Page, sync_playwright

from needs import skip_or_fail

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
CABLESCOPE = Path(sys.executable).parent / "cablescope"
# Two cables reporting meetings with Sarkozy (the entities issue's known answers).
ENTITY_CABLES = ("05PARIS5335", "06PARIS5975")


def extract_entities(db: Path, cables: tuple[str, ...]) -> None:
    from cablescope.entities.pipeline import Selection, extract

    extract(db, Selection(cables=cables), workers=0)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def chromium() -> Path:
    if not CHROMIUM.exists():
        skip_or_fail("headless Chromium not installed: /usr/bin/chromium is absent "
                     "(install it with `apt-get install -y chromium`)")
    return CHROMIUM


@pytest.fixture(scope="session")
def served(chromium: Path, real_db: Path, tmp_path_factory: pytest.TempPathFactory
           ) -> Iterator[str]:
    """`cablescope serve` on the real corpus, on a free loopback port; its base URL.

    It serves a copy: a writable server builds its trace index at start, entities are
    extracted from a few cables (the whole corpus would take minutes), and the shared real_db
    is read-only for tests. No token is set, so the server refuses writes.
    """
    db = tmp_path_factory.mktemp("served") / "served.db"
    shutil.copyfile(real_db, db)
    extract_entities(db, ENTITY_CABLES)
    port = _free_port()
    env = {**os.environ, "CABLESCOPE_TOKEN": ""}
    proc = subprocess.Popen(
        [str(CABLESCOPE), "serve", "--db", str(db), "--port", str(port), "--quiet"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    try:
        while True:
            if proc.poll() is not None:
                err = proc.stderr.read().decode() if proc.stderr else ""
                pytest.fail(f"cablescope serve exited with {proc.returncode}: {err[-2000:]}")
            try:
                with urlopen(base + "/api/stats", timeout=5) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("cablescope serve did not answer within 300 s")
            time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="session")
def browser(chromium: Path) -> Iterator[Browser]:
    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Browser, served: str) -> Iterator[Page]:
    """A fresh page. It fails the test on a script error, a resource the page could not load
    (a stylesheet, an icon) or one the CSP refused; an error status of the page itself is the
    test's business (the 404 page is a page), and so is a request the test's own navigation
    cancelled (`PageProblems`)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=served)
    tab = context.new_page()
    watch = PageProblems(tab)
    yield tab
    problems = watch.finish()
    context.close()
    assert not problems, problems


@pytest.fixture
def shot(page: Page) -> Callable[[str], Path]:
    """`shot(name)` saves a full-page screenshot of the page as artifacts/<name>.png."""

    def save(name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save
