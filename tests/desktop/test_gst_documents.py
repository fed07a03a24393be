"""GST documents at the counter: the receipt voucher of an Advance, the tax invoice of an
invoice, a credit note of a reversal; each checked by its PDF's text (pypdf)."""

from __future__ import annotations

import os
import unicodedata
import uuid
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton
from sqlalchemy import text

from billing.documents import DocumentKind, Party
from billing.money import amount_in_words
from billing.reversal import ReversalCause
from billing.rules import PaymentMethod, PaymentOption
from db.account_details.invoices import load_invoice_document
from db.payments_local import build_payment_payload, load_account, record_payment
from db.reversals_local import find_payment
from desktop.detail.tabs.invoices import InvoiceViewer
from desktop.documents.gst_document import write_pdf
from desktop.documents.gst_settings import KEYS, GstSettingsDialog, load_supplier
from desktop.documents.sources import (
    Reversal,
    payment_reversal,
    receipt_voucher,
    reversal_document,
)
from desktop.documents.viewer import GstDocumentViewer
from desktop.payments.receipt import ReceiptDialog
from desktop.payments.receipt_data import ReceiptData
from tests.desktop.test_payment_support import pick_account, set_account

LEFT = Qt.MouseButton.LeftButton
TAKEN = datetime(2026, 11, 27, 6, 30, tzinfo=UTC)
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
GST = {
    "legal_name": "Terabyte Broadband Private Limited",
    "gstin": "33AACCM9093R1ZP",
    "address": "12 Avinashi Road\nCoimbatore 641018",
    "state": "33",
    "sac": "998422",
    "rate": "18",
}


def _pdf_text(path: Path) -> str:
    text_ = " ".join(p.extract_text() for p in PdfReader(str(path)).pages)
    return " ".join(unicodedata.normalize("NFKC", text_).split())


def _set_gst(ctx) -> None:
    for key, value in GST.items():
        ctx.settings.setValue(KEYS[key], value)


def _advance_receipt(ctx, amount: int = 59_900) -> ReceiptData:
    account_id = pick_account(ctx, prepaid=True)
    set_account(ctx, account_id, balance_paise=0)
    account = load_account(ctx.cache_engine, ctx.outbox, account_id)
    payload = build_payment_payload(
        account, option=PaymentOption.ADVANCE, method=PaymentMethod.UPI,
        reference="412345678901", amount_paise=amount, charge_paise=0, plan_id=None,
        tendered_paise=None, taken_at=TAKEN)
    mutation = record_payment(ctx.outbox, account_id=account_id, payload=payload,
                              created_by=ctx.user.username, mutation_id=str(uuid.uuid4()))
    return ReceiptData.from_mutation(mutation, account_name=account.name,
                                     mobile=account.mobile, cashier="Kavitha Staff",
                                     zone="Asia/Kolkata", branch="Coimbatore")


def _viewer(qtbot) -> GstDocumentViewer:
    qtbot.waitUntil(lambda: any(isinstance(w, GstDocumentViewer) and w.isVisible()
                                for w in QApplication.topLevelWidgets()), timeout=5000)
    viewer = next(w for w in QApplication.topLevelWidgets()
                  if isinstance(w, GstDocumentViewer) and w.isVisible())
    return viewer


def _save(qtbot, viewer: GstDocumentViewer, path: Path) -> str:
    with qtbot.waitSignal(viewer.pdf_saved, timeout=10_000):
        viewer.save_pdf(path)
    return _pdf_text(path)


def _shot(qtbot, widget, name: str) -> None:
    if os.environ.get("PAYMENT_SCREENSHOTS"):
        qtbot.wait(120)
        widget.grab().save(str(SHOTS / name))


def test_receipt_voucher_of_an_advance(qtbot, ctx, tmp_path: Path) -> None:
    _set_gst(ctx)
    data = _advance_receipt(ctx)
    receipt = ReceiptDialog(ctx, data)
    qtbot.addWidget(receipt)
    button = receipt.findChild(QPushButton, "gstReceiptVoucher")
    assert button.isVisibleTo(receipt)
    qtbot.mouseClick(button, LEFT)
    viewer = _viewer(qtbot)
    number = viewer.doc.number
    device = ctx.outbox.device_code()
    assert number == f"R26{device}" + "1".zfill(16 - 3 - len(device))
    _shot(qtbot, viewer, "gst_receipt_voucher.png")
    pdf = _save(qtbot, viewer, tmp_path / "rv.pdf")
    for expected in [
        "RECEIPT VOUCHER", "Terabyte Broadband Private Limited", "GSTIN: 33AACCM9093R1ZP",
        "Place of supply 33 - Tamil Nadu", number, "SAC", "998422",
        "Taxable value ₹507.63", "CGST @ 9% ₹45.69", "SGST @ 9% ₹45.68", "Total ₹599.00",
        amount_in_words(59_900), f"Receipt {data.receipt_number}", "UPI 412345678901",
        "GSTIN: not registered",
    ]:
        assert expected in pdf, expected
    assert "IGST" not in pdf
    viewer.close()
    # the same receipt gets the same voucher number again
    qtbot.mouseClick(button, LEFT)
    again = _viewer(qtbot)
    assert again.doc.number == number
    again.close()


def test_a_payment_of_dues_offers_no_voucher(qtbot, ctx) -> None:
    data = _advance_receipt(ctx)
    receipt = ReceiptDialog(ctx, replace(data, option=PaymentOption.PAYMENT))
    qtbot.addWidget(receipt)
    assert not receipt.findChild(QPushButton, "gstReceiptVoucher").isVisibleTo(receipt)


def test_without_gst_settings_no_document_and_the_receipt_says_what_to_set(qtbot, ctx) -> None:
    data = _advance_receipt(ctx)
    receipt = ReceiptDialog(ctx, data)
    qtbot.addWidget(receipt)
    qtbot.mouseClick(receipt.findChild(QPushButton, "gstReceiptVoucher"), LEFT)
    status = receipt.findChild(QLabel, "receiptStatus").text()
    assert "Set the operator's GSTIN under Settings → GST" in status
    assert not any(isinstance(w, GstDocumentViewer) for w in QApplication.topLevelWidgets())


def _invoice_id(ctx) -> int:
    with ctx.cache_engine.connect() as conn:
        return int(conn.execute(text("SELECT id FROM invoices ORDER BY id LIMIT 1")).scalar_one())


def test_tax_invoice_from_the_invoice_tab_with_a_customer_gstin(qtbot, ctx,
                                                                tmp_path: Path) -> None:
    _set_gst(ctx)
    doc = load_invoice_document(ctx.cache_engine, _invoice_id(ctx))
    assert doc is not None
    invoice = InvoiceViewer(ctx, doc)
    qtbot.addWidget(invoice)
    qtbot.mouseClick(invoice.findChild(QPushButton, "gstTaxInvoice"), LEFT)
    viewer = _viewer(qtbot)
    assert viewer.doc.kind is DocumentKind.TAX_INVOICE
    assert viewer.doc.number == doc.invoice.number
    _shot(qtbot, viewer, "gst_tax_invoice.png")
    intra = _save(qtbot, viewer, tmp_path / "inv-intra.pdf")
    assert "TAX INVOICE" in intra and "CGST @ 9%" in intra and doc.invoice.number in intra

    field = viewer.findChild(QLineEdit, "customerGstin")
    qtbot.keyClicks(field, "29AAGCB7383J1Z5")  # one character wrong
    error = viewer.findChild(QLabel, "customerGstinError")
    assert "check character" in error.text() and error.isVisibleTo(viewer)
    assert not viewer.findChild(QPushButton, "saveGstDocumentPdf").isEnabled()
    field.clear()
    qtbot.keyClicks(field, "29AAGCB7383J1Z4")
    assert not error.isVisibleTo(viewer)
    _shot(qtbot, viewer, "gst_tax_invoice_customer_gstin.png")
    inter = _save(qtbot, viewer, tmp_path / "inv-inter.pdf")
    split = viewer.doc.tax
    # the line is installed in Tamil Nadu: the GSTIN is printed, the tax stays CGST + SGST
    for expected in ["GSTIN: 29AAGCB7383J1Z4", "Place of supply 33 - Tamil Nadu",
                     "CGST @ 9%", amount_in_words(doc.invoice.amount_paise)]:
        assert expected in inter, expected
    assert "IGST @" not in inter
    assert split.igst_paise == 0
    assert split.tax_paise + split.taxable_paise == doc.invoice.amount_paise
    viewer.close()
    invoice.close()


def test_credit_note_of_a_reversal(qtbot, ctx, tmp_path: Path) -> None:
    """Reversals do not exist yet: this renders the document they will produce."""
    _set_gst(ctx)
    supplier = load_supplier(ctx.settings)
    reversal = Reversal(
        reversal_id="rev-1", dated=date(2026, 12, 2), amount_paise=118_000,
        reason="Payment entered twice", original_kind=DocumentKind.TAX_INVOICE,
        original_number="INV/CBE/00000042", original_date=date(2026, 11, 1),
        customer=Party("Kumaran Textiles", 10_000_007, "4 Mill Road, Tiruppur"),
    )
    doc = reversal_document(ctx.outbox, supplier, reversal)
    assert doc.kind is DocumentKind.CREDIT_NOTE
    assert reversal_document(ctx.outbox, supplier, reversal).number == doc.number
    pdf = _pdf_text(write_pdf(doc, tmp_path / "cn.pdf"))
    for expected in ["CREDIT NOTE", doc.number, "Against INV/CBE/00000042 dated 01-11-2026",
                     "Reason: Payment entered twice", "Taxable value ₹1,000.00",
                     "CGST @ 9% ₹90.00", "SGST @ 9% ₹90.00", "Total ₹1,180.00",
                     "Rupees One Thousand One Hundred Eighty Only"]:
        assert expected in pdf, expected
    refund = reversal_document(ctx.outbox, supplier, Reversal(
        reversal_id="rev-2", dated=date(2026, 12, 2), amount_paise=50_000, reason="Refund",
        original_kind=DocumentKind.RECEIPT_VOUCHER, original_number="R26D1000000000001",
        original_date=date(2026, 11, 27), customer=reversal.customer))
    assert refund.kind is DocumentKind.REFUND_VOUCHER and refund.number.startswith("F26")
    if os.environ.get("PAYMENT_SCREENSHOTS"):
        viewer = GstDocumentViewer(ctx, doc)
        qtbot.addWidget(viewer)
        viewer.show()
        _shot(qtbot, viewer, "gst_credit_note.png")
        viewer.close()


def test_refund_voucher_names_the_receipt_voucher_of_the_advance(ctx) -> None:
    """CGST Rules, rule 51(d): a refund voucher gives the number and date of the receipt
    voucher it refunds: the R... number the customer holds, not the server's PAY/... number
    or the receipt number."""
    _set_gst(ctx)
    supplier = load_supplier(ctx.settings)
    data = _advance_receipt(ctx)
    voucher = receipt_voucher(ctx.outbox, supplier, data)
    payment_uuid = ctx.outbox.get(data.mutation_id).payload["payment_uuid"]
    payment = replace(find_payment(ctx.cache_engine, ctx.outbox, payment_uuid),
                      document_number="PAY/CBE/26-27/000000012")
    refund = reversal_document(ctx.outbox, supplier, payment_reversal(
        payment, reversal_id="rev-rv", cause=ReversalCause.VOID, reason="Paid twice",
        approved_by="staff.cbe", reversed_at=TAKEN, zone="Asia/Kolkata"))
    assert refund.kind is DocumentKind.REFUND_VOUCHER
    assert (refund.original_number, refund.original_date) == (voucher.number, voucher.dated)
    assert refund.receipt_number == data.receipt_number


def test_gst_settings_refuse_a_gstin_of_another_state(qtbot, ctx) -> None:
    dialog = GstSettingsDialog(ctx.settings)
    qtbot.addWidget(dialog)
    save = dialog.findChild(QPushButton, "saveGstSettings")
    qtbot.keyClicks(dialog.findChild(QLineEdit, "gstLegalName"), GST["legal_name"])
    dialog.address.setPlainText(GST["address"])
    qtbot.keyClicks(dialog.findChild(QLineEdit, "gstGstin"), "29AAGCB7383J1Z4")
    error = dialog.findChild(QLabel, "gstSettingsError").text()
    assert "registered in Karnataka (29)" in error and "Tamil Nadu (33)" in error
    assert not save.isEnabled()
    dialog.gstin.clear()
    qtbot.keyClicks(dialog.gstin, "33aaccm9093r1zp")
    assert save.isEnabled()
    _shot(qtbot, dialog, "gst_settings.png")
    qtbot.mouseClick(save, LEFT)
    supplier = load_supplier(ctx.settings)
    assert (supplier.gstin, supplier.state_code, supplier.sac, supplier.rate_bp) == \
        ("33AACCM9093R1ZP", "33", "998422", 1800)


@pytest.mark.parametrize("rate", ["abc", "-5", "18.555"])
def test_a_bad_rate_in_settings_makes_no_document(ctx, rate: str) -> None:
    _set_gst(ctx)
    ctx.settings.setValue(KEYS["rate"], rate)
    with pytest.raises(ValueError, match="rate"):
        load_supplier(ctx.settings)


def test_settings_open_the_gst_details(qtbot, ctx) -> None:
    from desktop.settings.dialog import SettingsDialog

    settings = SettingsDialog(ctx.settings)
    qtbot.addWidget(settings)
    settings.show()
    qtbot.mouseClick(settings.findChild(QPushButton, "settingsGst"), LEFT)
    gst = settings.gst_dialog
    assert gst.objectName() == "gstSettingsDialog" and gst.isVisible()
    assert gst.findChild(QLineEdit, "gstSac").text() == "998422"
    gst.reject()
