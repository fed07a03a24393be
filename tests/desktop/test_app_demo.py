"""`partner-portal --demo` runs the whole system: it starts the real server on 127.0.0.1,
signs in as the demo branch staff, syncs, and the window lists the synced accounts."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import keyring
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QTableView

from desktop.app import main
from desktop.runtime.demo_server import SERVER_DB_FILE

pytestmark = pytest.mark.usefixtures("memory_keyring")  # never the PC's real keychain


def test_demo_starts_the_server_signs_in_and_syncs(qapp: QApplication, data_dir: Path) -> None:
    seen: dict[str, object] = {}

    def check() -> None:
        windows = [w for w in QApplication.topLevelWidgets()
                   if w.objectName() == "mainWindow" and w.isVisible()]
        table = windows[0].findChild(QTableView, "accountTable") if windows else None
        rows = table.model().rowCount() if table else 0
        if rows == 0 and seen.setdefault("tries", 0) < 600:  # server starting, syncing
            seen["tries"] = int(seen["tries"]) + 1
            QTimer.singleShot(50, check)
            return
        seen["rows"] = rows
        seen["first"] = table.model().index(0, 1).data() if table else None
        state = windows[0].findChild(QLabel, "syncState") if windows else None
        seen["state"] = state.text() if state else None
        for w in QApplication.topLevelWidgets():
            if w.isVisible():
                w.close()
        qapp.quit()

    QTimer.singleShot(0, check)
    assert main(["--demo", "--demo-accounts", "300", "--data-dir", str(data_dir)]) == 0
    server_db = sqlite3.connect(data_dir / SERVER_DB_FILE)
    branch_rows = server_db.execute(
        "SELECT count(*) FROM accounts WHERE branch_id = 1").fetchone()[0]
    total = server_db.execute("SELECT count(*) FROM accounts").fetchone()[0]
    server_db.close()
    assert total == 300
    assert seen["rows"] == branch_rows > 0  # staff.cbe sees Coimbatore only
    assert seen["first"]
    assert seen["state"] and "Online" in str(seen["state"])
    cache = sqlite3.connect(data_dir / "cache.sqlite3")
    assert cache.execute("SELECT count(*) FROM accounts").fetchone()[0] == branch_rows
    cache.close()
    assert (data_dir / "outbox.sqlite3").exists()
    log = (data_dir / "logs" / "partner-desk.log").read_text(encoding="utf-8")
    assert "demo server running at http://127.0.0.1:" in log
    assert "signed in online as staff.cbe" in log


def test_demo_kiosk_signs_in_with_the_device_token(qapp: QApplication, data_dir: Path) -> None:
    """`--demo --kiosk`: the kiosk device signs in (not staff), its token is in the keyring,
    and its replica holds no account rows, only its branch's sealed rows (issue 14)."""
    from PySide6.QtWidgets import QMainWindow

    seen: dict[str, object] = {}

    def check() -> None:
        kiosks = [w for w in QApplication.topLevelWidgets()
                  if isinstance(w, QMainWindow) and w.objectName() == "kioskWindow"]
        cache = sqlite3.connect(data_dir / "cache.sqlite3")
        synced = cache.execute("SELECT count(*) FROM kiosk_accounts").fetchone()[0]
        cache.close()
        if (not kiosks or not synced) and seen.setdefault("tries", 0) < 600:
            seen["tries"] = int(seen["tries"]) + 1
            QTimer.singleShot(50, check)
            return
        seen["kiosk"] = bool(kiosks)
        for kiosk in kiosks:
            kiosk._may_close = True  # what the staff PIN grants (the PIN flow has its own tests)
        for w in QApplication.topLevelWidgets():
            if w.isVisible():
                w.close()
        qapp.quit()

    QTimer.singleShot(0, check)
    assert main(["--demo", "--kiosk", "--demo-accounts", "120", "--data-dir",
                 str(data_dir)]) == 0
    assert seen["kiosk"]
    from sqlalchemy import create_engine

    from db.kiosk_store import find_by_id
    from demo.data import FIRST_ACCOUNT_ID

    cache = sqlite3.connect(data_dir / "cache.sqlite3")
    accounts = cache.execute("SELECT count(*) FROM accounts").fetchone()[0]
    sealed = cache.execute("SELECT count(*) FROM kiosk_accounts").fetchone()[0]
    owner = cache.execute("SELECT value FROM sync_state WHERE key LIKE '%owner%'").fetchone()
    cache.close()
    assert accounts == 0 and sealed > 0
    # The sealing secret is in the keyring (here the test's memory one), not the cache.
    [kept] = [value for (_service, name), value in keyring.get_keyring()._items.items()
              if name.startswith("kiosk-key:")]
    secret = bytes.fromhex(kept.partition(":")[2])
    assert secret.hex().encode() not in (data_dir / "cache.sqlite3").read_bytes()
    engine = create_engine(f"sqlite:///{data_dir / 'cache.sqlite3'}")
    with engine.connect() as conn:  # the 120 demo accounts: branch 1's open, masked
        opened = [row for i in range(FIRST_ACCOUNT_ID, FIRST_ACCOUNT_ID + 120)
                  if (row := find_by_id(conn, secret, i)) is not None]
    engine.dispose()
    assert opened and {row["branch_id"] for row in opened} == {1}
    assert all("***" in row["name"] for row in opened)
    assert owner and "KIOSKCBE1" in owner[0].upper()


def test_two_demo_starts_in_one_data_folder_keep_the_cache_and_the_window(
        qapp: QApplication, data_dir: Path) -> None:
    """The demo server gets a new port at each start; the cache belongs to the server's
    identity, so the second start neither rebuilds it nor replaces the window."""
    args = ["--demo", "--demo-accounts", "200", "--data-dir", str(data_dir)]

    def run(seen: dict[str, object]) -> None:
        def check() -> None:
            windows = [w for w in QApplication.topLevelWidgets()
                       if w.objectName() == "mainWindow" and w.isVisible()]
            if windows and "first_window" not in seen:
                seen["first_window"] = windows[0]
            state = windows[0].findChild(QLabel, "syncState") if windows else None
            online = state is not None and "Online" in state.text()
            log_text = (data_dir / "logs" / "partner-desk.log").read_text(encoding="utf-8")
            signed = log_text.count("signed in online as staff.cbe") >= seen["run"]
            if not (online and signed) and seen.setdefault("tries", 0) < 800:
                seen["tries"] = int(seen["tries"]) + 1
                QTimer.singleShot(50, check)
                return
            QTimer.singleShot(1500, finish)  # what used to replace the window came later

        def finish() -> None:
            windows = [w for w in QApplication.topLevelWidgets()
                       if w.objectName() == "mainWindow" and w.isVisible()]
            seen["same_window"] = windows == [seen["first_window"]]
            seen["rows"] = windows[0].findChild(
                QTableView, "accountTable").model().rowCount() if windows else 0
            for w in QApplication.topLevelWidgets():
                if w.isVisible():
                    w.close()
            qapp.quit()

        QTimer.singleShot(0, check)
        assert main(args) == 0

    first: dict[str, object] = {"run": 1}
    run(first)
    cache = sqlite3.connect(data_dir / "cache.sqlite3")
    synced = cache.execute("SELECT count(*) FROM accounts").fetchone()[0]
    cache.close()
    assert synced > 0
    second: dict[str, object] = {"run": 2}
    run(second)
    assert second["same_window"], "the second start replaced the window"
    assert second["rows"] == synced
    log_text = (data_dir / "logs" / "partner-desk.log").read_text(encoding="utf-8")
    assert "cache belonged to" not in log_text
    assert log_text.count("demo server running at") == 2
