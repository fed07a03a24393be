"""The single way a local edit, comment or tag change is made.

Every function here validates first, then records one mutation with
:meth:`db.outbox.Outbox.enqueue` (payload shapes: ``docs/sync-api.md`` "Push") and returns
it. Nothing touches the cache: the GUI lays pending mutations over the cache
(:mod:`db.account_details`) and the sync engine pushes them; when the server applies one, the
changed row and its Log entry come back through a pull.

Conflicts are refused here rather than queued: an edit names the account version it was made
on (``base_version``) and the values it replaces (``before``). If the cached account moved on
since, or a pending edit of this device already changed a field to something else, the save
raises :class:`EditConflict` carrying the current values, and nothing is written.

Callers run these on the single database worker (``ctx.tasks.run_db``), which also keeps the
check and the write of two dialogs from interleaving.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, select

from billing.limits import MAX_COMMENT_CHARS
from billing.messages import Msg, english
from billing.refusal import Refusal
from db.account_details.fields import load_editable_state
from db.account_details.tags import tag_ids_overlaid, tags_in_scope
from db.contact_validation import (
    EDITABLE_FIELDS,
    FieldError,
    ValidationFailed,
    clean_fields,
)
from db.outbox import Mutation, MutationKind, Outbox
from db.schema import Account

log = logging.getLogger(__name__)


class EditConflict(Exception):
    """The account changed underneath an edit; ``current`` holds the values now shown.
    ``msg`` and ``msg_values`` say it for the desk to word (``billing.messages``)."""

    def __init__(
        self, message: str, *, fields: list[str], current: dict[str, Any], version: int,
        msg: Msg | None = None, values: tuple[object, ...] = (),
    ) -> None:
        super().__init__(message)
        self.fields = fields
        self.current = current
        self.version = version
        self.msg = msg
        self.msg_values = values


class WriteRefused(Refusal, ValueError):
    """A comment or tag change that cannot be made (with a message for the user, and its
    id and values for the desk to word: ``WriteRefused.of(Msg.…, …)``)."""

    default_code = "write_refused"


@dataclass(frozen=True)
class EditResult:
    mutation: Mutation | None  # None: nothing changed, nothing queued
    changed: dict[str, Any]


def _norm(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def save_edit(
    cache: Engine,
    outbox: Outbox,
    *,
    account_id: int,
    base_version: int,
    before: Mapping[str, Any],
    values: Mapping[str, Any],
    created_by: str,
) -> EditResult:
    """Validate an edit of account fields and queue it; the one path for every edit.

    ``before`` are the values the form showed (with pending edits laid over), ``values`` what
    the user typed. Fields whose cleaned value equals ``before`` are not sent. Raises
    :class:`ValidationFailed` (nothing written) or :class:`EditConflict` (nothing written).
    """
    unknown = [f for f in values if f not in EDITABLE_FIELDS]
    if unknown:
        raise ValidationFailed([FieldError.of(f, Msg.FIELD_NOT_EDITABLE, f) for f in unknown])
    state = load_editable_state(cache, outbox, account_id)
    if state is None:
        raise WriteRefused.of(Msg.ACCOUNT_NOT_LOCAL, account_id)
    cleaned = clean_fields(values, current=state.values)
    changed = {f: v for f, v in cleaned.items() if v != _norm(before.get(f))}
    if not changed:
        return EditResult(None, {})
    moved = [f for f in changed if _norm(state.values.get(f)) != _norm(before.get(f))]
    if state.version != base_version or moved:
        fields = moved or list(changed)
        current = {f: state.values.get(f) for f in EDITABLE_FIELDS}
        said: tuple[object, ...]
        if state.version != base_version:
            msg, said = Msg.EDIT_ACCOUNT_MOVED, (account_id, base_version, state.version)
        else:
            msg, said = Msg.EDIT_FIELD_MOVED, ()
        raise EditConflict(
            english(msg, *said),
            fields=fields,
            current=current,
            version=state.version,
            msg=msg,
            values=said,
        )

    payload = {
        "fields": changed,
        "before": {f: _norm(before.get(f)) for f in changed},
    }
    mutation = outbox.enqueue(
        MutationKind.EDIT,
        account_id=account_id,
        payload=payload,
        created_by=created_by,
        base_version=base_version,
    )
    log.info("queued edit %s of account %s: %s", mutation.mutation_id, account_id, list(changed))
    return EditResult(mutation, changed)


def check_comment(body: str, max_chars: int = MAX_COMMENT_CHARS) -> str:
    """The comment as it will be stored (trimmed); raises :class:`ValidationFailed`.
    ``max_chars`` is the server's limit (``ctx.limits``), billing's default until heard."""
    text = body.strip()
    if not text:
        raise ValidationFailed([FieldError.of("comment", Msg.COMMENT_EMPTY)])
    if len(text) > max_chars:
        raise ValidationFailed(
            [FieldError.of("comment", Msg.COMMENT_TOO_LONG, len(text), max_chars)]
        )
    return text


def add_comment(
    outbox: Outbox,
    *,
    account_id: int,
    body: str,
    created_by: str,
    now: datetime | None = None,
    max_chars: int = MAX_COMMENT_CHARS,
) -> Mutation:
    """Queue an internal comment on an account."""
    text = check_comment(body, max_chars)
    moment = now or datetime.now(UTC)
    return outbox.enqueue(
        MutationKind.COMMENT,
        account_id=account_id,
        payload={"body": text, "created_at": int(moment.timestamp())},
        created_by=created_by,
    )


def _account_branch(cache: Engine, account_id: int) -> int | None:
    with cache.connect() as conn:
        return conn.execute(
            select(Account.branch_id).where(Account.id == account_id)
        ).scalar_one_or_none()


def add_tag(
    cache: Engine, outbox: Outbox, *, account_id: int, tag_id: int, created_by: str
) -> Mutation:
    """Queue putting a shared tag on an account (the tag must be in the account's scope)."""
    branch = _account_branch(cache, account_id)
    if branch is None:
        raise WriteRefused.of(Msg.ACCOUNT_NOT_LOCAL, account_id)
    allowed = {t.id: t for t in tags_in_scope(cache, branch)}
    if tag_id not in allowed:
        raise WriteRefused.of(Msg.TAG_NOT_OFFERED)
    if tag_id in tag_ids_overlaid(cache, outbox, account_id):
        raise WriteRefused.of(Msg.TAG_ALREADY_ON, repr(allowed[tag_id].name))
    return outbox.enqueue(
        MutationKind.TAG_ADD,
        account_id=account_id,
        payload={"tag_id": tag_id},
        created_by=created_by,
    )


def remove_tag(
    cache: Engine, outbox: Outbox, *, account_id: int, tag_id: int, created_by: str
) -> Mutation:
    """Queue taking a tag off an account."""
    if tag_id not in tag_ids_overlaid(cache, outbox, account_id):
        raise WriteRefused.of(Msg.TAG_NOT_ON)
    return outbox.enqueue(
        MutationKind.TAG_REMOVE,
        account_id=account_id,
        payload={"tag_id": tag_id},
        created_by=created_by,
    )
