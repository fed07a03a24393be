"""After an offline sign-in the sync bar agrees with the sign-in message: it says Offline
(not "Signed out" or "Online"), and when this PC last synced (not "Never synced")."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from desktop.accounts.main_window import MainWindow
from desktop.runtime.context import AppContext
from desktop.sync.session import SessionController
from sync.token_store import MemoryKeyring, SecretStore
from tests.desktop.conftest import make_context
from tests.sync.conftest import STAFF, LiveServer


@pytest.fixture
def qctx(qapp: QApplication, data_dir: Path) -> Iterator[AppContext]:
    ctx = make_context(data_dir, None, qapp)
    yield ctx
    ctx.tasks.wait_idle()
    ctx.cache_engine.dispose()
    ctx.outbox.engine.dispose()


def _dead_address() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"


@pytest.mark.parametrize("token_kept", [True, False])
def test_sync_bar_after_offline_sign_in_says_offline_and_when_it_last_synced(
        qtbot, qctx: AppContext, live_server: LiveServer, token_kept: bool) -> None:
    secrets = SecretStore(MemoryKeyring())
    online = SessionController(qctx, MainWindow, secrets, server_url=live_server.url,
                               interval_s=3600)
    try:
        online._on_signed_in(online.auth.sign_in(live_server.url, *STAFF))
        qtbot.waitUntil(lambda: online.engine is not None
                        and online.engine.status().last_synced_at is not None, timeout=30_000)
    finally:
        online.shutdown()
        for w in QApplication.topLevelWidgets():
            if w.isVisible():
                w.close()
    dead = _dead_address()
    if token_kept:  # the keyring still holds the token for this address
        secrets.set_token(dead, STAFF[0], secrets.get_token(live_server.url, STAFF[0]))
    else:
        secrets = SecretStore(MemoryKeyring())  # e.g. a keyring without the token
    session = SessionController(qctx, MainWindow, secrets, server_url=dead, interval_s=3600)
    try:
        signed = session.auth.sign_in(dead, *STAFF)
        assert not signed.online and "offline" in (signed.notice or "")
        session._on_signed_in(signed)
        engine = session.engine
        qtbot.waitUntil(lambda: engine.status().online is not None and not engine.syncing,
                        timeout=20_000)
        window = session.window
        state = window.findChild(QLabel, "syncState").text()
        last = window.findChild(QLabel, "syncLastSynced").text()
        assert state == "● Offline", state
        assert last != "Never synced" and "Synced" in last, last
        assert "signed out" not in window.findChild(QLabel, "syncError").text().lower()
        assert window.findChild(QPushButton, "syncNow").isEnabled()
        assert "offline" in window.statusBar().currentMessage().lower()
    finally:
        session.shutdown()
        for w in QApplication.topLevelWidgets():
            if w.isVisible():
                w.close()
