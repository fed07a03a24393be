"""The cache's own connection settings (issue 18: sorts of the account list stay off the heap)."""

from __future__ import annotations

from pathlib import Path

from db.cache import open_cache

FILE = 1  # PRAGMA temp_store: 0 default, 1 file, 2 memory


def test_cache_sorts_go_to_a_temporary_file_not_the_heap(tmp_path: Path) -> None:
    engine = open_cache(tmp_path / "cache.sqlite3")
    try:
        for _ in range(2):  # every pooled connection, not only the first
            with engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA temp_store").scalar() == FILE
                assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            engine.dispose()
    finally:
        engine.dispose()


def test_each_cache_connection_keeps_a_smaller_page_cache(tmp_path: Path) -> None:
    """Issue 18: 32 MiB of pages per connection, not the engine's 64 MiB (resident memory
    after many account-list changes, docs/performance.md)."""
    engine = open_cache(tmp_path / "cache.sqlite3")
    try:
        with engine.connect() as first, engine.connect() as second:
            for conn in (first, second):
                assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == -32_768
    finally:
        engine.dispose()
