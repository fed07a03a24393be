"""The change log pulls read: every write to a domain row records one change row.

On PostgreSQL each change carries its transaction id (``pg_current_xact_id()``); a pull
orders by (xid, seq) and only hands out changes whose xid is below the oldest transaction
still running (``pg_snapshot_xmin(pg_current_snapshot())``), so a writer that took a lower
sequence but commits later is never skipped. SQLite serialises writers: xid is 0 there and
commit order is sequence order.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, literal_column, select, text

from db.server_schema import changes

_PG_XID = "pg_current_xact_id()::text::bigint"
_PG_HORIZON = "pg_snapshot_xmin(pg_current_snapshot())::text::bigint"


def key_json(key: dict[str, Any]) -> str:
    return json.dumps(key, separators=(",", ":"), sort_keys=True)


def record(
    conn: Connection,
    table_name: str,
    key: dict[str, Any],
    *,
    op: str = "upsert",
    account: Any = None,
    branch_id: int | None = None,
    at: int,
) -> None:
    """Record that a row of ``table_name`` changed (``account`` = its account row, for
    account-bound tables; ``branch_id`` for branch-bound reference rows)."""
    values: dict[str, Any] = {
        "table_name": table_name,
        "op": op,
        "row_key": key_json(key),
        "account_id": account.id if account is not None else None,
        "branch_id": account.branch_id if account is not None else branch_id,
        "reseller_id": account.reseller_id if account is not None else None,
        "at": at,
    }
    if conn.dialect.name == "postgresql":
        values["xid"] = literal_column(_PG_XID)
    conn.execute(changes.insert().values(**values))


def values(
    table_name: str, key: dict[str, Any], *, op: str = "upsert", account: Any = None,
    branch_id: int | None = None, at: int,
) -> dict[str, Any]:
    """One change-log row, for :func:`record_many`."""
    return {
        "table_name": table_name,
        "op": op,
        "row_key": key_json(key),
        "account_id": account.id if account is not None else None,
        "branch_id": account.branch_id if account is not None else branch_id,
        "reseller_id": account.reseller_id if account is not None else None,
        "at": at,
    }


def record_many(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Write several change-log rows (from :func:`values`) in one statement."""
    if not rows:
        return
    statement = changes.insert()
    if conn.dialect.name == "postgresql":
        statement = statement.values(xid=literal_column(_PG_XID))
    conn.execute(statement, rows)


def horizon_xid(conn: Connection) -> int | None:
    """PostgreSQL: changes with xid below this are committed or rolled back for good."""
    if conn.dialect.name != "postgresql":
        return None
    return int(conn.execute(text(f"SELECT {_PG_HORIZON}")).scalar_one())


def high_water(conn: Connection) -> tuple[int, int]:
    """A delta position at which everything committed so far counts as delivered."""
    if conn.dialect.name == "postgresql":
        horizon = horizon_xid(conn)
        assert horizon is not None
        return horizon - 1, 2**62
    seq = conn.execute(select(changes.c.seq).order_by(changes.c.seq.desc()).limit(1)).scalar()
    return 0, int(seq or 0)


def prune(conn: Connection, older_than: int) -> int:
    """Forget changes made before epoch second ``older_than``; a cursor from before the last
    forgotten change answers 410 resync from then on. Returns how many were deleted."""
    from server.database import meta_put

    kept = conn.execute(
        select(changes.c.xid, changes.c.seq)
        .where(changes.c.at >= older_than)
        .order_by(changes.c.xid, changes.c.seq)
        .limit(1)
    ).first()
    doomed = changes.c.at < older_than
    if kept is not None:
        doomed = (changes.c.xid < kept.xid) | (
            (changes.c.xid == kept.xid) & (changes.c.seq < kept.seq)
        )
    last = conn.execute(
        select(changes.c.xid, changes.c.seq).where(doomed)
        .order_by(changes.c.xid.desc(), changes.c.seq.desc()).limit(1)
    ).first()
    if last is None:
        return 0
    deleted = conn.execute(changes.delete().where(doomed)).rowcount
    meta_put(conn, "min_cursor", f"{int(last.xid)}:{int(last.seq)}")
    return deleted
