"""The kiosk limits its own look-ups and locks after repeated misses until staff enter the
PIN (issue 14, finding 1): offline there is no server to refuse a guessing loop."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget

from billing.kiosk_limits import LOOKUP_RATE, MISS_RATE
from desktop.kiosk.window import ACCOUNT, LOCKED, LOCKED_KEY, START
from sync.errors import ApiError
from tests.desktop import test_kiosk as base
from tests.desktop.test_kiosk import (
    SCREENSHOTS,
    TEST_PIN,
    _account,
    _find,
    _label,
    _make_window,
    _tap,
    _type_on_keypad,
)

# The kiosk tests' fixtures, shared.
_usable_event_loop = base._usable_event_loop
kiosk_ctx = base.kiosk_ctx
kiosk = base.kiosk


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


def _miss(qtbot, window, digits="99999999"):
    _tap(qtbot, window, "kioskKeyClear")
    _find(qtbot, window, digits)
    qtbot.waitUntil(lambda: window.current_page == LOCKED
                    or "No account matches" in _label(window, "kioskMessage"))


def test_repeated_misses_lock_the_kiosk_until_the_staff_pin(qtbot, kiosk, kiosk_ctx):
    for attempt in range(1, MISS_RATE.burst + 1):
        assert kiosk.current_page == START, f"locked early, at miss {attempt}"
        _miss(qtbot, kiosk, f"9999999{attempt}")
    assert kiosk.current_page == LOCKED and kiosk.locked
    assert "locked" in _label(kiosk, "kioskLockReason")
    # Nothing a customer does gets past it: Escape, the idle reset, typing.
    qtbot.keyClick(kiosk, Qt.Key.Key_Escape)
    kiosk.reset_to_start()
    assert kiosk.current_page == LOCKED
    assert not kiosk.findChild(QWidget, "kioskEntry").isVisible()
    # A wrong PIN keeps it locked; the right one unlocks it.
    field = kiosk.findChild(QLineEdit, "kioskUnlockField")
    _type_on_keypad(qtbot, kiosk, "1111", prefix="unlock")
    _tap(qtbot, kiosk, "kioskUnlockOk")
    assert kiosk.current_page == LOCKED
    assert "not right" in _label(kiosk, "kioskUnlockMessage") and field.text() == ""
    qtbot.keyClicks(field, TEST_PIN)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert kiosk.current_page == START and not kiosk.locked
    assert kiosk_ctx.settings.value(LOCKED_KEY, False, bool) is False
    # Look-ups work again.
    row = _account(kiosk_ctx)
    _find(qtbot, kiosk, str(row.id))
    qtbot.waitUntil(lambda: kiosk.current_page == ACCOUNT)


def test_found_accounts_do_not_count_towards_the_lock(qtbot, kiosk_ctx):
    window = _make_window(qtbot, kiosk_ctx)
    window.search.clock = FakeClock()
    row = _account(kiosk_ctx)
    for _ in range(MISS_RATE.burst + 2):
        _tap(qtbot, window, "kioskKeyClear")
        _find(qtbot, window, str(row.id))
        qtbot.waitUntil(lambda: window.current_page == ACCOUNT)
        _tap(qtbot, window, "kioskStartOver")
    assert window.current_page == START and not window.locked


def test_a_locked_kiosk_stays_locked_after_a_restart(qtbot, kiosk_ctx):
    first = _make_window(qtbot, kiosk_ctx)
    first.lock_kiosk()
    first._may_close = True
    first.close()
    second = _make_window(qtbot, kiosk_ctx)
    assert second.current_page == LOCKED and second.locked
    qtbot.keyClicks(second.findChild(QLineEdit, "kioskUnlockField"), TEST_PIN)
    _tap(qtbot, second, "kioskUnlockOk")
    assert second.current_page == START


def test_lookups_are_rate_limited_on_the_kiosk_itself(qtbot, kiosk_ctx):
    """Offline, nobody else counts: the kiosk admits LOOKUP_RATE.burst look-ups at once,
    then one per interval, the same rule as the server's (billing.kiosk_limits)."""
    window = _make_window(qtbot, kiosk_ctx)
    clock = FakeClock()
    window.search.clock = clock
    row = _account(kiosk_ctx)
    for _ in range(LOOKUP_RATE.burst):
        _tap(qtbot, window, "kioskKeyClear")
        _find(qtbot, window, str(row.id))
        qtbot.waitUntil(lambda: window.current_page == ACCOUNT)
        _tap(qtbot, window, "kioskStartOver")
    _find(qtbot, window, str(row.id))
    assert "Too many look-ups just now" in _label(window, "kioskMessage")
    assert window.current_page == START
    clock.now += LOOKUP_RATE.interval_seconds
    _tap(qtbot, window, "kioskKeyClear")
    _find(qtbot, window, str(row.id))
    qtbot.waitUntil(lambda: window.current_page == ACCOUNT)


class _RefusingClient:
    has_token = True

    def kiosk_lookup(self, *, mobile):
        raise ApiError(429, "too_many_misses", "locked",
                       {"error": {"code": "too_many_misses", "retry_after": 900}})


class _Sync:
    client = _RefusingClient()


def test_the_servers_refusal_locks_the_kiosk(qtbot, kiosk, kiosk_ctx):
    """Online, the server's miss budget (shared by every process) can be spent before the
    kiosk's own: its 429 too_many_misses locks the kiosk as well."""
    kiosk_ctx.sync = _Sync()
    _find(qtbot, kiosk, "9000000009")  # not in the local copy: the server is asked
    qtbot.waitUntil(lambda: kiosk.current_page == LOCKED)


def test_lock_screen_screenshot(qtbot, kiosk, tmp_path):
    import os

    out = SCREENSHOTS if os.environ.get("KIOSK_SCREENSHOTS") == "1" else Path(tmp_path)
    kiosk.resize(1280, 800)
    kiosk.lock_kiosk()
    assert kiosk.grab().save(str(out / "kiosk_locked.png"))
