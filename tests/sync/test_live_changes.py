"""Live changes: a write made online is pushed at once, and other desks hear of it through
the server's long-poll (GET /api/v1/sync/wait), with the sync timer kept as the fallback.
Real server on 127.0.0.1, real HTTP; two desks are two data folders."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtWidgets import QApplication

from db import replica
from desktop.runtime.context import AppContext
from desktop.sync.engine import SyncEngine
from sync.auth import Authenticator
from sync.client import SyncClient
from sync.errors import ResyncRequired
from sync.token_store import MemoryKeyring, SecretStore
from tests.desktop.conftest import make_context
from tests.sync.conftest import (
    ADMIN,
    STAFF,
    Desk,
    LiveServer,
    cached_account,
    make_desk,
    payment_payload,
)

API = "/api/v1"


def _synced_desk(folder: Path, server: LiveServer, who: tuple[str, str] = STAFF) -> Desk:
    desk = make_desk(folder, server)
    desk.sign_in(who)
    assert desk.cycle().run().ok
    return desk


def _waiter(client: SyncClient, cursor: str, timeout_s: int) -> dict[str, Any]:
    """Run one wait in a thread; the dict gets its answer (or error) and when it came."""
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["answer"] = client.wait_for_changes(cursor, lambda: False, timeout_s)
        except Exception as exc:  # the test looks at it
            box["error"] = exc
        box["at"] = time.monotonic()

    box["thread"] = threading.Thread(target=run, daemon=True)
    box["thread"].start()
    return box


def test_a_wait_answers_when_another_desk_pays_in_the_same_branch(
        tmp_path: Path, live_server: LiveServer) -> None:
    watcher = _synced_desk(tmp_path / "watcher", live_server)
    cashier = _synced_desk(tmp_path / "cashier", live_server)
    try:
        cursor, _ = replica.read_cursor(watcher.cache)
        assert cursor is not None
        box = _waiter(watcher.auth.client, cursor, timeout_s=20)
        time.sleep(0.5)
        assert "answer" not in box, "the wait answered before anything changed"
        owing = cached_account(cashier.cache, "balance_paise >= 10000 AND branch_id = 1")
        cashier.outbox.enqueue_payment(
            account_id=owing["id"], payload=payment_payload(owing, 5_000),
            created_by="staff.cbe", mutation_id=str(uuid.uuid4()))
        pushed_at = time.monotonic()
        assert cashier.cycle().push() == {"applied": 1}
        box["thread"].join(timeout=20)
        assert box.get("answer") is True, box
        assert box["at"] >= pushed_at
        # The answer was right: the watcher's next pull brings the new balance.
        assert watcher.cycle().run().ok
        assert cached_account(watcher.cache, "id = ?", owing["id"])["balance_paise"] == \
            owing["balance_paise"] - 5_000
    finally:
        watcher.close()
        cashier.close()


def test_a_wait_stays_quiet_for_changes_outside_the_callers_scope(
        tmp_path: Path, live_server: LiveServer) -> None:
    watcher = _synced_desk(tmp_path / "watcher", live_server)  # branch 1 staff
    office = _synced_desk(tmp_path / "office", live_server, ADMIN)
    try:
        cursor, _ = replica.read_cursor(watcher.cache)
        assert cursor is not None
        box = _waiter(watcher.auth.client, cursor, timeout_s=3)
        elsewhere = cached_account(office.cache, "branch_id <> 1 AND balance_paise >= 10000")
        office.outbox.enqueue_payment(
            account_id=elsewhere["id"], payload=payment_payload(elsewhere, 1_000),
            created_by="admin", mutation_id=str(uuid.uuid4()))
        assert office.cycle().push() == {"applied": 1}
        box["thread"].join(timeout=15)
        assert box.get("answer") is False, box
    finally:
        watcher.close()
        office.close()


def test_a_wait_refuses_a_bad_cursor_and_a_missing_token(desk: Desk,
                                                         live_server: LiveServer) -> None:
    desk.sign_in()
    client = desk.auth.client
    assert client is not None
    with pytest.raises(ResyncRequired):
        client.wait_for_changes("bm90LWEtY3Vyc29y", lambda: False, 1)
    answer = httpx.get(f"{live_server.url}{API}/sync/wait", params={"cursor": "x"}, timeout=10)
    assert answer.status_code == 401
    assert answer.json()["error"]["code"] == "unauthorized"


def test_a_cancelled_wait_lets_go_at_once(tmp_path: Path, live_server: LiveServer) -> None:
    desk = _synced_desk(tmp_path / "desk", live_server)
    try:
        cursor, _ = replica.read_cursor(desk.cache)
        assert cursor is not None
        cancel = threading.Event()
        box: dict[str, Any] = {}

        def run() -> None:
            box["answer"] = desk.auth.client.wait_for_changes(cursor, cancel.is_set, 20)
            box["at"] = time.monotonic()

        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        time.sleep(0.5)
        cancelled_at = time.monotonic()
        cancel.set()
        thread.join(timeout=10)
        assert box["answer"] is None
        # Well inside the 20 s the server would hold it (sign-out and quit never wait).
        assert box["at"] - cancelled_at < 5
    finally:
        desk.close()


def test_stopping_the_server_answers_its_waiting_desks(tmp_path: Path) -> None:
    from server.embedded import start_server

    handle = start_server(f"sqlite:///{tmp_path / 'server.sqlite3'}", 60)
    server = LiveServer(handle.url, tmp_path / "server.sqlite3", handle)
    desk = _synced_desk(tmp_path / "desk", server)
    try:
        cursor, _ = replica.read_cursor(desk.cache)
        assert cursor is not None
        box = _waiter(desk.auth.client, cursor, timeout_s=20)
        time.sleep(0.5)
        started = time.monotonic()
        handle.stop()
        assert time.monotonic() - started < 10, "a waiting desk held the shutdown"
        box["thread"].join(timeout=10)
        assert box.get("answer") is False or "error" in box
    finally:
        desk.close()


# -- the desktop's engine: push on write, and a second desk that hears of it --------------


@pytest.fixture
def two_engines(qapp: QApplication, tmp_path: Path,
                live_server: LiveServer) -> Iterator[tuple[AppContext, SyncEngine,
                                                           AppContext, SyncEngine]]:
    made: list[tuple[AppContext, SyncEngine, Authenticator]] = []
    for name in ("counter1", "counter2"):
        folder = tmp_path / name
        folder.mkdir()
        ctx = make_context(folder, None, qapp)
        auth = Authenticator(folder, ctx.cache_engine, ctx.outbox, SecretStore(MemoryKeyring()))
        auth.sign_in(live_server.url, *STAFF)
        assert auth.client is not None
        # An hour between timer syncs: whatever arrives sooner came by push or announcement.
        made.append((ctx, SyncEngine(ctx, auth.client, interval_s=3600), auth))
    (ctx1, engine1, _), (ctx2, engine2, _) = made
    yield ctx1, engine1, ctx2, engine2
    for ctx, engine, auth in made:
        engine.stop()
        ctx.tasks.wait_idle()
        assert auth.client is not None
        auth.client.close()
        ctx.cache_engine.dispose()
        ctx.outbox.engine.dispose()


def test_a_payment_at_one_desk_shows_at_the_other_without_a_timer(qtbot, two_engines) -> None:
    ctx1, engine1, ctx2, engine2 = two_engines
    for engine in (engine1, engine2):
        with qtbot.waitSignal(engine.finished, timeout=60_000):
            engine.start()
    owing = cached_account(ctx1.cache_engine, "balance_paise >= 10000")
    before = int(owing["balance_paise"])
    with qtbot.waitSignal(engine1.finished, timeout=30_000,
                          check_params_cb=lambda outcome: bool(outcome.pushed)) as pushed:
        ctx1.outbox.enqueue_payment(
            account_id=owing["id"], payload=payment_payload(owing, 2_500),
            created_by="staff.cbe", mutation_id=str(uuid.uuid4()))
        ctx1.events.outbox_changed.emit()  # what the payment flow emits after recording
    assert pushed.args[0].pushed == {"applied": 1}
    # Desk 2 never asked (its timer is an hour away): the server's announcement woke it.
    qtbot.waitUntil(
        lambda: cached_account(ctx2.cache_engine, "id = ?", owing["id"])["balance_paise"]
        == before - 2_500, timeout=20_000)


def test_an_engine_against_a_server_without_live_changes_keeps_its_timer(
        qtbot, qapp: QApplication, tmp_path: Path, live_server: LiveServer) -> None:
    """An older server answers 404 to /sync/wait: the engine stops asking, syncs on."""
    from tests.sync.conftest import FaultProxy

    proxy = FaultProxy(live_server.url)
    original = proxy.httpd.RequestHandlerClass
    forward = original.do_GET
    waits: list[str] = []

    def do_get(handler: Any) -> None:
        if "/sync/wait" in handler.path:
            waits.append(handler.path)
            handler.send_response(404)
            body = b'{"error": {"code": "not_found", "message": "No such route."}}'
            handler.send_header("Content-Type", "application/json")
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            handler.wfile.write(body)
            return
        forward(handler)

    original.do_GET = do_get
    ctx = make_context(tmp_path, None, qapp)
    auth = Authenticator(tmp_path, ctx.cache_engine, ctx.outbox, SecretStore(MemoryKeyring()))
    auth.sign_in(proxy.url, *STAFF)
    assert auth.client is not None
    engine = SyncEngine(ctx, auth.client, interval_s=3600)
    try:
        with qtbot.waitSignal(engine.finished, timeout=60_000) as first:
            engine.start()
        assert first.args[0].ok
        qtbot.waitUntil(lambda: not engine.live_changes, timeout=10_000)
        qtbot.wait(1_000)
        assert len(waits) == 1, "it kept asking a server that has no live changes"
    finally:
        engine.stop()
        ctx.tasks.wait_idle()
        auth.client.close()
        ctx.cache_engine.dispose()
        ctx.outbox.engine.dispose()
        proxy.close()


def test_a_payment_recorded_while_a_cycle_runs_is_pushed_at_once(
        qtbot, qapp: QApplication, tmp_path: Path, live_server: LiveServer) -> None:
    """The second of two payments taken in quick succession, recorded while the first one's
    cycle is still pulling (a slow server), is pushed when that cycle ends, not at the timer."""
    from db.outbox import MutationState
    from tests.sync.conftest import FaultProxy

    proxy = FaultProxy(live_server.url)
    handler = proxy.httpd.RequestHandlerClass
    forward = handler.do_GET
    slow = threading.Event()

    def do_get(request: Any) -> None:
        if slow.is_set() and "/sync/pull" in request.path:
            time.sleep(1.5)  # a server answering slowly
        forward(request)

    handler.do_GET = do_get
    ctx = make_context(tmp_path, None, qapp)
    auth = Authenticator(tmp_path, ctx.cache_engine, ctx.outbox, SecretStore(MemoryKeyring()))
    auth.sign_in(proxy.url, *STAFF)
    assert auth.client is not None
    engine = SyncEngine(ctx, auth.client, interval_s=3600)
    try:
        with qtbot.waitSignal(engine.finished, timeout=60_000):
            engine.start()
        slow.set()
        owing = cached_account(ctx.cache_engine, "balance_paise >= 10000")

        def pay() -> None:
            ctx.outbox.enqueue_payment(
                account_id=owing["id"], payload=payment_payload(owing, 1_000),
                created_by="staff.cbe", mutation_id=str(uuid.uuid4()))
            ctx.events.outbox_changed.emit()

        pay()
        qtbot.waitUntil(lambda: ctx.outbox.counts().get(MutationState.APPLIED, 0) == 1,
                        timeout=10_000)
        assert engine.syncing  # pushed; the cycle is still pulling
        pay()
        qtbot.waitUntil(lambda: ctx.outbox.counts().get(MutationState.APPLIED, 0) == 2,
                        timeout=15_000)
    finally:
        engine.stop()
        ctx.tasks.wait_idle()
        auth.client.close()
        ctx.cache_engine.dispose()
        ctx.outbox.engine.dispose()
        proxy.close()
