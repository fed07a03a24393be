"""The sign-in dialog and the syncStatus widget, driven by object name against the real
server (pytest-qt, offscreen)."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
)

from db.outbox import MutationKind
from desktop.accounts.status_bar import SyncStatusWidget
from desktop.runtime.context import AppContext
from desktop.signin.dialog import SignInDialog, roles_from_json
from desktop.sync.engine import SyncEngine
from sync.auth import Authenticator, SignedIn
from sync.client import SyncClient
from sync.http_session import make_session
from sync.token_store import MemoryKeyring, SecretStore
from tests.desktop.conftest import make_context
from tests.sync.conftest import ADMIN, LiveServer, cached_account, make_desk, payment_payload


@pytest.fixture(autouse=True)
def _english_plurals(qapp: QApplication) -> None:
    """The English translation (plural forms: "1 change", "2 changes"), as the app installs
    it at start (tests/desktop/conftest.py does the same for the desktop tests)."""
    from desktop.language.i18n import ENGLISH, set_language

    set_language(qapp, ENGLISH)


@pytest.fixture
def qctx(qapp: QApplication, data_dir: Path) -> Iterator[AppContext]:
    ctx = make_context(data_dir, None, qapp)  # an empty cache: everything comes from sync
    yield ctx
    ctx.tasks.wait_idle()
    ctx.cache_engine.dispose()
    ctx.outbox.engine.dispose()


@pytest.fixture
def auth(qctx: AppContext) -> Authenticator:
    return Authenticator(qctx.data_dir, qctx.cache_engine, qctx.outbox,
                         SecretStore(MemoryKeyring()))


def _click_item(qtbot, widget: QListWidget, row: int) -> None:
    rect = widget.visualItemRect(widget.item(row))
    qtbot.mouseClick(widget.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_sign_in_dialog_lists_demo_roles_and_signs_in(qtbot, qctx: AppContext,
                                                      auth: Authenticator,
                                                      live_server: LiveServer) -> None:
    client = SyncClient(live_server.url)
    roles = [roles_from_json(u) for u in client.demo_users()]
    client.close()
    dialog = SignInDialog(auth, qctx.tasks, live_server.url, demo_roles=roles,
                          keyring_warning="No system keyring here.")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.objectName() == "signInDialog"
    demo = dialog.findChild(QListWidget, "demoRoles")
    labels = [demo.item(i).text() for i in range(demo.count())]
    assert demo.isVisible() and len(labels) == 5
    for who in ("admin", "partner.cbe", "staff.cbe", "cashier.cbe", "KIOSKCBE1"):
        assert any(who in label for label in labels), who
    assert dialog.findChild(QLabel, "signInKeyringWarning").isVisible()

    user = dialog.findChild(QLineEdit, "signInUsername")
    password = dialog.findChild(QLineEdit, "signInPassword")
    button = dialog.findChild(QPushButton, "signInButton")
    _click_item(qtbot, demo, next(i for i, t in enumerate(labels) if "staff.cbe" in t))
    assert user.text() == "staff.cbe" and password.text()

    password.clear()
    assert not button.isEnabled()
    qtbot.keyClicks(password, "not-the-password")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    message = dialog.findChild(QLabel, "signInMessage")
    qtbot.waitUntil(lambda: message.isVisible(), timeout=15_000)
    assert "wrong" in message.text()

    password.clear()
    qtbot.keyClicks(password, "staff-demo")
    with qtbot.waitSignal(dialog.signed_in, timeout=15_000) as signal:
        qtbot.keyClick(password, Qt.Key.Key_Return)
    signed = signal.args[0]
    assert isinstance(signed, SignedIn) and signed.online
    assert signed.user.username == "staff.cbe" and signed.user.branch_id == 1
    assert not dialog.isVisible()
    assert auth.client is not None and auth.client.has_token


def test_sign_in_refusals_are_worded_in_tamil(qtbot, qapp, qctx: AppContext,
                                             auth: Authenticator,
                                             live_server: LiveServer) -> None:
    """A wrong password (the real server's 401) and a server that cannot be reached for a
    name never signed in on this PC: the message under the form is Tamil, not English."""
    from tests.desktop.i18n_helpers import has_tamil, tamil

    def refused(server: str, username: str, password: str) -> str:
        dialog = SignInDialog(auth, qctx.tasks, server)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.keyClicks(dialog.findChild(QLineEdit, "signInUsername"), username)
        qtbot.keyClicks(dialog.findChild(QLineEdit, "signInPassword"), password)
        qtbot.mouseClick(dialog.findChild(QPushButton, "signInButton"),
                         Qt.MouseButton.LeftButton)
        message = dialog.findChild(QLabel, "signInMessage")
        qtbot.waitUntil(lambda: message.isVisible(), timeout=15_000)
        text = message.text()
        dialog.close()
        return text

    with tamil(qapp):
        assert refused(live_server.url, "partner.cbe", "not-the-password") == (
            "பயனர் பெயர் அல்லது கடவுச்சொல் தவறு.")
        unreachable = refused("http://127.0.0.1:9", "nobody.here", "secret")
        assert has_tamil(unreachable) and "cannot be reached" not in unreachable
        assert unreachable.startswith("சர்வரை அணுக முடியவில்லை.")
    assert refused(live_server.url, "partner.cbe", "still-not-it") == (
        "The user name or password is wrong.")


def test_a_kiosk_signs_in_with_its_device_code(qtbot, qctx: AppContext, auth: Authenticator,
                                              live_server: LiveServer) -> None:
    """No demo list: the kiosk box (ticked for --kiosk) makes it a device sign-in."""
    from PySide6.QtWidgets import QCheckBox

    dialog = SignInDialog(auth, qctx.tasks, live_server.url, kiosk=True)
    qtbot.addWidget(dialog)
    dialog.show()
    device = dialog.findChild(QCheckBox, "signInAsDevice")
    assert device.isChecked()
    qtbot.keyClicks(dialog.findChild(QLineEdit, "signInUsername"), "KIOSKCBE1")
    qtbot.keyClicks(dialog.findChild(QLineEdit, "signInPassword"), "kiosk-demo")
    with qtbot.waitSignal(dialog.signed_in, timeout=15_000) as signal:
        qtbot.mouseClick(dialog.findChild(QPushButton, "signInButton"),
                         Qt.MouseButton.LeftButton)
    signed = signal.args[0]
    assert signed.user.role == "kiosk" and signed.user.branch_id == 1


def test_sign_in_dialog_without_demo_roles_hides_the_list(qtbot, qctx: AppContext,
                                                          auth: Authenticator) -> None:
    dialog = SignInDialog(auth, qctx.tasks, "")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.findChild(QListWidget, "demoRoles").isVisible()
    assert not dialog.findChild(QPushButton, "signInButton").isEnabled()
    qtbot.keyClicks(dialog.findChild(QLineEdit, "signInServer"), "portal.example.in")
    qtbot.keyClicks(dialog.findChild(QLineEdit, "signInUsername"), "staff.cbe")
    qtbot.keyClicks(dialog.findChild(QLineEdit, "signInPassword"), "x")
    qtbot.mouseClick(dialog.findChild(QPushButton, "signInButton"), Qt.MouseButton.LeftButton)
    message = dialog.findChild(QLabel, "signInMessage")
    qtbot.waitUntil(lambda: message.isVisible(), timeout=5_000)
    assert "https://" in message.text()
    dialog.close()


@pytest.fixture
def status(qtbot, qctx: AppContext, auth: Authenticator,
           live_server: LiveServer) -> Iterator[tuple[SyncStatusWidget, SyncEngine]]:
    auth.sign_in(live_server.url, "staff.cbe", "staff-demo")
    assert auth.client is not None
    engine = SyncEngine(qctx, auth.client, interval_s=3600)
    widget = SyncStatusWidget(qctx, engine)
    qtbot.addWidget(widget)
    widget.resize(900, 300)
    widget.show()
    yield widget, engine
    engine.stop()
    qctx.tasks.wait_idle()
    auth.client.close()


def _sync(qtbot, widget: SyncStatusWidget, engine: SyncEngine):
    with qtbot.waitSignal(engine.finished, timeout=30_000) as signal:
        qtbot.mouseClick(widget.findChild(QPushButton, "syncNow"), Qt.MouseButton.LeftButton)
    return signal.args[0]


def test_status_widget_shows_online_pending_and_needs_attention(
        qtbot, qctx: AppContext, status, live_server: LiveServer, tmp_path: Path) -> None:
    widget, engine = status
    assert widget.objectName() == "syncStatus"
    events: list[object] = []
    qctx.events.cache_reset.connect(lambda: events.append("reset"))
    outcome = _sync(qtbot, widget, engine)
    assert outcome.ok and outcome.initial
    assert widget.findChild(QLabel, "syncState").text() == "● Online"
    assert widget.findChild(QLabel, "syncLastSynced").text() == "Synced just now"
    assert widget.findChild(QLabel, "syncPending").text() == "Nothing waiting to send"
    assert not widget.findChild(QLabel, "syncError").isVisible()

    owing = cached_account(qctx.cache_engine, "balance_paise >= 100000")
    # A refused payment (no money: amount 0) and an edit that will conflict.
    qctx.outbox.enqueue_payment(
        account_id=owing["id"], payload=payment_payload(owing, 0),
        created_by="staff.cbe", mutation_id=str(uuid.uuid4()))
    office = make_desk(tmp_path / "office", live_server)
    try:
        office.sign_in(ADMIN)
        office.outbox.enqueue(
            MutationKind.EDIT, account_id=owing["id"], base_version=owing["version"],
            payload={"fields": {"email": "office@example.in"},
                     "before": {"email": owing["email"]}}, created_by="admin")
        assert office.cycle().push() == {"applied": 1}
    finally:
        office.close()
    qctx.outbox.enqueue(
        MutationKind.EDIT, account_id=owing["id"], base_version=owing["version"],
        payload={"fields": {"email": "desk@example.in"}, "before": {"email": owing["email"]}},
        created_by="staff.cbe")
    # Online, a new write is pushed at once (push on write), not at the next timer.
    with qtbot.waitSignal(engine.finished, timeout=30_000,
                          check_params_cb=lambda outcome: bool(outcome.pushed)) as signal:
        qctx.events.outbox_changed.emit()
    assert signal.args[0].pushed == {"rejected": 1, "conflict": 1}
    items = widget.findChild(QListWidget, "needsAttentionList")
    qtbot.waitUntil(lambda: items.count() == 2, timeout=5_000)
    show = widget.findChild(QPushButton, "showNeedsAttention")
    assert show.isVisible() and show.text() == "Needs attention (2)"
    qtbot.mouseClick(show, Qt.MouseButton.LeftButton)
    assert widget.findChild(type(widget.attention_box), "needsAttention").isVisible()
    texts = [items.item(i).text() for i in range(2)]
    assert "refused" in texts[0] and "more than zero" in texts[0]
    assert "conflict" in texts[1] and "office@example.in" in texts[1]

    keep, theirs, retry = (widget.findChild(QPushButton, n)
                           for n in ("keepMine", "takeTheirs", "retryWrite"))
    _click_item(qtbot, items, 0)
    assert retry.isEnabled() and not keep.isEnabled() and not theirs.isEnabled()
    _click_item(qtbot, items, 1)
    assert keep.isEnabled() and theirs.isEnabled() and not retry.isEnabled()
    with qtbot.waitSignal(engine.finished, timeout=30_000,
                          check_params_cb=lambda outcome: bool(outcome.pushed)) as signal:
        qtbot.mouseClick(keep, Qt.MouseButton.LeftButton)
    assert signal.args[0].pushed == {"applied": 1}
    qtbot.waitUntil(lambda: items.count() == 1, timeout=5_000)
    assert cached_account(qctx.cache_engine, "id = ?", owing["id"])["email"] == \
        "desk@example.in"
    assert events == []


def test_status_widget_says_offline_and_shows_initial_progress(
        qtbot, qctx: AppContext, auth: Authenticator, live_server: LiveServer) -> None:
    dead = SyncClient("http://127.0.0.1:9", session=make_session(retries=0))
    dead.set_token("t")
    engine = SyncEngine(qctx, dead, interval_s=3600)
    widget = SyncStatusWidget(qctx, engine)
    qtbot.addWidget(widget)
    widget.show()
    outcome = _sync(qtbot, widget, engine)
    assert outcome.offline
    # Offline, a new write waits in the outbox (no push on write) and the widget counts it.
    qctx.outbox.enqueue(MutationKind.COMMENT, account_id=10_000_001,
                        payload={"body": "call back", "created_at": 1}, created_by="staff.cbe")
    qctx.events.outbox_changed.emit()
    pending = widget.findChild(QLabel, "syncPending")
    qtbot.waitUntil(lambda: pending.text() == "1 change waiting to send", timeout=5_000)
    engine.stop()
    assert widget.findChild(QLabel, "syncState").text() == "● Offline"
    error = widget.findChild(QLabel, "syncError")
    assert error.isVisible() and "cannot be reached" in error.text()
    widget.show_progress(5_000, 0, "rows (400 accounts)")
    time.sleep(0.1)
    widget.show_progress(12_000, 0, "rows (900 accounts)")
    bar = widget.findChild(QProgressBar, "syncProgress")
    assert bar.isVisible()
    text = widget.findChild(QLabel, "syncProgressText").text()
    assert "12,000 rows (900 accounts)" in text and "/s" in text
    dead.close()
    assert widget.mapToGlobal(QPoint(0, 0)) is not None
