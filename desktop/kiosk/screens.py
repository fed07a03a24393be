"""The kiosk's screens, laid out: the top bar, the start screen (entry and keypad), the
account card with its payment options, the receipt, the staff PIN and the lock screen.

Each function builds one page of :class:`~desktop.kiosk.window.KioskWindow` and gives the
window its widgets by the names the window and the tests use (``window.entry``,
``window.message``, ``window.pin_field``…); what the widgets do stays in the window. Texts
are worded by ``desktop.kiosk.wording`` in the ``KioskWindow`` translation context.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from billing.money import format_inr
from billing.rules import PaymentOption
from desktop.detail.format import format_date, status_text
from desktop.kiosk.keypad import Keypad
from desktop.kiosk.lookup import KioskAccount
from desktop.kiosk.wording import word as _word
from desktop.language.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    pass

#: The pages of the window's stack, in order.
START, ACCOUNT, RECEIPT, PIN, LOCKED = range(5)
#: The kiosk's payment screen (after the five above).
PAY = 5
#: Shown instead of the payment options when this kiosk has no payment device.
PAY_UNAVAILABLE = QT_TRANSLATE_NOOP(
    "KioskWindow", "Payments are not available at this kiosk yet. Please pay at the counter.")
#: Why the lock screen is shown.
LOCKED_MESSAGE = QT_TRANSLATE_NOOP(
    "KioskWindow",
    "This kiosk is locked: too many look-ups found no account. "
    "Please ask a member of staff to unlock it."
)


def kiosk_label(text: str, role: str, parent: QWidget, name: str = "") -> QLabel:
    label = QLabel(parent)
    _word(label, text)
    label.setProperty("role", role)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


def kiosk_button(text: str, name: str, parent: QWidget, role: str = "") -> QPushButton:
    button = QPushButton(parent)
    _word(button, text)
    button.setObjectName(name)
    if role:
        button.setProperty("role", role)
    return button


class TopBar(QFrame):
    """The bar across the top: the brand, and the Staff button (to the PIN screen)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        bar = self
        bar.setObjectName("kioskTopBar")
        bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        row = QHBoxLayout(bar)
        row.setContentsMargins(28, 12, 20, 12)
        brand = kiosk_label(QT_TRANSLATE_NOOP("KioskWindow", "Terabyte Broadband · Pay your bill"),
                       "brand", bar)
        brand.setWordWrap(False)
        brand.setObjectName("kioskBrand")
        row.addWidget(brand)
        row.addStretch(1)
        self.staff_button = kiosk_button(QT_TRANSLATE_NOOP(
            "KioskWindow", "Staff"), "kioskStaffButton", bar)
        self.staff_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        row.addWidget(self.staff_button)


def language_toggle(parent: QWidget) -> QPushButton:
    """The customer's English / தமிழ் switch: it names the other language, in that
    language, and switches the whole kiosk at once."""
    toggle = QPushButton(parent)
    toggle.setObjectName("kioskLanguageToggle")
    toggle.setProperty("role", "language")
    toggle.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    toggle.setMinimumHeight(72)
    return toggle


def _entry_columns(page: QWidget) -> tuple[QHBoxLayout, QVBoxLayout]:
    """The entry pages' frame: a column of text and fields on the left, the keypad beside it."""
    row = QHBoxLayout(page)
    row.setContentsMargins(64, 40, 64, 40)
    row.setSpacing(64)
    left = QVBoxLayout()
    left.setSpacing(20)
    return row, left


def _add_keypad(row: QHBoxLayout, left: QVBoxLayout, keypad: Keypad) -> None:
    left.addStretch(2)
    row.addLayout(left, 5)
    keypad.setMaximumWidth(460)
    row.addWidget(keypad, 4)


def _pin_field(page: QWidget, name: str) -> QLineEdit:
    """A staff PIN entry: digits only, up to 12, never shown."""
    field = QLineEdit(page)
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(12)
    field.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9]{0,12}"), field))
    return field


class StartPage(QWidget):
    """The start screen: the language toggle, the entry for an Account ID or mobile, and
    its keypad."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        page = self
        page.setObjectName("kioskStartPage")
        row, left = _entry_columns(page)
        self.language_toggle = language_toggle(page)
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self.language_toggle)
        left.addLayout(top)
        left.addStretch(1)
        left.addWidget(kiosk_label(QT_TRANSLATE_NOOP("KioskWindow", "Welcome"), "title", page))
        left.addWidget(kiosk_label(QT_TRANSLATE_NOOP(
            "KioskWindow", "Enter your Account ID or your registered mobile number, then "
            "touch Find my account."), "hint", page))
        self.entry = QLineEdit(page)
        self.entry.setObjectName("kioskEntry")
        self.entry.setMaxLength(16)
        self.entry.setValidator(QRegularExpressionValidator(
            QRegularExpression(r"[+0-9 ]{0,16}"), self.entry))
        left.addWidget(self.entry)
        self.message = kiosk_label("", "message", page, "kioskMessage")
        self.message.setMinimumHeight(64)
        left.addWidget(self.message)
        self.find_button = kiosk_button(QT_TRANSLATE_NOOP(
            "KioskWindow", "Find my account"), "kioskFind", page, "primary")
        self.find_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        left.addWidget(self.find_button)
        self.keypad = Keypad(self.entry, "kiosk", page)
        _add_keypad(row, left, self.keypad)


class AccountPage(QWidget):
    """The account card (masked), what is due, and the payment options in the rules' order."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        page = self
        page.setObjectName("kioskAccountPage")
        col = QVBoxLayout(page)
        col.setContentsMargins(64, 32, 64, 32)
        col.setSpacing(20)
        card = QFrame(page)
        card.setObjectName("kioskAccountCard")
        grid = QGridLayout(card)
        grid.setContentsMargins(36, 28, 36, 28)
        grid.setHorizontalSpacing(32)
        grid.setVerticalSpacing(10)
        self.fields: dict[str, QLabel] = {}
        rows = [(QT_TRANSLATE_NOOP("KioskWindow", "Account ID"), "kioskAccountId"),
                (QT_TRANSLATE_NOOP("KioskWindow", "Name"), "kioskName"),
                (QT_TRANSLATE_NOOP("KioskWindow", "Mobile"), "kioskMobile"),
                (QT_TRANSLATE_NOOP("KioskWindow", "Plan"), "kioskPlan"),
                (QT_TRANSLATE_NOOP("KioskWindow", "Valid until"), "kioskExpiry"),
                (QT_TRANSLATE_NOOP("KioskWindow", "Status"), "kioskStatus")]
        for index, (title, name) in enumerate(rows):
            caption = kiosk_label(title, "field", card, name + "Caption")
            value = kiosk_label("", "value", card, name)
            grid.addWidget(caption, index, 0)
            grid.addWidget(value, index, 1)
            self.fields[name] = value
        self.due_caption = kiosk_label(QT_TRANSLATE_NOOP(
            "KioskWindow", "Amount due"), "field", card, "kioskDueCaption")
        self.due = kiosk_label("", "due", card, "kioskDue")
        self.due.setWordWrap(False)
        due_box = QVBoxLayout()
        due_box.addWidget(self.due_caption)
        due_box.addWidget(self.due)
        self.pending_info = kiosk_label("", "hint", card, "kioskPendingInfo")
        due_box.addWidget(self.pending_info)
        due_box.addStretch(1)
        grid.addLayout(due_box, 0, 2, len(rows), 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        col.addWidget(card)
        self.pay_unavailable = kiosk_label(PAY_UNAVAILABLE, "message", page, "kioskPayUnavailable")
        col.addWidget(self.pay_unavailable)
        buttons = QHBoxLayout()
        buttons.setSpacing(20)
        self.option_row = buttons
        self.option_buttons: dict[PaymentOption, QPushButton] = {}
        for option in PaymentOption:
            button = kiosk_button("", f"kioskOption_{option.value}", page, "primary")
            _word(button, option.label, context="PaymentKind")  # "Payment", as in format.py
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            buttons.addWidget(button, 2)
            self.option_buttons[option] = button
        self.start_over = kiosk_button(QT_TRANSLATE_NOOP(
            "KioskWindow", "Not me — start again"), "kioskStartOver", page, "secondary")
        self.start_over.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        buttons.addWidget(self.start_over, 2)
        col.addLayout(buttons)
        col.addStretch(1)

    def show_account(self, account: KioskAccount, pending_note: str) -> None:
        """The card's values and captions in the interface language; ``pending_note`` says
        how many of its payments head office has not confirmed yet (or is empty)."""
        f = self.fields
        f["kioskAccountId"].setText(str(account.account_id))
        f["kioskName"].setText(account.masked_name)
        f["kioskMobile"].setText(account.masked_mobile)
        f["kioskPlan"].setText(
            account.plan_name or QCoreApplication.translate("KioskWindow", "No active plan"))
        f["kioskStatus"].setText(status_text(account.status))
        expiry_caption = self.findChild(QLabel, "kioskExpiryCaption")
        assert expiry_caption is not None
        if account.prepaid:
            _word(expiry_caption, QT_TRANSLATE_NOOP("KioskWindow", "Valid until"))
            f["kioskExpiry"].setText(format_date(account.plan_expiry, pad=True))
        else:
            _word(expiry_caption, QT_TRANSLATE_NOOP("KioskWindow", "Pay by"))
            f["kioskExpiry"].setText(format_date(account.pay_by, pad=True))
        if account.owes:
            _word(self.due_caption, QT_TRANSLATE_NOOP("KioskWindow", "Amount due"))
            self.due.setText(format_inr(account.balance_paise))
        elif account.balance_paise < 0:
            _word(self.due_caption, QT_TRANSLATE_NOOP(
                "KioskWindow", "Nothing due · advance credit"))
            self.due.setText(format_inr(-account.balance_paise))
        else:
            _word(self.due_caption, QT_TRANSLATE_NOOP("KioskWindow", "Amount due"))
            self.due.setText(QCoreApplication.translate("KioskWindow", "Nothing due"))
        self.pending_info.setText(pending_note)

    def show_options(self, options: list[PaymentOption], payable: bool) -> None:
        """The account's options in the rules' order (Recharge before Advance); disabled,
        with the reason, when this kiosk has no payment device."""
        for position, option in enumerate(options):
            button = self.option_buttons[option]
            self.option_row.removeWidget(button)
            self.option_row.insertWidget(position, button, 2)
        for option, button in self.option_buttons.items():
            button.setVisible(option in options)
            button.setEnabled(payable)
        self.pay_unavailable.setVisible(not payable)

    def clear(self) -> None:
        for label in self.fields.values():
            label.clear()
        self.due.clear()
        self.pending_info.clear()


class ReceiptPage(QWidget):
    """The receipt of the payment just taken, its note and the printer's state."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        page = self
        page.setObjectName("kioskReceiptPage")
        row = QHBoxLayout(page)
        row.setContentsMargins(64, 32, 64, 32)
        row.setSpacing(40)
        left = QVBoxLayout()
        left.setSpacing(20)
        left.addWidget(kiosk_label(QT_TRANSLATE_NOOP(
            "KioskWindow", "Thank you"), "title", page, "kioskThanks"))
        self.receipt_note = kiosk_label("", "pending", page, "kioskPaymentNote")
        left.addWidget(self.receipt_note)
        self.print_status = kiosk_label("", "hint", page, "kioskPrintStatus")
        left.addWidget(self.print_status)
        left.addStretch(1)
        self.receipt_done = kiosk_button(QT_TRANSLATE_NOOP(
            "KioskWindow", "Done"), "kioskReceiptDone", page, "primary")
        left.addWidget(self.receipt_done)
        row.addLayout(left, 1)
        card = QFrame(page)
        card.setObjectName("kioskReceiptCard")
        card_col = QVBoxLayout(card)
        card_col.setContentsMargins(20, 16, 20, 16)
        self.receipt_view = QTextBrowser(card)
        self.receipt_view.setObjectName("kioskReceipt")
        self.receipt_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        card_col.addWidget(self.receipt_view)
        row.addWidget(card, 1)

    def clear(self) -> None:
        self.receipt_view.clear()
        self.receipt_note.clear()
        self.print_status.clear()


class PinPage(QWidget):
    """The staff PIN screen for leaving kiosk mode."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        page = self
        page.setObjectName("kioskPinPage")
        row, left = _entry_columns(page)
        left.addStretch(1)
        left.addWidget(kiosk_label(QT_TRANSLATE_NOOP("KioskWindow", "Staff only"), "title", page))
        left.addWidget(kiosk_label(QT_TRANSLATE_NOOP(
            "KioskWindow", "Enter the staff PIN to leave kiosk mode."), "hint", page))
        self.pin_field = _pin_field(page, "kioskPinField")
        left.addWidget(self.pin_field)
        self.pin_message = kiosk_label("", "message", page, "kioskPinMessage")
        self.pin_message.setMinimumHeight(64)
        left.addWidget(self.pin_message)
        buttons = QHBoxLayout()
        self.pin_ok = kiosk_button(QT_TRANSLATE_NOOP(
            "KioskWindow", "Leave kiosk"), "kioskPinOk", page, "primary")
        self.pin_ok.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pin_cancel = kiosk_button(QT_TRANSLATE_NOOP(
            "KioskWindow", "Cancel"), "kioskPinCancel", page, "secondary")
        self.pin_cancel.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        buttons.addWidget(self.pin_ok, 2)
        buttons.addWidget(self.pin_cancel, 1)
        left.addLayout(buttons)
        self.pin_keypad = Keypad(self.pin_field, "pin", page)
        _add_keypad(row, left, self.pin_keypad)


class LockPage(QWidget):
    """The lock screen after too many look-ups found nothing; the staff PIN unlocks it."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        page = self
        page.setObjectName("kioskLockPage")
        row, left = _entry_columns(page)
        left.addStretch(1)
        left.addWidget(kiosk_label(QT_TRANSLATE_NOOP(
            "KioskWindow", "Kiosk locked"), "title", page, "kioskLockTitle"))
        left.addWidget(kiosk_label(LOCKED_MESSAGE, "hint", page, "kioskLockReason"))
        self.unlock_field = _pin_field(page, "kioskUnlockField")
        left.addWidget(self.unlock_field)
        self.unlock_message = kiosk_label("", "message", page, "kioskUnlockMessage")
        self.unlock_message.setMinimumHeight(64)
        left.addWidget(self.unlock_message)
        self.unlock_ok = kiosk_button(QT_TRANSLATE_NOOP(
            "KioskWindow", "Unlock"), "kioskUnlockOk", page, "primary")
        self.unlock_ok.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        left.addWidget(self.unlock_ok)
        _add_keypad(row, left, Keypad(self.unlock_field, "unlock", page))


