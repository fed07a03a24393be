"""The Manage Account window, driven through its widgets by object name."""

from __future__ import annotations

import sys
import types
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableView,
    QWidget,
)
from sqlalchemy import text

from billing.roles import Action, Role
from billing.rules import PaymentOption, payment_options_paise
from db import account_query as aq
from db.account_id_list import ordered_rowids
from desktop.accounts.main_window import MainWindow
from desktop.accounts.table_columns import (
    BALANCE_ROLE,
    COL_BALANCE,
    COL_BRANCH,
    COL_ID,
    COL_LAST_SEEN,
    COL_MOBILE,
    COL_NAME,
    COL_PLAN,
    COL_STATUS,
    COL_TAG,
    PENDING_ROLE,
    SORT_KEYS,
)
from desktop.runtime.context import AppContext, CurrentUser
from tests.desktop.conftest import DEMO_ACCOUNTS, make_context

ADMIN = CurrentUser("admin", "Admin", Role.ADMIN)


@pytest.fixture
def admin_ctx(qapp, tmp_path: Path, demo_cache_template: Path) -> Iterator[AppContext]:
    folder = tmp_path / "admin"
    folder.mkdir()
    context = make_context(folder, demo_cache_template, qapp, ADMIN)
    yield context
    context.tasks.wait_idle()
    context.cache_engine.dispose()
    context.outbox.engine.dispose()


def wait_ready(qtbot, window: MainWindow) -> None:
    def ready() -> bool:
        return (
            window.model.has_loaded
            and window.model.ids_ready
            and not window.model.busy
            and not window.sidebar._timer.isActive()
            and window._options_task is None
        )

    qtbot.waitUntil(ready, timeout=15_000)


@pytest.fixture
def open_window(qtbot) -> Iterator[Callable[[AppContext], MainWindow]]:
    opened: list[MainWindow] = []

    def make(context: AppContext) -> MainWindow:
        window = MainWindow(context)
        qtbot.addWidget(window)
        window.show()
        wait_ready(qtbot, window)
        opened.append(window)
        return window

    yield make
    for window in opened:
        window.close()
        window.ctx.tasks.wait_idle()


def w_find(window: MainWindow, cls, name: str):
    widget = window.findChild(cls, name)
    assert widget is not None, name
    return widget


def shown_rowids(window: MainWindow) -> list[int]:
    return [window.model.rowid_at(i) for i in range(window.model.rowCount())]


def expected(ctx: AppContext, f: aq.AccountFilter, scope: aq.Scope | None = None,
             sort: aq.SortKey = aq.SortKey.NAME, descending: bool = False) -> list[int]:
    with ctx.cache_engine.connect() as conn:
        q = aq.AccountQuery(scope=scope or aq.Scope(), filter=f, sort=sort,
                            descending=descending)
        return list(ordered_rowids(conn, q) or [])


def choose(qtbot, window: MainWindow, name: str, index: int) -> None:
    combo = w_find(window, QComboBox, name)
    combo.setFocus()
    combo.setCurrentIndex(index)
    wait_ready(qtbot, window)


def type_search(qtbot, window: MainWindow, typed: str) -> None:
    box = w_find(window, QLineEdit, "quickSearch")
    box.clear()
    if len(typed) <= 40 and typed.isprintable() and all(ord(c) < 0x10000 for c in typed):
        qtbot.keyClicks(box, typed)
    else:
        box.insert(typed)  # a paste
    wait_ready(qtbot, window)


# -- filters -------------------------------------------------------------------------------

FILTERS = [
    ("filterBranch", "branch_id"),
    ("filterArea", "area_id"),
    ("filterStatus", "status"),
    ("filterAccountManager", "account_manager_id"),
    ("filterSalesExecutive", "sales_executive_id"),
    ("filterReseller", "reseller_id"),
]


@pytest.mark.parametrize(("name", "field"), FILTERS)
def test_every_filter_alone(qtbot, admin_ctx, open_window, name, field) -> None:
    window = open_window(admin_ctx)
    combo = w_find(window, QComboBox, name)
    assert combo.itemText(0) == "All" and combo.count() > 2
    count_label = w_find(window, QLabel, "rowCount")
    assert count_label.text() == f"{DEMO_ACCOUNTS:,} accounts"
    for index in (1, combo.count() - 1):
        choose(qtbot, window, name, index)
        value = combo.itemData(index)
        want = expected(admin_ctx, aq.AccountFilter(**{field: value}))
        assert want, (name, combo.itemText(index))
        assert shown_rowids(window) == want
        assert count_label.text() == f"{len(want):,} of {DEMO_ACCOUNTS:,} accounts"


def test_row_count_says_more_than_until_the_exact_count_is_in(
    qtbot, admin_ctx, open_window, monkeypatch
) -> None:
    import desktop.accounts.main_window as mw
    import desktop.accounts.table_jobs as jobs

    monkeypatch.setattr(jobs, "COUNT_UP_TO", 10)
    monkeypatch.setattr(mw, "COUNT_UP_TO", 10)
    window = open_window(admin_ctx)
    count_label = w_find(window, QLabel, "rowCount")
    seen: list[str] = []
    window.model.loaded.connect(lambda: seen.append(count_label.text()))
    combo = w_find(window, QComboBox, "filterStatus")
    choose(qtbot, window, "filterStatus", combo.findData("Active"))
    want = expected(admin_ctx, aq.AccountFilter(status="Active"))
    assert len(want) > 10
    assert seen[0] == f"More than 10 of {DEMO_ACCOUNTS:,} accounts…"
    assert count_label.text() == f"{len(want):,} of {DEMO_ACCOUNTS:,} accounts"
    assert shown_rowids(window) == want


def test_filters_combine_and_one_click_clears_them(qtbot, admin_ctx, open_window) -> None:
    window = open_window(admin_ctx)
    branch = w_find(window, QComboBox, "filterBranch")
    choose(qtbot, window, "filterBranch", branch.findText("Coimbatore"))
    status = w_find(window, QComboBox, "filterStatus")
    choose(qtbot, window, "filterStatus", status.findText("Active"))
    choose(qtbot, window, "filterAccountManager", 1)
    manager = w_find(window, QComboBox, "filterAccountManager").currentData()
    choose(qtbot, window, "filterReseller", 2)
    reseller = w_find(window, QComboBox, "filterReseller").currentData()
    type_search(qtbot, window, "a")
    f = aq.AccountFilter(branch_id=branch.currentData(), status="Active",
                         account_manager_id=manager, reseller_id=reseller, search="a")
    want = expected(admin_ctx, f)
    assert want and len(want) < 200
    assert shown_rowids(window) == want
    qtbot.mouseClick(w_find(window, QPushButton, "clearFilters"), Qt.MouseButton.LeftButton)
    wait_ready(qtbot, window)
    assert window.model.rowCount() == DEMO_ACCOUNTS
    assert w_find(window, QLineEdit, "quickSearch").text() == ""
    for name, _ in FILTERS:
        assert w_find(window, QComboBox, name).currentIndex() == 0


def test_lists_follow_the_chosen_branch(qtbot, admin_ctx, open_window) -> None:
    window = open_window(admin_ctx)
    with admin_ctx.cache_engine.connect() as conn:
        area_branch = dict(conn.execute(text("SELECT id, branch_id FROM areas")).all())
        staff_branch = dict(conn.execute(text("SELECT id, branch_id FROM staff")).all())
    area = w_find(window, QComboBox, "filterArea")
    all_areas = area.count()
    assert " — " in area.itemText(1)  # no branch chosen: areas say which branch
    branch = w_find(window, QComboBox, "filterBranch")
    choose(qtbot, window, "filterBranch", branch.findText("Erode"))
    erode = branch.currentData()
    assert 1 < area.count() < all_areas
    assert all(area_branch[area.itemData(i)] == erode for i in range(1, area.count()))
    manager = w_find(window, QComboBox, "filterAccountManager")
    assert all(staff_branch[manager.itemData(i)] == erode for i in range(1, manager.count()))
    choose(qtbot, window, "filterArea", 1)
    chosen_area = area.currentData()
    # another branch: the Erode area no longer applies and falls back to "All"
    choose(qtbot, window, "filterBranch", branch.findText("Salem"))
    assert area.currentIndex() == 0 and area.findData(chosen_area) == -1
    want = expected(admin_ctx, aq.AccountFilter(branch_id=branch.currentData()))
    assert shown_rowids(window) == want


def test_branch_staff_only_see_their_branch(qtbot, ctx, open_window) -> None:
    window = open_window(ctx)  # staff of branch 1
    branch = w_find(window, QComboBox, "filterBranch")
    assert [branch.itemText(i) for i in range(branch.count())] == ["All", "Coimbatore"]
    want = expected(ctx, aq.AccountFilter(), aq.Scope(branch_id=1))
    assert shown_rowids(window) == want
    assert w_find(window, QLabel, "rowCount").text() == f"{len(want):,} accounts"
    area = w_find(window, QComboBox, "filterArea")
    assert " — " not in area.itemText(1)


# -- quick search ------------------------------------------------------------------------


def _account(ctx: AppContext, where: str = "email IS NOT NULL") -> tuple:
    with ctx.cache_engine.connect() as conn:
        return conn.execute(text(
            f"SELECT id, name, mobile, email FROM accounts WHERE {where} ORDER BY id LIMIT 1 "
            "OFFSET 17")).one()


@pytest.mark.parametrize("field", ["id", "name", "mobile", "email", "id prefix", "mobile +91",
                                   "mobile 0-hyphen", "mobile hyphen"])
def test_quick_search_on_each_field(qtbot, admin_ctx, open_window, field) -> None:
    window = open_window(admin_ctx)
    account_id, name, mobile, email = _account(admin_ctx)
    typed = {
        "id": str(account_id),
        "id prefix": str(account_id)[:6],
        "name": name.upper(),
        "mobile": mobile[3:],
        "mobile +91": f"+91 {mobile[3:8]} {mobile[8:]}",
        "mobile 0-hyphen": f"0{mobile[3:8]}-{mobile[8:]}",  # as written on a form
        "mobile hyphen": f"{mobile[3:8]}-{mobile[8:]}",
        "email": email.split("@")[0],
    }[field]
    type_search(qtbot, window, typed)
    shown = shown_rowids(window)
    assert shown == expected(admin_ctx, aq.AccountFilter(search=typed))
    ids = {window.model.row_at(i).id for i in range(len(shown))}
    assert account_id in ids


HOSTILE = ['"', "*", "'", "%", "_", "AND", "NEAR(", "a%b_c", 'x" OR "y', "x" * 10_000,
           "😀", "Ravi😀", "\\", "^", "-"]


def test_hostile_search_text_never_errors_and_matches_literally(qtbot, admin_ctx,
                                                                open_window) -> None:
    window = open_window(admin_ctx)
    errors: list[object] = []
    window.model.failed.connect(errors.append)
    for typed in HOSTILE:
        type_search(qtbot, window, typed)
        assert shown_rowids(window) == expected(admin_ctx, aq.AccountFilter(search=typed)), typed
        for i in range(min(5, window.model.rowCount())):
            row = window.model.row_at(i)
            assert row is not None
    assert errors == []
    # the ones that match nothing show the empty state with a way out
    type_search(qtbot, window, "NEAR(")
    stack = w_find(window, QStackedWidget, "tableStack")
    assert stack.currentWidget().objectName() == "emptyState"
    assert "No accounts match" in w_find(window, QLabel, "emptyMessage").text()
    qtbot.mouseClick(w_find(window, QPushButton, "emptyClearFilters"), Qt.MouseButton.LeftButton)
    wait_ready(qtbot, window)
    assert stack.currentWidget().objectName() == "accountTable"
    assert window.model.rowCount() == DEMO_ACCOUNTS


def test_typing_is_debounced_and_the_last_text_wins(qtbot, admin_ctx, open_window) -> None:
    window = open_window(admin_ctx)
    queries: list[aq.AccountQuery] = []
    original = window.model.set_query

    def spy(query: aq.AccountQuery) -> None:
        queries.append(query)
        original(query)

    window.model.set_query = spy  # type: ignore[method-assign]
    box = w_find(window, QLineEdit, "quickSearch")
    qtbot.keyClicks(box, "kumar")
    wait_ready(qtbot, window)
    assert len(queries) == 1  # five keystrokes, one query
    assert shown_rowids(window) == expected(admin_ctx, aq.AccountFilter(search="kumar"))


def test_keyboard_ctrl_f_esc_enter(qtbot, admin_ctx, open_window, monkeypatch) -> None:
    window = open_window(admin_ctx)
    opened: list[int] = []
    fake = types.ModuleType("desktop.detail.dialog")

    def open_account_detail(ctx, account_id, parent):
        opened.append(account_id)
        widget = QWidget(parent)
        widget.setObjectName("accountDetailDialog")
        return widget

    fake.open_account_detail = open_account_detail  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "desktop.detail.dialog", fake)
    table = w_find(window, QTableView, "accountTable")
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    box = w_find(window, QLineEdit, "quickSearch")
    assert box.hasFocus()
    qtbot.keyClicks(box, "zzzz")
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert box.text() == ""
    qtbot.keyClicks(box, "ra")
    qtbot.keyClick(box, Qt.Key.Key_Return)  # runs the search at once, moves to the table
    wait_ready(qtbot, window)
    assert table.hasFocus()
    assert table.currentIndex().row() == 0
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_PageDown)
    row = table.currentIndex().row()
    assert row > 1
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert opened == [window.model.row_at(row).id]


# -- sorting -------------------------------------------------------------------------------


def _click_header(qtbot, window: MainWindow, column: int) -> None:
    table = w_find(window, QTableView, "accountTable")
    header: QHeaderView = table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    wait_ready(qtbot, window)


@pytest.mark.parametrize(
    "column", [COL_ID, COL_NAME, COL_BRANCH, COL_MOBILE, COL_BALANCE, COL_LAST_SEEN,
               COL_PLAN, COL_STATUS])
def test_sorting_each_column_both_ways(qtbot, admin_ctx, open_window, column) -> None:
    window = open_window(admin_ctx)
    header = w_find(window, QTableView, "accountTable").horizontalHeader()
    status = w_find(window, QComboBox, "filterStatus")
    choose(qtbot, window, "filterStatus", status.findText("Active"))
    f = aq.AccountFilter(status="Active")
    if column == COL_NAME:  # already sorted by name: the first click reverses it
        _click_header(qtbot, window, column)
        assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    else:
        _click_header(qtbot, window, column)
        assert header.sortIndicatorSection() == column
        assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
        assert shown_rowids(window) == expected(admin_ctx, f, sort=SORT_KEYS[column])
        _click_header(qtbot, window, column)
    assert shown_rowids(window) == expected(admin_ctx, f, sort=SORT_KEYS[column],
                                            descending=True)
    if column == COL_BALANCE:
        shown = [window.model.index(i, COL_BALANCE).data(BALANCE_ROLE) for i in range(30)]
        assert shown == sorted(shown, reverse=True)


def test_the_tag_column_does_not_sort(qtbot, admin_ctx, open_window) -> None:
    window = open_window(admin_ctx)
    before = shown_rowids(window)
    _click_header(qtbot, window, COL_TAG)
    header = w_find(window, QTableView, "accountTable").horizontalHeader()
    assert header.sortIndicatorSection() == COL_NAME
    assert shown_rowids(window) == before


# -- row actions -----------------------------------------------------------------------------


CASES = {
    "prepaid owing": "prepaid = 1 AND balance_paise > 100",
    "prepaid exactly one rupee": "prepaid = 1 AND balance_paise = 100",
    "prepaid dust": "prepaid = 1 AND balance_paise BETWEEN 1 AND 99",
    "prepaid zero": "prepaid = 1 AND balance_paise = 0",
    "prepaid credit": "prepaid = 1 AND balance_paise < 0",
    "postpaid owing": "prepaid = 0 AND balance_paise > 100",
    "postpaid exactly one rupee": "prepaid = 0 AND balance_paise = 100",
    "postpaid dust": "prepaid = 0 AND balance_paise BETWEEN 1 AND 99",
    "postpaid zero": "prepaid = 0 AND balance_paise = 0",
    "postpaid credit": "prepaid = 0 AND balance_paise < 0",
}
WANT = {
    "prepaid owing": [PaymentOption.PAYMENT],
    "prepaid exactly one rupee": [PaymentOption.PAYMENT],
    "prepaid dust": [PaymentOption.RECHARGE, PaymentOption.ADVANCE],
    "prepaid zero": [PaymentOption.RECHARGE, PaymentOption.ADVANCE],
    "prepaid credit": [PaymentOption.RECHARGE, PaymentOption.ADVANCE],
    "postpaid owing": [PaymentOption.PAYMENT],
    "postpaid exactly one rupee": [PaymentOption.PAYMENT],
    "postpaid dust": [PaymentOption.ADVANCE],
    "postpaid zero": [PaymentOption.ADVANCE],
    "postpaid credit": [PaymentOption.ADVANCE],
}
BUTTONS = {
    PaymentOption.PAYMENT: "actionPayment",
    PaymentOption.ADVANCE: "actionAdvance",
    PaymentOption.RECHARGE: "actionRecharge",
}


def select_account(qtbot, window: MainWindow, account_id: int) -> None:
    type_search(qtbot, window, str(account_id))
    table = w_find(window, QTableView, "accountTable")
    position = next(i for i in range(window.model.rowCount())
                    if window.model.row_at(i).id == account_id)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualRect(window.model.index(position, COL_NAME)).center())
    assert window.selected_account().id == account_id


def visible_buttons(window: MainWindow) -> list[PaymentOption]:
    strip = window.actions_strip
    order = sorted(
        (b.x(), option) for option, b in strip.buttons.items() if b.isVisible()
    )
    return [option for _, option in order]


@pytest.mark.parametrize("case", list(CASES))
def test_the_action_shown_for_each_balance_case(qtbot, admin_ctx, open_window, case) -> None:
    window = open_window(admin_ctx)
    with admin_ctx.cache_engine.connect() as conn:
        account_id, balance, prepaid = conn.execute(text(
            f"SELECT id, balance_paise, prepaid FROM accounts WHERE {CASES[case]} "
            "ORDER BY id LIMIT 1")).one()
    select_account(qtbot, window, account_id)
    qtbot.waitUntil(lambda: visible_buttons(window) == WANT[case], timeout=3000)
    assert WANT[case] == payment_options_paise(balance, bool(prepaid))
    for option, name in BUTTONS.items():
        button = w_find(window, QPushButton, name)
        assert button.isVisible() == (option in WANT[case])
        assert button.isEnabled()


def test_clicking_an_action_starts_that_payment(qtbot, admin_ctx, open_window,
                                               monkeypatch) -> None:
    import desktop.payments.flow as flow

    calls: list[tuple] = []
    monkeypatch.setattr(flow, "start_payment",
                        lambda ctx, account_id, option, parent: calls.append(
                            (account_id, option, parent)))
    window = open_window(admin_ctx)
    with admin_ctx.cache_engine.connect() as conn:
        account_id = conn.execute(text(
            "SELECT id FROM accounts WHERE prepaid = 1 AND balance_paise <= 0 LIMIT 1")).scalar()
    select_account(qtbot, window, account_id)
    qtbot.mouseClick(w_find(window, QPushButton, "actionRecharge"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(w_find(window, QPushButton, "actionAdvance"), Qt.MouseButton.LeftButton)
    assert calls == [(account_id, PaymentOption.RECHARGE, window),
                     (account_id, PaymentOption.ADVANCE, window)]


class _NoPayments(CurrentUser):
    """Every role of billing.roles may take payments today; this stands for one that may not."""

    def may(self, action) -> bool:
        return action != Action.TAKE_PAYMENT


def test_a_user_who_may_not_take_payments_sees_disabled_actions(
    qtbot, tmp_path, demo_cache_template, qapp, open_window
) -> None:
    folder = tmp_path / "viewer"
    folder.mkdir()
    context = make_context(folder, demo_cache_template, qapp,
                           _NoPayments("viewer", "Viewer", Role.ADMIN))
    try:
        window = open_window(context)
        select_account(qtbot, window, window.model.row_at(0).id)
        buttons = [b for b in window.actions_strip.buttons.values() if b.isVisible()]
        assert buttons and not any(b.isEnabled() for b in buttons)
        assert "may not take payments" in buttons[0].toolTip()
    finally:
        window.close()
        context.tasks.wait_idle()
        context.cache_engine.dispose()
        context.outbox.engine.dispose()


def test_pending_payment_changes_balance_action_and_marks_the_row(qtbot, admin_ctx,
                                                                  open_window) -> None:
    window = open_window(admin_ctx)
    with admin_ctx.cache_engine.connect() as conn:
        account_id, balance, branch = conn.execute(text(
            "SELECT id, balance_paise, branch_id FROM accounts WHERE prepaid = 1 "
            "AND balance_paise > 500 ORDER BY id LIMIT 1")).one()
    select_account(qtbot, window, account_id)
    assert visible_buttons(window) == [PaymentOption.PAYMENT]
    admin_ctx.outbox.enqueue_payment(
        account_id=account_id,
        payload={"option": "payment", "method": "cash", "reference": None,
                 "amount_paise": balance, "plan_id": None, "charge_paise": 0,
                 "balance_before_paise": balance,
                 "taken_at": int(datetime(2026, 11, 27, tzinfo=UTC).timestamp()),
                 "branch_id": branch, "tendered_paise": None},
        created_by="admin", mutation_id=str(uuid.uuid4()))
    admin_ctx.events.outbox_changed.emit()
    qtbot.waitUntil(lambda: visible_buttons(window) == [PaymentOption.RECHARGE,
                                                        PaymentOption.ADVANCE], timeout=5000)
    index = window.model.index(window.table.currentIndex().row(), COL_BALANCE)
    assert index.data() == "₹0.00"
    assert index.data(PENDING_ROLE).count == 1
    assert "Pending sync" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert index.data(Qt.ItemDataRole.DecorationRole) is not None
    assert "pending sync" in window.actions_strip.summary.text()
    assert window.selected_account().id == account_id


# -- details -------------------------------------------------------------------------------


def test_tag_icon_and_double_click_open_the_details(qtbot, admin_ctx, open_window,
                                                   monkeypatch) -> None:
    opened: list[int] = []
    fake = types.ModuleType("desktop.detail.dialog")
    fake.open_account_detail = lambda ctx, account_id, parent: opened.append(account_id)
    monkeypatch.setitem(sys.modules, "desktop.detail.dialog", fake)
    window = open_window(admin_ctx)
    table = w_find(window, QTableView, "accountTable")
    tag = table.visualRect(window.model.index(2, COL_TAG)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=tag)
    name = table.visualRect(window.model.index(4, COL_NAME)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=name)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=name)
    assert opened == [window.model.row_at(2).id, window.model.row_at(4).id]


# -- changes, progress, settings -----------------------------------------------------------


def test_changed_accounts_refresh_without_losing_the_selection(qtbot, admin_ctx,
                                                                open_window) -> None:
    window = open_window(admin_ctx)
    table = w_find(window, QTableView, "accountTable")
    table.setFocus()
    table.setCurrentIndex(window.model.index(40, COL_NAME))
    chosen = window.selected_account()
    with admin_ctx.cache_engine.begin() as conn:
        conn.execute(text("UPDATE accounts SET balance_paise = 123456 WHERE id = :i"),
                     {"i": chosen.id})
        # an account sorting before it appears: the selected row moves down by one
        conn.execute(text("UPDATE accounts SET name = 'AAAA First' WHERE id = :i"),
                     {"i": window.model.row_at(300).id})
    admin_ctx.events.accounts_changed.emit([chosen.id])
    qtbot.waitUntil(lambda: window.model.index(41, COL_NAME).data() == chosen.name,
                    timeout=5000)
    wait_ready(qtbot, window)
    assert table.currentIndex().row() == 41
    assert window.selected_account().id == chosen.id
    assert window.model.index(41, COL_BALANCE).data() == "₹1,234.56"
    assert "₹1,234.56" in window.actions_strip.summary.text()


def test_a_deleted_account_whose_rowid_is_reused_is_not_selected_in_its_place(
        qtbot, admin_ctx, open_window) -> None:
    """A sync deletes the selected account and pulls a new one, which SQLite gives the
    freed rowid: the selection goes, it never moves to the new account (the pay key and
    the action strip would then act on an account the user never chose)."""
    from db.replica_rows import apply_changes

    window = open_window(admin_ctx)
    with admin_ctx.cache_engine.connect() as conn:
        last = dict(conn.execute(text(
            "SELECT rowid AS r, * FROM accounts ORDER BY rowid DESC LIMIT 1")).mappings().one())
    rowid = last.pop("r")
    table = w_find(window, QTableView, "accountTable")
    table.setFocus()
    table.setCurrentIndex(window.model.index(window.model.position_of_rowid(rowid), COL_NAME))
    chosen = window.selected_account()
    assert chosen is not None and chosen.rowid == rowid
    newcomer = dict(last, id=99_999_999, name="Zainab Newcomer", balance_paise=5_000_000)
    with admin_ctx.cache_engine.begin() as conn:
        apply_changes(conn, [{"table": "accounts", "op": "delete", "key": {"id": chosen.id}},
                             {"table": "accounts", "op": "upsert", "row": newcomer}])
        assert conn.execute(text("SELECT rowid FROM accounts WHERE id = 99999999")
                            ).scalar() == rowid
    admin_ctx.events.accounts_changed.emit([chosen.id, newcomer["id"]])
    qtbot.waitUntil(lambda: window.model.position_of_rowid(rowid) is not None
                    and window.model.row_at(window.model.position_of_rowid(rowid)).id
                    == newcomer["id"], timeout=5000)
    wait_ready(qtbot, window)
    assert window.selected_account() is None
    assert not table.currentIndex().isValid()
    strip = w_find(window, QLabel, "selectedAccount").text()
    assert "Zainab" not in strip and str(newcomer["id"]) not in strip
    assert not any(b.isVisible() for b in window.actions_strip.buttons.values())


def test_cache_reset_reloads_lists_and_rows(qtbot, admin_ctx, open_window) -> None:
    window = open_window(admin_ctx)
    with admin_ctx.cache_engine.begin() as conn:
        conn.execute(text("DELETE FROM accounts WHERE branch_id = 1"))
    admin_ctx.events.cache_reset.emit()
    qtbot.waitUntil(lambda: window.model.rowCount() < DEMO_ACCOUNTS, timeout=5000)
    wait_ready(qtbot, window)
    want = expected(admin_ctx, aq.AccountFilter())
    assert shown_rowids(window) == want
    assert w_find(window, QLabel, "rowCount").text() == f"{len(want):,} accounts"


def test_cache_progress_shows_and_hides(qtbot, ctx, open_window) -> None:
    window = open_window(ctx)
    bar = w_find(window, QProgressBar, "cacheProgress")
    assert not bar.isVisible()
    window.set_cache_progress(250, 1000, "Downloading accounts…")
    assert bar.isVisible() and bar.value() == 250
    assert "Downloading accounts" in window.statusBar().currentMessage()
    window.set_cache_progress(1000, 1000, "Downloading accounts…")
    assert not bar.isVisible()


def test_an_empty_cache_being_filled_says_so(qtbot, qapp, tmp_path, open_window) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    context = make_context(folder, None, qapp, ADMIN)
    try:
        window = open_window(context)
        window.set_cache_progress(10, 100, "Downloading accounts…")
        stack = w_find(window, QStackedWidget, "tableStack")
        assert stack.currentWidget().objectName() == "emptyState"
        assert "being filled" in w_find(window, QLabel, "emptyMessage").text()
        assert w_find(window, QLabel, "rowCount").text() == "0 accounts"
    finally:
        window.close()
        context.tasks.wait_idle()
        context.cache_engine.dispose()
        context.outbox.engine.dispose()


def test_settings_are_remembered(qtbot, admin_ctx, open_window) -> None:
    window = open_window(admin_ctx)
    window.resize(760, 560)  # inside the offscreen screen (800 x 600)
    choose(qtbot, window, "filterStatus",
           w_find(window, QComboBox, "filterStatus").findText("Suspended"))
    branch = w_find(window, QComboBox, "filterBranch")
    choose(qtbot, window, "filterBranch", branch.findText("Erode"))
    _click_header(qtbot, window, COL_BALANCE)
    _click_header(qtbot, window, COL_BALANCE)
    header = w_find(window, QTableView, "accountTable").horizontalHeader()
    header.resizeSection(COL_NAME, 333)
    window.close()

    again = open_window(admin_ctx)
    assert (again.size().width(), again.size().height()) == (760, 560)
    again_header = w_find(again, QTableView, "accountTable").horizontalHeader()
    assert again_header.sectionSize(COL_NAME) == 333
    assert again_header.sortIndicatorSection() == COL_BALANCE
    assert again_header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert w_find(again, QComboBox, "filterStatus").currentText() == "Suspended"
    assert w_find(again, QComboBox, "filterBranch").currentText() == "Erode"
    f = aq.AccountFilter(status="Suspended",
                         branch_id=w_find(again, QComboBox, "filterBranch").currentData())
    assert shown_rowids(again) == expected(admin_ctx, f, sort=aq.SortKey.BALANCE,
                                           descending=True)


def test_jump_to_the_last_row_and_back(qtbot, admin_ctx, open_window) -> None:
    window = open_window(admin_ctx)
    table = w_find(window, QTableView, "accountTable")
    bar = table.verticalScrollBar()
    bar.setValue(bar.maximum())
    last = window.model.rowCount() - 1
    qtbot.waitUntil(lambda: table.rowAt(table.viewport().height() - 2) == last, timeout=3000)
    assert window.model.index(last, COL_NAME).data() not in (None, "Loading…")
    bar.setValue(0)
    assert table.rowAt(1) == 0
