"""The staff PIN at the kiosk: one check, with one count of wrong tries and one lock-out,
for leaving kiosk mode and for unlocking a kiosk locked after too many empty look-ups.

The PIN is checked against its scrypt hash in Settings (``desktop.kiosk.pin``), or the
unsaved hash ``--demo`` hands in. :data:`PIN_ATTEMPTS` wrong PINs in a row lock every PIN
entry of this kiosk for :data:`PIN_LOCK_MS`. Texts are worded in the ``KioskWindow``
translation context.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QSettings, QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel, QLineEdit

from desktop.kiosk.pin import stored_pin_hash, verify_pin
from desktop.kiosk.wording import word as _word
from desktop.language.i18n import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

#: Wrong PINs in a row before the PIN pad locks for :data:`PIN_LOCK_MS`.
PIN_ATTEMPTS = 5
PIN_LOCK_MS = 30_000

TOO_MANY = QT_TRANSLATE_NOOP(
    "KioskWindow", "Too many wrong PINs. Wait 30 seconds and try again.")


class StaffPin(QObject):
    """Checks a typed staff PIN and counts the wrong ones."""

    #: The lock-out after too many wrong PINs is over.
    lockOutEnded = Signal()

    def __init__(self, settings: QSettings, fallback_hash: str | None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._fallback_hash = fallback_hash  # --demo's unsaved DEMO_PIN hash
        self._failures = 0
        self._lock_out = QTimer(self)
        self._lock_out.setSingleShot(True)
        self._lock_out.setInterval(PIN_LOCK_MS)
        self._lock_out.timeout.connect(self._on_lock_out_over)

    def check(self, field: QLineEdit, message: QLabel) -> bool:
        """Check the PIN typed in ``field`` (then cleared); say in ``message`` why a wrong
        one is refused."""
        pin = field.text()
        field.clear()
        if self._lock_out.isActive():
            _word(message, TOO_MANY)
            return False
        if verify_pin(pin, stored_pin_hash(self._settings) or self._fallback_hash):
            self._failures = 0
            return True
        self._failures += 1
        log.warning("kiosk: wrong staff PIN (%d in a row)", self._failures)
        if self._failures >= PIN_ATTEMPTS:
            self._failures = 0
            self._lock_out.start()
            _word(message, TOO_MANY)
        else:
            _word(message, QT_TRANSLATE_NOOP("KioskWindow", "That PIN is not right."))
        return False

    def stop(self) -> None:
        self._lock_out.stop()

    @Slot()
    def _on_lock_out_over(self) -> None:
        self.lockOutEnded.emit()
