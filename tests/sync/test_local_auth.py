"""Secrets through keyring (memory backend here) and the offline sign-in verifier."""

from __future__ import annotations

import json
from pathlib import Path

from keyring.backends.fail import Keyring as FailKeyring

from sync.offline_verifiers import VERIFIER_FILE, OfflineVerifiers
from sync.token_store import NO_SYSTEM_KEYRING, MemoryKeyring, SecretStore


def test_memory_keyring_round_trip_and_is_not_system() -> None:
    store = SecretStore(MemoryKeyring())
    assert not store.is_system
    assert store.get_token("http://s", "staff.cbe") is None
    assert store.set_token("http://s/", "staff.cbe", "tok")
    assert store.get_token("http://s", "staff.cbe") == "tok"
    store.delete_token("http://s", "staff.cbe")
    store.delete_token("http://s", "staff.cbe")  # forgetting twice is fine
    assert store.get_token("http://s", "staff.cbe") is None


def test_no_system_keyring_is_a_message_not_a_crash() -> None:
    store = SecretStore(FailKeyring())
    assert not store.is_system
    assert store.warning == NO_SYSTEM_KEYRING
    assert store.set_token("http://s", "u", "tok")  # kept for this session, in memory
    assert store.get_token("http://s", "u") == "tok"


def test_offline_verifier_keeps_no_password(data_dir: Path) -> None:
    verifiers = OfflineVerifiers(data_dir)
    profile = {"username": "staff.cbe", "display_name": "Kavitha", "role": "branch_staff",
               "branch_id": 1, "reseller_id": None}
    verifiers.remember("staff.cbe", "s3cret-Pass", profile, "http://s", now=1_000_000)
    raw = (data_dir / VERIFIER_FILE).read_text(encoding="utf-8")
    assert "s3cret-Pass" not in raw
    entry = json.loads(raw)["staff.cbe"]
    assert len(bytes.fromhex(entry["salt"])) == 16 and entry["n"] >= 2**14
    user = verifiers.verify("Staff.CBE", "s3cret-Pass", now=1_000_100)
    assert user is not None and user.profile["branch_id"] == 1
    assert verifiers.verify("staff.cbe", "wrong", now=1_000_100) is None
    assert verifiers.verify("nobody", "s3cret-Pass", now=1_000_100) is None
    # Too long since the last online sign-in: go online first.
    assert verifiers.verify("staff.cbe", "s3cret-Pass", now=1_000_000 + 31 * 86_400) is None


def test_each_remember_uses_a_new_salt(data_dir: Path) -> None:
    verifiers = OfflineVerifiers(data_dir)
    profile = {"username": "a", "role": "cashier"}
    verifiers.remember("a", "pw", profile, "http://s")
    first = json.loads((data_dir / VERIFIER_FILE).read_text())["a"]
    verifiers.remember("a", "pw", profile, "http://s")
    second = json.loads((data_dir / VERIFIER_FILE).read_text())["a"]
    assert first["salt"] != second["salt"] and first["verifier"] != second["verifier"]
