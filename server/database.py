"""The server's database: engines for SQLite (embedded default) and PostgreSQL.

SQLite gets two engines over the same file: reads begin a deferred transaction, writes
``BEGIN IMMEDIATE`` so a writer waits for the lock up front instead of failing on upgrade.
PostgreSQL uses one pooled engine; writers lock the account row (``SELECT ... FOR UPDATE``).
"""

from __future__ import annotations

import logging
import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import ConnectionPoolEntry

from db import migrate
from db.server_schema import server_meta, server_metadata

log = logging.getLogger(__name__)

DEFAULT_DB_FILE = "partner-portal-server.sqlite3"


@dataclass
class Database:
    """The engines for one server database."""

    url: str
    read: Engine
    write: Engine

    @property
    def dialect(self) -> str:
        return self.read.dialect.name

    @property
    def is_postgres(self) -> bool:
        return self.dialect == "postgresql"

    def dispose(self) -> None:
        self.read.dispose()
        if self.write is not self.read:
            self.write.dispose()


def _sqlite_engine(path: str, *, immediate: bool) -> Engine:
    url = "sqlite://" if path in ("", ":memory:") else f"sqlite:///{path}"
    engine = create_engine(
        url, connect_args={"check_same_thread": False, "timeout": 60}, pool_size=8
    )

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")  # the server's database holds the money
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=60000")
        cur.execute("PRAGMA cache_size=-65536")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:  # noqa: ANN001
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def open_database(url: str, *, migrate_schema: bool = True) -> Database:
    """Engines for ``url`` (``sqlite:///file`` or ``postgresql+psycopg://...``), migrated."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = parsed.database or ""
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        database = Database(
            url, _sqlite_engine(path, immediate=False), _sqlite_engine(path, immediate=True)
        )
    elif parsed.get_backend_name() == "postgresql":
        engine = create_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True)
        database = Database(url, engine, engine)
    else:
        raise ValueError(f"unsupported database {parsed.get_backend_name()!r}")
    if migrate_schema:
        migrate.upgrade(database.write, "server")
        with database.write.begin() as conn:
            server_epoch(conn)
    return database


def sqlite_url(path: Path | str) -> str:
    return f"sqlite:///{Path(path)}"


def meta_get(conn: Connection, key: str) -> str | None:
    return conn.execute(select(server_meta.c.value).where(server_meta.c.key == key)).scalar()


def meta_put(conn: Connection, key: str, value: str) -> None:
    updated = conn.execute(
        server_meta.update().where(server_meta.c.key == key).values(value=value)
    )
    if updated.rowcount == 0:
        conn.execute(server_meta.insert().values(key=key, value=value))


def server_epoch(conn: Connection) -> str:
    """This database's epoch (made once; a restored backup gets a new one via
    ``partner-portal-server new-epoch``)."""
    epoch = meta_get(conn, "server_epoch")
    if epoch is None:
        epoch = str(uuid.uuid4())
        meta_put(conn, "server_epoch", epoch)
    return epoch


def next_id(conn: Connection, table: str) -> int:
    """A new primary key for ``table`` (ids are BIGINT, not SQLite rowid aliases).

    SQLite: writers are serialised (BEGIN IMMEDIATE), so max + 1 is safe. PostgreSQL: the
    column's sequence, moved past bulk-loaded ids by :func:`reset_sequences`.
    """
    if conn.dialect.name == "postgresql":
        return int(
            conn.execute(
                text(f"SELECT nextval(pg_get_serial_sequence('{table}', 'id'))")
            ).scalar_one()
        )
    return int(conn.execute(text(f'SELECT coalesce(max(id), 0) + 1 FROM "{table}"')).scalar_one())


def next_id_expr(dialect: str, table: str) -> Any:
    """:func:`next_id` as a SQL expression, so ``INSERT ... RETURNING id`` takes one round
    trip instead of two."""
    if dialect == "postgresql":
        return text(f"nextval(pg_get_serial_sequence('{table}', 'id'))")
    return text(f'(SELECT coalesce(max(id), 0) + 1 FROM "{table}")')


def reset_sequences(conn: Connection, tables: list[str]) -> None:
    """After a bulk load with explicit ids (PostgreSQL): move each id sequence past max(id)."""
    if conn.dialect.name != "postgresql":
        return
    for table in tables:
        if "id" not in server_metadata.tables[table].c:
            continue  # keyed by another table's id (account_tags, cheque_clearances)
        seq = conn.execute(text(f"SELECT pg_get_serial_sequence('{table}', 'id')")).scalar()
        if seq:
            conn.execute(
                text(
                    f"SELECT setval('{seq}', greatest((SELECT coalesce(max(id), 0) "
                    f'FROM "{table}"), 1))'
                )
            )
