from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from billing.money import (
    DEFAULT_CEILING_PAISE,
    AmountError,
    amount_in_words,
    check_ceiling,
    decimal_to_paise,
    format_inr,
    paise_to_decimal,
    parse_amount,
)


@pytest.mark.parametrize(
    ("text", "paise"),
    [
        ("99", 9900),
        ("1", 100),
        ("0.01", 1),
        ("0.5", 50),
        (".5", 50),
        (".05", 5),
        ("5.", 500),
        ("1250.50", 125050),
        ("1,234.50", 123450),
        ("1,23,456.78", 12345678),
        ("12,34,567", 1234567_00),
        ("1,234,567.89", 123456789),
        ("123,456", 123456_00),
        ("1,00,00,000", 1_00_00_000_00),
        ("  42.10  ", 4210),
        ("\t7\n", 700),
        ("₹1,234.50", 123450),
        ("₹ 1,234.50", 123450),
        ("Rs500", 50000),
        ("Rs 500", 50000),
        ("Rs.500", 50000),
        ("Rs. 500", 50000),
        ("rs. 500", 50000),
        ("RS500", 50000),
        ("INR 500", 50000),
        ("inr500", 50000),
        ("Inr 0.75", 75),
        ("Rs .5", 50),
        ("Rs. 500/-", 50000),
        ("007", 700),
        ("999999999999999.99", 99999999999999999),
    ],
)
def test_parse_amount_accepts(text, paise):
    assert parse_amount(text) == paise


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("", "Enter"),
        ("   ", "Enter"),
        ("₹", "Enter"),
        ("Rs.", "Enter"),
        ("abc", "letters"),
        ("12abc", "letters"),
        ("five", "letters"),
        ("1e3", "exponent"),
        ("1E3", "exponent"),
        ("1.5e-2", "exponent"),
        ("₹2e5", "exponent"),
        ("nan", "NaN"),
        ("NaN", "NaN"),
        ("inf", "infinity"),
        ("Infinity", "infinity"),
        ("+inf", "infinity"),
        ("-5", "negative"),
        ("−5", "negative"),
        ("(5)", "negative"),
        ("(₹5.00)", "negative"),
        ("-₹500.00", "negative"),
        ("₹-5", "negative"),
        ("12.345", "three decimals"),
        ("1.2345", "four decimals"),
        ("0.001", "three decimals"),
        (",5", "comma"),
        ("1,,2", "comma"),
        ("12,3.4", "comma"),
        ("1,2345", "comma"),
        ("1234,567", "comma"),
        ("1,234.5,0", "comma"),
        ("1,", "comma"),
        ("1.2.3", "decimal point"),
        ("0", "more than zero"),
        ("0.00", "more than zero"),
        ("₹0", "more than zero"),
        ("1" * 16, "15"),
        ("1" * 5000, "characters"),  # refused before any pattern runs
        ("१२३", "digits"),
        ("１２３", "digits"),
        ("12²", "digits"),
        ("1 000", "digits"),
        ("+5", "digits"),
        (".", "digits"),
        ("$5", "digits"),
    ],
)
def test_parse_amount_refuses(text, word):
    with pytest.raises(AmountError) as caught:
        parse_amount(text)
    assert word.lower() in str(caught.value).lower()
    assert str(caught.value).endswith(".")


def test_three_decimals_message_matches_style_guide():
    with pytest.raises(AmountError, match=r"^Amount has three decimals; use at most two\.$"):
        parse_amount("12.345")


@pytest.mark.parametrize("text", ["0", "0.00", "₹0", ".0"])
def test_parse_amount_allow_zero(text):
    assert parse_amount(text, allow_zero=True) == 0


def test_parse_amount_refuses_non_str():
    with pytest.raises(TypeError):
        parse_amount(12.5)  # type: ignore[arg-type]


def test_amount_error_is_value_error_with_code():
    assert issubclass(AmountError, ValueError)
    assert AmountError("x").code == "amount_invalid"


@pytest.mark.parametrize(
    ("paise", "symbol", "text"),
    [
        (12345678, True, "₹1,23,456.78"),
        (12345678, False, "1,23,456.78"),
        (0, True, "₹0.00"),
        (1, True, "₹0.01"),
        (99, True, "₹0.99"),
        (100, True, "₹1.00"),
        (99999, True, "₹999.99"),
        (100000, True, "₹1,000.00"),
        (1000000, True, "₹10,000.00"),
        (10000000, True, "₹1,00,000.00"),
        (DEFAULT_CEILING_PAISE, True, "₹10,00,000.00"),
        (1_00_00_000_00, True, "₹1,00,00,000.00"),
        (123_45_67_890_12, True, "₹1,23,45,67,890.12"),
        (-50000, True, "-₹500.00"),
        (-50000, False, "-500.00"),
        (-12345678, True, "-₹1,23,456.78"),
        (-5, True, "-₹0.05"),
    ],
)
def test_format_inr(paise, symbol, text):
    assert format_inr(paise, symbol=symbol) == text


@pytest.mark.parametrize("bad", [1.5, Decimal("1.5"), "100", True])
def test_format_inr_refuses_non_int(bad):
    with pytest.raises(TypeError):
        format_inr(bad)


@given(st.integers(min_value=0, max_value=10**14))
def test_parse_reads_back_what_format_writes(paise):
    assert parse_amount(format_inr(paise), allow_zero=True) == paise
    assert parse_amount(format_inr(paise, symbol=False), allow_zero=True) == paise


@given(st.integers(min_value=-(10**14), max_value=10**14))
def test_decimal_round_trip(paise):
    value = paise_to_decimal(paise)
    assert value.as_tuple().exponent == -2
    assert decimal_to_paise(value) == paise
    assert value * 100 == paise


@pytest.mark.parametrize(
    ("paise", "value"),
    [(12345, "123.45"), (100, "1.00"), (0, "0.00"), (-50, "-0.50"), (7, "0.07")],
)
def test_paise_to_decimal(paise, value):
    result = paise_to_decimal(paise)
    assert result == Decimal(value)
    assert str(result) == value


@pytest.mark.parametrize(
    ("value", "paise"),
    [
        (Decimal("123.45"), 12345),
        (Decimal("1.230"), 123),
        (Decimal("-0.5"), -50),
        (Decimal("1E+2"), 10000),
        (Decimal(0), 0),
        (15, 1500),
        (-3, -300),
    ],
)
def test_decimal_to_paise(value, paise):
    assert decimal_to_paise(value) == paise
    assert type(decimal_to_paise(value)) is int


@pytest.mark.parametrize(
    "value", [Decimal("1.235"), Decimal("0.001"), Decimal("NaN"), Decimal("Infinity")]
)
def test_decimal_to_paise_refuses(value):
    with pytest.raises(AmountError):
        decimal_to_paise(value)


@pytest.mark.parametrize("value", [1.5, "1.50", True, None])
def test_decimal_to_paise_refuses_other_types(value):
    with pytest.raises(TypeError):
        decimal_to_paise(value)


@pytest.mark.parametrize(
    ("paise", "words"),
    [
        (
            12345678,
            "Rupees One Lakh Twenty-Three Thousand Four Hundred Fifty-Six"
            " and Seventy-Eight Paise Only",
        ),
        (100, "Rupees One Only"),
        (50, "Rupees Zero and Fifty Paise Only"),
        (0, "Rupees Zero Only"),
        (1, "Rupees Zero and One Paise Only"),
        (1100, "Rupees Eleven Only"),
        (2000, "Rupees Twenty Only"),
        (10100, "Rupees One Hundred One Only"),
        (100000, "Rupees One Thousand Only"),
        (10_00_000_00, "Rupees Ten Lakh Only"),
        (1_00_00_000_00, "Rupees One Crore Only"),
        (
            2_05_00_019_05,
            "Rupees Two Crore Five Lakh Nineteen and Five Paise Only",
        ),
        (
            123_45_67_890_12,
            "Rupees One Hundred Twenty-Three Crore Forty-Five Lakh Sixty-Seven Thousand"
            " Eight Hundred Ninety and Twelve Paise Only",
        ),
        (1_00_00_000_00_00_000_00, "Rupees One Crore Crore Only"),
        (
            99_99_999_99,
            "Rupees Ninety-Nine Lakh Ninety-Nine Thousand Nine Hundred"
            " Ninety-Nine and Ninety-Nine Paise Only",
        ),
    ],
)
def test_amount_in_words(paise, words):
    assert amount_in_words(paise) == words


def test_amount_in_words_refuses_negative():
    with pytest.raises(ValueError, match="zero or more"):
        amount_in_words(-1)


@given(st.integers(min_value=0, max_value=10**14))
def test_amount_in_words_shape(paise):
    words = amount_in_words(paise)
    assert words.startswith("Rupees ")
    assert words.endswith(" Only")
    assert ("Paise" in words) == (paise % 100 != 0)
    assert "  " not in words
    assert "Zero" not in words.removeprefix("Rupees Zero")


def test_check_ceiling():
    assert check_ceiling(DEFAULT_CEILING_PAISE) == DEFAULT_CEILING_PAISE
    with pytest.raises(AmountError) as caught:
        check_ceiling(12_00_000_00)
    assert str(caught.value) == "Amount ₹12,00,000.00 is over the limit of ₹10,00,000.00."
    assert check_ceiling(500, ceiling_paise=500) == 500
    with pytest.raises(AmountError):
        check_ceiling(501, ceiling_paise=500)
