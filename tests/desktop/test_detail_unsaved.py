"""Closing the account dialog (Esc, Close, the window's X) with typing that is not saved
asks first; "Keep editing" keeps the dialog and the text. Before, Esc closed it at once
and a typed contact change or comment was lost without a word."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
)
from pytestqt.qtbot import QtBot

from desktop.detail.dialog import AccountDetailDialog
from desktop.runtime.context import AppContext
from tests.desktop.test_detail_dialog import open_dialog, wait_tab
from tests.desktop.test_detail_edits import child, click, pending_edits, retype


def _answer(choice: str, seen: list[str]) -> None:
    """When the question shows, note its text and press ``choice`` (an object name)."""
    box = next((w for w in QApplication.topLevelWidgets()
                if isinstance(w, QMessageBox) and w.objectName() == "discardUnsavedInput"
                and w.isVisible()), None)
    if box is None:
        QTimer.singleShot(20, lambda: _answer(choice, seen))
        return
    seen.append(box.text())
    box.findChild(QPushButton, choice).click()


def _escape(qtbot: QtBot, dialog: AccountDetailDialog, answer: str | None) -> list[str]:
    seen: list[str] = []
    if answer is not None:
        QTimer.singleShot(0, lambda: _answer(answer, seen))
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    return seen


def test_escape_with_a_typed_contact_change_asks_and_keep_editing_keeps_it(
        qtbot: QtBot, ctx: AppContext) -> None:
    dialog = open_dialog(qtbot, ctx)
    wait_tab(qtbot, dialog, "contact")
    email = child(dialog, QLineEdit, "contactEmail")
    retype(qtbot, email, "dinesh.new@example.com")

    seen = _escape(qtbot, dialog, "keepEditing")
    assert len(seen) == 1 and "Contact" in seen[0]
    assert dialog.isVisible() and email.text() == "dinesh.new@example.com"

    seen = _escape(qtbot, dialog, "discardUnsaved")
    assert len(seen) == 1
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert pending_edits(ctx) == []  # closed without saving, as chosen


def test_the_close_button_asks_about_a_typed_comment(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = open_dialog(qtbot, ctx)
    wait_tab(qtbot, dialog, "comments")
    editor = child(dialog, QPlainTextEdit, "commentText")
    retype(qtbot, editor, "Customer will pay Friday")
    seen: list[str] = []
    QTimer.singleShot(0, lambda: _answer("keepEditing", seen))
    click(qtbot, child(dialog, QPushButton, "detailClose"))
    assert len(seen) == 1 and "Comments" in seen[0]
    assert dialog.isVisible() and editor.toPlainText() == "Customer will pay Friday"


def test_nothing_typed_closes_without_a_question(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = open_dialog(qtbot, ctx)
    wait_tab(qtbot, dialog, "contact")
    assert _escape(qtbot, dialog, None) == []
    qtbot.waitUntil(lambda: not dialog.isVisible())
