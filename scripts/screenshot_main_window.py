"""Render the Manage Account window offscreen over 10,000 demo accounts to a PNG.

    QT_QPA_PLATFORM=offscreen python scripts/screenshot_main_window.py [OUT.png]
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from billing.roles import Role
from db.cache import CACHE_FILE, open_cache
from db.outbox import OUTBOX_FILE, Outbox
from demo.data import generate
from desktop.runtime.context import AppContext, AppEvents, CurrentUser
from desktop.runtime.pyside_guard import guard_singletons
from desktop.runtime.tasks import TaskRunner
from desktop.settings.store import open_settings

TODAY = date(2026, 11, 27)


def _wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main() -> int:
    guard_singletons()
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots/main_window.png")
    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="shot-"))
    engine = open_cache(folder / CACHE_FILE)
    generate(engine, 10_000, seed=7, today=TODAY)
    ctx = AppContext(
        data_dir=folder, cache_engine=engine, outbox=Outbox.open(folder / OUTBOX_FILE),
        user=CurrentUser("admin", "Administrator", Role.ADMIN), settings=open_settings(folder),
        tasks=TaskRunner(app), events=AppEvents(app),
    )
    ctx.today = lambda: TODAY  # type: ignore[method-assign]
    from desktop.accounts.main_window import MainWindow

    window = MainWindow(ctx)
    window.resize(1366, 768)
    window.show()
    _wait(1500)
    window.table.selectRow(3)
    _wait(500)
    window.grab().save(str(out))
    window.close()
    ctx.tasks.wait_idle()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
