"""Unhandled exceptions: write the traceback to the log, then offer the log folder.

:class:`CrashReporter` replaces ``sys.excepthook`` and ``threading.excepthook``, and while
installed routes Qt's own messages to the log too (:mod:`desktop.runtime.qt_log`). An exception
in any thread is logged at once (in the thread it happened); the dialog is shown on the GUI
thread through a queued signal, never from a worker. Only one dialog is open at a time;
later crashes are added to it. Tests call the hooks directly and hand in an ``open_folder``
that records instead of opening a file manager.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import APP_NAME
from desktop.language.i18n import Retranslating, fill
from desktop.runtime.qt_log import QtMessageLog

log = logging.getLogger(__name__)

FolderOpener = Callable[[Path], object]


def open_folder(folder: Path) -> bool:
    """Open ``folder`` in the system's file manager."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def format_exception(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> str:
    return "".join(traceback.format_exception(exc_type, exc, tb))


class CrashDialog(Retranslating, QDialog):
    """Says something went wrong, shows the traceback, offers the log folder."""

    def __init__(self, log_dir: Path, details: str, opener: FolderOpener,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.log_dir = log_dir
        self._opener = opener
        layout = QVBoxLayout(self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setObjectName("crashMessage")
        layout.addWidget(self.message)
        self.details = QPlainTextEdit(self)
        self.details.setObjectName("crashDetails")
        self.details.setReadOnly(True)
        self.details.setPlainText(details)
        self.details.setMinimumSize(560, 220)
        layout.addWidget(self.details)
        row = QHBoxLayout()
        self.open_button = QPushButton(self)
        self.open_button.setObjectName("crashOpenLogs")
        self.open_button.clicked.connect(self.open_logs)
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("crashClose")
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.accept)
        row.addStretch(1)
        row.addWidget(self.open_button)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(fill(self.tr("%1 — unexpected error"), APP_NAME))
        self.message.setText(fill(self.tr(
            "%1 hit an unexpected error. The details below were written to the log in %2. "
            "Unsent payments and edits are safe in the outbox. If this keeps happening, send "
            "the log file to support."), APP_NAME, self.log_dir))
        self.open_button.setText(self.tr("Open log folder"))
        self.close_button.setText(self.tr("Close"))

    def add_details(self, details: str) -> None:
        self.details.appendPlainText("\n" + details)

    @Slot()
    def open_logs(self) -> None:
        self._opener(self.log_dir)


class CrashReporter(QObject):
    """Install with :meth:`install`; lives in the GUI thread."""

    #: A traceback to show; emitted from any thread, handled on the GUI thread.
    crashed = Signal(str)

    def __init__(
        self,
        log_dir: Path,
        *,
        opener: FolderOpener = open_folder,
        show_dialog: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.log_dir = log_dir
        self.opener = opener
        self.show_dialog = show_dialog
        self.dialog: CrashDialog | None = None
        self.count = 0
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        self._qt_messages = QtMessageLog()
        self._installed = False
        self.crashed.connect(self._on_crashed, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        if self._installed:
            return
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook
        self._qt_messages.install()
        self._installed = True

    def uninstall(self) -> None:
        if not self._installed:
            return
        if sys.excepthook == self.excepthook:
            sys.excepthook = self._previous_hook
        if threading.excepthook == self.thread_excepthook:
            threading.excepthook = self._previous_thread_hook
        self._qt_messages.uninstall()
        self._installed = False

    def excepthook(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        """``sys.excepthook``: log, then show the dialog (Ctrl+C is passed through)."""
        if issubclass(exc_type, KeyboardInterrupt):
            self._previous_hook(exc_type, exc, tb)
            return
        self._report(format_exception(exc_type, exc, tb), threading.current_thread().name)

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        """``threading.excepthook``: the same for an exception that ended a thread."""
        if args.exc_type is SystemExit:
            return
        name = args.thread.name if args.thread is not None else "unknown thread"
        exc = args.exc_value if args.exc_value is not None else args.exc_type()
        self._report(format_exception(args.exc_type, exc, args.exc_traceback), name)

    def _report(self, text: str, thread_name: str) -> None:
        self.count += 1
        log.critical("unhandled exception in %s:\n%s", thread_name, text.rstrip())
        for handler in logging.getLogger().handlers:
            handler.flush()
        self.crashed.emit(text)

    @Slot(str)
    def _on_crashed(self, text: str) -> None:
        if not self.show_dialog or not isinstance(QApplication.instance(), QApplication):
            return
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.add_details(text)
            return
        self.dialog = CrashDialog(self.log_dir, text, self.opener)
        self.dialog.show()
        self.dialog.raise_()
