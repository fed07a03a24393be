"""Reliability harness: a real server process, headless desk processes, exactly-once checks.

``RELIABILITY_SCALE=full`` runs every suite at its large size. Each suite records its
figures with :func:`record`; they are printed at the end of the run (and appended as JSON
lines to ``$RELIABILITY_FIGURES`` when that is set).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
CLIENT = ROOT / "scripts" / "reliability" / "client.py"
FULL = os.environ.get("RELIABILITY_SCALE", "").lower() == "full"
PG_URL = os.environ.get("TEST_POSTGRES_URL")
STAFF = ("staff.cbe", "staff-demo")
CASHIER = ("cashier.cbe", "cashier-demo")
SERVER_ACCOUNTS = 400

FIGURES: list[dict[str, Any]] = []


def scale(ci: int, full: int) -> int:
    return full if FULL else ci


def record(suite: str, **figures: Any) -> None:
    row = {"suite": suite, "scale": "full" if FULL else "ci", **figures}
    FIGURES.append(row)
    out = os.environ.get("RELIABILITY_FIGURES")
    if out:
        with open(out, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(row) + "\n")


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not FIGURES:
        return
    terminalreporter.section("reliability figures")
    for row in FIGURES:
        terminalreporter.write_line(json.dumps(row))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# -- the server as a process --------------------------------------------------------------------


@dataclass
class ServerProcess:
    """``python -m server.cli`` on 127.0.0.1 over one SQLite (or PostgreSQL) database."""

    db_url: str
    folder: Path
    port: int = field(default_factory=free_port)
    demo_accounts: int = SERVER_ACCOUNTS
    proc: subprocess.Popen | None = None
    starts: int = 0
    #: Logs of starts that exited at once (retried); a finding when not empty.
    failed_starts: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def db_path(self) -> Path:
        return Path(self.db_url.removeprefix("sqlite:///"))

    def start(self, timeout: float = 60, attempts: int = 3) -> None:
        for attempt in range(attempts):
            try:
                self._start(timeout)
                return
            except RuntimeError as exc:
                self.failed_starts.append(str(exc))
                if attempt == attempts - 1:
                    raise
                time.sleep(1.0)

    def _start(self, timeout: float) -> None:
        self.starts += 1
        log = open(self.folder / f"server-{self.starts}.log", "wb")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "server.cli", "--db", self.db_url, "--port", str(self.port),
             "--demo-accounts", str(self.demo_accounts), "--lifecycle-interval", "0",
             "--log-level", "WARNING"],
            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                log_file = self.folder / f"server-{self.starts}.log"
                raise RuntimeError(f"server exited: {log_file.read_text()[-3000:]}")
            try:
                if httpx.get(f"{self.url}/api/v1/health", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise RuntimeError("server did not start")

    def kill(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=30)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()

    def log_text(self) -> str:
        return "\n".join(p.read_text(errors="replace") for p in
                         sorted(self.folder.glob("server-*.log")))

    def query(self, sql: str, *args: object) -> list[tuple]:
        conn = sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True, timeout=30)
        try:
            return conn.execute(sql, args).fetchall()
        finally:
            conn.close()

    def sign_in(self, who: tuple[str, str] = STAFF, url: str | None = None) -> str:
        r = httpx.post(f"{url or self.url}/api/v1/auth/sign-in",
                       json={"username": who[0], "password": who[1]}, timeout=30)
        assert r.status_code == 200, r.text
        return r.json()["token"]

    def branch_accounts(self, n: int, branch: int = 1) -> list[int]:
        rows = self.query("SELECT id FROM accounts WHERE branch_id = ? AND status IN "
                          "('Active', 'Suspended') ORDER BY id LIMIT ?", branch, n)
        return [r[0] for r in rows]


def _sqlite_server(folder: Path) -> Iterator[ServerProcess]:
    """A started server process over an SQLite file in ``folder``; stopped afterwards."""
    srv = ServerProcess(f"sqlite:///{folder / 'server.sqlite3'}", folder)
    srv.start()
    try:
        yield srv
    finally:
        srv.stop()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[ServerProcess]:
    folder = tmp_path / "server"
    folder.mkdir()
    yield from _sqlite_server(folder)


@pytest.fixture(scope="module")
def module_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    yield from _sqlite_server(tmp_path_factory.mktemp("server"))


@dataclass
class InProcessDesk:
    """A desk's files and sync objects in the test process (no Qt)."""

    data_dir: Path
    cache: Any
    outbox: Any
    client: Any
    cycle: Any

    def close(self) -> None:
        self.client.close()
        self.cache.dispose()
        self.outbox.engine.dispose()


def open_desk(data_dir: Path, url: str, token: str, cache: Any = None) -> InProcessDesk:
    from db.cache import CACHE_FILE, open_cache
    from db.outbox import OUTBOX_FILE, Outbox
    from sync.client import SyncClient
    from sync.cycle import SyncCycle

    data_dir.mkdir(parents=True, exist_ok=True)
    cache = cache if cache is not None else open_cache(data_dir / CACHE_FILE)
    outbox = Outbox.open(data_dir / OUTBOX_FILE)
    client = SyncClient(url)
    client.set_token(token)
    return InProcessDesk(data_dir, cache, outbox, client, SyncCycle(client, cache, outbox))


def take_payment(desk: InProcessDesk, account_id: int, amount: int | None = None,
                 taken_at: Any = None) -> Any:
    """One payment through the payment dialog's functions; None when no option fits."""
    import uuid
    from datetime import UTC, datetime

    from billing.rules import PaymentMethod, PaymentOption, RuleError, check_payment
    from db.payments_local import build_payment_payload, load_account, record_payment

    account = load_account(desk.cache, desk.outbox, account_id)
    if PaymentOption.PAYMENT in account.options:
        option = PaymentOption.PAYMENT
        amount = amount or max(100, min(account.balance_paise, 5_000))
    else:
        option, amount = PaymentOption.ADVANCE, amount or 1_000
    try:
        check_payment(option, amount, balance_paise=account.balance_paise,
                      prepaid=account.prepaid)
    except RuleError:
        return None
    payload = build_payment_payload(
        account, option=option, method=PaymentMethod.CASH, reference=None,
        amount_paise=amount, charge_paise=0, plan_id=None, tendered_paise=None,
        taken_at=taken_at or datetime.now(UTC))
    return record_payment(desk.outbox, account_id=account_id, payload=payload,
                          created_by="reliability", mutation_id=str(uuid.uuid4()))


def table_hash(rows: list[tuple]) -> str:
    import hashlib

    return hashlib.sha256(repr(sorted(rows)).encode()).hexdigest()[:16]


# -- headless desks -----------------------------------------------------------------------------


class Zygote:
    """``client.py zygote``: forks desk processes on demand (fast restarts for kill loops)."""

    def __init__(self, token: str, folder: Path) -> None:
        env = {**os.environ, "RELIABILITY_TOKEN": token}
        self.stderr = open(folder / "zygote.err", "wb")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [sys.executable, str(CLIENT), "zygote"], cwd=ROOT, env=env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.stderr, text=True,
        )

    def fork(self, argv: list[str]) -> int:
        assert self.proc.stdin and self.proc.stdout
        self.proc.stdin.write("FORK " + json.dumps(argv) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        assert line.startswith("PID "), line
        return int(line.split()[1])

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.stderr.close()


def alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def wait_gone(pid: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while alive(pid):
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            raise AssertionError(f"desk process {pid} did not finish in {timeout} s")
        time.sleep(0.01)


def run_desk(argv: list[str], token: str, timeout: float = 180) -> subprocess.CompletedProcess:
    """One desk process from a fresh interpreter, to the end."""
    env = {**os.environ, "RELIABILITY_TOKEN": token}
    return subprocess.run([sys.executable, str(CLIENT), *argv], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout, check=True)


def desk_args(mode: str, data_dir: Path, server_url: str, events: Path, **opts: Any
              ) -> list[str]:
    argv = [mode, "--data-dir", str(data_dir), "--server", server_url, "--events", str(events)]
    for key, value in opts.items():
        flag = "--" + key.replace("_", "-")
        if value is True:
            argv.append(flag)
        elif value not in (None, False):
            argv += [flag, str(value)]
    return argv


# -- the exactly-once check ---------------------------------------------------------------------


@dataclass
class Ledger:
    opened: set[str]
    confirmed: dict[str, str]  # mutation id -> receipt number
    outbox: dict[str, tuple[str, int, int]]  # payment mutation id -> (state, account, amount)
    server: dict[str, list[tuple[int, int, str]]]  # payment uuid -> [(account, amount, receipt)]
    lost: list[str]
    duplicated: list[str]
    extra: list[str]
    pending: int
    rejected: dict[str, str]
    mismatched: list[str]

    @property
    def figures(self) -> dict[str, Any]:
        return {"payments_checked": len(self.outbox), "confirmed_seen": len(self.confirmed),
                "on_server": len(self.server), "lost": len(self.lost),
                "duplicated": len(self.duplicated), "extra": len(self.extra),
                "pending_left": self.pending, "rejected": len(self.rejected),
                "mismatched": len(self.mismatched)}


def read_events(paths: list[Path]) -> tuple[set[str], dict[str, str], Counter]:
    opened: set[str] = set()
    confirmed: dict[str, str] = {}
    kinds: Counter = Counter()
    for path in paths:
        if not path.exists():
            continue
        for line in path.read_text().splitlines():
            parts = line.split()
            if not parts:
                continue
            kinds[parts[0]] += 1
            if parts[0] == "OPEN":
                opened.add(parts[1])
            elif parts[0] == "CONFIRMED":
                confirmed[parts[1]] = parts[2]
    return opened, confirmed, kinds


def outbox_payments(data_dir: Path) -> tuple[dict[str, tuple[str, int, int]], dict[str, str]]:
    conn = sqlite3.connect(f"file:{data_dir / 'outbox.sqlite3'}?mode=ro", uri=True, timeout=30)
    try:
        rows = conn.execute("SELECT mutation_id, state, account_id, payload, result FROM "
                            "mutations WHERE kind = 'payment'").fetchall()
    finally:
        conn.close()
    out: dict[str, tuple[str, int, int]] = {}
    rejected: dict[str, str] = {}
    for mid, state, account, payload, result in rows:
        out[mid] = (state, account, json.loads(payload)["amount_paise"])
        if state in ("rejected", "conflict"):
            rejected[mid] = (json.loads(result or "{}").get("error") or {}).get("code", state)
    return out, rejected


def server_payments(query: Any, uuids: set[str], receipt_prefixes: set[str]
                    ) -> dict[str, list[tuple[int, int, str]]]:
    """Every server payment that names one of ``uuids`` or carries a receipt number of one
    of the devices (so a payment the desk never opened would show up as extra)."""
    found: dict[str, list[tuple[int, int, str]]] = {}
    rows = query("SELECT payment_uuid, account_id, amount_paise, receipt_number FROM payments")
    for uuid_, account, amount, receipt in rows:
        prefix = receipt.rsplit("-", 1)[0] if receipt else ""
        if uuid_ in uuids or prefix in receipt_prefixes:
            found.setdefault(uuid_, []).append((account, amount, receipt))
    return found


def check_ledger(query: Any, data_dirs: list[Path], events: list[Path]) -> Ledger:
    opened, confirmed, _ = read_events(events)
    outbox: dict[str, tuple[str, int, int]] = {}
    rejected: dict[str, str] = {}
    prefixes: set[str] = set()
    for d in data_dirs:
        o, r = outbox_payments(d)
        outbox.update(o)
        rejected.update(r)
        conn = sqlite3.connect(f"file:{d / 'outbox.sqlite3'}?mode=ro", uri=True)
        code = conn.execute("SELECT value FROM device_state WHERE key='device_code'").fetchone()
        conn.close()
        if code:
            prefixes.add(code[0])
    server = server_payments(query, set(outbox) | opened | set(confirmed), prefixes)
    lost = sorted(m for m in confirmed if m not in server and m not in rejected)
    lost += sorted(m for m, v in outbox.items()
                   if v[0] in ("applied", "duplicate") and m not in server)
    duplicated = sorted(u for u, rows in server.items() if len(rows) > 1)
    receipts = Counter(r[2] for rows in server.values() for r in rows)
    duplicated += sorted(f"receipt {r}" for r, n in receipts.items() if n > 1)
    extra = sorted(u for u in server if u not in outbox)
    mismatched = sorted(u for u, rows in server.items()
                        if u in outbox and (rows[0][0], rows[0][1]) != outbox[u][1:])
    pending = sum(1 for v in outbox.values() if v[0] == "pending")
    return Ledger(opened, confirmed, outbox, server, sorted(set(lost)), duplicated, extra,
                  pending, rejected, mismatched)


def assert_exactly_once(ledger: Ledger, *, allow_rejected: bool = False) -> None:
    assert not ledger.lost, f"LOST payments: {ledger.lost[:10]}"
    assert not ledger.duplicated, f"DUPLICATED payments: {ledger.duplicated[:10]}"
    assert not ledger.extra, f"server payments no desk wrote: {ledger.extra[:10]}"
    assert not ledger.mismatched, f"server amount/account differ: {ledger.mismatched[:10]}"
    assert ledger.pending == 0, f"{ledger.pending} payments still pending in the outbox"
    missing_confirmed = [m for m in ledger.confirmed if m not in ledger.outbox]
    assert not missing_confirmed, f"confirmed but not in the outbox: {missing_confirmed[:10]}"
    if not allow_rejected:
        assert not ledger.rejected, f"server refused payments: {ledger.rejected}"
