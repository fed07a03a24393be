"""The Manage Account main window (the full sidebar and table are issue 3's)."""

from __future__ import annotations

import logging
from functools import partial

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QLabel, QMainWindow, QProgressBar, QTableView

from db.demo_data import generate
from desktop import APP_NAME
from desktop.accounts_table_model import AccountsTableModel
from desktop.context import AppContext
from desktop.tasks import TaskControl

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("mainWindow")
        self.setWindowTitle(f"Manage Account — {APP_NAME}")
        self.model = AccountsTableModel(ctx.cache_engine, self)
        self.table = QTableView(self)
        self.table.setObjectName("accountTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.verticalHeader().hide()
        self.setCentralWidget(self.table)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("rowCount")
        self.statusBar().addPermanentWidget(self.count_label)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("cacheProgress")
        self.progress.hide()
        self.statusBar().addWidget(self.progress)
        self.resize(1100, 700)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        self.model.reload()
        self.count_label.setText(f"{self.model.rowCount():,} accounts")

    def ensure_demo_data(self, accounts: int) -> None:
        """Fill an empty cache with demo data off the GUI thread, showing progress."""
        if self.model.rowCount() > 0:
            return
        self.progress.setRange(0, accounts)
        self.progress.show()
        self.statusBar().showMessage("Preparing demo accounts…")
        task = self.ctx.tasks.run_db(
            "demo data", partial(_generate_demo, self.ctx, accounts)
        )
        task.progress.connect(self._on_demo_progress)
        task.done.connect(self._on_demo_done)
        task.error.connect(self._on_demo_error)

    @Slot(int, int)
    def _on_demo_progress(self, done: int, total: int) -> None:
        self.progress.setValue(done)

    @Slot(object)
    def _on_demo_done(self, _summary: object) -> None:
        self.progress.hide()
        self.statusBar().clearMessage()
        self.refresh()

    @Slot(object)
    def _on_demo_error(self, exc: object) -> None:
        self.progress.hide()
        self.statusBar().showMessage(f"Demo data could not be prepared: {exc}")


def _generate_demo(ctx: AppContext, accounts: int, control: TaskControl) -> object:
    return generate(ctx.cache_engine, accounts, today=ctx.today(), progress=control.report)
