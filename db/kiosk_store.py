"""The kiosk's offline copy: found by exact Account ID or mobile, unreadable as a list.

A kiosk must keep finding accounts while head office is unreachable, but its copy must not
be a customer list (DESIGN.md "Roles and scopes"). So the server sends
a kiosk no account rows, only *sealed* rows in ``kiosk_accounts``:

- each row's ``key`` is an HMAC-SHA256, under a secret the server keeps per device, of
  ``id:<account id>`` or ``mobile:<E.164 mobile>``; nothing in the row says which account
  or number it is;
- its ``sealed`` value is the content, encrypted with a key derived from the same secret
  AND the ID or mobile typed: a row opens only for someone who types that exact ID or
  number. An ID row holds what the kiosk shows and what its payment flow needs
  (:data:`ID_FIELDS`: masked name and mobile, balance, status, prepaid flag, plan and its
  expiry, branch, version); a mobile row holds only the account IDs with that number.

Sealing (standard library only): a synthetic 16-byte nonce, HMAC-SHA256 of the content
under the row's seal key (SIV: it authenticates the content too), and the content XORed
with SHAKE-256(seal key ‖ nonce), a keyed extendable-output function used as the stream
cipher; different content never reuses a key stream.
The secret arrives with the kiosk's pull (``kiosk_keys``) and is rotated by the server when
the device is signed out or revoked; rows under an old secret are dropped by a resync. It
never reaches the kiosk's cache file: the sync cycle takes it out of each pulled page
(:func:`take_key`) and keeps it in the OS keyring (``sync/kiosk_key.py``); the look-ups
below are handed it by their caller.

Both sides use this module: the server builds the rows (:func:`account_rows`), the kiosk
opens them (:func:`find_by_id`, :func:`find_by_mobile`).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from billing.masking import mask_mobile, mask_name
from db.cache_schema import kiosk_accounts

#: What an opened ID row holds. Nothing else about an account reaches a kiosk's disk.
ID_FIELDS = (
    "account_id", "name", "mobile", "mobile_key", "prepaid", "status", "balance_paise",
    "plan_id", "plan_expiry", "branch_id", "version",
)
#: The wire and cache table of sealed rows, and the wire table of the device's secret (no
#: cache table: the secret is kept in the keyring, never in the cache file).
ROWS_TABLE = "kiosk_accounts"
KEYS_TABLE = "kiosk_keys"

_NONCE = 16


def new_secret() -> bytes:
    return os.urandom(32)


def _hmac(secret: bytes, text: str) -> bytes:
    return hmac.digest(secret, text.encode("utf-8"), "sha256")


def row_key(secret: bytes, kind: str, value: str) -> str:
    """The row key of ``kind`` (``id`` or ``mobile``) ``value``: 32 hex digits of HMAC."""
    return _hmac(secret, f"{kind}:{value}").hex()[:32]


def id_key(secret: bytes, account_id: int) -> str:
    return row_key(secret, "id", str(int(account_id)))


def mobile_key(secret: bytes, mobile: str) -> str:
    return row_key(secret, "mobile", mobile)


def _stream(seal_key: bytes, nonce: bytes, size: int) -> bytes:
    return hashlib.shake_256(seal_key + nonce).digest(size)


def _xor(data: bytes, stream: bytes) -> bytes:
    """``data`` XOR ``stream`` (same length), as one big-integer operation (fast in C)."""
    size = len(data)
    return (int.from_bytes(data, "big") ^ int.from_bytes(stream, "big")).to_bytes(size, "big")


def seal(secret: bytes, kind: str, value: str, content: Mapping[str, Any]) -> str:
    """``content`` as JSON, readable only with ``secret`` and the exact ``kind:value``."""
    seal_key = _hmac(secret, f"seal|{kind}:{value}")
    plain = json.dumps(content, separators=(",", ":"), sort_keys=True).encode("utf-8")
    nonce = _synthetic_nonce(seal_key, plain)
    cipher = _xor(plain, _stream(seal_key, nonce, len(plain)))
    return base64.urlsafe_b64encode(nonce + cipher).decode("ascii")


def _synthetic_nonce(seal_key: bytes, plain: bytes) -> bytes:
    """The nonce as an HMAC of the content (SIV): the same content seals the same way (the
    row and column pull formats stay byte-identical), different content never reuses a key
    stream, and the nonce authenticates the content when the row is opened."""
    return hmac.digest(seal_key, b"siv|" + plain, "sha256")[:_NONCE]


def unseal(secret: bytes, kind: str, value: str, sealed: str) -> dict[str, Any] | None:
    """The content of a sealed row, or None when it does not open (wrong key or value,
    damaged)."""
    try:
        raw = base64.urlsafe_b64decode(sealed.encode("ascii"))
    except (binascii.Error, UnicodeError, ValueError):
        return None
    if len(raw) <= _NONCE:
        return None
    nonce, cipher = raw[:_NONCE], raw[_NONCE:]
    seal_key = _hmac(secret, f"seal|{kind}:{value}")
    plain = _xor(cipher, _stream(seal_key, nonce, len(cipher)))
    if not hmac.compare_digest(nonce, _synthetic_nonce(seal_key, plain)):
        return None
    try:
        content = json.loads(plain)
    except ValueError:
        return None
    return content if isinstance(content, dict) else None


# -- building rows (the server; tests filling a kiosk cache) ---------------------------------


def id_content(secret: bytes, account: Mapping[str, Any]) -> dict[str, Any]:
    """What an ID row holds for ``account`` (a row of ``accounts`` as a dict), masked with
    :mod:`billing.masking`, the one masking rule."""
    expiry = account.get("plan_expiry")
    mobile = account.get("mobile")
    return {
        "account_id": int(account["id"]),
        "name": mask_name(account.get("name")),
        "mobile": mask_mobile(mobile),
        "mobile_key": mobile_key(secret, mobile) if mobile else None,
        "prepaid": bool(account["prepaid"]),
        "status": str(account["status"]),
        "balance_paise": int(account["balance_paise"]),
        "plan_id": account.get("plan_id"),
        "plan_expiry": expiry if expiry is None or isinstance(expiry, str)
        else expiry.isoformat(),
        "branch_id": account.get("branch_id"),
        "version": account.get("version"),
    }


def id_row(secret: bytes, account: Mapping[str, Any]) -> dict[str, str]:
    account_id = str(int(account["id"]))
    return {"key": row_key(secret, "id", account_id),
            "sealed": seal(secret, "id", account_id, id_content(secret, account))}


def mobile_row(secret: bytes, mobile: str, account_ids: Iterable[int]) -> dict[str, str]:
    return {"key": mobile_key(secret, mobile),
            "sealed": seal(secret, "mobile", mobile, {"ids": sorted(set(account_ids))})}


def account_rows(
    secret: bytes,
    accounts: Iterable[Mapping[str, Any]],
    ids_by_mobile: Mapping[str, Iterable[int]],
) -> list[dict[str, str]]:
    """The sealed rows for ``accounts``: one ID row each, and one row per mobile listing
    every account (of ``ids_by_mobile``, the caller's scope) with that number."""
    out: list[dict[str, str]] = []
    mobiles: dict[str, None] = {}
    for account in accounts:
        out.append(id_row(secret, account))
        if account.get("mobile"):
            mobiles[str(account["mobile"])] = None
    for mobile in mobiles:
        out.append(mobile_row(secret, mobile, ids_by_mobile.get(mobile, ())))
    return out


def key_row(key_id: str, secret: bytes) -> dict[str, str]:
    return {"key_id": key_id, "secret": secret.hex()}


# -- the kiosk's side -----------------------------------------------------------------------


def take_key(
    changes: Sequence[Mapping[str, Any]],
    snapshot: Sequence[Any] | None = None,
) -> tuple[tuple[str, str] | None, list[Mapping[str, Any]], list[Any] | None]:
    """Split a pulled page: the device secret it delivers (``(key_id, secret hex)``, the
    last one when several) and the page's changes and snapshot blocks without it. What is
    returned for the cache never holds the secret."""
    key: tuple[str, str] | None = None
    kept: list[Mapping[str, Any]] = []
    for change in changes:
        if change.get("table") == KEYS_TABLE:
            row = change.get("row")
            if change.get("op") == "upsert" and isinstance(row, Mapping):
                key = (str(row.get("key_id") or ""), str(row.get("secret") or ""))
            continue
        kept.append(change)
    if snapshot is None:
        return key, kept, None
    blocks: list[Any] = []
    for block in snapshot:
        if isinstance(block, Mapping) and block.get("table") == KEYS_TABLE:
            columns, rows = block.get("columns"), block.get("rows")
            if isinstance(columns, list) and isinstance(rows, list) and rows \
                    and isinstance(rows[-1], list) and len(rows[-1]) == len(columns):
                row = dict(zip(columns, rows[-1], strict=True))
                key = (str(row.get("key_id") or ""), str(row.get("secret") or ""))
            continue
        blocks.append(block)
    return key, kept, blocks


def _sealed(conn: Connection, key: str) -> str | None:
    return conn.execute(
        select(kiosk_accounts.c.sealed).where(kiosk_accounts.c.key == key)
    ).scalar()


def find_by_id(conn: Connection, secret: bytes, account_id: int) -> dict[str, Any] | None:
    """The opened ID row of ``account_id`` under the device ``secret``, or None."""
    value = str(int(account_id))
    sealed = _sealed(conn, row_key(secret, "id", value))
    content = unseal(secret, "id", value, sealed) if sealed else None
    if content is None or content.get("account_id") != int(account_id):
        return None
    return content


def find_by_mobile(conn: Connection, secret: bytes, mobile: str) -> list[dict[str, Any]]:
    """The opened ID rows of every account whose mobile is ``mobile`` (E.164). A mobile row
    may name an account whose number has changed since (the server does not know the old
    number to replace it): each ID row carries its current mobile's key, checked here."""
    sealed = _sealed(conn, mobile_key(secret, mobile))
    content = unseal(secret, "mobile", mobile, sealed) if sealed else None
    if content is None:
        return []
    wanted = mobile_key(secret, mobile)
    found = []
    for account_id in content.get("ids", []):
        if isinstance(account_id, int) and not isinstance(account_id, bool):
            row = find_by_id(conn, secret, account_id)
            if row is not None and row.get("mobile_key") == wanted:
                found.append(row)
    return found


@dataclass(frozen=True)
class PaymentRow:
    """An opened ID row in the shape the payment flow reads an ``accounts`` row
    (db.payments_local.load_account): name and mobile masked, no email."""

    id: int
    name: str
    mobile: str
    email: None
    prepaid: bool
    status: str
    branch_id: int
    plan_id: int | None
    plan_expiry: str | None
    balance_paise: int
    version: int | None = None


def payment_row(conn: Connection, secret: bytes, account_id: int) -> PaymentRow | None:
    """The account as a kiosk's payment flow sees it, from its sealed row (None if none)."""
    content = find_by_id(conn, secret, account_id)
    if content is None:
        return None
    return PaymentRow(
        id=int(content["account_id"]), name=str(content["name"]),
        mobile=str(content["mobile"]), email=None, prepaid=bool(content["prepaid"]),
        status=str(content["status"]), branch_id=int(content["branch_id"]),
        plan_id=content.get("plan_id"), plan_expiry=content.get("plan_expiry"),
        balance_paise=int(content["balance_paise"]),
        version=content.get("version"),
    )
