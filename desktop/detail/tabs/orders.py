"""Order: every order against the account (plan, dates, amount, status)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from db.account_details import OrderRow, load_orders
from desktop.detail.format import format_date, format_inr, format_moment
from desktop.detail.table_model import RowsTableModel, fit_columns, make_table_view
from desktop.detail.tabs.base import DetailTab

ORDER_HEADERS = ("Order", "Plan", "Ordered", "Start", "End", "Amount", "Status")


class OrdersTab(DetailTab):
    title = "Order"

    def build(self, content: QWidget) -> None:
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel(content)
        self.summary.setObjectName("ordersSummary")
        layout.addWidget(self.summary)
        self.model = RowsTableModel(ORDER_HEADERS, right_aligned=(5,), parent=self)
        self.table = make_table_view("ordersTable", self.model, content)
        fit_columns(self.table, (60, 270, 140, 100, 100, 100))
        layout.addWidget(self.table, 1)

    def fetch(self) -> list[OrderRow]:
        return load_orders(self.ctx.cache_engine, self.account_id)

    def populate(self, data: list[OrderRow]) -> None:
        zone = self.ctx.business_zone
        rows = [
            (
                str(o.id),
                o.plan,
                format_moment(o.ordered_at, zone),
                format_date(o.start_date),
                format_date(o.end_date) if o.end_date else "open-ended",
                format_inr(o.amount_paise),
                o.status.capitalize(),
            )
            for o in data
        ]
        self.model.set_rows(rows)
        active = sum(1 for o in data if o.status == "active")
        self.summary.setText(
            f"{len(data)} order{'s' if len(data) != 1 else ''}, {active} active."
            if data
            else "No orders against this account yet."
        )
