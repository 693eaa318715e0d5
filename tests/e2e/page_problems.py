"""The failure check of every browser test: what went wrong on a page, minus what the test
itself caused (see `PageProblems`)."""

from __future__ import annotations

from playwright.sync_api import ConsoleMessage, Page, Request


class PageProblems:
    """What went wrong on a page, as the browser reports it, minus what the test itself caused.

    A request still in flight when the test navigates away (a favicon, a stylesheet of the page
    being left) is aborted by the browser with `net::ERR_ABORTED`: the page no longer needs it,
    so that is no failure. Only such aborts are forgiven: an abort with no main-frame navigation
    started after the request, or any other failure, is a problem; so is everything that
    happens before the test ends (events after it, while the context closes, are not looked at).
    """

    ABORTED = "net::ERR_ABORTED"

    def __init__(self, tab: Page) -> None:
        self.tab = tab
        self.problems: list[str] = []
        self.forgiven: list[str] = []
        self._clock = 0
        self._issued: dict[Request, int] = {}  # when each request was issued
        self._navigations: list[int] = []  # when each main-frame navigation was issued
        self._aborted: list[tuple[int, str]] = []  # (issued, url) of ERR_ABORTED requests
        self.closed = False
        tab.on("pageerror", lambda exc: self._add(f"page error: {exc}"))
        tab.on("console", self._console)
        tab.on("request", self._request)
        tab.on("response", lambda r: self._add(f"{r.status} {r.url}")
               if r.status >= 400 and r.request.resource_type != "document" else None)
        tab.on("requestfailed", self._failed)

    def _tick(self) -> int:
        self._clock += 1
        return self._clock

    def _add(self, problem: str) -> None:
        if not self.closed:
            self.problems.append(problem)

    def _console(self, msg: ConsoleMessage) -> None:
        if msg.type == "error" and not msg.text.startswith("Failed to load resource"):
            self._add(f"console: {msg.text}")

    def _request(self, request: Request) -> None:
        now = self._tick()
        self._issued[request] = now
        if request.is_navigation_request() and request.frame == self.tab.main_frame:
            self._navigations.append(now)

    def _failed(self, request: Request) -> None:
        if self.closed:
            return
        failure = request.failure or "failed"
        issued = self._issued.get(request, self._tick())
        if failure == self.ABORTED and not request.is_navigation_request():
            self._aborted.append((issued, request.url))  # judged at the end
        else:
            self.problems.append(f"failed ({failure}): {request.url}")

    def finish(self) -> list[str]:
        """The problems, once the test is done: an abort counts unless a navigation of the
        page started after its request was issued."""
        self.closed = True
        for issued, url in self._aborted:
            if any(started > issued for started in self._navigations):
                self.forgiven.append(url)
            else:
                self.problems.append(f"failed ({self.ABORTED}): {url}")
        return self.problems
