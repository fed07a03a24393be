"""Which GST document each counter record becomes: the receipt voucher of an Advance or
Recharge, the tax invoice of an invoice, the credit note / refund voucher of a reversal.

Each function runs on the DB worker (it may number a document in the outbox)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from billing.documents import (
    DocumentError,
    DocumentKind,
    GstDocument,
    Party,
    Supplier,
    build_document,
    document_kind_for_payment,
    reversal_kind,
)
from billing.messages import Msg
from billing.reversal import ReversalCause
from billing.rules import PaymentOption
from db.account_details.invoices import InvoiceDocument
from db.document_numbers import issue_document_number
from db.outbox import Outbox
from db.reversals_local import PaymentToReverse, find_payment
from desktop.payments.receipt_data import ReceiptData
from sync.reversal_requests import VoidRequest

__all__ = ["NotThisDesk", "Reversal", "payment_reversal", "receipt_voucher",
           "request_document", "reversal_document", "tax_invoice"]

SERVICE = "Internet access services (broadband)"


def receipt_voucher(outbox: Outbox, supplier: Supplier, data: ReceiptData,
                    customer_gstin: str | None = None) -> GstDocument:
    """The receipt voucher of an Advance or Recharge, numbered once per receipt."""
    kind = document_kind_for_payment(data.option)
    if kind is not DocumentKind.RECEIPT_VOUCHER:
        raise DocumentError.of(Msg.DOC_PAYMENT_OF_DUES)
    dated = data.local_time.date()
    what = (f"Recharge: {data.plan_name}" if data.option is PaymentOption.RECHARGE and
            data.plan_name else f"{data.option.label}")
    reference = data.method.label + (f" {data.reference}" if data.reference else "")
    return build_document(
        kind,
        number=issue_document_number(outbox, kind, dated, data.receipt_number),
        dated=dated,
        supplier=supplier,
        customer=Party(data.account_name, data.account_id, gstin=customer_gstin or None),
        amount_paise=data.amount_paise,
        description=f"{SERVICE} — {what}",
        payment_reference=reference,
        receipt_number=data.receipt_number,
    )


def tax_invoice(supplier: Supplier, doc: InvoiceDocument,
                customer_gstin: str | None = None) -> GstDocument:
    """The tax invoice of an invoice: the server's invoice number, its date and amount."""
    inv = doc.invoice
    plan = doc.plan or "Broadband service"
    speed = f" {doc.plan_speed_mbps} Mbps" if doc.plan_speed_mbps else ""
    if speed.strip() in plan:
        speed = ""
    return build_document(
        DocumentKind.TAX_INVOICE,
        number=inv.number,
        dated=inv.invoice_date,
        supplier=supplier,
        customer=Party(doc.account_name, doc.account_id, doc.billing_address,
                       customer_gstin or None),
        amount_paise=inv.amount_paise,
        description=(f"{SERVICE} — {plan}{speed}, {inv.period_start:%d-%m-%Y} to "
                     f"{inv.period_end:%d-%m-%Y}"),
    )


@dataclass(frozen=True)
class Reversal:
    """An approved reversal of a payment, as its GST document names it."""

    reversal_id: str
    dated: date
    amount_paise: int
    reason: str
    original_kind: DocumentKind
    original_number: str
    original_date: date
    customer: Party
    receipt_number: str | None = None


def reversal_document(outbox: Outbox, supplier: Supplier, reversal: Reversal) -> GstDocument:
    """The credit note (invoiced supply) or refund voucher (advance) of a reversal. A
    refund voucher names the receipt voucher of the advance (rule 51): when this desk took
    the payment, the number that voucher has (or gets) here."""
    kind = reversal_kind(reversal.original_kind)
    original_number = reversal.original_number
    receipt = reversal.receipt_number
    if (reversal.original_kind is DocumentKind.RECEIPT_VOUCHER and receipt
            and receipt.rsplit("-", 1)[0] == outbox.device_code()):
        original_number = issue_document_number(outbox, DocumentKind.RECEIPT_VOUCHER,
                                                reversal.original_date, receipt)
    return build_document(
        kind,
        number=issue_document_number(outbox, kind, reversal.dated,
                                     f"reversal:{reversal.reversal_id}"),
        dated=reversal.dated,
        supplier=supplier,
        customer=reversal.customer,
        amount_paise=reversal.amount_paise,
        description=f"{SERVICE} — reversal",
        receipt_number=reversal.receipt_number,
        original_number=original_number,
        original_date=reversal.original_date,
        reason=reversal.reason,
    )


def payment_reversal(payment: PaymentToReverse, *, reversal_id: str, cause: ReversalCause,
                     reason: str, approved_by: str, reversed_at: datetime, zone: str
                     ) -> Reversal:
    """What the GST document of ``payment``'s reversal says: approved at this desk (the
    reversal's mutation id) or at a supervisor's desk (the request's id). ``reversed_at``:
    when it was approved, so a document opened again has the same date."""
    original = document_kind_for_payment(payment.option) or DocumentKind.TAX_INVOICE
    local = ZoneInfo(zone)
    return Reversal(
        reversal_id=reversal_id,
        dated=reversed_at.astimezone(local).date(),
        amount_paise=payment.amount_paise,
        reason=f"{cause.label}: {reason} (approved by {approved_by})",
        original_kind=original,
        original_number=payment.document_number or payment.receipt_number,
        original_date=payment.taken_at.astimezone(local).date(),
        customer=Party(payment.account_name, payment.account_id),
        receipt_number=payment.receipt_number,
    )


class NotThisDesk(Exception):
    """The payment of an approved request was not taken at this desk: its GST document is
    issued at the desk that took it (``str()``: the receipt number)."""


def request_document(cache_engine: Engine, outbox: Outbox, supplier: Supplier,
                     request: VoidRequest, zone: str) -> GstDocument:
    """The credit note or refund voucher of a reversal approved at a supervisor's desk,
    issued by the desk that took the payment: numbered in its series once per request
    (opened again, the same number and date). NotThisDesk at any other desk."""
    payment = find_payment(cache_engine, outbox, request.payment_uuid)
    if payment is None or payment.outbox_seq is None:
        raise NotThisDesk(request.receipt_number)
    return reversal_document(outbox, supplier, payment_reversal(
        payment, reversal_id=f"request:{request.request_id}", cause=request.cause,
        reason=request.reason, approved_by=request.decided_by or "",
        reversed_at=request.decided_at or request.requested_at, zone=zone))
