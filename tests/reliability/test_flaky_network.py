"""Suite 2: lost responses and a flaky network between the desk and the server.

scripts/reliability/proxy.py sits on 127.0.0.1 between a headless desk process and the server
process and, on pushes and pulls, drops answers after the server committed, resets
connections, delays, sends requests twice, replays old requests late, and answers 503.
Afterwards the faults stop, held requests are replayed, and the desk syncs to the end:
the server's ledger equals the desk's, nothing twice, the outbox drained, the replica equal.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from scripts.reliability.proxy import FaultProxy, Faults
from tests.reliability.conftest import (
    ServerProcess,
    assert_exactly_once,
    check_ledger,
    desk_args,
    record,
    run_desk,
    scale,
)

PAYMENTS = scale(150, 1500)


def payments_digest(rows: list[tuple]) -> str:
    return hashlib.sha256(repr(sorted(rows)).encode()).hexdigest()[:16]


def test_faulty_proxy_exactly_once(server: ServerProcess, tmp_path: Path) -> None:
    token = server.sign_in()
    accounts = server.branch_accounts(15)
    data_dir = tmp_path / "desk"
    events = tmp_path / "events.log"
    run_desk(desk_args("sync", data_dir, server.url, events, final_sync_tries=3), token)

    faults = Faults(drop=0.15, reset=0.08, delay=0.1, duplicate=0.1, replay=0.1, error=0.05)
    proxy = FaultProxy(server.url, faults, seed=2)
    try:
        run_desk(desk_args("run", data_dir, proxy.url, events, payments=PAYMENTS,
                           accounts=",".join(map(str, accounts)), sync_every=2, seed=2,
                           receipt_pause=0, final_sync_tries=3), token, timeout=600)
        proxy.enabled = False
        replayed = proxy.flush_replays()
        run_desk(desk_args("sync", data_dir, proxy.url, events, final_sync_tries=10), token)
    finally:
        proxy.close()

    ledger = check_ledger(server.query, [data_dir], [events])
    conn = sqlite3.connect(f"file:{data_dir / 'cache.sqlite3'}?mode=ro", uri=True)
    query = ("SELECT payment_uuid, account_id, amount_paise, balance_after_paise "
             "FROM payments WHERE branch_id = 1")
    desk_rows = conn.execute(query).fetchall()
    desk_balances = conn.execute(
        "SELECT id, balance_paise, version FROM accounts ORDER BY id").fetchall()
    conn.close()
    server_rows = server.query(query)
    server_balances = server.query(
        "SELECT id, balance_paise, version FROM accounts WHERE branch_id = 1 ORDER BY id")
    record("2 flaky network", requests=proxy.stats.requests,
           faults_injected=sum(proxy.stats.injected.values()),
           **{f"fault_{k}": v for k, v in sorted(proxy.stats.injected.items())},
           late_replays=replayed, **ledger.figures,
           server_ledger_hash=payments_digest(server_rows),
           desk_ledger_hash=payments_digest(desk_rows))
    assert sum(proxy.stats.injected.values()) >= PAYMENTS // 3
    # One desk alone on its accounts: every payment it took by the rules must be accepted
    # (a refusal here was the stale-balance bug fixed in load_account, 4fb420c).
    assert_exactly_once(ledger)
    assert payments_digest(desk_rows) == payments_digest(server_rows)
    assert desk_balances == server_balances
