"""The counter loop by keyboard: Account ID to receipt, keystrokes and app time per loop.

    python benchmarks/bench_counter_flow.py --cache /work/bench-data/demo-20k.sqlite3 \\
        --accounts 20000 [--rounds 5]

Offscreen, the real main window (``MainWindow``) of a cashier of branch 1 over a copy of the
demo cache at ``--cache`` (generated there with ``--accounts`` accounts, seed 7, business
date 2026-11-27, when the file does not exist yet) and an empty outbox, both in a
temporary folder (``BENCH_DIR`` chooses where). Three loops, each ``--rounds`` times on
fresh accounts, driven only by QTest key events sent to the focused widget, as a keyboard
or a USB scanner in keyboard mode would:

- **Payment**: a postpaid account owing ₹499.00: ID digits, Enter, F2, Enter;
- **Recharge**: a prepaid account with nothing due and an active plan: ID digits, Enter,
  F2, Enter (Continue with current plan), Enter;
- **Advance**: a postpaid account with nothing due: ID digits, Enter, F2, amount, Enter.

Keystrokes counted are every key except the ID's digits and the amount's. App time is the
wall clock from the first key of the ID to the moment the payment is durable in the outbox
and Quick Search is focused and empty again; the keys are sent the moment the app is ready
for them (the next window is active), so it is the time the app makes the cashier wait.
Prints JSON: keystrokes, and app time median and max in milliseconds, per loop.
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

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_common import wait_until
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import text

from billing.roles import Role
from billing.rules import PaymentOption
from db.cache import CACHE_FILE, open_cache
from db.outbox import OUTBOX_FILE, Outbox
from demo.data import generate
from desktop.accounts.main_window import MainWindow
from desktop.payments.flow import SETTINGS_AFTER_RECORD, active_flow
from desktop.runtime.context import AppContext, AppEvents, CurrentUser
from desktop.runtime.pyside_guard import guard_singletons
from desktop.runtime.tasks import TaskRunner
from desktop.settings.store import open_settings

TODAY = date(2026, 11, 27)
GOAL_KEYS = 8
GOAL_APP_S = 10.0


class Keys:
    """Key events to the focused widget; counts the keys that are not ID or amount."""

    def __init__(self) -> None:
        self.counted = 0

    @staticmethod
    def _focus() -> QWidget:
        widget = QApplication.focusWidget()
        if widget is None:
            raise RuntimeError("no widget has the keyboard focus")
        return widget

    def type(self, digits: str) -> None:
        for ch in digits:
            QTest.keyClicks(self._focus(), ch)

    def press(self, key: Qt.Key) -> None:
        self.counted += 1
        QTest.keyClick(self._focus(), key)


def _ensure_cache(path: Path, accounts: int) -> None:
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    print(f"generating {accounts:,} demo accounts in {path} ...", file=sys.stderr)
    engine = open_cache(path)
    generate(engine, accounts, seed=7, today=TODAY)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()


def _context(app: QApplication, folder: Path, cache: Path) -> AppContext:
    shutil.copy(cache, folder / CACHE_FILE)
    ctx = AppContext(
        data_dir=folder,
        cache_engine=open_cache(folder / CACHE_FILE),
        outbox=Outbox.open(folder / OUTBOX_FILE),
        user=CurrentUser("cashier.cbe", "Bench Cashier", Role.CASHIER, branch_id=1),
        settings=open_settings(folder),
        tasks=TaskRunner(app),
        events=AppEvents(app),
    )
    ctx.today = lambda: TODAY  # type: ignore[method-assign]
    ctx.settings.setValue(SETTINGS_AFTER_RECORD, "show")
    return ctx


def _accounts(ctx: AppContext, prepaid: bool, balance_paise: int, n: int,
              skip: set[int]) -> list[int]:
    """``n`` active accounts of branch 1 of the kind, made to have ``balance_paise`` and no
    open invoice (prepaid ones with a plan, so Continue with current plan is offered)."""
    with ctx.cache_engine.begin() as conn:
        rows = conn.execute(text(
            "SELECT id FROM accounts WHERE branch_id = 1 AND prepaid = :p AND status = 'Active' "
            "AND plan_id IS NOT NULL ORDER BY id LIMIT :n"), {"p": prepaid, "n": n + len(skip)})
        ids = [int(r[0]) for r in rows if int(r[0]) not in skip][:n]
        marks = ",".join(map(str, ids))
        conn.execute(text(f"UPDATE accounts SET balance_paise = :b WHERE id IN ({marks})"),
                     {"b": balance_paise})
        conn.execute(text("UPDATE invoices SET status = 'paid', paid_paise = amount_paise "
                          f"WHERE account_id IN ({marks})"))
    skip.update(ids)
    return ids


def _payments(ctx: AppContext) -> int:
    return sum(1 for m in ctx.outbox.pending() if m.kind.value == "payment")


def run_loop(window: MainWindow, ctx: AppContext, option: PaymentOption, account_id: int,
             amount: str | None) -> tuple[int, float]:
    """One customer by keys; returns (keystrokes, app seconds)."""
    keys = Keys()
    before = _payments(ctx)
    box = window.sidebar.search
    started = time.perf_counter()
    keys.type(str(account_id))
    keys.press(Qt.Key.Key_Return)
    wait_until(lambda: (row := window.selected_account()) is not None and row.id == account_id)
    keys.press(Qt.Key.Key_F2)

    def active(which: str) -> Callable[[], bool]:
        def ready() -> bool:
            flow = active_flow(ctx, account_id)
            dialog = getattr(flow, which, None) if flow is not None else None
            return dialog is not None and dialog.isVisible() and dialog.isActiveWindow()
        return ready

    if option is PaymentOption.RECHARGE:
        wait_until(active("plan_dialog"))
        keys.press(Qt.Key.Key_Return)
    wait_until(active("payment_dialog"))
    if amount is not None:
        keys.type(amount)
    keys.press(Qt.Key.Key_Return)
    wait_until(lambda: _payments(ctx) == before + 1 and box.hasFocus() and box.text() == "")
    elapsed = time.perf_counter() - started
    for widget in QApplication.topLevelWidgets():
        if widget.objectName() == "receiptDialog" and widget.isVisible():
            widget.close()
    return keys.counted, elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, required=True,
                        help="demo cache to copy (generated here when missing)")
    parser.add_argument("--accounts", type=int, default=20_000,
                        help="accounts to generate when --cache does not exist")
    parser.add_argument("--rounds", type=int, default=5, help="customers per loop")
    args = parser.parse_args(argv)
    _ensure_cache(args.cache, args.accounts)
    guard_singletons()  # as the app does at start
    app = QApplication.instance() or QApplication([])
    base = Path(tempfile.mkdtemp(prefix="bench-counter-", dir=os.environ.get("BENCH_DIR")))
    ctx = _context(app, base, args.cache)
    with ctx.cache_engine.connect() as conn:
        total = conn.exec_driver_sql("SELECT COUNT(*) FROM accounts").scalar_one()
    used: set[int] = set()
    plans = [
        ("Payment (postpaid owing ₹499.00)", PaymentOption.PAYMENT, False, 49_900, None),
        ("Recharge, continue with current plan (prepaid)", PaymentOption.RECHARGE, True, 0,
         None),
        ("Advance ₹500 (postpaid, nothing due)", PaymentOption.ADVANCE, False, 0, "500"),
    ]
    accounts = {
        name: _accounts(ctx, prepaid, balance, args.rounds, used)
        for name, _option, prepaid, balance, _amount in plans
    }
    window = MainWindow(ctx)
    window.show()
    window.activateWindow()
    wait_until(lambda: window.model.has_loaded and window.model.ids_ready and not window.model.busy
          and window._options_task is None)
    window.focus_search()
    results = []
    try:
        for name, option, _prepaid, _balance, amount in plans:
            counts: list[int] = []
            seconds: list[float] = []
            for account_id in accounts[name]:
                count, elapsed = run_loop(window, ctx, option, account_id, amount)
                counts.append(count)
                seconds.append(elapsed)
            results.append({
                "loop": name,
                "customers": len(seconds),
                "keystrokes_besides_id_and_amount": sorted(set(counts)),
                "app_time_ms": {
                    "median": round(statistics.median(seconds) * 1000, 1),
                    "max": round(max(seconds) * 1000, 1),
                },
                "goal_met": max(counts) <= GOAL_KEYS and max(seconds) <= GOAL_APP_S,
            })
    finally:
        window.close()
        ctx.tasks.wait_idle()
        ctx.cache_engine.dispose()
        ctx.outbox.engine.dispose()
    print(json.dumps({
        "machine": {"python": platform.python_version(), "sqlite": sqlite3.sqlite_version,
                    "cpus": os.cpu_count(), "load": os.getloadavg()},
        "cache": {"path": str(args.cache), "accounts": total},
        "results": results,
    }, indent=2, ensure_ascii=False))
    shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
