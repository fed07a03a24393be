"""Void requests waiting for a supervisor (``voidRequestsDialog``; Payments → Void
requests…): the voids and cheque bounces cashiers sent from their desks
(``sendRequest`` in desktop/payments/void_dialog.py), listed from the server for a branch
supervisor (their branch) or an administrator (every branch). Approve or Decline with the
supervisor's own session; no password is typed again. An approval applies the reversal on
the server at once (docs/sync-api.md "Reversals"); a sync is started so this desk shows it.

A cashier opens the same dialog to follow their own requests (the server lists those, in
every state): once one is approved, **GST document…** issues its credit note or refund
voucher at the desk that took the payment, from that desk's series and numbered once per
request (a second opening shows the same number), as a void approved at the counter does.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import Any, cast
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from billing.documents import GstDocument, Supplier
from billing.money import format_inr
from billing.reversal import APPROVER_ROLES, ReversalCause
from desktop.detail.table_model import plain_tooltip
from desktop.documents.gst_settings import load_supplier
from desktop.documents.sources import NotThisDesk, request_document
from desktop.documents.viewer import GstDocumentViewer
from desktop.language.i18n import Retranslating, fill
from desktop.payments.messages import error_text
from desktop.runtime.context import AppContext
from desktop.runtime.tasks import TaskControl
from sync.reversal_requests import RequestRefused, VoidRequest, decide, pending

__all__ = ["VoidRequestsDialog", "may_decide", "open_void_requests"]

log = logging.getLogger(__name__)

OBJECT_NAME = "voidRequestsDialog"
(COL_RECEIPT, COL_ACCOUNT, COL_AMOUNT, COL_WHAT, COL_REASON, COL_ASKED_BY, COL_ASKED_AT,
 COL_STATE) = range(8)
_ERROR_STYLE = "color: #b00020;"


def may_decide(ctx: AppContext) -> bool:
    """Whether the signed-in user decides void requests (branch staff or admin)."""
    return ctx.user.role in APPROVER_ROLES


def _list_job(client: Any, _control: TaskControl) -> list[VoidRequest]:
    return pending(client)


def _decide_job(client: Any, request_id: str, approve: bool, _control: TaskControl
                ) -> VoidRequest:
    return decide(client, request_id, approve)


def _document_job(ctx: AppContext, request: VoidRequest, supplier: Supplier,
                  _control: TaskControl) -> GstDocument:
    return request_document(ctx.cache_engine, ctx.outbox, supplier, request,
                            ctx.business_zone)


class VoidRequestsDialog(Retranslating, QDialog):
    """The pending void and bounce requests of the supervisor's scope, oldest first; for a
    cashier, their own requests in every state, newest first. Its texts, headers, the
    "Asked for" and "State" cells and the status line follow a language change."""

    #: The list arrived (or its refusal).
    loaded = Signal()
    #: A request was decided (the VoidRequest as the server answered).
    decided = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.requests: list[VoidRequest] = []
        self.deciding = may_decide(ctx)
        self.viewer: GstDocumentViewer | None = None
        self.setObjectName(OBJECT_NAME)
        self.resize(1040, 360)
        # Words the status line anew in the current language.
        self._status_words: Callable[[], str] | None = None
        self.intro = intro = QLabel(self)
        intro.setObjectName("voidRequestsIntro")
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 8, self)
        self.table.setObjectName("voidRequestsTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_REASON, QHeaderView.ResizeMode.Stretch)
        for column, width in ((COL_RECEIPT, 140), (COL_ACCOUNT, 240), (COL_AMOUNT, 90),
                              (COL_WHAT, 110), (COL_ASKED_BY, 100), (COL_ASKED_AT, 110),
                              (COL_STATE, 150)):
            self.table.setColumnWidth(column, width)
        # a supervisor's list is of waiting requests; a cashier's is of their own
        self.table.setColumnHidden(COL_STATE, self.deciding)
        self.table.setColumnHidden(COL_ASKED_BY, not self.deciding)
        self.table.itemSelectionChanged.connect(self._validate)
        self.status = QLabel(self)
        self.status.setObjectName("voidRequestsStatus")
        self.status.setWordWrap(True)
        self.refresh_button = QPushButton(self)
        self.refresh_button.setObjectName("refreshRequestsButton")
        self.refresh_button.setAutoDefault(False)
        self.refresh_button.clicked.connect(self.refresh)
        self.decline_button = QPushButton(self)
        self.decline_button.setObjectName("declineRequestButton")
        self.decline_button.setAutoDefault(False)
        self.decline_button.clicked.connect(self._decline)
        self.approve_button = QPushButton(self)
        self.approve_button.setObjectName("approveRequestButton")
        self.approve_button.setAutoDefault(False)
        self.approve_button.clicked.connect(self._approve)
        self.decline_button.setVisible(self.deciding)
        self.approve_button.setVisible(self.deciding)
        self.document_button = QPushButton(self)
        self.document_button.setObjectName("requestDocumentButton")
        self.document_button.setAutoDefault(False)
        self.document_button.clicked.connect(self._document)
        self.document_button.setVisible(not self.deciding)
        self.close_button = close = QPushButton(self)
        close.setObjectName("closeRequestsButton")
        close.setAutoDefault(False)
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        buttons.addWidget(self.decline_button)
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.document_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self._busy = False
        self.retranslate_ui()
        self._validate()
        self.refresh()

    def retranslate_ui(self) -> None:
        """Every text in the current language (again on a language change while open)."""
        self.setWindowTitle(self.tr("Void requests"))
        self.intro.setText(self.tr(
            "Voids and cheque bounces cashiers asked for. Approving reverses the payment "
            "now, on the server, under your name; declining reverses nothing. You cannot "
            "decide a request of your own.") if self.deciding else self.tr(
            "The voids and cheque bounces you asked a supervisor for, the newest first. "
            "When one is approved, open its GST document here (credit note or refund "
            "voucher) and give it to the customer."))
        self.table.setHorizontalHeaderLabels([
            self.tr("Receipt"), self.tr("Account"), self.tr("Amount"), self.tr("Asked for"),
            self.tr("Reason"), self.tr("Asked by"), self.tr("Asked at"), self.tr("State")])
        self.refresh_button.setText(self.tr("&Refresh"))
        self.decline_button.setText(self.tr("&Decline"))
        self.approve_button.setText(self.tr("&Approve and reverse"))
        self.document_button.setText(self.tr("GST &document…"))
        self.close_button.setText(self.tr("Close"))
        for row, request in enumerate(self.requests):
            for column, words in ((COL_WHAT, self._what(request)),
                                  (COL_STATE, self._state(request))):
                item = self.table.item(row, column)
                if item is not None:
                    item.setText(words)
                    item.setToolTip(plain_tooltip(words))
        self._word_status()

    def _what(self, request: VoidRequest) -> str:
        return self.tr("Void") if request.cause is ReversalCause.VOID \
            else self.tr("Cheque bounced")

    def _state(self, request: VoidRequest) -> str:
        if request.state == "approved":
            return fill(self.tr("Approved by %1"), request.decided_by or "")
        if request.state == "declined":
            return fill(self.tr("Declined by %1"), request.decided_by or "")
        return self.tr("Waiting")

    def _say(self, words: Callable[[], str] | None, error: bool = False) -> None:
        """Show ``words()`` in the status line (red for an error), again in a new language."""
        self.status.setStyleSheet(_ERROR_STYLE if error else "")
        self._status_words = words
        self._word_status()

    def _word_status(self) -> None:
        self.status.setText(self._status_words() if self._status_words is not None else "")

    def _client(self) -> Any:
        return self.ctx.sync.client if self.ctx.sync is not None else None

    def selected(self) -> VoidRequest | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.requests):
            return None
        return self.requests[rows[0].row()]

    @Slot()
    def _validate(self) -> None:
        chosen = self.selected()
        ready = chosen is not None and not self._busy \
            and chosen.requested_by != self.ctx.user.username
        self.approve_button.setEnabled(ready)
        self.decline_button.setEnabled(ready)
        self.document_button.setEnabled(
            chosen is not None and not self._busy and chosen.state == "approved")
        self.refresh_button.setEnabled(not self._busy)

    def _set_busy(self, busy: bool, words: Callable[[], str] | None = None) -> None:
        self._busy = busy
        self.status.setStyleSheet("")
        if words is not None:
            self._say(words)
        self._validate()

    @Slot()
    def refresh(self) -> None:
        self._set_busy(True, lambda: self.tr("Asking the server…"))
        task = self.ctx.tasks.run_net("void requests", partial(_list_job, self._client()))
        task.done.connect(self._on_listed)
        task.error.connect(self._on_list_failed)

    @Slot(object)
    def _on_listed(self, found: object) -> None:
        self.requests = cast(list[VoidRequest], found)
        self._fill()
        self._set_busy(False)
        if self.requests and not self.deciding:
            count = len(self.requests)
            self._say(lambda: self.tr("1 request of yours.") if count == 1 else
                      fill(self.tr("%1 requests of yours."), count))
            self.table.selectRow(0)
        elif self.requests:
            count = len(self.requests)
            self._say(lambda: self.tr("1 request waiting.") if count == 1 else
                      fill(self.tr("%1 requests waiting."), count))
            self.table.selectRow(0)
        else:
            self._say(lambda: self.tr("No request is waiting."))
        self.loaded.emit()

    @Slot(object)
    def _on_list_failed(self, exc: object) -> None:
        self._set_busy(False)
        self._say((lambda: error_text(exc)) if isinstance(exc, RequestRefused)
                  else lambda: fill(self.tr("Could not list the requests: %1"), error_text(exc)),
                  error=True)
        self.loaded.emit()

    def _fill(self) -> None:
        zone = ZoneInfo(self.ctx.business_zone)
        self.table.setRowCount(len(self.requests))
        for row, request in enumerate(self.requests):
            what = self._what(request)
            cells = {
                COL_RECEIPT: request.receipt_number,
                COL_ACCOUNT: f"{request.account_id} · {request.account_name}",
                COL_AMOUNT: format_inr(request.amount_paise),
                COL_WHAT: what,
                COL_REASON: request.reason,
                COL_ASKED_BY: request.requested_by,
                COL_ASKED_AT: request.requested_at.astimezone(zone).strftime("%d-%m %H:%M"),
                COL_STATE: self._state(request),
            }
            for column, text in cells.items():
                item = QTableWidgetItem(text)
                item.setToolTip(plain_tooltip(text))
                if column == COL_AMOUNT:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)

    @Slot()
    def _approve(self) -> None:
        self._decide(True)

    @Slot()
    def _decline(self) -> None:
        self._decide(False)

    def _decide(self, approve: bool) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        self._set_busy(True, (lambda: self.tr("Approving…")) if approve
                       else lambda: self.tr("Declining…"))
        task = self.ctx.tasks.run_net(
            "void request decision",
            partial(_decide_job, self._client(), chosen.request_id, approve))
        task.done.connect(self._on_decided)
        task.error.connect(self._on_decide_failed)

    @Slot(object)
    def _on_decided(self, answer: object) -> None:
        request = cast(VoidRequest, answer)
        self.requests = [r for r in self.requests if r.request_id != request.request_id]
        self._fill()
        self._set_busy(False)
        if request.state == "approved":
            self._say(lambda: fill(self.tr(
                "Receipt %1 reversed (%2); every desk shows it with its next sync."),
                request.receipt_number, request.document_number or ""))
            if self.ctx.sync is not None:
                self.ctx.sync.sync_now()
        else:
            self._say(lambda: fill(self.tr("Receipt %1: request declined; nothing reversed."),
                                   request.receipt_number))
        self.decided.emit(request)

    @Slot(object)
    def _on_decide_failed(self, exc: object) -> None:
        self._set_busy(False)
        if isinstance(exc, RequestRefused):
            self._say(lambda: error_text(exc), error=True)
        else:
            log.error("deciding a void request failed: %s", exc)
            self._say(lambda: fill(self.tr("Nothing was decided: %1"), error_text(exc)),
                      error=True)


    @Slot()
    def _document(self) -> None:
        """Issue (or show again) the GST document of the chosen approved request."""
        chosen = self.selected()
        if chosen is None or chosen.state != "approved":
            return
        try:
            supplier = load_supplier(self.ctx.settings)
        except ValueError as exc:
            refused = exc
            self._say(lambda: fill(self.tr("No GST document: %1"), error_text(refused)),
                      error=True)
            return
        self._set_busy(True)
        task = self.ctx.tasks.run_db(
            "void request document", partial(_document_job, self.ctx, chosen, supplier))
        task.done.connect(self._on_document)
        task.error.connect(self._on_document_failed)

    @Slot(object)
    def _on_document(self, doc: object) -> None:
        self._set_busy(False)
        document = cast(GstDocument, doc)
        self._say(lambda: fill(self.tr("GST document %1 opened."), document.number))
        # the main window's, as a void's document: it stays open when this list closes
        self.viewer = GstDocumentViewer(self.ctx, document, self.parentWidget() or self)
        self.viewer.show()

    @Slot(object)
    def _on_document_failed(self, exc: object) -> None:
        self._set_busy(False)
        if isinstance(exc, NotThisDesk):
            receipt = str(exc)
            self._say(lambda: fill(self.tr(
                "Receipt %1 was not taken at this desk: its GST document is issued at the "
                "desk that took it."), receipt), error=True)
            return
        if not isinstance(exc, ValueError):
            log.error("the GST document of a void request failed: %s", exc)
        self._say(lambda: fill(self.tr("No GST document: %1"), error_text(exc)), error=True)


def open_void_requests(ctx: AppContext, parent: QWidget) -> VoidRequestsDialog:
    """Show the dialog for ``parent`` (the main window's Payments menu): one at a time,
    brought forward when already open."""
    found = parent.findChild(VoidRequestsDialog, OBJECT_NAME)
    if found is None:
        found = VoidRequestsDialog(ctx, parent)
        found.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    found.show()
    found.raise_()
    found.activateWindow()
    return found
