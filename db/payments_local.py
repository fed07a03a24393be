"""Taking money on the desktop, without Qt: what an account looks like with its pending
payments laid over it, the plans it may recharge with, what a payment will do to its dates,
and the payment mutation the outbox keeps.

Every rule comes from ``billing``; this module only gathers the facts those rules need. Read
over the same cache + outbox, elsewhere: the payments register (``db.register_query``), the
due list (``db.due_list_query``), receipt print counts (``db.receipt_prints``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Engine, Row, bindparam, text

from billing.lifecycle import (
    DEFAULT_ZONE,
    AccountStatus,
    business_date,
    open_invoice_dates,
    postpaid_suspension_date,
    prepaid_suspension_date,
    renewal_expiry,
    status_after_payment,
)
from billing.rules import (
    PaymentMethod,
    PaymentOption,
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
    "AccountForPayment",
    "PaymentOutcome",
    "PlanChoice",
    "RefusedPayment",
    "build_payment_payload",
    "load_account",
    "payment_outcome",
    "plans_for_account",
    "record_payment",
]


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
            outbox, cache_engine, account_id=account_id,
            row_version=row.version if isinstance(row, kiosk_store.PaymentRow) else None,
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
