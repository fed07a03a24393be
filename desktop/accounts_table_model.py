"""The account table's model: the database sorts and filters, the model holds ids."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from sqlalchemy import Engine, text

from billing.money import format_inr

COL_ID, COL_NAME, COL_BRANCH, COL_MOBILE, COL_BALANCE, COL_LAST_SEEN = range(6)
HEADERS = ["Account ID", "Account Name", "Branch Name", "Mobile", "Balance", "Last Seen"]
_PAGE = 200

Index = QModelIndex | QPersistentModelIndex


class AccountsTableModel(QAbstractTableModel):
    def __init__(self, engine: Engine, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._engine = engine
        self._ids: list[int] = []
        self._rows: dict[int, tuple] = {}

    def reload(self) -> None:
        self.beginResetModel()
        with self._engine.connect() as conn:
            self._ids = list(conn.execute(text("SELECT id FROM accounts ORDER BY name, id"))
                             .scalars())
        self._rows.clear()
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self._row(index.row())
        value = row[index.column()]
        if index.column() == COL_BALANCE:
            return format_inr(value)
        return "" if value is None else str(value)

    def _row(self, position: int) -> tuple:
        account_id = self._ids[position]
        if account_id not in self._rows:
            page = self._ids[position:position + _PAGE]
            marks = ",".join(str(int(i)) for i in page)
            with self._engine.connect() as conn:
                for row in conn.execute(text(
                    "SELECT a.id, a.name, b.name, a.mobile, a.balance_paise, a.last_seen "
                    f"FROM accounts a JOIN branches b ON b.id = a.branch_id WHERE a.id IN ({marks})"
                )):
                    self._rows[row[0]] = tuple(row)
        return self._rows[account_id]
