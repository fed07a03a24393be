"""The payment dialog's UPI QR panel (``upiQrPanel``): the dynamic QR for the exact amount,
the payee, the receipt number, and what the cashier does next.

The QR is ``billing.upi.upi_intent`` for the payee from Settings
(``desktop.settings.upi_payee``), the amount and the dialog's receipt number as ``tr``. The
receipt number is reserved in the outbox the first time a QR is needed
(``receipt_reserved`` then fires) and the dialog's payment takes it, whatever the method in
the end. A changed amount clears the QR at once and draws the new one after
``QR_DEBOUNCE_MS``, so the customer never scans a stale amount.

The texts stay in the ``PaymentDialog`` translation context, where they were written.
"""

from __future__ import annotations

import logging
from functools import partial

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from billing.money import format_inr
from billing.upi import UpiError, upi_intent
from desktop.language.i18n import fill
from desktop.payments.messages import error_text
from desktop.payments.payment_record import reserve_job
from desktop.runtime.context import AppContext
from desktop.settings.upi_payee import Payee
from desktop.widgets.upi_qr import UpiQrWidget

log = logging.getLogger(__name__)

#: The pause after the last keystroke before the UPI QR is drawn for a new amount.
QR_DEBOUNCE_MS = 300

translate = QCoreApplication.translate
"""Qt's translate under the name lupdate looks for (``translate("Context", "text")``)."""


class UpiQrPanel(QFrame):
    """The QR beside the payment form, for one account and one payee (None: not set up,
    the panel says where to set it)."""

    #: The receipt number was reserved: the dialog checks its fields again.
    receipt_reserved = Signal()

    def __init__(self, ctx: AppContext, account_id: int, payee: Payee | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.account_id = account_id
        self.payee = payee
        #: The receipt number the dialog's payment takes, reserved when the QR first shows.
        self.receipt_number: str | None = None
        self._reserving = False
        #: The amount the next draw shows (None: no valid amount).
        self._amount: int | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(QR_DEBOUNCE_MS)
        self._timer.timeout.connect(self._draw)
        self.setObjectName("upiQrPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        column = QVBoxLayout(self)
        self.qr_title = self._label("upiQrTitle")
        self.qr = UpiQrWidget(self)
        self.qr_amount = self._label("upiQrAmount")
        self.qr_amount.setStyleSheet("font-size: 18pt; font-weight: bold;")
        self.qr_facts = self._label("upiQrFacts")
        self.qr_message = self._label("upiQrMessage")
        for widget in (self.qr_title, self.qr, self.qr_amount, self.qr_facts, self.qr_message):
            column.addWidget(widget)
        column.addStretch(1)
        self.setFixedWidth(self.qr.sizeHint().width() + 24)
        self.hide()

    def _label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        return label

    def retranslate_ui(self) -> None:
        self.qr_title.setText(
            "<b>" + translate("PaymentDialog", "Customer scans to pay by UPI") + "</b>")
        if self.qr.isVisibleTo(self):
            self._draw()

    def intent(self, amount_paise: int | None) -> str | None:
        """The intent the QR shows for this amount, or None for no QR; UpiError when the
        payee's details cannot make one."""
        if self.payee is None or amount_paise is None or amount_paise <= 0:
            return None
        if self.receipt_number is None:
            return None
        return upi_intent(self.payee.vpa, self.payee.name, amount_paise,
                          self.receipt_number, f"Account {self.account_id}")

    def show_amount(self, amount_paise: int | None) -> None:
        """The amount the fields hold now (None: not valid). Clear a QR that no longer
        matches at once and draw the new one after ``QR_DEBOUNCE_MS``; reserve the receipt
        number the first time."""
        self._amount = amount_paise
        if self.payee is None:
            self.clear(translate("PaymentDialog", "No UPI ID is set: set it under Settings → "
                                 "UPI QR to show a QR here."))
            return
        if amount_paise is None or amount_paise <= 0:
            self.clear(translate("PaymentDialog", "Enter a valid amount to show the QR."))
            return
        if self.receipt_number is None:
            self._reserve_receipt_number()
            return
        try:
            wanted = self.intent(amount_paise)
        except UpiError as exc:
            log.error("payment dialog: UPI QR not made: %s", exc)
            self.clear(fill(translate("PaymentDialog", "No QR: %1 Check Settings → UPI QR."),
                            error_text(exc)))
            return
        if wanted is not None and wanted != self.qr.payload:
            self.clear("")
            self._timer.start()

    def stop(self) -> None:
        """Draw nothing more (another method, or the payment is being written)."""
        self._timer.stop()

    def clear(self, message: str) -> None:
        self._timer.stop()
        self.qr.set_payload("")
        self.qr.hide()
        self.qr_amount.clear()
        self.qr_facts.clear()
        self.qr_message.setText(message)

    def _reserve_receipt_number(self) -> None:
        if self._reserving:
            return
        self._reserving = True
        self.clear(translate("PaymentDialog", "Preparing the QR…"))
        task = self.ctx.tasks.run_db("reserve receipt number", partial(reserve_job, self.ctx))
        task.done.connect(self._on_reserved)
        task.error.connect(self._on_reserve_failed)

    @Slot(object)
    def _on_reserved(self, number: object) -> None:
        self._reserving = False
        self.receipt_number = str(number)
        self.receipt_reserved.emit()

    @Slot(object)
    def _on_reserve_failed(self, exc: object) -> None:
        self._reserving = False
        log.error("payment dialog: no receipt number for the UPI QR: %s", exc)
        self.clear(fill(translate(
            "PaymentDialog", "No QR: the receipt number could not be reserved (%1)."), exc))

    @Slot()
    def _draw(self) -> None:
        """Draw the QR for the last amount given (the debounce timer's end)."""
        try:  # the amount's preview: valid while the UTR is not typed yet
            intent = self.intent(self._amount)
        except UpiError:
            intent = None
        if intent is None or self.payee is None or self._amount is None:
            return
        self.qr.set_payload(intent)
        self.qr.show()
        self.qr_amount.setText(format_inr(self._amount))
        self.qr_facts.setText(f"{self.payee.name}\n{self.payee.vpa}\n"
                              + fill(translate("PaymentDialog", "Receipt No %1"),
                                     self.receipt_number))
        self.qr_message.setText(translate("PaymentDialog", "After the customer pays, type the "
                                          "12-digit UTR their UPI app shows."))
