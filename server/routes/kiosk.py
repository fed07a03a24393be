"""The kiosk's look-up: one account by exact Account ID or mobile, masked and rate-limited
per device (server/kiosk.py)."""

# No ``from __future__ import annotations``: FastAPI reads these annotations at run time.
from typing import Annotated, Any

from fastapi import APIRouter, Query

from billing.roles import Role
from server import kiosk
from server.errors import ApiError
from server.routes.common import API, ERRORS, Caller, Server
from server.routes.models import KioskAccount

__all__ = ["router"]


def router(server: Server) -> APIRouter:
    """The kiosk routes (tag ``kiosk``)."""
    db, settings = server.db, server.settings
    routes = APIRouter()

    @routes.get(f"{API}/kiosk/lookup", response_model=KioskAccount, responses=ERRORS,
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

    return routes
