"""An on-screen numeric keypad for touch screens, typing into one line edit."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QSizePolicy, QWidget

from desktop.language.i18n import is_language_change

CLEAR = "clear"
BACK = "back"


class Keypad(QWidget):
    """Digits 0–9, Clear and ⌫; buttons are named ``<prefix>Key0`` … ``<prefix>KeyBack``."""

    pressed = Signal(str)

    def __init__(self, target: QLineEdit, prefix: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{prefix}Keypad")
        self.target = target
        grid = QGridLayout(self)
        grid.setSpacing(12)
        grid.setContentsMargins(0, 0, 0, 0)
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", CLEAR, "0", BACK]
        for index, key in enumerate(keys):
            button = QPushButton({"back": "⌫"}.get(key, key), self)
            button.setObjectName(f"{prefix}Key{key.capitalize()}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the field keeps the keyboard
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            button.setMinimumSize(110, 84)
            button.setAutoRepeat(key == BACK)
            button.clicked.connect(partial(self._press, key))
            grid.addWidget(button, index // 3, index % 3)
            if key == CLEAR:
                self.clear_button = button
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.clear_button.setText(self.tr("Clear"))

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event):
            self.retranslate_ui()
        super().changeEvent(event)

    def _press(self, key: str, _checked: bool = False) -> None:
        if key == CLEAR:
            self.target.clear()
        elif key == BACK:
            self.target.backspace()
        else:
            self.target.insert(key)
        self.target.setFocus()
        self.pressed.emit(key)
