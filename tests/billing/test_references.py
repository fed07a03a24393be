"""Payment references: UTRs, card slips and cheques, each in its one stored form."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from billing.references import (
    CHEQUE_STALE_DAYS,
    card_reference,
    check_reference,
    cheque_reference,
    parse_cheque,
    utr_key,
)
from billing.rules import PaymentMethod, RuleError

TODAY = date(2026, 12, 1)
UPI, CARD, CHEQUE, BANK = (PaymentMethod.UPI, PaymentMethod.CARD, PaymentMethod.CHEQUE,
                           PaymentMethod.BANK_TRANSFER)


@pytest.mark.parametrize(
    ("method", "text", "stored"),
    [
        (UPI, "412345678901", "412345678901"),
        (UPI, " 4123 4567 8901 ", "412345678901"),
        (UPI, "4123-4567-8901", "412345678901"),
        (BANK, "512345678901", "512345678901"),  # IMPS
        (BANK, "sbinn52026120112345", "SBINN52026120112345"),  # NEFT, 19
        (BANK, "SBIN126335001234", "SBIN126335001234"),  # 16
        (BANK, "SBINR52026120100000123", "SBINR52026120100000123"),  # RTGS, 22
        (CARD, "1234 A1B2C3", "xx1234 auth A1B2C3"),
        (CARD, "xx1234 auth a1b2c3", "xx1234 auth A1B2C3"),
        (CARD, "1234/123456", "xx1234 auth 123456"),
        (CHEQUE, "004512 / State Bank of India / 2026-11-30",
         "004512 / State Bank of India / 2026-11-30"),
        (PaymentMethod.CASH, "", None),
    ],
)
def test_references_in_their_stored_form(method: PaymentMethod, text: str,
                                         stored: str | None) -> None:
    assert check_reference(method, text, today=TODAY) == stored


@pytest.mark.parametrize(
    ("method", "text", "says"),
    [
        (UPI, "41234567890", "has 11 digits; a UPI UTR has exactly 12"),
        (UPI, "4123456789012", "has 13 digits; a UPI UTR has exactly 12"),
        (UPI, "41234567890A", "has letters"),
        (UPI, "UPI-4471-22", "has letters"),
        (UPI, "४१२३४५६७८९०१", "only the digits 0 to 9"),  # Devanagari digits are not a UTR
        (UPI, "4123.4567.8901", "only the digits 0 to 9"),
        (UPI, "", "Enter the UPI transaction ID"),
        (BANK, "51234567890", "IMPS reference has exactly 12"),
        (BANK, "SBIN12345", "is not a UTR"),
        (BANK, "1234ABCDEFGHIJKLMNOP", "is not a UTR"),
        (BANK, "SBIN" + "1" * 19, "is not a UTR"),
        (CARD, "12345 A1B2C3", "last 4 digits"),
        (CARD, "1234 A1B2C", "last 4 digits"),
        (CARD, "4111111111111111", "last 4 digits"),
        (CHEQUE, "4512 / SBI / 2026-11-30", "6 digits"),
        (CHEQUE, "004512 / 9 / 2026-11-30", "bank the cheque is drawn on"),
        (CHEQUE, "004512 / SBI / 30-11-2026", "not a date"),
        (CHEQUE, "004512 SBI", "number / bank / date"),
    ],
)
def test_bad_references_are_refused_with_what_is_wrong(method: PaymentMethod, text: str,
                                                       says: str) -> None:
    with pytest.raises(RuleError, match=says):
        check_reference(method, text, today=TODAY)


def test_card_fields_are_checked_one_by_one() -> None:
    assert card_reference("1234", "a1b2c3") == "xx1234 auth A1B2C3"
    with pytest.raises(RuleError, match="last 4 digits"):
        card_reference("123", "A1B2C3")
    with pytest.raises(RuleError, match="APPR / AUTH"):
        card_reference("1234", "A1B2")
    with pytest.raises(RuleError) as info:
        card_reference("", "")
    assert info.value.code == "reference_required"


def test_post_dated_and_stale_cheques_are_refused() -> None:
    assert cheque_reference("004512", "Indian Bank", TODAY, today=TODAY)
    with pytest.raises(RuleError, match="post-dated"):
        cheque_reference("004512", "Indian Bank", TODAY + timedelta(days=1), today=TODAY)
    oldest = TODAY - timedelta(days=CHEQUE_STALE_DAYS)
    assert cheque_reference("004512", "Indian Bank", oldest, today=TODAY)
    with pytest.raises(RuleError, match="stale"):
        cheque_reference("004512", "Indian Bank", oldest - timedelta(days=1), today=TODAY)
    assert parse_cheque("004512 / Indian  Bank / 2026-12-01", today=TODAY).bank == "Indian Bank"


def test_utr_key_is_the_utr_of_upi_and_bank_transfers_only() -> None:
    assert utr_key(UPI, "4123 4567 8901") == "412345678901"
    assert utr_key(BANK, "sbinn52026120112345") == "SBINN52026120112345"
    assert utr_key(CARD, "xx1234 auth A1B2C3") is None
    assert utr_key(UPI, "UPI 412345678901") is None  # old free text is not a UTR
    assert utr_key(UPI, None) is None


@given(st.text(max_size=30))
def test_a_upi_reference_is_twelve_digits_or_refused(text: str) -> None:
    try:
        stored = check_reference(UPI, text, today=TODAY)
    except RuleError as exc:
        assert exc.code in ("reference_invalid", "reference_required")
        return
    assert stored is not None and len(stored) == 12 and stored.isascii() and stored.isdigit()


@given(st.integers(min_value=0, max_value=10**14 - 1), st.integers(min_value=1, max_value=14))
def test_only_twelve_digit_numbers_are_upi_utrs(number: int, width: int) -> None:
    text = str(number).zfill(width)
    if len(text) == 12:
        assert check_reference(UPI, text, today=TODAY) == text
    else:
        with pytest.raises(RuleError, match=f"has {len(text)} digits"):
            check_reference(UPI, text, today=TODAY)


@given(st.sampled_from(list(PaymentMethod)), st.text(max_size=80))
def test_every_stored_reference_reads_back_the_same(method: PaymentMethod, text: str) -> None:
    try:
        stored = check_reference(method, text, today=TODAY)
    except RuleError:
        return
    assert check_reference(method, stored, today=TODAY) == stored
