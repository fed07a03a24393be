"""The kiosk's idle reset: any :data:`IDLE_MS` without a touch, a key or the wheel anywhere
in the application, and the kiosk forgets the customer and returns to the start screen.

One application-wide event filter restarts the timer on every activity; it is installed
when the kiosk is shown and removed when it closes. What "forget" means is the window's.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

#: Idle time before the kiosk forgets everything and returns to the start screen.
IDLE_MS = 60_000

_ACTIVITY = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate, QEvent.Type.Wheel,
})


class IdleWatch(QObject):
    """The ``kioskIdleTimer`` and the activity that restarts it; ``timer.timeout`` fires
    after ``idle_ms`` without activity."""

    def __init__(self, idle_ms: int, parent: QObject) -> None:
        super().__init__(parent)
        self.timer = QTimer(parent)
        self.timer.setObjectName("kioskIdleTimer")
        self.timer.setSingleShot(True)
        self.timer.setInterval(idle_ms)
        self._installed = False

    def start(self) -> None:
        """Watch the application's input from now on, and (re)start the countdown."""
        app = QApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            self._installed = True
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
            self._installed = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY:
            self.timer.start()
        return False
