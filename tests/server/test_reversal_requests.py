"""Reversal requests decided at the supervisor's own desk (issue 16): a cashier asks, a
supervisor of the branch (or an admin) approves with their own session and the server
applies the reversal at once, exactly once; every refusal says why and writes nothing."""

from __future__ import annotations

import json
import uuid
from typing import Any

import httpx
import pytest

from billing.roles import Role
from server.auth import create_user
from tests.server.conftest import Running, payment, pick, push

OWN = "branch_id = 1 AND status != 'Terminated' AND balance_paise >= 10000"
CHEQUE = "004512 / Indian Bank / 2026-11-20"
API = "/api/v1/reversal-requests"


def _taken(running: Running, amount: int = 2500, **kw: Any) -> dict[str, Any]:
    a = pick(running, OWN)
    pay = payment(a.id, "payment", amount, balance_before=a.balance_paise, **kw)
    with running.as_role("cashier") as c:
        assert push(c, pay)[0]["status"] == "applied"
    return pay


def _ask(c: httpx.Client, pay: dict[str, Any], cause: str = "void",
         reason: str = "wrong account") -> httpx.Response:
    return c.post(API, json={"request_id": str(uuid.uuid4()),
                             "payment_uuid": pay["payload"]["payment_uuid"],
                             "cause": cause, "reason": reason})


def _decide(c: httpx.Client, request_id: str, what: str = "approve") -> httpx.Response:
    return c.post(f"{API}/{request_id}/{what}")


def _balance(running: Running, pay: dict[str, Any]) -> int:
    return running.sql("SELECT balance_paise FROM accounts WHERE id = :i",
                       i=pay["account_id"])[0][0]


def _reversals(running: Running, pay: dict[str, Any]) -> int:
    return running.sql(
        "SELECT count(*) FROM payment_reversals r JOIN payments p ON p.id = r.payment_id "
        "WHERE p.payment_uuid = :u", u=pay["payload"]["payment_uuid"])[0][0]


def _refused(r: httpx.Response, status: int, code: str) -> str:
    assert (r.status_code, r.json()["error"]["code"]) == (status, code), r.text
    return str(r.json()["error"]["message"])


def test_a_supervisor_approves_at_their_desk_and_the_void_is_applied_once(
        running: Running) -> None:
    pay = _taken(running)
    before = _balance(running, pay)
    with running.as_role("cashier") as cashier:
        asked = _ask(cashier, pay)
        assert asked.status_code == 200, asked.text
        request_id = asked.json()["request_id"]
        assert asked.json()["state"] == "pending"
    with running.as_role("branch_staff") as staff:
        listed = staff.get(API).json()["requests"]
        assert [r["request_id"] for r in listed if r["request_id"] == request_id]
        [mine] = [r for r in listed if r["request_id"] == request_id]
        assert mine["requested_by"] == "cashier.cbe" and mine["account_name"]
        approved = _decide(staff, request_id)
        assert approved.status_code == 200, approved.text
        again = _decide(staff, request_id)
        assert request_id not in [r["request_id"] for r in staff.get(API).json()["requests"]]
    assert approved.json()["state"] == "approved"
    assert approved.json()["reversal"]["document_number"].startswith("REV/")
    assert _balance(running, pay) == before + 2500
    assert _reversals(running, pay) == 1
    assert "already approved by staff.cbe" in _refused(again, 409, "already_decided")
    assert running.sql("SELECT count(*) FROM log_entries WHERE account_id = :i AND "
                       "description LIKE :d", i=pay["account_id"],
                       d="Void of receipt%approved by staff.cbe online%")[0][0] == 1
    with running.as_role("cashier") as cashier:
        [seen] = [r for r in cashier.get(API).json()["requests"]
                  if r["request_id"] == request_id]
    assert seen["state"] == "approved" and seen["decided_by"] == "staff.cbe"


def test_the_requester_cannot_decide_their_own_request(running: Running) -> None:
    pay = _taken(running)
    with running.as_role("branch_staff") as staff:
        request_id = _ask(staff, pay).json()["request_id"]
        message = _refused(_decide(staff, request_id), 409, "self_approval")
    assert "cannot decide it" in message
    assert _reversals(running, pay) == 0


def test_a_cashier_may_not_approve(running: Running) -> None:
    pay = _taken(running)
    with running.as_role("branch_staff") as staff:
        request_id = _ask(staff, pay).json()["request_id"]
    with running.as_role("cashier") as cashier:
        _refused(_decide(cashier, request_id), 403, "approver_not_allowed")
        _refused(_decide(cashier, request_id, "decline"), 403, "approver_not_allowed")
    assert _reversals(running, pay) == 0


def test_a_supervisor_of_another_branch_may_not_decide(running: Running) -> None:
    pay = _taken(running)
    with running.database.write.begin() as conn:
        create_user(conn, running.settings, username="staff.other", password="other-demo",
                    role=Role.BRANCH_STAFF, display_name="Staff, branch 2", branch_id=2)
    with running.as_role("cashier") as cashier:
        request_id = _ask(cashier, pay).json()["request_id"]
    with running.client() as c:
        token = c.post("/api/v1/auth/sign-in", json={"username": "staff.other",
                                                       "password": "other-demo"}).json()["token"]
    with running.client(token) as other:
        assert request_id not in [r["request_id"] for r in other.get(API).json()["requests"]]
        message = _refused(_decide(other, request_id), 403, "other_branch")
    assert "another branch" in message
    assert _reversals(running, pay) == 0


def test_a_declined_request_reverses_nothing_and_stays_declined(running: Running) -> None:
    pay = _taken(running)
    before = _balance(running, pay)
    with running.as_role("cashier") as cashier:
        request_id = _ask(cashier, pay).json()["request_id"]
    with running.as_role("admin") as admin:
        declined = _decide(admin, request_id, "decline")
        assert declined.json()["state"] == "declined"
        _refused(_decide(admin, request_id), 409, "already_decided")
    assert _balance(running, pay) == before and _reversals(running, pay) == 0


def test_a_payment_of_a_closed_session_is_refused_when_asked_and_when_approved(
        running: Running) -> None:
    pay = _taken(running)
    yesterdays = _taken(running)
    with running.as_role("cashier") as cashier:
        request_id = _ask(cashier, pay).json()["request_id"]
    running.clock.advance(days=1)  # the next business day: the session is closed
    try:
        with running.as_role("cashier") as cashier:
            asked = _refused(_ask(cashier, yesterdays), 409, "session_closed")
        with running.as_role("branch_staff") as staff:
            approved = _refused(_decide(staff, request_id), 409, "session_closed")
    finally:
        running.clock.advance(days=-1)
    assert "cash session that is closed" in asked and "cash session that is closed" in approved
    assert _reversals(running, pay) == 0
    assert running.sql("SELECT state FROM reversal_requests WHERE id = :i",
                       i=request_id)[0][0] == "pending"


def test_a_second_void_is_refused(running: Running) -> None:
    pay = _taken(running)
    with running.as_role("cashier") as cashier:
        first = _ask(cashier, pay).json()["request_id"]
        _refused(_ask(cashier, pay), 409, "already_requested")
    with running.as_role("branch_staff") as staff:
        assert _decide(staff, first).status_code == 200
    with running.as_role("cashier") as cashier:
        _refused(_ask(cashier, pay), 409, "already_reversed")
    assert _reversals(running, pay) == 1


def test_a_void_applied_at_the_desk_meanwhile_refuses_the_approval(running: Running) -> None:
    pay = _taken(running)
    with running.as_role("cashier") as cashier:
        request_id = _ask(cashier, pay).json()["request_id"]
        void = {"mutation_id": str(uuid.uuid4()), "kind": "reversal",
                "account_id": pay["account_id"], "payload": {
                    "reversal_uuid": str(uuid.uuid4()),
                    "payment_uuid": pay["payload"]["payment_uuid"], "cause": "void",
                    "reason": "wrong amount", "requested_at": pay["payload"]["taken_at"],
                    "approved_by": "staff.cbe", "approved_offline": True}}
        assert push(cashier, void)[0]["status"] == "applied"
    with running.as_role("branch_staff") as staff:
        _refused(_decide(staff, request_id), 409, "already_reversed")
    assert _reversals(running, pay) == 1


@pytest.mark.parametrize(("cause", "reason", "code"), [
    ("bounce", "returned", "not_a_cheque"),
    ("void", "   ", "no_reason"),
    ("void", "x" * 201, "reason_too_long"),
])
def test_a_request_the_rules_refuse_is_not_kept(running: Running, cause: str, reason: str,
                                                code: str) -> None:
    pay = _taken(running)
    with running.as_role("cashier") as cashier:
        _refused(_ask(cashier, pay, cause, reason), 409, code)
    assert running.sql("SELECT count(*) FROM reversal_requests WHERE payment_uuid = :u",
                       u=pay["payload"]["payment_uuid"])[0][0] == 0


def test_a_partner_may_not_ask(running: Running) -> None:
    pay = _taken(running)
    with running.as_role("partner") as partner:
        assert _ask(partner, pay).status_code in (403, 404)


def test_malformed_requests_are_refused_not_crashed(running: Running) -> None:
    pay = _taken(running)
    bodies = [
        {"request_id": "not-a-uuid", "payment_uuid": pay["payload"]["payment_uuid"],
         "cause": "void", "reason": "x"},
        {"request_id": str(uuid.uuid4()), "payment_uuid": pay["payload"]["payment_uuid"],
         "cause": "refund", "reason": "x"},
        {"request_id": str(uuid.uuid4()), "payment_uuid": pay["payload"]["payment_uuid"],
         "cause": "void", "reason": "bad \\ud800 text"},
        {"request_id": str(uuid.uuid4()), "payment_uuid": pay["payload"]["payment_uuid"],
         "cause": "void", "reason": "x", "extra": 1},
    ]
    with running.as_role("cashier") as cashier:
        for body in bodies:
            raw = json.dumps(body).replace("\\\\ud800", "\\ud800")
            r = cashier.post(API, content=raw, headers={"Content-Type": "application/json"})
            assert r.status_code == 422, (body, r.text)
        assert cashier.post(f"{API}/%00/approve").status_code == 422
        assert cashier.post(f"{API}/{uuid.uuid4()}/approve").status_code == 404
    assert _reversals(running, pay) == 0


def test_a_request_id_already_naming_a_reversal_is_refused_at_approval(
        running: Running) -> None:
    # The request id becomes the reversal's reversal_uuid: one already used (here by a void
    # pushed from the desk) made UNIQUE(reversal_uuid) refuse the insert, a 500.
    voided, asked_for = _taken(running), _taken(running)
    used = str(uuid.uuid4())
    void = {"mutation_id": used, "kind": "reversal", "account_id": voided["account_id"],
            "payload": {"reversal_uuid": used, "payment_uuid": voided["payload"]["payment_uuid"],
                        "cause": "void", "reason": "wrong account",
                        "requested_at": voided["payload"]["taken_at"],
                        "approved_by": "staff.cbe", "approved_offline": True}}
    with running.as_role("cashier") as cashier:
        assert push(cashier, void)[0]["status"] == "applied"
        asked = cashier.post(API, json={"request_id": used,
                                        "payment_uuid": asked_for["payload"]["payment_uuid"],
                                        "cause": "void", "reason": "wrong account"})
        assert asked.status_code == 200, asked.text
    with running.as_role("branch_staff") as staff:
        _refused(_decide(staff, used), 409, "invalid_payload")
    assert _reversals(running, asked_for) == 0
