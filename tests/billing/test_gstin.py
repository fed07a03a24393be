"""GSTIN format, state code and check character; place of supply."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from billing.gstin import (
    STATES,
    GstinError,
    check_character,
    place_of_supply,
    state_name,
    validate_gstin,
)

# Published valid GSTINs: python-stdnum's documentation (27AAPFU0939F1ZV) and test lists of
# other open-source validators; each check character agrees with the GSTN algorithm.
PUBLISHED_VALID = ["27AAPFU0939F1ZV", "29AAGCB7383J1Z4", "33AACCM9093R1ZP", "07AAGFF2194N1Z1"]


@pytest.mark.parametrize("gstin", PUBLISHED_VALID)
def test_published_gstins_are_valid(gstin: str) -> None:
    assert validate_gstin(gstin) == gstin
    assert check_character(gstin[:14]) == gstin[14]


def test_a_gstin_is_cleaned_as_people_type_it() -> None:
    assert validate_gstin(" 33aaccm9093r1zp ") == "33AACCM9093R1ZP"
    assert validate_gstin("33-AACCM-9093R-1ZP") == "33AACCM9093R1ZP"


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "Enter the GSTIN"),
        ("27AAPFU0939F1Z", "14 characters"),
        ("27AAPFU0939F1ZVV", "16 characters"),
        ("27AAPFU0939F1ZO", "should be V"),  # python-stdnum's bad-checksum example
        ("27AAPFU0939F1AA", "pattern"),  # 14th character must be Z
        ("2AAAPFU0939F1ZV", "pattern"),
        ("27AAPF00939F1ZV", "pattern"),
        ("27AAPFU0939F0ZV", "pattern"),  # entity code starts at 1
        ("25AAPFU0939F1ZV", "merged into 26"),
        ("28AAPFU0939F1ZV", "use 37"),
        ("40AAPFU0939F1ZV", "not a GST state code"),
    ],
)
def test_bad_gstins_are_refused_with_what_is_wrong(text: str, says: str) -> None:
    with pytest.raises(GstinError, match=says):
        validate_gstin(text)


def test_wrong_check_character_has_its_own_code() -> None:
    with pytest.raises(GstinError) as info:
        validate_gstin("33AACCM9093R1ZQ")
    assert info.value.code == "gstin_checksum"


def test_a_state_that_does_not_match_the_gstin_is_refused() -> None:
    assert validate_gstin("33AACCM9093R1ZP", state="33") == "33AACCM9093R1ZP"
    with pytest.raises(GstinError, match="registered in Tamil Nadu") as info:
        validate_gstin("33AACCM9093R1ZP", state="29")
    assert info.value.code == "gstin_state_mismatch"


def test_state_names_and_place_of_supply() -> None:
    assert state_name("33") == "Tamil Nadu"
    assert state_name("7") == "Delhi"
    assert state_name("38") == "Ladakh"
    assert state_name("97") == "Other Territory"
    assert place_of_supply("33") == "33 - Tamil Nadu"
    assert len(STATES) == 38  # 01-38 less the retired 25 and 28, plus 97 and 99


_ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
first14 = st.tuples(
    st.sampled_from(sorted(STATES)),
    st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=5, max_size=5),
    st.text("0123456789", min_size=4, max_size=4),
    st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
    st.sampled_from(_ALNUM[1:]),
).map(lambda t: "".join(t) + "Z")


@given(first14, st.sampled_from(_ALNUM))
def test_exactly_one_check_character_fits(head: str, last: str) -> None:
    gstin = head + last
    if last == check_character(head):
        assert validate_gstin(gstin) == gstin
    else:
        with pytest.raises(GstinError, match="check character"):
            validate_gstin(gstin)


@given(first14, st.integers(min_value=2, max_value=13), st.sampled_from(_ALNUM))
def test_a_single_mistyped_character_is_caught(head: str, at: int, other: str) -> None:
    gstin = head + check_character(head)
    typo = gstin[:at] + other + gstin[at + 1:]
    if typo == gstin:
        return
    with pytest.raises(GstinError):
        validate_gstin(typo)
