"""The payment page (``paymentDialog``): amount, method, preview, and one durable commit.

Every check is ``billing``'s: ``parse_amount`` for what is typed, ``check_payment`` for the
rules, ``billing.references`` and ``cash_change_due`` for the method; dates come from
``billing.lifecycle`` through ``db.payments_local.payment_outcome``. One ``_validate()`` runs
on every change and enables Confirm; nothing is written until Confirm.

Taking the money exactly once: the idempotency key (a uuid4) is made when the dialog opens
and is the outbox ``mutation_id``; the first Confirm switches the dialog to "recording" and
every later click or held-down Enter is ignored; and even a second write with the same key
returns the first record (``Outbox.enqueue_payment``). The flow refuses a second dialog on an
account that already has one open (see ``flow.py``).

UPI: for the method UPI and a valid amount the dialog shows the dynamic UPI QR
(``upi_qr_panel.py``); the cashier then types the UTR the customer's app shows. A customer
who will pay later takes a "pay later by UPI" slip (``payLaterButton``, ``pay_later.py``);
nothing is recorded for it.

The parts: the account's facts (``payment_header.py``), the method's reference rows
(``reference_fields.py``), the cash rows (``cash_fields.py``), "After this payment"
(``after_payment.py``, its text from ``payment_preview.py``), the write off the GUI thread
(``payment_record.py``).
"""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, date, datetime

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from billing.money import format_inr
from billing.rules import (
    PaymentMethod,
    PaymentOption,
    PaymentPreview,
    RuleError,
)
from billing.upi import UpiError
from db.outbox import Mutation
from db.payments_local import AccountForPayment, PlanChoice, payment_outcome
from desktop.detail.format import option_text
from desktop.language.i18n import Retranslating, fill
from desktop.payments.after_payment import AfterPayment
from desktop.payments.amount_fields import AmountFields
from desktop.payments.cash_fields import CashFields
from desktop.payments.form_parts import named_label
from desktop.payments.messages import error_text
from desktop.payments.payment_header import PaymentHeader
from desktop.payments.payment_record import Checked, start_recording
from desktop.payments.reference_fields import ReferenceFields
from desktop.payments.upi_qr_panel import UpiQrPanel
from desktop.runtime.context import AppContext
from desktop.settings.upi_payee import upi_payee

log = logging.getLogger(__name__)


class PaymentDialog(Retranslating, QDialog):
    """Take one Payment, Advance or Recharge for one account."""

    #: The payment is durable in the outbox (the Mutation, with its receipt number).
    recorded = Signal(object)

    READY, RECORDING, DONE = "ready", "recording", "done"

    def __init__(
        self,
        ctx: AppContext,
        account: AccountForPayment,
        option: PaymentOption,
        parent: QWidget | None = None,
        *,
        plan: PlanChoice | None = None,
        notice: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.account = account
        self.option = PaymentOption(option)
        self.plan = plan
        self.today: date = ctx.today()
        self.ceiling_paise = ctx.limits.max_payment_paise
        #: The idempotency key of this payment, made once, when the dialog opens.
        self.mutation_id = str(uuid.uuid4())
        self.state = self.READY
        self.checked: Checked | None = None
        self.mutation: Mutation | None = None
        #: Who the UPI QR pays (None: not set up, the QR panel says where to set it).
        self.payee = upi_payee(ctx.settings)
        #: The amount's preview from the last check (None: the amount is not valid).
        self._preview: PaymentPreview | None = None
        self.setObjectName("paymentDialog")
        self.setMinimumWidth(520)
        self._build(notice)
        self.amounts.prefill(self.account, self.option, self.plan)
        self.retranslate_ui()

    @property
    def receipt_number(self) -> str | None:
        """The receipt number this dialog's payment takes, reserved when the QR first shows."""
        return self.qr_panel.receipt_number

    def retranslate_ui(self) -> None:
        """Every text of the dialog in the current language (again on a language change)."""
        self.setWindowTitle(fill(self.tr("%1 — account %2"), option_text(self.option.value),
                                 self.account.id))
        pending, plan = self.account.pending_count, self.plan
        self.header.retranslate_ui(
            self.tr("(includes %n payment(s) pending sync)", "", pending) if pending else "",
            self.tr("%n day(s)", "", plan.validity_days) if plan is not None else "")
        self.amounts.retranslate_ui()
        self.after.retranslate_ui()
        self.pay_later.setText(self.tr("Pay &later by UPI…"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.refs.retranslate_ui()
        self.cash.retranslate_ui()
        self.qr_panel.retranslate_ui()
        self._word_confirm()
        self._validate()

    def _word_confirm(self) -> None:
        if self.state == self.RECORDING:
            self.confirm.setText(self.tr("Recording…"))
        elif self.state == self.DONE:
            self.confirm.setText(self.tr("Recorded"))
        else:
            self.confirm.setText({
                PaymentOption.PAYMENT: self.tr("Confirm payment"),
                PaymentOption.ADVANCE: self.tr("Confirm advance"),
                PaymentOption.RECHARGE: self.tr("Confirm recharge"),
            }[self.option])

    # -- layout -------------------------------------------------------------------------------

    def _label(self, name: str, text: str = "", *, error: bool = False) -> QLabel:
        return named_label(self, name, text, error=error)

    def _build(self, notice: str | None) -> None:
        self.header = PaymentHeader(self.account, self.option, self.plan, self)
        self.title = self.header.title
        self._opening_notice = notice or ""
        self.notice = self._label("paymentNotice", notice or "")
        self.notice.setStyleSheet("color: #8a4b00;")
        self.notice.setVisible(bool(notice))

        form = QFormLayout()
        self.amounts = AmountFields(self, form)
        self.amount, self.amount_error = self.amounts.amount, self.amounts.amount_error
        self.method = self.amounts.method
        self.refs = ReferenceFields(self, form, self.today)
        self.reference, self.reference_error = self.refs.reference, self.refs.reference_error
        self.card_last4, self.cheque_bank = self.refs.card_last4, self.refs.cheque_bank
        self.cheque_date = self.refs.cheque_date
        self.cash = CashFields(self, form)
        self.tendered, self.tendered_error = self.cash.tendered, self.cash.tendered_error
        self.change = self.cash.change

        self.after = AfterPayment(self)
        self.preview_panel, self.overpay = self.after.panel, self.after.overpay
        self.error = self._label("paymentError", error=True)

        buttons = QHBoxLayout()
        self.pay_later = QPushButton("Pay &later by UPI…", self)
        self.pay_later.setObjectName("payLaterButton")
        self.pay_later.setAutoDefault(False)
        self.pay_later.setVisible(self.option in (PaymentOption.PAYMENT, PaymentOption.ADVANCE))
        self.pay_later.clicked.connect(self._on_pay_later)
        self.pay_later_window: QDialog | None = None
        buttons.addWidget(self.pay_later)
        buttons.addStretch(1)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setObjectName("cancelPayment")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.confirm = QPushButton(self)
        self.confirm.setObjectName("confirmPayment")
        self.confirm.setDefault(True)
        self.confirm.clicked.connect(self._on_confirm)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.confirm)

        self.qr_panel = UpiQrPanel(self.ctx, self.account.id, self.payee, self)
        self.qr_panel.receipt_reserved.connect(self._on_receipt_reserved)
        self.qr = self.qr_panel.qr
        left = QVBoxLayout()
        left.addWidget(self.header)
        left.addWidget(self.notice)
        left.addLayout(form)
        left.addWidget(self.after)
        left.addWidget(self.error)
        left.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addWidget(self.qr_panel)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addLayout(buttons)

        self.amount.textChanged.connect(self._validate)
        self.refs.connect(self._validate)
        self.tendered.textChanged.connect(self._validate)
        self.method.currentIndexChanged.connect(self._validate)
        self.overpay.toggled.connect(self._validate)

    def account_moved(self, account: AccountForPayment) -> None:
        """The account as it is now (a sync, another desk's payment): a changed balance is
        said, and the amount checked against it (a Recharge asks its new fixed amount)."""
        if self.state != self.READY or account.balance_paise == self.account.balance_paise:
            return
        moved = fill(self.tr("The balance changed while this window was open: now %1 (was %2)."
                             " Check the amount with the customer."),
                     format_inr(account.balance_paise), format_inr(self.account.balance_paise))
        self.notice.setText("\n".join(filter(None, (moved, self._opening_notice))))
        self.notice.show()
        self.account = self.header.account = account
        if self.option is PaymentOption.RECHARGE:
            self.amounts.prefill(account, self.option, self.plan)
        self.retranslate_ui()

    # -- checking -----------------------------------------------------------------------------

    @property
    def selected_method(self) -> PaymentMethod:
        return self.amounts.selected_method

    @Slot()
    def _validate(self) -> None:
        """Check every field, show each problem next to its field, update the preview, and
        enable Confirm only for a payment the rules accept (and, for an over-payment, once
        the cashier has ticked the extra confirmation)."""
        self.checked = None
        method = self.selected_method
        preview = self.amounts.check(self.account, self.option, self.plan, self.ceiling_paise)
        self._preview = preview
        ok = preview is not None

        reference, reference_ok = self.refs.check(method)
        tendered, tendered_ok = self.cash.check(method, preview)
        ok = ok and reference_ok and tendered_ok

        outcome = None
        if preview is not None:
            outcome = payment_outcome(
                self.account, self.option, preview.amount_paise, self.today, self.plan
            )
        ok = self.after.show_effect(preview, outcome, prepaid=self.account.prepaid) and ok
        if ok and preview is not None and outcome is not None:
            self.checked = Checked(preview, outcome, method, reference, tendered)
        self.confirm.setEnabled(self.checked is not None and self.state == self.READY)
        self.pay_later.setEnabled(self.payee is not None and preview is not None
                                  and preview.amount_paise > 0 and self.state == self.READY)
        self.pay_later.setToolTip(
            self.tr("Print a slip with the UPI QR for this amount; nothing is recorded.")
            if self.payee is not None
            else self.tr("Set the UPI ID under Settings → UPI QR first."))
        self._schedule_qr(method, preview)

    # -- the UPI QR ---------------------------------------------------------------------------

    def _schedule_qr(self, method: PaymentMethod, preview: PaymentPreview | None) -> None:
        """Show the QR panel for UPI, with the amount typed now."""
        upi = method is PaymentMethod.UPI
        if upi != self.qr_panel.isVisibleTo(self):
            self.qr_panel.setVisible(upi)
            self._fit()
        elif self.isVisible():  # a message may have grown a line
            self._fit()
        if not upi:
            self.qr_panel.stop()
            return
        self.qr_panel.show_amount(preview.amount_paise if preview is not None else None)

    def _fit(self) -> None:
        """Grow to show the QR panel and every wrapped message in full (the cashier's own
        size is kept if larger)."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        wanted = self.sizeHint()
        width = max(self.width(), wanted.width())
        height = max(self.height(), wanted.height(), layout.totalHeightForWidth(width))
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)

    @Slot()
    def _on_receipt_reserved(self) -> None:
        if self.state == self.READY:
            self._validate()

    @Slot()
    def _on_pay_later(self) -> None:
        """The customer pays later: a slip with the QR for the amount; nothing recorded."""
        from desktop.payments.pay_later import PayLaterDialog, PayLaterSlip
        from desktop.payments.receipt import header_lines

        preview = self._preview
        if preview is None or self.payee is None or self.state != self.READY:
            return
        slip = PayLaterSlip(
            account_id=self.account.id, account_name=self.account.name, option=self.option,
            amount_paise=preview.amount_paise, payee=self.payee,
            issued_at=datetime.now(UTC), zone=self.ctx.business_zone,
            header=header_lines(self.ctx))
        try:
            slip.intent  # noqa: B018  # refuse an unusable payee here, not in the window
        except UpiError as exc:
            self.error.setText(fill(self.tr("No slip: %1 Check Settings → UPI QR."),
                                    error_text(exc)))
            return
        self.pay_later_window = PayLaterDialog(self.ctx, slip, self)
        self.pay_later_window.show()

    # -- committing ---------------------------------------------------------------------------

    @Slot()
    def _on_confirm(self) -> None:
        """Write the payment once; every further press while (or after) it is written is
        ignored."""
        if self.state != self.READY:
            return
        self._validate()
        checked = self.checked
        if checked is None:
            return
        self.state = self.RECORDING
        self.confirm.setEnabled(False)
        self.pay_later.setEnabled(False)
        self._set_editable(False)
        self.error.setText("")
        self._word_confirm()
        self.qr_panel.stop()
        task = start_recording(self.ctx, self.account, self.option, self.plan, checked,
                               self.mutation_id, self.receipt_number)
        task.done.connect(self._on_recorded)
        task.error.connect(self._on_record_failed)

    def _set_editable(self, editable: bool) -> None:
        """Every field and Cancel, off while the payment is written (a Recharge's amount is
        fixed by the rules and stays read-only)."""
        self.cancel_button.setEnabled(editable)
        self.amount.setReadOnly(not editable or self.option is PaymentOption.RECHARGE)
        self.tendered.setReadOnly(not editable)
        self.refs.set_read_only(not editable)
        self.method.setEnabled(editable)
        self.overpay.setEnabled(editable)

    @Slot(object)
    def _on_recorded(self, mutation: object) -> None:
        assert isinstance(mutation, Mutation)
        self.state = self.DONE
        self.mutation = mutation
        self._word_confirm()
        self.recorded.emit(mutation)
        self.accept()

    @Slot(object)
    def _on_record_failed(self, exc: object) -> None:
        used = isinstance(exc, RuleError) and exc.code == "reference_used"
        (log.info if used else log.error)(
            "payment for account %s not recorded: %s", self.account.id, exc)
        self.state = self.READY
        self._word_confirm()
        self._set_editable(True)
        if used and isinstance(exc, RuleError) and self.checked is not None:
            # Refused next to the field; Confirm stays off until the UTR is changed.
            self.refs.used = (self.checked.reference or "", error_text(exc))
            self.error.setText("")
        else:
            self.error.setText(fill(
                self.tr("The payment was NOT recorded: %1. Nothing was saved; try again, and "
                        "do not hand out a receipt until one is shown."), error_text(exc)))
        self._validate()

    def reject(self) -> None:
        """Cancel is refused while the payment is being written."""
        if self.state == self.RECORDING:
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.state == self.RECORDING:
            event.ignore()
            return
        super().closeEvent(event)
