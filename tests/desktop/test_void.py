"""Void and cheque bounce at the counter (issue 16), through the dialogs: a cashier asks, a
supervisor approves with their own password on the same desk; every refusal says why and
writes nothing."""

from __future__ import annotations

import os
import re
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QTableView

from billing.documents import DocumentKind
from billing.roles import Role
from billing.rules import PaymentMethod, PaymentOption
from db.cash_session import close_session, current_session
from db.outbox import MutationKind
from db.payments_local import build_payment_payload, load_account, record_payment
from db.reversals_local import PaymentToReverse, find_payment
from desktop.documents.gst_settings import KEYS
from desktop.documents.viewer import GstDocumentViewer
from desktop.payments.cheque_dialog import ChequeDialog
from desktop.payments.register import PaymentsRegister
from desktop.payments.register_model import COL_STATUS
from desktop.payments.void_dialog import ReversalDialog
from desktop.runtime.context import CurrentUser
from sync.offline_verifiers import OfflineVerifiers
from tests.desktop.conftest import make_context
from tests.desktop.test_payment_support import pick_account, set_account

LEFT = Qt.MouseButton.LeftButton
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
CASHIER = CurrentUser("cashier.cbe", "Ravi Cashier", Role.CASHIER, branch_id=1)
GST = {"legal_name": "Terabyte Broadband Private Limited", "gstin": "33AACCM9093R1ZP",
       "address": "12 Avinashi Road\nCoimbatore 641018", "state": "33", "sac": "998422",
       "rate": "18"}
CHEQUE = "004512 / Indian Bank / 2026-11-20"
#: Noon in India on the demo date (the register shows ctx.today()).
TAKEN = datetime(2026, 11, 27, 6, 30, tzinfo=UTC)


@pytest.fixture
def cashier_ctx(qapp, data_dir, demo_cache_template):
    context = make_context(data_dir, demo_cache_template, qapp, user=CASHIER)
    for key, value in GST.items():
        context.settings.setValue(KEYS[key], value)
    verifiers = OfflineVerifiers(data_dir)
    verifiers.remember("staff.cbe", "staff-demo", {"username": "staff.cbe",
                       "display_name": "Kavitha Staff", "role": "branch_staff", "branch_id": 1},
                       "http://127.0.0.1:1")
    verifiers.remember("cashier.cbe", "cashier-demo", {"username": "cashier.cbe",
                       "display_name": "Ravi Cashier", "role": "cashier", "branch_id": 1},
                       "http://127.0.0.1:1")
    yield context
    context.tasks.wait_idle()
    context.cache_engine.dispose()
    context.outbox.engine.dispose()


def _pay(ctx, *, method: PaymentMethod = PaymentMethod.CASH, reference: str | None = None,
         branch: int = 1, amount: int = 45_000) -> PaymentToReverse:
    if branch == 1:
        account_id = pick_account(ctx, prepaid=False)
    else:
        from sqlalchemy import text

        with ctx.cache_engine.connect() as conn:
            account_id = conn.execute(text(
                "SELECT id FROM accounts WHERE branch_id != 1 ORDER BY id LIMIT 1")).scalar_one()
    set_account(ctx, account_id, balance_paise=amount)
    account = load_account(ctx.cache_engine, ctx.outbox, account_id)
    payload = build_payment_payload(
        account, option=PaymentOption.PAYMENT, method=method, reference=reference,
        amount_paise=amount, charge_paise=0, plan_id=None, tendered_paise=None,
        taken_at=TAKEN)
    mutation = record_payment(ctx.outbox, account_id=account_id, payload=payload,
                              created_by=ctx.user.username, mutation_id=str(uuid.uuid4()))
    found = find_payment(ctx.cache_engine, ctx.outbox, mutation.mutation_id)
    assert found is not None
    return found


def _dialog(qtbot, ctx, payment, **kwargs) -> ReversalDialog:
    dialog = ReversalDialog(ctx, payment, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _fill(qtbot, dialog, reason: str, user: str, password: str) -> None:
    qtbot.keyClicks(dialog.findChild(QLineEdit, "reversalReason"), reason)
    qtbot.keyClicks(dialog.findChild(QLineEdit, "approverUser"), user)
    qtbot.keyClicks(dialog.findChild(QLineEdit, "approverPassword"), password)


def _approve_refused(qtbot, dialog) -> str:
    error = dialog.findChild(QLabel, "reversalError")
    qtbot.mouseClick(dialog.findChild(QPushButton, "approveReversal"), LEFT)
    qtbot.waitUntil(error.isVisible, timeout=10_000)
    return error.text()


def _reversals(ctx) -> list:
    return ctx.outbox.of_kind(MutationKind.REVERSAL)


def _viewer(qtbot) -> GstDocumentViewer:
    qtbot.waitUntil(lambda: any(isinstance(w, GstDocumentViewer) and w.isVisible()
                                for w in QApplication.topLevelWidgets()), timeout=10_000)
    return next(w for w in QApplication.topLevelWidgets()
                if isinstance(w, GstDocumentViewer) and w.isVisible())


def _shot(qtbot, widget, name: str) -> None:
    if os.environ.get("PAYMENT_SCREENSHOTS"):
        qtbot.wait(120)
        widget.grab().save(str(SHOTS / name))


def test_void_approved_offline_by_a_supervisor_queues_one_reversal_and_a_credit_note(
        qtbot, cashier_ctx) -> None:
    ctx = cashier_ctx
    payment = _pay(ctx)
    dialog = _dialog(qtbot, ctx, payment)
    _fill(qtbot, dialog, "wrong account", "staff.cbe", "staff-demo")
    _shot(qtbot, dialog, "void_approval.png")
    with qtbot.waitSignal(dialog.reversed, timeout=15_000) as signal:
        qtbot.mouseClick(dialog.findChild(QPushButton, "approveReversal"), LEFT)
    mutation = signal.args[0]
    assert mutation.kind is MutationKind.REVERSAL
    assert mutation.payload["payment_uuid"] == payment.payment_uuid
    assert mutation.payload["approved_by"] == "staff.cbe"
    assert mutation.payload["approved_offline"] is True
    assert "approval_token" not in mutation.payload
    assert mutation.created_by == "cashier.cbe"
    assert len(_reversals(ctx)) == 1
    viewer = _viewer(qtbot)
    assert viewer.doc.kind is DocumentKind.CREDIT_NOTE
    text = viewer.browser.toPlainText()
    assert payment.receipt_number in text and "wrong account" in text
    _shot(qtbot, viewer, "reversal_receipt.png")
    viewer.close()
    # A second void of the same payment is refused, nothing more is written.
    again = _dialog(qtbot, ctx, payment)
    _fill(qtbot, again, "wrong amount", "staff.cbe", "staff-demo")
    assert "already reversed" in _approve_refused(qtbot, again)
    assert len(_reversals(ctx)) == 1


def test_wrong_password_is_refused_and_nothing_is_written(qtbot, cashier_ctx) -> None:
    payment = _pay(cashier_ctx)
    dialog = _dialog(qtbot, cashier_ctx, payment)
    _fill(qtbot, dialog, "wrong amount", "staff.cbe", "not-her-password")
    message = _approve_refused(qtbot, dialog)
    assert "Wrong username or password" in message
    assert dialog.findChild(QLineEdit, "approverPassword").text() == ""
    assert _reversals(cashier_ctx) == []


def test_the_requesting_cashier_cannot_approve_their_own_void(qtbot, cashier_ctx) -> None:
    payment = _pay(cashier_ctx)
    dialog = _dialog(qtbot, cashier_ctx, payment)
    _fill(qtbot, dialog, "wrong amount", "Cashier.CBE", "cashier-demo")
    assert "cannot approve" in _approve_refused(qtbot, dialog)
    assert _reversals(cashier_ctx) == []


def test_void_of_a_closed_session_is_refused(qtbot, cashier_ctx) -> None:
    payment = _pay(cashier_ctx)
    session = current_session(cashier_ctx.outbox.engine, "cashier.cbe")
    close_session(cashier_ctx.outbox.engine, session.id, {}, "cashier.cbe")
    dialog = _dialog(qtbot, cashier_ctx, payment)
    _fill(qtbot, dialog, "wrong amount", "staff.cbe", "staff-demo")
    assert "cash session that is closed" in _approve_refused(qtbot, dialog)
    assert _reversals(cashier_ctx) == []


def test_void_of_another_branchs_payment_is_refused(qtbot, cashier_ctx) -> None:
    payment = _pay(cashier_ctx, branch=2)
    dialog = _dialog(qtbot, cashier_ctx, payment)
    _fill(qtbot, dialog, "wrong amount", "staff.cbe", "staff-demo")
    assert "another branch" in _approve_refused(qtbot, dialog)
    assert _reversals(cashier_ctx) == []


def _register(qtbot, ctx) -> PaymentsRegister:
    window = PaymentsRegister(ctx)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        window.show()
    return window


def _select(window: PaymentsRegister, payment_uuid: str) -> int:
    row = next(i for i, r in enumerate(window.model.rows) if r.payment_uuid == payment_uuid)
    window.findChild(QTableView, "registerTable").selectRow(row)
    return row


def _counted(totals: str) -> tuple[int, int]:
    """(payments, total paise) the register's totals line counts."""
    found = re.search(r"<b>([0-9,]+) payments? · total ₹([0-9,]+)\.([0-9]{2})</b>", totals)
    assert found, totals
    rupees = int(found.group(2).replace(",", ""))
    return int(found.group(1).replace(",", "")), rupees * 100 + int(found.group(3))


def _status(window: PaymentsRegister, row: int) -> str:
    return window.model.index(row, COL_STATUS).data()


def test_cheque_bounce_from_the_register(qtbot, cashier_ctx) -> None:
    ctx = cashier_ctx
    cheque = _pay(ctx, method=PaymentMethod.CHEQUE, reference=CHEQUE)
    cash = _pay(ctx)
    window = _register(qtbot, ctx)
    row = _select(window, cheque.payment_uuid)
    assert _status(window, row).startswith("Pending clearance")
    # A bounced mark on a cash payment is refused in the status line.
    _select(window, cash.payment_uuid)
    qtbot.mouseClick(window.findChild(QPushButton, "chequeStatus"), LEFT)
    status = window.findChild(QLabel, "registerStatus")
    qtbot.waitUntil(lambda: "not by cheque" in status.text(), timeout=10_000)
    _select(window, cheque.payment_uuid)
    qtbot.mouseClick(window.findChild(QPushButton, "chequeStatus"), LEFT)
    qtbot.waitUntil(lambda: isinstance(window.reversals.dialog, ChequeDialog), timeout=10_000)
    cheque_dialog = window.reversals.dialog
    qtbot.addWidget(cheque_dialog)
    qtbot.mouseClick(cheque_dialog.findChild(QPushButton, "markBounced"), LEFT)
    qtbot.waitUntil(lambda: cheque_dialog.bounce_dialog is not None, timeout=10_000)
    bounce = cheque_dialog.bounce_dialog
    qtbot.addWidget(bounce)
    assert bounce.objectName() == "bounceDialog"
    _fill(qtbot, bounce, "insufficient funds", "staff.cbe", "staff-demo")
    with qtbot.waitSignal(window.refreshed, timeout=15_000):
        qtbot.mouseClick(bounce.findChild(QPushButton, "approveReversal"), LEFT)
    [reversal] = _reversals(ctx)
    assert reversal.payload["cause"] == "bounce"
    qtbot.waitUntil(lambda: _status(window, _select(window, cheque.payment_uuid))
                    .startswith("Cheque bounced"), timeout=10_000)
    viewer = _viewer(qtbot)
    assert viewer.doc.kind is DocumentKind.CREDIT_NOTE
    viewer.close()


def test_void_from_the_register_marks_the_row_voided_and_leaves_the_totals(
        qtbot, cashier_ctx) -> None:
    ctx = cashier_ctx
    payment = _pay(ctx, amount=12_345)
    window = _register(qtbot, ctx)
    totals = window.findChild(QLabel, "registerTotals")
    before = _counted(totals.text())
    _select(window, payment.payment_uuid)
    qtbot.mouseClick(window.findChild(QPushButton, "voidPayment"), LEFT)
    qtbot.waitUntil(lambda: isinstance(window.reversals.dialog, ReversalDialog),
                    timeout=10_000)
    dialog = window.reversals.dialog
    qtbot.addWidget(dialog)
    _fill(qtbot, dialog, "wrong account", "staff.cbe", "staff-demo")
    qtbot.mouseClick(dialog.findChild(QPushButton, "approveReversal"), LEFT)
    qtbot.waitUntil(lambda: _status(window, _select(window, payment.payment_uuid))
                    .startswith("Voided"), timeout=15_000)
    _viewer(qtbot).close()
    qtbot.wait(500)
    assert _counted(totals.text()) == (before[0] - 1, before[1] - 12_345)


def test_cheque_cleared_mark(qtbot, cashier_ctx) -> None:
    ctx = cashier_ctx
    cheque = _pay(ctx, method=PaymentMethod.CHEQUE, reference=CHEQUE)
    dialog = ChequeDialog(ctx, cheque)
    qtbot.addWidget(dialog)
    dialog.show()
    state = dialog.findChild(QLabel, "chequeState")
    qtbot.waitUntil(lambda: "Pending clearance" in state.text(), timeout=10_000)
    with qtbot.waitSignal(dialog.marked, timeout=10_000):
        qtbot.mouseClick(dialog.findChild(QPushButton, "markCleared"), LEFT)
    qtbot.waitUntil(lambda: "Cleared" in state.text(), timeout=10_000)
    assert not dialog.findChild(QPushButton, "markCleared").isEnabled()
    [mark] = ctx.outbox.of_kind(MutationKind.CHEQUE_CLEARED)
    assert mark.payload == {"payment_uuid": cheque.payment_uuid}
