"""The kiosk window: a customer finds their own account, sees what is due, and pays.

Full screen, no menus or window controls, large touch targets. Only the one account asked
for is ever shown, masked; nothing on any screen lists accounts. Leaving needs the staff
PIN. Any 60 s without a touch or a key returns to the start screen and forgets everything
typed. Look-ups read the local cache and payments go to the outbox, so a kiosk keeps
taking money while head office is unreachable, and says so on the receipt. Look-ups are
rate-limited on the kiosk too (billing/kiosk_limits.py), and repeated look-ups that find
nothing lock it until staff enter the PIN, so nobody can walk the Account IDs from the
kiosk to learn who has an account.

Payments are the kiosk's own screen (:mod:`desktop.kiosk.pay_page`): only a payment device
that proves the money arrived (the UPI QR and its confirmation source) records anything;
there is no Cash, Cheque or Bank transfer choice at a kiosk.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QCloseEvent, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from billing.rules import PaymentOption
from db.outbox import Mutation
from desktop import APP_NAME
from desktop.app.bundled_resources import KIOSK_STYLE, read_text
from desktop.app.context import AppContext
from desktop.kiosk.account_search import AccountSearch
from desktop.kiosk.devices import PaymentDevice
from desktop.kiosk.lookup import (
    KioskAccount,
)
from desktop.kiosk.pay_page import KioskPayPage
from desktop.kiosk.receipt_screen import ReceiptScreen
from desktop.kiosk.screens import (  # noqa: F401  (the page indices: tests read them here)
    ACCOUNT,
    LOCKED,
    PAY,
    PIN,
    RECEIPT,
    START,
    AccountPage,
    LockPage,
    PinPage,
    ReceiptPage,
    StartPage,
    TopBar,
)
from desktop.kiosk.staff_pin import StaffPin
from desktop.kiosk.wording import reword as _reword
from desktop.kiosk.wording import word as _word
from desktop.language.i18n import (
    LANGUAGES,
    TAMIL,
    current_language,
    fill,
    is_language_change,
    set_language,
    stored_language,
)
from desktop.payments.receipt import ReceiptData
from desktop.settings.upi_payee import Payee

if TYPE_CHECKING:
    pass

log = logging.getLogger(__name__)

#: Idle time before the kiosk forgets everything and returns to the start screen.
IDLE_MS = 60_000

#: Settings key set while the kiosk is locked after too many look-ups found nothing, so a
#: restart (or a power cut) does not unlock it; only the staff PIN does.
LOCKED_KEY = "kiosk/locked_after_misses"
#: Setting: the language every customer starts in (``en`` or ``ta``); the start screen's
#: English / தமிழ் toggle changes it for one customer, the next reset brings it back.
#: Unset: the desk's own language (``ui/language``).
LANGUAGE_KEY = "kiosk/language"

_ACTIVITY = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate, QEvent.Type.Wheel,
})


def _language_now() -> str:
    """The interface language installed on the running application."""
    app = QCoreApplication.instance()
    assert app is not None, "the kiosk runs inside a QApplication"
    return current_language(app)


def kiosk_language(settings: Any) -> str:
    """The language a customer starts in: ``kiosk/language``, else the desk's language."""
    value = str(settings.value(LANGUAGE_KEY, "", str) or "")
    return value if value in LANGUAGES else stored_language(settings)


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
        self.staff_pin = StaffPin(ctx.settings, pin_hash, self)
        self.staff_pin.lockOutEnded.connect(self._on_pin_unlocked)

        central = QWidget(self)
        central.setObjectName("kioskCentral")
        self.setCentralWidget(central)
        self.statusBar().hide()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        top = TopBar(self)
        outer.addWidget(top)
        self.pages = QStackedWidget(self)
        self.pages.setObjectName("kioskPages")
        outer.addWidget(self.pages, 1)
        self.start_page = StartPage(self)
        self.account_page = AccountPage(self)
        self.receipt_page = ReceiptPage(self)
        self.pin_page = PinPage(self)
        self.lock_page = LockPage(self)
        for page in (self.start_page, self.account_page, self.receipt_page, self.pin_page,
                     self.lock_page):
            self.pages.addWidget(page)
        self._adopt_screens(top)
        self._init_lookup_guard()
        self._build_pay_page(payment_device, payee)

        self.receipts = ReceiptScreen(self, ctx)
        self.retranslate_ui()
        if full_screen:
            self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
            self.setWindowState(Qt.WindowState.WindowFullScreen)
        self.reset_to_start()

    def _adopt_screens(self, top: TopBar) -> None:
        """The screens' widgets under the names the window (and the tests) use, each wired
        to what it does."""
        start, account, pin, lock = (self.start_page, self.account_page, self.pin_page,
                                     self.lock_page)
        self.staff_button = top.staff_button
        self.language_toggle, self.entry = start.language_toggle, start.entry
        self.message, self.find_button = start.message, start.find_button
        self.option_buttons = account.option_buttons
        self.receipt_view = self.receipt_page.receipt_view
        self.receipt_note = self.receipt_page.receipt_note
        self.print_status = self.receipt_page.print_status
        self.pin_field, self.pin_message = pin.pin_field, pin.pin_message
        self.unlock_field, self.unlock_message = lock.unlock_field, lock.unlock_message
        top.staff_button.clicked.connect(self.show_pin_page)
        start.language_toggle.clicked.connect(self.toggle_language)
        start.entry.returnPressed.connect(self.find)
        start.entry.textChanged.connect(self._on_entry_changed)
        start.find_button.clicked.connect(self.find)
        for option, button in account.option_buttons.items():
            button.clicked.connect(partial(self._on_option, option))
        account.start_over.clicked.connect(self.reset_to_start)
        self.receipt_page.receipt_done.clicked.connect(self.reset_to_start)
        pin.pin_field.returnPressed.connect(self.submit_pin)
        pin.pin_ok.clicked.connect(self.submit_pin)
        pin.pin_cancel.clicked.connect(self.reset_to_start)
        lock.unlock_field.returnPressed.connect(self.submit_unlock_pin)
        lock.unlock_ok.clicked.connect(self.submit_unlock_pin)

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
        self.staff_pin.stop()
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
    def generation(self) -> int:
        """Bumped on every reset: an answer asked for an older screen is dropped."""
        return self._generation

    @property
    def account(self) -> KioskAccount | None:
        return self._account

    @property
    def receipt(self) -> ReceiptData | None:
        return self.receipts.receipt

    @Slot()
    def reset_to_start(self) -> None:
        """Back to the start screen, forgetting the account and everything typed."""
        self._generation += 1
        self._account = None
        self.receipts.forget()
        self.pay_page.forget()
        self.entry.clear()
        self.pin_field.clear()
        self.message.clear()
        self.pin_message.clear()
        self.receipt_page.clear()
        self.account_page.clear()
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
        self.search.find()

    @property
    def lookup_clock(self) -> Callable[[], float]:
        """Seconds, for the look-up budgets (tests hand in a clock of their own)."""
        return self.search.clock

    @lookup_clock.setter
    def lookup_clock(self, clock: Callable[[], float]) -> None:
        self.search.clock = clock

    def show_account(self, account: KioskAccount) -> None:
        """The account screen: masked name and mobile, what is due, plan and expiry."""
        self._account = account
        self.entry.clear()
        self.message.clear()
        self._word_account(account)
        self.account_page.show_options(account.options, self.pay_page.available)
        self.pages.setCurrentIndex(ACCOUNT)

    def _word_account(self, account: KioskAccount) -> None:
        """The account card's values and captions, in the interface language."""
        note = (self.tr("Includes %n payment(s) not yet confirmed by head office.", "",
                        account.pending_payments) if account.pending_payments else "")
        self.account_page.show_account(account, note)

    # -- paying --------------------------------------------------------------------------

    def _build_pay_page(self, device: PaymentDevice | None, payee: Payee | None) -> None:
        self.pay_page = KioskPayPage(self.ctx, device, payee, self)
        index = self.pages.addWidget(self.pay_page)
        assert index == PAY
        self.pay_page.paid.connect(self._on_kiosk_paid)
        self.pay_page.cancelled.connect(self._on_kiosk_payment_cancelled)

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

    def show_receipt(self, mutation: Mutation) -> None:
        """The receipt screen for a payment just recorded; prints it when a printer is set."""
        self.receipts.show(mutation)

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
        if self.staff_pin.check(self.pin_field, self.pin_message):
            log.info("kiosk: staff PIN accepted; leaving kiosk mode")
            self._set_locked(False)
            self._may_close = True
            self.close()
            self.left.emit()

    @Slot()
    def _on_pin_unlocked(self) -> None:
        self.pin_message.clear()

    # -- look-up limits and the lock after misses (guessing Account IDs locks the kiosk) --

    def _init_lookup_guard(self) -> None:
        self.search = AccountSearch(self, self.ctx)
        self._locked = bool(self.ctx.settings.value(LOCKED_KEY, False, bool))
        if self._locked:
            self._show_lock_page()

    @property
    def locked(self) -> bool:
        return self._locked

    def say_wait(self, seconds: int) -> None:
        """The look-up budget is spent: say when to try again."""
        minutes = max(1, -(-seconds // 60))
        self.tr("Too many look-ups just now. Please try again in %n minute(s), or ask a "
                "member of staff.", "", minutes)  # for lupdate; worded by _word
        _word(self.message, "Too many look-ups just now. Please try again in %n minute(s), "
              "or ask a member of staff.", n=minutes)

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
        if self.staff_pin.check(self.unlock_field, self.unlock_message):
            log.info("kiosk: staff PIN accepted; kiosk unlocked")
            self._set_locked(False)
            self.search.guard.unlocked()
            self.reset_to_start()
