"""Suite 1: the desk is SIGKILLed at random moments while it takes payments and syncs.

A headless desk (scripts/reliability/client.py: the payment dialog's code path and the sync
engine's cycle) runs in a process forked from a pre-imported zygote; the harness kills it
after a random 10–300 ms, restarts it, and so on; some kills are aimed at the moment
between "payment written" and "receipt shown". Finally the desk syncs to the end.
Every payment the harness saw confirmed must be on the server exactly once, and nothing else.
"""

from __future__ import annotations

import os
import random
import signal
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from billing.rules import PaymentMethod, PaymentOption
from db.cache import CACHE_FILE, open_cache
from db.outbox import OUTBOX_FILE, Outbox
from db.payments_local import build_payment_payload, load_account, record_payment
from sync.client import SyncClient
from sync.cycle import SyncCycle
from tests.reliability.conftest import (
    ServerProcess,
    Zygote,
    assert_exactly_once,
    check_ledger,
    desk_args,
    read_events,
    record,
    run_desk,
    scale,
    wait_gone,
)

KILLS = scale(200, 1000)


def _wait_for_line(path: Path, needle: str, after: int, timeout: float) -> bool:
    """True once ``path`` has a line starting with ``needle`` beyond byte ``after``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists():
            with path.open("rb") as fh:
                fh.seek(after)
                tail = fh.read().decode(errors="replace")
            lines = tail.splitlines()
            for i, line in enumerate(lines):
                if line.startswith(needle):
                    # CONFIRMED seen and its RECEIPT not yet: the window we aim at
                    if needle == "CONFIRMED" and any(x.startswith("RECEIPT")
                                                     for x in lines[i + 1:]):
                        continue
                    return True
        time.sleep(0.003)
    return False


def test_sigkill_loop_loses_and_doubles_nothing(server: ServerProcess, tmp_path: Path) -> None:
    token = server.sign_in()
    accounts = server.branch_accounts(12)
    before = dict(server.query("SELECT id, balance_paise FROM accounts"))
    data_dir = tmp_path / "desk"
    events = tmp_path / "events.log"
    run_desk(desk_args("sync", data_dir, server.url, events, final_sync_tries=3), token)

    rng = random.Random(20261127)
    zygote = Zygote(token, tmp_path)
    aimed = synced = kills = early_exits = 0
    try:
        for i in range(KILLS):
            # Every fifth kill lands between "written" and "receipt shown", two in five
            # inside a sync cycle (push or pull), the rest at a random moment.
            aim = i % 5 == 4
            in_sync = i % 5 in (1, 2)
            start = events.stat().st_size if events.exists() else 0
            pid = zygote.fork(desk_args(
                "run", data_dir, server.url, events, accounts=",".join(map(str, accounts)),
                payments=0, sync_every=rng.choice([1, 2, 3, 5]), seed=i,
                receipt_pause=0.3 if aim else 0.005, reuse_open=True,
            ))
            if aim:
                hit = _wait_for_line(events, "CONFIRMED", start, 5.0)
                aimed += hit
            elif in_sync:
                synced += _wait_for_line(events, "CYCLE", start, 5.0)
                time.sleep(rng.uniform(0.0, 0.3))
            else:
                time.sleep(rng.uniform(0.02, 0.35))
            try:
                os.kill(pid, signal.SIGKILL)
                kills += 1
            except ProcessLookupError:
                early_exits += 1
            wait_gone(pid)
        final = zygote.fork(desk_args("sync", data_dir, server.url, events,
                                      final_sync_tries=20))
        wait_gone(final, 120)
    finally:
        zygote.close()

    ledger = check_ledger(server.query, [data_dir], [events])
    _, _, kinds = read_events([events])
    after = dict(server.query("SELECT id, balance_paise FROM accounts"))
    sums: dict[int, int] = {}
    for rows in ledger.server.values():
        account, amount, _ = rows[0]
        sums[account] = sums.get(account, 0) + amount
    balance_wrong = [a for a in accounts if after[a] != before[a] - sums.get(a, 0)]
    record("1 client crash", kills=kills, aimed_between_write_and_receipt=aimed,
           aimed_in_sync_cycle=synced,
           reconfirmed_after_crash=kinds["RECONFIRM"], sync_cycles=kinds["SYNC"],
           **ledger.figures, balances_wrong=len(balance_wrong))
    assert kills >= KILLS * 0.95 and early_exits == 0
    assert aimed >= KILLS // 5 * 0.8
    assert len(ledger.confirmed) >= KILLS // 2, "too few payments got through to test anything"
    # One desk alone on its accounts: every payment it took by the rules must be accepted
    # (a refusal here was the stale-balance bug fixed in load_account, 4fb420c).
    assert_exactly_once(ledger)
    assert not balance_wrong, f"balance != before - payments for {balance_wrong}"


def test_payment_dialog_balance_counts_acknowledged_unpulled_payments(
        server: ServerProcess, tmp_path: Path) -> None:
    data_dir = tmp_path / "desk"
    data_dir.mkdir()
    cache = open_cache(data_dir / CACHE_FILE)
    outbox = Outbox.open(data_dir / OUTBOX_FILE)
    client = SyncClient(server.url)
    client.set_token(server.sign_in())
    cycle = SyncCycle(client, cache, outbox)
    try:
        assert cycle.run().ok
        account_id = next(a for a in server.branch_accounts(40)
                          if load_account(cache, outbox, a).balance_paise >= 20_000)
        account = load_account(cache, outbox, account_id)
        payload = build_payment_payload(
            account, option=PaymentOption.PAYMENT, method=PaymentMethod.CASH, reference=None,
            amount_paise=10_000, charge_paise=0, plan_id=None, tendered_paise=None,
            taken_at=datetime.now(UTC))
        record_payment(outbox, account_id=account_id, payload=payload, created_by="t",
                       mutation_id=str(uuid.uuid4()))
        assert load_account(cache, outbox, account_id).balance_paise == (
            account.balance_paise - 10_000)
        assert cycle.push() == {"applied": 1}  # the desk dies here, before the pull
        server_balance = server.query("SELECT balance_paise FROM accounts WHERE id = ?",
                                      account_id)[0][0]
        assert server_balance == account.balance_paise - 10_000
        assert load_account(cache, outbox, account_id).balance_paise == server_balance
    finally:
        client.close()
        cache.dispose()
        outbox.engine.dispose()
