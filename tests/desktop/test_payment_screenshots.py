"""Screenshots of every payment window for docs/ (run with PAYMENT_SCREENSHOTS=1)."""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLineEdit, QPushButton
from sqlalchemy import text

from billing.rules import PaymentMethod, PaymentOption
from desktop.payments.day_close import DayCloseDialog
from desktop.payments.due_list import DueListWindow
from desktop.payments.register import PaymentsRegister
from tests.conftest import DEMO_TODAY
from tests.desktop.test_payment_support import open_flow, pick_account, set_account

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
pytestmark = pytest.mark.skipif(not os.environ.get("PAYMENT_SCREENSHOTS"),
                                reason="writes docs/screenshots: set PAYMENT_SCREENSHOTS=1")
LEFT = Qt.MouseButton.LeftButton


BOT = []


def _save(widget, name):
    BOT[0].wait(120)
    if name.startswith("payment_") and "plan" not in name:
        widget.adjustSize()
        BOT[0].wait(60)
    widget.grab().save(str(OUT / name))


def test_shots(qtbot, ctx):
    BOT.append(qtbot)
    ctx.user = type(ctx.user)("cashier.cbe", "Kavitha Staff", ctx.user.role, branch_id=1)
    # Payment, partial, cash with tendered.
    with ctx.cache_engine.connect() as conn:
        sus = conn.execute(text(
            "SELECT id FROM accounts WHERE NOT prepaid AND status = 'Suspended' AND "
            "balance_paise >= 100000 AND branch_id = 1 ORDER BY id LIMIT 1")).scalar_one()
    flow = open_flow(qtbot, ctx, sus, PaymentOption.PAYMENT)
    d = flow.payment_dialog
    qtbot.keyClicks(d.findChild(QLineEdit, "tenderedField"), "5000")
    _save(d, "payment_dialog.png")
    d.amount.clear()
    qtbot.keyClicks(d.amount, "500")
    d.tendered.clear()
    qtbot.keyClicks(d.tendered, "500")
    _save(d, "payment_partial.png")
    d.amount.clear()
    qtbot.keyClicks(d.amount, "9000")
    d.tendered.clear()
    d.findChild(QCheckBox, "confirmOverpay").click()
    _save(d, "payment_overpay.png")
    d.close()

    # Advance with bad input and UPI without reference.
    adv = pick_account(ctx, prepaid=False)
    set_account(ctx, adv, balance_paise=0)
    flow = open_flow(qtbot, ctx, adv, PaymentOption.ADVANCE)
    d = flow.payment_dialog
    qtbot.keyClicks(d.amount, "12.345")
    d.method.setCurrentIndex(d.method.findData(PaymentMethod.UPI.value))
    _save(d, "payment_bad_input.png")
    d.close()

    # Recharge: plan selection with current plan, then payment.
    pre = pick_account(ctx, prepaid=True, status="Suspended")
    set_account(ctx, pre, balance_paise=-15000)
    flow = open_flow(qtbot, ctx, pre, PaymentOption.RECHARGE)
    p = flow.plan_dialog
    _save(p, "payment_plan_selection.png")
    qtbot.mouseClick(p.findChild(QPushButton, "continueCurrentPlan"), LEFT)
    qtbot.waitUntil(lambda: flow.payment_dialog is not None)
    d = flow.payment_dialog
    d.method.setCurrentIndex(d.method.findData(PaymentMethod.UPI.value))
    qtbot.keyClicks(d.reference, "452198776012")
    _save(d, "payment_recharge.png")
    with qtbot.waitSignal(flow.receipt_shown) as b:
        qtbot.mouseClick(d.confirm, LEFT)
    r = b.args[0]
    _save(r, "receipt.png")
    r.close()

    inactive = pick_account(ctx, prepaid=True, status="Inactive", with_plan=False)
    set_account(ctx, inactive, balance_paise=0)
    flow = open_flow(qtbot, ctx, inactive, PaymentOption.RECHARGE)
    _save(flow.plan_dialog, "payment_plan_selection_no_plan.png")
    flow.plan_dialog.close()

    # A cash payment receipt.
    owes = pick_account(ctx, prepaid=True)
    set_account(ctx, owes, balance_paise=123456)
    flow = open_flow(qtbot, ctx, owes, PaymentOption.PAYMENT)
    d = flow.payment_dialog
    qtbot.keyClicks(d.tendered, "1300")
    with qtbot.waitSignal(flow.receipt_shown) as b:
        qtbot.mouseClick(d.confirm, LEFT)
    r = b.args[0]
    _save(r, "receipt_cash.png")
    r.close()

    reg = PaymentsRegister(ctx)
    qtbot.addWidget(reg)
    with qtbot.waitSignal(reg.refreshed, timeout=10000):
        reg.show()
    reg.resize(1760, 640)
    _save(reg, "register.png")
    reg.close()

    dc = DayCloseDialog(ctx)
    qtbot.addWidget(dc)
    with qtbot.waitSignal(dc.ready):
        dc.show()
    dc.opening_float.clear()
    qtbot.keyClicks(dc.opening_float, "500")
    dc.set_count(500, 4)
    dc.set_count(200, 2)
    dc.set_count(100, 5)
    dc.set_count(10, 3)
    _save(dc, "payment_day_close_blind_count.png")
    with qtbot.waitSignal(dc.closed):
        qtbot.mouseClick(dc.submit, LEFT)
    _save(dc, "day_close.png")
    dc.close()

    set_account(ctx, pick_account(ctx, prepaid=True, status="Active"), balance_paise=0,
                plan_expiry=DEMO_TODAY - timedelta(days=1))
    due = DueListWindow(ctx)
    qtbot.addWidget(due)
    with qtbot.waitSignal(due.refreshed):
        due.show()
    _save(due, "due_list.png")
    due.close()
