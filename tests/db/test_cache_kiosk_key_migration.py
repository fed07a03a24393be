"""cache_0007: a kiosk cache made before it held its sealing secret in a ``kiosk_keys``
table; migrating drops the table, leaves no copy of the secret in the file, and makes the
next pull start afresh so the secret comes again (into the keyring: sync/kiosk_key.py)."""

from __future__ import annotations

from pathlib import Path

from db import kiosk_store, migrate
from db.cache import open_cache
from db.engine import sqlite_engine


def test_cache_0007_drops_the_kiosk_secret_from_an_older_cache(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    secret = kiosk_store.new_secret()
    old = sqlite_engine(path, synchronous="NORMAL", foreign_keys=False)
    migrate.upgrade(old, "cache", "cache_0006")
    account = {"id": 10000001, "name": "Kavitha Raman", "mobile": "+919876543210",
               "prepaid": True, "status": "Active", "balance_paise": 0, "plan_id": None,
               "plan_expiry": None, "branch_id": 1, "version": 1}
    with old.begin() as conn:
        conn.exec_driver_sql("INSERT INTO kiosk_keys(key_id, secret) VALUES (?, ?)",
                             ("k1", secret.hex()))
        for row in kiosk_store.account_rows(secret, [account], {account["mobile"]: [10000001]}):
            conn.exec_driver_sql("INSERT INTO kiosk_accounts(key, sealed) VALUES (?, ?)",
                                 (row["key"], row["sealed"]))
        conn.exec_driver_sql("INSERT INTO sync_state(key, value) VALUES ('cursor', 'c1')")
    old.dispose()  # the last connection checkpoints the WAL into the file
    assert secret.hex().encode() in path.read_bytes()

    eng = open_cache(path)  # migrates to head
    try:
        with eng.connect() as conn:
            tables = {n for (n,) in conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            assert "kiosk_keys" not in tables
            assert conn.exec_driver_sql("SELECT count(*) FROM kiosk_accounts").scalar() == 0
            assert conn.exec_driver_sql(
                "SELECT count(*) FROM sync_state WHERE key = 'cursor'").scalar() == 0
    finally:
        eng.dispose()
    on_disk = b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())
    assert secret.hex().encode() not in on_disk


def test_cache_0007_keeps_the_cursor_of_a_cache_that_held_no_kiosk_key(
        tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    old = sqlite_engine(path, synchronous="NORMAL", foreign_keys=False)
    migrate.upgrade(old, "cache", "cache_0006")
    with old.begin() as conn:
        conn.exec_driver_sql("INSERT INTO sync_state(key, value) VALUES ('cursor', 'c1')")
    old.dispose()
    eng = open_cache(path)
    try:
        with eng.connect() as conn:
            assert conn.exec_driver_sql(
                "SELECT value FROM sync_state WHERE key = 'cursor'").scalar() == "c1"
    finally:
        eng.dispose()
