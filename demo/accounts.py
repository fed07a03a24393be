"""One demo account and its whole history, as rows for each table."""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from billing.lifecycle import (
    AccountStatus,
    open_invoice_dates,
    postpaid_status,
    postpaid_suspension_date,
    prepaid_status,
    prepaid_suspension_date,
)
from demo import names as words
from demo.reference import (
    CASE_WEIGHTS,
    CASES,
    CREDIT,
    DUST,
    EXACT_ONE,
    FIRST_ACCOUNT_ID,
    LONG_HISTORY_ACCOUNT_ID,
    LONG_HISTORY_MONTHS,
    METHOD_WEIGHTS,
    METHODS,
    OWES,
    ZERO,
    Reference,
    add_months,
    epoch,
    iso,
    payment_reference,
    price_is_business,
)

# -- the account loop ----------------------------------------------------------------------


#: Accounts are generated in fixed chunks so the result does not depend on how many
#: processes made them; each chunk numbers its rows in its own id range.
CHUNK_ACCOUNTS = 25_000
CHUNK_ID_SPAN = 10_000_000


class Counters:
    def __init__(self, chunk: int) -> None:
        base = chunk * CHUNK_ID_SPAN
        self.order = self.invoice = self.payment = self.comment = self.log = base


def _document_number(branch_code: str, on: date, payment_id: int) -> str:
    fy = on.year if on.month >= 4 else on.year - 1
    return f"PAY/{branch_code}/{fy % 100:02d}-{(fy + 1) % 100:02d}/{payment_id:09d}"




def account_rows(
    index: int, rng: random.Random, ref: Reference, today: date, counters: Counters
) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """Yield (table, row) for one account and all its history."""
    account_id = FIRST_ACCOUNT_ID + index
    branch_id = rng.choices(ref.branch_ids, ref.branch_weights)[0]
    code = ref.branch_code[branch_id]
    area_id, area = rng.choice(ref.areas_of[branch_id])
    reseller_id = rng.choice(ref.resellers_of[branch_id]) if rng.random() < 0.85 else None
    manager_id = rng.choice(ref.managers_of[branch_id])
    sales_id = rng.choice(ref.sales_of[branch_id])
    female = rng.random() < 0.45
    first = rng.choice(words.FEMALE_NAMES if female else words.MALE_NAMES)
    family = rng.choice(words.FAMILY_NAMES)
    surname = family if rng.random() < 0.5 else rng.choice(words.INITIALS)
    name = f"{first} {surname}"
    mobile = f"+91{rng.choice('6789')}{rng.randrange(10**8, 10**9)}"
    alt_mobile = (
        f"+91{rng.choice('6789')}{rng.randrange(10**8, 10**9)}" if rng.random() < 0.2 else None
    )
    email = None
    if rng.random() < 0.7:
        domain = rng.choice(words.EMAIL_DOMAINS)
        email = f"{first.lower()}.{family.lower()}{rng.randrange(1, 999)}@{domain}"
    door = rng.randrange(1, 250)
    pin = f"{ref.branch_pin[branch_id]}{rng.randrange(1, 60):03d}"
    address = (
        f"No. {door}, {rng.choice(words.STREETS)}, {area}, {ref.branch_name[branch_id]} - {pin}"
    )
    billing_address = (
        address
        if rng.random() < 0.9
        else f"No. {rng.randrange(1, 250)}, "
        + (
            f"{rng.choice(words.STREETS)}, {rng.choice(ref.areas_of[branch_id])[1]}, "
            f"{ref.branch_name[branch_id]} - {pin}"
        )
    )
    prepaid = rng.random() < 0.65

    # Lifecycle shape of this account.
    roll = rng.random()
    inactive = roll < 0.015
    terminated = 0.015 <= roll < 0.025
    if index < 2 * len(CASES):  # small demo sets still cover every balance case
        case = CASES[index % len(CASES)]
    else:
        case = rng.choices(CASES, CASE_WEIGHTS)[0]
    if index == LONG_HISTORY_ACCOUNT_ID - FIRST_ACCOUNT_ID:
        months, inactive, terminated = LONG_HISTORY_MONTHS, False, False
    else:
        months = rng.randrange(1, 7)
    created = today - timedelta(days=months * 30 + rng.randrange(0, 25))
    created_at = epoch(created, rng.randrange(9 * 3600, 19 * 3600))
    staff_user = f"staff.{code.lower()}"
    cashier_user = f"cashier.{code.lower()}"

    plan_id: int | None = None
    expiry: date | None = None
    charges: list[tuple[date, int, str]] = []  # (date, paise, "invoice"|"order")
    orders: list[tuple[Any, ...]] = []
    invoices: list[tuple[date, int, date, date]] = []  # date, amount, period start, end
    logs: list[tuple[int, str, str | None, str | None, str | None, str]] = [
        (created_at, f"sales.{code.lower()}", None, None, None, "Account created")
    ]

    if not inactive:
        plan_id, validity, price = rng.choice(ref.plans_for[(branch_id, prepaid)])
        if prepaid:
            stopped = terminated or (case in (OWES, ZERO) and rng.random() < 0.25)
            start = created
            end_cut = today - timedelta(days=rng.randrange(1, 40)) if stopped else today
            while start <= end_cut:
                end = start + timedelta(days=validity - 1)
                charges.append((start, price, "order"))
                counters.order += 1
                orders.append((counters.order, plan_id, start, end, price))
                expiry = end
                start = end + timedelta(days=1)
        else:
            cycle_day = rng.randrange(1, 29)
            counters.order += 1
            orders.append((counters.order, plan_id, created, None, price))
            k = 1
            while True:
                inv_day = add_months(created, k, cycle_day)
                if inv_day > today:
                    break
                period_start = add_months(created, k - 1, cycle_day)
                invoices.append((inv_day, price, period_start, inv_day - timedelta(days=1)))
                charges.append((inv_day, price, "invoice"))
                k += 1

    charged = sum(amount for _, amount, _ in charges)
    if case == OWES and charges:
        last = charges[-1][1]
        target = rng.randrange(100, last + 1) if rng.random() < 0.5 else last
        if not prepaid and len(charges) > 1 and rng.random() < 0.45:
            target += charges[-2][1]  # two bills open: the older is past its grace
    elif case == EXACT_ONE:
        target = 100
    elif case == DUST:
        target = rng.randrange(1, 100)
    elif case == CREDIT:
        target = -rng.randrange(1, 2000) * 100
    else:
        target = 0
    target = min(target, charged)
    paid_total = charged - target

    # Payments: each charge paid some days after it, oldest first; the rest is credit.
    payments: list[tuple[date, int, str]] = []
    remaining = paid_total
    for charge_day, amount, kind in charges:
        if remaining <= 0:
            break
        pay = min(amount, remaining)
        pay_day = min(today, charge_day + timedelta(days=rng.randrange(0, 12)))
        payments.append((pay_day, pay, "recharge" if kind == "order" else "payment"))
        remaining -= pay
    if remaining > 0:
        day = charges[-1][0] if charges else created
        day = min(today, day + timedelta(days=rng.randrange(0, 5)))
        payments.append((day, remaining, "advance"))

    # Status from the same rules the server applies.
    if terminated:
        status = AccountStatus.TERMINATED
    elif inactive:
        status = AccountStatus.INACTIVE
    elif prepaid:
        status = prepaid_status(expiry, today)
    else:
        inv_pairs = [(d, a) for d, a, _, _ in invoices]
        status = postpaid_status(open_invoice_dates(inv_pairs, paid_total), today)
    if status is AccountStatus.SUSPENDED:
        if prepaid and expiry is not None:
            suspended_on = prepaid_suspension_date(expiry)
            rule = f"prepaid plan expired on {expiry.isoformat()}, not renewed"
        else:
            inv_pairs = [(d, a) for d, a, _, _ in invoices]
            oldest = open_invoice_dates(inv_pairs, paid_total)[0]
            suspended_on = postpaid_suspension_date(oldest)
            rule = f"invoice of {oldest.isoformat()} unpaid after 15 days of grace"
        logs.append(
            (
                epoch(suspended_on, 60),
                "system",
                "status",
                "Active",
                "Suspended",
                f"Suspended: {rule}",
            )
        )
    elif status is AccountStatus.TERMINATED:
        logs.append(
            (
                epoch(today - timedelta(days=rng.randrange(2, 30)), 36000),
                staff_user,
                "status",
                "Suspended",
                "Terminated",
                "Terminated at customer's request",
            )
        )

    # Ledger rows with running balances.
    events = sorted(
        [(d, 0, a, "charge") for d, a, _ in charges] + [(d, 1, a, k) for d, a, k in payments]
    )
    balance = 0
    method_weights = METHOD_WEIGHTS
    for day, is_payment, amount, kind in events:
        if not is_payment:
            balance += amount
            continue
        balance -= amount
        method = rng.choices(METHODS, method_weights)[0]
        reference = payment_reference(method, rng)
        counters.payment += 1
        taken_at = epoch(day, rng.randrange(9 * 3600, 20 * 3600))
        yield (
            "payments",
            (
                counters.payment,
                str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                account_id,
                kind,
                method,
                reference,
                amount,
                plan_id if kind == "recharge" else None,
                f"{code}-{counters.payment:09d}",
                _document_number(code, day, counters.payment),
                cashier_user,
                taken_at,
                balance,
                branch_id,
                None,
                1,
            ),
        )
    assert balance == target, (account_id, balance, target)

    for order_id, o_plan, start, end, price in orders:
        active = (end is None and not terminated) or (
            end is not None and end == expiry and status is AccountStatus.ACTIVE
        )
        yield (
            "orders",
            (
                order_id,
                account_id,
                o_plan,
                epoch(start, 11 * 3600),
                iso(start),
                iso(end) if end else None,
                price,
                "active" if active else ("cancelled" if terminated else "completed"),
                1,
            ),
        )
    outstanding = [0] * len(invoices)
    if invoices:
        from billing.lifecycle import allocate_fifo

        outstanding = allocate_fifo([(d, a) for d, a, _, _ in invoices], paid_total)
    for (inv_day, amount, p_start, p_end), left in zip(invoices, outstanding, strict=True):
        counters.invoice += 1
        yield (
            "invoices",
            (
                counters.invoice,
                account_id,
                f"INV/{code}/{counters.invoice:08d}",
                iso(inv_day),
                iso(p_start),
                iso(p_end),
                amount,
                amount - left,
                "open" if left else "paid",
                1,
            ),
        )

    if rng.random() < 0.06 and not inactive:
        old = f"+91{rng.choice('6789')}{rng.randrange(10**8, 10**9)}"
        when = epoch(created + timedelta(days=rng.randrange(1, 25)), 40000)
        logs.append((when, staff_user, "mobile", old, mobile, f"Mobile changed: {old} → {mobile}"))
    if rng.random() < 0.1 and not inactive:
        when = epoch(created + timedelta(days=rng.randrange(1, 20)), 50000)
        logs.append(
            (
                when,
                staff_user,
                "router_brand",
                "Netlink",
                "TP-Link",
                "Router replaced: Netlink → TP-Link",
            )
        )
    for at, who, fld, before, after, text in sorted(logs):
        counters.log += 1
        yield "log_entries", (counters.log, account_id, at, who, fld, before, after, text, 1)

    if rng.random() < 0.22:
        for _ in range(rng.randrange(1, 3)):
            counters.comment += 1
            when = created_at + rng.randrange(86_400, max(86_401, (today - created).days * 86_400))
            author = rng.choice([staff_user, cashier_user, f"manager.{code.lower()}"])
            yield (
                "comments",
                (counters.comment, account_id, author, when, rng.choice(words.COMMENTS), 1),
            )
    if rng.random() < 0.25:
        for tag_id in rng.sample(range(1, len(ref.tags) + 1), rng.randrange(1, 3)):
            yield "account_tags", (account_id, tag_id, 1)

    if status in (AccountStatus.INACTIVE,):
        last_seen = None
    elif status is AccountStatus.ACTIVE:
        # Before the start of the business day: never in the future when ``today`` is
        # today's business date, whatever the hour.
        last_seen = epoch(today, 0) - rng.randrange(60, 86_400 * (3 if rng.random() < 0.9 else 45))
    else:
        last_seen = epoch(today, 0) - rng.randrange(86_400, 86_400 * 60)
    connection = rng.choice(words.CONNECTION_TYPES)
    business = not prepaid and price_is_business(plan_id, ref)
    ip = (
        f"49.205.{rng.randrange(0, 256)}.{rng.randrange(1, 255)}"
        if business
        else f"100.{64 + rng.randrange(0, 64)}.{rng.randrange(0, 256)}.{rng.randrange(1, 255)}"
    )
    mac = ":".join(f"{rng.randrange(256):02X}" for _ in range(6))
    vlan = 100 + branch_id * 100 + area_id % 100
    yield (
        "accounts",
        (
            account_id,
            name,
            branch_id,
            area_id,
            reseller_id,
            manager_id,
            sales_id,
            mobile,
            alt_mobile,
            email,
            address,
            billing_address,
            prepaid,
            status.value,
            target,
            plan_id,
            iso(expiry) if expiry else None,
            created_at,
            last_seen,
            None if inactive else ip,
            None if inactive else rng.choice(words.ROUTER_BRANDS),
            connection,
            None if inactive else mac,
            vlan,
            1,
        ),
    )
