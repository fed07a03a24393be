"""Paying at the kiosk, as the window sees it: the payment screen (``KioskPayPage``, the
device that proves the money arrived) in the window's stack, an option button opening it
for the account on screen, and the receipt once it is paid.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot

from billing.rules import PaymentOption
from db.outbox import Mutation
from desktop.kiosk.devices import PaymentDevice
from desktop.kiosk.pay_page import KioskPayPage
from desktop.kiosk.screens import ACCOUNT, PAY
from desktop.runtime.context import AppContext
from desktop.settings.upi_payee import Payee

if TYPE_CHECKING:
    from desktop.kiosk.window import KioskWindow

log = logging.getLogger(__name__)


class KioskPaying(QObject):
    """Owns the window's payment screen and what leads to it and away from it."""

    def __init__(self, window: KioskWindow, ctx: AppContext, device: PaymentDevice | None,
                 payee: Payee | None) -> None:
        super().__init__(window)
        self._window = window
        self.pay_page = KioskPayPage(ctx, device, payee, window)
        index = window.pages.addWidget(self.pay_page)
        assert index == PAY
        self.pay_page.paid.connect(self._on_paid)
        self.pay_page.cancelled.connect(self._on_cancelled)

    def choose(self, option: PaymentOption, _checked: bool = False) -> None:
        """An option button: pay that way for the account on screen, if it offers it."""
        account = self._window.account
        if account is None or not self.pay_page.available:
            return
        if option not in account.options:
            return
        log.info("kiosk: %s for account %s", option.value, account.account_id)
        self.pay_page.begin(account.account_id, option, account.masked_name)
        self._window.pages.setCurrentIndex(PAY)

    @Slot(object)
    def _on_paid(self, mutation: object) -> None:
        assert isinstance(mutation, Mutation)
        if self._window.account is None:
            return
        self._window.show_receipt(mutation)

    @Slot()
    def _on_cancelled(self) -> None:
        if self._window.account is not None and self._window.current_page == PAY:
            self._window.pages.setCurrentIndex(ACCOUNT)
