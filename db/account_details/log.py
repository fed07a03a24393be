"""The Log tab: the server's entries for the account and a line for each unsent write."""

# No ``from __future__ import annotations`` here: NamedTuple would compile every string
# annotation as a ForwardRef at import (~20 ms); real annotations cost nothing.
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from db.account_details.pending import account_mutations, refusal_reason
from db.contact_validation import FIELD_LABELS
from db.outbox import Mutation, MutationKind, MutationState, Outbox
from db.schema import (
    LogEntry,
    Tag,
)

__all__ = ["LogRow", "describe_mutation", "load_log"]


class LogRow(NamedTuple):
    at: datetime
    user: str
    field: str | None
    old_value: str | None
    new_value: str | None
    description: str
    state: str = ""  # "" for server entries, "pending sync", or "not applied: <reason>"


def _shown(value: Any) -> str:
    return "(empty)" if value is None or value == "" else str(value)


def describe_mutation(m: Mutation, tag_names: dict[int, str]) -> list[LogRow]:
    """The Log line(s) a local write stands for until the server's own entry arrives."""
    if m.state is MutationState.PENDING:
        state = "pending sync"
    else:
        state = f"not applied: {refusal_reason(m)}"
    at = m.created_at
    rows: list[LogRow] = []
    if m.kind is MutationKind.EDIT:
        before = m.payload.get("before") or {}
        for name, new in (m.payload.get("fields") or {}).items():
            label = FIELD_LABELS.get(name, name)
            old = before.get(name)
            rows.append(
                LogRow(
                    at,
                    m.created_by,
                    name,
                    None if old is None else str(old),
                    None if new is None else str(new),
                    f"{label} changed: {_shown(old)} → {_shown(new)}",
                    state,
                )
            )
    elif m.kind is MutationKind.COMMENT:
        body = str(m.payload.get("body", ""))
        short = body if len(body) <= 80 else body[:77] + "…"
        rows.append(LogRow(at, m.created_by, None, None, None, f"Comment added: {short}", state))
    elif m.kind in (MutationKind.TAG_ADD, MutationKind.TAG_REMOVE):
        tag_id = int(m.payload.get("tag_id", 0))
        name = tag_names.get(tag_id, f"#{tag_id}")
        verb = "added" if m.kind is MutationKind.TAG_ADD else "removed"
        old, new = (None, name) if verb == "added" else (name, None)
        rows.append(LogRow(at, m.created_by, "tag", old, new, f"Tag {verb}: {name}", state))
    elif m.kind is MutationKind.PAYMENT:
        from billing.money import format_inr

        p = m.payload
        rows.append(
            LogRow(
                at,
                m.created_by,
                None,
                None,
                None,
                f"{str(p.get('option', 'payment')).capitalize()} of "
                f"{format_inr(int(p['amount_paise']))} by {p.get('method', '')}, "
                f"receipt {p.get('receipt_number', '')}",
                state,
            )
        )
    return rows


def load_log(cache: Engine, outbox: Outbox | None, account_id: int) -> list[LogRow]:
    """Every change to the account, newest first: the server's entries (status changes by
    ``system`` included) and a line for each of this device's unsent writes."""
    keyed: list[tuple[tuple[datetime, int, int], LogRow]] = []
    with Session(cache) as conn:
        for e in conn.execute(select(LogEntry).where(LogEntry.account_id == account_id)).scalars():
            row = LogRow(e.at, e.user, e.field, e.old_value, e.new_value, e.description)
            keyed.append(((e.at, 0, e.id), row))
        mutations = account_mutations(outbox, account_id)
        tag_names: dict[int, str] = {}
        if any(m.kind in (MutationKind.TAG_ADD, MutationKind.TAG_REMOVE) for m in mutations):
            tag_names = {row.id: row.name for row in conn.execute(select(Tag.id, Tag.name))}
    for m in mutations:
        # Local writes sort after server entries of the same second, in device order.
        keyed.extend(((m.created_at, 1, m.seq), row) for row in describe_mutation(m, tag_names))
    keyed.sort(key=lambda pair: pair[0], reverse=True)
    return [row for _, row in keyed]
