"""Validation of the account fields people edit: contact and technical details.

Pure functions, no Qt and no database: the desktop checks an edit before it is queued and the
server re-checks the same edit with the same code. Mobile numbers are parsed with
``phonenumbers`` (India by default) and stored as E.164 (``+919876543210``); every field has
the length limit of its column in ``db.schema``.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

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


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str


class ValidationFailed(ValueError):
    """One or more fields are invalid; ``errors`` says which and what to do."""

    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = errors
        super().__init__("; ".join(e.message for e in errors))

    @property
    def fields(self) -> list[str]:
        return [e.field for e in self.errors]


def _label(field: str) -> str:
    return FIELD_LABELS.get(field, field.replace("_", " ").capitalize())


def normalise_mobile(text: str, region: str = DEFAULT_REGION, field: str = "mobile") -> str:
    """A mobile number as E.164 (``+919876543210``); raises :class:`ValidationFailed`.

    Accepts what people type: spaces, dashes, a leading 0 or +91. Only mobile numbers (or
    numbers that may be mobile) are accepted, since SMS reminders go to them.
    """
    import phonenumbers  # imported on first use: it costs ~50 ms, and most dialogs never edit

    label = _label(field)
    cleaned = text.strip()
    if not cleaned:
        raise ValidationFailed([FieldError(field, f"{label} is required.")])
    if re.search(r"[A-Za-z]", cleaned):
        raise ValidationFailed(
            [FieldError(field, f"{label} has letters in it; type digits only, e.g. 98765 43210.")]
        )
    try:
        number = phonenumbers.parse(cleaned, region)
    except phonenumbers.NumberParseException:
        raise ValidationFailed(
            [FieldError(field, f"{label} is not a phone number; type 10 digits, e.g. 98765 43210.")]
        ) from None
    if not phonenumbers.is_valid_number(number):
        raise ValidationFailed(
            [
                FieldError(
                    field,
                    f"{label} {cleaned!r} is not a valid number; an Indian mobile has 10 digits "
                    "starting with 6, 7, 8 or 9.",
                )
            ]
        )
    kind = phonenumbers.number_type(number)
    if kind not in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    ):
        raise ValidationFailed(
            [FieldError(field, f"{label} {cleaned!r} is a landline; enter a mobile number.")]
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_email(text: str) -> str | None:
    """A trimmed email address (domain lower-cased), or None when empty."""
    cleaned = text.strip()
    if not cleaned:
        return None
    if len(cleaned) > MAX_LENGTHS["email"]:
        raise ValidationFailed(
            [FieldError("email", f"Email is longer than {MAX_LENGTHS['email']} characters.")]
        )
    if any(c.isspace() for c in cleaned):
        raise ValidationFailed([FieldError("email", "Email contains a space; remove it.")])
    local, at, domain = cleaned.rpartition("@")
    if not at or not _EMAIL.match(cleaned) or len(local) > 64:
        raise ValidationFailed(
            [
                FieldError(
                    "email", f"Email {cleaned!r} is not an address; use the form name@example.com."
                )
            ]
        )
    return f"{local}@{domain.lower()}"


def _text(field: str, value: Any) -> str | None:
    if value is None:
        text = ""
    elif isinstance(value, str):
        text = value
    else:
        raise ValidationFailed([FieldError(field, f"{_label(field)} must be text.")])
    # Collapse runs of whitespace (addresses pasted from several lines).
    text = " ".join(text.split())
    if not text:
        if field in REQUIRED_FIELDS:
            raise ValidationFailed([FieldError(field, f"{_label(field)} is required.")])
        return None
    limit = MAX_LENGTHS.get(field)
    if limit is not None and len(text) > limit:
        raise ValidationFailed(
            [
                FieldError(
                    field,
                    f"{_label(field)} has {len(text)} characters; shorten it to at most {limit}.",
                )
            ]
        )
    return text


def _clean_one(field: str, value: Any, region: str) -> Any:
    if field == "vlan":
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, bool):
            raise ValidationFailed([FieldError(field, "VLAN must be a whole number.")])
        try:
            number = int(value.strip()) if isinstance(value, str) else int(value)
        except (TypeError, ValueError):
            raise ValidationFailed(
                [FieldError(field, f"VLAN must be a whole number from {VLAN_MIN} to {VLAN_MAX}.")]
            ) from None
        if isinstance(value, float) or not VLAN_MIN <= number <= VLAN_MAX:
            raise ValidationFailed(
                [FieldError(field, f"VLAN must be a whole number from {VLAN_MIN} to {VLAN_MAX}.")]
            )
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
            raise ValidationFailed(
                [FieldError(field, f"IP address {text!r} is not valid; e.g. 100.64.1.20.")]
            ) from None
    if field == "mac_address":
        if not _MAC.match(text):
            raise ValidationFailed(
                [FieldError(field, f"MAC address {text!r} is not valid; e.g. AA:BB:CC:DD:EE:FF.")]
            )
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
            errors.append(FieldError(field, f"{_label(field)} cannot be edited here."))
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
        errors.append(
            FieldError("alt_mobile", "Alternate mobile is the same as the mobile; clear it.")
        )
    if errors:
        raise ValidationFailed(errors)
    return cleaned
