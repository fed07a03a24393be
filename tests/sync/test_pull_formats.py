"""The ``columns`` pull format: the same cache as the ``rows`` format, hostile blocks
refused whole, an interrupted initial sync (indexes deferred, WAL not checkpointed) made
whole by the next pull, and no gzip on loopback."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from db import replica
from db.cache import open_cache
from db.schema import DOMAIN_TABLES
from sync.client import SyncClient
from sync.cycle import SyncCycle
from sync.http_session import is_loopback
from tests.sync.conftest import ADMIN, STAFF, Desk, LiveServer, make_desk
from tests.sync.test_replica import _account


def cache_hashes(engine: Any) -> dict[str, str]:
    """A hash of every domain table and of the quick-search rows, in key order."""
    out = {}
    with engine.connect() as conn:
        for name in [*DOMAIN_TABLES, "account_search"]:
            order = "rowid" if name == "account_search" else "1, 2"
            cols = "rowid, text" if name == "account_search" else "*"
            rows = conn.exec_driver_sql(f'SELECT {cols} FROM "{name}" ORDER BY {order}').all()
            digest = hashlib.sha256(repr([tuple(r) for r in rows]).encode()).hexdigest()
            out[name] = f"{len(rows)}:{digest}"
        out["indexes"] = repr(conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").all())
    return out


def _sync(tmp: Path, server: LiveServer, who: tuple[str, str], columns: bool,
          page_size: int) -> tuple[Desk, dict[str, str], Any]:
    d = make_desk(tmp, server)
    d.sign_in(who)
    assert d.auth.client is not None
    d.auth.client.columns = columns
    cycle = SyncCycle(d.auth.client, d.cache, d.outbox, page_size=page_size)
    outcome = cycle.run()
    assert outcome.ok, outcome.error
    return d, cache_hashes(d.cache), outcome


@pytest.mark.parametrize("who", [ADMIN, STAFF], ids=["admin", "branch_staff"])
@pytest.mark.parametrize("page_size", [5000, 37])
def test_both_formats_build_identical_caches(tmp_path: Path, live_server: LiveServer,
                                             who: tuple[str, str], page_size: int) -> None:
    a, rows_hash, rows_out = _sync(tmp_path / "rows", live_server, who, False, page_size)
    b, cols_hash, cols_out = _sync(tmp_path / "cols", live_server, who, True, page_size)
    try:
        assert cols_hash == rows_hash
        assert int(cols_hash["accounts"].split(":")[0]) > 0
        assert int(cols_hash["account_search"].split(":")[0]) == int(
            cols_hash["accounts"].split(":")[0])
        assert (cols_out.pulled_changes, cols_out.pulled_accounts) == (
            rows_out.pulled_changes, rows_out.pulled_accounts)
        with b.cache.connect() as conn:  # nothing left deferred
            assert conn.exec_driver_sql(
                "SELECT count(*) FROM sync_state WHERE key LIKE 'deferred%'").scalar() == 0
    finally:
        a.close()
        b.close()


def test_columns_page_shape_and_old_format_unchanged(desk: Desk) -> None:
    desk.sign_in(STAFF)
    client = desk.auth.client
    assert client is not None
    page = client.pull(None, 50, columns=True)
    assert isinstance(page["snapshot"], list) and page["changes"] == []
    block = page["snapshot"][0]
    assert set(block) == {"table", "columns", "rows"}
    assert all(len(r) == len(block["columns"]) for r in block["rows"])
    old = client.pull(None, 50, columns=False)
    assert "snapshot" not in old and len(old["changes"]) == 50
    assert old["cursor"] == page["cursor"]
    first = old["changes"][0]
    assert first["table"] == block["table"]
    assert dict(zip(block["columns"], block["rows"][0], strict=True)) == first["row"]


# -- hostile blocks -------------------------------------------------------------------------

_COLS = list(_account(1))


def _row(i: int, name: str, **extra: Any) -> list[Any]:
    return list(_account(i, name, **extra).values())


_OK = _row(1, "A")


@pytest.fixture
def cache(tmp_path: Path):
    engine = open_cache(tmp_path / "cache.sqlite3")
    yield engine
    engine.dispose()


@pytest.mark.parametrize("block", [
    {"table": "nope", "columns": _COLS, "rows": []},
    {"table": "accounts", "columns": [*_COLS, "evil\"; DROP TABLE accounts; --"],
     "rows": [[*_OK, 0]]},
    {"table": "accounts", "columns": ["id", "id", "name"], "rows": [[1, 1, "A"]]},
    {"table": "accounts", "columns": ["name", "version"], "rows": [["A", 1]]},
    {"table": "accounts", "columns": ["id", "branch_id"], "rows": [[1, 1]]},
    {"table": "accounts", "columns": "id,name", "rows": [[1, "A"]]},
    {"table": "accounts", "columns": _COLS, "rows": [_OK[:-1]]},
    {"table": "accounts", "columns": _COLS, "rows": [[*_OK, 9]]},
    {"table": "accounts", "columns": _COLS, "rows": [{"id": 1}]},
    {"table": "accounts", "columns": _COLS, "rows": ["a" * len(_COLS)]},
    {"table": "accounts", "columns": _COLS, "rows": [[1, {"x": 1}, *_OK[2:]]]},
    {"table": "accounts", "columns": _COLS, "rows": [[*_OK[:-1], 2**70]]},
    {"table": "accounts", "columns": _COLS, "rows": {"0": _OK}},
    {"table": "accounts", "columns": _COLS, "rows": [[1, 5, *_OK[2:]]]},
    {"table": "accounts", "columns": _COLS, "rows": [[1, None, *_OK[2:]]]},
    {"table": "payments", "columns": ["id", "account_id"], "rows": [[1, [2]]]},
    ["accounts"],
], ids=lambda b: str(b)[:40])
def test_hostile_blocks_are_refused_and_nothing_is_written(cache, block: Any) -> None:
    replica.apply_page(cache, [], "c0", "e")
    good = {"table": "accounts", "columns": _COLS, "rows": [_row(7, "Kept Out")]}
    with pytest.raises(replica.ReplicaError):
        replica.apply_page(cache, [], "c1", "e", [good, block])
    assert replica.read_cursor(cache) == ("c0", "e")
    with cache.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM accounts").scalar() == 0
        assert conn.exec_driver_sql("SELECT count(*) FROM account_search").scalar() == 0


def test_blocks_then_changes_in_page_order(cache) -> None:
    blocks = [{"table": "accounts", "columns": _COLS,
               "rows": [_row(1, "Senthil Kumar"), _row(2, "Priya Raman")]}]
    changes = [{"table": "accounts", "op": "delete", "key": {"id": 1}},
               {"table": "accounts", "op": "upsert",
                "row": _account(2, "Priya Moorthy", version=2)}]
    summary = replica.apply_page(cache, changes, "c1", "e", blocks)
    assert summary.accounts == 3 and summary.deletes == 1
    with cache.connect() as conn:
        assert conn.exec_driver_sql("SELECT id, name FROM accounts").all() == [
            (2, "Priya Moorthy")]
        assert conn.exec_driver_sql(
            "SELECT rowid FROM account_search WHERE account_search MATCH '\"moorthy\"'"
        ).all() == [(2,)]
        assert conn.exec_driver_sql("SELECT count(*) FROM account_search").scalar() == 1


def _wal_autocheckpoint(engine: Any) -> int:
    with engine.connect() as conn:
        return int(conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar())


def test_initial_sync_defers_indexes_not_search_and_survives_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    engine = open_cache(path)
    replica.defer_indexes(engine)
    blocks = [{"table": "accounts", "columns": _COLS,
               "rows": [_row(1, "Senthil Kumar"), _row(2, "Priya Raman")]}]
    replica.apply_page(engine, [], "c1", "e", blocks)
    assert _wal_autocheckpoint(engine) == 0  # one checkpoint at the end of the bulk load
    with engine.connect() as conn:  # the quick-search rows are in step page by page
        assert conn.exec_driver_sql(
            "SELECT rowid FROM account_search WHERE account_search MATCH '\"raman\"'"
        ).all() == [(2,)]
        assert conn.exec_driver_sql(
            "SELECT count(*) FROM sqlite_master WHERE name = 'ix_accounts_mobile'"
        ).scalar() == 0
    engine.dispose()  # the process dies here: nothing rebuilt
    engine = open_cache(path)
    try:
        assert replica.read_cursor(engine) == ("c1", "e")
        replica.restore_indexes(engine)  # what the next pull does first
        with engine.connect() as conn:
            assert conn.exec_driver_sql(
                "SELECT count(*) FROM sqlite_master WHERE name = 'ix_accounts_mobile'"
            ).scalar() == 1
            assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 1000
        assert replica.read_state(engine, replica.DEFERRED_INDEXES_KEY) is None
        replica.apply_page(engine, [], "c2", "e", blocks)
        assert _wal_autocheckpoint(engine) == 1000
    finally:
        engine.dispose()


@pytest.mark.parametrize(("url", "loop"), [
    ("http://127.0.0.1:8000", True), ("http://localhost", True), ("http://[::1]:9", True),
    ("http://127.8.0.1", True), ("https://partner.example.in", False),
    ("http://10.0.0.5:8000", False), ("not a url", False),
])
def test_gzip_is_skipped_only_on_loopback(url: str, loop: bool) -> None:
    assert is_loopback(url) is loop
    client = SyncClient(url)
    try:
        assert (client._pull_headers == {"Accept-Encoding": "identity"}) is loop
    finally:
        client.close()
