"""A server restored from a backup (a new epoch): the desk rebuilds its cache and re-offers
what the lost epoch had acknowledged; the server takes what it lacks."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path
from urllib.parse import urlsplit

from db.outbox import MutationState
from server.database import meta_put, open_database
from server.embedded import start_server
from tests.sync.conftest import LiveServer, cached_account, make_desk, payment_payload


def test_writes_lost_with_a_restored_server_are_offered_again(tmp_path: Path) -> None:
    db_a = tmp_path / "a.sqlite3"
    server_a = start_server(f"sqlite:///{db_a}", 120)
    port = urlsplit(server_a.url).port
    desk = make_desk(tmp_path / "desk", LiveServer(server_a.url, db_a, server_a))
    try:
        desk.sign_in()
        assert desk.cycle().run().ok
        backup = tmp_path / "backup.sqlite3"  # taken before the payment below
        src, dst = sqlite3.connect(db_a), sqlite3.connect(backup)
        src.backup(dst)
        src.close()
        dst.close()
        owing = cached_account(desk.cache, "balance_paise >= 100000")
        m = desk.outbox.enqueue_payment(account_id=owing["id"],
                                        payload=payment_payload(owing, 4_200),
                                        created_by="staff.cbe", mutation_id=str(uuid.uuid4()))
        assert desk.cycle().run().pushed == {"applied": 1}
        server_a.stop()

        restored = open_database(f"sqlite:///{backup}")
        with restored.write.begin() as conn:  # what `partner-portal-server new-epoch` does
            meta_put(conn, "server_epoch", str(uuid.uuid4()))
        restored.dispose()
        server_b = start_server(f"sqlite:///{backup}", None, port=port or 0)
        try:
            assert server_b.url == server_a.url
            outcome = desk.cycle().run()
            assert outcome.ok, outcome.error
            assert outcome.reset and outcome.pushed == {"applied": 1}
            check = sqlite3.connect(backup)
            assert check.execute("SELECT count(*) FROM payments WHERE payment_uuid = ?",
                                 (m.mutation_id,)).fetchone()[0] == 1
            check.close()
            assert desk.outbox.get(m.mutation_id).state is MutationState.APPLIED
            assert cached_account(desk.cache, "id = ?", owing["id"])["balance_paise"] == \
                owing["balance_paise"] - 4_200
            assert desk.cycle().run().pushed == {}  # offered once, not again and again
        finally:
            server_b.stop()
    finally:
        desk.close()
