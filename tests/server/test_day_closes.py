"""Day closes at head office (issue 16): a desk's close report arrives once, only for the
cashier's own branch, and an admin lists every branch's closes for a date range."""

from __future__ import annotations

import uuid
from typing import Any

from billing.day_close import ClosePayment, close_report
from tests.server.conftest import Running, push

#: The server's clock in these tests is 2026-11-27 06:30 UTC (12:00 in India).
NOON = 1_795_761_000


def report(*, branch_id: int | None = 1, session_id: int = 1, closed_at: int = NOON,
           counted_by: str = "cashier.cbe", short_by: int = 0) -> dict[str, Any]:
    payments = [ClosePayment("DCL-000001", "cash", 120_000, None),
                ClosePayment("DCL-000002", "upi", 99_900, "412345678901"),
                ClosePayment("DCL-000003", "cheque", 50_000, "123456 / SBI / 2026-11-27")]
    # Float ₹1,000 + cash ₹1,200 - paid out ₹200 = ₹2,000 expected, counted in ₹1 coins.
    counted = 200_000 - short_by
    return close_report(
        session_id=session_id, branch_id=branch_id, counted_by=counted_by,
        opened_at=closed_at - 8 * 3600, closed_at=closed_at, denominations={100: counted // 100},
        opening_float_paise=100_000, cash_payments_paise=120_000, paid_out_paise=20_000,
        method_totals={"cash": 120_000, "upi": 99_900, "card": 0, "cheque": 50_000,
                       "bank_transfer": 0},
        payment_count=3, payments=payments, unsynced_at_close=2,
        gst_basis=("33", 1800))


def close_mutation(body: dict[str, Any], mutation_id: str | None = None) -> dict[str, Any]:
    return {"mutation_id": mutation_id or str(uuid.uuid4()), "kind": "day_close",
            "account_id": None, "payload": body}


def closes_in_db(running: Running, close_id: str) -> int:
    return running.sql("SELECT count(*) FROM day_closes WHERE close_id = :i", i=close_id)[0][0]


def test_a_close_is_kept_once_and_a_resend_is_a_duplicate(running: Running) -> None:
    body = report(session_id=11, short_by=100)
    m = close_mutation(body)
    with running.as_role("cashier") as c:
        [first] = push(c, m)
        [again] = push(c, m)  # the desk was offline when the answer came: sent again
    assert first["status"] == "applied", first
    assert first["day_close"] == {"close_id": m["mutation_id"], "difference_paise": -100}
    assert again["status"] == "duplicate" and again["day_close"] == first["day_close"]
    assert closes_in_db(running, m["mutation_id"]) == 1
    [row] = running.sql("SELECT branch_id, reported_by, counted_by, expected_paise, "
                        "counted_paise, difference_paise, unsynced_at_close, business_date "
                        "FROM day_closes WHERE close_id = :i", i=m["mutation_id"])
    assert tuple(row[:7]) == (1, "cashier.cbe", "cashier.cbe", 200_000, 199_900, -100, 2)
    assert str(row[7]) == "2026-11-27"


def test_a_cashier_reports_only_their_own_branch(running: Running) -> None:
    foreign = close_mutation(report(branch_id=2, session_id=12))
    head_office = close_mutation(report(branch_id=None, session_id=13))
    with running.as_role("cashier") as c:
        results = push(c, foreign, head_office)
    for result in results:
        assert result["status"] == "rejected", result
        assert result["error"]["code"] == "forbidden"
        assert "own branch (1)" in result["error"]["message"]
    for m in (foreign, head_office):
        assert closes_in_db(running, m["mutation_id"]) == 0


def test_an_admin_may_report_any_branch_but_not_one_that_does_not_exist(
        running: Running) -> None:
    other = close_mutation(report(branch_id=2, session_id=14, counted_by="admin"))
    nowhere = close_mutation(report(branch_id=999_999, session_id=15, counted_by="admin"))
    with running.as_role("admin") as c:
        applied, missing = push(c, other, nowhere)
    assert applied["status"] == "applied", applied
    assert missing["status"] == "rejected" and missing["error"]["code"] == "not_found"
    assert closes_in_db(running, nowhere["mutation_id"]) == 0


def test_reports_that_do_not_add_up_or_carry_an_account_are_refused(running: Running) -> None:
    wrong_sum = report(session_id=16)
    wrong_sum["counted_paise"] += 100
    wrong_expected = report(session_id=17)
    wrong_expected["expected_paise"] -= 1
    fake_note = report(session_id=18)
    fake_note["denominations"]["70000"] = 1
    float_money = report(session_id=19)
    float_money["paid_out_paise"] = 200.0
    with_account = close_mutation(report(session_id=20))
    with_account["account_id"] = 10_000_001
    cases = [close_mutation(b) for b in (wrong_sum, wrong_expected, fake_note, float_money)]
    with running.as_role("cashier") as c:
        results = push(c, *cases, with_account)
    assert [r["status"] for r in results] == ["rejected"] * 5, results
    assert all(r["error"]["code"] == "invalid_payload" for r in results)
    assert "denominations add up to" in results[0]["error"]["message"]
    assert "opening float + cash payments - paid out" in results[1]["error"]["message"]
    assert "account_id null" in results[4]["error"]["message"]
    ids = [m["mutation_id"] for m in [*cases, with_account]]
    assert running.sql("SELECT count(*) FROM day_closes WHERE close_id IN "
                       f"({', '.join(repr(i) for i in ids)})")[0][0] == 0


def test_kiosks_and_missing_accounts_on_other_kinds_are_refused(running: Running) -> None:
    kiosk_close = close_mutation(report(session_id=21))
    no_account = {"mutation_id": str(uuid.uuid4()), "kind": "comment", "account_id": None,
                  "payload": {"body": "hello"}}
    with running.as_role("kiosk") as c:
        [kiosk_answer] = push(c, kiosk_close)
    with running.as_role("cashier") as c:
        [comment_answer] = push(c, no_account)
    # A kiosk takes money for its own branch: its close is its branch's like a cashier's.
    assert kiosk_answer["status"] == "applied", kiosk_answer
    assert comment_answer["status"] == "rejected"
    assert comment_answer["error"]["code"] == "not_found"


def test_the_admin_route_filters_by_date_and_branch(running: Running) -> None:
    day = 86_400
    made = []
    with running.as_role("admin") as admin:
        for branch, when, short in ((1, NOON - 30 * day, 0), (1, NOON - 29 * day, 500),
                                    (2, NOON - 29 * day, -300), (2, NOON - 28 * day, 0)):
            m = close_mutation(report(branch_id=branch, session_id=100 + len(made),
                                      closed_at=when, short_by=short, counted_by="admin"))
            [answer] = push(admin, m)
            assert answer["status"] == "applied", answer
            made.append(m["mutation_id"])
        r = admin.get("/api/v1/admin/day-closes",
                      params={"from": "2026-10-29", "to": "2026-10-30"})
        assert r.status_code == 200, r.text
        body = r.json()
        assert [c["close_id"] for c in body["closes"]] == made[1:4]
        assert [c["difference_paise"] for c in body["closes"]] == [-500, 300, 0]
        assert body["totals"] == {"closes": 3, "expected_paise": 3 * 200_000,
                                  "counted_paise": 3 * 200_000 - 200,
                                  "difference_paise": -200, "payment_count": 9,
                                  "unsynced_at_close": 6}
        first = body["closes"][0]
        assert first["branch_name"] and first["branch_code"] and first["cashier"] == "admin"
        assert first["business_date"] == "2026-10-29"
        assert first["report"]["references"][0]["utr"] == "412345678901"
        assert first["report"]["voids"] == []
        assert first["report"]["gst"]["per_method"]["cash"]["amount_paise"] == 120_000
        one = admin.get("/api/v1/admin/day-closes",
                        params={"from": "2026-10-28", "to": "2026-10-30", "branch": 2}).json()
        assert [c["close_id"] for c in one["closes"]] == made[2:4]
        assert one["totals"]["difference_paise"] == 300
        capped = admin.get("/api/v1/admin/day-closes",
                           params={"from": "2026-10-28", "to": "2026-10-30", "limit": 2}).json()
        assert len(capped["closes"]) == 2 and capped["has_more"]
        assert capped["totals"]["closes"] == 4
        backwards = admin.get("/api/v1/admin/day-closes",
                              params={"from": "2026-10-30", "to": "2026-10-28"})
        assert backwards.status_code == 422
        assert "swap them" in backwards.json()["error"]["message"]
        too_long = admin.get("/api/v1/admin/day-closes",
                             params={"from": "2025-01-01", "to": "2026-10-30"})
        assert too_long.status_code == 422
        assert admin.get("/api/v1/admin/day-closes",
                         params={"from": "yesterday", "to": "2026-10-30"}).status_code == 422


def test_non_admins_cannot_list_closes(running: Running) -> None:
    for role in ("cashier", "branch_staff", "partner", "kiosk"):
        with running.as_role(role) as c:
            r = c.get("/api/v1/admin/day-closes",
                      params={"from": "2026-10-01", "to": "2026-11-30"})
        assert r.status_code == 403, (role, r.text)
        assert set(r.json()) == {"error"}


def test_totals_of_closes_past_a_64_bit_sum_still_list(running: Running) -> None:
    # Each figure may be up to 2**62; SQLite's SUM of two such closes raised "integer
    # overflow" and the listing answered 500 for every date range holding them.
    when = NOON - 60 * 86_400
    huge = 2**62
    made = []
    with running.as_role("cashier") as c:
        for session in (201, 202):
            body = report(session_id=session, closed_at=when)
            body.update(opening_float_paise=huge - 100_000, expected_paise=huge,
                        difference_paise=body["counted_paise"] - huge)
            m = close_mutation(body)
            [answer] = push(c, m)
            assert answer["status"] == "applied", answer
            made.append(m["mutation_id"])
    with running.as_role("admin") as admin:
        r = admin.get("/api/v1/admin/day-closes",
                      params={"from": "2026-09-28", "to": "2026-09-28"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert sorted(c["close_id"] for c in body["closes"]) == sorted(made)
    assert body["totals"]["expected_paise"] == 2 * huge
    assert body["totals"]["difference_paise"] == 2 * (200_000 - huge)


def test_a_number_no_column_could_hold_is_refused_anywhere_in_a_report(
        running: Running) -> None:
    # The report is kept whole and listed back to head office: an integer past 64 bits in
    # a part not checked field by field (a reference) was kept, and the listing of its day
    # answered 500 (orjson cannot write it). A float there was kept too.
    when = NOON - 70 * 86_400
    huge, fraction = report(session_id=301, closed_at=when), report(session_id=302,
                                                                      closed_at=when)
    huge["references"][0]["amount_paise"] = 10**30
    fraction["references"][0]["amount_paise"] = 99_900.5
    with running.as_role("cashier") as c:
        answers = push(c, close_mutation(huge), close_mutation(fraction))
    assert [(a["status"], a["error"]["code"]) for a in answers] == \
        [("rejected", "invalid_payload")] * 2
    with running.as_role("admin") as admin:
        r = admin.get("/api/v1/admin/day-closes",
                      params={"from": "2026-09-18", "to": "2026-09-18"})
    assert r.status_code == 200, r.text
    assert r.json()["closes"] == []
