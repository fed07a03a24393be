"""Small pieces the payment forms share: a named label (red for a field's message) and a
field with its message right under it."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

ERROR_STYLE = "color: #b00020;"


def named_label(parent: QWidget, name: str, text: str = "", *, error: bool = False) -> QLabel:
    """A word-wrapped label with an object name (tests and styles find it by that name)."""
    label = QLabel(text, parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    if error:
        label.setStyleSheet(ERROR_STYLE)
    return label


def with_error(parent: QWidget, field: QWidget, error: QLabel) -> QWidget:
    """A field with its message right under it (taking no room while there is none)."""
    box = QWidget(parent)
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(field)
    column.addWidget(error)
    error.hide()
    return box
