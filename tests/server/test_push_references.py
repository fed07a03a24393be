"""The server's payment reference checks: formats from billing.references, and a UPI or
bank transfer UTR that pays once in the whole ledger (table payment_utrs, server_0003)."""

from __future__ import annotations

import itertools
import threading
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from db import migrate
from tests.server.conftest import Running, payment, pick, push

OWN = "branch_id = 1 AND status != 'Terminated' AND balance_paise >= 10000"
_NUMBERS = itertools.count(700_000_000_001)


def _utr() -> str:
    return str(next(_NUMBERS))


def _payments_with(running: Running, reference: str) -> int:
    return running.sql("SELECT count(*) FROM payments WHERE reference = :r", r=reference)[0][0]


@pytest.mark.parametrize(
    ("method", "reference", "says"),
    [
        ("upi", "41234567890", "has 11 digits"),
        ("upi", "4123456789012", "has 13 digits"),
        ("upi", "41234567890A", "has letters"),
        ("bank_transfer", "SBIN12", "is not a UTR"),
        ("card", "4111111111111111", "last 4 digits"),
        ("cheque", "12 / SBI / 2026-11-20", "6 digits"),
    ],
)
def test_a_malformed_reference_is_rejected_and_nothing_written(
    running: Running, method: str, reference: str, says: str
) -> None:
    a = pick(running, OWN)
    with running.as_role("cashier") as c:
        [r] = push(c, payment(a.id, "payment", 1000, method=method, reference=reference))
    assert r["status"] == "rejected"
    assert r["error"]["code"] == "reference_invalid" and says in r["error"]["message"]
    assert running.sql("SELECT balance_paise FROM accounts WHERE id = :i",
                       i=a.id)[0][0] == a.balance_paise


def test_references_are_stored_in_their_one_form(running: Running) -> None:
    a = pick(running, OWN)
    utr = _utr()
    spaced = f"{utr[:4]} {utr[4:8]} {utr[8:]}"
    with running.as_role("cashier") as c:
        results = push(
            c,
            payment(a.id, "payment", 100, method="upi", reference=spaced),
            payment(a.id, "payment", 100, method="card", reference="1234 a1b2c3"),
            payment(a.id, "payment", 100, method="cheque",
                    reference="004512 / Indian Bank / 2026-11-20"),
        )
    assert [r["status"] for r in results] == ["applied"] * 3, results
    got = running.sql("SELECT method, reference FROM payments WHERE account_id = :i AND "
                      "method != 'cash' ORDER BY id", i=a.id)
    assert [tuple(r) for r in got][-3:] == [
        ("upi", utr), ("card", "xx1234 auth A1B2C3"),
        ("cheque", "004512 / Indian Bank / 2026-11-20"),
    ]


def test_a_used_utr_is_refused_naming_the_receipt_the_caller_may_see(running: Running) -> None:
    first, second = pick(running, OWN), pick(running, OWN)
    utr = _utr()
    earlier = payment(first.id, "payment", 1000, method="upi", reference=utr)
    with running.as_role("cashier") as c:
        [r1] = push(c, earlier)
        [r2] = push(c, payment(second.id, "payment", 1000, method="upi", reference=utr))
        # the same UTR as an IMPS bank transfer is the same money
        [r3] = push(c, payment(second.id, "payment", 1000, method="bank_transfer",
                               reference=utr))
    assert r1["status"] == "applied"
    assert r2["status"] == r3["status"] == "rejected"
    assert r2["error"]["code"] == "reference_used"
    receipt = earlier["payload"]["receipt_number"]
    assert f"UTR {utr} was already used by receipt {receipt}" in r2["error"]["message"]
    assert _payments_with(running, utr) == 1
    assert running.sql("SELECT balance_paise FROM accounts WHERE id = :i",
                       i=second.id)[0][0] == second.balance_paise


def test_a_used_utr_outside_the_callers_scope_is_refused_without_its_receipt(
    running: Running,
) -> None:
    reseller = running.sql("SELECT reseller_id FROM users WHERE username='partner.cbe'")[0][0]
    foreign = pick(running, OWN + " AND (reseller_id IS NULL OR reseller_id != :r)",
                   r=reseller)
    mine = pick(running, "reseller_id = :r AND status != 'Terminated'", r=reseller)
    option = "payment" if mine.balance_paise >= 100 else "advance"
    utr = _utr()
    earlier = payment(foreign.id, "payment", 1000, method="upi", reference=utr)
    with running.as_role("branch_staff") as c:
        assert push(c, earlier)[0]["status"] == "applied"
    with running.as_role("partner") as c:
        [r] = push(c, payment(mine.id, option, 1000, method="upi", reference=utr))
    assert r["status"] == "rejected" and r["error"]["code"] == "reference_used"
    assert "already used by another payment" in r["error"]["message"]
    assert earlier["payload"]["receipt_number"] not in r["error"]["message"]


def test_a_retried_payment_with_its_utr_is_a_duplicate_not_a_reuse(running: Running) -> None:
    a = pick(running, OWN)
    m = payment(a.id, "payment", 1000, method="upi", reference=_utr())
    with running.as_role("cashier") as c:
        assert push(c, m)[0]["status"] == "applied"
        assert push(c, m)[0]["status"] == "duplicate"


def test_racing_payments_with_one_utr_apply_once(running: Running) -> None:
    """Different payments on different accounts, the same UTR, sent at the same moment:
    the database key lets exactly one in; the others are refused, not failed."""
    accounts = [pick(running, OWN) for _ in range(4)]
    utr = _utr()
    token = running.sign_in("branch_staff")
    results: list[dict] = []
    lock = threading.Lock()
    start = threading.Barrier(len(accounts))

    def send(account_id: int) -> None:
        m = payment(account_id, "payment", 500, method="upi", reference=utr)
        with running.client(token) as c:
            start.wait()
            answer = push(c, m)
        with lock:
            results.extend(answer)

    threads = [threading.Thread(target=send, args=(a.id,)) for a in accounts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(r["status"] for r in results) == ["applied"] + ["rejected"] * 3
    assert {r["error"]["code"] for r in results if r["status"] == "rejected"} == \
        {"reference_used"}
    assert _payments_with(running, utr) == 1


def test_migration_keeps_old_duplicates_and_enters_each_utr_once(tmp_path: Path) -> None:
    """The ledger is append-only: two old payments with one reference both stay; the
    unique table gets the first, and old free text that is no UTR is left out."""
    engine = create_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    migrate.upgrade(engine, "server", "server_0002")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO zones (id, name) VALUES (1, 'Z')"))
        conn.execute(text("INSERT INTO branches (id, code, name, zone_id, time_zone) "
                          "VALUES (1, 'CBE', 'Coimbatore', 1, 'Asia/Kolkata')"))
        conn.execute(text("INSERT INTO areas (id, name, branch_id) VALUES (1, 'A', 1)"))
        conn.execute(text(
            "INSERT INTO accounts (id, name, branch_id, area_id, mobile, prepaid, status, "
            "balance_paise, created_at) VALUES (1, 'N', 1, 1, '9000000000', 0, 'Active', 0, "
            "'2026-01-01 00:00:00')"))
        for pid, method, ref in [(1, "upi", "412345678901"), (2, "upi", "412345678901"),
                                 (3, "upi", "UPI 512345678901"), (4, "card", "412345678901"),
                                 (5, "bank_transfer", "sbinn52026120112345")]:
            conn.execute(text(
                "INSERT INTO payments (id, payment_uuid, account_id, kind, method, reference, "
                "amount_paise, receipt_number, taken_by, taken_at, balance_after_paise, "
                "branch_id) VALUES (:i, :u, 1, 'payment', :m, :r, 100, :n, 'x', "
                "'2026-01-01 00:00:00', 0, 1)"),
                {"i": pid, "u": f"u{pid}", "m": method, "r": ref, "n": f"R{pid}"})
    migrate.upgrade(engine, "server")
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT utr, payment_id FROM payment_utrs ORDER BY utr")).all()
        assert migrate.current(conn) == migrate.head("server")
    assert [tuple(r) for r in rows] == [("412345678901", 1), ("SBINN52026120112345", 5)]
    engine.dispose()


def test_a_voided_payments_utr_may_be_recorded_once_more(running: Running) -> None:
    """Recorded on the wrong account, voided (second person), then recorded on the right
    one: the same transfer, so the same UTR. Before, it was refused for ever as used."""
    wrong, right, third = pick(running, OWN), pick(running, OWN), pick(running, OWN)
    utr = _utr()
    mistaken = payment(wrong.id, "payment", 1000, method="upi", reference=utr)
    void = {"mutation_id": str(uuid.uuid4()), "kind": "reversal", "account_id": wrong.id,
            "payload": {"reversal_uuid": str(uuid.uuid4()),
                        "payment_uuid": mistaken["payload"]["payment_uuid"],
                        "cause": "void", "reason": "wrong account",
                        "requested_at": mistaken["payload"]["taken_at"],
                        "approved_by": "staff.cbe", "approved_offline": True}}
    with running.as_role("cashier") as c:
        assert push(c, mistaken)[0]["status"] == "applied"
        [voided] = push(c, void)
        [moved] = push(c, payment(right.id, "payment", 1000, method="upi", reference=utr))
        [again] = push(c, payment(third.id, "payment", 1000, method="upi", reference=utr))
    assert voided["status"] == "applied", voided
    assert moved["status"] == "applied", moved
    assert again["status"] == "rejected" and again["error"]["code"] == "reference_used"
    assert _payments_with(running, utr) == 2  # the voided one stays in the ledger
    assert running.sql("SELECT count(*) FROM payment_utrs WHERE utr = :u", u=utr)[0][0] == 1
