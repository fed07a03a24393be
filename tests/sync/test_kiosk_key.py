"""A kiosk's sealing secret is kept in the keyring, never in its cache file (issue 14,
finding 2): a copy of the cache file alone cannot be opened by trying IDs and mobiles.

Against the real server over HTTP on 127.0.0.1; the keyring is a memory one (or one that
has nothing / refuses), never the PC's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring.backends.fail import Keyring as FailKeyring
from keyring.errors import KeyringError

from db.cache import CACHE_FILE
from desktop.kiosk.lookup import Outcome, lookup
from sync.client import SyncClient
from sync.cycle import SyncCycle
from sync.kiosk_key import KioskKey
from sync.token_store import MemoryKeyring, SecretStore
from tests.sync.conftest import Desk, LiveServer, make_desk

KIOSK = ("KIOSKCBE1", "kiosk-demo")


class RefusingKeyring(MemoryKeyring):
    """A keyring that is there but refuses to store anything (a locked store, a policy)."""

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringError("the store is locked")


@pytest.fixture
def kiosk_desk(data_dir: Path, live_server: LiveServer) -> Iterator[Desk]:
    d = make_desk(data_dir, live_server)
    d.auth.sign_in(live_server.url, *KIOSK, device=True)
    yield d
    d.close()


def _sync(desk: Desk, key: KioskKey) -> None:
    outcome = SyncCycle(desk.auth.client, desk.cache, desk.outbox, kiosk_key=key).run()
    assert outcome.error is None, outcome.error


def _server_secret(server: LiveServer) -> bytes:
    return bytes.fromhex(server.scalar(
        "SELECT secret FROM kiosk_keys WHERE device_code = ?", KIOSK[0]))


def _cache_bytes(desk: Desk) -> bytes:
    """The cache file and its WAL as they are on disk (what a copy of them would hold)."""
    path = desk.data_dir / CACHE_FILE
    return b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())


def _holds(data: bytes, secret: bytes) -> bool:
    return any(form in data for form in (
        secret, secret.hex().encode(), secret.hex().upper().encode()))


def _branch_account(server: LiveServer) -> tuple[int, str]:
    """A branch-1 account whose mobile no other account shares: (id, national mobile)."""
    rows = server.query("SELECT id, mobile FROM accounts WHERE branch_id = 1 ORDER BY id")
    shared = {m for _, m in rows if sum(1 for _, x in rows if x == m) > 1}
    account_id, mobile = next(r for r in rows if r[1] not in shared)
    return account_id, mobile[3:]


def test_the_pulled_secret_never_reaches_the_cache_file(
        kiosk_desk: Desk, live_server: LiveServer) -> None:
    key = KioskKey(kiosk_desk.secrets, live_server.url, kiosk_desk.outbox.device_code())
    _sync(kiosk_desk, key)
    secret = _server_secret(live_server)
    assert key.secret() == secret  # in the keyring
    with kiosk_desk.cache.connect() as conn:
        tables = {name for (name,) in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert conn.exec_driver_sql("SELECT count(*) FROM kiosk_accounts").scalar() > 0
    assert "kiosk_keys" not in tables
    assert not _holds(_cache_bytes(kiosk_desk), secret)


def test_offline_lookup_by_exact_id_and_mobile_with_the_key_in_the_keyring(
        kiosk_desk: Desk, live_server: LiveServer) -> None:
    keyring = MemoryKeyring()
    key = KioskKey(SecretStore(keyring), live_server.url, kiosk_desk.outbox.device_code())
    _sync(kiosk_desk, key)
    kiosk_desk.auth.client.close()  # offline from here
    # A restarted kiosk: a new object over the same keyring.
    again = KioskKey(SecretStore(keyring), live_server.url, kiosk_desk.outbox.device_code())
    account_id, mobile = _branch_account(live_server)
    by_id = lookup(kiosk_desk.cache, kiosk_desk.outbox, str(account_id), branch_id=1,
                   kiosk_key=again)
    by_mobile = lookup(kiosk_desk.cache, kiosk_desk.outbox, mobile, branch_id=1,
                       kiosk_key=again)
    assert by_id.outcome is Outcome.FOUND and by_id.account.account_id == account_id
    assert by_mobile.outcome is Outcome.FOUND and by_mobile.account.account_id == account_id


def test_an_empty_keyring_refuses_lookup_with_a_message_for_staff(
        kiosk_desk: Desk, live_server: LiveServer, caplog: pytest.LogCaptureFixture) -> None:
    _sync(kiosk_desk, KioskKey(kiosk_desk.secrets, live_server.url,
                               kiosk_desk.outbox.device_code()))
    empty = KioskKey(SecretStore(MemoryKeyring()), live_server.url,
                     kiosk_desk.outbox.device_code())
    account_id, mobile = _branch_account(live_server)
    for typed in (str(account_id), mobile):
        result = lookup(kiosk_desk.cache, kiosk_desk.outbox, typed, branch_id=1,
                        kiosk_key=empty)
        assert result.outcome is Outcome.NO_KEY and result.account is None
        assert "Staff" in result.message and "sync" in result.message
    assert lookup(kiosk_desk.cache, kiosk_desk.outbox, str(account_id), branch_id=1,
                  kiosk_key=None).outcome is Outcome.NO_KEY
    assert "no key for the kiosk's offline copy" in caplog.text


def test_a_keyring_that_refuses_keeps_no_key_anywhere_and_lookup_fails_closed(
        kiosk_desk: Desk, live_server: LiveServer) -> None:
    key = KioskKey(SecretStore(RefusingKeyring()), live_server.url,
                   kiosk_desk.outbox.device_code())
    _sync(kiosk_desk, key)  # the pull itself goes on
    assert key.secret() is None
    assert not _holds(_cache_bytes(kiosk_desk), _server_secret(live_server))
    account_id, _mobile = _branch_account(live_server)
    assert lookup(kiosk_desk.cache, kiosk_desk.outbox, str(account_id), branch_id=1,
                  kiosk_key=key).outcome is Outcome.NO_KEY


def test_without_a_system_keyring_lookup_works_online_only(
        kiosk_desk: Desk, live_server: LiveServer) -> None:
    online = {"now": True}
    store = SecretStore(FailKeyring())  # a Linux PC without a Secret Service
    assert store.session_only
    key = KioskKey(store, live_server.url, kiosk_desk.outbox.device_code(),
                   online=lambda: online["now"])
    _sync(kiosk_desk, key)
    assert not _holds(_cache_bytes(kiosk_desk), _server_secret(live_server))
    account_id, _mobile = _branch_account(live_server)

    def find() -> Outcome:
        return lookup(kiosk_desk.cache, kiosk_desk.outbox, str(account_id), branch_id=1,
                      kiosk_key=key).outcome

    assert find() is Outcome.FOUND  # online
    online["now"] = False
    assert find() is Outcome.NO_KEY  # offline: fails closed
    restarted = KioskKey(SecretStore(FailKeyring()), live_server.url,
                         kiosk_desk.outbox.device_code(), online=lambda: True)
    assert lookup(kiosk_desk.cache, kiosk_desk.outbox, str(account_id), branch_id=1,
                  kiosk_key=restarted).outcome is Outcome.NO_KEY  # nothing kept on disk


def test_a_lost_key_makes_the_next_pull_start_afresh(
        kiosk_desk: Desk, live_server: LiveServer) -> None:
    key = KioskKey(kiosk_desk.secrets, live_server.url, kiosk_desk.outbox.device_code())
    _sync(kiosk_desk, key)
    key.forget()  # the keyring lost it (a new Windows profile, a cleared store, a restart)
    _sync(kiosk_desk, key)
    assert key.secret() == _server_secret(live_server)
    account_id, _mobile = _branch_account(live_server)
    assert lookup(kiosk_desk.cache, kiosk_desk.outbox, str(account_id), branch_id=1,
                  kiosk_key=key).outcome is Outcome.FOUND


def test_rotation_replaces_the_secret_in_the_keyring(
        kiosk_desk: Desk, live_server: LiveServer) -> None:
    keyring = MemoryKeyring()
    key = KioskKey(SecretStore(keyring), live_server.url, kiosk_desk.outbox.device_code())
    _sync(kiosk_desk, key)
    old = key.secret()
    assert old is not None and old == _server_secret(live_server)
    # The device signed out elsewhere (or revoked): the server rotates its secret.
    other = SyncClient(live_server.url)
    try:
        other.device_sign_in(*KIOSK)
        other.sign_out()
    finally:
        other.close()
    kiosk_desk.auth.sign_in(live_server.url, *KIOSK, device=True)
    _sync(kiosk_desk, key)  # the old cursor answers 410: a resync under the new secret
    new = key.secret()
    assert new is not None and new != old and new == _server_secret(live_server)
    assert not any(old.hex() in value for value in keyring._items.values())
    account_id, _mobile = _branch_account(live_server)
    assert lookup(kiosk_desk.cache, kiosk_desk.outbox, str(account_id), branch_id=1,
                  kiosk_key=key).outcome is Outcome.FOUND
    from db import kiosk_store
    with kiosk_desk.cache.connect() as conn:  # rows under the old secret are gone
        assert kiosk_store.find_by_id(conn, old, account_id) is None
    assert not _holds(_cache_bytes(kiosk_desk), new)


def test_signing_the_kiosk_out_forgets_its_key(
        kiosk_desk: Desk, live_server: LiveServer) -> None:
    key = KioskKey(kiosk_desk.secrets, live_server.url, kiosk_desk.outbox.device_code())
    _sync(kiosk_desk, key)
    assert key.secret() is not None
    kiosk_desk.auth.sign_out(live_server.url, KIOSK[0])
    assert key.read() is None
