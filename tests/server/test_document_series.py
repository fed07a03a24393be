"""Server document numbers are gapless per series (branch) and financial year: concurrent
pushes over real HTTP get consecutive numbers with no duplicates, a rolled-back payment gives
its number back, and (PostgreSQL) a second payment waits on the series row's lock."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime

import pytest

from server.document_series import next_payment_document_number, payment_series
from tests.server.conftest import Running, payment, pick, push

OWN = "branch_id = 1 AND status != 'Terminated' AND balance_paise >= 1000"
THREADS = 6
PER_THREAD = 4


def _branch_code(running: Running, branch: int = 1) -> str:
    return running.sql("SELECT code FROM branches WHERE id = :b", b=branch)[0][0]


def _prefix(running: Running, branch: int = 1) -> str:
    return payment_series(_branch_code(running, branch), running.settings.today())[2]


def _numbers(running: Running, prefix: str) -> list[int]:
    found = running.sql("SELECT document_number FROM payments WHERE document_number LIKE :p",
                        p=prefix + "%")
    return sorted(int(row[0][len(prefix):]) for row in found)


def test_concurrent_pushes_get_consecutive_numbers(running: Running) -> None:
    """Desks of two branches push at once: each branch's series stays consecutive (the
    old numbers took the payment id, shared by every branch, and so had gaps)."""
    series = {branch: _prefix(running, branch) for branch in (1, 2)}
    before = {branch: _numbers(running, prefix) for branch, prefix in series.items()}
    branch_of = [1 + n % 2 for n in range(THREADS)]
    accounts = [[pick(running, OWN.replace("branch_id = 1", f"branch_id = {branch_of[n]}"))
                 for _ in range(PER_THREAD)] for n in range(THREADS)]
    tokens = [running.sign_in("cashier" if branch_of[n] == 1 else "admin")
              for n in range(THREADS)]
    start = threading.Barrier(THREADS)

    def desk(n: int) -> list[str]:
        numbers = []
        with running.client(tokens[n]) as c:
            start.wait()
            for a in accounts[n]:
                [r] = push(c, payment(a.id, "payment", 100))
                assert r["status"] == "applied", r
                numbers.append(r["payment"]["document_number"])
        return numbers

    with ThreadPoolExecutor(THREADS) as pool:
        answered = list(pool.map(desk, range(THREADS)))
    for branch, prefix in series.items():
        got = [n for i, numbers in enumerate(answered) if branch_of[i] == branch
               for n in numbers]
        assert len(set(got)) == len(got) == THREADS // 2 * PER_THREAD  # no duplicates
        assert all(n.startswith(prefix) for n in got)
        new = sorted(set(_numbers(running, prefix)) - set(before[branch]))
        assert sorted(int(n[len(prefix):]) for n in got) == new
        top = before[branch][-1] if before[branch] else 0
        assert new == list(range(top + 1, top + 1 + len(got))), branch  # no gaps


def test_a_rolled_back_payment_gives_its_number_back(running: Running) -> None:
    code, today = _branch_code(running), running.settings.today()
    with running.database.write.connect() as conn:
        tx = conn.begin()
        taken = next_payment_document_number(conn, code, today)
        tx.rollback()
    a = pick(running, OWN)
    with running.as_role("cashier") as c:
        [r] = push(c, payment(a.id, "payment", 100))
    assert r["payment"]["document_number"] == taken


def test_a_second_payment_waits_for_the_series_lock(running: Running) -> None:
    if not running.database.is_postgres:
        pytest.skip("SQLite serialises every writer; the row lock is PostgreSQL's")
    code, today = _branch_code(running), running.settings.today()
    a = pick(running, OWN)
    holder = running.database.write.connect()
    tx = holder.begin()
    answers: list[dict] = []
    try:
        held = next_payment_document_number(holder, code, today)
        with running.as_role("cashier") as c:
            pusher = threading.Thread(target=lambda: answers.extend(
                push(c, payment(a.id, "payment", 100))))
            pusher.start()
            pusher.join(1.0)
            assert pusher.is_alive() and not answers  # waiting on the series row
            tx.rollback()  # the held number was never used
            pusher.join(30)
    finally:
        if tx.is_active:
            tx.rollback()
        holder.close()
    [r] = answers
    assert r["status"] == "applied" and r["payment"]["document_number"] == held


def test_an_offline_payment_is_numbered_in_the_year_it_was_taken(running: Running) -> None:
    """Taken at 23:50 IST on 31 March, pushed at 00:05 IST on 1 April: the payment (and its
    receipt voucher) is dated in the old financial year, so its number is in that year's
    series, not the series of the day the desk came back online."""
    a = pick(running, OWN)
    before = running.clock.moment
    taken = datetime(2027, 3, 31, 18, 20, tzinfo=UTC)  # 23:50 IST
    running.clock.moment = datetime(2027, 3, 31, 18, 35, tzinfo=UTC)  # 00:05 IST, 1 April
    try:
        mutation = payment(a.id, "payment", 100)
        mutation["payload"]["taken_at"] = int(taken.timestamp())
        with running.as_role("cashier") as c:
            [r] = push(c, mutation)
    finally:
        running.clock.moment = before
    assert r["status"] == "applied", r
    old_year = payment_series(_branch_code(running), date(2027, 3, 31))[2]
    assert r["payment"]["document_number"].startswith(old_year)
