"""The desktop's local cache: a replica that can always be thrown away and rebuilt."""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import Connection, Engine, select
from sqlalchemy.exc import DatabaseError

from db import migrate
from db.cache_schema import sync_state
from db.engine import sqlite_engine

log = logging.getLogger(__name__)

CACHE_FILE = "cache.sqlite3"


class CacheCorrupt(Exception):
    """The cache file cannot be read; it is safe to discard and rebuild."""


def open_cache(path: Path) -> Engine:
    """Open (creating or migrating) the cache at ``path``.

    Raises :class:`CacheCorrupt` when the file is not a readable SQLite database.
    """
    engine = sqlite_engine(path, synchronous="NORMAL", foreign_keys=False)
    try:
        migrate.upgrade(engine, "cache")
    except DatabaseError as exc:
        engine.dispose()
        raise CacheCorrupt(f"The local cache {path} cannot be read: {exc.orig}") from exc
    return engine


def discard_cache(path: Path) -> None:
    """Delete the cache file and its WAL side files (the outbox is a different file)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def open_or_rebuild(path: Path) -> tuple[Engine, str | None]:
    """Open the cache; when it is corrupt, discard it and start an empty one.

    Returns the engine and, when the cache had to be thrown away, a message for the user.
    """
    try:
        return open_cache(path), None
    except CacheCorrupt as exc:
        log.warning("discarding corrupt cache: %s", exc)
        discard_cache(path)
        message = (
            "The local copy of the accounts was damaged and has been thrown away; "
            "it is being rebuilt from the server. Unsent payments and edits are kept."
        )
        return open_cache(path), message


def get_state(conn: Connection, key: str) -> str | None:
    """A sync bookkeeping value (cursor, owner, server epoch)."""
    return conn.execute(select(sync_state.c.value).where(sync_state.c.key == key)).scalar()


def set_state(conn: Connection, key: str, value: str) -> None:
    """Set a sync bookkeeping value inside the caller's transaction."""
    table = sync_state
    updated = conn.execute(table.update().where(table.c.key == key).values(value=value))
    if updated.rowcount == 0:
        conn.execute(table.insert().values(key=key, value=value))
