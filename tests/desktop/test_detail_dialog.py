"""The account detail dialog: ten tabs in order, each showing the demo account's real data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QTableView, QTabWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from billing.money import format_inr
from billing.roles import Role
from db.account_details.balance import load_billing
from db.schema import Invoice, LogEntry, Order, Payment
from desktop.detail.dialog import TAB_KEYS, AccountDetailDialog, open_account_detail
from desktop.detail.tabs.base import DetailTab
from desktop.runtime.context import AppContext, CurrentUser
from tests.conftest import DEMO_TODAY

LONG = 10_000_001
TAB_TITLES = [
    "General Details",
    "Contact Details",
    "Order",
    "Billing Details",
    "Technical Details",
    "Invoice",
    "Payment",
    "Tag",
    "Comments",
    "Log",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def open_dialog(qtbot: QtBot, ctx: AppContext, account_id: int = LONG) -> AccountDetailDialog:
    dialog = open_account_detail(ctx, account_id, None)
    qtbot.addWidget(dialog)
    wait_tab(qtbot, dialog, "general")
    return dialog


def wait_tab(qtbot: QtBot, dialog: AccountDetailDialog, key: str) -> DetailTab:
    """Show a tab and wait until its data is on screen."""
    page = dialog.show_tab(key)
    qtbot.waitUntil(lambda: page.is_loaded, timeout=10_000)
    return page


def wait_reload(qtbot: QtBot, page: DetailTab, count_before: int) -> None:
    qtbot.waitUntil(lambda: page.load_count > count_before and page.is_loaded, timeout=10_000)


def table_rows(view: QTableView) -> list[list[str]]:
    model = view.model()
    return [
        [str(model.index(r, c).data()) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def label(dialog: AccountDetailDialog, name: str) -> str:
    widget = dialog.findChild(QLabel, name)
    assert widget is not None, name
    return widget.text()


def count(ctx: AppContext, table: type, account_id: int = LONG) -> int:
    with ctx.cache_engine.connect() as conn:
        return conn.execute(
            select(func.count()).select_from(table).where(table.account_id == account_id)
        ).scalar_one()


def test_dialog_has_the_ten_tabs_in_order_and_loads_them_lazily(
    qtbot: QtBot, ctx: AppContext
) -> None:
    dialog = open_dialog(qtbot, ctx)
    assert dialog.objectName() == "accountDetailDialog"
    assert dialog.isVisible() and not dialog.isModal()
    tabs = dialog.findChild(QTabWidget, "detailTabs")
    assert tabs is not None
    assert [tabs.tabText(i) for i in range(tabs.count())] == TAB_TITLES
    assert [tabs.widget(i).objectName() for i in range(tabs.count())] == [
        f"detailPage_{key}" for key in TAB_KEYS
    ]
    # Only the first tab was built and read; the others wait until shown.
    assert list(dialog.pages) == ["general"]
    assert dialog.pages["general"].load_count == 1
    qtbot.waitUntil(lambda: dialog.header is not None)
    assert dialog.windowTitle() == f"Account {LONG} — Dinesh R"
    # Clicking a tab loads it.
    qtbot.mouseClick(
        tabs.tabBar(), Qt.MouseButton.LeftButton, pos=tabs.tabBar().tabRect(9).center()
    )
    qtbot.waitUntil(lambda: "log" in dialog.pages and dialog.pages["log"].is_loaded)
    assert list(dialog.pages) == ["general", "log"]


def test_general_tab(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = open_dialog(qtbot, ctx)
    assert label(dialog, "general_account_id") == str(LONG)
    assert label(dialog, "general_name") == "Dinesh R"
    assert label(dialog, "general_status") == "Suspended"
    assert label(dialog, "general_plan_type") == "Postpaid"
    assert label(dialog, "general_branch") == "Dindigul (DGL)"
    assert label(dialog, "general_area") == "Nagal Nagar"
    assert label(dialog, "general_reseller") == "Annai Communications, Dindigul"
    assert label(dialog, "general_account_manager") == "Logesh Sekar"
    assert label(dialog, "general_sales_executive") == "Nagarajan Thangavel"
    assert label(dialog, "general_created") == "10 Dec 2021, 16:08"
    assert label(dialog, "general_last_seen").startswith("24 Nov 2026")
    assert label(dialog, "general_zone")


def test_contact_and_technical_tabs(qtbot: QtBot, ctx: AppContext) -> None:
    from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

    dialog = open_dialog(qtbot, ctx)
    wait_tab(qtbot, dialog, "contact")
    assert dialog.findChild(QLineEdit, "contactMobile").text() == "+919216160408"
    assert dialog.findChild(QLineEdit, "contactEmail").text() == "dinesh.duraisamy545@gmail.com"
    assert dialog.findChild(QLineEdit, "contactAltMobile").text() == ""
    address = "No. 232, VOC Street, Nagal Nagar, Dindigul - 624029"
    assert dialog.findChild(QPlainTextEdit, "contactInstallationAddress").toPlainText() == address
    assert dialog.findChild(QPlainTextEdit, "contactBillingAddress").toPlainText() == address
    wait_tab(qtbot, dialog, "technical")
    assert dialog.findChild(QLineEdit, "technicalIp").text() == "100.77.102.232"
    assert dialog.findChild(QLineEdit, "technicalRouter").text() == "Tenda"
    assert dialog.findChild(QLineEdit, "technicalConnection").text() == "FTTH (GPON)"
    assert dialog.findChild(QLineEdit, "technicalMac").text() == "E7:F0:8A:93:CB:F3"
    assert dialog.findChild(QLineEdit, "technicalVlan").text() == "956"


def test_order_invoice_payment_comment_and_log_tabs_show_every_row(
    qtbot: QtBot, ctx: AppContext
) -> None:
    dialog = open_dialog(qtbot, ctx)
    wait_tab(qtbot, dialog, "orders")
    orders = table_rows(dialog.findChild(QTableView, "ordersTable"))
    assert len(orders) == count(ctx, Order) == 1
    assert orders[0][1] == "Home 60 Mbps · monthly bill" and orders[0][6] == "Active"
    assert orders[0][5] == "₹599.00"

    wait_tab(qtbot, dialog, "invoices")
    invoices = table_rows(dialog.findChild(QTableView, "invoicesTable"))
    assert len(invoices) == count(ctx, Invoice) > 50
    assert invoices[0][0] == "INV/DGL/00000058" and invoices[0][1] == "28 Oct 2026"
    assert invoices[0][6] == "Open" and invoices[-1][6] == "Paid"

    wait_tab(qtbot, dialog, "payments")
    payments = table_rows(dialog.findChild(QTableView, "paymentsTable"))
    assert len(payments) == count(ctx, Payment) > 50
    assert payments[0][:7] == [
        "3 Oct 2026, 19:41",
        "₹197.58",
        "Recorded",
        "Payment",
        "UPI",
        "UPI 396567220247",
        "DGL-000000057",
    ]
    assert payments[0][7] == "cashier.dgl" and payments[0][8] == "₹401.42"
    due = label(dialog, "paymentsDue")
    assert "Due now: ₹1,000.42" in due and "2 open invoices" in due
    assert not dialog.findChild(QTableView, "paymentIssues").isVisible()

    wait_tab(qtbot, dialog, "comments")
    html = dialog.findChild(QLabel, "commentCount").text()
    assert html == "1 comment, newest first."
    from PySide6.QtWidgets import QTextBrowser

    text = dialog.findChild(QTextBrowser, "commentList").toPlainText()
    assert "cashier.dgl" in text and "Fibre cut on the street" in text

    wait_tab(qtbot, dialog, "log")
    log = table_rows(dialog.findChild(QTableView, "logTable"))
    assert len(log) == count(ctx, LogEntry)
    assert log[0][1] == "system" and log[0][2].startswith("Suspended: invoice of 2026-09-28")
    assert log[-1][2] == "Account created"


def test_log_filter(qtbot: QtBot, ctx: AppContext) -> None:
    from PySide6.QtWidgets import QLineEdit

    dialog = open_dialog(qtbot, ctx)
    page = wait_tab(qtbot, dialog, "log")
    box = dialog.findChild(QLineEdit, "logFilter")
    qtbot.keyClicks(box, "SYSTEM")
    rows = page.visible_rows()  # type: ignore[attr-defined]
    assert rows and all("system" in " ".join(r).lower() for r in rows)
    assert label(dialog, "logCount").endswith(f"of {count(ctx, LogEntry)}")
    box.clear()
    qtbot.keyClicks(box, "no such words")
    assert page.visible_rows() == []  # type: ignore[attr-defined]


def test_billing_tab_for_the_postpaid_demo_account(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = open_dialog(qtbot, ctx)
    wait_tab(qtbot, dialog, "billing")
    assert label(dialog, "billing_plan_type") == "Postpaid"
    assert label(dialog, "billing_plan") == "Home 60 Mbps · monthly bill — ₹599.00, billed monthly"
    assert label(dialog, "billing_status") == "Suspended"
    assert "INV/DGL/00000057 was not paid by 13 Oct 2026" in label(dialog, "billing_expiry")
    rows = table_rows(dialog.findChild(QTableView, "billingOpenInvoices"))
    assert rows == [
        [
            "INV/DGL/00000057",
            "28 Sep 2026",
            "₹401.42",
            "13 Oct 2026",
            "14 Oct 2026",
            "over by 45 days",
        ],
        [
            "INV/DGL/00000058",
            "28 Oct 2026",
            "₹599.00",
            "12 Nov 2026",
            "13 Nov 2026",
            "over by 15 days",
        ],
    ]
    assert label(dialog, "billingBalance") == "₹1,000.42 due"
    # The options come from billing.rules on the provisional balance.
    buttons = [
        b.objectName()
        for b in dialog.findChildren(QPushButton)
        if b.objectName().startswith("billingOption_")
    ]
    assert buttons == ["billingOption_payment"]
    # The chart holds 12 months computed from the ledger.
    page = dialog.pages["billing"]
    assert len(page.chart_points) == 12  # type: ignore[attr-defined]
    assert page.chart_points[-1].balance_paise == 100_042  # type: ignore[attr-defined]
    chart = dialog.findChild(QTableView, "billingChart")
    assert chart is None  # it is a QChartView, not a table
    from PySide6.QtCharts import QChartView

    view = dialog.findChild(QChartView, "billingChart")
    assert view is not None and len(view.chart().series()) == 2


def test_payment_buttons_call_the_payments_flow(
    qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    import desktop.payments.flow as flow

    calls = []

    def start_payment(ctx_: AppContext, account_id: int, option: object, parent: object) -> None:
        calls.append((ctx_, account_id, option, parent))

    monkeypatch.setattr(flow, "start_payment", start_payment)
    dialog = open_dialog(qtbot, ctx)
    wait_tab(qtbot, dialog, "billing")
    button = dialog.findChild(QPushButton, "billingOption_payment")
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert calls == [(ctx, LONG, "payment", dialog)]


def test_roles_without_edit_rights_see_read_only_tabs(qtbot: QtBot, ctx: AppContext) -> None:
    from PySide6.QtWidgets import QLineEdit

    ctx.user = CurrentUser("cashier.cbe", "Cashier", Role.CASHIER, branch_id=1)
    dialog = open_dialog(qtbot, ctx)
    wait_tab(qtbot, dialog, "contact")
    assert dialog.findChild(QLineEdit, "contactMobile").isReadOnly()
    assert not dialog.findChild(QPushButton, "contactSave").isVisible()
    wait_tab(qtbot, dialog, "technical")
    assert dialog.findChild(QLineEdit, "technicalIp").isReadOnly()
    wait_tab(qtbot, dialog, "tags")
    assert not dialog.findChild(QPushButton, "addTag").isVisible()
    wait_tab(qtbot, dialog, "comments")  # cashiers may comment
    assert dialog.findChild(QPushButton, "addComment").isVisible()

    ctx.user = CurrentUser("lco", "Partner", Role.PARTNER, reseller_id=1)
    other = open_account_detail(ctx, LONG, None)
    qtbot.addWidget(other)
    wait_tab(qtbot, other, "contact")
    assert not other.findChild(QLineEdit, "contactMobile").isReadOnly()
    wait_tab(qtbot, other, "technical")  # partners may not edit technical details
    assert other.findChild(QLineEdit, "technicalIp").isReadOnly()


def test_unknown_account_says_so(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = open_account_detail(ctx, 99_999_999, None)
    qtbot.addWidget(dialog)
    page = dialog.pages["general"]
    qtbot.waitUntil(lambda: page.load_count == 1)
    assert "not in the local copy" in page._status.text()


def test_eager_baseline_loads_everything(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = AccountDetailDialog(ctx, LONG, None, eager=True)
    qtbot.addWidget(dialog)
    assert list(dialog.pages) == list(TAB_KEYS)
    qtbot.waitUntil(lambda: all(p.load_count == 1 for p in dialog.pages.values()), timeout=10_000)


def test_billing_balance_reflects_provisional_payment(qtbot: QtBot, ctx: AppContext) -> None:
    billing = load_billing(ctx.cache_engine, ctx.outbox, LONG, DEMO_TODAY)
    assert billing is not None
    assert format_inr(billing.balance_paise) == "₹1,000.42"


def _some_pending_writes(ctx: AppContext) -> None:
    """A tag, a comment and an email edit waiting to be sent, as after a counter visit."""
    from db.local_writes import add_comment, add_tag, save_edit

    user = ctx.user.username
    add_tag(ctx.cache_engine, ctx.outbox, account_id=LONG, tag_id=3, created_by=user)
    add_comment(
        ctx.outbox,
        account_id=LONG,
        body="Customer promised to clear both invoices by Saturday.",
        created_by=user,
    )
    save_edit(
        ctx.cache_engine,
        ctx.outbox,
        account_id=LONG,
        base_version=1,
        before={"email": "dinesh.duraisamy545@gmail.com"},
        values={"email": "dinesh.r@example.in"},
        created_by=user,
    )
    ctx.outbox.enqueue_payment(
        account_id=LONG,
        payload={
            "option": "payment",
            "method": "upi",
            "reference": "UPI 612345678901",
            "amount_paise": 40_142,
            "plan_id": None,
            "charge_paise": 0,
            "balance_before_paise": 100_042,
            "taken_at": 1_795_770_000,
            "branch_id": 8,
            "tendered_paise": None,
        },
        created_by="cashier.dgl",
        mutation_id="6f1c1f0e-0000-4000-8000-000000000001",
    )


@pytest.mark.parametrize("key", list(TAB_KEYS))
def test_render_each_tab_to_png(qtbot: QtBot, ctx: AppContext, key: str, tmp_path: Path) -> None:
    """Render every tab offscreen. With UPDATE_SCREENSHOTS=1 the PNGs go to docs/screenshots."""
    _some_pending_writes(ctx)
    dialog = open_dialog(qtbot, ctx)
    dialog.resize(1080, 660)
    page = wait_tab(qtbot, dialog, key)
    if key == "billing":
        qtbot.wait(100)  # let the chart lay itself out
    folder = SCREENSHOTS if os.environ.get("UPDATE_SCREENSHOTS") == "1" else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"detail_{key}.png"
    assert dialog.grab().save(str(path))
    assert path.stat().st_size > 5_000
    assert page.is_loaded and not page._status.isVisible()
    if key == "payments":
        rows = table_rows(dialog.findChild(QTableView, "paymentsTable"))
        assert rows[0][1] == "₹401.42" and rows[0][2] == "pending sync"
    if key == "billing":
        assert label(dialog, "billingBalance").startswith("₹599.00 due — provisional")


def test_payment_button_opens_the_real_payment_dialog(qtbot: QtBot, ctx: AppContext) -> None:
    from PySide6.QtWidgets import QApplication, QDialog

    dialog = open_dialog(qtbot, ctx)
    wait_tab(qtbot, dialog, "billing")
    button = dialog.findChild(QPushButton, "billingOption_payment")
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    def payment_dialog() -> QDialog | None:
        for widget in QApplication.topLevelWidgets():
            if widget.objectName() == "paymentDialog" and widget.isVisible():
                return widget  # type: ignore[return-value]
        return None

    qtbot.waitUntil(lambda: payment_dialog() is not None, timeout=10_000)
    found = payment_dialog()
    assert found is not None
    qtbot.addWidget(found)
