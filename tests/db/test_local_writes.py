"""The single path every local edit, comment and tag change takes into the outbox."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, update

from db.account_details.fields import load_editable_state
from db.contact_validation import ValidationFailed
from db.local_writes import (
    EditConflict,
    WriteRefused,
    add_comment,
    add_tag,
    remove_tag,
    save_edit,
)
from db.outbox import MutationKind, Outbox
from db.schema import Account, Tag
from tests.db.conftest import make_cache_template

LONG = 10_000_001


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_cache_template(tmp_path_factory, "writes", 30)


def _state(cache: Engine, outbox: Outbox) -> tuple[int, dict]:
    state = load_editable_state(cache, outbox, LONG)
    assert state is not None
    return state.version, state.values


def test_valid_edit_is_normalised_and_queued_with_before_and_base_version(
    cache: Engine, outbox: Outbox
) -> None:
    version, values = _state(cache, outbox)
    result = save_edit(
        cache,
        outbox,
        account_id=LONG,
        base_version=version,
        before={"mobile": values["mobile"], "email": values["email"]},
        values={"mobile": "98400 12345", "email": values["email"]},
        created_by="staff.dgl",
    )
    m = result.mutation
    assert m is not None and m.kind is MutationKind.EDIT and m.base_version == version
    assert m.payload == {
        "fields": {"mobile": "+919840012345"},
        "before": {"mobile": values["mobile"]},
    }
    assert m.created_by == "staff.dgl"
    assert outbox.pending() == [m]


def test_unchanged_values_queue_nothing(cache: Engine, outbox: Outbox) -> None:
    version, values = _state(cache, outbox)
    result = save_edit(
        cache,
        outbox,
        account_id=LONG,
        base_version=version,
        before={"email": values["email"]},
        values={"email": "  " + values["email"] + " "},
        created_by="u",
    )
    assert result.mutation is None and outbox.pending() == []


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"mobile": ""}, "mobile"),
        ({"mobile": "12345"}, "mobile"),
        ({"email": "not-an-email"}, "email"),
        ({"installation_address": "x" * 400}, "installation_address"),
        ({"vlan": "abc"}, "vlan"),
        ({"balance_paise": 0}, "balance_paise"),
    ],
)
def test_invalid_edits_write_nothing(
    cache: Engine, outbox: Outbox, values: dict, field: str
) -> None:
    version, current = _state(cache, outbox)
    with pytest.raises(ValidationFailed) as caught:
        save_edit(
            cache,
            outbox,
            account_id=LONG,
            base_version=version,
            before=current,
            values=values,
            created_by="u",
        )
    assert caught.value.fields == [field]
    assert outbox.pending() == []


def test_edit_on_a_changed_account_is_a_conflict(cache: Engine, outbox: Outbox) -> None:
    version, values = _state(cache, outbox)
    with cache.begin() as conn:  # sync pulled a newer row meanwhile
        conn.execute(
            update(Account).where(Account.id == LONG).values(version=version + 1, email="s@x.in")
        )
    with pytest.raises(EditConflict) as caught:
        save_edit(
            cache,
            outbox,
            account_id=LONG,
            base_version=version,
            before={"router_brand": values["router_brand"]},
            values={"router_brand": "Asus"},
            created_by="u",
        )
    assert caught.value.version == version + 1
    assert caught.value.current["email"] == "s@x.in"
    assert outbox.pending() == []


def test_second_of_two_dialogs_is_refused(cache: Engine, outbox: Outbox) -> None:
    version, values = _state(cache, outbox)
    first = save_edit(
        cache,
        outbox,
        account_id=LONG,
        base_version=version,
        before={"email": values["email"]},
        values={"email": "first@example.com"},
        created_by="a",
    )
    assert first.mutation is not None
    with pytest.raises(EditConflict) as caught:
        save_edit(
            cache,
            outbox,
            account_id=LONG,
            base_version=version,
            before={"email": values["email"]},
            values={"email": "second@example.com"},
            created_by="b",
        )
    assert caught.value.fields == ["email"]
    assert caught.value.current["email"] == "first@example.com"
    assert len(outbox.pending()) == 1
    # Another field, based on what is shown now, still goes through.
    other = save_edit(
        cache,
        outbox,
        account_id=LONG,
        base_version=version,
        before={"email": "first@example.com"},
        values={"email": "third@example.com"},
        created_by="b",
    )
    assert other.mutation is not None
    assert other.mutation.payload["before"] == {"email": "first@example.com"}


def test_comments(outbox: Outbox) -> None:
    m = add_comment(outbox, account_id=LONG, body="  Will pay on Monday \n", created_by="u")
    assert m.kind is MutationKind.COMMENT and m.payload["body"] == "Will pay on Monday"
    assert isinstance(m.payload["created_at"], int)
    for bad in ("", "   ", "x" * 2001):
        with pytest.raises(ValidationFailed):
            add_comment(outbox, account_id=LONG, body=bad, created_by="u")
    assert len(outbox.pending()) == 1


def test_tags_in_scope_only_and_not_twice(cache: Engine, outbox: Outbox) -> None:
    with cache.begin() as conn:
        conn.execute(
            Tag.__table__.insert().values(id=50, name="Erode only", colour="#000000", branch_id=3)
        )
    with pytest.raises(WriteRefused):
        add_tag(cache, outbox, account_id=LONG, tag_id=50, created_by="u")  # account is Dindigul
    m = add_tag(cache, outbox, account_id=LONG, tag_id=1, created_by="u")
    assert m.kind is MutationKind.TAG_ADD and m.payload == {"tag_id": 1}
    with pytest.raises(WriteRefused):
        add_tag(cache, outbox, account_id=LONG, tag_id=1, created_by="u")
    r = remove_tag(cache, outbox, account_id=LONG, tag_id=1, created_by="u")
    assert r.kind is MutationKind.TAG_REMOVE
    with pytest.raises(WriteRefused):
        remove_tag(cache, outbox, account_id=LONG, tag_id=1, created_by="u")
    assert [p.kind for p in outbox.pending()] == [MutationKind.TAG_ADD, MutationKind.TAG_REMOVE]
