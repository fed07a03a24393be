"""Taking a payment from the main window: the option buttons, the pay key and F6/F7/F8,
and the empty, focused search box for the next customer afterwards.

Which options an account offers is ``billing.rules``' (the action strip shows them); this
module checks that one is offered and the user may take it, then starts the payments
module's flow. The texts keep the ``MainWindow`` translation context.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog

from billing.roles import Action
from billing.rules import PaymentOption
from desktop.accounts.counter_keys import OPTION_KEYS, pay_key
from desktop.detail.format import option_text
from desktop.language.i18n import fill
from desktop.runtime.context import AppContext

if TYPE_CHECKING:
    from desktop.accounts.main_window import MainWindow


class CounterPayments(QObject):
    """The window's payment keys and buttons (see the module docstring)."""

    def __init__(self, window: MainWindow, ctx: AppContext) -> None:
        super().__init__(window)
        self._window = window
        self._ctx = ctx
        self.pay_shortcut = QShortcut(window)
        self.pay_shortcut.setObjectName("payKey")
        self.pay_shortcut.activated.connect(self.pay_first_option)
        self.option_shortcuts: dict[PaymentOption, QShortcut] = {}
        for option, text in OPTION_KEYS.items():
            shortcut = QShortcut(QKeySequence(text), window)
            shortcut.activated.connect(partial(self.pay_with_key, option))
            self.option_shortcuts[option] = shortcut
        buttons = window.actions_strip.buttons
        buttons[PaymentOption.PAYMENT].clicked.connect(self._on_payment_clicked)
        buttons[PaymentOption.ADVANCE].clicked.connect(self._on_advance_clicked)
        buttons[PaymentOption.RECHARGE].clicked.connect(self._on_recharge_clicked)

    def _say(self, text: str) -> None:
        self._window.statusBar().showMessage(text, 10_000)

    def apply_pay_key(self) -> None:
        """Use the pay key from settings (at start and after Settings is saved)."""
        key = pay_key(self._ctx.settings)
        self.pay_shortcut.setKey(key)
        self._window.actions_strip.set_pay_key(key)

    @Slot()
    def _on_payment_clicked(self) -> None:
        self.take_payment(PaymentOption.PAYMENT)

    @Slot()
    def _on_advance_clicked(self) -> None:
        self.take_payment(PaymentOption.ADVANCE)

    @Slot()
    def _on_recharge_clicked(self) -> None:
        self.take_payment(PaymentOption.RECHARGE)

    def take_payment(self, option: PaymentOption) -> None:
        """Start the chosen payment on the selected account (the payments module's flow)."""
        row = self._window.selected_account()
        if row is None:
            return
        from desktop.payments.flow import start_payment  # loaded with the first payment

        flow = start_payment(self._ctx, row.id, option, self._window)
        if flow is not None:
            flow.receipt_shown.connect(self._ready_for_next_customer)

    @Slot()
    def pay_first_option(self) -> None:
        """The pay key: the selected account's first payment option (billing.rules' order)."""
        options = self._window.actions_strip.visible_options()
        if self._can_pay(options[0] if options else None):
            self.take_payment(options[0])

    def pay_with_key(self, option: PaymentOption) -> None:
        """F6/F7/F8: that option, when the selected account offers it now."""
        if self._can_pay(option):
            self.take_payment(option)

    def _can_pay(self, option: PaymentOption | None) -> bool:
        row = self._window.selected_account()
        if row is None or self._window.model.waiting:
            self._say(QCoreApplication.translate("MainWindow",
                "Select an account first: type or scan its Account ID and press Enter."))
            return False
        if not self._ctx.user.may(Action.TAKE_PAYMENT):
            self._say(QCoreApplication.translate("MainWindow",
                                                 "Your role may not take payments."))
            return False
        offered = self._window.actions_strip.visible_options()
        if option is None or option not in offered:
            names = ", ".join(f"{option_text(o.value)} ({OPTION_KEYS[o]})" for o in offered)
            what = (option_text(option.value) if option is not None
                    else QCoreApplication.translate("MainWindow", "A payment"))
            self._say(fill(QCoreApplication.translate("MainWindow",
                "%1 is not offered for account %2 now; it offers %3."), what, row.id, names))
            return False
        return True

    @Slot(object)
    def _ready_for_next_customer(self, receipt: object) -> None:
        """After a payment: the search box, empty and focused, for the next ID or scan: at
        once, or when the receipt window closes if the settings let it take the focus."""
        from desktop.payments.flow import AFTER_RECORD_WINDOW, after_record

        self._window.sidebar.search.clear()
        if after_record(self._ctx) == AFTER_RECORD_WINDOW and isinstance(receipt, QDialog):
            receipt.finished.connect(self._focus_empty_search)
        else:
            self._focus_empty_search()

    @Slot()
    def _focus_empty_search(self) -> None:
        window = self._window
        window.activateWindow()
        window.sidebar.search.clear()
        window.sidebar.search.setFocus(Qt.FocusReason.OtherFocusReason)
