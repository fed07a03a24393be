"""The kiosk's receipt: what the screen shows and the ESC/POS printer prints.

A kiosk receipt carries the masked name only (a slip left on the counter tells a stranger
nothing). While the server has not confirmed the payment the receipt says PENDING SYNC and
the balance is provisional. The data is the counter's :class:`ReceiptData` (one model for
every receipt); only the layout is the kiosk's. The printer is opened by the counter's
``open_configured_printer`` (keys ``receipts/escpos_*``, ``receipts/paper_mm``), plus the
``receipts/header`` line(s) printed at the top.
"""

from __future__ import annotations

import logging
import textwrap
from typing import Any

from PySide6.QtCore import QCoreApplication

from billing.money import format_inr
from db.outbox import Mutation
from desktop.detail.format import method_text, option_text
from desktop.language.i18n import QT_TRANSLATE_NOOP
from desktop.payments.escpos_raster import (
    PAPER_DOTS,
    RASTER,
    RasterTextPrinter,
    printable_as_text,
)
from desktop.payments.receipt_data import ReceiptData

log = logging.getLogger(__name__)

HEADER_KEY = "receipts/header"
DEFAULT_HEADER = "Terabyte Broadband"
#: Notes on the receipt screen (English; the kiosk shows them in the interface language).
OFFLINE_NOTE = QT_TRANSLATE_NOOP(
    "KioskReceipt",
    "Payment recorded; it will reach head office when the connection returns.")
SENDING_NOTE = QT_TRANSLATE_NOOP(
    "KioskReceipt", "Payment recorded; sending it to head office now.")
CONFIRMED_NOTE = QT_TRANSLATE_NOOP("KioskReceipt", "Payment confirmed by head office.")
PENDING_MARK = QT_TRANSLATE_NOOP("KioskReceipt", "PENDING SYNC")
_PAPER_FOR_CHARS = {32: 58, 48: 80}
"""Characters per line of font A → the paper (``escpos_receipt.LINE_CHARS`` the other way)."""


def receipt_from_mutation(
    mutation: Mutation, *, masked_name: str, zone: str, header: str = DEFAULT_HEADER
) -> ReceiptData:
    """The receipt of a payment mutation, in the counter's :class:`ReceiptData` with the
    masked name as the account name and no mobile; the server's answer, once there, wins."""
    lines = tuple(line for line in (header or DEFAULT_HEADER).splitlines() if line)
    return ReceiptData.from_mutation(
        mutation, account_name=masked_name, mobile="", cashier=mutation.created_by,
        zone=zone, header=lines,
    )


translate = QCoreApplication.translate
"""Qt's translate under the name lupdate looks for (``translate("Context", "text")``)."""


def _head(receipt: ReceiptData) -> list[str]:
    """The centred lines at the top: the header lines (the company when there are none),
    RECEIPT, and PENDING SYNC while the server has not confirmed the payment."""
    lines = list(receipt.header or (receipt.company,))
    lines.append(translate("KioskReceipt", "RECEIPT"))
    if receipt.pending_sync:
        lines.append("** " + translate("KioskReceipt", PENDING_MARK) + " **")
    return lines


def _body(receipt: ReceiptData, width: int, rupee: str, *, screen: bool = False
          ) -> list[str]:
    """The labelled lines, left-aligned, between two rules. On the ``screen`` (a plain-text
    view, where Tamil letters are not one column wide each) a Tamil label is followed by a
    colon instead of padding: "தொகை: ₹1.00"."""

    def money(paise: int) -> str:
        return format_inr(paise).replace("₹", rupee)

    after = receipt.balance_after_paise
    fields = [
        (translate("KioskReceipt", "Receipt No"), receipt.receipt_number),
        (translate("KioskReceipt", "Date"), receipt.local_time.strftime("%d-%m-%Y %H:%M")),
        (translate("KioskReceipt", "Account ID"), str(receipt.account_id)),
        (translate("KioskReceipt", "Name"), receipt.account_name),
        (translate("KioskReceipt", "For"), option_text(receipt.option.value)),
        (translate("KioskReceipt", "Paid by"), method_text(receipt.method.value)),
    ]
    if receipt.reference:
        fields.append((translate("KioskReceipt", "Reference"), receipt.reference))
    fields.append((translate("KioskReceipt", "Amount"), money(receipt.amount_paise)))
    if after > 0:
        fields.append((translate("KioskReceipt", "Still due"), money(after)))
    elif after < 0:
        fields.append((translate("KioskReceipt", "Credit"), money(-after)))
    else:
        fields.append((translate("KioskReceipt", "Balance"), money(0)))
    label_width = 12
    lines = ["-" * width]
    for label, value in fields:
        chunks = textwrap.wrap(value, max(8, width - label_width)) or [""]
        if screen and not printable_as_text(label):
            lines.append(f"{label}: {chunks[0]}")
        else:
            # A longer (Tamil) label keeps a space before its value; on paper the raster
            # printer draws the label and prints the figure as text under it.
            lines.append(f"{label:<{label_width - 1}} {chunks[0]}")
        lines.extend(" " * label_width + chunk for chunk in chunks[1:])
    lines.append("-" * width)
    if receipt.pending_sync:
        lines.extend(textwrap.wrap(
            translate("KioskReceipt",
                      "Balance is provisional until head office confirms this payment."),
            width))
    return lines


def receipt_lines(receipt: ReceiptData, width: int = 48, *, rupee: str = "₹") -> list[str]:
    """The kiosk's layout of a receipt as plain lines no wider than ``width`` (screen and
    printer alike), in the interface language: the header lines (the company when there
    are none), no mobile, no cashier."""
    lines = [line.center(width).rstrip() for line in _head(receipt)]
    lines.extend(_body(receipt, width, rupee, screen=True))
    lines.append(translate("KioskReceipt", "Thank you.").center(width).rstrip())
    return lines


def print_receipt(printer: Any, receipt: ReceiptData, width: int = 48, *,
                  paper_mm: int | None = None, tamil_mode: str = RASTER) -> None:
    """Send the receipt to ``printer`` (any python-escpos printer) and cut the paper.

    Thermal code pages have no rupee sign, so amounts print as "Rs.". They have no Tamil
    either: as on the counter's receipt (``desktop.payments.escpos_receipt``), a line the
    printer cannot print as text is drawn to a raster image exactly the paper's width
    (``tamil_mode="raster"``, the default), figures stay printer text. ``paper_mm``: 58 or
    80; by default the paper whose line is ``width`` characters.
    """
    target = printer
    paper = paper_mm if paper_mm is not None else _PAPER_FOR_CHARS.get(width)
    if tamil_mode == RASTER and paper in PAPER_DOTS:
        printer = RasterTextPrinter(printer, paper, line_chars=width)
    printer.set_with_default(align="center")
    for line in _head(receipt):
        printer.textln(line[:width] if printable_as_text(line) else line)
    printer.set_with_default()
    for line in _body(receipt, width, "Rs."):
        printer.textln(line)
    printer.set_with_default(align="center")
    printer.textln(translate("KioskReceipt", "Thank you."))
    printer.cut()
    close = getattr(target, "close", None)
    if callable(close) and type(target).__name__ != "Dummy":
        close()
