"""The optional group-commit push (one transaction per request, a savepoint per mutation):
the same answers as the default, exactly once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from server.embedded import start_server
from tests.server.conftest import (
    DEMO_ACCOUNTS,
    Clock,
    Running,
    make_settings,
    mutation,
    payment,
    pick,
    push,
)

OWN = "branch_id = 1 AND status != 'Terminated'"


@pytest.fixture(scope="module")
def grouped(db_url: str) -> Iterator[Running]:
    clock = Clock()
    settings = make_settings(clock, db_url)
    settings.push_group_commit = True
    server = start_server(db_url, DEMO_ACCOUNTS, settings=settings)
    try:
        yield Running(server, clock)
    finally:
        server.stop()


def test_group_commit_answers_like_the_default(grouped: Running) -> None:
    owes = pick(grouped, OWN + " AND balance_paise >= 10000")
    settled = pick(grouped, OWN + " AND balance_paise < 100")
    pay = payment(owes.id, "payment", 2500)
    batch = [
        pay,
        payment(settled.id, "payment", -100),  # a negative amount: rejected
        mutation("comment", owes.id, {"body": "grouped", "created_at": 1}),
        pay,  # the same mutation again in the same request
        {**pay, "mutation_id": "same-uuid-new-id"},  # same payment_uuid, another id
    ]
    with grouped.as_role("cashier") as c:
        first = push(c, *batch)
        second = push(c, *batch)
    assert [r["status"] for r in first] == \
        ["applied", "rejected", "applied", "duplicate", "duplicate"]
    assert first[1]["error"]["code"] == "amount_invalid"
    assert [r["status"] for r in second] == \
        ["duplicate", "rejected", "duplicate", "duplicate", "duplicate"]
    balance = grouped.sql("SELECT balance_paise FROM accounts WHERE id = :i", i=owes.id)[0][0]
    assert balance == owes.balance_paise - 2500
    assert grouped.sql("SELECT count(*) FROM payments WHERE payment_uuid = :u",
                       u=pay["payload"]["payment_uuid"])[0][0] == 1
