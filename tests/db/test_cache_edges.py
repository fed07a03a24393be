"""Opening the cache reads each b-tree's root and edges: a damaged one is found at start
(the cache is discarded and the user told), a good one costs a few pages, never a scan."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from db import cache_edges
from db.cache import CACHE_FILE, DAMAGED_MESSAGE, CacheCorrupt, open_cache, open_or_rebuild
from db.cache_edges import edge_queries, read_edges
from tests.db.conftest import make_cache_template


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_cache_template(tmp_path_factory, "edges", 300)


def _copy(template: Path, tmp_path: Path) -> Path:
    path = tmp_path / CACHE_FILE
    shutil.copy(template, path)
    return path


def _zero_page(path: Path, page: int) -> None:
    with sqlite3.connect(path) as conn:
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    with path.open("r+b") as fh:
        fh.seek((page - 1) * size)
        fh.write(b"\0" * size)


def _root(path: Path, name: str) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                            (name,)).fetchone()[0]


def test_every_edge_is_read_down_its_own_order(template: Path) -> None:
    conn = sqlite3.connect(template)
    queries = list(edge_queries(conn))
    with conn:
        objects = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE type IN ('table', 'index') "
            "AND name NOT LIKE 'sqlite_%'").fetchone()[0]
    assert len(queries) >= objects  # two per table and index (virtual tables: none)
    for sql in queries:
        plan = " ".join(row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql))
        assert "TEMP B-TREE" not in plan, (sql, plan)  # no sort: LIMIT 1 stops at once
    assert read_edges(conn) == len(queries)
    conn.close()


@pytest.mark.parametrize("damaged", [
    "uq_payment_reversals_payment_id",  # an index an initial sync builds last (empty)
    "ix_accounts_list",  # the account table's own index
    "payments",  # a table's root
])
def test_a_damaged_root_is_found_when_the_cache_opens(template: Path, tmp_path: Path,
                                                      damaged: str) -> None:
    path = _copy(template, tmp_path)
    _zero_page(path, _root(path, damaged))
    with pytest.raises(CacheCorrupt):
        open_cache(path)
    engine, message = open_or_rebuild(path)
    assert message == DAMAGED_MESSAGE
    with engine.connect() as conn:  # a new, empty cache the next sync fills
        assert conn.exec_driver_sql("SELECT count(*) FROM accounts").scalar() == 0
    engine.dispose()


def test_damage_at_the_end_of_the_file_is_found(template: Path, tmp_path: Path) -> None:
    """A torn write while the file grew: its last pages zeroed, whatever they hold."""
    path = _copy(template, tmp_path)
    with sqlite3.connect(path) as conn:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
    for page in (pages - 1, pages):
        _zero_page(path, page)
    with pytest.raises(CacheCorrupt):
        open_cache(path)


def test_a_good_cache_opens(template: Path, tmp_path: Path) -> None:
    engine = open_cache(_copy(template, tmp_path))
    engine.dispose()


def test_a_statement_that_would_scan_is_stopped_not_run(template: Path, tmp_path: Path,
                                                       monkeypatch) -> None:
    conn = sqlite3.connect(_copy(template, tmp_path))
    conn.execute("CREATE TABLE big (n INTEGER)")
    conn.executemany("INSERT INTO big VALUES (?)", ((i,) for i in range(50_000)))
    monkeypatch.setattr(cache_edges, "edge_queries",
                        lambda _conn: iter(["SELECT sum(n) FROM big"]))
    assert read_edges(conn) == 0  # stopped by the step budget, not counted as read
    conn.close()
