"""The account table's model: the database filters and sorts, the model holds rowids.

Anki's browser model, for a million rows: a query returns the ordered list of matching
rows (as SQLite rowids, an ``array('q')`` of 8 bytes a row), and ``data()`` fills a small
row cache one page at a time by primary key. Nothing is sorted or filtered here.

A query runs off the GUI thread in two steps on the database worker:

1. the count and the first page (what the view shows at once; a few milliseconds);
2. the full ordered rowid list (up to a few hundred milliseconds at 1M rows), after which
   any position — the last of a million — is one array lookup and one page by rowid.

What the GUI thread does per change is kept small (the goal: ≤ 4 ms): the first page comes
with its cells already formatted (display texts and colours, built on the worker), the
account table paints a page of them in one call (:meth:`painted_cells`,
:mod:`desktop.accounts.table_paint`), any other view's delegate reads a cell in one call
(``multiData``), and a new row set is announced as rows removed/inserted plus one
``dataChanged``, not a model reset.

Each query carries a token; a result for an older token is dropped, and starting a new
query cancels the old tasks (which interrupts SQLite mid-sort).

Here: the Qt model itself (rows, columns, headers, ``data()`` and ``multiData()``). Its
parts: the columns (:mod:`desktop.accounts.table_columns`), a row's painted cells
(:mod:`desktop.accounts.table_cells`), the two query steps on the worker
(:mod:`desktop.accounts.table_jobs`), starting queries and applying their results
(:mod:`desktop.accounts.table_queries`, the base class), positions and the row cache
(:mod:`desktop.accounts.table_rows`, mixed in).
"""

from __future__ import annotations

import threading
from array import array
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any, cast
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QIcon
from sqlalchemy import Engine

from billing.lifecycle import DEFAULT_ZONE
from billing.money import format_inr
from billing.rules import is_outstanding
from db import account_query as aq
from db.overlay import PendingPayments
from desktop.accounts.table_cells import Cells, row_cells
from desktop.accounts.table_columns import (
    ACCOUNT_ID_ROLE,
    BALANCE_ROLE,
    COL_BALANCE,
    COL_LAST_SEEN,
    COL_NAME,
    COL_PLAN,
    COL_STATUS,
    COL_TAG,
    HEADERS,
    PENDING_ROLE,
    RIGHT_ALIGNED,
    ROW_ROLE,
    SORT_KEYS,
)
from desktop.accounts.table_jobs import OverlayLoader
from desktop.accounts.table_queries import AccountsTableQueries
from desktop.accounts.table_rows import AccountsTableRows
from desktop.detail.format import month_name, plan_type_text, status_text
from desktop.language.i18n import fill
from desktop.runtime.tasks import Task, TaskRunner
from desktop.widgets.icons import icon

Index = QModelIndex | QPersistentModelIndex


class AccountsTableModel(AccountsTableRows, AccountsTableQueries):
    """Rows of the cache's accounts in database order; see the module docstring."""
    def __init__(
        self,
        engine: Engine,
        parent: QObject | None = None,
        *,
        tasks: TaskRunner | None = None,
        overlay: OverlayLoader | None = None,
        scope: aq.Scope | None = None,
        now: Callable[[], datetime] | None = None,
        zone: str = DEFAULT_ZONE,
    ) -> None:
        super().__init__(parent)
        self._engine = engine
        self._tasks = tasks
        self._overlay_loader = overlay
        self._now = now or (lambda: datetime.now(UTC))
        self._zone = ZoneInfo(zone)
        self._query = aq.AccountQuery(scope=scope or aq.Scope())
        self._token = 0
        self._running: list[Task] = []
        self._count = 0
        self._count_exact = True
        self._total = 0
        self._known_total: int | None = None  # the scope's size, until the cache changes
        self._first: list[int] = []  # rowids of the first page, before the full list is in
        self._ids: array | None = None
        self._rows: dict[int, aq.AccountRow] = {}
        self._cells: dict[int, Cells] = {}  # rows formatted for painting, by rowid
        self._pending: dict[int, PendingPayments] = {}
        self._loaded_once = False
        #: The inputs changed (expect()) and their query has not started yet.
        self._waiting = False
        self._placeholder_shown = False  # a row beyond the first page was asked for
        self._painted = threading.Event()
        self._await_paint = False
        self._tag_icon = icon("tag")
        self._pending_icon = icon("pending")
        self._words: dict[str, str] = {}
        self.retranslate()

    def column_words(self, column: int) -> list[str]:
        """The fixed words ``column`` shows (plan types, states), as now translated: what a
        view sizes the column for."""
        keys = {COL_PLAN: ("Prepaid", "Postpaid"), COL_LAST_SEEN: ("Never",),
                COL_STATUS: ("Active", "Suspended", "Inactive", "Terminated")}.get(column, ())
        return [self._words[key] for key in keys]

    def retranslate(self) -> None:
        """Word headers, states and placeholders anew in the interface language (the view's
        window calls it on a language change); the translations are looked up once here,
        not per cell."""
        self._words = {
            "Loading…": self.tr("Loading…"),
            "Never": self.tr("Never"),
            "Prepaid": plan_type_text(True),
            "Postpaid": plan_type_text(False),
            **{h: QCoreApplication.translate("AccountsTable", h) for h in HEADERS if h},
            **{state: status_text(state)
               for state in ("Active", "Suspended", "Inactive", "Terminated")},
        }
        self._cells = {}
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(HEADERS) - 1)
        if self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, len(HEADERS) - 1))
    # -- Qt model ----------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._words.get(HEADERS[section], HEADERS[section])
        if role == Qt.ItemDataRole.ToolTipRole:
            if section == COL_TAG:
                return self.tr("Open the account's details")
            if section == COL_BALANCE:
                return self.tr("What the customer owes; negative is advance credit")
        if role == Qt.ItemDataRole.TextAlignmentRole and section == COL_BALANCE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS.get(column)
        if key is not None:
            self.set_sort(key, order == Qt.SortOrder.DescendingOrder)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called ~1,800 times a repaint: roles are compared with module constants (an
        # attribute lookup on Qt.ItemDataRole costs more than the comparison itself).
        position = index.row()
        if not 0 <= position < self._count:  # an invalid index has row -1
            return None
        column = index.column()
        if role == _DECORATION and column == COL_TAG:
            return self._tag_icon
        if role == _ALIGNMENT:
            return _RIGHT if column in RIGHT_ALIGNED else None
        if role not in _ROW_ROLES:
            return None
        row = self.row_at(position)
        if row is None:
            if role == _DISPLAY and column == COL_NAME:
                self._placeholder_shown = True
                return self._words["Loading…"]
            return None
        if role == _DISPLAY:
            return self._cells_of(row).texts[column]
        if role == _FOREGROUND:
            return self._cells_of(row).brushes[column]
        if role == _DECORATION:
            if column == COL_BALANCE and self._cells_of(row).pending:
                return self._pending_icon
            return None
        if role == _TOOLTIP:
            return self._tooltip(row, column)
        if role == ACCOUNT_ID_ROLE:
            return row.id
        if role == ROW_ROLE:
            return row
        if role == BALANCE_ROLE:
            return self.provisional_balance(row)
        if role == PENDING_ROLE:
            return self._pending.get(row.id)
        return None

    # -- what the table's own paint reads (desktop.accounts.table_paint) ------------------

    @property
    def tag_icon(self) -> QIcon:
        return self._tag_icon

    @property
    def pending_icon(self) -> QIcon:
        return self._pending_icon

    def loading_text(self) -> str:
        """The name column's text for a row not fetched yet."""
        return self._words["Loading…"]

    def painted_cells(self, position: int) -> Cells | None:
        """The formatted cells of the row at ``position``, or None while it is loading (the
        view shows "Loading…" and is repainted when the full list is in)."""
        row = self.row_at(position) if 0 <= position < self._count else None
        if row is None:
            self._placeholder_shown = True
            return None
        return self._cells_of(row)

    def _cells_of(self, row: aq.AccountRow) -> Cells:
        cells = self._cells.get(row.rowid)
        if cells is None:  # a row paged in after the first page: formatted once, here
            cells = self._cells[row.rowid] = row_cells(row, self._words, self._now(),
                                                       self._pending)
        return cells

    def multiData(
        self, index: Index, roleDataSpan: QModelRoleDataSpan | QModelRoleData
    ) -> None:
        """Every role the delegate paints a cell with, in one call (Qt's default asks
        ``data()`` once per role: seven Python calls a cell)."""
        position = index.row()
        items = cast(Iterable[QModelRoleData], roleDataSpan)
        # The delegate hands the same role data to every cell it paints: a role this cell
        # has no value for must not keep the previous cell's.
        for item in items:
            item.clearData()
        if not 0 <= position < self._count:
            return
        column = index.column()
        row = self.row_at(position)
        for item in items:
            role = item.role()
            if role == _ALIGNMENT_INT:
                if column in RIGHT_ALIGNED:
                    item.setData(_RIGHT)
            elif role == _DISPLAY_INT:
                if row is not None:
                    text = self._cells_of(row).texts[column]
                    if text is not None:
                        item.setData(text)
                elif column == COL_NAME:
                    self._placeholder_shown = True
                    item.setData(self._words["Loading…"])
            elif role == _FOREGROUND_INT:
                if row is not None:
                    brush = self._cells_of(row).brushes[column]
                    if brush is not None:
                        item.setData(brush)
            elif role == _DECORATION_INT:
                if column == COL_TAG:
                    item.setData(self._tag_icon)
                elif (column == COL_BALANCE and row is not None
                      and self._cells_of(row).pending):
                    item.setData(self._pending_icon)
            elif role in _ROW_ROLES:
                value = self.data(index, role)
                if value is not None:
                    item.setData(value)

    def exact_time(self, epoch: int) -> str:
        """``14 Oct 2026, 13:36:00 IST``, the month in the interface language (``strftime``'s
        ``%a %b`` would stay English in Tamil)."""
        local = datetime.fromtimestamp(epoch, UTC).astimezone(self._zone)
        return (f"{local.day:02d} {month_name(local.month)} {local.year}, {local:%H:%M:%S} "
                + (local.tzname() or ""))

    def _tooltip(self, row: aq.AccountRow, column: int) -> str | None:
        if column == COL_TAG:
            return fill(self.tr("Open the details of account %1 (Enter or double-click)"),
                        row.id)
        if column == COL_LAST_SEEN:
            if row.last_seen is None:
                return self.tr("Never seen online")
            return self.exact_time(row.last_seen)
        if column == COL_BALANCE:
            balance = self.provisional_balance(row)
            pending = self._pending.get(row.id)
            if is_outstanding(balance):
                text = fill(self.tr("Dues outstanding: %1"), format_inr(balance))
            elif balance < 0:
                text = fill(self.tr("Advance credit: %1"), format_inr(-balance))
            else:
                text = self.tr("Nothing owed")
            if pending:
                text += "\n" + self.tr(
                    "Pending sync: %n payment(s) not yet confirmed by the server.", "",
                    pending.count)
                text += "\n" + fill(self.tr("Last synced balance: %1"),
                                     format_inr(row.balance_paise))
            return text
        return None


_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_DISPLAY = Qt.ItemDataRole.DisplayRole
_DECORATION = Qt.ItemDataRole.DecorationRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
_DISPLAY_INT = int(_DISPLAY.value)
_DECORATION_INT = int(_DECORATION.value)
_FOREGROUND_INT = int(_FOREGROUND.value)
_ALIGNMENT_INT = int(_ALIGNMENT.value)
_ROW_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.DecorationRole,
        ACCOUNT_ID_ROLE,
        ROW_ROLE,
        BALANCE_ROLE,
        PENDING_ROLE,
    }
)
