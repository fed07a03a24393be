"""Billing Details: the plan type and the rules that apply to it, the balance and the
payment options it allows, and a chart of balance and payments over the last 12 months.

Every date comes from ``billing.lifecycle`` and every option from
``billing.rules.payment_options_paise`` on the provisional balance (cache + pending payments).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QMargins, Qt, Slot
from PySide6.QtGui import QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from billing.lifecycle import POSTPAID_GRACE_DAYS
from billing.money import paise_to_decimal
from billing.roles import Action
from billing.rules import PaymentOption, is_outstanding
from db.account_details.balance import BillingDetails, MonthPoint, load_billing
from desktop.detail.format import (
    DayCount,
    format_date,
    format_inr,
    month_name,
    option_text,
    plan_type_text,
    relative_day,
    status_text,
)
from desktop.detail.table_model import RowsTableModel, fit_columns, make_table_view
from desktop.detail.tabs.base import TAB_STYLE, DetailTab, section_label
from desktop.language.i18n import QT_TRANSLATE_NOOP, fill

OPEN_INVOICE_HEADERS = (
    QT_TRANSLATE_NOOP("BillingTab", "Invoice"), QT_TRANSLATE_NOOP("BillingTab", "Dated"),
    QT_TRANSLATE_NOOP("BillingTab", "Due"), QT_TRANSLATE_NOOP("BillingTab", "Pay by"),
    QT_TRANSLATE_NOOP("BillingTab", "Suspends on"), QT_TRANSLATE_NOOP("BillingTab", "Grace"),
)
RULE_CAPTIONS = (
    ("plan_type", QT_TRANSLATE_NOOP("BillingTab", "Plan type")),
    ("plan", QT_TRANSLATE_NOOP("BillingTab", "Plan")),
    ("status", QT_TRANSLATE_NOOP("BillingTab", "Status")),
    ("expiry", QT_TRANSLATE_NOOP("BillingTab", "Expiry / due")),
    ("suspends", QT_TRANSLATE_NOOP("BillingTab", "Suspension")),
    ("reconnect", QT_TRANSLATE_NOOP("BillingTab", "Reconnection")),
)


def grace_text(days_left: int) -> str:
    if days_left > 0:
        return DayCount().left(days_left)
    if days_left == 0:
        return QCoreApplication.translate("BillingRules", "last day to pay")
    return DayCount().over(-days_left)


def prepaid_lines(data: BillingDetails) -> dict[str, str]:
    """What the prepaid rules say on ``data.today`` (keys name the labels)."""
    today = data.today
    if data.expiry is None or data.suspension_date is None:
        return {
            "expiry": QCoreApplication.translate("BillingRules", "No active plan"),
            "suspends": "—",
            "reconnect": QCoreApplication.translate(
                "BillingRules", "Buying a plan (Recharge) activates the connection at once."),
        }
    expires, suspension = data.expiry, data.suspension_date
    if today <= expires:
        expiry = fill(QCoreApplication.translate("BillingRules", "Expires on %1 (%2)"),
                      format_date(expires), relative_day(expires, today))
        if today == expires:
            expiry += QCoreApplication.translate("BillingRules", " — last day of service")
        suspends = fill(QCoreApplication.translate("BillingRules", "Suspends on %1 (%2) unless "
                                                                   "renewed"),
                        format_date(suspension), relative_day(suspension, today))
    else:
        expiry = fill(QCoreApplication.translate("BillingRules", "Expired on %1 (%2)"),
                      format_date(expires), relative_day(expires, today))
        suspends = fill(QCoreApplication.translate(
            "BillingRules", "Suspended since %1 (%2): the plan was not renewed"),
            format_date(suspension), relative_day(suspension, today))
    return {
        "expiry": expiry,
        "suspends": suspends,
        "reconnect": QCoreApplication.translate(
            "BillingRules",
            "Renewing the plan or buying a new one (Recharge) reconnects it at once."),
    }


def postpaid_lines(data: BillingDetails) -> dict[str, str]:
    if not data.open_invoices:
        rule = fill(QCoreApplication.translate(
            "BillingRules", "No invoice is open; the next one may be paid within %1 days of its "
            "date."), POSTPAID_GRACE_DAYS)
    else:
        overdue = [i for i in data.open_invoices if i.days_left < 0]
        if overdue:
            oldest = overdue[0]
            rule = fill(QCoreApplication.translate(
                "BillingRules", "Invoice %1 was not paid by %2; suspension from %3."),
                oldest.number, format_date(oldest.last_payment_date),
                format_date(oldest.suspension_date))
        else:
            first = data.open_invoices[0]
            rule = fill(QCoreApplication.translate(
                "BillingRules", "Pay invoice %1 by %2 (%3); unpaid, the account is suspended "
                "on %4."), first.number, format_date(first.last_payment_date),
                grace_text(first.days_left), format_date(first.suspension_date))
    return {
        "expiry": rule,
        "suspends": fill(QCoreApplication.translate(
            "BillingRules", "An invoice may be paid up to %1 days after its date; unpaid, the "
            "account is suspended on day %2."), POSTPAID_GRACE_DAYS, POSTPAID_GRACE_DAYS + 1),
        "reconnect": QCoreApplication.translate(
            "BillingRules", "Once payment leaves no invoice past its grace, the connection is "
            "reinstated on its order plan."),
    }


def _rupees(paise: int) -> float:
    # QtCharts plots qreal; this float is for drawing only — amounts stay int paise.
    return float(paise_to_decimal(paise))


class BillingTab(DetailTab):
    title = "Billing Details"

    def build(self, content: QWidget) -> None:
        content.setStyleSheet(TAB_STYLE)
        outer = QHBoxLayout(content)
        outer.setContentsMargins(0, 0, 0, 0)
        left = QVBoxLayout()
        outer.addLayout(left, 6)

        self.rules_caption = section_label("", content)
        left.addWidget(self.rules_caption)
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.setVerticalSpacing(6)
        self.labels: dict[str, QLabel] = {}
        self.captions: dict[str, QLabel] = {}
        for row, (key, _caption) in enumerate(RULE_CAPTIONS):
            self.captions[key] = QLabel(content)
            grid.addWidget(self.captions[key], row, 0, Qt.AlignmentFlag.AlignTop)
            value = QLabel("—", content)
            value.setObjectName(f"billing_{key}")
            value.setTextFormat(Qt.TextFormat.PlainText)  # the plan's name, never markup
            value.setWordWrap(True)
            grid.addWidget(value, row, 1)
            self.labels[key] = value
        left.addLayout(grid)

        self.invoices_caption = section_label("", content)
        left.addWidget(self.invoices_caption)
        self.invoices_model = RowsTableModel(OPEN_INVOICE_HEADERS, right_aligned=(2,), parent=self)
        self.invoices_table = make_table_view("billingOpenInvoices", self.invoices_model, content)
        fit_columns(self.invoices_table, (118, 84, 68, 84, 88))
        self.invoices_table.setMaximumHeight(130)
        left.addWidget(self.invoices_table)

        self.balance_caption = section_label("", content)
        left.addWidget(self.balance_caption)
        self.balance = QLabel(content)
        self.balance.setObjectName("billingBalance")
        self.balance.setWordWrap(True)
        left.addWidget(self.balance)
        self.options_row = QHBoxLayout()
        self.options_row.addStretch(1)
        left.addLayout(self.options_row)
        self.option_buttons: dict[PaymentOption, QPushButton] = {}
        left.addStretch(1)

        right = QVBoxLayout()
        outer.addLayout(right, 5)
        self.chart_caption = section_label("", content)
        right.addWidget(self.chart_caption)
        self.chart_host = QVBoxLayout()
        right.addLayout(self.chart_host, 1)
        self.chart_view: Any = None

    def retranslate_ui(self) -> None:
        self.rules_caption.setText(self.tr("Plan and rules"))
        for key, caption in RULE_CAPTIONS:
            self.captions[key].setText(f"{self.tr(caption)}:")
        self.invoices_caption.setText(self.tr("Open invoices"))
        self.invoices_model.set_headers([self.tr(header) for header in OPEN_INVOICE_HEADERS])
        self.balance_caption.setText(self.tr("Balance"))
        self.chart_caption.setText(self.tr("Balance and payments, last 12 months"))

    def fetch(self) -> BillingDetails | None:
        return load_billing(
            self.ctx.cache_engine,
            self.ctx.outbox,
            self.account_id,
            self.ctx.today(),
            self.ctx.business_zone,
        )

    def populate(self, data: BillingDetails) -> None:
        self.data = data
        self.labels["plan_type"].setText(plan_type_text(data.prepaid))
        if data.plan:
            cycle = (DayCount().span(data.plan_validity_days or 0) if data.prepaid
                     else self.tr("billed monthly"))
            self.labels["plan"].setText(
                f"{data.plan} — {format_inr(data.plan_price_paise or 0)}, {cycle}"
            )
        else:
            self.labels["plan"].setText(self.tr("No active plan"))
        status = status_text(data.status)
        if data.expected_status.value != data.status:
            status += " " + fill(self.tr("(the rules say %1 today; the server applies it)"),
                                 status_text(data.expected_status.value))
        self.labels["status"].setText(status)
        lines = prepaid_lines(data) if data.prepaid else postpaid_lines(data)
        for key, text in lines.items():
            self.labels[key].setText(text)

        self.invoices_caption.setVisible(not data.prepaid)
        self.invoices_table.setVisible(not data.prepaid)
        self.invoices_model.set_rows(
            [
                (
                    i.number,
                    format_date(i.invoice_date),
                    format_inr(i.outstanding_paise),
                    format_date(i.last_payment_date),
                    format_date(i.suspension_date),
                    grace_text(i.days_left),
                )
                for i in data.open_invoices
            ],
            row_state=["issue" if i.days_left < 0 else "" for i in data.open_invoices],
        )

        self._show_balance(data)
        self._show_options(data)
        self._show_chart(data.chart, data.today)

    def _show_balance(self, data: BillingDetails) -> None:
        balance = data.provisional_balance_paise
        if is_outstanding(balance):
            words = fill(self.tr("%1 due"), format_inr(balance))
        elif balance < 0:
            words = fill(self.tr("%1 advance credit"), format_inr(-balance))
        else:
            words = fill(self.tr("Nothing due (%1)"), format_inr(balance))
        if data.pending_payments:
            words += fill(self.tr(" — provisional: includes %n payment(s) pending sync (server "
                                  "balance %1)", "", data.pending_payments),
                          format_inr(data.balance_paise))
        self.balance.setText(words)

    def _show_options(self, data: BillingDetails) -> None:
        for button in self.option_buttons.values():
            self.options_row.removeWidget(button)
            button.deleteLater()
        self.option_buttons = {}
        allowed = self.ctx.user.may(Action.TAKE_PAYMENT)
        for option in data.options:
            button = QPushButton(option_text(option.value), self)
            button.setObjectName(f"billingOption_{option.value}")
            button.setProperty("option", option.value)
            if not allowed:
                button.setEnabled(False)
                button.setToolTip(self.tr("Your role may not take payments."))
            else:
                tip = {
                    PaymentOption.PAYMENT: self.tr("Settle the outstanding balance."),
                    PaymentOption.ADVANCE: self.tr("Take a prepayment (advance credit)."),
                    PaymentOption.RECHARGE: self.tr("Choose a plan and recharge."),
                }[option]
                button.setToolTip(tip)
                button.clicked.connect(self._on_option_clicked)
            self.options_row.insertWidget(self.options_row.count() - 1, button)
            self.option_buttons[option] = button

    @Slot()
    def _on_option_clicked(self) -> None:
        button = self.sender()
        option = PaymentOption(str(button.property("option")))
        # Imported on the first click: the payment dialogs cost tens of milliseconds to load
        # and most openings of the detail dialog take no payment.
        from desktop.payments.flow import start_payment

        start_payment(self.ctx, self.account_id, option, self.window())

    def _show_chart(self, points: list[MonthPoint], today: date) -> None:
        from PySide6.QtCharts import (
            QBarCategoryAxis,
            QBarSeries,
            QBarSet,
            QChart,
            QChartView,
            QLineSeries,
            QValueAxis,
        )

        chart = QChart()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        paid = QBarSet(self.tr("Payments (₹)"))
        paid.setColor(QColor("#64b5f6"))
        balance = QLineSeries()
        balance.setName(self.tr("Balance at month end (₹)"))
        balance.setColor(QColor("#c62828"))
        categories = []
        for index, point in enumerate(points):
            categories.append(month_name(point.month.month))
            paid.append(_rupees(point.payments_paise))
            balance.append(index, _rupees(point.balance_paise))
        bars = QBarSeries()
        bars.append(paid)
        chart.addSeries(bars)
        chart.addSeries(balance)
        x_axis = QBarCategoryAxis()
        x_axis.append(categories)
        small = x_axis.labelsFont()
        small.setPointSizeF(max(6.0, small.pointSizeF() - 2))
        x_axis.setLabelsFont(small)
        # Tamil month names are wider than a bar: slant them rather than cut them to "ஜூ…".
        widest = max((QFontMetrics(small).horizontalAdvance(c) for c in categories), default=0)
        if widest > QFontMetrics(small).horizontalAdvance("Sep") + 4:
            x_axis.setTruncateLabels(False)
            x_axis.setLabelsAngle(-60)
        first, last = points[0].month, points[-1].month
        x_axis.setTitleText(f"{month_name(first.month)} {first.year} – "
                            f"{month_name(last.month)} {last.year}")
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        bars.attachAxis(x_axis)
        balance.attachAxis(x_axis)
        values = [p.payments_paise for p in points] + [p.balance_paise for p in points]
        top = max([*values, 100])
        bottom = min([*values, 0])
        y_axis = QValueAxis()
        y_axis.setRange(_rupees(bottom), _rupees(top + top // 10))
        y_axis.setLabelFormat("%.0f")
        y_axis.applyNiceNumbers()
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        bars.attachAxis(y_axis)
        balance.attachAxis(y_axis)
        if self.chart_view is None:
            self.chart_view = QChartView(chart, self)
            self.chart_view.setObjectName("billingChart")
            self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.chart_view.setMinimumSize(360, 260)
            self.chart_view.setSizePolicy(
                QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding
            )
            self.chart_host.addWidget(self.chart_view)
        else:
            old = self.chart_view.chart()
            self.chart_view.setChart(chart)
            old.deleteLater()
        self.chart_points = points
        total = sum(p.payments_paise for p in points)
        self.chart_view.setToolTip(fill(self.tr("Payments in the last 12 months: %1 (to %2)"),
                                        format_inr(total), format_date(today)))
