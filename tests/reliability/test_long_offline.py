"""Suite 5: a kiosk offline for three days takes 500 payments, then reconnects after the
server's lifecycle job suspended some of its accounts.

"Should be accepted" (billing.rules): the server re-runs ``check_payment`` against its own
balance. While the kiosk was offline nobody else paid into its accounts and the lifecycle
job changes statuses, not balances, so every payment the kiosk took by the rules on its own
view (Payment while the account owed >= ₹1, else Advance) must be accepted, whatever the
account's status became: a suspended account must still be able to pay, and a postpaid
account whose overdue invoices the payments clear is reconnected. Any refusal is a finding.
"""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from tests.reliability.conftest import (
    ROOT,
    ServerProcess,
    assert_exactly_once,
    check_ledger,
    desk_args,
    record,
    run_desk,
    scale,
)

PAYMENTS = scale(500, 3000)
OFFLINE_DAYS = 3


def test_kiosk_three_days_offline(server: ServerProcess, tmp_path: Path) -> None:
    import httpx

    r = httpx.post(f"{server.url}/api/v1/auth/device-sign-in",
                   json={"device_code": "KIOSKCBE1", "device_secret": "kiosk-demo"}, timeout=30)
    assert r.status_code == 200, r.text
    token = r.json()["token"]
    today = date.fromisoformat(server.query("SELECT max(invoice_date) FROM invoices")[0][0])
    today = max(today, date.today())
    job_day = today + timedelta(days=OFFLINE_DAYS)
    # accounts the job will touch (expiring prepaid, postpaid with open invoices) and others
    expiring = [a for a, in server.query(
        "SELECT id FROM accounts WHERE branch_id = 1 AND status = 'Active' AND ("
        "(prepaid = 1 AND plan_expiry <= ?) OR (prepaid = 0 AND id IN (SELECT account_id "
        "FROM invoices WHERE status = 'open'))) ORDER BY id LIMIT 20", job_day.isoformat())]
    others = [a for a in server.branch_accounts(40) if a not in expiring][:10]
    accounts = expiring + others
    data_dir = tmp_path / "kiosk"
    events = tmp_path / "events.log"
    run_desk(desk_args("sync", data_dir, server.url, events, final_sync_tries=3), token)
    before = dict(server.query("SELECT id, status FROM accounts"))

    started = time.monotonic()
    taken_at = int(time.time()) - OFFLINE_DAYS * 86400
    offline = "http://127.0.0.1:9"  # nothing listens: every sync attempt fails as offline
    run_desk(desk_args("run", data_dir, offline, events, payments=PAYMENTS,
                       accounts=",".join(map(str, accounts)), sync_every=25, seed=5,
                       receipt_pause=0, taken_at=taken_at,
                       taken_step=OFFLINE_DAYS * 86400 // PAYMENTS), token, timeout=600)
    offline_s = time.monotonic() - started
    job = subprocess.run([sys.executable, "-m", "server.cli", "lifecycle", "--db",
                          server.db_url, "--on", job_day.isoformat()], cwd=ROOT,
                         capture_output=True, text=True, timeout=300, check=True)
    after_job = dict(server.query("SELECT id, status FROM accounts"))
    suspended = [a for a in accounts if after_job[a] == "Suspended" and before[a] != "Suspended"]
    run_desk(desk_args("sync", data_dir, server.url, events, final_sync_tries=5), token)
    final = dict(server.query("SELECT id, status FROM accounts"))
    reconnected = [a for a in suspended if final[a] == "Active"]
    ledger = check_ledger(server.query, [data_dir], [events])
    offline_syncs = sum(1 for line in events.read_text().splitlines()
                        if line.startswith("SYNC") and "error" in line)
    record("5 long offline", payments_taken=len(ledger.confirmed), offline_days=OFFLINE_DAYS,
           offline_sync_attempts=offline_syncs, accounts=len(accounts),
           suspended_by_job_while_offline=len(suspended), reconnected_on_sync=len(reconnected),
           **ledger.figures, rejected_codes=sorted(set(ledger.rejected.values())),
           seconds_offline_part=round(offline_s, 1))
    assert len(ledger.confirmed) == PAYMENTS
    assert suspended, f"the job suspended none of the kiosk's accounts: {job.stderr[-500:]}"
    assert reconnected, "no suspended account came back after its payments landed"
    assert_exactly_once(ledger)  # includes: nothing rejected
