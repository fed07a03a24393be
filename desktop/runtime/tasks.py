"""One task runner: database work on a single worker, network work on a small pool.

Results come back to the GUI thread through queued signals; a worker never touches a
widget. A task can report progress and be cancelled; a cancelled task's result is dropped.

Workers emit on one relay object that the runner owns for its whole life, never on an
object of their own task: a worker thread must not drop the last Python reference to a
QObject. (It did: each task's signal object was released by the finished QRunnable in the
worker thread while the GUI thread was destroying the task, and the two threads freed the
same object — a segmentation fault about one run in five of the desktop tests.)
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Carries every task's answer to the GUI thread, keyed by task number."""

    finished = Signal(int, object)
    failed = Signal(int, object)
    progress = Signal(int, int, int)


class TaskControl:
    """Handed to the work function: report progress, notice cancellation."""

    def __init__(self, relay: _Relay, number: int) -> None:
        self._relay = relay
        self._number = number
        self._cancelled = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def report(self, done: int, total: int) -> None:
        self._relay.progress.emit(self._number, done, total)


class Task(QObject):
    """A handle on submitted work; lives in the GUI thread."""

    done = Signal(object)
    error = Signal(object)
    progress = Signal(int, int)

    def __init__(self, name: str, control: TaskControl, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.control = control

    def cancel(self) -> None:
        self.control._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self.control.cancelled

    def _finish(self, result: object) -> None:
        if not self.cancelled:
            self.done.emit(result)
        self.deleteLater()

    def _fail(self, exc: object) -> None:
        if not self.cancelled:
            self.error.emit(exc)
        self.deleteLater()

    def _progress(self, done: int, total: int) -> None:
        if not self.cancelled:
            self.progress.emit(done, total)


class _Runnable(QRunnable):
    def __init__(
        self, fn: Callable[[TaskControl], Any], control: TaskControl, relay: _Relay, name: str
    ) -> None:
        super().__init__()
        self._fn = fn
        self._control = control
        self._relay = relay
        self._number = control._number
        self._name = name

    def run(self) -> None:
        try:
            result = self._fn(self._control)
        except BaseException as exc:  # reported to the GUI, never lost in the thread
            log.exception("task %s failed", self._name)
            self._relay.failed.emit(self._number, exc)
        else:
            self._relay.finished.emit(self._number, result)


class TaskRunner(QObject):
    """Runs ``fn(control)`` off the GUI thread; connect to the returned task's signals."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = QThreadPool(self)
        self._db.setMaxThreadCount(1)  # SQLite writes stay ordered, never interleaved
        self._net = QThreadPool(self)
        self._net.setMaxThreadCount(4)
        # Lives as long as the runner, which outlives its workers (wait_idle at shutdown).
        self._relay = _Relay(self)
        self._relay.finished.connect(self._on_finished)
        self._relay.failed.connect(self._on_failed)
        self._relay.progress.connect(self._on_progress)
        self._tasks: dict[int, Task] = {}
        self._numbers = itertools.count(1)

    def run_db(self, name: str, fn: Callable[[TaskControl], Any]) -> Task:
        """Database work, on the single database worker."""
        return self._start(self._db, name, fn)

    def run_net(self, name: str, fn: Callable[[TaskControl], Any]) -> Task:
        """Network or other slow IO, on the network pool."""
        return self._start(self._net, name, fn)

    def _start(self, pool: QThreadPool, name: str, fn: Callable[[TaskControl], Any]) -> Task:
        number = next(self._numbers)
        control = TaskControl(self._relay, number)
        task = Task(name, control, self)
        self._tasks[number] = task
        pool.start(_Runnable(fn, control, self._relay, name))
        return task

    @Slot(int, object)
    def _on_finished(self, number: int, result: object) -> None:
        task = self._tasks.pop(number, None)
        if task is not None:
            task._finish(result)

    @Slot(int, object)
    def _on_failed(self, number: int, exc: object) -> None:
        task = self._tasks.pop(number, None)
        if task is not None:
            task._fail(exc)

    @Slot(int, int, int)
    def _on_progress(self, number: int, done: int, total: int) -> None:
        task = self._tasks.get(number)
        if task is not None:
            task._progress(done, total)

    def wait_idle(self, msecs: int = 30_000) -> bool:
        """Block until both pools are idle (shutdown and tests)."""
        return self._db.waitForDone(msecs) and self._net.waitForDone(msecs)
