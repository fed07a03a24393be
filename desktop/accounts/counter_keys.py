"""The keys of the counter loop: one home for which key does what, and which may be the
pay key (Settings, the main window and Help → Keyboard all read them here)."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence

from billing.rules import PaymentOption
from desktop.language.i18n import fill

log = logging.getLogger(__name__)

#: The function key of each payment option (shown on its button and in Help → Keyboard).
OPTION_KEYS = {
    PaymentOption.PAYMENT: "F6",
    PaymentOption.RECHARGE: "F7",
    PaymentOption.ADVANCE: "F8",
}
#: The key that opens the selected account's first payment option (billing.rules' order).
SETTINGS_PAY_KEY = "counter/payKey"
DEFAULT_PAY_KEY = "F2"
#: Keys the main window already gives a meaning to.
TAKEN_KEYS = ("F5", "Ctrl+F", "Esc", "Return", "Enter", "Down", *OPTION_KEYS.values())
_CHORD = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


def pay_key_problem(text: str) -> str | None:
    """What is wrong with ``text`` as the pay key (said with what to do, in the interface
    language), or None."""
    sequence = QKeySequence(text)
    if sequence.isEmpty() or not sequence.toString() or sequence.count() != 1:
        return fill(QCoreApplication.translate(
            "CounterKeys", "“%1” is not one key; press a single key such as F2 or F9."), text)
    combo = sequence[0]  # type: ignore[index]  # PySide6 has __getitem__; its stubs do not
    key_name = QKeySequence(combo.key()).toString()
    if any(QKeySequence(taken).matches(sequence) == QKeySequence.SequenceMatch.ExactMatch
           for taken in TAKEN_KEYS):
        return fill(QCoreApplication.translate(
            "CounterKeys", "%1 is already used (%2); choose another."), sequence.toString(),
            ", ".join(TAKEN_KEYS))
    printable = len(key_name) == 1 or combo.key() == Qt.Key.Key_Space
    if printable and not combo.keyboardModifiers() & _CHORD:
        return fill(QCoreApplication.translate(
            "CounterKeys", "%1 types text (it would go to Quick Search); use a function key "
            "or a key with Ctrl or Alt."), sequence.toString())
    return None


def pay_key(settings: Any) -> QKeySequence:
    """The configured pay key; a missing or unusable setting falls back to F2."""
    text = str(settings.value(SETTINGS_PAY_KEY, DEFAULT_PAY_KEY) or DEFAULT_PAY_KEY)
    problem = pay_key_problem(text)
    if problem is not None:
        log.warning("pay key setting ignored: %s Using %s.", problem, DEFAULT_PAY_KEY)
        return QKeySequence(DEFAULT_PAY_KEY)
    return QKeySequence(text)
