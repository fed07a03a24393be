"""Server test set-up: a real server (uvicorn on 127.0.0.1) over SQLite and PostgreSQL.

PostgreSQL runs where ``TEST_POSTGRES_URL`` is set (CI sets it, see ``.ci/run``); each test
module gets its own schema, dropped afterwards, so modules never see each other's rows.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine, text

from server.config import Settings
from server.demo_seed import demo_login
from server.embedded import EmbeddedServer, start_server
from tests.conftest import DEMO_TODAY

PG_URL = os.environ.get("TEST_POSTGRES_URL")
NO_PG = "PostgreSQL tests need TEST_POSTGRES_URL (set by .ci/run); not set here"
DEMO_ACCOUNTS = 400

BACKENDS = [
    "sqlite",
    pytest.param("postgres", marks=[pytest.mark.postgres,
                                    pytest.mark.skipif(not PG_URL, reason=NO_PG)]),
]


class Clock:
    """The server's clock, movable by tests (noon in India on the demo date)."""

    def __init__(self) -> None:
        self.moment = datetime(2026, 11, 27, 6, 30, tzinfo=UTC)
        assert self.moment.date() == DEMO_TODAY

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **kwargs: Any) -> None:
        self.moment += timedelta(**kwargs)

    def set_date(self, day: Any) -> None:
        self.moment = datetime(day.year, day.month, day.day, 6, 30, tzinfo=UTC)


def pg_schema_url(schema: str) -> str:
    assert PG_URL
    sep = "&" if "?" in PG_URL else "?"
    return f"{PG_URL}{sep}options=-csearch_path%3D{schema}"


@pytest.fixture(scope="module")
def db_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
           ) -> Iterator[str]:
    backend = request.param
    if backend == "sqlite":
        folder = tmp_path_factory.mktemp("server")
        yield f"sqlite:///{folder / 'server.sqlite3'}"
        return
    schema = f"t_{request.module.__name__.rsplit('.', 1)[-1]}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield pg_schema_url(schema)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "db_url" in metafunc.fixturenames:
        metafunc.parametrize("db_url", BACKENDS, indirect=True, scope="module")


@dataclass
class Running:
    server: EmbeddedServer
    clock: Clock

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def database(self) -> Any:
        return self.server.database

    @property
    def settings(self) -> Settings:
        return self.server.settings

    def client(self, token: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=30)

    def sign_in(self, role: str) -> str:
        login = demo_login(role)
        with self.client() as c:
            if login.kind == "device":
                r = c.post("/api/v1/auth/device-sign-in",
                           json={"device_code": login.username, "device_secret": login.password})
            else:
                r = c.post("/api/v1/auth/sign-in",
                           json={"username": login.username, "password": login.password})
        assert r.status_code == 200, r.text
        return r.json()["token"]

    def as_role(self, role: str) -> httpx.Client:
        return self.client(self.sign_in(role))

    def sql(self, query: str, **params: Any) -> list[Any]:
        with self.database.write.begin() as conn:
            result = conn.execute(text(query), params)
            return result.all() if result.returns_rows else []


def make_settings(clock: Clock, db_url: str) -> Settings:
    return Settings(db_url=db_url, clock=clock, lifecycle_interval_seconds=0, scrypt_n=2**12)


@pytest.fixture(scope="module")
def running(db_url: str) -> Iterator[Running]:
    clock = Clock()
    server = start_server(db_url, DEMO_ACCOUNTS, settings=make_settings(clock, db_url))
    try:
        yield Running(server, clock)
    finally:
        server.stop()


def pull_all(client: httpx.Client, cursor: str | None = None, limit: int = 5000
             ) -> tuple[list[dict[str, Any]], str, int]:
    """Pull until has_more is false: (changes, final cursor, pages)."""
    out: list[dict[str, Any]] = []
    pages = 0
    while True:
        params: dict[str, Any] = {"limit": limit}
        if cursor:
            params["cursor"] = cursor
        r = client.get("/api/v1/sync/pull", params=params)
        assert r.status_code == 200, r.text
        body = r.json()
        pages += 1
        out.extend(body["changes"])
        cursor = body["cursor"]
        if not body["has_more"]:
            return out, cursor, pages


def mutation(kind: str, account_id: int, payload: dict[str, Any], **extra: Any
             ) -> dict[str, Any]:
    return {"mutation_id": str(uuid.uuid4()), "seq": 1, "kind": kind,
            "account_id": account_id, "payload": payload, **extra}


def payment(account_id: int, option: str, amount: int, *, method: str = "cash",
            reference: str | None = None, plan_id: int | None = None, charge: int = 0,
            balance_before: int = 0) -> dict[str, Any]:
    mid = str(uuid.uuid4())
    return {
        "mutation_id": mid, "seq": 1, "kind": "payment", "account_id": account_id,
        "payload": {
            "option": option, "method": method, "reference": reference,
            "amount_paise": amount, "plan_id": plan_id, "charge_paise": charge,
            "balance_before_paise": balance_before, "taken_at": 1_795_800_000,
            "branch_id": 1, "receipt_number": f"DTEST-{mid[:6]}", "payment_uuid": mid,
            "tendered_paise": None,
        },
    }


def push(client: httpx.Client, *mutations: dict[str, Any]) -> list[dict[str, Any]]:
    body = {"device_code": "DTEST", "mutations": list(mutations)}
    r = client.post("/api/v1/sync/push", json=body)
    assert r.status_code == 200, r.text
    return r.json()["results"]




_USED: set[tuple[str, int]] = set()


def pick(running: Running, where: str, **params: Any) -> Any:
    """An account of branch 1 matching ``where`` that no other test in this run has used."""
    found = running.sql(
        "SELECT id, balance_paise, prepaid, status, plan_id, plan_expiry, version, branch_id, "
        f"reseller_id FROM accounts WHERE {where} ORDER BY id", **params
    )
    for row in found:
        key = (running.url, row.id)
        if key not in _USED:
            _USED.add(key)
            return row
    raise LookupError(f"no unused account where {where}")
