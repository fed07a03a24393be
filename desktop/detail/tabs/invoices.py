"""Invoice: the full invoice history; an invoice opens as a printable document that prints
or saves as PDF."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from db.account_details.invoices import (
    InvoiceDocument,
    InvoiceRow,
    load_invoice_document,
    load_invoices,
)
from desktop.accounts.account_codes import with_account_codes
from desktop.detail.format import format_date, format_inr
from desktop.detail.invoice_document import invoice_html, write_pdf
from desktop.detail.table_model import RowsTableModel, fit_columns, make_table_view
from desktop.detail.tabs.base import DetailTab, show_message
from desktop.language.i18n import QT_TRANSLATE_NOOP, Retranslating, fill
from desktop.runtime.context import AppContext
from desktop.runtime.tasks import TaskControl
from desktop.settings.store import setting_str
from desktop.widgets.pdf import text_document

log = logging.getLogger(__name__)

INVOICE_HEADERS = (
    QT_TRANSLATE_NOOP("InvoicesTab", "Invoice"), QT_TRANSLATE_NOOP("InvoicesTab", "Dated"),
    QT_TRANSLATE_NOOP("InvoicesTab", "Period"), QT_TRANSLATE_NOOP("InvoicesTab", "Amount"),
    QT_TRANSLATE_NOOP("InvoicesTab", "Paid"), QT_TRANSLATE_NOOP("InvoicesTab", "Due"),
    QT_TRANSLATE_NOOP("InvoicesTab", "Status"),
)
INVOICE_STATUSES = {
    "open": QT_TRANSLATE_NOOP("InvoicesTab", "Open"),
    "paid": QT_TRANSLATE_NOOP("InvoicesTab", "Paid"),
    "cancelled": QT_TRANSLATE_NOOP("InvoicesTab", "Cancelled"),
}


class InvoiceViewer(Retranslating, QDialog):
    """One invoice as a document, with Print and Save as PDF (non-modal: the window around
    the document follows a language switch while open)."""

    pdf_saved = Signal(str)
    pdf_failed = Signal(str)

    def __init__(
        self, ctx: AppContext, doc: InvoiceDocument, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.doc = doc
        # The Account ID as Code 128 and QR: the customer's next visit starts with a scan.
        self.html = with_account_codes(invoice_html(doc), doc.account_id)
        self.setObjectName("invoiceDocument")
        self.resize(720, 760)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("invoiceText")
        self.browser.setHtml(self.html)
        layout.addWidget(self.browser, 1)
        self.message = QLabel(self)
        self.message.setObjectName("invoiceMessage")
        self.message.setVisible(False)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.print_button = QPushButton(self)
        self.print_button.setObjectName("printInvoice")
        self.print_button.clicked.connect(self._on_print_clicked)
        self.pdf_button = QPushButton(self)
        self.pdf_button.setObjectName("saveInvoicePdf")
        self.pdf_button.clicked.connect(self.ask_pdf_path)
        self.gst_button = QPushButton(self)
        self.gst_button.setObjectName("gstTaxInvoice")
        self.gst_button.clicked.connect(self.open_gst_invoice)
        self.close_button = close = QPushButton(self)
        close.setObjectName("closeInvoice")
        close.clicked.connect(self.close)
        for button in (self.gst_button, self.print_button, self.pdf_button, close):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(
            fill(self.tr("Invoice %1 — %2"), self.doc.invoice.number, self.doc.account_name))
        self.print_button.setText(self.tr("Print…"))
        self.pdf_button.setText(self.tr("Save as PDF…"))
        self.gst_button.setText(self.tr("GST tax invoice…"))
        self.close_button.setText(self.tr("Close"))

    def suggested_file_name(self) -> str:
        return self.doc.invoice.number.replace("/", "-") + ".pdf"

    @Slot()
    def open_gst_invoice(self) -> None:
        """This invoice as a GST tax invoice (desktop.documents), in its own window."""
        from desktop.documents.viewer import open_tax_invoice

        open_tax_invoice(self.ctx, self.doc, self, self._show_gst_error)

    def _show_gst_error(self, text: str) -> None:
        show_message(self.message, text, "error")

    @Slot()
    def ask_pdf_path(self) -> None:
        folder = Path(setting_str(self.ctx.settings, "invoices/folder", str(Path.home())))
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save invoice as PDF"), str(folder / self.suggested_file_name()),
            "PDF (*.pdf)")
        if path:
            self.ctx.settings.setValue("invoices/folder", str(Path(path).parent))
            self.save_pdf(Path(path))

    def save_pdf(self, path: Path) -> None:
        """Write the PDF on a worker (file IO never runs on the GUI thread)."""
        html = self.html

        def work(control: TaskControl) -> str:
            return str(write_pdf(html, path))

        self.pdf_button.setEnabled(False)
        show_message(self.message, fill(self.tr("Saving %1…"), path.name), "ok")
        task = self.ctx.tasks.run_net(f"invoice pdf {self.doc.invoice.number}", work)
        task.done.connect(self._on_pdf_saved)
        task.error.connect(self._on_pdf_failed)

    @Slot(object)
    def _on_pdf_saved(self, path: object) -> None:
        self.pdf_button.setEnabled(True)
        show_message(self.message, fill(self.tr("Saved %1"), path), "ok")
        self.pdf_saved.emit(str(path))

    @Slot(object)
    def _on_pdf_failed(self, exc: object) -> None:
        self.pdf_button.setEnabled(True)
        show_message(self.message, fill(self.tr("The PDF could not be saved: %1"), exc), "error")
        self.pdf_failed.emit(str(exc))

    @Slot()
    def _on_print_clicked(self) -> None:
        self.print_document()

    def print_document(self, printer: Any = None) -> Any:
        """Ask where to print (window-modal, non-blocking); print when accepted.

        Returns the print dialog. ``printer`` (a ``QPrinter``) may come preset, e.g. to a file.
        """
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter  # on first use only

        self._printer = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(self._printer, self)
        dialog.setObjectName("invoicePrintDialog")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._print_accepted)
        # Window-modal and non-blocking (QPrintDialog.open() wants a receiver in PySide6).
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()
        return dialog

    @Slot()
    def _print_accepted(self) -> None:
        text_document(self.html).print_(self._printer)


class InvoicesTab(DetailTab):
    title = "Invoice"

    def build(self, content: QWidget) -> None:
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.summary = QLabel(content)
        self.summary.setObjectName("invoicesSummary")
        top.addWidget(self.summary, 1)
        self.open_button = QPushButton(content)
        self.open_button.setObjectName("openInvoice")
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self.open_selected)
        top.addWidget(self.open_button)
        layout.addLayout(top)
        self.model = RowsTableModel(INVOICE_HEADERS, right_aligned=(3, 4, 5), parent=self)
        self.table = make_table_view("invoicesTable", self.model, content)
        fit_columns(self.table, (140, 95, 190, 95, 95, 95))
        self.table.doubleClicked.connect(self._on_double_clicked)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        layout.addWidget(self.table, 1)
        self.message = QLabel(content)
        self.message.setObjectName("invoicesMessage")
        self.message.setVisible(False)
        layout.addWidget(self.message)
        self.viewers: list[InvoiceViewer] = []

    def retranslate_ui(self) -> None:
        self.model.set_headers([self.tr(header) for header in INVOICE_HEADERS])
        self.open_button.setText(self.tr("Open invoice"))

    def fetch(self) -> list[InvoiceRow]:
        return load_invoices(self.ctx.cache_engine, self.account_id)

    def populate(self, data: list[InvoiceRow]) -> None:
        rows = [
            (
                i.number,
                format_date(i.invoice_date),
                f"{format_date(i.period_start)} – {format_date(i.period_end)}",
                format_inr(i.amount_paise),
                format_inr(i.paid_paise),
                format_inr(i.outstanding_paise),
                self.tr(INVOICE_STATUSES[i.status]) if i.status in INVOICE_STATUSES
                else i.status.capitalize(),
            )
            for i in data
        ]
        self.model.set_rows(
            rows, row_state=["issue" if i.status == "open" else "" for i in data], payloads=data
        )
        open_due = sum(i.outstanding_paise for i in data if i.status == "open")
        if data:
            self.summary.setText(fill(self.tr(
                "%n invoice(s); %1 open. Double-click an invoice to open it.", "", len(data)),
                format_inr(open_due)))
        else:
            self.summary.setText(self.tr(
                "No invoices: prepaid accounts pay per recharge (see Order and Payment)."))
        self.open_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    @Slot()
    def _on_selection(self) -> None:
        self.open_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    @Slot(QModelIndex)
    def _on_double_clicked(self, index: QModelIndex) -> None:
        self.open_invoice(self.model.payload(index.row()).id)

    @Slot()
    def open_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.open_invoice(self.model.payload(rows[0].row()).id)

    def open_invoice(self, invoice_id: int) -> None:
        """Load the invoice on the worker, then show it as a document."""
        engine = self.ctx.cache_engine

        def work(control: TaskControl) -> InvoiceDocument | None:
            return load_invoice_document(engine, invoice_id)

        task = self.ctx.tasks.run_db(f"invoice {invoice_id}", work)
        task.done.connect(self._on_document)

    @Slot(object)
    def _on_document(self, doc: object) -> None:
        if not isinstance(doc, InvoiceDocument):
            show_message(self.message, self.tr("That invoice is no longer in the local copy."),
                         "error")
            return
        viewer = InvoiceViewer(self.ctx, doc, self.window())
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        viewer.destroyed.connect(self._forget_viewers)
        self.viewers.append(viewer)
        viewer.show()

    @Slot()
    def _forget_viewers(self) -> None:
        self.viewers = [v for v in self.viewers if isValid(v) and v.isVisible()]
