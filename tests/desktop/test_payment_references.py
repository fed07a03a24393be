"""The payment dialog's reference fields, driven like a cashier: each method's format
refused next to the field, and a UTR this desk already knows refused before anything is
written."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox, QDateEdit, QLabel, QLineEdit, QPushButton
from sqlalchemy import text

from billing.rules import PaymentMethod, PaymentOption
from desktop.payments.flow import PaymentFlow
from desktop.payments.payment_dialog import PaymentDialog
from tests.conftest import DEMO_TODAY
from tests.desktop.test_payment_support import open_flow, set_account

LEFT = Qt.MouseButton.LeftButton


def _dialog(qtbot, ctx, method: PaymentMethod, *, nth: int = 0) -> tuple[PaymentFlow,
                                                                          PaymentDialog]:
    with ctx.cache_engine.connect() as conn:
        account_id = int(conn.execute(text(
            "SELECT id FROM accounts WHERE branch_id = 1 AND prepaid = 0 AND status = 'Active' "
            "ORDER BY id LIMIT 1 OFFSET :n"), {"n": nth}).scalar_one())
    set_account(ctx, account_id, balance_paise=50_000)
    flow = open_flow(qtbot, ctx, account_id, PaymentOption.PAYMENT)
    dialog = flow.payment_dialog
    assert dialog is not None
    combo = dialog.findChild(QComboBox, "methodField")
    combo.setCurrentIndex(combo.findData(method.value))
    return flow, dialog


def _field(dialog: PaymentDialog, name: str) -> QLineEdit:
    return dialog.findChild(QLineEdit, name)


def _error(dialog: PaymentDialog) -> str:
    label = dialog.findChild(QLabel, "referenceError")
    return label.text() if label.isVisibleTo(dialog) else ""


def _confirm(dialog: PaymentDialog) -> QPushButton:
    return dialog.findChild(QPushButton, "confirmPayment")


def _payments(ctx) -> list:
    return [m for m in ctx.outbox.pending() if m.kind.value == "payment"]


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("41234567890", "has 11 digits; a UPI UTR has exactly 12"),
        ("4123456789012", "has 13 digits; a UPI UTR has exactly 12"),
        ("41234567890A", "has letters"),
    ],
)
def test_a_upi_utr_that_is_not_twelve_digits_is_refused_next_to_the_field(
    qtbot, ctx, typed: str, says: str
) -> None:
    _flow, dialog = _dialog(qtbot, ctx, PaymentMethod.UPI)
    qtbot.keyClicks(_field(dialog, "referenceField"), typed)
    assert says in _error(dialog)
    assert not _confirm(dialog).isEnabled()
    qtbot.mouseClick(_confirm(dialog), LEFT)
    assert _payments(ctx) == []
    dialog.close()


def test_card_takes_last_four_and_approval_code(qtbot, ctx) -> None:
    flow, dialog = _dialog(qtbot, ctx, PaymentMethod.CARD)
    last4 = _field(dialog, "cardLast4Field")
    assert last4.isVisibleTo(dialog)
    assert not dialog.findChild(QDateEdit, "chequeDateField").isVisibleTo(dialog)
    qtbot.keyClicks(_field(dialog, "referenceField"), "a1b2c3")
    assert "last 4 digits" in _error(dialog) and not _confirm(dialog).isEnabled()
    qtbot.keyClicks(last4, "4242")
    assert _error(dialog) == "" and _confirm(dialog).isEnabled()
    with qtbot.waitSignal(flow.receipt_shown, timeout=5000) as shown:
        qtbot.mouseClick(_confirm(dialog), LEFT)
    shown.args[0].close()
    (payment,) = _payments(ctx)
    assert payment.payload["reference"] == "xx4242 auth A1B2C3"


def test_cheque_takes_number_bank_and_date_and_refuses_a_post_dated_one(qtbot, ctx) -> None:
    flow, dialog = _dialog(qtbot, ctx, PaymentMethod.CHEQUE)
    qtbot.keyClicks(_field(dialog, "referenceField"), "004512")
    assert "bank the cheque is drawn on" in _error(dialog)
    qtbot.keyClicks(_field(dialog, "chequeBankField"), "Indian Bank")
    dated = dialog.findChild(QDateEdit, "chequeDateField")
    tomorrow = DEMO_TODAY + timedelta(days=1)
    dated.setDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
    assert "post-dated" in _error(dialog) and not _confirm(dialog).isEnabled()
    dated.setDate(QDate(DEMO_TODAY.year, DEMO_TODAY.month, DEMO_TODAY.day))
    assert _confirm(dialog).isEnabled()
    with qtbot.waitSignal(flow.receipt_shown, timeout=5000) as shown:
        qtbot.mouseClick(_confirm(dialog), LEFT)
    shown.args[0].close()
    (payment,) = _payments(ctx)
    assert payment.payload["reference"] == f"004512 / Indian Bank / {DEMO_TODAY.isoformat()}"


def test_a_utr_taken_on_this_desk_is_refused_and_nothing_written(qtbot, ctx) -> None:
    flow, dialog = _dialog(qtbot, ctx, PaymentMethod.UPI)
    qtbot.keyClicks(_field(dialog, "referenceField"), "6123 4567 8901")
    with qtbot.waitSignal(flow.receipt_shown, timeout=5000) as shown:
        qtbot.mouseClick(_confirm(dialog), LEFT)
    shown.args[0].close()
    (first,) = _payments(ctx)

    _flow, dialog = _dialog(qtbot, ctx, PaymentMethod.UPI, nth=1)
    field = _field(dialog, "referenceField")
    qtbot.keyClicks(field, "612345678901")
    assert _confirm(dialog).isEnabled()  # the format is fine; the ledger check is on Confirm
    qtbot.mouseClick(_confirm(dialog), LEFT)
    receipt = first.payload["receipt_number"]
    qtbot.waitUntil(lambda: f"already used by receipt {receipt}" in _error(dialog),
                    timeout=5000)
    assert not _confirm(dialog).isEnabled() and dialog.isVisible()
    assert len(_payments(ctx)) == 1
    field.clear()
    qtbot.keyClicks(field, "612345678902")
    assert _error(dialog) == "" and _confirm(dialog).isEnabled()
    dialog.close()


def test_a_utr_already_in_the_ledger_copy_is_refused(qtbot, ctx) -> None:
    with ctx.cache_engine.begin() as conn:
        receipt = conn.execute(text(
            "SELECT receipt_number FROM payments ORDER BY id LIMIT 1")).scalar_one()
        conn.execute(text("UPDATE payments SET method = 'bank_transfer', "
                          "reference = '712345678901' WHERE receipt_number = :r"),
                     {"r": receipt})
    _flow, dialog = _dialog(qtbot, ctx, PaymentMethod.UPI)
    qtbot.keyClicks(_field(dialog, "referenceField"), "712345678901")
    qtbot.mouseClick(_confirm(dialog), LEFT)
    qtbot.waitUntil(lambda: f"already used by receipt {receipt}" in _error(dialog),
                    timeout=5000)
    assert _payments(ctx) == []
    dialog.close()


def test_cash_hides_every_reference_field(qtbot, ctx) -> None:
    _flow, dialog = _dialog(qtbot, ctx, PaymentMethod.CASH)
    assert not _field(dialog, "referenceField").isEnabled()
    for name in ("cardLast4Field", "chequeBankField"):
        assert not _field(dialog, name).isVisibleTo(dialog)
    dialog.close()




@pytest.mark.skipif(not os.environ.get("PAYMENT_SCREENSHOTS"),
                    reason="writes docs/screenshots: set PAYMENT_SCREENSHOTS=1")
def test_screenshot_of_the_reference_fields(qtbot, ctx) -> None:
    """docs/screenshots/payment_cheque_reference.png and payment_upi_utr_refused.png."""
    shots = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
    _flow, dialog = _dialog(qtbot, ctx, PaymentMethod.CHEQUE)
    qtbot.keyClicks(_field(dialog, "referenceField"), "004512")
    qtbot.keyClicks(_field(dialog, "chequeBankField"), "Indian Bank")
    qtbot.wait(120)
    dialog.adjustSize()
    qtbot.wait(60)
    assert dialog.grab().save(str(shots / "payment_cheque_reference.png"))
    dialog.close()
    _flow, dialog = _dialog(qtbot, ctx, PaymentMethod.UPI, nth=1)
    qtbot.keyClicks(_field(dialog, "referenceField"), "41234567890")
    qtbot.wait(120)
    dialog.adjustSize()
    qtbot.wait(60)
    assert dialog.grab().save(str(shots / "payment_upi_utr_refused.png"))
    dialog.close()


def _whole(label: QLabel) -> bool:
    """Every wrapped line of a message on screen, none cut at the top or the bottom."""
    return label.isVisible() and label.height() >= label.heightForWidth(label.width())


def test_messages_under_the_fields_are_shown_whole(qtbot, ctx, qapp) -> None:
    from tests.desktop.i18n_helpers import tamil

    _flow, dialog = _dialog(qtbot, ctx, PaymentMethod.CASH)
    dialog.show()
    qtbot.waitExposed(dialog)
    amount = _field(dialog, "amountField")
    amount.selectAll()
    qtbot.keyClicks(amount, "300")
    qtbot.keyClicks(_field(dialog, "tenderedField"), "200")  # short: says how much to take
    short = dialog.findChild(QLabel, "tenderedError")
    qtbot.waitUntil(lambda: _whole(short), timeout=2000)
    with tamil(qapp):
        combo = dialog.findChild(QComboBox, "methodField")
        combo.setCurrentIndex(combo.findData(PaymentMethod.UPI.value))
        qtbot.keyClicks(_field(dialog, "referenceField"), "41234")  # beside the QR: narrow
        refused = dialog.findChild(QLabel, "referenceError")
        qtbot.waitUntil(lambda: "12" in refused.text() and _whole(refused), timeout=2000)
        assert dialog.height() <= 740  # still fits a 1366×768 screen
    dialog.close()
