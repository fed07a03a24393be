"""Pending local writes laid over the cache: what the GUI shows until the server answers.

Balances are server-authoritative; while a payment waits in the outbox the desktop shows the
provisional balance and marks the account "pending sync" (DESIGN.md "Sync").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from db.outbox import Mutation, MutationKind, MutationState, Outbox


@dataclass(frozen=True)
class PendingPayments:
    """The effect of an account's unacknowledged payments on its balance."""

    delta_paise: int  # add to the cached balance
    count: int


def payment_delta(mutation: Mutation) -> int:
    """How one payment mutation moves the balance: −amount, + plan price for a recharge."""
    payload = mutation.payload
    return int(payload.get("charge_paise") or 0) - int(payload["amount_paise"])


def pending_payments(mutations: Iterable[Mutation]) -> dict[int, PendingPayments]:
    """Per account, the provisional effect of payments not yet applied by the server.

    Rejected payments count for nothing (they wait in "Needs attention"); applied and
    duplicate ones are already in the cache once it has pulled them.
    """
    result: dict[int, PendingPayments] = {}
    for m in mutations:
        if m.kind is not MutationKind.PAYMENT or m.state is not MutationState.PENDING:
            continue
        if m.account_id is None:
            continue
        before = result.get(m.account_id, PendingPayments(0, 0))
        result[m.account_id] = PendingPayments(
            before.delta_paise + payment_delta(m), before.count + 1
        )
    return result


def outbox_pending_payments(outbox: Outbox) -> dict[int, PendingPayments]:
    """:func:`pending_payments` over everything pending in ``outbox``."""
    return pending_payments(outbox.pending(limit=100_000))
