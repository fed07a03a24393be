"""Opening the outbox file, and what happens when this version cannot use it.

Unlike the cache, the outbox is never discarded or rebuilt: it may hold payments the
server does not have yet. A damaged file, or one a newer version of the app wrote (its
migration revision unknown here), is left exactly as it was and reported as
:class:`OutboxUnreadable`, so the desktop can say so and stop instead of crashing.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DatabaseError

from db import migrate
from db.engine import create_private, sqlite_engine


class OutboxUnreadable(Exception):
    """The outbox at ``path`` cannot be used: damaged, or written by a newer version
    (``newer``)."""

    def __init__(self, path: Path, detail: str, *, newer: bool = False) -> None:
        super().__init__(f"The outbox {path} cannot be used: {detail}")
        self.path = path
        self.newer = newer


def open_outbox_engine(path: Path) -> Engine:
    """The outbox file at ``path``, created or migrated with care (``synchronous=FULL``).

    Raises :class:`OutboxUnreadable`, with the file untouched, when it is not a readable
    SQLite database or a newer version of the app wrote it.
    """
    create_private(path)
    # Immediate: a payment recorded while the sync thread stores push answers must wait
    # for the lock, not fail with "database is locked" (SQLITE_BUSY_SNAPSHOT).
    engine = sqlite_engine(path, synchronous="FULL", immediate=True)
    try:
        newer = migrate.unknown_revision(engine, "outbox")
        if newer is not None:
            raise OutboxUnreadable(path, f"a newer version wrote it ({newer})", newer=True)
        migrate.upgrade(engine, "outbox")
    except DatabaseError as exc:
        engine.dispose()
        raise OutboxUnreadable(path, str(exc.orig)) from exc
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:  # as in db.cache.open_cache
        engine.dispose()
        raise OutboxUnreadable(path, str(exc)) from exc
    except OutboxUnreadable:
        engine.dispose()
        raise
    return engine
