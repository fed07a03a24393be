"""Plan Selection (``planSelection``) for a Recharge: the current plan first with
"Continue with current plan", then the plans offered to the account; with no active plan,
just the list. Renewal dates come from ``billing.lifecycle.renewal_expiry``; the payment step
asks for the price less credit (``billing.rules.recharge_prefill``)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from billing.lifecycle import renewal_expiry
from billing.money import format_inr
from billing.rules import recharge_prefill
from db.payments_local import AccountForPayment, PlanChoice

COL_NAME, COL_SPEED, COL_VALIDITY, COL_PRICE, COL_PAY, COL_UNTIL = range(6)
HEADERS = ["Plan", "Speed", "Validity", "Price", "To pay", "Valid until"]


class PlanSelectionDialog(QDialog):
    """Choose the plan of a Recharge; ``chosen(PlanChoice)`` when the cashier picks one."""

    chosen = Signal(object)

    def __init__(
        self,
        account: AccountForPayment,
        current: PlanChoice | None,
        others: list[PlanChoice],
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.account = account
        self.current = current
        self.others = others
        self.today = today
        self.setObjectName("planSelection")
        self.setWindowTitle(f"Plan selection — account {account.id}")
        self.setMinimumWidth(640)
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"<b>{account.name}</b> ({account.id}) · {account.plan_type} · "
            f"balance {format_inr(account.balance_paise)}",
            self,
        )
        layout.addWidget(intro)

        self.continue_button: QPushButton | None = None
        if current is not None:
            box = QGroupBox("Current plan", self)
            box.setObjectName("currentPlanBox")
            row = QHBoxLayout(box)
            until = self.renewal(current)
            text = (
                f"<b>{current.name}</b><br/>{current.speed_mbps} Mbps · "
                f"{current.validity_days} days · {format_inr(current.price_paise)}<br/>"
                f"Pay {format_inr(self.to_pay(current))} · valid until {until:%d %b %Y}"
            )
            if account.plan_expiry is not None:
                verb = "ends" if account.plan_expiry >= today else "ended"
                text += f" (now {verb} {account.plan_expiry:%d %b %Y})"
            label = QLabel(text, box)
            label.setObjectName("currentPlanText")
            row.addWidget(label, 1)
            self.continue_button = QPushButton("&Continue with current plan", box)
            self.continue_button.setObjectName("continueCurrentPlan")
            self.continue_button.setDefault(True)
            self.continue_button.clicked.connect(self._on_continue)
            row.addWidget(self.continue_button)
            layout.addWidget(box)
            layout.addWidget(QLabel("Or choose another plan:", self))
        else:
            layout.addWidget(QLabel("No active plan. Choose a plan:", self))

        self.table = QTableWidget(len(others), len(HEADERS), self)
        self.table.setObjectName("planList")
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        for row_index, plan in enumerate(others):
            values = [
                plan.name,
                f"{plan.speed_mbps} Mbps",
                f"{plan.validity_days} days",
                format_inr(plan.price_paise),
                format_inr(self.to_pay(plan)),
                f"{self.renewal(plan):%d %b %Y}",
            ]
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                if col in (COL_PRICE, COL_PAY):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                item.setData(Qt.ItemDataRole.UserRole, plan.id)
                self.table.setItem(row_index, col, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        for col in range(1, len(HEADERS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._on_selection)
        self.table.itemActivated.connect(self._on_activated)
        layout.addWidget(self.table)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        cancel = QPushButton("Cancel", self)
        cancel.setObjectName("cancelPlanSelection")
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        self.choose_button = QPushButton("Recharge with &selected plan", self)
        self.choose_button.setObjectName("choosePlan")
        self.choose_button.setAutoDefault(False)
        self.choose_button.setEnabled(False)
        self.choose_button.clicked.connect(self._on_choose)
        buttons.addWidget(cancel)
        buttons.addWidget(self.choose_button)
        layout.addLayout(buttons)
        self.resize(720, 420)

    def renewal(self, plan: PlanChoice) -> date:
        return renewal_expiry(self.account.plan_expiry, self.today, plan.validity_days)

    def to_pay(self, plan: PlanChoice) -> int:
        return recharge_prefill(plan.price_paise, self.account.balance_paise)

    def select_plan(self, plan_id: int) -> None:
        """Select the row of ``plan_id`` (as a click would)."""
        for row, plan in enumerate(self.others):
            if plan.id == plan_id:
                self.table.selectRow(row)
                return
        raise LookupError(f"plan {plan_id} is not offered here")

    def _selected(self) -> PlanChoice | None:
        rows = self.table.selectionModel().selectedRows()
        return self.others[rows[0].row()] if rows else None

    @Slot()
    def _on_selection(self) -> None:
        self.choose_button.setEnabled(self._selected() is not None)

    @Slot(QTableWidgetItem)
    def _on_activated(self, item: QTableWidgetItem) -> None:
        self._pick(self.others[item.row()])

    @Slot()
    def _on_choose(self) -> None:
        plan = self._selected()
        if plan is not None:
            self._pick(plan)

    @Slot()
    def _on_continue(self) -> None:
        if self.current is not None:
            self._pick(self.current)

    def _pick(self, plan: PlanChoice) -> None:
        self.chosen.emit(plan)
        self.accept()
