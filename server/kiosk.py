"""Kiosk devices: the rate-limited look-up, and the sealed rows of a kiosk's pull.

The look-up finds one account by exact Account ID or mobile, masked
(:mod:`billing.masking`). Every look-up is charged to the device's budgets
(:mod:`billing.kiosk_limits`), kept in ``kiosk_lookup_limits`` so that every server process
charges the same one; a refused look-up answers ``429`` with ``Retry-After``.

A kiosk's pull carries no account rows: :func:`sealed_changes` turns the account rows of a
pull into sealed rows keyed by the device's secret (:mod:`db.kiosk_store`), which lives in
``kiosk_keys`` and is rotated by :func:`rotate_key` when the device is signed out or revoked.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from billing import kiosk_limits
from billing.masking import mask_mobile, mask_name
from billing.roles import Role
from billing.rules import payment_options_paise
from db import contact_validation, kiosk_store
from db.server_schema import kiosk_keys, kiosk_lookup_limits
from server import rows
from server.auth import Principal
from server.config import Settings
from server.database import Database
from server.errors import ApiError, not_found
from server.scopes import account_clause, accounts

# -- the look-up -----------------------------------------------------------------------------


def lookup(
    conn: Connection, principal: Principal, *, account_id: int | None, mobile: str | None
) -> dict[str, Any]:
    query = select(accounts).where(account_clause(principal))
    if account_id is not None:
        query = query.where(accounts.c.id == account_id)
    else:
        try:
            number = contact_validation.normalise_mobile(mobile or "")
        except contact_validation.ValidationFailed:
            raise not_found("No account has that mobile number.") from None
        query = query.where(accounts.c.mobile == number)
    found = conn.execute(query.limit(2)).all()
    if not found:
        raise not_found("No such account here; check the Account ID or mobile.")
    if len(found) > 1:
        raise ApiError(
            409, "ambiguous", "Several accounts share this mobile; enter your Account ID."
        )
    account = found[0]
    plan = None
    if account.plan_id is not None:
        plans = rows.table("plans")
        p = conn.execute(select(plans).where(plans.c.id == account.plan_id)).first()
        if p is not None:
            plan = {"id": p.id, "name": p.name, "price_paise": p.price_paise,
                    "validity_days": p.validity_days, "speed_mbps": p.speed_mbps}
    return {
        "account_id": account.id,
        "name": mask_name(account.name),
        "mobile": mask_mobile(account.mobile),
        "prepaid": account.prepaid,
        "status": account.status,
        "balance_paise": account.balance_paise,
        "options": [o.value for o in payment_options_paise(account.balance_paise,
                                                           account.prepaid)],
        "plan": plan,
        "plan_expiry": account.plan_expiry.isoformat() if account.plan_expiry else None,
        "branch_id": account.branch_id,
        "version": account.version,
    }


def _insert(conn: Connection) -> Any:
    return pg_insert if conn.dialect.name == "postgresql" else sqlite_insert


def _budgets(conn: Connection, device_code: str) -> Any:
    """The device's budget row, locked for this transaction (made when missing)."""
    conn.execute(
        _insert(conn)(kiosk_lookup_limits)
        .values(device_code=device_code, lookup_tat=None, miss_tat=None)
        .on_conflict_do_nothing(index_elements=["device_code"])
    )
    query = select(kiosk_lookup_limits).where(kiosk_lookup_limits.c.device_code == device_code)
    if conn.dialect.name == "postgresql":
        query = query.with_for_update()
    return conn.execute(query).one()


def _refused(code: str, message: str, wait: int) -> ApiError:
    wait = max(1, wait)
    return ApiError(429, code, message, headers={"Retry-After": str(wait)}, retry_after=wait)


def limited_lookup(
    conn: Connection,
    settings: Settings,
    principal: Principal,
    *,
    account_id: int | None,
    mobile: str | None,
) -> tuple[dict[str, Any] | None, ApiError | None]:
    """:func:`lookup`, charged to the device's budgets in the caller's write transaction.

    Returns the answer or the error to send; never raises, so the caller commits the charge
    whatever the outcome (a refused or failed look-up still counts)."""
    device = principal.device_code or principal.username
    now = settings.now_epoch()
    budget = _budgets(conn, device)
    if kiosk_limits.exhausted(budget.miss_tat, now, kiosk_limits.MISS_RATE):
        return None, _refused(
            "too_many_misses",
            "Too many look-ups at this kiosk found nothing; it is locked for a while. "
            "Staff can unlock it with the PIN; look-ups resume when the wait is over.",
            kiosk_limits.wait_seconds(budget.miss_tat, now, kiosk_limits.MISS_RATE))
    charge = kiosk_limits.admit(budget.lookup_tat, now, kiosk_limits.LOOKUP_RATE)
    if not charge.allowed:
        return None, _refused(
            "rate_limited",
            "Too many look-ups from this kiosk; wait a little and try again.",
            charge.retry_after)
    values: dict[str, int] = {"lookup_tat": charge.tat}
    answer: dict[str, Any] | None = None
    error: ApiError | None = None
    try:
        answer = lookup(conn, principal, account_id=account_id, mobile=mobile)
    except ApiError as exc:
        error = exc
        if exc.status == 404:
            values["miss_tat"] = kiosk_limits.admit(
                budget.miss_tat, now, kiosk_limits.MISS_RATE).tat
    conn.execute(
        kiosk_lookup_limits.update()
        .where(kiosk_lookup_limits.c.device_code == device)
        .values(**values)
    )
    return answer, error


# -- the device secret -----------------------------------------------------------------------


def read_key(conn: Connection, device_code: str) -> tuple[str, bytes] | None:
    """The device's key id and secret, or None when it has none yet."""
    row = conn.execute(
        select(kiosk_keys.c.key_id, kiosk_keys.c.secret)
        .where(kiosk_keys.c.device_code == device_code)
    ).first()
    return (row.key_id, bytes.fromhex(row.secret)) if row is not None else None


def ensure_key(conn: Connection, settings: Settings, device_code: str) -> None:
    """Make the device's secret if it has none (in the caller's write transaction)."""
    conn.execute(
        _insert(conn)(kiosk_keys)
        .values(device_code=device_code, key_id=secrets.token_hex(8),
                secret=kiosk_store.new_secret().hex(), created_at=settings.now_epoch())
        .on_conflict_do_nothing(index_elements=["device_code"])
    )


def ensure_device_key(db: Database, settings: Settings, principal: Principal) -> None:
    """Before a kiosk's pull (a read transaction): make its secret if it has none yet."""
    if principal.role is not Role.KIOSK or not principal.device_code:
        return
    with db.read.connect() as conn:
        if read_key(conn, principal.device_code) is not None:
            return
    with db.write.begin() as conn:
        ensure_key(conn, settings, principal.device_code)


def rotate_key(conn: Connection, settings: Settings, device_code: str) -> None:
    """A new secret for the device: rows sealed under the old one no longer open, and the
    device's next pull is answered ``410 resync`` (its cursor names the old key id)."""
    conn.execute(kiosk_keys.delete().where(kiosk_keys.c.device_code == device_code))
    ensure_key(conn, settings, device_code)


# -- sealed rows for a kiosk's pull ----------------------------------------------------------


def key_change(key: tuple[str, bytes]) -> dict[str, Any]:
    """The change that delivers the device secret (first of a kiosk's snapshot rows)."""
    return {"table": kiosk_store.KEYS_TABLE, "op": "upsert",
            "row": kiosk_store.key_row(key[0], key[1])}


def _ids_by_mobile(
    conn: Connection, principal: Principal, mobiles: Iterable[str]
) -> dict[str, list[int]]:
    wanted = sorted(set(mobiles))
    found: dict[str, list[int]] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        query = select(accounts.c.mobile, accounts.c.id).where(
            accounts.c.mobile.in_(chunk), account_clause(principal))
        for mobile, account_id in conn.execute(query):
            found.setdefault(mobile, []).append(int(account_id))
    return found


def sealed_changes(
    conn: Connection,
    principal: Principal,
    key: tuple[str, bytes],
    account_rows: Sequence[Mapping[str, Any]],
) -> list[dict[str, Any]]:
    """Upserts of the sealed rows standing for ``account_rows`` (already scoped)."""
    if not account_rows:
        return []
    secret = key[1]
    groups = _ids_by_mobile(conn, principal, [str(a["mobile"]) for a in account_rows
                                              if a.get("mobile")])
    return [{"table": kiosk_store.ROWS_TABLE, "op": "upsert", "row": row}
            for row in kiosk_store.account_rows(secret, account_rows, groups)]


def sealed_delete(key: tuple[str, bytes], account_id: int) -> dict[str, Any]:
    """The tombstone of an account's ID row (its mobile rows then name a missing ID)."""
    return {"table": kiosk_store.ROWS_TABLE, "op": "delete",
            "key": {"key": kiosk_store.id_key(key[1], account_id)}}
