"""The Invoices tab and one invoice as printed (``InvoiceDocument``, also the GST
documents' source)."""

# No ``from __future__ import annotations`` here: NamedTuple would compile every string
# annotation as a ForwardRef at import (~20 ms); real annotations cost nothing.
from datetime import date
from typing import NamedTuple

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from billing.lifecycle import (
    postpaid_last_payment_date,
    postpaid_suspension_date,
)
from db.schema import (
    Account,
    Branch,
    Invoice,
    Plan,
)

__all__ = ["InvoiceDocument", "InvoiceRow", "invoice_row", "load_invoice_document", "load_invoices"]


class InvoiceRow(NamedTuple):
    id: int
    number: str
    invoice_date: date
    period_start: date
    period_end: date
    amount_paise: int
    paid_paise: int
    status: str

    @property
    def outstanding_paise(self) -> int:
        return self.amount_paise - self.paid_paise


def invoice_row(i: Invoice) -> InvoiceRow:
    return InvoiceRow(
        id=i.id,
        number=i.number,
        invoice_date=i.invoice_date,
        period_start=i.period_start,
        period_end=i.period_end,
        amount_paise=i.amount_paise,
        paid_paise=i.paid_paise,
        status=i.status,
    )


def load_invoices(cache: Engine, account_id: int) -> list[InvoiceRow]:
    """The full invoice history, newest first."""
    query = (
        select(Invoice)
        .where(Invoice.account_id == account_id)
        .order_by(Invoice.invoice_date.desc(), Invoice.id.desc())
    )
    with Session(cache) as conn:
        return [invoice_row(i) for i in conn.execute(query).scalars()]


class InvoiceDocument(NamedTuple):
    """Everything printed on one invoice."""

    invoice: InvoiceRow
    account_id: int
    account_name: str
    mobile: str | None
    email: str | None
    billing_address: str | None
    branch: str
    plan: str | None
    plan_speed_mbps: int | None
    prepaid: bool
    last_payment_date: date
    suspension_date: date


def load_invoice_document(cache: Engine, invoice_id: int) -> InvoiceDocument | None:
    query = (
        select(Invoice, Account, Branch.name, Plan.name, Plan.speed_mbps)
        .join(Account, Account.id == Invoice.account_id)
        .join(Branch, Branch.id == Account.branch_id)
        .outerjoin(Plan, Plan.id == Account.plan_id)
        .where(Invoice.id == invoice_id)
    )
    with Session(cache) as conn:
        row = conn.execute(query).first()
    if row is None:
        return None
    invoice, account, branch, plan, speed = row
    return InvoiceDocument(
        invoice=invoice_row(invoice),
        account_id=account.id,
        account_name=account.name,
        mobile=account.mobile,
        email=account.email,
        billing_address=account.billing_address or account.installation_address,
        branch=branch,
        plan=plan,
        plan_speed_mbps=speed,
        prepaid=bool(account.prepaid),
        last_payment_date=postpaid_last_payment_date(invoice.invoice_date),
        suspension_date=postpaid_suspension_date(invoice.invoice_date),
    )
