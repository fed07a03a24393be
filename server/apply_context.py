"""What every pushed write is applied with: the context of one mutation's transaction, the
answers that stop it (:class:`Rejected`, :class:`Conflict`), the payload checks and the
writes they all make (the account row, its log, the change log for other desks' pulls).

``server.push`` opens the transaction and builds the :class:`ApplyContext`; the kinds are
applied in ``server.apply_payment`` (payments), ``server.apply_account`` (edits, comments,
tags), ``server.reversals`` (voids, bounced and cleared cheques) and ``server.day_closes``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, select, update

from billing.lifecycle import StatusChange
from server import changelog, rows
from server.auth import Principal
from server.config import Settings
from server.database import next_id_expr

__all__ = [
    "ApplyContext",
    "Conflict",
    "Rejected",
    "branch_code",
    "change_status",
    "int_field",
    "moment",
    "record_change",
    "table",
    "text_field",
    "update_account",
    "write_log",
]


class Rejected(Exception):
    """Nothing of the mutation is kept: push answers it ``rejected`` with this code and
    message, and the client may amend it and send it again under the same id."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class Conflict(Exception):
    """An edit of ``fields`` that changed on the server since the client read them: push
    keeps the fields that did not conflict and answers ``conflict`` with the current row."""

    def __init__(self, message: str, fields: list[str]) -> None:
        super().__init__(message)
        self.message = message
        self.fields = fields


@dataclass
class ApplyContext:
    """One mutation being applied: its connection (inside the mutation's transaction), who
    pushed it from which device, the server's clock, the locked account row and the rows
    changed so far (written to the change log just before commit)."""

    conn: Connection
    principal: Principal
    settings: Settings
    now: int
    today: date
    device_code: str | None
    account: Any = None
    changes: list[dict[str, Any]] = dataclasses.field(default_factory=list)


def table(name: str) -> Any:
    """The server schema's table ``name``."""
    return rows.table(name)


def moment(epoch: int) -> datetime:
    """Epoch seconds as an aware UTC datetime (how the server's tables store times)."""
    return datetime.fromtimestamp(epoch, UTC)


def record_change(ctx: ApplyContext, table_name: str, key: dict[str, Any],
                  op: str = "upsert") -> None:
    """Note a changed row; written to the change log in one statement before commit."""
    ctx.changes.append(changelog.values(table_name, key, op=op, account=ctx.account,
                                        at=ctx.now))


_BRANCH_CODES: dict[int, str] = {}


def branch_code(conn: Connection, branch_id: int) -> str:
    """Branch codes never change once issued (they are printed on receipts): cached."""
    code = _BRANCH_CODES.get(branch_id)
    if code is None:
        branches = rows.table("branches")
        code = conn.execute(select(branches.c.code).where(branches.c.id == branch_id)).scalar_one()
        _BRANCH_CODES[branch_id] = code
    return code


# -- payload checks ------------------------------------------------------------------------


def int_field(payload: dict[str, Any], key: str, *, optional: bool = False) -> int | None:
    """``payload[key]`` as a whole number (paise, epoch seconds, an id), or Rejected."""
    value = payload.get(key)
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise Rejected("invalid_payload", f"{key} must be a whole number (paise / epoch).")
    if abs(value) > 2**62:
        raise Rejected("invalid_payload", f"{key} is out of range.")
    return value


def text_field(payload: dict[str, Any], key: str, max_len: int, *,
               optional: bool = False) -> str | None:
    """``payload[key]`` as text of 1 to ``max_len`` characters, stripped, or Rejected."""
    value = payload.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value.strip() or len(value) > max_len:
        raise Rejected("invalid_payload", f"{key} must be text of 1 to {max_len} characters.")
    return value.strip()


# -- common writes -------------------------------------------------------------------------


def write_log(ctx: ApplyContext, account: Any, description: str, *, user: str | None = None,
              field: str | None = None, old: Any = None, new: Any = None) -> None:
    """One line in the account's log (the detail dialog's Log tab), by the pusher unless
    ``user`` says otherwise (``system`` for status changes)."""
    log_id = ctx.conn.execute(
        table("log_entries").insert().values(
            id=next_id_expr(ctx.conn.dialect.name, "log_entries"),
            account_id=account.id,
            at=moment(ctx.now),
            user=user or ctx.principal.username,
            field=field,
            old_value=None if old is None else str(old),
            new_value=None if new is None else str(new),
            description=description,
            version=1,
        ).returning(table("log_entries").c.id)
    ).scalar_one()
    record_change(ctx, "log_entries", {"id": log_id})


def update_account(ctx: ApplyContext, account: Any, **values: Any) -> Any:
    """Set ``values`` on the account row, bump its version; the updated row."""
    accounts = table("accounts")
    record_change(ctx, "accounts", {"id": account.id})
    return ctx.conn.execute(
        update(accounts)
        .where(accounts.c.id == account.id)
        .values(**values, version=accounts.c.version + 1)
        .returning(*accounts.c)
    ).one()


def change_status(ctx: ApplyContext, account: Any, change: StatusChange) -> Any:
    """Apply a status change (from ``billing.lifecycle.next_status`` or
    ``status_after_payment``) to the account and log it as ``system`` with the rule that
    made it; the updated row."""
    account = update_account(ctx, account, status=change.new.value)
    write_log(ctx, account, f"{change.new.value}: {change.rule}", user="system",
              field="status", old=change.old.value, new=change.new.value)
    return account
