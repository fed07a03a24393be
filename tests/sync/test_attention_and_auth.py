"""Conflicts (keep mine / take theirs), sign-in and sign-out, offline sign-in, and the
token never reaching a file — all against the real server."""

from __future__ import annotations

import logging
import uuid
from pathlib import Path

import pytest

from db import replica
from db.outbox import MutationKind, MutationState
from desktop.runtime.logs import setup_logging
from sync import attention
from sync.auth import SignInFailed, SignOutRefused
from sync.client import SyncClient
from sync.errors import Unauthorized
from tests.sync.conftest import (
    ADMIN,
    STAFF,
    Desk,
    LiveServer,
    cached_account,
    make_desk,
    payment_payload,
)


def _edit(desk: Desk, account: dict, email: str) -> str:
    m = desk.outbox.enqueue(
        MutationKind.EDIT, account_id=account["id"], base_version=account["version"],
        payload={"fields": {"email": email}, "before": {"email": account["email"]}},
        created_by="staff.cbe")
    return m.mutation_id


def _conflict(desk: Desk, live_server: LiveServer, tmp_path: Path, tag: str) -> tuple[dict, str]:
    """Make an edit on this desk conflict with one made meanwhile at head office."""
    desk.sign_in()
    assert desk.cycle().run().ok
    account = cached_account(desk.cache, "email IS NOT NULL AND id > ?", 10_000_050)
    office = make_desk(tmp_path / f"office-{tag}", live_server)
    try:
        office.sign_in(ADMIN)
        _edit(office, account, f"office.{tag}@example.in")
        assert office.cycle().push() == {"applied": 1}
    finally:
        office.close()
    mine = _edit(desk, account, f"desk.{tag}@example.in")
    outcome = desk.cycle().run()
    assert outcome.pushed == {"conflict": 1} and outcome.needs_attention == 1
    return account, mine


def test_keep_mine_resends_over_the_servers_row(desk: Desk, live_server: LiveServer,
                                                tmp_path: Path) -> None:
    account, mine = _conflict(desk, live_server, tmp_path, "keep")
    m = desk.outbox.get(mine)
    assert m.state is MutationState.CONFLICT
    assert "office.keep@example.in" in attention.describe(m)
    attention.keep_mine(desk.outbox, m)
    again = desk.outbox.get(mine)
    assert again.state is MutationState.PENDING
    assert again.base_version == m.result["current"]["version"]
    assert again.payload["before"] == {"email": "office.keep@example.in"}
    outcome = desk.cycle().run()
    assert outcome.pushed == {"applied": 1} and outcome.needs_attention == 0
    assert live_server.scalar("SELECT email FROM accounts WHERE id = ?", account["id"]) == \
        "desk.keep@example.in"
    assert cached_account(desk.cache, "id = ?", account["id"])["email"] == \
        "desk.keep@example.in"


def test_take_theirs_drops_the_local_edit(desk: Desk, live_server: LiveServer,
                                          tmp_path: Path) -> None:
    account, mine = _conflict(desk, live_server, tmp_path, "theirs")
    m = desk.outbox.get(mine)
    assert attention.can_choose_side(m)
    attention.take_theirs(desk.outbox, m)
    assert desk.outbox.get(mine) is None
    assert desk.outbox.needing_attention() == []
    assert desk.cycle().run().ok
    assert cached_account(desk.cache, "id = ?", account["id"])["email"] == \
        "office.theirs@example.in"


def test_sign_in_keeps_the_token_in_the_keyring_and_a_verifier_on_disk(
        desk: Desk, live_server: LiveServer) -> None:
    signed = desk.sign_in()
    assert signed.online and signed.user.username == "staff.cbe"
    assert signed.user.branch_id == 1 and signed.user.role.value == "branch_staff"
    token = desk.secrets.get_token(live_server.url, "staff.cbe")
    assert token and desk.auth.client is not None
    assert desk.auth.client.me()["username"] == "staff.cbe"
    assert replica.read_state(desk.cache, replica.OWNER_KEY) == f"staff.cbe@{live_server.url}"


def test_wrong_password_says_so(desk: Desk, live_server: LiveServer) -> None:
    with pytest.raises(SignInFailed, match="wrong"):
        desk.auth.sign_in(live_server.url, "staff.cbe", "not-the-password")


def test_offline_sign_in_after_one_online_sign_in(desk: Desk, live_server: LiveServer) -> None:
    dead = "http://127.0.0.1:9"  # nothing listens on the discard port
    with pytest.raises(SignInFailed, match="Sign in once while connected"):
        desk.auth.sign_in(dead, *STAFF)
    desk.sign_in()
    offline = desk.auth.sign_in(dead, *STAFF)
    assert not offline.online and offline.user.username == "staff.cbe"
    assert offline.user.branch_id == 1
    with pytest.raises(SignInFailed, match="does not match"):
        desk.auth.sign_in(dead, "staff.cbe", "wrong")


def test_sign_out_refuses_while_payments_are_unsent_and_keeps_the_outbox(
        desk: Desk, live_server: LiveServer) -> None:
    desk.sign_in()
    assert desk.cycle().run().ok
    owing = cached_account(desk.cache, "balance_paise >= 100000")
    m = desk.outbox.enqueue_payment(account_id=owing["id"], payload=payment_payload(owing, 900),
                                    created_by="staff.cbe", mutation_id=str(uuid.uuid4()))
    with pytest.raises(SignOutRefused, match="1 payment has not reached the server"):
        desk.auth.sign_out(live_server.url, "staff.cbe")
    assert desk.secrets.get_token(live_server.url, "staff.cbe")  # still signed in
    assert desk.cycle().run().pushed == {"applied": 1}
    client = desk.auth.client
    token = desk.secrets.get_token(live_server.url, "staff.cbe")
    desk.auth.sign_out(live_server.url, "staff.cbe")
    assert desk.secrets.get_token(live_server.url, "staff.cbe") is None
    assert replica.is_empty(desk.cache)
    assert desk.outbox.get(m.mutation_id).state is MutationState.APPLIED  # outbox untouched
    assert client is not None and not client.has_token
    revoked = SyncClient(live_server.url)
    revoked.set_token(token)
    with pytest.raises(Unauthorized):
        revoked.me()
    revoked.close()


def test_another_user_gets_a_fresh_cache(desk: Desk, live_server: LiveServer) -> None:
    desk.sign_in()
    assert desk.cycle().run().ok
    signed = desk.sign_in(ADMIN)
    assert signed.cache_reset and replica.is_empty(desk.cache)
    assert desk.cycle().run().ok
    with desk.cache.connect() as conn:
        assert conn.exec_driver_sql(
            "SELECT count(DISTINCT branch_id) FROM accounts").scalar() > 1


def test_the_token_never_reaches_a_file(desk: Desk, live_server: LiveServer) -> None:
    root = logging.getLogger()
    level = root.level
    setup_logging(desk.data_dir / "logs", level=logging.DEBUG)  # even debug logs
    try:
        _sign_in_sync_and_grep(desk, live_server)
    finally:
        root.setLevel(level)


def _sign_in_sync_and_grep(desk: Desk, live_server: LiveServer) -> None:
    desk.sign_in()
    token = desk.secrets.get_token(live_server.url, "staff.cbe")
    assert token and len(token) >= 16
    assert desk.cycle().run().ok
    desk.auth.sign_in("http://127.0.0.1:9", *STAFF)  # offline sign-in reads the verifier
    files = [p for p in desk.data_dir.rglob("*") if p.is_file()]
    assert any(p.name == "partner-desk.log" for p in files)
    for path in files:
        assert token.encode() not in path.read_bytes(), f"token found in {path}"


def test_the_desk_takes_its_limits_from_the_server(desk: Desk, live_server: LiveServer) -> None:
    from billing.limits import DEFAULT_LIMITS, Limits

    settings = live_server.handle.settings
    old = settings.max_comment_chars, settings.ceiling_paise
    settings.max_comment_chars, settings.ceiling_paise = 120, 7_500_00
    try:
        signed = desk.sign_in()
    finally:
        settings.max_comment_chars, settings.ceiling_paise = old
    assert signed.limits == Limits(max_comment_chars=120, max_payment_paise=7_500_00)
    # Offline, nothing was heard: billing's defaults.
    offline = desk.auth.sign_in("http://127.0.0.1:9", *STAFF)
    assert not offline.online and offline.limits == DEFAULT_LIMITS


def test_a_locked_out_name_is_told_the_wait_once_in_minutes(tmp_path: Path) -> None:
    """Past the free failures the server answers 429 ``locked_out`` with Retry-After: the
    refusal says the wait once, in whole minutes, and carries its message id (so the desk
    words it in Tamil too). A server of its own: the lock-out also counts this address."""
    from billing.messages import Msg
    from server.embedded import start_server
    from tests.sync.conftest import SERVER_ACCOUNTS

    handle = start_server(f"sqlite:///{tmp_path / 'server.sqlite3'}", SERVER_ACCOUNTS,
                          host="127.0.0.1", port=0)
    try:
        desk = make_desk(tmp_path / "desk", LiveServer(handle.url, tmp_path, handle))
        try:
            for _ in range(40):  # the name's free failures, then this address's
                with pytest.raises(SignInFailed) as refused:
                    desk.auth.sign_in(handle.url, "staff.cbe", "not-the-password")
                if refused.value.code == "locked_out":
                    break
                assert refused.value.message == "The user name or password is wrong."
        finally:
            desk.close()
    finally:
        handle.stop()
    assert refused.value.code == "locked_out" and refused.value.msg is Msg.SIGNIN_LOCKED_OUT
    assert refused.value.message == "Too many failed sign-ins; try again in 1 minute(s)."
