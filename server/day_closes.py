"""Day closes at head office: keeping the reports desks push, and listing them for admins.

A desk queues its cash session's close report (``billing.day_close``) as a ``day_close``
mutation; ``server/push.py`` hands it to :func:`receive` inside the mutation's transaction,
so the row here and the ``mutations_applied`` record commit together: a close re-sent after
a lost answer is answered ``duplicate`` and kept once (``close_id`` is the mutation id, its
primary key the last guard). Scope: a user reports closes of their own branch only; an
administrator may report any branch or none (head office). :func:`list_closes` is the
admin route's query (docs/sync-api.md "Day close").
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, select

from billing.day_close import CloseError, check_report
from billing.lifecycle import business_date
from billing.roles import Action, Role
from db.server_schema import day_closes, server_metadata
from server.auth import Principal
from server.config import Settings

__all__ = ["MAX_RANGE_DAYS", "Refused", "list_closes", "receive"]

#: Longest date range one listing covers (a year and a day: a financial year, leap or not).
MAX_RANGE_DAYS = 366
_branches = server_metadata.tables["branches"]


class Refused(Exception):
    """A close that cannot be kept: push answers it ``rejected`` with this code and
    message, and nothing is written."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def receive(conn: Connection, principal: Principal, settings: Settings, *,
            close_id: str, account_id: Any, device_code: str | None, payload: Any,
            now: int) -> dict[str, Any]:
    """Keep one close report; the answer's extra fields for the push result."""
    if not principal.may(Action.TAKE_PAYMENT):
        raise Refused("forbidden", "This role takes no money, so it has no day close.")
    if account_id is not None:
        raise Refused("invalid_payload", "A day close belongs to no account: send "
                                         "account_id null.")
    try:
        report = check_report(payload)
    except CloseError as exc:
        raise Refused("invalid_payload", f"Day close report: {exc}") from None
    branch = report.branch_id
    if principal.role is not Role.ADMIN and branch != principal.branch_id:
        # Worded with the caller's own figures only: nothing about the other branch.
        raise Refused("forbidden", f"You report day closes for your own branch "
                                   f"({principal.branch_id}) only; this one names "
                                   f"branch {branch}.")
    if branch is not None and conn.execute(
            select(_branches.c.id).where(_branches.c.id == branch)).first() is None:
        raise Refused("not_found", f"There is no branch {branch}.")
    # The desk's clock decides nothing: a close time outside the window payments accept
    # is filed at the server's time (the desk's stays in the report).
    closed_at = report.closed_at
    if not now - settings.taken_at_past_seconds <= closed_at \
            <= now + settings.taken_at_future_seconds:
        closed_at = now
    conn.execute(day_closes.insert().values(
        close_id=close_id,
        branch_id=branch,
        device_code=device_code,
        reported_by=principal.username,
        counted_by=report.counted_by,
        session_id=report.session_id,
        opened_at=min(report.opened_at, closed_at),
        closed_at=closed_at,
        business_date=business_date(datetime.fromtimestamp(closed_at, UTC),
                                    settings.business_zone),
        received_at=now,
        expected_paise=report.expected_paise,
        counted_paise=report.counted_paise,
        difference_paise=report.difference_paise,
        payment_count=report.payment_count,
        unsynced_at_close=report.unsynced_at_close,
        report=json.dumps(payload, sort_keys=True, separators=(",", ":")),
    ))
    return {"day_close": {"close_id": close_id, "difference_paise": report.difference_paise}}


def _iso(epoch: int) -> str:
    return datetime.fromtimestamp(epoch, UTC).isoformat().replace("+00:00", "Z")


def list_closes(conn: Connection, start: date, end: date, branch_id: int | None,
                limit: int) -> dict[str, Any]:
    """Closes whose business date is in ``[start, end]`` (of one branch when given), by
    date, then branch (head office first), then time; at most ``limit`` (``has_more``
    says when more matched), and their totals over every match."""
    c = day_closes.c
    where = (c.business_date >= start) & (c.business_date <= end)
    if branch_id is not None:
        where = where & (c.branch_id == branch_id)
    rows = conn.execute(
        select(day_closes, _branches.c.name.label("branch_name"),
               _branches.c.code.label("branch_code"))
        .select_from(day_closes.outerjoin(_branches, _branches.c.id == c.branch_id))
        .where(where)
        .order_by(c.business_date, c.branch_id.asc().nulls_first(), c.closed_at, c.close_id)
        .limit(limit + 1)
    ).all()
    # Added up here, not with SQL SUM: SQLite's SUM raises "integer overflow" past 2**63,
    # and one report's figures may each be up to 2**62 (billing.day_close).
    figures = conn.execute(
        select(c.expected_paise, c.counted_paise, c.difference_paise, c.payment_count,
               c.unsynced_at_close).where(where)
    ).all()
    sums = [len(figures), *(sum(int(r[i]) for r in figures) for i in range(5))]
    closes = [{
        "close_id": r.close_id,
        "branch_id": r.branch_id,
        "branch_name": r.branch_name if r.branch_id is not None else "Head office",
        "branch_code": r.branch_code,
        "device_code": r.device_code,
        "cashier": r.counted_by,
        "reported_by": r.reported_by,
        "session_id": r.session_id,
        "opened_at": _iso(r.opened_at),
        "closed_at": _iso(r.closed_at),
        "business_date": r.business_date.isoformat(),
        "received_at": _iso(r.received_at),
        "expected_paise": r.expected_paise,
        "counted_paise": r.counted_paise,
        "difference_paise": r.difference_paise,
        "payment_count": r.payment_count,
        "unsynced_at_close": r.unsynced_at_close,
        "report": json.loads(r.report),
    } for r in rows[:limit]]
    return {
        "closes": closes,
        "has_more": len(rows) > limit,
        "totals": {"closes": int(sums[0]), "expected_paise": int(sums[1]),
                   "counted_paise": int(sums[2]), "difference_paise": int(sums[3]),
                   "payment_count": int(sums[4]), "unsynced_at_close": int(sums[5])},
    }
