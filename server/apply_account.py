"""Applying pushed edits of an account's contact and technical fields, comments and tags.

An edit names, per field, the value the desk saw (``before``): a field still so on the server
takes the new value (a field sent without one: when the account's version is still the
``base_version`` the desk read), one changed meanwhile is a ``Conflict`` (the other fields
stay applied) that the desk settles by keeping its value or taking the server's.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from billing.roles import Action
from db import contact_validation
from server.apply_context import (
    ApplyContext,
    Conflict,
    Rejected,
    int_field,
    moment,
    record_change,
    table,
    update_account,
    write_log,
)
from server.database import next_id

__all__ = ["apply_comment", "apply_edit", "apply_tag"]


def _same(a: Any, b: Any) -> bool:
    def norm(v: Any) -> Any:
        if v is None or (isinstance(v, str) and not v.strip()):
            return None
        return v.strip() if isinstance(v, str) else v

    return norm(a) == norm(b)


def apply_edit(ctx: ApplyContext, account: Any, payload: dict[str, Any],
               base_version: Any) -> dict[str, Any]:
    fields = payload.get("fields")
    before = payload.get("before", {})
    if not isinstance(fields, dict) or not fields or not isinstance(before, dict):
        raise Rejected("invalid_payload", "An edit needs {'fields': {...}, 'before': {...}}.")
    technical = [f for f in fields if f in contact_validation.TECHNICAL_FIELDS]
    if not ctx.principal.may(Action.EDIT):
        raise Rejected("forbidden", "This role may not edit accounts.")
    if technical and not ctx.principal.may(Action.EDIT_TECHNICAL):
        raise Rejected("forbidden", "This role may not edit technical details.")
    try:
        cleaned = contact_validation.clean_fields(fields)
    except contact_validation.ValidationFailed as exc:
        raise Rejected("invalid_field", str(exc)) from None
    apply: dict[str, Any] = {}
    conflicts: list[str] = []
    for field, new in cleaned.items():
        server_value = getattr(account, field)
        if _same(server_value, new):
            continue  # already so (e.g. a retry of an edit that applied)
        if field in before:
            if _same(server_value, before[field]):
                apply[field] = new
            else:
                conflicts.append(field)
        elif base_version is not None and base_version == account.version:
            apply[field] = new
        else:
            conflicts.append(field)
    if apply:
        old = {f: getattr(account, f) for f in apply}
        account = update_account(ctx, account, **apply)
        for field, new in apply.items():
            label = contact_validation.FIELD_LABELS.get(field, field)
            write_log(ctx, account, f"{label} changed: {old[field] or '—'} → {new or '—'}",
                 field=field, old=old[field], new=new)
    if conflicts:
        labels = ", ".join(contact_validation.FIELD_LABELS.get(f, f) for f in conflicts)
        raise Conflict(f"Changed on the server since you opened it: {labels}.", conflicts)
    return {"account_version": account.version}


def apply_comment(ctx: ApplyContext, account: Any, payload: dict[str, Any]) -> dict[str, Any]:
    if not ctx.principal.may(Action.COMMENT):
        raise Rejected("forbidden", "This role may not comment.")
    body = payload.get("body")
    if not isinstance(body, str) or not body.strip():
        raise Rejected("invalid_payload", "A comment needs some text.")
    most = ctx.settings.max_comment_chars
    if len(body) > most:
        raise Rejected("invalid_payload", f"A comment has at most {most} characters.")
    created = int_field(payload, "created_at", optional=True)
    if created is None or not 0 <= created <= ctx.now + 300:
        created = ctx.now
    comment_id = next_id(ctx.conn, "comments")
    ctx.conn.execute(
        table("comments").insert().values(
            id=comment_id,
            account_id=account.id,
            author=ctx.principal.username,
            created_at=moment(created),
            body=body.strip(),
            version=1,
        )
    )
    record_change(ctx, "comments", {"id": comment_id})
    preview = " ".join(body.split())
    write_log(ctx, account, f"Comment added: {preview[:80]}{'…' if len(preview) > 80 else ''}")
    return {"comment_id": comment_id}


def apply_tag(ctx: ApplyContext, account: Any, payload: dict[str, Any],
              add: bool) -> dict[str, Any]:
    if not ctx.principal.may(Action.TAG):
        raise Rejected("forbidden", "This role may not tag accounts.")
    tag_id = int_field(payload, "tag_id")
    tags, links = table("tags"), table("account_tags")
    tag = ctx.conn.execute(select(tags).where(tags.c.id == tag_id)).first()
    if tag is None or tag.branch_id not in (None, account.branch_id):
        raise Rejected("not_found", "No such tag for this account's branch.")
    where = (links.c.account_id == account.id, links.c.tag_id == tag_id)
    present = ctx.conn.execute(select(links.c.tag_id).where(*where)).first() is not None
    key = {"account_id": account.id, "tag_id": tag_id}
    if add and not present:
        ctx.conn.execute(links.insert().values(account_id=account.id, tag_id=tag_id, version=1))
        record_change(ctx, "account_tags", key)
        write_log(ctx, account, f"Tag added: {tag.name}", field="tag", new=tag.name)
    elif not add and present:
        ctx.conn.execute(links.delete().where(*where))
        record_change(ctx, "account_tags", key, op="delete")
        write_log(ctx, account, f"Tag removed: {tag.name}", field="tag", old=tag.name)
    return {}
