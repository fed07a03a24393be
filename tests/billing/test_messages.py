"""Refusals carry a stable message id and their values besides the English text, so the desk
can word them in Tamil (desktop/payments/messages.py) while the server keeps the English."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from billing.gstin import GstinError, state_name, validate_gstin
from billing.messages import ENGLISH, Msg, english
from billing.money import AmountError, parse_amount
from billing.references import card_reference, check_reference, cheque_reference
from billing.rules import PaymentMethod, PaymentOption, RuleError, cash_change_due, check_payment


def test_every_id_has_english_text() -> None:
    assert set(ENGLISH) == set(Msg)
    assert all(text.strip() for text in ENGLISH.values())


def test_english_fills_values_in_one_pass() -> None:
    assert english(Msg.AMOUNT_OVER_LIMIT, "₹5.00", "%2") == "Amount ₹5.00 is over the limit of %2."
    assert english(Msg.TENDERED_SHORT, "₹1.00", "₹2.00") == (
        "Cash tendered ₹1.00 is less than the amount ₹2.00; take at least ₹2.00.")


@given(st.text(max_size=80))
def test_every_amount_refusal_has_an_id_that_says_the_same(text: str) -> None:
    try:
        parse_amount(text)
    except AmountError as exc:
        assert exc.msg is not None
        assert english(exc.msg, *exc.msg_values) == str(exc)


@pytest.mark.parametrize("call", [
    lambda: check_payment(PaymentOption.PAYMENT, 100, balance_paise=0, prepaid=False),
    lambda: check_payment(PaymentOption.RECHARGE, 100, balance_paise=0, prepaid=False),
    lambda: check_payment(PaymentOption.ADVANCE, 100, balance_paise=5_000, prepaid=False),
    lambda: check_payment(PaymentOption.RECHARGE, 100, balance_paise=0, prepaid=True),
    lambda: check_payment(PaymentOption.ADVANCE, 0, balance_paise=0, prepaid=False),
    lambda: check_payment(PaymentOption.ADVANCE, 10**12, balance_paise=0, prepaid=False),
    lambda: check_payment(PaymentOption.RECHARGE, 1, balance_paise=0, prepaid=True,
                          plan_price_paise=50_000),
    lambda: cash_change_due(500, 100),
    lambda: check_reference(PaymentMethod.UPI, "", today=date(2026, 12, 1)),
    lambda: check_reference(PaymentMethod.UPI, "12ab", today=date(2026, 12, 1)),
    lambda: check_reference(PaymentMethod.UPI, "1234", today=date(2026, 12, 1)),
    lambda: check_reference(PaymentMethod.BANK_TRANSFER, "1234", today=date(2026, 12, 1)),
    lambda: check_reference(PaymentMethod.BANK_TRANSFER, "XY-12", today=date(2026, 12, 1)),
    lambda: check_reference(PaymentMethod.CARD, "nonsense", today=date(2026, 12, 1)),
    lambda: check_reference(PaymentMethod.CHEQUE, "1 / 2", today=date(2026, 12, 1)),
    lambda: card_reference("", ""),
    lambda: card_reference("12", "A1B2C3"),
    lambda: card_reference("1234", "A1"),
    lambda: cheque_reference("12", "Indian Bank", date(2026, 12, 1), today=date(2026, 12, 1)),
    lambda: cheque_reference("004512", "", date(2026, 12, 1), today=date(2026, 12, 1)),
    lambda: cheque_reference("004512", "Indian Bank", date(2026, 12, 9),
                             today=date(2026, 12, 1)),
    lambda: cheque_reference("004512", "Indian Bank", date(2026, 1, 1),
                             today=date(2026, 12, 1)),
])
def test_rule_refusals_the_desk_shows_carry_an_id(call) -> None:
    with pytest.raises(RuleError) as caught:
        call()
    exc = caught.value
    assert exc.msg is not None, str(exc)
    assert english(exc.msg, *exc.msg_values) == str(exc) == exc.message
    assert exc.as_dict() == {"code": exc.code, "message": str(exc)}  # the wire: unchanged


@given(st.text(alphabet="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ -z", max_size=20),
       st.sampled_from([None, "33", "29", "25", "28", "40", ""]))
def test_every_gstin_refusal_carries_an_id_that_says_the_same(text: str, state) -> None:
    try:
        validate_gstin(text, state=state)
    except GstinError as exc:
        assert exc.msg is not None, str(exc)
        assert english(exc.msg, *exc.msg_values) == str(exc) == exc.message


@pytest.mark.parametrize(("call", "code", "words"), [
    (lambda: validate_gstin(""), "gstin_invalid",
     "Enter the GSTIN: 15 characters, like 33AACCM9093R1ZP."),
    (lambda: validate_gstin("33AACCM9093R1ZQ"),
     "gstin_checksum",
     "GSTIN 33AACCM9093R1ZQ has a wrong check character: the last character should be P for "
     "these first 14. Check the GSTIN on the customer's registration certificate; one "
     "character is probably mistyped."),
    (lambda: validate_gstin("33AACCM9093R1ZP", state="29"),
     "gstin_state_mismatch",
     "GSTIN 33AACCM9093R1ZP is registered in Tamil Nadu (33), but the state given is "
     "Karnataka (29). Use the GSTIN registered in that state, or correct the state."),
    (lambda: state_name("25"), "state_invalid",
     "State code 25 (Daman and Diu) was merged into 26 in 2020; use 26."),
    (lambda: state_name(" "), "state_invalid",
     "State code (empty) is not a GST state code; use two digits from 01 to 38, 97 or 99 "
     "(Tamil Nadu is 33)."),
])
def test_gstin_refusals_keep_their_english_and_code(call, code, words) -> None:
    with pytest.raises(GstinError) as caught:
        call()
    assert (str(caught.value), caught.value.code) == (words, code)


# -- GST tax and documents (billing.tax.TaxError, billing.documents.DocumentError) ----------

def _tax_and_document_refusals() -> list[tuple[object, str, str]]:
    """(call, code, the English each refusal said before it carried an id)."""
    from billing.documents import (
        DocumentKind,
        Party,
        Supplier,
        build_document,
        document_number,
        reversal_kind,
    )
    from billing.tax import parse_rate, split_exclusive, split_inclusive

    on = date(2026, 12, 1)
    good = Supplier("Terabyte Broadband", "33AACCM9093R1ZP", "Coimbatore", "33")
    party = Party("Kavitha", 1001)
    return [
        (lambda: split_inclusive(-5, place_of_supply="33"), "tax_negative",
         "GST cannot be computed on a negative amount (-5 paise): the tax would be negative. "
         "Record a reversal with a credit note instead."),
        (lambda: split_exclusive(100, place_of_supply="33", rate_bp=1801), "rate_invalid",
         "GST rate 18.01% is not usable; use a rate from 0% to 100% with at most two decimals "
         "that halves exactly (CGST and SGST are half each), like 18."),
        (lambda: split_exclusive(100, place_of_supply="33", rate_bp=-2), "rate_invalid",
         "GST rate -2 is not usable; use a rate from 0% to 100% with at most two decimals "
         "that halves exactly (CGST and SGST are half each), like 18."),
        (lambda: parse_rate("eighteen"), "rate_invalid",
         "GST rate eighteen is not a percentage; type it like 18 or 12.5."),
        (lambda: parse_rate("  "), "rate_invalid",
         "GST rate (empty) is not a percentage; type it like 18 or 12.5."),
        (lambda: reversal_kind(DocumentKind.CREDIT_NOTE), "document_invalid",
         "A credit note is itself a reversal; it is not reversed."),
        (lambda: reversal_kind(DocumentKind.REFUND_VOUCHER), "document_invalid",
         "A refund voucher is itself a reversal; it is not reversed."),
        (lambda: document_number(DocumentKind.TAX_INVOICE, on, "D1", 1), "document_invalid",
         "A tax invoice carries the number the server gave the invoice."),
        (lambda: document_number(DocumentKind.RECEIPT_VOUCHER, on, "D 1", 1),
         "document_invalid", "Device code 'D 1' is not letters and digits."),
        (lambda: document_number(DocumentKind.RECEIPT_VOUCHER, on, "D1", 0),
         "document_invalid", "A document counter starts at 1."),
        (lambda: document_number(DocumentKind.CREDIT_NOTE, on, "ABCDEFGHIJ", 1),
         "document_invalid", "Device code ABCDEFGHIJ is too long for 16-character document "
         "numbers; use a device code of at most 9 characters."),
        (lambda: document_number(DocumentKind.RECEIPT_VOUCHER, on, "ABCDEFGHI", 10_000),
         "document_invalid",
         "The receipt voucher series R26ABCDEFGHI is full for this financial year."),
        (lambda: document_number(DocumentKind.CREDIT_NOTE, on, "ABCDEFGHI", 10_000),
         "document_invalid",
         "The credit note series C26ABCDEFGHI is full for this financial year."),
        (lambda: document_number(DocumentKind.REFUND_VOUCHER, on, "ABCDEFGHI", 10_000),
         "document_invalid",
         "The refund voucher series F26ABCDEFGHI is full for this financial year."),
        (lambda: Supplier(" ", "33AACCM9093R1ZP", "Coimbatore", "33").check(),
         "document_invalid", "Set the operator's legal name under Settings → GST."),
        (lambda: Supplier("Terabyte", "33AACCM9093R1ZP", "", "33").check(),
         "document_invalid", "Set the operator's address under Settings → GST."),
        (lambda: Supplier("Terabyte", "33AACCM9093R1ZP", "Coimbatore", "33", sac="9984").check(),
         "document_invalid", "SAC 9984 is not a 6-digit services code like 998422."),
        (lambda: build_document(DocumentKind.CREDIT_NOTE, number="C26D1000000001", dated=on,
                                supplier=good, customer=party, amount_paise=100,
                                description="x"),
         "document_invalid",
         "A credit note names the document it reverses, its date, and the reason."),
        (lambda: build_document(DocumentKind.REFUND_VOUCHER, number="F26D1000000001", dated=on,
                                supplier=good, customer=party, amount_paise=100,
                                description="x"),
         "document_invalid",
         "A refund voucher names the document it reverses, its date, and the reason."),
        (lambda: build_document(DocumentKind.RECEIPT_VOUCHER, number="R26D1000000000001",
                                dated=on, supplier=good, customer=party, amount_paise=100,
                                description="x"),
         "document_invalid", "Document number R26D1000000000001 is longer than 16 characters."),
    ]


@pytest.mark.parametrize(("call", "code", "words"), _tax_and_document_refusals())
def test_tax_and_document_refusals_carry_an_id_and_keep_their_english(call, code,
                                                                     words) -> None:
    from billing.documents import DocumentError
    from billing.tax import TaxError

    with pytest.raises((TaxError, DocumentError)) as caught:
        call()
    exc = caught.value
    assert str(exc) == words  # logs and the wire keep the English
    assert exc.code == code
    assert isinstance(exc, ValueError)  # callers catch ValueError
    assert exc.msg is not None
    assert english(exc.msg, *exc.msg_values) == words


@given(st.text(max_size=12))
def test_every_rate_refusal_carries_an_id_that_says_the_same(text: str) -> None:
    from billing.tax import TaxError, parse_rate

    try:
        parse_rate(text)
    except TaxError as exc:
        assert exc.msg is not None
        assert english(exc.msg, *exc.msg_values) == str(exc)
