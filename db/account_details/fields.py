"""The contact and technical fields as the user should see them (the Fields tab and the edit
form): the cache with this device's pending edits laid over it."""

# No ``from __future__ import annotations`` here: NamedTuple would compile every string
# annotation as a ForwardRef at import (~20 ms); real annotations cost nothing.
from collections.abc import Iterable
from typing import Any, NamedTuple

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from db.account_details.pending import account_mutations, pending_of, refused_of
from db.contact_validation import EDITABLE_FIELDS
from db.outbox import Mutation, MutationKind, Outbox
from db.schema import (
    Account,
)

__all__ = ["EditableState", "load_editable_state", "overlay_edits"]


class EditableState(NamedTuple):
    """Contact and technical fields as the user should see them: cache + pending edits."""

    account_id: int
    version: int
    values: dict[str, Any]
    cached: dict[str, Any]
    #: field -> who queued the pending edit that set it
    pending_fields: dict[str, str]
    #: edits the server refused (they need attention; the values shown are the cache's)
    refused: tuple[Mutation, ...]


def overlay_edits(
    cached: dict[str, Any], mutations: Iterable[Mutation]
) -> tuple[dict[str, Any], dict[str, str]]:
    """Apply pending edit mutations in device order to cached values."""
    values = dict(cached)
    pending: dict[str, str] = {}
    for m in pending_of(mutations, MutationKind.EDIT):
        for name, value in (m.payload.get("fields") or {}).items():
            if name in values:
                values[name] = value
                pending[name] = m.created_by
    return values, pending


def load_editable_state(
    cache: Engine, outbox: Outbox | None, account_id: int
) -> EditableState | None:
    columns = [getattr(Account, f) for f in EDITABLE_FIELDS]
    with Session(cache) as conn:
        row = conn.execute(
            select(Account.version, *columns).where(Account.id == account_id)
        ).first()
    if row is None:
        return None
    cached = {f: getattr(row, f) for f in EDITABLE_FIELDS}
    mutations = account_mutations(outbox, account_id)
    values, pending = overlay_edits(cached, mutations)
    return EditableState(
        account_id=account_id,
        version=row.version,
        values=values,
        cached=cached,
        pending_fields=pending,
        refused=tuple(refused_of(mutations, MutationKind.EDIT)),
    )
