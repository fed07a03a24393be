"""An invoice opens as a printable document and saves as a real PDF."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QTableView, QTextBrowser
from pytestqt.qtbot import QtBot

from desktop.detail.tabs.invoices import InvoicesTab, InvoiceViewer
from desktop.runtime.context import AppContext
from tests.desktop.test_detail_dialog import SCREENSHOTS, open_dialog, wait_tab


def _open_newest_invoice(qtbot: QtBot, ctx: AppContext) -> InvoiceViewer:
    dialog = open_dialog(qtbot, ctx)
    page = wait_tab(qtbot, dialog, "invoices")
    assert isinstance(page, InvoicesTab)
    table = dialog.findChild(QTableView, "invoicesTable")
    table.selectRow(0)
    button = dialog.findChild(QPushButton, "openInvoice")
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(page.viewers), timeout=10_000)
    viewer = page.viewers[-1]
    qtbot.addWidget(viewer)
    return viewer


def test_invoice_opens_as_a_document(qtbot: QtBot, ctx: AppContext) -> None:
    viewer = _open_newest_invoice(qtbot, ctx)
    assert viewer.objectName() == "invoiceDocument" and viewer.isVisible()
    text = viewer.findChild(QTextBrowser, "invoiceText").toPlainText()
    # The bill as the account shows it; it lacks rule 46's GST details (supplier GSTIN,
    # SAC, tax heads, place of supply), so it must not call itself a tax invoice: that one
    # is the "GST tax invoice…" button's document (tests/desktop/test_gst_documents.py).
    assert "TAX INVOICE" not in text.upper()
    for expected in (
        "INVOICE",
        "INV/DGL/00000058",
        "28 Oct 2026",
        "Dinesh R (Account 10000001)",
        "No. 232, VOC Street, Nagal Nagar, Dindigul - 624029",
        "Home 60 Mbps · monthly bill",
        "₹599.00",
        "Five Hundred Ninety",
        "12 Nov 2026",  # pay by: invoice date + 15 days
        "13 Nov 2026",  # suspended on: + 16 days
    ):
        assert expected.lower() in text.lower(), expected
    assert viewer.suggested_file_name() == "INV-DGL-00000058.pdf"
    if os.environ.get("UPDATE_SCREENSHOTS") == "1":
        viewer.resize(720, 760)
        viewer.grab().save(str(SCREENSHOTS / "detail_invoice_document.png"))


def test_invoice_saves_as_pdf(qtbot: QtBot, ctx: AppContext, tmp_path: Path) -> None:
    viewer = _open_newest_invoice(qtbot, ctx)
    target = tmp_path / "out" / viewer.suggested_file_name()
    with qtbot.waitSignal(viewer.pdf_saved, timeout=20_000) as saved:
        viewer.save_pdf(target)
    assert saved.args == [str(target)]
    data = target.read_bytes()
    assert data.startswith(b"%PDF-") and b"%%EOF" in data[-64:]
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(str(target))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())  # pypdf writes gaps as tabs
    assert "INV/DGL/00000058" in text and "599.00" in text and "Dinesh R" in text


def test_print_goes_through_a_print_dialog(qtbot: QtBot, ctx: AppContext, tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    viewer = _open_newest_invoice(qtbot, ctx)
    qtbot.mouseClick(viewer.print_button, Qt.MouseButton.LeftButton)
    shown = viewer.findChild(QPrintDialog, "invoicePrintDialog")
    assert shown is not None and shown.isVisible()
    shown.reject()

    target = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    dialog = viewer.print_document(printer)
    dialog.accept()
    assert target.read_bytes().startswith(b"%PDF-")
