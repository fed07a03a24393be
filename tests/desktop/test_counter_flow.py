"""The counter loop, driven only by key events: never a wrong account on screen, an exact
Account ID selects its account, the pay keys, the scanner, and ID to receipt in few keys.

Keys go where a keyboard sends them: to the widget that has the focus (``press``). A
scanner is the same keyboard typing a burst with no delay and then Enter (``scan``).
"""

from __future__ import annotations

import io
import os
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import zxingcpp
from escpos.printer import Dummy
from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice, Qt, QTimer
from PySide6.QtGui import QImage, QKeySequence, QPainter, QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QWidget,
)

from billing.rules import PaymentOption
from db import account_query as aq
from db.account_details.invoices import load_invoice_document
from db.account_id_list import ordered_rowids
from desktop.accounts.counter_keys import OPTION_KEYS, pay_key_problem
from desktop.accounts.main_window import MainWindow
from desktop.payments.escpos_receipt import print_receipt
from desktop.payments.flow import SETTINGS_AFTER_RECORD, active_flow
from desktop.payments.receipt_document import receipt_document
from desktop.runtime.context import AppContext
from desktop.widgets.pdf import text_document
from tests.desktop.test_main_window import admin_ctx, open_window, wait_ready  # noqa: F401
from tests.desktop.test_payment_support import pick_account, set_account

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

# -- driving by keys ---------------------------------------------------------------------------


class Keyboard:
    """Sends keys to the focused widget, counting every key that is not part of an Account
    ID or an amount (the loop's keystrokes).

    It also keeps the time the key router sees (``now``), so a loaded test machine cannot
    turn a scanner burst into typing or typing into a burst: a person's keys come
    ``TYPING_GAP_S`` apart, a scanner's ``SCAN_STEP_S``."""

    TYPING_GAP_S = 0.15
    SCAN_STEP_S = 0.004

    def __init__(self) -> None:
        self.counted = 0
        self.t = 1000.0

    def now(self) -> float:
        return self.t

    @staticmethod
    def focus() -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None, "no widget has the keyboard focus"
        return widget

    def type(self, text: str, gap: float = TYPING_GAP_S) -> None:
        """Digits of an ID or an amount, as a person types them: not counted."""
        for ch in text:
            self.t += gap
            QTest.keyClicks(self.focus(), ch)

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
              ) -> None:
        self.counted += 1
        self.t += self.TYPING_GAP_S
        QTest.keyClick(self.focus(), key, modifier)

    def scan(self, code: str) -> None:
        """A scanner in keyboard mode: the code as a burst of keys, then Enter."""
        self.type(code, gap=self.SCAN_STEP_S)
        self.t += self.SCAN_STEP_S
        QTest.keyClick(self.focus(), Qt.Key.Key_Return)


def key_of(text: str) -> Qt.Key:
    return Qt.Key(QKeySequence(text)[0].key())


class OnScreen:
    """Checks, after every step and at every turn of the event loop, that the table shows
    only rows (and a count) of the query for the text in the search box right now."""

    def __init__(self, window: MainWindow, ctx: AppContext) -> None:
        self.window = window
        self.ctx = ctx
        self.wrong: list[str] = []
        self._expected: dict[aq.AccountFilter, set[int]] = {}
        self._timer = QTimer(window)
        self._timer.timeout.connect(self.check)
        self._timer.start(0)

    def matching(self, account_filter: aq.AccountFilter) -> set[int]:
        if account_filter not in self._expected:
            query = aq.AccountQuery(scope=self.window.model.query.scope, filter=account_filter)
            with self.ctx.cache_engine.connect() as conn:
                self._expected[account_filter] = set(ordered_rowids(conn, query) or [])
        return self._expected[account_filter]

    def check(self) -> None:
        window = self.window
        box_text = window.sidebar.search.text()
        allowed = self.matching(window.sidebar.current_filter())
        count = window.model.rowCount()
        shown = [window.model.rowid_at(i) for i in range(min(count, 40))]
        stale = [r for r in shown if r is not None and r not in allowed]
        if stale:
            self.wrong.append(f"box {box_text!r} but the table shows rowids {stale[:3]}")
        if count and window.model.count_exact and count != len(allowed):
            self.wrong.append(f"box {box_text!r}: {count} rows, the query has {len(allowed)}")
        label = window.count_label.text()
        if label.split(" of ")[0].replace(",", "").isdigit():
            said = int(label.split(" of ")[0].replace(",", ""))
            if said != count:
                self.wrong.append(f"box {box_text!r}: the count says {said}, {count} rows shown")
        selected = window.selected_account()
        if selected is not None and selected.rowid not in allowed:
            self.wrong.append(f"box {box_text!r} but account {selected.id} is selected")

    def settle(self, qtbot) -> None:
        self.check()
        wait_ready(qtbot, self.window)
        self.check()

    def stop(self) -> None:
        self._timer.stop()


@pytest.fixture
def counter(qtbot, ctx, open_window) -> Iterator[tuple[MainWindow, Keyboard, OnScreen]]:  # noqa: F811
    ctx.settings.setValue(SETTINGS_AFTER_RECORD, "show")
    window = open_window(ctx)
    window.activateWindow()
    window.focus_search()
    screen = OnScreen(window, ctx)
    keys = Keyboard()
    window.keys.clock = keys.now
    yield window, keys, screen
    screen.stop()
    for widget in QApplication.topLevelWidgets():
        if widget.objectName() == "receiptDialog" and widget.isVisible():
            widget.close()  # shown beside the window after each payment


def account_ids(ctx: AppContext, n: int) -> list[int]:
    with ctx.cache_engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT id FROM accounts WHERE branch_id = 1 ORDER BY id LIMIT ? OFFSET 40", (n,)
        )
        return [int(r[0]) for r in rows]


def find(qtbot, window: MainWindow, keys: Keyboard, screen: OnScreen, account_id: int) -> None:
    """Type the ID and Enter, from wherever the focus is; wait for the selection."""
    keys.type(str(account_id))
    screen.check()
    keys.press(Qt.Key.Key_Return)
    screen.settle(qtbot)
    qtbot.waitUntil(lambda: _selected_id(window) == account_id, timeout=5000)


def _selected_id(window: MainWindow) -> int | None:
    row = window.selected_account()
    return None if row is None else row.id


def status(window: MainWindow) -> str:
    return window.statusBar().currentMessage()


# -- the hand-over race ------------------------------------------------------------------------


def test_escape_then_typing_at_once_never_shows_the_last_account(qtbot, ctx, counter) -> None:
    window, keys, screen = counter
    first, second, *_ = account_ids(ctx, 3)
    find(qtbot, window, keys, screen, first)
    assert window.table.hasFocus()  # Enter moved to the selected row
    keys.press(Qt.Key.Key_Escape)  # clears the search: focus still on the table
    keys.type(str(second))  # no delay: keys go to Quick Search, not the table
    screen.check()
    keys.press(Qt.Key.Key_Return)
    screen.settle(qtbot)
    qtbot.waitUntil(lambda: _selected_id(window) == second, timeout=5000)
    assert window.sidebar.search.text() == str(second)
    assert screen.wrong == []


def test_clear_then_type_in_one_turn_shows_only_the_new_text(qtbot, ctx, counter) -> None:
    window, keys, screen = counter
    first, second, *_ = account_ids(ctx, 3)
    find(qtbot, window, keys, screen, first)
    box = window.sidebar.search
    box.clear()  # the clear button
    box.insert(str(second))  # and the new ID, in the same turn of the event loop
    screen.check()
    assert window.model.rowCount() == 0  # the old account is gone before any paint
    assert window.selected_account() is None
    screen.settle(qtbot)
    assert [window.model.row_at(i).id for i in range(window.model.rowCount())] == [second]
    assert screen.wrong == []


def test_paste_over_a_selection_replaces_the_result(qtbot, ctx, counter) -> None:
    window, keys, screen = counter
    first, second, *_ = account_ids(ctx, 3)
    find(qtbot, window, keys, screen, first)
    box = window.sidebar.search
    box.setFocus()
    box.selectAll()
    QApplication.clipboard().setText(str(second))
    keys.press(Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert box.text() == str(second)
    screen.check()
    keys.press(Qt.Key.Key_Return)
    screen.settle(qtbot)
    qtbot.waitUntil(lambda: _selected_id(window) == second, timeout=5000)
    assert screen.wrong == []


def test_many_quick_edits_end_on_the_last_text(qtbot, ctx, counter) -> None:
    window, keys, screen = counter
    ids = account_ids(ctx, 6)
    box = window.sidebar.search
    for account_id in ids:
        box.selectAll()
        keys.type(str(account_id))
        qtbot.wait(60)  # some queries start, then are overtaken
        screen.check()
    screen.settle(qtbot)
    assert [window.model.row_at(i).id for i in range(window.model.rowCount())] == [ids[-1]]
    assert screen.wrong == []


def test_scanner_burst_from_the_table_finds_the_account(qtbot, ctx, counter) -> None:
    window, keys, screen = counter
    first, second, *_ = account_ids(ctx, 3)
    find(qtbot, window, keys, screen, first)
    window.table.setFocus()
    keys.scan(str(second))  # no Escape, no Ctrl+F: the scan replaces the last ID
    screen.settle(qtbot)
    qtbot.waitUntil(lambda: _selected_id(window) == second, timeout=5000)
    assert window.sidebar.search.text() == str(second)
    assert screen.wrong == []


def test_scanning_with_focus_on_a_button_finds_the_account(qtbot, ctx, counter) -> None:
    window, keys, screen = counter
    first, second, *_ = account_ids(ctx, 3)
    find(qtbot, window, keys, screen, first)
    button = next(b for b in window.actions_strip.buttons.values() if b.isVisible())
    button.setFocus()
    keys.scan(str(second))
    screen.settle(qtbot)
    qtbot.waitUntil(lambda: _selected_id(window) == second, timeout=5000)
    assert active_flow(ctx, first) is None  # the burst did not press the button


def test_scanning_with_focus_on_a_filter_list_leaves_the_filter_alone(qtbot, ctx,
                                                                       counter) -> None:
    window, keys, screen = counter
    target = account_ids(ctx, 1)[0]
    status_list = window.findChild(QComboBox, "filterStatus")
    status_list.setFocus()
    keys.scan(str(target))
    screen.settle(qtbot)
    qtbot.waitUntil(lambda: _selected_id(window) == target, timeout=5000)
    assert status_list.currentIndex() == 0  # still "All": the digits went to Quick Search
    assert screen.wrong == []


# -- exact Account ID ----------------------------------------------------------------------------


def test_an_exact_id_selects_that_account_not_the_first_row(qtbot, ctx, counter) -> None:
    window, keys, screen = counter
    target = account_ids(ctx, 1)[0]
    find(qtbot, window, keys, screen, target)
    assert window.table.currentIndex().row() == window.model.position_of_rowid(
        window.selected_account().rowid
    )
    assert window.actions_strip.summary.text().startswith(str(target))


def test_a_prefix_of_ids_selects_nothing_and_says_so(qtbot, ctx, counter) -> None:
    window, keys, screen = counter
    target = account_ids(ctx, 1)[0]
    prefix = str(target)[:-1]  # ten accounts start with it; none has it as its ID
    keys.type(prefix)
    keys.press(Qt.Key.Key_Return)
    screen.settle(qtbot)
    qtbot.waitUntil(lambda: "No account has the ID" in status(window), timeout=5000)
    assert prefix in status(window)
    assert window.selected_account() is None
    assert window.sidebar.search.hasFocus() and window.sidebar.search.selectedText() == prefix
    assert screen.wrong == []


def test_an_unknown_id_says_so_and_selects_nothing(qtbot, ctx, counter) -> None:
    window, keys, screen = counter
    keys.type("99999999")
    keys.press(Qt.Key.Key_Return)
    screen.settle(qtbot)
    qtbot.waitUntil(lambda: "No account has the ID 99999999" in status(window), timeout=5000)
    assert window.selected_account() is None
    assert window.model.rowCount() == 0


def test_a_scanned_code_that_is_no_account_id_says_so(qtbot, ctx, counter) -> None:
    window, keys, screen = counter
    window.table.setFocus()
    keys.scan("INV-2026-0042")
    screen.settle(qtbot)
    assert "is not an Account ID" in status(window)
    assert "INV-2026-0042" in status(window)
    assert window.selected_account() is None


def test_typed_text_and_enter_is_a_search_not_a_scan(qtbot, ctx, counter) -> None:
    window, keys, screen = counter
    keys.type("kumar")  # a person's pace
    keys.press(Qt.Key.Key_Return)
    screen.settle(qtbot)
    qtbot.waitUntil(lambda: window.table.hasFocus(), timeout=5000)
    assert window.table.currentIndex().row() == 0  # as before: Enter goes to the first row
    assert "Account ID" not in status(window)
    assert screen.wrong == []


def test_a_short_fast_burst_is_typing_not_a_scan(qtbot, ctx, counter) -> None:
    window, keys, screen = counter
    keys.scan("kumar")  # five characters: fewer than any scan the router believes
    screen.settle(qtbot)
    assert "is not an Account ID" not in status(window)


# -- keys beside the buttons and in Help ---------------------------------------------------------


def test_option_keys_are_on_the_buttons_and_in_help(qtbot, ctx, counter) -> None:
    window, keys, screen = counter
    account_id = pick_account(ctx, prepaid=True)
    set_account(ctx, account_id, balance_paise=0)
    window.refresh()
    wait_ready(qtbot, window)
    find(qtbot, window, keys, screen, account_id)
    for option in (PaymentOption.RECHARGE, PaymentOption.ADVANCE):
        button = window.actions_strip.buttons[option]
        assert OPTION_KEYS[option] in button.text()
    assert window.findChild(QLabel, "payKeyHint").text() == "F2: Recharge"
    dialog = window.menus.open_keyboard_help()
    qtbot.addWidget(dialog)
    text = dialog.findChild(QLabel, "keyboardHelpText").text()
    for key in ("F2", "F6", "F7", "F8", "Ctrl+F"):
        assert key in text
    dialog.close()


def test_a_key_for_an_option_not_offered_says_so(qtbot, ctx, counter) -> None:
    window, keys, screen = counter
    account_id = pick_account(ctx, prepaid=False)
    set_account(ctx, account_id, balance_paise=0)
    window.refresh()
    wait_ready(qtbot, window)
    find(qtbot, window, keys, screen, account_id)
    keys.press(key_of(OPTION_KEYS[PaymentOption.RECHARGE]))
    assert "Recharge is not offered" in status(window)
    assert active_flow(ctx, account_id) is None


def test_the_pay_key_is_a_setting(qtbot, ctx, open_window) -> None:  # noqa: F811
    ctx.settings.setValue("counter/payKey", "F10")
    window = open_window(ctx)
    assert window.pay_shortcut.key().toString() == "F10"
    ctx.settings.setValue("counter/payKey", "not a key at all")
    second = MainWindow(ctx)
    qtbot.addWidget(second)
    assert second.pay_shortcut.key().toString() == "F2"
    second.close()


def test_the_pay_key_without_a_selection_says_what_to_do(qtbot, ctx, counter) -> None:
    window, keys, _screen = counter
    keys.press(Qt.Key.Key_F2)
    assert "Select an account first" in status(window)


# -- the three loops, by keys only ----------------------------------------------------------------

GOAL_KEYS = 8


def _payments(ctx: AppContext) -> list:
    return [m for m in ctx.outbox.pending() if m.kind.value == "payment"]


def _wait_dialog(qtbot, ctx: AppContext, account_id: int, which: str) -> QWidget:
    def shown() -> bool:
        flow = active_flow(ctx, account_id)
        dialog = getattr(flow, which, None) if flow is not None else None
        return dialog is not None and dialog.isVisible() and dialog.isActiveWindow()

    qtbot.waitUntil(shown, timeout=5000)
    return getattr(active_flow(ctx, account_id), which)


def _wait_next_customer(qtbot, window: MainWindow, ctx: AppContext, before: int) -> None:
    qtbot.waitUntil(lambda: len(_payments(ctx)) == before + 1, timeout=5000)
    box = window.sidebar.search
    qtbot.waitUntil(lambda: box.hasFocus() and box.text() == "", timeout=5000)


def run_loop(qtbot, window: MainWindow, ctx: AppContext, keys: Keyboard, screen: OnScreen,
             option: PaymentOption, account_id: int, amount: str | None) -> Callable[[], None]:
    """One customer from the empty search box to the receipt, by keys only."""
    before = len(_payments(ctx))
    find(qtbot, window, keys, screen, account_id)
    keys.press(Qt.Key.Key_F2)  # the first option of billing.rules
    if option is PaymentOption.RECHARGE:
        _wait_dialog(qtbot, ctx, account_id, "plan_dialog")
        keys.press(Qt.Key.Key_Return)  # Continue with current plan
    dialog = _wait_dialog(qtbot, ctx, account_id, "payment_dialog")
    amount_field = dialog.findChild(QLineEdit, "amountField")
    assert amount_field.hasFocus()
    if amount is not None:
        keys.type(amount)
    keys.press(Qt.Key.Key_Return)  # confirm
    _wait_next_customer(qtbot, window, ctx, before)


def test_payment_loop_in_three_keys(qtbot, ctx, counter) -> None:
    window, keys, screen = counter
    account_id = pick_account(ctx, prepaid=False)
    set_account(ctx, account_id, balance_paise=123_450)
    window.refresh()
    wait_ready(qtbot, window)
    run_loop(qtbot, window, ctx, keys, screen, PaymentOption.PAYMENT, account_id, None)
    paid = _payments(ctx)[-1]
    assert paid.account_id == account_id
    assert paid.payload["amount_paise"] == 123_450  # prefilled with the dues
    assert paid.payload["option"] == "payment"
    assert keys.counted == 3 <= GOAL_KEYS  # Enter, F2, Enter
    assert screen.wrong == []


def test_recharge_with_the_current_plan_in_four_keys(qtbot, ctx, counter) -> None:
    window, keys, screen = counter
    account_id = pick_account(ctx, prepaid=True)
    set_account(ctx, account_id, balance_paise=0)
    window.refresh()
    wait_ready(qtbot, window)
    run_loop(qtbot, window, ctx, keys, screen, PaymentOption.RECHARGE, account_id, None)
    paid = _payments(ctx)[-1]
    assert paid.account_id == account_id
    assert paid.payload["option"] == "recharge"
    assert keys.counted == 4 <= GOAL_KEYS  # Enter, F2, Enter (current plan), Enter


def test_advance_in_three_keys_besides_the_amount(qtbot, ctx, counter) -> None:
    window, keys, screen = counter
    account_id = pick_account(ctx, prepaid=False)
    set_account(ctx, account_id, balance_paise=0)
    window.refresh()
    wait_ready(qtbot, window)
    run_loop(qtbot, window, ctx, keys, screen, PaymentOption.ADVANCE, account_id, "500")
    paid = _payments(ctx)[-1]
    assert paid.payload["option"] == "advance"
    assert paid.payload["amount_paise"] == 50_000
    assert keys.counted == 3 <= GOAL_KEYS


def test_two_customers_in_a_row_by_scanner(qtbot, ctx, counter) -> None:
    window, keys, screen = counter
    first = pick_account(ctx, prepaid=False)
    second = account_ids(ctx, 1)[0]
    for account_id in (first, second):
        set_account(ctx, account_id, balance_paise=10_000)
    window.refresh()
    wait_ready(qtbot, window)
    for account_id in (first, second):
        before = len(_payments(ctx))
        keys.scan(str(account_id))
        screen.settle(qtbot)
        qtbot.waitUntil(lambda a=account_id: _selected_id(window) == a, timeout=5000)
        keys.press(Qt.Key.Key_F2)
        _wait_dialog(qtbot, ctx, account_id, "payment_dialog")
        keys.press(Qt.Key.Key_Return)
        _wait_next_customer(qtbot, window, ctx, before)
    assert [p.account_id for p in _payments(ctx)[-2:]] == [first, second]
    assert screen.wrong == []


# -- scans while a dialog is open -----------------------------------------------------------------


def test_a_scan_into_the_payment_dialog_types_nothing_and_pays_nothing(qtbot, ctx,
                                                                       counter) -> None:
    window, keys, screen = counter
    account_id = pick_account(ctx, prepaid=False)
    other = account_ids(ctx, 1)[0]
    set_account(ctx, account_id, balance_paise=70_000)
    window.refresh()
    wait_ready(qtbot, window)
    find(qtbot, window, keys, screen, account_id)
    keys.press(Qt.Key.Key_F2)
    dialog = _wait_dialog(qtbot, ctx, account_id, "payment_dialog")
    amount = dialog.findChild(QLineEdit, "amountField")
    assert amount.hasFocus() and amount.text() == "700.00"
    keys.scan(str(other))
    assert amount.text() == "700.00"  # the burst was undone
    assert dialog.isVisible() and _payments(ctx) == []  # its Enter confirmed nothing
    assert f"A scan ({other}) was ignored" in status(window)
    dialog.reject()


def test_a_second_scan_during_recording_moves_no_money(qtbot, ctx, counter) -> None:
    window, keys, screen = counter
    account_id = pick_account(ctx, prepaid=False)
    other = account_ids(ctx, 1)[0]
    set_account(ctx, account_id, balance_paise=70_000)
    window.refresh()
    wait_ready(qtbot, window)
    find(qtbot, window, keys, screen, account_id)
    keys.press(Qt.Key.Key_F2)
    dialog = _wait_dialog(qtbot, ctx, account_id, "payment_dialog")
    keys.press(Qt.Key.Key_Return)  # recording starts (on the database worker)
    assert dialog.state == dialog.RECORDING
    keys.scan(str(account_id))  # the same code again, at once
    keys.scan(str(other))
    _wait_next_customer(qtbot, window, ctx, 0)
    qtbot.wait(200)
    assert [p.account_id for p in _payments(ctx)] == [account_id]
    assert active_flow(ctx, other) is None


@pytest.fixture
def thermal_printer() -> Iterator[tuple[int, list[bytes]]]:
    """A network receipt printer on 127.0.0.1 (raw TCP, as on port 9100): what it got."""
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(10)
    received: list[bytes] = []

    def serve() -> None:
        try:
            conn, _ = server.accept()
        except OSError:
            return
        with conn:
            conn.settimeout(10)
            while chunk := conn.recv(65536):
                received.append(chunk)

    thread = threading.Thread(target=serve, name="test-printer")
    thread.start()
    yield server.getsockname()[1], received
    thread.join(15)
    server.close()


def test_print_setting_prints_the_receipt_without_another_key(qtbot, ctx, counter,
                                                              thermal_printer) -> None:
    window, keys, screen = counter
    port, received = thermal_printer
    ctx.settings.setValue(SETTINGS_AFTER_RECORD, "print")
    ctx.settings.setValue("receipts/escpos_kind", "network")
    ctx.settings.setValue("receipts/escpos_host", "127.0.0.1")
    ctx.settings.setValue("receipts/escpos_port", port)
    account_id = pick_account(ctx, prepaid=False)
    set_account(ctx, account_id, balance_paise=45_000)
    window.refresh()
    wait_ready(qtbot, window)
    run_loop(qtbot, window, ctx, keys, screen, PaymentOption.PAYMENT, account_id, None)
    assert keys.counted == 3
    receipt = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "receiptDialog")
    qtbot.waitUntil(lambda: "Printed" in receipt.findChild(QLabel, "receiptStatus").text(),
                    timeout=10_000)
    number = _payments(ctx)[-1].payload.get("receipt_number") or receipt.data.receipt_number
    qtbot.waitUntil(lambda: number.encode() in b"".join(received), timeout=10_000)


# -- the Account ID as barcode and QR on receipts and invoices ------------------------------------


def decoded(document: QTextDocument, width: int = 420) -> dict[str, str]:
    """Render ``document`` as it shows on screen (twice the size, as a printer would) and
    decode every barcode in the picture: {format name: text}."""
    document.setTextWidth(width)
    size = document.size()
    image = QImage(int(size.width() * 2), int(size.height() * 2), QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.scale(2, 2)
    document.drawContents(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    picture = Image.open(io.BytesIO(bytes(buffer.data())))
    return {str(code.format): code.text for code in zxingcpp.read_barcodes(picture)}


def test_the_receipt_carries_the_account_id_as_code128_and_qr(qtbot, ctx, counter) -> None:
    window, keys, screen = counter
    account_id = pick_account(ctx, prepaid=False)
    set_account(ctx, account_id, balance_paise=25_000)
    window.refresh()
    wait_ready(qtbot, window)
    run_loop(qtbot, window, ctx, keys, screen, PaymentOption.PAYMENT, account_id, None)
    receipt = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "receiptDialog")
    codes = decoded(receipt_document(receipt.data))
    assert codes == {"Code 128": str(account_id), "QR Code": str(account_id)}
    shown = decoded(receipt.view.document().clone())  # the window shows the same codes
    assert shown == codes
    printer = Dummy()
    print_receipt(printer, receipt.data)
    assert b"\x1dk" in printer.output and ("{B" + str(account_id)).encode() in printer.output
    if os.environ.get("COUNTER_SCREENSHOTS"):
        receipt.resize(420, 640)
        receipt.grab().save(str(SCREENSHOTS / "receipt-account-codes.png"))


def test_the_invoice_carries_the_account_id_as_code128_and_qr(qtbot, ctx) -> None:
    from desktop.detail.tabs.invoices import InvoiceViewer

    with ctx.cache_engine.connect() as conn:
        invoice_id, account_id = conn.exec_driver_sql(
            "SELECT id, account_id FROM invoices ORDER BY id LIMIT 1"
        ).one()
    doc = load_invoice_document(ctx.cache_engine, int(invoice_id))
    assert doc is not None
    viewer = InvoiceViewer(ctx, doc)
    qtbot.addWidget(viewer)
    codes = decoded(text_document(viewer.html), width=640)
    assert codes == {"Code 128": str(account_id), "QR Code": str(account_id)}


# -- the settings of the loop ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "says"),
    [("A", "types text"), ("5", "types text"), ("F6", "already used"), ("F5", "already used"),
     ("Esc", "already used"), ("", "not one key"), ("F9", None), ("Ctrl+P", None)],
)
def test_which_keys_may_be_the_pay_key(key: str, says: str | None) -> None:
    problem = pay_key_problem(key)
    assert (problem is None) if says is None else (says in (problem or ""))


def test_settings_choose_the_pay_key_and_printing_at_once(qtbot, ctx, counter) -> None:
    from desktop.settings.dialog import SettingsDialog

    window, keys, screen = counter
    dialog = SettingsDialog(ctx.settings, parent=window)
    qtbot.addWidget(dialog)
    error = dialog.findChild(QLabel, "settingsError")
    after = dialog.findChild(QComboBox, "settingsAfterRecord")
    after.setCurrentIndex(after.findData("print"))
    assert "needs a thermal printer" in error.text() and not dialog.save_button.isEnabled()
    kind = dialog.findChild(QComboBox, "settingsPrinterKind")
    kind.setCurrentIndex(kind.findData("network"))
    dialog.findChild(QLineEdit, "settingsPrinterHost").setText("127.0.0.1")
    edit = dialog.findChild(QKeySequenceEdit, "settingsPayKey")
    edit.setFocus()
    QTest.keyClick(edit, Qt.Key.Key_A)
    assert "types text" in error.text() and not dialog.save_button.isEnabled()
    edit.clear()
    QTest.keyClick(edit, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled(), timeout=3000)
    dialog.accept()
    window.apply_pay_key()
    assert ctx.settings.value("counter/payKey") == "F9"
    assert ctx.settings.value(SETTINGS_AFTER_RECORD) == "print"
    assert window.pay_shortcut.key().toString() == "F9"
    account_id = pick_account(ctx, prepaid=False)
    set_account(ctx, account_id, balance_paise=10_000)
    window.refresh()
    wait_ready(qtbot, window)
    window.activateWindow()
    window.focus_search()
    find(qtbot, window, keys, screen, account_id)
    assert window.findChild(QLabel, "payKeyHint").text() == "F9: Payment"
    keys.press(Qt.Key.Key_F9)
    dialog = _wait_dialog(qtbot, ctx, account_id, "payment_dialog")
    dialog.reject()


def test_the_receipt_window_setting_takes_one_more_key(qtbot, ctx, counter) -> None:
    window, keys, screen = counter
    ctx.settings.setValue(SETTINGS_AFTER_RECORD, "window")
    account_id = pick_account(ctx, prepaid=False)
    set_account(ctx, account_id, balance_paise=30_000)
    window.refresh()
    wait_ready(qtbot, window)
    find(qtbot, window, keys, screen, account_id)
    keys.press(Qt.Key.Key_F2)
    _wait_dialog(qtbot, ctx, account_id, "payment_dialog")
    keys.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(_payments(ctx)) == 1, timeout=5000)

    def receipt_window() -> QWidget | None:  # shown when the record job's answer is back
        return next((w for w in QApplication.topLevelWidgets()
                     if w.objectName() == "receiptDialog"), None)

    qtbot.waitUntil(lambda: receipt_window() is not None, timeout=5000)
    receipt = receipt_window()
    assert receipt is not None
    qtbot.waitUntil(receipt.isActiveWindow, timeout=5000)  # the receipt has the keys
    keys.press(Qt.Key.Key_Escape)  # closes it
    box = window.sidebar.search
    qtbot.waitUntil(lambda: box.hasFocus() and box.text() == "", timeout=5000)
    assert keys.counted == 4 <= GOAL_KEYS
