"""Names, addresses and plan names are people's text: markup in them shows as typed.

A QLabel left at its default text format renders anything that looks like HTML, so a
customer named ``<a href="http://evil">Pay here</a>`` would show a link (and an ``<img>``
would make Qt load a file) on every desk that opens the account.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtGui import QHelpEvent, Qt, QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QTableView, QToolTip, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from billing.rules import PaymentMethod
from db.payments_local import load_account, plans_for_account
from db.schema import Account, LogEntry, Plan
from desktop.payments.plan_selection import PlanSelectionDialog
from desktop.runtime.context import AppContext
from tests.desktop.conftest import make_context
from tests.desktop.test_detail_dialog import LONG, open_dialog, wait_tab
from tests.desktop.test_payment_support import pick_account, set_account
from tests.desktop.test_void import CASHIER, _dialog, _pay

MARKUP = '<a href="http://evil">Pay here</a><img src="file:///C:/Windows/win.ini"><b>X</b>'


def shows_as_text(label: QLabel, text: str) -> bool:
    """The label shows ``text`` character for character (its tags are not rendered)."""
    wide_enough = (label.wordWrap()  # a wrapped label may take several lines
                   or label.sizeHint().width() >= label.fontMetrics().horizontalAdvance(text))
    return (
        label.textFormat() == Qt.TextFormat.PlainText and text in label.text() and wide_enough
    )


def rendered(label: QLabel) -> str:
    """What a label puts on screen, as plain text (Qt's own rule for AutoText)."""
    text_format = label.textFormat()
    if text_format == Qt.TextFormat.PlainText or (
        text_format == Qt.TextFormat.AutoText and not Qt.mightBeRichText(label.text())
    ):
        return label.text()
    document = QTextDocument()
    document.setHtml(label.text())
    return document.toPlainText()


def named(dialog: QWidget, name: str) -> QLabel:
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


def test_plan_selection_shows_the_name_and_plan_as_text(qtbot: QtBot, ctx: AppContext) -> None:
    account_id = pick_account(ctx, prepaid=True)
    set_account(ctx, account_id, name=MARKUP)
    with ctx.cache_engine.begin() as conn:
        conn.execute(update(Plan).values(name=MARKUP))
    account = load_account(ctx.cache_engine, ctx.outbox, account_id)
    current, others = plans_for_account(ctx.cache_engine, account)
    dialog = PlanSelectionDialog(account, current, others, ctx.today())
    qtbot.addWidget(dialog)
    dialog.show()
    assert rendered(named(dialog, "planIntro")).startswith(f"{MARKUP} ({account_id})")
    assert rendered(named(dialog, "currentPlanText")).startswith(f"{MARKUP}\n")


def test_void_dialog_shows_name_and_reference_as_text(
    qtbot: QtBot, qapp: QApplication, data_dir: Path, demo_cache_template: Path
) -> None:
    ctx = make_context(data_dir, demo_cache_template, qapp, user=CASHIER)
    set_account(ctx, pick_account(ctx, prepaid=False), name=MARKUP)
    reference = "004512 <b>Indian Bank</b>"
    payment = _pay(ctx, method=PaymentMethod.CHEQUE, reference=reference)
    dialog = _dialog(qtbot, ctx, payment)
    shown = rendered(named(dialog, "reversalPayment"))
    assert f"({reference})" in shown
    assert f"· {MARKUP}\n" in shown
    ctx.tasks.wait_idle()
    ctx.cache_engine.dispose()
    ctx.outbox.engine.dispose()


def test_log_tooltip_shows_a_description_as_text(qtbot: QtBot, ctx: AppContext) -> None:
    """A cell's tooltip (the Log's description: old and new values people typed) is text."""
    description = f"Email changed to {MARKUP}<table><tr><td>{'X' * 40}</td></tr></table>"
    with ctx.cache_engine.begin() as conn:
        conn.execute(update(LogEntry).where(LogEntry.account_id == LONG)
                     .values(description=description))
    dialog = open_dialog(qtbot, ctx)
    dialog.show()
    wait_tab(qtbot, dialog, "log")
    view = dialog.findChild(QTableView, "logTable")
    assert view is not None
    centre = view.visualRect(view.model().index(0, 2)).center()
    viewport = view.viewport()
    QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, centre,
                                                viewport.mapToGlobal(centre)))
    qtbot.waitUntil(QToolTip.isVisible, timeout=5_000)
    tip = next(w for w in QApplication.topLevelWidgets()
               if isinstance(w, QLabel) and w.inherits("QTipLabel") and w.isVisible())
    assert rendered(tip) == description
    QToolTip.hideText()
