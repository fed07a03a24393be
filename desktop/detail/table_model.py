"""A read-only table model over a short list of rows (one account's history)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtGui import Qt as QtText

PENDING_COLOUR = QColor("#8a5a00")
ISSUE_COLOUR = QColor("#b71c1c")


def plain_tooltip(text: str) -> str:
    """``text`` as a tooltip that shows it as typed: Qt renders a tooltip that looks like
    HTML, so a name or reason holding ``<img src=file:...>`` or ``<table>`` is escaped."""
    if not QtText.mightBeRichText(text):
        return text
    return QtText.convertFromPlainText(text, QtText.WhiteSpaceMode.WhiteSpaceNormal)


class RowsTableModel(QAbstractTableModel):
    """Rows of display strings; ``right_aligned`` columns hold amounts.

    ``row_state`` (optional, one per row) marks rows: "pending" rows are drawn in amber
    italics, "issue" rows in red; ``payloads`` keeps an object per row (e.g. an invoice id).
    """

    def __init__(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]] = (),
        *,
        right_aligned: Sequence[int] = (),
        row_state: Sequence[str] | None = None,
        payloads: Sequence[Any] | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._right = frozenset(right_aligned)
        self._rows: list[Sequence[str]] = []
        self._state: list[str] = []
        self._payloads: list[Any] = []
        self.set_rows(rows, row_state=row_state, payloads=payloads)

    def set_rows(
        self,
        rows: Sequence[Sequence[str]],
        *,
        row_state: Sequence[str] | None = None,
        payloads: Sequence[Any] | None = None,
    ) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._state = list(row_state) if row_state is not None else [""] * len(self._rows)
        self._payloads = list(payloads) if payloads is not None else [None] * len(self._rows)
        self.endResetModel()

    def set_headers(self, headers: Sequence[str]) -> None:
        """New header texts (same count), e.g. after a language change."""
        self._headers = list(headers)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._headers) - 1)

    def payload(self, row: int) -> Any:
        return self._payloads[row]

    def row_values(self, row: int) -> Sequence[str]:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._rows[row][column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(self._rows[row][column])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (
                Qt.AlignmentFlag.AlignRight if column in self._right else Qt.AlignmentFlag.AlignLeft
            )
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        state = self._state[row]
        if role == Qt.ItemDataRole.ForegroundRole and state:
            return QBrush(PENDING_COLOUR if state == "pending" else ISSUE_COLOUR)
        if role == Qt.ItemDataRole.FontRole and state == "pending":
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None


def make_table_view(name: str, model: RowsTableModel, parent: Any = None) -> Any:
    """A read-only, row-selecting table view with fixed row height."""
    from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(24)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setHighlightSections(False)
    return view


def fit_columns(view: Any, widths: Sequence[int]) -> None:
    """Set column widths (the last column stretches)."""
    for column, width in enumerate(widths):
        view.setColumnWidth(column, width)


def widen_to_fit(view: Any) -> None:
    """Widen columns (all but the stretching last) to their header and visible cells, so a
    longer translation or date is never cut off; widths only grow."""
    header = view.horizontalHeader()
    for column in range(header.count() - 1):
        needed = max(header.sectionSizeHint(column), view.sizeHintForColumn(column))
        if view.columnWidth(column) < needed:
            view.setColumnWidth(column, needed)
