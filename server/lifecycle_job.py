"""The billing lifecycle job: suspend and reconnect accounts by the rules in
``billing.lifecycle``, each change with a Log entry by ``system`` naming the rule.

Idempotent (a second run finds nothing to change) and safe to run late: the status for a
date is a pure function of the expiry and the open invoices, so a job that did not run for
days reaches the same answer on its next run. On PostgreSQL an advisory lock lets only one
server instance run it at a time; the others skip the round.
"""

from __future__ import annotations

import logging
import threading
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, select, text, update

from billing.lifecycle import AccountStatus, next_status
from billing.rules import is_outstanding
from server import changelog, rows
from server.config import Settings
from server.database import Database, next_id

log = logging.getLogger(__name__)

#: pg_try_advisory_lock key: "TBLIFE" in ASCII, any constant shared by all instances.
ADVISORY_KEY = 0x54424C494645
BATCH = 2000


@dataclass
class JobResult:
    ran: bool
    on: date
    checked: int = 0
    changed: int = 0
    suspended: int = 0
    reconnected: int = 0
    other: int = 0


def run_once(database: Database, settings: Settings, on: date | None = None) -> JobResult:
    """One pass over every account for business date ``on`` (default: today)."""
    on = on or settings.today()
    if database.is_postgres:
        with database.write.connect() as lock_conn:
            got = lock_conn.execute(
                text("SELECT pg_try_advisory_lock(:k)"), {"k": ADVISORY_KEY}
            ).scalar()
            lock_conn.commit()
            if not got:
                log.info("lifecycle job: another instance holds the lock; skipping")
                return JobResult(ran=False, on=on)
            try:
                return _run(database, settings, on)
            finally:
                lock_conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": ADVISORY_KEY})
                lock_conn.commit()
    return _run(database, settings, on)


def _run(database: Database, settings: Settings, on: date) -> JobResult:
    accounts = rows.table("accounts")
    result = JobResult(ran=True, on=on)
    last_id = 0
    while True:
        with database.read.connect() as conn:
            batch = conn.execute(
                select(accounts.c.id, accounts.c.status, accounts.c.prepaid,
                       accounts.c.plan_expiry, accounts.c.plan_id)
                .where(accounts.c.id > last_id,
                       accounts.c.status != AccountStatus.TERMINATED.value)
                .order_by(accounts.c.id).limit(BATCH)
            ).all()
            if not batch:
                break
            last_id = batch[-1].id
            open_dates = _open_invoice_dates(conn, [a.id for a in batch if not a.prepaid])
        due = []
        for a in batch:
            result.checked += 1
            change = _change_for(a, on, open_dates.get(a.id, []))
            if change is not None:
                due.append(a.id)
        for account_id in due:
            # Re-read and decide again under the row lock: a payment may have come in.
            with database.write.begin() as conn:
                _apply(conn, settings, account_id, on, result)
    log.info("lifecycle job for %s: %s checked, %s changed (%s suspended, %s reconnected)",
             on, result.checked, result.changed, result.suspended, result.reconnected)
    return result


def _open_invoice_dates(conn: Connection, account_ids: list[int]) -> dict[int, list[date]]:
    invoices = rows.table("invoices")
    found: dict[int, list[date]] = defaultdict(list)
    for start in range(0, len(account_ids), 500):
        chunk = account_ids[start:start + 500]
        for inv in conn.execute(
            select(invoices.c.account_id, invoices.c.invoice_date, invoices.c.amount_paise,
                   invoices.c.paid_paise)
            .where(invoices.c.account_id.in_(chunk), invoices.c.status == "open")
        ):
            if is_outstanding(inv.amount_paise - inv.paid_paise):
                found[inv.account_id].append(inv.invoice_date)
    return found


def _change_for(account: Any, on: date, open_dates: list[date]) -> Any:
    return next_status(
        AccountStatus(account.status),
        prepaid=bool(account.prepaid),
        on=on,
        expiry=account.plan_expiry,
        open_invoice_dates=open_dates,
        has_plan=account.plan_id is not None,
    )


def _apply(conn: Connection, settings: Settings, account_id: int, on: date,
           result: JobResult) -> None:
    accounts = rows.table("accounts")
    query = select(accounts).where(accounts.c.id == account_id)
    if conn.dialect.name == "postgresql":
        query = query.with_for_update()
    account = conn.execute(query).one()
    if account.status == AccountStatus.TERMINATED.value:
        return
    dates = [] if account.prepaid else _open_invoice_dates(conn, [account_id]).get(account_id, [])
    change = _change_for(account, on, dates)
    if change is None:
        return
    now = settings.now_epoch()
    conn.execute(
        update(accounts).where(accounts.c.id == account_id)
        .values(status=change.new.value, version=accounts.c.version + 1)
    )
    changelog.record(conn, "accounts", {"id": account_id}, account=account, at=now)
    log_id = next_id(conn, "log_entries")
    conn.execute(
        rows.table("log_entries").insert().values(
            id=log_id,
            account_id=account_id,
            at=datetime.fromtimestamp(now, UTC),
            user="system",
            field="status",
            old_value=change.old.value,
            new_value=change.new.value,
            description=f"{change.new.value}: {change.rule}",
            version=1,
        )
    )
    changelog.record(conn, "log_entries", {"id": log_id}, account=account, at=now)
    result.changed += 1
    if change.new is AccountStatus.SUSPENDED:
        result.suspended += 1
    elif change.old is AccountStatus.SUSPENDED:
        result.reconnected += 1
    else:
        result.other += 1


def run_periodically(database: Database, settings: Settings, stop: threading.Event) -> None:
    """The in-process timer: run now, then every ``lifecycle_interval_seconds``."""
    while not stop.is_set():
        try:
            run_once(database, settings)
        except Exception:  # a failed round is logged; the next one tries again
            log.exception("lifecycle job failed")
        stop.wait(settings.lifecycle_interval_seconds)
