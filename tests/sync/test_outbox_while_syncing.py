"""Payments recorded while the sync thread stores push answers in the same outbox file: each
one is recorded (it waits for the write lock), never refused with "database is locked".
Real server on 127.0.0.1, real HTTP."""

from __future__ import annotations

import threading
import time
import uuid

from db.outbox import MutationState
from tests.sync.conftest import Desk, cached_account, payment_payload


def test_payments_recorded_during_sync_cycles_are_all_recorded(desk: Desk) -> None:
    desk.sign_in()
    cycle = desk.cycle()
    assert cycle.run().ok
    owing = cached_account(desk.cache, "balance_paise >= 100000")
    stop = threading.Event()
    cycles: list[bool] = []

    def keep_syncing() -> None:  # push on write, as busy as it gets
        while not stop.is_set():
            cycles.append(cycle.run().ok)

    syncer = threading.Thread(target=keep_syncing, daemon=True)
    syncer.start()
    failures: list[Exception] = []
    try:
        for _ in range(150):
            try:
                desk.outbox.enqueue_payment(
                    account_id=owing["id"], payload=payment_payload(owing, 100),
                    created_by="staff.cbe", mutation_id=str(uuid.uuid4()))
            except Exception as exc:  # the test counts what the counter would have seen
                failures.append(exc)
            time.sleep(0.005)
    finally:
        stop.set()
        syncer.join(timeout=60)
    assert not failures, f"{len(failures)} of 150 payments refused: {failures[0]}"
    assert cycles and all(cycles)
    assert cycle.run().ok
    assert desk.outbox.counts() == {MutationState.APPLIED: 150}
