"""Two cashiers take the same dues at once (issue 16): both payments are applied, and the
second desk is told how the server applied its payment ("applied as advance: dues were
paid at HH:MM by staff.cbe") in the sync outcome's notice and in its register.
Real server on 127.0.0.1, real HTTP; two desks are two data folders."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta
from pathlib import Path

from db.register_query import RegisterFilter, register_rows
from tests.conftest import DEMO_TODAY
from tests.sync.conftest import STAFF, Desk, LiveServer, cached_account, make_desk, payment_payload

CASHIER = ("cashier.cbe", "cashier-demo")


def _synced_desk(folder: Path, server: LiveServer, who: tuple[str, str]) -> Desk:
    desk = make_desk(folder, server)
    desk.sign_in(who)
    assert desk.cycle().run().ok
    return desk


def test_the_second_cashier_is_told_the_dues_were_paid_and_the_money_is_advance(
        tmp_path: Path, live_server: LiveServer) -> None:
    first = _synced_desk(tmp_path / "first", live_server, STAFF)
    second = _synced_desk(tmp_path / "second", live_server, CASHIER)
    try:
        where = "balance_paise >= 10000 AND branch_id = 1 AND id % 89 = 7"
        owing = cached_account(second.cache, where)
        dues = int(owing["balance_paise"])
        ids = {}
        for desk, who in ((first, STAFF), (second, CASHIER)):  # both saw the same dues
            ids[who] = str(uuid.uuid4())
            desk.outbox.enqueue_payment(account_id=owing["id"], payload=payment_payload(owing),
                                        created_by=who[0], mutation_id=ids[who])
        assert first.cycle().run().pushed == {"applied": 1}
        outcome = second.cycle().run()
        assert outcome.ok and outcome.pushed == {"applied": 1}
        assert outcome.notice is not None
        assert re.search(r"\(account \d+\): applied as advance: dues were paid at "
                         r"\d\d:\d\d by staff\.cbe$", outcome.notice), outcome.notice
        assert live_server.scalar("SELECT balance_paise FROM accounts WHERE id = ?",
                                  owing["id"]) == -dues
        # Pulled into the cache, the row still says how it was applied.
        flt = RegisterFilter(DEMO_TODAY - timedelta(days=3650), DEMO_TODAY + timedelta(days=3650))
        mine = [r for r in register_rows(second.cache, second.outbox, flt)
                if r.payment_uuid == ids[CASHIER]]
        assert len(mine) == 1 and not mine[0].pending
        assert mine[0].applied_as is not None and mine[0].applied_as["kind"] == "advance"
        theirs = [r for r in register_rows(first.cache, first.outbox, flt)
                  if r.payment_uuid == ids[STAFF]]
        assert len(theirs) == 1 and theirs[0].applied_as is None
    finally:
        first.close()
        second.close()
