from __future__ import annotations

from sqlalchemy import text

from tests.desktop.conftest import DEMO_ACCOUNTS


def test_context_fixture_has_demo_accounts_and_empty_outbox(ctx) -> None:
    with ctx.cache_engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM accounts")).scalar() == DEMO_ACCOUNTS
    assert ctx.outbox.pending() == []
    assert ctx.today().isoformat() == "2026-11-27"
