"""One write the server cannot read (422 for the request) never holds back the others:
the desk sends the batch's writes one by one, the good ones are applied, the unreadable one
waits in "Needs attention" with the server's words. Real server, real HTTP."""

from __future__ import annotations

from db.outbox import MutationKind, MutationState
from tests.sync.conftest import Desk, LiveServer, cached_account


def test_an_unreadable_write_does_not_hold_back_the_write_behind_it(
        desk: Desk, live_server: LiveServer) -> None:
    desk.sign_in()
    assert desk.cycle().run().ok
    account = cached_account(desk.cache, "branch_id = 1")
    # Ids above 2**62 are refused by the server's request schema (422 for the whole request).
    bad = desk.outbox.enqueue(MutationKind.COMMENT, account_id=2**62 + 1,
                              payload={"body": "typed into the wrong field", "created_at": 1},
                              created_by="staff.cbe")
    good = desk.outbox.enqueue(MutationKind.COMMENT, account_id=int(account["id"]),
                               payload={"body": "customer called back", "created_at": 1},
                               created_by="staff.cbe")
    outcome = desk.cycle().run()
    assert outcome.ok, outcome.error
    assert outcome.pushed == {"applied": 1, "rejected": 1}
    assert desk.outbox.get(good.mutation_id).state is MutationState.APPLIED
    kept = desk.outbox.get(bad.mutation_id)  # in Needs attention, not lost
    assert kept is not None and kept.state is MutationState.REJECTED
    assert kept.result is not None and "could not read" in kept.result["error"]["message"]
    assert live_server.scalar("SELECT count(*) FROM comments WHERE body = ?",
                              "customer called back") == 1
