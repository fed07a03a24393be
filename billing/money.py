"""Money in integer paise: parsing what people type, formatting, words for receipts.

Amounts are ``int`` paise everywhere inside the program; ``Decimal`` rupees only at the
edges. Nothing here ever goes through ``float``.
"""

from __future__ import annotations

import re
from decimal import Decimal

from billing.messages import Msg, english

__all__ = [
    "DEFAULT_CEILING_PAISE",
    "MAX_AMOUNT_TEXT",
    "MAX_INTEGER_DIGITS",
    "AmountError",
    "amount_in_words",
    "check_ceiling",
    "decimal_to_paise",
    "format_count",
    "format_inr",
    "paise_to_decimal",
    "parse_amount",
]

DEFAULT_CEILING_PAISE = 10_00_000_00
"""Largest single amount accepted by default: ₹10,00,000.00."""

MAX_INTEGER_DIGITS = 15
"""Most digits ``parse_amount`` accepts before the decimal point."""

MAX_AMOUNT_TEXT = 64
"""Longest text ``parse_amount`` reads: the longest real amount, written out with a currency
sign, Indian commas and "/-", is about 30 characters. Refusing longer text before any
pattern runs keeps every check linear, whatever is pasted."""


class AmountError(ValueError):
    """An amount that cannot be accepted; ``str(error)`` is a message for the user (in
    English), ``msg`` and ``msg_values`` the same message for the desk to translate."""

    code = "amount_invalid"

    def __init__(self, msg: Msg | str, *values: object) -> None:
        """``AmountError(Msg.AMOUNT_EMPTY)`` (a known message, with its values), or a text
        of its own (shown as written, untranslated)."""
        known = msg if isinstance(msg, Msg) else None
        super().__init__(english(known, *values) if known is not None else msg)
        self.msg = known
        self.msg_values = values


_PREFIX = re.compile(r"^(?:₹|rs\.?|inr)\s*", re.IGNORECASE)
_NOT_A_NUMBER = frozenset({"nan", "snan", "qnan", "inf", "infinity", "+inf", "+infinity"})
_EXPONENT = re.compile(r"^[0-9.,]*[0-9][0-9.,]*e[+-]?[0-9]*$", re.IGNORECASE | re.ASCII)
_SHAPE = re.compile(r"^(?P<whole>[0-9,]*)(?:\.(?P<frac>[0-9,]*))?$", re.ASCII)
_WESTERN = re.compile(r"^[0-9]{1,3}(?:,[0-9]{3})+$", re.ASCII)
_INDIAN = re.compile(r"^[0-9]{1,2}(?:,[0-9]{2})*,[0-9]{3}$", re.ASCII)
_MINUS_SIGNS = ("-", "\u2212", "\u2013")
_COUNT_WORDS = {3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine"}


def parse_amount(text: str, *, allow_zero: bool = False) -> int:
    """Parse an amount typed by a person into integer paise; raise AmountError if unfit."""
    if not isinstance(text, str):
        raise TypeError(f"parse_amount() needs a str, not {type(text).__name__}")
    body = text.strip()
    if not body:
        raise AmountError(Msg.AMOUNT_EMPTY)
    if len(body) > MAX_AMOUNT_TEXT:
        raise AmountError(Msg.AMOUNT_TOO_LONG, f"{len(body):,}")
    if body.startswith(_MINUS_SIGNS) or (body.startswith("(") and body.endswith(")")):
        raise AmountError(Msg.AMOUNT_NEGATIVE)
    body = _PREFIX.sub("", body, count=1).strip()
    body = body.removesuffix("/-").rstrip()  # "Rs. 500/-" as written on Indian bills
    if not body:
        raise AmountError(Msg.AMOUNT_AFTER_SIGN)
    if body.startswith(_MINUS_SIGNS):
        raise AmountError(Msg.AMOUNT_NEGATIVE)
    if body.lower() in _NOT_A_NUMBER:
        raise AmountError(Msg.AMOUNT_NAN)
    if any(ch.isdigit() and not ch.isascii() for ch in body):
        raise AmountError(Msg.AMOUNT_DIGITS)
    if _EXPONENT.match(body):
        raise AmountError(Msg.AMOUNT_EXPONENT)
    if body.count(".") > 1:
        raise AmountError(Msg.AMOUNT_POINTS)
    shape = _SHAPE.match(body)
    if shape is None:
        if any(ch.isalpha() for ch in body):
            raise AmountError(Msg.AMOUNT_LETTERS)
        raise AmountError(Msg.AMOUNT_CHARACTERS)
    whole, frac = shape["whole"], shape["frac"] or ""
    if not (whole.replace(",", "") or frac.replace(",", "")):
        raise AmountError(Msg.AMOUNT_ONLY_DIGITS)
    if "," in frac or ("," in whole and not (_WESTERN.match(whole) or _INDIAN.match(whole))):
        raise AmountError(Msg.AMOUNT_COMMA)
    if len(frac) > 2:
        count = _COUNT_WORDS.get(len(frac), str(len(frac)))
        raise AmountError(Msg.AMOUNT_DECIMALS, count, len(frac))
    digits = whole.replace(",", "")
    if len(digits) > MAX_INTEGER_DIGITS:
        raise AmountError(Msg.AMOUNT_TOO_MANY_DIGITS, len(digits), MAX_INTEGER_DIGITS)
    paise = int(digits or "0") * 100 + int(frac.ljust(2, "0"))
    if paise == 0 and not allow_zero:
        raise AmountError(Msg.AMOUNT_ZERO)
    return paise


def check_ceiling(paise: int, ceiling_paise: int = DEFAULT_CEILING_PAISE) -> int:
    """Return ``paise`` unchanged, or raise AmountError if it is over ``ceiling_paise``."""
    _require_int(paise, "paise")
    _require_int(ceiling_paise, "ceiling_paise")
    if paise > ceiling_paise:
        raise AmountError(Msg.AMOUNT_OVER_LIMIT, format_inr(paise), format_inr(ceiling_paise))
    return paise


def _require_int(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be int paise, not {type(value).__name__}")
    return value


def _group_indian(digits: str) -> str:
    if len(digits) <= 3:
        return digits
    head, tail = digits[:-3], digits[-3:]
    pairs: list[str] = []
    while len(head) > 2:
        pairs.insert(0, head[-2:])
        head = head[:-2]
    return ",".join([head, *pairs, tail])


def format_count(count: int) -> str:
    """A count grouped as amounts are, the Indian way: 1234567 → ``"12,34,567"``."""
    text = _group_indian(str(abs(count)))
    return f"-{text}" if count < 0 else text


def format_inr(paise: int, *, symbol: bool = True) -> str:
    """Format paise with Indian grouping: 12345678 → ``"₹1,23,456.78"``."""
    _require_int(paise, "paise")
    rupees, rest = divmod(abs(paise), 100)
    text = f"{'₹' if symbol else ''}{_group_indian(str(rupees))}.{rest:02d}"
    return f"-{text}" if paise < 0 else text


def paise_to_decimal(paise: int) -> Decimal:
    """Paise as rupees with two places: 12345 → ``Decimal("123.45")``."""
    _require_int(paise, "paise")
    return Decimal(paise).scaleb(-2)


def decimal_to_paise(value: Decimal | int) -> int:
    """Rupees (Decimal or int) to paise; AmountError if not finite or finer than a paisa.

    Judged by value: ``Decimal("1.230")`` is 123 paise; ``Decimal("1.235")`` is refused.
    """
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"decimal_to_paise() needs Decimal or int, not {type(value).__name__}")
    if isinstance(value, int):
        return value * 100
    if not value.is_finite():
        raise AmountError(Msg.AMOUNT_NOT_NUMBER)
    scaled = value.scaleb(2)
    if scaled != scaled.to_integral_value():
        raise AmountError(Msg.AMOUNT_MORE_DECIMALS, value)
    return int(scaled)


_ONES = (
    "Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten",
    "Eleven", "Twelve", "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen",
    "Nineteen",
)  # fmt: skip
_TENS = ("", "", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety")


def _below_hundred(n: int) -> str:
    if n < 20:
        return _ONES[n]
    tens, ones = divmod(n, 10)
    return _TENS[tens] if ones == 0 else f"{_TENS[tens]}-{_ONES[ones]}"


def _indian_words(n: int) -> str:
    """Words for n >= 1 in the Indian system (crore, lakh, thousand, hundred)."""
    parts: list[str] = []
    crore, n = divmod(n, 1_00_00_000)
    if crore:
        parts.append(f"{_indian_words(crore)} Crore")
    lakh, n = divmod(n, 1_00_000)
    if lakh:
        parts.append(f"{_below_hundred(lakh)} Lakh")
    thousand, n = divmod(n, 1_000)
    if thousand:
        parts.append(f"{_below_hundred(thousand)} Thousand")
    hundred, n = divmod(n, 100)
    if hundred:
        parts.append(f"{_ONES[hundred]} Hundred")
    if n:
        parts.append(_below_hundred(n))
    return " ".join(parts)


def amount_in_words(paise: int) -> str:
    """Amount for a receipt: 12345678 → ``"Rupees One Lakh Twenty-Three Thousand Four
    Hundred Fifty-Six and Seventy-Eight Paise Only"``."""
    _require_int(paise, "paise")
    if paise < 0:
        raise ValueError("amount_in_words() takes an amount of zero or more.")
    rupees, rest = divmod(paise, 100)
    words = f"Rupees {_indian_words(rupees) if rupees else 'Zero'}"
    if rest:
        words += f" and {_below_hundred(rest)} Paise"
    return f"{words} Only"
