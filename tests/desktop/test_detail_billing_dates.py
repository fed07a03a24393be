"""The Billing tab's dates come from billing.lifecycle: a prepaid plan on its expiry day and
the day after; a postpaid invoice on day 15 (last day to pay) and day 16 (suspension)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtWidgets import QPushButton, QTableView
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select, update

from db.schema import Account, Invoice
from desktop.runtime.context import AppContext
from tests.conftest import DEMO_TODAY
from tests.desktop.test_detail_dialog import LONG, label, open_dialog, table_rows, wait_tab


def _prepaid_account(ctx: AppContext, *, expiry_offset_days: int) -> int:
    """A prepaid account with credit, its plan expiring ``offset`` days from today."""
    expiry = DEMO_TODAY + timedelta(days=expiry_offset_days)
    with ctx.cache_engine.begin() as conn:
        account_id = conn.execute(
            select(Account.id)
            .where(Account.prepaid.is_(True), Account.plan_id.is_not(None))
            .order_by(Account.id)
            .limit(1)
        ).scalar_one()
        status = "Active" if expiry >= DEMO_TODAY else "Suspended"
        conn.execute(
            update(Account)
            .where(Account.id == account_id)
            .values(plan_expiry=expiry, status=status, balance_paise=0)
        )
    return account_id


def _options(dialog: object) -> list[str]:
    return [
        b.objectName().removeprefix("billingOption_")
        for b in dialog.findChildren(QPushButton)  # type: ignore[attr-defined]
        if b.objectName().startswith("billingOption_")
    ]


def test_prepaid_on_the_day_of_expiry(qtbot: QtBot, ctx: AppContext) -> None:
    account_id = _prepaid_account(ctx, expiry_offset_days=0)
    dialog = open_dialog(qtbot, ctx, account_id)
    wait_tab(qtbot, dialog, "billing")
    assert label(dialog, "billing_plan_type") == "Prepaid"
    assert label(dialog, "billing_expiry") == (
        "Expires on 27 Nov 2026 (today) — last day of service"
    )
    assert label(dialog, "billing_suspends") == (
        "Suspends on 28 Nov 2026 (tomorrow) unless renewed"
    )
    assert label(dialog, "billing_status") == "Active"
    assert "Renewing the plan" in label(dialog, "billing_reconnect")
    assert not dialog.findChild(QTableView, "billingOpenInvoices").isVisible()
    assert _options(dialog) == ["recharge", "advance"]


def test_prepaid_the_day_after_expiry(qtbot: QtBot, ctx: AppContext) -> None:
    account_id = _prepaid_account(ctx, expiry_offset_days=-1)
    dialog = open_dialog(qtbot, ctx, account_id)
    wait_tab(qtbot, dialog, "billing")
    assert label(dialog, "billing_expiry") == "Expired on 26 Nov 2026 (yesterday)"
    assert label(dialog, "billing_suspends") == (
        "Suspended since 27 Nov 2026 (today): the plan was not renewed"
    )
    assert label(dialog, "billing_status") == "Suspended"


def test_prepaid_status_not_yet_applied_by_the_server_is_pointed_out(
    qtbot: QtBot, ctx: AppContext
) -> None:
    account_id = _prepaid_account(ctx, expiry_offset_days=-1)
    with ctx.cache_engine.begin() as conn:  # the lifecycle job has not run yet
        conn.execute(update(Account).where(Account.id == account_id).values(status="Active"))
    dialog = open_dialog(qtbot, ctx, account_id)
    wait_tab(qtbot, dialog, "billing")
    assert label(dialog, "billing_status") == (
        "Active (the rules say Suspended today; the server applies it)"
    )


def _postpaid_invoice_aged(ctx: AppContext, days: int) -> None:
    """Account 10000001 with every invoice paid but the newest, dated ``days`` ago."""
    invoice_date = DEMO_TODAY - timedelta(days=days)
    with ctx.cache_engine.begin() as conn:
        newest = conn.execute(
            select(func.max(Invoice.id)).where(Invoice.account_id == LONG)
        ).scalar_one()
        conn.execute(
            update(Invoice)
            .where(Invoice.account_id == LONG)
            .values(paid_paise=Invoice.amount_paise, status="paid")
        )
        conn.execute(
            update(Invoice)
            .where(Invoice.id == newest)
            .values(
                invoice_date=invoice_date,
                period_start=invoice_date - timedelta(days=30),
                period_end=invoice_date - timedelta(days=1),
                paid_paise=0,
                status="open",
            )
        )
        amount = conn.execute(select(Invoice.amount_paise).where(Invoice.id == newest)).scalar_one()
        conn.execute(
            update(Account)
            .where(Account.id == LONG)
            .values(balance_paise=amount, status="Active" if days <= 15 else "Suspended")
        )


@pytest.mark.parametrize(
    ("days", "row", "status", "rule"),
    [
        (
            15,
            ["12 Nov 2026", "₹599.00", "27 Nov 2026", "28 Nov 2026", "last day to pay"],
            "Active",
            "by 27 Nov 2026 (last day to pay); unpaid, the account is suspended on 28 Nov 2026.",
        ),
        (
            16,
            ["11 Nov 2026", "₹599.00", "26 Nov 2026", "27 Nov 2026", "over by 1 day"],
            "Suspended",
            "was not paid by 26 Nov 2026; suspension from 27 Nov 2026.",
        ),
    ],
)
def test_postpaid_invoice_on_day_15_and_day_16(
    qtbot: QtBot, ctx: AppContext, days: int, row: list[str], status: str, rule: str
) -> None:
    _postpaid_invoice_aged(ctx, days)
    dialog = open_dialog(qtbot, ctx)
    wait_tab(qtbot, dialog, "billing")
    [shown] = table_rows(dialog.findChild(QTableView, "billingOpenInvoices"))
    assert shown[1:] == row
    assert label(dialog, "billing_status") == status
    assert label(dialog, "billing_expiry").endswith(rule)
    assert label(dialog, "billingBalance") == "₹599.00 due"
    assert _options(dialog) == ["payment"]
