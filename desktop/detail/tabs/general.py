"""General Details: who the account is, where it is managed, and when it was last seen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from db.account_details import GeneralDetails, load_general
from desktop.detail.format import format_moment
from desktop.detail.tabs.base import DetailTab

#: (key, label) in display order; each value label is named ``general_<key>``.
GENERAL_FIELDS = (
    ("account_id", "Account ID"),
    ("name", "Account name"),
    ("status", "Status"),
    ("plan_type", "Plan type"),
    ("plan", "Plan"),
    ("branch", "Branch"),
    ("area", "Area"),
    ("zone", "Zone"),
    ("reseller", "Reseller"),
    ("account_manager", "Account manager"),
    ("sales_executive", "Sales executive"),
    ("created", "Created"),
    ("last_seen", "Last seen"),
)


class GeneralTab(DetailTab):
    title = "General Details"

    def build(self, content: QWidget) -> None:
        form = QFormLayout(content)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setHorizontalSpacing(18)
        form.setVerticalSpacing(8)
        self.values: dict[str, QLabel] = {}
        for key, label in GENERAL_FIELDS:
            value = QLabel("—", content)
            value.setObjectName(f"general_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(f"{label}:", value)
            self.values[key] = value

    def fetch(self) -> GeneralDetails | None:
        return load_general(self.ctx.cache_engine, self.account_id)

    def populate(self, data: GeneralDetails) -> None:
        zone = self.ctx.business_zone
        shown = {
            "account_id": str(data.id),
            "name": data.name,
            "status": data.status,
            "plan_type": "Prepaid" if data.prepaid else "Postpaid",
            "plan": data.plan or "No active plan",
            "branch": f"{data.branch} ({data.branch_code})",
            "area": data.area,
            "zone": data.zone,
            "reseller": data.reseller or "— (direct customer)",
            "account_manager": data.account_manager or "—",
            "sales_executive": data.sales_executive or "—",
            "created": format_moment(data.created_at, zone),
            "last_seen": format_moment(data.last_seen, zone) if data.last_seen else "Never",
        }
        for key, text in shown.items():
            self.values[key].setText(text)
        status = self.values["status"]
        colour = {"Active": "#1b5e20", "Suspended": "#b71c1c"}.get(data.status, "#424242")
        status.setStyleSheet(f"color: {colour}; font-weight: bold;")
