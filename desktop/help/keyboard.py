"""Help → Keyboard: every key of the counter loop, with the pay key as configured."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from billing.rules import PaymentOption
from desktop.detail.format import option_text
from desktop.language.i18n import fill


def keyboard_rows(
    pay_key: QKeySequence, option_keys: dict[PaymentOption, str]
) -> list[tuple[str, str]]:
    """(key, what it does) in the order a cashier uses them, in the interface language."""
    native = pay_key.toString(QKeySequence.SequenceFormat.NativeText)
    return [
        ("0-9 … Enter", QCoreApplication.translate("KeyboardHelp",
            "Type or scan an Account ID anywhere in the window; Enter selects "
            "exactly that account (the status bar says when none has it).")),
        ("Ctrl+F", QCoreApplication.translate("KeyboardHelp",
            "Go to Quick Search (name, mobile, email or ID).")),
        ("Esc", QCoreApplication.translate("KeyboardHelp", "Clear Quick Search.")),
        ("Down", QCoreApplication.translate("KeyboardHelp", "From Quick Search to the list.")),
        (QCoreApplication.translate("KeyboardHelp", "Enter (in the list)"),
         QCoreApplication.translate("KeyboardHelp", "Open the account's details.")),
        (native, QCoreApplication.translate("KeyboardHelp",
            "Take the selected account's first payment option (as on its buttons). "
            "Settings key counter/payKey changes it.")),
        *[(key, fill(QCoreApplication.translate("KeyboardHelp", "%1 for the selected account."),
                     option_text(option.value)))
          for option, key in option_keys.items()],
        (QCoreApplication.translate("KeyboardHelp", "Enter (Plan Selection)"),
         QCoreApplication.translate("KeyboardHelp", "Continue with the current plan.")),
        (QCoreApplication.translate("KeyboardHelp", "Enter (payment)"),
         QCoreApplication.translate("KeyboardHelp",
            "Confirm, when the amount and method are valid.")),
        (QCoreApplication.translate("KeyboardHelp", "Esc (payment)"),
         QCoreApplication.translate("KeyboardHelp", "Cancel; nothing is recorded.")),
        ("F5", QCoreApplication.translate("KeyboardHelp", "Refresh the list.")),
    ]


class KeyboardHelpDialog(QDialog):
    """Opened afresh from Help → Keyboard each time, so its texts are worded when made."""

    def __init__(
        self,
        pay_key: QKeySequence,
        option_keys: dict[PaymentOption, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("keyboardHelp")
        self.setWindowTitle(QCoreApplication.translate("KeyboardHelp", "Keyboard"))
        rows = "".join(
            f"<tr><td style='padding-right:12px'><b>{html.escape(key)}</b></td>"
            f"<td>{html.escape(what)}</td></tr>"
            for key, what in keyboard_rows(pay_key, option_keys)
        )
        title = html.escape(QCoreApplication.translate(
            "KeyboardHelp", "The counter loop by keyboard or scanner"))
        after = html.escape(QCoreApplication.translate(
            "KeyboardHelp",
            "After a payment the receipt is shown (or printed: Settings key "
            "receipts/afterRecord = print) and Quick Search is ready, empty, for the next "
            "customer."))
        label = QLabel(
            f"<p><b>{title}</b></p>"
            f"<table cellspacing='0' cellpadding='3'>{rows}</table>"
            f"<p>{after}</p>",
            self,
        )
        label.setObjectName("keyboardHelpText")
        label.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(
            QCoreApplication.translate("KeyboardHelp", "Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)
