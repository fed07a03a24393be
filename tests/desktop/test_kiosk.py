"""The kiosk window, driven like a customer and a member of staff would."""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QIODevice, QRegularExpression, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)
from sqlalchemy import text

from billing.masking import mask_mobile, mask_name
from billing.money import format_inr, paise_to_decimal
from billing.roles import Role
from billing.rules import PaymentMethod, PaymentOption
from billing.upi import parse_upi_intent
from db.outbox import MutationState
from desktop.kiosk import DEMO_PIN, KioskWindow, start_kiosk
from desktop.kiosk.devices import DemoUpiDevice
from desktop.kiosk.pin import PIN_KEY, hash_pin, set_pin, verify_pin
from desktop.kiosk.receipt import OFFLINE_NOTE, PENDING_MARK
from desktop.kiosk.screens import PAY_UNAVAILABLE
from desktop.kiosk.window import ACCOUNT, PAY, PIN, RECEIPT, START
from desktop.runtime.context import AppContext, CurrentUser
from desktop.runtime.pyside_guard import guard_singletons
from desktop.settings.upi_payee import Payee
from desktop.widgets.upi_qr import UpiQrWidget
from tests.desktop.conftest import make_context
from tests.desktop.kiosk_seal import seal_cache

# PySide6 6.12.0 on Python 3.11 leaks references to None/True/False (see that module).
guard_singletons()

KIOSK_USER = CurrentUser("kiosk.cbe1", "Kiosk CBE-1", Role.KIOSK, branch_id=1)
TEST_PIN = "135790"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


DEMO_PAYEE = Payee("terabyte.test@okaxis", "Terabyte Broadband")


@pytest.fixture(autouse=True)
def _usable_event_loop(qapp):
    """An earlier test that calls quit() after exec() returned leaves Qt's quitNow flag set,
    and then every event loop (qtbot.wait*) returns at once; one exec() clears it."""
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, qapp.quit)
    qapp.exec()

@pytest.fixture
def kiosk_ctx(qapp, data_dir, demo_cache_template) -> Iterator[AppContext]:
    context = make_context(data_dir, demo_cache_template, qapp, user=KIOSK_USER)
    seal_cache(context)  # what a kiosk's pull leaves in its cache
    set_pin(context.settings, TEST_PIN)
    yield context
    context.tasks.wait_idle()
    context.cache_engine.dispose()
    context.outbox.engine.dispose()


def _make_window(qtbot, kiosk_ctx, *, idle_ms=60_000, payable=True) -> KioskWindow:
    window = KioskWindow(kiosk_ctx, idle_ms=idle_ms,
                         payment_device=DemoUpiDevice() if payable else None,
                         payee=DEMO_PAYEE if payable else None)
    qtbot.addWidget(window, before_close_func=_unlock)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def _unlock(window: KioskWindow) -> None:
    window._may_close = True


@pytest.fixture
def kiosk(qtbot, kiosk_ctx) -> KioskWindow:
    return _make_window(qtbot, kiosk_ctx)


def _account(ctx, where="1=1", offset=0):
    with ctx.cache_engine.connect() as conn:
        return conn.execute(text(
            f"SELECT id, name, mobile, balance_paise, prepaid FROM accounts "
            f"WHERE branch_id = 1 AND {where} ORDER BY id LIMIT 1 OFFSET :o"), {"o": offset}).one()


def _tap(qtbot, window, name):
    button = window.findChild(QPushButton, name)
    assert button is not None, name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _type_on_keypad(qtbot, window, digits, prefix="kiosk"):
    for digit in digits:
        _tap(qtbot, window, f"{prefix}Key{digit}")


def _find(qtbot, window, digits):
    _type_on_keypad(qtbot, window, digits)
    _tap(qtbot, window, "kioskFind")


def _label(window, name) -> str:
    return window.findChild(QLabel, name).text()


def _pay_by_demo_upi(qtbot, window, amount_digits: str | None = None) -> None:
    """On the payment screen: (type an amount,) touch Pay, see the QR, simulate the bank."""
    qtbot.waitUntil(lambda: window.current_page == PAY and window.pay_page.loaded)
    if amount_digits is not None:
        _tap(qtbot, window, "amountKeyClear")
        for key in amount_digits:
            _tap(qtbot, window, "amountKeyDot" if key == "." else f"amountKey{key}")
    _tap_when_enabled(qtbot, window, "kioskPayContinue")
    qtbot.waitUntil(lambda: window.pay_page.waiting_for_money)
    _tap(qtbot, window, "kioskDemoPaid")


def _tap_when_enabled(qtbot, window, name):
    button = window.findChild(QPushButton, name)
    qtbot.waitUntil(button.isEnabled)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _all_text(window: QWidget) -> str:
    parts = [w.text() for w in window.findChildren(QLabel) if w.isVisible()]
    parts += [w.text() for w in window.findChildren(QLineEdit)]
    parts += [w.toPlainText() for w in window.findChildren(QWidget)
              if hasattr(w, "toPlainText")]
    return "\n".join(parts)


def test_lookup_by_id_on_the_keypad(qtbot, kiosk, kiosk_ctx):
    row = _account(kiosk_ctx)
    assert kiosk.current_page == START
    assert not kiosk.findChild(QPushButton, "kioskFind").isEnabled()
    _find(qtbot, kiosk, str(row.id))
    qtbot.waitUntil(lambda: kiosk.current_page == ACCOUNT)
    assert _label(kiosk, "kioskAccountId") == str(row.id)
    assert _label(kiosk, "kioskName") == mask_name(row.name)
    assert _label(kiosk, "kioskMobile") == mask_mobile(row.mobile)
    shown = _all_text(kiosk)
    assert row.mobile not in shown and row.mobile[3:] not in shown
    assert row.name not in shown
    if row.balance_paise >= 100:
        assert _label(kiosk, "kioskDue") == format_inr(row.balance_paise)


def test_lookup_by_mobile_with_the_physical_keyboard(qtbot, kiosk, kiosk_ctx):
    row = _account(kiosk_ctx, offset=5)
    entry = kiosk.findChild(QLineEdit, "kioskEntry")
    qtbot.keyClicks(entry, row.mobile[3:])
    qtbot.keyClick(entry, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: kiosk.current_page == ACCOUNT)
    assert _label(kiosk, "kioskAccountId") == str(row.id)
    assert _label(kiosk, "kioskMobile") == mask_mobile(row.mobile)


def test_unknown_and_ambiguous_numbers_show_no_account(qtbot, kiosk, kiosk_ctx):
    _find(qtbot, kiosk, "99999999")
    qtbot.waitUntil(lambda: "No account matches" in _label(kiosk, "kioskMessage"))
    assert kiosk.current_page == START
    assert kiosk.account is None
    a, b = _account(kiosk_ctx, offset=0).id, _account(kiosk_ctx, offset=1).id
    with kiosk_ctx.cache_engine.begin() as conn:
        conn.execute(text("UPDATE accounts SET mobile = '+919000000001' WHERE id IN (:a, :b)"),
                     {"a": a, "b": b})
    seal_cache(kiosk_ctx)
    _tap(qtbot, kiosk, "kioskKeyClear")
    _find(qtbot, kiosk, "9000000001")
    qtbot.waitUntil(lambda: "enter your Account ID" in _label(kiosk, "kioskMessage"))
    assert kiosk.current_page == START
    assert kiosk.account is None
    assert kiosk.findChild(QLineEdit, "kioskEntry").text() == ""


def test_no_listing_is_possible(qtbot, kiosk, kiosk_ctx):
    # No list or table widget anywhere in the kiosk.
    assert kiosk.findChildren(QAbstractItemView) == []
    # Wildcards and fragments find nothing; the field takes only digits, spaces and '+'.
    entry = kiosk.findChild(QLineEdit, "kioskEntry")
    qtbot.keyClicks(entry, "%*?ab")
    assert entry.text() == ""
    row = _account(kiosk_ctx)
    _find(qtbot, kiosk, str(row.id)[:4])
    qtbot.waitUntil(lambda: _label(kiosk, "kioskMessage") not in ("", "Looking up your account…"))
    assert kiosk.current_page == START and kiosk.account is None
    # A staff PIN page is no way round it either: it lists nothing.
    _tap(qtbot, kiosk, "kioskStaffButton")
    assert kiosk.findChildren(QAbstractItemView) == []


def test_idle_returns_to_start_and_forgets(qtbot, kiosk_ctx):
    window = _make_window(qtbot, kiosk_ctx, idle_ms=1000)
    row = _account(kiosk_ctx)
    _find(qtbot, window, str(row.id))
    qtbot.waitUntil(lambda: window.current_page == ACCOUNT)
    qtbot.waitUntil(lambda: window.current_page == START, timeout=5000)
    assert window.account is None
    assert _label(window, "kioskName") == ""
    # Something typed but not sent is forgotten too.
    _type_on_keypad(qtbot, window, "1234")
    assert window.findChild(QLineEdit, "kioskEntry").text() == "1234"
    qtbot.waitUntil(lambda: window.findChild(QLineEdit, "kioskEntry").text() == "",
                    timeout=5000)


def test_activity_postpones_the_idle_reset(qtbot, kiosk_ctx):
    window = _make_window(qtbot, kiosk_ctx, idle_ms=1500)
    for _ in range(4):  # 2 s in all, longer than the idle time, but never 1.5 s idle
        _tap(qtbot, window, "kioskKey1")
        qtbot.wait(500)
    assert window.findChild(QLineEdit, "kioskEntry").text() == "1111"


def test_wrong_pin_is_refused_and_right_pin_leaves(qtbot, kiosk, kiosk_ctx):
    kiosk.close()  # Alt+F4 or a window-manager close does nothing
    assert kiosk.isVisible()
    qtbot.keyClick(kiosk, Qt.Key.Key_Escape)
    assert kiosk.isVisible()
    _tap(qtbot, kiosk, "kioskStaffButton")
    assert kiosk.current_page == PIN
    _type_on_keypad(qtbot, kiosk, "1111", prefix="pin")
    _tap(qtbot, kiosk, "kioskPinOk")
    assert kiosk.isVisible()
    assert "not right" in _label(kiosk, "kioskPinMessage")
    assert kiosk.findChild(QLineEdit, "kioskPinField").text() == ""
    with qtbot.waitSignal(kiosk.left, timeout=2000):
        qtbot.keyClicks(kiosk.findChild(QLineEdit, "kioskPinField"), TEST_PIN)
        _tap(qtbot, kiosk, "kioskPinOk")
    assert not kiosk.isVisible()


def test_pin_locks_after_five_wrong_tries(qtbot, kiosk):
    _tap(qtbot, kiosk, "kioskStaffButton")
    field = kiosk.findChild(QLineEdit, "kioskPinField")
    for _ in range(5):
        qtbot.keyClicks(field, "0000")
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert "Too many" in _label(kiosk, "kioskPinMessage")
    qtbot.keyClicks(field, TEST_PIN)  # even the right PIN waits out the lock
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert kiosk.isVisible()


def test_pin_is_stored_only_as_a_scrypt_hash(kiosk_ctx):
    stored = kiosk_ctx.settings.value(PIN_KEY, "", str)
    assert stored.startswith("scrypt$") and TEST_PIN not in stored
    assert verify_pin(TEST_PIN, stored)
    assert not verify_pin("135791", stored)
    assert hash_pin(TEST_PIN) != stored  # salted
    kiosk_ctx.settings.sync()
    ini = (kiosk_ctx.data_dir / "settings.ini").read_text()
    assert TEST_PIN not in ini


def test_demo_kiosk_uses_the_documented_pin_unsaved_and_a_real_one_needs_a_pin(
        qtbot, qapp, tmp_path, demo_cache_template):
    for demo in (False, True):
        folder = tmp_path / f"d{demo}"
        folder.mkdir()
        ctx = make_context(folder, demo_cache_template, qapp, user=KIOSK_USER)
        try:
            window = start_kiosk(ctx, demo=demo, full_screen=False)
            if not demo:
                assert window is None
                continue
            qtbot.addWidget(window, before_close_func=_unlock)
            assert ctx.settings.value(PIN_KEY, "", str) == ""  # never saved
            _tap(qtbot, window, "kioskStaffButton")
            qtbot.keyClicks(window.findChild(QLineEdit, "kioskPinField"), DEMO_PIN)
            with qtbot.waitSignal(window.left, timeout=2000):
                _tap(qtbot, window, "kioskPinOk")
        finally:
            ctx.tasks.wait_idle()
            ctx.cache_engine.dispose()
            ctx.outbox.engine.dispose()


def test_pay_button_disabled_without_payments(qtbot, kiosk_ctx):
    window = _make_window(qtbot, kiosk_ctx, payable=False)
    row = _account(kiosk_ctx)
    _find(qtbot, window, str(row.id))
    qtbot.waitUntil(lambda: window.current_page == ACCOUNT)
    visible = [b for b in window.option_buttons.values() if b.isVisible()]
    assert visible and not any(b.isEnabled() for b in visible)
    assert _label(window, "kioskPayUnavailable") == PAY_UNAVAILABLE


def test_offline_payment_shows_pending_receipt_then_start(qtbot, kiosk, kiosk_ctx):
    row = _account(kiosk_ctx, "balance_paise >= 100")
    _find(qtbot, kiosk, str(row.id))
    qtbot.waitUntil(lambda: kiosk.current_page == ACCOUNT)
    options = [o for o, b in kiosk.option_buttons.items() if b.isVisible()]
    assert options == [PaymentOption.PAYMENT]
    _tap(qtbot, kiosk, "kioskOption_payment")
    _pay_by_demo_upi(qtbot, kiosk)
    qtbot.waitUntil(lambda: kiosk.current_page == RECEIPT)
    note = _label(kiosk, "kioskPaymentNote")
    assert OFFLINE_NOTE in note and PENDING_MARK in note
    receipt_text = kiosk.findChild(QWidget, "kioskReceipt").toPlainText()
    assert PENDING_MARK in receipt_text
    assert format_inr(row.balance_paise) in receipt_text
    assert mask_name(row.name) in receipt_text and row.name not in receipt_text
    [pending] = kiosk_ctx.outbox.pending()
    assert pending.payload["receipt_number"] in receipt_text
    assert pending.state is MutationState.PENDING
    _tap(qtbot, kiosk, "kioskReceiptDone")
    assert kiosk.current_page == START and kiosk.account is None
    # The next customer looking the same account up sees the provisional balance.
    _find(qtbot, kiosk, str(row.id))
    qtbot.waitUntil(lambda: kiosk.current_page == ACCOUNT)
    assert _label(kiosk, "kioskDue") == "Nothing due"
    assert "not yet confirmed" in _label(kiosk, "kioskPendingInfo")


def test_receipt_turns_confirmed_when_the_server_answers(qtbot, kiosk, kiosk_ctx):
    row = _account(kiosk_ctx, "balance_paise < 100")
    _find(qtbot, kiosk, str(row.id))
    qtbot.waitUntil(lambda: kiosk.current_page == ACCOUNT)
    _tap(qtbot, kiosk, "kioskOption_advance")
    _pay_by_demo_upi(qtbot, kiosk, "500")
    qtbot.waitUntil(lambda: kiosk.current_page == RECEIPT)
    [pending] = kiosk_ctx.outbox.pending()
    assert pending.payload["amount_paise"] == 500_00
    kiosk_ctx.outbox.record_results([(pending.mutation_id, MutationState.APPLIED, {})])
    kiosk_ctx.events.outbox_changed.emit()
    qtbot.waitUntil(lambda: "confirmed by head office" in _label(kiosk, "kioskPaymentNote"))
    assert PENDING_MARK not in kiosk.findChild(QWidget, "kioskReceipt").toPlainText()


def test_receipt_is_printed_on_a_configured_escpos_printer(qtbot, kiosk, kiosk_ctx, monkeypatch):
    from escpos.printer import Dummy

    printer = Dummy()
    monkeypatch.setattr("desktop.kiosk.receipt_screen.open_configured_printer", lambda _s: printer)
    row = _account(kiosk_ctx, "balance_paise >= 100")
    _find(qtbot, kiosk, str(row.id))
    qtbot.waitUntil(lambda: kiosk.current_page == ACCOUNT)
    _tap(qtbot, kiosk, "kioskOption_payment")
    _pay_by_demo_upi(qtbot, kiosk)
    qtbot.waitUntil(lambda: "printed" in _label(kiosk, "kioskPrintStatus"))
    output = printer.output
    assert b"PENDING SYNC" in output and b"Rs." in output
    assert row.name.encode() not in output


def test_screenshots(qtbot, kiosk, kiosk_ctx, tmp_path):
    """Renders the customer screens at 1366×768, a common kiosk panel (into docs/ with
    KIOSK_SCREENSHOTS=1), and checks no button's text is clipped."""
    out = SCREENSHOTS if os.environ.get("KIOSK_SCREENSHOTS") == "1" else tmp_path
    out.mkdir(parents=True, exist_ok=True)
    kiosk.resize(1366, 768)
    row = _account(kiosk_ctx, "balance_paise >= 50000 AND prepaid = 0")
    _type_on_keypad(qtbot, kiosk, str(row.id))
    shots = {"kiosk_start.png": kiosk.grab()}
    _tap(qtbot, kiosk, "kioskFind")
    qtbot.waitUntil(lambda: kiosk.current_page == ACCOUNT)
    shots["kiosk_account.png"] = kiosk.grab()
    _assert_no_clipped_buttons(kiosk)
    _tap(qtbot, kiosk, "kioskOption_payment")
    qtbot.waitUntil(lambda: kiosk.findChild(QPushButton, "kioskPayContinue").isEnabled())
    shots["kiosk_pay_amount.png"] = kiosk.grab()
    _assert_no_clipped_buttons(kiosk)
    _tap(qtbot, kiosk, "kioskPayContinue")
    qtbot.waitUntil(lambda: kiosk.pay_page.waiting_for_money)
    shots["kiosk_pay_upi_qr.png"] = kiosk.grab()
    _assert_no_clipped_buttons(kiosk)
    _tap(qtbot, kiosk, "kioskDemoPaid")
    qtbot.waitUntil(lambda: kiosk.current_page == RECEIPT)
    shots["kiosk_after_payment.png"] = kiosk.grab()
    _tap(qtbot, kiosk, "kioskStaffButton")
    shots["kiosk_staff_pin.png"] = kiosk.grab()
    for name, pixmap in shots.items():
        assert pixmap.width() == 1366 and pixmap.height() == 768
        assert pixmap.save(str(out / name))


def test_recharge_before_advance_and_plan_choice_unclipped(qtbot, kiosk, kiosk_ctx, tmp_path):
    """A prepaid account with nothing due: Recharge first, then Advance (the rules' order);
    the plan buttons are not clipped at 1366×768."""
    out = SCREENSHOTS if os.environ.get("KIOSK_SCREENSHOTS") == "1" else tmp_path
    kiosk.resize(1366, 768)
    row = _account(kiosk_ctx, "balance_paise < 100 AND prepaid = 1")
    _find(qtbot, kiosk, str(row.id))
    qtbot.waitUntil(lambda: kiosk.current_page == ACCOUNT)
    shown = [b for b in (kiosk.account_page.option_row.itemAt(i).widget()
                         for i in range(kiosk.account_page.option_row.count())) if b.isVisible()]
    assert [b.objectName() for b in shown] == [
        "kioskOption_recharge", "kioskOption_advance", "kioskStartOver"]
    assert shown[0].x() < shown[1].x() < shown[2].x()
    _assert_no_clipped_buttons(kiosk)
    _tap(qtbot, kiosk, "kioskOption_recharge")
    qtbot.waitUntil(lambda: bool(kiosk.findChildren(
        QPushButton, QRegularExpression("^kioskPlan_"))))
    qtbot.wait(50)
    _assert_no_clipped_buttons(kiosk)
    assert kiosk.grab().save(str(out / "kiosk_pay_plan.png"))
    plan = next(b for b in kiosk.findChildren(QPushButton, QRegularExpression("^kioskPlan_"))
                if b.isVisible())
    qtbot.mouseClick(plan, Qt.MouseButton.LeftButton)
    amount = kiosk.findChild(QLineEdit, "kioskAmount")
    assert amount.isReadOnly() and amount.text()  # the rules fix a recharge's amount
    _pay_by_demo_upi(qtbot, kiosk)
    qtbot.waitUntil(lambda: kiosk.current_page == RECEIPT)
    [payment] = kiosk_ctx.outbox.pending()
    assert payment.payload["option"] == "recharge" and payment.payload["plan_id"]


def _assert_no_clipped_buttons(window: QWidget) -> None:
    for button in window.findChildren(QPushButton):
        if not button.isVisible() or not button.text():
            continue
        needed = button.fontMetrics().horizontalAdvance(button.text())
        assert needed <= button.contentsRect().width(), (button.objectName(), button.text())


def _find_payment_account(qtbot, window, ctx, where="balance_paise >= 50000"):
    row = _account(ctx, where)
    _find(qtbot, window, str(row.id))
    qtbot.waitUntil(lambda: window.current_page == ACCOUNT)
    return row


def test_kiosk_offers_no_unverifiable_method_and_records_nothing_before_confirmation(
        qtbot, kiosk, kiosk_ctx):
    row = _find_payment_account(qtbot, kiosk, kiosk_ctx)
    _tap(qtbot, kiosk, "kioskOption_payment")
    qtbot.waitUntil(lambda: kiosk.findChild(QPushButton, "kioskPayContinue").isEnabled())
    # No method choice, no reference, no tendered field: nothing to "say" was paid.
    assert not [w for w in kiosk.findChildren(QComboBox) if w.isVisible()]
    for name in ("methodField", "referenceField", "tenderedField", "paymentDialog"):
        assert kiosk.findChild(QWidget, name) is None
    for word in ("Cash", "Cheque", "Bank transfer", "Tendered", "Reference"):
        assert word not in _all_text(kiosk)
    assert kiosk.findChild(QLineEdit, "kioskAmount").text() == str(
        paise_to_decimal(row.balance_paise))
    _tap(qtbot, kiosk, "kioskPayContinue")
    qtbot.waitUntil(lambda: kiosk.pay_page.waiting_for_money)
    for word in ("Cash", "Cheque", "Bank transfer"):
        assert word not in _all_text(kiosk)
    qtbot.wait(300)
    assert kiosk_ctx.outbox.pending() == []  # the QR is up: nothing recorded yet
    assert kiosk.receipt is None and kiosk.current_page == PAY
    _tap(qtbot, kiosk, "kioskQrCancel")  # the customer walks away
    assert kiosk.current_page == ACCOUNT
    kiosk_ctx.tasks.wait_idle()
    assert kiosk_ctx.outbox.pending() == []
    # Timeout: the QR gives up by itself and records nothing either.
    kiosk.pay_page.timeout_s = 1
    _tap(qtbot, kiosk, "kioskOption_payment")
    _tap_when_enabled(qtbot, kiosk, "kioskPayContinue")
    qtbot.waitUntil(lambda: kiosk.pay_page.waiting_for_money)
    qtbot.waitUntil(lambda: not kiosk.pay_page.waiting_for_money, timeout=4000)
    assert "nothing was recorded" in _label(kiosk, "kioskQrStatus")
    _tap(qtbot, kiosk, "kioskDemoPaid")  # a late "confirmation" is ignored
    kiosk_ctx.tasks.wait_idle()
    assert kiosk_ctx.outbox.pending() == [] and kiosk.current_page == PAY
    # Only the device's confirmation records it: as UPI with the bank's 12-digit UTR.
    _tap(qtbot, kiosk, "kioskQrCancel")
    kiosk.pay_page.timeout_s = 180
    _tap(qtbot, kiosk, "kioskOption_payment")
    _pay_by_demo_upi(qtbot, kiosk)
    qtbot.waitUntil(lambda: kiosk.current_page == RECEIPT)
    [payment] = kiosk_ctx.outbox.pending()
    assert payment.payload["method"] == PaymentMethod.UPI.value
    assert re.fullmatch(r"[0-9]{12}", payment.payload["reference"])
    assert payment.payload["amount_paise"] == row.balance_paise
    assert payment.payload["tendered_paise"] is None


def test_qr_decodes_to_an_intent_with_the_exact_amount_and_receipt_number(
        qtbot, kiosk, kiosk_ctx):
    import zxingcpp
    from PIL import Image

    _find_payment_account(qtbot, kiosk, kiosk_ctx, "balance_paise >= 50000 AND prepaid = 0")
    _tap(qtbot, kiosk, "kioskOption_payment")
    qtbot.waitUntil(lambda: kiosk.pay_page.loaded)
    _tap(qtbot, kiosk, "amountKeyClear")
    for key in "439.06":
        _tap(qtbot, kiosk, "amountKeyDot" if key == "." else f"amountKey{key}")
    _tap_when_enabled(qtbot, kiosk, "kioskPayContinue")
    qtbot.waitUntil(lambda: kiosk.pay_page.waiting_for_money)
    qr = kiosk.findChild(UpiQrWidget, "upiQr")
    assert qr.isVisible() and min(qr.width(), qr.height()) >= 300
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    qr.grab().toImage().save(buffer, "PNG")
    [found] = zxingcpp.read_barcodes(Image.open(io.BytesIO(bytes(buffer.data()))))
    assert found.format == zxingcpp.BarcodeFormat.QRCode
    intent = parse_upi_intent(found.text)
    assert intent.amount_paise == 439_06 and "am=439.06" in found.text
    assert intent.vpa == DEMO_PAYEE.vpa and intent.currency == "INR"
    _tap(qtbot, kiosk, "kioskDemoPaid")
    qtbot.waitUntil(lambda: kiosk.current_page == RECEIPT)
    [payment] = kiosk_ctx.outbox.pending()
    assert intent.reference == payment.payload["receipt_number"]
    assert payment.payload["amount_paise"] == 439_06


class _FakeClient:
    """The sync client as a kiosk replica sees it: the server matches mobiles."""

    has_token = True

    def __init__(self, answers):
        self.answers = answers
        self.asked = []

    def kiosk_lookup(self, *, mobile):
        self.asked.append(mobile)
        answer = self.answers[mobile]
        if isinstance(answer, Exception):
            raise answer
        return {"account_id": answer}


class _FakeSync:
    def __init__(self, client):
        self.client = client


def test_mobile_lookup_missing_from_the_local_copy_asks_the_server(qtbot, kiosk, kiosk_ctx):
    """A number the kiosk's copy does not hold yet (an account added since its last pull) is
    asked of the server; offline, the local answer stands."""
    from sync.errors import ApiError, OfflineError

    row = _account(kiosk_ctx, offset=7)
    with kiosk_ctx.cache_engine.begin() as conn:  # the copy predates this account
        conn.execute(text("DELETE FROM accounts WHERE id = :i"), {"i": row.id})
    seal_cache(kiosk_ctx)
    client = _FakeClient({
        row.mobile: row.id,
        "+919000000001": ApiError(409, "ambiguous", "enter your Account ID"),
        "+919000000002": OfflineError("down"),
    })
    kiosk_ctx.sync = _FakeSync(client)
    _find(qtbot, kiosk, row.mobile[3:])
    qtbot.waitUntil(lambda: kiosk.current_page == START and client.asked == [row.mobile])
    # The server knows it; the details come from the local copy, which lacks it still.
    qtbot.waitUntil(lambda: "No account matches" in _label(kiosk, "kioskMessage"))
    _tap(qtbot, kiosk, "kioskKeyClear")
    _find(qtbot, kiosk, "9000000001")
    qtbot.waitUntil(lambda: "enter your Account ID" in _label(kiosk, "kioskMessage"))
    _tap(qtbot, kiosk, "kioskKeyClear")
    _find(qtbot, kiosk, "9000000002")
    qtbot.waitUntil(lambda: "No account matches" in _label(kiosk, "kioskMessage"))
    assert client.asked == [row.mobile, "+919000000001", "+919000000002"]
    assert kiosk.current_page == START


@pytest.mark.parametrize("leave", ["escape", "staff"])
def test_leaving_while_the_payment_is_written_still_shows_its_receipt(
        qtbot, kiosk, kiosk_ctx, leave):
    """Esc or the Staff button in the moment between the bank's confirmation and the
    payment being in the outbox: the payment is recorded, so its receipt must show (and
    print); before, the kiosk went to the start screen and the receipt was never shown."""
    row = _account(kiosk_ctx, "balance_paise >= 50000")
    _find(qtbot, kiosk, str(row.id))
    qtbot.waitUntil(lambda: kiosk.current_page == ACCOUNT)
    _tap(qtbot, kiosk, "kioskOption_payment")
    _pay_by_demo_upi(qtbot, kiosk)
    assert kiosk.pay_page.recording  # the write runs on the database worker
    if leave == "escape":
        qtbot.keyClick(kiosk.entry, Qt.Key.Key_Escape)
    else:
        _tap(qtbot, kiosk, "kioskStaffButton")
    qtbot.waitUntil(lambda: kiosk.current_page == RECEIPT)
    [payment] = kiosk_ctx.outbox.pending()
    assert kiosk.receipt is not None
    assert kiosk.receipt.receipt_number == payment.payload["receipt_number"]
