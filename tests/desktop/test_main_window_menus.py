"""The main window's menus reach the payments register, due list, day close, settings, about."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QWidget

from desktop.accounts.main_window import MainWindow


def _trigger(window: MainWindow, name: str) -> None:
    action = window.findChild(QAction, name)
    assert action is not None, name
    action.trigger()


def test_menus_open_each_window_once(qtbot, ctx) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    for action, widget in (("openRegister", "paymentsRegister"), ("openDueList", "dueList")):
        _trigger(window, action)
        first = window.findChild(QWidget, widget)
        qtbot.waitUntil(lambda w=first: w is not None and w.isVisible())
        _trigger(window, action)  # a second click brings the same window forward
        assert len(window.findChildren(QWidget, widget)) == 1
        first.close()
    for action, dialog_name in (("openDayClose", "dayCloseDialog"),
                                ("openSettings", "settingsDialog"),
                                ("openAbout", "aboutDialog")):
        _trigger(window, action)
        dialog = window.findChild(QDialog, dialog_name)
        assert dialog is not None and dialog.isVisible(), dialog_name
        dialog.reject()
    window.close()


def test_notices_from_start_and_from_sync_reach_the_status_bar(qtbot, ctx) -> None:
    ctx.notices.append("The local copy of the accounts was damaged and has been thrown away.")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert "damaged" in window.statusBar().currentMessage()
    ctx.events.notice.emit("The local copy was missing or empty; it is being rebuilt.")
    assert "missing or empty" in window.statusBar().currentMessage()
