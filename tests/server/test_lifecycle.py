"""The billing lifecycle job: the day after expiry, day 16 of grace, idempotent, catches up,
one instance at a time (PostgreSQL advisory lock), in the server process and as a command."""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from server import cli, lifecycle_job
from server.config import Settings
from server.database import open_database
from server.demo_seed import seed
from server.embedded import start_server
from tests.conftest import DEMO_TODAY
from tests.server.conftest import Clock, Running, pick

OWN = "branch_id = 1 AND status != 'Terminated'"
E = DEMO_TODAY + timedelta(days=20)  # a future expiry no demo account shares by chance


def _status(running: Running, account_id: int) -> str:
    return running.sql("SELECT status FROM accounts WHERE id=:i", i=account_id)[0][0]


def _system_logs(running: Running, account_id: int) -> list:
    return running.sql("SELECT field, old_value, new_value, description FROM log_entries "
                       "WHERE account_id=:i AND \"user\"='system' ORDER BY id", i=account_id)


def _prepaid(running: Running, expiry) -> int:
    a = pick(running, OWN + " AND prepaid = :t AND plan_id IS NOT NULL", t=True)
    running.sql("UPDATE accounts SET status='Active', plan_expiry=:e WHERE id=:i", e=expiry, i=a.id)
    running.sql("DELETE FROM log_entries WHERE account_id=:i AND \"user\"='system'", i=a.id)
    return a.id


def _postpaid(running: Running, invoice_day) -> int:
    a = pick(running, OWN + " AND prepaid = :f AND plan_id IS NOT NULL", f=False)
    running.sql("UPDATE invoices SET status='paid', paid_paise=amount_paise WHERE account_id=:i",
                i=a.id)
    running.sql(
        "INSERT INTO invoices (id, account_id, number, invoice_date, period_start, period_end, "
        "amount_paise, paid_paise, status, version) VALUES (:id, :a, :n, :d, :d, :d, 59900, 0, "
        "'open', 1)", id=800_000_000 + a.id % 1_000_000, a=a.id, n=f"L/{a.id}", d=invoice_day)
    running.sql("UPDATE accounts SET status='Active', balance_paise=59900 WHERE id=:i", i=a.id)
    running.sql("DELETE FROM log_entries WHERE account_id=:i AND \"user\"='system'", i=a.id)
    return a.id


def _run(running: Running, day) -> lifecycle_job.JobResult:
    result = lifecycle_job.run_once(running.database, running.settings, on=day)
    assert result.ran
    return result


def test_prepaid_active_on_expiry_day_suspended_the_day_after(running: Running) -> None:
    a = _prepaid(running, E)
    _run(running, E)
    assert _status(running, a) == "Active"
    _run(running, E + timedelta(days=1))
    assert _status(running, a) == "Suspended"
    [entry] = _system_logs(running, a)
    assert entry.field == "status" and (entry.old_value, entry.new_value) == ("Active", "Suspended")
    assert E.isoformat() in entry.description
    _run(running, E + timedelta(days=1))  # twice: nothing more
    assert len(_system_logs(running, a)) == 1


def test_postpaid_day_15_vs_day_16(running: Running) -> None:
    day = DEMO_TODAY + timedelta(days=3)
    a = _postpaid(running, day)
    _run(running, day + timedelta(days=15))
    assert _status(running, a) == "Active"
    _run(running, day + timedelta(days=16))
    assert _status(running, a) == "Suspended"
    _run(running, day + timedelta(days=16))
    [entry] = _system_logs(running, a)
    assert "15 days of grace" in entry.description


def test_catches_up_after_three_days_off(running: Running) -> None:
    p = _prepaid(running, E + timedelta(days=2))
    q = _postpaid(running, DEMO_TODAY + timedelta(days=5))
    late = E + timedelta(days=2 + 3)
    _run(running, late)
    assert _status(running, p) == "Suspended" and _status(running, q) == "Suspended"
    assert len(_system_logs(running, p)) == 1 and len(_system_logs(running, q)) == 1


def test_job_reconnects_once_dues_are_cleared(running: Running) -> None:
    day = DEMO_TODAY - timedelta(days=30)
    a = _postpaid(running, day)
    _run(running, DEMO_TODAY)
    assert _status(running, a) == "Suspended"
    running.sql("UPDATE invoices SET paid_paise=amount_paise, status='paid' WHERE account_id=:i",
                i=a)
    _run(running, DEMO_TODAY)
    assert _status(running, a) == "Active"
    assert [e.new_value for e in _system_logs(running, a)] == ["Suspended", "Active"]


def test_demo_data_needs_no_change_on_its_own_date(running: Running) -> None:
    """The generator and the job apply the same rules: on the demo date only accounts the
    tests above changed by hand move, and a second run changes nothing."""
    from tests.server.conftest import _USED

    touched = sum(1 for url, _ in _USED if url == running.url)
    assert _run(running, DEMO_TODAY).changed <= touched
    assert _run(running, DEMO_TODAY).changed == 0


def test_command_runs_the_job(running: Running) -> None:
    a = _prepaid(running, E + timedelta(days=40))
    assert cli.run(["lifecycle", "--db", running.database.url,
                    "--on", (E + timedelta(days=41)).isoformat()]) == 0
    assert _status(running, a) == "Suspended"


def test_only_one_instance_runs_it(running: Running) -> None:
    if not running.database.is_postgres:
        pytest.skip("the advisory lock is PostgreSQL's; SQLite is one process")
    with running.database.write.connect() as other:
        other.execute(text("SELECT pg_advisory_lock(:k)"), {"k": lifecycle_job.ADVISORY_KEY})
        other.commit()
        try:
            result = lifecycle_job.run_once(running.database, running.settings, on=DEMO_TODAY)
        finally:
            other.execute(text("SELECT pg_advisory_unlock(:k)"),
                          {"k": lifecycle_job.ADVISORY_KEY})
            other.commit()
    assert not result.ran


def test_runs_on_a_timer_in_the_server_process(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'timer.sqlite3'}"
    clock = Clock()
    settings = Settings(db_url=url, clock=clock, lifecycle_interval_seconds=3600, scrypt_n=2**12)
    database = open_database(url)
    seed(database, settings, 50)
    with database.write.begin() as conn:
        account_id = conn.execute(text(
            "SELECT id FROM accounts WHERE prepaid = 1 AND status = 'Active' ORDER BY id LIMIT 1"
        )).scalar()
        conn.execute(text("UPDATE accounts SET plan_expiry = :e WHERE id = :i"),
                     {"e": DEMO_TODAY - timedelta(days=2), "i": account_id})
    database.dispose()
    server = start_server(url, None, settings=settings)
    try:
        deadline = time.monotonic() + 20
        status = None
        while time.monotonic() < deadline:
            with server.database.read.connect() as conn:
                status = conn.execute(text("SELECT status FROM accounts WHERE id = :i"),
                                      {"i": account_id}).scalar()
            if status == "Suspended":
                break
            time.sleep(0.1)
        assert status == "Suspended"
    finally:
        server.stop()
