"""The receipt window (``ReceiptDialog``) and what it needs from the desk: the header lines
from Settings, the cashier's name, the GST voucher, and printing and saving off the GUI
thread. Each print is counted in the outbox and every print after the first says DUPLICATE.

What a receipt says is ``receipt_data.ReceiptData``; its text, HTML and PDF are
``receipt_document.py``; the ESC/POS slip is ``escpos_receipt.py``.
"""

from __future__ import annotations

import logging
import threading
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from billing.documents import GstDocument, document_kind_for_payment
from billing.rules import PaymentOption
from db.outbox import Mutation
from db.receipt_prints import receipt_print_count, record_receipt_print
from desktop.documents.gst_settings import load_supplier
from desktop.documents.sources import receipt_voucher
from desktop.documents.viewer import open_receipt_voucher
from desktop.language.i18n import Retranslating, fill
from desktop.payments.form_parts import named_button
from desktop.payments.receipt_data import ReceiptData
from desktop.payments.receipt_document import receipt_document, receipt_html, write_pdf
from desktop.runtime.context import AppContext
from desktop.runtime.tasks import TaskControl
from sync.offline_verifiers import OfflineVerifiers

log = logging.getLogger(__name__)

translate = QCoreApplication.translate
"""Qt's translate under the name lupdate looks for (``translate("Context", "text")``)."""

_PRINTING = threading.Lock()
"""One print or PDF at a time: jobs run on a pool of threads, and a second print started
while the first is under way (a double click) must see the first one counted, so that it
comes out as DUPLICATE rather than as a second original."""


def header_lines(ctx: AppContext) -> tuple[str, ...]:
    """The receipt header set in Settings (``receipts/header``), one entry per line."""
    text = str(ctx.settings.value("receipts/header", "", str) or "")
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def cashier_name(ctx: AppContext, username: str) -> str:
    """The person's name a receipt shows for the user who took a payment: the signed-in
    user's, else that of anyone who signed in on this PC, else the user name."""
    if username == ctx.user.username:
        return ctx.user.display_name
    return OfflineVerifiers(ctx.data_dir).display_name(username) or username


def default_pdf_path(data: ReceiptData) -> Path:
    """Where Save as PDF suggests the file: the user's documents folder."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder or Path.home()) / f"receipt-{data.receipt_number}.pdf"


def _mutation_job(ctx: AppContext, mutation_id: str, _control: TaskControl) -> Mutation | None:
    return ctx.outbox.get(mutation_id)


def _print_data(ctx: AppContext, data: ReceiptData) -> ReceiptData:
    """The receipt as the next print shows it: one printed before comes out as DUPLICATE."""
    before = receipt_print_count(ctx.outbox, data.receipt_number)
    return data.as_duplicate() if before > 0 or data.duplicate else data


def _count_print(ctx: AppContext, data: ReceiptData, target: str) -> None:
    """Count a print that came out, once it has: a print that failed (printer offline, no
    paper, a file that could not be written) gave the customer nothing, so the next print
    is still the original."""
    record_receipt_print(ctx.outbox, data.receipt_number, ctx.user.username, target)


def _save_pdf_job(ctx: AppContext, data: ReceiptData, path: Path, _control: TaskControl) -> Path:
    with _PRINTING:
        written = write_pdf(_print_data(ctx, data), path)
        _count_print(ctx, data, "pdf")
    return written


def gst_voucher_for(ctx: AppContext, data: ReceiptData) -> GstDocument | None:
    """The GST receipt voucher of this payment (numbered once per receipt), or None when
    billing gives the payment none (a Payment of dues) or the GST settings cannot make one
    (logged: the receipt itself still prints)."""
    if document_kind_for_payment(data.option) is None:
        return None
    try:
        return receipt_voucher(ctx.outbox, load_supplier(ctx.settings), data)
    except ValueError as exc:
        log.warning("receipt %s printed without GST figures: %s", data.receipt_number, exc)
        return None


def _escpos_job(ctx: AppContext, data: ReceiptData, printer: object,
                _control: TaskControl) -> str:
    from desktop.payments.escpos_receipt import open_configured_printer, print_receipt
    from desktop.settings.dialog import DeskSettings

    target = printer if printer is not None else open_configured_printer(ctx.settings)
    if target is None:
        raise RuntimeError(
            translate("Receipt",
                      "No receipt printer is set up; set one under Settings → Receipt printer."))
    desk = DeskSettings.load(ctx.settings)
    with _PRINTING:
        print_receipt(target, _print_data(ctx, data),
                      paper_mm=desk.paper_mm, tamil_mode=desk.tamil_mode,
                      gst=gst_voucher_for(ctx, data))
        _count_print(ctx, data, "escpos")
    return data.receipt_number


class ReceiptDialog(Retranslating, QDialog):
    """Shows a receipt right after the payment is durable; prints, saves and reprints it."""

    #: A job finished: "pdf", "escpos", "printer"; with the file path or receipt number.
    printed = Signal(str, str)
    failed = Signal(str)
    #: The cashier asks to recharge this (prepaid) account straight after a Payment.
    recharge_requested = Signal(int)

    def __init__(
        self,
        ctx: AppContext,
        data: ReceiptData,
        parent: QWidget | None = None,
        *,
        offer_recharge: bool = False,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data = data
        self.setObjectName("receiptDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.view = QTextBrowser(self)
        self.view.setObjectName("receiptView")
        self.view.setMinimumSize(360, 520)
        self.status = QLabel(self)
        self.status.setObjectName("receiptStatus")
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        self.print_button = named_button(self, "printReceipt", self._on_print, buttons)
        self.pdf_button = named_button(self, "saveReceiptPdf", self._on_pdf, buttons)
        self.thermal_button = named_button(self, "printThermal", self._on_thermal, buttons)
        self.recharge_button = named_button(self, "rechargeNow", self._on_recharge, buttons)
        self.recharge_button.setVisible(offer_recharge)
        self.gst_button = named_button(self, "gstReceiptVoucher", self._on_gst_voucher, buttons)
        self.gst_button.setVisible(data.option is not PaymentOption.PAYMENT)
        self._gst_opener: object | None = None
        self.close_button = named_button(self, "closeReceipt", self.close, buttons)
        self.close_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.retranslate_ui()
        ctx.events.outbox_changed.connect(self._on_outbox_changed)

    def retranslate_ui(self) -> None:
        """The buttons and the receipt itself in the current language (again on a change)."""
        self.setWindowTitle(fill(self.tr("Receipt %1"), self.data.receipt_number))
        self.view.setHtml(receipt_html(self.data))
        for button, text in (
            (self.print_button, self.tr("&Print…")),
            (self.pdf_button, self.tr("Save as P&DF…")),
            (self.thermal_button, self.tr("&Thermal printer")),
            (self.recharge_button, self.tr("&Recharge now")),
            (self.gst_button, self.tr("&GST voucher…")),
            (self.close_button, self.tr("Close")),
        ):
            button.setText(text)

    # -- following the server's answer ---------------------------------------------------------

    @Slot()
    def _on_outbox_changed(self) -> None:
        """A sync answered: a PENDING SYNC receipt turns into the confirmed one."""
        if not self.data.pending_sync or self.data.mutation_id is None:
            return
        task = self.ctx.tasks.run_db("receipt sync state", partial(
            _mutation_job, self.ctx, self.data.mutation_id))
        task.done.connect(self._on_mutation_state)

    @Slot(object)
    def _on_mutation_state(self, mutation: object) -> None:
        if not isinstance(mutation, Mutation) or not self.data.pending_sync:
            return
        confirmed = self.data.with_server_answer(mutation)
        if confirmed.pending_sync:
            return
        self.data = confirmed
        self.view.setHtml(receipt_html(confirmed))
        self.status.setText(
            self.tr("Head office confirmed this payment; prints from now on say so."))

    # -- jobs (also called by tests with a path or a fake printer) ----------------------------

    def save_pdf(self, path: Path) -> None:
        """Write the PDF off the GUI thread; ``printed("pdf", path)`` when done."""
        self.status.setText(self.tr("Saving PDF…"))
        task = self.ctx.tasks.run_net("receipt pdf", partial(_save_pdf_job, self.ctx, self.data,
                                                             Path(path)))
        task.done.connect(self._on_pdf_done)
        task.error.connect(self._on_job_error)

    def print_thermal(self, printer: object | None = None) -> None:
        """Print on the ESC/POS printer from settings (or ``printer``), off the GUI thread."""
        self.status.setText(self.tr("Printing receipt…"))
        task = self.ctx.tasks.run_net(
            "receipt escpos", partial(_escpos_job, self.ctx, self.data, printer)
        )
        task.done.connect(self._on_thermal_done)
        task.error.connect(self._on_job_error)

    @Slot(object)
    def _on_pdf_done(self, path: object) -> None:
        self.status.setText(fill(self.tr("Saved %1"), path))
        self.printed.emit("pdf", str(path))

    @Slot(object)
    def _on_thermal_done(self, number: object) -> None:
        self.status.setText(self.tr("Printed on the receipt printer."))
        self.printed.emit("escpos", str(number))

    @Slot(object)
    def _on_job_error(self, exc: object) -> None:
        self.status.setText(fill(self.tr("Could not print: %1"), exc))
        self.failed.emit(str(exc))

    # -- buttons ------------------------------------------------------------------------------

    @Slot()
    def _on_print(self) -> None:  # pragma: no cover - needs a real print dialog
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        data = _print_data(self.ctx, self.data)
        receipt_document(data).print_(printer)
        _count_print(self.ctx, data, "printer")
        self.printed.emit("printer", data.receipt_number)

    @Slot()
    def _on_pdf(self) -> None:  # pragma: no cover - needs a real file dialog
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save receipt"), str(default_pdf_path(self.data)), "PDF (*.pdf)"
        )
        if name:
            self.save_pdf(Path(name))

    @Slot()
    def _on_thermal(self) -> None:
        self.print_thermal()

    @Slot()
    def _on_gst_voucher(self) -> None:
        """The GST receipt voucher of this Advance or Recharge (desktop.documents)."""
        self._gst_opener = open_receipt_voucher(self.ctx, self.data, self, self.status.setText)

    @Slot()
    def _on_recharge(self) -> None:
        from desktop.payments.flow import start_payment  # the flow imports this module

        self.recharge_requested.emit(self.data.account_id)
        start_payment(self.ctx, self.data.account_id, PaymentOption.RECHARGE,
                      self.parentWidget())
        self.close()

