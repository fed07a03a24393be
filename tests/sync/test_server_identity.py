"""The cache belongs to a server's identity (its epoch), not to its address: a new
address of the same server keeps it, and an offline sign-in at another address never
empties it; only a server shown to be another one rebuilds it (and says so). The outbox
is never touched."""

from __future__ import annotations

import socket
import uuid

from db import replica
from db.outbox import MutationState
from sync.cycle import UNCONFIRMED_OWNER_KEY
from tests.sync.conftest import (
    STAFF,
    Desk,
    FaultProxy,
    LiveServer,
    cached_account,
    payment_payload,
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _accounts(desk: Desk) -> int:
    with desk.cache.connect() as conn:
        return int(conn.exec_driver_sql("SELECT count(*) FROM accounts").scalar())


def _synced_with_a_pending_payment(desk: Desk) -> tuple[int, str]:
    desk.sign_in()
    assert desk.cycle().run().ok
    owing = cached_account(desk.cache, "balance_paise >= 100000")
    pending = desk.outbox.enqueue_payment(
        account_id=owing["id"], payload=payment_payload(owing, 900), created_by="staff.cbe",
        mutation_id=str(uuid.uuid4()))
    return _accounts(desk), pending.mutation_id


def test_same_server_at_a_new_address_keeps_the_cache(desk: Desk, live_server: LiveServer
                                                      ) -> None:
    before, _payment = _synced_with_a_pending_payment(desk)
    proxy = FaultProxy(live_server.url)  # the same server, another port (--demo restarts)
    try:
        signed = desk.sign_in(url=proxy.url)
        assert signed.online and not signed.cache_reset
        assert _accounts(desk) == before > 0
        assert replica.read_state(desk.cache, replica.OWNER_KEY) == f"staff.cbe@{proxy.url}"
    finally:
        proxy.close()


def test_offline_sign_in_at_another_address_keeps_cache_and_outbox_until_it_is_reached(
        desk: Desk, live_server: LiveServer) -> None:
    before, payment = _synced_with_a_pending_payment(desk)
    port = _free_port()
    address = f"http://127.0.0.1:{port}"
    signed = desk.sign_in(url=address)  # nothing listens there: offline
    assert not signed.online and not signed.cache_reset
    assert "kept" in (signed.notice or "") and live_server.url in (signed.notice or "")
    assert _accounts(desk) == before
    assert desk.outbox.get(payment).state is MutationState.PENDING
    # Still unreachable: a sync changes nothing.
    desk.auth.client.set_token(desk.secrets.get_token(live_server.url, STAFF[0]))
    outcome = desk.cycle().run()
    assert outcome.offline and not outcome.reset
    assert _accounts(desk) == before
    # The address comes up and it is the same server: the cache stays, the payment goes.
    proxy = FaultProxy(live_server.url, port=port)
    try:
        outcome = desk.cycle().run()
        assert outcome.ok and not outcome.reset and "same server" in (outcome.notice or "")
        assert _accounts(desk) == before
        assert replica.read_state(desk.cache, UNCONFIRMED_OWNER_KEY) is None
        assert replica.read_state(desk.cache, replica.OWNER_KEY) == f"staff.cbe@{address}"
        assert desk.outbox.get(payment).state is MutationState.APPLIED
    finally:
        proxy.close()


def test_another_server_rebuilds_only_once_reached_and_says_so(
        desk: Desk, live_server: LiveServer) -> None:
    before, payment = _synced_with_a_pending_payment(desk)
    port = _free_port()
    address = f"http://127.0.0.1:{port}"
    # The cache came from a server whose identity is not the live one's.
    replica.write_state(desk.cache, replica.EPOCH_KEY, "another-server-epoch")
    signed = desk.sign_in(url=address)
    assert not signed.online and not signed.cache_reset and _accounts(desk) == before
    proxy = FaultProxy(live_server.url, port=port)
    try:
        desk.auth.client.set_token(desk.secrets.get_token(live_server.url, STAFF[0]))
        outcome = desk.cycle().run()
        assert outcome.ok and outcome.reset
        assert "different server" in (outcome.notice or "")
        assert "kept" in (outcome.notice or "")
        assert _accounts(desk) == before  # rebuilt from the server it reached
        assert desk.outbox.get(payment).state is MutationState.APPLIED  # outbox untouched
        assert replica.read_state(desk.cache, replica.OWNER_KEY) == f"staff.cbe@{address}"
    finally:
        proxy.close()


def test_online_sign_in_at_another_server_says_why_the_copy_is_rebuilt(
        desk: Desk, live_server: LiveServer) -> None:
    _before, payment = _synced_with_a_pending_payment(desk)
    replica.write_state(desk.cache, replica.EPOCH_KEY, "another-server-epoch")
    proxy = FaultProxy(live_server.url)
    try:
        signed = desk.sign_in(url=proxy.url)
        assert signed.cache_reset and "different server" in (signed.notice or "")
        assert desk.outbox.get(payment).state is MutationState.PENDING
    finally:
        proxy.close()
