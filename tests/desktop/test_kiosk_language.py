"""The kiosk's English / தமிழ் toggle for the customer, and the default language coming back
after the idle reset (issue 19)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from desktop.kiosk.window import LANGUAGE_KEY, START
from desktop.language.i18n import ENGLISH, TAMIL, current_language, set_language
from tests.desktop.i18n_helpers import has_tamil
from tests.desktop.test_kiosk import _make_window, _type_on_keypad, kiosk_ctx  # noqa: F401

WELCOME = {ENGLISH: "Welcome", TAMIL: "வணக்கம்"}


@pytest.fixture(autouse=True)
def _english_after(qapp) -> Iterator[None]:
    """Whatever a test leaves, the next one starts in English."""
    yield
    set_language(qapp, ENGLISH)


def _welcome(window) -> str:
    return " ".join(w.text() for w in window.pages.widget(START).findChildren(QLabel))


def _toggle(window) -> QPushButton:
    toggle = window.findChild(QPushButton, "kioskLanguageToggle")
    assert toggle is not None and toggle.isVisible()
    return toggle


def test_the_toggle_switches_the_kiosk_to_tamil_and_back(qtbot, qapp, kiosk_ctx):  # noqa: F811
    window = _make_window(qtbot, kiosk_ctx)
    toggle = _toggle(window)
    assert toggle.text() == "தமிழ்" and WELCOME[ENGLISH] in _welcome(window)
    assert toggle.height() >= 72  # large enough to touch
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: WELCOME[TAMIL] in _welcome(window))
    assert current_language(qapp) == TAMIL
    assert toggle.text() == "English"
    find = window.findChild(QPushButton, "kioskFind")
    assert has_tamil(find.text())
    assert has_tamil(window.entry.placeholderText())
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: WELCOME[ENGLISH] in _welcome(window))
    assert find.text() == "Find my account" and toggle.text() == "தமிழ்"


@pytest.mark.parametrize("typed", ["", "12"])
def test_the_idle_reset_brings_back_the_default_language(qtbot, qapp, kiosk_ctx, typed):  # noqa: F811
    window = _make_window(qtbot, kiosk_ctx, idle_ms=600)
    qtbot.mouseClick(_toggle(window), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: WELCOME[TAMIL] in _welcome(window))
    _type_on_keypad(qtbot, window, typed)  # a customer who typed, or only chose Tamil
    qtbot.waitUntil(lambda: current_language(qapp) == ENGLISH, timeout=5_000)
    qtbot.waitUntil(lambda: WELCOME[ENGLISH] in _welcome(window))
    assert window.current_page == START and window.entry.text() == ""
    assert _toggle(window).text() == "தமிழ்"


def test_a_tamil_kiosk_starts_in_tamil_and_returns_to_it(qtbot, qapp, kiosk_ctx):  # noqa: F811
    kiosk_ctx.settings.setValue(LANGUAGE_KEY, TAMIL)
    window = _make_window(qtbot, kiosk_ctx, idle_ms=600)
    qtbot.waitUntil(lambda: WELCOME[TAMIL] in _welcome(window))
    assert _toggle(window).text() == "English"
    qtbot.mouseClick(_toggle(window), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: WELCOME[ENGLISH] in _welcome(window))
    qtbot.waitUntil(lambda: current_language(qapp) == TAMIL, timeout=5_000)
    qtbot.waitUntil(lambda: WELCOME[TAMIL] in _welcome(window))
