"""The blind day close: no expected figure before the count; shortage and excess; the next
payment lands in the next session."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QSpinBox, QWidget
from sqlalchemy import text

from billing.money import format_inr
from billing.rules import PaymentMethod, PaymentOption
from db.cash_session import current_session, get_close
from db.payments_local import build_payment_payload, load_account, record_payment
from desktop.payments.day_close import DayCloseDialog
from tests.desktop.test_payment_support import pick_account, set_account

LEFT = Qt.MouseButton.LeftButton


def _take(ctx, amount: int, method: PaymentMethod = PaymentMethod.CASH) -> None:
    account_id = pick_account(ctx, prepaid=False)
    set_account(ctx, account_id, balance_paise=0)
    account = load_account(ctx.cache_engine, ctx.outbox, account_id)
    payload = build_payment_payload(
        account, option=PaymentOption.ADVANCE, method=method,
        reference=None if method is PaymentMethod.CASH else "REF-1", amount_paise=amount,
        charge_paise=0, plan_id=None, tendered_paise=None, taken_at=datetime.now(UTC))
    record_payment(ctx.outbox, account_id=account_id, payload=payload,
                   created_by=ctx.user.username, mutation_id=str(uuid.uuid4()))


def _open(qtbot, ctx) -> DayCloseDialog:
    dialog = DayCloseDialog(ctx)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.ready, timeout=10_000):
        dialog.show()
    return dialog


def _all_text(widget: QWidget) -> str:
    return " ".join(label.text() for label in widget.findChildren(QLabel) if label.isVisible())


def _count(qtbot, dialog: DayCloseDialog, counts: dict[int, int]) -> None:
    for rupees, pieces in counts.items():
        spin = dialog.findChild(QSpinBox, f"denom{rupees}")
        spin.lineEdit().selectAll()
        qtbot.keyClicks(spin.lineEdit(), str(pieces))
        assert spin.value() == pieces


def _submit(qtbot, dialog: DayCloseDialog):
    with qtbot.waitSignal(dialog.closed, timeout=10_000) as blocker:
        qtbot.mouseClick(dialog.findChild(QPushButton, "submitCount"), LEFT)
    return blocker.args[0]


def test_blind_count_with_a_shortage(qtbot, ctx, tmp_path: Path) -> None:
    _take(ctx, 120_050)
    _take(ctx, 35_000)
    _take(ctx, 99_900, PaymentMethod.UPI)
    dialog = _open(qtbot, ctx)
    assert [s.objectName() for s in dialog.findChildren(QSpinBox)] == [
        "denom2000", "denom500", "denom200", "denom100", "denom50", "denom20", "denom10",
        "denom5", "denom2", "denom1"]
    float_field = dialog.findChild(QLineEdit, "openingFloatField")
    float_field.clear()
    qtbot.keyClicks(float_field, "500")
    qtbot.keyClicks(dialog.findChild(QLineEdit, "paidOutAmount"), "100")
    qtbot.keyClicks(dialog.findChild(QLineEdit, "paidOutReason"), "tea and courier")
    with qtbot.waitSignal(dialog.paid_out_saved, timeout=10_000):
        qtbot.mouseClick(dialog.findChild(QPushButton, "recordPaidOut"), LEFT)
    expected = 50_000 + 120_050 + 35_000 - 10_000  # ₹1,950.50
    # Blind: the expected figure is nowhere on screen before the count is in.
    assert not dialog.findChild(QLabel, "closeResult").isVisible()
    assert format_inr(expected) not in _all_text(dialog)
    assert format_inr(120_050 + 35_000) not in _all_text(dialog)
    _count(qtbot, dialog, {500: 3, 200: 2, 10: 4})  # ₹1,940.00
    assert "Counted: ₹1,940.00" in dialog.findChild(QLabel, "countedTotal").text()
    close = _submit(qtbot, dialog)
    assert close.expected_paise == expected and close.counted_paise == 194_000
    assert close.difference_paise == -1_050 and close.outcome == "shortage"
    result = dialog.findChild(QLabel, "closeResult")
    assert result.isVisible()
    assert f"Expected cash: <b>{format_inr(expected)}" in result.text()
    assert "Shortage of ₹10.50" in result.text()
    assert "UPI ₹999.00" in result.text() and "3 payments" in result.text()
    # Saved in the outbox file, and the count cannot be submitted again.
    assert get_close(ctx.outbox.engine, close.session_id) == close
    assert not dialog.findChild(QPushButton, "submitCount").isEnabled()
    pdf = tmp_path / "close.pdf"
    with qtbot.waitSignal(dialog.saved_pdf, timeout=10_000):
        dialog.save_pdf(pdf)
    assert pdf.stat().st_size > 1000
    dialog.close()

    # The next payment belongs to the next session.
    _take(ctx, 20_000)
    nxt = current_session(ctx.outbox.engine, ctx.user.username)
    assert nxt.id == close.session_id + 1


def test_blind_count_with_an_excess_in_the_next_session(qtbot, ctx) -> None:
    _take(ctx, 40_000)
    first = _open(qtbot, ctx)
    _count(qtbot, first, {200: 2})
    balanced = _submit(qtbot, first)
    assert balanced.outcome == "balanced"
    first.close()
    _take(ctx, 25_000)
    _take(ctx, 5_000, PaymentMethod.CARD)
    second = _open(qtbot, ctx)
    assert f"Cash session {balanced.session_id + 1}" in second.session_label.text()
    _count(qtbot, second, {200: 1, 100: 1})  # ₹300 for ₹250 expected
    close = _submit(qtbot, second)
    assert close.expected_paise == 25_000 and close.counted_paise == 30_000
    assert close.outcome == "excess" and close.payment_count == 2
    assert "Excess of ₹50.00" in second.result_panel.text()
    second.close()


def test_bad_float_blocks_the_submit(qtbot, ctx) -> None:
    dialog = _open(qtbot, ctx)
    float_field = dialog.findChild(QLineEdit, "openingFloatField")
    float_field.clear()
    qtbot.keyClicks(float_field, "12.345")
    assert "three decimals" in dialog.findChild(QLabel, "openingFloatError").text()
    assert not dialog.findChild(QPushButton, "submitCount").isEnabled()
    qtbot.keyClicks(dialog.findChild(QLineEdit, "paidOutAmount"), "abc")
    qtbot.mouseClick(dialog.findChild(QPushButton, "recordPaidOut"), LEFT)
    assert "without letters" in dialog.findChild(QLabel, "paidOutError").text()
    dialog.close()


def test_the_close_is_queued_for_head_office_with_its_branch_and_gst(qtbot, ctx) -> None:
    from billing.day_close import check_report
    from db.outbox import MutationKind

    _take(ctx, 40_000)
    _take(ctx, 11_800, PaymentMethod.UPI)
    dialog = _open(qtbot, ctx)
    float_field = dialog.findChild(QLineEdit, "openingFloatField")
    float_field.clear()
    qtbot.keyClicks(float_field, "100")
    _count(qtbot, dialog, {500: 1})
    close = _submit(qtbot, dialog)
    assert "goes to head office with the next sync" in \
        dialog.findChild(QLabel, "closeResult").text()
    [queued] = [m for m in ctx.outbox.pending() if m.kind is MutationKind.DAY_CLOSE]
    assert queued.mutation_id == close.report_id and queued.created_by == ctx.user.username
    report = check_report(queued.payload)
    assert report.branch_id == ctx.user.branch_id == 1
    assert (report.expected_paise, report.counted_paise, report.difference_paise) == \
        (50_000, 50_000, 0)
    assert report.payment_count == 2 and report.unsynced_at_close == 2
    gst = queued.payload["gst"]
    assert gst["error"] is None and set(gst["per_method"]) == {"cash", "upi"}
    assert gst["per_method"]["upi"]["amount_paise"] == 11_800
    assert queued.payload["voids"] == []


def _voided_at_a_supervisors_desk(ctx, payment) -> None:
    """As the pull writes it once a supervisor approved the cashier's void request at their
    own desk (docs/sync-api.md "Requests decided at the supervisor's desk"): the server's
    payment row and its reversal; nothing of it passes through this desk's outbox."""
    from db.outbox import MutationState

    body = payment.payload
    ctx.outbox.record_results([(payment.mutation_id, MutationState.APPLIED, {"payment": {
        "document_number": "PAY/CBE/26-27/000000901", "balance_after_paise": 0,
        "receipt_number": body["receipt_number"]}})])
    with ctx.cache_engine.begin() as conn:
        payment_id = conn.execute(text("SELECT max(id) + 1 FROM payments")).scalar_one()
        conn.execute(text(
            "INSERT INTO payments (id, payment_uuid, account_id, kind, method, reference, "
            "amount_paise, plan_id, receipt_number, document_number, taken_by, taken_at, "
            "balance_after_paise, branch_id, device_code, version) VALUES (:id, :u, :a, "
            "'advance', 'cash', NULL, :m, NULL, :r, 'PAY/CBE/26-27/000000901', :by, :at, 0, "
            "1, NULL, 1)"),
            {"id": payment_id, "u": payment.mutation_id, "a": payment.account_id,
             "m": body["amount_paise"], "r": body["receipt_number"], "by": payment.created_by,
             "at": body["taken_at"]})
        conn.execute(text(
            "INSERT INTO payment_reversals (id, reversal_uuid, payment_id, account_id, "
            "branch_id, cause, reason, amount_paise, charge_paise, requested_by, approved_by, "
            "approved_offline, reversed_at, document_number, balance_after_paise, device_code) "
            "VALUES (1, 'r-1', :p, :a, 1, 'void', 'wrong account', :m, 0, :by, 'staff.cbe', 0, "
            ":at, 'REV/CBE/26-27/000000001', 0, 'DOTHER')"),
            {"p": payment_id, "a": payment.account_id, "m": body["amount_paise"],
             "by": payment.created_by, "at": body["taken_at"]})


def test_a_void_approved_at_a_supervisors_desk_is_not_expected_in_the_drawer(
        qtbot, ctx) -> None:
    """The cashier handed the money back once the supervisor approved the request at their
    own desk: the close expects it no more than a void approved at the counter."""
    from db.outbox import MutationKind

    _take(ctx, 40_000)
    _take(ctx, 25_000)
    voided = [m for m in ctx.outbox.pending() if m.kind is MutationKind.PAYMENT][-1]
    _voided_at_a_supervisors_desk(ctx, voided)
    dialog = _open(qtbot, ctx)
    _count(qtbot, dialog, {200: 2})
    close = _submit(qtbot, dialog)
    assert (close.expected_paise, close.difference_paise) == (40_000, 0)
    assert close.payment_count == 1 and close.method_totals["cash"] == 40_000
    result = dialog.findChild(QLabel, "closeResult").text()
    assert "Balanced" in result and "1 payment this session" in result
    gst = dialog.findChild(QLabel, "closeGst").text()
    assert format_inr(40_000) in gst and format_inr(65_000) not in gst
    [report] = [m for m in ctx.outbox.pending() if m.kind is MutationKind.DAY_CLOSE]
    assert [v["receipt_number"] for v in report.payload["voids"]] == \
        [voided.payload["receipt_number"]]
    assert report.payload["voids"][0]["approved_by"] == "staff.cbe"
    assert report.payload["gst"]["per_method"]["cash"]["amount_paise"] == 40_000
    dialog.close()


def test_the_session_was_opened_by_its_first_payment_not_by_who_counts(qtbot, ctx) -> None:
    """Two cashiers on one PC: the morning one took the first payment at 09:00 IST and
    signed out; the evening one opens the day close. The session says when the drawer took
    its first money and who took it, in the dialog and in the report for head office."""
    import dataclasses

    from sqlalchemy import update

    from db.outbox import MutationKind
    from db.outbox_schema import mutations

    morning = datetime(2026, 11, 27, 3, 30, tzinfo=UTC)  # 09:00 IST
    _take(ctx, 40_000)
    with ctx.outbox.engine.begin() as conn:
        conn.execute(update(mutations).values(created_at=morning, created_by="cashier.cbe"))
    ctx.user = dataclasses.replace(ctx.user, username="evening.cbe")
    dialog = _open(qtbot, ctx)
    label = dialog.findChild(QLabel, "sessionInfo").text()
    assert "opened 27-11-2026 09:00 by cashier.cbe" in label
    _count(qtbot, dialog, {200: 2})
    _submit(qtbot, dialog)
    [report] = [m for m in ctx.outbox.pending() if m.kind is MutationKind.DAY_CLOSE]
    assert report.payload["opened_at"] == int(morning.timestamp())
    assert report.payload["counted_by"] == "evening.cbe"
    dialog.close()
