"""Branch day closes (``branchDayCloses``): head office's view of every branch's cash
session closes and their differences, for a date range (admins only).

The closes come from the server (``GET /api/v1/admin/day-closes``, docs/sync-api.md "Day
close"), asked off the GUI thread; the desk's own cache holds none. Selecting a close shows
its whole report: the count by denomination, totals per method, GST, UTRs and cheques.
"""

from __future__ import annotations

import html
from datetime import date, timedelta
from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QModelIndex, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from billing.money import format_inr
from db.account_filter_options import filter_options
from db.account_query import Scope
from desktop.detail.format import method_text
from desktop.language.i18n import Retranslating, fill
from desktop.payments.branch_closes_table_model import (
    COL_BRANCH,
    COL_CLOSED_AT,
    COL_SESSION,
    BranchClosesModel,
    difference_text,
)
from desktop.payments.messages import error_text
from desktop.runtime.context import AppContext
from desktop.runtime.tasks import TaskControl

#: The range a new window shows: the last week, today included.
DEFAULT_DAYS = 7
_ERROR_STYLE = "color: #b00020;"


def _branches_job(ctx: AppContext, _control: TaskControl) -> list[tuple[int, str]]:
    with ctx.cache_engine.connect() as conn:
        return [(c.id, c.label) for c in filter_options(conn, Scope()).branches]


def _closes_job(client: Any, start: date, end: date, branch: int | None,
                _control: TaskControl) -> dict[str, Any]:
    return dict(client.day_closes(start, end, branch))


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _method_label(method: str) -> str:
    return method_text(method)


translate = QCoreApplication.translate
"""Qt's translate under the name lupdate looks for."""


def report_html(close: dict[str, Any]) -> str:
    """One close's whole report, for the detail pane."""
    report = close.get("report") or {}
    esc = html.escape
    parts = [fill(translate("BranchCloseReport",
                            "<b>%1 — session %2, counted by %3</b> (sent by %4, device %5)"),
                  esc(str(close.get("branch_name"))), esc(str(close.get("session_id"))),
                  esc(str(close.get("cashier"))), esc(str(close.get("reported_by"))),
                  esc(str(close.get("device_code") or "—"))) + "<br/>"]
    pieces = sorted(((int(v), int(n)) for v, n in (report.get("denominations") or {}).items()),
                    reverse=True)
    counted = [f"₹{v // 100} × {n}" for v, n in pieces if n]
    parts.append(fill(translate("BranchCloseReport", "Counted: %1 = %2"),
                      ", ".join(counted) or translate("BranchCloseReport", "nothing"),
                      format_inr(int(close.get("counted_paise", 0)))) + "<br/>")
    parts.append(fill(
        translate("BranchCloseReport", "Expected %1 = float %2 + cash payments %3 − paid out "
                  "%4; difference <b>%5</b>"),
        format_inr(int(close.get("expected_paise", 0))),
        format_inr(int(report.get("opening_float_paise", 0))),
        format_inr(int(report.get("cash_payments_paise", 0))),
        format_inr(int(report.get("paid_out_paise", 0))),
        difference_text(int(close.get("difference_paise", 0)))) + "<br/>")
    methods = " · ".join(f"{esc(_method_label(m))} {format_inr(int(p))}"
                         for m, p in (report.get("method_totals") or {}).items() if p)
    parts.append(fill(
        _REPORT.payments(int(close.get("payment_count", 0))),
        methods or translate("BranchCloseReport", "none"),
        close.get("unsynced_at_close", 0)) + "<br/>")
    gst = report.get("gst") or {}
    if gst.get("error"):
        parts.append(fill(translate("BranchCloseReport", "GST: not computed at the desk (%1)"),
                          esc(str(gst["error"]))) + "<br/>")
    for method, sums in (gst.get("per_method") or {}).items():
        parts.append(fill(
            translate("BranchCloseReport", "GST %1: taxable %2, CGST %3, SGST %4, IGST %5"),
            esc(_method_label(method)), format_inr(int(sums["taxable_paise"])),
            format_inr(int(sums["cgst_paise"])), format_inr(int(sums["sgst_paise"])),
            format_inr(int(sums["igst_paise"]))) + "<br/>")
    for ref in report.get("references") or []:
        if ref.get("utr"):
            what = f"{_method_label(str(ref.get('method')))} UTR {ref['utr']}"
        else:
            what = fill(translate("BranchCloseReport", "cheque %1, %2, dated %3"),
                        ref.get("cheque_number"), ref.get("bank"), ref.get("cheque_date"))
        parts.append(f"{esc(str(ref.get('receipt_number')))}: {esc(what)}, "
                     f"{format_inr(int(ref.get('amount_paise', 0)))}<br/>")
    voids = report.get("voids") or []
    parts.append(fill(translate("BranchCloseReport", "Voids: %1"), len(voids)) if voids
                 else translate("BranchCloseReport", "Voids: none"))
    return "".join(parts)


class BranchCloseReport(QObject):
    """The report's counts with Qt's plural forms (lupdate reads ``tr`` on a QObject as a
    plural message)."""

    def payments(self, count: int) -> str:
        return self.tr("%n payment(s): %1; %2 not yet synced at close", "", count)


_REPORT = BranchCloseReport()


class BranchClosesWindow(Retranslating, QWidget):
    """Every branch's closes for a date range, a total row, and one close's report."""

    #: The closes (or an error) arrived and are shown.
    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.ctx = ctx
        self.setObjectName("branchDayCloses")
        today = ctx.today()
        self.from_date = QDateEdit(_qdate(today - timedelta(days=DEFAULT_DAYS - 1)), self)
        self.from_date.setObjectName("closesFrom")
        self.to_date = QDateEdit(_qdate(today), self)
        self.to_date.setObjectName("closesTo")
        for edit in (self.from_date, self.to_date):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd-MM-yyyy")
        self.branch = QComboBox(self)
        self.branch.setObjectName("closesBranch")
        self.branch.addItem("", None)
        self.branch.setMinimumContentsLength(18)
        self.show_button = QPushButton(self)
        self.show_button.setObjectName("loadCloses")
        self.show_button.setDefault(True)
        self.show_button.clicked.connect(self.refresh)
        self.status = QLabel(self)
        self.status.setObjectName("closesStatus")
        self.status.setWordWrap(True)

        self.model = BranchClosesModel(ctx.business_zone, self)
        self.table = QTableView(self)
        self.table.setObjectName("closesTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in enumerate((190, 110, 90, 120, 100, 100, 120)):
            self.table.setColumnWidth(col, width)
        self.table.selectionModel().currentRowChanged.connect(self._on_row)
        self.detail = QTextBrowser(self)
        self.detail.setObjectName("closeDetail")

        filters = QHBoxLayout()
        self._captions: list[QLabel] = []
        for widget in (self.from_date, self.to_date, self.branch):
            label = QLabel(self)
            label.setBuddy(widget)
            self._captions.append(label)
            filters.addWidget(label)
            filters.addWidget(widget)
        filters.addWidget(self.show_button)
        filters.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setSizes([320, 140])
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.status)
        layout.addWidget(splitter, 1)
        self.resize(1060, 560)
        self.retranslate_ui()

        task = ctx.tasks.run_db("branches", partial(_branches_job, ctx))
        task.done.connect(self._on_branches)
        task.error.connect(self._on_error)
        self.refresh()

    def retranslate_ui(self) -> None:
        """Every text in the current language (again on a language change)."""
        self.setWindowTitle(self.tr("Branch day closes — head office"))
        self.branch.setItemText(0, self.tr("All branches"))
        self.show_button.setText(self.tr("&Show"))
        self.detail.setPlaceholderText(self.tr("Select a close to see its whole report."))
        for label, caption in zip(self._captions, (self.tr("From"), self.tr("to"),
                                                   self.tr("Branch")), strict=True):
            label.setText(caption)
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0,
                                          self.model.columnCount() - 1)

    def range(self) -> tuple[date, date]:
        a, b = self.from_date.date(), self.to_date.date()
        return date(a.year(), a.month(), a.day()), date(b.year(), b.month(), b.day())

    @Slot()
    def refresh(self) -> None:
        sync = self.ctx.sync
        if sync is None:
            self.status.setStyleSheet(_ERROR_STYLE)
            self.status.setText(self.tr("Head office's day closes are on the server: sign in "
                                        "online to see them."))
            self.loaded.emit()
            return
        start, end = self.range()
        if end < start:
            self.status.setStyleSheet(_ERROR_STYLE)
            self.status.setText(self.tr("The 'to' date is before the 'from' date; swap them."))
            self.loaded.emit()
            return
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Asking the server…"))
        self.show_button.setEnabled(False)
        task = self.ctx.tasks.run_net(
            "branch day closes",
            partial(_closes_job, sync.client, start, end, self.branch.currentData()))
        task.done.connect(self._on_closes)
        task.error.connect(self._on_error)

    @Slot(object)
    def _on_branches(self, branches: object) -> None:
        assert isinstance(branches, list)
        chosen = self.branch.currentData()
        self.branch.blockSignals(True)
        self.branch.clear()
        self.branch.addItem(self.tr("All branches"), None)
        for branch_id, name in branches:
            self.branch.addItem(name, branch_id)
        index = self.branch.findData(chosen)
        self.branch.setCurrentIndex(max(index, 0))
        self.branch.blockSignals(False)

    @Slot(object)
    def _on_closes(self, answer: object) -> None:
        assert isinstance(answer, dict)
        self.show_button.setEnabled(True)
        closes, totals = answer["closes"], answer["totals"]
        self.model.set_answer(closes, totals)
        for col in (COL_BRANCH, COL_SESSION, COL_CLOSED_AT):
            self.table.resizeColumnToContents(col)
        start, end = self.range()
        count = int(totals.get("closes", 0))
        text = fill(self.tr("%n close(s) from %1 to %2; difference %3, %4 payment(s) unsynced "
                            "at close.", "", count),
                    f"{start:%d-%m-%Y}", f"{end:%d-%m-%Y}",
                    difference_text(int(totals["difference_paise"])),
                    totals.get("unsynced_at_close", 0))
        if answer.get("has_more"):
            text += " " + fill(self.tr("Only the first %1 are listed; the total counts them "
                                       "all."), len(closes))
        self.status.setStyleSheet("")
        self.status.setText(text)
        self.detail.clear()
        self.loaded.emit()

    @Slot(object)
    def _on_error(self, exc: object) -> None:
        self.show_button.setEnabled(True)
        self.status.setStyleSheet(_ERROR_STYLE)
        self.status.setText(fill(self.tr("Could not load the day closes: %1"), error_text(exc)))
        self.loaded.emit()

    @Slot(QModelIndex, QModelIndex)
    def _on_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = current.row()
        if not current.isValid() or self.model.is_total(row) or row >= len(self.model.closes):
            self.detail.clear()
            return
        self.detail.setHtml(report_html(self.model.closes[row]))
