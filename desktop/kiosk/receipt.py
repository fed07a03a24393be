"""The kiosk's receipt: what the screen shows and the ESC/POS printer prints.

A kiosk receipt carries the masked name only (a slip left on the counter tells a stranger
nothing). While the server has not confirmed the payment the receipt says PENDING SYNC and
the balance is provisional. The printer is the one set in Settings, under the same keys the
counter's receipts use (``receipts/escpos_*``, ``receipts/paper_mm``), plus the
``receipts/header`` line(s) printed at the top.
"""

from __future__ import annotations

import logging
import textwrap
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QSettings

from billing.money import format_inr
from billing.rules import PaymentMethod, PaymentOption, balance_after
from db.outbox import Mutation

log = logging.getLogger(__name__)

HEADER_KEY = "receipts/header"
DEFAULT_HEADER = "Terabyte Broadband"
PAPER_KEY = "receipts/paper_mm"
LINE_CHARS = {58: 32, 80: 48}
OFFLINE_NOTE = "Payment recorded; it will reach head office when the connection returns."
SENDING_NOTE = "Payment recorded; sending it to head office now."
CONFIRMED_NOTE = "Payment confirmed by head office."
PENDING_MARK = "PENDING SYNC"


@dataclass(frozen=True)
class KioskReceipt:
    receipt_number: str
    account_id: int
    masked_name: str
    option: PaymentOption
    method: PaymentMethod
    reference: str | None
    amount_paise: int
    balance_after_paise: int
    taken_at: datetime
    zone: str
    pending: bool
    header: str = DEFAULT_HEADER

    @property
    def local_time(self) -> datetime:
        return self.taken_at.astimezone(ZoneInfo(self.zone))


def receipt_from_mutation(
    mutation: Mutation, *, masked_name: str, zone: str, header: str = DEFAULT_HEADER
) -> KioskReceipt:
    """The receipt of a payment mutation; the server's answer, once there, wins."""
    body = mutation.payload
    answer = (mutation.result or {}).get("payment") or {}
    after = balance_after(int(body["balance_before_paise"]), int(body["amount_paise"]),
                          int(body.get("charge_paise") or 0))
    return KioskReceipt(
        receipt_number=str(body["receipt_number"]),
        account_id=int(mutation.account_id or 0),
        masked_name=masked_name,
        option=PaymentOption(body["option"]),
        method=PaymentMethod(body["method"]),
        reference=body.get("reference"),
        amount_paise=int(body["amount_paise"]),
        balance_after_paise=int(answer.get("balance_after_paise", after)),
        taken_at=datetime.fromtimestamp(int(body["taken_at"]), UTC),
        zone=zone,
        pending=not mutation.state.acknowledged,
        header=header or DEFAULT_HEADER,
    )


def receipt_lines(receipt: KioskReceipt, width: int = 48, *, rupee: str = "₹") -> list[str]:
    """The receipt as plain lines no wider than ``width`` (screen and printer alike)."""

    def money(paise: int) -> str:
        return format_inr(paise).replace("₹", rupee)

    lines = [line.center(width).rstrip() for line in receipt.header.splitlines() if line]
    lines.append("RECEIPT".center(width).rstrip())
    if receipt.pending:
        lines.append(f"** {PENDING_MARK} **".center(width).rstrip())
    lines.append("-" * width)
    after = receipt.balance_after_paise
    fields = [
        ("Receipt No", receipt.receipt_number),
        ("Date", receipt.local_time.strftime("%d-%m-%Y %H:%M")),
        ("Account ID", str(receipt.account_id)),
        ("Name", receipt.masked_name),
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
    if receipt.pending:
        lines.extend(textwrap.wrap(
            "Balance is provisional until head office confirms this payment.", width))
    lines.append("Thank you.".center(width).rstrip())
    return lines


def paper_width(settings: QSettings) -> int:
    mm = int(settings.value(PAPER_KEY, 80, int) or 80)
    return LINE_CHARS.get(mm, 48)


def open_configured_printer(settings: QSettings) -> Any | None:
    """The ESC/POS printer set in Settings, or None when there is none."""
    kind = str(settings.value("receipts/escpos_kind", "", str) or "").lower()
    if kind == "network":
        from escpos.printer import Network

        host = str(settings.value("receipts/escpos_host", "", str) or "")
        port = int(settings.value("receipts/escpos_port", 9100, int) or 9100)
        return Network(host, port=port, timeout=10) if host else None
    if kind == "usb":
        from escpos.printer import Usb

        try:
            vendor = int(str(settings.value("receipts/escpos_usb_vendor", "0", str)), 16)
            product = int(str(settings.value("receipts/escpos_usb_product", "0", str)), 16)
        except ValueError:
            return None
        return Usb(vendor, product) if vendor and product else None
    return None


def print_receipt(printer: Any, receipt: KioskReceipt, width: int = 48) -> None:
    """Send the receipt to ``printer`` (any python-escpos printer) and cut the paper.

    Thermal code pages have no rupee sign, so amounts print as "Rs.".
    """
    for line in receipt_lines(receipt, width, rupee="Rs."):
        printer.textln(line)
    printer.cut()
    close = getattr(printer, "close", None)
    if callable(close) and type(printer).__name__ != "Dummy":
        close()
