"""The payment page (``paymentDialog``): amount, method, preview, and one durable commit.

Every check is ``billing``'s: ``parse_amount`` for what is typed, ``check_payment`` for the
rules, ``validate_reference`` and ``cash_change_due`` for the method; dates come from
``billing.lifecycle`` through ``db.payments_local.payment_outcome``. One ``_validate()`` runs
on every change and enables Confirm; nothing is written until Confirm.

Taking the money exactly once: the idempotency key (a uuid4) is made when the dialog opens
and is the outbox ``mutation_id``; the first Confirm switches the dialog to "recording" and
every later click or held-down Enter is ignored; and even a second write with the same key
returns the first record (``Outbox.enqueue_payment``). The flow refuses a second dialog on an
account that already has one open (see ``flow.py``).

UPI: while the method is UPI and the amount is valid, the dialog shows the dynamic UPI QR
(``billing.upi.upi_intent``: the payee from Settings, ``desktop.settings.upi_payee``; the exact
amount; the dialog's receipt number as ``tr``). The receipt number is reserved in the outbox the
first time the QR is needed and the payment this dialog records takes it, whatever the method
in the end. A changed amount clears the QR at once and draws the new one after a short pause
(``QR_DEBOUNCE_MS``), so the customer never scans a stale amount. The cashier then types
the UTR the customer's app shows. A customer who will pay a Payment or Advance later takes a
"pay later by UPI" slip (``payLaterButton``, desktop/payments/pay_later.py); nothing is
recorded for it.
"""

from __future__ import annotations

import html
import logging
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import partial

from PySide6.QtCore import QDate, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from billing.lifecycle import AccountStatus
from billing.money import AmountError, format_inr, paise_to_decimal
from billing.money import parse_amount as parse_money
from billing.phone import format_mobile
from billing.references import card_reference, check_reference, cheque_reference
from billing.rules import (
    PaymentMethod,
    PaymentOption,
    PaymentPreview,
    RuleError,
    cash_change_due,
    check_payment,
    recharge_prefill,
)
from billing.upi import UpiError, upi_intent
from db.outbox import Mutation
from db.payments_local import (
    AccountForPayment,
    PaymentOutcome,
    PlanChoice,
    build_payment_payload,
    payment_outcome,
    record_payment,
)
from db.utr_local import check_utr_unused
from desktop.detail.format import format_date, method_text, option_text, plan_type_text, status_text
from desktop.language.i18n import QT_TRANSLATE_NOOP, Retranslating, fill
from desktop.payments.messages import error_text
from desktop.runtime.context import AppContext
from desktop.runtime.tasks import TaskControl
from desktop.settings.upi_payee import upi_payee
from desktop.widgets.upi_qr import UpiQrWidget

log = logging.getLogger(__name__)

_ERROR_STYLE = "color: #b00020;"
#: The pause after the last keystroke before the UPI QR is drawn for a new amount.
QR_DEBOUNCE_MS = 300

#: The reference row's label and hint per method (formats: billing.references).
_REFERENCE_LABELS = {
    PaymentMethod.CASH: (QT_TRANSLATE_NOOP("PaymentDialog", "&Reference:"), ""),
    PaymentMethod.UPI: (
        QT_TRANSLATE_NOOP("PaymentDialog", "UPI &UTR:"),
        QT_TRANSLATE_NOOP("PaymentDialog", "12 digits from the customer's app, e.g. 412345678901")),
    PaymentMethod.CARD: (
        QT_TRANSLATE_NOOP("PaymentDialog", "Approval &code:"),
        QT_TRANSLATE_NOOP("PaymentDialog", "6 characters from the slip (APPR / AUTH CODE)")),
    PaymentMethod.CHEQUE: (
        QT_TRANSLATE_NOOP("PaymentDialog", "Cheque &number:"),
        QT_TRANSLATE_NOOP("PaymentDialog", "6 digits, e.g. 004512")),
    PaymentMethod.BANK_TRANSFER: (
        QT_TRANSLATE_NOOP("PaymentDialog", "Bank &UTR:"),
        QT_TRANSLATE_NOOP("PaymentDialog", "IMPS 12 digits, NEFT/RTGS 16-22 characters")),
}


@dataclass(frozen=True)
class Checked:
    """A payment that passed every check, ready to be written."""

    preview: PaymentPreview
    outcome: PaymentOutcome
    method: PaymentMethod
    reference: str | None
    tendered_paise: int | None


def _amount_text(paise: int) -> str:
    return str(paise_to_decimal(paise))


def _reserve_job(ctx: AppContext, _control: TaskControl) -> str:
    return ctx.outbox.reserve_receipt_number()


def _record_job(
    ctx: AppContext,
    account_id: int,
    payload: dict,
    mutation_id: str,
    receipt_number: str | None,
    _control: TaskControl,
) -> Mutation:
    if ctx.outbox.get(mutation_id) is None:  # a second confirm finds its own payment
        check_utr_unused(ctx.cache_engine, ctx.outbox, payload["method"], payload["reference"])
    return record_payment(
        ctx.outbox,
        account_id=account_id,
        payload=payload,
        created_by=ctx.user.username,
        mutation_id=mutation_id,
        receipt_number=receipt_number,
    )


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
        #: The receipt number this dialog's payment takes, reserved when the QR first shows.
        self.receipt_number: str | None = None
        self._reserving = False
        #: The amount's preview from the last check (None: the amount is not valid).
        self._preview: PaymentPreview | None = None
        self._qr_timer = QTimer(self)
        self._qr_timer.setSingleShot(True)
        self._qr_timer.setInterval(QR_DEBOUNCE_MS)
        self._qr_timer.timeout.connect(self._draw_qr)
        self.setObjectName("paymentDialog")
        self.setMinimumWidth(520)
        self._build(notice)
        self._prefill()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Every text of the dialog in the current language (again on a language change)."""
        self.setWindowTitle(fill(self.tr("%1 — account %2"), option_text(self.option.value),
                                 self.account.id))
        a = self.account
        balance = format_inr(a.balance_paise)
        if a.pending_count:
            balance += "  " + self.tr("(includes %n payment(s) pending sync)", "",
                                      a.pending_count)
        captions = (self.tr("Account ID:"), self.tr("Name:"), self.tr("Mobile:"),
                    self.tr("Email:"), self.tr("Plan type:"), self.tr("Status:"),
                    self.tr("Current balance:"))
        for caption, label in zip(captions, self._captions, strict=True):
            label.setText(caption)
        self.plan_type_value.setText(plan_type_text(a.prepaid))
        self.status_value.setText(status_text(a.status.value))
        self.balance_value.setText(balance)
        self.title.setText(f"<b>{html.escape(option_text(self.option.value))}</b>")
        if self.plan is not None:
            self.title.setText(fill(
                self.tr("<b>Recharge</b> with %1 — %2 for %3"), html.escape(self.plan.name),
                format_inr(self.plan.price_paise),
                self.tr("%n day(s)", "", self.plan.validity_days)))
        self.amount.setPlaceholderText(self.tr("e.g. 1250.50"))
        self.card_last4.setPlaceholderText(self.tr("last 4 digits of the card"))
        self.cheque_bank.setPlaceholderText(self.tr("bank the cheque is drawn on"))
        self.tendered.setPlaceholderText(self.tr("cash handed over (optional)"))
        for field, caption in (
            (self._amount_box, self.tr("&Amount (₹):")),
            (self.method, self.tr("&Method:")),
            (self.card_last4, self.tr("Card last &4:")),
            (self.cheque_bank, self.tr("Dra&wn on:")),
            (self.cheque_date, self.tr("Cheque &date:")),
            (self._tendered_box, self.tr("&Tendered (₹):")),
            (self.change, self.tr("Change due:")),
        ):
            caption_label = self._form.labelForField(field)
            if isinstance(caption_label, QLabel):
                caption_label.setText(caption)
        for index in range(self.method.count()):
            self.method.setItemText(index, method_text(str(self.method.itemData(index))))
        self.after_title.setText("<b>" + self.tr("After this payment") + "</b>")
        self.qr_title.setText("<b>" + self.tr("Customer scans to pay by UPI") + "</b>")
        self.pay_later.setText(self.tr("Pay &later by UPI…"))
        self.cancel_button.setText(self.tr("Cancel"))
        self._word_confirm()
        self._validate()
        if self.qr.isVisibleTo(self):
            self._draw_qr()

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
        label = QLabel(text, self)
        label.setObjectName(name)
        label.setWordWrap(True)
        if error:
            label.setStyleSheet(_ERROR_STYLE)
        return label

    def _with_error(self, field: QWidget, error: QLabel) -> QWidget:
        """A field with its message right under it (taking no room while there is none)."""
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(field)
        column.addWidget(error)
        error.hide()
        return box

    def _build(self, notice: str | None) -> None:
        a = self.account
        header = QGridLayout()
        facts = [
            (str(a.id), "accountIdValue"),
            (a.name, "accountNameValue"),
            (format_mobile(a.mobile), "mobileValue"),
            (a.email or "—", "emailValue"),
            ("", "planTypeValue"),
            ("", "statusValue"),
            ("", "balanceValue"),
        ]
        self._captions: list[QLabel] = []
        values: list[QLabel] = []
        for row, (value, name) in enumerate(facts):
            caption = QLabel(self)
            self._captions.append(caption)
            header.addWidget(caption, row, 0)
            value_label = self._label(name, value)
            value_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            header.addWidget(value_label, row, 1)
            values.append(value_label)
        self.plan_type_value, self.status_value, self.balance_value = values[4:]
        header.setColumnStretch(1, 1)

        self.title = self._label("paymentTitle")
        self.notice = self._label("paymentNotice", notice or "")
        self.notice.setStyleSheet("color: #8a4b00;")
        self.notice.setVisible(bool(notice))

        form = QFormLayout()
        self.amount = QLineEdit(self)
        self.amount.setObjectName("amountField")
        self.amount_error = self._label("amountError", error=True)
        self._amount_box = self._with_error(self.amount, self.amount_error)
        form.addRow("&Amount (₹):", self._amount_box)
        self.method = QComboBox(self)
        self.method.setObjectName("methodField")
        for method in PaymentMethod:
            self.method.addItem(method.label, method.value)
        form.addRow("&Method:", self.method)
        self.reference = QLineEdit(self)
        self.reference.setObjectName("referenceField")
        self.reference.setMaxLength(80)
        self.reference_error = self._label("referenceError", error=True)
        self.reference_label = QLabel("&Reference:", self)
        self.reference_label.setBuddy(self.reference)
        form.addRow(self.reference_label, self._with_error(self.reference, self.reference_error))
        self.card_last4 = QLineEdit(self)
        self.card_last4.setObjectName("cardLast4Field")
        self.card_last4.setMaxLength(4)
        self.cheque_bank = QLineEdit(self)
        self.cheque_bank.setObjectName("chequeBankField")
        self.cheque_bank.setMaxLength(60)
        self.cheque_date = QDateEdit(self)
        self.cheque_date.setObjectName("chequeDateField")
        self.cheque_date.setDisplayFormat("dd-MM-yyyy")
        self.cheque_date.setCalendarPopup(True)
        self.cheque_date.setDate(QDate(self.today.year, self.today.month, self.today.day))
        form.addRow("Card last &4:", self.card_last4)
        form.addRow("Dra&wn on:", self.cheque_bank)
        form.addRow("Cheque &date:", self.cheque_date)
        self._form = form
        #: (stored reference, message) of a UTR the desk found already used.
        self._used_reference: tuple[str, str] | None = None
        self.tendered = QLineEdit(self)
        self.tendered.setObjectName("tenderedField")
        self.tendered_error = self._label("tenderedError", error=True)
        self._tendered_box = self._with_error(self.tendered, self.tendered_error)
        form.addRow("&Tendered (₹):", self._tendered_box)
        self.change = self._label("changeDue")
        form.addRow("Change due:", self.change)

        self.preview_panel = self._label("previewPanel")
        self.preview_panel.setTextFormat(Qt.TextFormat.RichText)
        self.preview_panel.setFrameShape(QFrame.Shape.StyledPanel)
        self.preview_panel.setMinimumHeight(90)
        self.preview_panel.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.preview_panel.setContentsMargins(8, 6, 8, 6)
        self.overpay = QCheckBox(self)
        self.overpay.setObjectName("confirmOverpay")
        self.overpay.hide()
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

        self._build_qr_panel()
        left = QVBoxLayout()
        left.addLayout(header)
        left.addWidget(self.title)
        left.addWidget(self.notice)
        left.addLayout(form)
        self.after_title = QLabel(self)
        left.addWidget(self.after_title)
        left.addWidget(self.preview_panel)
        left.addWidget(self.overpay)
        left.addWidget(self.error)
        left.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addWidget(self.qr_panel)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addLayout(buttons)

        self.amount.textChanged.connect(self._validate)
        self.reference.textChanged.connect(self._validate)
        self.card_last4.textChanged.connect(self._validate)
        self.cheque_bank.textChanged.connect(self._validate)
        self.cheque_date.dateChanged.connect(self._validate)
        self.tendered.textChanged.connect(self._validate)
        self.method.currentIndexChanged.connect(self._validate)
        self.overpay.toggled.connect(self._validate)

    def _build_qr_panel(self) -> None:
        """The UPI QR beside the form: payee, amount, receipt number, what to do next."""
        self.qr_panel = QFrame(self)
        self.qr_panel.setObjectName("upiQrPanel")
        self.qr_panel.setFrameShape(QFrame.Shape.StyledPanel)
        column = QVBoxLayout(self.qr_panel)
        self.qr_title = self._label("upiQrTitle")
        self.qr_title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.qr = UpiQrWidget(self.qr_panel)
        self.qr_amount = self._label("upiQrAmount")
        self.qr_amount.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.qr_amount.setStyleSheet("font-size: 18pt; font-weight: bold;")
        self.qr_facts = self._label("upiQrFacts")
        self.qr_facts.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.qr_message = self._label("upiQrMessage")
        self.qr_message.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        for widget in (self.qr_title, self.qr, self.qr_amount, self.qr_facts, self.qr_message):
            column.addWidget(widget)
        column.addStretch(1)
        self.qr_panel.setFixedWidth(self.qr.sizeHint().width() + 24)
        self.qr_panel.hide()

    def _prefill(self) -> None:
        if self.option is PaymentOption.PAYMENT:
            self.amount.setText(_amount_text(self.account.balance_paise))
        elif self.option is PaymentOption.RECHARGE and self.plan is not None:
            due = recharge_prefill(self.plan.price_paise, self.account.balance_paise)
            self.amount.setText(_amount_text(due))
            # A recharge takes exactly the plan price less credit: the rules fix the amount.
            self.amount.setReadOnly(True)
        self.amount.selectAll()
        self.amount.setFocus()

    # -- checking -----------------------------------------------------------------------------

    @property
    def selected_method(self) -> PaymentMethod:
        return PaymentMethod(self.method.currentData())

    def _parse(self, text: str, *, allow_zero: bool = False) -> int:
        return parse_money(text, allow_zero=allow_zero)

    @Slot()
    def _validate(self) -> None:
        """Check every field, show each problem next to its field, update the preview, and
        enable Confirm only for a payment the rules accept (and, for an over-payment, once
        the cashier has ticked the extra confirmation)."""
        self.checked = None
        self._preview = None
        method = self.selected_method
        self.reference.setEnabled(method.requires_reference)
        self.tendered.setEnabled(method is PaymentMethod.CASH)
        ok = True
        preview: PaymentPreview | None = None
        amount_message = ""
        try:
            allow_zero = self.option is PaymentOption.RECHARGE
            amount = self._parse(self.amount.text(), allow_zero=allow_zero)
            preview = check_payment(
                self.option,
                amount,
                balance_paise=self.account.balance_paise,
                prepaid=self.account.prepaid,
                plan_price_paise=self.plan.price_paise if self.plan else None,
                ceiling_paise=self.ceiling_paise,
            )
        except (AmountError, RuleError) as exc:
            amount_message = error_text(exc)
            ok = False
        self._preview = preview
        self.amount_error.setText(amount_message)
        self.amount_error.setVisible(bool(amount_message))

        reference: str | None = None
        reference_message = ""
        self._show_reference_fields(method)
        try:
            reference = self._checked_reference(method)
        except RuleError as exc:
            reference_message = error_text(exc)
            ok = False
        if self._used_reference is not None and reference == self._used_reference[0]:
            reference_message = self._used_reference[1]
            ok = False
        self.reference_error.setText(reference_message)
        self.reference_error.setVisible(bool(reference_message))

        tendered: int | None = None
        change_text = "—"
        tendered_message = ""
        if method is PaymentMethod.CASH and self.tendered.text().strip():
            try:
                tendered = self._parse(self.tendered.text())
                if preview is not None:
                    change_text = format_inr(cash_change_due(preview.amount_paise, tendered))
            except (AmountError, RuleError) as exc:
                tendered_message = error_text(exc)
                ok = False
        self.change.setText(change_text)
        self.tendered_error.setText(tendered_message)
        self.tendered_error.setVisible(bool(tendered_message))

        outcome = None
        if preview is not None:
            outcome = payment_outcome(
                self.account, self.option, preview.amount_paise, self.today, self.plan
            )
            self._show_preview(preview, outcome)
            needs = preview.needs_overpay_confirmation
            self.overpay.setVisible(needs)
            if needs:
                self.overpay.setText(fill(
                    self.tr("Yes, the customer pays %1: keep the extra %2 as advance credit."),
                    format_inr(preview.amount_paise), format_inr(preview.credit_created_paise)))
                ok = ok and self.overpay.isChecked()
            elif self.overpay.isChecked():
                self.overpay.blockSignals(True)
                self.overpay.setChecked(False)
                self.overpay.blockSignals(False)
        else:
            self.preview_panel.setText(
                "<i>" + self.tr("Enter a valid amount to see its effect.") + "</i>")
            self.overpay.hide()
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

    def _wanted_intent(self, method: PaymentMethod,
                       preview: PaymentPreview | None) -> tuple[str, int] | None:
        """(intent, amount) the QR should show now, or None for no QR; UpiError when the
        payee's details cannot make one."""
        if method is not PaymentMethod.UPI or self.payee is None or preview is None:
            return None
        if preview.amount_paise <= 0 or self.receipt_number is None:
            return None
        intent = upi_intent(self.payee.vpa, self.payee.name, preview.amount_paise,
                            self.receipt_number, f"Account {self.account.id}")
        return intent, preview.amount_paise

    def _schedule_qr(self, method: PaymentMethod, preview: PaymentPreview | None) -> None:
        """Show the panel for UPI; clear a QR that no longer matches at once and draw the
        new one after ``QR_DEBOUNCE_MS``; reserve the receipt number the first time."""
        upi = method is PaymentMethod.UPI
        if upi != self.qr_panel.isVisibleTo(self):
            self.qr_panel.setVisible(upi)
            self._fit()
        if not upi:
            self._qr_timer.stop()
            return
        if self.payee is None:
            self._clear_qr(self.tr("No UPI ID is set: set it under Settings → UPI QR to show "
                                   "a QR here."))
            return
        if preview is None or preview.amount_paise <= 0:
            self._clear_qr(self.tr("Enter a valid amount to show the QR."))
            return
        if self.receipt_number is None:
            self._reserve_receipt_number()
            return
        try:
            wanted = self._wanted_intent(method, preview)
        except UpiError as exc:
            log.error("payment dialog: UPI QR not made: %s", exc)
            self._clear_qr(fill(self.tr("No QR: %1 Check Settings → UPI QR."), error_text(exc)))
            return
        if wanted is not None and wanted[0] != self.qr.payload:
            self._clear_qr("")
            self._qr_timer.start()

    def _fit(self) -> None:
        """Grow to show the QR panel in full (the cashier's own size is kept if larger)."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        wanted = self.sizeHint()
        self.resize(max(self.width(), wanted.width()), max(self.height(), wanted.height()))

    def _clear_qr(self, message: str) -> None:
        self._qr_timer.stop()
        self.qr.set_payload("")
        self.qr.hide()
        self.qr_amount.clear()
        self.qr_facts.clear()
        self.qr_message.setText(message)

    def _reserve_receipt_number(self) -> None:
        if self._reserving:
            return
        self._reserving = True
        self._clear_qr(self.tr("Preparing the QR…"))
        task = self.ctx.tasks.run_db("reserve receipt number", partial(_reserve_job, self.ctx))
        task.done.connect(self._on_reserved)
        task.error.connect(self._on_reserve_failed)

    @Slot(object)
    def _on_reserved(self, number: object) -> None:
        self._reserving = False
        self.receipt_number = str(number)
        if self.state == self.READY:
            self._validate()

    @Slot(object)
    def _on_reserve_failed(self, exc: object) -> None:
        self._reserving = False
        log.error("payment dialog: no receipt number for the UPI QR: %s", exc)
        self._clear_qr(fill(self.tr("No QR: the receipt number could not be reserved (%1)."),
                            exc))

    @Slot()
    def _draw_qr(self) -> None:
        """Draw the QR for what the fields say now (the debounce timer's end)."""
        if self.state != self.READY:
            return
        try:  # the amount's preview: valid while the UTR is not typed yet
            wanted = self._wanted_intent(self.selected_method, self._preview)
        except UpiError:
            wanted = None
        if wanted is None or self.payee is None:
            return
        intent, amount = wanted
        self.qr.set_payload(intent)
        self.qr.show()
        self.qr_amount.setText(format_inr(amount))
        self.qr_facts.setText(f"{self.payee.name}\n{self.payee.vpa}\n"
                              + fill(self.tr("Receipt No %1"), self.receipt_number))
        self.qr_message.setText(self.tr("After the customer pays, type the 12-digit UTR their "
                                        "UPI app shows."))

    def _show_reference_fields(self, method: PaymentMethod) -> None:
        label, hint = _REFERENCE_LABELS[method]
        self.reference_label.setText(self.tr(label))
        self.reference.setPlaceholderText(self.tr(hint) if hint else "")
        for field, shown in (
            (self.card_last4, method is PaymentMethod.CARD),
            (self.cheque_bank, method is PaymentMethod.CHEQUE),
            (self.cheque_date, method is PaymentMethod.CHEQUE),
        ):
            self._form.setRowVisible(field, shown)

    def _checked_reference(self, method: PaymentMethod) -> str | None:
        """The method's reference in its stored form (billing.references), or RuleError."""
        if method is PaymentMethod.CARD:
            return card_reference(self.card_last4.text(), self.reference.text())
        if method is PaymentMethod.CHEQUE:
            picked = self.cheque_date.date()
            dated = date(picked.year(), picked.month(), picked.day())
            return cheque_reference(self.reference.text(), self.cheque_bank.text(), dated,
                                    today=self.today)
        if method is PaymentMethod.CASH:
            return None
        return check_reference(method, self.reference.text(), today=self.today)

    def _show_preview(self, preview: PaymentPreview, outcome: PaymentOutcome) -> None:
        lines = []
        after = preview.balance_after_paise
        if after < 0:
            lines.append(fill(self.tr("New balance: <b>%1</b> (advance credit %2)"),
                              format_inr(after), format_inr(-after)))
        else:
            lines.append(fill(self.tr("New balance: <b>%1</b>"), format_inr(after)))
        if preview.is_partial:
            lines.append(fill(self.tr("Part payment: <b>%1</b> stays due."),
                              format_inr(preview.remaining_due_paise)))
        if preview.credit_created_paise:
            lines.append(fill(self.tr("Advance credit created: <b>%1</b>"),
                              format_inr(preview.credit_created_paise)))
        if outcome.new_expiry is not None:
            lines.append(fill(self.tr("Plan valid until <b>%1</b>."),
                              format_date(outcome.new_expiry, pad=True)))
        if outcome.reconnects:
            lines.append("<b>" + self.tr("This payment reconnects the suspended account.")
                         + "</b>")
        elif outcome.status_after is AccountStatus.SUSPENDED:
            if self.account.prepaid:
                lines.append(self.tr("The account stays suspended until it is recharged."))
            else:
                lines.append(self.tr("The account stays suspended: an invoice is still unpaid "
                                     "past its grace."))
        if outcome.suspends_on is not None and outcome.status_after is AccountStatus.ACTIVE:
            lines.append(fill(self.tr("Suspends on <b>%1</b> unless paid or renewed."),
                              format_date(outcome.suspends_on, pad=True)))
        self.preview_panel.setText("<br/>".join(lines))

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
        self.cancel_button.setEnabled(False)
        self.pay_later.setEnabled(False)
        for field in (self.amount, self.reference, self.tendered, self.card_last4,
                      self.cheque_bank):
            field.setReadOnly(True)
        self.cheque_date.setReadOnly(True)
        self.method.setEnabled(False)
        self.overpay.setEnabled(False)
        self.error.setText("")
        self._word_confirm()
        payload = build_payment_payload(
            self.account,
            option=self.option,
            method=checked.method,
            reference=checked.reference,
            amount_paise=checked.preview.amount_paise,
            charge_paise=checked.preview.charge_paise,
            plan_id=self.plan.id if self.plan else None,
            tendered_paise=checked.tendered_paise,
            taken_at=datetime.now(UTC),
        )
        self._qr_timer.stop()
        task = self.ctx.tasks.run_db(
            "record payment",
            partial(_record_job, self.ctx, self.account.id, payload, self.mutation_id,
                    self.receipt_number),
        )
        task.done.connect(self._on_recorded)
        task.error.connect(self._on_record_failed)

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
        self.cancel_button.setEnabled(True)
        for field in (self.amount, self.reference, self.tendered, self.card_last4,
                      self.cheque_bank):
            field.setReadOnly(False)
        self.cheque_date.setReadOnly(False)
        self.amount.setReadOnly(self.option is PaymentOption.RECHARGE)
        self.method.setEnabled(True)
        self.overpay.setEnabled(True)
        if used and isinstance(exc, RuleError) and self.checked is not None:
            # Refused next to the field; Confirm stays off until the UTR is changed.
            self._used_reference = (self.checked.reference or "", error_text(exc))
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
