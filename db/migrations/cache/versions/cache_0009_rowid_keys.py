"""history tables keyed by SQLite's rowid; their UNIQUE constraints as named indexes

Each pulled history table's key (``orders``, ``invoices``, ``payments``, ``comments``,
``log_entries``, ``payment_reversals``: ``id``; ``cheque_clearances``: ``payment_id``) was
declared ``BIGINT PRIMARY KEY``, which in SQLite is NOT the rowid: every insert wrote the
table's b-tree and a separate primary-key index. Declared ``INTEGER`` (SQLite's integers are
64-bit either way) the key is the rowid, one b-tree. Their table-level ``UNIQUE``
constraints (``payments.payment_uuid`` and ``document_number``, ``invoices.number``, the
reversals' three) become ``CREATE UNIQUE INDEX`` under the same names: still enforced, and
an initial sync can drop and rebuild them like the other secondary indexes
(db/replica.py; docs/performance.md, "Sync", fourth round). ``accounts`` is not touched.

SQLite cannot change a primary key in place, so each table is rebuilt: a new table, the
rows copied in key order, the old one dropped, the new one renamed, its indexes built
again. ``sqlite_stat1`` rows of the kept index names are carried over, the new unique
indexes analysed, so the query planner sees the same statistics as before. On a cache of
1,000,000 accounts this took 43 s once (docs/performance.md, "Sync", fourth round).
An empty cache migrates at once.

Revision ID: cache_0009_rowid_keys
Revises: cache_0008_reversals
Create Date: 2026-12-01 18:40:00
"""

import re
import sqlite3

from alembic import op

revision = 'cache_0009_rowid_keys'
down_revision = 'cache_0008_reversals'
branch_labels = None
depends_on = None

#: table -> its single-column key (frozen here on purpose).
TABLES = {
    "orders": "id",
    "invoices": "id",
    "payments": "id",
    "comments": "id",
    "log_entries": "id",
    "payment_reversals": "id",
    "cheque_clearances": "payment_id",
}
#: The unique constraints as the shared schema declares them, in its order (for downgrade).
_DECLARED_UNIQUES = [
    "uq_invoices_number",
    "uq_payments_document_number",
    "uq_payments_payment_uuid",
    "uq_payment_reversals_reversal_uuid",
    "uq_payment_reversals_payment_id",
    "uq_payment_reversals_document_number",
]
_UNIQUE = re.compile(r", \n\tCONSTRAINT (uq_\w+) UNIQUE \(([\w, ]+)\)")
_UNIQUE_INDEX = re.compile(r"CREATE UNIQUE INDEX (uq_\w+) ON \w+ \(([\w, ]+)\)")


def _raw() -> sqlite3.Connection:
    raw: sqlite3.Connection | None = op.get_bind().connection.driver_connection
    if raw is None:  # only on a closed connection, which alembic never hands over
        raise RuntimeError("cache_0009 needs an open sqlite3 connection")
    return raw


def _swap_type(sql: str, table: str, key: str, old: str, new: str) -> str:
    column = f"\n\t{key} {old} NOT NULL, "
    if sql.count(column) != 1:
        raise RuntimeError(f"cache_0009: {table}.{key} is not declared {old} as expected")
    return sql.replace(column, f"\n\t{key} {new} NOT NULL, ")


def _rebuild(raw: sqlite3.Connection, table: str, sql: str, indexes: list[str]) -> None:
    """Rebuild ``table`` as ``sql`` with ``indexes``: rows copied in key order, statistics
    of the kept index names carried over, new unique indexes analysed."""
    has_stats = raw.execute(
        "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone() is not None
    stats = raw.execute(
        "SELECT tbl, idx, stat FROM sqlite_stat1 WHERE tbl = ?", (table,)
    ).fetchall() if has_stats else []
    key = TABLES[table]
    temp = f"{table}_cache_0009"
    head = re.match(rf'CREATE TABLE "?{table}"? \(', sql)
    if head is None:
        raise RuntimeError(f"cache_0009: the DDL of {table} does not start as expected")
    raw.execute(f"CREATE TABLE {temp} (" + sql[head.end():])
    raw.execute(f'INSERT INTO "{temp}" SELECT * FROM "{table}" ORDER BY "{key}"')
    raw.execute(f'DROP TABLE "{table}"')
    raw.execute(f"ALTER TABLE {temp} RENAME TO {table}")
    for index in indexes:
        raw.execute(index)
    if not stats:
        return
    names = {n for (n,) in raw.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?", (table,))}
    raw.execute("DELETE FROM sqlite_stat1 WHERE tbl = ?", (table,))
    kept = [s for s in stats if s[1] in names]
    raw.executemany("INSERT INTO sqlite_stat1(tbl, idx, stat) VALUES (?, ?, ?)", kept)
    for name in sorted(names - {s[1] for s in kept}):
        raw.execute(f'ANALYZE "{name}"')


def _table_sql(raw: sqlite3.Connection, table: str) -> tuple[str, list[str]]:
    (sql,) = raw.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone()
    indexes = [s for (s,) in raw.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
        "AND sql IS NOT NULL ORDER BY name", (table,))]
    return sql, indexes


def upgrade() -> None:
    raw = _raw()
    for table, key in TABLES.items():
        sql, indexes = _table_sql(raw, table)
        sql = _swap_type(sql, table, key, "BIGINT", "INTEGER")
        for name, columns in _UNIQUE.findall(sql):
            indexes.append(f'CREATE UNIQUE INDEX {name} ON {table} ({columns})')
        _rebuild(raw, table, _UNIQUE.sub("", sql), indexes)


def downgrade() -> None:
    raw = _raw()
    for table, key in TABLES.items():
        sql, indexes = _table_sql(raw, table)
        sql = _swap_type(sql, table, key, "INTEGER", "BIGINT")
        # Back as table constraints, in the order cache_0001 and cache_0008 declared them.
        uniques = sorted((m for m in map(_UNIQUE_INDEX.fullmatch, indexes) if m is not None),
                         key=lambda m: _DECLARED_UNIQUES.index(m[1]))
        clauses = "".join(f", \n\tCONSTRAINT {m[1]} UNIQUE ({m[2]})" for m in uniques)
        if not sql.endswith("\n)"):
            raise RuntimeError(f"cache_0009: the DDL of {table} does not end as expected")
        sql = sql[: -len("\n)")] + clauses + "\n)"
        kept = [i for i in indexes if _UNIQUE_INDEX.fullmatch(i) is None]
        _rebuild(raw, table, sql, kept)
