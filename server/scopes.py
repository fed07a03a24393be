"""Who sees what (DESIGN.md "Roles and scopes"); outside one's scope is a 404.

| role | accounts |
|---|---|
| admin | all |
| partner | ``reseller_id`` = the user's reseller |
| branch staff, cashier | ``branch_id`` = the user's branch |
| kiosk | ``branch_id`` = the device's branch, masked, one at a time |
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, false, or_, select, true

from billing.roles import Role
from db.server_schema import changes, server_metadata
from server.auth import Principal
from server.errors import not_found

accounts = server_metadata.tables["accounts"]

#: Tables whose rows belong to one account.
ACCOUNT_TABLES = ("orders", "invoices", "payments", "account_tags", "comments", "log_entries",
                  "payment_reversals")
#: Tables whose rows belong to one payment (and so to its account).
PAYMENT_TABLES = ("cheque_clearances",)
#: Reference tables every signed-in user sees in full.
GLOBAL_TABLES = ("zones", "branches")
#: Reference tables with a branch (NULL = every branch for plans and tags).
BRANCH_TABLES = ("areas", "staff", "resellers", "plans", "tags")
#: What a kiosk replica holds: enough to find an account by id and take a payment.
KIOSK_TABLES = ("zones", "branches", "plans", "accounts")


def account_clause(principal: Principal) -> ColumnElement[bool]:
    """The accounts ``principal`` may see, as a WHERE clause on ``accounts``."""
    role = principal.role
    if role is Role.ADMIN:
        return true()
    if role is Role.PARTNER:
        if principal.reseller_id is None:
            return false()
        return accounts.c.reseller_id == principal.reseller_id
    if principal.branch_id is None:
        return false()
    return accounts.c.branch_id == principal.branch_id


def table_visible(principal: Principal, table: str) -> bool:
    if principal.role is Role.KIOSK:
        return table in KIOSK_TABLES
    return True


def branch_row_clause(principal: Principal, column: Any, nullable: bool) -> ColumnElement[bool]:
    """Reference rows with a branch column: own branch (and shared rows where NULL)."""
    if principal.role is Role.ADMIN:
        return true()
    if principal.branch_id is None:
        return column.is_(None) if nullable else false()
    own = column == principal.branch_id
    return or_(own, column.is_(None)) if nullable else own


def change_clause(principal: Principal) -> ColumnElement[bool]:
    """The change-log rows ``principal`` may pull."""
    if principal.role is Role.ADMIN:
        return true()
    c = changes.c
    if principal.branch_id is None:
        reference = and_(c.account_id.is_(None), c.branch_id.is_(None))
    else:
        reference = and_(
            c.account_id.is_(None), or_(c.branch_id.is_(None), c.branch_id == principal.branch_id)
        )
    if principal.role is Role.PARTNER:
        owned = and_(c.account_id.is_not(None), c.reseller_id == principal.reseller_id)
    else:
        owned = and_(c.account_id.is_not(None), c.branch_id == principal.branch_id)
    clause = or_(reference, owned)
    if principal.role is Role.KIOSK:
        clause = and_(clause, c.table_name.in_(KIOSK_TABLES))
    return clause


def account_in_scope(
    conn: Connection, principal: Principal, account_id: int, *, for_update: bool = False
) -> Any:
    """The account row, or a 404 ApiError when it is missing or outside the caller's scope."""
    if isinstance(account_id, bool) or not isinstance(account_id, int) or \
            not 0 < account_id <= 2**62:
        raise not_found("No such account.")
    query = select(accounts).where(accounts.c.id == account_id, account_clause(principal))
    if for_update and conn.dialect.name == "postgresql":
        query = query.with_for_update()
    row = conn.execute(query).first()
    if row is None:
        raise not_found("No such account.")
    return row
