"""GST in the payments register: the UTR or cheque of each payment, and taxable value,
CGST, SGST and IGST per day and method, for the Excel export.

Every payment's tax is ``billing.tax.split_inclusive`` of its amount (money taken includes
GST), with the operator's state as the place of supply: an account carries no state of its
own, and fixed broadband is supplied where it is installed. Payments the server refused are
not income and are left out, as in the register's totals.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication

from billing.day_close import cheque_parts
from billing.money import format_inr, paise_to_decimal
from billing.references import utr_key
from billing.rules import PaymentMethod
from billing.tax import split_inclusive
from db.outbox import Outbox
from db.register_query import RegisterRow

__all__ = [
    "SessionPayment",
    "TaxSummaryRow",
    "add_gst_sheets",
    "reference_parts",
    "session_payments",
    "session_tax_html",
    "tax_summary",
]


@dataclass
class TaxSummaryRow:
    day: date
    method: str
    payments: int = 0
    amount_paise: int = 0
    taxable_paise: int = 0
    cgst_paise: int = 0
    sgst_paise: int = 0
    igst_paise: int = 0


def reference_parts(method: str, reference: str | None) -> tuple[str, str, str, str]:
    """(UTR, cheque number, bank, cheque date) of a payment's stored reference; blanks
    where the method has none (old free-text references stay in the Reference column)."""
    utr = utr_key(method, reference) or ""
    cheque = cheque_parts(method, reference)
    return (utr, *cheque) if cheque is not None else (utr, "", "", "")


def tax_summary(rows: Iterable[RegisterRow], zone: str, supplier_state: str,
                rate_bp: int) -> list[TaxSummaryRow]:
    """Totals per business day and method, oldest day first, methods in their order."""
    tz = ZoneInfo(zone)
    order = {m.value: i for i, m in enumerate(PaymentMethod)}
    totals: dict[tuple[date, str], TaxSummaryRow] = {}
    for row in rows:
        if row.refused is not None:
            continue
        day = row.taken_at.astimezone(tz).date()
        entry = totals.setdefault((day, row.method), TaxSummaryRow(day, row.method))
        _add(entry, row.amount_paise, supplier_state, rate_bp)
    return sorted(totals.values(), key=lambda t: (t.day, order.get(t.method, 99)))


def _add(entry: TaxSummaryRow, amount_paise: int, supplier_state: str, rate_bp: int) -> None:
    split = split_inclusive(amount_paise, place_of_supply=supplier_state,
                            supplier_state=supplier_state, rate_bp=rate_bp)
    entry.payments += 1
    entry.amount_paise += amount_paise
    entry.taxable_paise += split.taxable_paise
    entry.cgst_paise += split.cgst_paise
    entry.sgst_paise += split.sgst_paise
    entry.igst_paise += split.igst_paise


@dataclass(frozen=True)
class SessionPayment:
    receipt_number: str
    method: str
    amount_paise: int
    reference: str | None


def session_payments(outbox: Outbox, session_id: int,
                     pulled_reversals: Iterable[Mapping[str, Any]] = ()
                     ) -> list[SessionPayment]:
    """The payments of a closed cash session (its outbox range), oldest first: the same
    payments its day close counted (given the same ``pulled_reversals``)."""
    bodies = outbox.drawer.session_payments(session_id, pulled_reversals)
    return [SessionPayment(b["receipt_number"], b["method"], int(b["amount_paise"]),
                           b.get("reference")) for b in bodies]


def session_tax_html(payments: Sequence[SessionPayment], supplier_state: str, rate_bp: int,
                     method_label: Any) -> str:
    """GST per method and the UTRs and cheques of a day close, as HTML rows for its report."""
    order = {m.value: i for i, m in enumerate(PaymentMethod)}
    per_method: dict[str, TaxSummaryRow] = {}
    for p in payments:
        entry = per_method.setdefault(p.method, TaxSummaryRow(date.min, p.method))
        _add(entry, p.amount_paise, supplier_state, rate_bp)
    heads = (QCoreApplication.translate("DayCloseGst", "Method"),
             QCoreApplication.translate("DayCloseGst", "Amount"),
             QCoreApplication.translate("DayCloseGst", "Taxable"), "CGST", "SGST", "IGST")
    title = QCoreApplication.translate("DayCloseGst", "GST in this session")
    cheque_word = QCoreApplication.translate("DayCloseGst", "cheque")
    lines = [f"<b>{title}</b><table width='100%' cellspacing='0' cellpadding='2'>",
             "<tr>" + "".join(f"<th align='{'right' if i else 'left'}'>{h}</th>"
                              for i, h in enumerate(heads)) + "</tr>"]
    for t in sorted(per_method.values(), key=lambda t: order.get(t.method, 99)):
        cells = [format_inr(v) for v in (t.amount_paise, t.taxable_paise, t.cgst_paise,
                                         t.sgst_paise, t.igst_paise)]
        lines.append(f"<tr><td>{html.escape(method_label(t.method))}</td>"
                     + "".join(f"<td align='right'>{c}</td>" for c in cells) + "</tr>")
    lines.append("</table>")
    refs = []
    for p in payments:
        utr, cheque, bank, dated = reference_parts(p.method, p.reference)
        if utr:
            refs.append(f"{p.receipt_number}: {method_label(p.method)} UTR {utr}, "
                        f"{format_inr(p.amount_paise)}")
        elif cheque:
            refs.append(f"{p.receipt_number}: {cheque_word} {cheque}, {bank}, {dated}, "
                        f"{format_inr(p.amount_paise)}")
    if refs:
        heading = QCoreApplication.translate("DayCloseGst", "UTRs and cheques")
        lines.append(f"<br/><b>{heading}</b><br/>" + "<br/>".join(html.escape(r) for r in refs))
    return "".join(lines)


SUMMARY_HEADERS = ["Day", "Method", "Payments", "Amount", "Taxable value", "CGST", "SGST",
                   "IGST"]
REFERENCE_HEADERS = ["Date", "Receipt No", "Account ID", "Method", "UTR", "Cheque No",
                     "Bank", "Cheque date", "Amount", "Status"]


def add_gst_sheets(book: Any, rows: Sequence[RegisterRow], zone: str, supplier_state: str,
                   rate_bp: int, method_label: Any) -> None:
    """Two sheets in an openpyxl workbook: GST per day and method, and the UTRs and
    cheques of the non-cash payments."""
    from openpyxl.styles import Font

    summary = book.create_sheet("GST by day and method")
    summary.append(SUMMARY_HEADERS)
    grand = TaxSummaryRow(date.min, "")
    for t in tax_summary(rows, zone, supplier_state, rate_bp):
        summary.append([t.day, method_label(t.method), t.payments,
                        *(paise_to_decimal(v) for v in (t.amount_paise, t.taxable_paise,
                                                         t.cgst_paise, t.sgst_paise,
                                                         t.igst_paise))])
        summary.cell(row=summary.max_row, column=1).number_format = "dd-mm-yyyy"
        for name in ("payments", "amount_paise", "taxable_paise", "cgst_paise", "sgst_paise",
                     "igst_paise"):
            setattr(grand, name, getattr(grand, name) + getattr(t, name))
    summary.append(["Total", "", grand.payments,
                    *(paise_to_decimal(v) for v in (grand.amount_paise, grand.taxable_paise,
                                                     grand.cgst_paise, grand.sgst_paise,
                                                     grand.igst_paise))])
    references = book.create_sheet("UTRs and cheques")
    references.append(REFERENCE_HEADERS)
    tz = ZoneInfo(zone)
    for row in sorted(rows, key=lambda r: r.taken_at):
        if row.method == PaymentMethod.CASH.value:
            continue
        utr, cheque, bank, dated = reference_parts(row.method, row.reference)
        status = "Refused" if row.refused else "Pending sync" if row.pending else "Synced"
        references.append([row.taken_at.astimezone(tz).strftime("%Y-%m-%d %H:%M"),
                           row.receipt_number, row.account_id, method_label(row.method), utr,
                           cheque, bank, dated, paise_to_decimal(row.amount_paise), status])
    for sheet in (summary, references):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for line in sheet.iter_rows(min_row=2):
            for cell in line:
                if isinstance(cell.value, Decimal):
                    cell.number_format = "#,##,##0.00"
