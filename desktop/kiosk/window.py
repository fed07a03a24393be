"""The kiosk window: a customer finds their own account, sees what is due, and pays.

Full screen, no menus or window controls, large touch targets. Only the one account asked
for is ever shown, masked; nothing on any screen lists accounts. Leaving needs the staff
PIN. Any 60 s without a touch or a key returns to the start screen and forgets everything
typed. Look-ups read the local cache and payments go to the outbox, so a kiosk keeps
taking money while head office is unreachable, and says so on the receipt. Look-ups are
rate-limited on the kiosk too (billing/kiosk_limits.py), and repeated look-ups that find
nothing lock it until staff enter the PIN (issue 14).

Payments are the kiosk's own screen (:mod:`desktop.kiosk.pay_page`): only a payment device
that proves the money arrived (the UPI QR and its confirmation source) records anything;
there is no Cash, Cheque or Bank transfer choice at a kiosk.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QRegularExpression,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QCloseEvent, QKeyEvent, QRegularExpressionValidator, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from billing.money import format_inr
from billing.roles import Role
from billing.rules import PaymentOption
from db.outbox import Mutation
from desktop import APP_NAME
from desktop.context import AppContext
from desktop.detail.format import format_date, status_text
from desktop.i18n import (
    LANGUAGES,
    QT_TRANSLATE_NOOP,
    TAMIL,
    current_language,
    fill,
    is_language_change,
    set_language,
    stored_language,
)
from desktop.kiosk.devices import PaymentDevice
from desktop.kiosk.keypad import Keypad
from desktop.kiosk.lookup import (
    KioskAccount,
    LookupGuard,
    LookupResult,
    Outcome,
    QueryKind,
    Verdict,
    classify,
    lookup,
    mutation_by_id,
    outbox_high_seq,
)
from desktop.kiosk.pay_page import KioskPayPage
from desktop.kiosk.pin import stored_pin_hash, verify_pin
from desktop.kiosk.receipt import (
    CONFIRMED_NOTE,
    DEFAULT_HEADER,
    HEADER_KEY,
    OFFLINE_NOTE,
    PENDING_MARK,
    SENDING_NOTE,
    print_receipt,
    receipt_from_mutation,
    receipt_lines,
)
from desktop.kiosk.wording import reword as _reword
from desktop.kiosk.wording import word as _word
from desktop.payments.escpos_receipt import open_configured_printer, paper_chars
from desktop.payments.receipt import ReceiptData
from desktop.resource_paths import KIOSK_STYLE, read_text
from desktop.tasks import TaskControl
from desktop.upi_payee import Payee

if TYPE_CHECKING:
    from sync.client import SyncClient

log = logging.getLogger(__name__)

#: Idle time before the kiosk forgets everything and returns to the start screen.
IDLE_MS = 60_000
#: Wrong PINs in a row before the PIN pad locks for :data:`PIN_LOCK_MS`.
PIN_ATTEMPTS = 5
PIN_LOCK_MS = 30_000

START, ACCOUNT, RECEIPT, PIN, LOCKED = range(5)
#: The kiosk's payment screen (after the five above).
PAY = 5
#: Settings key set while the kiosk is locked after too many look-ups found nothing, so a
#: restart (or a power cut) does not unlock it; only the staff PIN does.
LOCKED_KEY = "kiosk/locked_after_misses"
LOCKED_MESSAGE = QT_TRANSLATE_NOOP(
    "KioskWindow",
    "This kiosk is locked: too many look-ups found no account. "
    "Please ask a member of staff to unlock it."
)
PAY_UNAVAILABLE = QT_TRANSLATE_NOOP(
    "KioskWindow", "Payments are not available at this kiosk yet. Please pay at the counter.")
#: Setting: the language every customer starts in (``en`` or ``ta``); the start screen's
#: English / தமிழ் toggle changes it for one customer, the next reset brings it back.
#: Unset: the desk's own language (``ui/language``).
LANGUAGE_KEY = "kiosk/language"

_ACTIVITY = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate, QEvent.Type.Wheel,
})


@dataclass(frozen=True)
class _LookupAnswer:
    generation: int
    result: LookupResult
    high_seq: int
    text: str = ""
    asked_server: bool = False


@dataclass(frozen=True)
class _ServerAnswer:
    generation: int
    outcome: Outcome
    account_id: int | None = None
    #: The server refused the look-up (429): its error code and the seconds to wait.
    refused: str | None = None
    retry_after: int = 0


@dataclass(frozen=True)
class _PaymentAnswer:
    generation: int
    mutation: Mutation | None


def _lookup_job(ctx: AppContext, text: str, generation: int, asked_server: bool,
                _c: TaskControl) -> _LookupAnswer:
    result = lookup(ctx.cache_engine, ctx.outbox, text, branch_id=ctx.user.branch_id,
                    kiosk_key=ctx.kiosk_key)
    return _LookupAnswer(generation, result, outbox_high_seq(ctx.outbox), text, asked_server)


def _server_client(ctx: AppContext) -> SyncClient | None:
    """The sync client when this kiosk is signed in to a server (for a mobile its local
    copy does not hold: an account added or changed since its last pull)."""
    if ctx.user.role is not Role.KIOSK or ctx.sync is None:
        return None
    client = ctx.sync.client
    return client if client.has_token else None


def _server_lookup_job(client: SyncClient, mobile: str, generation: int,
                       _c: TaskControl) -> _ServerAnswer:
    """``GET /api/v1/kiosk/lookup?mobile=`` → the account id (the details come from the
    local cache, so the payment rules see the same account the counter would)."""
    from sync.client import ApiError, OfflineError

    try:
        body = client.kiosk_lookup(mobile=mobile)
    except OfflineError:
        return _ServerAnswer(generation, Outcome.NOT_FOUND)
    except ApiError as exc:
        if exc.code == "ambiguous":
            return _ServerAnswer(generation, Outcome.AMBIGUOUS)
        if exc.status == 429:
            error = exc.body.get("error") if isinstance(exc.body, dict) else None
            wait = error.get("retry_after") if isinstance(error, dict) else None
            return _ServerAnswer(generation, Outcome.NOT_FOUND, refused=exc.code,
                                 retry_after=wait if isinstance(wait, int) else 60)
        return _ServerAnswer(generation, Outcome.NOT_FOUND)
    return _ServerAnswer(generation, Outcome.FOUND, int(body["account_id"]))


def _mutation_job(ctx: AppContext, mutation_id: str, generation: int,
                  _c: TaskControl) -> _PaymentAnswer:
    return _PaymentAnswer(generation, mutation_by_id(ctx.outbox, mutation_id))


def _print_job(printer: Any, receipt: ReceiptData, width: int, _c: TaskControl) -> str:
    print_receipt(printer, receipt, width)
    return receipt.receipt_number


def _language_now() -> str:
    """The interface language installed on the running application."""
    app = QCoreApplication.instance()
    assert app is not None, "the kiosk runs inside a QApplication"
    return current_language(app)


def kiosk_language(settings: Any) -> str:
    """The language a customer starts in: ``kiosk/language``, else the desk's language."""
    value = str(settings.value(LANGUAGE_KEY, "", str) or "")
    return value if value in LANGUAGES else stored_language(settings)


def _label(text: str, role: str, parent: QWidget, name: str = "") -> QLabel:
    label = QLabel(parent)
    _word(label, text)
    label.setProperty("role", role)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


def _button(text: str, name: str, parent: QWidget, role: str = "") -> QPushButton:
    button = QPushButton(parent)
    _word(button, text)
    button.setObjectName(name)
    if role:
        button.setProperty("role", role)
    return button


class KioskWindow(QMainWindow):
    """The whole kiosk: start, account, receipt and staff-PIN screens in one window.

    A ``QMainWindow`` so the sign-in session (``desktop.sync.session``) can host it like the
    main window; its status bar and any dock it is given (sync status) stay hidden: they are
    for staff, not customers.
    """

    #: Staff entered the right PIN; the kiosk window has closed.
    left = Signal()

    def __init__(
        self,
        ctx: AppContext,
        *,
        idle_ms: int = IDLE_MS,
        payment_device: PaymentDevice | None = None,
        payee: Payee | None = None,
        full_screen: bool = False,
        pin_hash: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("kioskWindow")
        self.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._may_close = False
        self._generation = 0  # bumped on every reset: late answers for old screens are dropped
        self._account: KioskAccount | None = None
        self._high_seq = 0
        self._receipt: ReceiptData | None = None
        self._receipt_mutation: str | None = None
        self._pin_failures = 0
        self._fallback_pin_hash = pin_hash  # --demo's unsaved DEMO_PIN hash
        self._filter_installed = False

        try:
            self.setStyleSheet(read_text(KIOSK_STYLE))
        except FileNotFoundError:
            log.exception("kiosk style sheet missing")

        self._idle = QTimer(self)
        self._idle.setObjectName("kioskIdleTimer")
        self._idle.setSingleShot(True)
        self._idle.setInterval(idle_ms)
        self._idle.timeout.connect(self._on_idle)
        self._pin_lock = QTimer(self)
        self._pin_lock.setSingleShot(True)
        self._pin_lock.setInterval(PIN_LOCK_MS)
        self._pin_lock.timeout.connect(self._on_pin_unlocked)

        central = QWidget(self)
        central.setObjectName("kioskCentral")
        self.setCentralWidget(central)
        self.statusBar().hide()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self._build_top_bar())
        self.pages = QStackedWidget(self)
        self.pages.setObjectName("kioskPages")
        outer.addWidget(self.pages, 1)
        self.pages.addWidget(self._build_start_page())
        self.pages.addWidget(self._build_account_page())
        self.pages.addWidget(self._build_receipt_page())
        self.pages.addWidget(self._build_pin_page())
        self.pages.addWidget(self._build_lock_page())
        self._init_lookup_guard()
        self._build_pay_page(payment_device, payee)

        ctx.events.outbox_changed.connect(self._on_outbox_changed)
        self.retranslate_ui()
        if full_screen:
            self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
            self.setWindowState(Qt.WindowState.WindowFullScreen)
        self.reset_to_start()

    # -- language ------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        """Every text in the interface language (at start and on a language change)."""
        self.setWindowTitle(fill(self.tr("%1 — Kiosk"), APP_NAME))
        self.entry.setPlaceholderText(self.tr("Account ID or mobile"))
        self.unlock_field.setPlaceholderText(self.tr("Staff PIN"))
        self.pay_page.amount.setPlaceholderText(self.tr("₹ amount"))
        other = "en" if _language_now() == TAMIL else TAMIL
        self.language_toggle.setText(LANGUAGES[other])
        self.language_toggle.setToolTip("English / தமிழ்")
        for widget in self.findChildren(QLabel) + self.findChildren(QPushButton):
            _reword(widget)
        if self._account is not None and self.current_page in (ACCOUNT, PAY):
            self._word_account(self._account)

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event):
            self.retranslate_ui()
        super().changeEvent(event)

    @Slot()
    def toggle_language(self) -> None:
        """The start screen's toggle: English ⇄ தமிழ் for this customer."""
        language = "en" if _language_now() == TAMIL else TAMIL
        log.info("kiosk: customer chose %s", LANGUAGES[language])
        self._use_language(language)

    def _use_language(self, language: str) -> None:
        app = QCoreApplication.instance()
        if app is None or current_language(app) == language:
            return
        try:
            set_language(app, language)
        except OSError:
            log.exception("kiosk: the %s translation could not be loaded", language)

    # -- building ------------------------------------------------------------------------

    def _build_top_bar(self) -> QWidget:
        bar = QFrame(self)
        bar.setObjectName("kioskTopBar")
        bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        row = QHBoxLayout(bar)
        row.setContentsMargins(28, 12, 20, 12)
        brand = _label(QT_TRANSLATE_NOOP("KioskWindow", "Terabyte Broadband · Pay your bill"),
                       "brand", bar)
        brand.setWordWrap(False)
        brand.setObjectName("kioskBrand")
        row.addWidget(brand)
        row.addStretch(1)
        self.staff_button = _button(QT_TRANSLATE_NOOP(
            "KioskWindow", "Staff"), "kioskStaffButton", bar)
        self.staff_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.staff_button.clicked.connect(self.show_pin_page)
        row.addWidget(self.staff_button)
        return bar

    def _build_language_toggle(self, parent: QWidget) -> QPushButton:
        """The customer's English / தமிழ் switch: it names the other language, in that
        language, and switches the whole kiosk at once."""
        toggle = QPushButton(parent)
        toggle.setObjectName("kioskLanguageToggle")
        toggle.setProperty("role", "language")
        toggle.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        toggle.setMinimumHeight(72)
        toggle.clicked.connect(self.toggle_language)
        return toggle

    def _build_start_page(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("kioskStartPage")
        row = QHBoxLayout(page)
        row.setContentsMargins(64, 40, 64, 40)
        row.setSpacing(64)
        left = QVBoxLayout()
        left.setSpacing(20)
        self.language_toggle = self._build_language_toggle(page)
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self.language_toggle)
        left.addLayout(top)
        left.addStretch(1)
        left.addWidget(_label(QT_TRANSLATE_NOOP("KioskWindow", "Welcome"), "title", page))
        left.addWidget(_label(QT_TRANSLATE_NOOP(
            "KioskWindow", "Enter your Account ID or your registered mobile number, then "
            "touch Find my account."), "hint", page))
        self.entry = QLineEdit(page)
        self.entry.setObjectName("kioskEntry")
        self.entry.setMaxLength(16)
        self.entry.setValidator(QRegularExpressionValidator(
            QRegularExpression(r"[+0-9 ]{0,16}"), self.entry))
        self.entry.returnPressed.connect(self.find)
        self.entry.textChanged.connect(self._on_entry_changed)
        left.addWidget(self.entry)
        self.message = _label("", "message", page, "kioskMessage")
        self.message.setMinimumHeight(64)
        left.addWidget(self.message)
        self.find_button = _button(QT_TRANSLATE_NOOP(
            "KioskWindow", "Find my account"), "kioskFind", page, "primary")
        self.find_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.find_button.clicked.connect(self.find)
        left.addWidget(self.find_button)
        left.addStretch(2)
        row.addLayout(left, 5)
        self.keypad = Keypad(self.entry, "kiosk", page)
        self.keypad.setMaximumWidth(460)
        row.addWidget(self.keypad, 4)
        return page

    def _build_account_page(self) -> QWidget:
        page = QWidget(self)
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
            caption = _label(title, "field", card, name + "Caption")
            value = _label("", "value", card, name)
            grid.addWidget(caption, index, 0)
            grid.addWidget(value, index, 1)
            self.fields[name] = value
        self.due_caption = _label(QT_TRANSLATE_NOOP(
            "KioskWindow", "Amount due"), "field", card, "kioskDueCaption")
        self.due = _label("", "due", card, "kioskDue")
        self.due.setWordWrap(False)
        due_box = QVBoxLayout()
        due_box.addWidget(self.due_caption)
        due_box.addWidget(self.due)
        self.pending_info = _label("", "hint", card, "kioskPendingInfo")
        due_box.addWidget(self.pending_info)
        due_box.addStretch(1)
        grid.addLayout(due_box, 0, 2, len(rows), 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        col.addWidget(card)
        self.pay_unavailable = _label(PAY_UNAVAILABLE, "message", page, "kioskPayUnavailable")
        col.addWidget(self.pay_unavailable)
        buttons = QHBoxLayout()
        buttons.setSpacing(20)
        self.option_row = buttons
        self.option_buttons: dict[PaymentOption, QPushButton] = {}
        for option in PaymentOption:
            button = _button("", f"kioskOption_{option.value}", page, "primary")
            _word(button, option.label, context="PaymentKind")  # "Payment", as in format.py
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(partial(self._on_option, option))
            buttons.addWidget(button, 2)
            self.option_buttons[option] = button
        self.start_over = _button(QT_TRANSLATE_NOOP(
            "KioskWindow", "Not me — start again"), "kioskStartOver", page, "secondary")
        self.start_over.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.start_over.clicked.connect(self.reset_to_start)
        buttons.addWidget(self.start_over, 2)
        col.addLayout(buttons)
        col.addStretch(1)
        return page

    def _build_receipt_page(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("kioskReceiptPage")
        row = QHBoxLayout(page)
        row.setContentsMargins(64, 32, 64, 32)
        row.setSpacing(40)
        left = QVBoxLayout()
        left.setSpacing(20)
        left.addWidget(_label(QT_TRANSLATE_NOOP(
            "KioskWindow", "Thank you"), "title", page, "kioskThanks"))
        self.receipt_note = _label("", "pending", page, "kioskPaymentNote")
        left.addWidget(self.receipt_note)
        self.print_status = _label("", "hint", page, "kioskPrintStatus")
        left.addWidget(self.print_status)
        left.addStretch(1)
        self.receipt_done = _button(QT_TRANSLATE_NOOP(
            "KioskWindow", "Done"), "kioskReceiptDone", page, "primary")
        self.receipt_done.clicked.connect(self.reset_to_start)
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
        return page

    def _build_pin_page(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("kioskPinPage")
        row = QHBoxLayout(page)
        row.setContentsMargins(64, 40, 64, 40)
        row.setSpacing(64)
        left = QVBoxLayout()
        left.setSpacing(20)
        left.addStretch(1)
        left.addWidget(_label(QT_TRANSLATE_NOOP("KioskWindow", "Staff only"), "title", page))
        left.addWidget(_label(QT_TRANSLATE_NOOP(
            "KioskWindow", "Enter the staff PIN to leave kiosk mode."), "hint", page))
        self.pin_field = QLineEdit(page)
        self.pin_field.setObjectName("kioskPinField")
        self.pin_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_field.setMaxLength(12)
        self.pin_field.setValidator(QRegularExpressionValidator(
            QRegularExpression(r"[0-9]{0,12}"), self.pin_field))
        self.pin_field.returnPressed.connect(self.submit_pin)
        left.addWidget(self.pin_field)
        self.pin_message = _label("", "message", page, "kioskPinMessage")
        self.pin_message.setMinimumHeight(64)
        left.addWidget(self.pin_message)
        buttons = QHBoxLayout()
        self.pin_ok = _button(QT_TRANSLATE_NOOP(
            "KioskWindow", "Leave kiosk"), "kioskPinOk", page, "primary")
        self.pin_ok.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pin_ok.clicked.connect(self.submit_pin)
        self.pin_cancel = _button(QT_TRANSLATE_NOOP(
            "KioskWindow", "Cancel"), "kioskPinCancel", page, "secondary")
        self.pin_cancel.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pin_cancel.clicked.connect(self.reset_to_start)
        buttons.addWidget(self.pin_ok, 2)
        buttons.addWidget(self.pin_cancel, 1)
        left.addLayout(buttons)
        left.addStretch(2)
        row.addLayout(left, 5)
        self.pin_keypad = Keypad(self.pin_field, "pin", page)
        self.pin_keypad.setMaximumWidth(460)
        row.addWidget(self.pin_keypad, 4)
        return page

    # -- showing -------------------------------------------------------------------------

    def addDockWidget(self, area: Qt.DockWidgetArea, dock: QDockWidget, *args: Any) -> None:
        super().addDockWidget(area, dock, *args)
        dock.hide()  # staff information (sync status) is not for the customer's screen

    def show_kiosk(self) -> None:
        """Take the whole screen."""
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        self.showFullScreen()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        app = QApplication.instance()
        if app is not None and not self._filter_installed:
            app.installEventFilter(self)
            self._filter_installed = True
        self._idle.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in _ACTIVITY:
            self._idle.start()
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            if self.pages.currentIndex() != START:
                self.reset_to_start()
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._may_close:
            log.info("kiosk: close refused (staff PIN needed)")
            event.ignore()
            return
        self._idle.stop()
        self._pin_lock.stop()
        self._remove_filter()
        super().closeEvent(event)

    def _remove_filter(self) -> None:
        app = QApplication.instance()
        if app is not None and self._filter_installed:
            app.removeEventFilter(self)
            self._filter_installed = False

    # -- state ---------------------------------------------------------------------------

    @property
    def current_page(self) -> int:
        return self.pages.currentIndex()

    @property
    def account(self) -> KioskAccount | None:
        return self._account

    @property
    def receipt(self) -> ReceiptData | None:
        return self._receipt

    @Slot()
    def reset_to_start(self) -> None:
        """Back to the start screen, forgetting the account and everything typed."""
        self._generation += 1
        self._account = None
        self._receipt = None
        self._receipt_mutation = None
        self.pay_page.forget()
        self.entry.clear()
        self.pin_field.clear()
        self.message.clear()
        self.pin_message.clear()
        self.receipt_view.clear()
        self.receipt_note.clear()
        self.print_status.clear()
        for label in self.fields.values():
            label.clear()
        self.due.clear()
        self.pending_info.clear()
        self.find_button.setEnabled(False)
        self.pages.setCurrentIndex(START)
        self.entry.setFocus()
        # Every return to the start screen (idle, Done, Not me, Esc) is the next customer:
        # in the kiosk's default language, whatever the last one chose.
        self._use_language(kiosk_language(self.ctx.settings))
        if self.isVisible():
            self._idle.start()
        if self._locked:
            self._show_lock_page()

    @Slot()
    def _on_idle(self) -> None:
        default = _language_now() == kiosk_language(self.ctx.settings)
        if self.current_page == START and not self.entry.text() and default:
            return  # nothing to forget (a customer's language choice is one)
        if self.pay_page.waiting_for_money:  # the QR has its own time limit
            self._idle.start()
            return
        log.info("kiosk: idle; back to the start screen")
        self.reset_to_start()

    @Slot(str)
    def _on_entry_changed(self, text: str) -> None:
        self.find_button.setEnabled(bool(text.strip()))
        if self.message.text():
            self.message.clear()

    # -- look-up -------------------------------------------------------------------------

    @Slot()
    def find(self) -> None:  # type: ignore[override]  # QWidget.find is a static by-window-id
        """Look up what was typed (exact Account ID or registered mobile)."""
        text = self.entry.text()
        if classify(text) is None:
            self._say_outcome(Outcome.INVALID)
            return
        if not self._lookup_allowed():
            return
        self.find_button.setEnabled(False)
        _word(self.message, QT_TRANSLATE_NOOP("KioskWindow", "Looking up your account…"))
        self._run_lookup(text, asked_server=False)

    def _run_lookup(self, text: str, *, asked_server: bool) -> None:
        task = self.ctx.tasks.run_db("kiosk lookup", partial(
            _lookup_job, self.ctx, text, self._generation, asked_server))
        task.done.connect(self._on_lookup_done)
        task.error.connect(self._on_lookup_error)

    @Slot(object)
    def _on_lookup_done(self, answer: object) -> None:
        assert isinstance(answer, _LookupAnswer)
        if answer.generation != self._generation:
            return
        self.find_button.setEnabled(bool(self.entry.text().strip()))
        result = answer.result
        query = classify(answer.text)
        client = _server_client(self.ctx)
        if (result.outcome is Outcome.NOT_FOUND and not answer.asked_server
                and query is not None and query.kind is QueryKind.MOBILE
                and query.mobile is not None and client is not None):
            task = self.ctx.tasks.run_net("kiosk server lookup", partial(
                _server_lookup_job, client, query.mobile, self._generation))
            task.done.connect(self._on_server_lookup_done)
            task.error.connect(self._on_lookup_error)
            return
        if result.outcome is not Outcome.FOUND or result.account is None:
            if result.outcome is Outcome.AMBIGUOUS:
                self.entry.clear()  # before the message: typing clears the message
            self._say_outcome(result.outcome)
            self._count_outcome(result.outcome)
            return
        self._high_seq = answer.high_seq
        self.show_account(result.account)

    @Slot(object)
    def _on_server_lookup_done(self, answer: object) -> None:
        assert isinstance(answer, _ServerAnswer)
        if answer.generation != self._generation:
            return
        if answer.outcome is Outcome.FOUND and answer.account_id is not None:
            self._run_lookup(str(answer.account_id), asked_server=True)
            return
        self.find_button.setEnabled(bool(self.entry.text().strip()))
        if answer.refused is not None:
            self._on_server_refused(answer.refused, answer.retry_after)
        elif answer.outcome is Outcome.AMBIGUOUS:
            self.entry.clear()
            self._say_outcome(Outcome.AMBIGUOUS)
        else:
            # Offline too: the local copy answers mobiles (db/kiosk_store.py), and it had
            # no such number.
            self._say_outcome(Outcome.NOT_FOUND)
            self._count_outcome(Outcome.NOT_FOUND)

    @Slot(object)
    def _on_lookup_error(self, exc: object) -> None:
        log.error("kiosk lookup failed: %s", exc)
        self.find_button.setEnabled(True)
        _word(self.message, QT_TRANSLATE_NOOP("KioskWindow",
            "Something went wrong looking that up. Please try again."))

    def _say_outcome(self, outcome: Outcome) -> None:
        _word(self.message, LookupResult(outcome).source, context="KioskLookup")

    def show_account(self, account: KioskAccount) -> None:
        """The account screen: masked name and mobile, what is due, plan and expiry."""
        self._account = account
        self.entry.clear()
        self.message.clear()
        self._word_account(account)
        self._show_payment_options(account)
        self.pages.setCurrentIndex(ACCOUNT)

    def _word_account(self, account: KioskAccount) -> None:
        """The account card's values and captions, in the interface language."""
        f = self.fields
        f["kioskAccountId"].setText(str(account.account_id))
        f["kioskName"].setText(account.masked_name)
        f["kioskMobile"].setText(account.masked_mobile)
        f["kioskPlan"].setText(account.plan_name or self.tr("No active plan"))
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
            self.due.setText(self.tr("Nothing due"))
        self.pending_info.setText(
            self.tr("Includes %n payment(s) not yet confirmed by head office.", "",
                    account.pending_payments)
            if account.pending_payments else "")

    # -- paying --------------------------------------------------------------------------

    def _build_pay_page(self, device: PaymentDevice | None, payee: Payee | None) -> None:
        self.pay_page = KioskPayPage(self.ctx, device, payee, self)
        index = self.pages.addWidget(self.pay_page)
        assert index == PAY
        self.pay_page.paid.connect(self._on_kiosk_paid)
        self.pay_page.cancelled.connect(self._on_kiosk_payment_cancelled)

    def _show_payment_options(self, account: KioskAccount) -> None:
        """The account's options in the rules' order (Recharge before Advance)."""
        payable = self.pay_page.available
        for position, option in enumerate(account.options):
            button = self.option_buttons[option]
            self.option_row.removeWidget(button)
            self.option_row.insertWidget(position, button, 2)
        for option, button in self.option_buttons.items():
            button.setVisible(option in account.options)
            button.setEnabled(payable)
        self.pay_unavailable.setVisible(not payable)

    def _on_option(self, option: PaymentOption, _checked: bool = False) -> None:
        account = self._account
        if account is None or not self.pay_page.available:
            return
        if option not in account.options:
            return
        log.info("kiosk: %s for account %s", option.value, account.account_id)
        self.pay_page.begin(account.account_id, option, account.masked_name)
        self.pages.setCurrentIndex(PAY)

    @Slot(object)
    def _on_kiosk_paid(self, mutation: object) -> None:
        assert isinstance(mutation, Mutation)
        if self._account is None:
            return
        self.show_receipt(mutation)

    @Slot()
    def _on_kiosk_payment_cancelled(self) -> None:
        if self._account is not None and self.current_page == PAY:
            self.pages.setCurrentIndex(ACCOUNT)

    @Slot()
    def _on_outbox_changed(self) -> None:
        if self._receipt_mutation is not None:
            task = self.ctx.tasks.run_db("kiosk receipt state", partial(
                _mutation_job, self.ctx, self._receipt_mutation, self._generation))
            task.done.connect(self._on_receipt_state)

    @Slot(object)
    def _on_receipt_state(self, answer: object) -> None:
        assert isinstance(answer, _PaymentAnswer)
        if answer.generation != self._generation or answer.mutation is None:
            return
        if self._account is not None and self._receipt is not None:
            self._render_receipt(answer.mutation)

    def _sync_online(self) -> bool:
        sync = self.ctx.sync
        status = getattr(sync, "status", None)
        if callable(status):
            try:
                return getattr(status(), "online", None) is True
            except Exception:  # a status read must never break the receipt
                log.exception("kiosk: sync status unavailable")
        return False

    def show_receipt(self, mutation: Mutation) -> None:
        """The receipt screen for a payment just recorded; prints it when a printer is set."""
        self._receipt_mutation = mutation.mutation_id
        self._render_receipt(mutation)
        self.pages.setCurrentIndex(RECEIPT)
        self._print()

    def _render_receipt(self, mutation: Mutation) -> None:
        account = self._account
        assert account is not None
        header = str(self.ctx.settings.value(HEADER_KEY, DEFAULT_HEADER, str) or DEFAULT_HEADER)
        receipt = receipt_from_mutation(
            mutation, masked_name=account.masked_name, zone=self.ctx.business_zone,
            header=header)
        self._receipt = receipt
        self.receipt_view.setPlainText("\n".join(receipt_lines(receipt, 40)))
        if not receipt.pending_sync:
            _word(self.receipt_note, CONFIRMED_NOTE, context="KioskReceipt")
        elif self._sync_online():
            _word(self.receipt_note, QT_TRANSLATE_NOOP("KioskWindow", "%1 Receipt marked %2."),
                  QCoreApplication.translate("KioskReceipt", SENDING_NOTE), PENDING_MARK)
        else:
            _word(self.receipt_note, QT_TRANSLATE_NOOP("KioskWindow", "%1 Receipt marked %2."),
                  QCoreApplication.translate("KioskReceipt", OFFLINE_NOTE), PENDING_MARK)

    def _print(self) -> None:
        receipt = self._receipt
        if receipt is None:
            return
        try:
            printer = open_configured_printer(self.ctx.settings)
        except Exception as exc:  # a missing USB backend, a bad address: tell, keep going
            log.exception("kiosk: receipt printer unavailable")
            _word(self.print_status, QT_TRANSLATE_NOOP(
                "KioskWindow", "The receipt printer is not available: %1"), exc)
            return
        if printer is None:
            _word(self.print_status, QT_TRANSLATE_NOOP("KioskWindow",
                "Please keep this screen's receipt number for reference."))
            return
        _word(self.print_status, QT_TRANSLATE_NOOP("KioskWindow", "Printing your receipt…"))
        task = self.ctx.tasks.run_net("kiosk receipt print", partial(
            _print_job, printer, receipt, paper_chars(self.ctx.settings)))
        task.done.connect(self._on_printed)
        task.error.connect(self._on_print_failed)

    @Slot(object)
    def _on_printed(self, _number: object) -> None:
        if self.current_page == RECEIPT:
            _word(self.print_status, QT_TRANSLATE_NOOP(
                "KioskWindow", "Your receipt has been printed."))

    @Slot(object)
    def _on_print_failed(self, exc: object) -> None:
        log.error("kiosk: receipt print failed: %s", exc)
        if self.current_page == RECEIPT:
            _word(self.print_status, QT_TRANSLATE_NOOP("KioskWindow",
                "The receipt could not be printed; please note the receipt number shown."))

    # -- leaving -------------------------------------------------------------------------

    @Slot()
    def show_pin_page(self) -> None:
        self.pay_page.forget()
        self._generation += 1
        self._account = None
        self.entry.clear()
        self.pin_field.clear()
        self.pin_message.clear()
        self.pages.setCurrentIndex(PIN)
        self.pin_field.setFocus()

    @Slot()
    def submit_pin(self) -> None:
        """Leave kiosk mode when the staff PIN is right; refuse (and count) otherwise."""
        if self._staff_pin_right(self.pin_field, self.pin_message):
            log.info("kiosk: staff PIN accepted; leaving kiosk mode")
            self._set_locked(False)
            self._may_close = True
            self.close()
            self.left.emit()

    def _staff_pin_right(self, field: QLineEdit, message: QLabel) -> bool:
        """Check the PIN typed in ``field`` (then cleared); a wrong one is counted, and
        :data:`PIN_ATTEMPTS` in a row lock every PIN entry of this kiosk for 30 s."""
        too_many = QT_TRANSLATE_NOOP("KioskWindow",
                                     "Too many wrong PINs. Wait 30 seconds and try again.")
        pin = field.text()
        field.clear()
        if self._pin_lock.isActive():
            _word(message, too_many)
            return False
        if verify_pin(pin, stored_pin_hash(self.ctx.settings) or self._fallback_pin_hash):
            self._pin_failures = 0
            return True
        self._pin_failures += 1
        log.warning("kiosk: wrong staff PIN (%d in a row)", self._pin_failures)
        if self._pin_failures >= PIN_ATTEMPTS:
            self._pin_failures = 0
            self._pin_lock.start()
            _word(message, too_many)
        else:
            _word(message, QT_TRANSLATE_NOOP("KioskWindow", "That PIN is not right."))
        return False

    @Slot()
    def _on_pin_unlocked(self) -> None:
        self.pin_message.clear()

    # -- look-up limits and the lock after misses (issue 14, finding 1) ------------------

    def _init_lookup_guard(self) -> None:
        #: The look-up budgets (billing/kiosk_limits.py); offline the only limit there is.
        self.lookup_guard = LookupGuard()
        #: Seconds, for the budgets (monotonic: a changed PC clock gives no free look-ups).
        self.lookup_clock: Callable[[], float] = time.monotonic
        self._locked = bool(self.ctx.settings.value(LOCKED_KEY, False, bool))
        if self._locked:
            self._show_lock_page()

    def _build_lock_page(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("kioskLockPage")
        row = QHBoxLayout(page)
        row.setContentsMargins(64, 40, 64, 40)
        row.setSpacing(64)
        left = QVBoxLayout()
        left.setSpacing(20)
        left.addStretch(1)
        left.addWidget(_label(QT_TRANSLATE_NOOP(
            "KioskWindow", "Kiosk locked"), "title", page, "kioskLockTitle"))
        left.addWidget(_label(LOCKED_MESSAGE, "hint", page, "kioskLockReason"))
        self.unlock_field = QLineEdit(page)
        self.unlock_field.setObjectName("kioskUnlockField")
        self.unlock_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.unlock_field.setMaxLength(12)
        self.unlock_field.setValidator(QRegularExpressionValidator(
            QRegularExpression(r"[0-9]{0,12}"), self.unlock_field))
        self.unlock_field.returnPressed.connect(self.submit_unlock_pin)
        left.addWidget(self.unlock_field)
        self.unlock_message = _label("", "message", page, "kioskUnlockMessage")
        self.unlock_message.setMinimumHeight(64)
        left.addWidget(self.unlock_message)
        self.unlock_ok = _button(QT_TRANSLATE_NOOP(
            "KioskWindow", "Unlock"), "kioskUnlockOk", page, "primary")
        self.unlock_ok.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.unlock_ok.clicked.connect(self.submit_unlock_pin)
        left.addWidget(self.unlock_ok)
        left.addStretch(2)
        row.addLayout(left, 5)
        keypad = Keypad(self.unlock_field, "unlock", page)
        keypad.setMaximumWidth(460)
        row.addWidget(keypad, 4)
        return page

    @property
    def locked(self) -> bool:
        return self._locked

    def _now(self) -> int:
        return int(self.lookup_clock())

    def _lookup_allowed(self) -> bool:
        """Charge a look-up to the kiosk's budget; False (and say why) when it is spent."""
        verdict, wait = self.lookup_guard.before(self._now())
        if verdict is Verdict.LOCK:
            self.lock_kiosk()
            return False
        if verdict is Verdict.WAIT:
            self._say_wait(wait)
            return False
        return True

    def _say_wait(self, seconds: int) -> None:
        minutes = max(1, -(-seconds // 60))
        self.tr("Too many look-ups just now. Please try again in %n minute(s), or ask a "
                "member of staff.", "", minutes)  # for lupdate; worded by _word
        _word(self.message, "Too many look-ups just now. Please try again in %n minute(s), "
              "or ask a member of staff.", n=minutes)

    def _count_outcome(self, outcome: Outcome) -> None:
        if self.lookup_guard.after(outcome, self._now()) is Verdict.LOCK:
            self.lock_kiosk()

    def _on_server_refused(self, code: str, retry_after: int) -> None:
        log.warning("kiosk: the server refused a look-up (%s, retry in %d s)", code,
                    retry_after)
        if code == "too_many_misses":
            self.lock_kiosk()
        else:
            self._say_wait(retry_after)

    def _set_locked(self, locked: bool) -> None:
        self._locked = locked
        if locked:
            self.ctx.settings.setValue(LOCKED_KEY, True)
        else:
            self.ctx.settings.remove(LOCKED_KEY)
        self.ctx.settings.sync()

    @Slot()
    def lock_kiosk(self) -> None:
        """Too many look-ups found nothing: nothing more until staff enter the PIN."""
        log.warning("kiosk: locked after repeated look-ups that found nothing")
        self._set_locked(True)
        self._generation += 1
        self._account = None
        self.entry.clear()
        self.message.clear()
        self._show_lock_page()

    def _show_lock_page(self) -> None:
        self.unlock_field.clear()
        self.unlock_message.clear()
        self.pages.setCurrentIndex(LOCKED)
        self.unlock_field.setFocus()

    @Slot()
    def submit_unlock_pin(self) -> None:
        """Unlock with the staff PIN (wrong ones count towards the same PIN lock-out)."""
        if self._staff_pin_right(self.unlock_field, self.unlock_message):
            log.info("kiosk: staff PIN accepted; kiosk unlocked")
            self._set_locked(False)
            self.lookup_guard.unlocked()
            self.reset_to_start()
