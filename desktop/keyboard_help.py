"""Help → Keyboard: every key of the counter loop, with the pay key as configured."""

from __future__ import annotations

import html

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from billing.rules import PaymentOption


def keyboard_rows(
    pay_key: QKeySequence, option_keys: dict[PaymentOption, str]
) -> list[tuple[str, str]]:
    """(key, what it does) in the order a cashier uses them."""
    native = pay_key.toString(QKeySequence.SequenceFormat.NativeText)
    return [
        ("0-9 … Enter", "Type or scan an Account ID anywhere in the window; Enter selects "
                        "exactly that account (the status bar says when none has it)."),
        ("Ctrl+F", "Go to Quick Search (name, mobile, email or ID)."),
        ("Esc", "Clear Quick Search."),
        ("Down", "From Quick Search to the list."),
        ("Enter (in the list)", "Open the account's details."),
        (native, "Take the selected account's first payment option (as on its buttons). "
                 "Settings key counter/payKey changes it."),
        *[(key, f"{option.label} for the selected account.")
          for option, key in option_keys.items()],
        ("Enter (Plan Selection)", "Continue with the current plan."),
        ("Enter (payment)", "Confirm, when the amount and method are valid."),
        ("Esc (payment)", "Cancel; nothing is recorded."),
        ("F5", "Refresh the list."),
    ]


class KeyboardHelpDialog(QDialog):
    def __init__(
        self,
        pay_key: QKeySequence,
        option_keys: dict[PaymentOption, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("keyboardHelp")
        self.setWindowTitle("Keyboard")
        rows = "".join(
            f"<tr><td style='padding-right:12px'><b>{html.escape(key)}</b></td>"
            f"<td>{html.escape(what)}</td></tr>"
            for key, what in keyboard_rows(pay_key, option_keys)
        )
        label = QLabel(
            "<p><b>The counter loop by keyboard or scanner</b></p>"
            f"<table cellspacing='0' cellpadding='3'>{rows}</table>"
            "<p>After a payment the receipt is shown (or printed: Settings key "
            "receipts/afterRecord = print) and Quick Search is ready, empty, for the next "
            "customer.</p>",
            self,
        )
        label.setObjectName("keyboardHelpText")
        label.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)
