"""Plan Selection (``planSelection``) for a Recharge: the current plan first with
"Continue with current plan", then the plans offered to the account; with no active plan,
just the list. Renewal dates come from ``billing.lifecycle.renewal_expiry``; the payment step
asks for the price less credit (``billing.rules.recharge_prefill``)."""

from __future__ import annotations

import html
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
from desktop.detail.format import DayCount, format_date, plan_type_text
from desktop.language.i18n import QT_TRANSLATE_NOOP, Retranslating, fill

COL_NAME, COL_SPEED, COL_VALIDITY, COL_PRICE, COL_PAY, COL_UNTIL = range(6)
HEADERS = [
    QT_TRANSLATE_NOOP("PlanSelectionDialog", "Plan"),
    QT_TRANSLATE_NOOP("PlanSelectionDialog", "Speed"),
    QT_TRANSLATE_NOOP("PlanSelectionDialog", "Validity"),
    QT_TRANSLATE_NOOP("PlanSelectionDialog", "Price"),
    QT_TRANSLATE_NOOP("PlanSelectionDialog", "To pay"),
    QT_TRANSLATE_NOOP("PlanSelectionDialog", "Valid until"),
]


class PlanSelectionDialog(Retranslating, QDialog):
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
        self.setMinimumWidth(640)
        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setObjectName("planIntro")
        self.intro.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.intro)

        self.continue_button: QPushButton | None = None
        self.current_box: QGroupBox | None = None
        self.current_text: QLabel | None = None
        if current is not None:
            self.current_box = QGroupBox(self)
            self.current_box.setObjectName("currentPlanBox")
            row = QHBoxLayout(self.current_box)
            self.current_text = QLabel(self.current_box)
            self.current_text.setObjectName("currentPlanText")
            self.current_text.setTextFormat(Qt.TextFormat.RichText)
            row.addWidget(self.current_text, 1)
            self.continue_button = QPushButton(self.current_box)
            self.continue_button.setObjectName("continueCurrentPlan")
            self.continue_button.setDefault(True)
            self.continue_button.clicked.connect(self._on_continue)
            row.addWidget(self.continue_button)
            layout.addWidget(self.current_box)
        self.choose_caption = QLabel(self)
        self.choose_caption.setObjectName("planChooseCaption")
        layout.addWidget(self.choose_caption)

        self.table = QTableWidget(len(others), len(HEADERS), self)
        self.table.setObjectName("planList")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        for col in range(1, len(HEADERS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._on_selection)
        self.table.itemActivated.connect(self._on_activated)
        layout.addWidget(self.table)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = cancel = QPushButton(self)
        cancel.setObjectName("cancelPlanSelection")
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        self.choose_button = QPushButton(self)
        self.choose_button.setObjectName("choosePlan")
        self.choose_button.setAutoDefault(False)
        self.choose_button.setEnabled(False)
        self.choose_button.clicked.connect(self._on_choose)
        buttons.addWidget(cancel)
        buttons.addWidget(self.choose_button)
        layout.addLayout(buttons)
        self.retranslate_ui()
        self.resize(720, 420)

    def retranslate_ui(self) -> None:
        """Every text, the plans' rows included, in the current language."""
        account, current = self.account, self.current
        self.setWindowTitle(fill(self.tr("Plan selection — account %1"), account.id))
        self.intro.setText(fill(self.tr("<b>%1</b> (%2) · %3 · balance %4"),
                                html.escape(account.name),
                                account.id, plan_type_text(account.prepaid),
                                format_inr(account.balance_paise)))
        if current is not None and self.current_box is not None:
            self.current_box.setTitle(self.tr("Current plan"))
            text = fill(self.tr("<b>%1</b><br/>%2 Mbps · %3 · %4<br/>Pay %5 · valid until %6"),
                        html.escape(current.name), current.speed_mbps,
                        DayCount().span(current.validity_days),
                        format_inr(current.price_paise), format_inr(self.to_pay(current)),
                        format_date(self.renewal(current), pad=True))
            if account.plan_expiry is not None:
                ends = format_date(account.plan_expiry, pad=True)
                text += " " + (fill(self.tr("(now ends %1)"), ends)
                               if account.plan_expiry >= self.today
                               else fill(self.tr("(now ended %1)"), ends))
            if self.current_text is not None:
                self.current_text.setText(text)
            if self.continue_button is not None:
                self.continue_button.setText(self.tr("&Continue with current plan"))
            self.choose_caption.setText(self.tr("Or choose another plan:"))
        else:
            self.choose_caption.setText(self.tr("No active plan. Choose a plan:"))
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in HEADERS])
        for row_index, plan in enumerate(self.others):
            values = [
                plan.name,
                fill(self.tr("%1 Mbps"), plan.speed_mbps),
                DayCount().span(plan.validity_days),
                format_inr(plan.price_paise),
                format_inr(self.to_pay(plan)),
                format_date(self.renewal(plan), pad=True),
            ]
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                if col in (COL_PRICE, COL_PAY):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                item.setData(Qt.ItemDataRole.UserRole, plan.id)
                self.table.setItem(row_index, col, item)
        self.cancel_button.setText(self.tr("Cancel"))
        self.choose_button.setText(self.tr("Recharge with &selected plan"))

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
