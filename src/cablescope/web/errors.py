"""Errors as people expect them: one JSON shape under /api, a readable page elsewhere, no traces.

JSON errors are `{"error": {"status": int, "message": str, ...}}`; a query error adds `query` and
`position`, a missing cable adds `search` (a link to search for it instead).
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.types import Scope

from cablescope.errors import CablescopeError, QueryError, StoreError
from cablescope.web.render import render

log = logging.getLogger("cablescope.web")

TITLES = {400: "Bad request", 401: "Token needed", 403: "Not allowed", 404: "Not found",
          405: "Method not allowed", 413: "Too large", 422: "Unprocessable",
          500: "Internal error", 503: "Not available"}


class NotFound(HTTPException):
    """A missing cable, version or entity; `extra` says where to look instead (`search`: a
    search link, `suggestions`: look-alike IDs), in the page and in the JSON error."""

    def __init__(self, message: str, **extra: Any) -> None:
        super().__init__(404, message)
        self.extra = {k: v for k, v in extra.items() if v}


class Unprocessable(HTTPException):
    """A well-formed request whose content could not be used at all (an upload with no cable
    in it): 422, with what was done (`extra`) in the JSON error."""

    def __init__(self, message: str, **extra: Any) -> None:
        super().__init__(422, message)
        self.extra = extra


class BadRequest(HTTPException):
    """Input the endpoint cannot use, with a message that names what and where."""

    def __init__(self, message: str) -> None:
        super().__init__(400, message)


def wants_json(scope: Scope) -> bool:
    """API paths answer in JSON; everything else is a page."""
    path: str = scope.get("path", "")
    return path.startswith("/api/") or path == "/api" or path.endswith(".json")


def error_response(scope: Scope, status: int, message: str, **extra: Any) -> Response:
    """The one way an error leaves the app."""
    if wants_json(scope):
        body = {"error": {"status": status, "message": message, **extra}}
        return JSONResponse(body, status_code=status)
    from cablescope.web.features import features

    html = render("error.html", status=status, title=TITLES.get(status, "Error"),
                  message=message, extra=extra, features=features(),
                  q=extra.get("query") or "")  # the search box keeps a query to fix
    return HTMLResponse(html, status_code=status)


def unexpected_response(scope: Scope) -> Response:
    """What a bug looks like from outside: a 500 without any detail (the log has the trace)."""
    log.exception("unexpected error on %s", scope.get("path", ""))
    return error_response(scope, 500, "internal error: the server log has the details")


def install(app: FastAPI) -> None:
    """Register the handlers that turn every failure into `error_response`."""

    @app.exception_handler(QueryError)
    async def query_error(request: Request, exc: QueryError) -> Response:
        message = str(exc).split("\n", 1)[0]
        return error_response(request.scope, 400, message, query=exc.query,
                              position=exc.position)

    try:
        from cablescope.trace.index import IndexMissing
    except ImportError:  # the trace layer is optional
        pass
    else:

        @app.exception_handler(IndexMissing)
        async def index_missing(request: Request, exc: IndexMissing) -> Response:
            return error_response(request.scope, 503, str(exc))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        log.warning("database unavailable on %s: %s", request.url.path, exc)
        return error_response(request.scope, 503, f"the database is not available: {exc}")

    @app.exception_handler(CablescopeError)
    async def cablescope_error(request: Request, exc: CablescopeError) -> Response:
        return error_response(request.scope, 400, str(exc))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        extra: dict[str, Any] = exc.extra if isinstance(exc, NotFound | Unprocessable) else {}
        message = str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing here: {request.url.path}"
        response = error_response(request.scope, exc.status_code, message, **extra)
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        problems = [
            {"where": ".".join(str(p) for p in err.get("loc", ())),
             "message": str(err.get("msg", "invalid"))}
            for err in exc.errors()
        ]
        summary = "; ".join(f"{p['where']}: {p['message']}" for p in problems)
        return error_response(request.scope, 400, f"invalid request: {summary}",
                              problems=problems)
