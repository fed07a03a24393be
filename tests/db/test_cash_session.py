"""db.cash_session: sessions own payments by outbox seq; the close is blind and saved."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.exc import IntegrityError

from db import migrate
from db.cash_session import (
    DENOMINATIONS_PAISE,
    CashSessionError,
    close_session,
    counted_total,
    current_session,
    get_close,
    recent_closes,
    record_paid_out,
    set_opening_float,
)
from db.outbox import OUTBOX_FILE, Outbox
from db.outbox_schema import cash_sessions


@pytest.fixture
def outbox(tmp_path: Path) -> Iterator[Outbox]:
    box = Outbox.open(tmp_path / OUTBOX_FILE)
    yield box
    box.engine.dispose()


def _payment(outbox: Outbox, amount: int, method: str = "cash") -> None:
    outbox.enqueue_payment(
        account_id=10000001,
        payload={"option": "payment", "method": method,
                 "reference": None if method == "cash" else "R1", "amount_paise": amount,
                 "plan_id": None, "charge_paise": 0, "balance_before_paise": amount,
                 "taken_at": 1795800000, "branch_id": 1, "tendered_paise": None},
        created_by="cashier.cbe", mutation_id=str(uuid.uuid4()),
    )


def test_outbox_is_migrated_to_the_cash_tables(outbox: Outbox) -> None:
    with outbox.engine.connect() as conn:
        assert migrate.current(conn) == migrate.head("outbox") == "outbox_0002"


def test_counted_total_and_bad_counts() -> None:
    assert DENOMINATIONS_PAISE[0] == 200000 and DENOMINATIONS_PAISE[-1] == 100
    assert counted_total({200000: 1, 50000: 3, 100: 7}) == 200000 + 150000 + 700
    with pytest.raises(CashSessionError):
        counted_total({300000: 1})
    with pytest.raises(CashSessionError):
        counted_total({50000: -1})
    with pytest.raises(TypeError):
        counted_total({50000: 1.5})  # type: ignore[dict-item]


@given(st.lists(st.integers(0, 500), min_size=len(DENOMINATIONS_PAISE),
                max_size=len(DENOMINATIONS_PAISE)))
def test_counted_total_is_the_sum_of_pieces(pieces: list[int]) -> None:
    counts = dict(zip(DENOMINATIONS_PAISE, pieces, strict=True))
    assert counted_total(counts) == sum(v * n for v, n in counts.items())


def test_shortage_then_next_session_then_excess(outbox: Outbox) -> None:
    _payment(outbox, 50_000)  # before any session: belongs to the first one
    session = current_session(outbox.engine, "cashier.cbe")
    assert session.is_open and session.first_seq == 1
    assert current_session(outbox.engine, "someone").id == session.id  # one drawer
    set_opening_float(outbox.engine, session.id, 100_000)
    _payment(outbox, 120_050)
    _payment(outbox, 99_900, "upi")
    record_paid_out(outbox.engine, session.id, 20_000, "refund to 10000002", "cashier.cbe")
    # Expected = 1000 + 500 + 1200.50 - 200 = 2500.50; count 2500.00: 50 paise short... in
    # rupee notes only, so count 2500 and see a shortage of ₹0.50.
    close = close_session(outbox.engine, session.id, {200000: 1, 50000: 1}, "cashier.cbe")
    assert close.expected_paise == 100_000 + 50_000 + 120_050 - 20_000
    assert close.counted_paise == 250_000
    assert close.difference_paise == -50 and close.outcome == "shortage"
    assert close.method_totals["cash"] == 170_050 and close.method_totals["upi"] == 99_900
    assert close.payment_count == 3
    assert get_close(outbox.engine, session.id) == close
    with pytest.raises(CashSessionError):
        close_session(outbox.engine, session.id, {}, "cashier.cbe")
    with pytest.raises(CashSessionError):
        record_paid_out(outbox.engine, session.id, 100, "late", "cashier.cbe")

    # A payment after the close belongs to the next session.
    _payment(outbox, 30_000)
    nxt = current_session(outbox.engine, "cashier.cbe")
    assert nxt.id != session.id and nxt.first_seq == 4
    close2 = close_session(outbox.engine, nxt.id, {20000: 2}, "cashier.cbe")
    assert close2.expected_paise == 30_000 and close2.counted_paise == 40_000
    assert close2.difference_paise == 10_000 and close2.outcome == "excess"
    assert close2.payment_count == 1
    assert [c.session_id for c in recent_closes(outbox.engine)] == [nxt.id, session.id]
    # An empty session closes balanced at its float.
    third = current_session(outbox.engine, "cashier.cbe")
    assert third.first_seq == 6  # seq 4 and 6 are the two close reports for head office
    balanced = close_session(outbox.engine, third.id, {}, "cashier.cbe")
    assert balanced.outcome == "balanced" and balanced.payment_count == 0


def test_only_one_open_session(outbox: Outbox) -> None:
    current_session(outbox.engine, "a")
    with pytest.raises(IntegrityError), outbox.engine.begin() as conn:
        conn.execute(cash_sessions.insert().values(
            opened_at=datetime.now(UTC),
            opened_by="b", opening_float_paise=0, first_seq=1))


def test_float_and_paid_out_checks(outbox: Outbox) -> None:
    session = current_session(outbox.engine, "a")
    with pytest.raises(CashSessionError):
        set_opening_float(outbox.engine, session.id, -1)
    with pytest.raises(CashSessionError):
        record_paid_out(outbox.engine, session.id, 0, "x", "a")
    with pytest.raises(CashSessionError):
        record_paid_out(outbox.engine, session.id, 100, "  ", "a")


def test_closes_survive_reopening_the_file(tmp_path: Path) -> None:
    box = Outbox.open(tmp_path / OUTBOX_FILE)
    _payment(box, 10_000)
    session = current_session(box.engine, "a")
    close_session(box.engine, session.id, {10000: 1}, "a")
    box.engine.dispose()
    again = Outbox.open(tmp_path / OUTBOX_FILE)
    assert get_close(again.engine, session.id) is not None
    again.engine.dispose()


def test_an_existing_outbox_is_upgraded_with_its_payments_kept(tmp_path: Path) -> None:
    from db.engine import sqlite_engine

    path = tmp_path / OUTBOX_FILE
    old = sqlite_engine(path, synchronous="FULL")
    migrate.upgrade(old, "outbox", "outbox_0001")
    Outbox(old).enqueue_payment(
        account_id=10000001,
        payload={"option": "payment", "method": "cash", "reference": None,
                 "amount_paise": 5_000, "plan_id": None, "charge_paise": 0,
                 "balance_before_paise": 5_000, "taken_at": 1795800000, "branch_id": 1,
                 "tendered_paise": None},
        created_by="cashier.cbe", mutation_id=str(uuid.uuid4()))
    old.dispose()
    box = Outbox.open(path)  # migrates to head
    with box.engine.connect() as conn:
        assert migrate.current(conn) == "outbox_0002"
    assert len(box.pending()) == 1
    session = current_session(box.engine, "cashier.cbe")
    close = close_session(box.engine, session.id, {5000: 1}, "cashier.cbe")
    assert close.cash_payments_paise == 5_000 and close.outcome == "balanced"
    box.engine.dispose()


def test_the_close_queues_its_report_for_head_office_in_the_same_transaction(
        outbox: Outbox) -> None:
    from billing.day_close import check_report
    from billing.tax import TaxError
    from db.outbox import MutationKind, MutationState

    _payment(outbox, 50_000)
    _payment(outbox, 11_800, "upi")
    first = outbox.pending()[0]
    outbox.record_results([(first.mutation_id, MutationState.APPLIED, {})])
    session = current_session(outbox.engine, "cashier.cbe")
    # A report that cannot be made (a GST rate no one can have) leaves everything as it was.
    with pytest.raises(TaxError):
        close_session(outbox.engine, session.id, {50_000: 1}, "cashier.cbe", branch_id=1,
                      gst_basis=("33", -5))
    assert current_session(outbox.engine, "x").id == session.id
    assert get_close(outbox.engine, session.id) is None
    assert [m.kind for m in outbox.pending()] == [MutationKind.PAYMENT]

    close = close_session(outbox.engine, session.id, {50_000: 1}, "cashier.cbe", branch_id=1,
                          gst_basis=("33", 1800))
    [queued] = [m for m in outbox.pending() if m.kind is MutationKind.DAY_CLOSE]
    assert queued.mutation_id == close.report_id and queued.account_id is None
    body = queued.payload
    report = check_report(body)
    assert (report.session_id, report.branch_id, report.counted_by) == (session.id, 1,
                                                                        "cashier.cbe")
    assert report.expected_paise == close.expected_paise == 50_000
    assert report.difference_paise == close.difference_paise == 0
    assert report.payment_count == 2
    assert report.unsynced_at_close == 1  # the UPI payment was not acknowledged yet
    assert body["method_totals"] == close.method_totals
    assert body["references"] == []  # "R1" is no UTR: only real UTRs and cheques are listed
    assert body["gst"]["per_method"]["upi"]["amount_paise"] == 11_800
    assert body["voids"] == []
    # A setting that cannot give GST is said in the report, and the close still goes.
    nxt = current_session(outbox.engine, "cashier.cbe")
    later = close_session(outbox.engine, nxt.id, {}, "cashier.cbe", branch_id=1,
                          gst_basis="Set the operator's GSTIN under Settings → GST.")
    gone = outbox.get(later.report_id or "")
    assert gone is not None and gone.payload["gst"]["error"].startswith("Set the operator")
    assert gone.payload["gst"]["per_method"] == {}


def test_a_payment_voided_in_the_session_is_not_expected_in_the_drawer(
        outbox: Outbox) -> None:
    """A void gives the money back across the counter: the close neither expects it in the
    drawer nor counts it among the session's payments, and the report lists it as a void."""
    from billing.day_close import check_report
    from db.outbox import MutationKind

    _payment(outbox, 50_000)
    _payment(outbox, 20_000)
    voided = outbox.pending()[1]
    outbox.enqueue(MutationKind.REVERSAL, account_id=10000001, created_by="cashier.cbe",
                   payload={"reversal_uuid": str(uuid.uuid4()),
                            "payment_uuid": voided.payload["payment_uuid"],
                            "cause": "void", "reason": "wrong account",
                            "approved_by": "staff.cbe", "approved_offline": True,
                            "receipt_number": voided.payload["receipt_number"],
                            "amount_paise": 20_000})
    session = current_session(outbox.engine, "cashier.cbe")
    close = close_session(outbox.engine, session.id, {50_000: 1}, "cashier.cbe", branch_id=1,
                          gst_basis=("33", 1800))
    assert close.expected_paise == 50_000 and close.difference_paise == 0
    assert close.payment_count == 1 and close.method_totals["cash"] == 50_000
    report = outbox.get(close.report_id or "")
    assert report is not None
    assert check_report(report.payload).expected_paise == 50_000
    assert report.payload["voids"] == [{
        "receipt_number": voided.payload["receipt_number"], "method": "cash",
        "amount_paise": 20_000, "cause": "void", "reason": "wrong account",
        "approved_by": "staff.cbe"}]
    assert [p["amount_paise"] for p in outbox.drawer.session_payments(session.id)] == [50_000]
