"""Notices made below the desktop (signed in offline, the copy rebuilt, a payment applied
otherwise) reach the screen in the interface language. Before, the status bar showed them
in English whatever the language: they were plain English strings."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from desktop.language.i18n import set_language
from desktop.payments.messages import notice_text
from tests.sync.conftest import STAFF, Desk, LiveServer

TAMIL = range(0x0B80, 0x0C00)


def _english_words(text: str) -> list[str]:
    """Latin words of 4+ letters that are not part of an address."""
    words = [w.strip(".,;:()") for w in text.split()]
    return [w for w in words if len(w) >= 4 and w.isascii() and w.isalpha()]


def test_an_offline_sign_in_is_told_in_tamil(qapp: QApplication, desk: Desk,
                                            live_server: LiveServer) -> None:
    desk.sign_in()
    offline = desk.auth.sign_in("http://127.0.0.1:9", *STAFF)  # nothing listens there
    assert offline.notice and "Signed in offline" in offline.notice  # English as before
    set_language(qapp, "ta")
    try:
        shown = notice_text(offline.notice)
    finally:
        set_language(qapp, "en")
    assert any(ord(c) in TAMIL for c in shown)
    assert _english_words(shown) == [], shown
    assert "http://127.0.0.1:9" in shown and live_server.url in shown  # the two servers
