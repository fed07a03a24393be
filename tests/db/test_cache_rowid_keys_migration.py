"""cache_0009 on an older cache holding rows: every row kept, the history tables' keys now
SQLite's rowid, their unique constraints named indexes that are still enforced, the planner's
statistics carried over; and back down again."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from db import migrate
from db.cache import open_cache
from db.engine import sqlite_engine
from db.schema import DOMAIN_TABLES
from demo.data import generate
from tests.conftest import DEMO_TODAY

HISTORY = ("orders", "invoices", "payments", "comments", "log_entries", "payment_reversals",
           "cheque_clearances")


def _hashes(engine: Engine) -> dict[str, tuple[int, str]]:
    out = {}
    with engine.connect() as conn:
        for name in DOMAIN_TABLES:
            rows = conn.exec_driver_sql(f'SELECT * FROM "{name}" ORDER BY 1, 2').all()
            out[name] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
    return out


def _schema(engine: Engine, *, quotes: bool = True) -> list[tuple[str, str, str | None]]:
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%' "
            "ORDER BY name").all()
    # A rebuilt table's DDL names it in quotes (ALTER TABLE ... RENAME writes it so).
    return [(t, n, s if quotes or s is None else s.replace(f'CREATE TABLE "{n}"',
                                                         f"CREATE TABLE {n}"))
            for t, n, s in rows]


def _stats(engine: Engine) -> dict[tuple[str, str | None], str]:
    with engine.connect() as conn:
        return {(t, i): s for t, i, s in conn.exec_driver_sql(
            "SELECT tbl, idx, stat FROM sqlite_stat1")}


def _older_cache(path: Path) -> Engine:
    """A cache at cache_0008 with demo accounts, a reversal and a cheque clearance, analysed."""
    old = sqlite_engine(path, synchronous="NORMAL", foreign_keys=False)
    migrate.upgrade(old, "cache", "cache_0008_reversals")
    generate(old, 120, seed=7, today=DEMO_TODAY)
    with old.begin() as conn:
        paid = conn.exec_driver_sql(
            "SELECT id, account_id, branch_id FROM payments ORDER BY id LIMIT 2").all()
        conn.exec_driver_sql(
            "INSERT INTO payment_reversals VALUES (9000000001, 'rev-uuid-1', ?, ?, ?, 'void', "
            "'Wrong account', 50000, 0, 'asha', 'ravi', 0, 1700000000, 'TPD/CN/1', 0, NULL)",
            tuple(paid[0]))
        conn.exec_driver_sql(
            "INSERT INTO cheque_clearances VALUES (?, 'ravi', 1700000100)", (paid[1][0],))
        conn.exec_driver_sql("ANALYZE")
    return old


def test_cache_0009_keeps_every_row_and_makes_the_keys_rowids(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    old = _older_cache(path)
    before = _hashes(old)
    stats_before = _stats(old)
    old.dispose()
    assert all(before[t][0] > 0 for t in HISTORY)

    eng = open_cache(path)  # migrates to head
    try:
        assert _hashes(eng) == before
        with eng.connect() as conn:
            assert migrate.current(conn) == migrate.head("cache")
            for table in HISTORY:
                key = "payment_id" if table == "cheque_clearances" else "id"
                assert conn.exec_driver_sql(
                    f'SELECT count(*) FROM "{table}" WHERE rowid <> "{key}"').scalar() == 0
                assert conn.exec_driver_sql(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND sql IS NULL "
                    "AND tbl_name = ?", (table,)).scalar() == 0, table
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            with pytest.raises(IntegrityError, match=r"payments\.payment_uuid"):
                conn.exec_driver_sql(
                    "INSERT INTO payments SELECT id + 1000000000, payment_uuid, account_id, "
                    "kind, method, reference, amount_paise, plan_id, receipt_number, NULL, "
                    "taken_by, taken_at, balance_after_paise, branch_id, device_code, version "
                    "FROM payments ORDER BY id LIMIT 1")
            conn.rollback()
            with pytest.raises(IntegrityError, match=r"invoices\.number"):
                conn.exec_driver_sql(
                    "INSERT INTO invoices SELECT id + 1000000000, account_id, number, "
                    "invoice_date, period_start, period_end, amount_paise, paid_paise, "
                    "status, version FROM invoices ORDER BY id LIMIT 1")
            conn.rollback()
        # The statistics of every kept index are those of before; the new unique indexes
        # were analysed (the constraints' automatic indexes are gone).
        stats_after = _stats(eng)
        kept = {k: v for k, v in stats_before.items() if not (k[1] or "").startswith("sqlite_auto")}
        assert {k: stats_after[k] for k in kept} == kept
        assert ("payments", "uq_payments_payment_uuid") in stats_after
        # The same schema as a cache made new at this revision.
        fresh = open_cache(tmp_path / "fresh.sqlite3")
        try:
            assert _schema(eng, quotes=False) == _schema(fresh, quotes=False)
        finally:
            fresh.dispose()
    finally:
        eng.dispose()


def test_cache_0009_goes_back_down_to_the_same_rows_and_constraints(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    old = _older_cache(path)
    before, schema_before = _hashes(old), _schema(old, quotes=False)
    migrate.upgrade(old, "cache", "cache_0009_rowid_keys")
    _downgrade(old, "cache_0008_reversals")
    try:
        assert _hashes(old) == before
        assert _schema(old, quotes=False) == schema_before
    finally:
        old.dispose()


def _downgrade(engine: Engine, revision: str) -> Any:
    from alembic import command

    cfg = migrate._config("cache")
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)
