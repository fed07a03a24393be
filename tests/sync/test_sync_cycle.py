"""Push-then-pull against the real server over HTTP on 127.0.0.1."""

from __future__ import annotations

import uuid

from db import replica
from db.outbox import MutationKind, MutationState
from db.overlay import provisional_payments
from sync.client import SyncClient
from sync.cycle import SyncCycle
from sync.http_session import make_session
from tests.sync.conftest import (
    ADMIN,
    Desk,
    FaultProxy,
    LiveServer,
    cached_account,
    make_desk,
    payment_payload,
)


def _count(desk: Desk, sql: str, *args: object) -> int:
    with desk.cache.connect() as conn:
        return conn.exec_driver_sql(sql, args).scalar()


def test_initial_sync_fills_the_cache_with_the_branch_only(desk: Desk,
                                                           live_server: LiveServer) -> None:
    desk.sign_in()
    seen: list[tuple[int, int]] = []
    outcome = desk.cycle().run(lambda done, accounts: seen.append((done, accounts)))
    assert outcome.ok and outcome.initial, outcome.error
    branch_accounts = live_server.scalar("SELECT count(*) FROM accounts WHERE branch_id = 1")
    assert 0 < branch_accounts < live_server.scalar("SELECT count(*) FROM accounts")
    assert _count(desk, "SELECT count(*) FROM accounts") == branch_accounts
    assert _count(desk, "SELECT count(*) FROM accounts WHERE branch_id <> 1") == 0
    assert _count(desk, "SELECT count(*) FROM account_search") == branch_accounts
    server_payments = live_server.scalar(
        "SELECT count(*) FROM payments p JOIN accounts a ON a.id = p.account_id "
        "WHERE a.branch_id = 1")
    assert _count(desk, "SELECT count(*) FROM payments") == server_payments
    assert outcome.pulled_accounts == branch_accounts
    assert seen and seen[-1][1] == branch_accounts  # progress reached every account
    cursor, epoch = replica.read_cursor(desk.cache)
    assert cursor and epoch
    # Nothing changed since: the next cycle is a small delta.
    again = desk.cycle().run()
    assert again.ok and not again.initial and again.pulled_changes == 0


def test_delta_sync_brings_another_desks_payment(desk: Desk, live_server: LiveServer,
                                                 tmp_path) -> None:
    desk.sign_in()
    assert desk.cycle().run().ok
    owing = cached_account(desk.cache, "branch_id = 1 AND balance_paise >= 100000")
    other = make_desk(tmp_path / "other", live_server)
    try:
        other.sign_in(ADMIN)
        other.outbox.enqueue_payment(account_id=owing["id"],
                                     payload=payment_payload(owing, 50_000),
                                     created_by="admin", mutation_id=str(uuid.uuid4()))
        pushed = other.cycle()
        pushed_ids: set[int] = set()
        assert pushed.push(pushed_ids) == {"applied": 1}
    finally:
        other.close()
    outcome = desk.cycle().run()
    assert outcome.ok and not outcome.initial
    assert 0 < outcome.pulled_changes < 50
    assert owing["id"] in (outcome.account_ids or [])
    now = cached_account(desk.cache, "id = ?", owing["id"])
    assert now["balance_paise"] == owing["balance_paise"] - 50_000
    assert now["version"] > owing["version"]


def test_payments_are_pushed_exactly_once(desk: Desk, live_server: LiveServer) -> None:
    desk.sign_in()
    assert desk.cycle().run().ok
    owing = cached_account(desk.cache, "balance_paise >= 100000")
    ids = []
    for amount in (10_000, 20_000, 30_000):
        m = desk.outbox.enqueue_payment(account_id=owing["id"],
                                        payload=payment_payload(owing, amount),
                                        created_by="staff.cbe", mutation_id=str(uuid.uuid4()))
        ids.append(m.mutation_id)
    outcome = desk.cycle().run()
    assert outcome.ok and outcome.pushed == {"applied": 3}
    # Pushed then pulled in the same cycle: the new balance is already in the cache.
    assert cached_account(desk.cache, "id = ?", owing["id"])["balance_paise"] == \
        owing["balance_paise"] - 60_000
    assert provisional_payments(desk.outbox, desk.cache) == {}
    for mutation_id in ids:
        assert live_server.scalar(
            "SELECT count(*) FROM payments WHERE payment_uuid = ?", mutation_id) == 1
        assert desk.outbox.get(mutation_id).state is MutationState.APPLIED
    assert desk.cycle().run().pushed == {}


def test_a_lost_push_response_is_retried_and_answered_duplicate(
        desk: Desk, live_server: LiveServer, fault_proxy: FaultProxy) -> None:
    desk.sign_in()
    assert desk.cycle().run().ok
    owing = cached_account(desk.cache, "balance_paise >= 100000")
    m = desk.outbox.enqueue_payment(account_id=owing["id"],
                                    payload=payment_payload(owing, 12_345),
                                    created_by="staff.cbe", mutation_id=str(uuid.uuid4()))
    token = desk.secrets.get_token(live_server.url, "staff.cbe")
    # Through the proxy: the first push reaches the server, its answer is thrown away;
    # urllib3's Retry sends the same batch again and the server answers "duplicate".
    via_proxy = SyncClient(fault_proxy.url, session=make_session(retries=2, backoff=0.05))
    via_proxy.set_token(token)
    fault_proxy.drop_push_responses = 1
    outcome = SyncCycle(via_proxy, desk.cache, desk.outbox).run()
    via_proxy.close()
    assert outcome.ok, outcome.error
    assert fault_proxy.forwarded_pushes == 2
    assert outcome.pushed == {"duplicate": 1}
    assert desk.outbox.get(m.mutation_id).state is MutationState.DUPLICATE
    assert live_server.scalar(
        "SELECT count(*) FROM payments WHERE payment_uuid = ?", m.mutation_id) == 1
    assert cached_account(desk.cache, "id = ?", owing["id"])["balance_paise"] == \
        owing["balance_paise"] - 12_345


def test_without_retries_the_write_stays_pending_until_the_next_cycle(
        desk: Desk, live_server: LiveServer, fault_proxy: FaultProxy) -> None:
    desk.sign_in()
    assert desk.cycle().run().ok
    owing = cached_account(desk.cache, "balance_paise >= 100000")
    m = desk.outbox.enqueue_payment(account_id=owing["id"],
                                    payload=payment_payload(owing, 5_000),
                                    created_by="staff.cbe", mutation_id=str(uuid.uuid4()))
    via_proxy = SyncClient(fault_proxy.url, session=make_session(retries=0))
    via_proxy.set_token(desk.secrets.get_token(live_server.url, "staff.cbe"))
    fault_proxy.drop_push_responses = 1
    lost = SyncCycle(via_proxy, desk.cache, desk.outbox).run()
    via_proxy.close()
    assert lost.offline and not lost.ok
    kept = desk.outbox.get(m.mutation_id)
    assert kept.state is MutationState.PENDING and kept.attempts == 1
    # The server has it already; the provisional balance keeps showing it meanwhile.
    assert live_server.scalar(
        "SELECT count(*) FROM payments WHERE payment_uuid = ?", m.mutation_id) == 1
    assert provisional_payments(desk.outbox, desk.cache)[owing["id"]].delta_paise == -5_000
    again = desk.cycle().run()
    assert again.ok and again.pushed == {"duplicate": 1}
    assert live_server.scalar(
        "SELECT count(*) FROM payments WHERE payment_uuid = ?", m.mutation_id) == 1


def test_applied_payment_keeps_its_balance_until_pulled(desk: Desk) -> None:
    desk.sign_in()
    assert desk.cycle().run().ok
    owing = cached_account(desk.cache, "balance_paise >= 100000")
    desk.outbox.enqueue_payment(account_id=owing["id"], payload=payment_payload(owing, 7_000),
                                created_by="staff.cbe", mutation_id=str(uuid.uuid4()))
    assert provisional_payments(desk.outbox, desk.cache)[owing["id"]].delta_paise == -7_000
    desk.cycle().push()  # applied on the server, not pulled yet
    assert provisional_payments(desk.outbox, desk.cache)[owing["id"]].delta_paise == -7_000
    cached = cached_account(desk.cache, "id = ?", owing["id"])
    assert cached["balance_paise"] == owing["balance_paise"]  # still the old row
    desk.cycle().run()
    assert owing["id"] not in provisional_payments(desk.outbox, desk.cache)
    assert cached_account(desk.cache, "id = ?", owing["id"])["balance_paise"] == \
        owing["balance_paise"] - 7_000


def test_a_rejected_write_waits_and_does_not_block_the_rest(desk: Desk,
                                                           live_server: LiveServer) -> None:
    desk.sign_in()
    assert desk.cycle().run().ok
    owing = cached_account(desk.cache, "balance_paise >= 100000")
    # No money (amount 0) is what no cashier could have taken: the server refuses it.
    # (An advance while owing is applied since issue 16: dues first, the rest advance.)
    bad = desk.outbox.enqueue_payment(
        account_id=owing["id"], payload=payment_payload(owing, 0),
        created_by="staff.cbe", mutation_id=str(uuid.uuid4()))
    good = desk.outbox.enqueue_payment(
        account_id=owing["id"], payload=payment_payload(owing, 2_000),
        created_by="staff.cbe", mutation_id=str(uuid.uuid4()))
    comment = desk.outbox.enqueue(MutationKind.COMMENT, account_id=owing["id"],
                                  payload={"body": "Called about the dues", "created_at": 1},
                                  created_by="staff.cbe")
    outcome = desk.cycle().run()
    assert outcome.ok
    assert outcome.pushed == {"rejected": 1, "applied": 2}
    assert outcome.needs_attention == 1 and outcome.pending == 0
    attention = desk.outbox.needing_attention()
    assert [m.mutation_id for m in attention] == [bad.mutation_id]
    assert attention[0].result["error"]["code"]
    assert desk.outbox.get(good.mutation_id).state is MutationState.APPLIED
    assert desk.outbox.get(comment.mutation_id).state is MutationState.APPLIED
    assert live_server.scalar(
        "SELECT count(*) FROM payments WHERE payment_uuid = ?", bad.mutation_id) == 0
    assert _count(desk, "SELECT count(*) FROM comments WHERE body = ?",
                  "Called about the dues") == 1
    # The refused payment never counts in the provisional balance and is never dropped.
    assert owing["id"] not in provisional_payments(desk.outbox, desk.cache)
    assert desk.cycle().run().needs_attention == 1


def test_resync_rebuilds_the_cache_and_keeps_the_outbox(desk: Desk,
                                                        live_server: LiveServer) -> None:
    desk.sign_in()
    assert desk.cycle().run().ok
    accounts = _count(desk, "SELECT count(*) FROM accounts")
    owing = cached_account(desk.cache, "balance_paise >= 100000")
    bad = desk.outbox.enqueue_payment(
        account_id=owing["id"], payload=payment_payload(owing, 0),
        created_by="staff.cbe", mutation_id=str(uuid.uuid4()))
    desk.cycle().push()
    # A stale row the server never had, and a cursor the server will not accept.
    with desk.cache.begin() as conn:
        conn.exec_driver_sql("UPDATE accounts SET name = 'STALE' WHERE id = ?", (owing["id"],))
    replica.write_state(desk.cache, replica.CURSOR_KEY, "not-a-cursor-of-this-server")
    outbox_rows = desk.outbox.counts()
    outcome = desk.cycle().run()
    assert outcome.ok and outcome.reset and outcome.account_ids is None
    assert _count(desk, "SELECT count(*) FROM accounts") == accounts
    assert _count(desk, "SELECT count(*) FROM accounts WHERE name = 'STALE'") == 0
    assert desk.outbox.counts() == outbox_rows
    assert [m.mutation_id for m in desk.outbox.needing_attention()] == [bad.mutation_id]
