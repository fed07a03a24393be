"""A cache written by a newer version of the app (its revision unknown here) is rebuilt.

The cache can always be thrown away and filled again from the server. Before, opening it
raised Alembic's "Can't locate revision" out of start-up and the app never showed.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from db import migrate
from db.cache import CACHE_FILE, NEWER_MESSAGE, open_cache, open_or_rebuild


def test_a_newer_cache_is_thrown_away_and_started_again(tmp_path: Path) -> None:
    path = tmp_path / CACHE_FILE
    open_cache(path).dispose()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE from_the_future (x)")
    conn.execute("UPDATE alembic_version SET version_num = 'cache_9999_from_the_future'")
    conn.commit()
    conn.close()

    engine, notice = open_or_rebuild(path)
    assert notice == NEWER_MESSAGE
    with engine.connect() as conn:
        assert migrate.current(conn) == migrate.head("cache")
        tables = {r[0] for r in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "from_the_future" not in tables  # a new file, not the newer version's
    engine.dispose()


def test_a_current_or_older_cache_is_not_called_newer(tmp_path: Path) -> None:
    path = tmp_path / CACHE_FILE
    open_cache(path).dispose()
    engine, notice = open_or_rebuild(path)
    assert notice is None
    engine.dispose()
