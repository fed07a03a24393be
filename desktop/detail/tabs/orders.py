"""Order: every order against the account (plan, dates, amount, status)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from db.account_details.orders import OrderRow, load_orders
from desktop.detail.format import format_date, format_inr, format_moment
from desktop.detail.table_model import RowsTableModel, fit_columns, make_table_view
from desktop.detail.tabs.base import DetailTab
from desktop.language.i18n import QT_TRANSLATE_NOOP

ORDER_HEADERS = (
    QT_TRANSLATE_NOOP("OrdersTab", "Order"), QT_TRANSLATE_NOOP("OrdersTab", "Plan"),
    QT_TRANSLATE_NOOP("OrdersTab", "Ordered"), QT_TRANSLATE_NOOP("OrdersTab", "Start"),
    QT_TRANSLATE_NOOP("OrdersTab", "End"), QT_TRANSLATE_NOOP("OrdersTab", "Amount"),
    QT_TRANSLATE_NOOP("OrdersTab", "Status"),
)
ORDER_STATUSES = {
    "active": QT_TRANSLATE_NOOP("OrdersTab", "Active"),
    "completed": QT_TRANSLATE_NOOP("OrdersTab", "Completed"),
    "cancelled": QT_TRANSLATE_NOOP("OrdersTab", "Cancelled"),
}


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

    def retranslate_ui(self) -> None:
        self.model.set_headers([self.tr(header) for header in ORDER_HEADERS])

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
                format_date(o.end_date) if o.end_date else self.tr("open-ended"),
                format_inr(o.amount_paise),
                self.tr(ORDER_STATUSES[o.status]) if o.status in ORDER_STATUSES
                else o.status.capitalize(),
            )
            for o in data
        ]
        self.model.set_rows(rows)
        active = sum(1 for o in data if o.status == "active")
        self.summary.setText(
            self.tr("%n order(s), %1 active.", "", len(data)).replace("%1", str(active))
            if data
            else self.tr("No orders against this account yet.")
        )
