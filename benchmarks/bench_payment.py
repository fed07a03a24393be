"""Taking a payment: Confirm → receipt on screen, with the payment durable on disk.

    python benchmarks/bench_payment.py [--payments 200] [--fixture-accounts 2000]

Offscreen, over a fresh 2,000-account demo cache and an empty outbox (WAL,
``synchronous=FULL``) in a temporary folder on the project disk. For each payment the real
flow (``start_payment``) opens the payment dialog on an account that owes; timing starts at
the click on ``confirmPayment`` and stops when the receipt dialog has painted (first Paint
event of its receipt view). By then the outbox write has committed with FULL sync, so the
payment survives a power cut. Variants, each on its own set of accounts and outbox:

- **outbox (shipped)**: one long-lived engine on the outbox, one transaction per payment;
- **naive baseline: open per payment**: the same write through ``Outbox.open(path)`` every
  time (new engine, connection, pragmas and Alembic head check per payment), as code that
  treats the outbox as a file to open on demand would do;
- **not durable (synchronous=OFF)**: the shipped code with fsync turned off, to show what
  durability costs; not acceptable for money, a reference only.

Prints JSON with median, p95 and max in milliseconds, and the write alone (inside the task).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_common import wait_until
from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer, Slot
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import text

import desktop.payments.payment_record as payment_record
from billing.roles import Role
from billing.rules import PaymentOption
from db import migrate
from db.cache import CACHE_FILE, open_cache
from db.engine import sqlite_engine
from db.outbox import Outbox
from demo.data import generate
from desktop.payments.flow import active_flow, start_payment
from desktop.runtime.context import AppContext, AppEvents, CurrentUser
from desktop.runtime.pyside_guard import guard_singletons
from desktop.runtime.tasks import TaskRunner
from desktop.settings.store import open_settings

TODAY = date(2026, 11, 27)


class _PaintWatch(QObject):
    """Stops the clock at the first paint of the receipt window (or a widget inside it)."""

    def __init__(self, loop: QEventLoop) -> None:
        super().__init__()
        self.loop = loop
        self.target: QWidget | None = None
        self.at: float | None = None

    @Slot(object)
    def set_target(self, receipt: object) -> None:
        assert isinstance(receipt, QWidget)
        self.target = receipt

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        target = self.target
        if (
            self.at is None
            and target is not None
            and event.type() == QEvent.Type.Paint
            and isinstance(obj, QWidget)
            and (obj is target or target.isAncestorOf(obj))
        ):
            self.at = time.perf_counter()
            self.loop.quit()
        return False


def _context(app: QApplication, folder: Path, template: Path, outbox: Outbox) -> AppContext:
    shutil.copy(template, folder / CACHE_FILE)
    ctx = AppContext(
        data_dir=folder,
        cache_engine=open_cache(folder / CACHE_FILE),
        outbox=outbox,
        user=CurrentUser("cashier.cbe", "Bench Cashier", Role.CASHIER, branch_id=1),
        settings=open_settings(folder),
        tasks=TaskRunner(app),
        events=AppEvents(app),
    )
    ctx.today = lambda: TODAY  # type: ignore[method-assign]
    return ctx


def _accounts(ctx: AppContext, n: int) -> list[int]:
    """``n`` accounts made to owe ₹499.00 with nothing else open (so Payment is offered)."""
    with ctx.cache_engine.begin() as conn:
        ids = [r[0] for r in conn.execute(text(
            "SELECT id FROM accounts WHERE status != 'Terminated' ORDER BY id LIMIT :n"),
            {"n": n})]
        conn.execute(text(f"UPDATE accounts SET balance_paise = 49900 WHERE id IN "
                          f"({','.join(map(str, ids))})"))
    return ids


def run_variant(app: QApplication, name: str, folder: Path, template: Path, payments: int,
                outbox: Outbox, record: Callable[..., Any] | None) -> dict[str, Any]:
    folder.mkdir()
    ctx = _context(app, folder, template, outbox)
    ids = _accounts(ctx, payments + 5)
    original = payment_record.record_payment
    write_ms: list[float] = []

    def timed_record(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        result = (record or original)(*args, **kwargs)
        write_ms.append((time.perf_counter() - start) * 1000)
        return result

    payment_record.record_payment = timed_record
    samples: list[float] = []
    try:
        for i, account_id in enumerate(ids[: payments + 5]):
            start_payment(ctx, account_id, PaymentOption.PAYMENT, None)
            flow = active_flow(ctx, account_id)
            assert flow is not None
            wait_until(lambda f=flow: f.payment_dialog is not None
                       and f.payment_dialog.isVisible(), timeout_s=10.0)
            dialog = flow.payment_dialog
            assert dialog is not None and dialog.confirm.isEnabled()
            shown: list[Any] = []
            flow.receipt_shown.connect(shown.append)
            loop = QEventLoop()
            watch = _PaintWatch(loop)
            flow.receipt_shown.connect(watch.set_target)
            app.installEventFilter(watch)
            guard = QTimer()
            guard.setSingleShot(True)
            guard.timeout.connect(loop.quit)
            guard.start(10_000)
            started = time.perf_counter()
            dialog.confirm.click()
            if watch.at is None:
                loop.exec()
            app.removeEventFilter(watch)
            guard.stop()
            if watch.at is None:
                raise TimeoutError("the receipt was not painted")
            elapsed = (watch.at - started) * 1000
            receipt = shown[0]
            receipt.close()
            if i >= 5:  # the first few warm up imports, fonts and SQLite pages
                samples.append(elapsed)
        ctx.tasks.wait_idle()
        with outbox.engine.connect() as conn:
            written = conn.execute(text("SELECT COUNT(*) FROM mutations")).scalar_one()
    finally:
        payment_record.record_payment = original
        ctx.cache_engine.dispose()
    assert written == payments + 5, (written, payments)
    samples.sort()
    writes = sorted(write_ms[5:])
    return {
        "variant": name,
        "payments": len(samples),
        "confirm_to_receipt_ms": {
            "median": round(statistics.median(samples), 2),
            "p95": round(samples[int(len(samples) * 0.95) - 1], 2),
            "max": round(samples[-1], 2),
        },
        "durable_write_ms": {
            "median": round(statistics.median(writes), 2),
            "p95": round(writes[int(len(writes) * 0.95) - 1], 2),
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--payments", type=int, default=200)
    parser.add_argument("--fixture-accounts", type=int, default=2000)
    args = parser.parse_args(argv)
    guard_singletons()  # as the app does at start: PySide6 6.12 leaks a True per emit()
    app = QApplication.instance() or QApplication([])
    base = Path(tempfile.mkdtemp(prefix="bench-payment-", dir=os.environ.get("BENCH_DIR")))
    template = base / "template.sqlite3"
    engine = open_cache(template)
    generate(engine, args.fixture_accounts, seed=7, today=TODAY)
    engine.dispose()
    results = []

    shipped = Outbox.open(base / "shipped-outbox.sqlite3")
    results.append(run_variant(app, "outbox (shipped)", base / "shipped", template,
                               args.payments, shipped, None))
    shipped.engine.dispose()

    naive_path = base / "naive-outbox.sqlite3"
    naive_box = Outbox.open(naive_path)

    def open_per_payment(outbox: Outbox, **kwargs: Any) -> Any:
        box = Outbox.open(naive_path)
        try:
            return box.enqueue_payment(**kwargs)
        finally:
            box.engine.dispose()

    results.append(run_variant(app, "naive baseline: open per payment", base / "naive",
                               template, args.payments, naive_box, open_per_payment))
    naive_box.engine.dispose()

    off_engine = sqlite_engine(base / "off-outbox.sqlite3", synchronous="OFF")
    migrate.upgrade(off_engine, "outbox")
    results.append(run_variant(app, "not durable (synchronous=OFF)", base / "off", template,
                               args.payments, Outbox(off_engine), None))
    off_engine.dispose()

    print(json.dumps({
        "machine": {"python": platform.python_version(), "sqlite": sqlite3.sqlite_version,
                    "cpus": os.cpu_count(), "folder": str(base)},
        "results": results,
    }, indent=2))
    shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
