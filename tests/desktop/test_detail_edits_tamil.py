"""The detail dialog's refusals of an edit, a comment or a tag in Tamil: made in ``db``
(``db.contact_validation``, ``db.local_writes``) with a message id, worded by the desk's one
table (``desktop.payments.messages``), the field's name inside them too."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QPushButton
from pytestqt.qtbot import QtBot

from db.local_writes import add_tag
from desktop.runtime.context import AppContext
from tests.desktop.i18n_helpers import has_tamil, tamil
from tests.desktop.test_detail_dialog import LONG, open_dialog, wait_tab
from tests.desktop.test_detail_edits import child, click, retype


def test_edit_comment_and_tag_refusals_are_said_in_tamil(qtbot: QtBot, qapp,
                                                         ctx: AppContext) -> None:
    with tamil(qapp):
        dialog = open_dialog(qtbot, ctx)

        wait_tab(qtbot, dialog, "contact")
        message = child(dialog, QLabel, "contactMessage")
        mobile = child(dialog, QLineEdit, "contactMobile")
        retype(qtbot, mobile, "98400abcde")
        click(qtbot, child(dialog, QPushButton, "contactSave"))
        letters = message.text()
        assert mobile.property("invalid") is True
        assert has_tamil(letters) and "letters" not in letters, letters
        assert letters.startswith("மொபைல்:") and "98765 43210" in letters  # the field's name too
        click(qtbot, child(dialog, QPushButton, "contactDiscard"))

        retype(qtbot, child(dialog, QLineEdit, "contactAltMobile"), "98400abcde")
        assert message.text().startswith("மாற்று மொபைல்:"), message.text()
        click(qtbot, child(dialog, QPushButton, "contactDiscard"))

        retype(qtbot, child(dialog, QLineEdit, "contactEmail"), "dinesh@")
        email = message.text()
        assert has_tamil(email) and "not an address" not in email, email
        assert "'dinesh@'" in email and "name@example.com" in email
        retype(qtbot, child(dialog, QLineEdit, "contactEmail"), "dinesh @example.com")
        assert has_tamil(message.text()) and "space" not in message.text(), message.text()
        click(qtbot, child(dialog, QPushButton, "contactDiscard"))

        wait_tab(qtbot, dialog, "technical")
        retype(qtbot, child(dialog, QLineEdit, "technicalVlan"), "5000")
        vlan = child(dialog, QLabel, "technicalMessage").text()
        assert has_tamil(vlan) and "1" in vlan and "4094" in vlan, vlan

        wait_tab(qtbot, dialog, "comments")
        qtbot.keyClicks(child(dialog, QPlainTextEdit, "commentText"), "   ")
        click(qtbot, child(dialog, QPushButton, "addComment"))
        comment = child(dialog, QLabel, "commentMessage").text()
        assert has_tamil(comment) and "empty" not in comment, comment

        # The tag goes on elsewhere on this desk (say a second dialog) after this tab listed
        # it as one to add; adding it here again is refused.
        wait_tab(qtbot, dialog, "tags")
        choice = child(dialog, QComboBox, "tagChoice")
        choice.setCurrentIndex(choice.findText("VIP"))
        add_tag(ctx.cache_engine, ctx.outbox, account_id=LONG, tag_id=int(choice.currentData()),
                created_by="staff.cbe")
        click(qtbot, child(dialog, QPushButton, "addTag"))
        tag_message = child(dialog, QLabel, "tagMessage")
        qtbot.waitUntil(lambda: bool(tag_message.text()), timeout=10_000)
        assert has_tamil(tag_message.text()) and "'VIP'" in tag_message.text(), tag_message.text()
        assert "already" not in tag_message.text()
        dialog.close()


def test_english_keeps_the_sentences_the_server_also_sends(qtbot: QtBot,
                                                           ctx: AppContext) -> None:
    dialog = open_dialog(qtbot, ctx)
    wait_tab(qtbot, dialog, "contact")
    retype(qtbot, child(dialog, QLineEdit, "contactMobile"), "98400abcde")
    retype(qtbot, child(dialog, QLineEdit, "contactEmail"), "dinesh@")
    assert child(dialog, QLabel, "contactMessage").text() == (
        "Mobile has letters in it; type digits only, e.g. 98765 43210.\n"
        "Email 'dinesh@' is not an address; use the form name@example.com.")
