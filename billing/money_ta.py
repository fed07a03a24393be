"""Amount in words in Tamil for receipts, beside the English ``billing.money.amount_in_words``.

Indian numbering (ஆயிரம், இலட்சம், கோடி), rupees then paise, ending in மட்டும் ("only"):
``12345678`` → ``"ஒரு இலட்சத்து இருபத்து மூவாயிரத்து நானூற்று ஐம்பத்து ஆறு ரூபாய் எழுபத்து
எட்டு பைசா மட்டும்"``.

The rules, as a Tamil reader writes an amount on a cheque or receipt:
- a number word followed by more takes its joining form: இருபது → இருபத்து, நூறு → நூற்று,
  தொள்ளாயிரம் → தொள்ளாயிரத்து, ஆயிரம் → ஆயிரத்து, இலட்சம் → இலட்சத்து, கோடி → கோடியே;
- a count of thousands fuses with ஆயிரம்: இரண்டாயிரம், மூவாயிரம், பதினோராயிரம்,
  இருபத்து ஓராயிரம்; one thousand alone is ஆயிரம், one hundred alone is நூறு;
- a number in front of a noun (ரூபாய், பைசா, இலட்சம், கோடி) ends in ஒரு, not ஒன்று:
  ஒரு ரூபாய், பதினொரு இலட்சம், நூற்று ஒரு கோடி.
Words are separated by spaces (இருபத்து ஒன்று, not the fused இருபத்தொன்று) so each part
reads on its own on a narrow receipt; the glossary (resources/i18n/GLOSSARY.md) says the same.
Pure stdlib, like the rest of billing/.
"""

from __future__ import annotations

__all__ = [
    "ONLY_WORD_TA",
    "PAISE_WORD_TA",
    "RUPEE_WORD_TA",
    "amount_in_words_ta",
    "number_in_words_ta",
]

RUPEE_WORD_TA = "ரூபாய்"
PAISE_WORD_TA = "பைசா"
ONLY_WORD_TA = "மட்டும்"

_ZERO = "பூஜ்ஜியம்"
_ONES = (
    "", "ஒன்று", "இரண்டு", "மூன்று", "நான்கு", "ஐந்து", "ஆறு", "ஏழு", "எட்டு", "ஒன்பது",
    "பத்து", "பதினொன்று", "பன்னிரண்டு", "பதின்மூன்று", "பதினான்கு", "பதினைந்து", "பதினாறு",
    "பதினேழு", "பதினெட்டு", "பத்தொன்பது",
)  # fmt: skip
_TENS = ("", "", "இருபது", "முப்பது", "நாற்பது", "ஐம்பது", "அறுபது", "எழுபது", "எண்பது", "தொண்ணூறு")
_TENS_JOINING = (
    "", "", "இருபத்து", "முப்பத்து", "நாற்பத்து", "ஐம்பத்து", "அறுபத்து", "எழுபத்து",
    "எண்பத்து", "தொண்ணூற்று",
)  # fmt: skip
_HUNDREDS = (
    "", "நூறு", "இருநூறு", "முந்நூறு", "நானூறு", "ஐந்நூறு", "அறுநூறு", "எழுநூறு",
    "எண்ணூறு", "தொள்ளாயிரம்",
)  # fmt: skip
_HUNDREDS_JOINING = (
    "", "நூற்று", "இருநூற்று", "முந்நூற்று", "நானூற்று", "ஐந்நூற்று", "அறுநூற்று",
    "எழுநூற்று", "எண்ணூற்று", "தொள்ளாயிரத்து",
)  # fmt: skip
_THOUSANDS_FUSED = {
    1: "ஓராயிரம்", 2: "இரண்டாயிரம்", 3: "மூவாயிரம்", 4: "நான்காயிரம்", 5: "ஐந்தாயிரம்",
    6: "ஆறாயிரம்", 7: "ஏழாயிரம்", 8: "எட்டாயிரம்", 9: "ஒன்பதாயிரம்", 10: "பத்தாயிரம்",
    11: "பதினோராயிரம்", 12: "பன்னிரண்டாயிரம்", 13: "பதின்மூன்றாயிரம்", 14: "பதினான்காயிரம்",
    15: "பதினைந்தாயிரம்", 16: "பதினாறாயிரம்", 17: "பதினேழாயிரம்", 18: "பதினெட்டாயிரம்",
    19: "பத்தொன்பதாயிரம்", 20: "இருபதாயிரம்", 30: "முப்பதாயிரம்", 40: "நாற்பதாயிரம்",
    50: "ஐம்பதாயிரம்", 60: "அறுபதாயிரம்", 70: "எழுபதாயிரம்", 80: "எண்பதாயிரம்",
    90: "தொண்ணூறாயிரம்",
}  # fmt: skip
_BEFORE_NOUN = {"ஒன்று": "ஒரு", "பதினொன்று": "பதினொரு"}
_LAKH = "இலட்சம்"
_LAKH_JOINING = "இலட்சத்து"
_CRORE = "கோடி"
_CRORE_JOINING = "கோடியே"


def _below_hundred(n: int) -> str:
    if n < 20:
        return _ONES[n]
    tens, ones = divmod(n, 10)
    return _TENS[tens] if ones == 0 else f"{_TENS_JOINING[tens]} {_ONES[ones]}"


def _before_noun(words: str) -> str:
    """The form a number takes in front of a noun: the last ஒன்று becomes ஒரு."""
    head, _, last = words.rpartition(" ")
    last = _BEFORE_NOUN.get(last, last)
    return f"{head} {last}" if head else last


def _thousands(n: int) -> str:
    """1..99 thousands, the count fused with ஆயிரம்: 2 → இரண்டாயிரம், 21 → இருபத்து ஓராயிரம்."""
    if n == 1:
        return "ஆயிரம்"
    if n in _THOUSANDS_FUSED:
        return _THOUSANDS_FUSED[n]
    tens, ones = divmod(n, 10)
    return f"{_TENS_JOINING[tens]} {_THOUSANDS_FUSED[ones]}"


def _joining(chunk: str) -> str:
    """The form of a chunk followed by more: ...ஆயிரம் → ...ஆயிரத்து, ...இலட்சம் → ...இலட்சத்து."""
    if chunk.endswith("ம்"):
        return chunk[: -len("ம்")] + "த்து"
    if chunk.endswith(_CRORE):
        return chunk[: -len(_CRORE)] + _CRORE_JOINING
    raise AssertionError(f"no joining form for {chunk!r}")  # every chunk above ends in one


def _chunks(n: int) -> list[tuple[str, str]]:
    """(alone, followed-by-more) forms of each part of n >= 1, largest first."""
    parts: list[tuple[str, str]] = []
    crore, n = divmod(n, 1_00_00_000)
    if crore:
        alone = f"{_before_noun(number_in_words_ta(crore))} {_CRORE}"
        parts.append((alone, _joining(alone)))
    lakh, n = divmod(n, 1_00_000)
    if lakh:
        alone = f"{_before_noun(_below_hundred(lakh))} {_LAKH}"
        parts.append((alone, _joining(alone)))
    thousand, n = divmod(n, 1_000)
    if thousand:
        alone = _thousands(thousand)
        parts.append((alone, _joining(alone)))
    hundred, n = divmod(n, 100)
    if hundred:
        parts.append((_HUNDREDS[hundred], _HUNDREDS_JOINING[hundred]))
    if n:
        parts.append((_below_hundred(n), _below_hundred(n)))
    return parts


def number_in_words_ta(n: int) -> str:
    """A whole number >= 0 in Tamil words, as said alone: 21 → ``"இருபத்து ஒன்று"``."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"number_in_words_ta() needs an int, not {type(n).__name__}")
    if n < 0:
        raise ValueError("number_in_words_ta() takes a number of zero or more.")
    if n == 0:
        return _ZERO
    parts = _chunks(n)
    return " ".join([joining for _, joining in parts[:-1]] + [parts[-1][0]])


def amount_in_words_ta(paise: int) -> str:
    """Amount for a Tamil receipt: 150 → ``"ஒரு ரூபாய் ஐம்பது பைசா மட்டும்"``."""
    if isinstance(paise, bool) or not isinstance(paise, int):
        raise TypeError(f"paise must be int paise, not {type(paise).__name__}")
    if paise < 0:
        raise ValueError("amount_in_words_ta() takes an amount of zero or more.")
    rupees, rest = divmod(paise, 100)
    words = f"{_before_noun(number_in_words_ta(rupees))} {RUPEE_WORD_TA}"
    if rest:
        words += f" {_before_noun(number_in_words_ta(rest))} {PAISE_WORD_TA}"
    return f"{words} {ONLY_WORD_TA}"
