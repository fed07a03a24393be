"""The Comments tab: internal notes, newest first, this device's unsent ones marked."""

# No ``from __future__ import annotations`` here: NamedTuple would compile every string
# annotation as a ForwardRef at import (~20 ms); real annotations cost nothing.
from datetime import UTC, datetime
from typing import NamedTuple

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from db.account_details.pending import account_mutations, pending_of
from db.outbox import MutationKind, Outbox
from db.schema import (
    Comment,
)

__all__ = ["CommentRow", "load_comments"]


class CommentRow(NamedTuple):
    author: str
    created_at: datetime
    body: str
    pending: bool = False


def load_comments(cache: Engine, outbox: Outbox | None, account_id: int) -> list[CommentRow]:
    """Internal notes, newest first; this device's unsent ones included and marked."""
    keyed: list[tuple[tuple[datetime, int, int], CommentRow]] = []
    with Session(cache) as conn:
        for c in conn.execute(select(Comment).where(Comment.account_id == account_id)).scalars():
            keyed.append(((c.created_at, 0, c.id), CommentRow(c.author, c.created_at, c.body)))
    for m in pending_of(account_mutations(outbox, account_id), MutationKind.COMMENT):
        created = datetime.fromtimestamp(int(m.payload.get("created_at") or 0), UTC)
        row = CommentRow(m.created_by, created, str(m.payload["body"]), pending=True)
        keyed.append(((created, 1, m.seq), row))
    keyed.sort(key=lambda pair: pair[0], reverse=True)
    return [row for _, row in keyed]
