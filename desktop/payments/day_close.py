"""The blind day close (``dayCloseDialog``), after Odoo's cash control.

The cashier counts the drawer by denomination without seeing what the program expects; only
after the count is submitted does the dialog show expected cash (opening float + cash
payments − cash paid out), the count, the difference (shortage or excess) and the totals per
method. The close is saved in the outbox file and can be printed; payments taken after it
belong to the next cash session (``db.cash_session``).
"""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from billing.money import AmountError, format_inr, paise_to_decimal, parse_amount
from db.cash_session import (
    DENOMINATIONS_PAISE,
    MAX_PIECES,
    CashSession,
    DayClose,
    counted_total,
)
from desktop.detail.format import method_text
from desktop.documents.gst_settings import tax_basis
from desktop.language.i18n import Retranslating, fill
from desktop.payments.day_close_jobs import close_job, paid_out_job, pdf_job, session_job
from desktop.payments.day_close_report import close_html
from desktop.payments.messages import error_text
from desktop.runtime.context import AppContext

log = logging.getLogger(__name__)

_ERROR_STYLE = "color: #b00020;"


class DayCloseDialog(Retranslating, QDialog):
    """Count the drawer blind, then see how it compares."""

    #: The close is saved (the DayClose).
    closed = Signal(object)
    #: The session is loaded and the count can start.
    ready = Signal()
    #: A paid-out entry was saved.
    paid_out_saved = Signal()
    saved_pdf = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.session: CashSession | None = None
        self.day_close: DayClose | None = None
        #: The session's GST per method and its UTRs and cheques, once closed.
        self.gst_html = ""
        self.setObjectName("dayCloseDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        self.session_label = QLabel(self)
        self.session_label.setObjectName("sessionInfo")
        self.session_label.setWordWrap(True)
        self.opening_float = QLineEdit("0", self)
        self.opening_float.setObjectName("openingFloatField")
        self.float_error = QLabel(self)
        self.float_error.setObjectName("openingFloatError")
        self.float_error.setStyleSheet(_ERROR_STYLE)

        self.out_box = out_box = QGroupBox(self)
        out_row = QHBoxLayout(out_box)
        self.paid_out_amount = QLineEdit(out_box)
        self.paid_out_amount.setObjectName("paidOutAmount")
        self.paid_out_reason = QLineEdit(out_box)
        self.paid_out_reason.setObjectName("paidOutReason")
        self.paid_out_button = QPushButton(out_box)
        self.paid_out_button.setObjectName("recordPaidOut")
        self.paid_out_button.setAutoDefault(False)
        self.paid_out_button.clicked.connect(self._on_paid_out)
        self.paid_out_error = QLabel(out_box)
        self.paid_out_error.setObjectName("paidOutError")
        self.paid_out_error.setStyleSheet(_ERROR_STYLE)
        out_row.addWidget(self.paid_out_amount)
        out_row.addWidget(self.paid_out_reason, 1)
        out_row.addWidget(self.paid_out_button)
        out_row.addWidget(self.paid_out_error)

        self.count_box = count_box = QGroupBox(self)
        grid = QGridLayout(count_box)
        grid.setHorizontalSpacing(12)
        grid.setColumnMinimumWidth(3, 36)  # a gutter between the two columns of money
        self.spins: dict[int, QSpinBox] = {}
        self.subtotals: dict[int, QLabel] = {}
        for i, value in enumerate(DENOMINATIONS_PAISE):
            spin = QSpinBox(count_box)
            spin.setObjectName(f"denom{value // 100}")
            spin.setRange(0, MAX_PIECES)
            spin.setAccelerated(True)
            spin.valueChanged.connect(self._on_count_changed)
            sub = QLabel(format_inr(0), count_box)
            sub.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            row, col = divmod(i, 2)
            grid.addWidget(QLabel(f"₹{value // 100}", count_box), row, col * 4)
            grid.addWidget(spin, row, col * 4 + 1)
            grid.addWidget(sub, row, col * 4 + 2)
            self.spins[value] = spin
            self.subtotals[value] = sub
        self.counted = QLabel(self)
        self.counted.setObjectName("countedTotal")

        # Empty and hidden until the count is in: the count is blind.
        self.result_panel = QLabel(self)
        self.result_panel.setObjectName("closeResult")
        self.result_panel.setTextFormat(Qt.TextFormat.RichText)
        self.result_panel.setFrameShape(QFrame.Shape.StyledPanel)
        self.result_panel.setWordWrap(True)
        self.result_panel.hide()
        self.gst_panel = QLabel(self)
        self.gst_panel.setObjectName("closeGst")
        self.gst_panel.setTextFormat(Qt.TextFormat.RichText)
        self.gst_panel.setFrameShape(QFrame.Shape.StyledPanel)
        self.gst_panel.hide()
        self.error = QLabel(self)
        self.error.setObjectName("dayCloseError")
        self.error.setStyleSheet(_ERROR_STYLE)
        self.error.setWordWrap(True)

        buttons = QHBoxLayout()
        self.submit = QPushButton(self)
        self.submit.setObjectName("submitCount")
        self.submit.setEnabled(False)
        self.submit.setAutoDefault(False)
        self.submit.clicked.connect(self._on_submit)
        self.pdf_button = QPushButton(self)
        self.pdf_button.setObjectName("saveClosePdf")
        self.pdf_button.setAutoDefault(False)
        self.pdf_button.clicked.connect(self._on_pdf)
        self.print_button = QPushButton(self)
        self.print_button.setObjectName("printClose")
        self.print_button.setAutoDefault(False)
        self.print_button.clicked.connect(self._on_print)
        for button in (self.pdf_button, self.print_button):
            button.setEnabled(False)
        self.close_button = close_button = QPushButton(self)
        close_button.setObjectName("closeDayClose")
        close_button.setAutoDefault(False)
        close_button.clicked.connect(self.close)
        buttons.addWidget(self.submit)
        buttons.addStretch(1)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(close_button)

        float_row = QHBoxLayout()
        self.float_caption = QLabel(self)
        float_row.addWidget(self.float_caption)
        float_row.addWidget(self.opening_float)
        float_row.addWidget(self.float_error, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.session_label)
        layout.addLayout(float_row)
        layout.addWidget(out_box)
        layout.addWidget(count_box)
        layout.addWidget(self.counted)
        layout.addWidget(self.result_panel)
        layout.addWidget(self.gst_panel)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.opening_float.textChanged.connect(self._on_count_changed)
        self.retranslate_ui()
        task = ctx.tasks.run_db("cash session", partial(session_job, ctx))
        task.done.connect(self._on_session)
        task.error.connect(self._on_failed)

    def retranslate_ui(self) -> None:
        """Every text in the current language (the result too, once the count is in)."""
        self.setWindowTitle(self.tr("Day close — count the drawer"))
        self.out_box.setTitle(self.tr("Cash paid out of the drawer"))
        self.paid_out_amount.setPlaceholderText(self.tr("amount"))
        self.paid_out_reason.setPlaceholderText(self.tr("why (refund, petty cash…)"))
        self.paid_out_button.setText(self.tr("Record"))
        self.count_box.setTitle(self.tr("Count the drawer (notes and coins)"))
        self.submit.setText(self.tr("Submit count and close the drawer"))
        self.pdf_button.setText(self.tr("Save as PDF…"))
        self.print_button.setText(self.tr("Print…"))
        self.close_button.setText(self.tr("Close"))
        self.float_caption.setText(self.tr("Opening float (₹):"))
        self._show_session()
        self._on_count_changed()
        if self.day_close is not None:
            self._show_result(self.day_close)

    def _show_session(self) -> None:
        session = self.session
        if session is None:
            self.session_label.setText(self.tr("Opening the cash session…"))
            return
        tz = ZoneInfo(self.ctx.business_zone)
        self.session_label.setText(fill(
            self.tr("Cash session %1, opened %2 by %3. Count every note and coin in the drawer."),
            session.id, f"{session.opened_at.astimezone(tz):%d-%m-%Y %H:%M}", session.opened_by))

    # -- the count ----------------------------------------------------------------------------

    def counts(self) -> dict[int, int]:
        return {value: spin.value() for value, spin in self.spins.items()}

    def set_count(self, value_rupees: int, pieces: int) -> None:
        self.spins[value_rupees * 100].setValue(pieces)

    def _float_paise(self) -> int | None:
        try:
            return parse_amount(self.opening_float.text() or "0", allow_zero=True)
        except AmountError as exc:
            self.float_error.setText(error_text(exc))
            return None

    @Slot()
    def _on_count_changed(self) -> None:
        for value, spin in self.spins.items():
            self.subtotals[value].setText(format_inr(value * spin.value()))
        counted = fill(self.tr("Counted: %1"), format_inr(counted_total(self.counts())))
        self.counted.setText(f"<b>{counted}</b>")
        self.float_error.setText("")
        ok = self._float_paise() is not None
        self.submit.setEnabled(ok and self.session is not None and self.day_close is None)

    @Slot(object)
    def _on_session(self, session: object) -> None:
        assert isinstance(session, CashSession)
        self.session = session
        self._show_session()
        self.opening_float.setText(str(paise_to_decimal(session.opening_float_paise)))
        self._on_count_changed()
        self.ready.emit()

    @Slot()
    def _on_paid_out(self) -> None:
        if self.session is None or self.day_close is not None:
            return
        try:
            amount = parse_amount(self.paid_out_amount.text())
        except AmountError as exc:
            self.paid_out_error.setText(error_text(exc))
            return
        reason = self.paid_out_reason.text().strip()
        if not reason:
            self.paid_out_error.setText(self.tr("Say why the cash was paid out."))
            return
        self.paid_out_error.setText("")
        self.paid_out_button.setEnabled(False)
        task = self.ctx.tasks.run_db(
            "cash paid out", partial(paid_out_job, self.ctx, self.session.id, amount, reason)
        )
        task.done.connect(self._on_paid_out_done)
        task.error.connect(self._on_failed)

    @Slot(object)
    def _on_paid_out_done(self, amount: object) -> None:
        assert isinstance(amount, int)
        self.paid_out_amount.clear()
        self.paid_out_reason.clear()
        self.paid_out_button.setEnabled(True)
        self.paid_out_error.setText(fill(self.tr("Recorded %1 paid out."), format_inr(amount)))
        self.paid_out_saved.emit()

    @Slot()
    def _on_submit(self) -> None:
        opening = self._float_paise()
        if self.session is None or opening is None or self.day_close is not None:
            return
        self.submit.setEnabled(False)
        for spin in self.spins.values():
            spin.setReadOnly(True)
        self.opening_float.setReadOnly(True)
        self.paid_out_button.setEnabled(False)
        try:
            gst: tuple[str, int] | str = tax_basis(self.ctx.settings)
        except ValueError as exc:
            gst = error_text(exc)
        task = self.ctx.tasks.run_db(
            "day close",
            partial(close_job, self.ctx, self.session.id, opening, self.counts(), gst),
        )
        task.done.connect(self._on_closed)
        task.error.connect(self._on_failed)

    @Slot(object)
    def _on_closed(self, answer: object) -> None:
        assert isinstance(answer, tuple), "the close job answers (DayClose, GST html)"
        close, self.gst_html = answer
        assert isinstance(close, DayClose) and self.session is not None
        self.day_close = close
        self._show_result(close)
        self.result_panel.show()
        self.gst_panel.setText(self.gst_html)
        self.gst_panel.show()
        self.pdf_button.setEnabled(True)
        self.print_button.setEnabled(True)
        self.closed.emit(close)

    def _show_result(self, close: DayClose) -> None:
        outcome = {
            "shortage": "<span style='color:#b00020'>"
                        + fill(self.tr("Shortage of %1"), format_inr(-close.difference_paise))
                        + "</span>",
            "excess": "<span style='color:#8a6d00'>"
                      + fill(self.tr("Excess of %1"), format_inr(close.difference_paise))
                      + "</span>",
            "balanced": "<span style='color:#1b5e20'>" + self.tr("Balanced") + "</span>",
        }[close.outcome]
        methods = " · ".join(
            f"{method_text(m)} {format_inr(p)}" for m, p in close.method_totals.items()
        )
        self.result_panel.setText(
            fill(self.tr("Expected cash: <b>%1</b> (float %2 + cash payments %3 − paid out %4)"),
                 format_inr(close.expected_paise), format_inr(close.opening_float_paise),
                 format_inr(close.cash_payments_paise), format_inr(close.paid_out_paise))
            + "<br/>"
            + fill(self.tr("Counted cash: <b>%1</b>"), format_inr(close.counted_paise)) + "<br/>"
            + fill(self.tr("Difference: <b>%1</b>"), outcome) + "<br/>"
            + fill(self.tr("%n payment(s) this session: %1", "", close.payment_count), methods)
            + "<br/><i>"
            + self.tr("Saved. Payments from now on go to the next cash session.") + " "
            + self.tr("The close report goes to head office with the next sync.") + "</i>"
        )

    @Slot(object)
    def _on_failed(self, exc: object) -> None:
        self.error.setText(fill(self.tr("Not saved: %1"), exc))
        if self.day_close is None:
            for spin in self.spins.values():
                spin.setReadOnly(False)
            self.opening_float.setReadOnly(False)
            self.paid_out_button.setEnabled(True)
            self._on_count_changed()

    # -- printing -----------------------------------------------------------------------------

    def save_pdf(self, path: Path) -> None:
        assert self.day_close is not None and self.session is not None
        task = self.ctx.tasks.run_net(
            "day close pdf",
            partial(pdf_job, self.day_close, self.session, self.ctx.user.display_name,
                    self.ctx.business_zone, Path(path), self.gst_html),
        )
        task.done.connect(self._on_pdf_done)
        task.error.connect(self._on_failed)

    @Slot(object)
    def _on_pdf_done(self, path: object) -> None:
        self.saved_pdf.emit(str(path))

    @Slot()
    def _on_pdf(self) -> None:  # pragma: no cover - file dialog
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save day close"), "day-close.pdf",
                                              "PDF (*.pdf)")
        if name:
            self.save_pdf(Path(name))

    @Slot()
    def _on_print(self) -> None:  # pragma: no cover - print dialog
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        assert self.day_close is not None and self.session is not None
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
            return
        document = QTextDocument()
        document.setHtml(close_html(self.day_close, self.session, self.ctx.user.display_name,
                                    self.ctx.business_zone, self.gst_html))
        document.print_(printer)
