"""The Tags tab: the account's tags with pending additions and removals laid over them, and
the tags in scope that could be added."""

# No ``from __future__ import annotations`` here: NamedTuple would compile every string
# annotation as a ForwardRef at import (~20 ms); real annotations cost nothing.
from collections.abc import Iterable
from typing import NamedTuple

from sqlalchemy import Engine, or_, select
from sqlalchemy.orm import Session

from db.account_details.pending import account_mutations, pending_of
from db.outbox import Mutation, MutationKind, Outbox
from db.schema import (
    Account,
    AccountTag,
    Tag,
)

__all__ = ["TagRow", "TagsView", "load_tags", "overlay_tags", "tag_ids_overlaid", "tags_in_scope"]


class TagRow(NamedTuple):
    id: int
    name: str
    colour: str
    pending: str | None = None  # "adding" / "removing" while a change waits to be sent


class TagsView(NamedTuple):
    tags: list[TagRow]  # on the account (pending additions included, removals marked)
    available: list[TagRow]  # in scope and not on the account


def tags_in_scope(cache: Engine, branch_id: int | None) -> list[TagRow]:
    """Tags shared by every branch plus the branch's own."""
    query = select(Tag).order_by(Tag.name)
    if branch_id is not None:
        query = query.where(or_(Tag.branch_id.is_(None), Tag.branch_id == branch_id))
    else:
        query = query.where(Tag.branch_id.is_(None))
    with Session(cache) as conn:
        return [TagRow(t.id, t.name, t.colour) for t in conn.execute(query).scalars()]


def _cached_tag_ids(cache: Engine, account_id: int) -> list[int]:
    with Session(cache) as conn:
        return list(
            conn.execute(
                select(AccountTag.tag_id).where(AccountTag.account_id == account_id)
            ).scalars()
        )


def overlay_tags(cached: Iterable[int], mutations: Iterable[Mutation]) -> dict[int, str | None]:
    """Tag id -> None (settled) or "adding"; removed tags are dropped."""
    result: dict[int, str | None] = dict.fromkeys(cached)
    for m in pending_of(mutations, MutationKind.TAG_ADD, MutationKind.TAG_REMOVE):
        tag_id = int(m.payload["tag_id"])
        if m.kind is MutationKind.TAG_ADD:
            result[tag_id] = "adding"
        else:
            result.pop(tag_id, None)
    return result


def tag_ids_overlaid(cache: Engine, outbox: Outbox | None, account_id: int) -> set[int]:
    return set(
        overlay_tags(_cached_tag_ids(cache, account_id), account_mutations(outbox, account_id))
    )


def load_tags(cache: Engine, outbox: Outbox | None, account_id: int) -> TagsView | None:
    with Session(cache) as conn:
        branch = conn.execute(
            select(Account.branch_id).where(Account.id == account_id)
        ).scalar_one_or_none()
        if branch is None:
            return None
        all_tags = {t.id: t for t in conn.execute(select(Tag)).scalars()}
    current = overlay_tags(
        _cached_tag_ids(cache, account_id), account_mutations(outbox, account_id)
    )
    tags = [
        TagRow(t.id, t.name, t.colour, current[t.id])
        for t in sorted((all_tags[i] for i in current if i in all_tags), key=lambda t: t.name)
    ]
    available = [t for t in tags_in_scope(cache, branch) if t.id not in current]
    return TagsView(tags=tags, available=available)
