"""Sealed kiosk rows open only with the device secret and the exact ID or number."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from db import kiosk_store

SECRET = bytes(range(32))
content = st.dictionaries(st.text(max_size=10), st.one_of(
    st.integers(), st.text(max_size=30), st.booleans(), st.none()), max_size=8)


@given(st.integers(min_value=1, max_value=2**62), content)
def test_a_row_opens_only_with_its_exact_id_and_secret(account_id, body):
    sealed = kiosk_store.seal(SECRET, "id", str(account_id), body)
    assert kiosk_store.unseal(SECRET, "id", str(account_id), sealed) == body
    assert kiosk_store.unseal(SECRET, "id", str(account_id + 1), sealed) is None
    assert kiosk_store.unseal(SECRET, "mobile", str(account_id), sealed) is None
    assert kiosk_store.unseal(bytes(32), "id", str(account_id), sealed) is None


@given(st.text(max_size=200))
def test_garbage_never_opens_and_never_raises(text):
    assert kiosk_store.unseal(SECRET, "id", "1", text) is None


def test_same_content_seals_the_same_and_other_content_differently():
    a = kiosk_store.seal(SECRET, "id", "7", {"balance_paise": 100})
    assert a == kiosk_store.seal(SECRET, "id", "7", {"balance_paise": 100})
    b = kiosk_store.seal(SECRET, "id", "7", {"balance_paise": 101})
    assert a[:22] != b[:22]  # another nonce: another key stream


def test_keys_depend_on_the_secret_and_do_not_show_the_value():
    key = kiosk_store.id_key(SECRET, 10000001)
    assert len(key) == 32 and "10000001" not in key
    assert key != kiosk_store.id_key(bytes(32), 10000001)
    assert kiosk_store.mobile_key(SECRET, "+919876543210") != key
