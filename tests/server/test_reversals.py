"""Reversals (issue 16): a void or a bounced cheque, approved by a second person, applied
once; every refusal answers a clear reason and writes nothing."""

from __future__ import annotations

import threading
import uuid
from datetime import date, timedelta
from typing import Any

import httpx

from billing.reversal import DEFAULT_BOUNCE_CHARGE_PAISE
from server import lifecycle_job
from tests.conftest import DEMO_TODAY
from tests.server.conftest import Running, payment, pick, push

OWN = "branch_id = 1 AND status != 'Terminated'"
CHEQUE = "004512 / Indian Bank / 2026-11-20"


def _balance(running: Running, account_id: int) -> int:
    return running.sql("SELECT balance_paise FROM accounts WHERE id = :i", i=account_id)[0][0]


def _reversal(pay: dict[str, Any], *, cause: str = "void", approved_by: str = "staff.cbe",
              token: str | None = None, requested_at: int | None = None,
              reason: str = "wrong account") -> dict[str, Any]:
    payload: dict[str, Any] = {
        "reversal_uuid": str(uuid.uuid4()),
        "payment_uuid": pay["payload"]["payment_uuid"],
        "cause": cause,
        "reason": reason,
        "requested_at": requested_at or pay["payload"]["taken_at"],
        "approved_by": approved_by,
    }
    if token is None:
        payload["approved_offline"] = True
    else:
        payload["approval_token"] = token
    return {"mutation_id": str(uuid.uuid4()), "kind": "reversal",
            "account_id": pay["account_id"], "payload": payload}


def _approve(c: httpx.Client, pay: dict[str, Any], username: str, password: str
             ) -> httpx.Response:
    return c.post("/api/v1/reversals/approve", json={
        "payment_uuid": pay["payload"]["payment_uuid"], "username": username,
        "password": password})


def _written(running: Running, pay: dict[str, Any]) -> tuple[int, int]:
    """(reversals, approvals) held for this payment."""
    uuid_ = pay["payload"]["payment_uuid"]
    reversals = running.sql(
        "SELECT count(*) FROM payment_reversals r JOIN payments p ON p.id = r.payment_id "
        "WHERE p.payment_uuid = :u", u=uuid_)[0][0]
    approvals = running.sql(
        "SELECT count(*) FROM reversal_approvals WHERE payment_uuid = :u", u=uuid_)[0][0]
    return reversals, approvals


def test_void_approved_online_gives_the_money_back_once(running: Running) -> None:
    a = pick(running, OWN + " AND balance_paise >= 10000")
    pay = payment(a.id, "payment", 5000)
    with running.as_role("cashier") as c:
        assert push(c, pay)[0]["status"] == "applied"
        answer = _approve(c, pay, "staff.cbe", "staff-demo")
        assert answer.status_code == 200, answer.text
        token = answer.json()["approval_token"]
        void = _reversal(pay, token=token)
        [first] = push(c, void)
        [again] = push(c, void)
        [second_void] = push(c, _reversal(pay, token=token))
        late = _approve(c, pay, "staff.cbe", "staff-demo")
    assert first["status"] == "applied", first
    assert first["reversal"]["document_number"].startswith("REV/")
    assert first["reversal"]["approved_offline"] is False
    assert again["status"] == "duplicate"
    assert again["reversal"] == first["reversal"]
    assert second_void["status"] == "rejected"
    assert second_void["error"]["code"] == "already_reversed"
    assert late.status_code == 409 and late.json()["error"]["code"] == "already_reversed"
    assert _balance(running, a.id) == a.balance_paise
    assert _written(running, pay) == (1, 0)  # the approval was used up
    [log] = running.sql("SELECT description FROM log_entries WHERE account_id = :i AND "
                        "description LIKE 'Void of receipt%'", i=a.id)
    assert "approved by staff.cbe online" in log[0] and "wrong account" in log[0]


def test_wrong_password_is_refused_and_writes_nothing(running: Running) -> None:
    a = pick(running, OWN + " AND balance_paise >= 10000")
    pay = payment(a.id, "payment", 3000)
    with running.as_role("cashier") as c:
        push(c, pay)
        answer = _approve(c, pay, "staff.cbe", "not-the-password")
        [made_up] = push(c, _reversal(pay, token="made-up-token"))
    assert answer.status_code == 401
    assert "Wrong username or password" in answer.json()["error"]["message"]
    assert made_up["status"] == "rejected"
    assert made_up["error"]["code"] == "approval_invalid"
    assert _written(running, pay) == (0, 0)
    assert _balance(running, a.id) == a.balance_paise - 3000


def test_the_requesting_cashier_cannot_approve(running: Running) -> None:
    a = pick(running, OWN + " AND balance_paise >= 10000")
    pay = payment(a.id, "payment", 2000)
    with running.as_role("cashier") as c:
        push(c, pay)
        online = _approve(c, pay, "cashier.cbe", "cashier-demo")
        [offline] = push(c, _reversal(pay, approved_by="cashier.cbe"))
        [partner] = push(c, _reversal(pay, approved_by="partner.cbe"))
        [missing] = push(c, {**_reversal(pay), "payload": {
            k: v for k, v in _reversal(pay)["payload"].items() if k != "approved_offline"}})
    assert online.status_code == 409
    assert online.json()["error"]["code"] == "self_approval"
    assert (offline["status"], offline["error"]["code"]) == ("rejected", "self_approval")
    assert "cannot approve" in offline["error"]["message"]
    assert partner["error"]["code"] == "approver_not_allowed"
    assert missing["error"]["code"] == "approval_missing"
    assert _written(running, pay) == (0, 0)


def test_void_of_a_closed_session_is_refused(running: Running) -> None:
    a = pick(running, OWN + " AND balance_paise >= 10000")
    pay = payment(a.id, "payment", 2000)
    pay["payload"]["taken_at"] -= 86_400  # yesterday's session
    with running.as_role("cashier") as c:
        push(c, pay)
        [void] = push(c, _reversal(pay, requested_at=pay["payload"]["taken_at"] + 86_400))
    assert (void["status"], void["error"]["code"]) == ("rejected", "session_closed")
    assert "current session" in void["error"]["message"]
    assert _written(running, pay) == (0, 0)


def test_void_of_another_branchs_payment_is_refused(running: Running) -> None:
    other = pick(running, "branch_id != 1 AND status != 'Terminated'")
    pay = payment(other.id, "payment", 2000)
    with running.as_role("admin") as admin:
        assert push(admin, pay)[0]["status"] == "applied"
    with running.as_role("cashier") as c:
        [void] = push(c, _reversal(pay))
        online = _approve(c, pay, "staff.cbe", "staff-demo")
    assert (void["status"], void["error"]["code"]) == ("rejected", "not_found")
    assert online.status_code == 404
    assert _written(running, pay) == (0, 0)


def test_bounce_of_a_cash_payment_is_refused(running: Running) -> None:
    a = pick(running, OWN + " AND balance_paise >= 10000")
    pay = payment(a.id, "payment", 2000)
    cleared = {"mutation_id": str(uuid.uuid4()), "kind": "cheque_cleared", "account_id": a.id,
               "payload": {"payment_uuid": pay["payload"]["payment_uuid"]}}
    with running.as_role("cashier") as c:
        push(c, pay)
        [bounce, clear] = push(c, _reversal(pay, cause="bounce"), cleared)
    assert (bounce["status"], bounce["error"]["code"]) == ("rejected", "not_a_cheque")
    assert "only a cheque can bounce" in bounce["error"]["message"]
    assert (clear["status"], clear["error"]["code"]) == ("rejected", "not_a_cheque")
    assert _written(running, pay) == (0, 0)


def test_bounced_cheque_reopens_the_dues_with_the_bank_charge(running: Running) -> None:
    a = pick(running, OWN + " AND balance_paise >= 10000")
    pay = payment(a.id, "payment", 4000, method="cheque", reference=CHEQUE)
    with running.as_role("cashier") as c:
        push(c, pay)
        [bounce] = push(c, _reversal(pay, cause="bounce", reason="insufficient funds"))
        cleared = {"mutation_id": str(uuid.uuid4()), "kind": "cheque_cleared",
                   "account_id": a.id,
                   "payload": {"payment_uuid": pay["payload"]["payment_uuid"]}}
        [clear] = push(c, cleared)
    assert bounce["status"] == "applied", bounce
    assert bounce["reversal"]["charge_paise"] == DEFAULT_BOUNCE_CHARGE_PAISE
    assert _balance(running, a.id) == a.balance_paise + DEFAULT_BOUNCE_CHARGE_PAISE
    assert clear["error"]["code"] == "already_reversed"


def test_cheque_cleared_once(running: Running) -> None:
    a = pick(running, OWN + " AND balance_paise >= 10000")
    pay = payment(a.id, "payment", 4000, method="cheque", reference=CHEQUE)
    cleared = {"mutation_id": str(uuid.uuid4()), "kind": "cheque_cleared", "account_id": a.id,
               "payload": {"payment_uuid": pay["payload"]["payment_uuid"]}}
    with running.as_role("cashier") as c:
        push(c, pay)
        assert [r["status"] for r in push(c, cleared)] == ["applied"]
        [bounce] = push(c, _reversal(pay, cause="bounce"))
    assert running.sql("SELECT count(*) FROM cheque_clearances cc JOIN payments p ON "
                       "p.id = cc.payment_id WHERE p.payment_uuid = :u",
                       u=pay["payload"]["payment_uuid"])[0][0] == 1
    # A cleared cheque may still come back from the bank: the bounce is allowed.
    assert bounce["status"] == "applied"


def test_offline_void_racing_itself_applies_once(running: Running) -> None:
    a = pick(running, OWN + " AND balance_paise >= 10000")
    pay = payment(a.id, "payment", 2500)
    void = _reversal(pay)
    token = running.sign_in("cashier")
    with running.client(token) as c:
        push(c, pay)
    answers: list[dict[str, Any]] = []

    def send() -> None:
        with running.client(token) as c:
            answers.extend(push(c, void))

    threads = [threading.Thread(target=send) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(r["status"] for r in answers) == ["applied"] + ["duplicate"] * 3
    assert _balance(running, a.id) == a.balance_paise
    assert _written(running, pay) == (1, 0)
    assert running.sql("SELECT approved_offline FROM payment_reversals WHERE reversal_uuid "
                       "= :u", u=void["payload"]["reversal_uuid"])[0][0]


def test_a_reversal_uuid_already_used_is_refused_alone(running: Running) -> None:
    # UNIQUE(reversal_uuid) refused the insert on every retry: a 500 for the whole batch,
    # so the write queued behind it never went (the desk resends the batch forever).
    a = pick(running, OWN + " AND balance_paise >= 10000")
    first, second = payment(a.id, "payment", 1500), payment(a.id, "payment", 1600)
    void = _reversal(first)
    reused = _reversal(second)
    reused["payload"]["reversal_uuid"] = void["payload"]["reversal_uuid"]
    comment = {"mutation_id": str(uuid.uuid4()), "kind": "comment", "account_id": a.id,
               "payload": {"body": "behind the reused id"}}
    with running.as_role("cashier") as c:
        push(c, first, second)
        assert push(c, void)[0]["status"] == "applied"
        refused, behind = push(c, reused, comment)
    assert refused["status"] == "rejected"
    assert refused["error"]["code"] == "invalid_payload"
    assert behind["status"] == "applied"
    assert _written(running, second) == (0, 0)


def test_void_of_a_reconnecting_payment_suspends_again(running: Running) -> None:
    a = pick(running, "branch_id = 1 AND status = 'Suspended' AND prepaid = :f "
             "AND plan_id IS NOT NULL AND balance_paise >= 10000", f=False)
    pay = payment(a.id, "payment", a.balance_paise)
    with running.as_role("cashier") as c:
        push(c, pay)
        assert running.sql("SELECT status FROM accounts WHERE id = :i", i=a.id)[0][0] == \
            "Active"
        [void] = push(c, _reversal(pay, reason="wrong account"))
    assert void["status"] == "applied", void
    assert running.sql("SELECT status FROM accounts WHERE id = :i", i=a.id)[0][0] == \
        "Suspended"
    assert _balance(running, a.id) == a.balance_paise
    open_owed = running.sql("SELECT coalesce(sum(amount_paise - paid_paise), 0) FROM invoices "
                            "WHERE account_id = :i AND status = 'open'", i=a.id)[0][0]
    assert open_owed >= 100


def _account_row(running: Running, account_id: int) -> Any:
    return running.sql("SELECT status, plan_expiry, balance_paise FROM accounts WHERE id = :i",
                       i=account_id)[0]


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def _recharge(running: Running, a: Any) -> tuple[dict[str, Any], Any]:
    running.sql("UPDATE accounts SET balance_paise = 0 WHERE id = :i", i=a.id)
    plan = running.sql("SELECT id, price_paise, validity_days FROM plans WHERE id = :p",
                       p=a.plan_id)[0]
    return payment(a.id, "recharge", plan.price_paise, plan_id=plan.id,
                   charge=plan.price_paise, balance_before=0), plan


def test_void_of_a_recharge_takes_back_the_days_it_bought(running: Running) -> None:
    a = pick(running, OWN + " AND prepaid = :t AND status = 'Active' AND plan_expiry > :d",
             t=True, d=(DEMO_TODAY + timedelta(days=3)).isoformat())
    before = _as_date(a.plan_expiry)
    pay, plan = _recharge(running, a)
    with running.as_role("cashier") as c:
        assert push(c, pay)[0]["status"] == "applied"
        assert _as_date(_account_row(running, a.id).plan_expiry) == \
            before + timedelta(days=plan.validity_days)
        [void] = push(c, _reversal(pay, reason="wrong account"))
    assert void["status"] == "applied", void
    row = _account_row(running, a.id)
    assert _as_date(row.plan_expiry) == before
    assert row.status == "Active" and row.balance_paise == 0  # price and payment both undone
    assert running.sql("SELECT status FROM orders WHERE account_id = :i ORDER BY id DESC "
                       "LIMIT 1", i=a.id)[0][0] == "cancelled"
    assert running.sql("SELECT count(*) FROM log_entries WHERE account_id = :i AND "
                       "field = 'plan_expiry' AND description LIKE 'Plan expiry back to%'",
                       i=a.id)[0][0] == 1


def test_void_of_a_recharge_that_reconnected_suspends_again(running: Running) -> None:
    a = pick(running, OWN + " AND prepaid = :t AND status = 'Suspended' AND plan_id IS NOT "
             "NULL AND plan_expiry < :d", t=True, d=(DEMO_TODAY - timedelta(days=1)).isoformat())
    pay, _plan = _recharge(running, a)
    with running.as_role("cashier") as c:
        assert push(c, pay)[0]["status"] == "applied"
        assert _account_row(running, a.id).status == "Active"
        [void] = push(c, _reversal(pay, reason="wrong account"))
    assert void["status"] == "applied", void
    row = _account_row(running, a.id)
    assert row.status == "Suspended"
    # Renewed from the day before the recharge, so that is where it ends again.
    assert _as_date(row.plan_expiry) < DEMO_TODAY


def _run_job(running: Running, day: date) -> None:
    assert lifecycle_job.run_once(running.database, running.settings, on=day).ran


def test_void_of_a_payment_leaves_the_next_lifecycle_run_to_suspend(running: Running) -> None:
    """Dues reopened by a void but still in their grace: the account stays Active now, and
    the lifecycle job suspends it on day 16 as if the payment had never been."""
    a = pick(running, OWN + " AND prepaid = :f AND plan_id IS NOT NULL", f=False)
    day = DEMO_TODAY - timedelta(days=5)
    running.sql("UPDATE invoices SET status='paid', paid_paise=amount_paise WHERE "
                "account_id=:i", i=a.id)
    running.sql(
        "INSERT INTO invoices (id, account_id, number, invoice_date, period_start, period_end, "
        "amount_paise, paid_paise, status, version) VALUES (:id, :a, :n, :d, :d, :d, 59900, 0, "
        "'open', 1)", id=810_000_000 + a.id % 1_000_000, a=a.id, n=f"V/{a.id}", d=day)
    running.sql("UPDATE accounts SET status='Active', balance_paise=59900 WHERE id=:i", i=a.id)
    pay = payment(a.id, "payment", 59900, balance_before=59900)
    with running.as_role("cashier") as c:
        assert push(c, pay)[0]["status"] == "applied"
        _run_job(running, day + timedelta(days=16))
        assert _account_row(running, a.id).status == "Active"  # paid: nothing to suspend
        [void] = push(c, _reversal(pay, reason="wrong account"))
    assert void["status"] == "applied", void
    assert _account_row(running, a.id).status == "Active"  # still in grace today
    _run_job(running, day + timedelta(days=15))
    assert _account_row(running, a.id).status == "Active"
    _run_job(running, day + timedelta(days=16))
    assert _account_row(running, a.id).status == "Suspended"


def test_after_a_voided_recharge_the_job_suspends_on_the_old_expiry(running: Running) -> None:
    a = pick(running, OWN + " AND prepaid = :t AND status = 'Active' AND plan_expiry > :d",
             t=True, d=(DEMO_TODAY + timedelta(days=3)).isoformat())
    before = _as_date(a.plan_expiry)
    pay, _plan = _recharge(running, a)
    with running.as_role("cashier") as c:
        assert push(c, pay)[0]["status"] == "applied"
        assert push(c, _reversal(pay))[0]["status"] == "applied"
    _run_job(running, before)
    assert _account_row(running, a.id).status == "Active"
    _run_job(running, before + timedelta(days=1))
    assert _account_row(running, a.id).status == "Suspended"


def test_void_of_an_inactive_accounts_first_recharge_leaves_it_inactive(running: Running
                                                                          ) -> None:
    """A Recharge that gave an account its first plan, voided: the account has no plan
    again (Inactive), not a plan that expired yesterday (Suspended, with a Log entry that
    says so)."""
    a = pick(running, "branch_id = 1 AND status = 'Inactive' AND prepaid = :t", t=True)
    plan = running.sql("SELECT id, price_paise FROM plans WHERE prepaid = :t AND branch_id "
                       "IS NULL ORDER BY id", t=True)[0]
    pay = payment(a.id, "recharge", plan.price_paise, plan_id=plan.id,
                  charge=plan.price_paise, balance_before=a.balance_paise)
    with running.as_role("cashier") as c:
        assert push(c, pay)[0]["status"] == "applied"
        assert _account_row(running, a.id).status == "Active"
        [void] = push(c, _reversal(pay, reason="wrong account"))
    assert void["status"] == "applied", void
    row = _account_row(running, a.id)
    assert (row.status, row.plan_expiry, row.balance_paise) == ("Inactive", None,
                                                                a.balance_paise)
    [entry] = running.sql("SELECT old_value, new_value, description FROM log_entries WHERE "
                          "account_id = :i AND \"user\" = 'system' ORDER BY id DESC LIMIT 1",
                          i=a.id)
    assert (entry.old_value, entry.new_value) == ("Active", "Inactive")
    assert "expired" not in entry.description
    _run_job(running, DEMO_TODAY + timedelta(days=1))
    assert _account_row(running, a.id).status == "Inactive"
