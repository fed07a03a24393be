"""The snapshot part of a pull: each scoped table streamed in primary-key order, page by
page, from the position in the cursor (:mod:`server.pull` starts and ends it). Rows are
built as JSON by the database (``json_object`` / ``json_build_object``) and read through
the DB-API cursor, for speed: an object per row in the ``rows`` format, an array per row
under one column list per table in the ``columns`` format. A kiosk's accounts go as its key
and sealed rows (:mod:`server.kiosk`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from sqlalchemy import (
    Boolean,
    Connection,
    Integer,
    Text,
    bindparam,
    case,
    cast,
    func,
    literal,
    tuple_,
)

from db import kiosk_store
from server import kiosk, rows
from server.auth import Principal
from server.pull_scope import scoped_select, sealed_for, tables_for

_FIRST = itemgetter(0)


def _json_value(column: Any, dialect: str) -> Any:
    if dialect == "sqlite" and isinstance(column.type, Boolean):
        return case((column.is_(None), None), (column != 0, func.json("true")),
                    else_=func.json("false"))
    return column


def _json_row(name: str, dialect: str) -> Any:
    """A SQL expression giving the row of ``name`` as JSON text, built by the database
    (SQLite ``json_object``, PostgreSQL ``json_build_object``): far faster than Python."""
    args: list[Any] = []
    for column in rows.table(name).columns:
        args.append(literal(str(column.name)))
        args.append(_json_value(column, dialect))
    if dialect == "sqlite":
        return func.json_object(*args)
    return cast(func.json_build_object(*args), Text)


def _json_array(name: str, dialect: str) -> Any:
    """The row of ``name`` as a JSON array in :func:`server.rows.column_names` order (the
    ``columns`` format), built by the database like :func:`_json_row`."""
    args = [_json_value(column, dialect) for column in rows.table(name).columns]
    if dialect == "sqlite":
        return func.json_array(*args)
    return cast(func.json_build_array(*args), Text)


def _snapshot_page(
    conn: Connection, principal: Principal, state: dict[str, Any], limit: int, out: list,
    key: tuple[str, bytes] | None = None,
) -> int:
    tables = tables_for(principal)
    dialect = conn.dialect.name
    while len(out) < limit and state["t"] < len(tables):
        name = tables[state["t"]]
        tbl = rows.table(name)
        pk_names = rows.pk_columns(name)
        pk = [tbl.c[c] for c in pk_names]
        want = limit - len(out)
        if sealed_for(principal, name):
            assert key is not None
            if want < 3 and out:
                break  # no room for a sealed pair; the next page starts with it
            want = _sealed_batch(want)
            batch_keys = _snapshot_sealed(conn, principal, key, state.get("k"), want, out)
            count, last = len(batch_keys), batch_keys[-1] if batch_keys else None
        else:
            query = scoped_select(conn, principal, name).with_only_columns(
                _json_row(name, dialect), *pk
            )
            query = _after(query, pk, state.get("k"))
            found = _raw_rows(conn, query.order_by(*pk).limit(want))
            prefix = f'{{"table":"{name}","op":"upsert","row":'
            out.extend(f"{prefix}{r[0]}}}" for r in found)
            count, last = len(found), list(found[-1][1:]) if found else None
        _advance(state, count, last, want)
    _finish_snapshot(state, tables)
    return len(out)


def _advance(state: dict[str, Any], count: int, last: list[Any] | None, want: int) -> None:
    """After a batch of ``count`` rows whose last key is ``last``: the next table when the
    batch was short, else the same table after ``last``. Only the last key is kept: a key
    list per row (``[list(r[1:]) for r in found]``) was 0.9 s of the server's 2.1 s of CPU
    for a 100k-account snapshot, mostly the cyclic collector walking a million new lists
    (docs/performance.md, "Sync", fourth round)."""
    if count < want:
        state["t"] += 1
        state["k"] = None
    else:
        state["k"] = last


def _finish_snapshot(state: dict[str, Any], tables: list[str]) -> None:
    if state["t"] >= len(tables):
        state["m"] = "d"
        state.pop("t", None)
        state.pop("k", None)


def _after(query: Any, pk: list[Any], last: Any) -> Any:
    if last is None:
        return query
    return query.where(tuple_(*pk) > tuple_(*last)) if len(pk) > 1 else \
        query.where(pk[0] > last[0])


def _snapshot_blocks(
    conn: Connection, principal: Principal, state: dict[str, Any], limit: int, blocks: list,
    key: tuple[str, bytes] | None = None,
) -> int:
    """The snapshot part of a ``columns`` page: one block per table, rows as arrays."""
    tables = tables_for(principal)
    taken = 0
    while taken < limit and state["t"] < len(tables):
        name = tables[state["t"]]
        want = limit - taken
        names = rows.column_names(name)
        if sealed_for(principal, name):
            assert key is not None
            if want < 3 and taken:
                break  # no room for a sealed pair; the next page starts with it
            want = _sealed_batch(want)
            sealed: list[dict[str, Any]] = []
            batch_keys = _snapshot_sealed(conn, principal, key, state.get("k"), want, sealed)
            last = batch_keys[-1] if batch_keys else None
            for table in (kiosk_store.KEYS_TABLE, kiosk_store.ROWS_TABLE):
                found = [c["row"] for c in sealed if c["table"] == table]
                if found:
                    columns = list(found[0])
                    blocks.append({"table": table, "columns": columns,
                                   "rows": [[r[c] for c in columns] for r in found]})
            taken += len(sealed)
            count = len(batch_keys)
        else:
            found = _array_rows(conn, principal, name, state.get("k"), want)
            if found:
                head = json.dumps({"table": name, "columns": names}, separators=(",", ":"))
                # map(itemgetter) joins at C speed (a generator here was 0.2 s of the
                # server's CPU per 100k-account snapshot, docs/performance.md "Sync")
                rows_json = ",".join(map(_FIRST, found))
                blocks.append(head[:-1] + ',"rows":[' + rows_json + "]}")
            taken += len(found)
            count, last = len(found), list(found[-1][1:]) if found else None
        _advance(state, count, last, want)
    _finish_snapshot(state, tables)
    return taken


@dataclass(frozen=True)
class _Compiled:
    """A statement compiled for one database, ready to run on the DB-API cursor."""

    sql: str
    positional: bool
    order: tuple[str, ...]
    params: dict[str, Any]

    @classmethod
    def of(cls, query: Any, dialect: Any) -> _Compiled:
        done = query.compile(dialect=dialect)
        return cls(str(done), bool(done.positional), tuple(done.positiontup or ()),
                   dict(done.params))

    def bind(self, values: dict[str, Any] | None = None) -> Any:
        """The parameters as the driver takes them: the compiled ones, ``values`` over them."""
        merged = {**self.params, **(values or {})}
        return tuple(merged[n] for n in self.order) if self.positional else merged


#: The ``columns`` snapshot statement, compiled once per table, database, caller's scope
#: and "first batch or after a key"; the key and the limit are bound at each page. Building
#: and compiling it was about 2.5 ms of every pull request (0.5 s of server CPU per
#: 100k-account initial sync, docs/performance.md "Sync", fifth round).
_COMPILED: dict[tuple[str, str, str, bool], _Compiled] = {}
_LIMIT = "snapshot_limit"


def _array_rows(conn: Connection, principal: Principal, name: str, last: list[Any] | None,
                want: int) -> list[Any]:
    """The next ``want`` rows of ``name`` in ``principal``'s scope after key ``last`` (from
    the start when None), each ``(JSON array, *key)``, in key order."""
    key = (name, conn.dialect.name, principal.scope_key, last is not None)
    compiled = _COMPILED.get(key)
    if compiled is None:
        tbl = rows.table(name)
        pk = [tbl.c[c] for c in rows.pk_columns(name)]
        marks = None if last is None else [
            bindparam(f"snapshot_k{i}", type_=c.type) for i, c in enumerate(pk)]
        query = _after(scoped_select(conn, principal, name).with_only_columns(
            _json_array(name, conn.dialect.name), *pk), pk, marks)
        compiled = _Compiled.of(
            query.order_by(*pk).limit(bindparam(_LIMIT, type_=Integer)), conn.dialect)
        if len(_COMPILED) < 512:
            _COMPILED[key] = compiled
    values: dict[str, Any] = {f"snapshot_k{i}": v for i, v in enumerate(last or ())}
    values[_LIMIT] = want
    return _fetch(conn, compiled.sql, compiled.bind(values))


def _raw_rows(conn: Connection, query: Any) -> list[Any]:
    """Run ``query`` on the DB-API cursor of ``conn`` (its transaction): plain tuples, none
    of SQLAlchemy's per-row work, for the bulk of a snapshot."""
    compiled = _Compiled.of(query, conn.dialect)
    return _fetch(conn, compiled.sql, compiled.bind())


def _fetch(conn: Connection, sql: str, params: Any) -> list[Any]:
    """Every row of ``sql`` as plain tuples, on ``conn``'s DB-API cursor (its transaction)."""
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql, params)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _sealed_batch(want: int) -> int:
    """Accounts to read for a page with room for ``want`` changes: each stands for an ID row
    and a mobile row (and the first batch also carries the key)."""
    return max(1, (want - 1) // 2)


def _snapshot_sealed(
    conn: Connection, principal: Principal, key: tuple[str, bytes], last: Any, want: int,
    out: list,
) -> list[list[Any]]:
    """A kiosk's snapshot of accounts: its key first, then sealed rows (server.kiosk)."""
    name = "accounts"
    tbl = rows.table(name)
    query = _after(scoped_select(conn, principal, name), [tbl.c.id], last)
    batch = rows.fetch_dicts(conn, query.order_by(tbl.c.id).limit(want), name)
    if last is None:
        out.append(kiosk.key_change(key))
    out.extend(kiosk.sealed_changes(conn, principal, key, batch))
    return [[row["id"]] for row in batch]
