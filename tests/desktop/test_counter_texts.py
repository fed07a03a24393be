"""Smaller promises of issue 20: one mobile format, the register sized to the screen and
saying "1 payment", a person's name as the receipt's cashier, a PENDING SYNC receipt that
turns confirmed when the server answers, Save as PDF in the documents folder."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QStandardPaths
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QComboBox, QDateEdit, QLabel, QTableView

from billing.phone import format_mobile
from billing.rules import PaymentMethod, PaymentOption
from db.outbox import MutationState
from db.payments_local import build_payment_payload, load_account, record_payment
from desktop.payments.receipt import ReceiptDialog, cashier_name, default_pdf_path
from desktop.payments.receipt_data import ReceiptData
from desktop.payments.receipt_document import receipt_fields
from desktop.payments.register import PaymentsRegister
from desktop.payments.register_model import COL_MOBILE
from sync.offline_verifiers import OfflineVerifiers
from tests.conftest import DEMO_TODAY
from tests.desktop.test_payment_support import pick_account, set_account

FROM = DEMO_TODAY - timedelta(days=30)


def _take(ctx, *, by: str | None = None):
    account_id = pick_account(ctx, prepaid=False)
    set_account(ctx, account_id, balance_paise=77_700)
    account = load_account(ctx.cache_engine, ctx.outbox, account_id)
    payload = build_payment_payload(
        account, option=PaymentOption.PAYMENT, method=PaymentMethod.CASH, reference=None,
        amount_paise=77_700, charge_paise=0, plan_id=None, tendered_paise=None,
        taken_at=datetime.now(UTC))
    payload["taken_at"] = int(datetime(2026, 11, 27, 6, 0, tzinfo=UTC).timestamp())
    mutation = record_payment(ctx.outbox, account_id=account_id, payload=payload,
                              created_by=by or ctx.user.username, mutation_id=str(uuid.uuid4()))
    return account, mutation


def _open_register(qtbot, ctx) -> PaymentsRegister:
    window = PaymentsRegister(ctx)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        window.show()
    return window


def test_register_fits_the_screen(qtbot, ctx) -> None:
    window = _open_register(qtbot, ctx)
    room = (window.screen() or QGuiApplication.primaryScreen()).availableGeometry()
    assert window.width() <= room.width() and window.height() <= room.height()
    window.close()


def test_register_says_1_payment_and_groups_the_mobile(qtbot, ctx) -> None:
    _take(ctx)  # the only payment this user took
    window = _open_register(qtbot, ctx)
    _set_dates(qtbot, window)
    _choose(qtbot, window, "regCashier", ctx.user.username)
    [row] = window.model.rows
    totals = window.findChild(QLabel, "registerTotals").text()
    assert "<b>1 payment ·" in totals and "1 payments" not in totals
    shown = window.model.index(0, COL_MOBILE).data()
    assert shown == format_mobile(row.mobile) and shown.startswith("+91 ")
    assert len(shown.split()) == 3
    window.close()


def _set_dates(qtbot, window: PaymentsRegister) -> None:
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        window.findChild(QDateEdit, "regFrom").setDate(QDate(FROM.year, FROM.month, FROM.day))


def _choose(qtbot, window: PaymentsRegister, name: str, data: object) -> None:
    box = window.findChild(QComboBox, name)
    qtbot.waitUntil(lambda: box.findData(data) >= 0, timeout=10_000)
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        box.setCurrentIndex(box.findData(data))


def test_receipt_cashier_is_a_person_and_mobile_is_grouped(ctx) -> None:
    account, mutation = _take(ctx)
    assert cashier_name(ctx, ctx.user.username) == ctx.user.display_name
    OfflineVerifiers(ctx.data_dir).remember(
        "kavitha.s", "pw", {"username": "kavitha.s", "display_name": "Kavitha S",
                            "role": "cashier", "branch_id": 1}, "http://x")
    assert cashier_name(ctx, "kavitha.s") == "Kavitha S"
    assert cashier_name(ctx, "someone.else") == "someone.else"  # never seen here: the id
    data = ReceiptData.from_mutation(mutation, account_name=account.name,
                                     mobile=account.mobile, cashier="Kavitha S",
                                     zone="Asia/Kolkata")
    fields = dict(receipt_fields(data))
    assert fields["Mobile"] == format_mobile(account.mobile) != account.mobile


def test_register_reprint_names_the_cashier(qtbot, ctx) -> None:
    _take(ctx)
    window = _open_register(qtbot, ctx)
    _set_dates(qtbot, window)
    row = next(i for i, r in enumerate(window.model.rows) if r.pending)
    window.findChild(QTableView, "registerTable").selectRow(row)
    window.reprint.click()
    qtbot.waitUntil(lambda: getattr(window, "receipt_dialog", None) is not None, timeout=10_000)
    assert window.receipt_dialog.data.cashier == ctx.user.display_name
    assert ctx.user.display_name != ctx.user.username
    window.receipt_dialog.close()
    window.close()


def test_receipt_window_turns_confirmed_when_the_server_answers(qtbot, ctx) -> None:
    account, mutation = _take(ctx)
    data = ReceiptData.from_mutation(mutation, account_name=account.name,
                                     mobile=account.mobile, cashier="K", zone="Asia/Kolkata")
    dialog = ReceiptDialog(ctx, data)
    qtbot.addWidget(dialog)
    assert "PENDING SYNC" in dialog.view.toPlainText()
    ctx.outbox.record_results([(mutation.mutation_id, MutationState.APPLIED, {
        "payment": {"document_number": "PAY/CBE/26-27/000000901", "balance_after_paise": 0,
                    "receipt_number": mutation.payload["receipt_number"]}})])
    ctx.events.outbox_changed.emit()  # what the sync engine emits after a push
    qtbot.waitUntil(lambda: "PENDING SYNC" not in dialog.view.toPlainText(), timeout=5000)
    assert "PAY/CBE/26-27/000000901" in dialog.view.toPlainText()
    assert not dialog.data.pending_sync
    dialog.close()


def test_save_as_pdf_starts_in_the_documents_folder(ctx) -> None:
    account, mutation = _take(ctx)
    data = ReceiptData.from_mutation(mutation, account_name=account.name,
                                     mobile=account.mobile, cashier="K", zone="Asia/Kolkata")
    path = default_pdf_path(data)
    documents = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation)
    assert path.parent == Path(documents)
    assert path.name == f"receipt-{data.receipt_number}.pdf"
