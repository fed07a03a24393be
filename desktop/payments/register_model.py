"""The payments register's table model: one row per payment, its columns, and the status
column's words (pending, synced, refused, applied differently, voided or bounced)."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from billing.money import format_inr
from billing.phone import format_mobile
from billing.reversal import register_mark
from billing.taken_payment import applied_as_label
from db.register_query import RegisterRow
from desktop.detail.format import method_text, option_text, plan_type_text
from desktop.language.i18n import QT_TRANSLATE_NOOP, fill
from desktop.payments.messages import applied_kind_text, mark_text

COLUMNS = [
    QT_TRANSLATE_NOOP("RegisterTableModel", "Document Date"),
    QT_TRANSLATE_NOOP("RegisterTableModel", "Document No"),
    QT_TRANSLATE_NOOP("RegisterTableModel", "Account ID"),
    QT_TRANSLATE_NOOP("RegisterTableModel", "Contact Name"),
    QT_TRANSLATE_NOOP("RegisterTableModel", "Mobile"),
    QT_TRANSLATE_NOOP("RegisterTableModel", "Email"),
    QT_TRANSLATE_NOOP("RegisterTableModel", "Payment Type"),
    QT_TRANSLATE_NOOP("RegisterTableModel", "Method"),
    QT_TRANSLATE_NOOP("RegisterTableModel", "Amount"),
    QT_TRANSLATE_NOOP("RegisterTableModel", "Cashier"),
    QT_TRANSLATE_NOOP("RegisterTableModel", "Status"),
]
(COL_DATE, COL_DOC, COL_ACCOUNT, COL_NAME, COL_MOBILE, COL_EMAIL, COL_TYPE, COL_METHOD,
 COL_AMOUNT, COL_CASHIER, COL_STATUS) = range(len(COLUMNS))

Index = QModelIndex | QPersistentModelIndex


def _method_label(value: str) -> str:
    return method_text(value)


def payment_type_text(value: str) -> str:
    """A register payment type (``db.register_query.PAYMENT_TYPES``: prepaid, postpaid,
    advance) as shown, in the interface language."""
    if value in ("prepaid", "postpaid"):
        return plan_type_text(value == "prepaid")
    return option_text(value)


_SHORT_KINDS = {"payment_and_advance": QT_TRANSLATE_NOOP("RegisterTableModel", "part advance")}


translate = QCoreApplication.translate
"""Qt's translate under the name lupdate looks for (``translate("Context", "text")``)."""


def _status(row: RegisterRow, mark: str | None = None) -> str:
    if row.refused is not None:
        return fill(translate("RegisterTableModel", "Refused: %1"), row.refused)
    if row.applied_as is not None:  # the whole notice is in the tooltip
        kind = str(row.applied_as.get("kind"))
        short = _SHORT_KINDS.get(kind)
        sync = fill(translate("RegisterTableModel", "Applied as %1"),
                    translate("RegisterTableModel", short) if short
                    else applied_kind_text(applied_as_label(kind)))
    elif row.pending:
        sync = translate("RegisterTableModel", "Pending sync")
    else:
        sync = translate("RegisterTableModel", "Synced")
    reversal = register_mark(row.method, mark)
    return f"{mark_text(reversal)} · {sync}" if reversal else sync


class RegisterTableModel(QAbstractTableModel):
    def __init__(self, zone: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.zone = ZoneInfo(zone)
        self.rows: list[RegisterRow] = []
        #: payment_uuid → this desk's void / bounce / cleared mark (db.reversals_local).
        self.marks: dict[str, str] = {}

    def set_rows(self, rows: list[RegisterRow], marks: dict[str, str] | None = None) -> None:
        self.beginResetModel()
        self.rows = rows
        self.marks = marks or {}
        self.endResetModel()

    def retranslate(self) -> None:
        """After a language change: views re-read the titles and every cell (the status,
        payment type and method words are looked up in the new language)."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self.rows) - 1, len(COLUMNS) - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL_AMOUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and row.refused is not None:
            return QColor("#b00020")
        if role == Qt.ItemDataRole.ToolTipRole and row.refused is not None:
            return fill(self.tr("Head office refused this payment: %1"), row.refused)
        if row.applied_as is not None:
            if role == Qt.ItemDataRole.ForegroundRole and col == COL_STATUS:
                return QColor("#8a4b00")
            if role == Qt.ItemDataRole.ToolTipRole:
                notice = row.applied_as.get("notice")
                return (fill(self.tr("Head office %1"), notice) if notice
                        else self.tr("Head office applied it differently"))
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        values = {
            COL_DATE: lambda: row.taken_at.astimezone(self.zone).strftime("%d-%m-%Y %H:%M"),
            COL_DOC: lambda: row.document_number,
            COL_ACCOUNT: lambda: str(row.account_id),
            COL_NAME: lambda: row.name,
            COL_MOBILE: lambda: format_mobile(row.mobile),
            COL_EMAIL: lambda: row.email or "",
            COL_TYPE: lambda: payment_type_text(row.payment_type),
            COL_METHOD: lambda: _method_label(row.method),
            COL_AMOUNT: lambda: format_inr(row.amount_paise),
            COL_CASHIER: lambda: row.cashier,
            COL_STATUS: lambda: _status(row, self.marks.get(row.payment_uuid)),
        }
        return values[col]()

