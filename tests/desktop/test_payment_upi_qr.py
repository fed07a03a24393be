"""The counter's dynamic UPI QR: decoded from the rendered payment dialog like a phone
would, its intent compared field by field, again after the amount changes; hidden for an
invalid amount or another method; the recorded payment carries the QR's receipt number."""

from __future__ import annotations

import io
import os
from pathlib import Path

import zxingcpp
from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton
from sqlalchemy import text

from billing.rules import PaymentMethod, PaymentOption
from billing.upi import UpiIntent, parse_upi_intent
from desktop.payments.payment_dialog import PaymentDialog
from desktop.settings.upi_payee import PAYEE_NAME_KEY, VPA_KEY
from desktop.widgets.upi_qr import UpiQrWidget
from tests.desktop.test_payment_support import open_flow, set_account

LEFT = Qt.MouseButton.LeftButton
VPA = "terabyte.cbe@okaxis"
NAME = "Terabyte Broadband Coimbatore"
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def _open(qtbot, ctx, *, payee: bool = True) -> PaymentDialog:
    if payee:
        ctx.settings.setValue(VPA_KEY, VPA)
        ctx.settings.setValue(PAYEE_NAME_KEY, NAME)
    with ctx.cache_engine.connect() as conn:
        account_id = int(conn.execute(text(
            "SELECT id FROM accounts WHERE branch_id = 1 AND prepaid = 0 AND status = 'Active' "
            "ORDER BY id LIMIT 1")).scalar_one())
    set_account(ctx, account_id, balance_paise=1_250_00)
    flow = open_flow(qtbot, ctx, account_id, PaymentOption.PAYMENT)
    dialog = flow.payment_dialog
    assert dialog is not None
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _choose(dialog: PaymentDialog, method: PaymentMethod) -> None:
    combo = dialog.findChild(QComboBox, "methodField")
    combo.setCurrentIndex(combo.findData(method.value))


def _type_amount(qtbot, dialog: PaymentDialog, typed: str) -> None:
    field = dialog.findChild(QLineEdit, "amountField")
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    qtbot.keyClicks(field, typed)


def _decoded(dialog: PaymentDialog) -> list[str]:
    """Every QR a camera would read off the dialog as drawn."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    dialog.grab().toImage().save(buffer, "PNG")
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(bytes(buffer.data()))))
    return [code.text for code in found if code.format == zxingcpp.BarcodeFormat.QRCode]


def _qr(dialog: PaymentDialog) -> UpiQrWidget:
    return dialog.findChild(UpiQrWidget, "upiQr")


def _scan(qtbot, dialog: PaymentDialog, amount_text: str) -> UpiIntent:
    qtbot.waitUntil(lambda: f"am={amount_text}" in _qr(dialog).payload, timeout=5000)
    [text_] = _decoded(dialog)
    return parse_upi_intent(text_)


def test_the_qr_carries_payee_exact_amount_and_receipt_number_and_follows_the_amount(
        qtbot, ctx) -> None:
    dialog = _open(qtbot, ctx)
    assert _decoded(dialog) == []  # cash: no QR
    assert not dialog.findChild(QLabel, "upiQrTitle").isVisible()
    _choose(dialog, PaymentMethod.UPI)
    intent = _scan(qtbot, dialog, "1250.00")
    assert (intent.vpa, intent.payee_name, intent.amount_paise, intent.currency) == (
        VPA, NAME, 1_250_00, "INR")
    assert intent.reference == dialog.receipt_number and intent.reference
    assert intent.note == f"Account {dialog.account.id}"
    assert min(_qr(dialog).width(), _qr(dialog).height()) >= 300  # scannable from the counter

    _type_amount(qtbot, dialog, "439.06")
    assert _decoded(dialog) == []  # the old amount is gone at once, never scanned stale
    again = _scan(qtbot, dialog, "439.06")
    assert again.amount_paise == 439_06 and "am=439.06" in _qr(dialog).payload
    assert again.reference == intent.reference  # one receipt number per dialog

    _type_amount(qtbot, dialog, "12.3.4")  # not an amount: no QR
    assert _decoded(dialog) == [] and not _qr(dialog).isVisible()
    assert "valid amount" in dialog.findChild(QLabel, "upiQrMessage").text()

    _type_amount(qtbot, dialog, "500")
    _scan(qtbot, dialog, "500.00")
    qtbot.keyClicks(dialog.findChild(QLineEdit, "referenceField"), "412345678901")
    if os.environ.get("PAYMENT_SCREENSHOTS"):
        qtbot.wait(100)
        dialog.grab().save(str(SHOTS / "payment_upi_qr.png"))
    assert dialog.width() <= 1366 and dialog.height() <= 740  # fits a 1366×768 screen
    confirm = dialog.findChild(QPushButton, "confirmPayment")
    assert confirm.isEnabled()
    qtbot.mouseClick(confirm, LEFT)
    qtbot.waitUntil(lambda: dialog.mutation is not None, timeout=5000)
    [payment] = [m for m in ctx.outbox.pending() if m.kind.value == "payment"]
    assert payment.payload["receipt_number"] == intent.reference  # the bank line matches
    assert payment.payload["reference"] == "412345678901"
    assert payment.payload["amount_paise"] == 500_00


def test_other_methods_hide_the_qr(qtbot, ctx) -> None:
    dialog = _open(qtbot, ctx)
    _choose(dialog, PaymentMethod.UPI)
    _scan(qtbot, dialog, "1250.00")
    _choose(dialog, PaymentMethod.CARD)
    assert _decoded(dialog) == [] and not dialog.findChild(QLabel, "upiQrTitle").isVisible()
    dialog.close()


def test_without_a_payee_the_panel_says_where_to_set_it(qtbot, ctx) -> None:
    dialog = _open(qtbot, ctx, payee=False)
    _choose(dialog, PaymentMethod.UPI)
    qtbot.wait(2 * 300)
    assert _decoded(dialog) == []
    assert "Settings → UPI QR" in dialog.findChild(QLabel, "upiQrMessage").text()
    assert dialog.receipt_number is None  # nothing reserved for a QR never shown
    dialog.close()


def test_the_kiosk_payee_set_before_the_counter_had_a_qr_is_still_read(qtbot, ctx) -> None:
    ctx.settings.setValue("kiosk/upi_vpa", VPA)
    dialog = _open(qtbot, ctx, payee=False)
    _choose(dialog, PaymentMethod.UPI)
    assert _scan(qtbot, dialog, "1250.00").vpa == VPA
    dialog.close()
