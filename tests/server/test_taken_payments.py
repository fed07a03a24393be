"""Money taken at a counter is applied, never refused for the balance having moved
(issue 16): dues first, the rest as advance; a Recharge charges what the counter recorded.
The answer says how it was applied when that differs from the cashier's preview."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from server.demo_seed import demo_login
from tests.conftest import DEMO_TODAY
from tests.server.conftest import Running, payment, pick, push

OWN = "branch_id = 1 AND status != 'Terminated'"


def _account(running: Running, account_id: int) -> Any:
    return running.sql("SELECT balance_paise, plan_expiry FROM accounts WHERE id = :i",
                       i=account_id)[0]


def test_payment_after_another_desk_cleared_the_dues_is_applied_as_advance(
        running: Running) -> None:
    a = pick(running, OWN + " AND balance_paise >= 10000")
    dues = a.balance_paise
    first = payment(a.id, "payment", dues, balance_before=dues)
    second = payment(a.id, "payment", dues, balance_before=dues)  # the same dues, seen at once
    paid_at = f"{running.clock().astimezone(ZoneInfo(running.settings.business_zone)):%H:%M}"
    with running.as_role("branch_staff") as staff:
        [one] = push(staff, first)
    running.clock.advance(minutes=2)
    with running.as_role("cashier") as cashier:
        [two] = push(cashier, second)
        [again] = push(cashier, second)
    assert one["status"] == "applied" and "applied_as" not in one
    assert two["status"] == "applied", two
    staff_name = demo_login("branch_staff").username
    assert two["applied_as"]["kind"] == "advance"
    assert two["applied_as"]["credit_paise"] == dues
    reason = f"dues were paid at {paid_at} by {staff_name}"
    assert two["applied_as"]["reason"] == reason
    assert two["applied_as"]["notice"] == f"applied as advance: {reason}"
    assert again["status"] == "duplicate" and again["applied_as"] == two["applied_as"]
    with running.as_role("cashier") as cashier:  # the same payment under a new mutation id
        [renamed] = push(cashier, {**second, "mutation_id": "resent-" + second["mutation_id"]})
    assert renamed["status"] == "duplicate" and renamed["applied_as"] == two["applied_as"]
    assert _account(running, a.id).balance_paise == -dues
    assert running.sql("SELECT count(*) FROM payments WHERE payment_uuid IN (:u, :v)",
                       u=first["mutation_id"], v=second["mutation_id"])[0][0] == 2
    logged = running.sql("SELECT description FROM log_entries WHERE account_id = :i AND "
                         "field = 'balance' ORDER BY id DESC", i=a.id)[0][0]
    assert logged.endswith(two["applied_as"]["notice"])


def test_partial_overpay_pays_the_dues_left_and_the_rest_is_advance(running: Running) -> None:
    a = pick(running, OWN + " AND balance_paise >= 10000")
    dues = a.balance_paise
    with running.as_role("branch_staff") as staff:
        [one] = push(staff, payment(a.id, "payment", dues - 3000, balance_before=dues))
    with running.as_role("cashier") as cashier:
        [two] = push(cashier, payment(a.id, "payment", dues, balance_before=dues))
    assert one["status"] == "applied" and two["status"] == "applied", two
    applied = two["applied_as"]
    assert (applied["kind"], applied["dues_paid_paise"], applied["credit_paise"]) == \
        ("payment_and_advance", 3000, dues - 3000)
    staff_name = demo_login("branch_staff").username
    assert re.fullmatch(rf"the dues fell to ₹30\.00 at \d\d:\d\d by {staff_name}",
                        applied["reason"]), applied
    assert _account(running, a.id).balance_paise == -(dues - 3000)


def test_advance_on_an_account_that_owes_pays_the_dues_first(running: Running) -> None:
    a = pick(running, OWN + " AND balance_paise >= 10000")
    with running.as_role("cashier") as c:
        [r] = push(c, payment(a.id, "advance", a.balance_paise + 500, balance_before=0))
    assert r["status"] == "applied", r
    assert r["applied_as"]["kind"] == "payment_and_advance"
    assert r["applied_as"]["dues_paid_paise"] == a.balance_paise
    assert _account(running, a.id).balance_paise == -500


def test_payment_as_previewed_has_no_applied_as(running: Running) -> None:
    a = pick(running, OWN + " AND balance_paise >= 10000")
    with running.as_role("cashier") as c:
        [r] = push(c, payment(a.id, "payment", 1000, balance_before=a.balance_paise))
    assert r["status"] == "applied" and "applied_as" not in r


def _prepaid(running: Running) -> Any:
    a = pick(running, OWN + " AND prepaid = :t AND plan_id IS NOT NULL", t=True)
    running.sql("UPDATE accounts SET balance_paise = 0 WHERE id = :i", i=a.id)
    plan = running.sql("SELECT id, name, price_paise, validity_days FROM plans WHERE id = :p",
                       p=a.plan_id)[0]
    return a, plan


def _expiry(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def test_recharge_after_a_price_change_charges_the_counters_price(running: Running) -> None:
    a, plan = _prepaid(running)
    before = _expiry(_account(running, a.id).plan_expiry)
    running.sql("UPDATE plans SET price_paise = :p WHERE id = :i", p=plan.price_paise + 5000,
                i=plan.id)
    with running.as_role("cashier") as c:
        [r] = push(c, payment(a.id, "recharge", plan.price_paise, plan_id=plan.id,
                              charge=plan.price_paise, balance_before=0))
    assert r["status"] == "applied", r
    assert r["applied_as"]["kind"] == "recharge"
    assert r["applied_as"]["charge_paise"] == plan.price_paise
    assert "as recorded at the counter" in r["applied_as"]["reason"]
    row = _account(running, a.id)
    assert row.balance_paise == 0
    order = running.sql("SELECT amount_paise FROM orders WHERE account_id = :i AND "
                        "status = 'active'", i=a.id)
    assert [o.amount_paise for o in order] == [plan.price_paise]
    assert _expiry(row.plan_expiry) > max(before, DEMO_TODAY - timedelta(days=1))


def test_recharge_whose_account_moved_on_still_extends_and_the_difference_is_balance(
        running: Running) -> None:
    a, plan = _prepaid(running)
    credit = 2000
    # The counter saw ₹20.00 credit and asked price - credit; meanwhile it was used.
    with running.as_role("cashier") as c:
        [r] = push(c, payment(a.id, "recharge", plan.price_paise - credit, plan_id=plan.id,
                              charge=plan.price_paise, balance_before=-credit))
    assert r["status"] == "applied", r
    assert r["applied_as"]["kind"] == "recharge"
    assert r["applied_as"]["balance_after_paise"] == credit
    assert _account(running, a.id).balance_paise == credit
    active = running.sql("SELECT count(*) FROM orders WHERE account_id = :i AND "
                         "status = 'active' AND plan_id = :p", i=a.id, p=plan.id)[0][0]
    assert active == 1


@pytest.mark.parametrize(
    ("case", "code"),
    [
        ("unknown account", "not_found"),
        ("other branch", "not_found"),
        ("float amount", "invalid_payload"),
        ("zero", "amount_invalid"),
        ("negative", "amount_invalid"),
        ("over ceiling", "over_ceiling"),
        ("recharge without plan", "no_plan"),
        ("unknown plan", "plan_invalid"),
        ("recharge amount not the counter's", "amount_mismatch"),
        ("postpaid recharge", "postpaid_recharge"),
    ],
)
def test_what_no_cashier_could_have_taken_is_still_refused(running: Running, case: str,
                                                          code: str) -> None:
    a = pick(running, OWN + " AND prepaid = :t AND plan_id IS NOT NULL", t=True)
    target = a.id
    m = payment(a.id, "payment", 1000, balance_before=a.balance_paise)
    body = m["payload"]
    if case == "unknown account":
        target = m["account_id"] = 987_654_321
    elif case == "other branch":
        target = m["account_id"] = running.sql(
            "SELECT id FROM accounts WHERE branch_id != 1 LIMIT 1")[0][0]
    elif case == "float amount":
        body["amount_paise"] = 1000.0
    elif case == "zero":
        body["amount_paise"] = 0
    elif case == "negative":
        body["amount_paise"] = -5
    elif case == "over ceiling":
        body["amount_paise"] = running.settings.ceiling_paise + 1
    elif case == "recharge without plan":
        body["option"] = "recharge"
    elif case == "unknown plan":
        body.update(option="recharge", plan_id=987_654)
    elif case == "recharge amount not the counter's":
        body.update(option="recharge", plan_id=a.plan_id, charge_paise=5000,
                    balance_before_paise=0, amount_paise=4000)
    else:
        target = m["account_id"] = pick(running, OWN + " AND prepaid = :f", f=False).id
        body.update(option="recharge", plan_id=a.plan_id, charge_paise=1000,
                    balance_before_paise=0)
    def state() -> list[Any]:
        return [running.sql("SELECT count(*) FROM payments")[0][0],
                *running.sql("SELECT balance_paise, version FROM accounts WHERE id = :i",
                             i=target)]

    before = state()
    with running.as_role("cashier") as c:
        [r] = push(c, m)
    assert r["status"] == "rejected", r
    assert r["error"]["code"] == code
    assert state() == before
