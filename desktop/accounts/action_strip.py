"""The strip above the account table: the selected account and what can be paid on it.

The buttons show exactly the payment options ``billing.rules.payment_options_paise`` gives,
in its order; the pay key's hint names the first one (the option the pay key opens).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from billing.money import format_inr
from billing.rules import PaymentOption, payment_options_paise
from db.account_query import AccountRow
from desktop.accounts.counter_keys import DEFAULT_PAY_KEY, OPTION_KEYS
from desktop.detail.format import option_text, plan_type_text
from desktop.language.i18n import fill, is_language_change

#: Object names of the option buttons (DESIGN.md's testability contract).
ACTION_NAMES = {
    PaymentOption.PAYMENT: "actionPayment",
    PaymentOption.ADVANCE: "actionAdvance",
    PaymentOption.RECHARGE: "actionRecharge",
}


class ActionStrip(QFrame):
    """The selected account and its payment actions (Payment / Advance / Recharge)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("actionStrip")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.summary = QLabel(self.tr("Select an account to see what can be paid."), self)
        self.summary.setObjectName("selectedAccount")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons: dict[PaymentOption, QPushButton] = {}
        self._pay_key = DEFAULT_PAY_KEY
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(8, 4, 8, 4)
        self._layout.addWidget(self.summary, 1)
        for option in (PaymentOption.PAYMENT, PaymentOption.RECHARGE, PaymentOption.ADVANCE):
            button = QPushButton(self)
            button.setObjectName(ACTION_NAMES[option])
            button.hide()
            self.buttons[option] = button
        self.pay_key_label = QLabel(self)
        self.pay_key_label.setObjectName("payKeyHint")
        self._layout.addWidget(self.pay_key_label)
        self._shown: tuple[list[PaymentOption], bool, str] = ([], False, "")
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Button texts in the interface language (the summary is the window's to word)."""
        for option, button in self.buttons.items():
            button.setText(f"{option_text(option.value)}  {OPTION_KEYS[option]}")
        self.show_options(*self._shown)

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event):
            self.retranslate_ui()
        super().changeEvent(event)

    def show_account(
        self, row: AccountRow | None, balance: int = 0, pending: bool = False, *,
        allowed: bool = False,
    ) -> None:
        """The selected account (its balance with unsynced payments, in paise) and the
        payment options billing.rules gives it; none when nothing is selected."""
        if row is None:
            self.summary.setText(self.tr("Select an account to see what can be paid."))
            self.show_options([], False, "")
            return
        text = fill(QCoreApplication.translate("MainWindow", "%1 · %2 · %3 · Balance %4"),
                    row.id, row.name, plan_type_text(row.prepaid), format_inr(balance))
        if pending:
            text += " " + QCoreApplication.translate("MainWindow", "(pending sync)")
        self.summary.setText(text)
        self.show_options(
            payment_options_paise(balance, row.prepaid), allowed,
            QCoreApplication.translate("MainWindow", "Your role may not take payments."),
        )

    def set_pay_key(self, key: QKeySequence) -> None:
        self._pay_key = key.toString(QKeySequence.SequenceFormat.NativeText)

    def show_options(self, options: list[PaymentOption], enabled: bool, why: str) -> None:
        """Show exactly ``options``, in their order (billing.rules decides them)."""
        self._shown = (list(options), enabled, why)
        for button in self.buttons.values():
            self._layout.removeWidget(button)
            button.hide()
        self._layout.removeWidget(self.pay_key_label)
        for option in options:
            button = self.buttons[option]
            self._layout.addWidget(button)
            button.setEnabled(enabled)
            button.setToolTip(
                f"{option_text(option.value)} ({OPTION_KEYS[option]})" if enabled else why
            )
            button.show()
        self._layout.addWidget(self.pay_key_label)
        first = option_text(options[0].value) if options and enabled else ""
        self.pay_key_label.setText(
            f"{self._pay_key}: {first}" if first else ""
        )
        self.pay_key_label.setVisible(bool(first))

    def visible_options(self) -> list[PaymentOption]:
        items = (self._layout.itemAt(i) for i in range(self._layout.count()))
        order = [item.widget() for item in items if item is not None]
        return [o for w in order for o, b in self.buttons.items() if b is w and not b.isHidden()]
