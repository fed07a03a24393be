"""A day close made while the server is out of reach reaches head office exactly once,
after the session's payments, even when the answer to its push is lost (issue 16)."""

from __future__ import annotations

import socket
import uuid

from db.cash_session import close_session, current_session
from db.outbox import MutationState
from sync.client import SyncClient
from sync.cycle import SyncCycle
from sync.http_session import make_session
from tests.sync.conftest import Desk, FaultProxy, LiveServer, cached_account, payment_payload


def _unused_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_close_made_offline_arrives_exactly_once(desk: Desk, live_server: LiveServer,
                                                    fault_proxy: FaultProxy) -> None:
    desk.sign_in()
    assert desk.cycle().run().ok
    token = desk.secrets.get_token(live_server.url, "staff.cbe")
    owing = cached_account(desk.cache, "balance_paise >= 100000")
    session = current_session(desk.outbox.engine, "staff.cbe")

    # The link to head office is down: the payment and the close wait in the outbox.
    offline = SyncClient(f"http://127.0.0.1:{_unused_port()}",
                         session=make_session(retries=0))
    offline.set_token(token)
    paid = desk.outbox.enqueue_payment(account_id=owing["id"],
                                       payload=payment_payload(owing, 25_000),
                                       created_by="staff.cbe", mutation_id=str(uuid.uuid4()))
    close = close_session(desk.outbox.engine, session.id, {50_000: 1}, "staff.cbe",
                          branch_id=1, gst_basis=("33", 1800))
    assert close.report_id is not None
    down = SyncCycle(offline, desk.cache, desk.outbox).run()
    offline.close()
    assert down.offline and desk.outbox.get(close.report_id).state is MutationState.PENDING
    assert desk.outbox.get(close.report_id).payload["unsynced_at_close"] == 1

    # Back online, but the answer to the first push is lost after the server committed.
    via_proxy = SyncClient(fault_proxy.url, session=make_session(retries=0))
    via_proxy.set_token(token)
    fault_proxy.drop_push_responses = 1
    lost = SyncCycle(via_proxy, desk.cache, desk.outbox).run()
    via_proxy.close()
    assert not lost.ok
    assert live_server.scalar(
        "SELECT count(*) FROM day_closes WHERE close_id = ?", close.report_id) == 1
    assert desk.outbox.get(close.report_id).state is MutationState.PENDING

    # The next cycle sends it again: answered "duplicate", still one close at head office.
    again = desk.cycle().run()
    assert again.ok, again.error
    assert again.pushed == {"duplicate": 2}
    assert desk.outbox.get(close.report_id).state is MutationState.DUPLICATE
    assert desk.outbox.get(paid.mutation_id).state is MutationState.DUPLICATE
    rows = live_server.query(
        "SELECT branch_id, reported_by, session_id, expected_paise, counted_paise, "
        "difference_paise, unsynced_at_close FROM day_closes WHERE close_id = ?",
        close.report_id)
    assert rows == [(1, "staff.cbe", session.id, close.expected_paise, 50_000,
                     close.difference_paise, 1)]
    # The session's payment reached the ledger before its close (outbox order).
    assert desk.outbox.get(paid.mutation_id).seq < desk.outbox.get(close.report_id).seq
    assert live_server.scalar(
        "SELECT count(*) FROM payments WHERE payment_uuid = ?", paid.mutation_id) == 1
    assert [m.kind for m in desk.outbox.pending()] == []
    assert desk.cycle().run().pushed == {}


def test_a_refused_close_waits_in_needs_attention_and_blocks_nothing(
        desk: Desk, live_server: LiveServer) -> None:
    from sync import attention

    desk.sign_in()
    assert desk.cycle().run().ok
    session = current_session(desk.outbox.engine, "staff.cbe")
    # Filed under another branch (say the desk's user was moved meanwhile): refused.
    close = close_session(desk.outbox.engine, session.id, {}, "staff.cbe", branch_id=2,
                          gst_basis=("33", 1800))
    owing = cached_account(desk.cache, "balance_paise >= 100000")
    after = desk.outbox.enqueue_payment(account_id=owing["id"],
                                        payload=payment_payload(owing, 1_000),
                                        created_by="staff.cbe", mutation_id=str(uuid.uuid4()))
    outcome = desk.cycle().run()
    assert outcome.ok and outcome.pushed == {"rejected": 1, "applied": 1}
    assert outcome.needs_attention == 1
    [waiting] = desk.outbox.needing_attention()
    assert waiting.mutation_id == close.report_id
    line = attention.describe(waiting)
    assert line.startswith(f"Day close of cash session {session.id} — refused: ")
    assert "own branch (1)" in line
    assert desk.outbox.get(after.mutation_id).state is MutationState.APPLIED
    assert live_server.scalar(
        "SELECT count(*) FROM day_closes WHERE close_id = ?", close.report_id) == 0
