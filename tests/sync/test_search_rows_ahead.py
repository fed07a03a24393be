"""An initial sync makes its accounts' quick-search texts and gram bits on the fetch thread
(while the writer writes), and the cache ends the same as when the writer makes them."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

import db.account_search_grams as grams_module
import db.replica_rows as rows_module
from db.account_search_grams import TABLE, gram_bits
from db.cache import open_cache
from db.replica_rows import PreparedSearch, apply_blocks, prepare_search
from sync.cycle import SyncCycle
from tests.sync.conftest import ADMIN, Desk, LiveServer, make_desk

PAGE = 300


def _search_rows(engine: Any) -> dict[str, list[Any]]:
    with engine.connect() as conn:
        return {
            "texts": conn.exec_driver_sql(
                "SELECT rowid, text FROM account_search ORDER BY rowid").all(),
            "grams": conn.exec_driver_sql(f"SELECT * FROM {TABLE} ORDER BY name, r").all(),
        }


def _initial_sync(desk: Desk) -> None:
    desk.sign_in(ADMIN)
    assert desk.auth.client is not None
    outcome = SyncCycle(desk.auth.client, desk.cache, desk.outbox, page_size=PAGE).run()
    assert outcome.ok and outcome.initial, outcome.error


def test_search_rows_are_made_on_the_fetch_thread(tmp_path: Path, live_server: LiveServer,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    threads: list[str] = []

    def spied(text: str) -> tuple[int, ...]:
        threads.append(threading.current_thread().name)
        return gram_bits(text)

    monkeypatch.setattr(rows_module, "gram_bits", spied)
    monkeypatch.setattr(grams_module, "gram_bits", spied)
    ahead = make_desk(tmp_path / "ahead", live_server)
    try:
        _initial_sync(ahead)
        made_ahead = _search_rows(ahead.cache)
    finally:
        ahead.close()
    assert threads, "the accounts' gram bits were made"
    assert {name.split("_")[0] for name in threads} == {"sync-fetch"}

    # the same sync with the writer making every row itself, as before
    monkeypatch.setattr(rows_module, "prepare_search", lambda _blocks: [])
    monkeypatch.setattr("sync.cycle_pull.prepare_search", lambda _blocks: [])
    threads.clear()
    writer = make_desk(tmp_path / "writer", live_server)
    try:
        _initial_sync(writer)
        assert made_ahead == _search_rows(writer.cache)
    finally:
        writer.close()
    assert threads and "sync-fetch" not in {name.split("_")[0] for name in threads}
    assert len(made_ahead["texts"]) == len(made_ahead["grams"]) > PAGE


def _block(names: list[str]) -> dict[str, Any]:
    return {"table": "accounts",
            "columns": ["id", "name", "branch_id", "area_id", "mobile", "prepaid", "status",
                        "balance_paise", "created_at"],
            "rows": [[10_000 + k, name, 1, 1, f"+9198765{k:05d}", True, "Active", 0,
                      1_764_000_000] for k, name in enumerate(names)]}


def test_rows_made_for_another_block_are_not_used(tmp_path: Path) -> None:
    engine = open_cache(tmp_path / "cache.sqlite3")
    real = _block(["Kumar", "Selvi"])
    other = _block(["Xavier", "Yamuna"])  # same ids, other names: a stale or foreign result
    forged = prepare_search([other])[0]
    with engine.begin() as conn:
        apply_blocks(conn, [real], [PreparedSearch(other, forged.texts, forged.bits)])
    with engine.connect() as conn:
        texts = [t for (t,) in conn.exec_driver_sql(
            "SELECT text FROM account_search ORDER BY rowid")]
    assert "kumar" in texts[0] and "selvi" in texts[1]
    engine.dispose()


def test_a_block_that_is_not_right_is_left_to_the_writer() -> None:
    assert prepare_search(None) == []
    assert prepare_search([{"table": "accounts", "columns": ["id"], "rows": [[1]]}]) == []
    assert prepare_search([{"table": "accounts", "columns": ["id", "name"],
                            "rows": [[1]]}]) == []  # a short row: the writer words it
    assert prepare_search([{"table": "orders", "columns": ["id"], "rows": [[1]]}]) == []
    made = prepare_search([_block(["Kumar"])])
    assert [t for _i, t in made[0].texts] and made[0].bits == [gram_bits(made[0].texts[0][1])]
