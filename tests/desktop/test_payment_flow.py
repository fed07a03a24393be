"""The payment flow driven like a cashier: each balance case, bad input, double submits,
partial and over-payments, plan selection, reconnection, and the events the table hears."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel, QLineEdit, QPushButton
from sqlalchemy import text

from billing.lifecycle import renewal_expiry
from billing.money import AmountError, amount_in_words, format_inr, parse_amount
from billing.rules import PaymentMethod, PaymentOption, RuleError, check_payment
from db.outbox import MutationState
from db.payments_local import load_account
from desktop.payments.flow import PaymentFlow, active_flow, start_payment
from desktop.payments.payment_dialog import PaymentDialog
from desktop.payments.plan_selection import PlanSelectionDialog
from desktop.payments.receipt import ReceiptDialog
from tests.conftest import DEMO_TODAY
from tests.desktop.test_payment_support import open_flow, pick_account, set_account

LEFT = Qt.MouseButton.LeftButton


def _confirm_and_receipt(qtbot, flow: PaymentFlow) -> ReceiptDialog:
    dialog = flow.payment_dialog
    assert dialog is not None
    with qtbot.waitSignal(flow.receipt_shown, timeout=5000) as blocker:
        qtbot.mouseClick(dialog.findChild(QPushButton, "confirmPayment"), LEFT)
    receipt = blocker.args[0]
    qtbot.addWidget(receipt)
    return receipt


def _type_amount(qtbot, dialog: PaymentDialog, typed: str) -> None:
    field = dialog.findChild(QLineEdit, "amountField")
    field.clear()
    qtbot.keyClicks(field, typed)


def _confirm_button(dialog: PaymentDialog) -> QPushButton:
    return dialog.findChild(QPushButton, "confirmPayment")


def _payments(ctx) -> list:
    return [m for m in ctx.outbox.pending() if m.kind.value == "payment"]


def _close(dialog) -> None:
    if dialog is not None and dialog.isVisible():
        dialog.close()


# -- each balance case -------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("prepaid", "balance", "options"),
    [
        (False, 150_000, [PaymentOption.PAYMENT]),  # postpaid owes
        (True, 100, [PaymentOption.PAYMENT]),  # exactly ₹1.00 owed is a due
        (False, 99, [PaymentOption.ADVANCE]),  # 99 paise: rounding dust, settled
        (False, 0, [PaymentOption.ADVANCE]),
        (True, 0, [PaymentOption.RECHARGE, PaymentOption.ADVANCE]),
        (True, -20_000, [PaymentOption.RECHARGE, PaymentOption.ADVANCE]),  # credit
    ],
)
def test_each_balance_case_offers_the_rule_options_and_takes_them(
    qtbot, ctx, prepaid: bool, balance: int, options: list[PaymentOption]
) -> None:
    account_id = pick_account(ctx, prepaid=prepaid)
    set_account(ctx, account_id, balance_paise=balance)
    assert load_account(ctx.cache_engine, ctx.outbox, account_id).options == options
    option = options[-1] if options[0] is PaymentOption.RECHARGE else options[0]
    flow = open_flow(qtbot, ctx, account_id, option)
    dialog = flow.payment_dialog
    assert dialog is not None and dialog.objectName() == "paymentDialog"
    assert dialog.findChild(QLabel, "balanceValue").text().startswith(
        format_inr(balance))
    amount = dialog.findChild(QLineEdit, "amountField")
    if option is PaymentOption.PAYMENT:
        assert amount.text() == f"{balance // 100}.{balance % 100:02d}"  # prefilled
        assert _confirm_button(dialog).isEnabled()
        expected_amount = balance
    else:
        assert amount.text() == ""  # Advance: empty, nothing to confirm yet
        assert not _confirm_button(dialog).isEnabled()
        _type_amount(qtbot, dialog, "750.25")
        expected_amount = 75_025
    receipt = _confirm_and_receipt(qtbot, flow)
    (mutation,) = _payments(ctx)
    assert mutation.payload["option"] == option.value
    assert mutation.payload["amount_paise"] == expected_amount
    assert mutation.payload["balance_before_paise"] == balance
    assert receipt.data.balance_after_paise == balance - expected_amount
    assert "PENDING SYNC" in receipt.view.toPlainText()
    assert load_account(ctx.cache_engine, ctx.outbox, account_id).balance_paise == \
        balance - expected_amount
    receipt.close()


def test_recording_tells_the_table_and_the_detail(qtbot, ctx) -> None:
    account_id = pick_account(ctx, prepaid=False)
    set_account(ctx, account_id, balance_paise=50_000)
    changed: list[list[int]] = []
    ctx.events.accounts_changed.connect(changed.append)
    flow = open_flow(qtbot, ctx, account_id, PaymentOption.PAYMENT)
    with qtbot.waitSignal(ctx.events.outbox_changed, timeout=5000):
        receipt = _confirm_and_receipt(qtbot, flow)
    assert changed == [[account_id]]
    receipt.close()


# -- bad input ---------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("abc", "without letters"),
        ("-5", "negative"),
        ("0", "more than zero"),
        ("0.00", "more than zero"),
        ("12.345", "three decimals"),
        ("1e3", "exponent"),
        ("NaN", "NaN"),
        ("10000000.01", "over the limit"),
        ("", "Enter an amount"),
    ],
)
def test_bad_amounts_are_refused_next_to_the_field(qtbot, ctx, typed: str, says: str) -> None:
    account_id = pick_account(ctx, prepaid=False)
    set_account(ctx, account_id, balance_paise=0)
    flow = open_flow(qtbot, ctx, account_id, PaymentOption.ADVANCE)
    dialog = flow.payment_dialog
    _type_amount(qtbot, dialog, typed)
    error = dialog.findChild(QLabel, "amountError")
    assert says in error.text()
    assert not error.isHidden()
    assert not _confirm_button(dialog).isEnabled()
    # Enter does nothing either.
    qtbot.keyClick(dialog.findChild(QLineEdit, "amountField"), Qt.Key.Key_Return)
    assert dialog.isVisible() and _payments(ctx) == []
    dialog.close()


def test_non_cash_needs_a_reference_and_cash_shows_change(qtbot, ctx) -> None:
    account_id = pick_account(ctx, prepaid=False)
    set_account(ctx, account_id, balance_paise=120_000)
    flow = open_flow(qtbot, ctx, account_id, PaymentOption.PAYMENT)
    dialog = flow.payment_dialog
    confirm = _confirm_button(dialog)
    tendered = dialog.findChild(QLineEdit, "tenderedField")
    qtbot.keyClicks(tendered, "1000")
    assert "less than the amount" in dialog.findChild(QLabel, "tenderedError").text()
    assert not confirm.isEnabled()
    tendered.clear()
    qtbot.keyClicks(tendered, "2000")
    assert dialog.change.text() == "₹800.00" and confirm.isEnabled()
    method = dialog.findChild(type(dialog.method), "methodField")
    method.setCurrentIndex(method.findData(PaymentMethod.UPI.value))
    assert not tendered.isEnabled()
    assert "UPI transaction ID" in dialog.reference_error.text()
    assert not confirm.isEnabled()
    qtbot.keyClicks(dialog.findChild(QLineEdit, "referenceField"), "4123 4567 8901")
    assert confirm.isEnabled()
    receipt = _confirm_and_receipt(qtbot, flow)
    (mutation,) = _payments(ctx)
    assert mutation.payload["method"] == "upi" and mutation.payload["reference"] == "412345678901"
    assert mutation.payload["tendered_paise"] is None
    receipt.close()


# -- partial and over-payments -----------------------------------------------------------------

def test_partial_payment_shows_what_stays_due(qtbot, ctx) -> None:
    account_id = pick_account(ctx, prepaid=False)
    set_account(ctx, account_id, balance_paise=150_000)
    flow = open_flow(qtbot, ctx, account_id, PaymentOption.PAYMENT)
    dialog = flow.payment_dialog
    _type_amount(qtbot, dialog, "1000")
    preview = dialog.findChild(QLabel, "previewPanel").text()
    assert "₹500.00</b> stays due" in preview and "New balance: <b>₹500.00" in preview
    assert _confirm_button(dialog).isEnabled()
    receipt = _confirm_and_receipt(qtbot, flow)
    assert receipt.data.balance_after_paise == 50_000
    assert load_account(ctx.cache_engine, ctx.outbox, account_id).options == \
        [PaymentOption.PAYMENT]
    receipt.close()


def test_over_payment_needs_the_extra_confirmation(qtbot, ctx) -> None:
    account_id = pick_account(ctx, prepaid=False)
    set_account(ctx, account_id, balance_paise=150_000)
    flow = open_flow(qtbot, ctx, account_id, PaymentOption.PAYMENT)
    dialog = flow.payment_dialog
    _type_amount(qtbot, dialog, "2000")
    overpay = dialog.findChild(QCheckBox, "confirmOverpay")
    assert overpay.isVisible() and "₹500.00" in overpay.text()
    assert "Advance credit created: <b>₹500.00" in dialog.preview_panel.text()
    confirm = _confirm_button(dialog)
    assert not confirm.isEnabled()
    qtbot.mouseClick(confirm, LEFT)
    assert _payments(ctx) == []
    overpay.click()
    assert confirm.isEnabled()
    receipt = _confirm_and_receipt(qtbot, flow)
    assert receipt.data.balance_after_paise == -50_000
    (mutation,) = _payments(ctx)
    assert mutation.payload["amount_paise"] == 200_000
    receipt.close()


def test_an_over_payment_tick_confirms_only_the_amount_it_named(qtbot, ctx) -> None:
    account_id = pick_account(ctx, prepaid=False)
    set_account(ctx, account_id, balance_paise=59_950)
    flow = open_flow(qtbot, ctx, account_id, PaymentOption.PAYMENT)
    dialog = flow.payment_dialog
    _type_amount(qtbot, dialog, "700")
    overpay = dialog.findChild(QCheckBox, "confirmOverpay")
    overpay.click()
    confirm = _confirm_button(dialog)
    assert confirm.isEnabled()
    qtbot.keyClicks(dialog.findChild(QLineEdit, "amountField"), "0")  # a slip: ₹7,000
    assert "₹7,000.00" in overpay.text() and overpay.isVisible()
    assert not overpay.isChecked() and not confirm.isEnabled()  # asked again
    qtbot.keyClick(dialog.findChild(QLineEdit, "amountField"), Qt.Key.Key_Return)
    assert _payments(ctx) == []
    overpay.click()
    assert confirm.isEnabled()
    dialog.close()


def test_a_balance_that_moves_while_the_dialog_is_open_is_shown_and_checked(qtbot, ctx) -> None:
    account_id = pick_account(ctx, prepaid=False)
    set_account(ctx, account_id, balance_paise=59_950)
    flow = open_flow(qtbot, ctx, account_id, PaymentOption.PAYMENT)
    dialog = flow.payment_dialog
    notice = dialog.findChild(QLabel, "paymentNotice")
    confirm = _confirm_button(dialog)
    assert confirm.isEnabled() and not notice.isVisibleTo(dialog)
    # Another desk takes ₹300.00; the sync writes the cache and tells the windows.
    set_account(ctx, account_id, balance_paise=29_950)
    ctx.events.accounts_changed.emit([account_id])
    qtbot.waitUntil(lambda: notice.isVisibleTo(dialog), timeout=5000)
    assert "₹299.50" in notice.text() and "₹599.50" in notice.text()
    assert dialog.findChild(QLabel, "balanceValue").text().startswith("₹299.50")
    assert dialog.findChild(QCheckBox, "confirmOverpay").isVisibleTo(dialog)
    assert not confirm.isEnabled()  # ₹599.50 is now ₹300.00 more than is due
    # ... and then the rest: nothing is due any more.
    set_account(ctx, account_id, balance_paise=0)
    ctx.events.accounts_changed.emit([account_id])
    qtbot.waitUntil(lambda: "₹0.00" in notice.text(), timeout=5000)
    assert "Nothing is due" in dialog.findChild(QLabel, "amountError").text()
    qtbot.keyClick(dialog.findChild(QLineEdit, "amountField"), Qt.Key.Key_Return)
    ctx.tasks.wait_idle()
    assert not confirm.isEnabled() and _payments(ctx) == []
    dialog.close()


# -- taking the money once ---------------------------------------------------------------------

def test_double_click_takes_the_money_once(qtbot, ctx) -> None:
    account_id = pick_account(ctx, prepaid=False)
    set_account(ctx, account_id, balance_paise=40_000)
    flow = open_flow(qtbot, ctx, account_id, PaymentOption.PAYMENT)
    dialog = flow.payment_dialog
    confirm = _confirm_button(dialog)
    with qtbot.waitSignal(flow.receipt_shown, timeout=5000) as blocker:
        qtbot.mouseDClick(confirm, LEFT)
        qtbot.mouseClick(confirm, LEFT)
        dialog._on_confirm()  # even a direct second call
    blocker.args[0].close()
    ctx.tasks.wait_idle()
    assert len(_payments(ctx)) == 1


def test_held_enter_takes_the_money_once(qtbot, ctx) -> None:
    account_id = pick_account(ctx, prepaid=False)
    set_account(ctx, account_id, balance_paise=40_000)
    flow = open_flow(qtbot, ctx, account_id, PaymentOption.PAYMENT)
    dialog = flow.payment_dialog
    field = dialog.findChild(QLineEdit, "amountField")
    with qtbot.waitSignal(flow.receipt_shown, timeout=5000) as blocker:
        for _ in range(15):  # auto-repeat of a key held down
            qtbot.keyPress(field, Qt.Key.Key_Return)
    blocker.args[0].close()
    ctx.tasks.wait_idle()
    assert len(_payments(ctx)) == 1


def test_the_key_is_made_when_the_dialog_opens_and_reused(qtbot, ctx) -> None:
    account_id = pick_account(ctx, prepaid=False)
    set_account(ctx, account_id, balance_paise=40_000)
    flow = open_flow(qtbot, ctx, account_id, PaymentOption.PAYMENT)
    key = flow.payment_dialog.mutation_id
    receipt = _confirm_and_receipt(qtbot, flow)
    (mutation,) = _payments(ctx)
    assert mutation.mutation_id == key == mutation.payload["payment_uuid"]
    receipt.close()


@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support "
                           "activateWindow")
def test_a_second_dialog_on_the_same_account_is_refused(qtbot, ctx) -> None:
    account_id = pick_account(ctx, prepaid=False)
    set_account(ctx, account_id, balance_paise=40_000)
    flow = open_flow(qtbot, ctx, account_id, PaymentOption.PAYMENT)
    start_payment(ctx, account_id, PaymentOption.PAYMENT, None)
    start_payment(ctx, account_id, PaymentOption.ADVANCE, None)
    assert active_flow(ctx, account_id) is flow
    dialogs = [w for w in QApplication.topLevelWidgets()
               if w.objectName() == "paymentDialog" and w.isVisible()]
    assert dialogs == [flow.payment_dialog]
    receipt = _confirm_and_receipt(qtbot, flow)
    receipt.close()
    assert len(_payments(ctx)) == 1
    # Once recorded, the account is free for the next payment (now an Advance).
    assert active_flow(ctx, account_id) is None
    again = open_flow(qtbot, ctx, account_id, PaymentOption.ADVANCE)
    assert again is not flow and again.payment_dialog.option is PaymentOption.ADVANCE
    again.payment_dialog.close()


def test_cancel_frees_the_account_and_writes_nothing(qtbot, ctx) -> None:
    account_id = pick_account(ctx, prepaid=False)
    set_account(ctx, account_id, balance_paise=40_000)
    flow = open_flow(qtbot, ctx, account_id, PaymentOption.PAYMENT)
    with qtbot.waitSignal(flow.finished):
        qtbot.mouseClick(flow.payment_dialog.findChild(QPushButton, "cancelPayment"), LEFT)
    assert active_flow(ctx, account_id) is None and _payments(ctx) == []


# -- recharge ----------------------------------------------------------------------------------

def _plan_dialog(flow: PaymentFlow) -> PlanSelectionDialog:
    dialog = flow.plan_dialog
    assert dialog is not None and dialog.objectName() == "planSelection"
    return dialog


def test_recharge_with_the_current_plan_less_credit(qtbot, ctx) -> None:
    account_id = pick_account(ctx, prepaid=True)
    expiry = DEMO_TODAY + timedelta(days=5)
    set_account(ctx, account_id, balance_paise=-20_000, plan_expiry=expiry)
    flow = open_flow(qtbot, ctx, account_id, PaymentOption.RECHARGE)
    plans = _plan_dialog(flow)
    current = plans.current
    assert current is not None
    keep = plans.findChild(QPushButton, "continueCurrentPlan")
    assert keep is not None and keep.isVisible()
    new_expiry = renewal_expiry(expiry, DEMO_TODAY, current.validity_days)
    assert f"valid until {new_expiry:%d %b %Y}" in plans.findChild(QLabel, "currentPlanText").text()
    qtbot.mouseClick(keep, LEFT)
    qtbot.waitUntil(lambda: flow.payment_dialog is not None)
    dialog = flow.payment_dialog
    amount = dialog.findChild(QLineEdit, "amountField")
    due = current.price_paise - 20_000
    assert amount.text() == f"{due // 100}.{due % 100:02d}" and amount.isReadOnly()
    assert f"Plan valid until <b>{new_expiry:%d %b %Y}" in dialog.preview_panel.text()
    assert f"Suspends on <b>{new_expiry + timedelta(days=1):%d %b %Y}" in \
        dialog.preview_panel.text()
    receipt = _confirm_and_receipt(qtbot, flow)
    (mutation,) = _payments(ctx)
    body = mutation.payload
    assert body["option"] == "recharge" and body["plan_id"] == current.id
    assert body["charge_paise"] == current.price_paise and body["amount_paise"] == due
    assert receipt.data.new_expiry == new_expiry and receipt.data.plan_name == current.name
    assert receipt.data.balance_after_paise == 0
    assert load_account(ctx.cache_engine, ctx.outbox, account_id).plan_expiry == new_expiry
    receipt.close()


def test_recharge_without_an_active_plan_lists_plans_only(qtbot, ctx) -> None:
    account_id = pick_account(ctx, prepaid=True, status="Inactive", with_plan=False)
    set_account(ctx, account_id, balance_paise=0)
    flow = open_flow(qtbot, ctx, account_id, PaymentOption.RECHARGE)
    plans = _plan_dialog(flow)
    assert plans.findChild(QPushButton, "continueCurrentPlan") is None
    choose = plans.findChild(QPushButton, "choosePlan")
    assert not choose.isEnabled() and plans.table.rowCount() == len(plans.others) > 0
    chosen = plans.others[1]
    plans.select_plan(chosen.id)
    assert choose.isEnabled()
    qtbot.mouseClick(choose, LEFT)
    qtbot.waitUntil(lambda: flow.payment_dialog is not None)
    dialog = flow.payment_dialog
    assert dialog.plan == chosen
    new_expiry = DEMO_TODAY - timedelta(days=1) + timedelta(days=chosen.validity_days)
    assert f"{new_expiry:%d %b %Y}" in dialog.preview_panel.text()
    receipt = _confirm_and_receipt(qtbot, flow)
    assert _payments(ctx)[0].payload["plan_id"] == chosen.id
    receipt.close()


def test_recharge_reconnects_a_suspended_prepaid_account(qtbot, ctx) -> None:
    account_id = pick_account(ctx, prepaid=True, status="Suspended")
    set_account(ctx, account_id, balance_paise=0)
    flow = open_flow(qtbot, ctx, account_id, PaymentOption.RECHARGE)
    plans = _plan_dialog(flow)
    qtbot.mouseClick(plans.findChild(QPushButton, "continueCurrentPlan"), LEFT)
    qtbot.waitUntil(lambda: flow.payment_dialog is not None)
    dialog = flow.payment_dialog
    assert "reconnects the suspended account" in dialog.preview_panel.text()
    assert dialog.checked is not None and dialog.checked.outcome.reconnects
    receipt = _confirm_and_receipt(qtbot, flow)
    receipt.close()


def test_postpaid_payment_that_clears_overdue_invoices_reconnects(qtbot, ctx) -> None:
    with ctx.cache_engine.connect() as conn:
        account_id = conn.execute(text(
            "SELECT id FROM accounts WHERE NOT prepaid AND status = 'Suspended' AND "
            "balance_paise >= 100000 AND branch_id = 1 ORDER BY id LIMIT 1")).scalar_one()
    flow = open_flow(qtbot, ctx, account_id, PaymentOption.PAYMENT)
    dialog = flow.payment_dialog
    assert "reconnects the suspended account" in dialog.preview_panel.text()
    _type_amount(qtbot, dialog, "1")
    assert "stays suspended" in dialog.preview_panel.text()
    dialog.close()


def test_prepaid_that_owes_pays_first_then_recharge_appears(qtbot, ctx) -> None:
    account_id = pick_account(ctx, prepaid=True)
    set_account(ctx, account_id, balance_paise=30_000)
    assert load_account(ctx.cache_engine, ctx.outbox, account_id).options == \
        [PaymentOption.PAYMENT]
    flow = open_flow(qtbot, ctx, account_id, PaymentOption.PAYMENT)
    receipt = _confirm_and_receipt(qtbot, flow)
    assert load_account(ctx.cache_engine, ctx.outbox, account_id).options == \
        [PaymentOption.RECHARGE, PaymentOption.ADVANCE]
    recharge = receipt.findChild(QPushButton, "rechargeNow")
    assert recharge.isVisible()
    qtbot.mouseClick(recharge, LEFT)
    nxt = active_flow(ctx, account_id)
    assert nxt is not None
    qtbot.waitUntil(lambda: nxt.plan_dialog is not None)
    assert nxt.plan_dialog.isVisible()
    nxt.plan_dialog.close()


def test_a_stale_recharge_button_becomes_a_payment(qtbot, ctx) -> None:
    account_id = pick_account(ctx, prepaid=True)
    set_account(ctx, account_id, balance_paise=30_000)
    flow = open_flow(qtbot, ctx, account_id, PaymentOption.RECHARGE)
    dialog = flow.payment_dialog
    assert flow.plan_dialog is None and dialog.option is PaymentOption.PAYMENT
    assert "Recharge is not available now" in dialog.notice.text()
    dialog.close()


def test_receipt_says_the_amount_in_words(qtbot, ctx) -> None:
    account_id = pick_account(ctx, prepaid=False)
    set_account(ctx, account_id, balance_paise=123_456)
    flow = open_flow(qtbot, ctx, account_id, PaymentOption.PAYMENT)
    receipt = _confirm_and_receipt(qtbot, flow)
    words = amount_in_words(123_456)
    assert words in receipt.view.toPlainText()
    with ctx.cache_engine.connect() as conn:
        name = conn.execute(text("SELECT name FROM accounts WHERE id = :i"),
                            {"i": account_id}).scalar()
    assert name in receipt.view.toPlainText()
    receipt.close()


def test_a_payment_refused_by_the_server_is_shown_and_not_counted(qtbot, ctx) -> None:
    account_id = pick_account(ctx, prepaid=False)
    set_account(ctx, account_id, balance_paise=40_000)
    flow = open_flow(qtbot, ctx, account_id, PaymentOption.PAYMENT)
    receipt = _confirm_and_receipt(qtbot, flow)
    receipt.close()
    (mutation,) = _payments(ctx)
    ctx.outbox.record_results([(mutation.mutation_id, MutationState.REJECTED, {
        "status": "rejected",
        "error": {"code": "not_outstanding",
                  "message": "Nothing is due on this account (balance ₹0.00)."}})])
    account = load_account(ctx.cache_engine, ctx.outbox, account_id)
    assert account.balance_paise == 40_000  # a refused payment does not lower the balance
    again = open_flow(qtbot, ctx, account_id, PaymentOption.PAYMENT)
    notice = again.payment_dialog.findChild(QLabel, "paymentNotice")
    assert notice.isVisibleTo(again.payment_dialog)
    assert mutation.payload["receipt_number"] in notice.text()
    assert "Nothing is due on this account" in notice.text()
    again.payment_dialog.close()



@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(typed=st.text(alphabet="0123456789.,-+e₹ Rs/NaI", max_size=14))
@example(typed="1250.50")
@example(typed="₹1,23,456.78")
@example(typed="Rs. 500/-")
@example(typed="10,00,000.00")
@example(typed="10,00,000.01")
def test_confirm_is_enabled_exactly_when_billing_accepts_the_text(qtbot, ctx, typed) -> None:
    """Whatever is typed, Confirm follows billing.money + billing.rules and nothing else."""
    dialog = _advance_dialog(qtbot, ctx)
    dialog.amount.setText(typed)
    try:
        amount = parse_amount(typed)
        check_payment(PaymentOption.ADVANCE, amount, balance_paise=0, prepaid=False)
        accepted = True
    except (AmountError, RuleError):
        accepted = False
    assert _confirm_button(dialog).isEnabled() is accepted
    assert dialog.amount_error.isVisibleTo(dialog) is (not accepted)


def _advance_dialog(qtbot, ctx) -> PaymentDialog:
    """One Advance dialog per test (hypothesis calls the test body many times)."""
    dialog = getattr(ctx, "_advance_dialog", None)
    if dialog is None:
        account_id = pick_account(ctx, prepaid=False)
        set_account(ctx, account_id, balance_paise=0)
        account = load_account(ctx.cache_engine, ctx.outbox, account_id)
        dialog = PaymentDialog(ctx, account, PaymentOption.ADVANCE)
        qtbot.addWidget(dialog)
        ctx._advance_dialog = dialog  # type: ignore[attr-defined]
    return dialog


def test_the_amount_limit_is_the_one_the_server_sent(qtbot, ctx) -> None:
    from billing.limits import Limits

    ctx.limits = Limits(max_payment_paise=5_000_00)
    account_id = pick_account(ctx, prepaid=False)
    set_account(ctx, account_id, balance_paise=0)
    flow = open_flow(qtbot, ctx, account_id, PaymentOption.ADVANCE)
    dialog = flow.payment_dialog
    _type_amount(qtbot, dialog, "5000.01")
    error = dialog.findChild(QLabel, "amountError")
    assert "over the limit of ₹5,000.00" in error.text()
    assert not _confirm_button(dialog).isEnabled()
    dialog.close()
