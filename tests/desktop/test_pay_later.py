"""The "pay later by UPI" slip: opened from the payment dialog for a Payment or Advance,
its QR read back from the printer's own QR command (ESC/POS ``GS ( k``) and from the slip on
screen, and nothing recorded."""

from __future__ import annotations

import io
import os
import struct
from datetime import UTC, datetime
from pathlib import Path

import pytest
import zxingcpp
from escpos.printer import Dummy
from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton
from sqlalchemy import text

from billing.rules import PaymentOption
from billing.upi import UpiIntent, parse_upi_intent
from desktop.payments.pay_later import PayLaterDialog, PayLaterSlip, print_slip
from desktop.settings.upi_payee import PAYEE_NAME_KEY, VPA_KEY, Payee
from tests.desktop.test_payment_support import open_flow, set_account

LEFT = Qt.MouseButton.LeftButton
VPA = "terabyte.cbe@okaxis"
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
GS_K_STORE = b"\x1d(k"


def native_qr_payloads(out: bytes) -> list[bytes]:
    """The data of every ``GS ( k`` "store QR data" command (cn=49 '1', fn=80 'P', m='0')
    in printer bytes: what the printer itself will encode."""
    found, start = [], 0
    while (at := out.find(GS_K_STORE, start)) >= 0:
        (length,) = struct.unpack_from("<H", out, at + 3)
        body = out[at + 5: at + 5 + length]
        if body[:3] == b"1P0":
            found.append(body[3:])
        start = at + 5 + length
    return found


def _dialog(qtbot, ctx, option: PaymentOption, *, payee: bool = True):
    if payee:
        ctx.settings.setValue(VPA_KEY, VPA)
        ctx.settings.setValue(PAYEE_NAME_KEY, "Terabyte Broadband")
    with ctx.cache_engine.connect() as conn:
        account_id = int(conn.execute(text(
            "SELECT id FROM accounts WHERE branch_id = 1 AND prepaid = 0 AND status = 'Active' "
            "ORDER BY id LIMIT 1")).scalar_one())
    set_account(ctx, account_id, balance_paise=1_250_00)
    flow = open_flow(qtbot, ctx, account_id, option)
    assert flow.payment_dialog is not None
    return flow.payment_dialog


def _slip_window(qtbot) -> PayLaterDialog:
    qtbot.waitUntil(lambda: any(isinstance(w, PayLaterDialog) and w.isVisible()
                                for w in QApplication.topLevelWidgets()), timeout=5000)
    return next(w for w in QApplication.topLevelWidgets()
                if isinstance(w, PayLaterDialog) and w.isVisible())


def _decode(widget) -> UpiIntent:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    widget.grab().toImage().save(buffer, "PNG")
    [code] = [c for c in zxingcpp.read_barcodes(Image.open(io.BytesIO(bytes(buffer.data()))))
              if c.format == zxingcpp.BarcodeFormat.QRCode]
    return parse_upi_intent(code.text)


def test_a_slip_for_the_dues_prints_the_intent_with_the_printers_own_qr(qtbot, ctx) -> None:
    dialog = _dialog(qtbot, ctx, PaymentOption.PAYMENT)
    amount = dialog.findChild(QLineEdit, "amountField")
    amount.selectAll()
    qtbot.keyClicks(amount, "800")
    button = dialog.findChild(QPushButton, "payLaterButton")
    assert button.isVisible() and button.isEnabled()
    qtbot.mouseClick(button, LEFT)
    slip = _slip_window(qtbot)
    if os.environ.get("PAYMENT_SCREENSHOTS"):
        qtbot.wait(100)
        slip.grab().save(str(SHOTS / "payment_pay_later_slip.png"))
    assert slip.height() <= 740  # fits a 1366×768 screen
    on_screen = _decode(slip.view.viewport())
    assert (on_screen.vpa, on_screen.amount_paise) == (VPA, 800_00)
    assert on_screen.reference.startswith(f"AC{dialog.account.id}-")

    printer = Dummy()
    with qtbot.waitSignal(slip.printed, timeout=10_000):
        slip.print_thermal(printer)
    out = printer.output
    [stored] = native_qr_payloads(out)
    printed = parse_upi_intent(stored.decode("utf-8"))
    assert printed == on_screen
    assert printed.note == f"Dues account {dialog.account.id}"
    assert b"PAY LATER BY UPI" in out and b"Rs.800.00" in out and b"not a receipt" in out
    assert b"\x1dV" in out  # cut
    assert ctx.outbox.pending() == []  # a slip records nothing
    slip.close()
    dialog.close()


def test_the_slip_needs_a_payee(qtbot, ctx) -> None:
    dialog = _dialog(qtbot, ctx, PaymentOption.PAYMENT, payee=False)
    button = dialog.findChild(QPushButton, "payLaterButton")
    assert button.isVisible() and not button.isEnabled()
    assert "Settings → UPI QR" in button.toolTip()
    dialog.close()


def test_an_advance_offers_the_slip_and_an_invalid_amount_disables_it(qtbot, ctx) -> None:
    dialog = _dialog(qtbot, ctx, PaymentOption.ADVANCE)
    amount = dialog.findChild(QLineEdit, "amountField")
    amount.selectAll()
    qtbot.keyClicks(amount, "500")
    assert dialog.findChild(QPushButton, "payLaterButton").isEnabled()
    amount = dialog.findChild(QLineEdit, "amountField")
    amount.selectAll()
    qtbot.keyClicks(amount, "abc")
    assert not dialog.findChild(QPushButton, "payLaterButton").isEnabled()
    dialog.close()


@pytest.mark.parametrize("paper", [58, 80])
def test_slip_bytes_for_an_advance(paper: int) -> None:
    slip = PayLaterSlip(account_id=10000005, account_name="Priya S",
                        option=PaymentOption.ADVANCE, amount_paise=599_00,
                        payee=Payee(VPA, "Terabyte Broadband"),
                        issued_at=datetime(2026, 11, 27, 6, 30, tzinfo=UTC),
                        zone="Asia/Kolkata", header=("12 Avinashi Road",))
    printer = Dummy()
    print_slip(printer, slip, paper)
    [stored] = native_qr_payloads(printer.output)
    intent = parse_upi_intent(stored.decode())
    assert (intent.amount_paise, intent.reference, intent.note) == (
        599_00, "AC10000005-20261127", "Advance account 10000005")
    assert b"27-11-2026 12:00" in printer.output  # the business zone's time, not UTC
    text_lines = [line for line in printer.output.split(b"\n") if b"\x1d" not in line
                  and b"\x1b" not in line]
    assert all(len(line) <= {58: 32, 80: 48}[paper] for line in text_lines)


def test_a_long_header_line_is_wrapped_on_the_slip_not_cut() -> None:
    """On 58 mm paper the end of a long header line (PIN code, phone) still prints."""
    address = "Shop 4, 12 Avinashi Road, Peelamedu, Coimbatore 641004"
    slip = PayLaterSlip(account_id=10000005, account_name="Priya S",
                        option=PaymentOption.ADVANCE, amount_paise=599_00,
                        payee=Payee(VPA, "Terabyte Broadband"),
                        issued_at=datetime(2026, 11, 27, 6, 30, tzinfo=UTC),
                        zone="Asia/Kolkata", header=(address,))
    printer = Dummy()
    print_slip(printer, slip, 58)
    lines = [line.rsplit(b"\x00", 1)[-1].decode("latin-1")
             for line in printer.output.split(b"\n")]
    assert address in " ".join(line.strip() for line in lines)
    assert all(len(line) <= 32 for line in lines if "Avinashi" in line or "641004" in line)
