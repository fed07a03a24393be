"""Typed access to the user's settings (QSettings)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

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

