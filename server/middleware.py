"""The ASGI middleware around every route: a request body size limit and the security
headers on every answer (errors and 413s included)."""

from __future__ import annotations

from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.errors import error_json

__all__ = ["BodyLimit", "SecurityHeaders", "docs_csp"]


class BodyLimit:
    """Refuse bodies over ``limit`` bytes with a JSON 413: a declared ``Content-Length``
    before reading anything, a body streamed without one as soon as it passes the limit."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", ()):
            if name != b"content-length":
                continue
            try:
                size = int(value)
            except ValueError:
                size = -1
            if size < 0:
                await error_json(400, "bad_request", "Bad Content-Length header.")(
                    scope, receive, send
                )
                return
            if size > self.limit:
                await error_json(413, "too_large", self._message())(scope, receive, send)
                return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    # An HTTPException passes FastAPI's body parsing unchanged and reaches
                    # the JSON error handler.
                    raise StarletteHTTPException(413, self._message())
            return message

        await self.app(scope, limited, send)

    def _message(self) -> str:
        return f"Request body is over the limit of {self.limit} bytes."


# -- security headers ----------------------------------------------------------------------

#: Every answer is JSON for a program, never a page to render, frame or keep.
_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"cache-control", b"no-store"),
    (b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'; base-uri 'none'"),
)
_CDN = "https://cdn.jsdelivr.net"


def docs_csp(nonce: str) -> str:
    """The /docs and /redoc pages: scripts only from the CDN FastAPI names and the page's own
    nonce, data only from this server, no framing, no forms."""
    return (f"default-src 'none'; script-src 'nonce-{nonce}' {_CDN}; connect-src 'self'; "
            f"img-src 'self' data: https://fastapi.tiangolo.com {_CDN}; worker-src blob:; "
            f"font-src https://fonts.gstatic.com; frame-ancestors 'none'; base-uri 'none'; "
            f"form-action 'none'; style-src 'unsafe-inline' {_CDN} https://fonts.googleapis.com")


class SecurityHeaders:
    """Add :data:`_HEADERS` to every HTTP answer (errors and 413s included); a header the
    route set itself (the docs pages' CSP) is kept."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(n, v) for n, v in _HEADERS if n not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)
