"""Sync tests run against the real server: uvicorn on 127.0.0.1 in a daemon thread, with
a small demo data set in SQLite. Nothing in ``requests`` is mocked."""

from __future__ import annotations

import http.client
import sqlite3
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import keyring
import pytest

from db.cache import CACHE_FILE, open_cache
from db.outbox import OUTBOX_FILE, Outbox
from sync.auth import Authenticator
from sync.client import SyncClient
from sync.cycle import SyncCycle
from sync.token_store import MemoryKeyring, SecretStore

#: Demo accounts on the test server (branch 1, Coimbatore, holds a share of them).
SERVER_ACCOUNTS = 400
STAFF = ("staff.cbe", "staff-demo")
ADMIN = ("admin", "admin-demo")


@pytest.fixture(autouse=True)
def _memory_keyring() -> Iterator[None]:
    """No test touches a real keychain: the process-wide keyring is a memory one."""
    before = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    yield
    keyring.set_keyring(before)


@dataclass
class LiveServer:
    url: str
    db_path: Path
    handle: Any

    def query(self, sql: str, *args: object) -> list[tuple]:
        """Read the server's database directly (what the server really holds)."""
        conn = sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True, timeout=30)
        try:
            return conn.execute(sql, args).fetchall()
        finally:
            conn.close()

    def scalar(self, sql: str, *args: object) -> Any:
        return self.query(sql, *args)[0][0]


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    from server.embedded import start_server

    folder = tmp_path_factory.mktemp("server")
    db_path = folder / "server.sqlite3"
    handle = start_server(f"sqlite:///{db_path}", SERVER_ACCOUNTS, host="127.0.0.1", port=0)
    try:
        yield LiveServer(handle.url, db_path, handle)
    finally:
        handle.stop()


@dataclass
class Desk:
    """One desktop's files and sync objects (no Qt)."""

    data_dir: Path
    cache: Any
    outbox: Outbox
    secrets: SecretStore
    auth: Authenticator
    server: LiveServer

    def sign_in(self, who: tuple[str, str] = STAFF, url: str | None = None) -> Any:
        return self.auth.sign_in(url or self.server.url, *who)

    def cycle(self, client: SyncClient | None = None) -> SyncCycle:
        client = client or self.auth.client
        assert client is not None
        return SyncCycle(client, self.cache, self.outbox)

    def close(self) -> None:
        if self.auth.client is not None:
            self.auth.client.close()
        self.cache.dispose()
        self.outbox.engine.dispose()


def make_desk(data_dir: Path, server: LiveServer) -> Desk:
    data_dir.mkdir(parents=True, exist_ok=True)
    cache = open_cache(data_dir / CACHE_FILE)
    outbox = Outbox.open(data_dir / OUTBOX_FILE)
    secrets = SecretStore(MemoryKeyring())
    auth = Authenticator(data_dir, cache, outbox, secrets)
    return Desk(data_dir, cache, outbox, secrets, auth, server)


@pytest.fixture
def desk(data_dir: Path, live_server: LiveServer) -> Iterator[Desk]:
    d = make_desk(data_dir, live_server)
    yield d
    d.close()


def payment_payload(account: dict[str, Any], amount_paise: int | None = None,
                    option: str = "payment") -> dict[str, Any]:
    """A cash payment as the payment dialog writes it (money in paise)."""
    balance = int(account["balance_paise"])
    return {
        "option": option,
        "method": "cash",
        "reference": None,
        "amount_paise": amount_paise if amount_paise is not None else balance,
        "plan_id": None,
        "charge_paise": 0,
        "balance_before_paise": balance,
        "taken_at": int(datetime.now(UTC).timestamp()),
        "branch_id": int(account["branch_id"]),
        "tendered_paise": None,
    }


def cached_account(cache: Any, where: str, *args: object) -> dict[str, Any]:
    with cache.connect() as conn:
        row = conn.exec_driver_sql(
            f"SELECT * FROM accounts WHERE {where} ORDER BY id LIMIT 1", args).mappings().first()
    assert row is not None, f"no cached account where {where}"
    return dict(row)


class FaultProxy:
    """A tiny HTTP proxy on 127.0.0.1 that forwards every request to the server and, while
    ``drop_push_responses`` > 0, throws away the answer to a push AFTER the server has
    handled it (the "lost response" of exactly-once delivery)."""

    def __init__(self, target: str, port: int = 0) -> None:
        parts = urlsplit(target)
        self.target = (parts.hostname or "127.0.0.1", parts.port or 80)
        self.drop_push_responses = 0
        self.forwarded_pushes = 0
        self.lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_args: object) -> None:
                pass

            def _forward(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                upstream = http.client.HTTPConnection(*proxy.target, timeout=60)
                headers = {k: v for k, v in self.headers.items()
                           if k.lower() not in ("host", "connection")}
                upstream.request(self.command, self.path, body=body, headers=headers)
                answer = upstream.getresponse()
                data = answer.read()
                upstream.close()
                if self.command == "POST" and self.path.endswith("/sync/push"):
                    with proxy.lock:
                        proxy.forwarded_pushes += 1
                        drop = proxy.drop_push_responses > 0
                        if drop:
                            proxy.drop_push_responses -= 1
                    if drop:  # the server committed; the client never hears of it
                        self.close_connection = True
                        self.connection.shutdown(2)
                        return
                self.send_response(answer.status)
                for key, value in answer.getheaders():
                    if key.lower() not in ("transfer-encoding", "connection", "content-length",
                                           "date", "server"):
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = _forward
            do_POST = _forward

        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="fault-proxy",
                                       daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=10)


@pytest.fixture
def fault_proxy(live_server: LiveServer) -> Iterator[FaultProxy]:
    proxy = FaultProxy(live_server.url)
    yield proxy
    proxy.close()


def wait_for(predicate: Any, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.02)
