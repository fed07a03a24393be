"""The UPI payment intent (``upi://pay?...``) a kiosk shows as a dynamic QR code.

NPCI's deep-link format, which every UPI app scans: payee VPA ``pa``, payee name ``pn``,
amount ``am`` in rupees with exactly two decimals, currency ``cu=INR``, the merchant's
transaction reference ``tr`` (here: the receipt number, so the bank's statement line and
the receipt carry the same number) and a short note ``tn``. Each value is percent-encoded
(a space is ``%20``, never ``+``: several apps show ``+`` literally). The amount comes from
integer paise, never from a float.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import parse_qsl, quote, urlsplit

__all__ = [
    "MAX_NAME_CHARS",
    "MAX_NOTE_CHARS",
    "MAX_REFERENCE_CHARS",
    "UpiError",
    "UpiIntent",
    "amount_text",
    "parse_upi_intent",
    "pay_later_reference",
    "upi_intent",
    "validate_vpa",
]

MAX_NAME_CHARS = 50
MAX_NOTE_CHARS = 50
MAX_REFERENCE_CHARS = 35
"""NPCI's limit for ``tr``."""

_VPA = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{1,254}@[A-Za-z][A-Za-z0-9]{1,63}$", re.ASCII)
_REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]*$", re.ASCII)


class UpiError(ValueError):
    """A UPI detail that cannot be used; ``str(error)`` says what is wrong and what to do."""


@dataclass(frozen=True)
class UpiIntent:
    """The fields of one ``upi://pay`` intent."""

    vpa: str
    payee_name: str
    amount_paise: int
    reference: str
    note: str
    currency: str = "INR"


def validate_vpa(vpa: str) -> str:
    """The payee's UPI ID (``name@bank``), stripped and lower-cased; UpiError if malformed."""
    if not isinstance(vpa, str):
        raise TypeError(f"vpa must be str, not {type(vpa).__name__}")
    text = vpa.strip()
    if not text:
        raise UpiError("Enter the payee's UPI ID (for example terabyte@okaxis).")
    if not _VPA.match(text):
        raise UpiError(
            f"{text!r} is not a UPI ID. Use the form name@bank: letters, digits, '.', '-' "
            "or '_' before the @, the bank's handle after it (for example terabyte@okaxis).")
    return text.lower()


def amount_text(amount_paise: int) -> str:
    """Paise as the intent's ``am``: rupees with exactly two decimals (``43990`` → ``439.90``)."""
    if isinstance(amount_paise, bool) or not isinstance(amount_paise, int):
        raise TypeError(f"amount_paise must be int paise, not {type(amount_paise).__name__}")
    if amount_paise <= 0:
        raise UpiError("A UPI payment needs an amount above zero.")
    return f"{amount_paise // 100}.{amount_paise % 100:02d}"


def _printable(value: str, what: str, limit: int) -> str:
    text = " ".join(value.split())
    if not text:
        raise UpiError(f"Enter the {what}.")
    if not text.isprintable():
        raise UpiError(f"The {what} has a control character; type it on one line.")
    if len(text) > limit:
        raise UpiError(f"The {what} is {len(text)} characters long; use at most {limit}.")
    return text


def _encode(value: str) -> str:
    return quote(value, safe="", encoding="utf-8")


def upi_intent(vpa: str, payee_name: str, amount_paise: int, reference: str,
               note: str) -> str:
    """The ``upi://pay`` intent for exactly ``amount_paise`` to ``vpa``, referenced
    ``reference`` (the receipt number); UpiError for any unusable part."""
    checked_vpa = validate_vpa(vpa)
    name = _printable(payee_name, "payee name", MAX_NAME_CHARS)
    tr = reference.strip() if isinstance(reference, str) else ""
    if not _REFERENCE.match(tr) or len(tr) > MAX_REFERENCE_CHARS:
        raise UpiError(
            f"The transaction reference {reference!r} must be 1 to {MAX_REFERENCE_CHARS} "
            "letters, digits or '-'.")
    tn = _printable(note, "payment note", MAX_NOTE_CHARS)
    fields = [("pa", checked_vpa), ("pn", name), ("am", amount_text(amount_paise)),
              ("cu", "INR"), ("tr", tr), ("tn", tn)]
    return "upi://pay?" + "&".join(f"{key}={_encode(value)}" for key, value in fields)


def pay_later_reference(account_id: int, issued: date) -> str:
    """The ``tr`` of a "pay later by UPI" slip: no payment (and so no receipt number) exists
    when it is printed, so it names the account and the day the slip was given
    (``AC10000005-20261127``); the bank statement line then says whose money arrived."""
    if isinstance(account_id, bool) or not isinstance(account_id, int) or account_id < 1:
        raise UpiError(f"Account {account_id!r} is not an account number.")
    reference = f"AC{account_id}-{issued:%Y%m%d}"
    if len(reference) > MAX_REFERENCE_CHARS:
        raise UpiError(f"Account {account_id} is too long for a UPI reference.")
    return reference


def parse_upi_intent(uri: str) -> UpiIntent:
    """Read an intent back (what a UPI app does after scanning); UpiError if it is not one."""
    parts = urlsplit(uri)
    if parts.scheme != "upi" or parts.netloc != "pay":
        raise UpiError(f"{uri[:40]!r} is not a upi://pay intent.")
    # parse_qsl turns '+' into a space; the intent never writes '+' for a space, and an
    # encoded '+' (%2B) stays '+', so this reads back exactly what upi_intent wrote.
    values = dict(parse_qsl(parts.query, keep_blank_values=True, strict_parsing=True))
    try:
        rupees, _, paise = values["am"].partition(".")
        if not (rupees.isdigit() and len(paise) == 2 and paise.isdigit()):
            raise UpiError(f"Amount {values['am']!r} is not rupees with two decimals.")
        return UpiIntent(vpa=values["pa"], payee_name=values["pn"],
                         amount_paise=int(rupees) * 100 + int(paise), reference=values["tr"],
                         note=values["tn"], currency=values["cu"])
    except KeyError as exc:
        raise UpiError(f"The intent has no {exc.args[0]!r} field.") from None
