"""Payment references by method: what a UTR, a card slip and a cheque look like.

``billing.rules.validate_reference`` checks that a non-cash payment has a reference at all
(present, one printable line, at most 64 characters); this module checks that it has the
shape of that method's reference and gives its one stored form. Formats chosen (and why):

* **UPI**: the 12-digit UTR / RRN the customer's payment app shows ("UPI Ref. No.", "UTR",
  "Transaction ID" in Google Pay / PhonePe / Paytm). NPCI's retrieval reference number is 12
  digits; 11 or 13 digits or any letter is a misread. Stored as the 12 digits.
* **Bank transfer**: the UTR the bank gives for the transfer. IMPS: the 12-digit RRN, as
  UPI. NEFT: 16 characters; RTGS: 22; both begin with the sending bank's 4-letter IFSC code
  (e.g. ``SBIN…``). Accepted: 12 digits, or 16 to 22 letters and digits beginning with four
  letters. Stored upper case without spaces.
* **Card**: the last 4 digits of the card and the 6-character approval (auth) code printed
  on the terminal's charge slip. Stored as ``xx1234 auth A1B2C3``. Never the full number.
* **Cheque**: the 6-digit cheque number (MICR band), the drawee bank, and the cheque's
  date: not post-dated (taken on or after its date) and not stale (RBI: a cheque is valid
  for three months from its date). Stored as ``004512 / State Bank of India / 2026-12-01``.

UPI and bank transfer UTRs are unique: the same UTR cannot pay twice (``utr_key``); the
desk checks its cache and outbox, the server its whole ledger.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from billing.messages import EMPTY_VALUE, Msg
from billing.rules import PaymentMethod, RuleError, validate_reference

__all__ = [
    "CHEQUE_STALE_DAYS",
    "UPI_UTR_DIGITS",
    "Cheque",
    "card_reference",
    "check_bank_utr",
    "check_reference",
    "check_upi_utr",
    "cheque_reference",
    "parse_cheque",
    "utr_key",
]

UPI_UTR_DIGITS = 12
CHEQUE_STALE_DAYS = 91
"""Three months (RBI, 2012): the longest a cheque stays valid; 91 days, the longest span
of any three calendar months, so no cheque still valid is refused."""

_SPACING = re.compile(r"[\s\-]+")
_BANK_UTR = re.compile(r"^[A-Z]{4}[A-Z0-9]{12,18}$", re.ASCII)
_CARD = re.compile(
    r"^(?:x{0,12}|\*{0,12})\s*(?P<last4>[0-9]{4})\s*(?:/|,|auth\b:?)?\s*(?P<auth>[A-Z0-9]{6})$",
    re.ASCII | re.IGNORECASE,
)
_CHEQUE_NUMBER = re.compile(r"^[0-9]{6}$", re.ASCII)
_BANK_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9 .&'()\-]{1,59}$")


def _refuse(msg: Msg, *values: object) -> RuleError:
    return RuleError.of(msg, *values, code="reference_invalid")


def _digits_refusal(what: str, text: str, digits: int) -> RuleError:
    if any(ch.isalpha() for ch in text):
        return _refuse(Msg.UTR_LETTERS, what, text, digits, len(text))
    if not (text.isascii() and text.isdigit()):
        return _refuse(Msg.UTR_NOT_DIGITS, what, text, digits, len(text))
    return _refuse(Msg.UTR_LENGTH, what, text, digits, len(text))


def check_upi_utr(text: str) -> str:
    """The 12-digit UPI UTR / RRN, spaces and hyphens removed; RuleError if not one."""
    utr = _SPACING.sub("", validate_reference(PaymentMethod.UPI, text))
    if not (len(utr) == UPI_UTR_DIGITS and utr.isascii() and utr.isdigit()):
        raise _digits_refusal("UPI UTR", utr, UPI_UTR_DIGITS)
    return utr


def check_bank_utr(text: str) -> str:
    """An IMPS RRN (12 digits) or a NEFT / RTGS UTR (16-22 characters, bank code first)."""
    utr = _SPACING.sub("", validate_reference(PaymentMethod.BANK_TRANSFER, text)).upper()
    if utr.isascii() and utr.isdigit():
        if len(utr) != UPI_UTR_DIGITS:
            raise _refuse(Msg.IMPS_LENGTH, utr, len(utr))
        return utr
    if not _BANK_UTR.match(utr):
        raise _refuse(Msg.BANK_UTR_SHAPE, utr)
    return utr


def card_reference(last4: str, auth_code: str) -> str:
    """``xx1234 auth A1B2C3`` from the card's last 4 digits and the slip's approval code."""
    last4 = (last4 or "").strip()
    auth = (auth_code or "").strip().upper()
    if not last4 and not auth:
        raise RuleError.of(Msg.CARD_REQUIRED, code="reference_required")
    if not re.fullmatch(r"[0-9]{4}", last4, re.ASCII):
        raise _refuse(Msg.CARD_LAST4, last4 or EMPTY_VALUE)
    if not re.fullmatch(r"[A-Z0-9]{6}", auth, re.ASCII):
        raise _refuse(Msg.CARD_APPROVAL, auth or EMPTY_VALUE)
    return f"xx{last4} auth {auth}"


@dataclass(frozen=True)
class Cheque:
    """A cheque's number, drawee bank and date."""

    number: str
    bank: str
    dated: date

    @property
    def reference(self) -> str:
        return f"{self.number} / {self.bank} / {self.dated.isoformat()}"


def cheque_reference(number: str, bank: str, dated: date, *, today: date) -> str:
    """The stored form of a cheque; RuleError naming the field that is wrong."""
    number = (number or "").strip()
    bank = " ".join((bank or "").split())
    if not _CHEQUE_NUMBER.match(number):
        raise _refuse(Msg.CHEQUE_NUMBER, number or EMPTY_VALUE)
    if not _BANK_NAME.match(bank):
        raise _refuse(Msg.CHEQUE_BANK)
    if dated > today:
        raise _refuse(Msg.CHEQUE_POST_DATED, f"{dated:%d-%m-%Y}")
    if dated < today - timedelta(days=CHEQUE_STALE_DAYS):
        raise _refuse(Msg.CHEQUE_STALE, f"{dated:%d-%m-%Y}")
    return Cheque(number, bank, dated).reference


def parse_cheque(reference: str, *, today: date) -> Cheque:
    """Read a stored cheque reference back (the server checks what the desk sent)."""
    parts = [p.strip() for p in reference.split(" / ")]
    if len(parts) != 3:
        raise _refuse(Msg.CHEQUE_SHAPE)
    try:
        dated = date.fromisoformat(parts[2])
    except ValueError:
        raise _refuse(Msg.CHEQUE_DATE, parts[2]) from None
    cheque_reference(parts[0], parts[1], dated, today=today)
    return Cheque(parts[0], " ".join(parts[1].split()), dated)


def check_reference(method: PaymentMethod | str, text: str | None, *, today: date) -> str | None:
    """The stored form of ``text`` as a reference of ``method`` (None for cash), or
    RuleError with what is wrong. The desk and the server both call this."""
    method = PaymentMethod(method)
    base = validate_reference(method, text or "")
    if method is PaymentMethod.CASH:
        return base or None
    if method is PaymentMethod.UPI:
        return check_upi_utr(base)
    if method is PaymentMethod.BANK_TRANSFER:
        return check_bank_utr(base)
    if method is PaymentMethod.CARD:
        match = _CARD.match(base)
        if match is None:
            raise _refuse(Msg.CARD_SHAPE)
        return card_reference(match["last4"], match["auth"])
    return parse_cheque(base, today=today).reference


def utr_key(method: PaymentMethod | str, reference: str | None) -> str | None:
    """What must be unique across the ledger: the UTR of a UPI or bank transfer payment
    (None for other methods, or for a reference that is not a UTR, like old free text)."""
    method = PaymentMethod(method)
    if reference is None or method not in (PaymentMethod.UPI, PaymentMethod.BANK_TRANSFER):
        return None
    try:
        if method is PaymentMethod.UPI:
            return check_upi_utr(reference)
        return check_bank_utr(reference)
    except RuleError:
        return None
