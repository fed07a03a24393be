"""Reversals asked online: a supervisor's approval of a void or a bounced cheque
(docs/sync-api.md "Reversals"); the reversal itself is pushed as a mutation."""

# No ``from __future__ import annotations``: FastAPI reads these annotations at run time.
from typing import Any

from fastapi import APIRouter, Request

from server import reversals
from server.routes.common import API, ERRORS, Caller, Server, client_address
from server.routes.models import ApproveIn

__all__ = ["router"]


def router(server: Server) -> APIRouter:
    """The reversal routes (tag ``sync``)."""
    db, settings = server.db, server.settings
    routes = APIRouter()

    @routes.post(f"{API}/reversals/approve", responses=ERRORS, tags=["sync"])
    def approve_reversal(body: ApproveIn, caller: Caller, request: Request) -> Any:
        """A supervisor's password for a reversal the caller asks for: a one-use approval
        token for the ``reversal`` mutation (server.reversals, docs/sync-api.md)."""
        return reversals.approve(db, settings, caller, body.payment_uuid, body.username,
                                 body.password, client_address(request))

    return routes
