"""Void and bounce requests decided at a supervisor's own desk (docs/sync-api.md
"Reversal requests"): ask, list, approve (the reversal is applied at once), decline."""

# No ``from __future__ import annotations``: FastAPI reads these annotations at run time.
from typing import Annotated, Any

from fastapi import APIRouter, Path

from server import reversal_requests
from server.reversal_requests import RequestIn
from server.routes.common import API, ERRORS, Caller, Server

__all__ = ["router"]

RequestId = Annotated[str, Path(min_length=1, max_length=36, pattern=r"^[0-9a-f-]+$")]


def router(server: Server) -> APIRouter:
    """The reversal-request routes (tag ``sync``); an approval wakes the desks waiting for
    changes, because it writes the ledger."""
    db, settings = server.db, server.settings
    routes = APIRouter()

    @routes.post(f"{API}/reversal-requests", responses=ERRORS, tags=["sync"])
    def create_request(body: RequestIn, caller: Caller) -> Any:
        """A cashier asks for a void or a bounce to be approved at a supervisor's desk."""
        return reversal_requests.create(db, settings, caller, body)

    @routes.get(f"{API}/reversal-requests", responses=ERRORS, tags=["sync"])
    def list_requests(caller: Caller) -> Any:
        """Pending requests a supervisor may decide, or the caller's own requests."""
        return reversal_requests.listing(db, caller)

    @routes.post(f"{API}/reversal-requests/{{request_id}}/approve", responses=ERRORS,
                 tags=["sync"])
    def approve_request(request_id: RequestId, caller: Caller) -> Any:
        """Approve: the reversal is applied now, once."""
        answer = reversal_requests.decide(db, settings, caller, request_id, True)
        server.announcer.changed()
        return answer

    @routes.post(f"{API}/reversal-requests/{{request_id}}/decline", responses=ERRORS,
                 tags=["sync"])
    def decline_request(request_id: RequestId, caller: Caller) -> Any:
        """Decline: nothing is reversed; the cashier sees the decision."""
        return reversal_requests.decide(db, settings, caller, request_id, False)

    return routes
