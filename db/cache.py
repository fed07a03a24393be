"""The desktop's local cache: a replica that can always be thrown away and rebuilt."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, event, select
from sqlalchemy.exc import DatabaseError

from billing.messages import Msg
from billing.notice import Notice
from db import migrate
from db.cache_edges import read_edges
from db.cache_schema import sync_state
from db.engine import create_private, sqlite_engine

if TYPE_CHECKING:
    from db.outbox import Outbox

log = logging.getLogger(__name__)

CACHE_FILE = "cache.sqlite3"

#: Outbox fact set once a sync has filled the cache (cleared when the cache is emptied on
#: purpose), so an empty cache on a later start is known to be a loss, not a first start.
CACHE_FILLED_FACT = "cache_filled"

DAMAGED_MESSAGE = Notice(Msg.NOTICE_CACHE_DAMAGED)
NEWER_MESSAGE = Notice(Msg.NOTICE_CACHE_NEWER)
MISSING_MESSAGE = Notice(Msg.NOTICE_CACHE_MISSING)


#: Where SQLite keeps the sorts of the account list (a million rowids by balance, say).
#: Measured on 1,000,000 accounts (docs/performance.md, "Account table"): with MEMORY the
#: process stayed 44 MB larger after five full lists (200 vs 156 MB resident; peak 246 vs
#: 195 MB) for no measurable gain in time; FILE sorts spill to a temporary file that the
#: OS keeps in its page cache, outside the process.
TEMP_STORE = "FILE"

#: Each cache connection's page cache, KiB (the engine's default is 64 MiB). The account
#: list's connections (GUI thread, database worker) each fill theirs to the top walking a
#: million-row index. Measured on 1,000,000 accounts, 73 filter, search and sort changes
#: through the Manage Account window (docs/performance.md, the account table's second round):
#: resident 247 MB with 64 MiB, 201-217 MB with 32 MiB, 195-213 MB with 16 MiB; the
#: changes' times overlapped within the machine's noise. The pages dropped stay in the OS
#: page cache, outside the process.
CACHE_SIZE_KIB = 32_768
#: The page cache of the connection that writes an initial sync's pages (several pages in
#: one transaction, random-key unique indexes): the 64 MiB its figures were measured with
#: (docs/performance.md, "Sync"), so a transaction's dirty pages do not spill to the WAL.
BULK_CACHE_SIZE_KIB = 65_536


def _cache_pragmas(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    dbapi_conn.execute(f"PRAGMA temp_store={TEMP_STORE}")
    dbapi_conn.execute(f"PRAGMA cache_size=-{CACHE_SIZE_KIB}")


class CacheCorrupt(Exception):
    """The cache file cannot be read (or a newer version wrote it: ``newer``); it is safe
    to discard and rebuild."""

    def __init__(self, message: str, *, newer: bool = False) -> None:
        super().__init__(message)
        self.newer = newer


def open_cache(path: Path) -> Engine:
    """Open (creating or migrating) the cache at ``path``.

    Raises :class:`CacheCorrupt` when the file is not a readable SQLite database.
    """
    create_private(path)
    engine = sqlite_engine(path, synchronous="NORMAL", foreign_keys=False)
    # after the engine's own pragmas (listeners run in the order they were added)
    event.listen(engine, "connect", _cache_pragmas)
    try:
        newer = migrate.unknown_revision(engine, "cache")
        if newer is not None:  # a newer version wrote it: this one cannot read it
            engine.dispose()
            raise CacheCorrupt(f"The local cache {path} was written by a newer version "
                               f"({newer})", newer=True)
        migrate.upgrade(engine, "cache")
        with engine.connect() as conn:
            raw = conn.connection.driver_connection
            assert isinstance(raw, sqlite3.Connection)
            read_edges(raw)
    except sqlite3.DatabaseError as exc:  # a damaged page met by read_edges
        engine.dispose()
        raise CacheCorrupt(f"The local cache {path} cannot be read: {exc}") from exc
    except DatabaseError as exc:
        engine.dispose()
        raise CacheCorrupt(f"The local cache {path} cannot be read: {exc.orig}") from exc
    except UnicodeDecodeError as exc:
        # sqlite3 decodes SQLite's error text as UTF-8; a damaged schema page puts its
        # bytes in that text ("malformed database schema (...)"), so the error arrives as
        # this instead of a DatabaseError.
        engine.dispose()
        raise CacheCorrupt(f"The local cache {path} cannot be read: {exc}") from exc
    return engine


def discard_cache(path: Path) -> None:
    """Delete the cache file and its WAL side files (the outbox is a different file)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def open_or_rebuild(path: Path, outbox: Outbox | None = None) -> tuple[Engine, str | None]:
    """Open the cache; when it is corrupt, discard it and start an empty one.

    Returns the engine and, when the cache had to be thrown away or was found empty after
    a sync had filled it (the outbox remembers that), a message for the user.
    """
    try:
        engine = open_cache(path)
    except CacheCorrupt as exc:
        log.warning("discarding corrupt cache: %s", exc)
        discard_cache(path)
        return open_cache(path), NEWER_MESSAGE if exc.newer else DAMAGED_MESSAGE
    if outbox is not None and outbox.get_fact(CACHE_FILLED_FACT) and _is_empty(engine):
        log.warning("the cache %s is empty although a sync had filled it", path)
        return engine, MISSING_MESSAGE
    return engine, None


def _is_empty(engine: Engine) -> bool:
    with engine.connect() as conn:
        # A kiosk's cache holds sealed rows instead of accounts (db/kiosk_store.py).
        return conn.exec_driver_sql(
            "SELECT 1 FROM accounts UNION ALL SELECT 1 FROM kiosk_accounts LIMIT 1"
        ).first() is None




def rebuild_in_place(engine: Engine) -> None:
    """Throw away a damaged cache file behind ``engine`` and migrate a new empty one.

    The engine object stays the same, so every holder of it keeps working. Raises
    :class:`CacheCorrupt` when the file cannot be removed (on Windows, while another
    connection still has it open): the app then rebuilds it at the next start.
    """
    path = engine.url.database
    if not path or path == ":memory:":
        raise CacheCorrupt("an in-memory cache cannot be rebuilt in place")
    engine.dispose()
    try:
        discard_cache(Path(path))
    except OSError as exc:
        raise CacheCorrupt(
            f"The damaged local copy {path} is in use ({exc}); restart the app to rebuild it."
        ) from exc
    migrate.upgrade(engine, "cache")


def get_state(conn: Connection, key: str) -> str | None:
    """A sync bookkeeping value (cursor, owner, server epoch)."""
    return conn.execute(select(sync_state.c.value).where(sync_state.c.key == key)).scalar()


def set_state(conn: Connection, key: str, value: str) -> None:
    """Set a sync bookkeeping value inside the caller's transaction."""
    table = sync_state
    updated = conn.execute(table.update().where(table.c.key == key).values(value=value))
    if updated.rowcount == 0:
        conn.execute(table.insert().values(key=key, value=value))
