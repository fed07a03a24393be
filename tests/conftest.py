"""Shared test set-up: offscreen Qt, a fresh data folder per test, no leaked windows."""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.runtime.pyside_guard import guard_singletons

# PySide6 6.12.0 drops a reference to None/True/False on each call (see the module).
guard_singletons()

#: The business date the demo fixtures are built around (tests never read the PC clock).
DEMO_TODAY = date(2026, 11, 27)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


def _uses_qt(request: pytest.FixtureRequest) -> bool:
    return "qapp" in request.fixturenames or "qtbot" in request.fixturenames


@pytest.fixture(autouse=True)
def _collect_on_the_gui_thread(request: pytest.FixtureRequest) -> Iterator[None]:
    """A Qt test collects reference cycles on the GUI thread only, as the app does
    (desktop/runtime/gui_collector.py): a collection in a server or worker thread that
    freed a test's dialog killed the run. What the test left is collected here, on this
    thread, after its windows were closed; then automatic collection is back.

    What survives that collection is frozen (``gc.freeze``): the next one walks only what
    was made since, not the whole suite's heap again (a full collection of it took ~230 ms,
    at the end of each of ~600 Qt tests). Frozen objects are still freed by reference
    counting; only a cycle among them that becomes garbage later stays in memory, which is
    also never freed in a wrong thread."""
    if not _uses_qt(request):
        yield
        return
    from desktop.runtime.gui_collector import GuiThreadCollector

    request.getfixturevalue("qapp")
    collector = GuiThreadCollector()
    yield
    collector.stop()
    gc.collect()
    gc.freeze()


@pytest.fixture(autouse=True)
def _no_leaked_windows_or_threads(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail a test that leaves a visible top-level window or a stray thread behind."""
    threads_before = set(threading.enumerate())
    yield
    if _uses_qt(request):
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        if app is not None:
            leaked = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
            for widget in leaked:
                widget.close()
            # A quit still queued from a test that ran app.exec() (main(), last window
            # closed) would end the next test's event loops at once: run one short loop
            # that consumes it and resets Qt's quit flag.
            QTimer.singleShot(0, app.quit)
            app.exec()
            assert not leaked, f"test left windows open: {[w.objectName() for w in leaked]}"
    stray = [
        t for t in set(threading.enumerate()) - threads_before
        if t.is_alive() and not t.daemon and not t.name.startswith(("Dummy", "QThread"))
    ]
    assert not stray, f"test left threads running: {[t.name for t in stray]}"
