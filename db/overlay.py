"""Pending local writes laid over the cache: what the GUI shows until the server answers.

Balances are server-authoritative; while a payment waits in the outbox the desktop shows the
provisional balance and marks the account "pending sync" (DESIGN.md "Sync"). A void or a
bounce queued here counts the same way: it gives the payment's amount back until the pull
brings the server's balance with the reversal in it (docs/sync-api.md "Reversals").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine

from billing.rules import balance_change
from db.outbox import Mutation, MutationKind, MutationState, Outbox
from db.replica import pulled_payment_uuids, pulled_reversal_uuids


@dataclass(frozen=True)
class PendingPayments:
    """The effect of an account's unacknowledged payments on its balance."""

    delta_paise: int  # add to the cached balance
    count: int


def payment_delta(mutation: Mutation) -> int:
    """How one payment mutation moves the balance: −amount, + plan price for a recharge."""
    payload = mutation.payload
    return balance_change(int(payload["amount_paise"]), int(payload.get("charge_paise") or 0))


def reversal_delta(mutation: Mutation) -> int:
    """How a queued reversal moves the balance: the reversed payment's amount goes back on
    it (the amount its payload carries). The charges the server adds or takes back with it
    (a bounce's bank charge, a reversed Recharge's plan price) arrive with the pull."""
    return int(mutation.payload.get("amount_paise") or 0)


def balance_delta(mutation: Mutation) -> int:
    """How a payment or a reversal moves the balance; other writes do not."""
    if mutation.kind is MutationKind.PAYMENT:
        return payment_delta(mutation)
    if mutation.kind is MutationKind.REVERSAL:
        return reversal_delta(mutation)
    return 0


#: The writes that move a balance, laid over the cached one until pulled.
BALANCE_KINDS = (MutationKind.PAYMENT, MutationKind.REVERSAL)


def pending_payments(mutations: Iterable[Mutation]) -> dict[int, PendingPayments]:
    """Per account, the provisional effect of payments (and reversals) not yet applied by
    the server.

    Rejected ones count for nothing (they wait in "Needs attention"); applied and
    duplicate ones are already in the cache once it has pulled them.
    """
    result: dict[int, PendingPayments] = {}
    for m in mutations:
        if m.kind not in BALANCE_KINDS or m.state is not MutationState.PENDING:
            continue
        if m.account_id is None:
            continue
        before = result.get(m.account_id, PendingPayments(0, 0))
        result[m.account_id] = PendingPayments(
            before.delta_paise + balance_delta(m), before.count + 1
        )
    return result


def outbox_pending_payments(outbox: Outbox) -> dict[int, PendingPayments]:
    """:func:`pending_payments` over everything pending in ``outbox``."""
    return pending_payments(outbox.pending(limit=100_000))


#: How long an acknowledged payment is watched for in the cache before it is assumed pulled.
ACK_WATCH_SECONDS = 3 * 24 * 3600


def acknowledged_unpulled_mutations(
    outbox: Outbox,
    cache_engine: Engine,
    *,
    account_id: int | None = None,
    now: datetime | None = None,
    row_version: int | None = None,
) -> list[Mutation]:
    """Payment mutations the server has applied whose rows the cache has not pulled yet
    (of one account when ``account_id`` is given), oldest first.

    Between the push that applies a payment and the pull that brings the new balance, the
    cached balance is still the old one; counting these keeps the shown balance from
    flickering back (and a payment dialog from offering the old balance). Once the payment
    row (same ``payment_uuid``) is in the cache, the cached balance already includes it.
    A kiosk pulls no payment rows: it gives ``row_version``, the version of the account row
    it reads, and a payment whose answer's ``account_version`` that row has reached is in
    its balance already (not counted twice).
    """
    since = (now or datetime.now(UTC)) - timedelta(seconds=ACK_WATCH_SECONDS)
    candidates = outbox.acknowledged_payments(since, account_id)
    if not candidates:
        return []
    pulled = pulled_payment_uuids(cache_engine, (_payment_uuid(m) for m in candidates))
    return [m for m in candidates if m.account_id is not None and _payment_uuid(m) not in pulled
            and not _row_holds(row_version, m)]


def _row_holds(row_version: int | None, mutation: Mutation) -> bool:
    applied = (mutation.result or {}).get("account_version")
    return isinstance(applied, int) and isinstance(row_version, int) and row_version >= applied


def _payment_uuid(mutation: Mutation) -> str:
    return str(mutation.payload.get("payment_uuid") or mutation.mutation_id)


def acknowledged_unpulled_reversals(
    outbox: Outbox,
    cache_engine: Engine,
    *,
    account_id: int | None = None,
    now: datetime | None = None,
) -> list[Mutation]:
    """Reversals the server has applied whose ``payment_reversals`` row the cache has not
    pulled yet (the cached balance does not include them), oldest first. Once the row is in
    the cache, so is the balance the server left: they stop counting, so a reversal counts
    exactly once, whether pending, acknowledged or pulled."""
    since = (now or datetime.now(UTC)) - timedelta(seconds=ACK_WATCH_SECONDS)
    candidates = outbox.acknowledged_payments(since, account_id, kind=MutationKind.REVERSAL)
    if not candidates:
        return []
    pulled = pulled_reversal_uuids(cache_engine, (_reversal_uuid(m) for m in candidates))
    return [m for m in candidates
            if m.account_id is not None and _reversal_uuid(m) not in pulled]


def _reversal_uuid(mutation: Mutation) -> str:
    return str(mutation.payload.get("reversal_uuid") or mutation.mutation_id)


def acknowledged_unpulled_payments(
    outbox: Outbox, cache_engine: Engine, *, now: datetime | None = None
) -> dict[int, PendingPayments]:
    """Per account, the effect of :func:`acknowledged_unpulled_mutations` and
    :func:`acknowledged_unpulled_reversals`."""
    result: dict[int, PendingPayments] = {}
    for m in (*acknowledged_unpulled_mutations(outbox, cache_engine, now=now),
              *acknowledged_unpulled_reversals(outbox, cache_engine, now=now)):
        assert m.account_id is not None
        before = result.get(m.account_id, PendingPayments(0, 0))
        result[m.account_id] = PendingPayments(
            before.delta_paise + balance_delta(m), before.count + 1
        )
    return result


def provisional_payments(outbox: Outbox, cache_engine: Engine) -> dict[int, PendingPayments]:
    """Everything to lay over cached balances: pending payments plus applied-but-not-yet-
    pulled ones (see :func:`acknowledged_unpulled_payments`). Use this for display."""
    result = dict(outbox_pending_payments(outbox))
    for account_id, extra in acknowledged_unpulled_payments(outbox, cache_engine).items():
        before = result.get(account_id, PendingPayments(0, 0))
        result[account_id] = PendingPayments(
            before.delta_paise + extra.delta_paise, before.count + extra.count
        )
    return result
