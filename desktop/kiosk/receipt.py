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

from billing.money import format_inr
from db.outbox import Mutation
from desktop.language.i18n import QT_TRANSLATE_NOOP
from desktop.payments.receipt import ReceiptData

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
PENDING_MARK = "PENDING SYNC"


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


def receipt_lines(receipt: ReceiptData, width: int = 48, *, rupee: str = "₹") -> list[str]:
    """The kiosk's layout of a receipt as plain lines no wider than ``width`` (screen and
    printer alike): the header lines (the company when there are none), no mobile, no
    cashier."""

    def money(paise: int) -> str:
        return format_inr(paise).replace("₹", rupee)

    header = receipt.header or (receipt.company,)
    lines = [line.center(width).rstrip() for line in header]
    lines.append("RECEIPT".center(width).rstrip())
    if receipt.pending_sync:
        lines.append(f"** {PENDING_MARK} **".center(width).rstrip())
    lines.append("-" * width)
    after = receipt.balance_after_paise
    fields = [
        ("Receipt No", receipt.receipt_number),
        ("Date", receipt.local_time.strftime("%d-%m-%Y %H:%M")),
        ("Account ID", str(receipt.account_id)),
        ("Name", receipt.account_name),
        ("For", receipt.option.label),
        ("Paid by", receipt.method.label),
    ]
    if receipt.reference:
        fields.append(("Reference", receipt.reference))
    fields.append(("Amount", money(receipt.amount_paise)))
    if after > 0:
        fields.append(("Still due", money(after)))
    elif after < 0:
        fields.append(("Credit", money(-after)))
    else:
        fields.append(("Balance", money(0)))
    label_width = 12
    for label, value in fields:
        chunks = textwrap.wrap(value, max(8, width - label_width)) or [""]
        lines.append(f"{label:<{label_width}}{chunks[0]}")
        lines.extend(" " * label_width + chunk for chunk in chunks[1:])
    lines.append("-" * width)
    if receipt.pending_sync:
        lines.extend(textwrap.wrap(
            "Balance is provisional until head office confirms this payment.", width))
    lines.append("Thank you.".center(width).rstrip())
    return lines


def print_receipt(printer: Any, receipt: ReceiptData, width: int = 48) -> None:
    """Send the receipt to ``printer`` (any python-escpos printer) and cut the paper.

    Thermal code pages have no rupee sign, so amounts print as "Rs.".
    """
    for line in receipt_lines(receipt, width, rupee="Rs."):
        printer.textln(line)
    printer.cut()
    close = getattr(printer, "close", None)
    if callable(close) and type(printer).__name__ != "Dummy":
        close()
