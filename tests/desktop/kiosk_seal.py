"""Fill a test cache's kiosk copy the way a kiosk's pull does (db/kiosk_store.py).

The desktop tests start from a demo cache of account rows; a kiosk's cache holds sealed rows
instead. :func:`seal_cache` seals one branch's accounts of that cache with a new secret, as
the server seals them for a kiosk (same functions), leaving the account rows in place for
the tests' own look-ups of what to type.
"""

from __future__ import annotations

from sqlalchemy import Engine, text

from db import kiosk_store
from db.cache_schema import kiosk_accounts, kiosk_keys


def seal_cache(engine: Engine, branch_id: int = 1) -> bytes:
    """(Re)build the kiosk copy of ``branch_id`` from the cache's accounts; the secret."""
    secret = kiosk_store.new_secret()
    with engine.begin() as conn:
        accounts = [dict(r._mapping) for r in conn.execute(text(
            "SELECT id, name, mobile, prepaid, status, balance_paise, plan_id, plan_expiry, "
            "branch_id, version FROM accounts WHERE branch_id = :b"), {"b": branch_id})]
        groups: dict[str, list[int]] = {}
        for account in accounts:
            groups.setdefault(account["mobile"], []).append(account["id"])
        conn.execute(kiosk_accounts.delete())
        conn.execute(kiosk_keys.delete())
        conn.execute(kiosk_keys.insert().values(kiosk_store.key_row("test", secret)))
        rows = kiosk_store.account_rows(secret, accounts, groups)
        conn.execute(kiosk_accounts.insert(), rows)
    return secret
