"""A kiosk that synced with the real server finds accounts offline by exact ID or mobile from
sealed rows, and its cache holds no account rows (issue 14, finding 2)."""

from __future__ import annotations

from db.kiosk_store import find_by_id
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
