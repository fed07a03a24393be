"""The sidebar's lists: only values inside the user's scope."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text

from billing.lifecycle import AccountStatus
from db.account_query import AccountFilter, AccountQuery, Scope
from db.account_where import _owner_branch, _where


@dataclass(frozen=True)
class Choice:
    id: int
    label: str
    branch_id: int | None = None


@dataclass(frozen=True)
class FilterOptions:
    """What each sidebar list may offer: only values inside the user's scope."""

    branches: list[Choice]
    areas: list[Choice]
    statuses: list[str]
    account_managers: list[Choice]
    sales_executives: list[Choice]
    resellers: list[Choice]


def filter_options(conn: Connection, scope: Scope) -> FilterOptions:
    """The sidebar's lists. Reference tables are small; statuses come from the accounts."""
    branch_of_reseller = None
    if scope.reseller_id is not None:
        branch_of_reseller = _owner_branch(conn, "resellers", scope.reseller_id)
    limit_branch = scope.branch_id if scope.branch_id is not None else branch_of_reseller

    def choices(sql: str, **params: Any) -> list[Choice]:
        return [Choice(int(r[0]), r[1], r[2]) for r in conn.execute(text(sql), params)]

    where_branch = " WHERE branch_id = :b" if limit_branch is not None else ""
    p = {"b": limit_branch} if limit_branch is not None else {}
    branches = choices(
        "SELECT id, name, id FROM branches"
        + (" WHERE id = :b" if limit_branch is not None else "")
        + " ORDER BY name",
        **p,
    )
    areas = choices(f"SELECT id, name, branch_id FROM areas{where_branch} ORDER BY name", **p)
    staff_where = " AND branch_id = :b" if limit_branch is not None else ""
    managers = choices(
        "SELECT id, name, branch_id FROM staff WHERE role = 'account_manager'"
        f"{staff_where} ORDER BY name",
        **p,
    )
    sales = choices(
        "SELECT id, name, branch_id FROM staff WHERE role = 'sales_executive'"
        f"{staff_where} ORDER BY name",
        **p,
    )
    if scope.reseller_id is not None:
        resellers = choices(
            "SELECT id, name, branch_id FROM resellers WHERE id = :r", r=scope.reseller_id
        )
    else:
        resellers = choices(
            f"SELECT id, name, branch_id FROM resellers{where_branch} ORDER BY name", **p
        )
    statuses = present_statuses(conn, scope)
    return FilterOptions(branches, areas, statuses, managers, sales, resellers)


def present_statuses(conn: Connection, scope: Scope) -> list[str]:
    """Statuses that occur in the scope, in the lifecycle's order (one index probe each)."""
    found: list[str] = []
    for status in AccountStatus:
        w = _where(conn, AccountQuery(scope=scope, filter=AccountFilter(status=status.value)))
        sql = "SELECT 1 FROM accounts a" + w.sql() + " LIMIT 1"
        if conn.execute(text(sql), w.params).first():
            found.append(status.value)
    return found
