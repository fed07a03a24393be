"""The ONE place the desktop imports ``server``: ``partner-portal --demo`` starts the
reference server in-process on 127.0.0.1 (a free port) with SQLite and demo data in the
data folder, so a newcomer sees the whole system working in one command.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.signin.dialog import DemoRole, roles_from_json

log = logging.getLogger(__name__)

SERVER_DB_FILE = "demo-server.sqlite3"
#: The demo user --demo signs in as (branch staff of Coimbatore, branch 1).
DEMO_SIGN_IN = "staff.cbe"

@dataclass
class DemoServer:
    """A running embedded server and the demo roles it offers."""

    url: str
    roles: list[DemoRole]
    handle: Any

    def password_for(self, username: str) -> str:
        for role in self.roles:
            if role.username == username:
                return role.password
        raise KeyError(username)

    def stop(self) -> None:
        try:
            self.handle.stop()
        except Exception as exc:  # stopping must never stop the app from closing
            log.warning("demo server did not stop cleanly: %s", exc)


def demo_roles() -> list[DemoRole]:
    """The demo sign-ins the server seeds (user name or device code, password, role)."""
    from server.demo_seed import DEMO_USERS

    return [roles_from_json(u.as_json()) for u in DEMO_USERS]


def start(data_dir: Path, accounts: int) -> DemoServer:
    """Start the embedded server with ``accounts`` demo accounts (blocking: seeds data).

    The server's SQLite file stays in the data folder, so a second run reuses it.
    """
    from server.embedded import start_server

    db_path = data_dir / SERVER_DB_FILE
    handle = start_server(f"sqlite:///{db_path}", accounts, host="127.0.0.1", port=0)
    log.info("demo server running at %s (database %s)", handle.url, db_path)
    return DemoServer(url=str(handle.url).rstrip("/"), roles=demo_roles(), handle=handle)
