"""The table of branch day closes (``closesTable``): one row per close the server keeps,
then a total row over every close that matched (the server's totals)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from billing.money import format_inr
from desktop.language.i18n import QT_TRANSLATE_NOOP, fill

translate = QCoreApplication.translate
"""Qt's translate under the name lupdate looks for."""

COL_BRANCH = 0
COL_CASHIER = 1
COL_SESSION = 2
COL_CLOSED_AT = 3
COL_EXPECTED = 4
COL_COUNTED = 5
COL_DIFFERENCE = 6
COL_UNSYNCED = 7
HEADERS = [
    QT_TRANSLATE_NOOP("BranchClosesModel", "Branch"),
    QT_TRANSLATE_NOOP("BranchClosesModel", "Cashier"),
    QT_TRANSLATE_NOOP("BranchClosesModel", "Session"),
    QT_TRANSLATE_NOOP("BranchClosesModel", "Closed at"),
    QT_TRANSLATE_NOOP("BranchClosesModel", "Expected"),
    QT_TRANSLATE_NOOP("BranchClosesModel", "Counted"),
    QT_TRANSLATE_NOOP("BranchClosesModel", "Difference"),
    QT_TRANSLATE_NOOP("BranchClosesModel", "Unsynced at close"),
]
_MONEY = {COL_EXPECTED: "expected_paise", COL_COUNTED: "counted_paise",
          COL_DIFFERENCE: "difference_paise"}
_RIGHT = {COL_SESSION, COL_EXPECTED, COL_COUNTED, COL_DIFFERENCE, COL_UNSYNCED}
_SHORT = QColor("#b00020")
_EXCESS = QColor("#8a6d00")

_Index = QModelIndex | QPersistentModelIndex


def difference_text(paise: int) -> str:
    """A difference as the table shows it: "−₹5.00 short", "₹3.00 over", "balanced"."""
    if paise < 0:
        return fill(translate("BranchClosesModel", "−%1 short"), format_inr(-paise))
    if paise > 0:
        return fill(translate("BranchClosesModel", "%1 over"), format_inr(paise))
    return translate("BranchClosesModel", "balanced")


class BranchClosesModel(QAbstractTableModel):
    """Closes from ``GET /admin/day-closes`` and, last, their total row."""

    def __init__(self, zone: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.zone = ZoneInfo(zone)
        self.closes: list[dict[str, Any]] = []
        self.totals: dict[str, int] | None = None

    def set_answer(self, closes: list[dict[str, Any]], totals: dict[str, int] | None) -> None:
        self.beginResetModel()
        self.closes = closes
        self.totals = totals
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return len(self.closes) + (1 if self.totals is not None else 0)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.tr(HEADERS[section])
        return None

    def is_total(self, row: int) -> bool:
        return self.totals is not None and row == len(self.closes)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        total = self.is_total(row)
        record: dict[str, Any] = dict(self.totals or {}) if total else self.closes[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(record, col, total)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in _RIGHT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and total:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_DIFFERENCE:
            difference = int(record.get("difference_paise", 0))
            if difference:
                return QBrush(_SHORT if difference < 0 else _EXCESS)
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_UNSYNCED and \
                int(record.get("unsynced_at_close", 0)):
            return QBrush(_EXCESS)
        if role == Qt.ItemDataRole.UserRole:
            return None if total else record.get("close_id")
        return None

    def _text(self, record: dict[str, Any], col: int, total: bool) -> str:
        if col in _MONEY:
            paise = int(record.get(_MONEY[col], 0))
            return difference_text(paise) if col == COL_DIFFERENCE else format_inr(paise)
        if col == COL_UNSYNCED:
            return str(record.get("unsynced_at_close", 0))
        if total:
            closes = int(record.get("closes", 0))
            return self.tr("Total: %n close(s)", "", closes) if col == COL_BRANCH else ""
        if col == COL_BRANCH:
            code = record.get("branch_code")
            name = str(record.get("branch_name") or "")
            return f"{name} ({code})" if code else name
        if col == COL_CASHIER:
            return str(record.get("cashier", ""))
        if col == COL_SESSION:
            device = record.get("device_code")
            return f"{device} #{record['session_id']}" if device else f"#{record['session_id']}"
        moment = datetime.fromisoformat(str(record["closed_at"]).replace("Z", "+00:00"))
        return f"{moment.astimezone(self.zone):%d-%m-%Y %H:%M}"
