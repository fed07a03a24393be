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
from desktop.language.i18n import Retranslating, fill
from desktop.runtime.bundled_resources import app_icon

SERVER_KEY = "sync/server"  # the sync session's setting (desktop.sync.session.SERVER_SETTING)


def server_url(settings: QSettings) -> str:
    return str(settings.value(SERVER_KEY, "", str) or "")


class AboutDialog(Retranslating, QDialog):
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
        self.setWindowIcon(app_icon())
        self.server = server_url(settings)
        layout = QVBoxLayout(self)
        title = QLabel(f"<h2>{APP_NAME}</h2>", self)
        title.setObjectName("aboutTitle")
        layout.addWidget(title)
        self.form = QFormLayout()
        rows = [
            (__version__, "aboutVersion"),
            ("", "aboutServer"),
            (str(data_dir) if data_dir else "—", "aboutDataDir"),
            (str(log_dir) if log_dir else "—", "aboutLogDir"),
            (f"Python {platform.python_version()}, Qt {qVersion()}, PySide6 {pyside_version}",
             "aboutRuntime"),
            ("", "aboutFrozen"),
        ]
        self.values: dict[str, QLabel] = {}
        for value, name in rows:
            label = QLabel(value, self)
            label.setObjectName(name)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
            self.form.addRow(QLabel(self), label)
            self.values[name] = label
        layout.addLayout(self.form)
        buttons = QDialogButtonBox(self)
        self.close_button = buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.close_button.setObjectName("aboutClose")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(fill(self.tr("About %1"), APP_NAME))
        captions = {
            "aboutVersion": self.tr("Version"),
            "aboutServer": self.tr("Server"),
            "aboutDataDir": self.tr("Data folder"),
            "aboutLogDir": self.tr("Log folder"),
            "aboutRuntime": self.tr("Built with"),
            "aboutFrozen": self.tr("Frozen build"),
        }
        for name, caption in captions.items():
            label = self.form.labelForField(self.values[name])
            if isinstance(label, QLabel):
                label.setText(caption)
        self.values["aboutServer"].setText(
            self.server or self.tr("Not set (demo or not signed in yet)"))
        self.values["aboutFrozen"].setText(
            self.tr("yes") if getattr(sys, "frozen", False) else self.tr("no"))
        self.close_button.setText(self.tr("Close"))
