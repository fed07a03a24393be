"""Typing in the quick search empties the table until the new rows are in; the table's
columns and scroll bar must stay where they are meanwhile (they jumped at every keystroke
when the bar was shown only while needed)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLineEdit

from desktop.accounts.main_window import MainWindow
from tests.desktop.test_main_window import admin_ctx, open_window, wait_ready  # noqa: F401


def _layout(window: MainWindow) -> tuple[object, ...]:
    table = window.table
    header = table.horizontalHeader()
    return (table.viewport().width(), table.verticalScrollBar().isVisible(),
            tuple(header.sectionSize(c) for c in range(header.count())))


def test_columns_and_bar_stay_put_while_a_typed_search_waits(
        qtbot, admin_ctx, open_window) -> None:  # noqa: F811
    window = open_window(admin_ctx)
    window.resize(1280, 760)
    wait_ready(qtbot, window)
    before = _layout(window)
    assert before[1], "the demo cache lists more accounts than the window shows"
    box = window.findChild(QLineEdit, "quickSearch")
    for typed in ("k", "u", "m"):
        qtbot.keyClicks(box, typed)
        for _ in range(3):  # the layout settles; the typing pause (150 ms) has not ended
            QApplication.processEvents()
        assert window.model.rowCount() == 0 and window.model.waiting
        assert _layout(window) == before
        wait_ready(qtbot, window)
        assert window.model.rowCount() > 0
        assert _layout(window) == before
    one = window.model.row_at(0)
    assert one is not None
    box.clear()
    qtbot.keyClicks(box, str(one.id))  # one account: no range to scroll, the bar stays
    wait_ready(qtbot, window)
    assert window.model.rowCount() >= 1
    assert _layout(window) == before
