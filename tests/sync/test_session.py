"""The GUI session: sign in through the dialog, sync, sign-out refused while a payment is
unsent, sign-out wiping the cache but not the outbox; sync resumes when the server is back."""

from __future__ import annotations

import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton

from db import replica
from db.outbox import MutationState
from desktop.accounts.main_window import MainWindow
from desktop.runtime.context import AppContext
from desktop.sync.engine import SyncEngine
from desktop.sync.session import SessionController
from sync.client import SyncClient
from sync.http_session import make_session
from sync.token_store import MemoryKeyring, SecretStore
from tests.desktop.conftest import make_context
from tests.sync.conftest import FaultProxy, LiveServer, cached_account, payment_payload


@pytest.fixture
def qctx(qapp: QApplication, data_dir: Path) -> Iterator[AppContext]:
    ctx = make_context(data_dir, None, qapp)
    yield ctx
    ctx.tasks.wait_idle()
    ctx.cache_engine.dispose()
    ctx.outbox.engine.dispose()


def _visible(name: str) -> list:
    return [w for w in QApplication.topLevelWidgets() if w.objectName() == name and w.isVisible()]


def test_sign_in_sync_and_sign_out_through_the_gui(qtbot, qctx: AppContext,
                                                   live_server: LiveServer) -> None:
    session = SessionController(qctx, MainWindow, SecretStore(MemoryKeyring()),
                                server_url=live_server.url, interval_s=3600)
    try:
        dialog = session.show_sign_in()
        qtbot.addWidget(dialog)
        qtbot.keyClicks(dialog.findChild(QLineEdit, "signInUsername"), "staff.cbe")
        qtbot.keyClicks(dialog.findChild(QLineEdit, "signInPassword"), "staff-demo")
        qtbot.mouseClick(dialog.findChild(QPushButton, "signInButton"),
                         Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: session.engine is not None
                        and session.engine.status().last_synced_at is not None, timeout=30_000)
        engine = session.engine
        window = session.window
        assert window is not None and window.isVisible()
        assert qctx.user.username == "staff.cbe" and qctx.user.branch_id == 1
        status = window.findChild(QLabel, "syncState")
        assert status is not None and status.text() == "● Online"
        assert not replica.is_empty(qctx.cache_engine)

        owing = cached_account(qctx.cache_engine, "balance_paise >= 100000")
        m = qctx.outbox.enqueue_payment(
            account_id=owing["id"], payload=payment_payload(owing, 1_500),
            created_by="staff.cbe", mutation_id=str(uuid.uuid4()))
        sign_out = window.findChild(QPushButton, "signOut")
        error = window.findChild(QLabel, "syncError")
        qtbot.mouseClick(sign_out, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: error.isVisible(), timeout=10_000)
        assert "1 payment has not reached the server" in error.text()
        assert session.window is window and window.isVisible()

        with qtbot.waitSignal(engine.finished, timeout=30_000) as done:
            qtbot.mouseClick(window.findChild(QPushButton, "syncNow"),
                             Qt.MouseButton.LeftButton)
        assert done.args[0].pushed == {"applied": 1}
        qtbot.mouseClick(sign_out, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(_visible("signInDialog")), timeout=15_000)
        again = _visible("signInDialog")[0]
        qtbot.addWidget(again)
        assert "signed out" in again.findChild(QLabel, "signInMessage").text()
        assert session.window is None and not _visible("mainWindow")
        assert replica.is_empty(qctx.cache_engine)
        assert qctx.outbox.get(m.mutation_id).state is MutationState.APPLIED
        again.close()
    finally:
        session.shutdown()
        for w in QApplication.topLevelWidgets():
            if w.isVisible():
                w.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_sync_runs_by_itself_when_the_server_comes_back(qtbot, qctx: AppContext,
                                                        live_server: LiveServer) -> None:
    token = SyncClient(live_server.url)
    token.sign_in("staff.cbe", "staff-demo")
    port = _free_port()
    client = SyncClient(f"http://127.0.0.1:{port}", session=make_session(retries=0))
    client.set_token(token._token)
    token.close()
    engine = SyncEngine(qctx, client, interval_s=3600)
    outcomes: list = []
    engine.finished.connect(outcomes.append)
    with qtbot.waitSignal(engine.finished, timeout=15_000):
        engine.start()
    assert outcomes[-1].offline and engine.status().online is False
    # The link comes back: a proxy to the server now listens where the client points.
    proxy = FaultProxy(live_server.url, port)
    try:
        qtbot.waitUntil(lambda: outcomes[-1].ok, timeout=20_000)  # no click, no timer of 1 h
        assert outcomes[-1].initial and engine.status().online is True
        assert not replica.is_empty(qctx.cache_engine)
    finally:
        engine.stop()
        qctx.tasks.wait_idle()
        client.close()
        proxy.close()
