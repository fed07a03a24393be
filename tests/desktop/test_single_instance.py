"""One instance per data folder; a second start raises the first and says it should exit."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from desktop.runtime.pyside_guard import guard_singletons
from desktop.runtime.single_instance import LOCK_FILE, SingleInstance, server_name

# PySide6 6.12.0 on Python 3.11 leaks references to None/True/False (see that module).
guard_singletons()



@pytest.fixture(autouse=True)
def _usable_event_loop(qapp):
    """An earlier test that calls quit() after exec() returned leaves Qt's quitNow flag set,
    and then every event loop (qtbot.wait*) returns at once; one exec() clears it."""
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, qapp.quit)
    qapp.exec()

def test_second_start_raises_the_first(qtbot, data_dir):
    first = SingleInstance(data_dir)
    second = SingleInstance(data_dir)
    try:
        assert first.acquire()
        assert first.is_primary
        with qtbot.waitSignal(first.raise_requested, timeout=3000):
            assert not second.acquire(notify_timeout_ms=1000)
        assert not second.is_primary
    finally:
        second.release()
        first.release()
    third = SingleInstance(data_dir)
    try:
        assert third.acquire()  # free again once the first has gone
    finally:
        third.release()


def test_other_data_folders_run_side_by_side(qtbot, tmp_path):
    a, b = SingleInstance(tmp_path / "a"), SingleInstance(tmp_path / "b")
    try:
        assert server_name(tmp_path / "a") != server_name(tmp_path / "b")
        assert a.acquire() and b.acquire()
    finally:
        a.release()
        b.release()


def test_a_crashed_owner_does_not_block_the_next_start(qtbot, data_dir):
    # A process that takes the lock and dies without releasing it.
    script = textwrap.dedent(f"""
        import os
        from pathlib import Path
        from PySide6.QtCore import QLockFile
        lock = QLockFile(str(Path({str(data_dir)!r}) / {LOCK_FILE!r}))
        assert lock.tryLock(0)
        os._exit(0)
    """)
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)
    assert (data_dir / LOCK_FILE).exists()
    instance = SingleInstance(data_dir)
    try:
        assert instance.acquire(notify_timeout_ms=200)
    finally:
        instance.release()


@pytest.mark.qt_log_ignore("This plugin does not support (raise|activateWindow|requestActivate)")
def test_bring_to_front_shows_a_minimised_window(qtbot):
    from PySide6.QtWidgets import QWidget

    from desktop.runtime.single_instance import bring_to_front

    window = QWidget()
    qtbot.addWidget(window)
    window.showMinimized()
    bring_to_front(window)
    assert window.isVisible() and not window.isMinimized()
    window.close()


@pytest.mark.qt_log_ignore("This plugin does not support (raise|activateWindow|requestActivate)")
def test_follow_raises_the_window_a_second_start_asks_for(qtbot, data_dir):
    from PySide6.QtWidgets import QWidget

    window = QWidget()
    qtbot.addWidget(window)
    first = SingleInstance(data_dir)
    try:
        assert first.acquire()
        first.follow(lambda: window)
        window.showMinimized()
        with qtbot.waitSignal(first.raise_requested, timeout=3000):
            assert not SingleInstance(data_dir).acquire(notify_timeout_ms=1000)
        qtbot.waitUntil(lambda: window.isVisible() and not window.isMinimized())
    finally:
        first.release()
        window.close()
