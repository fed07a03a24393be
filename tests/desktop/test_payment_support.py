"""Helpers shared by the payment, receipt, register, day-close and due-list tests."""

from __future__ import annotations

from datetime import date

from sqlalchemy import text

from billing.rules import PaymentOption
from desktop.payments.flow import PaymentFlow, active_flow, start_payment
from desktop.runtime.context import AppContext
from desktop.runtime.pyside_guard import guard_singletons

# PySide6 6.12 on Python 3.11 drops a reference to True on every Signal.emit(); the app
# guards against it at start (desktop.runtime.pyside_guard), and so do these tests.
guard_singletons()


def pick_account(ctx: AppContext, *, prepaid: bool, status: str = "Active",
                 with_plan: bool = True) -> int:
    """An account of branch 1 of the given kind (first by id, so tests are repeatable)."""
    plan = "AND plan_id IS NOT NULL" if with_plan else ""
    with ctx.cache_engine.connect() as conn:
        return int(conn.execute(text(
            f"SELECT id FROM accounts WHERE branch_id = 1 AND prepaid = :p AND status = :s {plan} "
            "ORDER BY id LIMIT 1"), {"p": prepaid, "s": status}).scalar_one())


def set_account(ctx: AppContext, account_id: int, **values: object) -> None:
    sets = ", ".join(f"{k} = :{k}" for k in values)
    with ctx.cache_engine.begin() as conn:
        conn.execute(text(f"UPDATE accounts SET {sets} WHERE id = :id"),
                     {**values, "id": account_id})
        if "balance_paise" in values:
            # Keep the invoices consistent with a hand-set balance: none open.
            conn.execute(text("UPDATE invoices SET status = 'paid', paid_paise = amount_paise "
                              "WHERE account_id = :id"), {"id": account_id})


def open_flow(qtbot, ctx: AppContext, account_id: int, option: PaymentOption) -> PaymentFlow:
    """Start a payment the way the table does and wait for its first window."""
    start_payment(ctx, account_id, option, None)
    flow = active_flow(ctx, account_id)
    assert flow is not None
    qtbot.waitUntil(lambda: flow.payment_dialog is not None or flow.plan_dialog is not None,
                    timeout=5000)
    return flow


def expiry(ctx: AppContext, account_id: int) -> date | None:
    with ctx.cache_engine.connect() as conn:
        value = conn.execute(text("SELECT plan_expiry FROM accounts WHERE id = :id"),
                             {"id": account_id}).scalar()
    return date.fromisoformat(value) if isinstance(value, str) else value
