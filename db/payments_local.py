"""Taking money on the desktop, without Qt: what an account looks like with its pending
payments laid over it, the plans it may recharge with, the payment mutation the outbox keeps,
and the payments register and due list read over cache + outbox.

Every rule comes from ``billing``; this module only gathers the facts those rules need.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, Row, bindparam, text

from billing.lifecycle import (
    DEFAULT_ZONE,
    AccountStatus,
    allocate_fifo,
    business_date,
    expiry_suspending_on,
    grace_days_left,
    invoice_date_suspending_on,
    invoice_date_with_days_left,
    open_invoice_dates,
    postpaid_suspension_date,
    prepaid_suspension_date,
    renewal_expiry,
    status_after_payment,
)
from billing.rules import (
    PaymentMethod,
    PaymentOption,
    is_outstanding,
    payment_options_paise,
)
from db import kiosk_store
from db.outbox import Mutation, MutationKind, MutationState, Outbox
from db.overlay import (
    acknowledged_unpulled_mutations,
    acknowledged_unpulled_reversals,
    payment_delta,
    reversal_delta,
)

log = logging.getLogger(__name__)

__all__ = [
    "DUE_GRACE_WINDOW_DAYS",
    "AccountForPayment",
    "DueCategory",
    "DueRow",
    "PaymentOutcome",
    "PlanChoice",
    "RefusedPayment",
    "RegisterFilter",
    "RegisterRow",
    "build_payment_payload",
    "due_list",
    "load_account",
    "payment_outcome",
    "plans_for_account",
    "receipt_print_count",
    "record_payment",
    "record_receipt_print",
    "register_choices",
    "register_rows",
    "totals_by_method",
]

#: The due list shows postpaid invoices in their last this-many days of grace.
DUE_GRACE_WINDOW_DAYS = 3


# -- one account, with what this device has not yet sent laid over it -------------------------


@dataclass(frozen=True)
class PlanChoice:
    id: int
    name: str
    speed_mbps: int
    validity_days: int
    price_paise: int


@dataclass(frozen=True)
class RefusedPayment:
    receipt_number: str
    amount_paise: int
    message: str


def refused_payment(mutation: Mutation) -> RefusedPayment:
    """What the server said about a payment it would not take (rejected or conflict)."""
    answer = mutation.result or {}
    error = answer.get("error") or {}
    message = error.get("message") or mutation.last_error or "refused by the server"
    return RefusedPayment(
        mutation.payload.get("receipt_number", "?"), int(mutation.payload["amount_paise"]),
        str(message),
    )


@dataclass(frozen=True)
class AccountForPayment:
    """The facts a payment needs, provisional: the cache plus pending outbox payments."""

    id: int
    name: str
    mobile: str
    email: str | None
    prepaid: bool
    status: AccountStatus
    branch_id: int
    plan_id: int | None
    plan_expiry: date | None
    cached_balance_paise: int
    pending_delta_paise: int = 0
    pending_count: int = 0
    pending_paid_paise: int = 0
    """What pending payments pay towards invoices (FIFO over ``open_invoices``)."""
    open_invoices: tuple[tuple[date, int], ...] = ()
    """Open invoices from the cache: (invoice date, still due in paise), oldest first."""
    refused: tuple[RefusedPayment, ...] = ()
    """Payments of this device the server refused; they wait in "needs attention"."""

    @property
    def balance_paise(self) -> int:
        """The provisional balance: what the GUI shows until the server answers."""
        return self.cached_balance_paise + self.pending_delta_paise

    @property
    def options(self) -> list[PaymentOption]:
        return payment_options_paise(self.balance_paise, self.prepaid)

    @property
    def plan_type(self) -> str:
        return "Prepaid" if self.prepaid else "Postpaid"


def _unacknowledged_payments(outbox: Outbox, account_id: int) -> list[Mutation]:
    return [
        m for m in outbox.unacknowledged_for_account(account_id)
        if m.kind is MutationKind.PAYMENT
    ]


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def load_account(
    cache_engine: Engine, outbox: Outbox, account_id: int, zone: str = DEFAULT_ZONE,
    *, kiosk_secret: bytes | None = None,
) -> AccountForPayment:
    """The account as a payment sees it; LookupError if the cache does not hold it. A kiosk
    passes its sealing secret (kept in the keyring, never in the cache) to open its row."""
    with cache_engine.connect() as conn:
        row: Row[Any] | kiosk_store.PaymentRow | None = conn.execute(
            text(
                "SELECT id, name, mobile, email, prepaid, status, branch_id, plan_id, "
                "plan_expiry, balance_paise FROM accounts WHERE id = :id"
            ),
            {"id": account_id},
        ).first()
        if row is None and kiosk_secret is not None:  # a kiosk's cache: its sealed row
            row = kiosk_store.payment_row(conn, kiosk_secret, account_id)
        if row is None:
            raise LookupError(f"Account {account_id} is not in the local copy.")
        invoices = [
            (_as_date(d), int(amount) - int(paid))
            for d, amount, paid in conn.execute(
                text(
                    "SELECT invoice_date, amount_paise, paid_paise FROM invoices "
                    "WHERE account_id = :id AND status = 'open' ORDER BY invoice_date, id"
                ),
                {"id": account_id},
            )
        ]
        unacknowledged = _unacknowledged_payments(outbox, account_id)
        pending = [m for m in unacknowledged if m.state is MutationState.PENDING]
        refused = tuple(
            refused_payment(m) for m in unacknowledged if m.state.needs_attention
        )
        # Applied by the server but not pulled into the cache yet: the cached balance,
        # expiry and invoices do not show them, so they count like pending ones here.
        provisional = acknowledged_unpulled_mutations(
            outbox, cache_engine, account_id=account_id
        ) + pending
        # Voids and bounces queued here, not yet in the cache: the payment's money is back.
        reversals = [
            m for m in outbox.unacknowledged_for_account(account_id)
            if m.kind is MutationKind.REVERSAL and m.state is MutationState.PENDING
        ] + acknowledged_unpulled_reversals(outbox, cache_engine, account_id=account_id)
        reversed_uuids = {m.payload.get("payment_uuid") for m in reversals}
        plan_id = row.plan_id
        expiry = _as_date(row.plan_expiry)
        status = AccountStatus(row.status)
        recharges = [
            m for m in provisional if m.payload.get("option") == PaymentOption.RECHARGE
            and str(m.payload.get("payment_uuid") or m.mutation_id) not in reversed_uuids
        ]
        if recharges:
            validity = _plan_validity(conn, {int(m.payload["plan_id"]) for m in recharges})
            for m in recharges:
                taken_on = business_date(datetime.fromtimestamp(m.payload["taken_at"], UTC), zone)
                plan_id = int(m.payload["plan_id"])
                expiry = renewal_expiry(expiry, taken_on, validity[plan_id])
    pending_paid = sum(int(m.payload["amount_paise"]) for m in provisional)
    return AccountForPayment(
        id=row.id,
        name=row.name,
        mobile=row.mobile,
        email=row.email,
        prepaid=bool(row.prepaid),
        status=status,
        branch_id=row.branch_id,
        plan_id=plan_id,
        plan_expiry=expiry,
        cached_balance_paise=int(row.balance_paise),
        pending_delta_paise=sum(payment_delta(m) for m in provisional)
        + sum(reversal_delta(m) for m in reversals),
        pending_count=len(pending),
        pending_paid_paise=pending_paid,
        open_invoices=tuple((d, due) for d, due in invoices if d is not None and due > 0),
        refused=refused,
    )


def _plan_validity(conn: Any, plan_ids: set[int]) -> dict[int, int]:
    query = text("SELECT id, validity_days FROM plans WHERE id IN :ids").bindparams(
        bindparam("ids", expanding=True)
    )
    return {pid: int(days) for pid, days in conn.execute(query, {"ids": sorted(plan_ids)})}


def plans_for_account(
    cache_engine: Engine, account: AccountForPayment
) -> tuple[PlanChoice | None, list[PlanChoice]]:
    """The current plan (when the account has one it may continue) and the other plans its
    branch offers for its plan type, cheapest first."""
    with cache_engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT id, name, speed_mbps, validity_days, price_paise, active, prepaid, "
                "branch_id FROM plans WHERE prepaid = :prepaid "
                "AND (branch_id IS NULL OR branch_id = :branch OR id = :current) "
                "ORDER BY price_paise, validity_days, name"
            ),
            {"prepaid": account.prepaid, "branch": account.branch_id, "current": account.plan_id},
        ).all()
    current: PlanChoice | None = None
    others: list[PlanChoice] = []
    has_plan = account.status not in (AccountStatus.INACTIVE, AccountStatus.TERMINATED)
    for r in rows:
        choice = PlanChoice(r.id, r.name, r.speed_mbps, r.validity_days, int(r.price_paise))
        if r.id == account.plan_id and has_plan and r.active:
            current = choice
        elif r.active and (r.branch_id is None or r.branch_id == account.branch_id):
            others.append(choice)
    return current, others


# -- what a payment will do to the account's dates --------------------------------------------


@dataclass(frozen=True)
class PaymentOutcome:
    """The lifecycle side of a preview (the money side is billing.rules.PaymentPreview)."""

    status_before: AccountStatus
    status_after: AccountStatus
    suspends_on: date | None
    """The next suspension date after the payment, if one is known."""
    new_expiry: date | None = None
    """Prepaid: the plan's last day of service after a recharge."""
    open_invoices_after: tuple[date, ...] = ()

    @property
    def reconnects(self) -> bool:
        return (
            self.status_before is AccountStatus.SUSPENDED
            and self.status_after is AccountStatus.ACTIVE
        )


def payment_outcome(
    account: AccountForPayment,
    option: PaymentOption,
    amount_paise: int,
    today: date,
    plan: PlanChoice | None = None,
) -> PaymentOutcome:
    """Status and dates after this payment, by the rule the server applies to it
    (``billing.lifecycle.status_after_payment``): a recharge renews the plan (and reconnects
    a suspended prepaid account); for postpaid, the payment is allocated oldest invoice first
    and a suspended account is Active again once no invoice is left past its grace."""
    before = account.status
    if before is AccountStatus.TERMINATED:
        return PaymentOutcome(before, before, None)
    if account.prepaid:
        expiry = account.plan_expiry
        new_expiry = None
        if option is PaymentOption.RECHARGE and plan is not None:
            new_expiry = renewal_expiry(expiry, today, plan.validity_days)
            expiry = new_expiry
        change = status_after_payment(before, prepaid=True, on=today, expiry=expiry)
        after = before if change is None else change.new
        suspends = prepaid_suspension_date(expiry) if expiry is not None else None
        return PaymentOutcome(before, after, suspends, new_expiry)
    dates = open_invoice_dates(list(account.open_invoices), account.pending_paid_paise
                               + amount_paise)
    change = status_after_payment(before, prepaid=False, on=today, open_invoice_dates=dates,
                                  has_plan=account.plan_id is not None)
    after = before if change is None else change.new
    upcoming = [postpaid_suspension_date(d) for d in dates]
    suspends = min(upcoming) if upcoming else None
    return PaymentOutcome(before, after, suspends, None, tuple(dates))


# -- the mutation ------------------------------------------------------------------------------


def build_payment_payload(
    account: AccountForPayment,
    *,
    option: PaymentOption,
    method: PaymentMethod,
    reference: str | None,
    amount_paise: int,
    charge_paise: int,
    plan_id: int | None,
    tendered_paise: int | None,
    taken_at: datetime,
) -> dict[str, Any]:
    """The ``payment`` payload of docs/sync-api.md "Push" (the outbox adds the receipt
    number and the payment uuid). Money is int paise; ``taken_at`` is epoch seconds."""
    for name, value in (("amount_paise", amount_paise), ("charge_paise", charge_paise)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{name} must be int paise")
    if tendered_paise is not None and (
        isinstance(tendered_paise, bool) or not isinstance(tendered_paise, int)
    ):
        raise TypeError("tendered_paise must be int paise or None")
    if taken_at.tzinfo is None:
        raise ValueError("taken_at must be an aware datetime")
    method = PaymentMethod(method)
    return {
        "option": PaymentOption(option).value,
        "method": method.value,
        "reference": reference or None,
        "amount_paise": amount_paise,
        "plan_id": plan_id,
        "charge_paise": charge_paise,
        "balance_before_paise": account.balance_paise,
        "taken_at": int(taken_at.timestamp()),
        "branch_id": account.branch_id,
        "tendered_paise": tendered_paise if method is PaymentMethod.CASH else None,
    }


def record_payment(
    outbox: Outbox,
    *,
    account_id: int,
    payload: dict[str, Any],
    created_by: str,
    mutation_id: str,
    receipt_number: str | None = None,
) -> Mutation:
    """The one durable write of a payment (WAL, synchronous=FULL); idempotent per
    ``mutation_id``, so a second confirm with the same key returns the first record.
    ``receipt_number``: one reserved earlier (the UPI QR carried it), else the next."""
    return outbox.enqueue_payment(
        account_id=account_id, payload=payload, created_by=created_by, mutation_id=mutation_id,
        receipt_number=receipt_number,
    )


# -- the payments register ---------------------------------------------------------------------


PAYMENT_TYPES = ("prepaid", "postpaid", "advance")


@dataclass(frozen=True)
class RegisterFilter:
    date_from: date
    date_to: date
    zone: str = DEFAULT_ZONE
    """The business zone the dates are in."""
    branch_id: int | None = None
    zone_id: int | None = None
    area_id: int | None = None
    manager_id: int | None = None
    payment_type: str | None = None
    """prepaid | postpaid | advance"""
    method: str | None = None
    cashier: str | None = None


@dataclass(frozen=True)
class RegisterRow:
    taken_at: datetime
    document_number: str
    """The server's document number, or the offline receipt number while pending."""
    receipt_number: str
    account_id: int
    name: str
    mobile: str
    email: str | None
    payment_type: str
    method: str
    reference: str | None
    amount_paise: int
    cashier: str
    pending: bool
    payment_uuid: str = ""
    refused: str | None = None
    """The server's reason when it refused this payment (not counted in the totals)."""
    applied_as: dict[str, Any] | None = None
    """How the server applied this device's payment when that differed from the cashier's
    preview (docs/sync-api.md ``applied_as``: kind, notice); None otherwise."""


def _payment_type(kind: str, prepaid: bool) -> str:
    if kind == PaymentOption.ADVANCE:
        return "advance"
    return "prepaid" if prepaid else "postpaid"


def _epoch_bounds(flt: RegisterFilter) -> tuple[int, int]:
    tz = ZoneInfo(flt.zone)
    start = datetime.combine(flt.date_from, time(), tz)
    end = datetime.combine(flt.date_to + timedelta(days=1), time(), tz)
    return int(start.timestamp()), int(end.timestamp())


_ACCOUNT_FILTERS = (
    ("branch_id", "a.branch_id = :branch_id"),
    ("zone_id", "b.zone_id = :zone_id"),
    ("area_id", "a.area_id = :area_id"),
    ("manager_id", "a.account_manager_id = :manager_id"),
)


def register_rows(
    cache_engine: Engine, outbox: Outbox, flt: RegisterFilter, limit: int = 100_000
) -> list[RegisterRow]:
    """Payments in the cache plus this device's payments the cache does not have yet
    (pending, or acknowledged but not pulled), filtered, newest first."""
    start, end = _epoch_bounds(flt)
    where = ["p.taken_at >= :start", "p.taken_at < :end"]
    params: dict[str, Any] = {"start": start, "end": end, "limit": limit}
    for key, clause in _ACCOUNT_FILTERS:
        value = getattr(flt, key)
        if value is not None:
            where.append(clause)
            params[key] = value
    if flt.method:
        where.append("p.method = :method")
        params["method"] = flt.method
    if flt.cashier:
        where.append("p.taken_by = :cashier")
        params["cashier"] = flt.cashier
    if flt.payment_type == "advance":
        where.append("p.kind = 'advance'")
    elif flt.payment_type in ("prepaid", "postpaid"):
        where.append("p.kind != 'advance' AND a.prepaid = :prepaid")
        params["prepaid"] = flt.payment_type == "prepaid"
    sql = (
        "SELECT p.taken_at, p.document_number, p.receipt_number, p.account_id, a.name, "
        "a.mobile, a.email, p.kind, a.prepaid, p.method, p.reference, p.amount_paise, "
        "p.taken_by, p.payment_uuid "
        "FROM payments p JOIN accounts a ON a.id = p.account_id "
        "JOIN branches b ON b.id = a.branch_id "
        f"WHERE {' AND '.join(where)} ORDER BY p.taken_at DESC, p.id DESC LIMIT :limit"
    )
    rows: list[RegisterRow] = []
    mine = outbox.payments()
    applied_as = {m.mutation_id: _applied_as(m) for m in mine}
    with cache_engine.connect() as conn:
        for r in conn.execute(text(sql), params):
            rows.append(
                RegisterRow(
                    taken_at=datetime.fromtimestamp(r.taken_at, UTC),
                    document_number=r.document_number or r.receipt_number,
                    receipt_number=r.receipt_number,
                    account_id=r.account_id,
                    name=r.name,
                    mobile=r.mobile,
                    email=r.email,
                    payment_type=_payment_type(r.kind, bool(r.prepaid)),
                    method=r.method,
                    reference=r.reference,
                    amount_paise=int(r.amount_paise),
                    cashier=r.taken_by,
                    pending=False,
                    payment_uuid=r.payment_uuid,
                    applied_as=applied_as.get(r.payment_uuid),
                )
            )
        rows.extend(_outbox_register_rows(conn, mine, flt, start, end))
    rows.sort(key=lambda row: row.taken_at, reverse=True)
    return rows[:limit]


def _applied_as(m: Mutation) -> dict[str, Any] | None:
    applied = (m.result or {}).get("applied_as")
    return applied if isinstance(applied, dict) else None


def _outbox_register_rows(
    conn: Any, mine: list[Mutation], flt: RegisterFilter, start: int, end: int
) -> list[RegisterRow]:
    candidates = []
    for m in mine:
        body = m.payload
        if start <= int(body["taken_at"]) < end:
            candidates.append((m, body))
    if not candidates:
        return []
    uuids = [m.mutation_id for m, _ in candidates]
    in_cache = set(
        conn.execute(
            text("SELECT payment_uuid FROM payments WHERE payment_uuid IN :u").bindparams(
                bindparam("u", expanding=True)
            ),
            {"u": uuids},
        ).scalars()
    )
    ids = sorted({m.account_id for m, _ in candidates if m.account_id is not None})
    accounts = {
        r.id: r
        for r in conn.execute(
            text(
                "SELECT a.id, a.name, a.mobile, a.email, a.prepaid, a.branch_id, a.area_id, "
                "a.account_manager_id, b.zone_id FROM accounts a "
                "JOIN branches b ON b.id = a.branch_id WHERE a.id IN :ids"
            ).bindparams(bindparam("ids", expanding=True)),
            {"ids": ids},
        )
    }
    rows = []
    for m, body in candidates:
        if m.mutation_id in in_cache:
            continue
        acc = accounts.get(m.account_id)
        if acc is None:
            continue
        checks = (
            (flt.branch_id, acc.branch_id),
            (flt.zone_id, acc.zone_id),
            (flt.area_id, acc.area_id),
            (flt.manager_id, acc.account_manager_id),
            (flt.method, body["method"]),
            (flt.cashier, m.created_by),
        )
        if any(wanted is not None and wanted != actual for wanted, actual in checks):
            continue
        ptype = _payment_type(body["option"], bool(acc.prepaid))
        if flt.payment_type and flt.payment_type != ptype:
            continue
        answer = m.result or {}
        document = (answer.get("payment") or {}).get("document_number")
        refused = None
        if m.state.needs_attention:
            refused = str((answer.get("error") or {}).get("message") or "refused by the server")
        rows.append(
            RegisterRow(
                taken_at=datetime.fromtimestamp(int(body["taken_at"]), UTC),
                document_number=document or body["receipt_number"],
                receipt_number=body["receipt_number"],
                account_id=acc.id,
                name=acc.name,
                mobile=acc.mobile,
                email=acc.email,
                payment_type=ptype,
                method=body["method"],
                reference=body.get("reference"),
                amount_paise=int(body["amount_paise"]),
                cashier=m.created_by,
                pending=m.state == MutationState.PENDING.value,
                payment_uuid=m.mutation_id,
                refused=refused,
                applied_as=_applied_as(m),
            )
        )
    return rows


def totals_by_method(rows: Iterable[RegisterRow]) -> dict[str, int]:
    """Paise per payment method, every method present (zero when none); payments the server
    refused are not income and are left out."""
    totals = {method.value: 0 for method in PaymentMethod}
    for row in rows:
        if row.refused is not None:
            continue
        totals[row.method] = totals.get(row.method, 0) + row.amount_paise
    return totals


@dataclass(frozen=True)
class RegisterChoices:
    branches: list[tuple[int, str]] = field(default_factory=list)
    zones: list[tuple[int, str]] = field(default_factory=list)
    areas: list[tuple[int, str, int]] = field(default_factory=list)
    managers: list[tuple[int, str, int]] = field(default_factory=list)
    cashiers: list[str] = field(default_factory=list)


def register_choices(
    cache_engine: Engine, outbox: Outbox, today: date | None = None
) -> RegisterChoices:
    """What the register's filter boxes offer (areas and managers carry their branch;
    cashiers are those of the 90 days before ``today`` and this device's)."""
    with cache_engine.connect() as conn:
        branches = [tuple(r) for r in conn.execute(text("SELECT id, name FROM branches "
                                                          "ORDER BY name"))]
        zones = [tuple(r) for r in conn.execute(text("SELECT id, name FROM zones ORDER BY name"))]
        areas = [tuple(r) for r in conn.execute(text("SELECT id, name, branch_id FROM areas "
                                                       "ORDER BY name"))]
        managers = [
            tuple(r)
            for r in conn.execute(
                text("SELECT id, name, branch_id FROM staff WHERE role = 'account_manager' "
                     "ORDER BY name")
            )
        ]
        # Cashiers of the last 90 days (an index walk on taken_at, not a scan of the ledger).
        day = today or datetime.now(UTC).date()
        since = int(datetime.combine(day - timedelta(days=90), time(), UTC).timestamp())
        cashiers = set(conn.execute(
            text("SELECT DISTINCT taken_by FROM payments WHERE taken_at >= :since"),
            {"since": since}).scalars())
    cashiers |= outbox.payment_takers()
    return RegisterChoices(branches, zones, areas, managers, sorted(cashiers))


# -- the due list ------------------------------------------------------------------------------


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
    option: PaymentOption


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
        if suspends == today:
            category, detail = DueCategory.SUSPENDED_TODAY, f"plan expired {expiry:%d %b %Y}"
        elif suspends == today + timedelta(days=1):
            category, detail = DueCategory.SUSPENDING_TOMORROW, "plan expires today"
        else:
            continue
        rows.append(DueRow(category, r.id, r.name, r.mobile, True, balance, suspends, detail,
                           payment_options_paise(balance, True)[0]))
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
                key, detail = today, f"invoice of {inv_date:%d %b %Y} unpaid after grace"
            elif 0 <= days < DUE_GRACE_WINDOW_DAYS:
                category = (DueCategory.SUSPENDING_TOMORROW if days == 0
                            else DueCategory.GRACE_ENDING)
                key = postpaid_suspension_date(inv_date)
                detail = (f"invoice of {inv_date:%d %b %Y}: last day to pay"
                          if days == 0 else f"invoice of {inv_date:%d %b %Y}: {days + 1} days "
                          "left to pay")
            else:
                continue
            rows.append(DueRow(category, account_id, first.name, first.mobile, False, balance,
                               key, detail, payment_options_paise(balance, False)[0]))
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


def record_receipt_print(outbox: Outbox, receipt_number: str, by: str, target: str) -> int:
    """Note a print of a receipt; returns how many prints came before (0 = the original,
    anything more is a DUPLICATE)."""
    return outbox.record_receipt_print(receipt_number, by, target)


def receipt_print_count(outbox: Outbox, receipt_number: str) -> int:
    """How many times a receipt was printed or saved."""
    return outbox.receipt_print_count(receipt_number)
