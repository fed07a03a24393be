"""One task runner: database work on a single worker, network work on a small pool.

Results come back to the GUI thread through queued signals; a worker never touches a
widget. A task can report progress and be cancelled; a cancelled task's result is dropped.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class TaskControl:
    """Handed to the work function: report progress, notice cancellation."""

    def __init__(self, signals: _TaskSignals) -> None:
        self._signals = signals
        self._cancelled = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def pause(self, seconds: float) -> bool:
        """Sleep up to ``seconds`` without holding the GIL; True when cancelled meanwhile."""
        return self._cancelled.wait(seconds)

    def report(self, done: int, total: int) -> None:
        self._signals.progress.emit(done, total)


class _TaskSignals(QObject):
    finished = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int)


class Task(QObject):
    """A handle on submitted work; lives in the GUI thread."""

    done = Signal(object)
    error = Signal(object)
    progress = Signal(int, int)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._signals = _TaskSignals()
        self.control = TaskControl(self._signals)
        self.finished = False
        self._signals.finished.connect(self._on_finished)
        self._signals.failed.connect(self._on_failed)
        self._signals.progress.connect(self._on_progress)

    def cancel(self) -> None:
        self.control._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self.control.cancelled

    @Slot(object)
    def _on_finished(self, result: object) -> None:
        self.finished = True
        if not self.cancelled:
            self.done.emit(result)
        self.deleteLater()

    @Slot(object)
    def _on_failed(self, exc: object) -> None:
        self.finished = True
        if not self.cancelled:
            self.error.emit(exc)
        self.deleteLater()

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        if not self.cancelled:
            self.progress.emit(done, total)


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[TaskControl], Any], task: Task) -> None:
        super().__init__()
        self._fn = fn
        self._signals = task._signals
        self._control = task.control
        self._name = task.name

    def run(self) -> None:
        try:
            result = self._fn(self._control)
        except BaseException as exc:  # reported to the GUI, never lost in the thread
            log.exception("task %s failed", self._name)
            self._signals.failed.emit(exc)
        else:
            self._signals.finished.emit(result)


class TaskRunner(QObject):
    """Runs ``fn(control)`` off the GUI thread; connect to the returned task's signals."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = QThreadPool(self)
        self._db.setMaxThreadCount(1)  # SQLite writes stay ordered, never interleaved
        self._net = QThreadPool(self)
        self._net.setMaxThreadCount(4)

    def run_db(self, name: str, fn: Callable[[TaskControl], Any]) -> Task:
        """Database work, on the single database worker."""
        return self._start(self._db, name, fn)

    def run_net(self, name: str, fn: Callable[[TaskControl], Any]) -> Task:
        """Network or other slow IO, on the network pool."""
        return self._start(self._net, name, fn)

    def _start(self, pool: QThreadPool, name: str, fn: Callable[[TaskControl], Any]) -> Task:
        task = Task(name, self)
        pool.start(_Runnable(fn, task))
        return task

    def wait_idle(self, msecs: int = 30_000) -> bool:
        """Block until both pools are idle (shutdown and tests)."""
        return self._db.waitForDone(msecs) and self._net.waitForDone(msecs)
