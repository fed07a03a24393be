"""Small pieces the payment windows share: a named label (red for a field's message), a
field with its message right under it, a named button, a date field."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QBoxLayout, QDateEdit, QLabel, QPushButton, QVBoxLayout, QWidget

ERROR_STYLE = "color: #b00020;"
#: Room left for the window frame and the task bar when sizing a window to the screen.
FRAME_ALLOWANCE = 40


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


def named_button(parent: QWidget, name: str, slot: Callable[[], object],
                 row: QBoxLayout | None = None) -> QPushButton:
    """A button with an object name whose text the window sets (and sets again in another
    language); Enter in a field never presses it. Added to ``row`` when given."""
    button = QPushButton(parent)
    button.setObjectName(name)
    button.setAutoDefault(False)
    button.clicked.connect(slot)
    if row is not None:
        row.addWidget(button)
    return button


def date_edit(parent: QWidget, name: str, day: date) -> QDateEdit:
    """A date field with a calendar, shown as the counter writes dates (dd-MM-yyyy)."""
    edit = QDateEdit(QDate(day.year, day.month, day.day), parent)
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd-MM-yyyy")
    edit.setMinimumWidth(120)
    return edit


def fit_to_screen(window: QWidget, wanted: QSize) -> None:
    """``wanted``, but never wider or taller than the screen's free area (a 1366×768 branch
    PC); what does not fit scrolls."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        room = screen.availableGeometry().size() - QSize(FRAME_ALLOWANCE, FRAME_ALLOWANCE)
        wanted = wanted.boundedTo(room)
    window.resize(wanted)
