"""The main window's status bar words a notice (billing.notice.Notice) in the interface
language at the moment it is shown; before, notices were plain English strings."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from db.cache import DAMAGED_MESSAGE
from desktop.accounts.main_window import MainWindow
from desktop.language.i18n import set_language

TAMIL = range(0x0B80, 0x0C00)


def _english_words(text: str) -> list[str]:
    words = [w.strip(".,;:()") for w in text.split()]
    return [w for w in words if len(w) >= 4 and w.isascii() and w.isalpha()]


def test_the_status_bar_shows_notices_in_the_language_of_the_moment(qapp: QApplication,
                                                                     qtbot, ctx) -> None:
    ctx.notices.append(DAMAGED_MESSAGE)
    set_language(qapp, "ta")
    try:
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        at_start = window.statusBar().currentMessage()
        ctx.events.notice.emit(DAMAGED_MESSAGE)  # from a sync: the signal keeps the ids
        from_sync = window.statusBar().currentMessage()
        ctx.events.notice.emit("A plain sentence.")  # plain text is shown as it is
        plain = window.statusBar().currentMessage()
    finally:
        set_language(qapp, "en")
    for shown in (at_start, from_sync):
        assert any(ord(c) in TAMIL for c in shown) and _english_words(shown) == [], shown
    assert plain == "A plain sentence."
    window.close()
