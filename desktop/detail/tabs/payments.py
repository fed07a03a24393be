"""Payment: payments made (ledger), what is due, and payment issues (pending sync, refused)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from billing.rules import PaymentMethod, PaymentOption, is_outstanding
from db.account_details import PaymentRow, PaymentsView, load_payments
from desktop.detail.format import format_inr, format_moment
from desktop.detail.table_model import RowsTableModel, fit_columns, make_table_view
from desktop.detail.tabs.base import TAB_STYLE, DetailTab, section_label, show_message

PAYMENT_HEADERS = (
    "Taken",
    "Amount",
    "Status",
    "Type",
    "Method",
    "Reference",
    "Receipt",
    "Taken by",
    "Balance after",
    "Document",
)


def _label(enum: type, value: str) -> str:
    try:
        return str(enum(value).label)
    except ValueError:
        return value


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
        self.issues_caption = section_label("Payment issues", content)
        layout.addWidget(self.issues_caption)
        self.issues_note = QLabel(content)
        self.issues_note.setObjectName("paymentIssuesNote")
        self.issues_note.setWordWrap(True)
        layout.addWidget(self.issues_note)
        self.issues_model = RowsTableModel(PAYMENT_HEADERS, right_aligned=(1, 8), parent=self)
        self.issues_table = make_table_view("paymentIssues", self.issues_model, content)
        self.issues_table.setMaximumHeight(110)
        layout.addWidget(self.issues_table)
        layout.addWidget(section_label("Payments", content))
        self.model = RowsTableModel(PAYMENT_HEADERS, right_aligned=(1, 8), parent=self)
        self.table = make_table_view("paymentsTable", self.model, content)
        for view in (self.table, self.issues_table):
            fit_columns(view, (135, 80, 95, 70, 95, 130, 130, 90, 95))
        layout.addWidget(self.table, 1)

    def fetch(self) -> PaymentsView | None:
        return load_payments(self.ctx.cache_engine, self.ctx.outbox, self.account_id)

    def _row(self, p: PaymentRow) -> tuple[str, ...]:
        return (
            format_moment(p.taken_at, self.ctx.business_zone),
            format_inr(p.amount_paise),
            p.state or "Recorded",
            _label(PaymentOption, p.kind),
            _label(PaymentMethod, p.method),
            p.reference or "—",
            p.receipt_number,
            p.taken_by,
            format_inr(p.balance_after_paise) if p.balance_after_paise is not None else "—",
            p.document_number or "—",
        )

    def populate(self, data: PaymentsView) -> None:
        rows = [self._row(p) for p in data.pending + data.ledger]
        states = ["pending"] * len(data.pending) + [""] * len(data.ledger)
        self.model.set_rows(rows, row_state=states)
        balance = data.provisional_balance_paise
        if is_outstanding(balance):
            due = f"Due now: {format_inr(balance)}"
        elif balance < 0:
            due = f"Nothing due; {format_inr(-balance)} advance credit"
        else:
            due = "Nothing due"
        if data.open_invoice_count:
            due += " — the server's books show" if data.pending else " —"
            due += (
                f" {data.open_invoice_count} open invoice"
                f"{'s' if data.open_invoice_count != 1 else ''} "
                f"({format_inr(data.open_invoices_paise)})"
            )
        if data.pending:
            due += (
                f". Provisional: {len(data.pending)} payment"
                f"{'s' if len(data.pending) != 1 else ''} taken here "
                f"{'are' if len(data.pending) != 1 else 'is'} pending sync "
                f"(server balance {format_inr(data.balance_paise)})."
            )
        total = sum(p.amount_paise for p in data.ledger)
        due += f"\n{len(data.ledger)} payments recorded, {format_inr(total)} in all."
        show_message(self.due, due, "warn" if is_outstanding(balance) else "ok")

        self.issues_model.set_rows(
            [self._row(p) for p in data.issues], row_state=["issue"] * len(data.issues)
        )
        has_issues = bool(data.issues)
        self.issues_table.setVisible(has_issues)
        if has_issues:
            show_message(
                self.issues_note,
                f"{len(data.issues)} payment{'s' if len(data.issues) != 1 else ''} taken on "
                "this PC could not be applied by the server; see Needs attention.",
                "error",
            )
        elif data.pending:
            show_message(
                self.issues_note,
                "Payments marked “pending sync” are safely recorded on this PC and will be "
                "sent to the server.",
                "warn",
            )
        else:
            show_message(self.issues_note, "None: every payment is recorded by the server.", "ok")
