"""The Manage Account main window: filter sidebar, the account table and its row actions.

Counter staff look at this all day, so it is keyboard first (Ctrl+F searches, arrows and
PageDown move, Enter opens, Esc clears the search), never waits on the database in the GUI
thread, and remembers its geometry, columns, sort and filters.

The counter loop, by keyboard or scanner: type or scan an Account ID from anywhere in the
window (keys go to Quick Search, see ``desktop.scanner``), Enter selects exactly that
account, the pay key (F2 unless ``counter/payKey`` says otherwise) opens its first payment
option and F6/F7/F8 open Payment/Recharge/Advance; after the payment the search box is
focused and empty for the next customer. The table never shows a result for text that is
no longer in the search box (see ``AccountsTableModel.expect``).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QProgressBar,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from billing.money import format_inr
from billing.roles import Action, Role
from billing.rules import PaymentOption, payment_options_paise
from db import account_query as aq
from db import overlay as overlay_module
from db.overlay import PendingPayments
from demo.data import generate
from desktop import APP_NAME
from desktop.accounts_table_model import (
    COL_BALANCE,
    COL_BRANCH,
    COL_ID,
    COL_LAST_SEEN,
    COL_MOBILE,
    COL_NAME,
    COL_PLAN,
    COL_STATUS,
    COL_TAG,
    COLUMN_OF_SORT,
    COUNT_UP_TO,
    SORT_KEYS,
    AccountsTableModel,
)
from desktop.context import AppContext
from desktop.counter_keys import DEFAULT_PAY_KEY, OPTION_KEYS, pay_key
from desktop.detail.format import option_text, plan_type_text
from desktop.export import ExportCancelled, ExportFormat, ExportResult, export_accounts
from desktop.filter_sidebar import FilterSidebar
from desktop.i18n import QT_TRANSLATE_NOOP, fill, is_language_change
from desktop.scanner import KeyRouter
from desktop.settings import setting_bytes, setting_str
from desktop.tasks import Task, TaskControl
from desktop.widgets.icons import icon

log = logging.getLogger(__name__)

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
#: Coalesces bursts of change notifications (a sync page after page) into one re-query.
REFRESH_DEBOUNCE_MS = 120

SETTINGS_GEOMETRY = "mainWindow/geometry"
SETTINGS_SPLITTER = "mainWindow/splitter"
SETTINGS_HEADER = "accountTable/header"
SETTINGS_SORT_COLUMN = "accountTable/sortColumn"
SETTINGS_SORT_ORDER = "accountTable/sortOrder"
SETTINGS_FILTERS = "accountTable/filters"

NOT_AVAILABLE_DETAILS = QT_TRANSLATE_NOOP(
    "MainWindow", "Account details are not available in this build")
NOT_AVAILABLE_PAYMENTS = QT_TRANSLATE_NOOP("MainWindow", "Payments are not available in this build")

_ACTION_NAMES = {
    PaymentOption.PAYMENT: "actionPayment",
    PaymentOption.ADVANCE: "actionAdvance",
    PaymentOption.RECHARGE: "actionRecharge",
}
def exact_account_id(text: str) -> int | None:
    """The Account ID ``text`` is, when it is one (digits only, as typed or scanned)."""
    stripped = text.strip()
    if stripped.isdigit() and stripped.isascii() and len(stripped) <= 18:
        return int(stripped)
    return None


def scope_of(ctx: AppContext) -> aq.Scope:
    """The rows a user may list: own branch for staff and cashiers, own reseller for
    partners, everything for administrators (the server enforces the same)."""
    user = ctx.user
    if user.role in (Role.BRANCH_STAFF, Role.CASHIER):
        return aq.Scope(branch_id=user.branch_id)
    if user.role is Role.PARTNER:
        return aq.Scope(reseller_id=user.reseller_id)
    return aq.Scope()


def load_overlay(ctx: AppContext) -> dict[int, PendingPayments]:
    """Pending payments laid over cached balances (runs on the database worker)."""
    provisional = getattr(overlay_module, "provisional_payments", None)
    if provisional is not None:
        return provisional(ctx.outbox, ctx.cache_engine)
    return overlay_module.outbox_pending_payments(ctx.outbox)


def _overlay_job(ctx: AppContext, _control: TaskControl) -> dict[int, PendingPayments]:
    return load_overlay(ctx)


def _options_job(engine: Any, scope: aq.Scope, _control: TaskControl) -> aq.FilterOptions:
    with engine.connect() as conn:
        return aq.filter_options(conn, scope)


def _export_job(
    ctx: AppContext, rowids: Any, pending: dict[int, PendingPayments], path: Path,
    control: TaskControl,
) -> ExportResult | None:
    try:
        return export_accounts(
            ctx.cache_engine, rowids, pending, path, control, zone=ctx.business_zone
        )
    except ExportCancelled:
        return None


def _generate_demo(ctx: AppContext, accounts: int, control: TaskControl) -> object:
    with ctx.cache_engine.connect() as conn:
        if conn.exec_driver_sql("SELECT 1 FROM accounts LIMIT 1").first():
            return None  # the cache already has accounts
    return generate(ctx.cache_engine, accounts, today=ctx.today(), progress=control.report)


class ActionStrip(QFrame):
    """The selected account and its payment actions (Payment / Advance / Recharge)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("actionStrip")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.summary = QLabel(self.tr("Select an account to see what can be paid."), self)
        self.summary.setObjectName("selectedAccount")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons: dict[PaymentOption, QPushButton] = {}
        self._pay_key = DEFAULT_PAY_KEY
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(8, 4, 8, 4)
        self._layout.addWidget(self.summary, 1)
        for option in (PaymentOption.PAYMENT, PaymentOption.RECHARGE, PaymentOption.ADVANCE):
            button = QPushButton(self)
            button.setObjectName(_ACTION_NAMES[option])
            button.hide()
            self.buttons[option] = button
        self.pay_key_label = QLabel(self)
        self.pay_key_label.setObjectName("payKeyHint")
        self._layout.addWidget(self.pay_key_label)
        self._shown: tuple[list[PaymentOption], bool, str] = ([], False, "")
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Button texts in the interface language (the summary is the window's to word)."""
        for option, button in self.buttons.items():
            button.setText(f"{option_text(option.value)}  {OPTION_KEYS[option]}")
        self.show_options(*self._shown)

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event):
            self.retranslate_ui()
        super().changeEvent(event)

    def set_pay_key(self, key: QKeySequence) -> None:
        self._pay_key = key.toString(QKeySequence.SequenceFormat.NativeText)

    def show_options(self, options: list[PaymentOption], enabled: bool, why: str) -> None:
        """Show exactly ``options``, in their order (billing.rules decides them)."""
        self._shown = (list(options), enabled, why)
        for button in self.buttons.values():
            self._layout.removeWidget(button)
            button.hide()
        self._layout.removeWidget(self.pay_key_label)
        for option in options:
            button = self.buttons[option]
            self._layout.addWidget(button)
            button.setEnabled(enabled)
            button.setToolTip(
                f"{option_text(option.value)} ({OPTION_KEYS[option]})" if enabled else why
            )
            button.show()
        self._layout.addWidget(self.pay_key_label)
        first = option_text(options[0].value) if options and enabled else ""
        self.pay_key_label.setText(
            f"{self._pay_key}: {first}" if first else ""
        )
        self.pay_key_label.setVisible(bool(first))

    def visible_options(self) -> list[PaymentOption]:
        items = (self._layout.itemAt(i) for i in range(self._layout.count()))
        order = [item.widget() for item in items if item is not None]
        return [o for w in order for o, b in self.buttons.items() if b is w and not b.isHidden()]


class MainWindow(QMainWindow):
    """See the module docstring. Object names follow DESIGN.md's testability contract."""

    #: An export finished: ExportResult, or an exception.
    exportFinished = Signal(object)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("mainWindow")
        self._scope = scope_of(ctx)
        self._selected: aq.AccountRow | None = None
        self._keep_scroll: int | None = None
        self._options_task: Task | None = None
        self._export_task: Task | None = None
        self._export_dialog: QProgressDialog | None = None
        self._saved_filters: dict[str, Any] | None = None
        self._focus_table_on_load = False
        #: Enter on an exact Account ID: select it once the result for that text is in.
        self._exact_id: int | None = None

        self.model = AccountsTableModel(
            ctx.cache_engine,
            self,
            tasks=ctx.tasks,
            overlay=partial(load_overlay, ctx),
            scope=self._scope,
            zone=ctx.business_zone,
        )
        self.sidebar = FilterSidebar(self)
        self.table = self._make_table()
        self.actions_strip = ActionStrip(self)
        self.empty = self._make_empty_state()
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

        self._make_status_bar()
        #: Menus and actions with their English text, worded anew on a language change.
        self._worded: list[tuple[QMenu | QAction, str]] = []
        self._make_menus()
        self._make_shortcuts()
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.timeout.connect(self._refresh_rows)

        self.model.loaded.connect(self._on_loaded)
        self.model.idsReady.connect(self._on_ids_ready)
        self.model.busyChanged.connect(self._on_busy)
        self.model.failed.connect(self._on_query_failed)
        self.sidebar.changed.connect(self._on_filters_changed)
        self.sidebar.edited.connect(self._on_filters_edited)
        self.keys = KeyRouter(self, self.sidebar.search, self._search_returned)
        self.keys.scanIgnored.connect(self._on_scan_ignored)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)
        buttons = self.actions_strip.buttons
        buttons[PaymentOption.PAYMENT].clicked.connect(self._on_payment_clicked)
        buttons[PaymentOption.ADVANCE].clicked.connect(self._on_advance_clicked)
        buttons[PaymentOption.RECHARGE].clicked.connect(self._on_recharge_clicked)
        ctx.events.accounts_changed.connect(self._on_accounts_changed)
        ctx.events.outbox_changed.connect(self._on_outbox_changed)
        ctx.events.cache_reset.connect(self._on_cache_reset)
        ctx.events.notice.connect(self.show_notice)

        self.resize(1280, 760)
        self._restore_settings()
        self.retranslate_ui()
        self.refresh()
        for notice in ctx.notices:  # e.g. a damaged cache thrown away at start
            self.show_notice(notice)

    # -- construction ----------------------------------------------------------------------

    def _make_table(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("accountTable")
        table.setModel(self.model)
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
        header.sortIndicatorChanged.connect(self._on_sort_indicator)
        table.doubleClicked.connect(self._on_double_clicked)
        table.clicked.connect(self._on_clicked)
        table.installEventFilter(self)
        return table

    def _make_empty_state(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("emptyState")
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        picture = QLabel(page)
        picture.setPixmap(icon("empty").pixmap(48, 48))
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(picture)
        self.empty_label = QLabel(page)
        self.empty_label.setObjectName("emptyMessage")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        layout.addWidget(self.empty_label)
        self.empty_clear = QPushButton(page)
        self.empty_clear.setObjectName("emptyClearFilters")
        self.empty_clear.clicked.connect(self.sidebar.clear)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.empty_clear)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        return page

    def _make_status_bar(self) -> None:
        bar = self.statusBar()
        self.progress = QProgressBar(self)
        self.progress.setObjectName("cacheProgress")
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        bar.addPermanentWidget(self.progress)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("rowCount")
        bar.addPermanentWidget(self.count_label)

    def _action(
        self,
        menu: QMenu,
        text: str,
        slot: Callable[[], object],
        name: str = "",
        shortcut: QKeySequence.StandardKey | None = None,
    ) -> QAction:
        """A menu entry: its text (English, worded anew on a language change), object name
        (for tests), shortcut and slot."""
        action = QAction(self.tr(text), self)
        self._worded.append((action, text))
        if name:
            action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _menu(self, text: str) -> QMenu:
        """A menu of the menu bar, its text worded anew on a language change."""
        menu = self.menuBar().addMenu(self.tr(text))
        self._worded.append((menu, text))
        return menu

    def retranslate_ui(self) -> None:
        """Every text of the window in the interface language (at start and on a switch)."""
        self.setWindowTitle(fill(self.tr("Manage Account — %1"), APP_NAME))
        for item, text in self._worded:
            if isinstance(item, QMenu):
                item.setTitle(self.tr(text))
            else:
                item.setText(self.tr(text))
        self.empty_clear.setText(self.tr("Clear all filters"))
        self.model.retranslate()
        self._fit_headers()
        self._update_selection_strip()
        if self.model.has_loaded:
            self._update_count()
        self._update_empty_state()

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event):
            self.retranslate_ui()
        super().changeEvent(event)

    def _fit_headers(self) -> None:
        """Widen a column whose title or fixed words (longer in Tamil) no longer fit; never
        narrow one."""
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        for column in range(header.count() - 1):
            words = self.model.column_words(column)
            needed = max([header.sectionSizeHint(column)]
                         + [metrics.horizontalAdvance(w) + 20 for w in words])
            if header.sectionSize(column) < needed:
                header.resizeSection(column, needed)

    def _make_menus(self) -> None:
        file_menu = self._menu(QT_TRANSLATE_NOOP("MainWindow", "&File"))
        self.export_csv_action = self._action(
            file_menu, QT_TRANSLATE_NOOP("MainWindow", "Export to &CSV…"),
            self._ask_export_csv, "exportCsv",
        )
        self.export_xlsx_action = self._action(
            file_menu, QT_TRANSLATE_NOOP("MainWindow", "Export to &Excel…"),
            self._ask_export_xlsx, "exportExcel",
        )
        for action in (self.export_csv_action, self.export_xlsx_action):
            action.setEnabled(False)
        file_menu.addSeparator()
        self._action(file_menu, QT_TRANSLATE_NOOP("MainWindow", "&Close"), self.close,
                     shortcut=QKeySequence.StandardKey.Close)
        view_menu = self._menu(QT_TRANSLATE_NOOP("MainWindow", "&View"))
        self._action(view_menu, QT_TRANSLATE_NOOP("MainWindow", "&Refresh"), self.refresh,
                     "refreshAccounts", QKeySequence.StandardKey.Refresh)
        self._action(view_menu, QT_TRANSLATE_NOOP("MainWindow", "C&lear filters"),
                     self.sidebar.clear)
        payments_menu = self._menu(QT_TRANSLATE_NOOP("MainWindow", "&Payments"))
        self._action(payments_menu, QT_TRANSLATE_NOOP("MainWindow", "Payments &register…"),
                     self._open_register, "openRegister")
        self._action(payments_menu, QT_TRANSLATE_NOOP("MainWindow", "&Due list…"),
                     self._open_due_list, "openDueList")
        self._action(payments_menu, QT_TRANSLATE_NOOP("MainWindow", "Day &close…"),
                     self._open_day_close, "openDayClose")
        self._action(payments_menu, QT_TRANSLATE_NOOP("MainWindow", "&Branch day closes…"),
                     self._open_branch_closes, "openBranchDayCloses").setVisible(
                         self.ctx.user.role is Role.ADMIN)
        tools_menu = self._menu(QT_TRANSLATE_NOOP("MainWindow", "&Tools"))
        self._action(tools_menu, QT_TRANSLATE_NOOP("MainWindow", "&Settings…"),
                     self._open_settings, "openSettings", QKeySequence.StandardKey.Preferences)
        help_menu = self._menu(QT_TRANSLATE_NOOP("MainWindow", "&Help"))
        self._action(help_menu, QT_TRANSLATE_NOOP("MainWindow", "&Keyboard…"),
                     self._open_keyboard_help, "openKeyboardHelp")
        self._action(help_menu, QT_TRANSLATE_NOOP("MainWindow", "&About"), self._open_about,
                     "openAbout")

    #: How long a notice stays in the status bar.
    NOTICE_MS = 60_000

    @Slot(str)
    def show_notice(self, text: str) -> None:
        """Tell the user something that happened to their data (not an error of theirs)."""
        log.warning("notice shown: %s", text)
        self.statusBar().showMessage(text, self.NOTICE_MS)

    @Slot()
    def _open_register(self) -> None:
        from desktop.payments.register import PaymentsRegister

        self._show_window("paymentsRegister", PaymentsRegister)

    @Slot()
    def _open_due_list(self) -> None:
        from desktop.payments.due_list import DueListWindow

        self._show_window("dueList", DueListWindow)

    def _show_window(self, name: str, factory: Callable[[AppContext, QWidget], QWidget]) -> None:
        """One window of each kind: bring an open one forward instead of a second copy."""
        window = self.findChild(QWidget, name)
        if window is None:
            window = factory(self.ctx, self)
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.show()
        window.raise_()
        window.activateWindow()

    @Slot()
    def _open_branch_closes(self) -> None:
        from desktop.payments.branch_closes import BranchClosesWindow

        self._show_window("branchDayCloses", BranchClosesWindow)

    @Slot()
    def _open_day_close(self) -> None:
        from desktop.payments.day_close import DayCloseDialog

        dialog = DayCloseDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    @Slot()
    def _open_settings(self) -> None:
        from desktop.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.ctx.settings, branch_zone=self.ctx.business_zone,
                                parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.apply_pay_key)
        dialog.open()

    @Slot()
    def _open_keyboard_help(self) -> QWidget:
        from desktop.keyboard_help import KeyboardHelpDialog

        dialog = KeyboardHelpDialog(pay_key(self.ctx.settings), OPTION_KEYS, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    @Slot()
    def _open_about(self) -> None:
        from desktop.about import AboutDialog
        from desktop.logs import current_log_folder

        dialog = AboutDialog(self.ctx.settings, data_dir=self.ctx.data_dir,
                             log_dir=current_log_folder(), parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _make_shortcuts(self) -> None:
        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.activated.connect(self.focus_search)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.activated.connect(self.clear_search)
        self.sidebar.search.returnPressed.connect(self._search_returned)
        self.sidebar.search.installEventFilter(self)
        self.pay_shortcut = QShortcut(self)
        self.pay_shortcut.setObjectName("payKey")
        self.pay_shortcut.activated.connect(self.pay_first_option)
        self.apply_pay_key()
        self.option_shortcuts: dict[PaymentOption, QShortcut] = {}
        for option, text in OPTION_KEYS.items():
            shortcut = QShortcut(QKeySequence(text), self)
            shortcut.activated.connect(partial(self.pay_with_key, option))
            self.option_shortcuts[option] = shortcut

    # -- public ----------------------------------------------------------------------------

    @Slot()
    def apply_pay_key(self) -> None:
        """Use the pay key from settings (at start and after Settings is saved)."""
        key = pay_key(self.ctx.settings)
        self.pay_shortcut.setKey(key)
        self.actions_strip.set_pay_key(key)
        self._update_selection_strip()

    @Slot()
    def refresh(self) -> None:
        """Reload the sidebar's lists, then the table (selection and scroll kept)."""
        self._keep_scroll = self.table.verticalScrollBar().value()
        self.model.forget_total()
        self._load_options()

    def ensure_demo_data(self, accounts: int) -> None:
        """Fill an empty cache with demo data off the GUI thread, showing progress."""
        self.set_cache_progress(0, accounts, self.tr("Preparing demo accounts…"))
        task = self.ctx.tasks.run_db("demo data", partial(_generate_demo, self.ctx, accounts))
        task.progress.connect(self._on_demo_progress)
        task.done.connect(self._on_demo_done)
        task.error.connect(self._on_demo_error)

    @Slot(int, int, str)
    def set_cache_progress(self, done: int, total: int, label: str) -> None:
        """Show (or, once ``done >= total``, hide) the cache-filling progress."""
        if total <= 0 or done >= total:
            self.progress.hide()
            if self.statusBar().currentMessage() == self.progress.toolTip():
                self.statusBar().clearMessage()
            self._update_empty_state()
            return
        self.progress.setRange(0, total)
        self.progress.setValue(max(0, done))
        self.progress.setFormat(f"{label} %p%" if label else "%p%")
        self.progress.setToolTip(label)
        self.progress.show()
        if label:
            self.statusBar().showMessage(label)
        self._update_empty_state()

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
        """Open the account's detail dialog, or say plainly that it is not in this build."""
        try:
            from desktop.detail.dialog import open_account_detail
        except ImportError:
            log.info("detail dialog not available")
            self.statusBar().showMessage(self.tr(NOT_AVAILABLE_DETAILS), 10_000)
            return None
        return open_account_detail(self.ctx, account_id, self)

    def take_payment(self, option: PaymentOption) -> None:
        """Start the chosen payment on the selected account (the payments module's flow)."""
        row = self._selected
        if row is None:
            return
        try:
            from desktop.payments.flow import start_payment
        except ImportError:
            log.info("payment flow not available")
            self.statusBar().showMessage(self.tr(NOT_AVAILABLE_PAYMENTS), 10_000)
            return
        flow = start_payment(self.ctx, row.id, option, self)
        if flow is not None:
            flow.receipt_shown.connect(self._ready_for_next_customer)

    @Slot()
    def pay_first_option(self) -> None:
        """The pay key: the selected account's first payment option (billing.rules' order)."""
        options = self.actions_strip.visible_options()
        if self._can_pay(options[0] if options else None):
            self.take_payment(options[0])

    def pay_with_key(self, option: PaymentOption) -> None:
        """F6/F7/F8: that option, when the selected account offers it now."""
        if self._can_pay(option):
            self.take_payment(option)

    def _can_pay(self, option: PaymentOption | None) -> bool:
        row = self._selected
        if row is None or self.model.waiting:
            self.statusBar().showMessage(
                self.tr("Select an account first: type or scan its Account ID and press "
                        "Enter."),
                10_000,
            )
            return False
        if not self.ctx.user.may(Action.TAKE_PAYMENT):
            self.statusBar().showMessage(self.tr("Your role may not take payments."), 10_000)
            return False
        offered = self.actions_strip.visible_options()
        if option is None or option not in offered:
            names = ", ".join(f"{option_text(o.value)} ({OPTION_KEYS[o]})" for o in offered)
            what = option_text(option.value) if option is not None else self.tr("A payment")
            self.statusBar().showMessage(fill(
                self.tr("%1 is not offered for account %2 now; it offers %3."), what, row.id,
                names), 10_000)
            return False
        return True

    @Slot(object)
    def _ready_for_next_customer(self, receipt: object) -> None:
        """After a payment: the search box, empty and focused, for the next ID or scan: at
        once, or when the receipt window closes if the settings let it take the focus."""
        from desktop.payments.flow import AFTER_RECORD_WINDOW, after_record

        self.sidebar.search.clear()
        if after_record(self.ctx) == AFTER_RECORD_WINDOW and isinstance(receipt, QDialog):
            receipt.finished.connect(self._focus_empty_search)
        else:
            self._focus_empty_search()

    @Slot()
    def _focus_empty_search(self) -> None:
        self.activateWindow()
        self.sidebar.search.clear()
        self.sidebar.search.setFocus(Qt.FocusReason.OtherFocusReason)

    def export_to(self, path: Path) -> Task | None:
        """Export the rows the table shows, in its order, to ``path`` (.csv or .xlsx)."""
        rowids = self.model.ordered_rowids()
        if rowids is None:
            self.statusBar().showMessage(
                self.tr("The list is still loading; export in a moment."), 5000)
            return None
        if self._export_task is not None:
            self.statusBar().showMessage(self.tr("An export is already running."), 5000)
            return None
        dialog = QProgressDialog(fill(self.tr("Exporting %1 accounts…"), f"{len(rowids):,}"),
                                 self.tr("Cancel"), 0, max(1, len(rowids)), self)
        dialog.setObjectName("exportProgress")
        dialog.setWindowTitle(self.tr("Export"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setValue(0)
        task = self.ctx.tasks.run_db(
            "export accounts",
            partial(_export_job, self.ctx, rowids, self.model.pending_snapshot(), Path(path)),
        )
        task.progress.connect(self._on_export_progress)
        task.done.connect(self._on_export_done)
        task.error.connect(self._on_export_error)
        dialog.canceled.connect(self._on_export_cancel)
        self._export_task = task
        self._export_dialog = dialog
        return task

    # -- queries ---------------------------------------------------------------------------

    def _load_options(self) -> None:
        if self._options_task is not None:
            self._options_task.cancel()
        task = self.ctx.tasks.run_db(
            "filter lists", partial(_options_job, self.ctx.cache_engine, self._scope)
        )
        task.done.connect(self._on_options)
        self._options_task = task

    @Slot(object)
    def _on_options(self, options: aq.FilterOptions) -> None:
        self._options_task = None
        self.sidebar.set_options(options)
        if self._saved_filters is not None:  # the first time: the last session's choices
            self.sidebar.restore(self._saved_filters, emit=False)
            self._saved_filters = None
        self.model.set_query(self.model.query.with_filter(self.sidebar.current_filter()))

    def _requery(self, *, keep_scroll: bool) -> None:
        self._keep_scroll = self.table.verticalScrollBar().value() if keep_scroll else None
        self.model.reload()

    @Slot()
    def _on_filters_edited(self) -> None:
        """The search text or a list changed: what the table shows is for older inputs, so
        it goes now (before the next paint), with the selection it had."""
        self._keep_scroll = None
        self._focus_table_on_load = False
        self._exact_id = None
        self.model.expect(self.sidebar.current_filter())
        self._selected = None
        self._update_selection_strip()
        self.count_label.setText(self.tr("Searching…"))
        self.stack.setCurrentWidget(self.table)
        self.export_csv_action.setEnabled(False)
        self.export_xlsx_action.setEnabled(False)

    @Slot()
    def _on_filters_changed(self) -> None:
        self._keep_scroll = None
        self.model.set_filter(self.sidebar.current_filter())
        self._save_filters()

    @Slot(int, Qt.SortOrder)
    def _on_sort_indicator(self, column: int, order: Qt.SortOrder) -> None:
        key = SORT_KEYS.get(column)
        if key is None:  # the tag column: keep the sort the table has
            current = COLUMN_OF_SORT[self.model.query.sort]
            current_order = (
                Qt.SortOrder.DescendingOrder
                if self.model.query.descending
                else Qt.SortOrder.AscendingOrder
            )
            self.table.horizontalHeader().setSortIndicator(current, current_order)
            return
        self._keep_scroll = None
        self.model.set_sort(key, order == Qt.SortOrder.DescendingOrder)
        self.ctx.settings.setValue(SETTINGS_SORT_COLUMN, column)
        self.ctx.settings.setValue(
            SETTINGS_SORT_ORDER, "desc" if order == Qt.SortOrder.DescendingOrder else "asc"
        )

    @Slot()
    def _on_loaded(self) -> None:
        self._update_count()
        self._update_empty_state()
        self._restore_selection()
        if self._keep_scroll is not None:
            self.table.verticalScrollBar().setValue(self._keep_scroll)
        if self._focus_table_on_load:
            self._focus_table()

    @Slot()
    def _on_ids_ready(self) -> None:
        self._update_count()  # exact now, where the first step said "more than ..."
        self._restore_selection()
        if self._keep_scroll is not None:
            self.table.verticalScrollBar().setValue(self._keep_scroll)
            self._keep_scroll = None
        ready = self.model.rowCount() > 0
        self.export_csv_action.setEnabled(ready)
        self.export_xlsx_action.setEnabled(ready)
        if self._exact_id is not None and not self.model.waiting:
            self._select_exact()

    @Slot(bool)
    def _on_busy(self, busy: bool) -> None:
        if busy:
            self.export_csv_action.setEnabled(False)
            self.export_xlsx_action.setEnabled(False)
            if not self.model.has_loaded:
                self.count_label.setText(self.tr("Loading accounts…"))

    @Slot(object)
    def _on_query_failed(self, exc: object) -> None:
        self.statusBar().showMessage(
            fill(self.tr("The account list could not be read: %1"), exc), 15_000)

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total
        if self.model.query.filter.is_empty:
            text = fill(self.tr("%1 account(s)", "", total), f"{total:,}")
        elif not self.model.count_exact:
            text = fill(self.tr("More than %1 of %2 account(s)…", "", total),
                        f"{COUNT_UP_TO:,}", f"{total:,}")
        else:
            text = fill(self.tr("%1 of %2 account(s)", "", total), f"{shown:,}", f"{total:,}")
        self.count_label.setText(text)

    def _update_empty_state(self) -> None:
        if self.model.rowCount() > 0 or not self.model.has_loaded:
            self.stack.setCurrentWidget(self.table)
            return
        filling = self.progress.isVisible()
        if self.sidebar.has_filters():
            self.empty_label.setText(self.tr(
                "No accounts match these filters.\nClear the filters to see every account."))
            self.empty_clear.show()
        elif filling:
            self.empty_label.setText(self.tr(
                "The local copy of the accounts is being filled.\n"
                "Accounts appear here as soon as it is ready."))
            self.empty_clear.hide()
        else:
            self.empty_label.setText(self.tr("There are no accounts in the local copy yet."))
            self.empty_clear.hide()
        self.stack.setCurrentWidget(self.empty)

    # -- selection and row actions ---------------------------------------------------------

    @Slot(QModelIndex, QModelIndex)
    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._selected = self.model.row_at(current.row()) if current.isValid() else None
        self._update_selection_strip()

    def _restore_selection(self) -> None:
        if self._selected is None:
            return
        position = self.model.position_of_rowid(self._selected.rowid)
        if position is None:
            if self.model.ids_ready:
                self._selected = None
                self._update_selection_strip()
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
        self._update_selection_strip()

    def _update_selection_strip(self) -> None:
        row = self._selected
        strip = self.actions_strip
        if row is None:
            strip.summary.setText(self.tr("Select an account to see what can be paid."))
            strip.show_options([], False, "")
            return
        balance = self.model.provisional_balance(row)
        pending = self.model.pending_for(row.id)
        plan = plan_type_text(row.prepaid)
        text = fill(self.tr("%1 · %2 · %3 · Balance %4"), row.id, row.name, plan,
                    format_inr(balance))
        if pending:
            text += " " + self.tr("(pending sync)")
        strip.summary.setText(text)
        allowed = self.ctx.user.may(Action.TAKE_PAYMENT)
        strip.show_options(
            payment_options_paise(balance, row.prepaid),
            allowed,
            self.tr("Your role may not take payments."),
        )

    @Slot()
    def _on_payment_clicked(self) -> None:
        self.take_payment(PaymentOption.PAYMENT)

    @Slot()
    def _on_advance_clicked(self) -> None:
        self.take_payment(PaymentOption.ADVANCE)

    @Slot()
    def _on_recharge_clicked(self) -> None:
        self.take_payment(PaymentOption.RECHARGE)

    @Slot(QModelIndex)
    def _on_double_clicked(self, index: QModelIndex) -> None:
        self._open_index(index)

    @Slot(QModelIndex)
    def _on_clicked(self, index: QModelIndex) -> None:
        if index.isValid() and index.column() == COL_TAG:
            self._open_index(index)

    def _open_index(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row()) if index.isValid() else None
        if row is not None:
            self.open_account(row.id)

    @Slot()
    def _search_returned(self) -> None:
        """Enter in Quick Search (typed or ending a scan): an exact Account ID selects that
        account; a scanned code that is no Account ID says so; other text moves to the
        first row."""
        scan, self.keys.last_scan = self.keys.last_scan, None
        text = self.sidebar.search.text()
        account_id = exact_account_id(text)
        if account_id is None and scan is not None:
            self.sidebar.flush()
            self.statusBar().showMessage(fill(self.tr(
                "The scanned code “%1” is not an Account ID (Account IDs are digits "
                "only). Scan the barcode on the customer's receipt or invoice, or type the "
                "ID."), scan), 15_000)
            self.sidebar.search.selectAll()  # the next scan replaces it
            return
        if account_id is None:
            self._search_entered()
            return
        self._exact_id = account_id
        self.sidebar.flush()
        if self.model.ids_ready and not self.model.busy and not self.model.waiting:
            self._select_exact()

    def _select_exact(self) -> None:
        """Select the account whose ID was entered, in the list for that very text."""
        account_id, self._exact_id = self._exact_id, None
        if account_id is None:
            return
        with self.ctx.cache_engine.connect() as conn:  # one primary-key lookup
            rowid = aq.rowid_of_account(conn, account_id)
        position = self.model.position_of_rowid(rowid) if rowid is not None else None
        if position is None:
            self.statusBar().showMessage(
                fill(self.tr("No account has the ID %1. Check the number, or search by name "
                             "or mobile (Down moves to the list)."), account_id), 15_000,
            )
            self.sidebar.search.setFocus(Qt.FocusReason.OtherFocusReason)
            self.sidebar.search.selectAll()
            return
        index = self.model.index(position, COL_NAME)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        self.statusBar().showMessage(fill(self.tr("Account %1 selected."), account_id), 5_000)

    @Slot()
    def _search_entered(self) -> None:
        """Down (or Enter on text that is no Account ID) in Quick Search: search now, then
        move to the first row."""
        self.sidebar.flush()
        if self.model.busy or self.model.waiting:
            self._focus_table_on_load = True
        else:
            self._focus_table()

    def _focus_table(self) -> None:
        self._focus_table_on_load = False
        if self.model.rowCount() > 0:
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            if not self.table.currentIndex().isValid():
                self.table.setCurrentIndex(self.model.index(0, COL_NAME))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if watched is self.table and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._open_index(self.table.currentIndex())
                return True
            if watched is self.sidebar.search and key == Qt.Key.Key_Down:
                self._search_entered()
                return True
        return super().eventFilter(watched, event)

    # -- change notifications --------------------------------------------------------------

    @Slot(list)
    def _on_accounts_changed(self, _account_ids: list) -> None:
        self._refresh_timer.start(REFRESH_DEBOUNCE_MS)

    @Slot()
    def _refresh_rows(self) -> None:
        self._requery(keep_scroll=True)

    @Slot()
    def _on_outbox_changed(self) -> None:
        if self._refresh_timer.isActive():
            # A re-read of the rows is due (a sync pulled them): it loads the pending
            # payments with the rows. Laying the new overlay over the old rows would show
            # the balance from before a just-confirmed payment until the rows arrive.
            return
        task = self.ctx.tasks.run_db("pending payments", partial(_overlay_job, self.ctx))
        task.done.connect(self._on_overlay)

    @Slot(object)
    def _on_overlay(self, pending: dict[int, PendingPayments]) -> None:
        self.model.set_pending(pending)
        self._update_selection_strip()

    @Slot()
    def _on_cache_reset(self) -> None:
        self.refresh()

    # -- demo data ---------------------------------------------------------------------------

    @Slot(int, int)
    def _on_demo_progress(self, done: int, total: int) -> None:
        self.set_cache_progress(done, total, self.tr("Preparing demo accounts…"))

    @Slot(object)
    def _on_demo_done(self, _summary: object) -> None:
        self.set_cache_progress(1, 1, "")
        self.statusBar().clearMessage()
        self.refresh()

    @Slot(object)
    def _on_demo_error(self, exc: object) -> None:
        self.set_cache_progress(1, 1, "")
        self.statusBar().showMessage(fill(self.tr("Demo data could not be prepared: %1"), exc))

    # -- export ------------------------------------------------------------------------------

    @Slot()
    def _ask_export_csv(self) -> None:
        self._ask_export(ExportFormat.CSV)

    @Slot()
    def _ask_export_xlsx(self) -> None:
        self._ask_export(ExportFormat.XLSX)

    def _ask_export(self, fmt: ExportFormat) -> None:
        start = str(Path.home() / f"accounts{fmt.suffix}")
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export accounts"), start, f"{fmt.label} (*{fmt.suffix})"
        )
        if name:
            path = Path(name)
            if path.suffix.lower() != fmt.suffix:
                path = path.with_name(path.name + fmt.suffix)
            self.export_to(path)

    @Slot(int, int)
    def _on_export_progress(self, done: int, total: int) -> None:
        if self._export_dialog is not None:
            self._export_dialog.setMaximum(max(1, total))
            self._export_dialog.setValue(done)

    def _end_export(self) -> None:
        self._export_task = None
        if self._export_dialog is not None:
            self._export_dialog.canceled.disconnect(self._on_export_cancel)
            self._export_dialog.close()
            self._export_dialog.deleteLater()
            self._export_dialog = None

    @Slot(object)
    def _on_export_done(self, result: ExportResult | None) -> None:
        self._end_export()
        if result is not None:
            self.statusBar().showMessage(fill(
                self.tr("Exported %1 accounts to %2"), f"{result.rows:,}", result.path), 10_000)
        self.exportFinished.emit(result)

    @Slot(object)
    def _on_export_error(self, exc: object) -> None:
        self._end_export()
        self.statusBar().showMessage(fill(self.tr("Export failed: %1"), exc), 15_000)
        self.exportFinished.emit(exc)

    @Slot()
    def _on_export_cancel(self) -> None:
        if self._export_task is not None:
            self._export_task.cancel()
        self._end_export()
        self.statusBar().showMessage(self.tr("Export cancelled; no file was written."), 10_000)
        self.exportFinished.emit(ExportCancelled())

    # -- settings ----------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        settings = self.ctx.settings
        geometry = setting_bytes(settings, SETTINGS_GEOMETRY)
        if geometry is not None:
            self.restoreGeometry(geometry)
        splitter = setting_bytes(settings, SETTINGS_SPLITTER)
        if splitter is not None:
            self.splitter.restoreState(splitter)
        header = self.table.horizontalHeader()
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
        query = self.model.query
        self.model._query = aq.AccountQuery(
            scope=query.scope, filter=query.filter, sort=SORT_KEYS[column], descending=descending
        )
        raw = setting_str(settings, SETTINGS_FILTERS)
        try:
            filters = json.loads(raw) if raw else {}
        except (TypeError, ValueError):
            filters = {}
        self._saved_filters = filters if isinstance(filters, dict) else {}

    def _save_filters(self) -> None:
        self.ctx.settings.setValue(SETTINGS_FILTERS, json.dumps(self.sidebar.state()))

    def save_settings(self) -> None:
        settings = self.ctx.settings
        settings.setValue(SETTINGS_GEOMETRY, self.saveGeometry())
        settings.setValue(SETTINGS_SPLITTER, self.splitter.saveState())
        settings.setValue(SETTINGS_HEADER, self.table.horizontalHeader().saveState())
        self._save_filters()
        settings.sync()

    @Slot(str)
    def _on_scan_ignored(self, code: str) -> None:
        self.statusBar().showMessage(fill(self.tr(
            "A scan (%1) was ignored because a window is open over the account list; "
            "nothing was typed or paid. Finish or cancel that window, then scan again."), code),
            15_000)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.keys.uninstall()
        self.save_settings()
        if self._export_task is not None:
            self._export_task.cancel()
            self._end_export()
        super().closeEvent(event)


def _int(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default
