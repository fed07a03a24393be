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
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial

from PySide6.QtCore import QRegularExpression, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from billing.money import AmountError, format_inr, paise_to_decimal
from billing.money import parse_amount as parse_money
from billing.rules import PaymentOption, PaymentPreview, RuleError, check_payment, recharge_prefill
from billing.upi import UpiError, upi_intent
from db.outbox import Mutation
from db.payments_local import (
    AccountForPayment,
    PlanChoice,
    build_payment_payload,
    load_account,
    plans_for_account,
)
from desktop.detail.format import option_text
from desktop.kiosk.devices import Confirmation, PaymentDevice
from desktop.kiosk.wording import word
from desktop.language.i18n import QT_TRANSLATE_NOOP
from desktop.payments.messages import error_text
from desktop.runtime.context import AppContext
from desktop.runtime.tasks import TaskControl
from desktop.settings.upi_payee import Payee
from desktop.widgets.upi_qr import UpiQrWidget

log = logging.getLogger(__name__)

#: How long the QR waits for the money before giving up (nothing is recorded then).
PAY_TIMEOUT_S = 180
PLAN, AMOUNT, QR = range(3)
DEMO_BUTTON_TEXT = QT_TRANSLATE_NOOP("KioskPay", "DEMO: simulate the customer's UPI payment")


@dataclass(frozen=True)
class _Loaded:
    generation: int
    account: AccountForPayment
    plans: list[PlanChoice]
    current_plan_id: int | None


@dataclass(frozen=True)
class _Reserved:
    generation: int
    receipt_number: str


@dataclass(frozen=True)
class _Recorded:
    generation: int
    mutation: Mutation


def _load_job(ctx: AppContext, account_id: int, option: PaymentOption, generation: int,
              _c: TaskControl) -> _Loaded:
    secret = ctx.kiosk_key.secret() if ctx.kiosk_key is not None else None
    account = load_account(ctx.cache_engine, ctx.outbox, account_id, ctx.business_zone,
                           kiosk_secret=secret)
    plans: list[PlanChoice] = []
    current_id = None
    if option is PaymentOption.RECHARGE:
        current, others = plans_for_account(ctx.cache_engine, account)
        if current is not None:
            plans.append(current)
            current_id = current.id
        plans.extend(others)
    return _Loaded(generation, account, plans, current_id)


def _reserve_job(ctx: AppContext, generation: int, _c: TaskControl) -> _Reserved:
    return _Reserved(generation, ctx.outbox.reserve_receipt_number())


def _record_job(ctx: AppContext, account_id: int, payload: dict, mutation_id: str,
                receipt_number: str, generation: int, _c: TaskControl) -> _Recorded:
    mutation = ctx.outbox.enqueue_payment(
        account_id=account_id, payload=payload, created_by=ctx.user.username,
        mutation_id=mutation_id, receipt_number=receipt_number)
    return _Recorded(generation, mutation)


def _say(widget: QLabel | QPushButton, source: str, *values: object, n: int = -1) -> None:
    """A text of the payment screen, in the interface language (context ``KioskPay``)."""
    word(widget, source, *values, context="KioskPay", n=n)


def _label(text: str, role: str, parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    _say(label, text)
    label.setObjectName(name)
    label.setProperty("role", role)
    label.setWordWrap(True)
    return label


def _button(text: str, name: str, parent: QWidget, role: str = "") -> QPushButton:
    button = QPushButton(parent)
    _say(button, text)
    button.setObjectName(name)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    if role:
        button.setProperty("role", role)
    return button


class AmountKeypad(QWidget):
    """Digits, the decimal point, ⌫ and Clear for the amount; ``amountKey<key>`` names."""

    KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "Dot", "0", "Back")

    def __init__(self, target: QLineEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kioskAmountKeypad")
        self.target = target
        grid = QGridLayout(self)
        grid.setSpacing(12)
        grid.setContentsMargins(0, 0, 0, 0)
        for index, key in enumerate(self.KEYS):
            button = QPushButton({"Dot": ".", "Back": "⌫"}.get(key, key), self)
            button.setObjectName(f"amountKey{key}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            button.setMinimumSize(110, 84)
            button.setAutoRepeat(key == "Back")
            button.clicked.connect(partial(self._press, key))
            grid.addWidget(button, index // 3, index % 3)
        clear = _button(QT_TRANSLATE_NOOP("KioskPay", "Clear"), "amountKeyClear", self, "secondary")
        clear.setMinimumHeight(72)
        clear.clicked.connect(self.target.clear)
        grid.addWidget(clear, 4, 0, 1, 3)

    def _press(self, key: str, _checked: bool = False) -> None:
        if key == "Back":
            self.target.backspace()
        else:
            self.target.insert("." if key == "Dot" else key)


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
        self.steps.addWidget(self._build_plan_step())
        self.steps.addWidget(self._build_amount_step())
        self.steps.addWidget(self._build_qr_step())

    @property
    def available(self) -> bool:
        """A device and a payee are set up: the kiosk can take money."""
        return self.device is not None and self.payee is not None

    @property
    def loaded(self) -> bool:
        """The account is loaded: the amount (or plan) step shows its real contents."""
        return self._account is not None

    @property
    def waiting_for_money(self) -> bool:
        """The QR is up (or the payment is being written): idle must not reset the kiosk."""
        return self.steps.currentIndex() == QR and (
            self._recording or (self.device is not None and self.device.waiting))

    # -- building --------------------------------------------------------------------------

    def _build_plan_step(self) -> QWidget:
        step = QWidget(self)
        col = QVBoxLayout(step)
        col.setSpacing(16)
        col.addWidget(_label(QT_TRANSLATE_NOOP(
            "KioskPay", "Choose a plan"), "title", step, "kioskPlanTitle"))
        col.addWidget(_label(QT_TRANSLATE_NOOP(
            "KioskPay", "Touch the plan you want to recharge with."), "hint", step,
                             "kioskPlanHint"))
        scroll = QScrollArea(step)
        scroll.setObjectName("kioskPlanScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        holder = QWidget(scroll)
        holder.setObjectName("kioskPlanButtons")
        self.plan_column = QVBoxLayout(holder)
        self.plan_column.setSpacing(12)
        self.plan_column.addStretch(1)
        scroll.setWidget(holder)
        col.addWidget(scroll, 1)
        self.plan_message = _label("", "message", step, "kioskPlanMessage")
        col.addWidget(self.plan_message)
        cancel = _button(QT_TRANSLATE_NOOP(
            "KioskPay", "Cancel"), "kioskPlanCancel", step, "secondary")
        cancel.clicked.connect(self.abort)
        col.addWidget(cancel)
        return step

    def _build_amount_step(self) -> QWidget:
        step = QWidget(self)
        row = QHBoxLayout(step)
        row.setSpacing(48)
        left = QVBoxLayout()
        left.setSpacing(14)
        self.amount_title = _label("", "title", step, "kioskAmountTitle")
        left.addWidget(self.amount_title)
        self.amount_hint = _label("", "hint", step, "kioskAmountHint")
        left.addWidget(self.amount_hint)
        self.amount = QLineEdit(step)
        self.amount.setObjectName("kioskAmount")
        self.amount.setPlaceholderText("₹ amount")
        self.amount.setMaxLength(12)
        self.amount.setValidator(QRegularExpressionValidator(
            QRegularExpression(r"[0-9]{0,9}(\.[0-9]{0,2})?"), self.amount))
        self.amount.textChanged.connect(self._on_amount_changed)
        self.amount.returnPressed.connect(self.continue_to_pay)
        left.addWidget(self.amount)
        self.amount_message = _label("", "message", step, "kioskAmountMessage")
        self.amount_message.setMinimumHeight(60)
        left.addWidget(self.amount_message)
        left.addStretch(1)
        buttons = QHBoxLayout()
        buttons.setSpacing(16)
        self.pay_button = _button(QT_TRANSLATE_NOOP(
            "KioskPay", "Pay by UPI"), "kioskPayContinue", step, "primary")
        self.pay_button.clicked.connect(self.continue_to_pay)
        cancel = _button(QT_TRANSLATE_NOOP(
            "KioskPay", "Cancel"), "kioskAmountCancel", step, "secondary")
        cancel.clicked.connect(self.abort)
        buttons.addWidget(self.pay_button, 2)
        buttons.addWidget(cancel, 1)
        left.addLayout(buttons)
        row.addLayout(left, 5)
        self.amount_keypad = AmountKeypad(self.amount, step)
        self.amount_keypad.setMaximumWidth(440)
        row.addWidget(self.amount_keypad, 4)
        return step

    def _build_qr_step(self) -> QWidget:
        step = QWidget(self)
        row = QHBoxLayout(step)
        row.setSpacing(48)
        card = QFrame(step)
        card.setObjectName("kioskQrCard")
        card_col = QVBoxLayout(card)
        card_col.setContentsMargins(16, 16, 16, 16)
        self.qr = UpiQrWidget(card, min_side=360)
        card_col.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignCenter)
        self.payee_label = _label("", "hint", card, "kioskPayee")
        self.payee_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        card_col.addWidget(self.payee_label)
        row.addWidget(card, 0, Qt.AlignmentFlag.AlignTop)
        right = QVBoxLayout()
        right.setSpacing(14)
        right.addWidget(_label(QT_TRANSLATE_NOOP(
            "KioskPay", "Scan to pay with any UPI app"), "title", step, "kioskQrTitle"))
        self.qr_amount = _label("", "due", step, "kioskQrAmount")
        right.addWidget(self.qr_amount)
        self.qr_facts = _label("", "hint", step, "kioskQrFacts")
        right.addWidget(self.qr_facts)
        self.qr_status = _label("", "pending", step, "kioskQrStatus")
        right.addWidget(self.qr_status)
        self.qr_message = _label("", "message", step, "kioskQrMessage")
        right.addWidget(self.qr_message)
        right.addStretch(1)
        self.demo_button = _button(DEMO_BUTTON_TEXT, "kioskDemoPaid", step, "demo")
        self.demo_button.clicked.connect(self._on_demo_paid)
        self.demo_button.setVisible(bool(self.device is not None and self.device.demo))
        right.addWidget(self.demo_button)
        self.qr_cancel = _button(QT_TRANSLATE_NOOP(
            "KioskPay", "Cancel payment"), "kioskQrCancel", step, "secondary")
        self.qr_cancel.clicked.connect(self.abort)
        right.addWidget(self.qr_cancel)
        row.addLayout(right, 1)
        return step

    # -- starting --------------------------------------------------------------------------

    def begin(self, account_id: int, option: PaymentOption, masked_name: str) -> None:
        """Start a payment of ``option`` for ``account_id`` (loads the account first)."""
        self._reset()
        self._option = PaymentOption(option)
        self._masked_name = masked_name
        self._mutation_id = str(uuid.uuid4())  # the idempotency key of this one payment
        _say(self.amount_title, QT_TRANSLATE_NOOP(
            "KioskPay", "%1 · account %2"), option_text(self._option.value),
             account_id)
        _say(self.amount_hint, QT_TRANSLATE_NOOP("KioskPay", "Loading…"))
        self.steps.setCurrentIndex(AMOUNT)
        task = self.ctx.tasks.run_db("kiosk load for payment", partial(
            _load_job, self.ctx, account_id, self._option, self._generation))
        task.done.connect(self._on_loaded)
        task.error.connect(self._on_load_failed)

    @Slot(object)
    def _on_loaded(self, loaded: object) -> None:
        assert isinstance(loaded, _Loaded)
        if loaded.generation != self._generation:
            return
        self._account = account = loaded.account
        if self._option not in account.options:
            # The balance moved (a sync, a payment at the counter) since the button showed.
            self.amount_hint.setText("")
            _say(self.amount_message, QT_TRANSLATE_NOOP("KioskPay",
                "%1 is not available for this account now. Touch Cancel and look the account "
                "up again."), option_text(self._option.value))
            self.pay_button.setEnabled(False)
            return
        if self._option is PaymentOption.RECHARGE:
            self._show_plans(loaded.plans, loaded.current_plan_id)
            return
        self._show_amount()

    @Slot(object)
    def _on_load_failed(self, exc: object) -> None:
        log.error("kiosk: account not loaded for payment: %s", exc)
        self.amount_hint.setText("")
        _say(self.amount_message, QT_TRANSLATE_NOOP("KioskPay",
            "This account cannot take a payment here just now. Please pay at the counter."))
        self.pay_button.setEnabled(False)

    def _show_plans(self, plans: list[PlanChoice], current_id: int | None) -> None:
        while self.plan_column.count() > 1:
            item = self.plan_column.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        if not plans:
            _say(self.plan_message, QT_TRANSLATE_NOOP("KioskPay",
                "No plan is offered to this account at this kiosk. Please recharge at the "
                "counter."))
        for index, plan in enumerate(plans):
            current = plan.id == current_id
            button = _button("", f"kioskPlan_{plan.id}", self, "primary" if current else "")
            if current:
                _say(button, QT_TRANSLATE_NOOP(
                    "KioskPay", "Continue with current plan: %1 · %2"), plan.name,
                     format_inr(plan.price_paise))
            else:
                button.setText(f"{plan.name} · {format_inr(plan.price_paise)}")
            button.setMinimumHeight(72)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(partial(self._on_plan, plan))
            self.plan_column.insertWidget(index, button)
        self.steps.setCurrentIndex(PLAN)

    def _on_plan(self, plan: PlanChoice, _checked: bool = False) -> None:
        self._plan = plan
        _say(self.amount_title, QT_TRANSLATE_NOOP("KioskPay", "Recharge · %1"), plan.name)
        self._show_amount()

    def _show_amount(self) -> None:
        account = self._account
        assert account is not None
        option = self._option
        self.amount.setReadOnly(False)
        self.amount_keypad.setEnabled(True)
        if option is PaymentOption.PAYMENT:
            _say(self.amount_hint, QT_TRANSLATE_NOOP("KioskPay",
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
            _say(self.amount_hint, QT_TRANSLATE_NOOP(
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
        preview = self._preview
        if preview is not None and preview.needs_overpay_confirmation:
            _say(self.amount_message, QT_TRANSLATE_NOOP("KioskPay",
                "That is more than the due; the extra %1 stays as advance credit."),
                format_inr(preview.credit_created_paise))
            if self._overpay_ok:
                _say(self.pay_button, QT_TRANSLATE_NOOP(
                    "KioskPay", "Yes, pay %1"), format_inr(preview.amount_paise))
            else:
                _say(self.pay_button, QT_TRANSLATE_NOOP("KioskPay", "Pay more than due?"))
        elif preview is not None:
            _say(self.pay_button, QT_TRANSLATE_NOOP(
                "KioskPay", "Pay %1 by UPI"), format_inr(preview.amount_paise))
        else:
            _say(self.pay_button, QT_TRANSLATE_NOOP("KioskPay", "Pay by UPI"))
        if preview is None or not preview.needs_overpay_confirmation:
            self.amount_message.setText(message)  # billing's words, by message id
        self.pay_button.setEnabled(preview is not None)

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
            _reserve_job, self.ctx, self._generation))
        task.done.connect(self._on_reserved)
        task.error.connect(self._on_load_failed)

    # -- the QR and the device -------------------------------------------------------------

    @Slot(object)
    def _on_reserved(self, reserved: object) -> None:
        assert isinstance(reserved, _Reserved)
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
            _say(self.amount_message, QT_TRANSLATE_NOOP(
                "KioskPay",
                "UPI payments are not set up correctly at this kiosk. Please pay at the counter."))
            return
        self.qr.set_payload(intent)
        self.payee_label.setText(f"{self.payee.name}\n{self.payee.vpa}")
        self.qr_amount.setText(format_inr(amount))
        _say(self.qr_facts, QT_TRANSLATE_NOOP(
            "KioskPay", "Account %1 · %2\nReceipt No %3"), account.id,
             option_text(self._option.value), reserved.receipt_number)
        self.qr_message.clear()
        self.qr_cancel.setEnabled(True)
        self.demo_button.setEnabled(True)
        self._left_s = self.timeout_s
        self._show_waiting()
        self.steps.setCurrentIndex(QR)
        self._tick.start()
        log.info("kiosk: waiting for UPI %s of %s for account %s", reserved.receipt_number,
                 amount, account.id)
        self.device.start(amount, reserved.receipt_number)

    def _show_waiting(self) -> None:
        minutes, seconds = divmod(max(0, self._left_s), 60)
        left = f"{minutes}:{seconds:02d}"
        if self.device and self.device.demo:
            _say(self.qr_status, QT_TRANSLATE_NOOP("KioskPay",
                "Waiting for your payment (DEMO: no bank is involved)… %1 left. Nothing is "
                "charged or recorded until your bank confirms it."), left)
        else:
            _say(self.qr_status, QT_TRANSLATE_NOOP("KioskPay",
                "Waiting for your payment… %1 left. Nothing is charged or recorded until "
                "your bank confirms it."), left)

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
        self.qr.set_payload("")
        _say(self.qr_status, QT_TRANSLATE_NOOP("KioskPay",
            "No payment arrived in time; nothing was recorded. Touch Cancel payment to start "
            "again."))

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
        self.qr_cancel.setEnabled(False)
        self.demo_button.setEnabled(False)
        _say(self.qr_status, QT_TRANSLATE_NOOP("KioskPay", "Payment received. Recording it…"))
        payload = build_payment_payload(
            account, option=self._option, method=confirmation.method,
            reference=confirmation.reference, amount_paise=confirmation.amount_paise,
            charge_paise=preview.charge_paise, plan_id=self._plan.id if self._plan else None,
            tendered_paise=None, taken_at=datetime.now(UTC))
        task = self.ctx.tasks.run_db("kiosk record payment", partial(
            _record_job, self.ctx, account.id, payload, self._mutation_id,
            self._receipt_number, self._generation))
        task.done.connect(self._on_recorded)
        task.error.connect(self._on_record_failed)

    @Slot(object)
    def _on_recorded(self, recorded: object) -> None:
        assert isinstance(recorded, _Recorded)
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
        self.qr_status.setText("")
        _say(self.qr_message, QT_TRANSLATE_NOOP("KioskPay",
            "Your payment arrived but this kiosk could not save it. Please show this screen "
            "to the staff: receipt %1."), self._receipt_number)

    @Slot(str)
    def _on_device_failed(self, message: str) -> None:
        self._tick.stop()
        log.info("kiosk: payment %s not confirmed: %s", self._receipt_number, message)
        self.qr.set_payload("")
        self.qr_status.setText("")
        _say(self.qr_message, QT_TRANSLATE_NOOP("KioskPay", "%1 Nothing was recorded."), message)

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
        self.plan_message.clear()
        self.qr.set_payload("")
        self.qr_status.clear()
        self.qr_message.clear()
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
