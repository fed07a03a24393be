"""GST split: one rule, integer paise, CGST + SGST == IGST to the paisa."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from billing.gstin import STATES
from billing.tax import (
    DEFAULT_RATE_BP,
    TaxError,
    format_rate,
    parse_rate,
    split_exclusive,
    split_inclusive,
)

# taxable, place, (cgst, sgst, igst)
EXCLUSIVE = [
    (100_000, "33", (9_000, 9_000, 0)),  # ₹1,000 within Tamil Nadu
    (100_000, "29", (0, 0, 18_000)),  # ₹1,000 to Karnataka
    (0, "33", (0, 0, 0)),
    (1, "33", (0, 0, 0)),  # 0.18 paisa rounds to nothing
    (3, "33", (1, 0, 0)),  # 0.54 → 1 paisa; the odd paisa is CGST's
    (3, "07", (0, 0, 1)),
    (50_763, "33", (4_569, 4_568, 0)),  # 9137.34 → 9137
    (84_746, "33", (7_627, 7_627, 0)),  # 15254.28 → 15254
    (59_900, "36", (0, 0, 10_782)),
]

# total paid, place, (taxable, cgst, sgst, igst)
INCLUSIVE = [
    (118_000, "33", (100_000, 9_000, 9_000, 0)),
    (118_000, "27", (100_000, 0, 0, 18_000)),
    (59_900, "33", (50_763, 4_569, 4_568, 0)),  # ₹599 plan, GST inside
    (99_900, "33", (84_661, 7_620, 7_619, 0)),
    (1, "33", (1, 0, 0, 0)),
    (0, "33", (0, 0, 0, 0)),
]


@pytest.mark.parametrize(("taxable", "place", "heads"), EXCLUSIVE)
def test_tax_exclusive_table(taxable: int, place: str, heads: tuple[int, int, int]) -> None:
    split = split_exclusive(taxable, place_of_supply=place)
    assert (split.cgst_paise, split.sgst_paise, split.igst_paise) == heads
    assert split.total_paise == taxable + sum(heads)


@pytest.mark.parametrize(("total", "place", "heads"), INCLUSIVE)
def test_tax_inclusive_table(total: int, place: str, heads: tuple[int, int, int, int]) -> None:
    split = split_inclusive(total, place_of_supply=place)
    assert (split.taxable_paise, split.cgst_paise, split.sgst_paise, split.igst_paise) == heads
    assert split.total_paise == total


def test_operator_in_another_state_is_intra_state_there() -> None:
    split = split_exclusive(100_000, place_of_supply="29", supplier_state="29")
    assert split.intra_state and split.cgst_paise == split.sgst_paise == 9_000


@pytest.mark.parametrize("amount", [-1, -100_000])
def test_a_negative_amount_is_refused_before_its_tax_rounds_negative(amount: int) -> None:
    for fn in (split_exclusive, split_inclusive):
        with pytest.raises(TaxError, match="negative") as info:
            fn(amount, place_of_supply="33")
        assert info.value.code == "tax_negative"


@pytest.mark.parametrize("place", ["00", "25", "28", "40", "96", "XX", ""])
def test_an_unknown_place_of_supply_is_refused(place: str) -> None:
    with pytest.raises(ValueError, match=r"[Ss]tate code"):
        split_exclusive(100, place_of_supply=place)


def test_float_money_is_a_programming_error() -> None:
    with pytest.raises(TypeError):
        split_exclusive(100.0, place_of_supply="33")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "bp"), [("18", 1800), ("18%", 1800), (" 12.5 ", 1250), ("5", 500), ("0", 0),
                     ("28.00", 2800)],
)
def test_parse_rate(text: str, bp: int) -> None:
    assert parse_rate(text) == bp


@pytest.mark.parametrize("text", ["", "-18", "18.555", "abc", "101", "0.25", "1e2"])
def test_parse_rate_refuses(text: str) -> None:
    with pytest.raises(TaxError):
        parse_rate(text)


def test_format_rate() -> None:
    assert [format_rate(x) for x in (1800, 900, 250, 1250, 0)] == [
        "18%", "9%", "2.5%", "12.5%", "0%"]


amounts = st.integers(min_value=0, max_value=10**13)
places = st.sampled_from(sorted(STATES))
rates = st.integers(min_value=0, max_value=5000).map(lambda r: r * 2)


@given(amounts, places, places, rates)
def test_exclusive_heads_add_up_whatever_the_states(
    taxable: int, supplier: str, place: str, rate: int
) -> None:
    split = split_exclusive(taxable, place_of_supply=place, supplier_state=supplier,
                            rate_bp=rate)
    inter = split_exclusive(taxable, place_of_supply="07" if supplier != "07" else "33",
                            supplier_state=supplier, rate_bp=rate)
    assert split.cgst_paise + split.sgst_paise + split.igst_paise == inter.igst_paise
    assert split.intra_state == (supplier == place)
    if split.intra_state:
        assert split.igst_paise == 0 and 0 <= split.cgst_paise - split.sgst_paise <= 1
    else:
        assert split.cgst_paise == split.sgst_paise == 0
    # the whole tax is within half a paisa of the exact figure
    assert abs(2 * 10_000 * split.tax_paise - 2 * taxable * rate) <= 10_000
    assert min(split.cgst_paise, split.sgst_paise, split.igst_paise) >= 0


@given(amounts, places, rates)
def test_inclusive_split_gives_back_exactly_what_was_paid(total: int, place: str,
                                                          rate: int) -> None:
    split = split_inclusive(total, place_of_supply=place, rate_bp=rate)
    assert split.total_paise == total
    assert split.taxable_paise >= 0 and split.tax_paise >= 0
    # the taxable value is within half a paisa of total / (1 + rate)
    assert abs(2 * split.taxable_paise * (10_000 + rate) - 2 * total * 10_000) <= 10_000 + rate
    other = split_inclusive(total, place_of_supply="07" if place != "07" else "33",
                            rate_bp=rate)
    assert other.tax_paise == split.tax_paise


@given(st.integers(min_value=0, max_value=10**9))
def test_default_rate_is_eighteen_percent(taxable: int) -> None:
    split = split_exclusive(taxable, place_of_supply="33")
    assert split.rate_bp == DEFAULT_RATE_BP == 1800
    assert split.half_rate_bp == 900
