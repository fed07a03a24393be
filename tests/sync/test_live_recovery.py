"""The desk's engine after its long-poll broke off: a server restart must not leave other
desks' payments waiting for the sync timer, nor the status saying "online" while the server
is down. Real server on 127.0.0.1 (stopped and started again on the same port), real HTTP;
two desks are two data folders."""

from __future__ import annotations

import socket
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from desktop.runtime.context import AppContext
from desktop.sync.engine import SyncEngine
from sync.auth import Authenticator
from sync.token_store import MemoryKeyring, SecretStore
from tests.desktop.conftest import make_context
from tests.sync.conftest import STAFF, cached_account, payment_payload


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def restartable(tmp_path: Path) -> Iterator[dict[str, Any]]:
    """A server on a fixed port of 127.0.0.1 that a test may stop and start again."""
    from server.embedded import start_server

    box: dict[str, Any] = {"db": f"sqlite:///{tmp_path / 'server.sqlite3'}",
                           "port": _free_port()}
    box["handle"] = start_server(box["db"], 120, port=box["port"])
    yield box
    if box["handle"] is not None:
        box["handle"].stop()


def _engine(qapp: QApplication, folder: Path, url: str) -> tuple[AppContext, SyncEngine, Any]:
    folder.mkdir()
    ctx = make_context(folder, None, qapp)
    auth = Authenticator(folder, ctx.cache_engine, ctx.outbox, SecretStore(MemoryKeyring()))
    auth.sign_in(url, *STAFF)
    # An hour between timer syncs: whatever arrives sooner did not come by the timer.
    return ctx, SyncEngine(ctx, auth.client, interval_s=3600), auth


def test_after_a_server_restart_a_payment_still_shows_at_the_other_desk_in_seconds(
        qtbot, qapp: QApplication, tmp_path: Path, restartable: dict[str, Any]) -> None:
    from server.embedded import start_server

    url = restartable["handle"].url
    made = [_engine(qapp, tmp_path / name, url) for name in ("counter1", "counter2")]
    (ctx1, engine1, _), (ctx2, engine2, _) = made
    try:
        for engine in (engine1, engine2):
            with qtbot.waitSignal(engine.finished, timeout=60_000):
                engine.start()
        restartable["handle"].stop()
        restartable["handle"] = None
        # Desk 2's long-poll broke off: its status finds out the server is gone.
        qtbot.waitUntil(lambda: engine2.status().online is False, timeout=15_000)
        restartable["handle"] = start_server(restartable["db"], port=restartable["port"])
        qtbot.waitUntil(lambda: engine2.status().online is True, timeout=30_000)
        qtbot.waitUntil(lambda: engine1.status().online is not False, timeout=30_000)
        owing = cached_account(ctx1.cache_engine, "balance_paise >= 10000")
        before = int(owing["balance_paise"])
        ctx1.outbox.enqueue_payment(
            account_id=owing["id"], payload=payment_payload(owing, 1_500),
            created_by="staff.cbe", mutation_id=str(uuid.uuid4()))
        ctx1.events.outbox_changed.emit()
        # Desk 2 listens again: the payment shows there within seconds, not at its timer.
        qtbot.waitUntil(
            lambda: cached_account(ctx2.cache_engine, "id = ?", owing["id"])["balance_paise"]
            == before - 1_500, timeout=20_000)
    finally:
        for ctx, engine, auth in made:
            engine.stop()
            ctx.tasks.wait_idle()
            auth.client.close()
            ctx.cache_engine.dispose()
            ctx.outbox.engine.dispose()
