"""Head office's branch day closes (issue 16): an admin lists every branch's closes and
differences for a date range from the real server; only admins get the menu entry.

Set BRANCH_CLOSES_SCREENSHOT=1 to write docs/screenshots/branch_day_closes.png."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QDateEdit, QLabel, QPushButton, QTableView, QTextBrowser

from billing.day_close import ClosePayment, close_report
from billing.roles import Role
from desktop.accounts.main_window import MainWindow
from desktop.payments.branch_closes import BranchClosesWindow
from desktop.sync.engine import SyncEngine
from server.config import Settings
from server.embedded import EmbeddedServer, start_server
from sync.client import SyncClient
from sync.user import CurrentUser
from tests.conftest import DEMO_TODAY

LEFT = Qt.MouseButton.LeftButton
SHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "branch_day_closes.png"
NOON = datetime(DEMO_TODAY.year, DEMO_TODAY.month, DEMO_TODAY.day, 6, 30, tzinfo=UTC)


def _close(branch: int, cashier: str, session: int, when: datetime, short_by: int,
           unsynced: int = 0) -> dict[str, Any]:
    payments = [ClosePayment(f"D{session}-000001", "cash", 480_000, None),
                ClosePayment(f"D{session}-000002", "upi", 59_900, "412345678901"),
                ClosePayment(f"D{session}-000003", "cheque", 118_000,
                             "004512 / Indian Bank / 2026-11-26")]
    counted = 500_000 + 480_000 - 12_000 - short_by
    return {"mutation_id": str(uuid.uuid4()), "kind": "day_close", "account_id": None,
            "payload": close_report(
                session_id=session, branch_id=branch, counted_by=cashier,
                opened_at=int(when.timestamp()) - 9 * 3600, closed_at=int(when.timestamp()),
                denominations={50_000: counted // 50_000, 100: counted % 50_000 // 100},
                opening_float_paise=500_000, cash_payments_paise=480_000,
                paid_out_paise=12_000,
                method_totals={"cash": 480_000, "upi": 59_900, "cheque": 118_000},
                payment_count=3, payments=payments, unsynced_at_close=unsynced,
                gst_basis=("33", 1800))}


class _Clock:
    def __call__(self) -> datetime:
        return NOON


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedServer]:
    url = f"sqlite:///{tmp_path_factory.mktemp('closes') / 'server.sqlite3'}"
    handle = start_server(url, 120, settings=Settings(
        db_url=url, clock=_Clock(), lifecycle_interval_seconds=0, scrypt_n=2**12))
    day = timedelta(days=1)
    plan = [
        ("cashier.cbe", "cashier-demo", [(1, "cashier.cbe", 11, NOON - 8 * day, 0),
                                         (1, "cashier.cbe", 12, NOON - day, 2_000),
                                         (1, "cashier.cbe", 13, NOON, 0)]),
        ("admin", "admin-demo", [(2, "cashier.tup", 4, NOON - 2 * day, -500),
                                 (2, "cashier.tup", 5, NOON, 100)]),
    ]
    for username, password, closes in plan:
        client = SyncClient(handle.url)
        client.sign_in(username, password)
        answer = client.push("DCLOSE1", [_close(*c, unsynced=1 if c[2] == 12 else 0)
                                         for c in closes])
        assert {r["status"] for r in answer["results"]} == {"applied"}, answer
        client.close()
    yield handle
    handle.stop()


def _signed_in(ctx: Any, server: EmbeddedServer, username: str, password: str,
               role: Role) -> SyncEngine:
    client = SyncClient(server.url)
    client.sign_in(username, password)
    ctx.user = CurrentUser(username, username, role, branch_id=None if role is Role.ADMIN
                           else 1)
    ctx.sync = SyncEngine(ctx, client, live=False)
    return ctx.sync


def _open(qtbot: Any, ctx: Any) -> BranchClosesWindow:
    window = BranchClosesWindow(ctx)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.loaded, timeout=10_000):
        window.show()
    return window


def _cells(window: BranchClosesWindow) -> list[list[str]]:
    table = window.findChild(QTableView, "closesTable")
    model = table.model()
    return [[model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def _type_date(qtbot: Any, edit: QDateEdit, text: str) -> None:
    """Double-click the day (selects it) and type the date; each full section moves on."""
    qtbot.mouseDClick(edit, LEFT, pos=QPoint(8, edit.height() // 2))
    qtbot.keyClicks(edit, text.replace("-", ""))


def test_admin_sees_every_branch_with_a_total_and_one_close_in_full(
        qtbot: Any, ctx: Any, server: EmbeddedServer) -> None:
    engine = _signed_in(ctx, server, "admin", "admin-demo", Role.ADMIN)
    window = _open(qtbot, ctx)
    # The last week by default: the close of 8 days ago is not in it.
    assert window.findChild(QDateEdit, "closesFrom").date() == QDate(2026, 11, 21)
    assert window.findChild(QDateEdit, "closesTo").date() == QDate(2026, 11, 27)
    rows = _cells(window)
    assert len(rows) == 5  # four closes and the total row
    # By business date, then branch: 25th Tiruppur, 26th and 27th Coimbatore, 27th Tiruppur.
    assert [r[1] for r in rows[:4]] == ["cashier.tup", "cashier.cbe", "cashier.cbe",
                                        "cashier.tup"]
    assert rows[0][6] == "₹5.00 over"
    assert rows[1][6] == "−₹20.00 short" and rows[1][7] == "1"
    assert rows[4][0] == "Total: 4 closes"
    assert rows[4][4] == "₹38,720.00" and rows[4][6] == "−₹16.00 short"
    status = window.findChild(QLabel, "closesStatus").text()
    assert "4 closes from 21-11-2026 to 27-11-2026" in status
    # One close's whole report: the count, references, GST, voids.
    table = window.findChild(QTableView, "closesTable")
    table.setFocus()
    qtbot.mouseClick(table.viewport(), LEFT, pos=table.visualRect(table.model().index(1, 0))
                     .center())
    detail = window.findChild(QTextBrowser, "closeDetail").toPlainText()
    assert "UTR 412345678901" in detail and "cheque 004512, Indian Bank" in detail
    assert "₹500 × 19" in detail and "Voids: none" in detail and "GST UPI" in detail
    assert "1 not yet synced at close" in detail

    # Only branch 2 (Tiruppur), from the 18th: its two closes and their total.
    combo = window.findChild(QComboBox, "closesBranch")
    qtbot.waitUntil(lambda: combo.count() > 2)
    combo.setFocus()
    tiruppur = next(combo.itemText(i) for i in range(combo.count())
                    if combo.itemData(i) == 2)
    qtbot.keyClicks(combo, tiruppur[:4])
    assert combo.currentData() == 2
    _type_date(qtbot, window.findChild(QDateEdit, "closesFrom"), "18-11-2026")
    assert window.findChild(QDateEdit, "closesFrom").date() == QDate(2026, 11, 18)
    with qtbot.waitSignal(window.loaded, timeout=10_000):
        qtbot.mouseClick(window.findChild(QPushButton, "loadCloses"), LEFT)
    rows = _cells(window)
    assert [r[2] for r in rows[:-1]] == ["DCLOSE1 #4", "DCLOSE1 #5"]
    assert rows[-1][0] == "Total: 2 closes" and rows[-1][6] == "₹4.00 over"
    if os.environ.get("BRANCH_CLOSES_SCREENSHOT"):
        combo.setCurrentIndex(0)
        with qtbot.waitSignal(window.loaded, timeout=10_000):
            qtbot.mouseClick(window.findChild(QPushButton, "loadCloses"), LEFT)
        table.selectRow(1)
        qtbot.wait(150)
        window.grab().save(str(SHOT))
    # A backwards range is said, and nothing is asked.
    _type_date(qtbot, window.findChild(QDateEdit, "closesTo"), "10-11-2026")
    qtbot.mouseClick(window.findChild(QPushButton, "loadCloses"), LEFT)
    assert "swap them" in window.findChild(QLabel, "closesStatus").text()
    engine.client.close()


def test_a_non_admin_is_refused_by_the_server_and_offline_is_said(
        qtbot: Any, ctx: Any, server: EmbeddedServer) -> None:
    engine = _signed_in(ctx, server, "cashier.cbe", "cashier-demo", Role.CASHIER)
    window = _open(qtbot, ctx)
    status = window.findChild(QLabel, "closesStatus").text()
    assert "Only an administrator" in status
    assert len(_cells(window)) == 0
    engine.client.close()
    ctx.sync = None
    offline = BranchClosesWindow(ctx)  # nothing to wait for: said at once
    qtbot.addWidget(offline)
    assert "sign in online" in offline.findChild(QLabel, "closesStatus").text()


def test_the_menu_entry_is_for_admins_only(qtbot: Any, ctx: Any,
                                           server: EmbeddedServer) -> None:
    staff = MainWindow(ctx)
    qtbot.addWidget(staff)
    assert not staff.findChild(QAction, "openBranchDayCloses").isVisible()
    staff.close()
    _signed_in(ctx, server, "admin", "admin-demo", Role.ADMIN)
    admin = MainWindow(ctx)
    qtbot.addWidget(admin)
    admin.show()
    action = admin.findChild(QAction, "openBranchDayCloses")
    assert action.isVisible()
    action.trigger()
    window = admin.findChild(BranchClosesWindow, "branchDayCloses")
    assert window is not None
    qtbot.waitUntil(lambda: "closes from" in window.status.text(), timeout=10_000)
    action.trigger()  # brought forward, not opened twice
    assert len(admin.findChildren(BranchClosesWindow, "branchDayCloses")) == 1
    window.close()
    admin.close()
    ctx.sync.client.close()


def test_branch_closes_in_tamil(qtbot: Any, qapp: Any, ctx: Any, server: EmbeddedServer) -> None:
    """Head office's window in Tamil at 1366×768: captions, headers, the total row, the
    status and a close's report in Tamil, figures as digits, nothing clipped."""
    from tests.desktop.i18n_helpers import has_tamil, tamil
    from tests.desktop.test_tamil_layouts import problems

    engine = _signed_in(ctx, server, "admin", "admin-demo", Role.ADMIN)
    with tamil(qapp):
        window = _open(qtbot, ctx)
        rows = _cells(window)
        assert rows[4][0] == "மொத்தம்: 4 முடிவுகள்" and rows[0][6] == "₹5.00 கூடுதல்"
        table = window.table
        model = table.model()
        for column in range(model.columnCount()):
            assert has_tamil(model.headerData(column, Qt.Orientation.Horizontal))
        assert has_tamil(window.status.text())
        qtbot.mouseClick(table.viewport(), LEFT,
                         pos=table.visualRect(model.index(1, 0)).center())
        detail = window.detail.toPlainText()
        assert "எண்ணியது" in detail and "செல்லாதவை: இல்லை" in detail
        assert problems(window) == []
        window.close()
    engine.client.close()


def test_the_servers_forbidden_is_said_in_tamil(qtbot: Any, qapp: Any, ctx: Any,
                                                server: EmbeddedServer) -> None:
    """A non-admin asks the real server; its 403 ``forbidden`` (an English sentence on the
    wire) is worded by its code in Tamil, and in English the server's own sentence stays."""
    from tests.desktop.i18n_helpers import has_tamil, tamil

    engine = _signed_in(ctx, server, "cashier.cbe", "cashier-demo", Role.CASHIER)
    with tamil(qapp):
        window = _open(qtbot, ctx)
        status = window.findChild(QLabel, "closesStatus").text()
        assert status == ("நாள் முடிவுகளை ஏற்ற முடியவில்லை: உங்கள் பொறுப்புக்கு சர்வரில் இதைச் "
                          "செய்ய அனுமதி இல்லை. கிளை மேற்பார்வையாளரையோ நிர்வாகியையோ கேட்கவும்."), \
            status
        assert has_tamil(status) and "administrator" not in status
        window.close()
    english = _open(qtbot, ctx)
    assert "Only an administrator sees every branch's day closes." in \
        english.findChild(QLabel, "closesStatus").text()
    english.close()
    engine.client.close()
