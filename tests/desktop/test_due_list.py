"""The due list window: categories from billing.lifecycle on ctx.today(), one click to pay."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton
from sqlalchemy import text

from billing.lifecycle import grace_days_left, postpaid_suspension_date, prepaid_suspension_date
from billing.rules import PaymentOption
from db.due_list_query import DueCategory
from desktop.payments.due_list import DueListWindow
from desktop.payments.flow import active_flow
from tests.conftest import DEMO_TODAY
from tests.desktop.test_payment_support import pick_account, set_account


def _open(qtbot, ctx) -> DueListWindow:
    window = DueListWindow(ctx)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        window.show()
    return window


def test_due_list_shows_each_category_and_takes_payment_in_one_click(qtbot, ctx) -> None:
    recharge_id = pick_account(ctx, prepaid=True)
    set_account(ctx, recharge_id, balance_paise=0, plan_expiry=DEMO_TODAY - timedelta(days=1))
    window = _open(qtbot, ctx)
    rows = {r.account_id: r for r in window.rows}
    assert rows[recharge_id].category == DueCategory.SUSPENDED_TODAY
    assert rows[recharge_id].option is PaymentOption.RECHARGE
    # Every row is where billing.lifecycle puts it on ctx.today().
    with ctx.cache_engine.connect() as conn:
        for row in window.rows:
            assert row.account_id in {r[0] for r in conn.execute(text(
                "SELECT id FROM accounts WHERE branch_id = 1"))}
            if row.prepaid:
                expiry = conn.execute(text("SELECT plan_expiry FROM accounts WHERE id = :i"),
                                      {"i": row.account_id}).scalar()
                suspends = prepaid_suspension_date(date.fromisoformat(expiry))
                assert suspends in (DEMO_TODAY, DEMO_TODAY + timedelta(days=1))
            elif row.category == DueCategory.SUSPENDED_TODAY:
                assert row.key_date == DEMO_TODAY
            elif row.category == DueCategory.GRACE_ENDING:
                left = (row.key_date - DEMO_TODAY).days
                assert left in (2, 3)  # suspension day after 1 or 2 more days to pay
            else:
                assert row.key_date == DEMO_TODAY + timedelta(days=1)
    assert grace_days_left(DEMO_TODAY - timedelta(days=15), DEMO_TODAY) == 0
    assert postpaid_suspension_date(DEMO_TODAY - timedelta(days=16)) == DEMO_TODAY
    summary = window.findChild(QLabel, "dueSummary").text()
    assert "suspended today" in summary
    button = window.findChild(QPushButton, f"takePayment-{recharge_id}")
    assert button is not None and button.text() == "Take recharge"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    flow = active_flow(ctx, recharge_id)
    assert flow is not None
    qtbot.waitUntil(lambda: flow.plan_dialog is not None, timeout=5000)
    assert flow.plan_dialog.isVisible()
    flow.plan_dialog.close()
    window.close()


def test_a_pending_payment_takes_the_account_off_the_list(qtbot, ctx) -> None:
    account_id = pick_account(ctx, prepaid=True)
    set_account(ctx, account_id, balance_paise=30_000, plan_expiry=DEMO_TODAY)
    window = _open(qtbot, ctx)
    row = next(r for r in window.rows if r.account_id == account_id)
    assert row.category == DueCategory.SUSPENDING_TOMORROW
    assert row.option is PaymentOption.PAYMENT
    window.take_payment(account_id)
    flow = active_flow(ctx, account_id)
    qtbot.waitUntil(lambda: flow.payment_dialog is not None, timeout=5000)
    with qtbot.waitSignal(flow.receipt_shown, timeout=5000) as shown:
        qtbot.mouseClick(flow.payment_dialog.findChild(QPushButton, "confirmPayment"),
                         Qt.MouseButton.LeftButton)
    shown.args[0].close()
    # A Payment alone does not renew the plan: still due (now for a recharge).
    qtbot.waitUntil(lambda: any(r.account_id == account_id and
                                r.option is PaymentOption.RECHARGE for r in window.rows),
                    timeout=10_000)
    window.close()
