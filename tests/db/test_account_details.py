"""The detail dialog's queries: real demo data, with pending outbox writes laid over it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Engine, select, update

from billing.lifecycle import business_date, postpaid_last_payment_date, postpaid_suspension_date
from billing.rules import PaymentOption
from db.account_details.balance import _next_month, balance_history, load_billing
from db.account_details.comments import load_comments
from db.account_details.fields import load_editable_state
from db.account_details.general import load_general, load_header
from db.account_details.invoices import load_invoices
from db.account_details.log import load_log
from db.account_details.orders import load_orders
from db.account_details.payments import load_payments
from db.account_details.tags import load_tags
from db.outbox import MutationKind, MutationState, Outbox
from db.schema import Account, Invoice, LogEntry, Payment
from tests.conftest import DEMO_TODAY
from tests.db.conftest import make_cache_template

LONG = 10_000_001  # the demo account with five years of history


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_cache_template(tmp_path_factory, "details", 120)


def test_general_details_of_the_long_history_account(cache: Engine) -> None:
    general = load_general(cache, LONG)
    assert general is not None
    assert (general.id, general.name, general.branch, general.area) == (
        LONG,
        "Dinesh R",
        "Dindigul",
        "Nagal Nagar",
    )
    assert general.zone and general.account_manager and general.sales_executive
    assert general.created_at < datetime(2022, 1, 1, tzinfo=UTC)
    assert load_general(cache, 1) is None


def test_history_tabs_read_every_row(cache: Engine, outbox: Outbox) -> None:
    with cache.connect() as conn:
        n_payments = conn.execute(select(Payment.id).where(Payment.account_id == LONG)).all()
        n_invoices = conn.execute(select(Invoice.id).where(Invoice.account_id == LONG)).all()
    invoices = load_invoices(cache, LONG)
    payments = load_payments(cache, outbox, LONG)
    assert payments is not None
    assert len(invoices) == len(n_invoices) > 50  # five years of monthly bills
    assert len(payments.ledger) == len(n_payments) > 50
    assert invoices[0].invoice_date > invoices[-1].invoice_date  # newest first
    assert payments.ledger[0].taken_at >= payments.ledger[-1].taken_at
    orders = load_orders(cache, LONG)
    assert orders and orders[0].status == "active"


def test_billing_open_invoices_use_the_lifecycle_dates(cache: Engine, outbox: Outbox) -> None:
    billing = load_billing(cache, outbox, LONG, DEMO_TODAY)
    assert billing is not None and not billing.prepaid
    open_due = sum(i.outstanding_paise for i in billing.open_invoices)
    assert open_due == billing.balance_paise
    for inv in billing.open_invoices:
        assert inv.last_payment_date == postpaid_last_payment_date(inv.invoice_date)
        assert inv.suspension_date == postpaid_suspension_date(inv.invoice_date)
        assert inv.days_left == (inv.last_payment_date - DEMO_TODAY).days
    assert billing.options == [PaymentOption.PAYMENT]
    assert len(billing.chart) == 12
    assert billing.chart[-1].balance_paise == billing.balance_paise


def test_chart_month_end_balances_match_the_ledger(cache: Engine, outbox: Outbox) -> None:
    """Where a month's last event is a payment, its month-end balance is that payment's
    balance_after (computed backwards from today's balance, so this checks the sum)."""
    billing = load_billing(cache, outbox, LONG, DEMO_TODAY)
    assert billing is not None
    payments = load_payments(cache, outbox, LONG)
    assert payments is not None
    invoice_days = {i.invoice_date for i in load_invoices(cache, LONG)}
    checked = 0
    for point in billing.chart[:-1]:
        month_payments = [
            p
            for p in payments.ledger
            if business_date(p.taken_at, "Asia/Kolkata").replace(day=1) == point.month
        ]
        if not month_payments:
            continue
        last = max(month_payments, key=lambda p: p.taken_at)
        last_day = business_date(last.taken_at, "Asia/Kolkata")
        end = _next_month(point.month) - timedelta(days=1)
        if any(last_day < d <= end for d in invoice_days):
            continue
        assert point.balance_paise == last.balance_after_paise
        checked += 1
    assert checked >= 3


def test_balance_history_is_pure_arithmetic() -> None:
    points = balance_history(
        500,
        charges=[(date(2026, 10, 5), 1000), (date(2026, 11, 5), 1000)],
        payments=[(date(2026, 10, 20), 700), (date(2026, 11, 20), 800)],
        today=date(2026, 11, 27),
        months=3,
    )
    assert [(p.month, p.balance_paise, p.payments_paise) for p in points] == [
        (date(2026, 9, 1), 0, 0),
        (date(2026, 10, 1), 300, 700),
        (date(2026, 11, 1), 500, 800),
    ]


def test_pending_edit_is_laid_over_the_cache(cache: Engine, outbox: Outbox) -> None:
    outbox.enqueue(
        MutationKind.EDIT,
        account_id=LONG,
        payload={"fields": {"email": "new@example.com"}, "before": {"email": "x"}},
        created_by="staff.cbe",
        base_version=1,
    )
    state = load_editable_state(cache, outbox, LONG)
    assert state is not None
    assert state.values["email"] == "new@example.com"
    assert state.cached["email"] != "new@example.com"
    assert state.pending_fields == {"email": "staff.cbe"}
    log = load_log(cache, outbox, LONG)
    assert log[0].state == "pending sync" and log[0].user == "staff.cbe"
    assert (
        log[0].description.startswith("Email changed:") and "new@example.com" in log[0].description
    )


def test_refused_edits_are_not_laid_over_but_logged(cache: Engine, outbox: Outbox) -> None:
    m = outbox.enqueue(
        MutationKind.EDIT,
        account_id=LONG,
        payload={"fields": {"router_brand": "Asus"}, "before": {"router_brand": "Tenda"}},
        created_by="staff.cbe",
        base_version=1,
    )
    outbox.record_results(
        [(m.mutation_id, MutationState.CONFLICT, {"error": {"code": "conflict", "message": "x"}})]
    )
    state = load_editable_state(cache, outbox, LONG)
    assert state is not None and state.values["router_brand"] == "Tenda"
    assert [r.mutation_id for r in state.refused] == [m.mutation_id]
    assert load_log(cache, outbox, LONG)[0].state == "not applied: x"


def test_tags_and_comments_round_trip_through_the_overlay(cache: Engine, outbox: Outbox) -> None:
    before = load_tags(cache, outbox, LONG)
    assert before is not None and before.tags == []
    vip = next(t for t in before.available if t.name == "VIP")
    outbox.enqueue(
        MutationKind.TAG_ADD, account_id=LONG, payload={"tag_id": vip.id}, created_by="u"
    )
    after = load_tags(cache, outbox, LONG)
    assert after is not None
    assert [(t.name, t.pending) for t in after.tags] == [("VIP", "adding")]
    assert vip.id not in {t.id for t in after.available}
    outbox.enqueue(
        MutationKind.TAG_REMOVE, account_id=LONG, payload={"tag_id": vip.id}, created_by="u"
    )
    again = load_tags(cache, outbox, LONG)
    assert again is not None and again.tags == []

    outbox.enqueue(
        MutationKind.COMMENT,
        account_id=LONG,
        payload={"body": "Called, will pay Monday", "created_at": 1_900_000_000},
        created_by="u",
    )
    comments = load_comments(cache, outbox, LONG)
    assert comments[0].body == "Called, will pay Monday" and comments[0].pending
    assert all(not c.pending for c in comments[1:])
    descriptions = [r.description for r in load_log(cache, outbox, LONG)]
    assert "Tag added: VIP" in descriptions and "Tag removed: VIP" in descriptions


def test_pending_and_refused_payments(cache: Engine, outbox: Outbox) -> None:
    billing = load_billing(cache, outbox, LONG, DEMO_TODAY)
    assert billing is not None
    due = billing.balance_paise
    payload = {
        "option": "payment",
        "method": "cash",
        "reference": None,
        "amount_paise": due,
        "plan_id": None,
        "charge_paise": 0,
        "balance_before_paise": due,
        "taken_at": int(datetime(2026, 11, 27, 6, tzinfo=UTC).timestamp()),
        "branch_id": 8,
        "tendered_paise": None,
    }
    outbox.enqueue_payment(account_id=LONG, payload=payload, created_by="cashier", mutation_id="a")
    refused = outbox.enqueue_payment(
        account_id=LONG, payload={**payload, "amount_paise": 100}, created_by="c", mutation_id="b"
    )
    outbox.record_results(
        [
            (
                refused.mutation_id,
                MutationState.REJECTED,
                {"error": {"code": "advance_not_allowed", "message": "Balance is due"}},
            )
        ]
    )
    view = load_payments(cache, outbox, LONG)
    assert view is not None
    assert [p.state for p in view.pending] == ["pending sync"]
    assert view.pending[0].receipt_number.endswith("-000001")
    assert [p.state for p in view.issues] == ["Balance is due"]
    assert view.provisional_balance_paise == 0
    billing = load_billing(cache, outbox, LONG, DEMO_TODAY)
    assert billing is not None
    assert billing.provisional_balance_paise == 0 and billing.pending_payments == 1
    assert billing.open_invoices == []  # the pending payment settles them, oldest first
    assert billing.options == [PaymentOption.ADVANCE]
    header = load_header(cache, outbox, LONG)
    assert header is not None and header.provisional_balance_paise == 0


def test_log_includes_system_status_changes_newest_first(cache: Engine, outbox: Outbox) -> None:
    with cache.begin() as conn:
        conn.execute(
            LogEntry.__table__.insert().values(
                id=99_999_999,
                account_id=LONG,
                at=datetime(2026, 11, 20, tzinfo=UTC),
                user="system",
                field="status",
                old_value="Suspended",
                new_value="Active",
                description="Reconnected: no invoice left unpaid past its grace",
                version=1,
            )
        )
        conn.execute(update(Account).where(Account.id == LONG).values(version=2))
    log = load_log(cache, outbox, LONG)
    assert log[0].user == "system" and log[0].new_value == "Active"
    assert [r.at for r in log] == sorted((r.at for r in log), reverse=True)
    assert any(r.description == "Account created" for r in log)


@given(
    balance=st.integers(-(10**9), 10**9),
    charges=st.lists(st.tuples(st.dates(date(2024, 1, 1), DEMO_TODAY), st.integers(0, 10**7))),
    payments=st.lists(st.tuples(st.dates(date(2024, 1, 1), DEMO_TODAY), st.integers(1, 10**7))),
)
def test_balance_history_properties(
    balance: int, charges: list[tuple[date, int]], payments: list[tuple[date, int]]
) -> None:
    points = balance_history(balance, charges, payments, DEMO_TODAY)
    assert len(points) == 12 and points[-1].month == date(2026, 11, 1)
    assert points[-1].balance_paise == balance  # the last point is today's balance
    start = points[0].month
    assert sum(p.payments_paise for p in points) == sum(a for d, a in payments if d >= start)
    for before, after in pairwise(points):
        # each month's change is its charges less its payments
        month_end = _next_month(after.month)
        charged = sum(a for d, a in charges if after.month <= d < month_end)
        assert after.balance_paise - before.balance_paise == charged - after.payments_paise
