"""Export exactly the rows the account table shows, in its order, to CSV or Excel.

Runs on the database worker (``ctx.tasks.run_db``): the table hands over a copy of its
ordered rowid list and the pending-payment overlay, so the file holds the same rows, the
same order and the same provisional balances as the screen. Writes to a temporary file
beside the target and renames it at the end; a cancelled export leaves nothing behind.

The file's column names and values stay English in either interface language: the file is
data for other programs (Excel formulas, importers) that look columns up by name. Only what
the screen shows (the format's name in the save dialog) is translated.
"""

from __future__ import annotations

import csv
import logging
import os
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication
from sqlalchemy import Engine

from billing.lifecycle import DEFAULT_ZONE
from billing.money import paise_to_decimal
from db.account_query import AccountRow, rows_by_rowid
from db.overlay import PendingPayments
from desktop.runtime.tasks import TaskControl

log = logging.getLogger(__name__)

CHUNK = 2_000

COLUMNS = [
    "Account ID",
    "Account Name",
    "Branch Name",
    "Mobile",
    "Balance (INR)",
    "Pending Sync",
    "Last Seen",
    "Plan Type",
    "Status",
]


class ExportFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"

    @property
    def suffix(self) -> str:
        return "." + self.value

    @property
    def label(self) -> str:
        if self is ExportFormat.CSV:
            return QCoreApplication.translate("ExportFormat", "CSV")
        return QCoreApplication.translate("ExportFormat", "Excel workbook")


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int


class ExportCancelled(Exception):
    """The user cancelled; the partial file was removed."""


def format_for(path: Path) -> ExportFormat:
    return ExportFormat.XLSX if path.suffix.lower() == ".xlsx" else ExportFormat.CSV


def export_values(
    row: AccountRow, pending: PendingPayments | None, zone: ZoneInfo
) -> list[object]:
    """One exported line: numbers stay numbers, money as a Decimal in rupees."""
    delta = pending.delta_paise if pending else 0
    last_seen = ""
    if row.last_seen is not None:
        local = datetime.fromtimestamp(row.last_seen, UTC).astimezone(zone)
        last_seen = local.strftime("%Y-%m-%d %H:%M:%S")
    return [
        row.id,
        row.name,
        row.branch_name,
        row.mobile,
        paise_to_decimal(row.balance_paise + delta),
        "pending sync" if pending else "",
        last_seen,
        "Prepaid" if row.prepaid else "Postpaid",
        row.status,
    ]


#: How a cell a spreadsheet would read as a formula starts (OWASP's CSV injection list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value: object) -> object:
    """``value`` as CSV holds it: a text Excel would run as a formula (a name typed as
    ``=HYPERLINK(...)``) gets a leading apostrophe; numbers and ``+91...`` stay as they are."""
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    return value if value[0] in "+-" and value[1:].isdigit() else "'" + value


def xlsx_cell(sheet: Any, value: object) -> object:
    """``value`` for the workbook: a text starting with ``=`` as text, not a formula
    (openpyxl writes any such string as one)."""
    if isinstance(value, str) and value.startswith("="):
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(sheet, value)
        cell.data_type = "s"
        return cell
    return value


def _rows(
    engine: Engine, rowids: array, control: TaskControl | None
) -> Iterator[AccountRow]:
    total = len(rowids)
    with engine.connect() as conn:
        for start in range(0, total, CHUNK):
            if control is not None and control.cancelled:
                raise ExportCancelled
            chunk = rowids[start : start + CHUNK]
            found = rows_by_rowid(conn, chunk)
            for rowid in chunk:
                row = found.get(rowid)
                if row is not None:  # deleted by a sync since the list was made
                    yield row
            if control is not None:
                control.report(min(start + CHUNK, total), total)


def export_accounts(
    engine: Engine,
    rowids: array,
    pending: dict[int, PendingPayments],
    path: Path,
    control: TaskControl | None = None,
    *,
    zone: str = DEFAULT_ZONE,
) -> ExportResult:
    """Write the rows of ``rowids`` (in that order) to ``path`` (.csv or .xlsx)."""
    fmt = format_for(path)
    tz = ZoneInfo(zone)
    temporary = path.with_name(f".{path.name}.part")
    count = 0
    try:
        if fmt is ExportFormat.CSV:
            # utf-8-sig: Excel on Windows opens it with the ₹ and Tamil names intact.
            with temporary.open("w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(COLUMNS)
                for row in _rows(engine, rowids, control):
                    writer.writerow(
                        [csv_text(v) for v in export_values(row, pending.get(row.id), tz)])
                    count += 1
        else:
            from openpyxl import Workbook

            book = Workbook(write_only=True)
            sheet = book.create_sheet("Accounts")
            sheet.freeze_panes = "A2"
            sheet.append(COLUMNS)
            try:
                for row in _rows(engine, rowids, control):
                    sheet.append([xlsx_cell(sheet, v)
                                  for v in export_values(row, pending.get(row.id), tz)])
                    count += 1
                if control is not None and control.cancelled:
                    raise ExportCancelled
            except BaseException:
                sheet.close()  # finish openpyxl's own temporary file before dropping it
                raise
            book.save(temporary)
        if control is not None and control.cancelled:
            raise ExportCancelled
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    log.info("exported %d accounts to %s", count, path)
    return ExportResult(path, count)
