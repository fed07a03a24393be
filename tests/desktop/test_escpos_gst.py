"""The ESC/POS receipt of an Advance or Recharge carries its GST receipt voucher's figures
(the bytes a python-escpos Dummy printer captures); a Payment of dues carries none."""

from __future__ import annotations

from dataclasses import replace

import pytest
from escpos.printer import Dummy
from PySide6.QtWidgets import QPushButton

from billing.documents import build_document, with_customer_gstin
from billing.rules import PaymentOption
from desktop.documents.gst_settings import load_supplier
from desktop.documents.sources import receipt_voucher
from desktop.payments.escpos_receipt import LINE_CHARS, gst_lines, print_receipt
from desktop.payments.receipt import ReceiptDialog, gst_voucher_for
from tests.desktop.test_gst_documents import _advance_receipt, _set_gst


def _thermal(qtbot, ctx, data) -> bytes:
    dialog = ReceiptDialog(ctx, data)
    qtbot.addWidget(dialog)
    printer = Dummy()
    with qtbot.waitSignal(dialog.printed, timeout=10_000):
        dialog.print_thermal(printer)
    assert dialog.findChild(QPushButton, "printThermal") is not None
    return printer.output


def test_the_thermal_receipt_of_an_advance_prints_the_voucher_figures(qtbot, ctx) -> None:
    _set_gst(ctx)
    data = _advance_receipt(ctx, 59_900)  # ₹599.00 including 18% GST, within Tamil Nadu
    out = _thermal(qtbot, ctx, data)
    voucher = receipt_voucher(ctx.outbox, load_supplier(ctx.settings), data)
    assert voucher.number.startswith("R26" + ctx.outbox.device_code())
    for expected in (b"RECEIPT VOUCHER (GST)", voucher.number.encode(),
                     b"33AACCM9093R1ZP", b"998422", b"33 - Tamil Nadu",
                     b"Taxable value", b"Rs.507.63", b"CGST @ 9%", b"Rs.45.69",
                     b"SGST @ 9%", b"Rs.45.68", b"Total", b"Rs.599.00"):
        assert expected in out, expected
    assert b"IGST" not in out
    # A reprint carries the same voucher number (numbered once per receipt).
    again = _thermal(qtbot, ctx, data)
    assert voucher.number.encode() in again and b"** DUPLICATE **" in again


def test_a_payment_of_dues_prints_no_voucher(qtbot, ctx) -> None:
    _set_gst(ctx)
    data = replace(_advance_receipt(ctx), option=PaymentOption.PAYMENT)
    assert gst_voucher_for(ctx, data) is None
    out = _thermal(qtbot, ctx, data)
    assert b"(GST)" not in out and b"CGST" not in out


def test_without_gst_settings_the_receipt_still_prints(qtbot, ctx) -> None:
    data = _advance_receipt(ctx)
    out = _thermal(qtbot, ctx, data)
    assert data.receipt_number.encode() in out and b"(GST)" not in out


@pytest.mark.parametrize("paper", [58, 80])
def test_voucher_lines_fit_the_paper_and_igst_for_another_state(ctx, paper: int) -> None:
    _set_gst(ctx)
    data = _advance_receipt(ctx, 1_180_00)
    local = with_customer_gstin(
        receipt_voucher(ctx.outbox, load_supplier(ctx.settings), data), "29AAGCB7383J1Z4")
    # a line installed in Karnataka (the place of supply, not the GSTIN, makes it IGST)
    voucher = build_document(
        local.kind, number=local.number, dated=local.dated, supplier=local.supplier,
        customer=local.customer, amount_paise=local.total_paise,
        description=local.description, place_of_supply="29",
        payment_reference=local.payment_reference, receipt_number=local.receipt_number)
    lines = gst_lines(voucher, LINE_CHARS[paper])
    assert all(len(line) <= LINE_CHARS[paper] for line in lines)
    text = "\n".join(lines)
    assert "IGST @ 18%" in text and "Rs.180.00" in text and "Rs.1,000.00" in text
    assert "29 - Karnataka" in text and "CGST" not in text
    printer = Dummy()
    print_receipt(printer, data, paper_mm=paper, gst=voucher)
    assert b"IGST @ 18%" in printer.output

