"""Suite 6: payments left unsent by an older desk survive the schema upgrade and sync once.

The outbox is created at revision ``outbox_0001`` (the first release) and payment rows are
written as that revision's code wrote them (its columns only, a JSON payload with the
receipt number and payment uuid, device code and receipt counter in ``device_state``).
Opening it with today's ``Outbox.open`` migrates it to head; two sync cycles (and a second
desk process run) must apply each payment exactly once.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import text

from db import migrate
from db.engine import sqlite_engine
from db.outbox import OUTBOX_FILE
from tests.reliability.conftest import (
    ServerProcess,
    assert_exactly_once,
    check_ledger,
    open_desk,
    record,
    scale,
)

PAYMENTS = scale(40, 400)


def _write_old_outbox(path: Path, server: ServerProcess, accounts: list[int]) -> list[str]:
    engine = sqlite_engine(path, synchronous="FULL")
    migrate.upgrade(engine, "outbox", "outbox_0001")
    balances = dict(server.query("SELECT id, balance_paise FROM accounts"))
    ids: list[str] = []
    now = int(datetime.now(UTC).timestamp())
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO device_state (key, value) VALUES "
                          "('device_code', 'DOLD01'), ('receipt_counter', :n)"),
                     {"n": str(PAYMENTS)})
        for i in range(PAYMENTS):
            account = accounts[i % len(accounts)]
            mid = str(uuid.uuid4())
            ids.append(mid)
            payload = {"option": "advance", "method": "cash", "reference": None,
                       "amount_paise": 100 + i, "plan_id": None, "charge_paise": 0,
                       "balance_before_paise": balances[account], "taken_at": now - 3600 + i,
                       "branch_id": 1, "tendered_paise": None,
                       "receipt_number": f"DOLD01-{i + 1:06d}", "payment_uuid": mid}
            balances[account] -= 100 + i
            conn.execute(text(
                "INSERT INTO mutations (mutation_id, kind, account_id, payload, base_version, "
                "created_at, created_by, state, attempts) VALUES (:m, 'payment', :a, :p, NULL, "
                ":t, 'cashier.cbe', 'pending', 0)"),
                {"m": mid, "a": account, "p": json.dumps(payload, sort_keys=True),
                 "t": now - 3600 + i})
    engine.dispose()
    return ids


def test_old_outbox_migrates_and_syncs_once(server: ServerProcess, tmp_path: Path) -> None:
    # accounts with nothing due, so an advance is what billing.rules offers
    accounts = [a for a, in server.query(
        "SELECT id FROM accounts WHERE branch_id = 1 AND balance_paise < 100 "
        "AND status IN ('Active', 'Suspended') ORDER BY id LIMIT 8")]
    data_dir = tmp_path / "desk"
    data_dir.mkdir()
    ids = _write_old_outbox(data_dir / OUTBOX_FILE, server, accounts)
    token = server.sign_in()
    desk = open_desk(data_dir, server.url, token)  # Outbox.open migrates to head
    try:
        with desk.outbox.engine.connect() as conn:
            version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        pending_after_upgrade = len(desk.outbox.pending(limit=100_000))
        first = desk.cycle.run()
        # the same outbox pushed again, as if the acknowledgement had been lost
        for mid in ids[:10]:
            desk.outbox.retry(mid)
        second = desk.cycle.run()
    finally:
        desk.close()
    ledger = check_ledger(server.query, [data_dir], [])
    record("6 upgrade with unsent payments", from_revision="outbox_0001", to_revision=version,
           pending_after_upgrade=pending_after_upgrade, first_push=first.pushed,
           resent_push=second.pushed, **ledger.figures)
    assert version != "outbox_0001"
    assert pending_after_upgrade == PAYMENTS
    assert first.ok and first.pushed == {"applied": PAYMENTS}
    assert second.pushed == {"duplicate": 10}
    assert_exactly_once(ledger)
    assert len(ledger.server) == PAYMENTS
