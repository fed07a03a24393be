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

Parts (desktop/kiosk/): screens, account_search, paying, receipt_screen, staff_pin, idle.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from db.outbox import Mutation
from desktop import APP_NAME
from desktop.kiosk.account_search import LOCKED_KEY, AccountSearch  # noqa: F401
from desktop.kiosk.customer_language import (  # noqa: F401  (LANGUAGE_KEY: read here too)
    LANGUAGE_KEY,
    kiosk_language,
    language_now,
    use_language,
)
from desktop.kiosk.devices import PaymentDevice
from desktop.kiosk.idle import IDLE_MS, IdleWatch
from desktop.kiosk.lookup import KioskAccount
from desktop.kiosk.paying import KioskPaying
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
    fill,
    is_language_change,
)
from desktop.payments.receipt_data import ReceiptData
from desktop.runtime.bundled_resources import KIOSK_STYLE, read_text
from desktop.runtime.context import AppContext
from desktop.settings.upi_payee import Payee

log = logging.getLogger(__name__)

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

        try:
            self.setStyleSheet(read_text(KIOSK_STYLE))
        except FileNotFoundError:
            log.exception("kiosk style sheet missing")

        self._idle = IdleWatch(idle_ms, self)
        self._idle.timer.timeout.connect(self._on_idle)
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
        self.paying = KioskPaying(self, ctx, payment_device, payee)
        self.pay_page = self.paying.pay_page
        self._adopt_screens(top)
        self.search = AccountSearch(self, ctx)
        if self.search.locked:
            self._show_lock_page()

        self.receipts = ReceiptScreen(self, ctx)
        self.retranslate_ui()
        if full_screen:
            self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
            self.setWindowState(Qt.WindowState.WindowFullScreen)
        self.reset_to_start()

    def _adopt_screens(self, top: TopBar) -> None:
        """The screens' widgets under the names the window (and the tests) use, each wired
        to what it does."""
        start, account = self.start_page, self.account_page
        pin, lock = self.pin_page, self.lock_page
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
            button.clicked.connect(partial(self.paying.choose, option))
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
        other = "en" if language_now() == TAMIL else TAMIL
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
        language = "en" if language_now() == TAMIL else TAMIL
        log.info("kiosk: customer chose %s", LANGUAGES[language])
        use_language(language)

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
        self._idle.start()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            if self.pages.currentIndex() != START and not self.pay_page.recording:
                self.reset_to_start()  # not while a payment is written: its receipt next
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
        super().closeEvent(event)

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
        use_language(kiosk_language(self.ctx.settings))
        if self.isVisible():
            self._idle.start()
        if self.search.locked:
            self._show_lock_page()

    @Slot()
    def _on_idle(self) -> None:
        default = language_now() == kiosk_language(self.ctx.settings)
        if self.current_page == START and not self.entry.text() and default:
            return  # nothing to forget (a customer's language choice is one)
        if self.pay_page.waiting_for_money:  # the QR has its own time limit
            self._idle.timer.start()
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

    def show_receipt(self, mutation: Mutation) -> None:
        """The receipt screen for a payment just recorded; prints it when a printer is set."""
        self.receipts.show(mutation)

    # -- leaving, and the lock after misses (guessing Account IDs locks the kiosk) -------

    @Slot()
    def show_pin_page(self) -> None:
        if self.pay_page.recording:
            return  # the money arrived and is being written: its receipt comes first
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
            self.search.set_locked(False)
            self._may_close = True
            self.close()
            self.left.emit()

    @Slot()
    def _on_pin_unlocked(self) -> None:
        self.pin_message.clear()

    @property
    def locked(self) -> bool:
        return self.search.locked

    def say_wait(self, seconds: int) -> None:
        """The look-up budget is spent: say when to try again."""
        minutes = max(1, -(-seconds // 60))
        self.tr("Too many look-ups just now. Please try again in %n minute(s), or ask a "
                "member of staff.", "", minutes)  # for lupdate; worded by _word
        _word(self.message, "Too many look-ups just now. Please try again in %n minute(s), "
              "or ask a member of staff.", n=minutes)

    @Slot()
    def lock_kiosk(self) -> None:
        """Too many look-ups found nothing: nothing more until staff enter the PIN."""
        log.warning("kiosk: locked after repeated look-ups that found nothing")
        self.search.set_locked(True)
        self._generation += 1
        self._account = None
        self.entry.clear()
        self.message.clear()
        self._show_lock_page()

    def _show_lock_page(self) -> None:  # at start, on a reset and when locked
        self.unlock_field.clear()
        self.unlock_message.clear()
        self.pages.setCurrentIndex(LOCKED)
        self.unlock_field.setFocus()

    @Slot()
    def submit_unlock_pin(self) -> None:
        """Unlock with the staff PIN (wrong ones count towards the same PIN lock-out)."""
        if self.staff_pin.check(self.unlock_field, self.unlock_message):
            log.info("kiosk: staff PIN accepted; kiosk unlocked")
            self.search.set_locked(False)
            self.search.guard.unlocked()
            self.reset_to_start()
