"""Engines with the connection settings each database file needs."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.pool import ConnectionPoolEntry


def create_private(path: Path) -> None:
    """Make the SQLite file at ``path`` readable by its owner only (0600) before SQLite
    opens it; SQLite gives the ``-wal`` and ``-shm`` files the database file's mode. On
    Windows the data folder lies in the user's profile, which only that user can read."""
    if os.name != "posix" or str(path) == ":memory:":
        return
    os.close(os.open(path, os.O_CREAT | os.O_RDWR, 0o600))
    for suffix in ("", "-wal", "-shm", "-journal"):
        side = Path(f"{path}{suffix}")
        if side.exists():
            os.chmod(side, 0o600)


#: Execution option: a transaction begun on this connection takes the write lock at once.
IMMEDIATE = "partner_desk_begin_immediate"


def sqlite_engine(
    path: Path | str, *, synchronous: str = "NORMAL", foreign_keys: bool = True,
    immediate: bool = False,
) -> Engine:
    """An engine on a SQLite file in WAL mode.

    ``synchronous`` is ``NORMAL`` for files that can be rebuilt (the cache) and ``FULL`` for
    files whose loss loses money (the outbox): with FULL a committed transaction survives a
    power cut. A replica (the cache) turns ``foreign_keys`` off: rows arrive in the server's
    change order and a tombstone may name a parent the replica never saw. ``immediate``:
    every transaction takes the write lock at once (:data:`IMMEDIATE` for all), for a file
    written from several threads whose transactions read before they write (the outbox:
    the counter records a payment while the sync thread stores push answers).
    """
    if synchronous not in {"OFF", "NORMAL", "FULL"}:
        raise ValueError(f"unknown synchronous mode {synchronous!r}")
    url = "sqlite://" if str(path) == ":memory:" else f"sqlite:///{Path(path)}"
    # LIFO: the same one or two connections serve almost every query, so their page caches
    # stay warm and the idle ones in the pool are not each holding a 64 MiB cache.
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": 30},
        pool_use_lifo=True,
    )

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
        # Let SQLAlchemy's BEGIN be the real one (pysqlite's own handling defers it).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA synchronous={synchronous}")
        cur.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cur.execute("PRAGMA cache_size=-65536")  # 64 MiB
        cur.execute("PRAGMA temp_store=MEMORY")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        # IMMEDIATE (execution option): take the write lock now, waiting for another
        # writer, rather than read first and be refused at once when the first write finds
        # that another connection committed since (SQLITE_BUSY_SNAPSHOT).
        at_once = immediate or conn.get_execution_options().get(IMMEDIATE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if at_once else "BEGIN")

    return engine
