"""Issue #14, findings 3 to 9: one regression test per finding (docs/reliability.md has the
table: finding, test, before, after).

Every test talks to a real server on 127.0.0.1 over HTTP. The client address a request
comes from is set with ``X-Forwarded-For``: uvicorn trusts that header from 127.0.0.1 (its
``forwarded_allow_ips`` default), exactly as it does behind a reverse proxy on the same host.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import sqlite3
import stat
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine, text

from server.auth import create_user
from server.config import Settings
from server.embedded import EmbeddedServer, start_server
from tests.reliability.conftest import PG_URL, ROOT, free_port, record

API = "/api/v1"
TAKEN_AT = 1_795_800_000  # 2026-11-27 17:20 UTC, the day of the clock below


class Clock:
    def __init__(self) -> None:
        self.moment = datetime(2026, 11, 27, 6, 30, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **kwargs: Any) -> None:
        self.moment += timedelta(**kwargs)


def _settings(url: str, clock: Clock, **extra: Any) -> Settings:
    return Settings(db_url=url, clock=clock, lifecycle_interval_seconds=0, scrypt_n=2**12,
                    **extra)


@pytest.fixture(scope="module")
def srv(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[EmbeddedServer, Clock]]:
    folder = tmp_path_factory.mktemp("security-review")
    clock = Clock()
    url = f"sqlite:///{folder / 'server.sqlite3'}"
    server = start_server(url, 120, settings=_settings(url, clock))
    try:
        yield server, clock
    finally:
        server.stop()


_ADDRESS = iter(range(1, 1 << 20))


def address() -> str:
    """A client address of its own for each test, so throttles never cross tests."""
    n = next(_ADDRESS)
    return f"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}"


def sign_in(server: EmbeddedServer, username: str, password: str, device: str | None = None,
            ip: str | None = None) -> httpx.Response:
    body: dict[str, Any] = {"username": username, "password": password}
    if device:
        body["device_code"] = device
    return httpx.post(f"{server.url}{API}/auth/sign-in", json=body, timeout=60,
                      headers={"X-Forwarded-For": ip or address()})


def token(server: EmbeddedServer, username: str, password: str, device: str | None = None
          ) -> str:
    r = sign_in(server, username, password, device)
    assert r.status_code == 200, r.text
    return r.json()["token"]


def call(server: EmbeddedServer, bearer: str | None, method: str, path: str, **kw: Any
         ) -> httpx.Response:
    headers = {"Authorization": f"Bearer {bearer}"} if bearer else {}
    headers.update(kw.pop("headers", {}))
    return httpx.request(method, f"{server.url}{API}{path}", headers=headers, timeout=60, **kw)


def push_raw(server: EmbeddedServer, bearer: str, device: str,
             mutations: list[dict[str, Any]]) -> httpx.Response:
    """A push whose JSON may carry lone surrogates (escaped as ``\\ud800``, as JSON allows)."""
    body = json.dumps({"device_code": device, "mutations": mutations})
    return call(server, bearer, "POST", "/sync/push", content=body.encode("ascii"),
                headers={"Content-Type": "application/json"})


def sql(server: EmbeddedServer, query: str, **params: Any) -> list[Any]:
    with server.database.write.begin() as conn:
        result = conn.execute(text(query), params)
        return result.all() if result.returns_rows else []


def account_of(server: EmbeddedServer, branch: int, *, skip: int = 0) -> int:
    return sql(server, "SELECT id FROM accounts WHERE branch_id = :b AND status IN "
                       "('Active', 'Suspended') ORDER BY id LIMIT 1 OFFSET :s",
               b=branch, s=skip)[0][0]


def advance_payment(account_id: int, amount: int = 100, *, mid: str | None = None,
                    payment_uuid: str | None = None, taken_at: int = TAKEN_AT,
                    receipt: str | None = None) -> dict[str, Any]:
    mid = mid or str(uuid.uuid4())
    return {"mutation_id": mid, "seq": 1, "kind": "payment", "account_id": account_id,
            "payload": {"option": "advance", "method": "cash", "reference": None,
                        "amount_paise": amount, "plan_id": None, "charge_paise": 0,
                        "balance_before_paise": 0, "taken_at": taken_at,
                        "receipt_number": receipt or f"DX-{mid[:8]}",
                        "payment_uuid": payment_uuid or mid, "tendered_paise": None}}


def comment(account_id: int, body: str) -> dict[str, Any]:
    return {"mutation_id": str(uuid.uuid4()), "seq": 1, "kind": "comment",
            "account_id": account_id, "payload": {"body": body, "created_at": TAKEN_AT}}


def edit(account_id: int, fields: dict[str, Any]) -> dict[str, Any]:
    return {"mutation_id": str(uuid.uuid4()), "seq": 1, "kind": "edit",
            "account_id": account_id, "base_version": None,
            "payload": {"fields": fields, "before": {}}}


def pg_server(clock: Clock) -> Iterator[EmbeddedServer]:
    """The same server over a schema of its own on the test PostgreSQL."""
    assert PG_URL
    schema = f"t_security_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in PG_URL else "?"
    url = f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
    server = start_server(url, 40, settings=_settings(url, clock))
    try:
        yield server
    finally:
        server.stop()
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


# -- finding 5: idempotency keys belong to the caller ---------------------------------------


def test_a_reused_mutation_id_is_a_conflict_never_someone_elses_receipt(
        srv: tuple[EmbeddedServer, Clock]) -> None:
    server, _ = srv
    admin = token(server, "admin", "admin-demo", "DADM5")
    partner = token(server, "partner.cbe", "partner-demo", "DPRT5")
    foreign = account_of(server, 2)
    own = sql(server, "SELECT a.id FROM accounts a JOIN users u ON u.reseller_id = "
                      "a.reseller_id WHERE u.username = 'partner.cbe' AND a.balance_paise < 100 "
                      "AND a.status = 'Active' ORDER BY a.id LIMIT 1")[0][0]
    first = advance_payment(foreign, 12_300)
    [applied] = push_raw(server, admin, "DADM5", [first]).json()["results"]
    assert applied["status"] == "applied", applied
    secret = applied["payment"]["document_number"]
    # the partner replays the admin's mutation id, then the admin's payment_uuid
    replay_id = advance_payment(own, 100, mid=first["mutation_id"])
    replay_uuid = advance_payment(own, 100, payment_uuid=first["payload"]["payment_uuid"])
    answers = push_raw(server, partner, "DPRT5", [replay_id, replay_uuid]).json()["results"]
    for answer in answers:
        assert answer["status"] == "conflict", answer
        assert secret not in json.dumps(answer)
        assert answer["error"]["code"] == "idempotency_key_reused", answer
    # the owner retrying the same payment still gets its stored answer
    [again] = push_raw(server, admin, "DADM5", [first]).json()["results"]
    assert again["status"] == "duplicate" and again["payment"]["document_number"] == secret
    # the owner reusing its own id for another amount: a conflict, not that payment
    changed = {**first, "payload": {**first["payload"], "amount_paise": 99_900}}
    [reused] = push_raw(server, admin, "DADM5", [changed]).json()["results"]
    assert reused["status"] == "conflict", reused
    assert sql(server, "SELECT count(*) FROM payments WHERE payment_uuid = :u",
               u=first["payload"]["payment_uuid"])[0][0] == 1
    record("14.5 idempotency scope", replays=2, duplicates_leaked=0)


# -- finding 6: a lone surrogate is refused per mutation -------------------------------------


def _surrogate_batch(server: EmbeddedServer) -> None:
    bearer = token(server, "staff.cbe", "staff-demo", "DSUR6")
    account = account_of(server, 1)
    bad = "caf\ud800"
    batch = [
        comment(account, bad),
        advance_payment(account, receipt=f"DS-{bad}"),
        advance_payment(account, payment_uuid=f"{uuid.uuid4().hex[:30]}{bad}"),
        edit(account, {"installation_address": f"12 {bad} Street"}),
        edit(account, {"router_brand": bad}),
        comment(account, "after the bad ones"),
    ]
    r = push_raw(server, bearer, "DSUR6", batch)
    assert r.status_code == 200, r.text[:300]
    results = r.json()["results"]
    assert [x["status"] for x in results] == ["rejected"] * 5 + ["applied"], results
    assert all(x["error"]["code"] == "invalid_payload" for x in results[:5])
    assert all("surrogate" in x["error"]["message"] for x in results[:5])


def test_a_lone_surrogate_is_refused_per_mutation_sqlite(
        srv: tuple[EmbeddedServer, Clock]) -> None:
    _surrogate_batch(srv[0])


@pytest.mark.postgres
@pytest.mark.skipif(not PG_URL, reason="needs TEST_POSTGRES_URL")
def test_a_lone_surrogate_is_refused_per_mutation_postgres() -> None:
    for server in pg_server(Clock()):
        _surrogate_batch(server)


# -- finding 7: cursors are signed; anything unreadable is 410 -------------------------------


def _payload(cursor: str) -> dict[str, Any]:
    body = cursor.split(".", 1)[0]
    return json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))


def _encode(data: dict[str, Any]) -> str:
    raw = json.dumps(data, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def test_edited_cursors_answer_410(srv: tuple[EmbeddedServer, Clock]) -> None:
    server, _ = srv
    bearer = token(server, "staff.cbe", "staff-demo", "DCUR7")
    r = call(server, bearer, "GET", "/sync/pull", params={"limit": 50})
    assert r.status_code == 200
    cursor = r.json()["cursor"]
    data = _payload(cursor)
    edits = [{"t": -100}, {"k": 5}, {"k": []}, {"k": [{}]}, {"x": 2**63}, {"q": 2**63},
             {"t": 10**6}, {"k": ["x"]}, {"m": "d", "x": -1}]
    bad = [_encode({**data, **e}) for e in edits]
    signature = cursor.split(".", 1)[1] if "." in cursor else "AAAA"
    bad += [f"{b}.{signature}" for b in bad] + [cursor[:-2], cursor + "A", "garbage", ""]
    statuses = {}
    for b in bad:
        if not b:
            continue
        answer = call(server, bearer, "GET", "/sync/pull", params={"cursor": b, "limit": 50})
        statuses[b] = answer.status_code
        if answer.status_code == 410:
            assert answer.json()["error"]["code"] == "resync"
    assert set(statuses.values()) == {410}, [(n, v) for n, v in enumerate(statuses.values())
                                             if v != 410]
    ok = call(server, bearer, "GET", "/sync/pull", params={"cursor": cursor, "limit": 50})
    assert ok.status_code == 200, ok.text
    record("14.7 edited cursors", cursors=len(statuses), answered_410=len(statuses))


# -- finding 3: throttling by username and address, not a lock-out of the real user ----------


def test_guessing_cannot_lock_the_real_user_out(srv: tuple[EmbeddedServer, Clock]) -> None:
    server, clock = srv
    with server.database.write.begin() as conn:
        create_user(conn, server.settings, username="victim.3", password="victim-secret",
                    display_name="V", role="cashier", branch_id=1)
    # the real user signed in from her desk before
    assert sign_in(server, "victim.3", "victim-secret", "DVIC3").status_code == 200
    attacker = address()
    codes = [sign_in(server, "victim.3", f"guess-{i}", ip=attacker).status_code
             for i in range(8)]
    assert codes[:5] == [401] * 5 and set(codes[5:]) == {429}, codes
    # the delays grow while guessing goes on (each one waited out)
    delays = []
    for i in range(3):
        r = sign_in(server, "victim.3", f"again-{i}", ip=attacker)
        assert r.status_code == 429, r.text
        delays.append(int(r.headers["Retry-After"]))
        clock.advance(seconds=delays[-1])
        assert sign_in(server, "victim.3", f"again-{i}", ip=attacker).status_code == 401
    assert delays == sorted(delays) and delays[-1] > delays[0], delays
    # meanwhile: the right password from a desk never seen waits like the attacker ...
    r = sign_in(server, "victim.3", "victim-secret", "DNEW3")
    assert r.status_code == 429, r.text
    # ... and from her known desk it signs in, during the attack
    assert sign_in(server, "victim.3", "victim-secret", "DVIC3").status_code == 200
    # spraying one password over many names from one address is limited by the address
    sprayer = address()
    spray = [sign_in(server, f"name{i}.3", "Password@123", ip=sprayer).status_code
             for i in range(40)]
    limit = server.settings.signin_address_free_failures
    assert spray[:limit] == [401] * limit and 429 in spray, spray
    assert spray.index(429) == limit
    record("14.3 throttle", guesses_before_delay=5, known_device_signs_in=True,
           delays=delays, spray_stopped_after=spray.index(429))


# -- finding 4: scrypt outside the write lock; a bounded failure table -----------------------


def test_bad_sign_ins_do_not_hold_the_write_lock(srv: tuple[EmbeddedServer, Clock]) -> None:
    server, _ = srv
    with server.database.write.begin() as conn:
        create_user(conn, server.settings, username="slow.4", password="slow-secret",
                    display_name="S", role="cashier", branch_id=1)
        # a costly verifier (scrypt n=2^15, p=16: about 1 s per check on the test machine)
        salt = os.urandom(16)
        digest = hashlib.scrypt(b"slow-secret", salt=salt, n=2**15, r=8, p=16,
                                maxmem=2**27, dklen=32)
        b64 = base64.b64encode
        conn.execute(text("UPDATE users SET password_hash = :h WHERE username = 'slow.4'"),
                     {"h": f"scrypt${2**15}$8$16${b64(salt).decode()}${b64(digest).decode()}"})
    staff = token(server, "staff.cbe", "staff-demo", "DLCK4")
    account = account_of(server, 1, skip=3)
    db_path = server.settings.db_url.removeprefix("sqlite:///")
    done: list[str] = []
    lock = threading.Lock()

    def bad(i: int) -> None:
        r = sign_in(server, "slow.4", f"wrong-{i}")
        with lock:
            done.append(f"sign-in {r.status_code}")

    threads = [threading.Thread(target=bad, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    time.sleep(0.2)  # the four checks are under way
    # while they run, the database takes a writer at once
    probe = sqlite3.connect(db_path, timeout=0, isolation_level=None)
    locked = 0
    for _ in range(5):
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.execute("ROLLBACK")
        except sqlite3.OperationalError:
            locked += 1
        time.sleep(0.01)
    probe.close()
    r = push_raw(server, staff, "DLCK4", [advance_payment(account)])
    with lock:
        done.append(f"push {r.status_code}")
    for t in threads:
        t.join()
    assert done[0] == "push 200", done
    assert locked <= 1, f"the write lock was held during {locked} of 5 probes"
    record("14.4 sign-in vs push", bad_sign_ins=4, push_answered_first=True,
           write_lock_probes_blocked=locked)


def test_unknown_names_do_not_grow_a_table(tmp_path: Path) -> None:
    clock = Clock()
    url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    with start_server(url, 20, settings=_settings(url, clock, signin_unknown_buckets=8)
                      ) as server:
        buckets = server.settings.signin_unknown_buckets
        ip = address()
        for i in range(3 * buckets):
            r = sign_in(server, f"ghost-{i}", "x", ip=ip)
            if r.status_code == 429:
                clock.advance(seconds=int(r.headers["Retry-After"]))
                r = sign_in(server, f"ghost-{i}", "x", ip=ip)
            assert r.status_code == 401, r.text
        rows = sql(server, "SELECT count(*) FROM signin_throttle")[0][0]
    assert rows <= buckets + 1, rows
    record("14.4 unknown names", names=3 * buckets, throttle_rows=rows)


# -- finding 8: the smaller ones -------------------------------------------------------------


def test_a_user_token_pushes_only_as_its_device(srv: tuple[EmbeddedServer, Clock]) -> None:
    server, _ = srv
    bearer = token(server, "cashier.cbe", "cashier-demo", "DOWN8")
    account = account_of(server, 1, skip=5)
    r = push_raw(server, bearer, "DTHEIRS8", [comment(account, "as another desk")])
    assert r.status_code == 403, r.text
    assert r.json()["error"]["code"] == "device_mismatch"
    assert push_raw(server, bearer, "DOWN8", [comment(account, "mine")]).status_code == 200


def test_taken_at_is_bounded_to_server_time(srv: tuple[EmbeddedServer, Clock]) -> None:
    server, _ = srv
    bearer = token(server, "cashier.cbe", "cashier-demo", "DTIME8")
    account = account_of(server, 1, skip=6)
    m = advance_payment(account, taken_at=0)
    [result] = push_raw(server, bearer, "DTIME8", [m]).json()["results"]
    assert result["status"] == "applied", result
    [(taken_at,)] = sql(server, "SELECT taken_at FROM payments WHERE payment_uuid = :u",
                        u=m["mutation_id"])
    assert taken_at == server.settings.now_epoch(), "taken_at is the server's time"
    logged = sql(server, "SELECT description FROM log_entries WHERE account_id = :a "
                         "ORDER BY id DESC LIMIT 1", a=account)[0][0]
    assert "1970-01-01" in logged, logged


def test_an_admin_revokes_a_kiosk_device(srv: tuple[EmbeddedServer, Clock]) -> None:
    server, _ = srv
    r = httpx.post(f"{server.url}{API}/auth/device-sign-in", timeout=30,
                   json={"device_code": "KIOSKCBE1", "device_secret": "kiosk-demo"})
    kiosk = r.json()["token"]
    assert call(server, kiosk, "GET", "/me").status_code == 200
    assert call(server, kiosk, "GET", "/sync/pull", params={"limit": 10}).status_code == 200
    key_before = sql(server, "SELECT key_id FROM kiosk_keys WHERE device_code = 'KIOSKCBE1'")
    staff = token(server, "staff.cbe", "staff-demo")
    assert call(server, staff, "POST", "/admin/devices/KIOSKCBE1/revoke-tokens"
                ).status_code == 403
    admin = token(server, "admin", "admin-demo")
    r = call(server, admin, "POST", "/admin/devices/kioskcbe1/revoke-tokens")
    assert r.status_code == 200 and r.json()["revoked"] >= 1, r.text
    assert call(server, kiosk, "GET", "/me").status_code == 401
    # Its sealed offline rows no longer open: the key they were sealed with is replaced.
    key_after = sql(server, "SELECT key_id FROM kiosk_keys WHERE device_code = 'KIOSKCBE1'")
    assert key_before and key_after and key_before != key_after


def test_demo_mode_does_not_log_demo_passwords(tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / "server.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "server.cli", "--db", f"sqlite:///{tmp_path / 's.sqlite3'}",
             "--port", str(port), "--demo-accounts", "5", "--lifecycle-interval", "0",
             "--log-level", "INFO"], cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{port}{API}/health").status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    text_ = log.read_text()
    assert "demo" in text_  # it did start in demo mode and log at INFO
    from server.demo_seed import DEMO_USERS

    leaked = [u.username for u in DEMO_USERS if u.password in text_]
    assert not leaked, leaked


def test_desk_files_are_private(tmp_path: Path) -> None:
    if os.name != "posix":
        pytest.skip("file modes are a POSIX matter; on Windows the data folder is per user")
    from db.cache import CACHE_FILE, open_cache
    from db.outbox import OUTBOX_FILE, Outbox
    from sync.offline_verifiers import OfflineVerifiers

    old = os.umask(0o022)
    try:
        cache = open_cache(tmp_path / CACHE_FILE)
        with cache.begin() as conn:
            conn.exec_driver_sql("CREATE TABLE IF NOT EXISTS t_mode (x)")
        outbox = Outbox.open(tmp_path / OUTBOX_FILE)
        outbox.device_code()
        verifiers = OfflineVerifiers(tmp_path)
        verifiers.remember("staff.cbe", "staff-demo", {"username": "staff.cbe"}, "http://x")
        cache.dispose()
        outbox.engine.dispose()
    finally:
        os.umask(old)
    files = [p for p in tmp_path.iterdir() if p.is_file()]
    assert {CACHE_FILE, OUTBOX_FILE, verifiers.path.name} <= {p.name for p in files}
    loose = {p.name: oct(stat.S_IMODE(p.stat().st_mode)) for p in files
             if stat.S_IMODE(p.stat().st_mode) & 0o077}
    assert not loose, loose


def test_openapi_publishes_big_limits_as_integers(srv: tuple[EmbeddedServer, Clock]) -> None:
    server, _ = srv
    raw = httpx.get(f"{server.url}/openapi.json", timeout=30).text
    floats = re.findall(r'"(?:maximum|minimum|exclusiveMaximum)":\s*-?[0-9.]+e[+-]?[0-9]+', raw)
    assert not floats, floats[:3]
    assert '"maximum":4611686018427387904' in raw.replace(" ", "")


# -- finding 9: HTTP hardening ---------------------------------------------------------------


def test_every_answer_carries_security_headers(srv: tuple[EmbeddedServer, Clock]) -> None:
    server, _ = srv
    bearer = token(server, "staff.cbe", "staff-demo")
    answers = {
        "sign-in": sign_in(server, "staff.cbe", "staff-demo"),
        "me": call(server, bearer, "GET", "/me"),
        "pull": call(server, bearer, "GET", "/sync/pull", params={"limit": 5}),
        "401": call(server, None, "GET", "/me"),
        "404": call(server, bearer, "GET", "/no/such/route"),
        "413": call(server, bearer, "POST", "/sync/push", content=b" " * (5 << 20),
                    headers={"Content-Type": "application/json"}),
    }
    for name, r in answers.items():
        assert r.headers.get("x-content-type-options") == "nosniff", name
        assert r.headers.get("cache-control") == "no-store", name
        assert "default-src 'none'" in r.headers.get("content-security-policy", ""), name
        assert r.headers.get("x-frame-options") == "DENY", name
    # the interactive docs are off unless the server is started with them
    assert httpx.get(f"{server.url}/docs", timeout=30).status_code == 404
    assert httpx.get(f"{server.url}/redoc", timeout=30).status_code == 404


def test_docs_pages_when_enabled_have_a_strict_csp(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    with start_server(url, 5, settings=_settings(url, Clock(), api_docs=True)) as server:
        for page in ("/docs", "/redoc"):
            r = httpx.get(f"{server.url}{page}", timeout=30)
            assert r.status_code == 200, page
            csp = r.headers["content-security-policy"]
            assert "'unsafe-inline'" not in csp.split("style-src")[0], csp
            assert "'unsafe-eval'" not in csp, csp
            nonce = re.search(r"'nonce-([^']+)'", csp)
            assert nonce, csp
            scripts = re.findall(r"<script([^>]*)>", r.text)
            assert scripts and all(f'nonce="{nonce.group(1)}"' in s or "src=" in s
                                   for s in scripts), scripts
            assert r.headers.get("x-content-type-options") == "nosniff"


def test_partners_do_not_receive_staff_mobiles(srv: tuple[EmbeddedServer, Clock]) -> None:
    server, _ = srv
    staff_mobiles = {m for (m,) in sql(server, "SELECT mobile FROM staff WHERE branch_id = 1 "
                                               "AND mobile IS NOT NULL")}
    assert staff_mobiles
    partner = token(server, "partner.cbe", "partner-demo")
    for fmt in ("rows", "columns"):
        seen: list[Any] = []
        cursor = None
        while True:
            params: dict[str, Any] = {"limit": 5000, "format": fmt}
            if cursor:
                params["cursor"] = cursor
            body = call(server, partner, "GET", "/sync/pull", params=params).json()
            seen += [c["row"] for c in body["changes"] if c["table"] == "staff"]
            for block in body.get("snapshot", []):
                if block["table"] == "staff":
                    seen += [dict(zip(block["columns"], r, strict=True))
                             for r in block["rows"]]
            cursor = body["cursor"]
            if not body["has_more"]:
                break
        assert seen and all(r["name"] for r in seen), fmt
        assert not [r["mobile"] for r in seen if r["mobile"]], fmt
