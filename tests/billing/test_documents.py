"""GST documents: kinds, financial years, counter-made numbers, and the figures."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from billing.documents import (
    DocumentError,
    DocumentKind,
    Party,
    Supplier,
    build_document,
    document_kind_for_payment,
    document_number,
    financial_year_label,
    reversal_kind,
)
from billing.gstin import GstinError
from billing.rules import PaymentOption

SUPPLIER = Supplier("Terabyte Broadband Private Limited", "33AACCM9093R1ZP",
                    "12 Avinashi Road, Coimbatore 641018", "33")
CUSTOMER = Party("Kumaran Textiles", 10_000_007, "4 Mill Road, Tiruppur")


@pytest.mark.parametrize(
    ("on", "label"),
    [(date(2026, 4, 1), "2026-27"), (date(2027, 3, 31), "2026-27"),
     (date(2026, 3, 31), "2025-26"), (date(2099, 12, 31), "2099-00")],
)
def test_financial_year_runs_april_to_march(on: date, label: str) -> None:
    assert financial_year_label(on) == label


def test_counter_made_numbers() -> None:
    rv = DocumentKind.RECEIPT_VOUCHER
    assert document_number(rv, date(2026, 12, 1), "D1A2B3C", 42) == "R26D1A2B3C000042"
    assert document_number(rv, date(2027, 3, 31), "d1a2b3c", 1) == "R26D1A2B3C000001"
    assert document_number(rv, date(2027, 4, 1), "D1A2B3C", 1) == "R27D1A2B3C000001"
    cn = document_number(DocumentKind.CREDIT_NOTE, date(2026, 12, 1), "K9", 7)
    assert cn == "C26K900000000007" and len(cn) == 16


@pytest.mark.parametrize(
    ("device", "counter", "says"),
    [("D1A2B3C4D5", 1, "at most 9 characters"), ("D1A2B3C", 10**6, "is full"),
     ("D-1", 1, "letters and digits"), ("D1", 0, "starts at 1")],
)
def test_numbers_that_cannot_be_made_are_refused(device: str, counter: int, says: str) -> None:
    with pytest.raises(DocumentError, match=says):
        document_number(DocumentKind.RECEIPT_VOUCHER, date(2026, 12, 1), device, counter)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
       st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=1, max_size=9),
       st.integers(min_value=1, max_value=9999),
       st.sampled_from([DocumentKind.RECEIPT_VOUCHER, DocumentKind.CREDIT_NOTE,
                        DocumentKind.REFUND_VOUCHER]))
def test_every_number_is_a_lawful_serial_and_tells_its_series(
    on: date, device: str, counter: int, kind: DocumentKind
) -> None:
    number = document_number(kind, on, device, counter)
    assert len(number) == 16 and number.isascii() and number.isalnum()
    assert number.startswith(kind.letter + financial_year_label(on)[2:4] + device)
    assert int(number[3 + len(device):]) == counter


def test_which_document_a_payment_gets() -> None:
    assert document_kind_for_payment(PaymentOption.ADVANCE) is DocumentKind.RECEIPT_VOUCHER
    assert document_kind_for_payment("recharge") is DocumentKind.RECEIPT_VOUCHER
    assert document_kind_for_payment(PaymentOption.PAYMENT) is None
    assert reversal_kind(DocumentKind.TAX_INVOICE) is DocumentKind.CREDIT_NOTE
    assert reversal_kind(DocumentKind.RECEIPT_VOUCHER) is DocumentKind.REFUND_VOUCHER
    with pytest.raises(DocumentError):
        reversal_kind(DocumentKind.CREDIT_NOTE)


def test_a_voucher_within_the_state_splits_cgst_and_sgst() -> None:
    doc = build_document(DocumentKind.RECEIPT_VOUCHER, number="R26D1A2B3C000001",
                         dated=date(2026, 12, 1), supplier=SUPPLIER, customer=CUSTOMER,
                         amount_paise=59_900, description="Advance")
    assert doc.place_of_supply_text == "33 - Tamil Nadu"
    assert (doc.tax.taxable_paise, doc.tax.cgst_paise, doc.tax.sgst_paise) == \
        (50_763, 4_569, 4_568)
    assert doc.total_paise == 59_900
    assert doc.words == "Rupees Five Hundred Ninety-Nine Only"


def test_a_line_installed_here_pays_this_states_gst_whatever_the_customers_gstin() -> None:
    """IGST Act, section 12(11)(a): a fixed line is supplied where it is installed, to any
    person. A Karnataka-registered firm's line in Coimbatore pays CGST + SGST of Tamil Nadu
    (as the register's GST sheet and the day close count it), not IGST."""
    customer = Party("Bengaluru Office", 10_000_008, gstin="29aagcb7383j1z4")
    doc = build_document(DocumentKind.TAX_INVOICE, number="INV/CBE/00000042",
                         dated=date(2026, 12, 1), supplier=SUPPLIER, customer=customer,
                         amount_paise=118_000, description="Fibre 100 Mbps")
    assert doc.customer.gstin == "29AAGCB7383J1Z4"
    assert doc.place_of_supply == "33"
    assert (doc.tax.igst_paise, doc.tax.cgst_paise, doc.tax.sgst_paise) == (0, 9_000, 9_000)
    elsewhere = build_document(DocumentKind.TAX_INVOICE, number="INV/CBE/00000043",
                               dated=date(2026, 12, 1), supplier=SUPPLIER, customer=customer,
                               amount_paise=118_000, description="Fibre 100 Mbps",
                               place_of_supply="29")
    assert (elsewhere.place_of_supply, elsewhere.tax.igst_paise) == ("29", 18_000)


def test_bad_settings_or_a_bad_customer_gstin_make_no_document() -> None:
    base = {"number": "R26D1A2B3C000001", "dated": date(2026, 12, 1), "customer": CUSTOMER,
            "amount_paise": 100, "description": "Advance"}
    wrong_state = Supplier(SUPPLIER.legal_name, SUPPLIER.gstin, SUPPLIER.address, "29")
    with pytest.raises(GstinError, match="registered in Tamil Nadu"):
        build_document(DocumentKind.RECEIPT_VOUCHER, supplier=wrong_state, **base)
    with pytest.raises(DocumentError, match="legal name"):
        build_document(DocumentKind.RECEIPT_VOUCHER,
                       supplier=Supplier("", SUPPLIER.gstin, "x", "33"), **base)
    bad_customer = Party("X", 1, gstin="33AACCM9093R1ZQ")
    with pytest.raises(GstinError, match="check character"):
        build_document(DocumentKind.RECEIPT_VOUCHER, supplier=SUPPLIER,
                       **{**base, "customer": bad_customer})


def test_a_credit_note_names_what_it_reverses() -> None:
    with pytest.raises(DocumentError, match="names the document it reverses"):
        build_document(DocumentKind.CREDIT_NOTE, number="C26D1A2B3C000001",
                       dated=date(2026, 12, 2), supplier=SUPPLIER, customer=CUSTOMER,
                       amount_paise=118_000, description="Reversal")
    doc = build_document(DocumentKind.CREDIT_NOTE, number="C26D1A2B3C000001",
                         dated=date(2026, 12, 2), supplier=SUPPLIER, customer=CUSTOMER,
                         amount_paise=118_000, description="Reversal",
                         original_number="INV/CBE/00000042", original_date=date(2026, 12, 1),
                         reason="Payment entered twice")
    assert doc.tax.cgst_paise == doc.tax.sgst_paise == 9_000
