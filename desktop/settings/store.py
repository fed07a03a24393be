"""Typed access to the user's settings (QSettings)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from desktop import APP_NAME, ORG_NAME


def open_settings(data_dir: Path | None) -> QSettings:
    """Settings in the data folder when one is given (tests, portable installs), else the
    platform's place (the registry on Windows)."""
    if data_dir is not None:
        return QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat)
    return QSettings(ORG_NAME, APP_NAME)


def setting_int(settings: QSettings, key: str, default: int) -> int:
    """An integer setting; ``default`` when it is missing or not a whole number."""
    value = settings.value(key, default)
    try:
        return int(str(value))
    except ValueError:
        return default



def setting_bytes(settings: QSettings, key: str) -> QByteArray | None:
    """A saved Qt state (geometry, splitter, header); None when there is none."""
    value = settings.value(key, None, QByteArray)
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def setting_str(settings: QSettings, key: str, default: str = "") -> str:
    """A text setting; ``default`` when it is missing."""
    value = settings.value(key, default)
    return default if value is None else str(value)
