"""Where the plain resource files (icons, style sheets) are, from source and when frozen.

Resources are ordinary files under ``resources/`` (no compiled ``.qrc``), found through the
Qt search path ``res:`` (``QIcon("res:app.png")``). In a PyInstaller build they sit in the
bundle folder (``sys._MEIPASS``); ``build.spec`` lists them in ``datas``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QDir
from PySide6.QtGui import QIcon

APP_ICON_PNG = "app.png"
APP_ICON_ICO = "app.ico"
KIOSK_STYLE = "kiosk.qss"


def resource_dir() -> Path:
    """The folder holding the resource files."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def register_search_path() -> Path:
    """Make ``res:NAME`` find resource files; returns the folder."""
    folder = resource_dir()
    QDir.setSearchPaths("res", [str(folder)])
    return folder


def resource_path(name: str) -> Path:
    """The path of one resource file; :class:`FileNotFoundError` when it is missing."""
    path = resource_dir() / name
    if not path.is_file():
        raise FileNotFoundError(f"resource file missing: {path}")
    return path


def read_text(name: str) -> str:
    return resource_path(name).read_text(encoding="utf-8")


def app_icon() -> QIcon:
    """The application icon (an empty icon if the file is missing; the self-check fails)."""
    path = resource_dir() / APP_ICON_PNG
    return QIcon(str(path)) if path.is_file() else QIcon()
