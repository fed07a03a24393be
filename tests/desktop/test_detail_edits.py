"""Edits in the detail dialog: validated, queued once, logged as pending, never silently
overwriting a change made underneath; tags and comments round-trip through the outbox."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTextBrowser,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from db.outbox import MutationKind
from db.schema import Account
from desktop.detail.dialog import AccountDetailDialog
from desktop.runtime.context import AppContext
from tests.desktop.test_detail_dialog import (
    LONG,
    SCREENSHOTS,
    open_dialog,
    table_rows,
    wait_reload,
    wait_tab,
)


def child(dialog: AccountDetailDialog, cls: type, name: str) -> QWidget:
    widget = dialog.findChild(cls, name)
    assert widget is not None, name
    return widget


def retype(qtbot: QtBot, editor: QLineEdit | QPlainTextEdit, text: str) -> None:
    """Select all and type over, as a person does."""
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    if text:
        qtbot.keyClicks(editor, text)


def click(qtbot: QtBot, button: QPushButton) -> None:
    assert button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def pending_edits(ctx: AppContext) -> list:
    return [m for m in ctx.outbox.pending() if m.kind is MutationKind.EDIT]


def test_valid_contact_edit_is_queued_normalised_and_logged(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = open_dialog(qtbot, ctx)
    page = wait_tab(qtbot, dialog, "contact")
    mobile = child(dialog, QLineEdit, "contactMobile")
    email = child(dialog, QLineEdit, "contactEmail")
    retype(qtbot, mobile, "098400 12345")
    retype(qtbot, email, "Dinesh.R@Example.com")
    loads = page.load_count
    with qtbot.waitSignal(ctx.events.outbox_changed, timeout=10_000):
        click(qtbot, child(dialog, QPushButton, "contactSave"))
    [m] = pending_edits(ctx)
    assert m.account_id == LONG and m.base_version == 1 and m.created_by == "staff.cbe"
    assert m.payload == {
        "fields": {"mobile": "+919840012345", "email": "Dinesh.R@example.com"},
        "before": {"mobile": "+919216160408", "email": "dinesh.duraisamy545@gmail.com"},
    }
    wait_reload(qtbot, page, loads)
    assert mobile.text() == "+919840012345"
    assert "pending sync" in child(dialog, QLabel, "contactMobilePending").text()
    assert "Saved Mobile, Email" in child(dialog, QLabel, "contactMessage").text()
    assert dialog.isVisible()

    log = wait_tab(qtbot, dialog, "log")
    rows = table_rows(child(dialog, QTableView, "logTable"))
    pending = [r for r in rows if r[3] == "pending sync"]
    assert sorted(r[2] for r in pending) == [
        "Email changed: dinesh.duraisamy545@gmail.com → Dinesh.R@example.com",
        "Mobile changed: +919216160408 → +919840012345",
    ]
    assert all(r[1] == "staff.cbe" for r in pending)
    assert log.is_loaded


@pytest.mark.parametrize(
    ("tab", "editor_name", "cls", "typed", "message"),
    [
        ("contact", "contactMobile", QLineEdit, "", "Mobile is required."),
        ("contact", "contactMobile", QLineEdit, "12345", "is not a valid number"),
        ("contact", "contactMobile", QLineEdit, "98400abcde", "has letters in it"),
        ("contact", "contactAltMobile", QLineEdit, "+919216160408", "same as the mobile"),
        ("contact", "contactEmail", QLineEdit, "dinesh@", "is not an address"),
        ("contact", "contactInstallationAddress", QPlainTextEdit, "", "is required"),
        ("contact", "contactBillingAddress", QPlainTextEdit, "No. 1, " * 50, "at most 300"),
        ("technical", "technicalIp", QLineEdit, "100.77.300.1", "IP address"),
        ("technical", "technicalMac", QLineEdit, "E7:F0:8A", "MAC address"),
        ("technical", "technicalVlan", QLineEdit, "5000", "from 1 to 4094"),
        ("technical", "technicalRouter", QLineEdit, "R" * 41, "at most 40"),
    ],
)
def test_invalid_edits_keep_the_dialog_open_mark_the_field_and_write_nothing(
    qtbot: QtBot,
    ctx: AppContext,
    tab: str,
    editor_name: str,
    cls: type,
    typed: str,
    message: str,
) -> None:
    dialog = open_dialog(qtbot, ctx)
    wait_tab(qtbot, dialog, tab)
    editor = child(dialog, cls, editor_name)
    retype(qtbot, editor, typed)
    assert editor.property("invalid") is True  # marked as you type
    click(qtbot, child(dialog, QPushButton, f"{tab}Save"))
    qtbot.wait(50)
    assert dialog.isVisible()
    assert editor.property("invalid") is True
    shown = child(dialog, QLabel, f"{tab}Message")
    assert shown.isVisible() and message in shown.text()
    assert ctx.outbox.pending() == []
    if editor_name == "contactEmail" and os.environ.get("UPDATE_SCREENSHOTS") == "1":
        dialog.resize(1080, 660)
        dialog.grab().save(str(SCREENSHOTS / "detail_contact_invalid.png"))
    # Fixing the field clears the mark.
    click(qtbot, child(dialog, QPushButton, f"{tab}Discard"))
    assert not editor.property("invalid")


def test_valid_technical_edit(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = open_dialog(qtbot, ctx)
    wait_tab(qtbot, dialog, "technical")
    retype(qtbot, child(dialog, QLineEdit, "technicalMac"), "aa-bb-cc-dd-ee-ff")
    retype(qtbot, child(dialog, QLineEdit, "technicalVlan"), "957")
    with qtbot.waitSignal(ctx.events.outbox_changed, timeout=10_000):
        click(qtbot, child(dialog, QPushButton, "technicalSave"))
    [m] = pending_edits(ctx)
    assert m.payload["fields"] == {"mac_address": "AA:BB:CC:DD:EE:FF", "vlan": 957}
    assert m.payload["before"] == {"mac_address": "E7:F0:8A:93:CB:F3", "vlan": 956}


def test_second_of_two_dialogs_is_told_and_shown_the_current_values(
    qtbot: QtBot, ctx: AppContext
) -> None:
    first = open_dialog(qtbot, ctx)
    second = open_dialog(qtbot, ctx)
    wait_tab(qtbot, first, "contact")
    page2 = wait_tab(qtbot, second, "contact")
    retype(qtbot, child(first, QLineEdit, "contactEmail"), "first@example.com")
    retype(qtbot, child(second, QLineEdit, "contactEmail"), "second@example.com")
    with qtbot.waitSignal(ctx.events.outbox_changed, timeout=10_000):
        click(qtbot, child(first, QPushButton, "contactSave"))
    # The second dialog keeps what its user typed (it is dirty), is warned, and its save is
    # refused.
    message = child(second, QLabel, "contactMessage")
    qtbot.waitUntil(lambda: "changed elsewhere while you were editing (Email)" in message.text())
    assert child(second, QLineEdit, "contactEmail").text() == "second@example.com"
    loads = page2.load_count
    click(qtbot, child(second, QPushButton, "contactSave"))
    qtbot.waitUntil(lambda: "Nothing was saved" in message.text(), timeout=10_000)
    assert "Email: now first@example.com — you typed second@example.com" in message.text()
    email2 = child(second, QLineEdit, "contactEmail")
    assert email2.text() == "first@example.com"
    assert email2.property("conflict") is True
    assert [m.payload["fields"] for m in pending_edits(ctx)] == [{"email": "first@example.com"}]
    wait_reload(qtbot, page2, loads)
    # Now based on the current values, the second user's edit goes through.
    retype(qtbot, email2, "second@example.com")
    with qtbot.waitSignal(ctx.events.outbox_changed, timeout=10_000):
        click(qtbot, child(second, QPushButton, "contactSave"))
    assert [m.payload["before"] for m in pending_edits(ctx)] == [
        {"email": "dinesh.duraisamy545@gmail.com"},
        {"email": "first@example.com"},
    ]


def test_edit_refused_when_the_account_changed_underneath(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = open_dialog(qtbot, ctx)
    page = wait_tab(qtbot, dialog, "contact")
    retype(qtbot, child(dialog, QLineEdit, "contactAltMobile"), "9840012345")
    # Sync pulls a newer version of the account while the user is typing.
    with ctx.cache_engine.begin() as conn:
        conn.execute(
            update(Account)
            .where(Account.id == LONG)
            .values(version=2, billing_address="No. 9, New Street, Dindigul - 624001")
        )
    loads = page.load_count
    ctx.events.accounts_changed.emit([LONG])
    wait_reload(qtbot, page, loads)
    message = child(dialog, QLabel, "contactMessage")
    assert "changed elsewhere" in message.text()
    assert child(dialog, QLineEdit, "contactAltMobile").text() == "9840012345"  # kept
    click(qtbot, child(dialog, QPushButton, "contactSave"))
    qtbot.waitUntil(lambda: "version 1 → 2" in message.text(), timeout=10_000)
    assert ctx.outbox.pending() == []
    billing = child(dialog, QPlainTextEdit, "contactBillingAddress")
    assert billing.toPlainText() == "No. 9, New Street, Dindigul - 624001"


def test_other_accounts_changes_do_not_reload(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = open_dialog(qtbot, ctx)
    page = dialog.pages["general"]
    loads = page.load_count
    ctx.events.accounts_changed.emit([LONG + 1])
    qtbot.wait(50)
    assert page.load_count == loads
    with ctx.cache_engine.begin() as conn:
        conn.execute(update(Account).where(Account.id == LONG).values(name="Dinesh Raja"))
    ctx.events.accounts_changed.emit([LONG])
    wait_reload(qtbot, page, loads)
    assert child(dialog, QLabel, "general_name").text() == "Dinesh Raja"
    qtbot.waitUntil(lambda: "Dinesh Raja" in dialog.windowTitle())


def test_tags_round_trip_through_the_outbox(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = open_dialog(qtbot, ctx)
    page = wait_tab(qtbot, dialog, "tags")
    tags = child(dialog, QListWidget, "tagList")
    assert tags.item(0).text() == "No tags yet."
    choice = child(dialog, QComboBox, "tagChoice")
    choice.setCurrentIndex(choice.findText("VIP"))
    loads = page.load_count
    click(qtbot, child(dialog, QPushButton, "addTag"))
    wait_reload(qtbot, page, loads)
    assert [tags.item(i).text() for i in range(tags.count())] == ["●  VIP (pending sync)"]
    assert choice.findText("VIP") == -1
    [m] = ctx.outbox.pending()
    assert m.kind is MutationKind.TAG_ADD and m.payload == {"tag_id": 1}

    tags.setCurrentRow(0)
    loads = page.load_count
    click(qtbot, child(dialog, QPushButton, "removeTag"))
    wait_reload(qtbot, page, loads)
    assert tags.item(0).text() == "No tags yet."
    assert [m.kind for m in ctx.outbox.pending()] == [MutationKind.TAG_ADD, MutationKind.TAG_REMOVE]

    wait_tab(qtbot, dialog, "log")
    rows = table_rows(child(dialog, QTableView, "logTable"))
    assert [r[2] for r in rows[:2]] == ["Tag removed: VIP", "Tag added: VIP"]
    assert {r[1] for r in rows[:2]} == {"staff.cbe"} and {r[3] for r in rows[:2]} == {
        "pending sync"
    }


def test_comments_round_trip_and_empty_ones_are_refused(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = open_dialog(qtbot, ctx)
    page = wait_tab(qtbot, dialog, "comments")
    editor = child(dialog, QPlainTextEdit, "commentText")
    message = child(dialog, QLabel, "commentMessage")
    qtbot.keyClicks(editor, "   ")
    click(qtbot, child(dialog, QPushButton, "addComment"))
    assert "empty" in message.text() and editor.property("invalid") is True
    assert ctx.outbox.pending() == []

    editor.clear()
    qtbot.keyClicks(editor, "Customer will pay both invoices on Monday.")
    loads = page.load_count
    click(qtbot, child(dialog, QPushButton, "addComment"))
    wait_reload(qtbot, page, loads)
    [m] = ctx.outbox.pending()
    assert m.kind is MutationKind.COMMENT
    assert m.payload["body"] == "Customer will pay both invoices on Monday."
    text = child(dialog, QTextBrowser, "commentList").toPlainText()
    assert text.index("Customer will pay both") < text.index("Fibre cut on the street")
    assert "staff.cbe" in text and "pending sync" in text
    assert editor.toPlainText() == ""
    assert child(dialog, QLabel, "commentCount").text() == "2 comments, newest first."

    wait_tab(qtbot, dialog, "log")
    rows = table_rows(child(dialog, QTableView, "logTable"))
    assert rows[0][1:] == [
        "staff.cbe",
        "Comment added: Customer will pay both invoices on Monday.",
        "pending sync",
    ]


def test_an_edit_refused_by_the_server_is_pointed_out(qtbot: QtBot, ctx: AppContext) -> None:
    from db.outbox import MutationState

    m = ctx.outbox.enqueue(
        MutationKind.EDIT,
        account_id=LONG,
        payload={"fields": {"email": "x@example.com"}, "before": {"email": "old@example.com"}},
        created_by="staff.cbe",
        base_version=1,
    )
    ctx.outbox.record_results(
        [
            (
                m.mutation_id,
                MutationState.CONFLICT,
                {"error": {"code": "conflict", "message": "email was changed on the server"}},
            )
        ]
    )
    dialog = open_dialog(qtbot, ctx)
    wait_tab(qtbot, dialog, "contact")
    assert child(dialog, QLineEdit, "contactEmail").text() == "dinesh.duraisamy545@gmail.com"
    assert (
        "was not applied by the server: email was changed on the server"
        in child(dialog, QLabel, "contactMessage").text()
    )
    wait_tab(qtbot, dialog, "log")
    rows = table_rows(child(dialog, QTableView, "logTable"))
    assert rows[0][3] == "not applied: email was changed on the server"


def test_a_comment_longer_than_the_servers_limit_is_refused(qtbot: QtBot,
                                                             ctx: AppContext) -> None:
    from billing.limits import Limits

    ctx.limits = Limits(max_comment_chars=20)
    dialog = open_dialog(qtbot, ctx)
    wait_tab(qtbot, dialog, "comments")
    editor = child(dialog, QPlainTextEdit, "commentText")
    assert "at most 20 characters" in editor.placeholderText()
    qtbot.keyClicks(editor, "x" * 21)
    click(qtbot, child(dialog, QPushButton, "addComment"))
    assert "at most 20" in child(dialog, QLabel, "commentMessage").text()
    assert ctx.outbox.pending() == []


def test_enter_in_a_contact_field_keeps_the_dialog_and_the_typed_change(
        qtbot: QtBot, ctx: AppContext) -> None:
    """Enter after typing a new e-mail is not Close: the dialog and what was typed stay
    on screen for Save changes (the Close button was the dialog's default button)."""
    dialog = open_dialog(qtbot, ctx)
    closed: list[int] = []
    dialog.finished.connect(closed.append)
    wait_tab(qtbot, dialog, "contact")
    email = child(dialog, QLineEdit, "contactEmail")
    retype(qtbot, email, "dinesh.new@example.com")
    qtbot.keyClick(email, Qt.Key.Key_Return)
    qtbot.wait(50)
    assert closed == []
    assert dialog.isVisible()
    assert email.text() == "dinesh.new@example.com"
    assert child(dialog, QPushButton, "contactSave").isEnabled()
    with qtbot.waitSignal(ctx.events.outbox_changed, timeout=10_000):
        click(qtbot, child(dialog, QPushButton, "contactSave"))
    assert [m.payload["fields"] for m in pending_edits(ctx)] == [
        {"email": "dinesh.new@example.com"}]
