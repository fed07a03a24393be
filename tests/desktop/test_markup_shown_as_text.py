"""Names, addresses and plan names are people's text: markup in them shows as typed.

A QLabel left at its default text format renders anything that looks like HTML, so a
customer named ``<a href="http://evil">Pay here</a>`` would show a link (and an ``<img>``
would make Qt load a file) on every desk that opens the account.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from db.schema import Account, Plan
from desktop.detail.dialog import AccountDetailDialog
from desktop.runtime.context import AppContext
from tests.desktop.test_detail_dialog import LONG, open_dialog, wait_tab

MARKUP = '<a href="http://evil">Pay here</a><img src="file:///C:/Windows/win.ini"><b>X</b>'


def shows_as_text(label: QLabel, text: str) -> bool:
    """The label shows ``text`` character for character (its tags are not rendered)."""
    wide_enough = (label.wordWrap()  # a wrapped label may take several lines
                   or label.sizeHint().width() >= label.fontMetrics().horizontalAdvance(text))
    return (
        label.textFormat() == Qt.TextFormat.PlainText and text in label.text() and wide_enough
    )


def named(dialog: AccountDetailDialog, name: str) -> QLabel:
    widget = dialog.findChild(QLabel, name)
    assert widget is not None, name
    return widget


def test_detail_dialog_shows_markup_in_names_as_text(qtbot: QtBot, ctx: AppContext) -> None:
    with ctx.cache_engine.begin() as conn:
        conn.execute(update(Account).where(Account.id == LONG).values(name=MARKUP))
        plan_id = conn.execute(select(Account.plan_id).where(Account.id == LONG)).scalar_one()
        conn.execute(update(Plan).where(Plan.id == plan_id).values(name=MARKUP))
    dialog = open_dialog(qtbot, ctx)
    qtbot.waitUntil(lambda: dialog.header is not None)
    assert shows_as_text(named(dialog, "detailTitle"), MARKUP)
    assert shows_as_text(named(dialog, "general_name"), MARKUP)
    assert shows_as_text(named(dialog, "general_plan"), MARKUP)
    wait_tab(qtbot, dialog, "billing")
    assert shows_as_text(named(dialog, "billing_plan"), MARKUP)
