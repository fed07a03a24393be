"""Shared by the Tamil tests: switch the test QApplication's language, always back after."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtWidgets import QApplication

from desktop.language.fonts import register_app_fonts
from desktop.language.i18n import ENGLISH, TAMIL, set_language


@contextmanager
def tamil(app: QApplication) -> Iterator[None]:
    """The app in Tamil (with the shipped font) for the block; English again after."""
    register_app_fonts()
    set_language(app, TAMIL)
    try:
        yield
    finally:
        set_language(app, ENGLISH)


def has_tamil(text: str) -> bool:
    return any("\u0b80" <= ch <= "\u0bff" for ch in text)
