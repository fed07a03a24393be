"""The payment form's reference rows, which change with the method: the UPI or bank UTR, the
card's approval code and last four digits, the cheque's number, bank and date.

Each method's reference is checked and put in its stored form by ``billing.references``
(``check_reference``, ``card_reference``, ``cheque_reference``); cash has none. The texts
stay in the ``PaymentDialog`` translation context, where they were written.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import QDateEdit, QFormLayout, QLabel, QLineEdit, QWidget

from billing.references import card_reference, check_reference, cheque_reference
from billing.rules import PaymentMethod, RuleError
from desktop.language.i18n import QT_TRANSLATE_NOOP
from desktop.payments.form_parts import named_label, with_error
from desktop.payments.messages import error_text

translate = QCoreApplication.translate
"""Qt's translate under the name lupdate looks for (``translate("Context", "text")``)."""

#: The reference row's label and hint per method (formats: billing.references).
REFERENCE_LABELS = {
    PaymentMethod.CASH: (QT_TRANSLATE_NOOP("PaymentDialog", "&Reference:"), ""),
    PaymentMethod.UPI: (
        QT_TRANSLATE_NOOP("PaymentDialog", "UPI &UTR:"),
        QT_TRANSLATE_NOOP("PaymentDialog", "12 digits from the customer's app, e.g. 412345678901")),
    PaymentMethod.CARD: (
        QT_TRANSLATE_NOOP("PaymentDialog", "Approval &code:"),
        QT_TRANSLATE_NOOP("PaymentDialog", "6 characters from the slip (APPR / AUTH CODE)")),
    PaymentMethod.CHEQUE: (
        QT_TRANSLATE_NOOP("PaymentDialog", "Cheque &number:"),
        QT_TRANSLATE_NOOP("PaymentDialog", "6 digits, e.g. 004512")),
    PaymentMethod.BANK_TRANSFER: (
        QT_TRANSLATE_NOOP("PaymentDialog", "Bank &UTR:"),
        QT_TRANSLATE_NOOP("PaymentDialog", "IMPS 12 digits, NEFT/RTGS 16-22 characters")),
}


class ReferenceFields:
    """The reference rows of one payment form (``referenceField``, ``referenceError``,
    ``cardLast4Field``, ``chequeBankField``, ``chequeDateField``), added to ``form``."""

    def __init__(self, parent: QWidget, form: QFormLayout, today: date) -> None:
        self.form = form
        self.today = today
        #: (stored reference, message) of a UTR the desk found already used.
        self.used: tuple[str, str] | None = None
        self.reference = QLineEdit(parent)
        self.reference.setObjectName("referenceField")
        self.reference.setMaxLength(80)
        self.reference_error = named_label(parent, "referenceError", error=True)
        self.reference_label = QLabel("&Reference:", parent)
        self.reference_label.setBuddy(self.reference)
        form.addRow(self.reference_label, with_error(parent, self.reference, self.reference_error))
        self.card_last4 = QLineEdit(parent)
        self.card_last4.setObjectName("cardLast4Field")
        self.card_last4.setMaxLength(4)
        self.cheque_bank = QLineEdit(parent)
        self.cheque_bank.setObjectName("chequeBankField")
        self.cheque_bank.setMaxLength(60)
        self.cheque_date = QDateEdit(parent)
        self.cheque_date.setObjectName("chequeDateField")
        self.cheque_date.setDisplayFormat("dd-MM-yyyy")
        self.cheque_date.setCalendarPopup(True)
        self.cheque_date.setDate(QDate(today.year, today.month, today.day))
        form.addRow("Card last &4:", self.card_last4)
        form.addRow("Dra&wn on:", self.cheque_bank)
        form.addRow("Cheque &date:", self.cheque_date)

    def connect(self, changed: Callable[[], None]) -> None:
        """Call ``changed`` on every edit of any of the rows."""
        for line in (self.reference, self.card_last4, self.cheque_bank):
            line.textChanged.connect(changed)
        self.cheque_date.dateChanged.connect(changed)

    def retranslate_ui(self) -> None:
        self.card_last4.setPlaceholderText(translate("PaymentDialog", "last 4 digits of the card"))
        self.cheque_bank.setPlaceholderText(
            translate("PaymentDialog", "bank the cheque is drawn on"))
        for field, caption in (
            (self.card_last4, translate("PaymentDialog", "Card last &4:")),
            (self.cheque_bank, translate("PaymentDialog", "Dra&wn on:")),
            (self.cheque_date, translate("PaymentDialog", "Cheque &date:")),
        ):
            caption_label = self.form.labelForField(field)
            if isinstance(caption_label, QLabel):
                caption_label.setText(caption)

    def set_read_only(self, read_only: bool) -> None:
        for field in (self.reference, self.card_last4, self.cheque_bank):
            field.setReadOnly(read_only)
        self.cheque_date.setReadOnly(read_only)

    def show_for(self, method: PaymentMethod) -> None:
        """The rows and words this method asks for."""
        label, hint = REFERENCE_LABELS[method]
        self.reference_label.setText(translate("PaymentDialog", label))
        self.reference.setPlaceholderText(translate("PaymentDialog", hint) if hint else "")
        self.reference.setEnabled(method.requires_reference)
        for field, shown in (
            (self.card_last4, method is PaymentMethod.CARD),
            (self.cheque_bank, method is PaymentMethod.CHEQUE),
            (self.cheque_date, method is PaymentMethod.CHEQUE),
        ):
            self.form.setRowVisible(field, shown)

    def check(self, method: PaymentMethod) -> tuple[str | None, bool]:
        """(the stored reference, whether it may be taken); the problem shown under it."""
        self.show_for(method)
        reference: str | None = None
        message = ""
        try:
            reference = self.checked(method)
        except RuleError as exc:
            message = error_text(exc)
        if self.used is not None and reference == self.used[0]:
            message = self.used[1]
        self.reference_error.setText(message)
        self.reference_error.setVisible(bool(message))
        return reference, not message

    def checked(self, method: PaymentMethod) -> str | None:
        """The method's reference in its stored form (billing.references), or RuleError."""
        if method is PaymentMethod.CARD:
            return card_reference(self.card_last4.text(), self.reference.text())
        if method is PaymentMethod.CHEQUE:
            picked = self.cheque_date.date()
            dated = date(picked.year(), picked.month(), picked.day())
            return cheque_reference(self.reference.text(), self.cheque_bank.text(), dated,
                                    today=self.today)
        if method is PaymentMethod.CASH:
            return None
        return check_reference(method, self.reference.text(), today=self.today)
