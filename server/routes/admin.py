"""Head office's view: every branch's day closes (``GET /admin/day-closes``)."""

# No ``from __future__ import annotations``: FastAPI reads these annotations at run time.
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query

from billing.roles import Role
from server import day_closes
from server.errors import ApiError
from server.routes.common import API, ERRORS, Caller, Server
from server.routes.models import MAX_INT, DayClosesOut

__all__ = ["router"]


def router(server: Server) -> APIRouter:
    """The administrator's routes (tag ``admin``)."""
    db = server.db
    routes = APIRouter()

    @routes.get(f"{API}/admin/day-closes", response_model=DayClosesOut, responses=ERRORS,
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

    return routes
