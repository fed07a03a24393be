"""The FastAPI application: ``create_app(settings)``.

Stateless: every request reads what it needs (token, scope, positions) from the database,
so any number of processes can serve one database. The routes are in ``server/routes/``,
one module per area; this module makes the application, its middleware (``server.middleware``)
and error handlers (``server.errors``), and includes the routers.
"""

import secrets
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from starlette.middleware.gzip import GZipMiddleware

from server import announce, cursors
from server.config import Settings
from server.database import Database, open_database, server_epoch
from server.errors import install_error_handlers
from server.middleware import BodyLimit, SecurityHeaders, docs_csp
from server.routes import (
    accounts,
    admin,
    auth,
    kiosk,
    meta,
    reversal_requests,
    reversals,
    sync,
)
from server.routes.common import FastJSON, Server

__all__ = ["create_app"]

#: The route modules, in the order their paths appear in the OpenAPI schema.
_ROUTERS = (auth, admin, meta, sync, reversals, reversal_requests, accounts, kiosk)


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


def create_app(settings: Settings, database: Database | None = None) -> FastAPI:
    """The server application over ``settings.db_url`` (migrated on start)."""
    db = database or open_database(settings.db_url)
    with db.write.begin() as conn:
        server_epoch(conn)  # made on first start
        cursors.ensure_key(conn)
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

    server = Server(db, settings, announcer)
    for module in _ROUTERS:
        app.include_router(module.router(server))
    return app
