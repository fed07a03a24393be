"""The kiosk look-up: one account by exact Account ID or mobile, name and number masked."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from billing.rules import payment_options_paise
from db import contact_validation
from server import rows
from server.auth import Principal
from server.errors import ApiError, not_found
from server.scopes import account_clause, accounts, mask_mobile, mask_name


def lookup(
    conn: Connection, principal: Principal, *, account_id: int | None, mobile: str | None
) -> dict[str, Any]:
    query = select(accounts).where(account_clause(principal))
    if account_id is not None:
        query = query.where(accounts.c.id == account_id)
    else:
        try:
            number = contact_validation.normalise_mobile(mobile or "")
        except contact_validation.ValidationFailed:
            raise not_found("No account has that mobile number.") from None
        query = query.where(accounts.c.mobile == number)
    found = conn.execute(query.limit(2)).all()
    if not found:
        raise not_found("No such account here; check the Account ID or mobile.")
    if len(found) > 1:
        raise ApiError(
            409, "ambiguous", "Several accounts share this mobile; enter your Account ID."
        )
    account = found[0]
    plan = None
    if account.plan_id is not None:
        plans = rows.table("plans")
        p = conn.execute(select(plans).where(plans.c.id == account.plan_id)).first()
        if p is not None:
            plan = {"id": p.id, "name": p.name, "price_paise": p.price_paise,
                    "validity_days": p.validity_days, "speed_mbps": p.speed_mbps}
    return {
        "account_id": account.id,
        "name": mask_name(account.name),
        "mobile": mask_mobile(account.mobile),
        "prepaid": account.prepaid,
        "status": account.status,
        "balance_paise": account.balance_paise,
        "options": [o.value for o in payment_options_paise(account.balance_paise,
                                                           account.prepaid)],
        "plan": plan,
        "plan_expiry": account.plan_expiry.isoformat() if account.plan_expiry else None,
        "branch_id": account.branch_id,
        "version": account.version,
    }
