"""A kiosk that synced with the real server finds accounts offline by exact ID or mobile from
sealed rows, and its cache holds no account rows (issue 14, finding 2)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from billing.rules import PaymentMethod, PaymentOption
from db.kiosk_store import find_by_id
from db.payments_local import build_payment_payload, load_account
from desktop.kiosk.lookup import Outcome, lookup
from sync.cycle import SyncCycle
from sync.kiosk_key import KioskKey
from tests.sync.conftest import Desk, LiveServer

KIOSK = ("KIOSKCBE1", "kiosk-demo")


def test_a_synced_kiosk_finds_accounts_offline_and_holds_no_list(
        desk: Desk, live_server: LiveServer) -> None:
    desk.auth.sign_in(live_server.url, *KIOSK, device=True)
    key = KioskKey(desk.secrets, live_server.url, desk.outbox.device_code())
    outcome = SyncCycle(desk.auth.client, desk.cache, desk.outbox, kiosk_key=key).run()
    assert outcome.error is None, outcome.error
    with desk.cache.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM accounts").scalar() == 0
        sealed = conn.exec_driver_sql("SELECT count(*) FROM kiosk_accounts").scalar()
    own = live_server.query("SELECT id, mobile, balance_paise FROM accounts "
                            "WHERE branch_id = 1 ORDER BY id")
    assert sealed == len(own) + len({m for _, m, _ in own})
    desk.auth.client.close()  # offline from here: only the local copy answers
    shared = {m for _, m, _ in own if sum(1 for _, x, _ in own if x == m) > 1}
    account_id, mobile, balance = next(r for r in own if r[1] not in shared)
    by_id = lookup(desk.cache, desk.outbox, str(account_id), branch_id=1, kiosk_key=key)
    assert by_id.outcome is Outcome.FOUND and by_id.account.balance_paise == balance
    by_mobile = lookup(desk.cache, desk.outbox, mobile[3:], branch_id=1, kiosk_key=key)
    assert by_mobile.outcome is Outcome.FOUND
    assert by_mobile.account.account_id == account_id
    other = live_server.query("SELECT id FROM accounts WHERE branch_id <> 1 LIMIT 1")[0][0]
    assert lookup(desk.cache, desk.outbox, str(other), branch_id=1, kiosk_key=key).outcome is \
        Outcome.NOT_FOUND
    with desk.cache.connect() as conn:
        assert find_by_id(conn, key.secret(), account_id)["mobile"].endswith(mobile[-3:])


def test_a_payment_the_kiosk_pushed_and_pulled_back_is_counted_once(
        desk: Desk, live_server: LiveServer) -> None:
    """A kiosk pulls no payment rows, only the sealed account row with the new balance:
    its payment screen must not lay the applied payment over that balance a second time
    (a customer paying the rest of a partial payment was asked for too little, and one who
    paid in full could not pay the next due at the kiosk for three days)."""
    desk.auth.sign_in(live_server.url, *KIOSK, device=True)
    key = KioskKey(desk.secrets, live_server.url, desk.outbox.device_code())
    cycle = SyncCycle(desk.auth.client, desk.cache, desk.outbox, kiosk_key=key)
    assert cycle.run().error is None
    account_id = live_server.scalar(
        "SELECT id FROM accounts WHERE branch_id = 1 AND balance_paise >= 50000 ORDER BY id")
    account = load_account(desk.cache, desk.outbox, account_id, kiosk_secret=key.secret())
    payload = build_payment_payload(
        account, option=PaymentOption.PAYMENT, method=PaymentMethod.UPI,
        reference=str(10**11 + uuid.uuid4().int % (9 * 10**11)), amount_paise=20_000,
        charge_paise=0, plan_id=None, tendered_paise=None, taken_at=datetime.now(UTC))
    desk.outbox.enqueue_payment(account_id=account_id, payload=payload, created_by="kiosk",
                                mutation_id=str(uuid.uuid4()))
    assert cycle.run().error is None  # pushed (applied), then the new sealed row pulled
    balance = live_server.scalar("SELECT balance_paise FROM accounts WHERE id = ?", account_id)
    assert balance == account.balance_paise - 20_000
    shown = lookup(desk.cache, desk.outbox, str(account_id), branch_id=1, kiosk_key=key)
    assert shown.account is not None and shown.account.balance_paise == balance
    paying = load_account(desk.cache, desk.outbox, account_id, kiosk_secret=key.secret())
    assert paying.balance_paise == balance


def test_a_payment_applied_before_the_pull_is_not_asked_for_again(
        desk: Desk, live_server: LiveServer) -> None:
    """The link drops after the push was answered and before the pull: head office has the
    payment, the kiosk's copy has the old balance. The account screen must not show the
    paid due again (a customer would pay twice); it showed the old balance, with no
    payment "not yet confirmed" either."""
    desk.auth.sign_in(live_server.url, *KIOSK, device=True)
    key = KioskKey(desk.secrets, live_server.url, desk.outbox.device_code())
    cycle = SyncCycle(desk.auth.client, desk.cache, desk.outbox, kiosk_key=key)
    assert cycle.run().error is None
    account_id = live_server.scalar(
        "SELECT id FROM accounts WHERE branch_id = 1 AND balance_paise >= 50000 "
        "ORDER BY id DESC")
    account = load_account(desk.cache, desk.outbox, account_id, kiosk_secret=key.secret())
    payload = build_payment_payload(
        account, option=PaymentOption.PAYMENT, method=PaymentMethod.UPI,
        reference=str(10**11 + uuid.uuid4().int % (9 * 10**11)),
        amount_paise=account.balance_paise, charge_paise=0, plan_id=None,
        tendered_paise=None, taken_at=datetime.now(UTC))
    desk.outbox.enqueue_payment(account_id=account_id, payload=payload, created_by="kiosk",
                                mutation_id=str(uuid.uuid4()))
    cycle.push()  # applied at head office; no pull yet
    assert live_server.scalar("SELECT balance_paise FROM accounts WHERE id = ?",
                              account_id) == 0
    shown = lookup(desk.cache, desk.outbox, str(account_id), branch_id=1, kiosk_key=key)
    assert shown.account is not None
    assert shown.account.balance_paise == 0 and not shown.account.owes
    assert shown.account.options == [o for o in shown.account.options
                                     if o is not PaymentOption.PAYMENT]
