"""The kiosk window, driven like a customer and a member of staff would."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)
from sqlalchemy import text

from billing.masking import mask_mobile, mask_name
from billing.money import format_inr
from billing.roles import Role
from billing.rules import PaymentMethod, PaymentOption
from db.outbox import MutationState
from desktop.context import AppContext, CurrentUser
from desktop.kiosk import DEMO_PIN, KioskWindow, start_kiosk
from desktop.kiosk.pin import PIN_KEY, hash_pin, set_pin, verify_pin
from desktop.kiosk.receipt import OFFLINE_NOTE, PENDING_MARK
from desktop.kiosk.window import ACCOUNT, PAY_UNAVAILABLE, PIN, RECEIPT, START
from desktop.pyside_guard import guard_singletons
from tests.desktop.conftest import make_context
from tests.desktop.kiosk_seal import seal_cache

# PySide6 6.12.0 on Python 3.11 leaks references to None/True/False (see that module).
guard_singletons()

KIOSK_USER = CurrentUser("kiosk.cbe1", "Kiosk CBE-1", Role.KIOSK, branch_id=1)
TEST_PIN = "135790"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


class FakePaymentFlow:
    """Stands in for ``desktop.payments.flow.start_payment``: records a cash payment in the
    outbox as the real dialog does (the whole due, or a ₹500 advance) and says so."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, PaymentOption]] = []

    def __call__(self, ctx: AppContext, account_id: int, option: PaymentOption,
                 parent: QWidget) -> None:
        self.calls.append((account_id, option))
        with ctx.cache_engine.connect() as conn:
            balance = int(conn.execute(text(
                "SELECT balance_paise FROM accounts WHERE id = :id"), {"id": account_id}).scalar())
        amount = balance if option is PaymentOption.PAYMENT else 500_00
        ctx.outbox.enqueue_payment(
            account_id=account_id,
            payload={
                "option": option.value, "method": PaymentMethod.CASH.value, "reference": None,
                "amount_paise": amount, "plan_id": None, "charge_paise": 0,
                "balance_before_paise": balance,
                "taken_at": int(datetime(2026, 11, 27, 6, 30, tzinfo=UTC).timestamp()),
                "branch_id": 1, "tendered_paise": amount,
            },
            created_by=ctx.user.username,
            mutation_id=str(uuid.uuid4()),
        )
        ctx.events.outbox_changed.emit()



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
    seal_cache(context.cache_engine)  # what a kiosk's pull leaves in its cache
    set_pin(context.settings, TEST_PIN)
    yield context
    context.tasks.wait_idle()
    context.cache_engine.dispose()
    context.outbox.engine.dispose()


@pytest.fixture
def flow() -> FakePaymentFlow:
    return FakePaymentFlow()


def _make_window(qtbot, kiosk_ctx, *, idle_ms=60_000, start_payment=None) -> KioskWindow:
    window = KioskWindow(kiosk_ctx, idle_ms=idle_ms, start_payment=start_payment)
    qtbot.addWidget(window, before_close_func=_unlock)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def _unlock(window: KioskWindow) -> None:
    window._may_close = True


@pytest.fixture
def kiosk(qtbot, kiosk_ctx, flow) -> KioskWindow:
    return _make_window(qtbot, kiosk_ctx, start_payment=flow)


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
    seal_cache(kiosk_ctx.cache_engine)
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


def test_idle_returns_to_start_and_forgets(qtbot, kiosk_ctx, flow):
    window = _make_window(qtbot, kiosk_ctx, idle_ms=1000, start_payment=flow)
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


def test_activity_postpones_the_idle_reset(qtbot, kiosk_ctx, flow):
    window = _make_window(qtbot, kiosk_ctx, idle_ms=1500, start_payment=flow)
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
    window = _make_window(qtbot, kiosk_ctx, start_payment=None)
    row = _account(kiosk_ctx)
    _find(qtbot, window, str(row.id))
    qtbot.waitUntil(lambda: window.current_page == ACCOUNT)
    visible = [b for b in window.option_buttons.values() if b.isVisible()]
    assert visible and not any(b.isEnabled() for b in visible)
    assert _label(window, "kioskPayUnavailable") == PAY_UNAVAILABLE


def test_offline_payment_shows_pending_receipt_then_start(qtbot, kiosk, kiosk_ctx, flow):
    row = _account(kiosk_ctx, "balance_paise >= 100")
    _find(qtbot, kiosk, str(row.id))
    qtbot.waitUntil(lambda: kiosk.current_page == ACCOUNT)
    options = [o for o, b in kiosk.option_buttons.items() if b.isVisible()]
    assert options == [PaymentOption.PAYMENT]
    _tap(qtbot, kiosk, "kioskOption_payment")
    assert flow.calls == [(row.id, PaymentOption.PAYMENT)]
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
    qtbot.waitUntil(lambda: kiosk.current_page == RECEIPT)
    [pending] = kiosk_ctx.outbox.pending()
    kiosk_ctx.outbox.record_results([(pending.mutation_id, MutationState.APPLIED, {})])
    kiosk_ctx.events.outbox_changed.emit()
    qtbot.waitUntil(lambda: "confirmed by head office" in _label(kiosk, "kioskPaymentNote"))
    assert PENDING_MARK not in kiosk.findChild(QWidget, "kioskReceipt").toPlainText()


def test_receipt_is_printed_on_a_configured_escpos_printer(qtbot, kiosk, kiosk_ctx, monkeypatch):
    from escpos.printer import Dummy

    printer = Dummy()
    monkeypatch.setattr("desktop.kiosk.window.open_configured_printer", lambda _s: printer)
    row = _account(kiosk_ctx, "balance_paise >= 100")
    _find(qtbot, kiosk, str(row.id))
    qtbot.waitUntil(lambda: kiosk.current_page == ACCOUNT)
    _tap(qtbot, kiosk, "kioskOption_payment")
    qtbot.waitUntil(lambda: "printed" in _label(kiosk, "kioskPrintStatus"))
    output = printer.output
    assert b"PENDING SYNC" in output and b"Rs." in output
    assert row.name.encode() not in output


def test_screenshots(qtbot, kiosk, kiosk_ctx, tmp_path):
    """Renders the three customer screens at 1280×800 (into docs/ with KIOSK_SCREENSHOTS=1)."""
    out = SCREENSHOTS if os.environ.get("KIOSK_SCREENSHOTS") == "1" else tmp_path
    out.mkdir(parents=True, exist_ok=True)
    kiosk.resize(1280, 800)
    row = _account(kiosk_ctx, "balance_paise >= 50000 AND prepaid = 0")
    _type_on_keypad(qtbot, kiosk, str(row.id))
    shots = {"kiosk_start.png": kiosk.grab()}
    _tap(qtbot, kiosk, "kioskFind")
    qtbot.waitUntil(lambda: kiosk.current_page == ACCOUNT)
    shots["kiosk_account.png"] = kiosk.grab()
    _tap(qtbot, kiosk, "kioskOption_payment")
    qtbot.waitUntil(lambda: kiosk.current_page == RECEIPT)
    shots["kiosk_after_payment.png"] = kiosk.grab()
    _tap(qtbot, kiosk, "kioskStaffButton")
    shots["kiosk_staff_pin.png"] = kiosk.grab()
    for name, pixmap in shots.items():
        assert pixmap.width() == 1280 and pixmap.height() == 800
        assert pixmap.save(str(out / name))


def test_real_payment_flow_offline_masked_and_back_to_start(qtbot, kiosk_ctx):
    """The counter's own dialogs (desktop.payments) with the kiosk: masked, pending, reset."""
    from desktop.payments.payment_dialog import PaymentDialog

    window = _make_window(qtbot, kiosk_ctx, start_payment=True)
    assert window._start_payment is not None
    row = _account(kiosk_ctx, "balance_paise >= 50000 AND status = 'Active'")
    _find(qtbot, window, str(row.id))
    qtbot.waitUntil(lambda: window.current_page == ACCOUNT)
    _tap(qtbot, window, "kioskOption_payment")
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(PaymentDialog)))
    [dialog] = [d for d in window.findChildren(PaymentDialog) if d.isVisible()]
    assert dialog.objectName() == "paymentDialog"
    shown = "\n".join(label.text() for label in dialog.findChildren(QLabel))
    assert mask_name(row.name) in shown and row.name not in shown
    assert mask_mobile(row.mobile) in shown and row.mobile not in shown
    assert dialog.findChild(QLineEdit, "amountField").text()  # prefilled with the due
    if os.environ.get("KIOSK_SCREENSHOTS") == "1":
        assert dialog.grab().save(str(SCREENSHOTS / "kiosk_payment_dialog.png"))
    tendered = dialog.findChild(QLineEdit, "tenderedField")
    if tendered is not None and tendered.isVisible() and tendered.isEnabled():
        qtbot.keyClicks(tendered, str(row.balance_paise // 100 + 1))
    confirm = dialog.findChild(QPushButton, "confirmPayment")
    qtbot.waitUntil(confirm.isEnabled)
    qtbot.mouseClick(confirm, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_page == RECEIPT, timeout=10_000)
    note = _label(window, "kioskPaymentNote")
    assert OFFLINE_NOTE in note and PENDING_MARK in note
    # The counter's receipt window is not left on the kiosk screen.
    qtbot.waitUntil(lambda: not any(
        w.isVisible() for w in QApplication.topLevelWidgets() if w is not window))
    [payment] = kiosk_ctx.outbox.pending()
    assert payment.account_id == row.id
    assert payment.payload["receipt_number"] in window.receipt_view.toPlainText()
    _tap(qtbot, window, "kioskReceiptDone")
    assert window.current_page == START and window.account is None


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
    from desktop.sync.client import ApiError, OfflineError

    row = _account(kiosk_ctx, offset=7)
    with kiosk_ctx.cache_engine.begin() as conn:  # the copy predates this account
        conn.execute(text("DELETE FROM accounts WHERE id = :i"), {"i": row.id})
    seal_cache(kiosk_ctx.cache_engine)
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
