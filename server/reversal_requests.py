"""Void and bounce requests decided by a supervisor at their own desk (docs/sync-api.md
"Reversals", "Requests decided at the supervisor's desk").

A cashier sends ``POST /reversal-requests`` (the payment, void or bounce, a reason); the
request waits here. A supervisor (branch staff of the payment's branch, or an admin) lists
the pending ones of their scope and approves or declines with their own session: no
password is typed again, they are signed in. An approval **applies the reversal on the
server at once**, in the same transaction as the decision, through the same code as a
pushed ``reversal`` mutation (server.reversals: the rules of billing.reversal, the ledger
entry, the balance, the lifecycle), with a one-use approval issued and spent inside that
transaction. The request's state moves from pending once, under its row lock, and the
payment's ``UNIQUE(payment_id)`` holds besides: the reversal is applied exactly once. The
cashier's desk learns of it with its next pull (the reversal is in the change log, so the
long-poll wakes it), like any desk of the branch.

The routes are in server/routes/reversal_requests.py; the request body's model is here,
beside its checks.
"""

import logging
import secrets
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictStr, field_validator
from sqlalchemy import Connection, select, update

from billing.lifecycle import business_date
from billing.mutations import MutationKind
from billing.reversal import (
    APPROVER_ROLES,
    ReversalCause,
    ReversalError,
    ReversalRequest,
    check_request,
    may_ask,
)
from billing.roles import Role
from billing.rules import PaymentMethod
from db.server_schema import reversal_approvals, reversal_requests, users
from server import changelog, reversals
from server.apply_context import ApplyContext, Rejected, table
from server.auth import Principal
from server.config import Settings
from server.database import Database
from server.errors import ApiError
from server.scopes import account_in_scope

__all__ = ["RequestIn", "create", "decide", "listing"]

log = logging.getLogger(__name__)

PENDING, APPROVED, DECLINED = "pending", "approved", "declined"
#: Longest listing answered (newest first).
LIST_LIMIT = 200


class RequestIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    request_id: StrictStr = Field(pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-"
                                          r"[0-9a-f]{12}$")
    payment_uuid: StrictStr = Field(min_length=1, max_length=36, pattern=r"^[^\x00]*$")
    cause: Literal["void", "bounce"]
    reason: StrictStr = Field(max_length=1000, pattern=r"^[^\x00]*$")

    @field_validator("payment_uuid", "reason")
    @classmethod
    def _storable(cls, value: str) -> str:
        """Valid JSON may carry a lone UTF-16 surrogate, which no database stores."""
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError("send valid Unicode text (a lone surrogate is not)") from None
        return value


def _row_json(row: Any, account_name: str | None) -> dict[str, Any]:
    return {
        "request_id": row.id, "payment_uuid": row.payment_uuid, "account_id": row.account_id,
        "account_name": account_name, "branch_id": row.branch_id, "cause": row.cause,
        "reason": row.reason, "receipt_number": row.receipt_number,
        "amount_paise": row.amount_paise, "requested_by": row.requested_by,
        "requested_at": row.requested_at, "state": row.state, "decided_by": row.decided_by,
        "decided_at": row.decided_at, "document_number": row.document_number,
    }


def _account_name(conn: Connection, account_id: int) -> str | None:
    accounts = table("accounts")
    return conn.execute(select(accounts.c.name).where(accounts.c.id == account_id)).scalar()


def _may_ask(caller: Principal) -> None:
    if not may_ask(caller.role) or caller.is_device:
        raise ApiError(403, "forbidden", "This role may not ask for reversals.")


def create(database: Database, settings: Settings, caller: Principal, body: RequestIn
           ) -> dict[str, Any]:
    """Record a cashier's request; every refusal is an ApiError and writes nothing. The
    same ``request_id`` sent again by its requester answers the request as it stands."""
    _may_ask(caller)
    cause = ReversalCause(body.cause)
    with database.write.begin() as conn:
        known = conn.execute(select(reversal_requests)
                             .where(reversal_requests.c.id == body.request_id)).first()
        if known is not None:
            if known.requested_by != caller.username:
                raise ApiError(409, "conflict", "This request id is already in use.")
            return _row_json(known, _account_name(conn, known.account_id))
        payment = reversals.payment_by_uuid(conn, body.payment_uuid.strip())
        if payment is None:
            raise ApiError(404, "not_found",
                           "The server does not have this payment yet. Sync first, or ask "
                           "the supervisor to approve at this desk.")
        account_in_scope(conn, caller, payment.account_id)
        waiting = conn.execute(select(reversal_requests.c.id).where(
            reversal_requests.c.payment_uuid == payment.payment_uuid,
            reversal_requests.c.state == PENDING)).first()
        if waiting is not None:
            raise ApiError(409, "already_requested",
                           f"A reversal of receipt {payment.receipt_number} already waits for "
                           "a supervisor.")
        taken_on = business_date(payment.taken_at, settings.business_zone)
        try:
            reason = check_request(ReversalRequest(
                cause=cause, reason=body.reason, method=PaymentMethod(payment.method),
                receipt_number=payment.receipt_number, requested_by=caller.username,
                approved_by="", already_reversed=reversals.is_reversed(conn, payment.id),
                in_current_session=cause is ReversalCause.BOUNCE
                or taken_on == settings.today(),
                same_branch=reversals.in_same_branch(caller, payment)))
        except ReversalError as exc:
            raise ApiError(409, exc.code, exc.message) from None
        conn.execute(reversal_requests.insert().values(
            id=body.request_id, payment_uuid=payment.payment_uuid,
            account_id=payment.account_id, branch_id=payment.branch_id, cause=cause.value,
            reason=reason, receipt_number=payment.receipt_number,
            amount_paise=payment.amount_paise, requested_by=caller.username,
            requested_at=settings.now_epoch(), state=PENDING))
        row = conn.execute(select(reversal_requests)
                           .where(reversal_requests.c.id == body.request_id)).one()
        return _row_json(row, _account_name(conn, payment.account_id))


def _approver_scope(caller: Principal) -> Any:
    """The requests ``caller`` decides on, as a WHERE clause; 403 for a role that may not."""
    if caller.is_device or caller.role not in APPROVER_ROLES:
        raise ApiError(403, "approver_not_allowed",
                       f"{caller.username} may not approve reversals; only branch staff or an "
                       "administrator of the branch may.")
    if caller.role is Role.ADMIN:
        return reversal_requests.c.id.is_not(None)
    return reversal_requests.c.branch_id == caller.branch_id


def listing(database: Database, caller: Principal) -> dict[str, Any]:
    """A supervisor's pending requests (their branch; an admin's: every branch), oldest
    first; anyone else who may ask: their own requests, newest first."""
    with database.read.connect() as conn:
        if caller.role in APPROVER_ROLES and not caller.is_device:
            query = select(reversal_requests).where(
                _approver_scope(caller), reversal_requests.c.state == PENDING
            ).order_by(reversal_requests.c.requested_at, reversal_requests.c.id)
        else:
            _may_ask(caller)
            query = select(reversal_requests).where(
                reversal_requests.c.requested_by == caller.username
            ).order_by(reversal_requests.c.requested_at.desc(), reversal_requests.c.id)
        rows = conn.execute(query.limit(LIST_LIMIT)).all()
        names = {r.account_id: _account_name(conn, r.account_id) for r in rows}
    return {"requests": [_row_json(r, names[r.account_id]) for r in rows]}


def _locked_request(conn: Connection, caller: Principal, request_id: str) -> Any:
    """The request row (locked on PostgreSQL) when ``caller`` may decide it, else ApiError."""
    query = select(reversal_requests).where(reversal_requests.c.id == request_id)
    if conn.dialect.name == "postgresql":
        query = query.with_for_update()
    row = conn.execute(query).first()
    if row is None:
        raise ApiError(404, "not_found", "No such reversal request.")
    _approver_scope(caller)
    if caller.role is not Role.ADMIN and caller.branch_id != row.branch_id:
        raise ApiError(403, "other_branch",
                       f"Receipt {row.receipt_number} was taken in another branch; only a "
                       "supervisor of that branch or an administrator may decide.")
    if row.requested_by == caller.username:
        raise ApiError(409, "self_approval",
                       "The cashier who asks for a reversal cannot decide it. Another "
                       "supervisor or an administrator must.")
    if row.state != PENDING:
        raise ApiError(409, "already_decided",
                       f"This request was already {row.state} by {row.decided_by}.")
    return row


def _requester(conn: Connection, username: str) -> Principal:
    row = conn.execute(select(users).where(users.c.username == username)).first()
    if row is None or not row.active:
        raise ApiError(409, "requester_gone",
                       f"{username} cannot sign in any more; decline the request, and ask "
                       "for the reversal again from an active cashier.")
    return Principal(username=row.username, display_name=row.display_name,
                     role=Role(row.role), branch_id=row.branch_id,
                     reseller_id=row.reseller_id, token_hash="")


def decide(database: Database, settings: Settings, caller: Principal, request_id: str,
           approve: bool) -> dict[str, Any]:
    """Approve (apply the reversal now) or decline a pending request; every refusal is an
    ApiError and writes nothing."""
    now = settings.now_epoch()
    with database.write.begin() as conn:
        row = _locked_request(conn, caller, request_id)
        result: dict[str, Any] = {}
        if approve:
            result = _apply(conn, settings, caller, row, now)
        conn.execute(update(reversal_requests).where(reversal_requests.c.id == row.id).values(
            state=APPROVED if approve else DECLINED, decided_by=caller.username,
            decided_at=now, document_number=(result.get("reversal") or {}).get(
                "document_number")))
        decided = conn.execute(select(reversal_requests)
                               .where(reversal_requests.c.id == row.id)).one()
        answer = _row_json(decided, _account_name(conn, row.account_id))
    if result:
        answer["reversal"] = result["reversal"]
    log.info("reversal request %s %s by %s", row.id, answer["state"], caller.username)
    return answer


def _apply(conn: Connection, settings: Settings, caller: Principal, row: Any, now: int
           ) -> dict[str, Any]:
    """The reversal as the requester's ``reversal`` mutation with an approval issued and
    spent here (server.reversals checks every rule again: session, second void, ...)."""
    requester = _requester(conn, row.requested_by)
    account = account_in_scope(conn, caller, row.account_id, for_update=True)
    token = secrets.token_urlsafe(24)
    conn.execute(reversal_approvals.insert().values(
        token_hash=reversals.approval_hash(token), payment_uuid=row.payment_uuid,
        requested_by=requester.username, approved_by=caller.username,
        expires_at=now + settings.approval_ttl_seconds))
    ctx = ApplyContext(conn, requester, settings, now, settings.today(), None, account)
    payload = {
        "reversal_uuid": row.id, "payment_uuid": row.payment_uuid,
        "cause": row.cause, "reason": row.reason, "requested_at": now,
        "approved_by": caller.username, "approval_token": token,
    }
    try:
        result = reversals.apply(ctx, account, MutationKind.REVERSAL, payload)
    except Rejected as exc:
        raise ApiError(409, exc.code, exc.message) from None
    changelog.record_many(conn, ctx.changes)
    return result
