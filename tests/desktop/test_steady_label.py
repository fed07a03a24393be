"""SteadyLabel: a new text repaints the label alone (the status bar's row count)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFont, QFontInfo
from PySide6.QtWidgets import QLabel, QMainWindow

from desktop.widgets.steady_label import SteadyLabel


class _Events(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[str, QEvent.Type]] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.Paint, QEvent.Type.Move):
            self.seen.append((watched.objectName(), event.type()))
        return False


def _window(qtbot, label: QLabel) -> tuple[QMainWindow, _Events]:
    """``label`` in a shown window's status bar (keep the window: it owns the label)."""
    window = QMainWindow()
    window.setObjectName("window")
    qtbot.addWidget(window)
    bar = window.statusBar()
    bar.setObjectName("bar")
    bar.setAutoFillBackground(True)
    beside = QLabel("beside", window)
    beside.setObjectName("beside")
    bar.addPermanentWidget(beside)
    label.setObjectName("count")
    bar.addPermanentWidget(label)
    label.setText("1,234 of 1,000,000 account(s)")
    window.resize(800, 300)
    window.show()
    qtbot.waitExposed(window)
    _settle(qtbot)  # the first layout and paint
    events = _Events()
    for watched in (window, bar, beside, label):
        watched.installEventFilter(events)
    return window, events


def _settle(qtbot) -> None:
    qtbot.wait(50)


def test_a_new_text_repaints_the_label_alone(qtbot) -> None:
    label = SteadyLabel()
    _kept, events = _window(qtbot, label)
    for text in ("98 of 1,000,000 account(s)", "5 of 1,000,000 account(s)",
                 "1,234 of 1,000,000 account(s)"):
        events.seen.clear()
        label.setText(text)
        _settle(qtbot)
        assert label.text() == text
        assert events.seen and set(events.seen) == {("count", QEvent.Type.Paint)}, events.seen


def test_a_plain_label_relays_out_its_bar(qtbot) -> None:
    """The contrast the steady label is for: the same changes in a QLabel run the bar's
    layout again and move the label beside it."""
    label = QLabel()
    label.setAutoFillBackground(True)
    _kept, events = _window(qtbot, label)
    events.seen.clear()
    label.setText("5 of 1,000,000 account(s)")
    _settle(qtbot)
    assert ("beside", QEvent.Type.Move) in events.seen, events.seen


def test_the_width_grows_for_a_longer_text_and_never_cuts_one(qtbot) -> None:
    label = SteadyLabel()
    _kept, _ = _window(qtbot, label)
    short = label.width()
    label.setText("More than 10,000 of 1,000,000 account(s)…")
    _settle(qtbot)
    longer = label.width()
    assert longer > short
    assert longer >= label.fontMetrics().horizontalAdvance(label.text())
    label.setText("7 of 1,000,000 account(s)")
    _settle(qtbot)
    assert label.width() == longer  # kept: the next long text moves nothing


def test_a_font_change_fits_the_text_again(qtbot) -> None:
    label = SteadyLabel()
    _kept, _ = _window(qtbot, label)
    label.setText("More than 10,000 of 1,000,000 account(s)…")
    label.setText("7 of 10 account(s)")
    _settle(qtbot)
    wide = label.width()
    font = QFont(label.font())
    font.setPixelSize(max(6, QFontInfo(font).pixelSize() * 2 // 3))
    label.setFont(font)
    _settle(qtbot)
    assert label.width() < wide
    assert label.width() >= label.fontMetrics().horizontalAdvance("7 of 10 account(s)")
