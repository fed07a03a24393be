"""Contact and technical field validation (pure; the server re-uses it)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from db.contact_validation import (
    MAX_LENGTHS,
    ValidationFailed,
    clean_fields,
    normalise_email,
    normalise_mobile,
)


@pytest.mark.parametrize(
    "typed",
    ["9876543210", "98765 43210", "098765-43210", "+91 98765 43210", "919876543210"],
)
def test_indian_mobiles_in_any_usual_form_are_stored_as_e164(typed: str) -> None:
    assert normalise_mobile(typed) == "+919876543210"


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("", "required"),
        ("98765abcde", "letters"),
        ("12345", "not a valid number"),
        ("98765 4321", "not a valid number"),  # nine digits
        ("98765 432100", "not a valid number"),  # eleven digits
        ("044 2345 6789", "landline"),  # a Chennai landline
    ],
)
def test_bad_mobiles_are_refused_with_a_message(typed: str, says: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        normalise_mobile(typed)
    assert caught.value.fields == ["mobile"]
    assert says in str(caught.value)


def test_foreign_mobile_with_country_code_is_kept_in_e164() -> None:
    assert normalise_mobile("+44 7911 123456") == "+447911123456"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("a.b@Example.COM", "a.b@example.com"),
        ("  kavitha+bills@mail.co.in ", "kavitha+bills@mail.co.in"),
        ("", None),
    ],
)
def test_good_emails(typed: str, stored: str | None) -> None:
    assert normalise_email(typed) == stored


@pytest.mark.parametrize(
    "typed", ["plainaddress", "a@b", "a@@b.com", "a b@c.com", "a@b..com", ".a@b.com", "a@-b.com"]
)
def test_bad_emails_are_refused(typed: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        normalise_email(typed)
    assert caught.value.fields == ["email"]


def test_required_fields_and_length_limits() -> None:
    with pytest.raises(ValidationFailed) as caught:
        clean_fields({"installation_address": "   ", "billing_address": "x" * 301})
    assert caught.value.fields == ["installation_address", "billing_address"]
    assert "required" in caught.value.errors[0].message
    assert "at most 300" in caught.value.errors[1].message


def test_optional_fields_may_be_cleared() -> None:
    assert clean_fields({"email": "", "alt_mobile": " ", "billing_address": ""}) == {
        "email": None,
        "alt_mobile": None,
        "billing_address": None,
    }


def test_alternate_mobile_must_differ() -> None:
    with pytest.raises(ValidationFailed) as caught:
        clean_fields({"mobile": "9876543210", "alt_mobile": "+919876543210"})
    assert caught.value.fields == ["alt_mobile"]


def test_technical_fields() -> None:
    assert clean_fields(
        {
            "ip_address": " 100.64.1.20 ",
            "mac_address": "aa-bb-cc-dd-ee-0f",
            "vlan": "956",
            "router_brand": "TP-Link",
            "connection_type": "FTTH (GPON)",
        }
    ) == {
        "ip_address": "100.64.1.20",
        "mac_address": "AA:BB:CC:DD:EE:0F",
        "vlan": 956,
        "router_brand": "TP-Link",
        "connection_type": "FTTH (GPON)",
    }
    with pytest.raises(ValidationFailed) as caught:
        clean_fields({"ip_address": "300.1.1.1", "mac_address": "AA:BB", "vlan": "5000"})
    assert caught.value.fields == ["ip_address", "mac_address", "vlan"]


def test_fields_that_are_not_editable_are_refused() -> None:
    with pytest.raises(ValidationFailed) as caught:
        clean_fields({"balance_paise": 0, "status": "Active"})
    assert caught.value.fields == ["balance_paise", "status"]


@given(st.text(max_size=40))
def test_mobile_parser_never_crashes_and_only_returns_e164(text: str) -> None:
    try:
        stored = normalise_mobile(text)
    except ValidationFailed as exc:
        assert exc.fields == ["mobile"]
    else:
        assert stored.startswith("+") and stored[1:].isdigit() and len(stored) <= 16


@given(st.from_regex(r"[6-9][0-9]{9}", fullmatch=True))
def test_ten_digit_indian_mobiles_are_accepted_as_e164_or_refused_clearly(digits: str) -> None:
    # Not every 6-9 range is allocated, so phonenumbers may refuse some; never silently.
    try:
        stored = normalise_mobile(digits)
    except ValidationFailed as exc:
        assert exc.fields == ["mobile"] and digits in str(exc)
    else:
        assert stored == "+91" + digits
        assert normalise_mobile(stored) == stored


@given(st.text(max_size=300))
def test_email_parser_never_crashes(text: str) -> None:
    try:
        stored = normalise_email(text)
    except ValidationFailed as exc:
        assert exc.fields == ["email"]
    else:
        assert stored is None or (stored.count("@") >= 1 and len(stored) <= MAX_LENGTHS["email"])
