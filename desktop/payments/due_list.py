"""The branch's due list (``dueList``): suspended today, suspending tomorrow, and postpaid
invoices in their last days of grace, each with one click to take the payment.

Dates come from ``billing.lifecycle`` on ``ctx.today()`` (``db.due_list_query.due_list``);
an account whose pending payment already settles it drops off the list.
"""

from __future__ import annotations

from datetime import date
from functools import partial

from PySide6.QtCore import QEvent, Qt, Signal, Slot
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
from db.due_list_query import DueCategory, DueRow, due_list
from desktop.detail.format import format_date, option_text, plan_type_text
from desktop.language.i18n import QT_TRANSLATE_NOOP, fill, is_language_change
from desktop.payments.flow import start_payment
from desktop.payments.messages import error_text, message_text
from desktop.runtime.context import AppContext
from desktop.runtime.tasks import TaskControl

COLUMNS = [
    QT_TRANSLATE_NOOP("DueListWindow", "Due"), QT_TRANSLATE_NOOP("DueListWindow", "Account ID"),
    QT_TRANSLATE_NOOP("DueListWindow", "Name"), QT_TRANSLATE_NOOP("DueListWindow", "Mobile"),
    QT_TRANSLATE_NOOP("DueListWindow", "Type"), QT_TRANSLATE_NOOP("DueListWindow", "Balance"),
    QT_TRANSLATE_NOOP("DueListWindow", "Suspends on"), QT_TRANSLATE_NOOP("DueListWindow", "Why"),
    "",
]
#: The list's groups as shown (``db.due_list_query.DueCategory`` holds the English values).
CATEGORIES = {
    DueCategory.SUSPENDED_TODAY: QT_TRANSLATE_NOOP("DueListWindow", "Suspended today"),
    DueCategory.SUSPENDING_TOMORROW: QT_TRANSLATE_NOOP("DueListWindow", "Suspending tomorrow"),
    DueCategory.GRACE_ENDING: QT_TRANSLATE_NOOP("DueListWindow", "Last days of grace"),
}
COL_BALANCE = 5
COL_ACTION = len(COLUMNS) - 1


def reason_text(row: DueRow) -> str:
    """Why ``row`` is listed, in the interface language (its message id, dates as the desk
    writes them: 05 நவ. 2026); its English text when it has no id."""
    values = tuple(format_date(v, pad=True) if isinstance(v, date) else v
                   for v in row.why_values)
    return message_text(row.why, values, row.detail)


def _due_job(ctx: AppContext, _control: TaskControl) -> list[DueRow]:
    return due_list(ctx.cache_engine, ctx.outbox, ctx.user.branch_id, ctx.today())


class DueListWindow(QWidget):
    refreshed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.ctx = ctx
        self.rows: list[DueRow] = []
        self.setObjectName("dueList")
        self.summary = QLabel(self)
        self.summary.setObjectName("dueSummary")
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("dueTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.refresh_button = QPushButton(self)
        self.refresh_button.setObjectName("refreshDueList")
        self.refresh_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        self.resize(1100, 520)
        ctx.events.accounts_changed.connect(self._on_accounts_changed)
        self.retranslate_ui()
        self.summary.setText(self.tr("Loading…"))
        self.refresh()

    def retranslate_ui(self) -> None:
        day = self.ctx.today()
        self.setWindowTitle(fill(self.tr("Due list — %1"), format_date(day, pad=True)))
        self.table.setHorizontalHeaderLabels([self.tr(c) if c else "" for c in COLUMNS])
        self.refresh_button.setText(self.tr("&Refresh"))

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event):
            self.retranslate_ui()
            self._on_rows(self.rows)  # the rows worded again
        super().changeEvent(event)

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
        self.summary.setText(fill(self.tr("Could not build the due list: %1"), error_text(exc)))

    @Slot(object)
    def _on_rows(self, rows: object) -> None:
        assert isinstance(rows, list)
        self.rows = rows
        self.table.setRowCount(len(rows))
        counts: dict[str, int] = {}
        for i, row in enumerate(rows):
            counts[row.category] = counts.get(row.category, 0) + 1
            category = CATEGORIES.get(row.category)
            values = [
                self.tr(category) if category else row.category, str(row.account_id), row.name,
                format_mobile(row.mobile), plan_type_text(row.prepaid),
                format_inr(row.balance_paise), format_date(row.key_date, pad=True),
                reason_text(row),
            ]
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, row.account_id)
                if col == COL_BALANCE:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(i, col, item)
            button = QPushButton(self._take_text(row), self.table)
            button.setObjectName(f"takePayment-{row.account_id}")
            button.setProperty("row", i)
            button.clicked.connect(self._on_take)
            self.table.setCellWidget(i, COL_ACTION, button)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(7, QHeaderView.ResizeMode.Stretch)
        parts = [
            self.tr("%n suspended today", "", counts.get(DueCategory.SUSPENDED_TODAY, 0)),
            self.tr("%n suspending tomorrow", "", counts.get(DueCategory.SUSPENDING_TOMORROW, 0)),
            self.tr("%n in the last days of grace", "", counts.get(DueCategory.GRACE_ENDING, 0)),
        ]
        self.summary.setText(" · ".join(parts) if rows else self.tr("Nothing due today."))
        self.refreshed.emit()

    def _take_text(self, row: DueRow) -> str:
        """The row's button: "Take payment", "Take recharge" (the option the balance allows)."""
        return fill(self.tr("Take %1"), option_text(row.option.value).lower())

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
