"""The kiosk's receipt screen at work: the receipt of the payment just taken, its note
(confirmed by head office, being sent, or taken offline), kept current while the outbox
sends it, and printed when a receipt printer is set. The texts are worded in the
``KioskWindow`` translation context.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Slot

from db.outbox import Mutation
from desktop.kiosk.jobs import PaymentAnswer, mutation_job, print_job
from desktop.kiosk.receipt import (
    CONFIRMED_NOTE,
    DEFAULT_HEADER,
    HEADER_KEY,
    OFFLINE_NOTE,
    PENDING_MARK,
    SENDING_NOTE,
    receipt_from_mutation,
    receipt_lines,
)
from desktop.kiosk.screens import RECEIPT
from desktop.kiosk.wording import word as _word
from desktop.language.i18n import QT_TRANSLATE_NOOP
from desktop.payments.escpos_receipt import open_configured_printer, paper_chars
from desktop.payments.receipt_data import ReceiptData
from desktop.runtime.context import AppContext
from desktop.settings.desk_settings import DeskSettings

if TYPE_CHECKING:
    from desktop.kiosk.window import KioskWindow

log = logging.getLogger(__name__)

class ReceiptScreen(QObject):
    """The receipt the kiosk shows (and prints) for the current customer's payment."""

    def __init__(self, window: KioskWindow, ctx: AppContext) -> None:
        super().__init__(window)
        self._window = window
        self._ctx = ctx
        self.receipt: ReceiptData | None = None
        self._mutation_id: str | None = None
        ctx.events.outbox_changed.connect(self._on_outbox_changed)

    def forget(self) -> None:
        """The next customer: no receipt."""
        self.receipt = None
        self._mutation_id = None

    @Slot()
    def _on_outbox_changed(self) -> None:
        if self._mutation_id is not None:
            task = self._ctx.tasks.run_db("kiosk receipt state", partial(
                mutation_job, self._ctx, self._mutation_id, self._window.generation))
            task.done.connect(self._on_receipt_state)

    @Slot(object)
    def _on_receipt_state(self, answer: object) -> None:
        assert isinstance(answer, PaymentAnswer)
        if answer.generation != self._window.generation or answer.mutation is None:
            return
        if self._window.account is not None and self.receipt is not None:
            self._render(answer.mutation)

    def _sync_online(self) -> bool:
        sync = self._ctx.sync
        status = getattr(sync, "status", None)
        if callable(status):
            try:
                return getattr(status(), "online", None) is True
            except Exception:  # a status read must never break the receipt
                log.exception("kiosk: sync status unavailable")
        return False

    def show(self, mutation: Mutation) -> None:
        """The receipt screen for a payment just recorded; prints it when a printer is set."""
        self._mutation_id = mutation.mutation_id
        self._render(mutation)
        self._window.pages.setCurrentIndex(RECEIPT)
        self._print()

    def _render(self, mutation: Mutation) -> None:
        account = self._window.account
        assert account is not None
        header = str(self._ctx.settings.value(HEADER_KEY, DEFAULT_HEADER, str) or DEFAULT_HEADER)
        receipt = receipt_from_mutation(
            mutation, masked_name=account.masked_name, zone=self._ctx.business_zone,
            header=header)
        self.receipt = receipt
        self._window.receipt_view.setPlainText("\n".join(receipt_lines(receipt, 40)))
        note = self._window.receipt_note
        # The mark as the slip above words it (desktop.kiosk.receipt, context KioskReceipt).
        mark = QCoreApplication.translate("KioskReceipt", PENDING_MARK)
        if not receipt.pending_sync:
            _word(note, CONFIRMED_NOTE, context="KioskReceipt")
        elif self._sync_online():
            _word(note, QT_TRANSLATE_NOOP("KioskWindow", "%1 Receipt marked %2."),
                  QCoreApplication.translate("KioskReceipt", SENDING_NOTE), mark)
        else:
            _word(note, QT_TRANSLATE_NOOP("KioskWindow", "%1 Receipt marked %2."),
                  QCoreApplication.translate("KioskReceipt", OFFLINE_NOTE), mark)

    def _print(self) -> None:
        receipt = self.receipt
        if receipt is None:
            return
        try:
            printer = open_configured_printer(self._ctx.settings)
        except Exception as exc:  # a missing USB backend, a bad address: tell, keep going
            log.exception("kiosk: receipt printer unavailable")
            _word(self._window.print_status, QT_TRANSLATE_NOOP(
                "KioskWindow", "The receipt printer is not available: %1"), exc)
            return
        if printer is None:
            _word(self._window.print_status, QT_TRANSLATE_NOOP("KioskWindow",
                "Please keep this screen's receipt number for reference."))
            return
        _word(self._window.print_status, QT_TRANSLATE_NOOP("KioskWindow", "Printing your receipt…"))
        settings = self._ctx.settings
        task = self._ctx.tasks.run_net("kiosk receipt print", partial(
            print_job, printer, receipt, paper_chars(settings),
            DeskSettings.load(settings).tamil_mode))
        task.done.connect(self._on_printed)
        task.error.connect(self._on_print_failed)

    @Slot(object)
    def _on_printed(self, _number: object) -> None:
        if self._window.current_page == RECEIPT:
            _word(self._window.print_status, QT_TRANSLATE_NOOP(
                "KioskWindow", "Your receipt has been printed."))

    @Slot(object)
    def _on_print_failed(self, exc: object) -> None:
        log.error("kiosk: receipt print failed: %s", exc)
        if self._window.current_page == RECEIPT:
            _word(self._window.print_status, QT_TRANSLATE_NOOP("KioskWindow",
                "The receipt could not be printed; please note the receipt number shown."))
