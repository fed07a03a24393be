"""A GST document on screen, with the customer's GSTIN (optional), Print and Save as PDF;
and the two ways to open one: from a receipt and from an invoice."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from billing.documents import GstDocument, Supplier, with_customer_gstin
from db.account_details.invoices import InvoiceDocument
from desktop.documents.gst_document import document_html, write_pdf
from desktop.documents.gst_settings import load_supplier
from desktop.documents.sources import receipt_voucher, tax_invoice
from desktop.language.i18n import Retranslating, fill
from desktop.payments.messages import error_text
from desktop.payments.receipt_data import ReceiptData
from desktop.runtime.context import AppContext
from desktop.runtime.tasks import TaskControl
from desktop.widgets.pdf import text_document

log = logging.getLogger(__name__)

_ERROR_STYLE = "color: #b00020;"


class GstDocumentViewer(Retranslating, QDialog):
    """One GST document (non-modal: it follows a language switch while open)."""

    pdf_saved = Signal(str)
    pdf_failed = Signal(str)

    def __init__(self, ctx: AppContext, doc: GstDocument, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.doc = doc
        self.setObjectName("gstDocumentViewer")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(f"{doc.kind.heading.title()} {doc.number} — {doc.customer.name}")
        # The document itself (its heading, fields and the law's wording) stays as issued:
        # see docs/i18n.md. The window around it speaks the interface language.
        self.resize(780, 820)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("gstDocumentText")
        self.customer_gstin = QLineEdit(doc.customer.gstin or "", self)
        self.customer_gstin.setObjectName("customerGstin")
        self.customer_gstin.setMaxLength(20)
        self.gstin_error = QLabel(self)
        self.gstin_error.setObjectName("customerGstinError")
        self.gstin_error.setWordWrap(True)
        self.gstin_error.setStyleSheet(_ERROR_STYLE)
        self.gstin_error.hide()
        self._gstin_refusal: ValueError | None = None
        form = QFormLayout()
        self.gstin_label = QLabel(self)
        self.gstin_label.setBuddy(self.customer_gstin)
        form.addRow(self.gstin_label, self.customer_gstin)
        self.message = QLabel(self)
        self.message.setObjectName("gstDocumentMessage")
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.print_button = QPushButton(self)
        self.print_button.setObjectName("printGstDocument")
        self.print_button.clicked.connect(self._on_print)
        self.pdf_button = QPushButton(self)
        self.pdf_button.setObjectName("saveGstDocumentPdf")
        self.pdf_button.clicked.connect(self._on_pdf)
        self.close_button = close = QPushButton(self)
        close.setObjectName("closeGstDocument")
        close.clicked.connect(self.close)
        for button in (self.print_button, self.pdf_button, close):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addLayout(form)
        layout.addWidget(self.gstin_error)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.customer_gstin.textChanged.connect(self._on_gstin)
        self.retranslate_ui()
        self._show()

    def retranslate_ui(self) -> None:
        self.customer_gstin.setPlaceholderText(self.tr("only for a GST-registered customer"))
        self.gstin_label.setText(self.tr("Customer &GSTIN:"))
        self.print_button.setText(self.tr("&Print…"))
        self.pdf_button.setText(self.tr("Save as P&DF…"))
        self.close_button.setText(self.tr("Close"))
        if self._gstin_refusal is not None:
            self.gstin_error.setText(error_text(self._gstin_refusal))

    def _show(self) -> None:
        self.browser.setHtml(document_html(self.doc))

    @Slot()
    def _on_gstin(self) -> None:
        """Re-issue the same document for the GSTIN typed; refused next to the field."""
        try:
            self.doc = with_customer_gstin(self.doc, self.customer_gstin.text())
        except ValueError as exc:
            self._gstin_refusal = exc
            self.gstin_error.setText(error_text(exc))
            self.gstin_error.show()
            self.pdf_button.setEnabled(False)
            self.print_button.setEnabled(False)
            return
        self._gstin_refusal = None
        self.gstin_error.hide()
        self.message.setText("")
        self.pdf_button.setEnabled(True)
        self.print_button.setEnabled(True)
        self._show()

    def suggested_file_name(self) -> str:
        return f"{self.doc.kind.value}-{self.doc.number.replace('/', '-')}.pdf"

    def save_pdf(self, path: Path) -> None:
        """Write the PDF on a worker (file IO never runs on the GUI thread)."""
        doc = self.doc

        def work(_control: TaskControl) -> str:
            return str(write_pdf(doc, path))

        self.pdf_button.setEnabled(False)
        self.message.setText(fill(self.tr("Saving %1…"), Path(path).name))
        task = self.ctx.tasks.run_net(f"gst pdf {doc.number}", work)
        task.done.connect(self._on_pdf_saved)
        task.error.connect(self._on_pdf_failed)

    @Slot(object)
    def _on_pdf_saved(self, path: object) -> None:
        self.pdf_button.setEnabled(True)
        self.message.setText(fill(self.tr("Saved %1"), path))
        self.pdf_saved.emit(str(path))

    @Slot(object)
    def _on_pdf_failed(self, exc: object) -> None:
        self.pdf_button.setEnabled(True)
        self.message.setText(fill(self.tr("The PDF could not be saved: %1"), exc))
        self.pdf_failed.emit(str(exc))

    @Slot()
    def _on_pdf(self) -> None:  # pragma: no cover - needs a real file dialog
        folder = Path(str(self.ctx.settings.value("invoices/folder", str(Path.home()), str)))
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save as PDF"), str(folder / self.suggested_file_name()), "PDF (*.pdf)")
        if path:
            self.save_pdf(Path(path))

    @Slot()
    def _on_print(self) -> None:  # pragma: no cover - needs a real print dialog
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec() == QDialog.DialogCode.Accepted:
            text_document(document_html(self.doc)).print_(printer)


class _Opener:
    """Builds a document on the DB worker and shows it; errors go to ``report``."""

    def __init__(self, ctx: AppContext, parent: QWidget | None, report: Any) -> None:
        self.ctx = ctx
        self.parent = parent
        self.report = report
        self.viewer: GstDocumentViewer | None = None

    def run(self, name: str, job: Any) -> None:
        task = self.ctx.tasks.run_db(name, job)
        task.done.connect(self.show)
        task.error.connect(self.fail)

    @Slot(object)
    def show(self, doc: object) -> None:
        assert isinstance(doc, GstDocument)
        self.viewer = GstDocumentViewer(self.ctx, doc, self.parent)
        self.viewer.show()

    @Slot(object)
    def fail(self, exc: object) -> None:
        self.report(no_document_text(exc))


def no_document_text(exc: object) -> str:
    """Why no GST document was made (a refusal from billing.documents / tax / gstin), in the
    interface language."""
    return fill(QCoreApplication.translate("GstDocumentViewer", "No GST document: %1"),
                error_text(exc))


def _supplier_or_report(ctx: AppContext, report: Any) -> Supplier | None:
    try:
        return load_supplier(ctx.settings)
    except ValueError as exc:
        report(no_document_text(exc))
        return None


def open_receipt_voucher(ctx: AppContext, data: ReceiptData, parent: QWidget | None,
                         report: Any) -> _Opener | None:
    """Number (once) and show the receipt voucher of an Advance or Recharge."""
    supplier = _supplier_or_report(ctx, report)
    if supplier is None:
        return None

    def job(_control: TaskControl) -> GstDocument:
        return receipt_voucher(ctx.outbox, supplier, data)

    opener = _Opener(ctx, parent, report)
    opener.run(f"receipt voucher {data.receipt_number}", job)
    return opener


def open_tax_invoice(ctx: AppContext, invoice: InvoiceDocument, parent: QWidget | None,
                     report: Any) -> GstDocumentViewer | None:
    """Show the tax invoice of an invoice (nothing to number: the server did)."""
    supplier = _supplier_or_report(ctx, report)
    if supplier is None:
        return None
    try:
        doc = tax_invoice(supplier, invoice)
    except ValueError as exc:
        report(no_document_text(exc))
        return None
    viewer = GstDocumentViewer(ctx, doc, parent)
    viewer.show()
    return viewer


