"""Where the app keeps its files (per user; overridable with --data-dir)."""

from __future__ import annotations

from pathlib import Path

import platformdirs

from desktop import APP_NAME, ORG_NAME


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, ORG_NAME))


def log_dir(data_dir: Path | None) -> Path:
    """Logs beside the data when a data folder was given, else the user log folder."""
    if data_dir is not None:
        return data_dir / "logs"
    return Path(platformdirs.user_log_dir(APP_NAME, ORG_NAME))
