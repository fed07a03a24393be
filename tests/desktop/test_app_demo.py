"""`partner-portal --demo` opens a window listing freshly generated demo accounts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QTableView

from desktop.app import main


def test_demo_opens_a_window_listing_demo_accounts(qapp: QApplication, data_dir: Path) -> None:
    seen: dict[str, object] = {}

    def check() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if w.objectName() == "mainWindow"]
        table = windows[0].findChild(QTableView, "accountTable") if windows else None
        rows = table.model().rowCount() if table else 0
        if rows == 0 and seen.setdefault("tries", 0) < 200:  # demo data still being made
            seen["tries"] = int(seen["tries"]) + 1
            QTimer.singleShot(50, check)
            return
        seen["rows"] = rows
        seen["first"] = table.model().index(0, 1).data() if table else None
        for w in windows:
            w.close()
        qapp.quit()

    QTimer.singleShot(0, check)
    assert main(["--demo", "--demo-accounts", "300", "--data-dir", str(data_dir)]) == 0
    assert seen["rows"] == 300
    assert seen["first"]
    assert (data_dir / "cache.sqlite3").exists()
    assert (data_dir / "outbox.sqlite3").exists()
    assert (data_dir / "logs" / "partner-desk.log").read_text(encoding="utf-8")
