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


def test_the_initial_syncs_writer_keeps_the_page_cache_it_was_measured_with(
    tmp_path: Path,
) -> None:
    """While an initial sync fills the cache (indexes deferred) its page writer has 64 MiB of
    pages, so a transaction of several pages does not spill; deltas get the 32 MiB."""
    from db import replica

    engine = open_cache(tmp_path / "cache.sqlite3")
    try:
        replica.defer_indexes(engine)
        writer = replica.PageWriter(engine, commit_rows=1_000_000)
        writer.apply([], "cursor-1", None)
        assert writer._conn is not None
        assert writer._conn.exec_driver_sql("PRAGMA cache_size").scalar() == -65_536
        writer.commit()
        replica.restore_indexes(engine)
        writer = replica.PageWriter(engine, commit_rows=1_000_000)
        writer.apply([], "cursor-2", None)
        assert writer._conn is not None
        assert writer._conn.exec_driver_sql("PRAGMA cache_size").scalar() == -32_768
        writer.commit()
    finally:
        engine.dispose()
