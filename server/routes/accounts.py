"""One account row by id, for desks (kiosks use the masked look-up in ``routes.kiosk``)."""

# No ``from __future__ import annotations``: FastAPI reads these annotations at run time.
from typing import Annotated

from fastapi import APIRouter, Path, Response

from billing.roles import Role
from server import rows
from server.errors import ApiError
from server.routes.common import API, ERRORS, Caller, FastJSON, Server
from server.routes.models import MAX_INT
from server.scopes import account_in_scope

__all__ = ["router"]


def router(server: Server) -> APIRouter:
    """The account routes (tag ``accounts``)."""
    db = server.db
    routes = APIRouter()

    @routes.get(f"{API}/accounts/{{account_id}}", responses=ERRORS, tags=["accounts"])
    def get_account(
        account_id: Annotated[int, Path(ge=1, le=MAX_INT)], caller: Caller
    ) -> Response:
        """One account row (404 outside the caller's scope; kiosks use the look-up)."""
        if caller.role is Role.KIOSK:
            raise ApiError(404, "not_found", "No such account.")
        with db.read.connect() as conn:
            account_in_scope(conn, caller, account_id)
            return FastJSON(rows.account_json(conn, account_id))

    return routes
