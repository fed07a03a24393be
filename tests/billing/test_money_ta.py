"""Tamil amount in words: worked examples checked by hand, then properties over the range."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from billing.money_ta import (
    ONLY_WORD_TA,
    PAISE_WORD_TA,
    RUPEE_WORD_TA,
    amount_in_words_ta,
    number_in_words_ta,
)

TAMIL_BLOCK = range(0x0B80, 0x0C00)
JOINING_AND_ALONE_FORMS = {
    "இருபத்து", "முப்பத்து", "நாற்பத்து", "ஐம்பத்து", "அறுபத்து", "எழுபத்து", "எண்பத்து",
    "தொண்ணூற்று", "நூற்று", "இருநூற்று", "முந்நூற்று", "நானூற்று", "ஐந்நூற்று", "அறுநூற்று",
    "எழுநூற்று", "எண்ணூற்று", "தொள்ளாயிரத்து",
    "ஒன்று", "பதினொன்று",  # before a noun these are ஒரு, பதினொரு
}  # fmt: skip


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "பூஜ்ஜியம்"),
        (1, "ஒன்று"),
        (2, "இரண்டு"),
        (3, "மூன்று"),
        (4, "நான்கு"),
        (5, "ஐந்து"),
        (6, "ஆறு"),
        (7, "ஏழு"),
        (8, "எட்டு"),
        (9, "ஒன்பது"),
        (10, "பத்து"),
        (11, "பதினொன்று"),
        (12, "பன்னிரண்டு"),
        (13, "பதின்மூன்று"),
        (14, "பதினான்கு"),
        (15, "பதினைந்து"),
        (16, "பதினாறு"),
        (17, "பதினேழு"),
        (18, "பதினெட்டு"),
        (19, "பத்தொன்பது"),
        (20, "இருபது"),
        (21, "இருபத்து ஒன்று"),
        (25, "இருபத்து ஐந்து"),
        (30, "முப்பது"),
        (34, "முப்பத்து நான்கு"),
        (40, "நாற்பது"),
        (47, "நாற்பத்து ஏழு"),
        (50, "ஐம்பது"),
        (56, "ஐம்பத்து ஆறு"),
        (60, "அறுபது"),
        (63, "அறுபத்து மூன்று"),
        (70, "எழுபது"),
        (78, "எழுபத்து எட்டு"),
        (80, "எண்பது"),
        (89, "எண்பத்து ஒன்பது"),
        (90, "தொண்ணூறு"),
        (99, "தொண்ணூற்று ஒன்பது"),
        (100, "நூறு"),
        (101, "நூற்று ஒன்று"),
        (110, "நூற்று பத்து"),
        (123, "நூற்று இருபத்து மூன்று"),
        (200, "இருநூறு"),
        (250, "இருநூற்று ஐம்பது"),
        (300, "முந்நூறு"),
        (400, "நானூறு"),
        (456, "நானூற்று ஐம்பத்து ஆறு"),
        (500, "ஐந்நூறு"),
        (600, "அறுநூறு"),
        (700, "எழுநூறு"),
        (800, "எண்ணூறு"),
        (900, "தொள்ளாயிரம்"),
        (999, "தொள்ளாயிரத்து தொண்ணூற்று ஒன்பது"),
        (1000, "ஆயிரம்"),
        (1001, "ஆயிரத்து ஒன்று"),
        (1500, "ஆயிரத்து ஐந்நூறு"),
        (2000, "இரண்டாயிரம்"),
        (3000, "மூவாயிரம்"),
        (4000, "நான்காயிரம்"),
        (5000, "ஐந்தாயிரம்"),
        (6000, "ஆறாயிரம்"),
        (7000, "ஏழாயிரம்"),
        (8000, "எட்டாயிரம்"),
        (9000, "ஒன்பதாயிரம்"),
        (9999, "ஒன்பதாயிரத்து தொள்ளாயிரத்து தொண்ணூற்று ஒன்பது"),
        (10000, "பத்தாயிரம்"),
        (11000, "பதினோராயிரம்"),
        (12000, "பன்னிரண்டாயிரம்"),
        (19000, "பத்தொன்பதாயிரம்"),
        (20000, "இருபதாயிரம்"),
        (21000, "இருபத்து ஓராயிரம்"),
        (23456, "இருபத்து மூவாயிரத்து நானூற்று ஐம்பத்து ஆறு"),
        (45000, "நாற்பத்து ஐந்தாயிரம்"),
        (90000, "தொண்ணூறாயிரம்"),
        (99999, "தொண்ணூற்று ஒன்பதாயிரத்து தொள்ளாயிரத்து தொண்ணூற்று ஒன்பது"),
        (1_00_000, "ஒரு இலட்சம்"),
        (1_00_001, "ஒரு இலட்சத்து ஒன்று"),
        (1_23_456, "ஒரு இலட்சத்து இருபத்து மூவாயிரத்து நானூற்று ஐம்பத்து ஆறு"),
        (2_00_000, "இரண்டு இலட்சம்"),
        (10_00_000, "பத்து இலட்சம்"),
        (11_00_000, "பதினொரு இலட்சம்"),
        (21_00_000, "இருபத்து ஒரு இலட்சம்"),
        (99_99_999, "தொண்ணூற்று ஒன்பது இலட்சத்து தொண்ணூற்று ஒன்பதாயிரத்து தொள்ளாயிரத்து"
         " தொண்ணூற்று ஒன்பது"),
        (1_00_00_000, "ஒரு கோடி"),
        (1_50_00_000, "ஒரு கோடியே ஐம்பது இலட்சம்"),
        (1_00_01_000, "ஒரு கோடியே ஆயிரம்"),
        (12_34_56_789, "பன்னிரண்டு கோடியே முப்பத்து நான்கு இலட்சத்து ஐம்பத்து ஆறாயிரத்து"
         " எழுநூற்று எண்பத்து ஒன்பது"),
        (101_00_00_000, "நூற்று ஒரு கோடி"),
        (1000_00_00_000, "ஆயிரம் கோடி"),
    ],
)  # fmt: skip
def test_number_in_words_ta(n, words):
    assert number_in_words_ta(n) == words


@pytest.mark.parametrize(
    ("paise", "words"),
    [
        (0, "பூஜ்ஜியம் ரூபாய் மட்டும்"),
        (1, "பூஜ்ஜியம் ரூபாய் ஒரு பைசா மட்டும்"),
        (50, "பூஜ்ஜியம் ரூபாய் ஐம்பது பைசா மட்டும்"),
        (100, "ஒரு ரூபாய் மட்டும்"),
        (150, "ஒரு ரூபாய் ஐம்பது பைசா மட்டும்"),
        (1100, "பதினொரு ரூபாய் மட்டும்"),
        (2100, "இருபத்து ஒரு ரூபாய் மட்டும்"),
        (2111, "இருபத்து ஒரு ரூபாய் பதினொரு பைசா மட்டும்"),
        (10000, "நூறு ரூபாய் மட்டும்"),
        (10100, "நூற்று ஒரு ரூபாய் மட்டும்"),
        (59900, "ஐந்நூற்று தொண்ணூற்று ஒன்பது ரூபாய் மட்டும்"),
        (100000, "ஆயிரம் ரூபாய் மட்டும்"),
        (100100, "ஆயிரத்து ஒரு ரூபாய் மட்டும்"),
        (123456, "ஆயிரத்து இருநூற்று முப்பத்து நான்கு ரூபாய் ஐம்பத்து ஆறு பைசா மட்டும்"),
        (12345678, "ஒரு இலட்சத்து இருபத்து மூவாயிரத்து நானூற்று ஐம்பத்து ஆறு ரூபாய்"
         " எழுபத்து எட்டு பைசா மட்டும்"),
        (10_00_000_00, "பத்து இலட்சம் ரூபாய் மட்டும்"),
        (1_00_00_000_01, "ஒரு கோடி ரூபாய் ஒரு பைசா மட்டும்"),
    ],
)  # fmt: skip
def test_amount_in_words_ta(paise, words):
    assert amount_in_words_ta(paise) == words


@pytest.mark.parametrize("bad", [-1, -100])
def test_amount_in_words_ta_refuses_negative(bad):
    with pytest.raises(ValueError, match="zero or more"):
        amount_in_words_ta(bad)


@pytest.mark.parametrize("bad", [1.5, "100", True, None])
def test_amount_in_words_ta_refuses_what_is_not_int_paise(bad):
    with pytest.raises(TypeError):
        amount_in_words_ta(bad)


@given(st.integers(min_value=0, max_value=10**12))
def test_amount_in_words_ta_shape(paise):
    words = amount_in_words_ta(paise)
    assert words.endswith(f"{RUPEE_WORD_TA} {ONLY_WORD_TA}") == (paise % 100 == 0)
    assert words.endswith(ONLY_WORD_TA)
    assert words.split().count(RUPEE_WORD_TA) == 1
    assert (PAISE_WORD_TA in words) == (paise % 100 != 0)
    # Tamil letters and single spaces only: no digits, no leftover English, no gaps
    assert all(ord(ch) in TAMIL_BLOCK or ch == " " for ch in words)
    assert "  " not in words and words == words.strip()
    # a joining form never ends the rupees or the paise
    for noun in (RUPEE_WORD_TA, PAISE_WORD_TA):
        before, found, _ = words.partition(f" {noun}")
        if found:
            last = before.split()[-1]
            assert last not in JOINING_AND_ALONE_FORMS, words
            assert not last.endswith(("ஆயிரத்து", "இலட்சத்து", "கோடியே")), words


@given(st.integers(min_value=1, max_value=10**10))
def test_number_words_grow_with_each_part(n):
    """Every non-zero part of the number says something: the word count never drops
    below the number of non-zero Indian groups (crore, lakh, thousand, hundred, rest)."""
    crore, rest = divmod(n, 1_00_00_000)
    groups = [crore, *(d for d in (rest // 1_00_000, rest // 1000 % 100, rest // 100 % 10,
                                   rest % 100))]  # fmt: skip
    assert len(number_in_words_ta(n).split()) >= sum(1 for g in groups if g)


@given(st.integers(min_value=1, max_value=99))
def test_a_number_below_a_hundred_reads_the_same_as_paise(n):
    as_rupees = amount_in_words_ta(n * 100).removesuffix(f" {RUPEE_WORD_TA} {ONLY_WORD_TA}")
    assert amount_in_words_ta(n) == f"பூஜ்ஜியம் ரூபாய் {as_rupees} {PAISE_WORD_TA} {ONLY_WORD_TA}"
