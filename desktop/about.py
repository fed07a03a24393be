"""Help → About: the version, the server this desk talks to, and where its files are."""

from __future__ import annotations

import platform
import sys
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QSettings, Qt, qVersion
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop import APP_NAME, __version__
from desktop.resource_paths import app_icon

SERVER_KEY = "sync/server"  # the sync session's setting (desktop.sync.session.SERVER_SETTING)


def server_url(settings: QSettings) -> str:
    return str(settings.value(SERVER_KEY, "", str) or "")


class AboutDialog(QDialog):
    def __init__(
        self,
        settings: QSettings,
        *,
        data_dir: Path | None = None,
        log_dir: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(f"About {APP_NAME}")
        self.setWindowIcon(app_icon())
        layout = QVBoxLayout(self)
        title = QLabel(f"<h2>{APP_NAME}</h2>", self)
        layout.addWidget(title)
        form = QFormLayout()
        server = server_url(settings) or "Not set (demo or not signed in yet)"
        rows = [
            ("Version", __version__, "aboutVersion"),
            ("Server", server, "aboutServer"),
            ("Data folder", str(data_dir) if data_dir else "—", "aboutDataDir"),
            ("Log folder", str(log_dir) if log_dir else "—", "aboutLogDir"),
            ("Built with", f"Python {platform.python_version()}, Qt {qVersion()}, "
                           f"PySide6 {pyside_version}", "aboutRuntime"),
            ("Frozen build", "yes" if getattr(sys, "frozen", False) else "no", "aboutFrozen"),
        ]
        for caption, value, name in rows:
            label = QLabel(value, self)
            label.setObjectName(name)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
            form.addRow(caption, label)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
