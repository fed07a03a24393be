"""Pulled rows into the cache's tables: the SQL for each table, upserts and tombstones
(:func:`apply_changes`), the snapshot blocks of a ``columns`` page (:func:`apply_blocks`),
and the quick-search rows of the accounts they touch. Inside the caller's transaction; the
page, its cursor and that transaction are :class:`db.replica.PageWriter`'s.

The wire format of a row is the storage format of the cache (money integer paise, business
dates ISO text, moments integer epoch seconds, booleans as JSON booleans), so rows go in
with ``executemany`` on the raw SQLite connection: no ORM objects, no per-row round trips.
A ``columns`` page (docs/sync-api.md "Server notes") carries its snapshot rows as arrays
under one column list per table; those arrays are bound as they are.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection

from db.account_search_grams import gram_bits, write_grams
from db.cache_schema import ROWID_KEY_TABLES, cache_metadata
from db.kiosk_store import ROWS_TABLE
from db.replica_batch import RowsStatement
from db.schema import DOMAIN_TABLES
from db.search import account_search_text

__all__ = [
    "KIOSK_TABLES",
    "MANY_ACCOUNTS",
    "ApplySummary",
    "ReplicaError",
    "apply_blocks",
    "apply_changes",
]


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
    upsert: RowsStatement
    delete: str
    values: Callable[[Mapping[str, Any]], tuple[Any, ...]]
    #: Position of the key column when it is SQLite's rowid (cache_0009), else None.
    rowid_key: int | None = None


def _getter(columns: list[str]) -> Callable[[Mapping[str, Any]], tuple[Any, ...]]:
    """A C-speed row → tuple in column order (``itemgetter`` of one key returns no tuple)."""
    if len(columns) == 1:
        only = columns[0]
        return lambda row: (row[only],)
    return itemgetter(*columns)


def _upsert_sql(table: str, columns: list[str], pk: list[str]) -> RowsStatement:
    """The statement that writes pulled rows (:class:`db.replica_batch.RowsStatement`).
    ``accounts`` is updated in place: its ``id`` is not SQLite's rowid, and ``INSERT OR
    REPLACE`` (delete + insert) would give the row a new rowid on every change, so the account
    list (which keeps rowids) would lose the selected account after each sync that touched
    it. Tables with other UNIQUE columns keep REPLACE, which also clears a row holding such a
    value."""
    quoted = ", ".join(f'"{c}"' for c in columns)
    if table == "accounts" and pk == ["id"]:
        updates = ", ".join(f'"{c}" = excluded."{c}"' for c in columns if c not in pk)
        return RowsStatement(f'INSERT INTO "{table}" ({quoted}) VALUES ', len(columns),
                             f' ON CONFLICT("id") DO UPDATE SET {updates}')
    return RowsStatement(f'INSERT OR REPLACE INTO "{table}" ({quoted}) VALUES ', len(columns))


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
            rowid_key=(columns.index(ROWID_KEY_TABLES[name])
                       if name in ROWID_KEY_TABLES else None),
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


def _refuse_null_keys(table: str, position: int | None, rows: Iterable[Sequence[Any]]) -> None:
    """A NULL bound to a rowid key is not refused by SQLite (it picks a new rowid), as the
    ``NOT NULL`` of any other key is: refuse it here, at C speed, before anything is written."""
    if position is not None and None in map(itemgetter(position), rows):
        raise ReplicaError(f"a pulled row of {table} has no key")


def _upsert(
    raw: Any, table: str, sql: _TableSql, rows: list[Mapping[str, Any]], summary: ApplySummary
) -> None:
    values = _rows_values(sql, rows)
    _refuse_null_keys(table, sql.rowid_key, values)
    sql.upsert.run(raw, values)
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


def _replace_search(raw: Any, ids: list[Any], texts: list[tuple[Any, str]],
                    bits: list[tuple[int, ...]] | None = None) -> None:
    raw.executemany("DELETE FROM account_search WHERE rowid = ?", [(i,) for i in ids])
    # One row per statement on purpose: FTS5 writes its pending terms out at statement
    # boundaries, so rows grouped per statement would leave the same index in other segments.
    raw.executemany("INSERT INTO account_search(rowid, text) VALUES (?, ?)", texts)
    write_grams(raw, texts, bits)  # after the accounts rows: their name and rowid are read


@dataclass(frozen=True)
class PreparedSearch:
    """The quick-search texts and gram bits of a snapshot block of accounts, made ahead.

    During an initial sync the fetch thread waits on the network most of the time while
    the writer's thread is the critical path; making the texts and bits there (1.2 s of
    Python per 100,000 accounts) lets the writer spend that time inside SQLite instead
    (``docs/performance.md``, "Sync"). Only used for the very block object it was made
    from, and only when that block still has as many rows."""

    block: Mapping[str, Any]
    texts: list[tuple[Any, str]]
    bits: list[tuple[int, ...]]


def prepare_search(blocks: Any) -> list[PreparedSearch]:
    """:class:`PreparedSearch` for each accounts block of a page's ``snapshot`` (any
    thread). A block that does not look right is skipped: :func:`apply_blocks` then finds
    and words the fault itself, as without this."""
    prepared: list[PreparedSearch] = []
    if not isinstance(blocks, list):
        return prepared
    for block in blocks:
        try:
            if not isinstance(block, Mapping) or block.get("table") != "accounts":
                continue
            sql = _block_sql(block.get("table"), block.get("columns"))
            rows = block.get("rows")
            if sql.search is None or not isinstance(rows, list):
                continue
            texts = _search_texts(sql.search, rows)
            prepared.append(PreparedSearch(block, texts, [gram_bits(t) for _i, t in texts]))
        except (ReplicaError, TypeError, ValueError, IndexError, AttributeError, KeyError):
            continue
    return prepared


def _search_texts(search: tuple[int, int, int | None, int | None],
                  rows: list[Any]) -> list[tuple[Any, str]]:
    i, n, m, e = search
    return [(r[i], account_search_text(r[i], r[n], None if m is None else r[m],
                                       None if e is None else r[e]))
            for r in rows]


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
    upsert: RowsStatement
    account_id: int | None  # position of account_id (accounts: of id)
    search: tuple[int, int, int | None, int | None] | None  # id, name, mobile, email
    rowid_key: int | None = None  # position of a key that is SQLite's rowid


_BLOCK_SQL: dict[tuple[str, tuple[str, ...]], _BlockSql] = {}
_LIST_ONLY = frozenset({list})


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
    rowid_key = None
    if table in ROWID_KEY_TABLES:
        rowid_key = columns.index(ROWID_KEY_TABLES[table])
    found = _BlockSql(upsert, account_id, search, rowid_key)
    if len(_BLOCK_SQL) < 256:
        _BLOCK_SQL[key] = found
    return found


def apply_blocks(conn: Connection, blocks: Sequence[Mapping[str, Any]],
                 prepared: Sequence[PreparedSearch] = ()) -> ApplySummary:
    """Apply the snapshot blocks of a ``columns`` page (``{"table", "columns", "rows"}``,
    each row an array in column order) inside the caller's transaction: the arrays are
    bound to ``executemany`` as they are. Upserts only; the quick-search rows of the
    accounts are kept in step (their texts and bits taken from ``prepared`` when it
    holds them, see :func:`prepare_search`)."""
    raw = conn.connection.driver_connection
    assert raw is not None
    summary = ApplySummary()
    for block in blocks:
        if not isinstance(block, Mapping):
            raise ReplicaError("a snapshot block is not an object")
        table = block.get("table")
        sql = _block_sql(table, block.get("columns"))
        rows = block.get("rows")
        # set(map(type, ...)) checks every row at C speed (a generator here was 0.14 s of
        # a 100k initial sync).
        if not isinstance(rows, list) or not set(map(type, rows)) <= _LIST_ONLY:
            raise ReplicaError(f"the rows of a snapshot block of {table} are not arrays")
        try:
            _refuse_null_keys(str(table), sql.rowid_key, rows)
            sql.upsert.run(raw, rows)
            if sql.search is not None:
                ready = next((p for p in prepared
                              if p.block is block and len(p.texts) == len(rows)), None)
                ids = [r[sql.search[0]] for r in rows]
                if ready is None:
                    _replace_search(raw, ids, _search_texts(sql.search, rows))
                else:
                    _replace_search(raw, ids, ready.texts, ready.bits)
                summary.accounts += len(rows)
                _note_accounts(summary, ids)
            elif sql.account_id is not None and len(summary.account_ids) <= MANY_ACCOUNTS:
                summary.account_ids.update(map(itemgetter(sql.account_id), rows))
                summary.account_ids.discard(None)
        except (sqlite3.ProgrammingError, sqlite3.InterfaceError, sqlite3.IntegrityError,
                TypeError, ValueError,
                OverflowError, IndexError, AttributeError) as exc:
            raise ReplicaError(f"a snapshot block of {table} is malformed: {exc}") from exc
        summary.upserts += len(rows)
        summary.per_table[str(table)] = summary.per_table.get(str(table), 0) + len(rows)
    return summary
