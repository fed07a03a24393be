"""The sync protocol's routes: pull a page of changes, wait for changes (the long-poll) and
push writes (docs/sync-api.md)."""

# No ``from __future__ import annotations``: FastAPI reads these annotations at run time.
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response

from server import announce, auth, cursors, kiosk, pull, push, redaction
from server.routes.common import API, ERRORS, Caller, FastJSON, Server, dumps
from server.routes.models import PullPage, PushIn, PushOut, WaitOut

__all__ = ["router"]


def router(server: Server) -> APIRouter:
    """The sync routes (tag ``sync``); the pull's default page size is the server's
    ``default_pull_limit``."""
    db, settings, announcer = server.db, server.settings, server.announcer
    routes = APIRouter()

    @routes.get(f"{API}/sync/pull", response_model=PullPage, responses=ERRORS, tags=["sync"])
    def sync_pull(
        caller: Caller,
        cursor: Annotated[str | None, Query(max_length=4096)] = None,
        limit: Annotated[int, Query(ge=1, le=settings.max_pull_limit)] = (
            settings.default_pull_limit
        ),
        format: Annotated[Literal["rows", "columns"], Query()] = "rows",
    ) -> Response:
        """Changes since ``cursor`` (none: a snapshot from the start), scoped to the caller.
        ``format=columns``: snapshot rows as arrays per table (server/pull_snapshot.py)."""
        kiosk.ensure_device_key(db, settings, caller)  # a kiosk's rows are sealed with it
        with db.read.begin() as conn:
            keys = cursors.keys(conn, settings)
            position = cursors.unseal(cursor, keys) if cursor else None
            page = pull.pull(conn, caller, server.current_epoch(conn), position, limit, format)
        page["cursor"] = cursors.seal(page["cursor"], keys[0])
        redaction.redact_page(caller, page)
        return Response(pull.encode_page(page, dumps), media_type="application/json")

    @routes.get(f"{API}/sync/wait", response_model=WaitOut, responses=ERRORS, tags=["sync"])
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
                return pull.has_changes(conn, caller, server.current_epoch(conn), position)

        changed = await announce.wait_for_changes(
            check, announcer, timeout, request.is_disconnected
        )
        return FastJSON({"changed": changed})

    @routes.post(f"{API}/sync/push", response_model=PushOut, responses=ERRORS, tags=["sync"])
    def sync_push(body: PushIn, caller: Caller) -> Response:
        """Apply mutations in order, each exactly once and in its own transaction."""
        device = auth.bind_device(db, caller, auth.normalise_device_code(body.device_code))
        results = push.apply_batch(
            db, settings, caller, device, [m.model_dump() for m in body.mutations]
        )
        if any(r.get("status") == "applied" for r in results):
            announcer.changed()
        return FastJSON({"results": results, "server_epoch": server.current_epoch()})

    return routes
