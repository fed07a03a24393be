"""What the main window remembers between sessions: its geometry, the splitter, the
table's columns and sort, and the filters (all in QSettings)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QTableView

from db import account_query as aq
from desktop.accounts.filter_sidebar import FilterSidebar
from desktop.accounts.table_columns import COL_NAME, COLUMN_OF_SORT, SORT_KEYS
from desktop.accounts.table_model import AccountsTableModel
from desktop.settings.store import setting_bytes, setting_str

if TYPE_CHECKING:
    from desktop.accounts.main_window import MainWindow

SETTINGS_GEOMETRY = "mainWindow/geometry"
SETTINGS_SPLITTER = "mainWindow/splitter"
SETTINGS_HEADER = "accountTable/header"
SETTINGS_SORT_COLUMN = "accountTable/sortColumn"
SETTINGS_SORT_ORDER = "accountTable/sortOrder"
SETTINGS_FILTERS = "accountTable/filters"


def restore_window_state(window: MainWindow, settings: QSettings) -> dict[str, Any]:
    """Put back the geometry, splitter, columns and sort; return the saved filters (applied
    once the sidebar has its lists)."""
    geometry = setting_bytes(settings, SETTINGS_GEOMETRY)
    if geometry is not None:
        window.restoreGeometry(geometry)
    splitter = setting_bytes(settings, SETTINGS_SPLITTER)
    if splitter is not None:
        window.splitter.restoreState(splitter)
    header = window.table.horizontalHeader()
    state = setting_bytes(settings, SETTINGS_HEADER)
    if state is not None:
        header.restoreState(state)
    column = _int(settings.value(SETTINGS_SORT_COLUMN, COL_NAME), COL_NAME)
    if column not in SORT_KEYS:
        column = COL_NAME
    descending = settings.value(SETTINGS_SORT_ORDER, "asc") == "desc"
    order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
    header.blockSignals(True)
    header.setSortIndicator(column, order)
    header.blockSignals(False)
    model = window.model
    query = model.query
    model._query = aq.AccountQuery(
        scope=query.scope, filter=query.filter, sort=SORT_KEYS[column], descending=descending
    )
    raw = setting_str(settings, SETTINGS_FILTERS)
    try:
        filters = json.loads(raw) if raw else {}
    except (TypeError, ValueError):
        filters = {}
    return filters if isinstance(filters, dict) else {}


def sort_by_indicator(
    table: QTableView, model: AccountsTableModel, settings: QSettings, column: int,
    order: Qt.SortOrder,
) -> bool:
    """A click on a column title: sort by it (the model re-queries) and remember it; the tag
    column has no sort, so the indicator goes back. True when the sort changed."""
    key = SORT_KEYS.get(column)
    if key is None:
        current = COLUMN_OF_SORT[model.query.sort]
        current_order = (
            Qt.SortOrder.DescendingOrder if model.query.descending
            else Qt.SortOrder.AscendingOrder
        )
        table.horizontalHeader().setSortIndicator(current, current_order)
        return False
    model.set_sort(key, order == Qt.SortOrder.DescendingOrder)
    settings.setValue(SETTINGS_SORT_COLUMN, column)
    settings.setValue(
        SETTINGS_SORT_ORDER, "desc" if order == Qt.SortOrder.DescendingOrder else "asc"
    )
    return True


def save_filters(settings: QSettings, sidebar: FilterSidebar) -> None:
    settings.setValue(SETTINGS_FILTERS, json.dumps(sidebar.state()))


def save_window_state(window: MainWindow, settings: QSettings) -> None:
    settings.setValue(SETTINGS_GEOMETRY, window.saveGeometry())
    settings.setValue(SETTINGS_SPLITTER, window.splitter.saveState())
    settings.setValue(SETTINGS_HEADER, window.table.horizontalHeader().saveState())
    save_filters(settings, window.sidebar)
    settings.sync()


def _int(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default
