"""Exporting the account table from the main window: the save dialog, the progress
dialog, the export on the database worker, and what the status bar says at the end.

What is written is ``desktop.accounts.export``'s; this module only runs it for the window
(one export at a time) and reports. The texts keep the ``MainWindow`` translation context.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QProgressDialog

from billing.money import format_count
from db.overlay import PendingPayments
from desktop.accounts.export import ExportCancelled, ExportFormat, ExportResult, export_accounts
from desktop.language.i18n import fill
from desktop.runtime.context import AppContext
from desktop.runtime.tasks import Task, TaskControl

if TYPE_CHECKING:
    from desktop.accounts.main_window import MainWindow


def _export_job(
    ctx: AppContext, rowids: Any, pending: dict[int, PendingPayments], path: Path,
    control: TaskControl,
) -> ExportResult | None:
    try:
        return export_accounts(
            ctx.cache_engine, rowids, pending, path, control, zone=ctx.business_zone
        )
    except ExportCancelled:
        return None


class ExportRunner(QObject):
    """Runs one export of the rows the window's table shows."""

    #: An export finished: ExportResult, an exception, or ExportCancelled.
    finished = Signal(object)

    def __init__(self, window: MainWindow, ctx: AppContext) -> None:
        super().__init__(window)
        self._window = window
        self._ctx = ctx
        self._task: Task | None = None
        self._dialog: QProgressDialog | None = None

    @property
    def running(self) -> bool:
        return self._task is not None

    def _say(self, text: str, ms: int = 0) -> None:
        self._window.statusBar().showMessage(text, ms)

    @Slot()
    def ask_csv(self) -> None:
        self.ask(ExportFormat.CSV)

    @Slot()
    def ask_xlsx(self) -> None:
        self.ask(ExportFormat.XLSX)

    def ask(self, fmt: ExportFormat) -> None:
        """Ask where to save, then export there."""
        start = str(Path.home() / f"accounts{fmt.suffix}")
        name, _ = QFileDialog.getSaveFileName(
            self._window, QCoreApplication.translate("MainWindow", "Export accounts"), start,
            f"{fmt.label} (*{fmt.suffix})",
        )
        if name:
            path = Path(name)
            if path.suffix.lower() != fmt.suffix:
                path = path.with_name(path.name + fmt.suffix)
            self.export_to(path)

    def export_to(self, path: Path) -> Task | None:
        """Export the rows the table shows, in its order, to ``path`` (.csv or .xlsx)."""
        model = self._window.model
        rowids = model.ordered_rowids()
        if rowids is None:
            self._say(QCoreApplication.translate(
                "MainWindow", "The list is still loading; export in a moment."), 5000)
            return None
        if self._task is not None:
            self._say(QCoreApplication.translate(
                "MainWindow", "An export is already running."), 5000)
            return None
        dialog = QProgressDialog(
            fill(QCoreApplication.translate("MainWindow", "Exporting %1 accounts…"),
                 format_count(len(rowids))),
            QCoreApplication.translate("MainWindow", "Cancel"), 0, max(1, len(rowids)),
            self._window)
        dialog.setObjectName("exportProgress")
        dialog.setWindowTitle(QCoreApplication.translate("MainWindow", "Export"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setValue(0)
        task = self._ctx.tasks.run_db(
            "export accounts",
            partial(_export_job, self._ctx, rowids, model.pending_snapshot(), Path(path)),
        )
        task.progress.connect(self._on_progress)
        task.done.connect(self._on_done)
        task.error.connect(self._on_error)
        dialog.canceled.connect(self._on_cancel)
        self._task = task
        self._dialog = dialog
        return task

    def stop(self) -> None:
        """The window closes: cancel a running export (its half-written file goes)."""
        if self._task is not None:
            self._task.cancel()
            self._end()

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        if self._dialog is not None:
            self._dialog.setMaximum(max(1, total))
            self._dialog.setValue(done)

    def _end(self) -> None:
        self._task = None
        if self._dialog is not None:
            self._dialog.canceled.disconnect(self._on_cancel)
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None

    @Slot(object)
    def _on_done(self, result: ExportResult | None) -> None:
        self._end()
        if result is not None:
            self._say(fill(QCoreApplication.translate("MainWindow", "Exported %1 accounts to %2"),
                           format_count(result.rows), result.path), 10_000)
        self.finished.emit(result)

    @Slot(object)
    def _on_error(self, exc: object) -> None:
        self._end()
        self._say(fill(QCoreApplication.translate("MainWindow", "Export failed: %1"), exc),
                  15_000)
        self.finished.emit(exc)

    @Slot()
    def _on_cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
        self._end()
        self._say(QCoreApplication.translate(
            "MainWindow", "Export cancelled; no file was written."), 10_000)
        self.finished.emit(ExportCancelled())
