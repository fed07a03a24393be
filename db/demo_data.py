"""Deterministic, realistic demo data: from 1,000 to 1,000,000 accounts with their history.

The same seed and business date give the same rows. Balances are spread over every case of
the payment-options rule (owes, exactly ₹1.00, dust below ₹1, zero, advance credit) and the
ledger adds up: for every account, balance = charges (invoices and recharges) − payments.
Some accounts are suspended by each lifecycle rule.

Command: ``partner-portal-demo-data OUT.sqlite3 --accounts 100000 [--seed 7]``.
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import os
import random
import shutil
import sqlite3
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from billing.lifecycle import (
    AccountStatus,
    business_date,
    open_invoice_dates,
    postpaid_status,
    postpaid_suspension_date,
    prepaid_status,
    prepaid_suspension_date,
)
from db import demo_names as words
from db.schema import metadata
from db.search import account_search_text

log = logging.getLogger(__name__)

FIRST_ACCOUNT_ID = 10_000_001
#: The first account has five years of history (the detail dialog's worst case).
LONG_HISTORY_ACCOUNT_ID = FIRST_ACCOUNT_ID
LONG_HISTORY_MONTHS = 60

# Balance cases of DESIGN.md's payment-options table, with their weights.
OWES, EXACT_ONE, DUST, ZERO, CREDIT = "owes", "exact_one", "dust", "zero", "credit"
_CASES = [OWES, EXACT_ONE, DUST, ZERO, CREDIT]
_CASE_WEIGHTS = [26, 2, 5, 47, 20]

_METHODS = ["cash", "upi", "card", "cheque", "bank_transfer"]
_METHOD_WEIGHTS = [45, 35, 8, 5, 7]

ProgressCallback = Callable[[int, int], None]


@dataclass
class DemoSummary:
    accounts: int
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


# -- helpers -------------------------------------------------------------------------------

_ISO: dict[int, str] = {}


def _iso(day: date) -> str:
    """ISO text of a date, as SQLAlchemy's Date stores it on SQLite (memoised: hot path)."""
    ordinal = day.toordinal()
    text = _ISO.get(ordinal)
    if text is None:
        text = _ISO[ordinal] = day.isoformat()
    return text


def _epoch(day: date, seconds_into_day: int) -> int:
    """A moment on a business day in India (UTC+05:30) as epoch seconds."""
    midnight_utc = datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp()
    return int(midnight_utc) - 19_800 + seconds_into_day


def _add_months(day: date, months: int, cycle_day: int) -> date:
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    return date(year, month + 1, min(cycle_day, 28))


# -- reference data ------------------------------------------------------------------------


@dataclass
class _Reference:
    zones: list[tuple[Any, ...]] = field(default_factory=list)
    branches: list[tuple[Any, ...]] = field(default_factory=list)
    areas: list[tuple[Any, ...]] = field(default_factory=list)
    staff: list[tuple[Any, ...]] = field(default_factory=list)
    resellers: list[tuple[Any, ...]] = field(default_factory=list)
    plans: list[tuple[Any, ...]] = field(default_factory=list)
    tags: list[tuple[Any, ...]] = field(default_factory=list)
    # lookups for the account loop
    branch_ids: list[int] = field(default_factory=list)
    branch_weights: list[int] = field(default_factory=list)
    branch_code: dict[int, str] = field(default_factory=dict)
    branch_name: dict[int, str] = field(default_factory=dict)
    branch_pin: dict[int, str] = field(default_factory=dict)
    areas_of: dict[int, list[tuple[int, str]]] = field(default_factory=dict)
    managers_of: dict[int, list[int]] = field(default_factory=dict)
    sales_of: dict[int, list[int]] = field(default_factory=dict)
    resellers_of: dict[int, list[int]] = field(default_factory=dict)
    plans_for: dict[tuple[int, bool], list[tuple[int, int, int]]] = field(default_factory=dict)


def _reference(rng: random.Random) -> _Reference:
    ref = _Reference()
    branch_id = area_id = staff_id = reseller_id = 0
    used_staff: set[str] = set()
    reseller_names = list(words.RESELLER_WORDS)
    for zone_id, (zone, branches) in enumerate(words.GEOGRAPHY.items(), start=1):
        ref.zones.append((zone_id, zone, 1))
        for code, name, pin, areas in branches:
            branch_id += 1
            ref.branches.append((branch_id, code, name, zone_id, "Asia/Kolkata", 1))
            ref.branch_ids.append(branch_id)
            ref.branch_weights.append(len(areas) ** 2)
            ref.branch_code[branch_id] = code
            ref.branch_name[branch_id] = name
            ref.branch_pin[branch_id] = pin
            ref.areas_of[branch_id] = []
            for area in areas:
                area_id += 1
                ref.areas.append((area_id, area, branch_id, 1))
                ref.areas_of[branch_id].append((area_id, area))
            for role, count, target in (
                ("account_manager", 3, ref.managers_of),
                ("sales_executive", 5, ref.sales_of),
            ):
                target[branch_id] = []
                for _ in range(count):
                    while True:
                        first = rng.choice(words.MALE_NAMES + words.FEMALE_NAMES)
                        person = f"{first} {rng.choice(words.FAMILY_NAMES)}"
                        if person not in used_staff:
                            used_staff.add(person)
                            break
                    staff_id += 1
                    mobile = f"+91{rng.choice('6789')}{rng.randrange(10**8, 10**9)}"
                    ref.staff.append((staff_id, person, role, branch_id, mobile, 1))
                    target[branch_id].append(staff_id)
            ref.resellers_of[branch_id] = []
            for _ in range(max(2, len(areas) // 3)):
                reseller_id += 1
                base = reseller_names[(reseller_id - 1) % len(reseller_names)]
                reseller = f"{base}, {name}"
                ref.resellers.append((reseller_id, reseller, branch_id, 1))
                ref.resellers_of[branch_id].append(reseller_id)
    code_to_branch = {code: bid for bid, code in ref.branch_code.items()}
    for plan_id, (name, speed, validity, rupees, prepaid, branch_code) in enumerate(
        words.PLANS, start=1
    ):
        offered = code_to_branch[branch_code] if branch_code else None
        ref.plans.append((plan_id, name, speed, validity, rupees * 100, prepaid, offered, True, 1))
        for bid in ref.branch_ids:
            if offered in (None, bid):
                ref.plans_for.setdefault((bid, prepaid), []).append(
                    (plan_id, validity, rupees * 100)
                )
    for tag_id, (name, colour) in enumerate(words.TAGS, start=1):
        ref.tags.append((tag_id, name, colour, None, 1))
    return ref


# -- the account loop ----------------------------------------------------------------------


#: Accounts are generated in fixed chunks so the result does not depend on how many
#: processes made them; each chunk numbers its rows in its own id range.
CHUNK_ACCOUNTS = 25_000
CHUNK_ID_SPAN = 10_000_000


class _Counters:
    def __init__(self, chunk: int) -> None:
        base = chunk * CHUNK_ID_SPAN
        self.order = self.invoice = self.payment = self.comment = self.log = base


def _document_number(branch_code: str, on: date, payment_id: int) -> str:
    fy = on.year if on.month >= 4 else on.year - 1
    return f"PAY/{branch_code}/{fy % 100:02d}-{(fy + 1) % 100:02d}/{payment_id:09d}"


_COLUMNS: dict[str, list[str]] = {
    name: [c.name for c in metadata.tables[name].columns]
    for name in (
        "accounts",
        "orders",
        "invoices",
        "payments",
        "account_tags",
        "comments",
        "log_entries",
    )
}


def _account_rows(
    index: int, rng: random.Random, ref: _Reference, today: date, counters: _Counters
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
    if index < 2 * len(_CASES):  # small demo sets still cover every balance case
        case = _CASES[index % len(_CASES)]
    else:
        case = rng.choices(_CASES, _CASE_WEIGHTS)[0]
    if index == LONG_HISTORY_ACCOUNT_ID - FIRST_ACCOUNT_ID:
        months, inactive, terminated = LONG_HISTORY_MONTHS, False, False
    else:
        months = rng.randrange(1, 7)
    created = today - timedelta(days=months * 30 + rng.randrange(0, 25))
    created_at = _epoch(created, rng.randrange(9 * 3600, 19 * 3600))
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
                inv_day = _add_months(created, k, cycle_day)
                if inv_day > today:
                    break
                period_start = _add_months(created, k - 1, cycle_day)
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
                _epoch(suspended_on, 60),
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
                _epoch(today - timedelta(days=rng.randrange(2, 30)), 36000),
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
    method_weights = _METHOD_WEIGHTS
    for day, is_payment, amount, kind in events:
        if not is_payment:
            balance += amount
            continue
        balance -= amount
        method = rng.choices(_METHODS, method_weights)[0]
        reference = _reference_for(method, rng)
        counters.payment += 1
        taken_at = _epoch(day, rng.randrange(9 * 3600, 20 * 3600))
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
                _epoch(start, 11 * 3600),
                _iso(start),
                _iso(end) if end else None,
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
                _iso(inv_day),
                _iso(p_start),
                _iso(p_end),
                amount,
                amount - left,
                "open" if left else "paid",
                1,
            ),
        )

    if rng.random() < 0.06 and not inactive:
        old = f"+91{rng.choice('6789')}{rng.randrange(10**8, 10**9)}"
        when = _epoch(created + timedelta(days=rng.randrange(1, 25)), 40000)
        logs.append((when, staff_user, "mobile", old, mobile, f"Mobile changed: {old} → {mobile}"))
    if rng.random() < 0.1 and not inactive:
        when = _epoch(created + timedelta(days=rng.randrange(1, 20)), 50000)
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
        last_seen = _epoch(today, 0) - rng.randrange(60, 86_400 * (3 if rng.random() < 0.9 else 45))
    else:
        last_seen = _epoch(today, 0) - rng.randrange(86_400, 86_400 * 60)
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
            _iso(expiry) if expiry else None,
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


def price_is_business(plan_id: int | None, ref: _Reference) -> bool:
    """Business plans get static public IPs in the demo."""
    if plan_id is None:
        return False
    return bool(ref.plans[plan_id - 1][1].startswith("Business"))


def _reference_for(method: str, rng: random.Random) -> str | None:
    if method == "cash":
        return None
    if method == "upi":
        return f"UPI {rng.randrange(10**11, 10**12)}"
    if method == "card":
        return f"Card xx{rng.randrange(1000, 10000)} auth {rng.randrange(100000, 1000000)}"
    if method == "cheque":
        bank = rng.choice(["SBI", "Indian Bank", "IOB", "Canara", "KVB", "TMB"])
        return f"Cheque {rng.randrange(100000, 1000000)} {bank}"
    return f"UTR {rng.choice(['SBIN', 'IDIB', 'IOBA', 'KVBL'])}{rng.randrange(10**11, 10**12)}"


# -- writing -------------------------------------------------------------------------------


def _insert_sql(table: str, columns: list[str]) -> str:
    cols = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    return f'INSERT INTO "{table}" ({cols}) VALUES ({marks})'


def generate(
    engine: Engine,
    accounts: int,
    *,
    seed: int = 7,
    today: date | None = None,
    progress: ProgressCallback | None = None,
) -> DemoSummary:
    """Fill an empty, migrated SQLite database (cache or server) with demo data."""
    if accounts < 1:
        raise ValueError("accounts must be at least 1")
    if engine.dialect.name != "sqlite":
        raise NotImplementedError("the fast demo loader writes SQLite; PostgreSQL uses sync")
    today = today or business_date(datetime.now(UTC))
    started = time.perf_counter()
    rng = random.Random(seed)
    ref = _reference(rng)
    summary = DemoSummary(accounts=accounts)
    raw = engine.raw_connection()
    try:
        conn: sqlite3.Connection = raw.driver_connection  # type: ignore[assignment]
        conn.isolation_level = None
        has_search = bool(
            conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'account_search'").fetchone()
        )
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("BEGIN")
        if conn.execute("SELECT 1 FROM accounts LIMIT 1").fetchone():
            raise ValueError("the database already holds accounts")
        for table, rows in (
            ("zones", ref.zones),
            ("branches", ref.branches),
            ("areas", ref.areas),
            ("staff", ref.staff),
            ("resellers", ref.resellers),
            ("plans", ref.plans),
            ("tags", ref.tags),
        ):
            columns = [c.name for c in metadata.tables[table].columns]
            conn.executemany(_insert_sql(table, columns), rows)
            summary.rows[table] = len(rows)
        # Secondary indexes are rebuilt once at the end: far cheaper than per row.
        dropped = _drop_indexes(
            conn,
            [
                "accounts",
                "orders",
                "invoices",
                "payments",
                "comments",
                "log_entries",
                "account_tags",
            ],
        )
        chunks = [
            (seed, c, min(CHUNK_ACCOUNTS, accounts - c * CHUNK_ACCOUNTS), today, has_search)
            for c in range((accounts + CHUNK_ACCOUNTS - 1) // CHUNK_ACCOUNTS)
        ]
        tmp = Path(tempfile.mkdtemp(prefix="demo-chunks-"))
        try:
            done = 0
            for chunk_file, count in _chunk_files(chunks, tmp):
                _merge(conn, chunk_file, summary, has_search)
                chunk_file.unlink()
                done += count
                if progress:
                    progress(done, accounts)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        for sql in dropped:
            conn.execute(sql)
        conn.execute("COMMIT")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("ANALYZE")
    except BaseException:
        if raw.driver_connection.in_transaction:  # type: ignore[union-attr]
            raw.driver_connection.execute("ROLLBACK")  # type: ignore[union-attr]
        raise
    finally:
        raw.close()
    summary.seconds = time.perf_counter() - started
    log.info(
        "demo data: %s accounts, %s rows in %.1f s", accounts, summary.total_rows, summary.seconds
    )
    return summary


def _chunk_files(
    chunks: list[tuple[int, int, int, date, bool]], folder: Path
) -> Iterator[tuple[Path, int]]:
    """Generate chunks (in worker processes when there are several), in chunk order."""
    jobs = [(*chunk, folder) for chunk in chunks]
    if len(jobs) == 1:
        yield _write_chunk(jobs[0])
        return
    workers = max(1, min(len(jobs), os.cpu_count() or 1))
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        yield from pool.imap(_write_chunk, jobs)


def _write_chunk(job: tuple[int, int, int, date, bool, Path]) -> tuple[Path, int]:
    """Write one chunk of accounts and their history into a bare SQLite file."""
    seed, chunk, count, today, with_search, folder = job
    ref = _reference(random.Random(seed))
    path = folder / f"chunk-{chunk:05d}.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=OFF")
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("BEGIN")
        for table, columns in _COLUMNS.items():
            conn.execute(f'CREATE TABLE "{table}" ({", ".join(f"{c!r}" for c in columns)})')
        conn.execute("CREATE TABLE search (id, text)")
        statements = {t: _insert_sql(t, cols) for t, cols in _COLUMNS.items()}
        buffers: dict[str, list[tuple[Any, ...]]] = {t: [] for t in _COLUMNS}
        search_rows: list[tuple[int, str]] = []
        counters = _Counters(chunk)
        rng = random.Random()
        first = chunk * CHUNK_ACCOUNTS
        for index in range(first, first + count):
            rng.seed(seed * 1_000_003 + index)  # each account stands alone
            for table, row in _account_rows(index, rng, ref, today, counters):
                buffers[table].append(row)
            if with_search:
                row = buffers["accounts"][-1]
                search_rows.append((row[0], account_search_text(row[0], row[1], row[7], row[9])))
        for table, rows in buffers.items():
            conn.executemany(statements[table], rows)
        conn.executemany("INSERT INTO search VALUES (?, ?)", search_rows)
        conn.execute("COMMIT")
    finally:
        conn.close()
    return path, count


def _merge(
    conn: sqlite3.Connection, chunk_file: Path, summary: DemoSummary, with_search: bool
) -> None:
    conn.execute("COMMIT")  # ATTACH and DETACH stand outside transactions
    conn.execute("ATTACH DATABASE ? AS chunk", (str(chunk_file),))
    conn.execute("BEGIN")
    try:
        for table, columns in _COLUMNS.items():
            cols = ", ".join(f'"{c}"' for c in columns)
            cur = conn.execute(
                f'INSERT INTO main."{table}" ({cols}) SELECT {cols} FROM chunk."{table}"'
            )
            summary.rows[table] = summary.rows.get(table, 0) + cur.rowcount
        if with_search:
            conn.execute(
                "INSERT INTO main.account_search(rowid, text) SELECT id, text FROM chunk.search"
            )
    finally:
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE chunk")
        conn.execute("BEGIN")


def _drop_indexes(conn: sqlite3.Connection, tables: list[str]) -> list[str]:
    """Drop the secondary indexes of ``tables``; return the SQL that recreates them."""
    marks = ", ".join("?" for _ in tables)
    rows = conn.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        f"AND tbl_name IN ({marks})",
        tables,
    ).fetchall()
    for name, _ in rows:
        conn.execute(f'DROP INDEX "{name}"')
    return [sql for _, sql in rows]


def run(argv: list[str] | None = None) -> int:
    """``partner-portal-demo-data``: write a demo cache file."""
    from db.cache import open_cache

    parser = argparse.ArgumentParser(description="Write a demo cache with N accounts.")
    parser.add_argument("out", type=Path, help="the SQLite file to create (must not exist)")
    parser.add_argument("--accounts", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--today",
        type=date.fromisoformat,
        default=None,
        help="business date the data is built around (default: today)",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if args.out.exists():
        parser.error(f"{args.out} exists; choose a new file")
    engine = open_cache(args.out)
    summary = generate(
        engine,
        args.accounts,
        seed=args.seed,
        today=args.today,
        progress=lambda done, total: log.info("%s / %s accounts", f"{done:,}", f"{total:,}"),
    )
    engine.dispose()
    log.info("%s rows in %.1f s: %s", f"{summary.total_rows:,}", summary.seconds, summary.rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(run())
