"""Refusals of contact / technical edits, comments and tags carry a message id
(``billing.messages.Msg``) and values for the desk to word, and keep their English exactly:
the server answers an edit with the same sentence (``invalid_field``), so every sentence below
is what the code said before the ids came (checked against it)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine, update

from billing.messages import ENGLISH, Msg, english
from db.account_details.fields import load_editable_state
from db.contact_validation import (
    FieldName,
    ValidationFailed,
    clean_fields,
    normalise_email,
    normalise_mobile,
)
from db.local_writes import (
    EditConflict,
    WriteRefused,
    add_tag,
    check_comment,
    remove_tag,
    save_edit,
)
from db.outbox import Outbox
from db.schema import Account, Tag
from tests.db.conftest import make_cache_template

LONG = 10_000_001

#: The ids of these refusals (billing.messages); each is raised below at least once.
EDIT_IDS = {
    Msg.FIELD_REQUIRED, Msg.FIELD_NOT_TEXT, Msg.FIELD_TOO_LONG, Msg.FIELD_NOT_EDITABLE,
    Msg.MOBILE_LETTERS, Msg.MOBILE_NOT_NUMBER, Msg.MOBILE_INVALID, Msg.MOBILE_LANDLINE,
    Msg.ALT_MOBILE_SAME, Msg.EMAIL_TOO_LONG, Msg.EMAIL_SPACE, Msg.EMAIL_INVALID,
    Msg.IP_INVALID, Msg.MAC_INVALID, Msg.VLAN_NOT_NUMBER, Msg.VLAN_RANGE,
    Msg.COMMENT_EMPTY, Msg.COMMENT_TOO_LONG, Msg.ACCOUNT_NOT_LOCAL, Msg.TAG_NOT_OFFERED,
    Msg.TAG_ALREADY_ON, Msg.TAG_NOT_ON, Msg.EDIT_ACCOUNT_MOVED, Msg.EDIT_FIELD_MOVED,
}

_FIELD_CASES: list[tuple[Callable[[], object], str, Msg, str]] = [
    (lambda: normalise_mobile(""), "mobile", Msg.FIELD_REQUIRED, "Mobile is required."),
    (lambda: clean_fields({"installation_address": "  "}), "installation_address",
     Msg.FIELD_REQUIRED, "Installation address is required."),
    (lambda: clean_fields({"router_brand": 5}), "router_brand", Msg.FIELD_NOT_TEXT,
     "Router brand must be text."),
    (lambda: clean_fields({"router_brand": "R" * 41}), "router_brand", Msg.FIELD_TOO_LONG,
     "Router brand has 41 characters; shorten it to at most 40."),
    (lambda: clean_fields({"billing_address": "No. 1, " * 50}), "billing_address",
     Msg.FIELD_TOO_LONG, "Billing address has 349 characters; shorten it to at most 300."),
    (lambda: clean_fields({"status": "Active"}), "status", Msg.FIELD_NOT_EDITABLE,
     "Status cannot be edited here."),
    (lambda: clean_fields({"balance_paise": 0}), "balance_paise", Msg.FIELD_NOT_EDITABLE,
     "Balance paise cannot be edited here."),
    (lambda: normalise_mobile("98400abcde"), "mobile", Msg.MOBILE_LETTERS,
     "Mobile has letters in it; type digits only, e.g. 98765 43210."),
    (lambda: clean_fields({"alt_mobile": "98400abcde"}), "alt_mobile", Msg.MOBILE_LETTERS,
     "Alternate mobile has letters in it; type digits only, e.g. 98765 43210."),
    (lambda: normalise_mobile("+"), "mobile", Msg.MOBILE_NOT_NUMBER,
     "Mobile is not a phone number; type 10 digits, e.g. 98765 43210."),
    (lambda: normalise_mobile("12345"), "mobile", Msg.MOBILE_INVALID,
     "Mobile '12345' is not a valid number; an Indian mobile has 10 digits starting with "
     "6, 7, 8 or 9."),
    (lambda: normalise_mobile("044 2345 6789"), "mobile", Msg.MOBILE_LANDLINE,
     "Mobile '044 2345 6789' is a landline; enter a mobile number."),
    (lambda: clean_fields({"mobile": "9876543210", "alt_mobile": "+919876543210"}),
     "alt_mobile", Msg.ALT_MOBILE_SAME, "Alternate mobile is the same as the mobile; clear it."),
    (lambda: normalise_email("a" * 250 + "@b.com"), "email", Msg.EMAIL_TOO_LONG,
     "Email is longer than 254 characters."),
    (lambda: normalise_email("a b@c.com"), "email", Msg.EMAIL_SPACE,
     "Email contains a space; remove it."),
    (lambda: normalise_email("dinesh@"), "email", Msg.EMAIL_INVALID,
     "Email 'dinesh@' is not an address; use the form name@example.com."),
    (lambda: clean_fields({"ip_address": "100.77.300.1"}), "ip_address", Msg.IP_INVALID,
     "IP address '100.77.300.1' is not valid; e.g. 100.64.1.20."),
    (lambda: clean_fields({"mac_address": "E7:F0:8A"}), "mac_address", Msg.MAC_INVALID,
     "MAC address 'E7:F0:8A' is not valid; e.g. AA:BB:CC:DD:EE:FF."),
    (lambda: clean_fields({"vlan": True}), "vlan", Msg.VLAN_NOT_NUMBER,
     "VLAN must be a whole number."),
    (lambda: clean_fields({"vlan": "5000"}), "vlan", Msg.VLAN_RANGE,
     "VLAN must be a whole number from 1 to 4094."),
    (lambda: clean_fields({"vlan": "abc"}), "vlan", Msg.VLAN_RANGE,
     "VLAN must be a whole number from 1 to 4094."),
    (lambda: check_comment("   "), "comment", Msg.COMMENT_EMPTY,
     "The comment is empty; type a note."),
    (lambda: check_comment("x" * 21, 20), "comment", Msg.COMMENT_TOO_LONG,
     "The comment has 21 characters; shorten it to at most 20."),
    (lambda: save_edit(None, None, account_id=1, base_version=1, before={},  # type: ignore[arg-type]
                       values={"balance_paise": 0}, created_by="u"),
     "balance_paise", Msg.FIELD_NOT_EDITABLE, "balance_paise cannot be edited here."),
]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_cache_template(tmp_path_factory, "edit_messages", 30)


def _says(exc: object, msg: Msg, english_text: str) -> None:
    assert getattr(exc, "message", str(exc)) == english_text
    assert getattr(exc, "msg", None) is msg
    assert english(msg, *exc.msg_values) == english_text  # type: ignore[attr-defined]


@pytest.mark.parametrize(("call", "field", "msg", "text"), _FIELD_CASES)
def test_field_refusals_keep_their_english_and_carry_an_id(call, field, msg, text) -> None:
    with pytest.raises(ValidationFailed) as caught:
        call()
    [error] = caught.value.errors
    assert (error.field, error.message, str(caught.value)) == (field, text, text)
    _says(error, msg, text)  # a FieldError words like a refusal: msg and msg_values


def test_a_field_name_in_a_refusal_is_its_english_label_and_knows_its_field() -> None:
    with pytest.raises(ValidationFailed) as caught:
        normalise_mobile("98400abcde", field="alt_mobile")
    [error] = caught.value.errors
    [name] = error.msg_values
    assert isinstance(name, FieldName) and name == "Alternate mobile"
    assert name.field == "alt_mobile"


def test_several_fields_are_refused_together_each_with_its_id() -> None:
    with pytest.raises(ValidationFailed) as caught:
        clean_fields({"mobile": "98400abcde", "email": "a b@c.com"})
    assert str(caught.value) == ("Mobile has letters in it; type digits only, e.g. 98765 43210."
                                 "; Email contains a space; remove it.")
    assert [e.msg for e in caught.value.errors] == [Msg.MOBILE_LETTERS, Msg.EMAIL_SPACE]


def test_tag_refusals_keep_their_english_and_carry_an_id(cache: Engine, outbox: Outbox) -> None:
    with cache.begin() as conn:
        conn.execute(
            Tag.__table__.insert().values(id=50, name="Erode only", colour="#000000", branch_id=3)
        )
    def refused(call: Callable[[], object]) -> WriteRefused:
        with pytest.raises(WriteRefused) as caught:
            call()
        return caught.value

    def tag(tag_id: int, *, add: bool = True, account: int = LONG) -> object:
        write = add_tag if add else remove_tag
        return write(cache, outbox, account_id=account, tag_id=tag_id, created_by="u")

    refusals = [refused(lambda: tag(50))]  # the account is Dindigul's
    tag(1)
    refusals.append(refused(lambda: tag(1)))
    tag(1, add=False)
    refusals.append(refused(lambda: tag(1, add=False)))
    refusals.append(refused(lambda: tag(1, account=999)))
    expected = [
        (Msg.TAG_NOT_OFFERED, "That tag is not offered for this account's branch."),
        (Msg.TAG_ALREADY_ON, "The account already has the tag 'VIP'."),
        (Msg.TAG_NOT_ON, "The account does not have that tag (any more)."),
        (Msg.ACCOUNT_NOT_LOCAL, "Account 999 is no longer in the local copy."),
    ]
    for refusal, (msg, text) in zip(refusals, expected, strict=True):
        _says(refusal, msg, text)
        assert isinstance(refusal, ValueError)  # callers that catch ValueError still do


def test_edit_conflicts_and_a_gone_account_keep_their_english_and_carry_an_id(
    cache: Engine, outbox: Outbox
) -> None:
    state = load_editable_state(cache, outbox, LONG)
    assert state is not None
    version, values = state.version, state.values

    def edit(email: str, before: str | None = values["email"]) -> None:
        save_edit(cache, outbox, account_id=LONG, base_version=version,
                  before={"email": before}, values={"email": email}, created_by="u")

    edit("first@example.com")
    with pytest.raises(EditConflict) as pending:
        edit("second@example.com")
    _says(pending.value, Msg.EDIT_FIELD_MOVED,
          "Another edit of this account, not yet sent, changed the same field. Nothing was "
          "saved; the current values are shown — check them and save again.")
    with cache.begin() as conn:
        conn.execute(update(Account).where(Account.id == LONG).values(version=version + 1))
    with pytest.raises(EditConflict) as moved:
        edit("third@example.com", "first@example.com")
    _says(moved.value, Msg.EDIT_ACCOUNT_MOVED,
          f"Account {LONG} was updated (version {version} → {version + 1}) after you opened "
          "it. Nothing was saved; the current values are shown — check them and save again.")
    with pytest.raises(WriteRefused) as gone:
        save_edit(cache, outbox, account_id=999, base_version=1, before={},
                  values={"email": "x@example.com"}, created_by="u")
    _says(gone.value, Msg.ACCOUNT_NOT_LOCAL, "Account 999 is no longer in the local copy.")


def test_every_edit_refusal_id_is_raised_above_and_has_english() -> None:
    raised = {case[2] for case in _FIELD_CASES} | {
        Msg.TAG_NOT_OFFERED, Msg.TAG_ALREADY_ON, Msg.TAG_NOT_ON, Msg.ACCOUNT_NOT_LOCAL,
        Msg.EDIT_FIELD_MOVED, Msg.EDIT_ACCOUNT_MOVED,
    }
    assert raised == EDIT_IDS
    assert set(ENGLISH) >= EDIT_IDS
