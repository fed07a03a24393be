"""The account list's query and its rows: what the Manage Account table asks for.

The Manage Account table (desktop) never sorts or filters in Python. It asks

- :func:`db.account_first_page.count` and :func:`db.account_first_page.first_page`: what the
  table shows at once after a filter change;
- :func:`db.account_id_list.ordered_rowids`: the full ordered list of the matching rows'
  SQLite ``rowid`` s, so that any position (the last row of a million) is one array lookup
  away;
- :func:`rows_by_rowid` (here): the columns of one page of those rows.

Why ``rowid`` and not the account id: ``accounts.id`` is a ``BIGINT PRIMARY KEY`` and so not
an alias of SQLite's rowid. Every secondary index stores the rowid, so "the ids ordered by
name" read from the ``(name)`` index alone — no visit to the wide table row — only when the
rowid is what is read and is the tie-breaker of the sort. Ties are broken by rowid, which
makes every order total and stable.

Here: the query (:class:`AccountQuery`: scope, filter, sort) and one row of the table
(:class:`AccountRow`, fetched by rowid). The WHERE and ORDER BY are built in
:mod:`db.account_where`; how a quick search is answered is chosen in
:mod:`db.account_search_plan`; the sidebar's lists are :mod:`db.account_filter_options`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from sqlalchemy import Connection, text


class SortKey(StrEnum):
    ID = "id"
    NAME = "name"
    BRANCH = "branch"
    MOBILE = "mobile"
    BALANCE = "balance"
    LAST_SEEN = "last_seen"
    PLAN_TYPE = "plan_type"
    STATUS = "status"


@dataclass(frozen=True)
class Scope:
    """What the signed-in user may see (the server enforces it; the list repeats it)."""

    branch_id: int | None = None
    reseller_id: int | None = None


@dataclass(frozen=True)
class AccountFilter:
    """The sidebar's choices; ``None`` means "any"."""

    branch_id: int | None = None
    area_id: int | None = None
    status: str | None = None
    account_manager_id: int | None = None
    sales_executive_id: int | None = None
    reseller_id: int | None = None
    search: str = ""

    @property
    def is_empty(self) -> bool:
        return self == AccountFilter()


@dataclass(frozen=True)
class AccountQuery:
    scope: Scope = field(default_factory=Scope)
    filter: AccountFilter = field(default_factory=AccountFilter)
    sort: SortKey = SortKey.NAME
    descending: bool = False

    def with_filter(self, account_filter: AccountFilter) -> AccountQuery:
        return replace(self, filter=account_filter)


@dataclass(frozen=True)
class AccountRow:
    """One line of the account table, straight from the cache."""

    rowid: int
    id: int
    name: str
    branch_name: str
    mobile: str
    balance_paise: int
    last_seen: int | None  # epoch seconds, UTC
    prepaid: bool
    status: str


_ROW_COLUMNS = (
    "a.rowid, a.id, a.name, b.name, a.mobile, a.balance_paise, a.last_seen, a.prepaid, a.status"
)


def _row(r: Sequence[Any]) -> AccountRow:
    return AccountRow(
        int(r[0]), int(r[1]), r[2], r[3], r[4] or "", int(r[5]), r[6], bool(r[7]), r[8]
    )


def rows_in_order(conn: Connection, rowids: Sequence[int]) -> list[AccountRow]:
    """:func:`rows_by_rowid`, as a list in the order given (rows gone since are skipped)."""
    found = rows_by_rowid(conn, rowids)
    return [found[r] for r in rowids if r in found]


def rows_by_rowid(conn: Connection, rowids: Iterable[int]) -> dict[int, AccountRow]:
    """The table columns of these rows (a page), keyed by rowid."""
    wanted = [int(r) for r in rowids]
    if not wanted:
        return {}
    marks = ",".join(str(r) for r in wanted)  # ints only: safe to inline, no 999-limit
    sql = (
        "SELECT " + _ROW_COLUMNS + " FROM accounts a JOIN branches b ON b.id = a.branch_id "
        f"WHERE a.rowid IN ({marks})"
    )
    return {r[0]: _row(r) for r in conn.exec_driver_sql(sql)}


def rowid_of_account(conn: Connection, account_id: int) -> int | None:
    sql = text("SELECT rowid FROM accounts WHERE id = :i")
    return conn.execute(sql, {"i": account_id}).scalar()
