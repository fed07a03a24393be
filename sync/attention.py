"""Writes that need attention (rejected or conflicting) and how the user settles them.

- *Keep mine* (an edit in conflict): re-queue it based on the server's current row — the
  server's values become the edit's ``before`` and its version the new base version.
- *Take theirs*: drop the local edit; the server's row stands (the next pull brings it).
- *Retry* (a rejected write): send it again as it is (e.g. after the server was fixed).
Rejected payments are never dropped: they wait until retried.
"""

from __future__ import annotations

from typing import Any

from billing.money import format_inr
from db.outbox import Mutation, MutationKind, MutationState, Outbox


class AttentionError(ValueError):
    """The chosen way out does not fit this write."""


def describe(m: Mutation) -> str:
    """One line for the "Needs attention" list."""
    result = m.result or {}
    error = result.get("error") or {}
    reason = error.get("message") or error.get("code") or ""
    account = f"account {m.account_id}" if m.account_id is not None else "no account"
    if m.kind is MutationKind.PAYMENT:
        amount = m.payload.get("amount_paise")
        money = format_inr(int(amount)) if isinstance(amount, int) else "?"
        what = f"{m.payload.get('option', 'payment').capitalize()} of {money} for {account}"
        receipt = m.payload.get("receipt_number")
        if receipt:
            what += f" (receipt {receipt})"
    elif m.kind is MutationKind.EDIT:
        fields = ", ".join(sorted((m.payload.get("fields") or {}).keys()))
        what = f"Edit of {fields or 'fields'} on {account}"
    elif m.kind is MutationKind.COMMENT:
        what = f"Comment on {account}"
    elif m.kind is MutationKind.DAY_CLOSE:
        what = f"Day close of cash session {m.payload.get('session_id', '?')}"
    else:
        what = f"{m.kind.value.replace('_', ' ').capitalize()} on {account}"
    if m.state is MutationState.CONFLICT:
        current = result.get("current") or {}
        changed = [
            f"{f}: server has {current.get(f)!r}, you wrote {v!r}"
            for f, v in (m.payload.get("fields") or {}).items()
            if f in current and current.get(f) != v
        ]
        detail = "; ".join(changed) or reason or "changed on the server since you edited it"
        return f"{what} — conflict: {detail}"
    return f"{what} — refused: {reason or 'no reason given'}"


def can_choose_side(m: Mutation) -> bool:
    """Keep-mine / take-theirs apply to edits in conflict."""
    return m.kind is MutationKind.EDIT and m.state is MutationState.CONFLICT


def keep_mine(outbox: Outbox, m: Mutation) -> None:
    """Re-queue an edit in conflict on top of the server's current row."""
    if not can_choose_side(m):
        raise AttentionError("Keep mine is for edits in conflict.")
    current: dict[str, Any] = (m.result or {}).get("current") or {}
    if "version" not in current:
        raise AttentionError("The server did not send its current row; try Sync now first.")
    fields = dict(m.payload.get("fields") or {})
    payload = {**m.payload, "fields": fields,
               "before": {f: current.get(f) for f in fields}}
    # The new base version first (the write is still in conflict, so it is not sent); then
    # Outbox.retry puts it back in the queue with the amended payload.
    outbox.rebase(m.mutation_id, int(current["version"]))
    outbox.retry(m.mutation_id, payload)


def take_theirs(outbox: Outbox, m: Mutation) -> None:
    """Drop a conflicting local edit: the server's row stands."""
    if not can_choose_side(m):
        raise AttentionError("Take theirs is for edits in conflict.")
    outbox.drop_conflict(m.mutation_id)


def retry(outbox: Outbox, m: Mutation) -> None:
    """Send a refused write again, unchanged."""
    if not m.state.needs_attention:
        raise AttentionError("Only refused or conflicting writes can be retried.")
    outbox.retry(m.mutation_id)
