"""The UPI intent a kiosk's QR carries: exact amount, encoded fields, a checked VPA."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from billing.phone import format_mobile
from billing.upi import (
    MAX_REFERENCE_CHARS,
    UpiError,
    amount_text,
    parse_upi_intent,
    pay_later_reference,
    upi_intent,
    validate_vpa,
)


def test_intent_has_the_standard_fields_in_order_and_percent_encoded():
    uri = upi_intent("Terabyte.CBE@okaxis", "Terabyte Broadband & Co", 439_906,
                     "KIOSKCBE1-000001", "Account 10000169")
    assert uri == ("upi://pay?pa=terabyte.cbe%40okaxis&pn=Terabyte%20Broadband%20%26%20Co"
                   "&am=4399.06&cu=INR&tr=KIOSKCBE1-000001&tn=Account%2010000169")


@pytest.mark.parametrize(("paise", "text"), [
    (1, "0.01"), (10, "0.10"), (100, "1.00"), (439_906, "4399.06"), (10_00_000_00, "1000000.00"),
])
def test_amount_always_has_two_decimals(paise, text):
    assert amount_text(paise) == text


@pytest.mark.parametrize("bad", [0, -100])
def test_no_intent_for_nothing(bad):
    with pytest.raises(UpiError):
        amount_text(bad)


def test_amount_must_be_int_paise():
    with pytest.raises(TypeError):
        amount_text(12.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        amount_text(True)


@pytest.mark.parametrize("vpa", ["", "terabyte", "@okaxis", "a@b", "tera byte@okaxis",
                                 "terabyte@ok axis", "terabyte@@okaxis", "tera&x@okaxis",
                                 "terabyte@1bank", "x" * 300 + "@okaxis"])
def test_malformed_vpa_is_refused_with_what_to_do(vpa):
    with pytest.raises(UpiError, match="UPI ID"):
        validate_vpa(vpa)


def test_good_vpas():
    assert validate_vpa("  Terabyte.CBE-1_x@OKAXIS ") == "terabyte.cbe-1_x@okaxis"
    assert validate_vpa("9876543210@ybl") == "9876543210@ybl"


@pytest.mark.parametrize("reference", ["", "has space", "x" * (MAX_REFERENCE_CHARS + 1),
                                       "-lead", "a&b"])
def test_reference_must_be_a_plain_receipt_number(reference):
    with pytest.raises(UpiError):
        upi_intent("a.b@okaxis", "Payee", 100, reference, "note")


_names = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")),
                 min_size=1, max_size=40).filter(
    lambda t: " ".join(t.split()) == t and t.isprintable())


@given(paise=st.integers(min_value=1, max_value=10**12), name=_names, note=_names,
       reference=st.from_regex(r"[A-Z0-9]{1,12}-[0-9]{6}", fullmatch=True))
def test_intent_reads_back_exactly(paise, name, note, reference):
    uri = upi_intent("terabyte@okaxis", name, paise, reference, note)
    assert uri.isascii() and " " not in uri and "+" not in uri
    intent = parse_upi_intent(uri)
    assert intent.amount_paise == paise
    assert intent.payee_name == name and intent.note == note
    assert intent.reference == reference and intent.currency == "INR"


@pytest.mark.parametrize(("stored", "shown"), [
    ("+917457123754", "+91 74571 23754"),
    (" +917457123754 ", "+91 74571 23754"),
    ("+14155550100", "+14155550100"),
    ("+91745712375", "+91745712375"),
    ("", ""),
    (None, ""),
])
def test_one_mobile_format(stored, shown):
    assert format_mobile(stored) == shown


@given(st.from_regex(r"[6-9][0-9]{9}", fullmatch=True))
def test_every_indian_mobile_is_shown_grouped_five_five(national):
    shown = format_mobile("+91" + national)
    assert shown == f"+91 {national[:5]} {national[5:]}"
    assert shown.replace(" ", "") == "+91" + national


@given(st.integers(min_value=1, max_value=10**15), st.dates())
def test_pay_later_reference_is_a_valid_intent_reference(account_id, issued):
    reference = pay_later_reference(account_id, issued)
    assert reference == f"AC{account_id}-{issued:%Y%m%d}"
    intent = upi_intent("terabyte@okaxis", "Terabyte", 100, reference, "Dues")
    assert parse_upi_intent(intent).reference == reference


@pytest.mark.parametrize("bad", [0, -5, True, "12"])
def test_pay_later_reference_needs_an_account(bad):
    with pytest.raises(UpiError, match="not an account number"):
        pay_later_reference(bad, date(2026, 11, 27))
