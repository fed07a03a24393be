"""The payment form's first rows: the amount (``amountField``, its message ``amountError``)
and the method (``methodField``).

The amount is checked by ``billing``: ``parse_amount`` for what is typed, ``check_payment``
for the rules (dues, advance, a Recharge's fixed amount, the payment ceiling). The texts stay
in the ``PaymentDialog`` translation context, where they were written.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from billing.money import AmountError, paise_to_decimal, parse_amount
from billing.rules import (
    PaymentMethod,
    PaymentOption,
    PaymentPreview,
    RuleError,
    check_payment,
    recharge_prefill,
)
from db.payments_local import AccountForPayment, PlanChoice
from desktop.detail.format import method_text
from desktop.payments.form_parts import named_label, with_error
from desktop.payments.messages import error_text

translate = QCoreApplication.translate
"""Qt's translate under the name lupdate looks for (``translate("Context", "text")``)."""


def _amount_text(paise: int) -> str:
    return str(paise_to_decimal(paise))


class AmountFields:
    """The amount and method rows of one payment form, added to ``form``."""

    def __init__(self, parent: QWidget, form: QFormLayout) -> None:
        self.form = form
        self.amount = QLineEdit(parent)
        self.amount.setObjectName("amountField")
        self.amount_error = named_label(parent, "amountError", error=True)
        self._amount_box = with_error(parent, self.amount, self.amount_error)
        form.addRow("&Amount (₹):", self._amount_box)
        self.method = QComboBox(parent)
        self.method.setObjectName("methodField")
        for method in PaymentMethod:
            self.method.addItem(method.label, method.value)
        form.addRow("&Method:", self.method)

    def retranslate_ui(self) -> None:
        self.amount.setPlaceholderText(translate("PaymentDialog", "e.g. 1250.50"))
        for field, caption in (
            (self._amount_box, translate("PaymentDialog", "&Amount (₹):")),
            (self.method, translate("PaymentDialog", "&Method:")),
        ):
            caption_label = self.form.labelForField(field)
            if isinstance(caption_label, QLabel):
                caption_label.setText(caption)
        for index in range(self.method.count()):
            self.method.setItemText(index, method_text(str(self.method.itemData(index))))

    @property
    def selected_method(self) -> PaymentMethod:
        return PaymentMethod(self.method.currentData())

    def prefill(self, account: AccountForPayment, option: PaymentOption,
                plan: PlanChoice | None) -> None:
        """The dues for a Payment; for a Recharge the plan price less credit, which the
        rules fix (read-only). The amount is selected, ready to be typed over."""
        if option is PaymentOption.PAYMENT:
            self.amount.setText(_amount_text(account.balance_paise))
        elif option is PaymentOption.RECHARGE and plan is not None:
            due = recharge_prefill(plan.price_paise, account.balance_paise)
            self.amount.setText(_amount_text(due))
            self.amount.setReadOnly(True)
        self.amount.selectAll()
        self.amount.setFocus()

    def check(self, account: AccountForPayment, option: PaymentOption,
              plan: PlanChoice | None, ceiling_paise: int) -> PaymentPreview | None:
        """The rules' preview of the amount typed, or None with the problem under it."""
        preview: PaymentPreview | None = None
        message = ""
        try:
            amount = parse_amount(self.amount.text(),
                                  allow_zero=option is PaymentOption.RECHARGE)
            preview = check_payment(
                option,
                amount,
                balance_paise=account.balance_paise,
                prepaid=account.prepaid,
                plan_price_paise=plan.price_paise if plan else None,
                ceiling_paise=ceiling_paise,
            )
        except (AmountError, RuleError) as exc:
            message = error_text(exc)
        self.amount_error.setText(message)
        self.amount_error.setVisible(bool(message))
        return preview
