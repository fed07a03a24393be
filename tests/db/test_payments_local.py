"""db.payments_local: accounts with pending payments laid over, payloads, outcomes, register,
due list. Real demo data; every rule from billing."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, text

from billing.lifecycle import AccountStatus, postpaid_suspension_date, renewal_expiry
from billing.rules import (
    PaymentMethod,
    PaymentOption,
    RuleError,
    check_payment,
    payment_options_paise,
    recharge_prefill,
)
from db.due_list_query import DueCategory, due_list
from db.outbox import Mutation, MutationKind, MutationState, Outbox
from db.overlay import pending_payments
from db.payments_local import (
    AccountForPayment,
    PlanChoice,
    build_payment_payload,
    load_account,
    payment_outcome,
    plans_for_account,
    record_payment,
)
from db.receipt_prints import receipt_print_count, record_receipt_print
from db.register_query import RegisterFilter, register_rows, totals_by_method
from tests.conftest import DEMO_TODAY
from tests.db.conftest import make_cache_template

TODAY = DEMO_TODAY
NOW = datetime(2026, 11, 27, 6, 30, tzinfo=UTC)  # 12:00 in Kolkata


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_cache_template(tmp_path_factory, "payments_local", 300)


def _first(cache: Engine, where: str) -> int:
    with cache.connect() as conn:
        return int(conn.execute(text(f"SELECT id FROM accounts WHERE {where} ORDER BY id "
                                     "LIMIT 1")).scalar_one())


def _set(cache: Engine, account_id: int, **values: object) -> None:
    sets = ", ".join(f"{k} = :{k}" for k in values)
    with cache.begin() as conn:
        conn.execute(text(f"UPDATE accounts SET {sets} WHERE id = :id"),
                     {**values, "id": account_id})


def _pay(outbox: Outbox, account: AccountForPayment, option: PaymentOption, amount: int,
         *, method: PaymentMethod = PaymentMethod.CASH, plan: PlanChoice | None = None,
         taken_at: datetime = NOW, key: str | None = None):
    payload = build_payment_payload(
        account, option=option, method=method,
        reference=None if method is PaymentMethod.CASH else "REF123",
        amount_paise=amount, charge_paise=plan.price_paise if plan else 0,
        plan_id=plan.id if plan else None, tendered_paise=None, taken_at=taken_at,
    )
    return record_payment(outbox, account_id=account.id, payload=payload,
                          created_by="cashier.cbe", mutation_id=key or str(uuid.uuid4()))


def test_payload_has_every_field_of_the_sync_contract(cache: Engine, outbox: Outbox) -> None:
    account_id = _first(cache, "prepaid AND status = 'Active' AND plan_id IS NOT NULL")
    _set(cache, account_id, balance_paise=-20000)
    account = load_account(cache, outbox, account_id)
    current, _ = plans_for_account(cache, account)
    assert current is not None
    amount = recharge_prefill(current.price_paise, account.balance_paise)
    mutation = _pay(outbox, account, PaymentOption.RECHARGE, amount, plan=current,
                    method=PaymentMethod.UPI)
    body = mutation.payload
    assert set(body) == {
        "option", "method", "reference", "amount_paise", "plan_id", "charge_paise",
        "balance_before_paise", "taken_at", "branch_id", "receipt_number", "payment_uuid",
        "tendered_paise",
    }
    assert body["option"] == "recharge" and body["method"] == "upi"
    assert body["charge_paise"] == current.price_paise
    assert body["amount_paise"] == current.price_paise - 20000
    assert body["balance_before_paise"] == -20000
    assert body["plan_id"] == current.id and body["reference"] == "REF123"
    assert body["taken_at"] == int(NOW.timestamp()) and isinstance(body["taken_at"], int)
    assert body["tendered_paise"] is None  # only cash has a tendered amount
    assert body["payment_uuid"] == mutation.mutation_id
    assert body["receipt_number"].endswith("-000001")


def test_same_key_records_once(cache: Engine, outbox: Outbox) -> None:
    account = load_account(cache, outbox, _first(cache, "balance_paise >= 100"))
    key = str(uuid.uuid4())
    first = _pay(outbox, account, PaymentOption.PAYMENT, account.balance_paise, key=key)
    again = _pay(outbox, account, PaymentOption.PAYMENT, account.balance_paise, key=key)
    assert again.seq == first.seq and again.payload["receipt_number"] == \
        first.payload["receipt_number"]
    assert len(outbox.pending()) == 1


def test_pending_payment_is_laid_over_the_cached_balance(cache: Engine, outbox: Outbox) -> None:
    account_id = _first(cache, "prepaid AND balance_paise >= 100000")
    before = load_account(cache, outbox, account_id)
    assert before.options == [PaymentOption.PAYMENT]
    _pay(outbox, before, PaymentOption.PAYMENT, before.balance_paise)
    after = load_account(cache, outbox, account_id)
    assert after.cached_balance_paise == before.balance_paise
    assert after.balance_paise == 0 and after.pending_count == 1
    # Paid up, a prepaid account may now recharge (without the cache changing).
    assert after.options == [PaymentOption.RECHARGE, PaymentOption.ADVANCE]


def test_pending_recharge_extends_the_provisional_expiry(cache: Engine, outbox: Outbox) -> None:
    account_id = _first(cache, "prepaid AND status = 'Active' AND plan_id IS NOT NULL")
    _set(cache, account_id, balance_paise=0, plan_expiry=TODAY + timedelta(days=3))
    account = load_account(cache, outbox, account_id)
    current, _ = plans_for_account(cache, account)
    assert current is not None
    _pay(outbox, account, PaymentOption.RECHARGE, current.price_paise, plan=current)
    again = load_account(cache, outbox, account_id)
    assert again.plan_expiry == TODAY + timedelta(days=3 + current.validity_days)
    assert again.balance_paise == 0


def test_plans_current_first_and_none_without_an_active_plan(cache: Engine,
                                                             outbox: Outbox) -> None:
    active = load_account(cache, outbox,
                          _first(cache, "prepaid AND status = 'Active' AND plan_id IS NOT NULL"))
    current, others = plans_for_account(cache, active)
    assert current is not None and current.id == active.plan_id
    assert current.id not in {p.id for p in others}
    assert others and [p.price_paise for p in others] == sorted(p.price_paise for p in others)
    with cache.connect() as conn:
        offered = {r[0] for r in conn.execute(text(
            "SELECT id FROM plans WHERE prepaid AND active AND (branch_id IS NULL OR "
            "branch_id = :b)"), {"b": active.branch_id})}
    assert {p.id for p in others} | {current.id} == offered
    inactive = load_account(cache, outbox, _first(cache, "prepaid AND status = 'Inactive'"))
    none, listed = plans_for_account(cache, inactive)
    assert none is None and listed


def test_recharge_reconnects_a_suspended_prepaid_account(cache: Engine, outbox: Outbox) -> None:
    account_id = _first(cache, "prepaid AND status = 'Suspended' AND plan_id IS NOT NULL")
    _set(cache, account_id, balance_paise=0)
    account = load_account(cache, outbox, account_id)
    assert account.plan_expiry is not None and account.plan_expiry < TODAY
    current, _ = plans_for_account(cache, account)
    assert current is not None
    outcome = payment_outcome(account, PaymentOption.RECHARGE, current.price_paise, TODAY,
                              current)
    assert outcome.reconnects
    assert outcome.new_expiry == renewal_expiry(account.plan_expiry, TODAY,
                                                current.validity_days)
    assert outcome.new_expiry == TODAY - timedelta(days=1) + timedelta(
        days=current.validity_days)
    # An Advance does not renew: still suspended.
    advance = payment_outcome(account, PaymentOption.ADVANCE, 10000, TODAY)
    assert not advance.reconnects and advance.status_after is AccountStatus.SUSPENDED


def test_postpaid_payment_reconnects_only_when_no_invoice_is_left_past_grace(
    cache: Engine, outbox: Outbox
) -> None:
    account_id = _first(cache, "NOT prepaid AND status = 'Suspended'")
    account = load_account(cache, outbox, account_id)
    assert account.open_invoices
    oldest_date, oldest_due = account.open_invoices[0]
    assert postpaid_suspension_date(oldest_date) <= TODAY
    full = payment_outcome(account, PaymentOption.PAYMENT, account.balance_paise, TODAY)
    assert full.reconnects and full.status_after is AccountStatus.ACTIVE
    short = payment_outcome(account, PaymentOption.PAYMENT, max(1, oldest_due - 200), TODAY)
    assert not short.reconnects and short.status_after is AccountStatus.SUSPENDED
    # A pending payment already in the outbox counts towards the oldest invoice first.
    _pay(outbox, account, PaymentOption.PAYMENT, oldest_due - 200)
    again = load_account(cache, outbox, account_id)
    rest = payment_outcome(again, PaymentOption.PAYMENT, again.balance_paise, TODAY)
    assert rest.reconnects


@settings(max_examples=200, deadline=None)
@given(
    balance=st.integers(-10_000_00, 10_000_00),
    amount=st.integers(1, 20_000_00),
    prepaid=st.booleans(),
)
def test_overlay_delta_matches_the_rule_preview(balance: int, amount: int, prepaid: bool) -> None:
    """Whatever the rules accept, the outbox payload moves the provisional balance exactly as
    check_payment's preview says (no second copy of the arithmetic)."""
    option = payment_options_paise(balance, prepaid)[-1]  # Payment when owing, else Advance
    try:
        preview = check_payment(option, amount, balance_paise=balance, prepaid=prepaid)
    except RuleError:
        return
    account = AccountForPayment(1, "x", "+910000000000", None, prepaid, AccountStatus.ACTIVE, 1,
                                None, None, balance)
    payload = build_payment_payload(account, option=option, method=PaymentMethod.CASH,
                                    reference=None, amount_paise=amount,
                                    charge_paise=preview.charge_paise, plan_id=None,
                                    tendered_paise=amount, taken_at=NOW)
    m = Mutation(1, "k", MutationKind.PAYMENT, 1, payload, None, NOW, "u", MutationState.PENDING)
    delta = pending_payments([m])[1].delta_paise
    assert balance + delta == preview.balance_after_paise


def test_payload_refuses_floats_and_naive_times(cache: Engine, outbox: Outbox) -> None:
    account = load_account(cache, outbox, _first(cache, "balance_paise >= 100"))
    with pytest.raises(TypeError):
        build_payment_payload(account, option=PaymentOption.PAYMENT, method=PaymentMethod.CASH,
                              reference=None, amount_paise=100.0,  # type: ignore[arg-type]
                              charge_paise=0, plan_id=None, tendered_paise=None, taken_at=NOW)
    with pytest.raises(ValueError):
        build_payment_payload(account, option=PaymentOption.PAYMENT, method=PaymentMethod.CASH,
                              reference=None, amount_paise=100, charge_paise=0, plan_id=None,
                              tendered_paise=None, taken_at=datetime(2026, 11, 27))


def test_register_lists_cache_and_pending_payments_with_filters(cache: Engine,
                                                                outbox: Outbox) -> None:
    flt = RegisterFilter(date_from=TODAY - timedelta(days=60), date_to=TODAY)
    rows = register_rows(cache, outbox, flt)
    assert rows and all(not r.pending for r in rows)
    with cache.connect() as conn:
        start = int(datetime(2026, 9, 28, tzinfo=UTC).timestamp()) - 19800  # IST midnight
        total = conn.execute(text(
            "SELECT SUM(amount_paise), COUNT(*) FROM payments WHERE taken_at >= :s AND "
            "taken_at < :e"), {"s": start, "e": int(datetime(2026, 11, 28, tzinfo=UTC)
                                                    .timestamp()) - 19800}).one()
    assert sum(r.amount_paise for r in rows) == total[0] and len(rows) == total[1]
    assert sum(totals_by_method(rows).values()) == total[0]
    upi = register_rows(cache, outbox, RegisterFilter(flt.date_from, flt.date_to, method="upi"))
    assert upi and {r.method for r in upi} == {"upi"}
    assert totals_by_method(upi)["upi"] == sum(r.amount_paise for r in upi)
    branch = register_rows(cache, outbox, RegisterFilter(flt.date_from, flt.date_to, branch_id=1))
    assert branch and len(branch) < len(rows)
    advance = register_rows(cache, outbox, RegisterFilter(flt.date_from, flt.date_to,
                                                          payment_type="advance"))
    assert {r.payment_type for r in advance} <= {"advance"}
    # A payment taken on this PC shows at once, marked pending, and counts in the totals.
    account = load_account(cache, outbox, _first(cache, "branch_id = 1 AND balance_paise >= 100"))
    mutation = _pay(outbox, account, PaymentOption.PAYMENT, account.balance_paise,
                    method=PaymentMethod.CHEQUE)
    with_pending = register_rows(cache, outbox, RegisterFilter(flt.date_from, flt.date_to,
                                                               branch_id=1))
    mine = [r for r in with_pending if r.pending]
    assert len(mine) == 1 and mine[0].document_number == mutation.payload["receipt_number"]
    assert mine[0].cashier == "cashier.cbe" and mine[0].method == "cheque"
    other_branch = register_rows(cache, outbox, RegisterFilter(flt.date_from, flt.date_to,
                                                               branch_id=2))
    assert not [r for r in other_branch if r.pending]
    assert not [r for r in register_rows(cache, outbox, RegisterFilter(
        flt.date_from, flt.date_to, method="cash")) if r.pending]


def _postpaid_with_invoice(cache: Engine, invoice_date: date, used: set[int]) -> int:
    """A postpaid account (not in ``used``) whose only open invoice is dated ``invoice_date``."""
    with cache.begin() as conn:
        account_id, invoice_id = conn.execute(text(
            "SELECT a.id, i.id FROM accounts a JOIN invoices i ON i.account_id = a.id "
            "WHERE NOT a.prepaid AND a.status = 'Active' AND a.branch_id = 1 "
            f"AND a.id NOT IN ({','.join(map(str, used)) or '0'}) "
            "ORDER BY a.id, i.invoice_date DESC LIMIT 1")).one()
        used.add(int(account_id))
        conn.execute(text("UPDATE invoices SET status = 'paid', paid_paise = amount_paise "
                          "WHERE account_id = :a"), {"a": account_id})
        conn.execute(text("UPDATE invoices SET status = 'open', paid_paise = 0, invoice_date = :d "
                          "WHERE id = :i"), {"d": invoice_date, "i": invoice_id})
        amount = conn.execute(text("SELECT amount_paise FROM invoices WHERE id = :i"),
                              {"i": invoice_id}).scalar_one()
        conn.execute(text("UPDATE accounts SET balance_paise = :b WHERE id = :a"),
                     {"b": amount, "a": account_id})
    return int(account_id)


def test_due_list_categories_follow_the_lifecycle_dates(cache: Engine, outbox: Outbox) -> None:
    with cache.begin() as conn:
        conn.execute(text("UPDATE accounts SET plan_expiry = '2026-01-01' WHERE prepaid"))
        conn.execute(text("UPDATE invoices SET invoice_date = '2026-01-01' "
                          "WHERE invoice_date > '2026-10-01'"))
    prepaid = [r[0] for r in cache.connect().execute(text(
        "SELECT id FROM accounts WHERE prepaid AND branch_id = 1 AND status = 'Active' "
        "ORDER BY id LIMIT 3"))]
    _set(cache, prepaid[0], plan_expiry=TODAY - timedelta(days=1), balance_paise=0)
    _set(cache, prepaid[1], plan_expiry=TODAY, balance_paise=50000)
    _set(cache, prepaid[2], plan_expiry=TODAY + timedelta(days=1), balance_paise=0)  # not yet
    used: set[int] = set()
    suspended = _postpaid_with_invoice(cache, TODAY - timedelta(days=16), used)
    last_day = _postpaid_with_invoice(cache, TODAY - timedelta(days=15), used)
    two_left = _postpaid_with_invoice(cache, TODAY - timedelta(days=14), used)
    three_left = _postpaid_with_invoice(cache, TODAY - timedelta(days=13), used)
    four_left = _postpaid_with_invoice(cache, TODAY - timedelta(days=12), used)
    rows = {r.account_id: r for r in due_list(cache, outbox, 1, TODAY)}
    assert rows[prepaid[0]].category == DueCategory.SUSPENDED_TODAY
    assert rows[prepaid[0]].option is PaymentOption.RECHARGE
    assert rows[prepaid[1]].category == DueCategory.SUSPENDING_TOMORROW
    assert rows[prepaid[1]].option is PaymentOption.PAYMENT
    assert prepaid[2] not in rows
    assert rows[suspended].category == DueCategory.SUSPENDED_TODAY
    assert rows[last_day].category == DueCategory.SUSPENDING_TOMORROW
    assert rows[two_left].category == DueCategory.GRACE_ENDING
    assert rows[three_left].category == DueCategory.GRACE_ENDING
    assert four_left not in rows
    assert set(rows) == {prepaid[0], prepaid[1], suspended, last_day, two_left, three_left}
    # Paying (pending in the outbox) takes the account off the list.
    account = load_account(cache, outbox, two_left)
    _pay(outbox, account, PaymentOption.PAYMENT, account.balance_paise)
    assert two_left not in {r.account_id for r in due_list(cache, outbox, 1, TODAY)}
    assert due_list(cache, outbox, 2, TODAY) == [] or all(
        r.account_id not in rows for r in due_list(cache, outbox, 2, TODAY))


def test_receipt_prints_are_counted(outbox: Outbox) -> None:
    assert record_receipt_print(outbox, "D1-000001", "u", "pdf") == 0
    assert record_receipt_print(outbox, "D1-000001", "u", "escpos") == 1
    assert receipt_print_count(outbox, "D1-000001") == 2
    assert receipt_print_count(outbox, "D1-000002") == 0


def test_a_payment_does_not_suspend_an_account_the_job_has_not_reached(
    cache: Engine, outbox: Outbox
) -> None:
    """The desk used to preview Suspended for an Active account whose invoice had passed
    its grace that morning (the daily job not yet run); the server never suspends on a
    payment, so the account stays Active there. Both now ask billing.status_after_payment."""
    account_id = _first(cache, "NOT prepaid AND status = 'Suspended'")
    _set(cache, account_id, status="Active")
    account = load_account(cache, outbox, account_id)
    oldest_date, oldest_due = account.open_invoices[0]
    assert postpaid_suspension_date(oldest_date) <= TODAY
    short = payment_outcome(account, PaymentOption.PAYMENT, max(1, oldest_due - 200), TODAY)
    assert short.status_after is AccountStatus.ACTIVE


def test_an_advance_does_not_suspend_an_expired_prepaid_account(
    cache: Engine, outbox: Outbox
) -> None:
    account_id = _first(cache, "prepaid AND status = 'Suspended' AND plan_id IS NOT NULL")
    _set(cache, account_id, status="Active", balance_paise=0)
    account = load_account(cache, outbox, account_id)
    assert account.plan_expiry is not None and account.plan_expiry < TODAY
    advance = payment_outcome(account, PaymentOption.ADVANCE, 10000, TODAY)
    assert advance.status_after is AccountStatus.ACTIVE
