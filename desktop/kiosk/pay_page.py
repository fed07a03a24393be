"""The kiosk's own payment screen: plan (for a Recharge), amount, then the UPI QR.

A kiosk takes money only through a :class:`~desktop.kiosk.devices.PaymentDevice` that can
prove it arrived: there is no Cash, Cheque or Bank transfer choice, no reference field and
no Tendered field. The steps:

1. **Plan** (Recharge only): large buttons, the current plan first.
2. **Amount**: a large on-screen keypad; Payment is prefilled with the due, a Recharge is
   fixed by the rules (plan price less credit); every check is ``billing.rules``'.
3. **Pay**: a receipt number is reserved, the UPI QR asks for exactly the amount under that
   number, and the device waits. Only its ``confirmed`` signal writes the payment to the
   outbox (one transaction, idempotent per payment); cancel, timeout or a failure write
   nothing and print nothing.
"""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime
from functools import partial

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from billing.money import AmountError, format_inr, paise_to_decimal
from billing.money import parse_amount as parse_money
from billing.rules import PaymentOption, PaymentPreview, RuleError, check_payment, recharge_prefill
from billing.upi import UpiError, upi_intent
from db.payments_local import (
    AccountForPayment,
    PlanChoice,
    build_payment_payload,
)
from desktop.detail.format import option_text
from desktop.kiosk.devices import Confirmation, PaymentDevice
from desktop.kiosk.pay_jobs import Loaded, Recorded, Reserved, load_job, record_job, reserve_job
from desktop.kiosk.pay_parts import say
from desktop.kiosk.pay_steps import AmountStep, PlanStep, QrStep
from desktop.kiosk.wording import word
from desktop.language.i18n import QT_TRANSLATE_NOOP
from desktop.payments.messages import error_text
from desktop.runtime.context import AppContext
from desktop.settings.upi_payee import Payee

log = logging.getLogger(__name__)

#: How long the QR waits for the money before giving up (nothing is recorded then).
PAY_TIMEOUT_S = 180
PLAN, AMOUNT, QR = range(3)


class KioskPayPage(QWidget):
    """Plan → amount → QR for one account; emits ``paid`` with the recorded payment or
    ``cancelled`` (nothing recorded)."""

    paid = Signal(object)  # Mutation
    cancelled = Signal()

    def __init__(self, ctx: AppContext, device: PaymentDevice | None, payee: Payee | None,
                 parent: QWidget | None = None, *, timeout_s: int = PAY_TIMEOUT_S) -> None:
        super().__init__(parent)
        self.setObjectName("kioskPayPage")
        self.ctx = ctx
        self.device = device
        self.payee = payee
        self.timeout_s = timeout_s
        self.ceiling_paise = ctx.limits.max_payment_paise
        self._generation = 0
        self._masked_name = ""
        self._option = PaymentOption.PAYMENT
        self._account: AccountForPayment | None = None
        self._plan: PlanChoice | None = None
        self._preview: PaymentPreview | None = None
        self._overpay_ok = False
        self._mutation_id = ""
        self._receipt_number = ""
        self._recording = False
        self._left_s = 0
        if device is not None:
            device.setParent(self)
            device.confirmed.connect(self._on_confirmed)
            device.failed.connect(self._on_device_failed)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._on_tick)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 24, 48, 24)
        self.steps = QStackedWidget(self)
        self.steps.setObjectName("kioskPaySteps")
        outer.addWidget(self.steps)
        self.plan_step = PlanStep(self)
        self.plan_step.chosen.connect(self._on_plan)
        self.plan_step.cancel.clicked.connect(self.abort)
        self.steps.addWidget(self.plan_step)
        self.amount_step = AmountStep(self)
        step = self.amount_step
        self.amount_title, self.amount_hint = step.amount_title, step.amount_hint
        self.amount, self.amount_message = step.amount, step.amount_message
        self.pay_button, self.amount_keypad = step.pay_button, step.amount_keypad
        self.amount.textChanged.connect(self._on_amount_changed)
        self.amount.returnPressed.connect(self.continue_to_pay)
        self.pay_button.clicked.connect(self.continue_to_pay)
        step.cancel.clicked.connect(self.abort)
        self.steps.addWidget(self.amount_step)
        self.qr_step = QrStep(bool(device is not None and device.demo), self)
        self.qr_step.demo_button.clicked.connect(self._on_demo_paid)
        self.qr_step.qr_cancel.clicked.connect(self.abort)
        self.steps.addWidget(self.qr_step)

    @property
    def available(self) -> bool:
        """A device and a payee are set up: the kiosk can take money."""
        return self.device is not None and self.payee is not None

    @property
    def loaded(self) -> bool:
        """The account is loaded: the amount (or plan) step shows its real contents."""
        return self._account is not None

    @property
    def recording(self) -> bool:
        """The money arrived and its payment is being written (then its receipt shows)."""
        return self._recording

    @property
    def waiting_for_money(self) -> bool:
        """The QR is up (or the payment is being written): idle must not reset the kiosk."""
        return self.steps.currentIndex() == QR and (
            self._recording or (self.device is not None and self.device.waiting))

    # -- building --------------------------------------------------------------------------

    # -- starting --------------------------------------------------------------------------

    def begin(self, account_id: int, option: PaymentOption, masked_name: str) -> None:
        """Start a payment of ``option`` for ``account_id`` (loads the account first)."""
        self._reset()
        self._option = PaymentOption(option)
        self._masked_name = masked_name
        self._mutation_id = str(uuid.uuid4())  # the idempotency key of this one payment
        say(self.amount_title, QT_TRANSLATE_NOOP(
            "KioskPay", "%1 · account %2"), option_text(self._option.value),
             account_id)
        say(self.amount_hint, QT_TRANSLATE_NOOP("KioskPay", "Loading…"))
        self.steps.setCurrentIndex(AMOUNT)
        task = self.ctx.tasks.run_db("kiosk load for payment", partial(
            load_job, self.ctx, account_id, self._option, self._generation))
        task.done.connect(self._on_loaded)
        task.error.connect(self._on_load_failed)

    @Slot(object)
    def _on_loaded(self, loaded: object) -> None:
        assert isinstance(loaded, Loaded)
        if loaded.generation != self._generation:
            return
        self._account = account = loaded.account
        if self._option not in account.options:
            # The balance moved (a sync, a payment at the counter) since the button showed.
            self.amount_hint.setText("")
            say(self.amount_message, QT_TRANSLATE_NOOP("KioskPay",
                "%1 is not available for this account now. Touch Cancel and look the account "
                "up again."), option_text(self._option.value))
            self.pay_button.setEnabled(False)
            return
        if self._option is PaymentOption.RECHARGE:
            self.plan_step.show_plans(loaded.plans, loaded.current_plan_id)
            self.steps.setCurrentIndex(PLAN)
            return
        self._show_amount()

    @Slot(object)
    def _on_load_failed(self, exc: object) -> None:
        log.error("kiosk: account not loaded for payment: %s", exc)
        self.amount_hint.setText("")
        say(self.amount_message, QT_TRANSLATE_NOOP("KioskPay",
            "This account cannot take a payment here just now. Please pay at the counter."))
        self.pay_button.setEnabled(False)

    @Slot(object)
    def _on_plan(self, plan: PlanChoice) -> None:
        self._plan = plan
        say(self.amount_title, QT_TRANSLATE_NOOP("KioskPay", "Recharge · %1"), plan.name)
        self._show_amount()

    def _show_amount(self) -> None:
        account = self._account
        assert account is not None
        option = self._option
        self.amount.setReadOnly(False)
        self.amount_keypad.setEnabled(True)
        if option is PaymentOption.PAYMENT:
            say(self.amount_hint, QT_TRANSLATE_NOOP("KioskPay",
                "Amount due %1. Pay it all, or type a smaller amount."),
                format_inr(account.balance_paise))
            self.amount.setText(str(paise_to_decimal(account.balance_paise)))
        elif option is PaymentOption.RECHARGE and self._plan is not None:
            due = recharge_prefill(self._plan.price_paise, account.balance_paise)
            self.tr("%1: %2 for %n day(s), less any credit.", "", 1)  # for lupdate: a plural
            word(self.amount_hint, "%1: %2 for %n day(s), less any credit.", self._plan.name,
                 format_inr(self._plan.price_paise), context="KioskPayPage",
                 n=self._plan.validity_days)
            self.amount.setText(str(paise_to_decimal(due)))
            self.amount.setReadOnly(True)  # the rules fix a recharge's amount
            self.amount_keypad.setEnabled(False)
        else:
            say(self.amount_hint, QT_TRANSLATE_NOOP(
                "KioskPay", "Type the amount to keep as advance credit."))
            self.amount.clear()
        self.steps.setCurrentIndex(AMOUNT)
        self._check_amount()

    # -- the amount ------------------------------------------------------------------------

    @Slot(str)
    def _on_amount_changed(self, _text: str) -> None:
        self._overpay_ok = False
        self._check_amount()

    def _check_amount(self) -> None:
        """``billing``'s checks on what is typed; enables Pay only for an acceptable one."""
        self._preview = None
        account = self._account
        if account is None:
            self.pay_button.setEnabled(False)
            return
        message = ""
        try:
            amount = parse_money(self.amount.text(), allow_zero=False)
            self._preview = check_payment(
                self._option, amount, balance_paise=account.balance_paise,
                prepaid=account.prepaid,
                plan_price_paise=self._plan.price_paise if self._plan else None,
                ceiling_paise=self.ceiling_paise)
        except (AmountError, RuleError) as exc:
            message = error_text(exc) if self.amount.text() else ""
        self.amount_step.show_check(self._preview, message, self._overpay_ok)

    @Slot()
    def continue_to_pay(self) -> None:
        """From the amount to the QR (an over-payment needs a second touch)."""
        self._check_amount()
        preview = self._preview
        if preview is None or self._account is None or not self.available:
            return
        if preview.needs_overpay_confirmation and not self._overpay_ok:
            self._overpay_ok = True
            self._check_amount()
            return
        self.pay_button.setEnabled(False)
        self.amount.setReadOnly(True)
        task = self.ctx.tasks.run_db("kiosk receipt number", partial(
            reserve_job, self.ctx, self._generation))
        task.done.connect(self._on_reserved)
        task.error.connect(self._on_load_failed)

    # -- the QR and the device -------------------------------------------------------------

    @Slot(object)
    def _on_reserved(self, reserved: object) -> None:
        assert isinstance(reserved, Reserved)
        if reserved.generation != self._generation or self._preview is None:
            return
        assert self.device is not None and self.payee is not None
        self._receipt_number = reserved.receipt_number
        amount = self._preview.amount_paise
        account = self._account
        assert account is not None
        try:
            intent = upi_intent(self.payee.vpa, self.payee.name, amount,
                                reserved.receipt_number, f"Account {account.id}")
        except UpiError as exc:
            log.error("kiosk: UPI QR not made: %s", exc)
            say(self.amount_message, QT_TRANSLATE_NOOP(
                "KioskPay",
                "UPI payments are not set up correctly at this kiosk. Please pay at the counter."))
            return
        self.qr_step.show_request(intent, self.payee, amount, account.id, self._option,
                                  reserved.receipt_number)
        self._left_s = self.timeout_s
        self._show_waiting()
        self.steps.setCurrentIndex(QR)
        self._tick.start()
        log.info("kiosk: waiting for UPI %s of %s for account %s", reserved.receipt_number,
                 amount, account.id)
        self.device.start(amount, reserved.receipt_number)

    def _show_waiting(self) -> None:
        self.qr_step.show_waiting(self._left_s)

    @Slot()
    def _on_tick(self) -> None:
        self._left_s -= 1
        if self._left_s > 0:
            self._show_waiting()
            return
        log.info("kiosk: UPI %s timed out; nothing recorded", self._receipt_number)
        self._tick.stop()
        if self.device is not None:
            self.device.cancel()
        self.qr_step.show_timed_out()

    @Slot()
    def _on_demo_paid(self) -> None:
        simulate = getattr(self.device, "simulate_payment", None)
        if callable(simulate):
            simulate()

    @Slot(object)
    def _on_confirmed(self, confirmation: object) -> None:
        assert isinstance(confirmation, Confirmation)
        preview, account = self._preview, self._account
        if preview is None or account is None or self._recording:
            return
        self._tick.stop()
        self._recording = True
        self.qr_step.show_recording()
        payload = build_payment_payload(
            account, option=self._option, method=confirmation.method,
            reference=confirmation.reference, amount_paise=confirmation.amount_paise,
            charge_paise=preview.charge_paise, plan_id=self._plan.id if self._plan else None,
            tendered_paise=None, taken_at=datetime.now(UTC))
        task = self.ctx.tasks.run_db("kiosk record payment", partial(
            record_job, self.ctx, account.id, payload, self._mutation_id,
            self._receipt_number, self._generation))
        task.done.connect(self._on_recorded)
        task.error.connect(self._on_record_failed)

    @Slot(object)
    def _on_recorded(self, recorded: object) -> None:
        assert isinstance(recorded, Recorded)
        self._recording = False
        log.info("kiosk: payment %s recorded", recorded.mutation.payload["receipt_number"])
        self.paid.emit(recorded.mutation)
        self.ctx.events.outbox_changed.emit()
        if recorded.mutation.account_id is not None:
            self.ctx.events.accounts_changed.emit([recorded.mutation.account_id])

    @Slot(object)
    def _on_record_failed(self, exc: object) -> None:
        # The money arrived: never drop it silently. Staff settle it with the numbers shown.
        self._recording = False
        log.error("kiosk: UPI payment %s received but NOT recorded: %s",
                  self._receipt_number, exc)
        self.qr_step.show_not_saved(self._receipt_number)

    @Slot(str)
    def _on_device_failed(self, message: str) -> None:
        self._tick.stop()
        log.info("kiosk: payment %s not confirmed: %s", self._receipt_number, message)
        self.qr_step.show_failed(message)

    # -- leaving ---------------------------------------------------------------------------

    def _reset(self) -> None:
        self._generation += 1
        self._tick.stop()
        if self.device is not None and self.device.waiting:
            self.device.cancel()
        self._account = None
        self._plan = None
        self._preview = None
        self._overpay_ok = False
        self._receipt_number = ""
        self.amount.blockSignals(True)
        self.amount.clear()
        self.amount.blockSignals(False)
        self.amount_message.clear()
        self.plan_step.plan_message.clear()
        self.qr_step.clear()
        self.pay_button.setEnabled(False)

    @Slot()
    def abort(self) -> None:
        """Cancel: stop waiting for money and record nothing (refused while recording)."""
        if self._recording:
            return
        self._reset()
        self.cancelled.emit()

    def forget(self) -> None:
        """The kiosk went back to its start screen: drop everything, emit nothing."""
        if self._recording:
            return
        self._reset()
