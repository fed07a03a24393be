"""Pulled rows bound many to one INSERT (db.replica_batch): the cache ends the same as with one
row per statement (order, a repeated key, the accounts' rowids, the last partial group), and a
row of the wrong length is refused before it can shift other rows' values."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from db import replica, replica_batch
from db.cache import open_cache
from db.replica_batch import ROWS_PER_STATEMENT, RowsStatement
from tests.sync.test_pull_formats import _COLS, _row, cache_hashes

_PAY_COLS = ["id", "payment_uuid", "account_id", "kind", "method", "reference",
             "amount_paise", "receipt_number", "taken_by", "taken_at", "balance_after_paise",
             "branch_id", "version"]


def _payment(i: int, account: int, amount: int) -> list[Any]:
    return [i, f"uuid-{i}", account, "payment", "cash", None, amount, f"R-{i}", "admin",
            1_700_000_000 + i, 0, 1, 1]


def _blocks() -> list[dict[str, Any]]:
    n = 2 * ROWS_PER_STATEMENT + 5  # two whole groups and a partial one
    accounts = [_row(i, f"Account {i}") for i in range(1, n + 1)]
    payments = [_payment(i, 1 + i % 7, 100 * i) for i in range(1, n + 1)]
    payments.append(_payment(5, 2, 999))  # a later row with the same key replaces
    return [{"table": "accounts", "columns": _COLS, "rows": accounts},
            {"table": "payments", "columns": _PAY_COLS, "rows": payments}]


def _filled(path: Path) -> tuple[dict[str, str], list[Any]]:
    engine = open_cache(path)
    try:
        replica.apply_page(engine, [], "c1", "e", _blocks())
        with engine.connect() as conn:
            ids = conn.exec_driver_sql("SELECT rowid, id, name FROM accounts ORDER BY rowid").all()
        return cache_hashes(engine), [tuple(r) for r in ids]
    finally:
        engine.dispose()


def test_rows_grouped_per_statement_leave_the_cache_one_row_per_statement_leaves(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    grouped, grouped_ids = _filled(tmp_path / "grouped.sqlite3")
    monkeypatch.setattr(replica_batch, "ROWS_PER_STATEMENT", 1)
    single, single_ids = _filled(tmp_path / "single.sqlite3")
    assert grouped == single
    assert grouped_ids == single_ids
    assert grouped_ids[:2] == [(1, 1, "Account 1"), (2, 2, "Account 2")]


def test_an_account_already_there_is_updated_in_place(tmp_path: Path) -> None:
    engine = open_cache(tmp_path / "c.sqlite3")
    try:
        replica.apply_page(engine, [], "c1", "e", _blocks())
        renamed = [_row(i, f"Renamed {i}") for i in range(ROWS_PER_STATEMENT + 1, 0, -1)]
        replica.apply_page(engine, [], "c2", "e",
                           [{"table": "accounts", "columns": _COLS, "rows": renamed}])
        with engine.connect() as conn:
            rows = conn.exec_driver_sql(
                "SELECT rowid, id, name FROM accounts WHERE id <= 3 ORDER BY id").all()
        assert [tuple(r) for r in rows] == [(1, 1, "Renamed 1"), (2, 2, "Renamed 2"),
                                            (3, 3, "Renamed 3")]
    finally:
        engine.dispose()


def test_payment_met_twice_keeps_the_later_row(tmp_path: Path) -> None:
    engine = open_cache(tmp_path / "c.sqlite3")
    try:
        replica.apply_page(engine, [], "c1", "e", _blocks())
        with engine.connect() as conn:
            assert conn.exec_driver_sql(
                "SELECT account_id, amount_paise FROM payments WHERE id = 5").all() == [(2, 999)]
            assert conn.exec_driver_sql("SELECT count(*) FROM payments").scalar() == \
                2 * ROWS_PER_STATEMENT + 5
    finally:
        engine.dispose()


@pytest.mark.parametrize("change", ["short", "long"])
def test_a_row_of_another_length_is_refused_and_nothing_shifts(tmp_path: Path,
                                                                change: str) -> None:
    engine = open_cache(tmp_path / "c.sqlite3")
    try:
        replica.apply_page(engine, [], "c0", "e")
        rows = [_payment(i, 1, 100) for i in range(1, 3 * ROWS_PER_STATEMENT)]
        bad = rows[ROWS_PER_STATEMENT + 2]
        rows[ROWS_PER_STATEMENT + 2] = bad[:-1] if change == "short" else [*bad, 7]
        block = {"table": "payments", "columns": _PAY_COLS, "rows": rows}
        with pytest.raises(replica.ReplicaError, match="values for 13 columns"):
            replica.apply_page(engine, [], "c1", "e", [block])
        assert replica.read_cursor(engine) == ("c0", "e")
        with engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM payments").scalar() == 0
    finally:
        engine.dispose()


def test_statement_text_and_groups() -> None:
    statement = RowsStatement("INSERT INTO t (a, b) VALUES ", 2, " ON CONFLICT(a) DO NOTHING")
    assert statement.text(2) == ("INSERT INTO t (a, b) VALUES (?, ?), (?, ?) "
                                 "ON CONFLICT(a) DO NOTHING")
    raw = sqlite3.connect(":memory:")
    raw.execute("CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT)")
    rows = [(i, str(i)) for i in range(ROWS_PER_STATEMENT * 2 + 3)]
    statement.run(raw, rows)
    statement.run(raw, [])
    assert raw.execute("SELECT a, b FROM t ORDER BY a").fetchall() == rows
