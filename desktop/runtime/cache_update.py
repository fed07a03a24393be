"""Opening the cache at start, with a window saying so while an update migrates it.

After an update the cache may need migrating before anything can be shown: rewriting a
million accounts' search rows or rebuilding their payment history takes from seconds to a
minute or two (``docs/performance.md``: about 43 s and 14 s for the two December 2026
migrations at 1M accounts). Without a window the app would look as if it never started,
and a second click would only bring the first instance forward once it has a window. So
when the cache is behind the code's newest revision, the migration runs on the database
worker while ``cacheUpdateProgress`` (a busy bar, no cancel: a migration stopped halfway is
rolled back and would start again) says what is happening.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
from PySide6.QtWidgets import QProgressDialog
from sqlalchemy import Engine

from db import migrate
from db.cache import open_or_rebuild
from db.outbox import Outbox
from desktop import APP_NAME
from desktop.runtime.tasks import TaskRunner

log = logging.getLogger(__name__)


def cache_behind(path: Path) -> bool:
    """Whether the cache file at ``path`` exists and is at an older revision than the code
    (an unreadable file is not "behind": opening it finds out and rebuilds it)."""
    if not path.exists():
        return False
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        return False
    return row is not None and row[0] != migrate.head("cache")


def open_cache_showing_updates(
    path: Path, outbox: Outbox, tasks: TaskRunner
) -> tuple[Engine, str | None]:
    """:func:`db.cache.open_or_rebuild`, with ``cacheUpdateProgress`` shown while an older
    cache is migrated on the database worker of ``tasks`` (the event loop keeps running,
    so the window paints and moves)."""
    if not cache_behind(path):
        return open_or_rebuild(path, outbox)
    log.info("the cache %s is older than this version: migrating it", path)
    started = time.perf_counter()
    progress = QProgressDialog()
    progress.setObjectName("cacheUpdateProgress")
    progress.setWindowTitle(APP_NAME)
    progress.setLabelText(QCoreApplication.translate(
        "CacheUpdate",
        "Updating the local copy of the accounts for this version of Partner Desk.\n"
        "This happens once after an update and can take a minute or two with many "
        "accounts. Please wait."))
    progress.setCancelButton(None)  # no cancel: see the module docstring
    progress.setRange(0, 0)
    progress.setMinimumDuration(0)
    progress.setWindowModality(Qt.WindowModality.ApplicationModal)
    progress.show()
    result: list[tuple[Engine, str | None]] = []
    failure: list[BaseException] = []
    loop = QEventLoop()

    def opened(answer: tuple[Engine, str | None]) -> None:
        result.append(answer)
        loop.quit()

    def failed(exc: BaseException) -> None:
        failure.append(exc)
        loop.quit()

    task = tasks.run_db("cache update", lambda _control: open_or_rebuild(path, outbox))
    task.done.connect(opened)
    task.error.connect(failed)
    loop.exec()
    progress.close()
    progress.deleteLater()
    if failure:
        raise failure[0]
    log.info("cache migrated in %.1f s", time.perf_counter() - started)
    return result[0]
