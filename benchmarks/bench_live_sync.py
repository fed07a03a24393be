"""Two desks against one server process: how soon a payment recorded at desk 1 reaches the
server, and how soon desk 2 shows it.

    python benchmarks/bench_live_sync.py [--payments 20] [--accounts 2000]
        [--baseline-interval 10] [--work DIR]

The server is a separate process on 127.0.0.1 (SQLite). Each desk is the desktop's real
``SyncEngine`` (Qt, offscreen) over its own cache and outbox, signed in as branch staff.
For each payment: desk 1 records it in its outbox and emits ``outbox_changed`` (what the
payment dialog does on Confirm); the clock runs until

- **pushed**: desk 1's engine finished a cycle that the server applied it in;
- **seen**: desk 2's cache holds the account's new balance.

Live mode is the engine as shipped (push on write, long-poll ``GET /sync/wait``, timer an
hour away so it cannot help). The baseline is the same engine with both off, syncing on its
timer every ``--baseline-interval`` seconds (the shipped timer is 60 s; a shorter one keeps
the run short and flatters the baseline). Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import keyring
from bench_sync import start_server
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from billing.roles import Role
from db.cache import CACHE_FILE, open_cache
from db.outbox import OUTBOX_FILE, Outbox
from desktop.runtime.context import AppContext, AppEvents, CurrentUser
from desktop.runtime.tasks import TaskRunner
from desktop.settings.store import open_settings
from desktop.sync.engine import SyncEngine
from sync.auth import Authenticator
from sync.cycle import SyncOutcome
from sync.token_store import MemoryKeyring, SecretStore

STAFF = ("staff.cbe", "staff-demo")


def pump_until(predicate: Callable[[], bool], timeout: float) -> bool:
    """Run the Qt event loop until ``predicate()`` or ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            return False
        QCoreApplication.processEvents()
        time.sleep(0.002)
    return True


class BenchDesk:
    def __init__(self, app: QApplication, folder: Path, url: str, live: bool,
                 interval_s: int) -> None:
        folder.mkdir(parents=True)
        self.ctx = AppContext(
            data_dir=folder,
            cache_engine=open_cache(folder / CACHE_FILE),
            outbox=Outbox.open(folder / OUTBOX_FILE),
            user=CurrentUser("staff.cbe", "Kavitha Staff", Role.BRANCH_STAFF, branch_id=1),
            settings=open_settings(folder),
            tasks=TaskRunner(app),
            events=AppEvents(app),
        )
        self.auth = Authenticator(folder, self.ctx.cache_engine, self.ctx.outbox,
                                  SecretStore(MemoryKeyring()))
        self.auth.sign_in(url, *STAFF)
        assert self.auth.client is not None
        self.engine = SyncEngine(self.ctx, self.auth.client, interval_s=interval_s, live=live)
        self.outcomes: list[tuple[float, SyncOutcome]] = []
        self.engine.finished.connect(self._finished)

    def _finished(self, outcome: object) -> None:
        assert isinstance(outcome, SyncOutcome)
        self.outcomes.append((time.monotonic(), outcome))

    def balance(self, account_id: int) -> int:
        with self.ctx.cache_engine.connect() as conn:
            return int(conn.exec_driver_sql(
                "SELECT balance_paise FROM accounts WHERE id = ?", (account_id,)).scalar_one())

    def close(self) -> None:
        self.engine.stop()
        self.ctx.tasks.wait_idle()
        assert self.auth.client is not None
        self.auth.client.close()
        self.ctx.cache_engine.dispose()
        self.ctx.outbox.engine.dispose()


def run_mode(app: QApplication, work: Path, url: str, payments: int, live: bool,
             interval_s: int) -> dict[str, Any]:
    desks = [BenchDesk(app, work / f"desk{i}", url, live, interval_s) for i in (1, 2)]
    one, two = desks
    try:
        for desk in desks:
            desk.engine.start()
        assert pump_until(lambda: all(d.outcomes for d in desks), 300), "first sync"
        with one.ctx.cache_engine.connect() as conn:
            owing = [dict(r) for r in conn.exec_driver_sql(
                "SELECT id, balance_paise, branch_id FROM accounts "
                "WHERE balance_paise >= 100000 ORDER BY id LIMIT ?", (payments,)).mappings()]
        pushed, seen = [], []
        for account in owing:
            amount = 1_000
            target = two.balance(account["id"]) - amount
            before = len(one.outcomes)
            started = time.monotonic()
            one.ctx.outbox.enqueue_payment(
                account_id=account["id"],
                payload={"option": "payment", "method": "cash", "reference": None,
                         "amount_paise": amount, "plan_id": None, "charge_paise": 0,
                         "balance_before_paise": int(account["balance_paise"]),
                         "taken_at": int(datetime.now(UTC).timestamp()),
                         "branch_id": int(account["branch_id"]), "tendered_paise": None},
                created_by="staff.cbe", mutation_id=str(uuid.uuid4()))
            one.ctx.events.outbox_changed.emit()

            def applied(before: int = before) -> bool:
                return any(o.pushed.get("applied") for _, o in one.outcomes[before:])

            limit = 30 if live else 3 * interval_s + 30
            assert pump_until(applied, limit), "the payment never reached the server"
            at = next(t for t, o in one.outcomes[before:] if o.pushed.get("applied"))
            pushed.append(at - started)
            def arrived(account_id: int = account["id"], target: int = target) -> bool:
                return two.balance(account_id) == target

            assert pump_until(arrived, limit), "the other desk never showed it"
            seen.append(time.monotonic() - started)
        return {"pushed_s": _summary(pushed), "seen_at_other_desk_s": _summary(seen)}
    finally:
        for desk in desks:
            desk.close()


def _summary(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "n": len(ordered),
        "median": round(statistics.median(ordered), 3),
        "p95": round(ordered[max(0, round(0.95 * len(ordered)) - 1)], 3),
        "max": round(ordered[-1], 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--payments", type=int, default=20)
    parser.add_argument("--accounts", type=int, default=2000)
    parser.add_argument("--baseline-interval", type=int, default=10)
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args()
    keyring.set_keyring(MemoryKeyring())
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-live-"))
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    proc, url = start_server(work / "server.sqlite3", args.accounts)
    try:
        load_before = os.getloadavg()
        live = run_mode(app, work / "live", url, args.payments, True, 3600)
        baseline = run_mode(app, work / "baseline", url, args.payments, False,
                            args.baseline_interval)
        load_after = os.getloadavg()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    print(json.dumps({
        "payments": args.payments,
        "server_accounts": args.accounts,
        "live (push on write + GET /sync/wait)": live,
        f"baseline (timer every {args.baseline_interval} s)": baseline,
        "speed_up_seen_median": round(
            baseline["seen_at_other_desk_s"]["median"] / live["seen_at_other_desk_s"]["median"],
            1),
        "load_before": [round(x, 2) for x in load_before],
        "load_after": [round(x, 2) for x in load_after],
        "cpus": os.cpu_count(),
    }, indent=2))


if __name__ == "__main__":
    main()
