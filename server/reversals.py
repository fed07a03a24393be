"""Reversals on the server: a void or a bounced cheque applied exactly once, and the online
approval a supervisor gives for one (docs/sync-api.md "Reversals").

A reversal is a ``reversal`` mutation pushed like any other (server.push dispatches here):
it is recorded in ``mutations_applied`` in the same transaction as its ledger entry in
``payment_reversals``, whose ``UNIQUE(payment_id)`` keeps a payment from being reversed
twice even by two servers racing. The rules are asked of ``billing.reversal`` again here;
the desk's checks are never trusted.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import date
from typing import Any

from sqlalchemy import Connection, delete, select, update

from billing.lifecycle import AccountStatus, business_date, next_status
from billing.money import format_inr
from billing.mutations import MutationKind
from billing.reversal import (
    ReversalCause,
    ReversalError,
    ReversalRequest,
    balance_after_reversal,
    check_approver,
    check_reversal,
    dues_paid_by_reversed,
    expiry_after_recharge_reversal,
    reopen_newest_first,
)
from billing.roles import Action, Role
from billing.rules import PaymentMethod, is_outstanding
from db.server_schema import (
    cheque_clearances,
    payment_reversals,
    payment_utrs,
    reversal_approvals,
    users,
)
from server import auth, throttle
from server.apply_context import (
    ApplyContext,
    Rejected,
    branch_code,
    change_status,
    int_field,
    moment,
    record_change,
    table,
    text_field,
    update_account,
    write_log,
)
from server.auth import Principal
from server.config import Settings
from server.database import Database, next_id
from server.errors import ApiError
from server.scopes import account_in_scope

__all__ = [
    "KINDS",
    "apply",
    "approval_hash",
    "approve",
    "in_same_branch",
    "is_reversed",
    "payment_by_uuid",
]

log = logging.getLogger(__name__)

KINDS = frozenset({MutationKind.REVERSAL, MutationKind.CHEQUE_CLEARED})


def approval_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def payment_by_uuid(conn: Connection, payment_uuid: str) -> Any:
    payments = table("payments")
    return conn.execute(
        select(payments).where(payments.c.payment_uuid == payment_uuid)
    ).first()


def is_reversed(conn: Connection, payment_id: int) -> bool:
    return conn.execute(
        select(payment_reversals.c.id).where(payment_reversals.c.payment_id == payment_id)
    ).first() is not None


def in_same_branch(principal: Principal, payment: Any) -> bool:
    return principal.role is Role.ADMIN or principal.branch_id == payment.branch_id


def _approver(conn: Connection, username: str) -> Any:
    return conn.execute(
        select(users).where(users.c.username == username.strip().lower())
    ).first()


def _approver_role(row: Any, payment: Any) -> Role | None:
    """The approver's role when they may approve for this payment's branch, else None."""
    if row is None or not row.active:
        return None
    role = Role(row.role)
    if role is Role.BRANCH_STAFF and row.branch_id != payment.branch_id:
        return None
    return role


# -- online approval -----------------------------------------------------------------------


def approve(database: Database, settings: Settings, caller: Principal, payment_uuid: str,
            username: str, password: str, client: str | None) -> dict[str, Any]:
    """Check a supervisor's password for a reversal the caller asks for; a one-use approval
    token on success. Every refusal is an ApiError and writes nothing but the sign-in
    throttle's count of a wrong password."""
    if not caller.may(Action.TAKE_PAYMENT) or caller.is_device:
        raise ApiError(403, "forbidden", "This role may not ask for reversals.")
    with database.read.connect() as conn:
        payment = payment_by_uuid(conn, payment_uuid.strip())
        if payment is None:
            raise ApiError(404, "not_found", "No such payment.")
        account_in_scope(conn, caller, payment.account_id)
        already = is_reversed(conn, payment.id)
        row = _approver(conn, username)
    if not in_same_branch(caller, payment):
        raise ApiError(409, "other_branch",
                       f"Receipt {payment.receipt_number} was taken in another branch; only "
                       "that branch may reverse it.")
    if already:
        raise ApiError(409, "already_reversed",
                       f"Receipt {payment.receipt_number} is already reversed; a payment is "
                       "reversed once.")
    try:
        check_approver(caller.username, username, Role.ADMIN)  # the requester first
    except ReversalError as exc:
        raise ApiError(409, exc.code, exc.message) from None
    name = username.strip().lower()
    keys = throttle.keys_for(settings, "user", name, row is not None, client)
    if not auth._attempt(database, settings, keys, password,
                         row.password_hash if row else None) or row is None:
        raise ApiError(401, "invalid_credentials",
                       "Wrong username or password for the approver; ask them to type "
                       "their own password again.")
    try:
        check_approver(caller.username, name, _approver_role(row, payment))
    except ReversalError as exc:
        raise ApiError(403, exc.code, exc.message) from None
    token = secrets.token_urlsafe(24)
    expires = settings.now_epoch() + settings.approval_ttl_seconds
    with database.write.begin() as conn:
        throttle.succeeded(conn, settings, keys, settings.now_epoch())
        conn.execute(reversal_approvals.insert().values(
            token_hash=approval_hash(token), payment_uuid=payment.payment_uuid,
            requested_by=caller.username, approved_by=name, expires_at=expires))
    return {"approval_token": token, "approved_by": name, "role": row.role,
            "display_name": row.display_name, "expires_at": expires}


# -- the mutations -------------------------------------------------------------------------


def apply(ctx: ApplyContext, account: Any, kind: MutationKind, payload: dict[str, Any]
          ) -> dict[str, Any]:
    """Apply a ``reversal`` or ``cheque_cleared`` mutation (server.push calls this)."""
    if not ctx.principal.may(Action.TAKE_PAYMENT) or ctx.principal.is_device:
        raise Rejected("forbidden", "This role may not reverse payments.")
    payment_uuid = text_field(payload, "payment_uuid", 36)
    assert payment_uuid is not None
    payment = payment_by_uuid(ctx.conn, payment_uuid)
    if payment is None or payment.account_id != account.id:
        raise Rejected("not_found", "No such payment on this account.")
    if kind is MutationKind.CHEQUE_CLEARED:
        return _cleared(ctx, account, payment)
    return _reversal(ctx, account, payment, payload)


def _cleared(ctx: ApplyContext, account: Any, payment: Any) -> dict[str, Any]:
    if PaymentMethod(payment.method) is not PaymentMethod.CHEQUE:
        raise Rejected("not_a_cheque",
                       f"Receipt {payment.receipt_number} was not paid by cheque; only a "
                       "cheque is cleared by the bank.")
    if is_reversed(ctx.conn, payment.id):
        raise Rejected("already_reversed",
                       f"Receipt {payment.receipt_number} is already reversed (bounced or "
                       "voided); it cannot be marked cleared.")
    done = ctx.conn.execute(select(cheque_clearances.c.payment_id)
                            .where(cheque_clearances.c.payment_id == payment.id)).first()
    if done is None:
        ctx.conn.execute(cheque_clearances.insert().values(
            payment_id=payment.id, cleared_by=ctx.principal.username, cleared_at=ctx.now))
        record_change(ctx, "cheque_clearances", {"payment_id": payment.id})
        write_log(ctx, account, f"Cheque {payment.reference} of receipt {payment.receipt_number} "
                           "cleared")
    return {"cheque": {"payment_uuid": payment.payment_uuid, "state": "cleared"}}


def _requested_on(ctx: ApplyContext, payload: dict[str, Any]) -> date:
    """The business day the void was asked for: the desk's clock inside the same window
    server.push gives a payment's ``taken_at``, else the server's."""
    at = int_field(payload, "requested_at")
    assert at is not None
    if not ctx.now - ctx.settings.taken_at_past_seconds <= at \
            <= ctx.now + ctx.settings.taken_at_future_seconds:
        at = ctx.now
    return business_date(moment(at), ctx.settings.business_zone)


def _approval(ctx: ApplyContext, payload: dict[str, Any], payment: Any, approved_by: str) -> bool:
    """Whether ``approved_by`` approved offline: an online approval token is used up here;
    without one the desk says it checked the approver's offline verifier."""
    token = payload.get("approval_token")
    if token is None:
        if payload.get("approved_offline") is not True:
            raise Rejected("approval_missing",
                           "A reversal needs a supervisor's approval; ask them to approve it "
                           "with their password.")
        return True
    if not isinstance(token, str) or not token:
        raise Rejected("invalid_payload", "approval_token must be text.")
    where = reversal_approvals.c.token_hash == approval_hash(token)
    row = ctx.conn.execute(select(reversal_approvals).where(where)).first()
    if (row is None or row.payment_uuid != payment.payment_uuid
            or row.requested_by != ctx.principal.username or row.approved_by != approved_by
            or row.expires_at < ctx.now):
        raise Rejected("approval_invalid",
                       "This approval is unknown, expired or for another payment; ask the "
                       "supervisor to approve again.")
    ctx.conn.execute(delete(reversal_approvals).where(where))
    return False


def _reversal(ctx: ApplyContext, account: Any, payment: Any, payload: dict[str, Any]
              ) -> dict[str, Any]:
    try:
        cause = ReversalCause(str(payload.get("cause")))
    except ValueError:
        raise Rejected("invalid_payload", "cause must be 'void' or 'bounce'.") from None
    reversal_uuid = text_field(payload, "reversal_uuid", 36)
    reason = payload.get("reason")
    if not isinstance(reason, str):
        raise Rejected("invalid_payload", "reason must be text.")
    approved_by = text_field(payload, "approved_by", 64)
    assert approved_by is not None
    approved_by = approved_by.lower()
    taken_on = business_date(payment.taken_at, ctx.settings.business_zone)
    request = ReversalRequest(
        cause=cause,
        reason=reason,
        method=PaymentMethod(payment.method),
        receipt_number=payment.receipt_number,
        requested_by=ctx.principal.username,
        approved_by=approved_by,
        already_reversed=is_reversed(ctx.conn, payment.id),
        in_current_session=cause is ReversalCause.BOUNCE or taken_on == _requested_on(
            ctx, payload),
        same_branch=in_same_branch(ctx.principal, payment),
    )
    try:
        reason = check_reversal(
            request, _approver_role(_approver(ctx.conn, approved_by), payment))
    except ReversalError as exc:
        raise Rejected(exc.code, exc.message) from None
    # UNIQUE(reversal_uuid) would refuse the insert below on every retry (a 500 that holds
    # back the whole batch): an id naming another reversal is this mutation's fault alone.
    if ctx.conn.execute(select(payment_reversals.c.id).where(
            payment_reversals.c.reversal_uuid == reversal_uuid)).first() is not None:
        raise Rejected("invalid_payload",
                       "This reversal_uuid already names another reversal; send this one "
                       "under a new id.")
    offline = _approval(ctx, payload, payment, approved_by)
    charge = ctx.settings.cheque_bounce_charge_paise if cause is ReversalCause.BOUNCE else 0
    old_balance = account.balance_paise
    # A Recharge is undone whole: its money, and the days and charge of its order.
    order = _recharge_order(ctx, account, payment)
    new_balance = balance_after_reversal(old_balance, payment.amount_paise, charge,
                                         order.amount_paise if order is not None else 0)
    reversal_id = next_id(ctx.conn, "payment_reversals")
    fy = ctx.today.year if ctx.today.month >= 4 else ctx.today.year - 1
    document = (f"REV/{branch_code(ctx.conn, payment.branch_id)}/"
                f"{fy % 100:02d}-{(fy + 1) % 100:02d}/{reversal_id:09d}")
    # UNIQUE(payment_id): a racing second reversal fails here and server.push's retry
    # answers it from the stored first (same mutation) or refuses it (already reversed).
    ctx.conn.execute(payment_reversals.insert().values(
        id=reversal_id, reversal_uuid=reversal_uuid, payment_id=payment.id,
        account_id=account.id, branch_id=payment.branch_id, cause=cause.value,
        reason=reason, amount_paise=payment.amount_paise, charge_paise=charge,
        requested_by=ctx.principal.username, approved_by=approved_by,
        approved_offline=offline, reversed_at=ctx.now, document_number=document,
        balance_after_paise=new_balance, device_code=ctx.device_code,
    ))
    record_change(ctx, "payment_reversals", {"id": reversal_id})
    # A void frees the payment's UTR: the transfer it names no longer pays anything here,
    # so it may be recorded once more (typically on the right account after a wrong one).
    # The voided payment and its void stay in the ledger; only the guard row goes.
    ctx.conn.execute(delete(payment_utrs).where(payment_utrs.c.payment_id == payment.id))
    account = update_account(ctx, account, balance_paise=new_balance)
    how = "offline, with their PC password" if offline else "online"
    what = (f"Void of receipt {payment.receipt_number}" if cause is ReversalCause.VOID
            else f"Cheque {payment.reference} of receipt {payment.receipt_number} bounced")
    charged = f", bank charge {format_inr(charge)}" if charge else ""
    write_log(ctx, account,
         f"{what}: {format_inr(payment.amount_paise)} reversed{charged} ({document}); "
         f"reason: {reason}; approved by {approved_by} {how}",
         field="balance", old=old_balance, new=new_balance)
    if order is not None:
        account = _roll_back_recharge(ctx, account, payment, order)
    account = _reopen_and_rerun(
        ctx, account, dues_paid_by_reversed(payment.amount_paise, payment.balance_after_paise))
    return {
        "reversal": {
            "document_number": document,
            "balance_after_paise": new_balance,
            "charge_paise": charge,
            "original_document_number": payment.document_number,
            "approved_offline": offline,
        },
        "account_version": account.version,
    }


def _recharge_order(ctx: ApplyContext, account: Any, payment: Any) -> Any:
    """The order a Recharge payment made: the account's active order for its plan that ends
    on the plan expiry. None for other payments, and when a later renewal has been stacked
    on it (that renewal's order is the active one then): its days and charge stay."""
    if payment.plan_id is None or account.plan_expiry is None:
        return None
    orders = table("orders")
    return ctx.conn.execute(
        select(orders).where(orders.c.account_id == account.id, orders.c.status == "active",
                             orders.c.plan_id == payment.plan_id,
                             orders.c.end_date == account.plan_expiry)
        .order_by(orders.c.id.desc()).limit(1)
    ).first()


def _roll_back_recharge(ctx: ApplyContext, account: Any, payment: Any, order: Any) -> Any:
    """Cancel a reversed Recharge's order and take the days it bought off the plan expiry
    (billing.reversal.expiry_after_recharge_reversal); the lifecycle rule runs after."""
    orders = table("orders")
    days = (order.end_date - order.start_date).days + 1
    ctx.conn.execute(update(orders).where(orders.c.id == order.id).values(
        status="cancelled", version=orders.c.version + 1))
    record_change(ctx, "orders", {"id": order.id})
    old_expiry = account.plan_expiry
    only_plan = ctx.conn.execute(
        select(orders.c.id).where(orders.c.account_id == account.id, orders.c.id != order.id,
                                  orders.c.status != "cancelled").limit(1)
    ).first() is None
    new_expiry = expiry_after_recharge_reversal(old_expiry, days, only_plan=only_plan)
    account = update_account(ctx, account, plan_expiry=new_expiry)
    back_to = "none" if new_expiry is None else new_expiry.isoformat()
    write_log(ctx, account, f"Plan expiry back to {back_to}: the Recharge of "
                       f"receipt {payment.receipt_number} ({days} days, "
                       f"{format_inr(order.amount_paise)}) is reversed",
         field="plan_expiry", old=old_expiry, new=new_expiry)
    return account


def _reopen_and_rerun(ctx: ApplyContext, account: Any, owed_again: int) -> Any:
    """Postpaid: the invoices the payment settled (``owed_again``, what it paid towards
    dues) are open again, newest first. Then the
    lifecycle rule runs for this account now (billing.lifecycle.next_status, as the daily
    job would): a reconnection the payment caused is undone when dues past grace reopen."""
    invoices = table("invoices")
    open_dates: list[date] = []
    if not account.prepaid:
        rows = ctx.conn.execute(
            select(invoices).where(invoices.c.account_id == account.id)
            .order_by(invoices.c.invoice_date, invoices.c.id)
        ).all()
        paid = reopen_newest_first(
            [(r.invoice_date, r.amount_paise, r.paid_paise) for r in rows], owed_again)
        for r, now_paid in zip(rows, paid, strict=True):
            if now_paid != r.paid_paise:
                ctx.conn.execute(
                    update(invoices).where(invoices.c.id == r.id).values(
                        paid_paise=now_paid, status="open", version=invoices.c.version + 1))
                record_change(ctx, "invoices", {"id": r.id})
            if is_outstanding(r.amount_paise - now_paid):
                open_dates.append(r.invoice_date)
    if AccountStatus(account.status) is AccountStatus.TERMINATED:
        return account
    change = next_status(
        AccountStatus(account.status), prepaid=bool(account.prepaid), on=ctx.today,
        expiry=account.plan_expiry, open_invoice_dates=open_dates,
        has_plan=account.plan_id is not None,
    )
    return account if change is None else change_status(ctx, account, change)
