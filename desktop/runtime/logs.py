"""Logging to a rotating file in the user's log folder (no ``print`` in the app)."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_FILE = "partner-desk.log"
_FORMAT = "%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"


def setup_logging(folder: Path, level: int = logging.INFO) -> Path:
    """Send the root logger to ``folder/partner-desk.log`` (5 × 2 MB); return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_FILE
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_partner_desk", False):
            root.removeHandler(handler)
            handler.close()
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler._partner_desk = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    return path


def current_log_folder() -> Path | None:
    """The folder of the log file :func:`setup_logging` opened, if any."""
    for handler in logging.getLogger().handlers:
        if getattr(handler, "_partner_desk", False):
            return Path(handler.baseFilename).parent  # type: ignore[attr-defined]
    return None
