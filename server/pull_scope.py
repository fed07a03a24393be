"""What a caller's pull may carry: the tables it sees and, in each, the rows of its scope
(the rules are :mod:`server.scopes`'); a kiosk gets sealed rows instead of account rows
(:mod:`server.kiosk`). Shared by the snapshot (:mod:`server.pull_snapshot`) and the delta
part of a pull (:mod:`server.pull`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from billing.roles import Role
from db.schema import DOMAIN_TABLES
from server import rows
from server.auth import Principal
from server.scopes import (
    ACCOUNT_TABLES,
    BRANCH_TABLES,
    PAYMENT_TABLES,
    account_clause,
    accounts,
    branch_row_clause,
    table_visible,
)

_NULLABLE_BRANCH = {"plans": True, "tags": True, "areas": False, "staff": False,
                    "resellers": False}


def tables_for(principal: Principal) -> list[str]:
    return [t for t in DOMAIN_TABLES if table_visible(principal, t)]


def scoped_select(conn: Connection, principal: Principal, name: str) -> Any:
    dialect = conn.dialect.name
    query = rows.row_select(name, dialect)
    tbl = rows.table(name)
    if name == "accounts":
        return query.where(account_clause(principal))
    if name in ACCOUNT_TABLES:
        if principal.role is Role.ADMIN:
            return query
        owned = select(accounts.c.id).where(account_clause(principal))
        return query.where(tbl.c.account_id.in_(owned))
    if name in PAYMENT_TABLES:
        if principal.role is Role.ADMIN:
            return query
        payments = rows.table("payments")
        owned = select(accounts.c.id).where(account_clause(principal))
        paid = select(payments.c.id).where(payments.c.account_id.in_(owned))
        return query.where(tbl.c.payment_id.in_(paid))
    if name in BRANCH_TABLES:
        return query.where(
            branch_row_clause(principal, tbl.c.branch_id, _NULLABLE_BRANCH[name])
        )
    return query


def sealed_for(principal: Principal, name: str) -> bool:
    """A kiosk receives no account rows, only sealed ones standing for them (server.kiosk)."""
    return principal.role is Role.KIOSK and name == "accounts"
