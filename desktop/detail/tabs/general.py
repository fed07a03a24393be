"""General Details: who the account is, where it is managed, and when it was last seen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from db.account_details.general import GeneralDetails, load_general
from desktop.detail.format import format_moment, plan_type_text, status_text
from desktop.detail.tabs.base import DetailTab
from desktop.language.i18n import QT_TRANSLATE_NOOP

#: (key, label) in display order; each value label is named ``general_<key>``.
GENERAL_FIELDS = (
    ("account_id", QT_TRANSLATE_NOOP("GeneralTab", "Account ID")),
    ("name", QT_TRANSLATE_NOOP("GeneralTab", "Account name")),
    ("status", QT_TRANSLATE_NOOP("GeneralTab", "Status")),
    ("plan_type", QT_TRANSLATE_NOOP("GeneralTab", "Plan type")),
    ("plan", QT_TRANSLATE_NOOP("GeneralTab", "Plan")),
    ("branch", QT_TRANSLATE_NOOP("GeneralTab", "Branch")),
    ("area", QT_TRANSLATE_NOOP("GeneralTab", "Area")),
    ("zone", QT_TRANSLATE_NOOP("GeneralTab", "Zone")),
    ("reseller", QT_TRANSLATE_NOOP("GeneralTab", "Reseller")),
    ("account_manager", QT_TRANSLATE_NOOP("GeneralTab", "Account manager")),
    ("sales_executive", QT_TRANSLATE_NOOP("GeneralTab", "Sales executive")),
    ("created", QT_TRANSLATE_NOOP("GeneralTab", "Created")),
    ("last_seen", QT_TRANSLATE_NOOP("GeneralTab", "Last seen")),
)


class GeneralTab(DetailTab):
    title = "General Details"

    def build(self, content: QWidget) -> None:
        self.form = form = QFormLayout(content)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setHorizontalSpacing(18)
        form.setVerticalSpacing(8)
        self.values: dict[str, QLabel] = {}
        for key, _label in GENERAL_FIELDS:
            value = QLabel("—", content)
            value.setObjectName(f"general_{key}")
            value.setTextFormat(Qt.TextFormat.PlainText)  # names typed by people, never markup
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(QLabel(content), value)
            self.values[key] = value

    def retranslate_ui(self) -> None:
        for key, label in GENERAL_FIELDS:
            caption = self.form.labelForField(self.values[key])
            if isinstance(caption, QLabel):
                caption.setText(f"{self.tr(label)}:")

    def fetch(self) -> GeneralDetails | None:
        return load_general(self.ctx.cache_engine, self.account_id)

    def populate(self, data: GeneralDetails) -> None:
        zone = self.ctx.business_zone
        shown = {
            "account_id": str(data.id),
            "name": data.name,
            "status": status_text(data.status),
            "plan_type": plan_type_text(data.prepaid),
            "plan": data.plan or self.tr("No active plan"),
            "branch": f"{data.branch} ({data.branch_code})",
            "area": data.area,
            "zone": data.zone,
            "reseller": data.reseller or self.tr("— (direct customer)"),
            "account_manager": data.account_manager or "—",
            "sales_executive": data.sales_executive or "—",
            "created": format_moment(data.created_at, zone),
            "last_seen": (format_moment(data.last_seen, zone) if data.last_seen
                          else self.tr("Never")),
        }
        for key, text in shown.items():
            self.values[key].setText(text)
        status = self.values["status"]
        colour = {"Active": "#1b5e20", "Suspended": "#b71c1c"}.get(data.status, "#424242")
        status.setStyleSheet(f"color: {colour}; font-weight: bold;")
