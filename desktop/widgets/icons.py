"""Icons as plain SVG files under ``resources/icons`` found through ``QDir`` search paths."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from PySide6.QtCore import QDir
from PySide6.QtGui import QIcon

PREFIX = "icons"


def icons_dir() -> Path:
    """``resources/icons`` from a source tree or a PyInstaller bundle (``sys._MEIPASS``)."""
    bundle = getattr(sys, "_MEIPASS", None)
    root = Path(bundle) if bundle else Path(__file__).resolve().parent.parent.parent
    return root / "resources" / "icons"


@cache
def _registered() -> bool:
    QDir.addSearchPath(PREFIX, str(icons_dir()))
    return True


def icon(name: str) -> QIcon:
    """``icon("tag")`` → ``resources/icons/tag.svg`` (an empty icon if it is missing)."""
    _registered()
    return QIcon(f"{PREFIX}:{name}.svg")
