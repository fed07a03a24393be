"""Billing lifecycle: business dates, suspension dates and account status.

All dates are business dates in the server's zone (``business_date``), never the PC's clock.
Every function is a pure function of its arguments, so the lifecycle job is idempotent and a
job that runs late reaches the same answer as one that ran on time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from billing.rules import OUTSTANDING_THRESHOLD_PAISE

__all__ = [
    "DEFAULT_ZONE",
    "POSTPAID_GRACE_DAYS",
    "AccountStatus",
    "StatusChange",
    "allocate_fifo",
    "business_date",
    "expiry_suspending_on",
    "grace_days_left",
    "invoice_date_suspending_on",
    "invoice_date_with_days_left",
    "next_status",
    "open_invoice_dates",
    "postpaid_last_payment_date",
    "postpaid_status",
    "postpaid_suspension_date",
    "prepaid_status",
    "prepaid_suspension_date",
    "renewal_expiry",
    "status_after_payment",
]

DEFAULT_ZONE = "Asia/Kolkata"
POSTPAID_GRACE_DAYS = 15
_DAY = timedelta(days=1)


class AccountStatus(StrEnum):
    """An account's connection status; the value is stored and shown as is."""

    ACTIVE = "Active"
    SUSPENDED = "Suspended"
    INACTIVE = "Inactive"
    TERMINATED = "Terminated"


def _as_date(value: object, name: str) -> date:
    # datetime is a subclass of date; date arithmetic on it would silently keep the time.
    if isinstance(value, datetime) or not isinstance(value, date):
        raise TypeError(f"{name} must be a date (use business_date() for a datetime)")
    return value


def business_date(moment: datetime, zone: str = DEFAULT_ZONE) -> date:
    """The calendar date of an aware ``moment`` in ``zone``; naive datetimes are refused."""
    if not isinstance(moment, datetime):
        raise TypeError(f"moment must be a datetime, not {type(moment).__name__}")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("moment is a naive datetime; give it a time zone (e.g. UTC)")
    return moment.astimezone(ZoneInfo(zone)).date()


def prepaid_suspension_date(expiry: date) -> date:
    """A prepaid plan's expiry is its last day of service; suspension is the day after."""
    return _as_date(expiry, "expiry") + _DAY


def postpaid_last_payment_date(invoice_date: date) -> date:
    """Last day an invoice may be paid without suspension: invoice date + 15 days."""
    return _as_date(invoice_date, "invoice_date") + timedelta(days=POSTPAID_GRACE_DAYS)


def postpaid_suspension_date(invoice_date: date) -> date:
    """Day an unpaid invoice suspends the account: invoice date + 16 days."""
    return postpaid_last_payment_date(invoice_date) + _DAY


def grace_days_left(invoice_date: date, on: date) -> int:
    """Days from ``on`` to the last payment date: 0 on that last (still payable) day,
    15 on the invoice date, negative once past (-1 on the suspension date)."""
    return (postpaid_last_payment_date(invoice_date) - _as_date(on, "on")).days


# The same dates read backwards, for queries that look for the accounts a day concerns.


def expiry_suspending_on(day: date) -> date:
    """The prepaid expiry whose plan suspends on ``day`` (inverse of
    :func:`prepaid_suspension_date`)."""
    return _as_date(day, "day") - _DAY


def invoice_date_suspending_on(day: date) -> date:
    """The invoice date whose non-payment suspends on ``day`` (inverse of
    :func:`postpaid_suspension_date`)."""
    return _as_date(day, "day") - timedelta(days=POSTPAID_GRACE_DAYS) - _DAY


def invoice_date_with_days_left(days_left: int, on: date) -> date:
    """The invoice date with ``days_left`` days of grace on ``on`` (inverse of
    :func:`grace_days_left`)."""
    return _as_date(on, "on") + timedelta(days=days_left - POSTPAID_GRACE_DAYS)


def renewal_expiry(current_expiry: date | None, today: date, validity_days: int) -> date:
    """New expiry after a renewal on ``today``: from the current expiry if it has not
    passed, else from today (``max(expiry, today - 1) + validity_days``)."""
    if isinstance(validity_days, bool) or not isinstance(validity_days, int):
        raise TypeError("validity_days must be an int")
    if validity_days < 1:
        raise ValueError("validity_days must be at least 1")
    day_before = _as_date(today, "today") - _DAY
    base = day_before if current_expiry is None else _as_date(current_expiry, "current_expiry")
    return max(base, day_before) + timedelta(days=validity_days)


def prepaid_status(expiry: date | None, on: date) -> AccountStatus:
    """Inactive without a plan, Active through the expiry day, Suspended from the day after."""
    _as_date(on, "on")
    if expiry is None:
        return AccountStatus.INACTIVE
    if on >= prepaid_suspension_date(expiry):
        return AccountStatus.SUSPENDED
    return AccountStatus.ACTIVE


def _overdue(open_invoice_dates: Iterable[date], on: date) -> list[date]:
    _as_date(on, "on")
    return sorted(d for d in open_invoice_dates if on >= postpaid_suspension_date(d))


def postpaid_status(
    open_invoice_dates: Iterable[date], on: date, has_plan: bool = True
) -> AccountStatus:
    """Inactive without a plan, Suspended while any open invoice is past its grace,
    else Active."""
    overdue = _overdue(open_invoice_dates, on)
    if not has_plan:
        return AccountStatus.INACTIVE
    return AccountStatus.SUSPENDED if overdue else AccountStatus.ACTIVE


@dataclass(frozen=True)
class StatusChange:
    """A status change the lifecycle job applies and logs (user ``system``)."""

    old: AccountStatus
    new: AccountStatus
    rule: str
    """The rule that fired, in words, for the Log entry."""


def next_status(
    current: AccountStatus,
    *,
    prepaid: bool,
    on: date,
    expiry: date | None = None,
    open_invoice_dates: Iterable[date] = (),
    has_plan: bool | None = None,
) -> StatusChange | None:
    """The change the lifecycle job should make on ``on``, or None when none is due.

    Terminated never changes. Prepaid follows ``expiry``; postpaid follows the open invoices.
    ``has_plan`` (postpaid only) defaults to "unless the account is Inactive", since only an
    order, not this job, gives an account a plan.
    """
    current = AccountStatus(current)
    _as_date(on, "on")
    if current is AccountStatus.TERMINATED:
        return None
    if prepaid:
        new = prepaid_status(expiry, on)
        if new is current:
            return None
        if new is AccountStatus.SUSPENDED and expiry is not None:
            rule = (
                f"prepaid plan expired on {expiry.isoformat()}; "
                f"suspended on {prepaid_suspension_date(expiry).isoformat()}"
            )
        elif new is AccountStatus.INACTIVE:
            rule = "no active prepaid plan"
        elif current is AccountStatus.SUSPENDED:
            rule = f"renewed until {expiry}; reconnected"
        else:
            rule = f"prepaid plan active until {expiry}"
        return StatusChange(current, new, rule)

    if has_plan is None:
        has_plan = current is not AccountStatus.INACTIVE
    dates = list(open_invoice_dates)
    new = postpaid_status(dates, on, has_plan)
    if new is current:
        return None
    if new is AccountStatus.SUSPENDED:
        oldest = _overdue(dates, on)[0]
        rule = (
            f"postpaid invoice of {oldest.isoformat()} unpaid after "
            f"{POSTPAID_GRACE_DAYS} days of grace"
        )
    elif new is AccountStatus.INACTIVE:
        rule = "no active postpaid plan"
    elif current is AccountStatus.SUSPENDED:
        rule = "no invoice left unpaid past its grace; reconnected on its order plan"
    else:
        rule = "postpaid plan active; all invoices within grace"
    return StatusChange(current, new, rule)


def status_after_payment(
    current: AccountStatus,
    *,
    prepaid: bool,
    on: date,
    expiry: date | None = None,
    open_invoice_dates: Iterable[date] = (),
    has_plan: bool = True,
) -> StatusChange | None:
    """The status change a payment makes on ``on``, or None: the one rule the desk's
    preview and the server's ledger both follow.

    A payment only reconnects; it never suspends (the daily job does that, on its own
    schedule). Prepaid: a Suspended or Inactive account is Active again once ``expiry``
    (after any renewal the payment bought) covers ``on``. Postpaid: a Suspended account
    with a plan is Active again once no invoice in ``open_invoice_dates`` (what is still
    open after the payment) is past its grace; an Inactive postpaid account waits for an
    order. ``has_plan`` is whether a postpaid account has an order plan.
    """
    current = AccountStatus(current)
    if prepaid:
        if current not in (AccountStatus.SUSPENDED, AccountStatus.INACTIVE):
            return None
        change = next_status(current, prepaid=True, on=on, expiry=expiry)
    else:
        if current is not AccountStatus.SUSPENDED:
            return None
        change = next_status(
            current, prepaid=False, on=on, open_invoice_dates=open_invoice_dates,
            has_plan=has_plan,
        )
    if change is not None and change.new is AccountStatus.ACTIVE:
        return change
    return None


def allocate_fifo(invoices: Sequence[tuple[date, int]], paid_paise: int) -> list[int]:
    """Outstanding paise per invoice, in the given order, after ``paid_paise`` has been
    applied oldest invoice first (by date; equal dates in the given order)."""
    if isinstance(paid_paise, bool) or not isinstance(paid_paise, int):
        raise TypeError("paid_paise must be int paise")
    if paid_paise < 0:
        raise ValueError("paid_paise cannot be negative")
    for invoice_date, amount in invoices:
        _as_date(invoice_date, "invoice date")
        if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
            raise ValueError("invoice amounts must be int paise, zero or more")
    outstanding = [amount for _, amount in invoices]
    left = paid_paise
    for index in sorted(range(len(invoices)), key=lambda i: invoices[i][0]):
        applied = min(left, outstanding[index])
        outstanding[index] -= applied
        left -= applied
    return outstanding


def open_invoice_dates(invoices: Sequence[tuple[date, int]], paid_paise: int) -> list[date]:
    """Dates of the invoices still outstanding (>= ₹1.00) after FIFO allocation."""
    remaining = allocate_fifo(invoices, paid_paise)
    return [
        invoice_date
        for (invoice_date, _), due in zip(invoices, remaining, strict=True)
        if due >= OUTSTANDING_THRESHOLD_PAISE
    ]
