"""The FastAPI application: ``create_app(settings)``.

Stateless: every request reads what it needs (token, scope, positions) from the database,
so any number of processes can serve one database.
"""


import json
import logging
import secrets
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Path, Query, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from billing.mutations import MutationKind
from billing.roles import Role
from server import (
    announce,
    auth,
    cursors,
    day_closes,
    kiosk,
    pull,
    push,
    redaction,
    reversal_requests,
    reversals,
    rows,
)
from server.auth import Principal
from server.config import Settings
from server.database import Database, meta_get, open_database, server_epoch
from server.errors import ApiError, ErrorResponse, error_json, install_error_handlers
from server.scopes import account_in_scope

try:  # orjson is much faster for big pull pages; the standard library is the fallback
    import orjson

    def _dumps(data: Any) -> bytes:
        return orjson.dumps(data)
except ImportError:  # pragma: no cover

    def _dumps(data: Any) -> bytes:
        return json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode()


log = logging.getLogger(__name__)

API = "/api/v1"
MAX_INT = 2**62  # ids and versions fit a signed 64-bit column with room to spare


class FastJSON(JSONResponse):
    """JSON through orjson. A JSONResponse subclass, so that FastAPI documents each route's
    response model in the OpenAPI schema (for any other class it writes 'string')."""

    def render(self, content: Any) -> bytes:
        return _dumps(content)


# -- models (the OpenAPI schema) -----------------------------------------------------------


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


NO_NUL = r"^[^\x00]*$"  # PostgreSQL text cannot hold NUL: refuse it as bad input
#: What server.auth.normalise_device_code accepts: 2 to 12 letters or digits (spaces around
#: are trimmed), declared so the schema tells clients before the server refuses.
DEVICE_CODE = r"^\s*[A-Za-z0-9]{2,12}\s*$"


class SignIn(Strict):
    username: StrictStr = Field(min_length=1, max_length=64, pattern=NO_NUL)
    password: StrictStr = Field(min_length=1, max_length=256, pattern=NO_NUL)
    device_code: StrictStr | None = Field(default=None, max_length=16, pattern=DEVICE_CODE)


class DeviceSignIn(Strict):
    device_code: StrictStr = Field(min_length=2, max_length=16, pattern=DEVICE_CODE)
    device_secret: StrictStr = Field(min_length=1, max_length=256, pattern=NO_NUL)


class LimitsOut(BaseModel):
    """billing.limits.Limits: what this server accepts; clients apply the same."""

    max_comment_chars: int
    max_payment_paise: int


class Health(BaseModel):
    status: str
    server_epoch: str
    limits: LimitsOut


class UserOut(BaseModel):
    username: str
    display_name: str
    role: Role
    branch_id: int | None
    reseller_id: int | None


class SignedIn(BaseModel):
    token: str
    expires_at: int
    user: UserOut
    server_epoch: str
    business_zone: str
    currency: str
    device_code: str | None
    limits: LimitsOut


class Change(BaseModel):
    table: str
    op: Literal["upsert", "delete"]
    row: dict[str, Any] | None = None
    key: dict[str, Any] | None = None


class PullPage(BaseModel):
    changes: list[Change]
    cursor: str
    has_more: bool
    server_epoch: str


class WaitOut(BaseModel):
    changed: bool


class MutationIn(Strict):
    mutation_id: StrictStr = Field(min_length=1, max_length=64, pattern=r"^[!-~]+$")
    #: Dropped from the protocol (docs/sync-api.md "No per-device counter"): accepted from
    #: older desks and ignored.
    seq: StrictInt | None = Field(default=None, ge=0, le=MAX_INT, deprecated=True)
    kind: MutationKind
    #: None only for a ``day_close`` (a branch's report, no account).
    account_id: StrictInt | None = Field(default=None, ge=1, le=MAX_INT)
    base_version: StrictInt | None = Field(default=None, ge=0, le=MAX_INT)
    payload: dict[str, Any]


class ApproveIn(Strict):
    payment_uuid: StrictStr = Field(min_length=1, max_length=36)
    username: StrictStr = Field(min_length=1, max_length=64)
    password: StrictStr = Field(min_length=1, max_length=256)


class PushIn(Strict):
    device_code: StrictStr | None = Field(default=None, max_length=16, pattern=DEVICE_CODE)
    mutations: list[MutationIn] = Field(max_length=2000)


class PaymentAnswer(BaseModel):
    document_number: str
    balance_after_paise: int
    receipt_number: str


class MutationResult(BaseModel):
    model_config = ConfigDict(extra="allow")
    mutation_id: str
    status: Literal["applied", "duplicate", "rejected", "conflict"]
    error: dict[str, str] | None = None
    current: dict[str, Any] | None = None
    payment: PaymentAnswer | None = None
    conflicts: list[str] | None = None
    account_version: int | None = None


class PushOut(BaseModel):
    results: list[MutationResult]
    server_epoch: str


class KioskAccount(BaseModel):
    account_id: int
    name: str | None
    mobile: str | None
    prepaid: bool
    status: str
    balance_paise: int
    options: list[str]
    plan: dict[str, Any] | None
    plan_expiry: str | None
    branch_id: int
    version: int


class DayCloseOut(BaseModel):
    """One cash session's close as head office keeps it (server/day_closes.py)."""

    close_id: str
    branch_id: int | None
    branch_name: str | None
    branch_code: str | None
    device_code: str | None
    cashier: str
    reported_by: str
    session_id: int
    opened_at: str
    closed_at: str
    business_date: str
    received_at: str
    expected_paise: int
    counted_paise: int
    difference_paise: int
    payment_count: int
    unsynced_at_close: int
    report: dict[str, Any]


class DayCloseTotals(BaseModel):
    closes: int
    expected_paise: int
    counted_paise: int
    difference_paise: int
    payment_count: int
    unsynced_at_close: int


class DayClosesOut(BaseModel):
    closes: list[DayCloseOut]
    has_more: bool
    totals: DayCloseTotals


class DemoUser(BaseModel):
    username: str
    password: str
    role: Role
    display_name: str
    branch_id: int | None
    kind: Literal["user", "device"]


_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorResponse} for code in (400, 401, 403, 404, 410, 413, 422, 429)
}


# -- request size limit --------------------------------------------------------------------


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


# -- the app -------------------------------------------------------------------------------


_BOUNDS = ("maximum", "minimum", "exclusiveMaximum", "exclusiveMinimum", "multipleOf")


def _integral_bounds(node: Any) -> None:
    """FastAPI's OpenAPI models type bounds as float, so 2**62 was published as
    4.611686018427388e+18 (not the limit, and not an integer): put whole numbers back."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in _BOUNDS and isinstance(value, float) and value.is_integer():
                node[key] = int(value)
            else:
                _integral_bounds(value)
    elif isinstance(node, list):
        for item in node:
            _integral_bounds(item)


def _docs_pages(app: FastAPI) -> None:
    """/docs and /redoc (only with ``--api-docs``), each with a fresh script nonce."""
    from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html

    def page(html: str) -> HTMLResponse:
        nonce = secrets.token_urlsafe(16)
        body = html.replace("<script", f'<script nonce="{nonce}"')
        return HTMLResponse(body, headers={"Content-Security-Policy": docs_csp(nonce)})

    @app.get("/docs", include_in_schema=False)
    def swagger() -> HTMLResponse:
        html = get_swagger_ui_html(openapi_url="/openapi.json",
                                   title=f"{app.title} - Swagger UI")
        return page(bytes(html.body).decode())

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        html = get_redoc_html(openapi_url="/openapi.json", title=f"{app.title} - ReDoc")
        return page(bytes(html.body).decode())


def _client(request: Request) -> str | None:
    """The client's address (behind a reverse proxy: from ``X-Forwarded-For`` as uvicorn
    trusts it, see docs/production.md)."""
    return request.client.host if request.client else None


def create_app(settings: Settings, database: Database | None = None) -> FastAPI:
    """The server application over ``settings.db_url`` (migrated on start)."""
    db = database or open_database(settings.db_url)
    with db.write.begin() as conn:
        server_epoch(conn)  # made on first start
        cursors.ensure_key(conn)

    def current_epoch(conn: Any = None) -> str:
        """Read per request (stateless: ``new-epoch`` on a running cluster takes effect at
        once in every process)."""
        if conn is not None:
            return meta_get(conn, "server_epoch") or ""
        with db.read.connect() as own:
            return meta_get(own, "server_epoch") or ""
    stop = threading.Event()
    announcer = announce.Announcer()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        worker = None
        if settings.lifecycle_interval_seconds > 0:
            from server.lifecycle_job import run_periodically

            worker = threading.Thread(
                target=run_periodically,
                args=(db, settings, stop),
                name="lifecycle-job",
                daemon=True,
            )
            worker.start()
        try:
            yield
        finally:
            stop.set()
            announcer.closing.set()
            if worker is not None:
                worker.join(timeout=30)

    app = FastAPI(
        title="Terabyte Partner Portal server",
        version="1",
        summary="Sign-in, scoped delta pull and exactly-once push for the partner desk.",
        lifespan=lifespan,
        default_response_class=FastJSON,
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.database = db
    app.state.announcer = announcer
    install_error_handlers(app)
    app.add_middleware(GZipMiddleware, minimum_size=1000, compresslevel=1)
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders)  # outermost: on BodyLimit's answers too

    plain_openapi = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            _integral_bounds(plain_openapi())
        return app.openapi_schema  # type: ignore[return-value]

    app.openapi = openapi  # type: ignore[method-assign]
    if settings.api_docs:
        _docs_pages(app)

    bearer = HTTPBearer(auto_error=False)

    def principal_of(
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    ) -> Principal:
        if credentials is None or credentials.scheme.lower() != "bearer":
            raise ApiError(401, "unauthorized", "Sign in first (Authorization: Bearer <token>).",
                           headers={"WWW-Authenticate": "Bearer"})
        with db.read.connect() as conn:
            return auth.authenticate(conn, settings, credentials.credentials)

    Caller = Annotated[Principal, Depends(principal_of)]

    def signed_in(token: str, expires: int, principal: Principal) -> dict[str, Any]:
        epoch = current_epoch()
        return {
            "token": token,
            "expires_at": expires,
            "user": principal.user_json(),
            "server_epoch": epoch,
            "business_zone": settings.business_zone,
            "currency": settings.currency,
            "device_code": principal.device_code,
            "limits": settings.limits.as_json(),
        }

    @app.post(f"{API}/auth/sign-in", response_model=SignedIn, responses=_ERRORS,
              tags=["auth"])
    def sign_in(body: SignIn, request: Request) -> Any:
        """Username + password → a bearer token. Wrong: 401; too many failures from this
        username or address: 429 with Retry-After (growing delays, server.throttle)."""
        code = auth.normalise_device_code(body.device_code)
        token, expires, principal = auth.sign_in(
            db, settings, body.username, body.password, code, _client(request))
        return signed_in(token, expires, principal)

    @app.post(f"{API}/auth/device-sign-in", response_model=SignedIn, responses=_ERRORS,
              tags=["auth"])
    def device_sign_in(body: DeviceSignIn, request: Request) -> Any:
        """A kiosk device's code + secret → a device token bound to its branch."""
        code = auth.normalise_device_code(body.device_code)
        assert code is not None
        token, expires, principal = auth.device_sign_in(
            db, settings, code, body.device_secret, _client(request))
        return signed_in(token, expires, principal)

    @app.post(f"{API}/auth/sign-out", status_code=204, responses=_ERRORS, tags=["auth"])
    def sign_out(caller: Caller) -> Response:
        """Revoke the calling token."""
        with db.write.begin() as conn:
            auth.revoke(conn, settings, caller.token_hash)
            if caller.is_device and caller.device_code:
                kiosk.rotate_key(conn, settings, caller.device_code)
        return Response(status_code=204)

    @app.post(f"{API}/admin/users/{{username}}/revoke-tokens", responses=_ERRORS,
              tags=["auth"])
    def revoke_user_tokens(username: str, caller: Caller) -> dict[str, int]:
        """Admin: sign a user out everywhere (a lost laptop)."""
        if caller.role is not Role.ADMIN:
            raise ApiError(403, "forbidden", "Only an administrator may revoke tokens.")
        with db.write.begin() as conn:
            count = auth.revoke_all_for_user(conn, settings, username.lower())
        return {"revoked": count}

    @app.post(f"{API}/admin/devices/{{device_code}}/revoke-tokens", responses=_ERRORS,
              tags=["auth"])
    def revoke_device_tokens(
        device_code: Annotated[str, Path(max_length=16)], caller: Caller
    ) -> dict[str, int]:
        """Admin: sign a kiosk device out everywhere (a stolen kiosk or leaked secret).
        It signs in again only with its secret (and only while the device is active)."""
        if caller.role is not Role.ADMIN:
            raise ApiError(403, "forbidden", "Only an administrator may revoke tokens.")
        code = auth.normalise_device_code(device_code)
        assert code is not None
        with db.write.begin() as conn:
            count = auth.revoke_all_for_device(conn, settings, code)
            # Its sealed offline rows stop opening: a stolen kiosk's copy is dead too.
            kiosk.rotate_key(conn, settings, code)
        return {"revoked": count}

    @app.get(f"{API}/admin/day-closes", response_model=DayClosesOut, responses=_ERRORS,
             tags=["admin"])
    def admin_day_closes(
        caller: Caller,
        start: Annotated[date, Query(alias="from")],
        end: Annotated[date, Query(alias="to")],
        branch: Annotated[int | None, Query(ge=1, le=MAX_INT)] = None,
        limit: Annotated[int, Query(ge=1, le=5000)] = 2000,
    ) -> Any:
        """Admin: every branch's day closes (or one ``branch``'s) whose business date is
        from ``from`` to ``to`` (inclusive, at most a year), oldest first, with totals."""
        if caller.role is not Role.ADMIN:
            raise ApiError(403, "forbidden", "Only an administrator sees every branch's "
                                             "day closes.")
        if end < start:
            raise ApiError(422, "invalid_request",
                           f"'to' ({end}) is before 'from' ({start}); swap them.")
        if (end - start).days >= day_closes.MAX_RANGE_DAYS:
            raise ApiError(422, "invalid_request",
                           f"At most {day_closes.MAX_RANGE_DAYS} days at a time; ask for "
                           "a shorter range.")
        with db.read.connect() as conn:
            return day_closes.list_closes(conn, start, end, branch, limit)

    @app.get(f"{API}/me", response_model=UserOut, responses=_ERRORS, tags=["auth"])
    def me(caller: Caller) -> Any:
        return caller.user_json()

    @app.get(f"{API}/health", response_model=Health, tags=["meta"])
    def health() -> dict[str, Any]:
        return {"status": "ok", "server_epoch": current_epoch(),
                "limits": settings.limits.as_json()}

    @app.get(f"{API}/sync/pull", response_model=PullPage, responses=_ERRORS, tags=["sync"])
    def sync_pull(
        caller: Caller,
        cursor: Annotated[str | None, Query(max_length=4096)] = None,
        limit: Annotated[int, Query(ge=1, le=5000)] = (
            settings.default_pull_limit
        ),
        format: Annotated[Literal["rows", "columns"], Query()] = "rows",
    ) -> Response:
        """Changes since ``cursor`` (none: a snapshot from the start), scoped to the caller.
        ``format=columns``: snapshot rows as arrays per table (server/pull.py)."""
        kiosk.ensure_device_key(db, settings, caller)  # a kiosk's rows are sealed with it
        with db.read.begin() as conn:
            keys = cursors.keys(conn, settings)
            position = cursors.unseal(cursor, keys) if cursor else None
            page = pull.pull(conn, caller, current_epoch(conn), position, limit, format)
        page["cursor"] = cursors.seal(page["cursor"], keys[0])
        redaction.redact_page(caller, page)
        return Response(pull.encode_page(page, _dumps), media_type="application/json")

    @app.get(f"{API}/sync/wait", response_model=WaitOut, responses=_ERRORS, tags=["sync"])
    async def sync_wait(
        request: Request,
        caller: Caller,
        cursor: Annotated[str, Query(min_length=1, max_length=4096)],
        timeout: Annotated[int, Query(ge=0, le=announce.MAX_WAIT_S)] = announce.MAX_WAIT_S,
    ) -> Response:
        """Answer as soon as a pull from ``cursor`` would bring something (``changed``:
        true), else after ``timeout`` seconds (false). 410 for a cursor a pull refuses."""

        def check() -> bool:
            with db.read.begin() as conn:
                position = cursors.unseal(cursor, cursors.keys(conn, settings))
                return pull.has_changes(conn, caller, current_epoch(conn), position)

        changed = await announce.wait_for_changes(
            check, announcer, timeout, request.is_disconnected
        )
        return FastJSON({"changed": changed})

    @app.post(f"{API}/sync/push", response_model=PushOut, responses=_ERRORS, tags=["sync"])
    def sync_push(body: PushIn, caller: Caller) -> Response:
        """Apply mutations in order, each exactly once and in its own transaction."""
        device = auth.bind_device(db, caller, auth.normalise_device_code(body.device_code))
        results = push.apply_batch(
            db, settings, caller, device, [m.model_dump() for m in body.mutations]
        )
        if any(r.get("status") == "applied" for r in results):
            announcer.changed()
        return FastJSON({"results": results, "server_epoch": current_epoch()})

    @app.post(f"{API}/reversals/approve", responses=_ERRORS, tags=["sync"])
    def approve_reversal(body: ApproveIn, caller: Caller, request: Request) -> Any:
        """A supervisor's password for a reversal the caller asks for: a one-use approval
        token for the ``reversal`` mutation (server.reversals, docs/sync-api.md)."""
        return reversals.approve(db, settings, caller, body.payment_uuid, body.username,
                                 body.password, _client(request))

    reversal_requests.add_routes(app, API, db, settings, principal_of, announcer.changed)

    @app.get(f"{API}/accounts/{{account_id}}", responses=_ERRORS, tags=["accounts"])
    def get_account(
        account_id: Annotated[int, Path(ge=1, le=MAX_INT)], caller: Caller
    ) -> Response:
        """One account row (404 outside the caller's scope; kiosks use the look-up)."""
        if caller.role is Role.KIOSK:
            raise ApiError(404, "not_found", "No such account.")
        with db.read.connect() as conn:
            account_in_scope(conn, caller, account_id)
            return FastJSON(rows.account_json(conn, account_id))

    @app.get(f"{API}/kiosk/lookup", response_model=KioskAccount, responses=_ERRORS,
             tags=["kiosk"])
    def kiosk_lookup(
        caller: Caller,
        account_id: Annotated[int | None, Query(ge=1, le=2**62)] = None,
        mobile: Annotated[str | None, Query(max_length=32)] = None,
    ) -> Any:
        """Kiosk only: one account by exact Account ID or mobile, masked. Rate-limited per
        device (billing/kiosk_limits.py): 429 ``rate_limited`` or ``too_many_misses`` with
        ``Retry-After`` when the device's budget is spent."""
        if caller.role is not Role.KIOSK:
            raise ApiError(403, "forbidden", "The look-up is for kiosk devices.")
        if (account_id is None) == (mobile is None):
            raise ApiError(422, "invalid_request", "Give exactly one of account_id or mobile.")
        with db.write.begin() as conn:  # the charge is committed whatever the answer
            answer, failure = kiosk.limited_lookup(
                conn, settings, caller, account_id=account_id, mobile=mobile)
        if failure is not None:
            raise failure
        return answer

    @app.get(f"{API}/demo/users", response_model=list[DemoUser], responses=_ERRORS,
             tags=["meta"])
    def demo_users() -> Any:
        """The demo sign-ins (only on a server started with ``--demo-accounts``)."""
        if not settings.demo_mode:
            raise ApiError(404, "not_found", "This server is not in demo mode.")
        from server.demo_seed import DEMO_USERS

        return [u.as_json() for u in DEMO_USERS]

    return app
