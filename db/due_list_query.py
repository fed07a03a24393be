"""The due list, read over cache + outbox: accounts of a branch to call or take money from
today (suspended today, suspending tomorrow, postpaid invoices in their last days of grace),
with this device's pending payments laid over them. Every date comes from
``billing.lifecycle``; the desktop shows it in ``desktop/payments/due_list.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Engine, text

from billing.lifecycle import (
    allocate_fifo,
    expiry_suspending_on,
    grace_days_left,
    invoice_date_suspending_on,
    invoice_date_with_days_left,
    postpaid_suspension_date,
    prepaid_suspension_date,
)
from billing.messages import Msg, english
from billing.rules import PaymentOption, is_outstanding, payment_options_paise
from db.outbox import Mutation, MutationKind, Outbox
from db.overlay import payment_delta
from db.payments_local import _as_date  # the cache's date columns, read as load_account does

__all__ = ["DUE_GRACE_WINDOW_DAYS", "DueCategory", "DueRow", "due_list"]


#: The due list shows postpaid invoices in their last this-many days of grace.
DUE_GRACE_WINDOW_DAYS = 3


class DueCategory:
    SUSPENDED_TODAY = "Suspended today"
    SUSPENDING_TOMORROW = "Suspending tomorrow"
    GRACE_ENDING = "Last days of grace"

    ORDER = (SUSPENDED_TODAY, SUSPENDING_TOMORROW, GRACE_ENDING)


@dataclass(frozen=True)
class DueRow:
    category: str
    account_id: int
    name: str
    mobile: str
    prepaid: bool
    balance_paise: int
    """Provisional (cache + pending payments)."""
    key_date: date
    """The day the account was or will be suspended."""
    detail: str
    """Why the account is listed, in English (``english(why, *why_values)``, dates as
    27 Nov 2026)."""
    option: PaymentOption
    why: Msg | None = None
    """The reason's message id (billing.messages), for the desk to word it in its language."""
    why_values: tuple[object, ...] = ()
    """The values that go in ``why`` (dates as ``date``, counts as ``int``)."""


def _english(msg: Msg, *values: object) -> str:
    """The reason in English, dates written 27 Nov 2026."""
    return english(msg, *(f"{v:%d %b %Y}" if isinstance(v, date) else v for v in values))


def due_list(
    cache_engine: Engine, outbox: Outbox, branch_id: int | None, today: date
) -> list[DueRow]:
    """Accounts of a branch (all branches when None) to call or take money from today:
    suspended today, suspending tomorrow, postpaid invoices in their last days of grace.
    An account whose pending payment already settles it is left out."""
    branch_sql = "" if branch_id is None else " AND a.branch_id = :branch"
    # Candidate windows, read backwards from billing.lifecycle: prepaid plans suspending today
    # or tomorrow; postpaid invoices suspending today or in their last days of grace.
    prepaid_sql = (
        "SELECT a.id, a.name, a.mobile, a.balance_paise, a.plan_expiry FROM accounts a "
        "WHERE a.prepaid AND a.status != 'Terminated' AND a.plan_expiry BETWEEN :lo AND :hi"
        + branch_sql
    )
    lo_pre, hi_pre = expiry_suspending_on(today), expiry_suspending_on(today + timedelta(days=1))
    postpaid_sql = (
        "SELECT a.id, a.name, a.mobile, a.balance_paise, i.invoice_date, i.amount_paise, "
        "i.paid_paise FROM accounts a JOIN invoices i ON i.account_id = a.id "
        "WHERE NOT a.prepaid AND a.status != 'Terminated' AND i.status = 'open'"
        + branch_sql
        + " AND a.id IN (SELECT account_id FROM invoices WHERE status = 'open' "
        "AND invoice_date BETWEEN :lo AND :hi) ORDER BY a.id, i.invoice_date, i.id"
    )
    # From the invoice suspending today to the newest with DUE_GRACE_WINDOW_DAYS - 1 days left.
    lo_post = invoice_date_suspending_on(today)
    hi_post = invoice_date_with_days_left(DUE_GRACE_WINDOW_DAYS - 1, today)
    params: dict[str, Any] = {"branch": branch_id}
    with cache_engine.connect() as conn:
        pre = conn.execute(text(prepaid_sql), {**params, "lo": lo_pre, "hi": hi_pre}).all()
        post = conn.execute(text(postpaid_sql), {**params, "lo": lo_post, "hi": hi_post}).all()
    pending = _pending_by_account(outbox)
    rows: list[DueRow] = []
    for r in pre:
        expiry = _as_date(r.plan_expiry)
        assert expiry is not None
        ms = pending.get(r.id, [])
        if any(m.payload.get("option") == PaymentOption.RECHARGE for m in ms):
            continue  # a recharge is already on its way
        balance = int(r.balance_paise) + sum(payment_delta(m) for m in ms)
        suspends = prepaid_suspension_date(expiry)
        why: tuple[Msg, tuple[object, ...]]
        if suspends == today:
            category, why = DueCategory.SUSPENDED_TODAY, (Msg.DUE_PLAN_EXPIRED, (expiry,))
        elif suspends == today + timedelta(days=1):
            category, why = DueCategory.SUSPENDING_TOMORROW, (Msg.DUE_PLAN_EXPIRES_TODAY, ())
        else:
            continue
        rows.append(DueRow(category, r.id, r.name, r.mobile, True, balance, suspends,
                           _english(why[0], *why[1]), payment_options_paise(balance, True)[0],
                           why[0], why[1]))
    by_account: dict[int, list[Any]] = {}
    for r in post:
        by_account.setdefault(r.id, []).append(r)
    for account_id, invoices in by_account.items():
        first = invoices[0]
        ms = pending.get(account_id, [])
        paid = sum(int(m.payload["amount_paise"]) for m in ms)
        pairs = [(_as_date(r.invoice_date), int(r.amount_paise) - int(r.paid_paise))
                 for r in invoices]
        left = allocate_fifo(pairs, paid)  # type: ignore[arg-type]
        balance = int(first.balance_paise) + sum(payment_delta(m) for m in ms)
        for (inv_date, _), due in zip(pairs, left, strict=True):
            assert inv_date is not None
            if not is_outstanding(due):
                continue
            days = grace_days_left(inv_date, today)
            if postpaid_suspension_date(inv_date) == today:
                category = DueCategory.SUSPENDED_TODAY
                key, why = today, (Msg.DUE_INVOICE_AFTER_GRACE, (inv_date,))
            elif 0 <= days < DUE_GRACE_WINDOW_DAYS:
                category = (DueCategory.SUSPENDING_TOMORROW if days == 0
                            else DueCategory.GRACE_ENDING)
                key = postpaid_suspension_date(inv_date)
                why = ((Msg.DUE_INVOICE_LAST_DAY, (inv_date,)) if days == 0
                       else (Msg.DUE_INVOICE_DAYS_LEFT, (inv_date, days + 1)))
            else:
                continue
            rows.append(DueRow(category, account_id, first.name, first.mobile, False, balance,
                               key, _english(why[0], *why[1]),
                               payment_options_paise(balance, False)[0], why[0], why[1]))
            break
    order = {c: i for i, c in enumerate(DueCategory.ORDER)}
    rows.sort(key=lambda d: (order[d.category], d.key_date, d.name, d.account_id))
    return rows


def _pending_by_account(outbox: Outbox) -> dict[int, list[Mutation]]:
    result: dict[int, list[Mutation]] = {}
    for m in outbox.pending(limit=100_000):
        if m.kind is MutationKind.PAYMENT and m.account_id is not None:
            result.setdefault(m.account_id, []).append(m)
    return result
