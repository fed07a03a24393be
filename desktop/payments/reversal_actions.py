"""The register's Void… and Cheque… buttons: find the chosen payment (on the DB worker),
then open ``voidDialog`` or ``chequeDialog`` for it; a payment that cannot take the action
is refused in the register's status line."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QWidget

from billing.reversal import ReversalCause
from billing.rules import PaymentMethod
from db.reversals_local import PaymentToReverse, find_payment
from desktop.detail.format import method_text
from desktop.language.i18n import fill
from desktop.payments.cheque_dialog import ChequeDialog
from desktop.payments.messages import error_text
from desktop.payments.void_dialog import ReversalDialog
from desktop.runtime.context import AppContext
from desktop.runtime.tasks import TaskControl

__all__ = ["ReversalActions"]


def _find_job(ctx: AppContext, payment_uuid: str, _control: TaskControl
              ) -> PaymentToReverse | None:
    return find_payment(ctx.cache_engine, ctx.outbox, payment_uuid)


class ReversalActions(QObject):
    """Opens the void and cheque dialogs for the register (``parent``)."""

    def __init__(self, ctx: AppContext, parent: QWidget, report: Callable[[str], None]
                 ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.window = parent
        self.report = report
        self.dialog: ReversalDialog | ChequeDialog | None = None
        self._want = ""

    def open(self, want: str, payment_uuid: str) -> None:
        """``want``: ``"void"`` or ``"cheque"``."""
        self._want = want
        if not payment_uuid:
            self.report(self.tr("Select a payment first."))
            return
        task = self.ctx.tasks.run_db("payment for reversal",
                                     partial(_find_job, self.ctx, payment_uuid))
        task.done.connect(self._on_found)
        task.error.connect(self._on_error)

    @Slot(object)
    def _on_found(self, payment: object) -> None:
        if not isinstance(payment, PaymentToReverse):
            self.report(self.tr("That payment is not on this PC yet; sync and try again."))
            return
        if self._want == "cheque":
            if payment.method is not PaymentMethod.CHEQUE:
                self.report(fill(self.tr("Receipt %1 was paid by %2, not by cheque; only a "
                                         "cheque is cleared or bounces."),
                                 payment.receipt_number, method_text(payment.method.value)))
                return
            self.dialog = ChequeDialog(self.ctx, payment, self.window)
        else:
            self.dialog = ReversalDialog(self.ctx, payment, ReversalCause.VOID, self.window)
        self.dialog.show()

    @Slot(object)
    def _on_error(self, exc: object) -> None:
        self.report(fill(self.tr("Could not open the payment: %1"), error_text(exc)))
