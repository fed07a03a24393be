"""A reversal reopens only the invoices its payment settled: not the bank's bounce charge,
not the advance credit an over-payment made. Reopening more would reopen invoices other
payments paid long ago, and suspend the account for them."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from tests.conftest import DEMO_TODAY
from tests.server.conftest import Running, payment, pick, push

CHEQUE = "004512 / Indian Bank / 2026-11-20"
RECENT, OLD = DEMO_TODAY - timedelta(days=5), DEMO_TODAY - timedelta(days=60)


def _postpaid_with_two_invoices(running: Running) -> Any:
    """An Active postpaid account with an old invoice paid long ago (well past its grace)
    and a recent one of ₹599 still open and in its grace."""
    a = pick(running, "branch_id = 1 AND prepaid = :f AND plan_id IS NOT NULL "
             "AND status != 'Terminated'", f=False)
    running.sql("UPDATE invoices SET status='paid', paid_paise=amount_paise, invoice_date=:d "
                "WHERE account_id=:i", d=OLD - timedelta(days=30), i=a.id)
    for n, (day, paid, status) in enumerate(((OLD, 100000, "paid"), (RECENT, 0, "open"))):
        running.sql(
            "INSERT INTO invoices (id, account_id, number, invoice_date, period_start, "
            "period_end, amount_paise, paid_paise, status, version) VALUES (:id, :a, :n, :d, "
            ":d, :d, :amt, :paid, :s, 1)", id=820_000_000 + 2 * (a.id % 1_000_000) + n,
            a=a.id, n=f"R{n}/{a.id}", d=day, amt=100000 if n == 0 else 59900, paid=paid,
            s=status)
    running.sql("UPDATE accounts SET status='Active', balance_paise=59900 WHERE id=:i", i=a.id)
    return a


def _reversal(pay: dict[str, Any], cause: str) -> dict[str, Any]:
    return {"mutation_id": str(uuid.uuid4()), "kind": "reversal", "account_id": pay["account_id"],
            "payload": {"reversal_uuid": str(uuid.uuid4()),
                        "payment_uuid": pay["payload"]["payment_uuid"], "cause": cause,
                        "reason": "wrong account", "requested_at": pay["payload"]["taken_at"],
                        "approved_by": "staff.cbe", "approved_offline": True}}


def _state(running: Running, account_id: int) -> tuple[str, int]:
    status = running.sql("SELECT status FROM accounts WHERE id = :i", i=account_id)[0][0]
    old_paid = running.sql("SELECT paid_paise FROM invoices WHERE account_id = :i AND "
                           "invoice_date = :d AND amount_paise = 100000", i=account_id,
                           d=OLD)[0][0]
    return status, old_paid


def test_bounce_charge_does_not_reopen_an_old_paid_invoice(running: Running) -> None:
    a = _postpaid_with_two_invoices(running)
    pay = payment(a.id, "payment", 59900, method="cheque", reference=CHEQUE,
                  balance_before=59900)
    with running.as_role("cashier") as c:
        assert push(c, pay)[0]["status"] == "applied"
        [bounce] = push(c, _reversal(pay, "bounce"))
    assert bounce["status"] == "applied", bounce
    # The recent invoice is open again (in its grace); the old one stays paid.
    assert _state(running, a.id) == ("Active", 100000)


def test_void_of_an_over_payment_reopens_only_the_dues_it_paid(running: Running) -> None:
    a = _postpaid_with_two_invoices(running)
    pay = payment(a.id, "payment", 99900, balance_before=59900)  # ₹400 became credit
    with running.as_role("cashier") as c:
        assert push(c, pay)[0]["status"] == "applied"
        [void] = push(c, _reversal(pay, "void"))
    assert void["status"] == "applied", void
    assert _state(running, a.id) == ("Active", 100000)


def test_paying_a_bounced_invoice_reconnects_though_the_bank_charge_stays(running: Running
                                                                          ) -> None:
    """A bounced cheque reopens an invoice past its grace (Suspended again) and adds the bank
    charge. Paying the invoice's amount settles the invoice, oldest dues first as the desk's
    preview says (billing.lifecycle.open_invoice_dates), and reconnects; only the charge
    stays owed. It must not go to the newer charge first and leave the invoice unpaid."""
    a = _postpaid_with_two_invoices(running)
    overdue = DEMO_TODAY - timedelta(days=20)
    running.sql("UPDATE invoices SET invoice_date = :d WHERE account_id = :i AND "
                "status = 'open'", d=overdue, i=a.id)
    running.sql("UPDATE accounts SET status = 'Suspended' WHERE id = :i", i=a.id)
    pay = payment(a.id, "payment", 59900, method="cheque", reference=CHEQUE,
                  balance_before=59900)
    with running.as_role("cashier") as c:
        assert push(c, pay)[0]["status"] == "applied"
        assert push(c, _reversal(pay, "bounce"))[0]["status"] == "applied"
        owed = running.sql("SELECT balance_paise FROM accounts WHERE id = :i", i=a.id)[0][0]
        assert _state(running, a.id)[0] == "Suspended" and owed > 59900
        [again] = push(c, payment(a.id, "payment", 59900, balance_before=owed))
    assert again["status"] == "applied", again
    assert _state(running, a.id) == ("Active", 100000)
    assert running.sql("SELECT amount_paise - paid_paise, status FROM invoices WHERE "
                       "account_id = :i AND invoice_date = :d", i=a.id, d=overdue)[0] == \
        (0, "paid")
    assert running.sql("SELECT balance_paise FROM accounts WHERE id = :i",
                       i=a.id)[0][0] == owed - 59900
