"""A cheap look at a cache's b-tree edges when it is opened, for damage a query would meet.

Opening a SQLite file reads its header and schema only; a damaged page is found when a
query reads it, which for a rarely used table can be weeks later, in the middle of taking
a payment. The pages most exposed are at the end of the file (a torn write while it grew:
the indexes an initial sync built last) and each b-tree's root. :func:`read_edges` reads,
for every table and index, its root and its first and last leaf (two ``LIMIT 1`` queries
each, a few pages), so that kind of damage is found at start, where
:func:`db.cache.open_or_rebuild` discards the cache and says so. Damage in the middle of a
large b-tree is still found only when read: a full ``PRAGMA quick_check`` took 28 s on a
1M-account cache (cold), too long for every start.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

#: SQLite VM steps one edge read may take: a ``LIMIT 1`` down one edge of a b-tree needs
#: well under a hundred; a statement the planner could only answer with a scan or a sort is
#: stopped instead (it says nothing about damage, and must not cost a start a full scan).
STEP_BUDGET = 20_000
_EVERY = 500


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def edge_queries(conn: sqlite3.Connection) -> Iterator[str]:
    """Two statements per table and index: its first and its last entry."""
    objects = conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master "
        "WHERE type IN ('table', 'index') AND name NOT LIKE 'sqlite_%'").fetchall()
    for kind, name, table, sql in objects:
        upper = (sql or "").upper()
        if kind == "table":
            if upper.startswith("CREATE VIRTUAL TABLE"):
                continue  # its shadow tables are plain tables, read on their own
            if "WITHOUT ROWID" in upper:
                columns = [(_quoted(r[1]), False, None) for r in sorted(
                    (r for r in conn.execute(f"PRAGMA table_info({_quoted(name)})") if r[5]),
                    key=lambda r: r[5])]
            else:
                columns = [("rowid", False, None)]
            source = _quoted(name)
        else:
            info = [r for r in conn.execute(f"PRAGMA index_xinfo({_quoted(name)})") if r[5]]
            if not info or any(r[2] is None for r in info):
                continue  # a key on an expression: no column to walk it by
            columns = [(_quoted(r[2]), bool(r[3]), r[4]) for r in info]
            source = f"{_quoted(table)} INDEXED BY {_quoted(name)}"
        for flip in (False, True):
            by = ", ".join(
                f"{column}{f' COLLATE {collation}' if collation else ''} "
                f"{'DESC' if descending != flip else 'ASC'}"
                for column, descending, collation in columns)
            yield f"SELECT 1 FROM {source} ORDER BY {by} LIMIT 1"


def read_edges(conn: sqlite3.Connection) -> int:
    """Run :func:`edge_queries`; a damaged page raises :class:`sqlite3.DatabaseError`.
    Statements the budget stops, or the planner refuses (a partial index), are skipped.
    Returns how many edges were read."""
    steps = [0]

    def budget() -> int:
        steps[0] += _EVERY
        return 1 if steps[0] > STEP_BUDGET else 0

    read = 0
    conn.set_progress_handler(budget, _EVERY)
    try:
        for sql in edge_queries(conn):
            steps[0] = 0
            try:
                conn.execute(sql).fetchall()
                read += 1
            except sqlite3.OperationalError as exc:
                if is_corruption(exc):
                    raise
    finally:
        conn.set_progress_handler(None, 0)
    return read


def is_corruption(exc: BaseException) -> bool:
    """Whether ``exc`` (SQLAlchemy's or sqlite3's) says the database file is damaged."""
    orig = getattr(exc, "orig", exc)
    if not isinstance(orig, sqlite3.DatabaseError):
        return False
    if type(orig) is sqlite3.DatabaseError:  # not Operational/Integrity/... errors
        return True
    text = str(orig).lower()
    return "malformed" in text or "not a database" in text
