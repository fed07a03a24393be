"""Fill a test cache's kiosk copy the way a kiosk's pull does (db/kiosk_store.py).

The desktop tests start from a demo cache of account rows; a kiosk's cache holds sealed rows
instead. :func:`seal_cache` seals one branch's accounts of that cache with a new secret, as
the server seals them for a kiosk (same functions), leaving the account rows in place for
the tests' own look-ups of what to type. The secret goes where a kiosk's pull puts it: the
context's :class:`~sync.kiosk_key.KioskKey` over a memory keyring, never the cache.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from db import kiosk_store
from db.cache_schema import kiosk_accounts
from sync.kiosk_key import KioskKey
from sync.token_store import MemoryKeyring, SecretStore

TEST_SERVER = "http://kiosk.test"
TEST_DEVICE = "KIOSKTEST"


def seal_cache(ctx: Any, branch_id: int = 1) -> bytes:
    """(Re)build the kiosk copy of ``branch_id`` from ``ctx``'s cache accounts, its secret
    kept in ``ctx.kiosk_key`` (made over a memory keyring if it has none); the secret."""
    secret = kiosk_store.new_secret()
    if getattr(ctx, "kiosk_key", None) is None:
        ctx.kiosk_key = KioskKey(SecretStore(MemoryKeyring()), TEST_SERVER, TEST_DEVICE)
    assert ctx.kiosk_key.store("test", secret.hex())
    with ctx.cache_engine.begin() as conn:
        accounts = [dict(r._mapping) for r in conn.execute(text(
            "SELECT id, name, mobile, prepaid, status, balance_paise, plan_id, plan_expiry, "
            "branch_id, version FROM accounts WHERE branch_id = :b"), {"b": branch_id})]
        groups: dict[str, list[int]] = {}
        for account in accounts:
            groups.setdefault(account["mobile"], []).append(account["id"])
        conn.execute(kiosk_accounts.delete())
        rows = kiosk_store.account_rows(secret, accounts, groups)
        conn.execute(kiosk_accounts.insert(), rows)
    return secret
