"""The browser tests' own failure check (`PageProblems`): a request the test's navigation
cancelled is forgiven, every other failed request still fails the test.

Pages here are served by Playwright's routing (no server), so the timing is the test's: a request
is held unanswered until the test navigates away, as a slow favicon is in real runs.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from page_problems import PageProblems
from playwright.sync_api import Browser, Page, Route

pytestmark = [pytest.mark.slow]

SITE = "http://harness.test"
PAGE = b"<!doctype html><title>a</title><p>page</p>"


@pytest.fixture
def tab(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    held: list[Route] = []

    def serve(route: Route) -> None:
        path = route.request.url.removeprefix(SITE)
        if path.startswith("/held"):
            held.append(route)  # never answered: only a navigation ends it
        elif path == "/broken.css":
            route.abort()  # a resource the page needs and cannot get
        elif path == "/cut.css":
            route.abort("aborted")  # aborted, but no navigation caused it
        else:
            route.fulfill(status=200, content_type="text/html", body=PAGE)

    context.route(f"{SITE}/**", serve)
    page = context.new_page()
    yield page
    context.close()


def _load(page: Page, resource: str) -> None:
    """After load, the page asks for `resource` (as a browser asks for a favicon)."""
    page.evaluate("url => { const i = new Image(); i.src = url; document.body.append(i); }",
                  f"{SITE}{resource}")


def test_a_request_cancelled_by_the_next_navigation_is_forgiven(tab: Page) -> None:
    watch = PageProblems(tab)
    tab.goto(f"{SITE}/first")
    with tab.expect_request(f"{SITE}/held.svg"):
        _load(tab, "/held.svg")
    with tab.expect_event("requestfailed") as failed:
        tab.goto(f"{SITE}/second")
    assert failed.value.failure == PageProblems.ABORTED
    assert watch.finish() == []
    assert watch.forgiven == [f"{SITE}/held.svg"]


def test_a_resource_that_fails_is_still_a_problem(tab: Page) -> None:
    watch = PageProblems(tab)
    tab.goto(f"{SITE}/first")
    with tab.expect_event("requestfailed"):
        _load(tab, "/broken.css")
    tab.goto(f"{SITE}/second")  # a later navigation does not excuse a failure that is no abort
    problems = watch.finish()
    assert len(problems) == 1 and problems[0].endswith(f"{SITE}/broken.css"), problems
    assert "ERR_FAILED" in problems[0]


def test_an_abort_no_navigation_caused_is_still_a_problem(tab: Page) -> None:
    watch = PageProblems(tab)
    tab.goto(f"{SITE}/first")
    with tab.expect_event("requestfailed"):
        _load(tab, "/cut.css")
    problems = watch.finish()
    assert problems == [f"failed ({PageProblems.ABORTED}): {SITE}/cut.css"]
    assert watch.forgiven == []
