"""The payment form's cash rows: what the customer handed over (optional) and the change due
(``billing.rules.cash_change_due``). The texts stay in the ``PaymentDialog`` translation
context, where they were written."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from billing.money import AmountError, format_inr, parse_amount
from billing.rules import PaymentMethod, PaymentPreview, RuleError, cash_change_due
from desktop.payments.form_parts import named_label, with_error
from desktop.payments.messages import error_text

translate = QCoreApplication.translate
"""Qt's translate under the name lupdate looks for (``translate("Context", "text")``)."""


class CashFields:
    """``tenderedField`` (its message ``tenderedError``) and ``changeDue``, added to ``form``."""

    def __init__(self, parent: QWidget, form: QFormLayout) -> None:
        self.form = form
        self.tendered = QLineEdit(parent)
        self.tendered.setObjectName("tenderedField")
        self.tendered_error = named_label(parent, "tenderedError", error=True)
        self._tendered_box = with_error(parent, self.tendered, self.tendered_error)
        form.addRow("&Tendered (₹):", self._tendered_box)
        self.change = named_label(parent, "changeDue")
        form.addRow("Change due:", self.change)

    def retranslate_ui(self) -> None:
        self.tendered.setPlaceholderText(translate("PaymentDialog", "cash handed over (optional)"))
        for field, caption in (
            (self._tendered_box, translate("PaymentDialog", "&Tendered (₹):")),
            (self.change, translate("PaymentDialog", "Change due:")),
        ):
            caption_label = self.form.labelForField(field)
            if isinstance(caption_label, QLabel):
                caption_label.setText(caption)

    def check(self, method: PaymentMethod,
              preview: PaymentPreview | None) -> tuple[int | None, bool]:
        """(the tendered paise or None, whether it is acceptable); the change due is shown,
        and the problem under the field."""
        self.tendered.setEnabled(method is PaymentMethod.CASH)
        tendered: int | None = None
        change_text = "—"
        message = ""
        if method is PaymentMethod.CASH and self.tendered.text().strip():
            try:
                tendered = parse_amount(self.tendered.text())
                if preview is not None:
                    change_text = format_inr(cash_change_due(preview.amount_paise, tendered))
            except (AmountError, RuleError) as exc:
                message = error_text(exc)
        self.change.setText(change_text)
        self.tendered_error.setText(message)
        self.tendered_error.setVisible(bool(message))
        return tendered, not message
