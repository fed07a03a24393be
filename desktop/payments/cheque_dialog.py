"""A cheque payment's clearance (``chequeDialog``): pending until the bank pays it (Mark
cleared) or returns it (Mark bounced: a reversal plus the bank's charge, approved by a
second person in ``bounceDialog``). Anything but a cheque is refused with a message."""

from __future__ import annotations

import html
from functools import partial

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from billing.money import format_inr
from billing.reversal import ChequeState, ReversalCause
from db.outbox import Mutation
from db.reversals_local import (
    PaymentToReverse,
    check_cheque_mark,
    record_cheque_cleared,
    reversal_marks,
)
from desktop.detail.format import method_text
from desktop.language.i18n import Retranslating, fill
from desktop.payments.messages import error_text
from desktop.payments.void_dialog import ReversalDialog
from desktop.runtime.context import AppContext
from desktop.runtime.tasks import TaskControl

__all__ = ["ChequeDialog", "cheque_state"]


def cheque_state(mark: str | None) -> ChequeState:
    """Where a cheque stands given this desk's mark on it (reversal_marks)."""
    if mark == ReversalCause.BOUNCE.value:
        return ChequeState.BOUNCED
    if mark == ChequeState.CLEARED.value:
        return ChequeState.CLEARED
    return ChequeState.PENDING


class ChequeDialog(Retranslating, QDialog):
    #: The cheque was marked: "cleared" or "bounced".
    marked = Signal(str)

    def __init__(self, ctx: AppContext, payment: PaymentToReverse,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.payment = payment
        self.bounce_dialog: ReversalDialog | None = None
        self.setObjectName("chequeDialog")
        self.setMinimumWidth(460)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self._state: ChequeState | None = None
        self.state = QLabel(self)
        self.state.setObjectName("chequeState")
        self.error = QLabel(self)
        self.error.setObjectName("chequeError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        self.cleared = QPushButton(self)
        self.cleared.setObjectName("markCleared")
        self.cleared.clicked.connect(self._on_cleared)
        self.bounced = QPushButton(self)
        self.bounced.setObjectName("markBounced")
        self.bounced.clicked.connect(self._on_bounced)
        self.close_button = close = QPushButton(self)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.cleared, self.bounced, close):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.state)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.retranslate_ui()
        self._load()

    def retranslate_ui(self) -> None:
        """Every text in the current language (again on a language change)."""
        payment = self.payment
        self.setWindowTitle(fill(self.tr("Cheque — receipt %1"), payment.receipt_number))
        self.summary.setText(
            fill(self.tr("<b>%1</b> by %2"), format_inr(payment.amount_paise),
                 method_text(payment.method.value))
            + (f" ({html.escape(payment.reference)})" if payment.reference else "")
            + "<br/>" + fill(self.tr("Account %1 · %2"), payment.account_id,
                             html.escape(payment.account_name)))
        self.cleared.setText(self.tr("Mark &cleared"))
        self.bounced.setText(self.tr("Mark &bounced…"))
        self.close_button.setText(self.tr("Close"))
        self._word_state()

    def _word_state(self) -> None:
        if self._state is None:
            return
        name = {ChequeState.PENDING: self.tr("Pending clearance"),
                ChequeState.CLEARED: self.tr("Cleared"),
                ChequeState.BOUNCED: self.tr("Bounced")}.get(self._state,
                                                             self._state.value.capitalize())
        self.state.setText(fill(self.tr("Status: <b>%1</b>"), name))

    def _load(self) -> None:
        task = self.ctx.tasks.run_db("cheque state", partial(_state_job, self.ctx,
                                                             self.payment.payment_uuid))
        task.done.connect(self._on_state)

    @Slot(object)
    def _on_state(self, state: object) -> None:
        assert isinstance(state, ChequeState)
        self._state = state
        self._word_state()
        settled = state is not ChequeState.PENDING
        self.cleared.setEnabled(not settled)
        self.bounced.setEnabled(state is not ChequeState.BOUNCED)

    def _refuse(self, exc: object) -> None:
        self.error.setText(error_text(exc))
        self.error.show()

    @Slot()
    def _on_cleared(self) -> None:
        self.error.hide()
        task = self.ctx.tasks.run_db("cheque cleared", partial(_cleared_job, self.ctx,
                                                               self.payment))
        task.done.connect(self._on_marked_cleared)
        task.error.connect(self._refuse)

    @Slot(object)
    def _on_marked_cleared(self, _mutation: object) -> None:
        self.ctx.events.outbox_changed.emit()
        self.marked.emit(ChequeState.CLEARED.value)
        self._load()

    @Slot()
    def _on_bounced(self) -> None:
        self.error.hide()
        task = self.ctx.tasks.run_db("cheque check", partial(_check_job, self.ctx,
                                                             self.payment))
        task.done.connect(self._open_bounce)
        task.error.connect(self._refuse)

    @Slot(object)
    def _open_bounce(self, _ok: object) -> None:
        self.bounce_dialog = ReversalDialog(self.ctx, self.payment, ReversalCause.BOUNCE,
                                            self)
        self.bounce_dialog.reversed.connect(self._on_bounce_recorded)
        self.bounce_dialog.show()

    @Slot(object)
    def _on_bounce_recorded(self, _mutation: object) -> None:
        self.marked.emit(ChequeState.BOUNCED.value)
        self._load()


def _state_job(ctx: AppContext, payment_uuid: str, _control: TaskControl) -> ChequeState:
    return cheque_state(reversal_marks(ctx.outbox, ctx.cache_engine).get(payment_uuid))


def _check_job(ctx: AppContext, payment: PaymentToReverse, _control: TaskControl) -> bool:
    check_cheque_mark(ctx.outbox, payment)
    return True


def _cleared_job(ctx: AppContext, payment: PaymentToReverse, _control: TaskControl
                 ) -> Mutation:
    return record_cheque_cleared(ctx.outbox, ctx.user, payment)

