"""Pieces of the kiosk's payment screen: its texts in the interface language (context
``KioskPay``), its large labels and buttons (styled by their ``role`` property), and the
on-screen amount keypad."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QPushButton, QSizePolicy, QWidget

from desktop.kiosk.wording import word
from desktop.language.i18n import QT_TRANSLATE_NOOP


def say(widget: QLabel | QPushButton, source: str, *values: object, n: int = -1) -> None:
    """A text of the payment screen, in the interface language (context ``KioskPay``)."""
    word(widget, source, *values, context="KioskPay", n=n)


def make_label(text: str, role: str, parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    say(label, text)
    label.setObjectName(name)
    label.setProperty("role", role)
    label.setWordWrap(True)
    return label


def make_button(text: str, name: str, parent: QWidget, role: str = "") -> QPushButton:
    button = QPushButton(parent)
    say(button, text)
    button.setObjectName(name)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    if role:
        button.setProperty("role", role)
    return button


class AmountKeypad(QWidget):
    """Digits, the decimal point, ⌫ and Clear for the amount; ``amountKey<key>`` names."""

    KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "Dot", "0", "Back")

    def __init__(self, target: QLineEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kioskAmountKeypad")
        self.target = target
        grid = QGridLayout(self)
        grid.setSpacing(12)
        grid.setContentsMargins(0, 0, 0, 0)
        for index, key in enumerate(self.KEYS):
            button = QPushButton({"Dot": ".", "Back": "⌫"}.get(key, key), self)
            button.setObjectName(f"amountKey{key}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            button.setMinimumSize(110, 84)
            button.setAutoRepeat(key == "Back")
            button.clicked.connect(partial(self._press, key))
            grid.addWidget(button, index // 3, index % 3)
        clear = make_button(QT_TRANSLATE_NOOP("KioskPay", "Clear"), "amountKeyClear", self,
                            "secondary")
        clear.setMinimumHeight(72)
        clear.clicked.connect(self.target.clear)
        grid.addWidget(clear, 4, 0, 1, 3)

    def _press(self, key: str, _checked: bool = False) -> None:
        if key == "Back":
            self.target.backspace()
        else:
            self.target.insert("." if key == "Dot" else key)
