"""The window shown at start when the outbox file cannot be used.

The outbox keeps payments and edits until head office has them, so it is never thrown away
(:mod:`db.outbox_file`). When it is damaged, or a newer version of the app wrote it, the
app says so in plain words, names the file, offers its folder, and stops: nothing is
changed and no window over an empty outbox lets a cashier take money that could not be
kept.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from db.outbox import OutboxUnreadable
from desktop import APP_NAME
from desktop.language.i18n import fill
from desktop.runtime.crash import FolderOpener, open_folder


def outbox_unreadable_text(exc: OutboxUnreadable, log_dir: Path) -> str:
    """What the window says, in the interface language."""
    if exc.newer:
        text = QCoreApplication.translate(
            "OutboxUnreadable",
            "A newer version of %1 wrote the outbox, the file that keeps payments and edits "
            "until head office has them:\n%2\n\nThis version cannot use it. It may hold "
            "payments head office does not have yet, so it has not been changed. Install "
            "the newer version again, or call support. Details are in the log in %3.")
    else:
        text = QCoreApplication.translate(
            "OutboxUnreadable",
            "%1 cannot open its outbox, the file that keeps payments and edits until head "
            "office has them:\n%2\n\nThe file is damaged. It may hold payments head office "
            "does not have yet, so it has not been changed or deleted. Do not delete it: "
            "copy it somewhere safe and call support. Details are in the log in %3.")
    return fill(text, APP_NAME, exc.path, log_dir)


def show_outbox_unreadable(exc: OutboxUnreadable, log_dir: Path,
                           opener: FolderOpener = open_folder,
                           parent: QWidget | None = None) -> None:
    """Show ``outboxUnreadable`` (modal) until it is closed; its "Open folder" button opens
    the outbox's folder and keeps the window."""
    box = QMessageBox(parent)
    box.setObjectName("outboxUnreadable")
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(APP_NAME)
    box.setText(outbox_unreadable_text(exc, log_dir))
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # copy the path
    folder = box.addButton(QCoreApplication.translate("OutboxUnreadable", "Open folder"),
                           QMessageBox.ButtonRole.ActionRole)
    folder.setObjectName("outboxOpenFolder")
    folder.clicked.disconnect()  # an action button would close the box
    folder.clicked.connect(lambda: opener(exc.path.parent))
    close = box.addButton(QCoreApplication.translate("OutboxUnreadable", "Close"),
                          QMessageBox.ButtonRole.RejectRole)
    close.setObjectName("outboxClose")
    box.setDefaultButton(close)
    box.exec()
