"""The receipt on an ESC/POS thermal printer (58 or 80 mm), through python-escpos.

The printer is set in settings (``receipts/escpos_kind`` = ``network`` or ``usb``, with
``receipts/escpos_host`` / ``receipts/escpos_port`` or ``receipts/escpos_usb_vendor`` /
``receipts/escpos_usb_product`` in hex, and ``receipts/paper_mm``). Tests hand in
``escpos.printer.Dummy``, which captures the bytes. Thermal code pages have no rupee sign,
so amounts print as "Rs.". They have no Tamil either: with ``tamil_mode="raster"`` (the
default; setting ``receipts/tamil_mode``) lines the printer cannot print as text are drawn
and sent as raster images (desktop/payments/escpos_raster.py), figures stay text.

An Advance or Recharge gets a GST receipt voucher (``billing.documents`` decides); its
figures (voucher number, the operator's GSTIN, SAC, place of supply, taxable value, CGST +
SGST or IGST, total) print under the receipt, the same lines the A4 voucher shows
(``desktop.documents.gst_document.document_lines``).
"""

from __future__ import annotations

import logging
import textwrap
from typing import Any

from PySide6.QtCore import QCoreApplication, QSettings

from billing.documents import GstDocument
from desktop.documents.gst_document import document_lines
from desktop.payments.escpos_raster import RASTER, RasterTextPrinter
from desktop.payments.receipt_data import ReceiptData
from desktop.payments.receipt_document import receipt_fields, receipt_words, status_marks
from desktop.settings.store import setting_int

log = logging.getLogger(__name__)

#: Characters per line in font A.
LINE_CHARS = {58: 32, 80: 48}
PAPER_KEY = "receipts/paper_mm"


def receipt_lines(data: ReceiptData, width: int = 48, *, words: str | None = None) -> list[str]:
    """The body of the thermal receipt as plain lines no wider than ``width``; ``words``
    replaces the English amount in words (the Tamil one on a Tamil receipt)."""
    lines: list[str] = []
    label_width = 12
    for label, value in receipt_fields(data, rupee="Rs."):
        room = width - label_width
        chunks = textwrap.wrap(value, room) or [""]
        # A longer (Tamil) label keeps a space before its value; the raster printer draws
        # the label and prints the figure under it (desktop/payments/escpos_raster.py).
        lines.append(f"{label:<{label_width - 1}} {chunks[0]}")
        lines.extend(" " * label_width + chunk for chunk in chunks[1:])
    lines.append("-" * width)
    lines.extend(textwrap.wrap(words or data.words, width))
    return lines


def gst_lines(doc: GstDocument, width: int = 48) -> list[str]:
    """The GST voucher's figures as plain lines no wider than ``width``, amounts right-aligned
    ("Rs.", as every amount on the thermal receipt)."""

    def row(label: str, value: str) -> list[str]:
        room = width - len(label) - 1
        if room >= len(value):
            return [f"{label} {value:>{room}}"]
        return [label[:width], f"{value:>{width}}"[-width:]]

    s = doc.supplier
    lines = [f"{doc.kind.heading} (GST)".center(width).rstrip()]
    for label, value in (("Voucher No", doc.number), ("GSTIN", s.gstin), ("SAC", s.sac),
                         ("Place of supply", doc.place_of_supply_text)):
        lines.extend(row(label, value))
    for label, value in document_lines(doc):
        lines.extend(row(label, value.replace("₹", "Rs.")))
    return lines


def print_receipt(printer: Any, data: ReceiptData, paper_mm: int = 80, *,
                  tamil_mode: str = RASTER, gst: GstDocument | None = None) -> None:
    """Send one receipt to ``printer`` (any python-escpos printer) and cut the paper.

    In the app's language; Tamil (and any non-ASCII) lines as raster images unless
    ``tamil_mode`` is ``"text"``. ``gst``: the payment's GST receipt voucher, whose
    figures print under the receipt.
    """
    width = LINE_CHARS.get(paper_mm, 48)
    target = printer
    if tamil_mode == RASTER and paper_mm in (58, 80):
        printer = RasterTextPrinter(printer, paper_mm, line_chars=width)
    words = receipt_words(data)
    printer.set(align="center", bold=True, double_height=True)
    printer.textln(data.company)
    printer.set_with_default(align="center")
    for line in (data.branch, *data.header):
        # Wrapped, never cut: an address's PIN code or a phone number is at the end.
        for part in textwrap.wrap(line or "", width):
            printer.textln(part)
    printer.textln(QCoreApplication.translate("EscposReceipt", "RECEIPT"))
    for mark in status_marks(data):
        printer.set(align="center", bold=True, double_width=True)
        printer.textln(f"** {mark} **")
    printer.set_with_default()
    printer.textln("-" * width)
    for line in receipt_lines(data, width, words=words):
        printer.textln(line)
    if gst is not None:
        printer.textln("-" * width)
        for line in gst_lines(gst, width):
            printer.textln(line)
    if data.pending_sync:
        printer.textln("-" * width)
        for line in textwrap.wrap(QCoreApplication.translate(
            "EscposReceipt", "Balance is provisional until head office confirms this payment."),
            width):
            printer.textln(line)
    printer.set_with_default(align="center")
    # The Account ID as Code 128 (code set B) and QR: the next visit starts with one scan.
    printer.barcode("{B" + str(data.account_id), "CODE128", function_type="B", height=64,
                    width=2, pos="BELOW")
    printer.qr(str(data.account_id), size=5, native=True)  # the printer's own QR command
    printer.textln(QCoreApplication.translate("EscposReceipt", "Thank you."))
    printer.cut()
    close = getattr(target, "close", None)
    if callable(close) and type(target).__name__ != "Dummy":
        close()


def paper_chars(settings: QSettings) -> int:
    """Characters per line on the paper set in settings (``receipts/paper_mm``)."""
    return LINE_CHARS.get(setting_int(settings, PAPER_KEY, 80), 48)


def open_configured_printer(settings: QSettings) -> Any | None:
    """The ESC/POS printer named in settings, or None when none is set up (or its USB ids
    are not hexadecimal). The counter and the kiosk both print through this one."""
    kind = str(settings.value("receipts/escpos_kind", "", str) or "").lower()
    if kind == "network":
        from escpos.printer import Network

        host = str(settings.value("receipts/escpos_host", "", str))
        port = setting_int(settings, "receipts/escpos_port", 9100)
        if not host:
            return None
        return Network(host, port=port, timeout=10)
    if kind == "usb":
        from escpos.printer import Usb

        try:
            vendor = int(str(settings.value("receipts/escpos_usb_vendor", "0", str)), 16)
            product = int(str(settings.value("receipts/escpos_usb_product", "0", str)), 16)
        except ValueError:
            log.warning("receipt printer: USB vendor/product ids are not hexadecimal")
            return None
        if not vendor or not product:
            return None
        return Usb(vendor, product)
    return None
