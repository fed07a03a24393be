"""The payments register (``paymentsRegister``), like the portal's "Manage Incoming Payment":
payments in the cache plus this device's payments not yet synced, with filters, totals by
method, export to CSV/Excel (off the GUI thread) and receipt reprints (marked DUPLICATE)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import cast

from PySide6.QtCore import QSize, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from billing.money import format_inr
from billing.rules import PaymentMethod
from db.register_query import (
    PAYMENT_TYPES,
    RegisterChoices,
    RegisterFilter,
    RegisterRow,
)
from desktop.detail.format import method_text
from desktop.documents.gst_settings import tax_basis
from desktop.language.i18n import Retranslating, fill
from desktop.payments.form_parts import date_edit, fit_to_screen, named_button
from desktop.payments.messages import error_text
from desktop.payments.receipt import ReceiptDialog
from desktop.payments.receipt_data import ReceiptData
from desktop.payments.register_jobs import (
    RegisterTotals,
    choices_job,
    export_job,
    query_job,
    receipt_job,
)
from desktop.payments.register_model import RegisterTableModel, payment_type_text
from desktop.payments.reversal_actions import ReversalActions
from desktop.runtime.context import AppContext

log = logging.getLogger(__name__)

COLUMN_WIDTHS = [125, 170, 85, 160, 125, 180, 95, 105, 105, 105, 150]
FILTER_WIDTH = 300


class PaymentsRegister(Retranslating, QWidget):
    """The register window; filters re-query (debounced) and stale answers are dropped.
    Its texts follow a language change while it is open (``retranslate_ui``)."""

    #: A query finished and the table shows its rows.
    refreshed = Signal()
    #: An export finished: (kind, path).
    exported = Signal(str, str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.ctx = ctx
        self.setObjectName("paymentsRegister")
        self._token = 0
        self._choices: RegisterChoices | None = None
        # The rows on screen and their marks, kept to word the totals again.
        self._shown: tuple[list[RegisterRow], dict[str, str]] | None = None
        # Words the status line anew in the current language (None: empty).
        self._status_words: Callable[[], str] | None = None
        today = ctx.today()
        self.date_from = date_edit(self, "regFrom", today)
        self.date_to = date_edit(self, "regTo", today)
        self.branch = self._combo("regBranch")
        self.zone_box = self._combo("regZone")
        self.area = self._combo("regArea")
        self.manager = self._combo("regManager")
        self.ptype = self._combo("regType")
        for value in PAYMENT_TYPES:
            self.ptype.addItem(value, value)  # worded in retranslate_ui
        self.method = self._combo("regMethod")
        for method in PaymentMethod:
            self.method.addItem(method.value, method.value)
        self.cashier = self._combo("regCashier")

        filters = QFormLayout()
        # Each filter's caption (worded in retranslate_ui).
        self._captions: dict[QWidget, QLabel] = {}
        for field in (self.date_from, self.date_to, self.branch, self.zone_box, self.area,
                      self.manager, self.ptype, self.method, self.cashier):
            caption = QLabel(self)
            caption.setBuddy(field)
            self._captions[field] = caption
            filters.addRow(caption, field)

        self.model = RegisterTableModel(ctx.business_zone, self)
        self.table = QTableView(self)
        self.table.setObjectName("registerTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.verticalHeader().hide()
        # Fixed widths (never ResizeToContents: the register can hold many thousand rows).
        self._widen_columns()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self._on_reprint)
        self.totals = QLabel(self)
        self.totals.setObjectName("registerTotals")
        self.totals.setWordWrap(True)

        buttons = QHBoxLayout()
        self.reprint = named_button(self, "reprintReceipt", self._on_reprint)
        self.export_csv = named_button(self, "exportCsv", self._on_export_csv)
        self.export_xlsx = named_button(self, "exportExcel", self._on_export_xlsx)
        self.void = named_button(self, "voidPayment", self._on_void)
        self.cheque = named_button(self, "chequeStatus", self._on_cheque)
        self.status = QLabel(self)
        self.status.setObjectName("registerStatus")
        self.reversals = ReversalActions(ctx, self, self._report)
        buttons.addWidget(self.status, 1)
        for button in (self.void, self.cheque, self.reprint, self.export_csv,
                       self.export_xlsx):
            buttons.addWidget(button)

        side = QWidget(self)
        side.setLayout(filters)
        side.setMaximumWidth(FILTER_WIDTH)
        body = QHBoxLayout()
        body.addWidget(side)
        right = QVBoxLayout()
        right.addWidget(self.table, 1)
        right.addWidget(self.totals)
        right.addLayout(buttons)
        body.addLayout(right, 1)
        self.setLayout(body)
        self.retranslate_ui()
        self._fit_to_screen()

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self.refresh)
        for box in (self.branch, self.zone_box, self.area, self.manager, self.ptype,
                    self.method, self.cashier):
            box.currentIndexChanged.connect(self._schedule)
        self.date_from.dateChanged.connect(self._schedule)
        self.date_to.dateChanged.connect(self._schedule)
        self.branch.currentIndexChanged.connect(self._fill_branch_lists)
        ctx.events.outbox_changed.connect(self._schedule)
        task = ctx.tasks.run_db("register choices", partial(choices_job, ctx))
        task.done.connect(self._on_choices)
        task.error.connect(self._on_choices_failed)

    def retranslate_ui(self) -> None:
        """Every text in the current language (again on a language change while open):
        title, captions, filter choices, buttons, the model's headers and status words, the
        totals and the status line."""
        self.setWindowTitle(self.tr("Payments register"))
        captions = {self.date_from: self.tr("From:"), self.date_to: self.tr("To:"),
                    self.branch: self.tr("Branch:"), self.zone_box: self.tr("Zone:"),
                    self.area: self.tr("Area:"), self.manager: self.tr("Account manager:"),
                    self.ptype: self.tr("Payment type:"), self.method: self.tr("Method:"),
                    self.cashier: self.tr("Cashier:")}
        for field, caption in captions.items():
            self._captions[field].setText(caption)
        for box in (self.branch, self.zone_box, self.area, self.manager, self.ptype,
                    self.method, self.cashier):
            box.setItemText(0, self.tr("All"))
        for index in range(1, self.ptype.count()):
            self.ptype.setItemText(index, payment_type_text(str(self.ptype.itemData(index))))
        for index in range(1, self.method.count()):
            self.method.setItemText(index, method_text(str(self.method.itemData(index))))
        for button, label in ((self.reprint, self.tr("&Reprint receipt")),
                              (self.export_csv, self.tr("Export &CSV…")),
                              (self.export_xlsx, self.tr("Export &Excel…")),
                              (self.void, self.tr("&Void…")),
                              (self.cheque, self.tr("C&heque…"))):
            button.setText(label)
        self.model.retranslate()
        if self._shown is not None:
            self._word_totals(*self._shown)
        self._word_status()
        if self.isVisible():
            self._widen_columns()

    def _widen_columns(self) -> None:
        """Fixed widths (never ResizeToContents: the register can hold many thousand rows),
        wider where a (Tamil) title needs it."""
        header = self.table.horizontalHeader()
        for col, width in enumerate(COLUMN_WIDTHS):
            self.table.setColumnWidth(col, max(width, header.sectionSizeHint(col)))

    def _say(self, words: Callable[[], str] | None) -> None:
        """Show ``words()`` in the status line, and again in a new language."""
        self._status_words = words
        self._word_status()

    def _report(self, text: str) -> None:
        """A message worded by someone else (the Void…/Cheque… actions), shown as given."""
        self._say(lambda: text)

    def _word_status(self) -> None:
        self.status.setText(self._status_words() if self._status_words is not None else "")

    def _fit_to_screen(self) -> None:
        """As wide as the columns need, within the screen; the table scrolls sideways."""
        fit_to_screen(self, QSize(sum(COLUMN_WIDTHS) + FILTER_WIDTH + 60, 680))

    # -- the filter choices -------------------------------------------------------------------
    def _combo(self, name: str) -> QComboBox:
        box = QComboBox(self)
        box.setObjectName(name)
        box.addItem(self.tr("All"), None)
        return box

    @Slot(object)
    def _on_choices(self, choices: object) -> None:
        assert isinstance(choices, RegisterChoices)
        self._choices = choices
        for box in (self.branch, self.zone_box, self.cashier):
            box.blockSignals(True)
        for bid, name in choices.branches:
            self.branch.addItem(name, bid)
        for zid, name in choices.zones:
            self.zone_box.addItem(name, zid)
        for name in choices.cashiers:
            self.cashier.addItem(name, name)
        if self.ctx.user.branch_id is not None:
            index = self.branch.findData(self.ctx.user.branch_id)
            if index >= 0:
                self.branch.setCurrentIndex(index)
        for box in (self.branch, self.zone_box, self.cashier):
            box.blockSignals(False)
        self._fill_branch_lists()
        self.refresh()

    @Slot(object)
    def _on_choices_failed(self, exc: object) -> None:
        """Without the filter lists the register still lists today's payments."""
        self._on_error(exc)
        self.refresh()

    @Slot()
    def _fill_branch_lists(self) -> None:
        """Areas and managers of the chosen branch (all when no branch is chosen)."""
        if self._choices is None:
            return
        branch = self.branch.currentData()
        for box, items in ((self.area, self._choices.areas),
                           (self.manager, self._choices.managers)):
            box.blockSignals(True)
            box.clear()
            box.addItem(self.tr("All"), None)
            for item_id, name, item_branch in items:
                if branch is None or branch == item_branch:
                    box.addItem(name, item_id)
            box.blockSignals(False)

    # -- querying -----------------------------------------------------------------------------

    def current_filter(self) -> RegisterFilter:
        start, end = self.date_from.date(), self.date_to.date()
        return RegisterFilter(
            date_from=date(start.year(), start.month(), start.day()),
            date_to=date(end.year(), end.month(), end.day()),
            zone=self.ctx.business_zone,
            branch_id=self.branch.currentData(),
            zone_id=self.zone_box.currentData(),
            area_id=self.area.currentData(),
            manager_id=self.manager.currentData(),
            payment_type=self.ptype.currentData(),
            method=self.method.currentData(),
            cashier=self.cashier.currentData(),
        )

    @Slot()
    def _schedule(self) -> None:
        self._debounce.start()

    @Slot()
    def refresh(self) -> None:
        self._debounce.stop()
        self._token += 1
        self._say(lambda: self.tr("Loading…"))
        task = self.ctx.tasks.run_db(
            "payments register", partial(query_job, self.ctx, self._token, self.current_filter())
        )
        task.done.connect(self._on_rows)
        task.error.connect(self._on_error)

    @Slot(object)
    def _on_rows(self, answer: object) -> None:
        token, rows, marks = cast(tuple[int, list[RegisterRow], dict[str, str]], answer)
        if token != self._token:
            return  # a newer query is on its way
        self.model.set_rows(rows, marks)
        self._shown = (rows, marks)
        self._word_totals(rows, marks)
        self._say(None)
        self.refreshed.emit()

    def _word_totals(self, rows: list[RegisterRow], marks: dict[str, str]) -> None:
        t = RegisterTotals.of(rows, marks)
        counted, total, pending, reversed_, refused = (
            t.counted, t.total_paise, t.pending, t.reversed, t.refused)
        parts = [f"{method_text(m)} {format_inr(p)}" for m, p in t.by_method.items()]
        self.totals.setText(
            "<b>" + fill(self.tr("%n payment(s) · total %1", "", counted), format_inr(total))
            + "</b><br/>" + " · ".join(parts)
            + ("<br/>" + self.tr("%n pending sync", "", pending) if pending else "")
            + ("<br/>" + self.tr("%n voided or bounced (not in the totals)", "", reversed_)
               if reversed_ else "")
            + ("<br/><span style='color:#b00020'>"
               + self.tr("%n refused by head office (not in the totals): see Needs attention",
                         "", refused) + "</span>" if refused else "")
        )

    @Slot(object)
    def _on_error(self, exc: object) -> None:
        self._say(lambda: fill(self.tr("Could not load payments: %1"), error_text(exc)))

    # -- export and reprint -------------------------------------------------------------------

    def export_to(self, path: Path, kind: str) -> None:
        """Write the rows on screen to ``path`` (kind ``csv`` or ``xlsx``) off the GUI thread."""
        rows = list(self.model.rows)
        try:
            gst = tax_basis(self.ctx.settings)
        except ValueError as exc:
            problem = exc  # ``exc`` is unbound after the except block
            self._say(lambda: fill(self.tr("Not exported: %1"), error_text(problem)))
            return
        self._say(lambda: self.tr("Exporting…"))
        task = self.ctx.tasks.run_net(
            "register export",
            partial(export_job, rows, Path(path), kind, self.ctx.business_zone, gst),
        )
        task.done.connect(self._on_exported)
        task.error.connect(self._on_error)

    @Slot(object)
    def _on_exported(self, answer: object) -> None:
        assert isinstance(answer, tuple), "the export job answers (kind, path)"
        kind, path = answer
        self._say(lambda: fill(self.tr("Exported to %1"), path))
        self.exported.emit(kind, path)

    def _ask_path(self, kind: str, pattern: str) -> None:  # pragma: no cover - file dialog
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export payments"),
                                              f"payments.{kind}",
                                              pattern)
        if name:
            self.export_to(Path(name), kind)

    @Slot()
    def _on_export_csv(self) -> None:  # pragma: no cover - file dialog
        self._ask_path("csv", "CSV (*.csv)")

    @Slot()
    def _on_export_xlsx(self) -> None:  # pragma: no cover - file dialog
        self._ask_path("xlsx", "Excel (*.xlsx)")

    def selected_row(self) -> RegisterRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    @Slot()
    def _on_void(self) -> None:
        row = self.selected_row()
        self.reversals.open("void", row.payment_uuid if row is not None else "")

    @Slot()
    def _on_cheque(self) -> None:
        row = self.selected_row()
        self.reversals.open("cheque", row.payment_uuid if row is not None else "")

    @Slot()
    def _on_reprint(self) -> None:
        row = self.selected_row()
        if row is None:
            self._say(lambda: self.tr("Select a payment to reprint its receipt."))
            return
        task = self.ctx.tasks.run_db("receipt reprint", partial(receipt_job, self.ctx, row))
        task.done.connect(self._on_receipt)
        task.error.connect(self._on_error)

    @Slot(object)
    def _on_receipt(self, data: object) -> None:
        assert isinstance(data, ReceiptData)
        dialog = ReceiptDialog(self.ctx, data, self)
        self.receipt_dialog = dialog
        dialog.show()
