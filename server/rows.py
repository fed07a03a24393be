"""Domain rows as JSON-ready dicts, read fast: epochs as ints, dates as ISO text.

Pull and push both answer with rows in this shape (the columns of ``db/schema.py``).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import BigInteger, Connection, Date, Select, String, Table, cast, select
from sqlalchemy import type_coerce as coerce

from db.schema import UtcTimestamp
from db.server_schema import server_metadata


def table(name: str) -> Table:
    return server_metadata.tables[name]


@cache
def _columns(name: str, dialect: str) -> tuple[list[Any], list[str]]:
    cols = []
    names = []
    for column in table(name).columns:
        expr: Any
        if isinstance(column.type, UtcTimestamp):
            expr = coerce(column, BigInteger)
        elif isinstance(column.type, Date):
            # SQLite stores ISO text already; PostgreSQL prints ISO for date::text.
            expr = coerce(column, String) if dialect == "sqlite" else cast(column, String)
        else:
            expr = column
        cols.append(expr.label(column.name))
        names.append(column.name)
    return cols, names


def row_select(name: str, dialect: str) -> Select[Any]:
    """``SELECT`` of every column of ``name`` in its JSON form."""
    cols, _ = _columns(name, dialect)
    return select(*cols)


@cache
def column_names(name: str) -> list[str]:
    return [str(c.name) for c in table(name).columns]  # plain str: orjson refuses subclasses


@cache
def pk_columns(name: str) -> list[str]:
    return [str(c.name) for c in table(name).primary_key.columns]


def fetch_dicts(conn: Connection, query: Select[Any], name: str) -> list[dict[str, Any]]:
    names = column_names(name)
    return [dict(zip(names, row, strict=True)) for row in conn.execute(query)]


def account_json(conn: Connection, account_id: int) -> dict[str, Any] | None:
    accounts = table("accounts")
    rows = fetch_dicts(
        conn,
        row_select("accounts", conn.dialect.name).where(accounts.c.id == account_id),
        "accounts",
    )
    return rows[0] if rows else None
