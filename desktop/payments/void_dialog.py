"""Void a payment (``voidDialog``) or mark a cheque bounced (``bounceDialog``), approved by a
second person on this desk.

The cashier picks the payment and says why; a branch supervisor or an administrator types
their own username and password here, or the cashier sends the request (``sendRequest``)
to be decided at the supervisor's own desk (desktop/payments/void_requests.py; the server
applies it when approved). The order of checks, each refusing with a message
and writing nothing: this desk's rules (db.reversals_local: session, branch, a second
void), then the approval (sync.approval: online by the server, offline by the supervisor's
verifier on this PC), then the write to the outbox, which the server applies once. The
reversal's GST document (credit note / refund voucher, naming the original) opens after.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from typing import cast
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from billing.documents import (
    GstDocument,
    Supplier,
)
from billing.money import format_inr
from billing.reversal import (
    DEFAULT_BOUNCE_CHARGE_PAISE,
    MAX_REASON_CHARS,
    ReversalCause,
    ReversalError,
)
from billing.roles import Role
from db.outbox import Mutation
from db.reversals_local import (
    PaymentToReverse,
    check_local,
    check_local_request,
    record_reversal,
)
from desktop.detail.format import method_text
from desktop.documents.gst_settings import load_supplier
from desktop.documents.sources import Reversal, payment_reversal, reversal_document
from desktop.documents.viewer import GstDocumentViewer
from desktop.language.i18n import Retranslating, fill
from desktop.payments.messages import error_text
from desktop.runtime.context import AppContext
from desktop.runtime.tasks import TaskControl
from sync.approval import Approval, ApprovalRefused, approve
from sync.offline_verifiers import OfflineVerifiers
from sync.reversal_requests import RequestRefused, VoidRequest, send

__all__ = ["ReversalDialog", "reversal_for"]

log = logging.getLogger(__name__)

_ERROR_STYLE = "color: #b00020;"


def reversal_for(payment: PaymentToReverse, mutation: Mutation, dated: datetime,
                 zone: str) -> Reversal:
    """What the GST document of a reversal queued at this desk says (billing.documents)."""
    return payment_reversal(
        payment, reversal_id=mutation.mutation_id,
        cause=ReversalCause(mutation.payload["cause"]), reason=mutation.payload["reason"],
        approved_by=mutation.payload["approved_by"], reversed_at=dated, zone=zone)


class ReversalDialog(Retranslating, QDialog):
    """One void or bounce: reason, the approver's name and password, then Approve. Its
    texts, the refusal and the status line follow a language change while it is open."""

    #: The reversal was queued in the outbox (the Mutation).
    reversed = Signal(object)

    def __init__(self, ctx: AppContext, payment: PaymentToReverse,
                 cause: ReversalCause = ReversalCause.VOID, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.payment = payment
        self.cause = cause
        self.viewer: GstDocumentViewer | None = None
        self.void = cause is ReversalCause.VOID
        self.setObjectName("voidDialog" if self.void else "bounceDialog")
        self.setMinimumWidth(520)
        # Word the refusal and the status line anew in the current language.
        self._error_words: Callable[[], str] | None = None
        self._status_words: Callable[[], str] | None = None
        self.summary = QLabel(self)
        self.summary.setObjectName("reversalPayment")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.effect = QLabel(self)
        self.effect.setObjectName("reversalEffect")
        self.effect.setWordWrap(True)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("reversalReason")
        self.reason.setMaxLength(MAX_REASON_CHARS)
        self.approver = QLineEdit(self)
        self.approver.setObjectName("approverUser")
        self.password = QLineEdit(self)
        self.password.setObjectName("approverPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self._captions = [QLabel(self) for _ in range(3)]
        form = QFormLayout()
        for caption, field in zip(self._captions, (self.reason, self.approver, self.password),
                                  strict=True):
            caption.setBuddy(field)
            form.addRow(caption, field)
        self.hint = QLabel(self)
        self.hint.setObjectName("reversalHint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555;")
        self.error = QLabel(self)
        self.error.setObjectName("reversalError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(_ERROR_STYLE)
        self.error.hide()
        self.status = QLabel(self)
        self.status.setObjectName("reversalStatus")
        self.status.setWordWrap(True)
        self.approve_button = QPushButton(self)
        self.approve_button.setObjectName("approveReversal")
        self.approve_button.clicked.connect(self._on_approve)
        self.send_button = QPushButton(self)
        self.send_button.setObjectName("sendRequest")
        self.send_button.setAutoDefault(False)
        self.send_button.clicked.connect(self._on_send)
        self.cancel_button = cancel = QPushButton(self)
        cancel.setObjectName("cancelReversal")
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.approve_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.effect)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.retranslate_ui()
        for field in (self.reason, self.approver, self.password):
            field.textChanged.connect(self._validate)
        self._validate()

    def retranslate_ui(self) -> None:
        """Every text in the current language (again on a language change while open)."""
        payment, void = self.payment, self.void
        self.setWindowTitle(fill(self.tr("Void payment — receipt %1") if void
                                 else self.tr("Cheque bounced — receipt %1"),
                                 payment.receipt_number))
        taken = payment.taken_at.astimezone(ZoneInfo(self.ctx.business_zone)).strftime(
            "%d-%m-%Y %H:%M")
        self.summary.setText(
            fill(self.tr("<b>%1</b> by %2"), format_inr(payment.amount_paise),
                 method_text(payment.method.value))
            + (f" ({html.escape(payment.reference)})" if payment.reference else "")
            + "<br/>" + fill(self.tr("Account %1 · %2"), payment.account_id,
                             html.escape(payment.account_name))
            + "<br/>" + fill(self.tr("Receipt %1"), html.escape(payment.receipt_number))
            + (f" · {html.escape(payment.document_number)}" if payment.document_number else "")
            + "<br/>" + fill(self.tr("Taken %1 by %2"), taken, html.escape(payment.taken_by)))
        if void:
            self.effect.setText(self.tr(
                "The amount goes back on the account as owed; the payment stays in the "
                "ledger, marked Voided, with a reversal entry."))
        else:
            self.effect.setText(fill(
                self.tr("The amount and the bank's charge (head office's setting, %1 unless "
                        "changed) go back on the account as owed; suspension follows the usual "
                        "dates."), format_inr(DEFAULT_BOUNCE_CHARGE_PAISE)))
        self.reason.setPlaceholderText(self.tr("wrong account / wrong amount") if void
                                       else self.tr("insufficient funds / signature differs"))
        self.approver.setPlaceholderText(self.tr("supervisor's username"))
        for caption, text in zip(self._captions, (self.tr("&Reason:"),
                                                  self.tr("Approved by (&username):"),
                                                  self.tr("Their &password:")), strict=True):
            caption.setText(text)
        self.hint.setText(self.tr("A branch supervisor or an administrator types their own "
                                  "name and password. The cashier who asks cannot approve."))
        self.approve_button.setText(self.tr("&Approve and void") if void
                                    else self.tr("&Approve: cheque bounced"))
        self.send_button.setText(self.tr("&Send to a supervisor's desk"))
        self.send_button.setToolTip(self.tr(
            "No supervisor here? They approve or decline it at their own desk "
            "(Payments → Void requests…); no password is typed on this PC."))
        self.cancel_button.setText(self.tr("Cancel"))
        if self._error_words is not None:
            self.error.setText(self._error_words())
        self._word_status()
        layout = self.layout()
        if self.isVisible() and layout is not None:  # longer words: grow to fit them
            layout.activate()  # (never shrink under the user)
            self.resize(self.size().expandedTo(self.sizeHint()))

    def _say(self, words: Callable[[], str] | None) -> None:
        """Show ``words()`` in the status line, and again in a new language."""
        self._status_words = words
        self._word_status()

    def _word_status(self) -> None:
        self.status.setText(self._status_words() if self._status_words is not None else "")

    @Slot()
    def _validate(self) -> None:
        ready = all(f.text().strip() for f in (self.reason, self.approver)) \
            and bool(self.password.text())
        self.approve_button.setEnabled(ready)
        self.send_button.setEnabled(bool(self.reason.text().strip()))

    def _busy(self, busy: bool) -> None:
        """While a check runs the fields stay as they were sent."""
        for field in (self.reason, self.approver, self.password):
            field.setReadOnly(busy)

    def _refuse(self, words: Callable[[], str]) -> None:
        self._busy(False)
        self._error_words = words
        self.error.setText(words())
        self.error.show()
        self._say(None)
        self.password.clear()
        self._validate()

    # -- or: send it to a supervisor's own desk -----------------------------------------

    @Slot()
    def _on_send(self) -> None:
        self.error.hide()
        self.send_button.setEnabled(False)
        self.approve_button.setEnabled(False)
        self._busy(True)
        self._say(lambda: self.tr("Sending…"))
        job = partial(_request_check_job, self.ctx, self.payment, self.cause,
                      self.reason.text())
        task = self.ctx.tasks.run_db("reversal request check", job)
        task.done.connect(self._on_request_checked)
        task.error.connect(self._on_failed)

    @Slot(object)
    def _on_request_checked(self, reason: object) -> None:
        client = self.ctx.sync.client if self.ctx.sync is not None else None
        job = partial(_send_job, client, self.payment, self.cause, str(reason))
        task = self.ctx.tasks.run_net("reversal request", job)
        task.done.connect(self._on_sent)
        task.error.connect(self._on_failed)

    @Slot(object)
    def _on_sent(self, request: object) -> None:
        assert isinstance(request, VoidRequest)
        self.ctx.events.notice.emit(self.tr(
            "Receipt %1 sent to a supervisor: it is reversed when they approve it at their "
            "desk, and shows here with the next sync.").replace("%1", request.receipt_number))
        self.accept()

    # -- 1. this desk's rules -------------------------------------------------------------

    @Slot()
    def _on_approve(self) -> None:
        self.error.hide()
        self.approve_button.setEnabled(False)
        self._busy(True)
        self._say(lambda: self.tr("Checking…"))
        # Role.ADMIN: who the approver is, and whether they may, is asked in step 2.
        job = partial(_precheck_job, self.ctx, self.payment, self.cause, self.reason.text(),
                      self.approver.text())
        task = self.ctx.tasks.run_db("reversal check", job)
        task.done.connect(self._on_prechecked)
        task.error.connect(self._on_failed)

    # -- 2. the approval ------------------------------------------------------------------

    @Slot(object)
    def _on_prechecked(self, _reason: object) -> None:
        client = self.ctx.sync.client if self.ctx.sync is not None else None
        job = partial(_approve_job, self.ctx, client, self.payment, self.approver.text(),
                      self.password.text())
        task = self.ctx.tasks.run_net("reversal approval", job)
        task.done.connect(self._on_approved)
        task.error.connect(self._on_failed)

    # -- 3. the write, then the document --------------------------------------------------

    @Slot(object)
    def _on_approved(self, approval: object) -> None:
        assert isinstance(approval, Approval)
        self.password.clear()
        try:  # QSettings are read here, on the GUI thread
            supplier: Supplier | str = load_supplier(self.ctx.settings)
        except ValueError as exc:
            supplier = error_text(exc)
        job = partial(_record_job, self.ctx, self.payment, self.cause, self.reason.text(),
                      approval, supplier)
        task = self.ctx.tasks.run_db("reversal", job)
        task.done.connect(self._on_recorded)
        task.error.connect(self._on_failed)

    @Slot(object)
    def _on_recorded(self, answer: object) -> None:
        mutation, doc, problem = cast(tuple[Mutation, GstDocument | None, str | None], answer)
        self.ctx.events.outbox_changed.emit()
        self.ctx.events.accounts_changed.emit([self.payment.account_id])
        self.reversed.emit(mutation)
        if doc is not None:
            self.viewer = GstDocumentViewer(self.ctx, doc, self.parentWidget())
            self.viewer.show()
        else:
            self.ctx.events.notice.emit(
                fill(self.tr("Reversal recorded; no GST document: %1"), problem))
        self.accept()

    @Slot(object)
    def _on_failed(self, exc: object) -> None:
        if isinstance(exc, (ReversalError, ApprovalRefused, RequestRefused)):
            self._refuse(lambda: error_text(exc))
            return
        log.error("reversal of %s failed: %s", self.payment.payment_uuid, exc)
        self._refuse(lambda: fill(self.tr("Nothing was reversed: %1"), error_text(exc)))


def _precheck_job(ctx: AppContext, payment: PaymentToReverse, cause: ReversalCause,
                  reason: str, approver: str, _control: TaskControl) -> str:
    return check_local(ctx.outbox, ctx.user, payment, cause, reason, approver, Role.ADMIN)


def _request_check_job(ctx: AppContext, payment: PaymentToReverse, cause: ReversalCause,
                       reason: str, _control: TaskControl) -> str:
    return check_local_request(ctx.outbox, ctx.user, payment, cause, reason)


def _send_job(client: object, payment: PaymentToReverse, cause: ReversalCause, reason: str,
              _control: TaskControl) -> VoidRequest:
    return send(client, payment.payment_uuid, cause, reason)  # type: ignore[arg-type]


def _approve_job(ctx: AppContext, client: object, payment: PaymentToReverse, username: str,
                 password: str, _control: TaskControl) -> Approval:
    return approve(requester=ctx.user, payment_uuid=payment.payment_uuid,
                   payment_branch_id=payment.branch_id, username=username, password=password,
                   client=client,  # type: ignore[arg-type]
                   verifiers=OfflineVerifiers(ctx.data_dir))


def _record_job(ctx: AppContext, payment: PaymentToReverse, cause: ReversalCause,
                reason: str, approval: Approval, supplier: Supplier | str,
                _control: TaskControl) -> tuple[Mutation, GstDocument | None, str | None]:
    """Queue the reversal, then its GST document (``supplier``: the operator, or what to
    set in Settings → GST when it is incomplete)."""
    now = datetime.now(UTC)
    mutation = record_reversal(ctx.outbox, ctx.user, payment, cause, reason,
                               approval.approved_by, approval.token, approval.role, now=now)
    if isinstance(supplier, str):
        return mutation, None, supplier
    try:
        doc = reversal_document(ctx.outbox, supplier,
                                reversal_for(payment, mutation, now, ctx.business_zone))
    except ValueError as exc:
        return mutation, None, error_text(exc)
    return mutation, doc, None
