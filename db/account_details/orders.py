"""The Orders tab: every order (plan, period, price) against the account."""

# No ``from __future__ import annotations`` here: NamedTuple would compile every string
# annotation as a ForwardRef at import (~20 ms); real annotations cost nothing.
from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from db.schema import (
    Order,
    Plan,
)

__all__ = ["OrderRow", "load_orders"]


class OrderRow(NamedTuple):
    id: int
    plan: str
    speed_mbps: int
    ordered_at: datetime
    start_date: date
    end_date: date | None
    amount_paise: int
    status: str


def load_orders(cache: Engine, account_id: int) -> list[OrderRow]:
    """Every order against the account, newest first."""
    query = (
        select(Order, Plan.name, Plan.speed_mbps)
        .join(Plan, Plan.id == Order.plan_id)
        .where(Order.account_id == account_id)
        .order_by(Order.start_date.desc(), Order.id.desc())
    )
    with Session(cache) as conn:
        rows = conn.execute(query).all()
    return [
        OrderRow(
            id=o.id,
            plan=name,
            speed_mbps=speed,
            ordered_at=o.ordered_at,
            start_date=o.start_date,
            end_date=o.end_date,
            amount_paise=o.amount_paise,
            status=o.status,
        )
        for o, name, speed in rows
    ]
