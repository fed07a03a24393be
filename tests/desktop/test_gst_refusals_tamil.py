"""The GST tax and document refusals (billing.tax.TaxError, billing.documents.DocumentError)
reach the desk in Tamil when it is in Tamil: GST settings, the receipt's and the invoice's
GST document buttons, the document window's customer GSTIN, the day close's GST panel. Each
refusal carries a message id that desktop/payments/messages.py words; English stays exactly
what billing wrote (tests/billing/test_messages.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPlainTextEdit, QPushButton

from billing.tax import parse_rate
from db.account_details.invoices import load_invoice_document
from desktop.detail.tabs.invoices import InvoiceViewer
from desktop.documents.gst_settings import KEYS, GstSettingsDialog
from desktop.documents.viewer import GstDocumentViewer
from desktop.payments.day_close_report import gst_html
from desktop.payments.messages import error_text
from desktop.payments.receipt import ReceiptDialog
from tests.desktop.i18n_helpers import has_tamil, tamil
from tests.desktop.test_gst_documents import _advance_receipt, _invoice_id, _set_gst, _viewer

LEFT = Qt.MouseButton.LeftButton


def _retype(qtbot, field: QLineEdit, text: str) -> None:
    field.clear()
    qtbot.keyClicks(field, text)


def test_gst_settings_word_tax_and_document_refusals_in_tamil(qtbot, qapp, ctx) -> None:
    _set_gst(ctx)
    with tamil(qapp):
        dialog = GstSettingsDialog(ctx.settings)
        qtbot.addWidget(dialog)
        dialog.show()
        error = dialog.findChild(QLabel, "gstSettingsError")
        save = dialog.findChild(QPushButton, "saveGstSettings")
        rate = dialog.findChild(QLineEdit, "gstRate")
        assert error.text() == "" and save.isEnabled()

        _retype(qtbot, rate, "eighteen")
        assert error.text() == ("ஜிஎஸ்டி விகிதம் eighteen ஒரு சதவீதம் அல்ல; 18 அல்லது 12.5 "
                                "போலத் தட்டச்சு செய்யவும்.")
        assert not save.isEnabled()
        rate.clear()
        assert error.text() == ("ஜிஎஸ்டி விகிதத்தை உள்ளிடவும்; 18 அல்லது 12.5 போலத் தட்டச்சு "
                                "செய்யவும்.")
        _retype(qtbot, rate, "18.01")
        assert has_tamil(error.text()) and "18.01%" in error.text()
        assert "0% முதல் 100% வரை" in error.text() and "usable" not in error.text()
        _retype(qtbot, rate, "18")

        sac = dialog.findChild(QLineEdit, "gstSac")
        _retype(qtbot, sac, "9984")
        assert error.text() == "SAC 9984 என்பது 998422 போன்ற 6 இலக்க சேவைக் குறியீடு அல்ல."
        _retype(qtbot, sac, "998422")

        address = dialog.findChild(QPlainTextEdit, "gstAddress")
        address.clear()
        assert error.text() == "நிறுவனத்தின் முகவரியை அமைப்புகள் → ஜிஎஸ்டி இல் அமைக்கவும்."
        qtbot.keyClicks(address, "Coimbatore")
        legal = dialog.findChild(QLineEdit, "gstLegalName")
        legal.clear()
        assert error.text() == ("நிறுவனத்தின் சட்டப்பூர்வப் பெயரை அமைப்புகள் → ஜிஎஸ்டி இல் "
                                "அமைக்கவும்.")
        dialog.close()


def test_a_receipt_without_gst_settings_says_what_to_set_in_tamil(qtbot, qapp, ctx) -> None:
    data = _advance_receipt(ctx)
    with tamil(qapp):
        receipt = ReceiptDialog(ctx, data)
        qtbot.addWidget(receipt)
        qtbot.mouseClick(receipt.findChild(QPushButton, "gstReceiptVoucher"), LEFT)
        status = receipt.findChild(QLabel, "receiptStatus").text()
        assert status == ("ஜிஎஸ்டி ஆவணம் இல்லை: நிறுவனத்தின் GSTIN ஐ அமைப்புகள் → ஜிஎஸ்டி இல் "
                          "அமைக்கவும்.")
        assert not any(isinstance(w, GstDocumentViewer) for w in QApplication.topLevelWidgets())
        receipt.close()


def test_an_invoice_with_a_bad_rate_setting_is_refused_in_tamil(qtbot, qapp, ctx) -> None:
    _set_gst(ctx)
    ctx.settings.setValue(KEYS["rate"], "eighteen")
    doc = load_invoice_document(ctx.cache_engine, _invoice_id(ctx))
    assert doc is not None
    with tamil(qapp):
        invoice = InvoiceViewer(ctx, doc)
        qtbot.addWidget(invoice)
        qtbot.mouseClick(invoice.findChild(QPushButton, "gstTaxInvoice"), LEFT)
        message = invoice.findChild(QLabel, "invoiceMessage").text()
        assert message.startswith("ஜிஎஸ்டி ஆவணம் இல்லை: ஜிஎஸ்டி விகிதம் eighteen"), message
        assert "percentage" not in message and "No GST document" not in message
        invoice.close()


def test_the_document_windows_customer_gstin_is_refused_in_tamil(qtbot, qapp, ctx) -> None:
    _set_gst(ctx)
    doc = load_invoice_document(ctx.cache_engine, _invoice_id(ctx))
    assert doc is not None
    invoice = InvoiceViewer(ctx, doc)
    qtbot.addWidget(invoice)
    qtbot.mouseClick(invoice.findChild(QPushButton, "gstTaxInvoice"), LEFT)
    viewer = _viewer(qtbot)
    with tamil(qapp):
        qtbot.keyClicks(viewer.findChild(QLineEdit, "customerGstin"), "29AAGCB7383J1Z5")
        error = viewer.findChild(QLabel, "customerGstinError")
        assert has_tamil(error.text()) and "29AAGCB7383J1Z5" in error.text()
        assert "check character" not in error.text()
    viewer.close()
    invoice.close()


def test_the_day_close_says_why_gst_is_not_shown_in_tamil(qapp, ctx) -> None:
    try:
        parse_rate("eighteen")
    except ValueError as exc:
        refused = exc
    english = gst_html(ctx, 0, error_text(refused))
    assert "GST totals not shown: GST rate eighteen is not a percentage" in english
    with tamil(qapp):
        shown = gst_html(ctx, 0, error_text(refused))
    assert "ஜிஎஸ்டி மொத்தங்கள் காட்டப்படவில்லை: ஜிஎஸ்டி விகிதம் eighteen" in shown
