"""The branch's due list (``dueList``): suspended today, suspending tomorrow, and postpaid
invoices in their last days of grace, each with one click to take the payment.

Dates come from ``billing.lifecycle`` on ``ctx.today()`` (``db.payments_local.due_list``);
an account whose pending payment already settles it drops off the list.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from billing.money import format_inr
from billing.phone import format_mobile
from db.payments_local import DueRow, due_list
from desktop.context import AppContext
from desktop.payments.flow import start_payment
from desktop.tasks import TaskControl

COLUMNS = [
    "Due", "Account ID", "Name", "Mobile", "Type", "Balance", "Suspends on", "Why", "",
]
COL_BALANCE = 5
COL_ACTION = len(COLUMNS) - 1


def _due_job(ctx: AppContext, _control: TaskControl) -> list[DueRow]:
    return due_list(ctx.cache_engine, ctx.outbox, ctx.user.branch_id, ctx.today())


class DueListWindow(QWidget):
    refreshed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.ctx = ctx
        self.rows: list[DueRow] = []
        self.setObjectName("dueList")
        self.setWindowTitle(f"Due list — {ctx.today():%d %b %Y}")
        self.summary = QLabel("Loading…", self)
        self.summary.setObjectName("dueSummary")
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("dueTable")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(28)
        refresh = QPushButton("&Refresh", self)
        refresh.setObjectName("refreshDueList")
        refresh.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(refresh)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        self.resize(1100, 520)
        ctx.events.accounts_changed.connect(self._on_accounts_changed)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        task = self.ctx.tasks.run_db("due list", partial(_due_job, self.ctx))
        task.done.connect(self._on_rows)
        task.error.connect(self._on_error)

    @Slot(list)
    def _on_accounts_changed(self, _ids: list) -> None:
        self.refresh()

    @Slot(object)
    def _on_error(self, exc: object) -> None:
        self.summary.setText(f"Could not build the due list: {exc}")

    @Slot(object)
    def _on_rows(self, rows: object) -> None:
        assert isinstance(rows, list)
        self.rows = rows
        self.table.setRowCount(len(rows))
        counts: dict[str, int] = {}
        for i, row in enumerate(rows):
            counts[row.category] = counts.get(row.category, 0) + 1
            values = [
                row.category, str(row.account_id), row.name, format_mobile(row.mobile),
                "Prepaid" if row.prepaid else "Postpaid", format_inr(row.balance_paise),
                f"{row.key_date:%d %b %Y}", row.detail,
            ]
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, row.account_id)
                if col == COL_BALANCE:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(i, col, item)
            button = QPushButton(f"Take {row.option.label.lower()}", self.table)
            button.setObjectName(f"takePayment-{row.account_id}")
            button.setProperty("row", i)
            button.clicked.connect(self._on_take)
            self.table.setCellWidget(i, COL_ACTION, button)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(7, QHeaderView.ResizeMode.Stretch)
        parts = [f"{counts.get(c, 0)} {c.lower()}" for c in
                 ("Suspended today", "Suspending tomorrow", "Last days of grace")]
        self.summary.setText(" · ".join(parts) if rows else "Nothing due today.")
        self.refreshed.emit()

    def take_payment(self, account_id: int) -> None:
        """What the row's button does: open the payment for that account."""
        for row in self.rows:
            if row.account_id == account_id:
                start_payment(self.ctx, account_id, row.option, self)
                return
        raise LookupError(f"account {account_id} is not on the due list")

    @Slot()
    def _on_take(self) -> None:
        button = self.sender()
        index = int(button.property("row")) if button is not None else -1
        if 0 <= index < len(self.rows):
            self.take_payment(self.rows[index].account_id)
