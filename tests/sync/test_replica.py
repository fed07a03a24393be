"""db.replica: pulled pages, tombstones and the cursor go into the cache together."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from db import replica
from db.cache import open_cache


def _account(i: int, name: str = "Senthil Kumar", **extra) -> dict:
    row = {
        "id": i, "name": name, "branch_id": 1, "area_id": 1, "reseller_id": None,
        "account_manager_id": None, "sales_executive_id": None, "mobile": "+919876543210",
        "alt_mobile": None, "email": "s@example.in", "installation_address": None,
        "billing_address": None, "prepaid": True, "status": "Active", "balance_paise": 50_000,
        "plan_id": None, "plan_expiry": "2026-12-01", "created_at": 1_700_000_000,
        "last_seen": None, "ip_address": None, "router_brand": None, "connection_type": None,
        "mac_address": None, "vlan": None, "version": 1,
    }
    row.update(extra)
    return row


@pytest.fixture
def cache(tmp_path: Path):
    engine = open_cache(tmp_path / "cache.sqlite3")
    yield engine
    engine.dispose()


def _search(engine, q: str) -> list[int]:
    with engine.connect() as conn:
        return list(conn.execute(text(
            "SELECT rowid FROM account_search WHERE account_search MATCH :q ORDER BY rowid"),
            {"q": f'"{q}"'}).scalars())


def test_page_rows_search_and_cursor_in_one_go(cache) -> None:
    changes = [
        {"table": "accounts", "op": "upsert", "row": _account(1)},
        {"table": "accounts", "op": "upsert", "row": _account(2, "Priya Raman")},
        {"table": "account_tags", "op": "upsert",
         "row": {"account_id": 2, "tag_id": 5, "version": 1}},
    ]
    summary = replica.apply_page(cache, changes, "c1", "epoch-a")
    assert summary.upserts == 3 and summary.accounts == 2
    assert summary.account_ids == {1, 2}
    assert replica.read_cursor(cache) == ("c1", "epoch-a")
    assert _search(cache, "priya") == [2]
    with cache.connect() as conn:
        prepaid, expiry = conn.exec_driver_sql(
            "SELECT prepaid, plan_expiry FROM accounts WHERE id = 1").one()
    assert prepaid == 1 and expiry == "2026-12-01"


def test_upsert_replaces_and_reindexes_then_tombstones_delete(cache) -> None:
    replica.apply_page(cache, [{"table": "accounts", "op": "upsert", "row": _account(1)}],
                       "c1", "e")
    replica.apply_page(cache, [
        {"table": "accounts", "op": "upsert", "row": _account(1, "Anbu Selvan", version=2)},
        {"table": "account_tags", "op": "upsert",
         "row": {"account_id": 1, "tag_id": 3, "version": 1}},
    ], "c2", "e")
    assert _search(cache, "senthil") == []
    assert _search(cache, "anbu") == [1]
    summary = replica.apply_page(cache, [
        {"table": "account_tags", "op": "delete", "key": {"account_id": 1, "tag_id": 3}},
        {"table": "accounts", "op": "delete", "key": {"id": 1}},
    ], "c3", "e")
    assert summary.deletes == 2
    with cache.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM accounts").scalar() == 0
        assert conn.exec_driver_sql("SELECT count(*) FROM account_tags").scalar() == 0
    assert _search(cache, "anbu") == []


def test_order_within_a_page_is_kept(cache) -> None:
    key = {"account_id": 1, "tag_id": 3}
    row = {**key, "version": 1}
    replica.apply_page(cache, [
        {"table": "account_tags", "op": "upsert", "row": row},
        {"table": "account_tags", "op": "delete", "key": key},
        {"table": "account_tags", "op": "upsert", "row": {**row, "version": 2}},
    ], "c", "e")
    with cache.connect() as conn:
        assert conn.exec_driver_sql("SELECT version FROM account_tags").scalar() == 2


def test_a_bad_page_leaves_rows_and_cursor_as_they_were(cache) -> None:
    replica.apply_page(cache, [{"table": "accounts", "op": "upsert", "row": _account(1)}],
                       "c1", "e")
    with pytest.raises(replica.ReplicaError):
        replica.apply_page(cache, [
            {"table": "accounts", "op": "upsert", "row": _account(2)},
            {"table": "no_such_table", "op": "upsert", "row": {}},
        ], "c2", "e")
    assert replica.read_cursor(cache) == ("c1", "e")
    with cache.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM accounts").scalar() == 1


def test_clear_empties_everything_but_can_keep_the_owner(cache) -> None:
    replica.write_state(cache, replica.OWNER_KEY, "staff.cbe@http://x")
    replica.apply_page(cache, [{"table": "accounts", "op": "upsert", "row": _account(1)}],
                       "c1", "e")
    assert not replica.is_empty(cache)
    replica.clear(cache, keep_owner=True)
    assert replica.is_empty(cache)
    assert replica.read_state(cache, replica.OWNER_KEY) == "staff.cbe@http://x"
    assert _search(cache, "senthil") == []
    replica.clear(cache)
    assert replica.read_state(cache, replica.OWNER_KEY) is None


def _indexes(engine) -> set[str]:
    with engine.connect() as conn:
        return {r[0] for r in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")}


def test_deferred_indexes_come_back_even_after_a_clear(cache) -> None:
    before = _indexes(cache)
    assert "ix_accounts_name" in before
    dropped = replica.defer_indexes(cache)
    assert dropped > 10 and "ix_accounts_name" not in _indexes(cache)
    assert replica.defer_indexes(cache) == 0  # already deferred: the list is not lost
    replica.apply_page(cache, [{"table": "accounts", "op": "upsert", "row": _account(1)}],
                       "c1", "e")
    replica.clear(cache)  # e.g. a resync in the middle of an initial sync
    assert replica.restore_indexes(cache) == dropped
    assert _indexes(cache) == before
    assert replica.restore_indexes(cache) == 0


def test_restoring_indexes_folds_the_bulk_load_into_the_file(cache, tmp_path: Path) -> None:
    """The bulk load's WAL is copied into the cache file (a passive checkpoint on another
    thread while the indexes are built, then the final one): nothing is left in the WAL,
    and a fresh connection reads every row through the rebuilt indexes."""
    replica.defer_indexes(cache)
    with replica.PageWriter(cache, commit_rows=1_000_000) as writer:
        writer.apply([{"table": "accounts", "op": "upsert", "row": _account(i, f"Name {i}")}
                      for i in range(1, 2_001)], "c1", "e")
    wal = Path(f"{cache.url.database}-wal")
    assert wal.stat().st_size > 0  # the load is in the WAL until the indexes are back
    assert replica.restore_indexes(cache) > 10
    assert wal.stat().st_size == 0
    fresh = open_cache(Path(cache.url.database))
    try:
        with fresh.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT id FROM accounts WHERE name = 'Name 7'"))
            assert "ix_accounts_name" in plan
            assert conn.exec_driver_sql(
                "SELECT id FROM accounts WHERE name = 'Name 7'").scalar() == 7
            assert conn.exec_driver_sql("SELECT count(*) FROM accounts").scalar() == 2_000
    finally:
        fresh.dispose()


def _accounts_and_cursor(engine) -> tuple[list[int], tuple[str | None, str | None]]:
    """What another connection (the GUI) sees: account ids and the stored cursor."""
    with engine.connect() as conn:
        ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM accounts ORDER BY id")]
    return ids, replica.read_cursor(engine)


def _page(i: int) -> list[dict]:
    return [{"table": "accounts", "op": "upsert", "row": _account(i, f"Name {i}")}]


def test_page_writer_groups_pages_and_commits_each_cursor_with_its_rows(cache) -> None:
    with replica.PageWriter(cache, commit_rows=3) as writer:
        writer.apply(_page(1), "c1", "e")
        writer.apply(_page(2), "c2", "e")
        assert writer.pending == 2
        assert _accounts_and_cursor(cache) == ([], (None, None))  # not committed yet
        writer.apply(_page(3), "c3", "e")  # 3 changes pending: committed
        assert writer.pending == 0
        assert _accounts_and_cursor(cache) == ([1, 2, 3], ("c3", "e"))
        writer.apply(_page(4), "c4", "e")
        writer.commit()  # what the engine does before it waits for the network
        assert _accounts_and_cursor(cache) == ([1, 2, 3, 4], ("c4", "e"))
        writer.apply(_page(5), "c5", "e")
    assert _accounts_and_cursor(cache) == ([1, 2, 3, 4, 5], ("c5", "e"))
    assert _search(cache, "name5") == [5]


def test_page_writer_rolls_back_to_the_last_committed_page_on_error(cache) -> None:
    with pytest.raises(replica.ReplicaError), replica.PageWriter(cache, 2) as writer:
        writer.apply(_page(1), "c1", "e")
        writer.apply(_page(2), "c2", "e")  # committed
        writer.apply(_page(3), "c3", "e")
        writer.apply([{"table": "nope", "op": "upsert", "row": {}}], "c4", "e")
    assert _accounts_and_cursor(cache) == ([1, 2], ("c2", "e"))
    assert _search(cache, "name3") == []
    # Without commit_rows every page is its own transaction (a delta).
    with replica.PageWriter(cache) as writer:
        writer.apply(_page(3), "c3", "e")
        assert _accounts_and_cursor(cache) == ([1, 2, 3], ("c3", "e"))
