"""The ONE place the desktop imports ``server``: ``partner-portal --demo`` starts the
reference server in-process on 127.0.0.1 (a free port) with SQLite and demo data in the
data folder, so a newcomer sees the whole system working in one command.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.signin_dialog import DemoRole

log = logging.getLogger(__name__)

SERVER_DB_FILE = "demo-server.sqlite3"
#: The demo user --demo signs in as (branch staff of Coimbatore, branch 1).
DEMO_SIGN_IN = "staff.cbe"

#: Shown when the server does not publish its demo accounts (usernames and passwords are
#: the documented demo ones: see server/demo.py).
_FALLBACK_ROLES = [
    DemoRole("staff.cbe", "demo-staff", "Branch staff — Coimbatore"),
    DemoRole("cashier.cbe", "demo-cashier", "Cashier — Coimbatore"),
    DemoRole("admin", "demo-admin", "Administrator — head office"),
]


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
    """The demo accounts the server seeds (user name, password, what the role is)."""
    try:
        from server import demo as server_demo
    except ImportError:
        return list(_FALLBACK_ROLES)
    users = getattr(server_demo, "DEMO_USERS", None)
    if not users:
        return list(_FALLBACK_ROLES)
    roles: list[DemoRole] = []
    for user in users:
        get = user.get if isinstance(user, dict) else lambda k, u=user: getattr(u, k, None)
        username = get("username") or get("device_code")
        password = get("password") or get("device_secret")
        if not username or not password:
            continue
        label = get("label") or get("display_name") or get("role") or username
        roles.append(DemoRole(str(username), str(password), str(label)))
    return roles or list(_FALLBACK_ROLES)


def start(data_dir: Path, accounts: int) -> DemoServer:
    """Start the embedded server with ``accounts`` demo accounts (blocking: seeds data).

    The server's SQLite file stays in the data folder, so a second run reuses it.
    """
    from server.embedded import start_server

    db_path = data_dir / SERVER_DB_FILE
    handle = start_server(f"sqlite:///{db_path}", accounts, host="127.0.0.1", port=0)
    log.info("demo server running at %s (database %s)", handle.url, db_path)
    return DemoServer(url=str(handle.url).rstrip("/"), roles=demo_roles(), handle=handle)
