"""Validation of the account fields people edit: contact and technical details.

Pure functions, no Qt and no database: the desktop checks an edit before it is queued and the
server re-checks the same edit with the same code. Mobile numbers are parsed with
``phonenumbers`` (India by default) and stored as E.164 (``+919876543210``); every field has
the length limit of its column in ``db.schema``.

Each refusal is a :class:`FieldError` with its English ``message`` (what the server answers,
unchanged) and a message id with values (``billing.messages.Msg``), so the desk can word it in
its language; a field's name inside one is a :class:`FieldName`.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Self

from billing.messages import Msg, english

DEFAULT_REGION = "IN"

#: Fields counter staff may edit on the Contact tab, in form order.
CONTACT_FIELDS = ("mobile", "alt_mobile", "email", "installation_address", "billing_address")
#: Fields on the Technical tab (a separate permission: ``Action.EDIT_TECHNICAL``).
TECHNICAL_FIELDS = ("ip_address", "router_brand", "connection_type", "mac_address", "vlan")
EDITABLE_FIELDS = CONTACT_FIELDS + TECHNICAL_FIELDS

#: Human names for messages and Log lines.
FIELD_LABELS = {
    "name": "Name",
    "mobile": "Mobile",
    "alt_mobile": "Alternate mobile",
    "email": "Email",
    "installation_address": "Installation address",
    "billing_address": "Billing address",
    "ip_address": "IP address",
    "router_brand": "Router brand",
    "connection_type": "Connection type",
    "mac_address": "MAC address",
    "vlan": "VLAN",
    "status": "Status",
}

#: Required fields: an account always has a mobile and an installation address.
REQUIRED_FIELDS = frozenset({"mobile", "installation_address"})

#: Longest accepted value per field (the column sizes in db.schema; addresses are Text, but
#: a postal address longer than this is a paste accident).
MAX_LENGTHS = {
    "mobile": 16,
    "alt_mobile": 16,
    "email": 254,
    "installation_address": 300,
    "billing_address": 300,
    "ip_address": 45,
    "router_brand": 40,
    "connection_type": 24,
    "mac_address": 17,
}

VLAN_MIN, VLAN_MAX = 1, 4094

# The practical subset of RFC 5322 that mail providers accept: one "@", a dot-atom local part,
# a domain of letter/digit labels with a 2+ letter top level.
_EMAIL = re.compile(
    r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$"
)
_MAC = re.compile(r"^[0-9A-Fa-f]{2}([:-]?)(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}$")


class FieldName(str):
    """A field's English name ("Mobile") that remembers its field (``.field``): the value a
    refusal names a field with, so the desk can word the name in its language too."""

    field: str

    def __new__(cls, field: str) -> Self:
        name = super().__new__(cls, FIELD_LABELS.get(field, field.replace("_", " ").capitalize()))
        name.field = field
        return name


@dataclass(frozen=True)
class FieldError:
    """One field's refusal: ``message`` in English, ``msg`` and ``msg_values`` to word it."""

    field: str
    message: str
    msg: Msg | None = None
    msg_values: tuple[object, ...] = ()

    @classmethod
    def of(cls, field: str, msg: Msg, *values: object) -> Self:
        """The refusal ``msg`` of ``field`` (its English from billing.messages) with ``values``."""
        return cls(field, english(msg, *values), msg, values)


def _refuse(field: str, msg: Msg, *values: object) -> ValidationFailed:
    return ValidationFailed([FieldError.of(field, msg, *values)])


class ValidationFailed(ValueError):
    """One or more fields are invalid; ``errors`` says which and what to do."""

    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = errors
        super().__init__("; ".join(e.message for e in errors))

    @property
    def fields(self) -> list[str]:
        return [e.field for e in self.errors]


def _label(field: str) -> FieldName:
    return FieldName(field)


def normalise_mobile(text: str, region: str = DEFAULT_REGION, field: str = "mobile") -> str:
    """A mobile number as E.164 (``+919876543210``); raises :class:`ValidationFailed`.

    Accepts what people type: spaces, dashes, a leading 0 or +91. Only mobile numbers (or
    numbers that may be mobile) are accepted, since SMS reminders go to them.
    """
    import phonenumbers  # imported on first use: it costs ~50 ms, and most dialogs never edit

    label = _label(field)
    cleaned = text.strip()
    if not cleaned:
        raise _refuse(field, Msg.FIELD_REQUIRED, label)
    if re.search(r"[A-Za-z]", cleaned):
        raise _refuse(field, Msg.MOBILE_LETTERS, label)
    try:
        number = phonenumbers.parse(cleaned, region)
    except phonenumbers.NumberParseException:
        raise _refuse(field, Msg.MOBILE_NOT_NUMBER, label) from None
    if not phonenumbers.is_valid_number(number):
        raise _refuse(field, Msg.MOBILE_INVALID, label, repr(cleaned))
    kind = phonenumbers.number_type(number)
    if kind not in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    ):
        raise _refuse(field, Msg.MOBILE_LANDLINE, label, repr(cleaned))
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_email(text: str) -> str | None:
    """A trimmed email address (domain lower-cased), or None when empty."""
    cleaned = text.strip()
    if not cleaned:
        return None
    if len(cleaned) > MAX_LENGTHS["email"]:
        raise _refuse("email", Msg.EMAIL_TOO_LONG, MAX_LENGTHS["email"])
    if any(c.isspace() for c in cleaned):
        raise _refuse("email", Msg.EMAIL_SPACE)
    local, at, domain = cleaned.rpartition("@")
    if not at or not _EMAIL.match(cleaned) or len(local) > 64:
        raise _refuse("email", Msg.EMAIL_INVALID, repr(cleaned))
    return f"{local}@{domain.lower()}"


def _text(field: str, value: Any) -> str | None:
    if value is None:
        text = ""
    elif isinstance(value, str):
        text = value
    else:
        raise _refuse(field, Msg.FIELD_NOT_TEXT, _label(field))
    # Collapse runs of whitespace (addresses pasted from several lines).
    text = " ".join(text.split())
    if not text:
        if field in REQUIRED_FIELDS:
            raise _refuse(field, Msg.FIELD_REQUIRED, _label(field))
        return None
    limit = MAX_LENGTHS.get(field)
    if limit is not None and len(text) > limit:
        raise _refuse(field, Msg.FIELD_TOO_LONG, _label(field), len(text), limit)
    return text


def _clean_one(field: str, value: Any, region: str) -> Any:
    if field == "vlan":
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, bool):
            raise _refuse(field, Msg.VLAN_NOT_NUMBER)
        try:
            number = int(value.strip()) if isinstance(value, str) else int(value)
        except (TypeError, ValueError):
            raise _refuse(field, Msg.VLAN_RANGE, VLAN_MIN, VLAN_MAX) from None
        if isinstance(value, float) or not VLAN_MIN <= number <= VLAN_MAX:
            raise _refuse(field, Msg.VLAN_RANGE, VLAN_MIN, VLAN_MAX)
        return number
    text = _text(field, value)
    if text is None:
        return None
    if field in ("mobile", "alt_mobile"):
        return normalise_mobile(text, region, field)
    if field == "email":
        return normalise_email(text)
    if field == "ip_address":
        try:
            return str(ipaddress.ip_address(text))
        except ValueError:
            raise _refuse(field, Msg.IP_INVALID, repr(text)) from None
    if field == "mac_address":
        if not _MAC.match(text):
            raise _refuse(field, Msg.MAC_INVALID, repr(text))
        digits = re.sub(r"[^0-9A-Fa-f]", "", text).upper()
        return ":".join(digits[i : i + 2] for i in range(0, 12, 2))
    return text


def clean_fields(
    values: Mapping[str, Any],
    region: str = DEFAULT_REGION,
    *,
    current: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Validate and normalise edited fields; all errors at once in :class:`ValidationFailed`.

    Unknown fields are refused (an edit may only touch :data:`EDITABLE_FIELDS`). ``current``
    holds the account's other (unedited) values for checks across fields.
    """
    errors: list[FieldError] = []
    cleaned: dict[str, Any] = {}
    for field, value in values.items():
        if field not in EDITABLE_FIELDS:
            errors.append(FieldError.of(field, Msg.FIELD_NOT_EDITABLE, _label(field)))
            continue
        try:
            cleaned[field] = _clean_one(field, value, region)
        except ValidationFailed as exc:
            errors.extend(exc.errors)
    mobile = cleaned.get("mobile", (current or {}).get("mobile"))
    alt = cleaned.get("alt_mobile", (current or {}).get("alt_mobile"))
    if (
        ("mobile" in cleaned or "alt_mobile" in cleaned)
        and "alt_mobile" not in {e.field for e in errors}
        and alt is not None
        and alt == mobile
    ):
        errors.append(FieldError.of("alt_mobile", Msg.ALT_MOBILE_SAME))
    if errors:
        raise ValidationFailed(errors)
    return cleaned
