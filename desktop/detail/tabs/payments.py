"""Payment: payments made (ledger), what is due, and payment issues (pending sync, refused)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from billing.reversal import register_mark
from billing.rules import is_outstanding
from db.account_details.payments import PaymentRow, PaymentsView, load_payments
from db.reversals_local import receipt_marks
from desktop.detail.format import format_inr, format_moment, method_text, option_text
from desktop.detail.table_model import RowsTableModel, fit_columns, make_table_view
from desktop.detail.tabs.base import TAB_STYLE, DetailTab, section_label, show_message
from desktop.language.i18n import QT_TRANSLATE_NOOP

PAYMENT_HEADERS = (
    QT_TRANSLATE_NOOP("PaymentsTab", "Taken"),
    QT_TRANSLATE_NOOP("PaymentsTab", "Amount"),
    QT_TRANSLATE_NOOP("PaymentsTab", "Status"),
    QT_TRANSLATE_NOOP("PaymentsTab", "Type"),
    QT_TRANSLATE_NOOP("PaymentsTab", "Method"),
    QT_TRANSLATE_NOOP("PaymentsTab", "Reference"),
    QT_TRANSLATE_NOOP("PaymentsTab", "Receipt"),
    QT_TRANSLATE_NOOP("PaymentsTab", "Taken by"),
    QT_TRANSLATE_NOOP("PaymentsTab", "Balance after"),
    QT_TRANSLATE_NOOP("PaymentsTab", "Document"),
)
#: What a reversal or a cheque mark shows in the Status column (billing.reversal.register_mark).
MARKS = (
    QT_TRANSLATE_NOOP("PaymentsTab", "Voided"),
    QT_TRANSLATE_NOOP("PaymentsTab", "Cheque bounced"),
    QT_TRANSLATE_NOOP("PaymentsTab", "Cleared"),
    QT_TRANSLATE_NOOP("PaymentsTab", "Pending clearance"),
)


class PaymentsTab(DetailTab):
    title = "Payment"

    def build(self, content: QWidget) -> None:
        content.setStyleSheet(TAB_STYLE)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        self.due = QLabel(content)
        self.due.setObjectName("paymentsDue")
        self.due.setWordWrap(True)
        layout.addWidget(self.due)
        self.issues_caption = section_label("", content)
        layout.addWidget(self.issues_caption)
        self.issues_note = QLabel(content)
        self.issues_note.setObjectName("paymentIssuesNote")
        self.issues_note.setWordWrap(True)
        layout.addWidget(self.issues_note)
        self.issues_model = RowsTableModel(PAYMENT_HEADERS, right_aligned=(1, 8), parent=self)
        self.issues_table = make_table_view("paymentIssues", self.issues_model, content)
        self.issues_table.setMaximumHeight(110)
        layout.addWidget(self.issues_table)
        self.payments_caption = section_label("", content)
        layout.addWidget(self.payments_caption)
        self.model = RowsTableModel(PAYMENT_HEADERS, right_aligned=(1, 8), parent=self)
        self.table = make_table_view("paymentsTable", self.model, content)
        for view in (self.table, self.issues_table):
            fit_columns(view, (135, 80, 95, 70, 95, 130, 130, 90, 95))
        layout.addWidget(self.table, 1)

    def retranslate_ui(self) -> None:
        self.issues_caption.setText(self.tr("Payment issues"))
        self.payments_caption.setText(self.tr("Payments"))
        headers = [self.tr(header) for header in PAYMENT_HEADERS]
        self.model.set_headers(headers)
        self.issues_model.set_headers(headers)

    def fetch(self) -> tuple[PaymentsView, dict[str, str]] | None:
        view = load_payments(self.ctx.cache_engine, self.ctx.outbox, self.account_id)
        if view is None:
            return None
        return view, receipt_marks(self.ctx.outbox, self.ctx.cache_engine, self.account_id)

    def _row(self, p: PaymentRow, marks: dict[str, str]) -> tuple[str, ...]:
        mark = register_mark(p.method, marks.get(p.receipt_number))
        return (
            format_moment(p.taken_at, self.ctx.business_zone),
            format_inr(p.amount_paise),
            p.state or (self.tr(mark) if mark else self.tr("Recorded")),
            option_text(p.kind),
            method_text(p.method),
            p.reference or "—",
            p.receipt_number,
            p.taken_by,
            format_inr(p.balance_after_paise) if p.balance_after_paise is not None else "—",
            p.document_number or "—",
        )

    def populate(self, fetched: tuple[PaymentsView, dict[str, str]]) -> None:
        data, marks = fetched
        rows = [self._row(p, marks) for p in data.pending + data.ledger]
        states = ["pending"] * len(data.pending) + [""] * len(data.ledger)
        self.model.set_rows(rows, row_state=states)
        balance = data.provisional_balance_paise
        if is_outstanding(balance):
            due = self.tr("Due now: %1").replace("%1", format_inr(balance))
        elif balance < 0:
            due = self.tr("Nothing due; %1 advance credit").replace("%1", format_inr(-balance))
        else:
            due = self.tr("Nothing due")
        if data.open_invoice_count:
            invoices = self.tr("%n open invoice(s) (%1)", "", data.open_invoice_count).replace(
                "%1", format_inr(data.open_invoices_paise))
            due += (" " + self.tr("— the server's books show %1").replace("%1", invoices)
                    if data.pending else f" — {invoices}")
        if data.pending:
            due += self.tr(". Provisional: %n payment(s) taken here pending sync (server "
                           "balance %1).", "", len(data.pending)).replace(
                "%1", format_inr(data.balance_paise))
        total = sum(p.amount_paise for p in data.ledger)
        due += "\n" + self.tr("%n payment(s) recorded, %1 in all.", "", len(data.ledger)).replace(
            "%1", format_inr(total))
        show_message(self.due, due, "warn" if is_outstanding(balance) else "ok")

        self.issues_model.set_rows(
            [self._row(p, marks) for p in data.issues], row_state=["issue"] * len(data.issues)
        )
        has_issues = bool(data.issues)
        self.issues_table.setVisible(has_issues)
        if has_issues:
            show_message(
                self.issues_note,
                self.tr("%n payment(s) taken on this PC could not be applied by the server; "
                        "see Needs attention.", "", len(data.issues)),
                "error",
            )
        elif data.pending:
            show_message(
                self.issues_note,
                self.tr("Payments marked “pending sync” are safely recorded on this PC and "
                        "will be sent to the server."),
                "warn",
            )
        else:
            show_message(self.issues_note,
                         self.tr("None: every payment is recorded by the server."), "ok")
