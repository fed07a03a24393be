"""Qt's own messages (warnings from widgets, plugins, painters) into the app's log file.

In the windowed Windows build there is no console, so without this a Qt warning is lost.
The handler chains to the one it replaced (pytest-qt's capture in tests), and
:meth:`QtMessageLog.uninstall` puts that one back.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


class QtMessageLog:
    """Route every Qt message to the logger ``qt.<category>`` while installed."""

    def __init__(self) -> None:
        self._previous: object = None
        self._installed = False

    def install(self) -> None:
        if not self._installed:
            self._previous = qInstallMessageHandler(self._handle)
            self._installed = True

    def uninstall(self) -> None:
        if self._installed:
            qInstallMessageHandler(self._previous)  # type: ignore[arg-type]  # None restores Qt's default
            self._installed = False

    def _handle(self, kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        category = context.category or "default"
        logger = logging.getLogger(f"qt.{category}")
        where = f" ({context.file}:{context.line}, {context.function})" if context.file else ""
        logger.log(_LEVELS.get(kind, logging.WARNING), "%s%s", message, where)
        if callable(self._previous):
            self._previous(kind, context, message)
