"""A receipt as text, for the screen, the PDF and Qt's printers: its labelled lines
(shared with the ESC/POS printer, ``escpos_receipt.py``), its marks (DUPLICATE, PENDING
SYNC), the amount in words in the app's language, the HTML and the receipt-width PDF."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSizeF
from PySide6.QtGui import QPageSize, QTextDocument

from billing.money import format_inr
from billing.money_ta import amount_in_words_ta
from billing.phone import format_mobile
from billing.rules import PaymentMethod, PaymentOption
from desktop.accounts.account_codes import account_codes_html
from desktop.detail.format import method_text
from desktop.language.i18n import TAMIL, current_language, fill
from desktop.payments.receipt_data import ReceiptData
from desktop.widgets.pdf import text_document, write_html_pdf

translate = QCoreApplication.translate
"""Qt's translate under the name lupdate looks for (``translate("Context", "text")``)."""

#: Receipt width: 80 mm thermal paper; the PDF is the same strip, so it reads like the slip.
RECEIPT_WIDTH_MM = 80.0

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
