"""The outbox: durable, exactly one record per idempotency key, money as integers."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from sqlalchemy import text

from db.outbox import MutationKind, MutationState, Outbox
from db.overlay import outbox_pending_payments


def _payment(amount: int = 50_000, charge: int = 0) -> dict:
    return {"option": "payment", "method": "cash", "amount_paise": amount,
            "charge_paise": charge, "reference": None}


def test_outbox_file_is_wal_and_full_sync(tmp_path: Path) -> None:
    outbox = Outbox.open(tmp_path / "outbox.sqlite3")
    with outbox.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_payment_gets_receipt_number_once_per_key(tmp_path: Path) -> None:
    outbox = Outbox.open(tmp_path / "outbox.sqlite3")
    key = str(uuid.uuid4())
    first = outbox.enqueue_payment(account_id=1, payload=_payment(), created_by="c",
                                   mutation_id=key)
    again = outbox.enqueue_payment(account_id=1, payload=_payment(), created_by="c",
                                   mutation_id=key)
    assert again == first
    other = outbox.enqueue_payment(account_id=1, payload=_payment(), created_by="c",
                                   mutation_id=str(uuid.uuid4()))
    code = outbox.device_code()
    assert first.payload["receipt_number"] == f"{code}-000001"
    assert other.payload["receipt_number"] == f"{code}-000002"
    assert first.payload["payment_uuid"] == key
    assert len(outbox.pending()) == 2


def test_survives_reopen_and_keeps_order(tmp_path: Path) -> None:
    path = tmp_path / "outbox.sqlite3"
    outbox = Outbox.open(path)
    ids = [outbox.enqueue(MutationKind.COMMENT, account_id=7, payload={"body": str(i)},
                          created_by="u").mutation_id for i in range(5)]
    outbox.engine.dispose()
    reopened = Outbox.open(path)
    assert [m.mutation_id for m in reopened.pending()] == ids
    assert [m.seq for m in reopened.pending()] == sorted(m.seq for m in reopened.pending())


def test_floats_are_refused(tmp_path: Path) -> None:
    outbox = Outbox.open(tmp_path / "outbox.sqlite3")
    with pytest.raises(TypeError, match="paise"):
        outbox.enqueue(MutationKind.PAYMENT, account_id=1, payload={"amount_paise": 10.5},
                       created_by="u")
    assert outbox.pending() == []


def test_results_and_needs_attention(tmp_path: Path) -> None:
    outbox = Outbox.open(tmp_path / "outbox.sqlite3")
    a = outbox.enqueue(MutationKind.COMMENT, account_id=1, payload={"body": "a"}, created_by="u")
    b = outbox.enqueue(MutationKind.COMMENT, account_id=1, payload={"body": "b"}, created_by="u")
    outbox.record_results([
        (a.mutation_id, MutationState.APPLIED, {"ok": True}),
        (b.mutation_id, MutationState.REJECTED, {"code": "x", "message": "no"}),
    ])
    assert outbox.pending() == []
    attention = outbox.needing_attention()
    assert [m.mutation_id for m in attention] == [b.mutation_id]
    assert attention[0].result == {"code": "x", "message": "no"}
    outbox.retry(b.mutation_id)
    assert [m.mutation_id for m in outbox.pending()] == [b.mutation_id]
    assert outbox.counts()[MutationState.APPLIED] == 1


def test_provisional_balance_overlay(tmp_path: Path) -> None:
    outbox = Outbox.open(tmp_path / "outbox.sqlite3")
    outbox.enqueue_payment(account_id=5, payload=_payment(30_000), created_by="c",
                           mutation_id=str(uuid.uuid4()))
    outbox.enqueue_payment(account_id=5, payload=_payment(69_900, charge=69_900),
                           created_by="c", mutation_id=str(uuid.uuid4()))
    rejected = outbox.enqueue_payment(account_id=6, payload=_payment(100), created_by="c",
                                      mutation_id=str(uuid.uuid4()))
    outbox.record_results([(rejected.mutation_id, MutationState.REJECTED, {})])
    overlay = outbox_pending_payments(outbox)
    assert overlay[5].delta_paise == -30_000
    assert overlay[5].count == 2
    assert 6 not in overlay


def test_device_code_cannot_change_after_receipts(tmp_path: Path) -> None:
    outbox = Outbox.open(tmp_path / "outbox.sqlite3")
    outbox.set_device_code("kiosk01")
    assert outbox.device_code() == "KIOSK01"
    outbox.enqueue_payment(account_id=1, payload=_payment(), created_by="c",
                           mutation_id=str(uuid.uuid4()))
    with pytest.raises(ValueError, match="already issued"):
        outbox.set_device_code("OTHER")
    with outbox.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM mutations")).scalar() == 1
