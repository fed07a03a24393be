"""The "pay later by UPI" slip: a customer who will pay an Advance or their dues later takes
a slip with the UPI QR for the amount, on the thermal printer (the printer's own QR command,
``GS ( k``) or any Qt printer.

Nothing is recorded when the slip is printed: no money has moved. The intent's ``tr`` is
``billing.upi.pay_later_reference`` (the account and the day), because no receipt number
exists yet; when the money arrives, the payment is recorded as any UPI payment, with the UTR
the customer's app (or the bank statement) shows.
"""

from __future__ import annotations

import html
import logging
import textwrap
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from escpos.constants import QR_ECLEVEL_M
from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from billing.money import format_inr
from billing.rules import PaymentOption
from billing.upi import pay_later_reference, upi_intent
from desktop.accounts.account_codes import image_html, text_qr_png
from desktop.detail.format import option_text
from desktop.language.i18n import Retranslating, fill
from desktop.payments.escpos_raster import PAPER_DOTS, RASTER, RasterTextPrinter
from desktop.payments.form_parts import named_button
from desktop.runtime.context import AppContext
from desktop.runtime.tasks import TaskControl
from desktop.settings.upi_payee import Payee

log = logging.getLogger(__name__)

#: The printer's QR module size in dots (1-16): 6 makes a ~35 mm code of a UPI intent on
#: 80 mm paper, comfortably scanned by a phone.
ESCPOS_QR_SIZE = 6
_LINE_CHARS = {58: 32, 80: 48}


translate = QCoreApplication.translate
"""Qt's translate under the name lupdate looks for (``translate("Context", "text")``)."""


@dataclass(frozen=True)
class PayLaterSlip:
    """What a pay-later slip says."""

    account_id: int
    account_name: str
    option: PaymentOption
    amount_paise: int
    payee: Payee
    issued_at: datetime
    zone: str
    company: str = "Terabyte Broadband"
    header: tuple[str, ...] = ()

    @property
    def reference(self) -> str:
        return pay_later_reference(self.account_id, self.local_time.date())

    @property
    def local_time(self) -> datetime:
        return self.issued_at.astimezone(ZoneInfo(self.zone))

    @property
    def intent(self) -> str:
        """The ``upi://pay`` intent the QR carries; UpiError if the payee is unusable."""
        what = "Dues" if self.option is PaymentOption.PAYMENT else self.option.label
        return upi_intent(self.payee.vpa, self.payee.name, self.amount_paise, self.reference,
                          f"{what} account {self.account_id}")

    @property
    def title(self) -> str:
        return translate("PayLaterSlip", "PAY LATER BY UPI")

    def fields(self, rupee: str = "₹") -> list[tuple[str, str]]:
        """The slip's labelled lines in the interface language (the QR's own note to the
        customer's UPI app stays as :attr:`intent` makes it)."""
        what = (translate("PayLaterSlip", "Dues") if self.option is PaymentOption.PAYMENT
                else option_text(self.option.value))
        return [
            (translate("PayLaterSlip", "Account ID"), str(self.account_id)),
            (translate("PayLaterSlip", "Name"), self.account_name),
            (translate("PayLaterSlip", "For"), what),
            (translate("PayLaterSlip", "Amount"),
             format_inr(self.amount_paise).replace("₹", rupee)),
            (translate("PayLaterSlip", "Pay to"), f"{self.payee.name} ({self.payee.vpa})"),
            (translate("PayLaterSlip", "UPI ref"), self.reference),
            (translate("PayLaterSlip", "Given on"),
             self.local_time.strftime("%d-%m-%Y %H:%M")),
        ]

    @property
    def notice(self) -> str:
        return translate("PayLaterSlip",
                         "Scan with any UPI app and pay the amount shown. This slip is not a "
                         "receipt: the payment is recorded when it reaches us. Keep the UTR "
                         "your app shows.")


def slip_html(slip: PayLaterSlip) -> str:
    """The slip for the screen and Qt's printers (the QR as a PNG at its own pixel size)."""
    rows = "".join(
        f"<tr><td style='color:#555;padding-right:8px'>{html.escape(k)}</td>"
        f"<td><b>{html.escape(v)}</b></td></tr>" for k, v in slip.fields())
    header = "".join(f"<br/>{html.escape(line)}" for line in slip.header if line)
    return (
        "<html><body style='font-family:sans-serif;font-size:10pt'>"
        f"<p align='center'><b style='font-size:13pt'>{html.escape(slip.company)}</b>{header}"
        f"<br/><b>{html.escape(slip.title)}</b></p>"
        f"<p align='center'>{image_html(text_qr_png(slip.intent, box_size=5))}<br/>"
        f"<b style='font-size:16pt'>{html.escape(format_inr(slip.amount_paise))}</b></p>"
        f"<table width='100%' cellspacing='0' cellpadding='2'>{rows}</table>"
        f"<p style='font-size:9pt'>{html.escape(slip.notice)}</p></body></html>"
    )


def print_slip(printer: Any, slip: PayLaterSlip, paper_mm: int = 80, *,
               tamil_mode: str = RASTER) -> None:
    """The slip on an ESC/POS printer, the QR with the printer's own QR command; Tamil
    lines drawn as raster images unless ``tamil_mode`` is ``"text"``."""
    width = _LINE_CHARS.get(paper_mm, 48)
    target = printer
    if tamil_mode == RASTER and paper_mm in PAPER_DOTS:
        printer = RasterTextPrinter(printer, paper_mm, line_chars=width)
    intent = slip.intent
    printer.set(align="center", bold=True, double_height=True)
    printer.textln(slip.company)
    printer.set_with_default(align="center")
    for line in slip.header:
        # Wrapped, never cut: an address's PIN code or a phone number is at the end.
        for part in textwrap.wrap(line, width):
            printer.textln(part)
    printer.set(align="center", bold=True, double_width=True)
    printer.textln(slip.title)
    printer.set_with_default(align="center")
    printer.qr(intent, ec=QR_ECLEVEL_M, size=ESCPOS_QR_SIZE, native=True)
    printer.set(align="center", bold=True, double_height=True, double_width=True)
    printer.textln(format_inr(slip.amount_paise).replace("₹", "Rs."))
    printer.set_with_default()
    printer.textln("-" * width)
    for label, value in slip.fields(rupee="Rs."):
        chunks = textwrap.wrap(value, width - 12) or [""]
        printer.textln(f"{label:<11} {chunks[0]}")
        for chunk in chunks[1:]:
            printer.textln(" " * 12 + chunk)
    printer.textln("-" * width)
    for line in textwrap.wrap(slip.notice, width):
        printer.textln(line)
    printer.cut()
    close = getattr(target, "close", None)
    if callable(close) and type(target).__name__ != "Dummy":
        close()


def _escpos_job(ctx: AppContext, slip: PayLaterSlip, printer: object,
                _control: TaskControl) -> str:
    from desktop.payments.escpos_receipt import open_configured_printer
    from desktop.settings.dialog import DeskSettings

    target = printer if printer is not None else open_configured_printer(ctx.settings)
    if target is None:
        raise RuntimeError(translate("PayLaterSlip",
                                     "No receipt printer is set up; set one under Settings → "
                                     "Receipts, or use Print… for another printer."))
    desk = DeskSettings.load(ctx.settings)
    print_slip(target, slip, desk.paper_mm, tamil_mode=desk.tamil_mode)
    log.info("pay-later slip printed for account %s, %s paise", slip.account_id,
             slip.amount_paise)
    return slip.reference


class PayLaterDialog(Retranslating, QDialog):
    """Shows the slip; prints it on the thermal printer or any printer."""

    printed = Signal(str)
    failed = Signal(str)

    def __init__(self, ctx: AppContext, slip: PayLaterSlip,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.slip = slip
        self.setObjectName("payLaterDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.view = QTextBrowser(self)
        self.view.setObjectName("payLaterView")
        self.view.setMinimumSize(380, 600)
        self.status = QLabel(self)
        self.status.setObjectName("payLaterStatus")
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        self.thermal_button = named_button(self, "payLaterThermal", self._on_thermal, buttons)
        self.print_button = named_button(self, "payLaterPrint", self._on_print, buttons)
        self.close_button = named_button(self, "payLaterClose", self.close, buttons)
        self.close_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """The slip and the buttons in the current language (again on a language change)."""
        self.setWindowTitle(fill(self.tr("Pay later by UPI — account %1"),
                                 self.slip.account_id))
        self.view.setHtml(slip_html(self.slip))
        self.thermal_button.setText(self.tr("&Thermal printer"))
        self.print_button.setText(self.tr("&Print…"))
        self.close_button.setText(self.tr("Close"))

    def print_thermal(self, printer: object | None = None) -> None:
        """Print on the ESC/POS printer from settings (or ``printer``), off the GUI thread."""
        self.status.setText(self.tr("Printing the slip…"))
        task = self.ctx.tasks.run_net("pay-later slip", partial(
            _escpos_job, self.ctx, self.slip, printer))
        task.done.connect(self._on_printed)
        task.error.connect(self._on_failed)

    @Slot(object)
    def _on_printed(self, reference: object) -> None:
        self.status.setText(
            self.tr("Slip printed. Nothing is recorded until the money arrives."))
        self.printed.emit(str(reference))

    @Slot(object)
    def _on_failed(self, exc: object) -> None:
        self.status.setText(fill(self.tr("Could not print: %1"), exc))
        self.failed.emit(str(exc))

    @Slot()
    def _on_thermal(self) -> None:
        self.print_thermal()

    @Slot()
    def _on_print(self) -> None:  # pragma: no cover - needs a real print dialog
        from PySide6.QtGui import QTextDocument
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec() == QDialog.DialogCode.Accepted:
            document = QTextDocument()
            document.setHtml(slip_html(self.slip))
            document.print_(printer)
