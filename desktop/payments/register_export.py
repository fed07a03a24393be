"""Writing the payments register to CSV or Excel (plain Python; run off the GUI thread)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from zoneinfo import ZoneInfo

from billing.money import paise_to_decimal
from billing.rules import PaymentMethod
from db.register_query import RegisterRow, totals_by_method
from desktop.accounts.export import csv_text, xlsx_cell

EXPORT_HEADERS = [
    "Document Date", "Document No", "Receipt No", "Account ID", "Contact Name", "Mobile",
    "Email", "Payment Type", "Method", "Reference", "Amount", "Cashier", "Status",
]


def _method_label(value: str) -> str:
    try:
        return PaymentMethod(value).label
    except ValueError:
        return value


def export_values(row: RegisterRow, zone: str) -> list[object]:
    """One register row as export cells (the amount as a Decimal of rupees)."""
    return [
        row.taken_at.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M"),
        row.document_number,
        row.receipt_number,
        row.account_id,
        row.name,
        row.mobile,
        row.email or "",
        row.payment_type.capitalize(),
        _method_label(row.method),
        row.reference or "",
        paise_to_decimal(row.amount_paise),
        row.cashier,
        "Pending sync" if row.pending else "Synced",
    ]


def write_csv(rows: Sequence[RegisterRow], path: Path, zone: str) -> Path:
    with Path(path).open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(EXPORT_HEADERS)
        for row in rows:
            # A name typed as =HYPERLINK(...) stays text in Excel, as in the accounts export.
            writer.writerow([csv_text(value) for value in export_values(row, zone)])
        writer.writerow([])
        for method, paise in totals_by_method(rows).items():
            writer.writerow(["Total", _method_label(method), "", "", "", "", "", "", "", "",
                             paise_to_decimal(paise)])
    return Path(path)


def write_xlsx(rows: Sequence[RegisterRow], path: Path, zone: str,
               gst: tuple[str, int] | None = None) -> Path:
    """The register as a workbook; with ``gst`` (operator's state, rate in basis points)
    also GST per day and method and the UTRs and cheques (desktop.documents.tax_summary)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook(write_only=False)
    sheet = book.active
    assert sheet is not None
    sheet.title = "Payments"
    sheet.append(EXPORT_HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([xlsx_cell(sheet, value) for value in export_values(row, zone)])
    amount_col = EXPORT_HEADERS.index("Amount") + 1
    for (cell,) in sheet.iter_rows(min_row=2, min_col=amount_col, max_col=amount_col):
        cell.number_format = "#,##,##0.00"
    totals = book.create_sheet("Totals by method")
    totals.append(["Method", "Amount"])
    for method, paise in totals_by_method(rows).items():
        totals.append([_method_label(method), paise_to_decimal(paise)])
    if gst is not None:
        from desktop.documents.tax_summary import add_gst_sheets

        add_gst_sheets(book, rows, zone, gst[0], gst[1], _method_label)
    book.save(str(path))
    return Path(path)
