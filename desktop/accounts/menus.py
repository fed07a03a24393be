"""The main window's menu bar and the windows its entries open.

File (export, close), View (refresh, clear filters), Payments (register, due list, day
close, branch day closes for administrators), Tools (Settings) and Help (keyboard, About).
Register, due list and branch day closes open once: a second click brings the open one
forward. The texts keep the ``MainWindow`` translation context they always had.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from billing.reversal import follows_requests
from billing.roles import Role
from desktop.accounts.counter_keys import OPTION_KEYS, pay_key
from desktop.language.i18n import QT_TRANSLATE_NOOP
from desktop.runtime.context import AppContext

if TYPE_CHECKING:
    from desktop.accounts.main_window import MainWindow

CONTEXT = "MainWindow"


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


class MainMenus(QObject):
    """Builds the window's menu bar and opens what its entries name."""

    def __init__(self, window: MainWindow, ctx: AppContext) -> None:
        super().__init__(window)
        self._window = window
        self._ctx = ctx
        #: Menus and actions with their English text, worded anew on a language change.
        self._worded: list[tuple[QMenu | QAction, str]] = []
        self._build()

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
        action = QAction(_tr(text), self._window)
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
        menu = self._window.menuBar().addMenu(_tr(text))
        self._worded.append((menu, text))
        return menu

    def _build(self) -> None:
        window = self._window
        file_menu = self._menu(QT_TRANSLATE_NOOP("MainWindow", "&File"))
        self.export_csv = self._action(
            file_menu, QT_TRANSLATE_NOOP("MainWindow", "Export to &CSV…"),
            window.exporter.ask_csv, "exportCsv",
        )
        self.export_xlsx = self._action(
            file_menu, QT_TRANSLATE_NOOP("MainWindow", "Export to &Excel…"),
            window.exporter.ask_xlsx, "exportExcel",
        )
        self.set_export_enabled(False)
        file_menu.addSeparator()
        self._action(file_menu, QT_TRANSLATE_NOOP("MainWindow", "&Close"), window.close,
                     shortcut=QKeySequence.StandardKey.Close)
        view_menu = self._menu(QT_TRANSLATE_NOOP("MainWindow", "&View"))
        self._action(view_menu, QT_TRANSLATE_NOOP("MainWindow", "&Refresh"), window.refresh,
                     "refreshAccounts", QKeySequence.StandardKey.Refresh)
        self._action(view_menu, QT_TRANSLATE_NOOP("MainWindow", "C&lear filters"),
                     window.sidebar.clear)
        payments_menu = self._menu(QT_TRANSLATE_NOOP("MainWindow", "&Payments"))
        self._action(payments_menu, QT_TRANSLATE_NOOP("MainWindow", "Payments &register…"),
                     self.open_register, "openRegister")
        self._action(payments_menu, QT_TRANSLATE_NOOP("MainWindow", "&Due list…"),
                     self.open_due_list, "openDueList")
        self._action(payments_menu, QT_TRANSLATE_NOOP("MainWindow", "Day &close…"),
                     self.open_day_close, "openDayClose")
        self._action(payments_menu, QT_TRANSLATE_NOOP("MainWindow", "&Void requests…"),
                     self.open_void_requests, "openVoidRequests").setVisible(
                         follows_requests(self._ctx.user.role))
        self._action(payments_menu, QT_TRANSLATE_NOOP("MainWindow", "&Branch day closes…"),
                     self.open_branch_closes, "openBranchDayCloses").setVisible(
                         self._ctx.user.role is Role.ADMIN)
        tools_menu = self._menu(QT_TRANSLATE_NOOP("MainWindow", "&Tools"))
        self._action(tools_menu, QT_TRANSLATE_NOOP("MainWindow", "&Settings…"),
                     self.open_settings, "openSettings", QKeySequence.StandardKey.Preferences)
        help_menu = self._menu(QT_TRANSLATE_NOOP("MainWindow", "&Help"))
        self._action(help_menu, QT_TRANSLATE_NOOP("MainWindow", "&Keyboard…"),
                     self.open_keyboard_help, "openKeyboardHelp")
        self._action(help_menu, QT_TRANSLATE_NOOP("MainWindow", "&About"), self.open_about,
                     "openAbout")

    def retranslate_ui(self) -> None:
        for item, text in self._worded:
            if isinstance(item, QMenu):
                item.setTitle(_tr(text))
            else:
                item.setText(_tr(text))

    def set_export_enabled(self, enabled: bool) -> None:
        """Export is offered only when the table's full ordered list is in."""
        self.export_csv.setEnabled(enabled)
        self.export_xlsx.setEnabled(enabled)

    # -- what the entries open ---------------------------------------------------------------

    def _show_window(self, name: str, factory: Callable[[AppContext, QWidget], QWidget]) -> None:
        """One window of each kind: bring an open one forward instead of a second copy."""
        window = self._window.findChild(QWidget, name)
        if window is None:
            window = factory(self._ctx, self._window)
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.show()
        window.raise_()
        window.activateWindow()

    @Slot()
    def open_register(self) -> None:
        from desktop.payments.register import PaymentsRegister

        self._show_window("paymentsRegister", PaymentsRegister)

    @Slot()
    def open_due_list(self) -> None:
        from desktop.payments.due_list import DueListWindow

        self._show_window("dueList", DueListWindow)

    @Slot()
    def open_branch_closes(self) -> None:
        from desktop.payments.branch_closes import BranchClosesWindow

        self._show_window("branchDayCloses", BranchClosesWindow)

    @Slot()
    def open_void_requests(self) -> None:
        from desktop.payments.void_requests import open_void_requests

        open_void_requests(self._ctx, self._window)

    @Slot()
    def open_day_close(self) -> None:
        from desktop.payments.day_close import DayCloseDialog

        dialog = DayCloseDialog(self._ctx, self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    @Slot()
    def open_settings(self) -> None:
        from desktop.settings.dialog import SettingsDialog

        dialog = SettingsDialog(self._ctx.settings, branch_zone=self._ctx.business_zone,
                                parent=self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._window.apply_pay_key)
        dialog.open()

    @Slot()
    def open_keyboard_help(self) -> QWidget:
        from desktop.help.keyboard import KeyboardHelpDialog

        dialog = KeyboardHelpDialog(pay_key(self._ctx.settings), OPTION_KEYS, self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    @Slot()
    def open_about(self) -> None:
        from desktop.help.about import AboutDialog
        from desktop.runtime.logs import current_log_folder

        dialog = AboutDialog(self._ctx.settings, data_dir=self._ctx.data_dir,
                             log_dir=current_log_folder(), parent=self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
