"""Safe-by-default HTTP: security headers on every response, bounded request bodies, write tokens.

Both middlewares are plain ASGI so they also cover responses Starlette makes itself (404s for
unknown routes, static files) and bodies read as a stream without a Content-Length.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from cablescope.web.config import WebConfig

# No inline script or style anywhere: pages load only the app's own files. Inline SVG charts use
# presentation attributes, which CSP does not count as inline style.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)

SECURITY_HEADERS: list[tuple[bytes, bytes]] = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]


class SecurityHeaders:
    """Adds SECURITY_HEADERS to every HTTP response that does not set them itself, and turns an
    exception that escaped every handler into a plain 500 (never a traceback)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers.extend(h for h in SECURITY_HEADERS if h[0] not in present)
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            if started:
                raise
            from cablescope.web.errors import unexpected_response

            await unexpected_response(scope)(scope, receive, send_with_headers)


class BodyTooLarge(HTTPException):
    """A request body over the limit for its path: becomes a 413 with the limit in the message."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body too large: the limit here is {_size(limit)}")
        self.limit = limit


def _size(n: int) -> str:
    """1048576 -> '1 MiB', 100000 -> '97.7 KiB'."""
    for unit, size in (("MiB", 1024 * 1024), ("KiB", 1024)):
        if n >= size:
            return f"{n / size:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n} bytes"


class BodyLimit:
    """Refuses bodies over `limit_for(path)` bytes: at once from Content-Length, else while
    streaming (the BodyTooLarge raised from `receive` reaches the app's 413 handler)."""

    def __init__(self, app: ASGIApp, limit_for: Callable[[str], int]) -> None:
        self.app = app
        self.limit_for = limit_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope.get("path", ""))
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await _refuse(scope, send, BodyTooLarge(limit))
            return
        seen = 0

        async def counted_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge(limit)
            return message

        await self.app(scope, counted_receive, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name.lower() == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _refuse(scope: Scope, send: Send, exc: BodyTooLarge) -> None:
    """A 413 sent before the app runs, in the shape of every other error."""
    from cablescope.web.errors import error_response

    response = error_response(scope, exc.status_code, str(exc.detail))
    await response(scope, _drain_nothing, send)


async def _drain_nothing() -> Message:  # pragma: no cover - responses never read the body
    return {"type": "http.disconnect"}


def token_ok(config: WebConfig, authorization: str | None) -> bool:
    """True when `Authorization: Bearer <token>` matches the configured token (constant time)."""
    if not config.token or not authorization:
        return False
    scheme, _, given = authorization.partition(" ")
    if scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(given.strip().encode(), config.token.encode())


def write_refusal(config: WebConfig, authorization: str | None) -> tuple[int, str] | None:
    """Why a write must be refused (status, message), or None when it may go ahead."""
    if config.read_only:
        return 403, "this server is read-only (started with --read-only): writes are disabled"
    if not config.token:
        return 403, "writes are disabled: start the server with --token or $CABLESCOPE_TOKEN"
    if not token_ok(config, authorization):
        return 401, "a write needs the header `Authorization: Bearer <token>`"
    return None
