"""The Payments tab: the ledger, this device's payments waiting to be sent and the ones the
server refused."""

# No ``from __future__ import annotations`` here: NamedTuple would compile every string
# annotation as a ForwardRef at import (~20 ms); real annotations cost nothing.
from datetime import UTC, datetime
from typing import NamedTuple

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from db.account_details.pending import account_mutations, pending_of, refusal_reason, refused_of
from db.outbox import Mutation, MutationKind, Outbox
from db.overlay import payment_delta
from db.schema import (
    Account,
    Invoice,
    Payment,
)

__all__ = ["PaymentRow", "PaymentsView", "load_payments"]


class PaymentRow(NamedTuple):
    taken_at: datetime
    amount_paise: int
    kind: str
    method: str
    reference: str | None
    receipt_number: str
    document_number: str | None
    taken_by: str
    balance_after_paise: int | None
    state: str  # "" for ledger rows, "pending sync", or the refusal reason


class PaymentsView(NamedTuple):
    ledger: list[PaymentRow]
    pending: list[PaymentRow]
    issues: list[PaymentRow]
    balance_paise: int
    provisional_balance_paise: int
    open_invoices_paise: int
    open_invoice_count: int


def _mutation_payment(m: Mutation, state: str) -> PaymentRow:
    p = m.payload
    return PaymentRow(
        taken_at=datetime.fromtimestamp(int(p.get("taken_at") or m.created_at.timestamp()), UTC),
        amount_paise=int(p["amount_paise"]),
        kind=str(p.get("option", "payment")),
        method=str(p.get("method", "")),
        reference=p.get("reference"),
        receipt_number=str(p.get("receipt_number", "")),
        document_number=None,
        taken_by=m.created_by,
        balance_after_paise=None,
        state=state,
    )


def load_payments(cache: Engine, outbox: Outbox | None, account_id: int) -> PaymentsView | None:
    """Ledger payments (newest first), this device's pending ones and refused ones."""
    with Session(cache) as conn:
        balance = conn.execute(
            select(Account.balance_paise).where(Account.id == account_id)
        ).scalar_one_or_none()
        if balance is None:
            return None
        rows = conn.execute(
            select(Payment)
            .where(Payment.account_id == account_id)
            .order_by(Payment.taken_at.desc(), Payment.id.desc())
        ).scalars()
        ledger = [
            PaymentRow(
                taken_at=p.taken_at,
                amount_paise=p.amount_paise,
                kind=p.kind,
                method=p.method,
                reference=p.reference,
                receipt_number=p.receipt_number,
                document_number=p.document_number,
                taken_by=p.taken_by,
                balance_after_paise=p.balance_after_paise,
                state="",
            )
            for p in rows
        ]
        open_due = conn.execute(
            select(
                func.coalesce(func.sum(Invoice.amount_paise - Invoice.paid_paise), 0),
                func.count(),
            ).where(Invoice.account_id == account_id, Invoice.status == "open")
        ).one()
    mutations = account_mutations(outbox, account_id)
    pending = pending_of(mutations, MutationKind.PAYMENT)
    refused = refused_of(mutations, MutationKind.PAYMENT)
    return PaymentsView(
        ledger=ledger,
        pending=[_mutation_payment(m, "pending sync") for m in reversed(pending)],
        issues=[_mutation_payment(m, refusal_reason(m)) for m in reversed(refused)],
        balance_paise=balance,
        provisional_balance_paise=balance + sum(payment_delta(m) for m in pending),
        open_invoices_paise=int(open_due[0]),
        open_invoice_count=int(open_due[1]),
    )
