"""Masking never reveals more than the pattern: F***L per word, +91 •••••••DDD."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from billing.masking import BULLET, HIDDEN_NAME, mask_mobile, mask_name, mask_word


def test_examples_from_the_issue():
    assert mask_name("Sneha Kumar") == "S***a K***r"
    assert mask_mobile("+919876543210") == "+91 •••••••210"
    assert mask_mobile("9876543210") == "+91 •••••••210"
    assert mask_mobile("+91 98765 43210") == "+91 •••••••210"


def test_short_words_and_odd_input():
    assert mask_name("Li") == "L***"
    assert mask_name("R. Kumar") == "R*** K***r"
    assert mask_name("") == HIDDEN_NAME
    assert mask_name(None) == HIDDEN_NAME
    assert mask_name("  ...  ") == HIDDEN_NAME
    assert mask_mobile(None) == BULLET * 5
    assert mask_mobile("12345") == BULLET * 5
    assert mask_mobile("+1 415 555 0100") == BULLET * 5 + "00"


def test_length_is_not_told():
    assert mask_name("Sam") == "S***m"
    assert mask_name("Subramaniam") == "S***m"


letters = st.characters(categories=("L", "N"))
words = st.text(alphabet=letters, min_size=1, max_size=30)


@given(st.lists(words, min_size=1, max_size=6))
def test_name_reveals_at_most_first_and_last_of_each_word(parts):
    masked = mask_name(" ".join(parts)).split(" ")
    assert len(masked) == len(parts)
    for word, shown in zip(parts, masked, strict=True):
        assert shown.count("***") >= 1
        revealed = shown.replace("***", "")
        assert len(revealed) <= 2
        assert len(revealed) < len(word) or (len(word) == 1 and revealed == word)
        assert revealed[0] == word[0]
        if len(revealed) == 2:
            assert revealed[1] == word[-1]


@given(st.text(max_size=60))
def test_any_name_text_is_masked_without_error(name):
    shown = mask_name(name)
    assert "***" in shown
    for part in shown.split(" "):
        assert len(part.replace("***", "")) <= 2


@given(st.text(alphabet="0123456789", min_size=10, max_size=10).filter(lambda d: d[0] in "6789"))
def test_indian_mobile_shows_only_its_last_three_digits(national):
    shown = mask_mobile("+91" + national)
    assert re.fullmatch(r"\+91 •{7}\d\d\d", shown)
    assert shown == f"+91 {BULLET * 7}{national[-3:]}"


@given(st.text(max_size=25))
def test_any_mobile_reveals_at_most_its_last_three_digits(text_in):
    """Issue 14, finding 1: with five digits shown, a look-up per remaining combination
    (100,000) recovered the number; at most the last three leave 4,000,000 (first digit 6-9)."""
    shown = mask_mobile(text_in)
    digits_in = [c for c in text_in if c.isascii() and c.isdigit()]
    shown_digits = "".join(c for c in shown.removeprefix("+91 ") if c.isdigit())
    assert len(shown_digits) <= 3
    assert len(shown_digits) <= len(digits_in) // 2
    assert "".join(digits_in).endswith(shown_digits)
    assert BULLET in shown


@given(words)
def test_mask_word_never_whole_word_beyond_one_letter(word):
    shown = mask_word(word)
    assert shown != word
    assert shown.startswith(word[0])
