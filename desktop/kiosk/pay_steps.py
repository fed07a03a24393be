"""The steps of the kiosk's payment screen as widgets: choosing a plan for a Recharge
(``PlanStep``), the amount on a large keypad (``AmountStep``) and the UPI QR with the wait
for the money (``QrStep``). The screen (``pay_page.KioskPayPage``) moves between them and
holds the payment's state."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QCoreApplication, QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from billing.money import format_inr
from billing.rules import PaymentOption, PaymentPreview
from db.payments_local import PlanChoice
from desktop.detail.format import option_text
from desktop.kiosk.pay_parts import AmountKeypad, make_button, make_label, say
from desktop.language.i18n import QT_TRANSLATE_NOOP
from desktop.settings.upi_payee import Payee
from desktop.widgets.upi_qr import UpiQrWidget

DEMO_BUTTON_TEXT = QT_TRANSLATE_NOOP("KioskPay", "DEMO: simulate the customer's UPI payment")


class PlanStep(QWidget):
    """Large plan buttons, the current plan first (``kioskPlan_<id>``); ``chosen`` carries
    the plan touched."""

    chosen = Signal(object)  # PlanChoice

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        col = QVBoxLayout(self)
        col.setSpacing(16)
        col.addWidget(make_label(QT_TRANSLATE_NOOP(
            "KioskPay", "Choose a plan"), "title", self, "kioskPlanTitle"))
        col.addWidget(make_label(QT_TRANSLATE_NOOP(
            "KioskPay", "Touch the plan you want to recharge with."), "hint", self,
                             "kioskPlanHint"))
        scroll = QScrollArea(self)
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
        self.plan_message = make_label("", "message", self, "kioskPlanMessage")
        col.addWidget(self.plan_message)
        self.cancel = make_button(QT_TRANSLATE_NOOP(
            "KioskPay", "Cancel"), "kioskPlanCancel", self, "secondary")
        col.addWidget(self.cancel)

    def show_plans(self, plans: list[PlanChoice], current_id: int | None) -> None:
        """One button per plan (the old ones go); a message when there is none."""
        while self.plan_column.count() > 1:
            item = self.plan_column.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        if not plans:
            say(self.plan_message, QT_TRANSLATE_NOOP("KioskPay",
                "No plan is offered to this account at this kiosk. Please recharge at the "
                "counter."))
        for index, plan in enumerate(plans):
            current = plan.id == current_id
            button = make_button("", f"kioskPlan_{plan.id}", self, "primary" if current else "")
            if current:
                say(button, QT_TRANSLATE_NOOP(
                    "KioskPay", "Continue with current plan: %1 · %2"), plan.name,
                    format_inr(plan.price_paise))
            else:
                button.setText(f"{plan.name} · {format_inr(plan.price_paise)}")
            button.setMinimumHeight(72)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(partial(self._on_plan, plan))
            self.plan_column.insertWidget(index, button)

    def _on_plan(self, plan: PlanChoice, _checked: bool = False) -> None:
        self.chosen.emit(plan)


class AmountStep(QWidget):
    """The amount (``kioskAmount``) with its keypad, what it is for, billing's message, and
    Pay (``kioskPayContinue``) or Cancel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setSpacing(48)
        left = QVBoxLayout()
        left.setSpacing(14)
        self.amount_title = make_label("", "title", self, "kioskAmountTitle")
        left.addWidget(self.amount_title)
        self.amount_hint = make_label("", "hint", self, "kioskAmountHint")
        left.addWidget(self.amount_hint)
        self.amount = QLineEdit(self)
        self.amount.setObjectName("kioskAmount")
        self.amount.setPlaceholderText("₹ amount")
        self.amount.setMaxLength(12)
        self.amount.setValidator(QRegularExpressionValidator(
            QRegularExpression(r"[0-9]{0,9}(\.[0-9]{0,2})?"), self.amount))
        left.addWidget(self.amount)
        self.amount_message = make_label("", "message", self, "kioskAmountMessage")
        self.amount_message.setMinimumHeight(60)
        left.addWidget(self.amount_message)
        left.addStretch(1)
        buttons = QHBoxLayout()
        buttons.setSpacing(16)
        self.pay_button = make_button(QT_TRANSLATE_NOOP(
            "KioskPay", "Pay by UPI"), "kioskPayContinue", self, "primary")
        self.cancel = make_button(QT_TRANSLATE_NOOP(
            "KioskPay", "Cancel"), "kioskAmountCancel", self, "secondary")
        buttons.addWidget(self.pay_button, 2)
        buttons.addWidget(self.cancel, 1)
        left.addLayout(buttons)
        row.addLayout(left, 5)
        self.amount_keypad = AmountKeypad(self.amount, self)
        self.amount_keypad.setMaximumWidth(440)
        row.addWidget(self.amount_keypad, 4)

    def show_check(self, preview: PaymentPreview | None, message: str,
                   overpay_ok: bool) -> None:
        """What Pay says for the amount checked (None: not acceptable, ``message`` says
        why); an over-payment is explained and needs a second touch."""
        if preview is not None and preview.needs_overpay_confirmation:
            say(self.amount_message, QT_TRANSLATE_NOOP("KioskPay",
                "That is more than the due; the extra %1 stays as advance credit."),
                format_inr(preview.credit_created_paise))
            if overpay_ok:
                say(self.pay_button, QT_TRANSLATE_NOOP(
                    "KioskPay", "Yes, pay %1"), format_inr(preview.amount_paise))
            else:
                say(self.pay_button, QT_TRANSLATE_NOOP("KioskPay", "Pay more than due?"))
        elif preview is not None:
            say(self.pay_button, QT_TRANSLATE_NOOP(
                "KioskPay", "Pay %1 by UPI"), format_inr(preview.amount_paise))
        else:
            say(self.pay_button, QT_TRANSLATE_NOOP("KioskPay", "Pay by UPI"))
        if preview is None or not preview.needs_overpay_confirmation:
            self.amount_message.setText(message)  # billing's words, by message id
        self.pay_button.setEnabled(preview is not None)


class QrStep(QWidget):
    """The QR card (``kioskQrCard``) beside the amount, the facts, the wait and its end;
    a DEMO button for a demo device, and Cancel payment."""

    def __init__(self, demo: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setSpacing(48)
        card = QFrame(self)
        card.setObjectName("kioskQrCard")
        card_col = QVBoxLayout(card)
        card_col.setContentsMargins(16, 16, 16, 16)
        self.qr = UpiQrWidget(card, min_side=360)
        card_col.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignCenter)
        self.payee_label = make_label("", "hint", card, "kioskPayee")
        self.payee_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        card_col.addWidget(self.payee_label)
        row.addWidget(card, 0, Qt.AlignmentFlag.AlignTop)
        right = QVBoxLayout()
        right.setSpacing(14)
        right.addWidget(make_label(QT_TRANSLATE_NOOP(
            "KioskPay", "Scan to pay with any UPI app"), "title", self, "kioskQrTitle"))
        self.qr_amount = make_label("", "due", self, "kioskQrAmount")
        right.addWidget(self.qr_amount)
        self.qr_facts = make_label("", "hint", self, "kioskQrFacts")
        right.addWidget(self.qr_facts)
        self.qr_status = make_label("", "pending", self, "kioskQrStatus")
        right.addWidget(self.qr_status)
        self.qr_message = make_label("", "message", self, "kioskQrMessage")
        right.addWidget(self.qr_message)
        right.addStretch(1)
        self.demo = demo
        self.demo_button = make_button(DEMO_BUTTON_TEXT, "kioskDemoPaid", self, "demo")
        self.demo_button.setVisible(demo)
        right.addWidget(self.demo_button)
        self.qr_cancel = make_button(QT_TRANSLATE_NOOP(
            "KioskPay", "Cancel payment"), "kioskQrCancel", self, "secondary")
        right.addWidget(self.qr_cancel)
        row.addLayout(right, 1)

    def show_waiting(self, left_s: int) -> None:
        """The time left to pay, in minutes and seconds."""
        minutes, seconds = divmod(max(0, left_s), 60)
        left = f"{minutes}:{seconds:02d}"
        if self.demo:
            say(self.qr_status, QT_TRANSLATE_NOOP("KioskPay",
                "Waiting for your payment (DEMO: no bank is involved)… %1 left. Nothing is "
                "charged or recorded until your bank confirms it."), left)
        else:
            say(self.qr_status, QT_TRANSLATE_NOOP("KioskPay",
                "Waiting for your payment… %1 left. Nothing is charged or recorded until "
                "your bank confirms it."), left)

    def show_request(self, intent: str, payee: Payee, amount_paise: int, account_id: int,
                     option: PaymentOption, receipt_number: str) -> None:
        """The QR of ``intent`` with who is paid, how much, for what, under which number."""
        self.qr.set_payload(intent)
        self.payee_label.setText(f"{payee.name}\n{payee.vpa}")
        self.qr_amount.setText(format_inr(amount_paise))
        say(self.qr_facts, QT_TRANSLATE_NOOP(
            "KioskPay", "Account %1 · %2\nReceipt No %3"), account_id,
            option_text(option.value), receipt_number)
        self.qr_message.clear()
        self.qr_cancel.setEnabled(True)
        self.demo_button.setEnabled(True)

    def show_timed_out(self) -> None:
        self.qr.set_payload("")
        say(self.qr_status, QT_TRANSLATE_NOOP("KioskPay",
            "No payment arrived in time; nothing was recorded. Touch Cancel payment to start "
            "again."))

    def show_recording(self) -> None:
        """The money arrived: no cancelling while it is written."""
        self.qr_cancel.setEnabled(False)
        self.demo_button.setEnabled(False)
        say(self.qr_status, QT_TRANSLATE_NOOP("KioskPay", "Payment received. Recording it…"))

    def show_not_saved(self, receipt_number: str) -> None:
        """The money arrived but was not written: the numbers staff need to settle it."""
        self.qr_status.setText("")
        say(self.qr_message, QT_TRANSLATE_NOOP("KioskPay",
            "Your payment arrived but this kiosk could not save it. Please show this screen "
            "to the staff: receipt %1."), receipt_number)

    def show_failed(self, message: str) -> None:
        """The device gave up (``message``, English in context ``KioskPay``, says why);
        nothing was recorded."""
        self.qr.set_payload("")
        self.qr_status.setText("")
        say(self.qr_message, QT_TRANSLATE_NOOP("KioskPay", "%1 Nothing was recorded."),
            QCoreApplication.translate("KioskPay", message))

    def clear(self) -> None:
        self.qr.set_payload("")
        self.qr_status.clear()
        self.qr_message.clear()
