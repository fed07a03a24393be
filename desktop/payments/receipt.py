"""The receipt of a payment: its content, the screen/PDF/printer document, and its window.

One :class:`ReceiptData` feeds every form of the receipt (screen, PDF, Qt printer, ESC/POS
thermal printer), so they cannot disagree. Printing and saving run off the GUI thread; each
print is counted in the outbox and every print after the first says DUPLICATE.
"""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QSizeF, QStandardPaths, Qt, Signal, Slot
from PySide6.QtGui import QPageSize, QTextDocument
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

from billing.documents import GstDocument, document_kind_for_payment
from billing.money import amount_in_words, format_inr
from billing.money_ta import amount_in_words_ta
from billing.phone import format_mobile
from billing.rules import PaymentMethod, PaymentOption, balance_after
from db.outbox import Mutation
from db.receipt_prints import record_receipt_print
from desktop.accounts.account_codes import account_codes_html
from desktop.detail.format import method_text
from desktop.language.i18n import TAMIL, Retranslating, current_language, fill
from desktop.runtime.context import AppContext
from desktop.runtime.tasks import TaskControl
from desktop.widgets.pdf import text_document, write_html_pdf
from sync.offline_verifiers import OfflineVerifiers

log = logging.getLogger(__name__)

translate = QCoreApplication.translate
"""Qt's translate under the name lupdate looks for (``translate("Context", "text")``)."""

#: Receipt width: 80 mm thermal paper; the PDF is the same strip, so it reads like the slip.
RECEIPT_WIDTH_MM = 80.0


@dataclass(frozen=True)
class ReceiptData:
    """Everything a receipt says."""

    receipt_number: str
    account_id: int
    account_name: str
    mobile: str
    option: PaymentOption
    method: PaymentMethod
    reference: str | None
    amount_paise: int
    balance_before_paise: int
    balance_after_paise: int
    cashier: str
    taken_at: datetime
    zone: str
    pending_sync: bool
    plan_name: str | None = None
    new_expiry: date | None = None
    tendered_paise: int | None = None
    document_number: str | None = None
    duplicate: bool = False
    company: str = "Terabyte Broadband"
    branch: str | None = None
    header: tuple[str, ...] = ()
    """Lines from settings (``receipts/header``): address, GSTIN, phone."""
    mutation_id: str | None = None
    """The outbox write behind this receipt (to follow it until the server confirms)."""

    @property
    def device_code(self) -> str:
        return self.receipt_number.rsplit("-", 1)[0]

    @property
    def change_paise(self) -> int | None:
        if self.tendered_paise is None:
            return None
        return self.tendered_paise - self.amount_paise

    @property
    def local_time(self) -> datetime:
        return self.taken_at.astimezone(ZoneInfo(self.zone))

    @property
    def words(self) -> str:
        return amount_in_words(self.amount_paise)

    def as_duplicate(self) -> ReceiptData:
        return replace(self, duplicate=True)

    def with_server_answer(self, mutation: Mutation) -> ReceiptData:
        """This receipt once the server has answered: no longer PENDING SYNC, with the
        server's balance and document number."""
        if not mutation.state.acknowledged:
            return self
        answer = (mutation.result or {}).get("payment") or {}
        return replace(
            self, pending_sync=False,
            balance_after_paise=int(answer.get("balance_after_paise", self.balance_after_paise)),
            document_number=answer.get("document_number") or self.document_number)

    @classmethod
    def from_mutation(
        cls,
        mutation: Mutation,
        *,
        account_name: str,
        mobile: str,
        cashier: str,
        zone: str,
        plan_name: str | None = None,
        new_expiry: date | None = None,
        branch: str | None = None,
        header: tuple[str, ...] = (),
    ) -> ReceiptData:
        """The receipt of a payment mutation; the server's answer, once there, wins."""
        body = mutation.payload
        answer = (mutation.result or {}).get("payment") or {}
        after = balance_after(int(body["balance_before_paise"]), int(body["amount_paise"]),
                              int(body.get("charge_paise") or 0))
        return cls(
            receipt_number=body["receipt_number"],
            account_id=int(mutation.account_id or 0),
            account_name=account_name,
            mobile=mobile,
            option=PaymentOption(body["option"]),
            method=PaymentMethod(body["method"]),
            reference=body.get("reference"),
            amount_paise=int(body["amount_paise"]),
            balance_before_paise=int(body["balance_before_paise"]),
            balance_after_paise=int(answer.get("balance_after_paise", after)),
            cashier=cashier,
            taken_at=datetime.fromtimestamp(int(body["taken_at"]), UTC),
            zone=zone,
            pending_sync=not mutation.state.acknowledged,
            plan_name=plan_name,
            new_expiry=new_expiry,
            tendered_paise=body.get("tendered_paise"),
            document_number=answer.get("document_number"),
            branch=branch,
            header=header,
            mutation_id=mutation.mutation_id,
        )


CONTEXT = "Receipt"
"""The translation context of every receipt text (screen, PDF, printers)."""



def in_tamil() -> bool:
    """True when the app (and so the receipt) is in Tamil: receipts are printed in the
    language the desk is in."""
    app = QCoreApplication.instance()
    return app is not None and current_language(app) == TAMIL


def receipt_words(data: ReceiptData) -> str:
    """The amount in words in the receipt's language (``billing.money_ta`` for Tamil)."""
    return amount_in_words_ta(data.amount_paise) if in_tamil() else data.words


def _option_title(option: PaymentOption) -> str:
    return {
        PaymentOption.PAYMENT: translate("Receipt", "Payment received"),
        PaymentOption.ADVANCE: translate("Receipt", "Advance received"),
        PaymentOption.RECHARGE: translate("Receipt", "Recharge"),
    }[option]


def receipt_fields(data: ReceiptData, *, rupee: str = "₹") -> list[tuple[str, str]]:
    """The receipt's labelled lines, in order (shared by every form of the receipt), in
    the interface language; figures (numbers, amounts, dates) are digits in both."""

    def money(paise: int) -> str:
        return format_inr(paise).replace("₹", rupee)

    fields = [
        (translate("Receipt", "Receipt No"), data.receipt_number),
        (translate("Receipt", "Date"), data.local_time.strftime("%d-%m-%Y %H:%M")),
        (translate("Receipt", "Account ID"), str(data.account_id)),
        (translate("Receipt", "Name"), data.account_name),
        (translate("Receipt", "Mobile"), format_mobile(data.mobile)),
        (translate("Receipt", "For"), _option_title(data.option)),
    ]
    if data.plan_name:
        fields.append((translate("Receipt", "Plan"), data.plan_name))
    if data.new_expiry:
        fields.append((translate("Receipt", "Valid until"), data.new_expiry.strftime("%d-%m-%Y")))
    fields.append((translate("Receipt", "Amount"), money(data.amount_paise)))
    fields.append((translate("Receipt", "Method"), method_text(data.method.value)))
    if data.reference:
        fields.append((translate("Receipt", "Reference"), data.reference))
    if data.tendered_paise is not None and data.method is PaymentMethod.CASH:
        fields.append((translate("Receipt", "Tendered"), money(data.tendered_paise)))
        fields.append((translate("Receipt", "Change"), money(data.change_paise or 0)))
    fields.append((translate("Receipt", "New balance"), money(data.balance_after_paise)))
    if data.document_number:
        fields.append((translate("Receipt", "Document No"), data.document_number))
    fields.append((translate("Receipt", "Cashier"), data.cashier))
    return fields


def status_marks(data: ReceiptData) -> list[str]:
    marks = []
    if data.duplicate:
        marks.append(translate("Receipt", "DUPLICATE"))
    if data.pending_sync:
        marks.append(translate("Receipt", "PENDING SYNC"))
    return marks


def receipt_html(data: ReceiptData) -> str:
    """The receipt as simple HTML for the screen, the PDF and Qt's printers."""
    rows = "".join(
        f"<tr><td style='color:#555;padding-right:8px'>{html.escape(k)}</td>"
        f"<td><b>{html.escape(v)}</b></td></tr>"
        for k, v in receipt_fields(data)
    )
    marks = "".join(
        f"<p align='center' style='color:#b00020;font-weight:bold;font-size:13pt'>"
        f"{html.escape(m)}</p>"
        for m in status_marks(data)
    )
    branch = "".join(f"<br/>{html.escape(line)}" for line in (data.branch, *data.header) if line)
    note = (
        "<p align='center' style='color:#555;font-size:8pt'>"
        + html.escape(translate("Receipt", "Recorded on this counter; it reaches head office "
                                "when the link is up. Balance shown is provisional."))
        + "</p>"
        if data.pending_sync
        else ""
    )
    title = html.escape(translate("Receipt", "RECEIPT"))
    thanks = html.escape(translate("Receipt", "Thank you."))
    return (
        "<html><body style='font-family:sans-serif;font-size:10pt'>"
        f"<p align='center'><b style='font-size:13pt'>{html.escape(data.company)}</b>{branch}"
        f"<br/>{title}</p>"
        f"{marks}<table width='100%' cellspacing='0' cellpadding='2'>{rows}</table>"
        f"<p><i>{html.escape(receipt_words(data))}</i></p>{note}"
        # The Account ID as Code 128 and QR: the next visit starts with one scan.
        f"{account_codes_html(data.account_id)}"
        f"<p align='center' style='font-size:8pt'>{thanks}</p>"
        "</body></html>"
    )


def receipt_document(data: ReceiptData) -> QTextDocument:
    return text_document(receipt_html(data))


def write_pdf(data: ReceiptData, path: Path) -> Path:
    """Save the receipt as a PDF (a receipt-width page); safe off the GUI thread."""
    height = 180.0 + 8 * len(status_marks(data))  # 30 mm of it for the barcode and QR
    page = QPageSize(QSizeF(RECEIPT_WIDTH_MM, height), QPageSize.Unit.Millimeter)
    return write_html_pdf(receipt_html(data), path,
                          title=fill(translate("Receipt", "Receipt %1"), data.receipt_number),
                          page=page, margins_mm=4)


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


def _print_count_and_data(ctx: AppContext, data: ReceiptData, target: str) -> ReceiptData:
    """Count this print in the outbox; a receipt printed before comes out as DUPLICATE."""
    before = record_receipt_print(ctx.outbox, data.receipt_number, ctx.user.username, target)
    return data.as_duplicate() if before > 0 or data.duplicate else data


def _save_pdf_job(ctx: AppContext, data: ReceiptData, path: Path, _control: TaskControl) -> Path:
    return write_pdf(_print_count_and_data(ctx, data, "pdf"), path)


def gst_voucher_for(ctx: AppContext, data: ReceiptData) -> GstDocument | None:
    """The GST receipt voucher of this payment (numbered once per receipt), or None when
    billing gives the payment none (a Payment of dues) or the GST settings cannot make one
    (logged: the receipt itself still prints)."""
    if document_kind_for_payment(data.option) is None:
        return None
    from desktop.documents.gst_settings import load_supplier
    from desktop.documents.sources import receipt_voucher  # it imports this module

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
    print_receipt(target, _print_count_and_data(ctx, data, "escpos"),
                  paper_mm=desk.paper_mm, tamil_mode=desk.tamil_mode,
                  gst=gst_voucher_for(ctx, data))
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
        self.print_button = self._button("printReceipt", self._on_print, buttons)
        self.pdf_button = self._button("saveReceiptPdf", self._on_pdf, buttons)
        self.thermal_button = self._button("printThermal", self._on_thermal, buttons)
        self.recharge_button = self._button("rechargeNow", self._on_recharge, buttons)
        self.recharge_button.setVisible(offer_recharge)
        self.gst_button = self._button("gstReceiptVoucher", self._on_gst_voucher, buttons)
        self.gst_button.setVisible(data.option is not PaymentOption.PAYMENT)
        self._gst_opener: object | None = None
        self.close_button = self._button("closeReceipt", self.close, buttons)
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

    def _button(self, name: str, slot: object, row: QHBoxLayout) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

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
        data = _print_count_and_data(self.ctx, self.data, "printer")
        receipt_document(data).print_(printer)
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
        from desktop.documents.viewer import open_receipt_voucher  # it imports this module

        self._gst_opener = open_receipt_voucher(self.ctx, self.data, self, self.status.setText)

    @Slot()
    def _on_recharge(self) -> None:
        from desktop.payments.flow import start_payment  # the flow imports this module

        self.recharge_requested.emit(self.data.account_id)
        start_payment(self.ctx, self.data.account_id, PaymentOption.RECHARGE,
                      self.parentWidget())
        self.close()

