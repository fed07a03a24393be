"""GSTINs and the places of supply they name: format, state code, and check character.

A GSTIN (GST Identification Number) is 15 characters::

    33  AACCM9093R  1  Z  P
    |   |           |  |  check character (mod-36, below)
    |   |           |  "Z" by default
    |   entity code: 1-9 then A-Z, the holder's n-th registration in that state
    |   the holder's PAN: 5 letters, 4 digits, 1 letter
    state code (the list below)

The check character is the GSTN's mod-36 checksum over the first 14 characters: each
character is worth its place in ``0-9A-Z`` (0 to 35); odd positions (counting from one)
weigh 1, even positions 2; each product adds ``product // 36 + product % 36``; the check is
``(36 - sum % 36) % 36`` written back in ``0-9A-Z``. Published valid examples the tests
use: ``27AAPFU0939F1ZV`` (python-stdnum's documentation), ``29AAGCB7383J1Z4``,
``33AACCM9093R1ZP``.

State codes are the GST state code list (CBIC / GSTN, as used for place of supply on
e-invoices): 01-24, 26 (Dadra and Nagar Haveli and Daman and Diu, merged in 2020; the old
25 Daman and Diu is no longer issued), 27, 29-38 (37 is Andhra Pradesh since 2014; the old
28 is no longer issued), 97 Other Territory and 99 Centre Jurisdiction. The two retired
codes are refused for new documents.
"""

from __future__ import annotations

import re

from billing.messages import EMPTY_VALUE, Msg
from billing.refusal import Refusal

__all__ = [
    "HOME_STATE_CODE",
    "STATES",
    "GstinError",
    "check_character",
    "clean_gstin",
    "gstin_state",
    "place_of_supply",
    "state_name",
    "validate_gstin",
]

HOME_STATE_CODE = "33"
"""Tamil Nadu: the operator's state unless settings say otherwise."""

STATES: dict[str, str] = {
    "01": "Jammu and Kashmir",
    "02": "Himachal Pradesh",
    "03": "Punjab",
    "04": "Chandigarh",
    "05": "Uttarakhand",
    "06": "Haryana",
    "07": "Delhi",
    "08": "Rajasthan",
    "09": "Uttar Pradesh",
    "10": "Bihar",
    "11": "Sikkim",
    "12": "Arunachal Pradesh",
    "13": "Nagaland",
    "14": "Manipur",
    "15": "Mizoram",
    "16": "Tripura",
    "17": "Meghalaya",
    "18": "Assam",
    "19": "West Bengal",
    "20": "Jharkhand",
    "21": "Odisha",
    "22": "Chhattisgarh",
    "23": "Madhya Pradesh",
    "24": "Gujarat",
    "26": "Dadra and Nagar Haveli and Daman and Diu",
    "27": "Maharashtra",
    "29": "Karnataka",
    "30": "Goa",
    "31": "Lakshadweep",
    "32": "Kerala",
    "33": "Tamil Nadu",
    "34": "Puducherry",
    "35": "Andaman and Nicobar Islands",
    "36": "Telangana",
    "37": "Andhra Pradesh",
    "38": "Ladakh",
    "97": "Other Territory",
    "99": "Centre Jurisdiction",
}
"""GST state codes in use, code → name."""

_RETIRED = {  # state codes no longer issued → the refusal that says which to use
    "25": Msg.STATE_MERGED_25,
    "28": Msg.STATE_RETIRED_28,
}
_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_SHAPE = re.compile(r"^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$", re.ASCII)
_SEPARATORS = re.compile(r"[\s\-]+")


class GstinError(Refusal, ValueError):
    """A GSTIN or state code that cannot be used; ``str(error)`` is for the user."""

    default_code = "gstin_invalid"


def state_name(code: str) -> str:
    """The name of GST state ``code`` ("33" → "Tamil Nadu"); GstinError if unknown."""
    if not isinstance(code, str):
        raise TypeError(f"state code must be str, not {type(code).__name__}")
    text = code.strip()
    if len(text) == 1 and text.isdigit():
        text = f"0{text}"
    if text in _RETIRED:
        raise GstinError.of(_RETIRED[text], code="state_invalid")
    name = STATES.get(text)
    if name is None:
        raise GstinError.of(Msg.STATE_UNKNOWN, code.strip() or EMPTY_VALUE, code="state_invalid")
    return name


def place_of_supply(code: str) -> str:
    """The place of supply as printed on a GST document: ``"33 - Tamil Nadu"``."""
    name = state_name(code)
    text = code.strip().zfill(2)
    return f"{text} - {name}"


def check_character(first14: str) -> str:
    """The GSTN mod-36 check character for the first 14 characters of a GSTIN."""
    if len(first14) != 14 or any(ch not in _ALPHABET for ch in first14):
        raise GstinError.of(Msg.GSTIN_CHARACTERS)
    total = 0
    for position, ch in enumerate(first14):
        product = _ALPHABET.index(ch) * (2 if position % 2 else 1)
        total += product // 36 + product % 36
    return _ALPHABET[(36 - total % 36) % 36]


def clean_gstin(text: str) -> str:
    """Upper case, spaces and hyphens removed (as people copy it from a bill)."""
    if not isinstance(text, str):
        raise TypeError(f"GSTIN must be str, not {type(text).__name__}")
    return _SEPARATORS.sub("", text).upper()


def validate_gstin(text: str, *, state: str | None = None) -> str:
    """Return the GSTIN cleaned, or raise GstinError saying what is wrong.

    With ``state`` (a GST state code), a GSTIN registered in another state is refused: a
    GSTIN's first two digits are the state it was issued in.
    """
    gstin = clean_gstin(text)
    if not gstin:
        raise GstinError.of(Msg.GSTIN_EMPTY)
    if len(gstin) != 15:
        raise GstinError.of(Msg.GSTIN_LENGTH, len(gstin))
    if not _SHAPE.match(gstin):
        raise GstinError.of(Msg.GSTIN_PATTERN, gstin)
    state_name(gstin[:2])  # raises for an unknown or retired state code
    expected = check_character(gstin[:14])
    if gstin[14] != expected:
        raise GstinError.of(Msg.GSTIN_CHECKSUM, gstin, expected, code="gstin_checksum")
    if state is not None:
        state_code = state.strip().zfill(2)
        state_name(state_code)
        if gstin[:2] != state_code:
            raise GstinError.of(Msg.GSTIN_STATE_MISMATCH, gstin, STATES[gstin[:2]],
                                gstin[:2], STATES[state_code], state_code,
                                code="gstin_state_mismatch")
    return gstin


def gstin_state(gstin: str) -> str:
    """The state code a valid GSTIN was issued in."""
    return validate_gstin(gstin)[:2]
