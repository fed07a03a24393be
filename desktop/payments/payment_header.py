"""The top of the payment dialog: the account's facts (Account ID, name, mobile, email, plan
type, status, current balance with the payments still pending sync) and the title saying what
is being taken. The texts stay in the ``PaymentDialog`` translation context, where they were
written."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from billing.money import format_inr
from billing.phone import format_mobile
from billing.rules import PaymentOption
from db.payments_local import AccountForPayment, PlanChoice
from desktop.detail.format import option_text, plan_type_text, status_text
from desktop.language.i18n import fill
from desktop.payments.form_parts import named_label

translate = QCoreApplication.translate
"""Qt's translate under the name lupdate looks for (``translate("Context", "text")``)."""


class PaymentHeader(QWidget):
    """The account's facts (``accountIdValue`` … ``balanceValue``), then ``paymentTitle``."""

    def __init__(self, account: AccountForPayment, option: PaymentOption,
                 plan: PlanChoice | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.account = account
        self.option = option
        self.plan = plan
        facts = QGridLayout()
        facts.setContentsMargins(0, 0, 0, 0)
        rows = [
            (str(account.id), "accountIdValue"),
            (account.name, "accountNameValue"),
            (format_mobile(account.mobile), "mobileValue"),
            (account.email or "—", "emailValue"),
            ("", "planTypeValue"),
            ("", "statusValue"),
            ("", "balanceValue"),
        ]
        self._captions: list[QLabel] = []
        values: list[QLabel] = []
        for row, (value, name) in enumerate(rows):
            caption = QLabel(self)
            self._captions.append(caption)
            facts.addWidget(caption, row, 0)
            value_label = named_label(self, name, value)
            value_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            facts.addWidget(value_label, row, 1)
            values.append(value_label)
        self.plan_type_value, self.status_value, self.balance_value = values[4:]
        facts.setColumnStretch(1, 1)
        self.title = named_label(self, "paymentTitle")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(facts)
        column.addWidget(self.title)

    def retranslate_ui(self, pending_note: str, validity: str) -> None:
        """The texts in the current language; the two plurals come translated from the
        dialog (lupdate marks a plural only in its ``tr``): ``pending_note`` after the
        balance ("" for none), ``validity`` the plan's days ("" without a plan)."""
        a = self.account
        balance = format_inr(a.balance_paise)
        if pending_note:
            balance += "  " + pending_note
        captions = (translate("PaymentDialog", "Account ID:"), translate("PaymentDialog", "Name:"),
                    translate("PaymentDialog", "Mobile:"), translate("PaymentDialog", "Email:"),
                    translate("PaymentDialog", "Plan type:"),
                    translate("PaymentDialog", "Status:"),
                    translate("PaymentDialog", "Current balance:"))
        for caption, label in zip(captions, self._captions, strict=True):
            label.setText(caption)
        self.plan_type_value.setText(plan_type_text(a.prepaid))
        self.status_value.setText(status_text(a.status.value))
        self.balance_value.setText(balance)
        self.title.setText(f"<b>{html.escape(option_text(self.option.value))}</b>")
        if self.plan is not None:
            self.title.setText(fill(
                translate("PaymentDialog", "<b>Recharge</b> with %1 — %2 for %3"),
                html.escape(self.plan.name), format_inr(self.plan.price_paise), validity))
