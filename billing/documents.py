"""GST documents: which one a payment gets, what it says, and how it is numbered.

* **Receipt voucher** (CGST Rules, rule 50): money taken before an invoice exists, Advance
  and Recharge. Its GST is inside the amount received (``tax.split_inclusive``).
* **Tax invoice** (rule 46): a postpaid bill or a renewal; it carries the number the server
  gave the invoice (``INV/<branch>/<n>``), one series per branch, so every desk prints the
  same number for the same invoice.
* **Credit note** (rule 53) for a reversal of an invoiced supply, **refund voucher**
  (rule 51) for a reversal of money a receipt voucher acknowledged.

Numbers made at the counter, without the server (rule 46(b): at most 16 characters,
letters, digits, "-" and "/", one or more series, unique per financial year)::

    R 26 D1A2B3C 000042
    | |  |       the device's counter in this series (zero-padded to fill 16 characters)
    | |  the device code (the same as in offline receipt numbers)
    | financial year: 26 = April 2026 to March 2027
    kind: R receipt voucher, C credit note, F refund voucher

One series per kind, device and financial year: unique across desks because the device code
is, unique within a desk because the counter only goes up (kept in the outbox, which is never
thrown away).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from billing.gstin import place_of_supply as place_of_supply_text
from billing.gstin import validate_gstin
from billing.messages import Msg
from billing.money import amount_in_words
from billing.refusal import Refusal
from billing.rules import PaymentOption
from billing.tax import DEFAULT_RATE_BP, DEFAULT_SAC, TaxSplit, split_inclusive

__all__ = [
    "DOCUMENT_NUMBER_MAX",
    "DocumentError",
    "DocumentKind",
    "GstDocument",
    "Party",
    "Supplier",
    "build_document",
    "document_kind_for_payment",
    "document_number",
    "financial_year",
    "financial_year_label",
    "reversal_kind",
    "with_customer_gstin",
]

DOCUMENT_NUMBER_MAX = 16
"""CGST Rules, rule 46(b): a document's serial number has at most 16 characters."""
_MIN_COUNTER_DIGITS = 4


class DocumentError(Refusal, ValueError):
    """A document that cannot be made as asked; ``str(error)`` is for the user, ``msg`` and
    ``msg_values`` for the desk to word it in its language (billing.messages)."""

    default_code = "document_invalid"


class DocumentKind(StrEnum):
    RECEIPT_VOUCHER = "receipt_voucher"
    TAX_INVOICE = "tax_invoice"
    CREDIT_NOTE = "credit_note"
    REFUND_VOUCHER = "refund_voucher"

    @property
    def heading(self) -> str:
        return _TITLES[self]

    @property
    def letter(self) -> str:
        """The series letter of counter-made numbers."""
        return _LETTERS[self]


_TITLES = {
    DocumentKind.RECEIPT_VOUCHER: "RECEIPT VOUCHER",
    DocumentKind.TAX_INVOICE: "TAX INVOICE",
    DocumentKind.CREDIT_NOTE: "CREDIT NOTE",
    DocumentKind.REFUND_VOUCHER: "REFUND VOUCHER",
}
_LETTERS = {
    DocumentKind.RECEIPT_VOUCHER: "R",
    DocumentKind.TAX_INVOICE: "I",
    DocumentKind.CREDIT_NOTE: "C",
    DocumentKind.REFUND_VOUCHER: "F",
}

# The refusals that name a kind of document: one id per kind, so that the desk words the
# kind with the rest of the sentence.
_NOT_REVERSED = {
    DocumentKind.CREDIT_NOTE: Msg.DOC_CREDIT_NOTE_NOT_REVERSED,
    DocumentKind.REFUND_VOUCHER: Msg.DOC_REFUND_VOUCHER_NOT_REVERSED,
}
_SERIES_FULL = {
    DocumentKind.RECEIPT_VOUCHER: Msg.DOC_RECEIPT_VOUCHER_SERIES_FULL,
    DocumentKind.CREDIT_NOTE: Msg.DOC_CREDIT_NOTE_SERIES_FULL,
    DocumentKind.REFUND_VOUCHER: Msg.DOC_REFUND_VOUCHER_SERIES_FULL,
}
_NAMES_ORIGINAL = {
    DocumentKind.CREDIT_NOTE: Msg.DOC_CREDIT_NOTE_ORIGINAL,
    DocumentKind.REFUND_VOUCHER: Msg.DOC_REFUND_VOUCHER_ORIGINAL,
}


def document_kind_for_payment(option: PaymentOption | str) -> DocumentKind | None:
    """Advance and Recharge get a receipt voucher; a Payment of dues is covered by the
    tax invoice of the bill it pays (None)."""
    option = PaymentOption(option)
    if option is PaymentOption.PAYMENT:
        return None
    return DocumentKind.RECEIPT_VOUCHER


def reversal_kind(original: DocumentKind) -> DocumentKind:
    """A reversal of invoiced money is a credit note; of an advance, a refund voucher."""
    if original is DocumentKind.TAX_INVOICE:
        return DocumentKind.CREDIT_NOTE
    if original is DocumentKind.RECEIPT_VOUCHER:
        return DocumentKind.REFUND_VOUCHER
    raise DocumentError.of(_NOT_REVERSED[original])


def financial_year(on: date) -> int:
    """The year the financial year of ``on`` starts in (April to March)."""
    return on.year if on.month >= 4 else on.year - 1


def financial_year_label(on: date) -> str:
    """``"2026-27"`` for any day from 1 April 2026 to 31 March 2027."""
    start = financial_year(on)
    return f"{start}-{(start + 1) % 100:02d}"


def document_number(kind: DocumentKind, on: date, device_code: str, counter: int) -> str:
    """The counter-made number of the ``counter``-th document of ``kind`` this device made
    in the financial year of ``on``; DocumentError if it cannot fit 16 characters."""
    if kind is DocumentKind.TAX_INVOICE:
        raise DocumentError.of(Msg.DOC_INVOICE_NUMBER)
    device = device_code.strip().upper()
    if not (device.isascii() and device.isalnum() and device):
        raise DocumentError.of(Msg.DOC_DEVICE_CODE, repr(device_code))
    if isinstance(counter, bool) or not isinstance(counter, int) or counter < 1:
        raise DocumentError.of(Msg.DOC_COUNTER)
    prefix = f"{kind.letter}{financial_year(on) % 100:02d}{device}"
    width = DOCUMENT_NUMBER_MAX - len(prefix)
    if width < _MIN_COUNTER_DIGITS:
        raise DocumentError.of(Msg.DOC_DEVICE_CODE_LONG, device)
    if counter >= 10**width:
        raise DocumentError.of(_SERIES_FULL[kind], prefix)
    return f"{prefix}{counter:0{width}d}"


@dataclass(frozen=True)
class Supplier:
    """The operator, from settings: who issues the documents."""

    legal_name: str
    gstin: str
    address: str
    state_code: str
    sac: str = DEFAULT_SAC
    rate_bp: int = DEFAULT_RATE_BP

    def check(self) -> Supplier:
        """Self, or DocumentError saying what settings lack."""
        if not self.legal_name.strip():
            raise DocumentError.of(Msg.DOC_LEGAL_NAME)
        if not self.address.strip():
            raise DocumentError.of(Msg.DOC_ADDRESS)
        if not (self.sac.isascii() and self.sac.isdigit() and len(self.sac) == 6):
            raise DocumentError.of(Msg.DOC_SAC, self.sac)
        validate_gstin(self.gstin, state=self.state_code)  # GstinError is a ValueError too
        return self


@dataclass(frozen=True)
class Party:
    """The customer as a document names them."""

    name: str
    account_id: int
    address: str | None = None
    gstin: str | None = None


@dataclass(frozen=True)
class GstDocument:
    """Everything a GST document says; every figure in paise from ``billing.tax``."""

    kind: DocumentKind
    number: str
    dated: date
    supplier: Supplier
    customer: Party
    place_of_supply: str
    description: str
    tax: TaxSplit
    payment_reference: str | None = None
    receipt_number: str | None = None
    original_number: str | None = None
    original_date: date | None = None
    reason: str | None = None
    notes: tuple[str, ...] = field(default=())

    @property
    def place_of_supply_text(self) -> str:
        return place_of_supply_text(self.place_of_supply)

    @property
    def total_paise(self) -> int:
        return self.tax.total_paise

    @property
    def words(self) -> str:
        return amount_in_words(self.total_paise)


def build_document(
    kind: DocumentKind,
    *,
    number: str,
    dated: date,
    supplier: Supplier,
    customer: Party,
    amount_paise: int,
    description: str,
    place_of_supply: str | None = None,
    payment_reference: str | None = None,
    receipt_number: str | None = None,
    original_number: str | None = None,
    original_date: date | None = None,
    reason: str | None = None,
) -> GstDocument:
    """A document for ``amount_paise`` received or billed, GST inside it.

    The place of supply is where the line is installed (IGST Act, section 12(11)(a): a
    fixed line's place of supply is its installation, for any recipient, registered or
    not), so ``place_of_supply`` when given, else the operator's state (an account has no
    state of its own yet); a customer's GSTIN is printed and checked, and does not move it.
    A credit note or refund voucher must name the document it reverses.
    """
    supplier.check()
    gstin = validate_gstin(customer.gstin) if customer.gstin else None
    if gstin != customer.gstin:
        customer = Party(customer.name, customer.account_id, customer.address, gstin)
    place = (place_of_supply or supplier.state_code).strip()
    if kind in (DocumentKind.CREDIT_NOTE, DocumentKind.REFUND_VOUCHER) and (
        not original_number or original_date is None or not (reason or "").strip()
    ):
        raise DocumentError.of(_NAMES_ORIGINAL[kind])
    if len(number) > DOCUMENT_NUMBER_MAX:
        raise DocumentError.of(Msg.DOC_NUMBER_LONG, number)
    tax = split_inclusive(amount_paise, place_of_supply=place,
                          supplier_state=supplier.state_code, rate_bp=supplier.rate_bp)
    return GstDocument(
        kind=kind, number=number, dated=dated, supplier=supplier, customer=customer,
        place_of_supply=place.zfill(2), description=description, tax=tax,
        payment_reference=payment_reference, receipt_number=receipt_number,
        original_number=original_number, original_date=original_date, reason=reason,
    )


def with_customer_gstin(doc: GstDocument, gstin: str | None) -> GstDocument:
    """The same document (same number, date, place of supply and tax) for a customer who
    gave ``gstin`` (or none), printed on it."""
    customer = Party(doc.customer.name, doc.customer.account_id, doc.customer.address,
                     (gstin or "").strip() or None)
    return build_document(
        doc.kind, number=doc.number, dated=doc.dated, supplier=doc.supplier,
        customer=customer, amount_paise=doc.total_paise, description=doc.description,
        payment_reference=doc.payment_reference, receipt_number=doc.receipt_number,
        original_number=doc.original_number, original_date=doc.original_date,
        reason=doc.reason,
    )
