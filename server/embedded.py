"""A real server on 127.0.0.1 in a daemon thread: for tests and the desktop's ``--demo``."""

from __future__ import annotations

import logging
import socket
import threading
import time
from dataclasses import dataclass

import uvicorn

from server.announce import Announcer
from server.app import create_app
from server.config import Settings
from server.database import Database, open_database

log = logging.getLogger(__name__)


@dataclass
class EmbeddedServer:
    url: str
    settings: Settings
    database: Database
    _server: uvicorn.Server
    _thread: threading.Thread
    _announcer: Announcer

    def stop(self) -> None:
        """Stop serving and wait until the thread has ended (waiting desks are answered
        at once rather than holding the shutdown for their long-poll)."""
        self._announcer.closing.set()
        self._server.should_exit = True
        self._thread.join(timeout=30)
        self.database.dispose()

    def __enter__(self) -> EmbeddedServer:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()


def start_server(
    db_url: str,
    demo_accounts: int | None = None,
    host: str = "127.0.0.1",
    port: int = 0,
    *,
    settings: Settings | None = None,
) -> EmbeddedServer:
    """Start uvicorn in a daemon thread on a free port (``port=0``); returns when it serves."""
    settings = settings or Settings(db_url=db_url)
    settings.db_url = db_url
    database = open_database(db_url)
    if demo_accounts:
        from server.demo_seed import seed

        settings.demo_mode = True
        seed(database, settings, demo_accounts)
    app = create_app(settings, database)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    actual_port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name="partner-portal-server", daemon=True
    )
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the embedded server did not start")
        time.sleep(0.01)
    return EmbeddedServer(
        f"http://{host}:{actual_port}", settings, database, server, thread, app.state.announcer
    )
