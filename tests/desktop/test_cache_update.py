"""A cache older than the code is migrated at start behind ``cacheUpdateProgress``: the
window shows while the migration runs (the event loop keeps turning), closes after, and the
cache comes back at the newest revision with its rows."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog
from sqlalchemy import text

from db import migrate
from db.cache import open_cache
from db.engine import sqlite_engine
from db.outbox import Outbox
from desktop.runtime import cache_update
from desktop.runtime.cache_update import cache_behind, open_cache_showing_updates
from desktop.runtime.tasks import TaskRunner


def _one_behind(path: Path) -> None:
    """A cache at the revision before the newest, holding a branch row."""
    scripts = ScriptDirectory.from_config(migrate._config("cache"))
    previous = scripts.get_revision(migrate.head("cache")).down_revision
    assert isinstance(previous, str)
    engine = sqlite_engine(path, foreign_keys=False)
    migrate.upgrade(engine, "cache", previous)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO zones (id, name) VALUES (1, 'South')"))
    engine.dispose()


def _progress_windows() -> list[QProgressDialog]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QProgressDialog) and w.objectName() == "cacheUpdateProgress"
            and w.isVisible()]


@pytest.fixture
def outbox(tmp_path: Path):
    box = Outbox.open(tmp_path / "outbox.sqlite3")
    yield box
    box.engine.dispose()


@pytest.fixture
def tasks(qapp):
    runner = TaskRunner(qapp)
    yield runner
    runner.wait_idle()


def test_an_older_cache_is_migrated_behind_a_progress_window(qapp, tmp_path, outbox, tasks,
                                                              monkeypatch) -> None:
    path = tmp_path / "cache.sqlite3"
    _one_behind(path)
    assert cache_behind(path)
    shown = threading.Event()
    ticks: list[int] = []
    real = cache_update.open_or_rebuild

    def migrate_when_seen(*args, **kwargs):
        # the migration (on the database worker) starts once the window is up, so the test
        # sees the window whether the migration is fast or slow
        assert shown.wait(10), "no progress window while migrating"
        return real(*args, **kwargs)

    def watch() -> None:
        ticks.append(len(_progress_windows()))
        if _progress_windows():
            shown.set()

    monkeypatch.setattr(cache_update, "open_or_rebuild", migrate_when_seen)
    timer = QTimer()
    timer.timeout.connect(watch)
    timer.start(5)
    try:
        engine, notice = open_cache_showing_updates(path, outbox, tasks)
    finally:
        timer.stop()
    assert shown.is_set() and max(ticks) == 1
    assert not _progress_windows(), "the window closes when the cache is ready"
    assert notice is None
    with engine.connect() as conn:
        assert migrate.current(conn) == migrate.head("cache")
        assert conn.execute(text("SELECT name FROM zones")).scalar() == "South"
    engine.dispose()
    assert not cache_behind(path)


def test_a_current_cache_opens_without_a_window(qapp, tmp_path, outbox, tasks) -> None:
    path = tmp_path / "cache.sqlite3"
    open_cache(path).dispose()
    seen: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: seen.append(len(_progress_windows())))
    timer.start(1)
    engine, _notice = open_cache_showing_updates(path, outbox, tasks)
    qapp.processEvents()
    timer.stop()
    engine.dispose()
    assert not any(seen)
    assert not cache_behind(path)


def test_a_failed_migration_is_raised_and_the_window_closed(qapp, tmp_path, outbox, tasks,
                                                            monkeypatch) -> None:
    path = tmp_path / "cache.sqlite3"
    _one_behind(path)

    def fails(*_args, **_kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(cache_update, "open_or_rebuild", fails)
    with pytest.raises(OSError, match="disk full"):
        open_cache_showing_updates(path, outbox, tasks)
    assert not _progress_windows()


def test_what_counts_as_behind(tmp_path) -> None:
    assert not cache_behind(tmp_path / "none.sqlite3")  # a new cache: created at once
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"not a database at all" * 100)
    assert not cache_behind(garbage)  # opening it finds out, and rebuilds it
    old = tmp_path / "old.sqlite3"
    _one_behind(old)
    assert cache_behind(old)
