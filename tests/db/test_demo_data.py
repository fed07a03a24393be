"""The demo generator: deterministic, every rule case present, the ledger adds up."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import text

from billing.lifecycle import (
    AccountStatus,
    open_invoice_dates,
    postpaid_status,
    prepaid_status,
)
from billing.rules import PaymentOption, payment_options
from db.cache import open_cache
from demo.data import FIRST_ACCOUNT_ID, LONG_HISTORY_ACCOUNT_ID, generate
from tests.conftest import DEMO_TODAY


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("demo") / "cache.sqlite3"
    engine = open_cache(path)
    summary = generate(engine, 3_000, seed=11, today=DEMO_TODAY)
    yield engine, summary
    engine.dispose()


def test_counts_and_related_rows(demo) -> None:
    engine, summary = demo
    assert summary.rows["accounts"] == 3_000
    for table in ("orders", "invoices", "payments", "log_entries", "comments", "account_tags"):
        assert summary.rows[table] > 0, table
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM accounts")).scalar() == 3_000
        assert conn.execute(text("SELECT count(*) FROM account_search")).scalar() == 3_000
        assert conn.execute(text("SELECT min(id) FROM accounts")).scalar() == FIRST_ACCOUNT_ID


def test_same_seed_same_data(tmp_path: Path) -> None:
    digests = []
    for n in range(2):
        engine = open_cache(tmp_path / f"c{n}.sqlite3")
        generate(engine, 300, seed=5, today=DEMO_TODAY)
        with engine.connect() as conn:
            rows = conn.execute(text(
                "SELECT id, name, mobile, balance_paise, status FROM accounts ORDER BY id"
            )).all()
            pays = conn.execute(text(
                "SELECT payment_uuid, amount_paise FROM payments ORDER BY id"
            )).all()
        digests.append((rows, pays))
        engine.dispose()
    assert digests[0] == digests[1]


def test_every_balance_case_and_option_row_present(demo) -> None:
    engine, _ = demo
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT balance_paise, prepaid FROM accounts")).all()
    balances = {b for b, _ in rows}
    assert 100 in balances  # exactly ₹1.00
    assert any(0 < b < 100 for b in balances)  # dust
    assert 0 in balances
    assert any(b < 0 for b in balances)  # advance credit
    assert any(b > 100 for b in balances)  # dues
    seen = {tuple(payment_options(Decimal(b) / 100, bool(p))) for b, p in rows}
    assert seen == {
        (PaymentOption.PAYMENT,),
        (PaymentOption.ADVANCE,),
        (PaymentOption.RECHARGE, PaymentOption.ADVANCE),
    }


def test_ledger_adds_up_for_every_account(demo) -> None:
    """balance = invoices + recharge orders − payments, per account."""
    engine, _ = demo
    with engine.connect() as conn:
        mismatches = conn.execute(text("""
            SELECT a.id, a.balance_paise,
                   coalesce((SELECT sum(amount_paise) FROM invoices i WHERE i.account_id = a.id), 0)
                 + CASE WHEN a.prepaid THEN coalesce((SELECT sum(amount_paise) FROM orders o
                        WHERE o.account_id = a.id), 0) ELSE 0 END
                 - coalesce((SELECT sum(amount_paise) FROM payments p WHERE p.account_id = a.id), 0)
                   AS ledger
            FROM accounts a
        """)).all()
    assert [m for m in mismatches if m.balance_paise != m.ledger] == []


def test_statuses_follow_the_lifecycle_rules(demo) -> None:
    engine, _ = demo
    with engine.connect() as conn:
        accounts = conn.execute(text(
            "SELECT id, prepaid, status, plan_expiry, plan_id FROM accounts"
        )).all()
        invoices: dict[int, list] = {}
        for acc, day, amount in conn.execute(text(
            "SELECT account_id, invoice_date, amount_paise FROM invoices ORDER BY invoice_date"
        )):
            invoices.setdefault(acc, []).append((day, amount))
        paid = dict(conn.execute(text(
            "SELECT account_id, sum(amount_paise) FROM payments GROUP BY account_id"
        )).all())
    from datetime import date

    by_rule = {"prepaid": 0, "postpaid": 0}
    for acc in accounts:
        if acc.status in (AccountStatus.TERMINATED, AccountStatus.INACTIVE):
            continue
        if acc.prepaid:
            expiry = date.fromisoformat(acc.plan_expiry) if acc.plan_expiry else None
            assert acc.status == prepaid_status(expiry, DEMO_TODAY), acc.id
        else:
            inv = [(date.fromisoformat(d), a) for d, a in invoices.get(acc.id, [])]
            expected = postpaid_status(open_invoice_dates(inv, paid.get(acc.id, 0)), DEMO_TODAY)
            assert acc.status == expected, acc.id
        if acc.status == AccountStatus.SUSPENDED:
            by_rule["prepaid" if acc.prepaid else "postpaid"] += 1
    assert by_rule["prepaid"] > 0 and by_rule["postpaid"] > 0
    statuses = {a.status for a in accounts}
    assert statuses == {s.value for s in AccountStatus}


def test_long_history_account_has_five_years(demo) -> None:
    engine, _ = demo
    with engine.connect() as conn:
        created = conn.execute(
            text("SELECT created_at FROM accounts WHERE id = :i"), {"i": LONG_HISTORY_ACCOUNT_ID}
        ).scalar()
    assert (DEMO_TODAY.toordinal() - created // 86_400 - 719_163) >= 5 * 360


def test_refuses_a_database_that_already_has_accounts(demo) -> None:
    engine, _ = demo
    with pytest.raises(ValueError, match="already holds accounts"):
        generate(engine, 10, today=DEMO_TODAY)


def test_nobody_was_seen_in_the_future(demo) -> None:
    """Last Seen never passes the start of the business day the data was built for."""
    from datetime import datetime, time
    from zoneinfo import ZoneInfo

    engine, _ = demo
    start_of_day = datetime.combine(DEMO_TODAY, time(), ZoneInfo("Asia/Kolkata")).timestamp()
    with engine.connect() as conn:
        latest = conn.execute(text("SELECT max(last_seen) FROM accounts")).scalar()
    assert latest <= start_of_day
