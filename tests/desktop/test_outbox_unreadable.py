"""An outbox this version cannot use stops the app with a clear window, never a crash.

The outbox is never thrown away (it may hold payments head office does not have), so a
damaged file, or one a newer version wrote, must be left byte for byte as it was, and the
user told what it is and what to do. Before, ``main`` raised SQLAlchemy's "file is not a
database" (or Alembic's "Can't locate revision") out of start-up: nothing was shown at
all, the crash window never appeared because no event loop ran.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from db.outbox import OUTBOX_FILE, Outbox, OutboxUnreadable
from desktop.app import main
from desktop.language.i18n import set_language
from desktop.runtime.outbox_unreadable import show_outbox_unreadable

pytestmark = pytest.mark.usefixtures("memory_keyring")  # never the PC's real keychain


def _damaged(folder: Path) -> bytes:
    body = b"not an outbox " * 600
    (folder / OUTBOX_FILE).write_bytes(body)
    return body


def _newer(folder: Path) -> bytes:
    Outbox.open(folder / OUTBOX_FILE).engine.dispose()
    conn = sqlite3.connect(folder / OUTBOX_FILE)
    conn.execute("UPDATE alembic_version SET version_num = 'outbox_9999_from_the_future'")
    conn.commit()
    conn.close()
    return (folder / OUTBOX_FILE).read_bytes()


def _answer_box(seen: dict[str, object]) -> None:
    """Read the window when it shows, then close it (or give up after 15 s)."""
    box = next((w for w in QApplication.topLevelWidgets()
                if isinstance(w, QMessageBox) and w.objectName() == "outboxUnreadable"
                and w.isVisible()), None)
    if box is None:
        tries = int(seen.setdefault("tries", 0))  # type: ignore[arg-type]
        if tries < 300:
            seen["tries"] = tries + 1
            QTimer.singleShot(50, lambda: _answer_box(seen))
        return
    seen["text"] = box.text()
    box.findChild(QPushButton, "outboxClose").click()


@pytest.mark.parametrize("make", [_damaged, _newer], ids=["damaged", "newer"])
def test_start_with_an_unusable_outbox_says_so_and_changes_nothing(
        qapp: QApplication, data_dir: Path, make) -> None:
    before = make(data_dir)
    seen: dict[str, object] = {}
    QTimer.singleShot(0, lambda: _answer_box(seen))
    assert main(["--server", "http://127.0.0.1:9", "--data-dir", str(data_dir)]) == 3
    text = str(seen.get("text"))
    assert str(data_dir / OUTBOX_FILE) in text
    assert ("newer version" in text) if make is _newer else ("damaged" in text)
    assert "payments" in text
    assert (data_dir / OUTBOX_FILE).read_bytes() == before  # never discarded nor migrated
    assert not (data_dir / "cache.sqlite3").exists()  # stopped before anything else
    log = (data_dir / "logs" / "partner-desk.log").read_text(encoding="utf-8")
    assert "cannot be used" in log
    assert "Traceback" not in log  # an expected stop, not a crash


def test_outbox_open_reports_instead_of_raising_database_errors(tmp_path: Path) -> None:
    before = _damaged(tmp_path)
    with pytest.raises(OutboxUnreadable) as damaged:
        Outbox.open(tmp_path / OUTBOX_FILE)
    assert not damaged.value.newer
    assert (tmp_path / OUTBOX_FILE).read_bytes() == before
    (tmp_path / OUTBOX_FILE).unlink()
    before = _newer(tmp_path)
    with pytest.raises(OutboxUnreadable) as newer:
        Outbox.open(tmp_path / OUTBOX_FILE)
    assert newer.value.newer
    assert (tmp_path / OUTBOX_FILE).read_bytes() == before


def test_the_window_opens_the_folder_stays_open_and_speaks_tamil(
        qapp: QApplication, tmp_path: Path) -> None:
    exc = OutboxUnreadable(tmp_path / OUTBOX_FILE, "file is not a database")
    opened: list[Path] = []
    seen: dict[str, object] = {}

    def press() -> None:
        box = next(w for w in QApplication.topLevelWidgets()
                   if w.objectName() == "outboxUnreadable" and w.isVisible())
        seen["text"] = box.text()
        box.findChild(QPushButton, "outboxOpenFolder").click()
        seen["still_open"] = box.isVisible()
        box.findChild(QPushButton, "outboxClose").click()

    set_language(qapp, "ta")
    try:
        QTimer.singleShot(0, press)
        show_outbox_unreadable(exc, tmp_path / "logs", opener=opened.append)
    finally:
        set_language(qapp, "en")
    assert opened == [tmp_path]
    assert seen["still_open"] is True
    text = str(seen["text"])
    assert str(tmp_path / OUTBOX_FILE) in text
    assert "outbox" not in text.lower().replace(OUTBOX_FILE, "")  # worded in Tamil
