"""Demo data and demo sign-ins for ``--demo-accounts N`` (and the desktop's ``--demo``).

The accounts come from ``demo.data.generate`` (deterministic). On SQLite it writes the
server file directly; on PostgreSQL it writes a temporary SQLite file and copies it over
with ``COPY``. Then one user per role and a kiosk device for branch 1 (Coimbatore) are
added, with the passwords below (demo only: shown on the desktop's sign-in screen and by
``GET /api/v1/demo/users``).
"""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, select, text

from billing.roles import Role
from db import migrate
from db.schema import DOMAIN_TABLES
from db.server_schema import devices, users
from demo import data as demo_data
from server import auth
from server.config import Settings
from server.database import Database, _sqlite_engine, reset_sequences

log = logging.getLogger(__name__)

DEMO_BRANCH_ID = 1  # Coimbatore (CBE)


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: Role
    display_name: str
    branch_id: int | None
    kind: str = "user"  # or "device": username is the device code, password its secret

    def as_json(self) -> dict[str, object]:
        return {
            "username": self.username,
            "password": self.password,
            "role": self.role.value,
            "display_name": self.display_name,
            "branch_id": self.branch_id,
            "kind": self.kind,
        }


#: The demo sign-ins. The partner user belongs to the first reseller of branch 1.
DEMO_USERS: tuple[DemoLogin, ...] = (
    DemoLogin("admin", "admin-demo", Role.ADMIN, "Head office administrator", None),
    DemoLogin("partner.cbe", "partner-demo", Role.PARTNER, "Partner (Coimbatore LCO)",
              DEMO_BRANCH_ID),
    DemoLogin("staff.cbe", "staff-demo", Role.BRANCH_STAFF, "Branch staff, Coimbatore",
              DEMO_BRANCH_ID),
    DemoLogin("cashier.cbe", "cashier-demo", Role.CASHIER, "Cashier, Coimbatore",
              DEMO_BRANCH_ID),
    DemoLogin("KIOSKCBE1", "kiosk-demo", Role.KIOSK, "Kiosk 1, Coimbatore", DEMO_BRANCH_ID,
              kind="device"),
)


def demo_login(role: Role) -> DemoLogin:
    return next(u for u in DEMO_USERS if u.role is Role(role))


def seed(database: Database, settings: Settings, accounts: int, *,
         today: date | None = None, seed_value: int = 7) -> bool:
    """Fill an empty server database with demo data and users; False if it had accounts."""
    today = today or settings.today()
    with database.read.connect() as conn:
        if conn.execute(text("SELECT 1 FROM accounts LIMIT 1")).first() is not None:
            _ensure_users(database, settings)
            return False
    if database.is_postgres:
        _seed_postgres(database, accounts, today, seed_value)
    else:
        demo_data.generate(database.write, accounts, seed=seed_value, today=today)
    _ensure_users(database, settings)
    return True


def _ensure_users(database: Database, settings: Settings) -> None:
    with database.write.begin() as conn:
        reseller_id = conn.execute(
            text("SELECT min(id) FROM resellers WHERE branch_id = :b"), {"b": DEMO_BRANCH_ID}
        ).scalar()
        for login in DEMO_USERS:
            if login.kind == "device":
                exists = conn.execute(
                    select(func.count()).where(devices.c.device_code == login.username)
                ).scalar()
                if not exists:
                    auth.create_device(conn, settings, device_code=login.username,
                                       secret=login.password, branch_id=DEMO_BRANCH_ID,
                                       display_name=login.display_name)
                continue
            exists = conn.execute(
                select(func.count()).where(users.c.username == login.username)
            ).scalar()
            if exists:
                continue
            auth.create_user(
                conn, settings, username=login.username, password=login.password,
                role=login.role, display_name=login.display_name,
                branch_id=login.branch_id,
                reseller_id=reseller_id if login.role is Role.PARTNER else None,
            )


def _seed_postgres(database: Database, accounts: int, today: date, seed_value: int) -> None:
    with tempfile.TemporaryDirectory(prefix="demo-seed-") as folder:
        path = Path(folder) / "seed.sqlite3"
        engine = _sqlite_engine(str(path), immediate=False)
        migrate.upgrade(engine, "server")
        demo_data.generate(engine, accounts, seed=seed_value, today=today)
        engine.dispose()
        copy_sqlite_to_postgres(path, database)


def copy_sqlite_to_postgres(path: Path, database: Database) -> None:
    """Bulk-copy the domain tables of a SQLite server file into PostgreSQL."""
    import sqlite3

    from server.rows import table

    source = sqlite3.connect(path)
    try:
        raw = database.write.raw_connection()
        try:
            pg = raw.driver_connection
            assert pg is not None, "a pooled connection always has its driver connection"
            with pg.cursor() as cur:
                for name in DOMAIN_TABLES:
                    columns = [c.name for c in table(name).columns]
                    bools = {i for i, c in enumerate(table(name).columns)
                             if c.type.python_type is bool}
                    cols = ", ".join(f'"{c}"' for c in columns)
                    with cur.copy(f'COPY "{name}" ({cols}) FROM STDIN') as copy:
                        for row in source.execute(f'SELECT {cols} FROM "{name}"'):
                            if bools:
                                row = tuple(
                                    (None if v is None else bool(v)) if i in bools else v
                                    for i, v in enumerate(row)
                                )
                            copy.write_row(row)
            pg.commit()
        finally:
            raw.close()
    finally:
        source.close()
    with database.write.begin() as conn:
        reset_sequences(conn, [t for t in DOMAIN_TABLES if t != "account_tags"])
        conn.execute(text("ANALYZE"))
