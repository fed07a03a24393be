"""The payment dialog's "After this payment" block: what the amount typed will do
(``previewPanel``, text from ``payment_preview.preview_html``) and, for an over-payment, the
cashier's extra confirmation (``confirmOverpay``). The texts stay in the ``PaymentDialog``
translation context, where they were written."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QCheckBox, QFrame, QLabel, QVBoxLayout, QWidget

from billing.money import format_inr
from billing.rules import PaymentPreview
from db.payments_local import PaymentOutcome
from desktop.language.i18n import fill
from desktop.payments.form_parts import named_label
from desktop.payments.payment_preview import preview_html

translate = QCoreApplication.translate
"""Qt's translate under the name lupdate looks for (``translate("Context", "text")``)."""


class AfterPayment(QWidget):
    """The title, the effect of the payment, and the over-payment confirmation."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self)
        self.panel = named_label(self, "previewPanel")
        self.panel.setTextFormat(Qt.TextFormat.RichText)
        self.panel.setFrameShape(QFrame.Shape.StyledPanel)
        self.panel.setMinimumHeight(90)
        self.panel.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.panel.setContentsMargins(8, 6, 8, 6)
        self.overpay = QCheckBox(self)
        self.overpay.setObjectName("confirmOverpay")
        self.overpay.hide()
        #: The over-payment the tick confirms: another amount asks again.
        self._overpay_paise: int | None = None
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        for widget in (self.title, self.panel, self.overpay):
            column.addWidget(widget)

    def retranslate_ui(self) -> None:
        self.title.setText("<b>" + translate("PaymentDialog", "After this payment") + "</b>")

    def show_effect(self, preview: PaymentPreview | None, outcome: PaymentOutcome | None,
                    *, prepaid: bool) -> bool:
        """Show what this payment does (None: the amount is not valid); False while an
        over-payment waits for the cashier's tick."""
        if preview is None or outcome is None:
            self.panel.setText(
                "<i>" + translate("PaymentDialog", "Enter a valid amount to see its effect.")
                + "</i>")
            self.overpay.hide()
            return True
        self.panel.setText(preview_html(preview, outcome, prepaid=prepaid))
        needs = preview.needs_overpay_confirmation
        self.overpay.setVisible(needs)
        if self._overpay_paise != (preview.amount_paise if needs else None):
            self._overpay_paise = preview.amount_paise if needs else None
            self._untick()
        if needs:
            self.overpay.setText(fill(
                translate("PaymentDialog",
                          "Yes, the customer pays %1: keep the extra %2 as advance credit."),
                format_inr(preview.amount_paise), format_inr(preview.credit_created_paise)))
            return self.overpay.isChecked()
        return True

    def _untick(self) -> None:
        if self.overpay.isChecked():
            self.overpay.blockSignals(True)
            self.overpay.setChecked(False)
            self.overpay.blockSignals(False)
