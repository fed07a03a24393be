"""How fast the account detail dialog opens, lazy tabs vs a naive eager baseline.

    python benchmarks/bench_detail_dialog.py [--cache /work/bench-data/demo-1m.sqlite3]
        [--fixture-accounts 2000] [--runs 15] [--account 10000001]

For each cache (the 1M-account demo cache, opened read-only and immutable so the file is never
modified, and a freshly generated 2,000-account fixture) it measures, offscreen:
- **open (lazy)**: ``open_account_detail`` until the dialog is shown with its header and the
  General tab filled (data read on the database worker) — what the user waits for;
- **each tab on first show**: from ``setCurrentWidget`` to the tab's data on screen;
- **open (eager baseline)**: the same dialog building and loading all ten tabs up front.
The first open in the process (cold: imports, fonts, first SQLite pages) is reported
separately; then ``--runs`` warm opens give median, p95 and max. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
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

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import Engine, create_engine

from billing.roles import Role
from db.cache import CACHE_FILE, open_cache
from db.outbox import OUTBOX_FILE, Outbox
from demo.data import generate
from desktop.runtime.context import AppContext, AppEvents, CurrentUser
from desktop.runtime.tasks import TaskRunner
from desktop.settings.store import open_settings

# Imported in main(), timed: the main window imports the dialog module on first use.
TAB_KEYS: Any = None
AccountDetailDialog: Any = None
open_account_detail: Any = None

TODAY = date(2026, 11, 27)
DEFAULT_CACHE = Path("/work/bench-data/demo-1m.sqlite3")


def read_only_engine(path: Path) -> Engine:
    """The cache opened read-only and immutable: no WAL, no -shm, never written."""
    uri = f"file:{path}?mode=ro&immutable=1"
    return create_engine(
        "sqlite://",
        creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
    )


def make_ctx(app: QApplication, cache: Engine, work: Path) -> AppContext:
    ctx = AppContext(
        data_dir=work,
        cache_engine=cache,
        outbox=Outbox.open(work / OUTBOX_FILE),
        user=CurrentUser("staff.dgl", "Bench Staff", Role.BRANCH_STAFF, branch_id=8),
        settings=open_settings(work),
        tasks=TaskRunner(app),
        events=AppEvents(app),
    )
    ctx.today = lambda: TODAY  # type: ignore[method-assign]
    return ctx


def wait_for(condition: Callable[[], bool], timeout_s: float = 30.0) -> None:
    """Run the event loop until ``condition`` holds (1 ms slices)."""
    deadline = time.perf_counter() + timeout_s
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("condition not met")
        loop = QEventLoop()
        QTimer.singleShot(1, loop.quit)
        loop.exec()


def close(dialog: AccountDetailDialog, ctx: AppContext) -> None:
    dialog.close()
    ctx.tasks.wait_idle()
    wait_for(lambda: True)


def open_lazy(ctx: AppContext, account_id: int) -> tuple[float, AccountDetailDialog]:
    start = time.perf_counter()
    dialog = open_account_detail(ctx, account_id, None)
    general = dialog.pages["general"]
    wait_for(lambda: general.is_loaded and dialog.header is not None)
    dialog.repaint()  # the first frame with the data drawn
    return (time.perf_counter() - start) * 1000, dialog


def open_eager(ctx: AppContext, account_id: int) -> tuple[float, AccountDetailDialog]:
    start = time.perf_counter()
    dialog = AccountDetailDialog(ctx, account_id, None, eager=True)
    dialog.show()
    wait_for(lambda: all(p.is_loaded for p in dialog.pages.values()) and dialog.header is not None)
    dialog.repaint()
    return (time.perf_counter() - start) * 1000, dialog


def summary(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "median_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(p95, 1),
        "max_ms": round(ordered[-1], 1),
        "min_ms": round(ordered[0], 1),
    }


def bench_cache(app: QApplication, cache: Engine, account_id: int, runs: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        ctx = make_ctx(app, cache, Path(folder))
        cold, dialog = open_lazy(ctx, account_id)
        start = time.perf_counter()
        billing = dialog.show_tab("billing")
        wait_for(lambda: billing.is_loaded)
        dialog.repaint()
        cold_billing = (time.perf_counter() - start) * 1000
        close(dialog, ctx)
        lazy: list[float] = []
        tabs: dict[str, list[float]] = {key: [] for key in TAB_KEYS}
        for _ in range(runs):
            ms, dialog = open_lazy(ctx, account_id)
            lazy.append(ms)
            for key in TAB_KEYS[1:]:
                start = time.perf_counter()
                page = dialog.show_tab(key)
                wait_for(lambda page=page: page.is_loaded)
                dialog.repaint()
                tabs[key].append((time.perf_counter() - start) * 1000)
            close(dialog, ctx)
        eager: list[float] = []
        for _ in range(runs):
            ms, dialog = open_eager(ctx, account_id)
            eager.append(ms)
            close(dialog, ctx)
        ctx.outbox.engine.dispose()
    return {
        "open_lazy_cold_ms": round(cold, 1),
        "billing_tab_cold_ms (QtCharts import on first use)": round(cold_billing, 1),
        "open_lazy": summary(lazy),
        "open_eager_baseline": summary(eager),
        "first_show_per_tab_median_ms": {
            key: round(statistics.median(v), 1) for key, v in tabs.items() if v
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--fixture-accounts", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--account", type=int, default=10_000_001)
    args = parser.parse_args(argv)

    app = QApplication.instance() or QApplication(["bench"])
    global TAB_KEYS, AccountDetailDialog, open_account_detail
    start = time.perf_counter()
    from desktop.detail import dialog as detail_dialog

    import_ms = (time.perf_counter() - start) * 1000
    TAB_KEYS = detail_dialog.TAB_KEYS
    AccountDetailDialog = detail_dialog.AccountDetailDialog
    open_account_detail = detail_dialog.open_account_detail
    result: dict[str, Any] = {
        "machine": {
            "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version,
            "cpus": os.cpu_count(),
        },
        "account": args.account,
        "runs": args.runs,
        "import_dialog_module_ms": round(import_ms, 1),
    }
    # The big cache first, so its "cold" figure is a real first open in the process.
    if args.cache.exists():
        engine = read_only_engine(args.cache)
        result[args.cache.name] = bench_cache(app, engine, args.account, args.runs)
        engine.dispose()
    with tempfile.TemporaryDirectory() as folder:
        fixture = Path(folder) / CACHE_FILE
        engine = open_cache(fixture)
        generate(engine, args.fixture_accounts, seed=7, today=TODAY)
        key = f"fixture_{args.fixture_accounts}"
        result[key] = bench_cache(app, engine, args.account, args.runs)
        engine.dispose()
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
