"""Push: exactly once, every rule re-checked against the server's balance, conflicts."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest

from tests.conftest import DEMO_TODAY
from tests.server.conftest import Running, mutation, payment, pick, push

OWN = "branch_id = 1 AND status != 'Terminated'"


def _balance(running: Running, account_id: int) -> int:
    return running.sql("SELECT balance_paise FROM accounts WHERE id = :i", i=account_id)[0][0]


def test_same_batch_twice_applies_once(running: Running) -> None:
    a = pick(running, OWN + " AND balance_paise >= 10000")
    batch = [
        payment(a.id, "payment", 5000),
        mutation("comment", a.id, {"body": "called the customer", "created_at": 1_795_800_000}),
    ]
    with running.as_role("cashier") as c:
        first = push(c, *batch)
        second = push(c, *batch)
    assert [r["status"] for r in first] == ["applied", "applied"]
    assert [r["status"] for r in second] == ["duplicate", "duplicate"]
    assert second[0]["payment"] == first[0]["payment"]
    assert _balance(running, a.id) == a.balance_paise - 5000
    assert running.sql("SELECT count(*) FROM payments WHERE payment_uuid = :u",
                       u=batch[0]["payload"]["payment_uuid"])[0][0] == 1
    assert running.sql("SELECT count(*) FROM comments WHERE account_id = :i AND body = :b",
                       i=a.id, b="called the customer")[0][0] == 1
    assert running.sql("SELECT count(*) FROM log_entries WHERE account_id = :i AND "
                       "description LIKE 'Comment added%'", i=a.id)[0][0] == 1


def test_lost_response_is_answered_from_the_stored_result(running: Running) -> None:
    """The first request commits but its answer never arrives; the retry gets it."""
    a = pick(running, OWN + " AND balance_paise >= 10000")
    m = payment(a.id, "payment", 1000)
    token = running.sign_in("cashier")
    import httpx

    # Send and drop the connection without reading the answer.
    with httpx.Client(base_url=running.url, timeout=30) as raw:
        raw.post("/api/v1/sync/push", json={"mutations": [m]},
                 headers={"Authorization": f"Bearer {token}"})
    with running.client(token) as c:
        [again] = push(c, m)
    assert again["status"] == "duplicate"
    assert again["payment"]["balance_after_paise"] == a.balance_paise - 1000
    assert _balance(running, a.id) == a.balance_paise - 1000


def test_concurrent_retries_apply_once(running: Running) -> None:
    a = pick(running, OWN + " AND balance_paise >= 10000")
    m = payment(a.id, "payment", 700)
    token = running.sign_in("branch_staff")
    results: list[str] = []

    def send() -> None:
        with running.client(token) as c:
            results.extend(r["status"] for r in push(c, m))

    threads = [threading.Thread(target=send) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["applied", "duplicate", "duplicate", "duplicate"]
    assert _balance(running, a.id) == a.balance_paise - 700


def test_same_payment_uuid_under_new_mutation_id_is_a_duplicate(running: Running) -> None:
    a = pick(running, OWN + " AND balance_paise >= 10000")
    m = payment(a.id, "payment", 300)
    again = {**m, "mutation_id": "another-id"}
    with running.as_role("cashier") as c:
        [first] = push(c, m)
        [second] = push(c, again)
    assert first["status"] == "applied" and second["status"] == "duplicate"
    assert second["payment"]["document_number"] == first["payment"]["document_number"]


@pytest.mark.parametrize(
    ("where", "option", "amount", "code"),
    [
        ("balance_paise < 100 AND prepaid = :f", "recharge", 1000, "postpaid_recharge"),
        ("balance_paise >= 100", "payment", 100_000_001, "over_ceiling"),
        ("balance_paise >= 100", "payment", 0, "amount_invalid"),
        ("balance_paise >= 100", "payment", -5, "amount_invalid"),
    ],
)
def test_rule_rejections(running: Running, where: str, option: str, amount: int,
                         code: str) -> None:
    a = pick(running, f"{OWN} AND {where}", f=False)
    with running.as_role("cashier") as c:
        [r] = push(c, payment(a.id, option, amount))
    assert r["status"] == "rejected", r
    assert r["error"]["code"] == code
    assert _balance(running, a.id) == a.balance_paise


def test_rules_use_the_server_balance_not_the_clients(running: Running) -> None:
    a = pick(running, OWN + " AND balance_paise < 100")
    with running.as_role("cashier") as c:
        [r] = push(c, payment(a.id, "payment", 5000, balance_before=5000))
    assert r["status"] == "applied" and r["applied_as"]["kind"] == "advance"
    assert _balance(running, a.id) == a.balance_paise - 5000


def test_reference_and_payload_checks(running: Running) -> None:
    a = pick(running, OWN + " AND balance_paise >= 100")
    bad_float = payment(a.id, "payment", 100)
    bad_float["payload"]["amount_paise"] = 100.0
    bad_method = payment(a.id, "payment", 100)
    bad_method["payload"]["method"] = "bitcoin"
    with running.as_role("cashier") as c:
        results = push(
            c,
            payment(a.id, "payment", 100, method="upi", reference=None),
            bad_float,
            bad_method,
            payment(a.id, "payment", 100, method="upi", reference="1234 5678 9012"),
        )
    assert [r["status"] for r in results] == ["rejected", "rejected", "rejected", "applied"]
    assert results[0]["error"]["code"] == "reference_required"
    assert results[1]["error"]["code"] == "invalid_payload"


def test_recharge_renews_and_reconnects_a_suspended_prepaid_account(running: Running) -> None:
    a = pick(running, OWN + " AND prepaid = :t AND balance_paise <= 0 AND plan_id IS NOT NULL",
             t=True)
    expiry = DEMO_TODAY - timedelta(days=5)
    running.sql("UPDATE accounts SET status = 'Suspended', plan_expiry = :e, balance_paise = 0 "
                "WHERE id = :i", e=expiry, i=a.id)
    plan = running.sql("SELECT id, price_paise, validity_days FROM plans WHERE id = :p",
                       p=a.plan_id)[0]
    with running.as_role("branch_staff") as c:
        [r] = push(c, payment(a.id, "recharge", plan.price_paise, plan_id=plan.id,
                              charge=plan.price_paise))
    assert r["status"] == "applied", r
    row = running.sql("SELECT status, plan_expiry, balance_paise FROM accounts WHERE id = :i",
                      i=a.id)[0]
    assert row.status == "Active"
    new_expiry = row.plan_expiry if isinstance(row.plan_expiry, date) else \
        date.fromisoformat(row.plan_expiry)
    assert new_expiry == DEMO_TODAY - timedelta(days=1) + timedelta(days=plan.validity_days)
    assert row.balance_paise == 0
    logs = running.sql("SELECT \"user\", field, new_value FROM log_entries WHERE account_id = :i "
                       "AND field = 'status' ORDER BY id DESC", i=a.id)
    assert logs[0].user == "system" and logs[0].new_value == "Active"
    orders = running.sql("SELECT count(*) FROM orders WHERE account_id = :i AND status='active'",
                         i=a.id)[0][0]
    assert orders == 1


def test_recharge_with_wrong_amount_is_rejected(running: Running) -> None:
    a = pick(running, OWN + " AND prepaid = :t AND balance_paise <= 0 AND plan_id IS NOT NULL",
             t=True)
    with running.as_role("cashier") as c:
        [r] = push(c, payment(a.id, "recharge", 1, plan_id=a.plan_id))
    assert r["error"]["code"] == "amount_mismatch"


def test_postpaid_payment_reconnects_when_no_invoice_is_past_grace(running: Running) -> None:
    a = pick(running, OWN + " AND prepaid = :f AND plan_id IS NOT NULL AND balance_paise <= 0",
             f=False)
    old_day = DEMO_TODAY - timedelta(days=40)
    for n, day in enumerate((old_day, DEMO_TODAY - timedelta(days=5))):
        running.sql(
            "INSERT INTO invoices (id, account_id, number, invoice_date, period_start, period_end,"
            " amount_paise, paid_paise, status, version) VALUES (:id, :a, :num, :d, :d, :d, "
            "50000, 0, 'open', 1)",
            id=900_000_000 + a.id % 1_000_000 * 10 + n, a=a.id, num=f"T/{a.id}/{n}", d=day,
        )
    running.sql("UPDATE accounts SET status='Suspended', balance_paise=100000 WHERE id=:i",
                i=a.id)
    with running.as_role("cashier") as c:
        [partial] = push(c, payment(a.id, "payment", 30000))
        status = running.sql("SELECT status FROM accounts WHERE id=:i", i=a.id)[0][0]
        assert partial["status"] == "applied" and status == "Suspended"
        [rest] = push(c, payment(a.id, "payment", 20000))
    row = running.sql("SELECT status, balance_paise FROM accounts WHERE id=:i", i=a.id)[0]
    assert rest["status"] == "applied"
    assert row.status == "Active" and row.balance_paise == 50000  # the newer bill is in grace
    invoices = running.sql("SELECT paid_paise, status FROM invoices WHERE account_id=:i "
                           "AND number LIKE 'T/%' ORDER BY invoice_date", i=a.id)
    assert [(i.paid_paise, i.status) for i in invoices] == [(50000, "paid"), (0, "open")]


def test_edit_applies_logs_and_conflicts(running: Running) -> None:
    a = pick(running, OWN + " AND email IS NOT NULL")
    current = running.sql("SELECT email, mobile, version FROM accounts WHERE id=:i", i=a.id)[0]
    with running.as_role("branch_staff") as c:
        [ok] = push(c, mutation("edit", a.id, {"fields": {"email": "new.mail@example.in"},
                                               "before": {"email": current.email}},
                                base_version=current.version))
        assert ok["status"] == "applied", ok
        # A second device edits from the old value: email conflicts, mobile still applies.
        [clash] = push(c, mutation(
            "edit", a.id,
            {"fields": {"email": "other@example.in", "mobile": "98765 43210"},
             "before": {"email": current.email, "mobile": current.mobile}},
            base_version=current.version))
    assert clash["status"] == "conflict"
    assert clash["conflicts"] == ["email"]
    assert clash["current"]["email"] == "new.mail@example.in"
    assert clash["current"]["mobile"] == "+919876543210"
    logs = running.sql("SELECT \"user\", field, old_value, new_value FROM log_entries "
                       "WHERE account_id=:i AND field IN ('email','mobile') ORDER BY id", i=a.id)
    assert ("staff.cbe", "email", current.email, "new.mail@example.in") in \
        [tuple(row) for row in logs]


def test_edit_validation(running: Running) -> None:
    a = pick(running, OWN)
    with running.as_role("branch_staff") as c:
        [bad] = push(c, mutation("edit", a.id, {"fields": {"email": "not an email"},
                                                "before": {}}))
        [unknown] = push(c, mutation("edit", a.id, {"fields": {"balance_paise": 0},
                                                    "before": {}}))
    assert bad["status"] == "rejected" and bad["error"]["code"] == "invalid_field"
    assert unknown["status"] == "rejected"


def test_tags_add_remove(running: Running) -> None:
    a = pick(running, OWN)
    tag = running.sql("SELECT id FROM tags WHERE branch_id IS NULL OR branch_id = 1")[0][0]
    running.sql("DELETE FROM account_tags WHERE account_id=:i", i=a.id)
    with running.as_role("branch_staff") as c:
        added = push(c, mutation("tag_add", a.id, {"tag_id": tag}))
        assert running.sql("SELECT count(*) FROM account_tags WHERE account_id=:i",
                           i=a.id)[0][0] == 1
        removed = push(c, mutation("tag_remove", a.id, {"tag_id": tag}))
        missing = push(c, mutation("tag_add", a.id, {"tag_id": 99999}))
    assert added[0]["status"] == removed[0]["status"] == "applied"
    assert missing[0]["status"] == "rejected"
    assert running.sql("SELECT count(*) FROM account_tags WHERE account_id=:i", i=a.id)[0][0] == 0


def test_a_rejection_never_blocks_the_mutations_after_it(running: Running) -> None:
    a = pick(running, OWN + " AND balance_paise < 100")
    with running.as_role("cashier") as c:
        results = push(
            c,
            payment(a.id, "payment", 0),  # no money: rejected
            payment(a.id, "advance", 10000),
            mutation("comment", a.id, {"body": "advance taken", "created_at": 1}),
        )
    assert [r["status"] for r in results] == ["rejected", "applied", "applied"]
    # A rejected mutation is not recorded: amended, it can be resent under the same id.
    retry = payment(a.id, "advance", 100)
    retry["mutation_id"] = results[0]["mutation_id"]
    with running.as_role("cashier") as c:
        [r] = push(c, retry)
    assert r["status"] == "applied"


def test_recharge_activates_a_prepaid_account_without_a_plan(running: Running) -> None:
    a = pick(running, OWN + " AND prepaid = :t AND balance_paise <= 0", t=True)
    running.sql("UPDATE accounts SET status = 'Inactive', plan_id = NULL, plan_expiry = NULL, "
                "balance_paise = 0 WHERE id = :i", i=a.id)
    plan = running.sql("SELECT id, price_paise, validity_days FROM plans WHERE prepaid = :t "
                       "AND active = :t AND (branch_id IS NULL OR branch_id = 1) ORDER BY id",
                       t=True)[0]
    with running.as_role("cashier") as c:
        [r] = push(c, payment(a.id, "recharge", plan.price_paise, plan_id=plan.id,
                              charge=plan.price_paise))
    assert r["status"] == "applied", r
    row = running.sql("SELECT status, plan_id FROM accounts WHERE id = :i", i=a.id)[0]
    assert (row.status, row.plan_id) == ("Active", plan.id)


def test_the_server_sends_its_limits_and_applies_them(running: Running) -> None:
    """The limits are the server's to set: /health and the sign-in answer carry them, and
    a comment or payment over them is refused (one limit, not one per side)."""
    from billing.limits import MAX_COMMENT_CHARS
    from billing.money import DEFAULT_CEILING_PAISE
    from tests.server.conftest import demo_login

    settings = running.settings
    assert (settings.max_comment_chars, settings.ceiling_paise) == (
        MAX_COMMENT_CHARS, DEFAULT_CEILING_PAISE)
    old = settings.max_comment_chars, settings.ceiling_paise
    settings.max_comment_chars, settings.ceiling_paise = 40, 50_000
    try:
        login = demo_login("cashier")
        with running.client() as c:
            health = c.get("/api/v1/health").json()
            signed = c.post("/api/v1/auth/sign-in", json={
                "username": login.username, "password": login.password}).json()
        expected = {"max_comment_chars": 40, "max_payment_paise": 50_000}
        assert health["limits"] == expected and signed["limits"] == expected
        a = pick(running, f"{OWN} AND balance_paise >= 60000")
        with running.client(signed["token"]) as c:
            long_comment, over = push(
                c,
                mutation("comment", a.id, {"body": "x" * 41, "created_at": 1}),
                payment(a.id, "payment", 50_001),
            )
        assert long_comment["status"] == "rejected" and "at most 40" in str(long_comment)
        assert over["status"] == "rejected" and over["error"]["code"] == "over_ceiling"
    finally:
        settings.max_comment_chars, settings.ceiling_paise = old


def test_every_kind_the_desk_queues_is_one_the_server_dispatches(running: Running) -> None:
    """One enum (billing.mutations.MutationKind) for both ends: each kind gets a
    per-mutation answer from the server, never a 422 for an unknown kind."""
    from billing.mutations import MutationKind
    from db.outbox import MutationKind as OutboxKind

    assert OutboxKind is MutationKind
    a = pick(running, OWN)
    with running.as_role("branch_staff") as c:
        results = push(c, *(mutation(kind.value, a.id, {}) for kind in MutationKind))
    assert [r["status"] for r in results] == ["rejected"] * len(MutationKind)
    assert {r["error"]["code"] for r in results} <= {"invalid_payload", "forbidden"}
