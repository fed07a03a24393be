"""After the sync that confirms a payment, the row and the action strip never go back to
the balance from before the payment (with an enabled Payment button), not even for the
moment between the confirming pull and the re-read of the rows."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QPushButton

from billing.money import format_inr
from desktop.accounts.main_window import MainWindow
from desktop.runtime.context import AppContext
from desktop.sync.session import SessionController
from sync.token_store import MemoryKeyring, SecretStore
from tests.desktop.conftest import make_context
from tests.desktop.test_main_window import select_account, wait_ready
from tests.sync.conftest import STAFF, LiveServer, cached_account, payment_payload


@pytest.fixture
def qctx(qapp: QApplication, data_dir: Path) -> Iterator[AppContext]:
    ctx = make_context(data_dir, None, qapp)
    yield ctx
    ctx.tasks.wait_idle()
    ctx.cache_engine.dispose()
    ctx.outbox.engine.dispose()


def test_action_strip_never_shows_the_pre_payment_balance_after_the_confirming_pull(
        qtbot, qctx: AppContext, live_server: LiveServer) -> None:
    session = SessionController(qctx, MainWindow, SecretStore(MemoryKeyring()),
                                server_url=live_server.url, interval_s=3600)
    sampler = QTimer()
    try:
        session._on_signed_in(session.auth.sign_in(live_server.url, *STAFF))
        qtbot.waitUntil(lambda: session.engine is not None
                        and session.engine.status().last_synced_at is not None, timeout=30_000)
        window = session.window
        assert isinstance(window, MainWindow)
        wait_ready(qtbot, window)
        owing = cached_account(qctx.cache_engine,
                               "balance_paise >= 100000 AND branch_id = 1")
        before = int(owing["balance_paise"])
        select_account(qtbot, window, int(owing["id"]))
        strip = window.actions_strip
        payment = window.findChild(QPushButton, "actionPayment")
        assert format_inr(before) in strip.summary.text() and payment.isVisible()

        qctx.outbox.enqueue_payment(
            account_id=owing["id"], payload=payment_payload(owing), created_by="staff.cbe",
            mutation_id=str(uuid.uuid4()))
        qctx.events.outbox_changed.emit()
        qtbot.waitUntil(lambda: "pending sync" in strip.summary.text())
        assert format_inr(0) in strip.summary.text() and not payment.isVisible()

        stale: list[str] = []

        def sample() -> None:
            text = strip.summary.text()
            row = window.model.row_at(window.table.currentIndex().row())
            shown = window.model.provisional_balance(row) if row is not None else None
            if format_inr(before) in text or (payment.isVisible() and payment.isEnabled()) \
                    or shown == before:
                stale.append(f"{text} / Payment button {payment.isVisible()} / row {shown}")

        sampler.timeout.connect(sample)
        sampler.start(0)
        with qtbot.waitSignal(session.engine.finished, timeout=30_000) as done:
            qtbot.mouseClick(window.findChild(QPushButton, "syncNow"),
                             Qt.MouseButton.LeftButton)
        assert done.args[0].pushed == {"applied": 1}
        qtbot.waitUntil(lambda: "pending sync" not in strip.summary.text(), timeout=5000)
        qtbot.wait(600)  # the old flash lasted about this long
        sampler.stop()
        assert stale == []
        assert format_inr(0) in strip.summary.text() and not payment.isVisible()
    finally:
        sampler.stop()
        session.shutdown()
        for w in QApplication.topLevelWidgets():
            if w.isVisible():
                w.close()
