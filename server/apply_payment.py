"""Applying a pushed payment, advance or recharge: the ``payments`` row, the account's new
balance, a recharge's order and the status it leaves.

A payment is applied with ``billing.taken_payment.apply_taken_payment`` against the server's balance
(the client's numbers are never trusted): money taken at a counter is never refused for the
balance having moved, only for what no cashier could have taken. When the server applies it
differently from the cashier's preview the answer carries ``applied_as`` (how, and why).
``UNIQUE(payment_uuid)`` and the ``payment_utrs`` primary key keep a payment and a UTR to
one use even for two servers racing; ``server.push`` turns the refused insert into the first
payment's answer.
"""

from __future__ import annotations

from datetime import UTC, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select, update

from billing.lifecycle import (
    AccountStatus,
    allocate_fifo,
    business_date,
    renewal_expiry,
    status_after_payment,
)
from billing.money import format_inr
from billing.references import check_reference, utr_key
from billing.roles import Action
from billing.rules import PaymentMethod, PaymentOption, RuleError, cash_change_due, is_outstanding
from billing.taken_payment import TakenPayment, applied_as_label, apply_taken_payment
from db.server_schema import payment_utrs
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
from server.database import next_id
from server.document_series import next_payment_document_number
from server.errors import ApiError
from server.scopes import account_in_scope

__all__ = ["apply_payment"]


def apply_payment(ctx: ApplyContext, account: Any, payload: dict[str, Any]) -> dict[str, Any]:
    """Apply a ``payment`` mutation to the locked ``account``; the answer's ``payment`` (its
    document number, the balance after) and ``applied_as`` when it differs from the preview."""
    if not ctx.principal.may(Action.TAKE_PAYMENT):
        raise Rejected("forbidden", "This role may not take payments.")
    try:
        option = PaymentOption(str(payload.get("option")))
        method = PaymentMethod(str(payload.get("method")))
    except ValueError:
        raise Rejected("invalid_payload", "Unknown payment option or method.") from None
    amount = int_field(payload, "amount_paise")
    taken_at = int_field(payload, "taken_at")
    tendered = int_field(payload, "tendered_paise", optional=True)
    plan_id = int_field(payload, "plan_id", optional=True)
    receipt = text_field(payload, "receipt_number", 32)
    payment_uuid = text_field(payload, "payment_uuid", 36)
    reference = payload.get("reference")
    if reference is not None and not isinstance(reference, str):
        raise Rejected("invalid_payload", "reference must be text.")
    assert amount is not None and taken_at is not None
    if not 0 <= taken_at <= 253_402_300_799:
        raise Rejected("invalid_payload", "taken_at must be epoch seconds.")
    # The desk's clock decides nothing: a time outside the window around the server's is
    # recorded as the server's time, the desk's kept in the log as information.
    desk_clock = ""
    if not ctx.now - ctx.settings.taken_at_past_seconds <= taken_at \
            <= ctx.now + ctx.settings.taken_at_future_seconds:
        desk_clock = f"; desk clock said {moment(taken_at):%Y-%m-%d %H:%M} UTC"
        taken_at = ctx.now
    try:
        # A cheque is judged on the day it was taken, not the day the desk came online.
        taken_on = business_date(moment(taken_at), ctx.settings.business_zone)
        reference = check_reference(method, reference, today=min(taken_on, ctx.today))
        utr = utr_key(method, reference)
        if utr is not None:
            _refuse_used_utr(ctx, utr)
        plan = None
        charge: int | None = None if option is PaymentOption.RECHARGE else 0
        if option is PaymentOption.RECHARGE and plan_id is not None:
            plans = table("plans")
            plan = ctx.conn.execute(select(plans).where(plans.c.id == plan_id)).first()
            # A plan withdrawn since the counter took the money still renews: only a plan
            # no counter could have offered to this account is refused.
            if plan is None or not plan.prepaid or plan.branch_id not in (None, account.branch_id):
                raise RuleError("That plan is not offered to this account.", code="plan_invalid")
            # The charge recorded at the counter; a desk that sent none (or 0) charges
            # today's price.
            charge = int_field(payload, "charge_paise", optional=True) or plan.price_paise
        counter_balance = int_field(payload, "balance_before_paise", optional=True)
        applied, counter = apply_taken_payment(
            option,
            amount,
            balance_paise=account.balance_paise,
            prepaid=account.prepaid,
            charge_paise=charge,
            counter_balance_paise=counter_balance,
            ceiling_paise=ctx.settings.ceiling_paise,
        )
        if method is PaymentMethod.CASH and tendered is not None:
            cash_change_due(amount, tendered)
    except RuleError as exc:
        raise Rejected(exc.code, exc.message) from None
    applied_as = None
    if counter is not None or (plan is not None and charge != plan.price_paise):
        applied_as = _applied_as(ctx, account, applied, counter_balance, plan)
    # A payment_uuid taken before under another mutation id: UNIQUE(payment_uuid) refuses
    # the insert and the retry loop answers "duplicate" with that payment.
    payment_id = next_id(ctx.conn, "payments")
    # Gapless per branch and financial year: the series row stays locked until this commits.
    # The year is the one the payment was taken in (an offline payment of 31 March pushed on
    # 1 April belongs to the year that ended), not the day it reached the server.
    document = next_payment_document_number(ctx.conn, branch_code(ctx.conn, account.branch_id),
                                            taken_on)
    ctx.conn.execute(
        table("payments").insert().values(
            id=payment_id,
            payment_uuid=payment_uuid,
            account_id=account.id,
            kind=option.value,
            method=method.value,
            reference=reference,
            amount_paise=amount,
            plan_id=plan.id if plan is not None else None,
            receipt_number=receipt,
            document_number=document,
            taken_by=ctx.principal.username,
            taken_at=moment(taken_at),
            balance_after_paise=applied.balance_after_paise,
            branch_id=account.branch_id,
            device_code=ctx.device_code,
            version=1,
        )
    )
    if utr is not None:
        # The primary key makes the UTR's single use hold even for two servers racing.
        ctx.conn.execute(payment_utrs.insert().values(utr=utr, payment_id=payment_id))
    record_change(ctx, "payments", {"id": payment_id})
    values: dict[str, Any] = {"balance_paise": applied.balance_after_paise}
    if plan is not None:
        values.update(_recharge(ctx, account, plan, applied.charge_paise))
    old_balance, old_expiry = account.balance_paise, account.plan_expiry
    account = update_account(ctx, account, **values)
    write_log(
        ctx,
        account,
        f"{option.label} of {format_inr(amount)} by {method.label}"
        f" (receipt {receipt}, {document}{desk_clock})"
        + ("" if applied_as is None else f"; {applied_as['notice']}"),
        field="balance",
        old=old_balance,
        new=applied.balance_after_paise,
    )
    if plan is not None:
        write_log(ctx, account, f"Recharged {plan.name} until {account.plan_expiry.isoformat()}",
             field="plan_expiry", old=old_expiry, new=account.plan_expiry)
    account = _reconnect_if_due(ctx, account, applied.dues_paid_paise)
    answer: dict[str, Any] = {
        "payment": {
            "document_number": document,
            "balance_after_paise": applied.balance_after_paise,
            "receipt_number": receipt,
        },
        "account_version": account.version,
    }
    if applied_as is not None:
        answer["applied_as"] = applied_as
    return answer


_SPLIT_KINDS = ("payment_and_advance", "recharge")


def _applied_as(ctx: ApplyContext, account: Any, applied: TakenPayment, counter_balance: int | None,
                plan: Any) -> dict[str, Any]:
    """How a payment was applied differently from the cashier's preview, and why, with
    who moved the balance and when, from the ledger (docs/sync-api.md "applied_as")."""
    reasons = []
    if plan is not None and applied.charge_paise != plan.price_paise:
        reasons.append(f"{plan.name} costs {format_inr(plan.price_paise)} now; charged "
                       f"{format_inr(applied.charge_paise)} as recorded at the counter")
    before = applied.balance_before_paise
    if counter_balance is None or counter_balance != before:
        logs = table("log_entries")
        last = ctx.conn.execute(
            select(logs.c.at, logs.c.user)
            .where(logs.c.account_id == account.id, logs.c.field == "balance")
            .order_by(logs.c.at.desc(), logs.c.id.desc()).limit(1)
        ).first()
        when = ""
        if last is not None:
            at = last.at if last.at.tzinfo else last.at.replace(tzinfo=UTC)
            local = at.astimezone(ZoneInfo(ctx.settings.business_zone))
            stamp = f"{local:%H:%M}" if local.date() == ctx.today else f"{local:%d-%m-%Y %H:%M}"
            when = f" at {stamp} by {last.user}"
        if counter_balance is None:
            reasons.append(f"the balance is {format_inr(before)}, last changed{when}")
        elif is_outstanding(counter_balance) and not is_outstanding(before):
            reasons.append(f"dues were paid{when}")
        elif before < counter_balance:
            what = "dues" if is_outstanding(before) else "balance"
            reasons.append(f"the {what} fell to {format_inr(before)}{when}")
        else:
            reasons.append(f"the balance rose to {format_inr(before)}{when}")
    label = applied_as_label(applied.kind)
    parts = [f"{format_inr(applied.dues_paid_paise)} to dues"] if applied.dues_paid_paise else []
    if applied.credit_paise:
        parts.append(f"{format_inr(applied.credit_paise)} as advance credit")
    reason = "; ".join(reasons)
    return {
        "kind": applied.kind,
        "dues_paid_paise": applied.dues_paid_paise,
        "credit_paise": applied.credit_paise,
        "charge_paise": applied.charge_paise,
        "balance_after_paise": applied.balance_after_paise,
        "reason": reason,
        "notice": f"applied as {label}"
                  + (f" ({', '.join(parts)})" if applied.kind in _SPLIT_KINDS else "")
                  + f": {reason}",
    }


def _refuse_used_utr(ctx: ApplyContext, utr: str) -> None:
    """Rejected("reference_used") if ``utr`` paid before, anywhere in the ledger; the
    earlier receipt is named only when the caller may see that payment's account."""
    payments = table("payments")
    earlier = ctx.conn.execute(
        select(payments.c.receipt_number, payments.c.account_id)
        .join(payment_utrs, payment_utrs.c.payment_id == payments.c.id)
        .where(payment_utrs.c.utr == utr)
    ).first()
    if earlier is None:
        return
    try:
        account_in_scope(ctx.conn, ctx.principal, earlier.account_id)
    except ApiError:
        which = "by another payment"
    else:
        which = f"by receipt {earlier.receipt_number}"
    raise Rejected(
        "reference_used",
        f"UTR {utr} was already used {which}; one UTR pays once. Ask the customer for the "
        "UTR of this payment in their payment app; if it is the same payment, do not take "
        "it again.",
    )


def _recharge(ctx: ApplyContext, account: Any, plan: Any, charge_paise: int) -> dict[str, Any]:
    """A new order for ``plan`` renewing the expiry (billing.lifecycle.renewal_expiry), at
    the price recorded at the counter."""
    orders = table("orders")
    new_expiry = renewal_expiry(account.plan_expiry, ctx.today, plan.validity_days)
    start = new_expiry - timedelta(days=plan.validity_days - 1)
    for order in ctx.conn.execute(
        select(orders.c.id).where(orders.c.account_id == account.id, orders.c.status == "active")
    ).all():
        ctx.conn.execute(
            update(orders).where(orders.c.id == order.id)
            .values(status="completed", version=orders.c.version + 1)
        )
        record_change(ctx, "orders", {"id": order.id})
    order_id = next_id(ctx.conn, "orders")
    ctx.conn.execute(
        orders.insert().values(
            id=order_id,
            account_id=account.id,
            plan_id=plan.id,
            ordered_at=moment(ctx.now),
            start_date=start,
            end_date=new_expiry,
            amount_paise=charge_paise,
            status="active",
            version=1,
        )
    )
    record_change(ctx, "orders", {"id": order_id})
    return {"plan_id": plan.id, "plan_expiry": new_expiry}


def _reconnect_if_due(ctx: ApplyContext, account: Any, dues_paid_paise: int) -> Any:
    """After money came in (``dues_paid_paise`` of it to dues): settle postpaid invoices
    oldest first; reconnect when the rules say so (prepaid: a renewed expiry; postpaid: no
    invoice left past its grace)."""
    if account.prepaid:
        change = status_after_payment(
            AccountStatus(account.status), prepaid=True, on=ctx.today,
            expiry=account.plan_expiry,
        )
        return account if change is None else change_status(ctx, account, change)
    invoices = table("invoices")
    open_rows = ctx.conn.execute(
        select(invoices)
        .where(invoices.c.account_id == account.id, invoices.c.status == "open")
        .order_by(invoices.c.invoice_date, invoices.c.id)
    ).all()
    if open_rows:
        # What the customer has paid towards open invoices: what they owe now, FIFO. This
        # payment's dues money goes to the invoices before a due that is no invoice (a
        # bounced cheque's bank charge), as the desk's preview allocates it.
        total_open = sum(r.amount_paise - r.paid_paise for r in open_rows)
        paid_now = max(0, total_open - max(0, account.balance_paise),
                       min(total_open, dues_paid_paise))
        remaining = allocate_fifo(
            [(r.invoice_date, r.amount_paise - r.paid_paise) for r in open_rows], paid_now
        )
        for r, left in zip(open_rows, remaining, strict=True):
            if left == r.amount_paise - r.paid_paise:
                continue
            ctx.conn.execute(
                update(invoices).where(invoices.c.id == r.id).values(
                    paid_paise=r.amount_paise - left,
                    status="open" if left else "paid",
                    version=invoices.c.version + 1,
                )
            )
            record_change(ctx, "invoices", {"id": r.id})
        open_dates = [
            r.invoice_date for r, left in zip(open_rows, remaining, strict=True)
            if is_outstanding(left)
        ]
    else:
        open_dates = []
    change = status_after_payment(
        AccountStatus(account.status), prepaid=False, on=ctx.today,
        open_invoice_dates=open_dates, has_plan=account.plan_id is not None,
    )
    if change is not None:
        return change_status(ctx, account, change)
    return account
