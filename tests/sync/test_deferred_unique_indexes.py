"""cache_0009: the history tables' keys are SQLite's rowid, their unique constraints named
indexes that an initial sync defers like the others and builds at its end (db/replica.py);
a duplicate found by that build empties the cache instead of leaving it half-indexed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from db import replica
from db.cache import open_cache
from db.cache_schema import ROWID_KEY_TABLES
from tests.sync.test_replica import _account

UNIQUE_INDEXES = {
    "uq_invoices_number", "uq_payments_payment_uuid", "uq_payments_document_number",
    "uq_payment_reversals_reversal_uuid", "uq_payment_reversals_payment_id",
    "uq_payment_reversals_document_number",
}


@pytest.fixture
def cache(tmp_path: Path) -> Any:
    engine = open_cache(tmp_path / "cache.sqlite3")
    yield engine
    engine.dispose()


def _indexes(engine: Engine) -> list[tuple[str, str | None]]:
    with engine.connect() as conn:
        return [(r[0], r[1]) for r in conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name")]


def _payment(i: int, uuid: str, document: str | None = None) -> dict[str, Any]:
    return {"id": i, "payment_uuid": uuid, "account_id": 1, "kind": "recharge",
            "method": "cash", "reference": None, "amount_paise": 50_000, "plan_id": None,
            "receipt_number": f"R-{i}", "document_number": document, "taken_by": "asha",
            "taken_at": 1_700_000_000 + i, "balance_after_paise": 0, "branch_id": 1,
            "device_code": None, "version": 1}


def _block(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    columns = list(rows[0])
    return [{"table": "payments", "columns": columns,
             "rows": [[r[c] for c in columns] for r in rows]}]


def test_history_keys_are_the_rowid_and_uniques_are_named_indexes(cache: Engine) -> None:
    with cache.connect() as conn:
        for table, key in ROWID_KEY_TABLES.items():
            # A key that is the rowid has no index of its own (no sqlite_autoindex).
            auto = conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
                "AND sql IS NULL", (table,)).all()
            assert auto == [], table
            declared = {r[1]: r[2] for r in conn.exec_driver_sql(
                f'PRAGMA table_info("{table}")')}
            assert declared[key] == "INTEGER", table
        # accounts keeps its own key (the account list keeps rowids that are not the id).
        assert conn.exec_driver_sql(
            "SELECT count(*) FROM sqlite_master WHERE tbl_name = 'accounts' "
            "AND name = 'sqlite_autoindex_accounts_1'").scalar() == 1
    assert {name for name, _sql in _indexes(cache)} >= UNIQUE_INDEXES


def test_an_initial_fill_defers_the_unique_indexes_and_builds_them_enforced(
        cache: Engine) -> None:
    before = _indexes(cache)
    replica.defer_indexes(cache)
    assert not UNIQUE_INDEXES & {name for name, _sql in _indexes(cache)}
    with replica.PageWriter(cache, commit_rows=1_000_000) as writer:
        writer.apply([{"table": "accounts", "op": "upsert", "row": _account(1)}], "c1", "e",
                     _block([_payment(i, f"uuid-{i}", f"D-{i}") for i in (3, 1, 2)]))
    replica.restore_indexes(cache)
    assert _indexes(cache) == before
    with cache.connect() as conn:
        assert conn.exec_driver_sql(
            "SELECT id, rowid FROM payments ORDER BY id").all() == [(1, 1), (2, 2), (3, 3)]
        with pytest.raises(IntegrityError, match=r"payments\.payment_uuid"):
            conn.exec_driver_sql(
                "INSERT INTO payments SELECT 9, payment_uuid, account_id, kind, method, "
                "reference, amount_paise, plan_id, receipt_number, NULL, taken_by, taken_at, "
                "balance_after_paise, branch_id, device_code, version FROM payments "
                "WHERE id = 1")


def test_a_delta_still_replaces_a_row_holding_the_same_unique_value(cache: Engine) -> None:
    replica.apply_page(cache, [], "c1", "e", _block([_payment(1, "same")]))
    replica.apply_page(cache, [], "c2", "e", _block([_payment(2, "same")]))
    with cache.connect() as conn:
        assert conn.exec_driver_sql("SELECT id FROM payments").all() == [(2,)]


def test_a_duplicate_found_by_the_deferred_build_empties_the_cache_fully_indexed(
        cache: Engine) -> None:
    before = _indexes(cache)
    replica.write_state(cache, replica.OWNER_KEY, "admin@server")
    replica.defer_indexes(cache)
    with replica.PageWriter(cache, commit_rows=1_000_000) as writer:
        writer.apply([{"table": "accounts", "op": "upsert", "row": _account(1)}], "c1", "e",
                     _block([_payment(1, "twice"), _payment(2, "twice")]))
    with pytest.raises(replica.ReplicaError, match=r"payments\.payment_uuid"):
        replica.restore_indexes(cache)
    # Every index is there (none half built), the rows and the cursor are gone, so the next
    # sync is an initial sync again; who owns the cache is kept.
    assert _indexes(cache) == before
    assert replica.read_state(cache, replica.DEFERRED_INDEXES_KEY) is None
    assert replica.is_empty(cache)
    assert replica.read_state(cache, replica.OWNER_KEY) == "admin@server"
    with cache.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM payments").scalar() == 0
        assert conn.exec_driver_sql("SELECT count(*) FROM account_search").scalar() == 0
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    assert replica.restore_indexes(cache) == 0


@pytest.mark.parametrize("as_block", [True, False])
def test_a_pulled_row_without_its_rowid_key_is_refused(cache: Engine, as_block: bool) -> None:
    """SQLite gives a NULL rowid key a new number instead of refusing it as NOT NULL did:
    the page is refused before anything is written."""
    row = _payment(1, "u1")
    row["id"] = None
    with pytest.raises(replica.ReplicaError, match="payments"):
        if as_block:
            replica.apply_page(cache, [], "c1", "e", _block([_payment(2, "u2"), row]))
        else:
            replica.apply_page(cache, [{"table": "payments", "op": "upsert", "row": row}],
                               "c1", "e")
    with cache.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM payments").scalar() == 0
    assert replica.read_cursor(cache) == (None, None)


def test_the_deferred_build_waits_for_another_writer_instead_of_failing(
        cache: Engine) -> None:
    """The build transaction reads its list first. Begun deferred, a write committed by
    another connection meanwhile made its first CREATE INDEX fail at once with "database is
    locked" (its snapshot was stale): seen once in 16 initial syncs. It now holds the write
    lock from its start, so it waits for the other writer and then builds."""
    import sqlite3
    import threading
    import time

    before = _indexes(cache)
    replica.defer_indexes(cache)
    with replica.PageWriter(cache, commit_rows=1_000_000) as writer:
        writer.apply([{"table": "accounts", "op": "upsert", "row": _account(1)}], "c1", "e",
                     _block([_payment(i, f"uuid-{i}", f"D-{i}") for i in (1, 2)]))
    other = sqlite3.connect(cache.url.database, isolation_level=None, timeout=30)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE accounts SET name = 'Renamed meanwhile' WHERE id = 1")
    failures: list[BaseException] = []

    def build() -> None:
        try:
            replica.restore_indexes(cache)
        except BaseException as exc:  # reported below
            failures.append(exc)

    builder = threading.Thread(target=build)
    builder.start()
    time.sleep(0.5)  # the build has begun and waits
    other.execute("COMMIT")
    other.close()
    builder.join(30)
    assert not builder.is_alive() and failures == []
    assert _indexes(cache) == before
