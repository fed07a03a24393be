"""PostgreSQL: a writer that took a lower change sequence but commits later is not skipped.

Sequence numbers are handed out in one order and transactions commit in another. A pull that
simply served ``seq > cursor`` would hand out the later-numbered committed change, move the
cursor past it, and never deliver the held one. The server serves only changes whose
transaction id is below the oldest running transaction, ordered by (xid, seq).
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select, text

from server import changelog, rows
from tests.server.conftest import Running, mutation, pick, pull_all, push

OWN = "branch_id = 1 AND status != 'Terminated'"


def test_held_writer_is_delivered_after_it_commits(running: Running) -> None:
    if not running.database.is_postgres:
        pytest.skip("SQLite serialises writers: commit order is sequence order there")
    held_account = pick(running, OWN)
    other_account = pick(running, OWN)
    accounts = rows.table("accounts")
    with running.as_role("branch_staff") as c:
        _, cursor, _ = pull_all(c)

        # Writer 1 takes its sequence number first and stays open.
        holder = running.database.write.connect()
        tx = holder.begin()
        try:
            holder.execute(accounts.update().where(accounts.c.id == held_account.id)
                           .values(email="held.writer@example.in", version=accounts.c.version + 1))
            row = holder.execute(select(accounts).where(accounts.c.id == held_account.id)).one()
            changelog.record(holder, "accounts", {"id": held_account.id}, account=row,
                             at=int(datetime.now(UTC).timestamp()))
            held_seq = holder.execute(text("SELECT max(seq) FROM changes")).scalar()

            # Writer 2 (a real push) commits a later sequence number while 1 is open.
            [applied] = push(c, mutation("comment", other_account.id,
                                         {"body": "committed first", "created_at": 1}))
            assert applied["status"] == "applied"
            later_seq = running.sql("SELECT max(seq) FROM changes")[0][0]
            assert later_seq > held_seq

            during, cursor, _ = pull_all(c, cursor)
            # Nothing at or after the held writer's transaction is served yet.
            assert not any(ch["table"] == "accounts" and ch["row"]["id"] == held_account.id
                           for ch in during)
            tx.commit()
        finally:
            if tx.is_active:
                tx.rollback()
            holder.close()

        after, _, _ = pull_all(c, cursor)
    delivered = during + after
    held = [ch for ch in delivered
            if ch["table"] == "accounts" and ch["row"]["id"] == held_account.id]
    assert held and held[-1]["row"]["email"] == "held.writer@example.in"
    assert any(ch["table"] == "comments" and ch["row"]["body"] == "committed first"
               for ch in delivered)
