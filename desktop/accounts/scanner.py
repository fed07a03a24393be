"""Keys at the counter: type-to-search from anywhere in the main window, and the scanner.

A USB barcode/QR scanner in keyboard mode is a keyboard that types very fast: a burst of
characters a few milliseconds apart, then Enter. :class:`KeyRouter` watches the key presses
of the application (one event filter) and

- sends a printable key pressed anywhere in the main window (the table, a button, a list)
  to Quick Search, which starts afresh, so a scan or a typed Account ID always lands in the
  search box and its Enter runs the search, wherever the focus was;
- keeps a scan out of modal dialogs opened over the main window: a burst that ends with
  Enter in such a dialog (the payment dialog's amount field, say) is undone (the field
  gets back the text it had before the burst), its Enter is swallowed (so nothing is
  confirmed and no money moves) and :attr:`KeyRouter.scanIgnored` says which code was
  ignored. Other windows (the register, a receipt) keep their keys.

A person never types :data:`SCAN_MIN_CHARS` characters with less than :data:`SCAN_GAP_S`
between each (fast typists manage about 80 ms); scanners send one every 1-10 ms.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

log = logging.getLogger(__name__)

#: Longest pause between two keys of one scan (seconds).
SCAN_GAP_S = 0.035
#: Fewest characters before Enter that make a burst a scan (Account IDs have 8 digits).
SCAN_MIN_CHARS = 6

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_CHORD = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)
#: Keys without text that neither continue nor break a burst (a scanner presses Shift
#: for capital letters).
_SILENT = (Qt.Key.Key_Shift, Qt.Key.Key_unknown)


@dataclass
class _Burst:
    window: QWidget
    text: str
    last: float
    #: The line edit the burst typed into and the text and cursor it had before.
    field: QLineEdit | None
    before: str
    cursor: int
    #: The burst's keys were sent to Quick Search.
    redirected: bool = False


def takes_text(widget: QWidget) -> bool:
    """Whether typing into ``widget`` edits text (those keep their keys)."""
    if isinstance(widget, QLineEdit | QAbstractSpinBox):
        return not (isinstance(widget, QLineEdit) and widget.isReadOnly())
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        return not widget.isReadOnly()
    return isinstance(widget, QComboBox) and widget.isEditable()


class KeyRouter(QObject):
    """See the module docstring. One per main window; installed on the application."""

    #: A scan (the code) arrived while a dialog was open over the main window; ignored.
    scanIgnored = Signal(str)

    def __init__(
        self,
        main_window: QWidget,
        search: QLineEdit,
        search_entered: Callable[[], None],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(main_window)
        self._main = main_window
        self._search = search
        self._search_entered = search_entered
        self.clock = clock
        self._burst: _Burst | None = None
        #: The code of the scan whose Enter was the last one, for the search's messages.
        self.last_scan: str | None = None
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def uninstall(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ShortcutOverride:
            # A key that fires a shortcut (Esc, Ctrl+F, F2) never arrives as a KeyPress:
            # it still ends a burst.
            assert isinstance(event, QKeyEvent)
            if event.key() not in (*_ENTER, *_SILENT) and not _printable(event):
                self._burst = None
            return False
        if kind != QEvent.Type.KeyPress or not isinstance(watched, QWidget):
            return False
        # A key a widget ignores goes on to its parents: look at it once, where it starts.
        if watched is not QApplication.focusWidget() and QApplication.focusWidget() is not None:
            return False
        window = watched.window()
        if window is not self._main and not (window.isModal() and self._over_main(window)):
            return False  # other windows (the register, a receipt) keep their keys
        assert isinstance(event, QKeyEvent)
        return self._key(watched, window, event)

    def _over_main(self, window: QWidget) -> bool:
        parent = window.parentWidget()
        while parent is not None:
            if parent.window() is self._main:
                return True
            parent = parent.parentWidget()
        return False

    def _key(self, widget: QWidget, window: QWidget, event: QKeyEvent) -> bool:
        now = self.clock()
        key = event.key()
        text = event.text()
        burst = self._burst
        continuing = (
            burst is not None and burst.window is window and now - burst.last <= SCAN_GAP_S
        )
        if key in _ENTER:
            self._burst = None
            scan = burst.text if continuing and burst is not None else ""
            self.last_scan = scan if len(scan) >= SCAN_MIN_CHARS else None
            if window is not self._main:
                if self.last_scan is not None and burst is not None:
                    self._undo(burst)
                    log.warning("scan %r ignored: a dialog is open", self.last_scan)
                    self.scanIgnored.emit(self.last_scan)
                    return True
                return False
            if continuing and burst is not None and burst.redirected:
                self._search_entered()
                return True
            return False
        if key in _SILENT:
            return False
        if not _printable(event):
            self._burst = None
            return False
        if not continuing or burst is None:
            field = widget if isinstance(widget, QLineEdit) else None
            burst = _Burst(
                window, "", now, field,
                field.text() if field else "", field.cursorPosition() if field else 0,
            )
            self._burst = burst
        burst.text += text
        burst.last = now
        if window is self._main and widget is not self._search and not takes_text(widget):
            if not burst.redirected and not text.strip():
                return False  # a space on a button or in the table keeps its meaning
            self._to_search(text, fresh=not burst.redirected)
            burst.redirected = True
            return True
        return False

    def _to_search(self, text: str, *, fresh: bool) -> None:
        box = self._search
        box.setFocus(Qt.FocusReason.OtherFocusReason)
        if fresh:
            box.selectAll()  # a new ID replaces the last one
        else:
            box.end(False)
        box.insert(text)

    @staticmethod
    def _undo(burst: _Burst) -> None:
        field = burst.field
        if field is not None and field.text() != burst.before:
            field.setText(burst.before)
            field.setCursorPosition(burst.cursor)


def _printable(event: QKeyEvent) -> bool:
    text = event.text()
    return bool(text) and text.isprintable() and not event.modifiers() & _CHORD
