"""Apply pulled changes to the desktop's cache (a replica of what the user may see).

Pure database code, no HTTP and no Qt: the sync engine hands each pulled page to a
:class:`PageWriter` (:func:`apply_page` for one page), which writes the page's rows,
tombstones, the quick-search rows of the accounts it touched and the new cursor in ONE
transaction (docs/sync-api.md "Pull"), so a crash between pages leaves the cache at a page
boundary it can resume from. While an initial sync fills an empty cache, several
consecutive pages may share that transaction (the cursor stored is the last one's).

The wire format of a row is the storage format of the cache (money integer paise, business
dates ISO text, moments integer epoch seconds, booleans as JSON booleans), so rows go in
with ``executemany`` on the raw SQLite connection: no ORM objects, no per-row round trips.
A ``columns`` page (docs/sync-api.md "Server notes") carries its snapshot rows as arrays
under one column list per table; those arrays are bound as they are
(:func:`apply_blocks`).

During an initial sync into an empty cache the secondary indexes are built once at the end
instead of row by row (:func:`defer_indexes`, :func:`restore_indexes`); the list is kept in
``sync_state`` in the same transaction, so a crash or a resync never loses it: the next pull
rebuilds them first. The quick-search rows are always written with their page.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Engine

from db.cache import BULK_CACHE_SIZE_KIB, CACHE_SIZE_KIB, get_state, set_state
from db.cache_schema import cache_metadata, sync_state
from db.kiosk_store import ROWS_TABLE
from db.schema import DOMAIN_TABLES
from db.search import account_search_text

#: sync_state keys.
CURSOR_KEY = "cursor"
EPOCH_KEY = "server_epoch"
OWNER_KEY = "owner"
LAST_SYNCED_KEY = "last_synced_at"
#: CREATE INDEX statements dropped for an initial sync, to be rebuilt at its end.
DEFERRED_INDEXES_KEY = "deferred_indexes"
#: SQLite's default WAL auto-checkpoint (pages), restored after a bulk load.
WAL_AUTOCHECKPOINT = 1000

_TABLE_OP = itemgetter("table", "op")
_ROW = itemgetter("row")
_KEY = itemgetter("key")

#: Accounts touched by one page beyond which listeners are told "many changed" instead.
MANY_ACCOUNTS = 2_000


class ReplicaError(ValueError):
    """A pulled change the cache cannot apply (unknown table, missing key)."""


@dataclass
class _TableSql:
    columns: list[str]
    pk: list[str]
    upsert: str
    delete: str
    values: Callable[[Mapping[str, Any]], tuple[Any, ...]]


def _getter(columns: list[str]) -> Callable[[Mapping[str, Any]], tuple[Any, ...]]:
    """A C-speed row → tuple in column order (``itemgetter`` of one key returns no tuple)."""
    if len(columns) == 1:
        only = columns[0]
        return lambda row: (row[only],)
    return itemgetter(*columns)


def _upsert_sql(table: str, columns: list[str], pk: list[str]) -> str:
    """The statement that writes one pulled row. ``accounts`` is updated in place: its
    ``id`` is not SQLite's rowid, and ``INSERT OR REPLACE`` (delete + insert) would give the
    row a new rowid on every change, so the account list (which keeps rowids) would lose the
    selected account after each sync that touched it. Tables with other UNIQUE columns keep
    REPLACE, which also clears a row holding such a value."""
    quoted = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    if table == "accounts" and pk == ["id"]:
        updates = ", ".join(f'"{c}" = excluded."{c}"' for c in columns if c not in pk)
        return (f'INSERT INTO "{table}" ({quoted}) VALUES ({marks}) '
                f'ON CONFLICT("id") DO UPDATE SET {updates}')
    return f'INSERT OR REPLACE INTO "{table}" ({quoted}) VALUES ({marks})'


#: Cache-only tables a kiosk's pull fills (db/kiosk_store.py) besides the domain tables. Its
#: ``kiosk_keys`` never reaches the cache (the sync cycle keeps it in the keyring): here it
#: is an unknown table.
KIOSK_TABLES = (ROWS_TABLE,)


def _table_sql() -> dict[str, _TableSql]:
    out: dict[str, _TableSql] = {}
    for name in (*DOMAIN_TABLES, *KIOSK_TABLES):
        table = cache_metadata.tables[name]
        columns = [c.name for c in table.columns]
        pk = [c.name for c in table.primary_key.columns]
        where = " AND ".join(f'"{c}" = ?' for c in pk)
        out[name] = _TableSql(
            columns=columns,
            pk=pk,
            upsert=_upsert_sql(name, columns, pk),
            delete=f'DELETE FROM "{name}" WHERE {where}',
            values=_getter(columns),
        )
    return out


_SQL = _table_sql()


@dataclass
class ApplySummary:
    """What one or more applied pages changed."""

    upserts: int = 0
    deletes: int = 0
    accounts: int = 0  # account rows upserted (the unit of the initial-sync progress)
    per_table: dict[str, int] = field(default_factory=dict)
    account_ids: set[int] = field(default_factory=set)

    @property
    def changes(self) -> int:
        return self.upserts + self.deletes

    def add(self, other: ApplySummary) -> None:
        self.upserts += other.upserts
        self.deletes += other.deletes
        self.accounts += other.accounts
        for table, n in other.per_table.items():
            self.per_table[table] = self.per_table.get(table, 0) + n
        if len(self.account_ids) <= MANY_ACCOUNTS:
            self.account_ids |= other.account_ids


def _rows_values(sql: _TableSql, rows: list[Mapping[str, Any]]) -> list[tuple[Any, ...]]:
    try:
        return list(map(sql.values, rows))
    except KeyError:
        # A server that omits a nullable column: a missing key is NULL.
        return [tuple([row.get(c) for c in sql.columns]) for row in rows]


def _key_values(sql: _TableSql, key: Mapping[str, Any], table: str) -> tuple[Any, ...]:
    try:
        return tuple([key[c] for c in sql.pk])
    except KeyError as exc:
        raise ReplicaError(f"tombstone for {table} lacks key column {exc}") from exc


def apply_changes(conn: Connection, changes: Sequence[Mapping[str, Any]]) -> ApplySummary:
    """Apply pulled changes, in order, inside the caller's transaction.

    Consecutive changes of the same table and operation go in one ``executemany``; the
    order between an upsert and a later delete of the same key is kept.
    """
    raw = conn.connection.driver_connection
    assert raw is not None
    summary = ApplySummary()
    try:
        runs = groupby(changes, key=_TABLE_OP)
        for (table, op), group in runs:
            run = list(group)
            sql = _SQL.get(table)
            if sql is None:
                raise ReplicaError(f"unknown table in pulled changes: {table!r}")
            if op == "upsert":
                _upsert(raw, table, sql, list(map(_ROW, run)), summary)
            elif op == "delete":
                _delete(raw, table, sql, list(map(_KEY, run)), summary)
            else:
                raise ReplicaError(f"unknown operation in pulled changes: {op!r}")
            summary.per_table[table] = summary.per_table.get(table, 0) + len(run)
    except (KeyError, TypeError) as exc:
        raise ReplicaError(f"a pulled change is malformed: {exc!r}") from exc
    return summary


def _upsert(
    raw: Any, table: str, sql: _TableSql, rows: list[Mapping[str, Any]], summary: ApplySummary
) -> None:
    raw.executemany(sql.upsert, _rows_values(sql, rows))
    summary.upserts += len(rows)
    if table == "accounts":
        ids = [r["id"] for r in rows]
        _replace_search(raw, ids, [
            (r["id"], account_search_text(r["id"], r["name"], r.get("mobile"), r.get("email")))
            for r in rows
        ])
        summary.accounts += len(rows)
        _note_accounts(summary, ids)
    elif "account_id" in sql.columns:
        _note_accounts(summary, [r.get("account_id") for r in rows])


def _replace_search(raw: Any, ids: list[Any], texts: list[tuple[Any, str]]) -> None:
    raw.executemany("DELETE FROM account_search WHERE rowid = ?", [(i,) for i in ids])
    raw.executemany("INSERT INTO account_search(rowid, text) VALUES (?, ?)", texts)


def _delete(
    raw: Any, table: str, sql: _TableSql, keys: list[Mapping[str, Any]], summary: ApplySummary
) -> None:
    values = [_key_values(sql, k, table) for k in keys]
    if table == "accounts":
        raw.executemany("DELETE FROM account_search WHERE rowid = ?", values)
        _note_accounts(summary, [v[0] for v in values])
    elif "account_id" in sql.pk:
        _note_accounts(summary, [k.get("account_id") for k in keys])
    raw.executemany(sql.delete, values)
    summary.deletes += len(keys)


def _note_accounts(summary: ApplySummary, ids: Iterable[Any]) -> None:
    if len(summary.account_ids) > MANY_ACCOUNTS:
        return
    summary.account_ids.update(i for i in ids if i is not None)


@dataclass
class _BlockSql:
    upsert: str
    account_id: int | None  # position of account_id (accounts: of id)
    search: tuple[int, int, int | None, int | None] | None  # id, name, mobile, email


_BLOCK_SQL: dict[tuple[str, tuple[str, ...]], _BlockSql] = {}


def _block_sql(table: Any, columns: Any) -> _BlockSql:
    """The INSERT for a block's column list, checked against the cache's table."""
    if not isinstance(table, str) or not isinstance(columns, list):
        raise ReplicaError("a snapshot block lacks its table or column list")
    key = (table, tuple(columns))
    found = _BLOCK_SQL.get(key)
    if found is not None:
        return found
    sql = _SQL.get(table)
    if sql is None:
        raise ReplicaError(f"unknown table in pulled changes: {table!r}")
    known = set(sql.columns)
    if not all(isinstance(c, str) and c in known for c in columns):
        raise ReplicaError(f"a snapshot block of {table} names an unknown column")
    if len(set(columns)) != len(columns) or not set(sql.pk) <= set(columns):
        raise ReplicaError(f"a snapshot block of {table} repeats a column or lacks its key")
    upsert = _upsert_sql(table, columns, sql.pk)
    search = None
    account_id = None
    if table == "accounts":
        if "name" not in columns:
            raise ReplicaError("a snapshot block of accounts lacks the name column")
        pos = columns.index
        search = (pos("id"), pos("name"), pos("mobile") if "mobile" in columns else None,
                  pos("email") if "email" in columns else None)
        account_id = pos("id")
    elif "account_id" in columns:
        account_id = columns.index("account_id")
    found = _BlockSql(upsert, account_id, search)
    if len(_BLOCK_SQL) < 256:
        _BLOCK_SQL[key] = found
    return found


def apply_blocks(conn: Connection, blocks: Sequence[Mapping[str, Any]]) -> ApplySummary:
    """Apply the snapshot blocks of a ``columns`` page (``{"table", "columns", "rows"}``,
    each row an array in column order) inside the caller's transaction: the arrays are
    bound to ``executemany`` as they are. Upserts only; the quick-search rows of the
    accounts are kept in step."""
    raw = conn.connection.driver_connection
    assert raw is not None
    summary = ApplySummary()
    for block in blocks:
        if not isinstance(block, Mapping):
            raise ReplicaError("a snapshot block is not an object")
        table = block.get("table")
        sql = _block_sql(table, block.get("columns"))
        rows = block.get("rows")
        if not isinstance(rows, list) or not all(type(r) is list for r in rows):
            raise ReplicaError(f"the rows of a snapshot block of {table} are not arrays")
        try:
            raw.executemany(sql.upsert, rows)
            if sql.search is not None:
                i, n, m, e = sql.search
                ids = [r[i] for r in rows]
                _replace_search(raw, ids, [
                    (r[i], account_search_text(r[i], r[n], None if m is None else r[m],
                                               None if e is None else r[e]))
                    for r in rows
                ])
                summary.accounts += len(rows)
                _note_accounts(summary, ids)
            elif sql.account_id is not None:
                a = sql.account_id
                _note_accounts(summary, [r[a] for r in rows])
        except (sqlite3.ProgrammingError, sqlite3.InterfaceError, sqlite3.IntegrityError,
                TypeError, ValueError,
                OverflowError, IndexError, AttributeError) as exc:
            raise ReplicaError(f"a snapshot block of {table} is malformed: {exc}") from exc
        summary.upserts += len(rows)
        summary.per_table[str(table)] = summary.per_table.get(str(table), 0) + len(rows)
    return summary


def apply_page(
    engine: Engine,
    changes: Sequence[Mapping[str, Any]],
    cursor: str,
    server_epoch: str | None,
    snapshot: Sequence[Mapping[str, Any]] | None = None,
) -> ApplySummary:
    """Apply one pulled page and store its cursor in one cache transaction; a ``columns``
    page's ``snapshot`` blocks go first, then its ``changes``."""
    with PageWriter(engine) as writer:
        return writer.apply(changes, cursor, server_epoch, snapshot)


class PageWriter:
    """Writes pulled pages into the cache, each page's cursor in the same transaction as
    its rows.

    With ``commit_rows`` (used only while an initial sync fills an empty cache, see
    :func:`defer_indexes`), consecutive pages share one transaction until at least that
    many changes are pending: each commit writes every dirty page to the WAL, and the
    random-key unique indexes (``payments.payment_uuid``) dirty most of their pages on
    every commit, so one commit per 5,000-row page wrote the cache three times over. The
    stored cursor is always the last page of a committed transaction: a crash or an error
    rolls back to a page boundary the next pull resumes from. :meth:`commit` is called by
    the owner before it waits (for the network) or lets another connection write.

    Use as a context manager: leaving it normally commits, an exception rolls back.
    """

    def __init__(self, engine: Engine, commit_rows: int = 0) -> None:
        self.engine = engine
        self.commit_rows = commit_rows
        self.pending = 0
        self._conn: Connection | None = None

    def __enter__(self) -> PageWriter:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.rollback()

    def _begin(self) -> Connection:
        conn = self.engine.connect()
        try:
            conn.begin()
            raw = conn.connection.driver_connection
            assert raw is not None
            bulk = raw.execute("SELECT 1 FROM sync_state WHERE key = ?",
                               (DEFERRED_INDEXES_KEY,)).fetchone() is not None
            # While an initial sync is deferring its index builds, the WAL is not
            # checkpointed after every commit (each checkpoint copies the hot pages again:
            # ~40% of the apply time); restore_indexes checkpoints once. Durability is
            # unchanged: each commit is in the WAL exactly as before.
            raw.execute(f"PRAGMA wal_autocheckpoint={0 if bulk else WAL_AUTOCHECKPOINT}")
            pages = BULK_CACHE_SIZE_KIB if bulk else CACHE_SIZE_KIB
            raw.execute(f"PRAGMA cache_size=-{pages}")
        except BaseException:
            conn.close()
            raise
        self._conn = conn
        return conn

    def apply(
        self,
        changes: Sequence[Mapping[str, Any]],
        cursor: str,
        server_epoch: str | None,
        snapshot: Sequence[Mapping[str, Any]] | None = None,
    ) -> ApplySummary:
        """Apply one page and its cursor in the open transaction (one is begun if none
        is); commit when ``commit_rows`` changes are pending (at once without it)."""
        conn = self._conn if self._conn is not None else self._begin()
        raw = conn.connection.driver_connection
        assert raw is not None
        summary = ApplySummary()
        if snapshot:
            summary.add(apply_blocks(conn, snapshot))
        summary.add(apply_changes(conn, changes))
        # The bookkeeping on the raw connection too (SQLAlchemy's statements cost ~1 ms a page).
        state = [(CURSOR_KEY, cursor)]
        if server_epoch is not None:
            state.append((EPOCH_KEY, server_epoch))
        raw.executemany("INSERT OR REPLACE INTO sync_state(key, value) VALUES (?, ?)", state)
        self.pending += summary.changes
        if self.pending >= self.commit_rows:
            self.commit()
        return summary

    def commit(self) -> None:
        """Commit the pages applied so far (with the last one's cursor); a no-op if none."""
        conn, self._conn = self._conn, None
        self.pending = 0
        if conn is None:
            return
        try:
            conn.commit()
        finally:
            conn.close()

    def rollback(self) -> None:
        """Drop the pages applied since the last commit (their cursor with them)."""
        conn, self._conn = self._conn, None
        self.pending = 0
        if conn is not None:
            conn.close()  # closing rolls the open transaction back


def read_cursor(engine: Engine) -> tuple[str | None, str | None]:
    """The stored cursor and the server epoch it belongs to (None, None: pull from start)."""
    with engine.connect() as conn:
        return get_state(conn, CURSOR_KEY), get_state(conn, EPOCH_KEY)


def read_state(engine: Engine, key: str) -> str | None:
    with engine.connect() as conn:
        return get_state(conn, key)


def write_state(engine: Engine, key: str, value: str) -> None:
    with engine.begin() as conn:
        set_state(conn, key, value)


def mark_synced(engine: Engine, at: float | None = None) -> None:
    """Remember when a full push-and-pull cycle last finished (epoch seconds)."""
    write_state(engine, LAST_SYNCED_KEY, str(int(at if at is not None else time.time())))


def is_empty(engine: Engine) -> bool:
    """True when the cache holds no accounts and no cursor (an initial sync is due)."""
    with engine.connect() as conn:
        has_rows = conn.exec_driver_sql(
            "SELECT 1 FROM accounts UNION ALL SELECT 1 FROM kiosk_accounts LIMIT 1"
        ).first() is not None
        return not has_rows and get_state(conn, CURSOR_KEY) is None


def clear(engine: Engine, keep_owner: bool = False) -> None:
    """Empty the replica (every domain table, the search index, the cursor) in one
    transaction. The outbox is another file and is never touched here."""
    with engine.begin() as conn:
        for name in (*KIOSK_TABLES, *reversed(DOMAIN_TABLES)):
            conn.exec_driver_sql(f'DELETE FROM "{name}"')
        conn.exec_driver_sql("DELETE FROM account_search")
        # Deferred index statements survive: the indexes must still be rebuilt.
        kept = [DEFERRED_INDEXES_KEY, OWNER_KEY] if keep_owner else [DEFERRED_INDEXES_KEY]
        conn.execute(sync_state.delete().where(sync_state.c.key.not_in(kept)))


def defer_indexes(engine: Engine) -> int:
    """Drop the secondary (non-unique) indexes of the domain tables before an initial sync
    into an empty cache; building them once at the end is several times cheaper than
    keeping them up to date row by row. The statements are kept in ``sync_state`` in the
    same transaction, so :func:`restore_indexes` rebuilds them even after a crash (the sync
    engine calls it before every pull). While they are deferred, pages do not checkpoint
    the WAL (:func:`apply_page`)."""
    tables = ", ".join(f"'{t}'" for t in DOMAIN_TABLES)
    with engine.begin() as conn:
        if get_state(conn, DEFERRED_INDEXES_KEY) is not None:
            return 0
        found = conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            f"AND sql LIKE 'CREATE INDEX%' AND tbl_name IN ({tables})"
        ).all()
        set_state(conn, DEFERRED_INDEXES_KEY, json.dumps([sql for _name, sql in found]))
        for name, _sql in found:
            conn.exec_driver_sql(f'DROP INDEX IF EXISTS "{name}"')
    return len(found)


def restore_indexes(engine: Engine) -> int:
    """Rebuild indexes dropped by :func:`defer_indexes` (a no-op when none are), then fold
    the WAL the bulk load left behind into the database file."""
    with engine.begin() as conn:
        kept = get_state(conn, DEFERRED_INDEXES_KEY)
        if kept is None:
            return 0
        statements = json.loads(kept)
        for sql in statements:
            conn.exec_driver_sql(sql.replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", 1))
        conn.execute(sync_state.delete().where(sync_state.c.key == DEFERRED_INDEXES_KEY))
    _checkpoint(engine)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA optimize")
    return len(statements)


def _checkpoint(engine: Engine) -> None:
    """Fold the WAL a bulk load left behind into the database file and shrink it."""
    with engine.connect() as conn:
        conn.exec_driver_sql(f"PRAGMA wal_autocheckpoint={WAL_AUTOCHECKPOINT}")
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def pulled_payment_uuids(engine: Engine, uuids: Iterable[str]) -> set[str]:
    """Which of ``uuids`` the cache already holds as payment rows (pulled from the server)."""
    return _pulled(engine, "payments", "payment_uuid", uuids)


def pulled_reversal_uuids(engine: Engine, uuids: Iterable[str]) -> set[str]:
    """Which of ``uuids`` the cache already holds as ``payment_reversals`` rows."""
    return _pulled(engine, "payment_reversals", "reversal_uuid", uuids)


def _pulled(engine: Engine, table: str, column: str, uuids: Iterable[str]) -> set[str]:
    wanted = list(dict.fromkeys(uuids))
    found: set[str] = set()
    with engine.connect() as conn:
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            marks = ", ".join("?" for _ in chunk)
            rows = conn.exec_driver_sql(
                f'SELECT "{column}" FROM "{table}" WHERE "{column}" IN ({marks})',
                tuple(chunk),
            )
            found.update(r[0] for r in rows)
    return found
