"""The account table's view and the page shown instead of it when it is empty.

One fixed row height and interactive column widths (no ``ResizeToContents``: a million
rows), a sort indicator the model re-queries on, and column widths that only grow when a
language switch makes a title longer. The empty page says why there is nothing to show.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.accounts.table_columns import (
    COL_BALANCE,
    COL_BRANCH,
    COL_ID,
    COL_LAST_SEEN,
    COL_MOBILE,
    COL_NAME,
    COL_PLAN,
    COL_STATUS,
    COL_TAG,
)
from desktop.accounts.table_model import AccountsTableModel
from desktop.accounts.table_paint import RowPainter
from desktop.widgets.icons import icon

ROW_HEIGHT = 24
DEFAULT_WIDTHS = {
    COL_TAG: 30,
    COL_ID: 96,
    COL_NAME: 210,
    COL_BRANCH: 110,
    COL_MOBILE: 130,
    COL_BALANCE: 120,
    COL_LAST_SEEN: 100,
    COL_PLAN: 80,
    COL_STATUS: 90,
}


class AccountTable(QTableView):
    """The account table: Qt's table view, its rows painted a page at a time
    (:class:`~desktop.accounts.table_paint.RowPainter`) instead of a delegate call a cell."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._rows = RowPainter(self)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._rows.can_paint():
            self._rows.paint(event.rect())
        else:
            super().paintEvent(event)
        model = self.model()
        if isinstance(model, AccountsTableModel):
            model.painted()  # the full list's query may start now


def make_account_table(model: AccountsTableModel, parent: QWidget) -> AccountTable:
    """The ``accountTable`` view over ``model``, sorted by name until settings say more."""
    table = AccountTable(parent)
    table.setObjectName("accountTable")
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setShowGrid(False)
    table.setTabKeyNavigation(False)
    table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    vertical = table.verticalHeader()
    vertical.hide()
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(ROW_HEIGHT)
    vertical.setMinimumSectionSize(ROW_HEIGHT)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setHighlightSections(False)
    header.setStretchLastSection(True)
    header.setSectionsMovable(False)
    for column, width in DEFAULT_WIDTHS.items():
        header.resizeSection(column, width)
    header.setSectionResizeMode(COL_TAG, QHeaderView.ResizeMode.Fixed)
    header.setSortIndicatorShown(True)
    header.setSortIndicator(COL_NAME, Qt.SortOrder.AscendingOrder)
    # The vertical bar always shows: a keystroke empties the table until its result is in
    # (AccountsTableModel.expect), and a bar shown only when needed went away and came back
    # with every keystroke, widening and narrowing the columns each time (a visible jump,
    # and two more layouts and paints of the view and its header: 1M accounts, a typed
    # keystroke 6.8-8.7 -> 4.2-4.7 ms of the GUI thread, docs/performance.md).
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
    # Opaque scroll bars: a new row count changes the range, and the frame, the stack and
    # the splitter behind a transparent bar were repainted with it at every change.
    for bar in (table.verticalScrollBar(), table.horizontalScrollBar()):
        bar.setAutoFillBackground(True)
    return table


def fit_headers(table: QTableView, model: AccountsTableModel) -> None:
    """Widen a column whose title or fixed words (longer in Tamil) no longer fit; never
    narrow one."""
    header = table.horizontalHeader()
    metrics = table.fontMetrics()
    for column in range(header.count() - 1):
        words = model.column_words(column)
        needed = max([header.sectionSizeHint(column)]
                     + [metrics.horizontalAdvance(w) + 20 for w in words])
        if header.sectionSize(column) < needed:
            header.resizeSection(column, needed)


class EmptyState(QWidget):
    """``emptyState``: why the table has no rows, and a button to clear the filters when
    they are the reason. Texts keep the ``MainWindow`` translation context."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        picture = QLabel(self)
        picture.setPixmap(icon("empty").pixmap(48, 48))
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(picture)
        self.label = QLabel(self)
        self.label.setObjectName("emptyMessage")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        layout.addWidget(self.label)
        self.clear = QPushButton(self)
        self.clear.setObjectName("emptyClearFilters")
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.clear)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)

    def retranslate_ui(self) -> None:
        self.clear.setText(QCoreApplication.translate("MainWindow", "Clear all filters"))

    def explain(self, *, filtered: bool, filling: bool) -> None:
        """Say why nothing is shown: the filters, a cache still filling, or no accounts."""
        if filtered:
            self.label.setText(QCoreApplication.translate("MainWindow",
                "No accounts match these filters.\nClear the filters to see every account."))
            self.clear.show()
        elif filling:
            self.label.setText(QCoreApplication.translate("MainWindow",
                "The local copy of the accounts is being filled.\n"
                "Accounts appear here as soon as it is ready."))
            self.clear.hide()
        else:
            self.label.setText(QCoreApplication.translate("MainWindow",
                "There are no accounts in the local copy yet."))
            self.clear.hide()
