"""Push: apply a batch of mutations, each exactly once, each in its own transaction.

Every mutation is answered ``applied``, ``duplicate`` (the stored answer of the first
application, also when that first answer never reached the client), ``rejected`` (a code
and a message, nothing changed) or ``conflict`` (an edit whose field changed on the server;
the answer carries the current row). Applied mutations are recorded in
``mutations_applied`` in the same transaction as their effects; payments additionally hold
``UNIQUE(payment_uuid)``, so even two servers racing on one retry apply it once.
Rejected and conflicting mutations are not recorded: the client may amend and resend them
under the same id.

This module holds the transactions, the retries and the idempotency keys; each kind is
applied by its own module (``server.apply_payment``, ``server.apply_account``,
``server.reversals``, ``server.day_closes``) with the helpers of ``server.apply_context``.
"""

from __future__ import annotations

import hashlib
import json
import logging
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.exc import IntegrityError, OperationalError

from billing.mutations import MutationKind
from db.server_schema import mutations_applied
from server import changelog, day_closes, reversals, rows
from server.apply_account import apply_comment, apply_edit, apply_tag
from server.apply_context import ApplyContext, Conflict, Rejected, table
from server.apply_payment import apply_payment
from server.auth import Principal
from server.config import Settings
from server.database import Database
from server.errors import ApiError
from server.scopes import account_in_scope

__all__ = ["apply_batch", "apply_mutation"]

log = logging.getLogger(__name__)


def _unstorable_text(value: Any) -> str | None:
    """What makes text in ``value`` unstorable, or None: NUL (PostgreSQL text cannot hold
    it) or a lone UTF-16 surrogate such as ``"\\ud800"`` (valid in JSON, not encodable as
    UTF-8, so neither database nor the JSON answer can take it)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return "a NUL character"
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return "a lone surrogate (half of a UTF-16 pair); send valid Unicode"
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return None


def _day_close(ctx: ApplyContext, mutation: dict[str, Any]) -> dict[str, Any]:
    """A closed cash session's report for head office (server/day_closes.py)."""
    try:
        return day_closes.receive(
            ctx.conn, ctx.principal, ctx.settings, close_id=mutation["mutation_id"],
            account_id=mutation["account_id"], device_code=ctx.device_code,
            payload=mutation["payload"], now=ctx.now)
    except day_closes.Refused as exc:
        raise Rejected(exc.code, exc.message) from None


# -- the batch -----------------------------------------------------------------------------


def _fingerprint(mutation: dict[str, Any]) -> str:
    """SHA-256 of what the mutation asks for (kind, account, payload), key order aside."""
    body = json.dumps([mutation["kind"], mutation["account_id"], mutation["payload"]],
                      sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(body.encode("ascii")).hexdigest()


def _owned(username: str | None, device: str | None, principal: Principal,
           device_code: str | None) -> bool:
    """Whether an earlier write was made by this caller: the same device (a token pushes
    only as its own device, server.auth.bind_device), or, for a write recorded without a
    device, the same user."""
    if device is not None:
        return device == device_code
    return username == principal.username


def _reused(mutation_id: str, field: str) -> dict[str, Any]:
    what = "mutation id" if field == "mutation_id" else "payment_uuid"
    return {
        "mutation_id": mutation_id,
        "status": "conflict",
        "error": {"code": "idempotency_key_reused",
                  "message": f"This {what} was already used for a different change; "
                             "send this change again under a new id."},
        "conflicts": [field],
        "current": None,
    }


def _earlier(conn: Connection, principal: Principal, device_code: str | None,
             mutation: dict[str, Any]) -> dict[str, Any] | None:
    """The answer for a mutation whose id was seen before, None when it never was.

    Idempotency keys belong to whoever used them first: the stored answer is replayed
    (``duplicate``) only to the same device (or user) asking for the same change; anyone
    else, or the same desk asking for another change under the id, gets a conflict that
    carries nothing of the first change.
    """
    mutation_id = mutation["mutation_id"]
    row = conn.execute(
        select(mutations_applied.c.result, mutations_applied.c.username,
               mutations_applied.c.device_code, mutations_applied.c.kind,
               mutations_applied.c.account_id, mutations_applied.c.payload_sha256)
        .where(mutations_applied.c.mutation_id == mutation_id)
    ).first()
    if row is None:
        return None
    same = (
        _owned(row.username, row.device_code, principal, device_code)
        and row.kind == mutation["kind"]
        and row.account_id == mutation["account_id"]
        and row.payload_sha256 in (None, _fingerprint(mutation))
    )
    if not same:
        return _reused(mutation_id, "mutation_id")
    return {**json.loads(row.result), "mutation_id": mutation_id, "status": "duplicate"}


def _earlier_payment(conn: Connection, principal: Principal, device_code: str | None,
                     mutation: dict[str, Any]) -> dict[str, Any] | None:
    """A payment already taken under this payment_uuid (sent under another mutation id):
    its answer when it is this caller's same payment, a conflict when not; None when the
    uuid is new."""
    payload = mutation.get("payload")
    if mutation["kind"] != MutationKind.PAYMENT or not isinstance(payload, dict) \
            or not isinstance(payload.get("payment_uuid"), str):
        return None
    payments = table("payments")
    row = conn.execute(
        select(payments).where(payments.c.payment_uuid == payload["payment_uuid"].strip())
    ).first()
    if row is None:
        return None
    same = (
        _owned(row.taken_by, row.device_code, principal, device_code)
        and row.account_id == mutation["account_id"]
        and row.amount_paise == payload.get("amount_paise")
        and row.kind == payload.get("option")
    )
    if not same:
        return _reused(mutation["mutation_id"], "payment_uuid")
    answer = {"mutation_id": mutation["mutation_id"], "status": "duplicate",
              "payment": {"document_number": row.document_number,
                          "balance_after_paise": row.balance_after_paise,
                          "receipt_number": row.receipt_number}}
    # Desks send a payment under its uuid as mutation id: how it was applied is there.
    first = conn.execute(select(mutations_applied.c.result)
                         .where(mutations_applied.c.mutation_id == row.payment_uuid)).first()
    applied_as = json.loads(first.result).get("applied_as") if first is not None else None
    if applied_as is not None:
        answer["applied_as"] = applied_as
    return answer


def apply_batch(
    database: Database, settings: Settings, principal: Principal, device_code: str | None,
    mutations: list[dict[str, Any]],
) -> list[dict[str, Any]]:
    """Apply mutations in order, each in its own transaction, on one connection.

    With ``settings.push_group_commit`` the whole request is one transaction and each
    mutation a SAVEPOINT: still atomic with its ``mutations_applied`` record, but one
    durable commit per request instead of one per mutation (faster, holds row locks and the
    pull horizon until the request ends). Off by default.
    """
    with database.write.connect() as conn:
        if settings.push_group_commit and len(mutations) > 1:
            return _apply_group(conn, settings, principal, device_code, mutations)
        return [
            _apply_with_retries(conn, settings, principal, device_code, m) for m in mutations
        ]


def _apply_group(
    conn: Connection, settings: Settings, principal: Principal, device_code: str | None,
    mutations: list[dict[str, Any]],
) -> list[dict[str, Any]]:
    results: list[dict[str, Any]] = []
    outer = conn.begin()
    try:
        for mutation in mutations:
            savepoint = conn.begin_nested()
            try:
                results.append(_apply_in(conn, savepoint, settings, principal, device_code,
                                         mutation))
            except IntegrityError:
                if savepoint.is_active:
                    savepoint.rollback()
                earlier = _earlier(conn, principal, device_code, mutation) or \
                    _earlier_payment(conn, principal, device_code, mutation)
                if earlier is None:
                    raise
                results.append(earlier)
            finally:
                if savepoint.is_active:
                    savepoint.rollback()
        outer.commit()
    finally:
        if outer.is_active:
            outer.rollback()
    return results


def apply_mutation(
    database: Database, settings: Settings, principal: Principal, device_code: str | None,
    mutation: dict[str, Any],
) -> dict[str, Any]:
    """Apply one mutation in its own transaction; the answer for the results list."""
    return apply_batch(database, settings, principal, device_code, [mutation])[0]


def _apply_with_retries(
    conn: Connection, settings: Settings, principal: Principal, device_code: str | None,
    mutation: dict[str, Any],
) -> dict[str, Any]:
    mutation_id = mutation["mutation_id"]
    for attempt in range(5):
        try:
            return _apply_once(conn, settings, principal, device_code, mutation)
        except IntegrityError:
            # Another request applied the same mutation (or payment) concurrently.
            with conn.begin():
                earlier = _earlier(conn, principal, device_code, mutation) or \
                    _earlier_payment(conn, principal, device_code, mutation)
            if earlier is not None:
                return earlier
            if attempt == 4:
                raise
        except OperationalError as exc:
            # PostgreSQL serialisation failure / deadlock: try again.
            if attempt == 4 or conn.dialect.name != "postgresql":
                raise
            log.warning("retrying mutation %s after %s", mutation_id, exc.orig)
    raise AssertionError("unreachable")


def _apply_once(
    conn: Connection, settings: Settings, principal: Principal, device_code: str | None,
    mutation: dict[str, Any],
) -> dict[str, Any]:
    tx = conn.begin()
    try:
        return _apply_in(conn, tx, settings, principal, device_code, mutation)
    finally:
        if tx.is_active:
            tx.rollback()


def _apply_in(
    conn: Connection, tx: Any, settings: Settings, principal: Principal,
    device_code: str | None, mutation: dict[str, Any],
) -> dict[str, Any]:
    mutation_id = mutation["mutation_id"]
    kind = MutationKind(mutation["kind"])
    ctx = ApplyContext(conn, principal, settings, settings.now_epoch(), settings.today(),
                       device_code)
    try:
        try:
            # Lock the account first (PostgreSQL: FOR UPDATE; SQLite: BEGIN IMMEDIATE), then
            # look for an earlier application: a racing retry has committed or not, for good.
            account = None if kind is MutationKind.DAY_CLOSE else account_in_scope(
                conn, principal, mutation["account_id"], for_update=True)
        except ApiError:
            # Applied by this caller before the account left its scope: the stored answer;
            # anything else is simply an account it cannot see.
            earlier = _earlier(conn, principal, device_code, mutation)
            if earlier is not None and earlier["status"] == "duplicate":
                return earlier
            raise Rejected("not_found", "No such account.") from None
        earlier = _earlier(conn, principal, device_code, mutation)
        if earlier is not None:
            return earlier
        ctx.account = account
        payload = mutation["payload"]
        bad_text = _unstorable_text(payload)
        if bad_text is not None:
            raise Rejected("invalid_payload", f"Text in the payload has {bad_text}.")
        if kind is MutationKind.PAYMENT:
            answer = apply_payment(ctx, account, payload)
        elif kind is MutationKind.EDIT:
            answer = apply_edit(ctx, account, payload, mutation.get("base_version"))
        elif kind is MutationKind.COMMENT:
            answer = apply_comment(ctx, account, payload)
        elif kind is MutationKind.DAY_CLOSE:
            answer = _day_close(ctx, mutation)
        elif kind in (MutationKind.REVERSAL, MutationKind.CHEQUE_CLEARED):
            answer = reversals.apply(ctx, account, kind, payload)
        else:
            answer = apply_tag(ctx, account, payload, add=kind is MutationKind.TAG_ADD)
    except Rejected as exc:
        tx.rollback()
        return {"mutation_id": mutation_id, "status": "rejected",
                "error": {"code": exc.code, "message": exc.message}}
    except Conflict as exc:
        # The fields that did not conflict stay applied; the mutation is not recorded,
        # so the client can resend it (keep mine) or drop it (take theirs).
        changelog.record_many(conn, ctx.changes)
        current = rows.account_json(conn, mutation["account_id"])
        tx.commit()
        return {
            "mutation_id": mutation_id,
            "status": "conflict",
            "error": {"code": "conflict", "message": exc.message},
            "conflicts": exc.fields,
            "current": current,
        }
    result = {"mutation_id": mutation_id, "status": "applied", **answer}
    changelog.record_many(conn, ctx.changes)
    conn.execute(
        mutations_applied.insert().values(
            mutation_id=mutation_id,
            device_code=device_code,
            username=principal.username,
            kind=kind.value,
            account_id=mutation["account_id"],
            applied_at=ctx.now,
            result=json.dumps(result, separators=(",", ":")),
            payload_sha256=_fingerprint(mutation),
        )
    )
    tx.commit()
    return result
