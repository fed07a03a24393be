"""The Billing tab: plan, expiry, open invoices and their grace, the balance with unsent
payments, the payment options and the twelve-month balance chart."""

# No ``from __future__ import annotations`` here: NamedTuple would compile every string
# annotation as a ForwardRef at import (~20 ms); real annotations cost nothing.
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import NamedTuple

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from billing.lifecycle import (
    DEFAULT_ZONE,
    AccountStatus,
    allocate_fifo,
    business_date,
    grace_days_left,
    postpaid_last_payment_date,
    postpaid_status,
    postpaid_suspension_date,
    prepaid_status,
    prepaid_suspension_date,
)
from billing.rules import PaymentOption, is_outstanding, payment_options_paise
from db.account_details.pending import account_mutations, pending_of
from db.outbox import MutationKind, Outbox
from db.overlay import payment_delta
from db.schema import (
    Account,
    Invoice,
    Order,
    Payment,
    Plan,
)

__all__ = [
    "CHART_MONTHS",
    "BillingDetails",
    "MonthPoint",
    "OpenInvoice",
    "balance_history",
    "load_billing",
]


CHART_MONTHS = 12


class OpenInvoice(NamedTuple):
    number: str
    invoice_date: date
    outstanding_paise: int
    last_payment_date: date
    suspension_date: date
    days_left: int  # 0 on the last payable day, negative once past


class MonthPoint(NamedTuple):
    month: date  # first day of the month
    balance_paise: int  # balance at the end of the month (or today for this month)
    payments_paise: int  # payments taken in the month


class BillingDetails(NamedTuple):
    account_id: int
    today: date
    prepaid: bool
    status: str
    expected_status: AccountStatus
    plan: str | None
    plan_price_paise: int | None
    plan_validity_days: int | None
    plan_speed_mbps: int | None
    expiry: date | None
    suspension_date: date | None  # prepaid: the day after expiry
    open_invoices: list[OpenInvoice]
    balance_paise: int
    provisional_balance_paise: int
    pending_payments: int
    options: list[PaymentOption]
    chart: list[MonthPoint]


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def balance_history(
    balance_now_paise: int,
    charges: Sequence[tuple[date, int]],
    payments: Sequence[tuple[date, int]],
    today: date,
    months: int = CHART_MONTHS,
) -> list[MonthPoint]:
    """Month-end balances and monthly payment totals over the last ``months`` months.

    Computed backwards from the current balance: the balance at the end of a day is today's
    balance less the charges after that day plus the payments after it.
    """
    first = _month_start(today)
    starts = [first]
    for _ in range(months - 1):
        starts.insert(0, _month_start(starts[0] - timedelta(days=1)))
    points: list[MonthPoint] = []
    for start in starts:
        end = min(_next_month(start) - timedelta(days=1), today)
        later_charges = sum(a for d, a in charges if d > end)
        later_payments = sum(a for d, a in payments if d > end)
        in_month = sum(a for d, a in payments if start <= d <= end)
        points.append(
            MonthPoint(start, balance_now_paise - later_charges + later_payments, in_month)
        )
    return points


def load_billing(
    cache: Engine,
    outbox: Outbox | None,
    account_id: int,
    today: date,
    zone: str = DEFAULT_ZONE,
) -> BillingDetails | None:
    with Session(cache) as conn:
        row = conn.execute(
            select(
                Account.prepaid,
                Account.status,
                Account.balance_paise,
                Account.plan_expiry,
                Plan.name,
                Plan.price_paise,
                Plan.validity_days,
                Plan.speed_mbps,
            )
            .outerjoin(Plan, Plan.id == Account.plan_id)
            .where(Account.id == account_id)
        ).first()
        if row is None:
            return None
        invoices = conn.execute(
            select(Invoice.number, Invoice.invoice_date, Invoice.amount_paise, Invoice.paid_paise)
            .where(Invoice.account_id == account_id)
            .order_by(Invoice.invoice_date, Invoice.id)
        ).all()
        paid = conn.execute(
            select(Payment.taken_at, Payment.amount_paise).where(Payment.account_id == account_id)
        ).all()
        charge_rows: list[tuple[date, int]]
        if row.prepaid:
            charge_rows = [
                (start, amount)
                for start, amount in conn.execute(
                    select(Order.start_date, Order.amount_paise).where(
                        Order.account_id == account_id
                    )
                )
            ]
        else:
            charge_rows = [(i.invoice_date, i.amount_paise) for i in invoices]
    prepaid = bool(row.prepaid)
    mutations = account_mutations(outbox, account_id)
    pending = pending_of(mutations, MutationKind.PAYMENT)
    provisional = row.balance_paise + sum(payment_delta(m) for m in pending)

    # Pending payments settle the oldest invoices first, as the server will.
    pending_paid = -sum(payment_delta(m) for m in pending)
    pairs = [(i.invoice_date, i.amount_paise) for i in invoices]
    paid_total = sum(i.paid_paise for i in invoices) + max(0, pending_paid)
    remaining = allocate_fifo(pairs, paid_total) if pairs else []
    open_list: list[OpenInvoice] = []
    for index, inv in enumerate(invoices):
        if not is_outstanding(remaining[index]):
            continue
        open_list.append(
            OpenInvoice(
                number=inv.number,
                invoice_date=inv.invoice_date,
                outstanding_paise=remaining[index],
                last_payment_date=postpaid_last_payment_date(inv.invoice_date),
                suspension_date=postpaid_suspension_date(inv.invoice_date),
                days_left=grace_days_left(inv.invoice_date, today),
            )
        )

    if row.status == AccountStatus.TERMINATED.value:
        expected = AccountStatus.TERMINATED
    elif prepaid:
        expected = prepaid_status(row.plan_expiry, today)
    else:
        expected = postpaid_status(
            [o.invoice_date for o in open_list], today, has_plan=row.name is not None
        )

    payments = [(business_date(at, zone), amount) for at, amount in paid]
    for m in pending:
        taken = datetime.fromtimestamp(int(m.payload.get("taken_at") or 0), UTC)
        payments.append((business_date(taken, zone), int(m.payload["amount_paise"])))
        if m.payload.get("charge_paise"):
            charge_rows = [
                *charge_rows,
                (business_date(taken, zone), int(m.payload["charge_paise"])),
            ]
    chart = balance_history(provisional, list(charge_rows), payments, today)
    return BillingDetails(
        account_id=account_id,
        today=today,
        prepaid=prepaid,
        status=row.status,
        expected_status=expected,
        plan=row.name,
        plan_price_paise=row.price_paise,
        plan_validity_days=row.validity_days,
        plan_speed_mbps=row.speed_mbps,
        expiry=row.plan_expiry,
        suspension_date=prepaid_suspension_date(row.plan_expiry)
        if prepaid and row.plan_expiry
        else None,
        open_invoices=open_list,
        balance_paise=row.balance_paise,
        provisional_balance_paise=provisional,
        pending_payments=len(pending),
        options=payment_options_paise(provisional, prepaid),
        chart=chart,
    )
