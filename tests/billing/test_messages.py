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
