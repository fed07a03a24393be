"""Tamil found wanting in review: texts that stayed English in Tamil mode, or did not follow
a language switch while their window was open, each driven through the real widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from desktop.accounts.table_columns import COL_LAST_SEEN
from tests.desktop.i18n_helpers import has_tamil, tamil
from tests.desktop.test_main_window import open_window  # noqa: F401  (a fixture)

TOOLTIP = Qt.ItemDataRole.ToolTipRole


def test_last_seen_tooltip_names_the_month_in_tamil(
        qtbot, qapp, ctx, open_window) -> None:  # noqa: F811
    """The Last seen cell's tooltip (the exact moment) said "Wed 14 Oct 2026, …" in Tamil."""
    window = open_window(ctx)
    table = window.findChild(QTableView, "accountTable")
    model = table.model()
    row = next(r for r in range(model.rowCount())
               if model.index(r, COL_LAST_SEEN).data(TOOLTIP) != model.tr("Never seen online"))
    english = model.index(row, COL_LAST_SEEN).data(TOOLTIP)
    with tamil(qapp):
        qtbot.waitUntil(lambda: has_tamil(model.index(row, COL_LAST_SEEN).data(TOOLTIP)))
        text = model.index(row, COL_LAST_SEEN).data(TOOLTIP)
        assert text.split()[1] in {"ஜன.", "பிப்.", "மார்.", "ஏப்.", "மே", "ஜூன்", "ஜூலை", "ஆக.",
                                   "செப்.", "அக்.", "நவ.", "டிச."}, text
        assert not any(day in text for day in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"))
        assert text.split(", ")[1] == english.split(", ")[1]  # the time and zone as before
