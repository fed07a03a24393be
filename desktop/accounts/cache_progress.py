"""The status bar's account count label and the progress of filling the local copy (an initial
sync, or ``--demo``'s demo accounts), owned by the main window.

The texts keep the ``MainWindow`` translation context.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Slot
from PySide6.QtWidgets import QProgressBar

from demo.data import generate
from desktop.language.i18n import fill
from desktop.runtime.context import AppContext
from desktop.runtime.tasks import TaskControl
from desktop.widgets.steady_label import SteadyLabel

if TYPE_CHECKING:
    from desktop.accounts.main_window import MainWindow


def _generate_demo(ctx: AppContext, accounts: int, control: TaskControl) -> object:
    with ctx.cache_engine.connect() as conn:
        if conn.exec_driver_sql("SELECT 1 FROM accounts LIMIT 1").first():
            return None  # the cache already has accounts
    return generate(ctx.cache_engine, accounts, today=ctx.today(), progress=control.report)


class CacheProgress(QObject):
    """``cacheProgress`` and ``rowCount`` in the window's status bar, and the demo fill.

    ``changed`` is called whenever the bar shows or hides (the empty page words itself by
    whether the copy is still filling)."""

    def __init__(self, window: MainWindow, ctx: AppContext, changed: Callable[[], None]) -> None:
        super().__init__(window)
        self._window = window
        self._ctx = ctx
        self._changed = changed
        bar = window.statusBar()
        self.bar = QProgressBar(window)
        self.bar.setObjectName("cacheProgress")
        self.bar.setMaximumWidth(220)
        self.bar.hide()
        bar.addPermanentWidget(self.bar)
        self.count_label = SteadyLabel(window)  # a new text every change: repaints alone
        self.count_label.setObjectName("rowCount")
        bar.addPermanentWidget(self.count_label)

    @property
    def filling(self) -> bool:
        return self.bar.isVisible()

    def show(self, done: int, total: int, label: str) -> None:
        """Show (or, once ``done >= total``, hide) the cache-filling progress."""
        status = self._window.statusBar()
        if total <= 0 or done >= total:
            self.bar.hide()
            if status.currentMessage() == self.bar.toolTip():
                status.clearMessage()
            self._changed()
            return
        self.bar.setRange(0, total)
        self.bar.setValue(max(0, done))
        self.bar.setFormat(f"{label} %p%" if label else "%p%")
        self.bar.setToolTip(label)
        self.bar.show()
        if label:
            status.showMessage(label)
        self._changed()

    def fill_demo(self, accounts: int) -> None:
        """Fill an empty cache with demo data off the GUI thread, showing progress."""
        self.show(0, accounts, QCoreApplication.translate(
            "MainWindow", "Preparing demo accounts…"))
        task = self._ctx.tasks.run_db("demo data", partial(_generate_demo, self._ctx, accounts))
        task.progress.connect(self._on_demo_progress)
        task.done.connect(self._on_demo_done)
        task.error.connect(self._on_demo_error)

    @Slot(int, int)
    def _on_demo_progress(self, done: int, total: int) -> None:
        self.show(done, total, QCoreApplication.translate(
            "MainWindow", "Preparing demo accounts…"))

    @Slot(object)
    def _on_demo_done(self, _summary: object) -> None:
        self.show(1, 1, "")
        self._window.statusBar().clearMessage()
        self._window.refresh()

    @Slot(object)
    def _on_demo_error(self, exc: object) -> None:
        self.show(1, 1, "")
        self._window.statusBar().showMessage(fill(QCoreApplication.translate(
            "MainWindow", "Demo data could not be prepared: %1"), exc))
