"""What every route module shares: the running server's state, the signed-in caller as a
FastAPI dependency, the JSON answer class and the error answers the schema documents."""

# No ``from __future__ import annotations``: FastAPI reads these annotations at run time.
from dataclasses import dataclass
from typing import Annotated, Any

import orjson
from fastapi import Depends, Request
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from server import announce, auth
from server.auth import Principal
from server.config import Settings
from server.database import Database, meta_get
from server.errors import ApiError, ErrorResponse

__all__ = ["API", "ERRORS", "Caller", "FastJSON", "Server", "client_address", "dumps"]

API = "/api/v1"

#: The error answers every route may give, documented with their body in the schema.
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorResponse} for code in (400, 401, 403, 404, 410, 413, 422, 429)
}


def dumps(data: Any) -> bytes:
    """JSON bytes through orjson (much faster than the standard library for big pull pages)."""
    return orjson.dumps(data)


class FastJSON(JSONResponse):
    """JSON through orjson. A JSONResponse subclass, so that FastAPI documents each route's
    response model in the OpenAPI schema (for any other class it writes 'string')."""

    def render(self, content: Any) -> bytes:
        return dumps(content)


@dataclass(frozen=True)
class Server:
    """What the routes of one application work with: its database, settings, the announcer
    that wakes long-polls, and the server epoch read per request."""

    db: Database
    settings: Settings
    announcer: announce.Announcer

    def current_epoch(self, conn: Any = None) -> str:
        """Read per request (stateless: ``new-epoch`` on a running cluster takes effect at
        once in every process)."""
        if conn is not None:
            return meta_get(conn, "server_epoch") or ""
        with self.db.read.connect() as own:
            return meta_get(own, "server_epoch") or ""


_bearer = HTTPBearer(auto_error=False)


def principal_of(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    """The caller of a route, from its bearer token (401 without a valid one)."""
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise ApiError(401, "unauthorized", "Sign in first (Authorization: Bearer <token>).",
                       headers={"WWW-Authenticate": "Bearer"})
    state = request.app.state
    with state.database.read.connect() as conn:
        return auth.authenticate(conn, state.settings, credentials.credentials)


#: A route's signed-in caller.
Caller = Annotated[Principal, Depends(principal_of)]


def client_address(request: Request) -> str | None:
    """The client's address (behind a reverse proxy: from ``X-Forwarded-For`` as uvicorn
    trusts it, see docs/production.md)."""
    return request.client.host if request.client else None

