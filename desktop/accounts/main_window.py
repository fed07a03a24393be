"""The Manage Account main window: filter sidebar, the account table and its row actions.

Counter staff look at this all day, so it is keyboard first (Ctrl+F searches, arrows and
PageDown move, Enter opens, Esc clears the search), never waits on the database in the GUI
thread, and remembers its geometry, columns, sort and filters.

The counter loop, by keyboard or scanner: type or scan an Account ID from anywhere in the
window (keys go to Quick Search, see ``desktop.accounts.scanner``), Enter selects exactly that
account, the pay key (F2 unless ``counter/payKey`` says otherwise) opens its first payment
option and F6/F7/F8 open Payment/Recharge/Advance; after the payment the search box is
focused and empty for the next customer. The table never shows a result for text that is
no longer in the search box (see ``AccountsTableModel.expect``).

The window lays out and wires its parts, each a module of ``desktop.accounts``: ``menus``,
``quick_search`` (Enter, Down, exact IDs), ``counter_payments`` (pay key, F6/F7/F8),
``action_strip``, ``table_view``, ``cache_progress``, ``live_refresh`` (sync and outbox
changes), ``export_runner`` and ``window_state`` (what is remembered between sessions).
"""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from billing.money import format_count
from billing.roles import Action
from billing.rules import PaymentOption
from db import account_query as aq
from db.account_filter_options import FilterOptions
from desktop import APP_NAME
from desktop.accounts.action_strip import ActionStrip
from desktop.accounts.cache_progress import CacheProgress
from desktop.accounts.counter_payments import CounterPayments
from desktop.accounts.export_runner import ExportRunner
from desktop.accounts.filter_sidebar import FilterSidebar, load_filter_options, scope_of
from desktop.accounts.live_refresh import LiveRefresh, load_overlay
from desktop.accounts.menus import MainMenus
from desktop.accounts.quick_search import QuickSearch
from desktop.accounts.scanner import KeyRouter
from desktop.accounts.table_columns import COL_NAME, COL_TAG
from desktop.accounts.table_jobs import COUNT_UP_TO
from desktop.accounts.table_model import AccountsTableModel
from desktop.accounts.table_view import EmptyState, fit_headers, make_account_table
from desktop.accounts.window_state import (
    restore_window_state,
    save_filters,
    save_window_state,
    sort_by_indicator,
)
from desktop.language.i18n import fill, is_language_change
from desktop.payments.messages import notice_text
from desktop.runtime.context import AppContext
from desktop.runtime.tasks import Task

log = logging.getLogger(__name__)

class MainWindow(QMainWindow):
    """See the module docstring. Object names follow DESIGN.md's testability contract."""

    exportFinished = Signal(object)  #: ExportResult, an exception, or ExportCancelled

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("mainWindow")
        self._scope = scope_of(ctx)
        self._selected: aq.AccountRow | None = None
        self._keep_scroll: int | None = None
        self._options_task: Task | None = None
        self._saved_filters: dict[str, Any] | None = None

        self.model = AccountsTableModel(
            ctx.cache_engine,
            self,
            tasks=ctx.tasks,
            overlay=partial(load_overlay, ctx),
            scope=self._scope,
            zone=ctx.business_zone,
        )
        self.sidebar = FilterSidebar(self)
        self.table = make_account_table(self.model, self)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._on_sort_indicator)
        self.table.doubleClicked.connect(self._on_double_clicked)
        self.table.clicked.connect(self._on_clicked)
        self.actions_strip = ActionStrip(self)
        self.empty = EmptyState(self)
        self.empty.clear.clicked.connect(self.sidebar.clear)
        self.stack = QStackedWidget(self)
        self.stack.setObjectName("tableStack")
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(4)
        right_layout.addWidget(self.actions_strip)
        right_layout.addWidget(self.stack, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([240, 1000])
        self.setCentralWidget(self.splitter)

        # Opaque: its texts change with every query, and the window is not repainted behind
        # it (desktop.widgets.steady_label).
        self.statusBar().setAutoFillBackground(True)
        self.cache = CacheProgress(self, ctx, self._update_empty_state)
        self.progress = self.cache.bar
        self.count_label = self.cache.count_label
        self.exporter = ExportRunner(self, ctx)
        self.exporter.finished.connect(self.exportFinished)
        self.menus = MainMenus(self, ctx)
        self.quick_search = QuickSearch(self, ctx)
        self.payments = CounterPayments(self, ctx)
        self.pay_shortcut = self.payments.pay_shortcut
        QShortcut(QKeySequence.StandardKey.Find, self).activated.connect(self.focus_search)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self).activated.connect(self.clear_search)
        self.apply_pay_key()
        self.live = LiveRefresh(self, ctx)

        self.model.loaded.connect(self._on_loaded)
        self.model.idsReady.connect(self._on_ids_ready)
        self.model.busyChanged.connect(self._on_busy)
        self.model.failed.connect(self._on_query_failed)
        self.sidebar.changed.connect(self._on_filters_changed)
        self.sidebar.edited.connect(self._on_filters_edited)
        self.keys = KeyRouter(self, self.sidebar.search, self.quick_search.search_returned)
        self.keys.scanIgnored.connect(self.quick_search.on_scan_ignored)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)
        ctx.events.notice.connect(self.show_notice)

        self.resize(1280, 760)
        self._saved_filters = restore_window_state(self, ctx.settings)
        self.retranslate_ui()
        self.refresh()
        for notice in ctx.notices:  # e.g. a damaged cache thrown away at start
            self.show_notice(notice)

    # -- construction ----------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        """Every text of the window in the interface language (at start and on a switch)."""
        self.setWindowTitle(fill(self.tr("Manage Account — %1"), APP_NAME))
        self.menus.retranslate_ui()
        self.empty.retranslate_ui()
        self.model.retranslate()
        fit_headers(self.table, self.model)
        self.show_selection()
        if self.model.has_loaded:
            self._update_count()
        self._update_empty_state()

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event):
            self.retranslate_ui()
        super().changeEvent(event)

    #: How long a notice stays in the status bar.
    NOTICE_MS = 60_000

    @Slot(str)
    def show_notice(self, text: str) -> None:
        """Tell the user something that happened to their data (not an error of theirs)."""
        log.warning("notice shown: %s", text)
        self.statusBar().showMessage(notice_text(text), self.NOTICE_MS)

    # -- public ----------------------------------------------------------------------------

    @Slot()
    def apply_pay_key(self) -> None:
        """Use the pay key from settings (at start and after Settings is saved)."""
        self.payments.apply_pay_key()
        self.show_selection()

    @Slot()
    def refresh(self) -> None:
        """Reload the sidebar's lists, then the table (selection and scroll kept)."""
        self._keep_scroll = self.table.verticalScrollBar().value()
        self.model.forget_total()
        self._load_options()

    def ensure_demo_data(self, accounts: int) -> None:
        """Fill an empty cache with demo data off the GUI thread, showing progress."""
        self.cache.fill_demo(accounts)

    @Slot(int, int, str)
    def set_cache_progress(self, done: int, total: int, label: str) -> None:
        """Show (or, once ``done >= total``, hide) the cache-filling progress."""
        self.cache.show(done, total, label)

    @Slot()
    def focus_search(self) -> None:
        self.sidebar.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.sidebar.search.selectAll()

    @Slot()
    def clear_search(self) -> None:
        if self.sidebar.search.text():
            self.sidebar.search.clear()

    def selected_account(self) -> aq.AccountRow | None:
        return self._selected

    def open_account(self, account_id: int) -> QWidget | None:
        """Open the account's detail dialog."""
        from desktop.detail.dialog import open_account_detail  # loaded with the first one

        return open_account_detail(self.ctx, account_id, self)

    def open_index(self, index: QModelIndex) -> None:
        """Open the account of a table row (Enter, double click, the tag icon)."""
        row = self.model.row_at(index.row()) if index.isValid() else None
        if row is not None:
            self.open_account(row.id)

    def take_payment(self, option: PaymentOption) -> None:
        """Start the chosen payment on the selected account (the payments module's flow)."""
        self.payments.take_payment(option)

    def export_to(self, path: Path) -> Task | None:
        """Export the rows the table shows, in its order, to ``path`` (.csv or .xlsx)."""
        return self.exporter.export_to(path)

    # -- queries ---------------------------------------------------------------------------

    def _load_options(self) -> None:
        if self._options_task is not None:
            self._options_task.cancel()
        task = self.ctx.tasks.run_db(
            "filter lists", partial(load_filter_options, self.ctx.cache_engine, self._scope)
        )
        task.done.connect(self._on_options)
        self._options_task = task

    @Slot(object)
    def _on_options(self, options: FilterOptions) -> None:
        self._options_task = None
        self.sidebar.set_options(options)
        if self._saved_filters is not None:  # the first time: the last session's choices
            self.sidebar.restore(self._saved_filters, emit=False)
            self._saved_filters = None
        self.model.set_query(self.model.query.with_filter(self.sidebar.current_filter()))

    def requery(self, *, keep_scroll: bool) -> None:
        """Read the rows again for the same query (selection kept, scroll too if asked)."""
        self._keep_scroll = self.table.verticalScrollBar().value() if keep_scroll else None
        self.model.reload()

    @Slot()
    def _on_filters_edited(self) -> None:
        """The search text or a list changed: what the table shows is for older inputs, so
        it goes now (before the next paint), with the selection it had."""
        self._keep_scroll = None
        self.quick_search.forget()
        self.model.expect(self.sidebar.current_filter())
        self._selected = None
        self.show_selection()
        self.count_label.setText(self.tr("Searching…"))
        self.stack.setCurrentWidget(self.table)
        self.menus.set_export_enabled(False)

    @Slot()
    def _on_filters_changed(self) -> None:
        self._keep_scroll = None
        self.model.set_filter(self.sidebar.current_filter())
        save_filters(self.ctx.settings, self.sidebar)

    @Slot(int, Qt.SortOrder)
    def _on_sort_indicator(self, column: int, order: Qt.SortOrder) -> None:
        if sort_by_indicator(self.table, self.model, self.ctx.settings, column, order):
            self._keep_scroll = None

    @Slot()
    def _on_loaded(self) -> None:
        self._update_count()
        self._update_empty_state()
        self._restore_selection()
        if self._keep_scroll is not None:
            self.table.verticalScrollBar().setValue(self._keep_scroll)
        self.quick_search.on_loaded()

    @Slot()
    def _on_ids_ready(self) -> None:
        self._update_count()  # exact now, where the first step said "more than ..."
        self._restore_selection()
        if self._keep_scroll is not None:
            self.table.verticalScrollBar().setValue(self._keep_scroll)
            self._keep_scroll = None
        self.menus.set_export_enabled(self.model.rowCount() > 0)
        self.quick_search.on_ids_ready()

    @Slot(bool)
    def _on_busy(self, busy: bool) -> None:
        if busy:
            self.menus.set_export_enabled(False)
            if not self.model.has_loaded:
                self.count_label.setText(self.tr("Loading accounts…"))

    @Slot(object)
    def _on_query_failed(self, exc: object) -> None:
        self.statusBar().showMessage(
            fill(self.tr("The account list could not be read: %1"), exc), 15_000)

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total
        if self.model.query.filter.is_empty:
            text = fill(self.tr("%1 account(s)", "", total), format_count(total))
        elif not self.model.count_exact:
            text = fill(self.tr("More than %1 of %2 account(s)…", "", total),
                        format_count(COUNT_UP_TO), format_count(total))
        else:
            text = fill(self.tr("%1 of %2 account(s)", "", total), format_count(shown),
                        format_count(total))
        self.count_label.setText(text)

    def _update_empty_state(self) -> None:
        if self.model.rowCount() > 0 or not self.model.has_loaded:
            self.stack.setCurrentWidget(self.table)
            return
        self.empty.explain(filtered=self.sidebar.has_filters(), filling=self.cache.filling)
        self.stack.setCurrentWidget(self.empty)

    # -- selection and row actions ---------------------------------------------------------

    @Slot(QModelIndex, QModelIndex)
    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._selected = self.model.row_at(current.row()) if current.isValid() else None
        self.show_selection()

    def _restore_selection(self) -> None:
        if self._selected is None:
            return
        position = self.model.position_of_rowid(self._selected.rowid)
        held = self.model.row_at(position) if position is not None else None
        if held is not None and held.id != self._selected.id:
            position = None  # a sync deleted it and its rowid now holds another account
        if position is None:
            if self.model.ids_ready or held is not None:
                self._selected = None
                self.show_selection()
            return
        index = self.model.index(position, COL_NAME)
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        try:
            selection.setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        finally:
            selection.blockSignals(False)
        self.table.viewport().update()
        self._selected = self.model.row_at(position)
        self.show_selection()

    def show_selection(self) -> None:
        """The action strip for the selected account as the table now has it."""
        row = self._selected
        if row is None:
            self.actions_strip.show_account(None)
            return
        self.actions_strip.show_account(
            row, self.model.provisional_balance(row), bool(self.model.pending_for(row.id)),
            allowed=self.ctx.user.may(Action.TAKE_PAYMENT))

    @Slot(QModelIndex)
    def _on_double_clicked(self, index: QModelIndex) -> None:
        self.open_index(index)

    @Slot(QModelIndex)
    def _on_clicked(self, index: QModelIndex) -> None:
        if index.isValid() and index.column() == COL_TAG:
            self.open_index(index)

    def save_settings(self) -> None:
        save_window_state(self, self.ctx.settings)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.keys.uninstall()
        self.save_settings()
        self.exporter.stop()
        super().closeEvent(event)


