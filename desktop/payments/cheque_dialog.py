"""A cheque payment's clearance (``chequeDialog``): pending until the bank pays it (Mark
cleared) or returns it (Mark bounced: a reversal plus the bank's charge, approved by a
second person in ``bounceDialog``). Anything but a cheque is refused with a message."""

from __future__ import annotations

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
from desktop.context import AppContext
from desktop.payments.void_dialog import ReversalDialog
from desktop.tasks import TaskControl

__all__ = ["ChequeDialog", "cheque_state"]


def cheque_state(mark: str | None) -> ChequeState:
    """Where a cheque stands given this desk's mark on it (reversal_marks)."""
    if mark == ReversalCause.BOUNCE.value:
        return ChequeState.BOUNCED
    if mark == ChequeState.CLEARED.value:
        return ChequeState.CLEARED
    return ChequeState.PENDING


class ChequeDialog(QDialog):
    #: The cheque was marked: "cleared" or "bounced".
    marked = Signal(str)

    def __init__(self, ctx: AppContext, payment: PaymentToReverse,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.payment = payment
        self.bounce_dialog: ReversalDialog | None = None
        self.setObjectName("chequeDialog")
        self.setWindowTitle(f"Cheque — receipt {payment.receipt_number}")
        self.setMinimumWidth(460)
        self.summary = QLabel(
            f"<b>{format_inr(payment.amount_paise)}</b> by {payment.method.label}"
            + (f" ({payment.reference})" if payment.reference else "")
            + f"<br/>Account {payment.account_id} · {payment.account_name}", self)
        self.state = QLabel(self)
        self.state.setObjectName("chequeState")
        self.error = QLabel(self)
        self.error.setObjectName("chequeError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        self.cleared = QPushButton("Mark &cleared", self)
        self.cleared.setObjectName("markCleared")
        self.cleared.clicked.connect(self._on_cleared)
        self.bounced = QPushButton("Mark &bounced…", self)
        self.bounced.setObjectName("markBounced")
        self.bounced.clicked.connect(self._on_bounced)
        close = QPushButton("Close", self)
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
        self._load()

    def _load(self) -> None:
        task = self.ctx.tasks.run_db("cheque state", partial(_state_job, self.ctx,
                                                             self.payment.payment_uuid))
        task.done.connect(self._on_state)

    @Slot(object)
    def _on_state(self, state: object) -> None:
        assert isinstance(state, ChequeState)
        self.state.setText(f"Status: <b>{state.value.capitalize()}</b>")
        settled = state is not ChequeState.PENDING
        self.cleared.setEnabled(not settled)
        self.bounced.setEnabled(state is not ChequeState.BOUNCED)

    def _refuse(self, exc: object) -> None:
        self.error.setText(str(exc))
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

