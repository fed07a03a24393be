"""The crash hook logs the traceback and offers the log folder, without blocking."""

from __future__ import annotations

import logging
import sys
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from desktop.runtime.crash import CrashReporter
from desktop.runtime.logs import LOG_FILE, setup_logging
from desktop.runtime.pyside_guard import guard_singletons

# PySide6 6.12.0 on Python 3.11 leaks references to None/True/False (see that module).
guard_singletons()

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")



@pytest.fixture(autouse=True)
def _usable_event_loop(qapp):
    """An earlier test that calls quit() after exec() returned leaves Qt's quitNow flag set,
    and then every event loop (qtbot.wait*) returns at once; one exec() clears it."""
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, qapp.quit)
    qapp.exec()

@pytest.fixture
def reporter(qapp, data_dir):
    log_dir = data_dir / "logs"
    setup_logging(log_dir)
    opened = []
    crash = CrashReporter(log_dir, opener=opened.append)
    crash.opened = opened
    crash.install()
    yield crash
    crash.uninstall()
    if crash.dialog is not None:
        crash.dialog.close()
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_partner_desk", False):
            root.removeHandler(handler)
            handler.close()


def _raise_and_hook(message):
    try:
        raise RuntimeError(message)
    except RuntimeError:
        sys.excepthook(*sys.exc_info())


def test_gui_thread_exception_is_logged_and_shown(qtbot, reporter, data_dir):
    assert sys.excepthook == reporter.excepthook
    _raise_and_hook("boom in a slot")
    log_text = (data_dir / "logs" / LOG_FILE).read_text()
    assert "unhandled exception" in log_text
    assert "RuntimeError: boom in a slot" in log_text and "Traceback" in log_text
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    assert "boom in a slot" in reporter.dialog.details.toPlainText()
    qtbot.mouseClick(reporter.dialog.findChild(QPushButton, "crashOpenLogs"),
                     Qt.MouseButton.LeftButton)
    assert reporter.opened == [data_dir / "logs"]
    qtbot.mouseClick(reporter.dialog.findChild(QPushButton, "crashClose"),
                     Qt.MouseButton.LeftButton)
    assert not reporter.dialog.isVisible()


def test_worker_thread_exception_reaches_the_gui_thread(qtbot, reporter, data_dir):
    assert threading.excepthook == reporter.thread_excepthook

    def work():
        raise ValueError("boom in a worker")

    thread = threading.Thread(target=work, name="worker-1")
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    assert "boom in a worker" in reporter.dialog.details.toPlainText()
    assert "worker-1" in (data_dir / "logs" / LOG_FILE).read_text()


def test_second_crash_is_added_to_the_open_dialog(qtbot, reporter):
    _raise_and_hook("first")
    qtbot.waitUntil(lambda: reporter.dialog is not None)
    dialog = reporter.dialog
    _raise_and_hook("second")
    qtbot.waitUntil(lambda: "second" in dialog.details.toPlainText())
    assert reporter.dialog is dialog and reporter.count == 2


def test_uninstall_restores_the_previous_hooks(qapp, data_dir):
    before, before_thread = sys.excepthook, threading.excepthook
    crash = CrashReporter(data_dir, show_dialog=False)
    crash.install()
    assert sys.excepthook != before
    crash.uninstall()
    assert sys.excepthook == before and threading.excepthook == before_thread


@pytest.mark.qt_log_ignore("a Qt warning ")
def test_qt_warnings_reach_the_log_file(qtbot, reporter, data_dir):
    """In the windowed Windows build there is no console: Qt's own warnings must be logged."""
    from PySide6.QtCore import qWarning

    qWarning("a Qt warning for the log file")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = (data_dir / "logs" / LOG_FILE).read_text(encoding="utf-8")
    assert "WARNING" in text
    assert "a Qt warning for the log file" in text
    reporter.uninstall()
    qWarning("a Qt warning after uninstall")
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "after uninstall" not in (data_dir / "logs" / LOG_FILE).read_text(encoding="utf-8")
