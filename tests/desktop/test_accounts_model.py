"""AccountsTableModel without a view: qtmodeltester, roles, two-step loading, stale tokens."""

from __future__ import annotations

from array import array
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush
from sqlalchemy import text

from billing.money import format_inr
from billing.phone import format_mobile
from db import account_query as aq
from db.account_id_list import ordered_rowids
from db.overlay import PendingPayments
from desktop.accounts.table_cells import CREDIT_COLOUR, DUES_COLOUR, relative_time
from desktop.accounts.table_columns import (
    ACCOUNT_ID_ROLE,
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
    HEADERS,
    PENDING_ROLE,
)
from desktop.accounts.table_jobs import FIRST_PAGE, FirstResult, IdsResult
from desktop.accounts.table_model import AccountsTableModel
from tests.desktop.conftest import DEMO_ACCOUNTS

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


def _sync_model(ctx, **kwargs) -> AccountsTableModel:
    return AccountsTableModel(ctx.cache_engine, tasks=None, now=lambda: NOW, **kwargs)


def _expected(ctx, query: aq.AccountQuery) -> list[int]:
    with ctx.cache_engine.connect() as conn:
        return list(ordered_rowids(conn, query) or [])


def test_model_passes_qtmodeltester(qtmodeltester, ctx) -> None:
    model = _sync_model(ctx)
    model.set_query(aq.AccountQuery())
    assert model.rowCount() == DEMO_ACCOUNTS
    qtmodeltester.check(model)


def test_model_passes_qtmodeltester_while_loading_asynchronously(qtbot, qtmodeltester, ctx):
    model = AccountsTableModel(ctx.cache_engine, tasks=ctx.tasks, now=lambda: NOW)
    with qtbot.waitSignal(model.idsReady, timeout=10_000):
        model.set_query(aq.AccountQuery(filter=aq.AccountFilter(status="Active")))
    qtmodeltester.check(model)


def test_rows_follow_the_database_order(ctx) -> None:
    model = _sync_model(ctx)
    for key in aq.SortKey:
        for descending in (False, True):
            query = aq.AccountQuery(sort=key, descending=descending)
            model.set_query(query)
            expected = _expected(ctx, query)
            got = [model.rowid_at(i) for i in range(model.rowCount())]
            assert got == expected
            # the last row is reachable at once (one page by rowid)
            last = model.index(model.rowCount() - 1, COL_ID).data()
            with ctx.cache_engine.connect() as conn:
                wanted = conn.execute(text("SELECT id FROM accounts WHERE rowid = :r"),
                                      {"r": expected[-1]}).scalar()
            assert last == str(wanted)


def test_sort_through_the_qt_api_requeries(ctx) -> None:
    model = _sync_model(ctx)
    model.set_query(aq.AccountQuery())
    model.sort(COL_BALANCE, Qt.SortOrder.DescendingOrder)
    assert model.query.sort is aq.SortKey.BALANCE and model.query.descending
    balances = [model.index(i, COL_BALANCE).data(BALANCE_ROLE) for i in range(50)]
    assert balances == sorted(balances, reverse=True)
    model.sort(COL_TAG, Qt.SortOrder.AscendingOrder)  # not sortable: nothing changes
    assert model.query.sort is aq.SortKey.BALANCE


def test_display_roles(ctx) -> None:
    model = _sync_model(ctx)
    model.set_query(aq.AccountQuery(sort=aq.SortKey.ID))
    row = model.row_at(0)
    assert row is not None
    idx = {c: model.index(0, c) for c in range(len(HEADERS))}
    assert idx[COL_ID].data() == str(row.id)
    assert idx[COL_NAME].data() == row.name
    assert idx[COL_BRANCH].data() == row.branch_name
    assert idx[COL_MOBILE].data() == format_mobile(row.mobile)
    assert idx[COL_BALANCE].data() == format_inr(row.balance_paise)
    assert idx[COL_PLAN].data() == ("Prepaid" if row.prepaid else "Postpaid")
    assert idx[COL_STATUS].data() == row.status
    assert idx[COL_TAG].data(Qt.ItemDataRole.DecorationRole) is not None
    assert "Enter" in idx[COL_TAG].data(Qt.ItemDataRole.ToolTipRole)
    assert idx[COL_ID].data(ACCOUNT_ID_ROLE) == row.id
    align = Qt.AlignmentFlag(idx[COL_BALANCE].data(Qt.ItemDataRole.TextAlignmentRole))
    assert align & Qt.AlignmentFlag.AlignRight
    header_align = model.headerData(COL_BALANCE, Qt.Orientation.Horizontal,
                                    Qt.ItemDataRole.TextAlignmentRole)
    assert Qt.AlignmentFlag(header_align) & Qt.AlignmentFlag.AlignRight
    assert model.headerData(COL_NAME, Qt.Orientation.Horizontal) == "Account Name"
    if row.last_seen is not None:
        tip = idx[COL_LAST_SEEN].data(Qt.ItemDataRole.ToolTipRole)
        assert "IST" in tip and "2026" in tip


def test_balance_colours_dues_and_credit(ctx) -> None:
    model = _sync_model(ctx)
    model.set_query(aq.AccountQuery(sort=aq.SortKey.BALANCE))
    first = model.index(0, COL_BALANCE)  # most credit
    last = model.index(model.rowCount() - 1, COL_BALANCE)  # most owed
    assert first.data(BALANCE_ROLE) < 0
    assert first.data().startswith("-₹")
    assert first.data(Qt.ItemDataRole.ForegroundRole) == QBrush(CREDIT_COLOUR)
    assert "Advance credit" in first.data(Qt.ItemDataRole.ToolTipRole)
    assert last.data(BALANCE_ROLE) >= 100
    assert last.data(Qt.ItemDataRole.ForegroundRole) == QBrush(DUES_COLOUR)
    assert "Dues outstanding" in last.data(Qt.ItemDataRole.ToolTipRole)
    zero = next(i for i in range(model.rowCount())
                if model.index(i, COL_BALANCE).data(BALANCE_ROLE) == 0)
    assert model.index(zero, COL_BALANCE).data(Qt.ItemDataRole.ForegroundRole) is None


def test_pending_payments_change_the_balance_and_mark_the_row(ctx) -> None:
    model = _sync_model(ctx)
    model.set_query(aq.AccountQuery(sort=aq.SortKey.BALANCE, descending=True))
    index = model.index(0, COL_BALANCE)
    row = model.row_at(0)
    assert index.data(PENDING_ROLE) is None
    assert index.data(Qt.ItemDataRole.DecorationRole) is None
    model.set_pending({row.id: PendingPayments(-row.balance_paise, 1)})
    assert index.data(BALANCE_ROLE) == 0
    assert index.data() == "₹0.00"
    assert index.data(Qt.ItemDataRole.DecorationRole) is not None
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert "Pending sync" in tip and format_inr(row.balance_paise) in tip


@pytest.mark.parametrize(
    ("ago", "text"),
    [
        (timedelta(seconds=5), "just now"),
        (timedelta(minutes=7), "7 min ago"),
        (timedelta(hours=3, minutes=59), "3 h ago"),
        (timedelta(days=1, hours=2), "1 day ago"),
        (timedelta(days=12), "12 days ago"),
        (timedelta(days=45), "1 month ago"),
        (timedelta(days=400), "23 Oct 2025"),
    ],
)
def test_relative_time(ago, text) -> None:
    assert relative_time(NOW - ago, NOW) == text


def test_two_steps_first_page_then_full_list(ctx) -> None:
    model = AccountsTableModel(ctx.cache_engine, tasks=None, now=lambda: NOW)
    query = aq.AccountQuery()
    expected = _expected(ctx, query)
    with ctx.cache_engine.connect() as conn:
        rows = aq.rows_in_order(conn, expected[:FIRST_PAGE])
    model._token = 7
    model._on_first(FirstResult(7, len(expected), len(expected), rows, {}))
    assert model.rowCount() == len(expected)
    assert not model.ids_ready
    assert model.index(0, COL_NAME).data() == rows[0].name
    assert model.index(len(expected) - 1, COL_NAME).data() == "Loading…"
    changed = []
    model.dataChanged.connect(lambda a, b: changed.append((a.row(), b.row())))
    model._on_ids(IdsResult(7, array("q", expected)))
    assert model.ids_ready
    assert changed == [(FIRST_PAGE, len(expected) - 1)]
    assert model.index(len(expected) - 1, COL_NAME).data() != "Loading…"


def test_results_of_an_older_query_are_dropped(ctx) -> None:
    model = _sync_model(ctx)
    model.set_query(aq.AccountQuery())
    token = model._token
    before = [model.rowid_at(i) for i in range(10)]
    model._on_first(FirstResult(token - 1, 3, 3, [], {}))
    model._on_ids(IdsResult(token - 1, array("q", [1, 2, 3])))
    assert model.rowCount() == DEMO_ACCOUNTS
    assert [model.rowid_at(i) for i in range(10)] == before


def test_newest_of_many_quick_queries_wins(qtbot, ctx) -> None:
    model = AccountsTableModel(ctx.cache_engine, tasks=ctx.tasks, now=lambda: NOW)
    for typed in ["s", "se", "sen", "sent", "senthil"]:
        model.set_query(aq.AccountQuery(filter=aq.AccountFilter(search=typed)))
    final = aq.AccountQuery(filter=aq.AccountFilter(status="Suspended"), sort=aq.SortKey.BALANCE)
    model.set_query(final)
    qtbot.waitUntil(lambda: model.ids_ready and not model.busy, timeout=10_000)
    ctx.tasks.wait_idle()
    qtbot.wait(20)
    assert [model.rowid_at(i) for i in range(model.rowCount())] == _expected(ctx, final)


def test_a_row_deleted_between_the_steps_shows_the_list_as_it_is_now(ctx) -> None:
    model = _sync_model(ctx)
    query = aq.AccountQuery()
    expected = _expected(ctx, query)
    with ctx.cache_engine.connect() as conn:
        rows = aq.rows_in_order(conn, expected[:FIRST_PAGE])
    model._token = 3
    model._on_first(FirstResult(3, len(expected), len(expected), rows, {}))
    removed, changed = [], []
    model.rowsRemoved.connect(lambda _p, first, last: removed.append((first, last)))
    model.dataChanged.connect(lambda a, b: changed.append((a.row(), b.row())))
    model._on_ids(IdsResult(3, array("q", expected[1:])))
    assert model.rowCount() == len(expected) - 1
    assert removed == [(len(expected) - 1, len(expected) - 1)]
    assert changed == [(0, len(expected) - 2)]  # every kept row repainted with its new row
    assert [model.rowid_at(i) for i in range(model.rowCount())] == expected[1:]
    assert model.index(0, COL_NAME).data() == model.row_at(0).name


def test_a_count_that_stopped_early_grows_to_the_exact_one_with_the_full_list(ctx) -> None:
    """Above COUNT_UP_TO the first step only says "more than"; the full list then appends
    the remaining rows (rowsInserted, no reset: the view keeps its place)."""
    model = _sync_model(ctx)
    query = aq.AccountQuery(filter=aq.AccountFilter(status="Active"))
    expected = _expected(ctx, query)
    assert len(expected) > 40
    with ctx.cache_engine.connect() as conn:
        rows = aq.rows_in_order(conn, expected[:20])
    model._token = 5
    model._on_first(FirstResult(5, 31, DEMO_ACCOUNTS, rows, {}, None, False))
    assert model.rowCount() == 31 and not model.count_exact
    inserted, resets = [], []
    model.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))
    model.modelReset.connect(lambda: resets.append(1))
    model._on_ids(IdsResult(5, array("q", expected)))
    assert inserted == [(31, len(expected) - 1)] and not resets
    assert model.count_exact and model.rowCount() == len(expected)
    assert [model.rowid_at(i) for i in range(len(expected))] == expected
    assert model.index(len(expected) - 1, COL_NAME).data() != "Loading…"


def test_the_first_step_counts_only_up_to_the_cap(ctx, monkeypatch) -> None:
    import desktop.accounts.table_jobs as jobs

    monkeypatch.setattr(jobs, "COUNT_UP_TO", 10)
    model = _sync_model(ctx)
    firsts = []
    model.loaded.connect(lambda: firsts.append((model.rowCount(), model.count_exact)))
    query = aq.AccountQuery(filter=aq.AccountFilter(status="Active"))
    model.set_query(query)
    assert firsts[0] == (11, False)  # "more than 10" after the first step
    assert model.count_exact and model.rowCount() == len(_expected(ctx, query))


def test_the_first_step_measures_its_search_once(ctx, monkeypatch) -> None:
    """The count and the first page share one measured plan (a first read of the sample
    is 6-9 ms at 3M accounts); the full list's step measures its own."""
    import db.account_search_plan as plans
    import desktop.accounts.table_jobs as jobs

    monkeypatch.setattr(jobs, "SEARCH_ONE_STEP", 0)  # count, then a first page
    measured = []
    measure = plans.measure
    monkeypatch.setattr(plans, "measure", lambda conn, q: measured.append(q) or measure(conn, q))
    query = aq.AccountQuery(filter=aq.AccountFilter(search="ar"))
    result = jobs._first_job(ctx.cache_engine, query, 1, None, None, {})
    assert result is not None and result.rows and result.rowids is None
    assert measured == ["ar"]
    assert [r.rowid for r in result.rows] == _expected(ctx, query)[: len(result.rows)]


def test_the_previous_full_list_is_freed_off_the_gui_thread(ctx) -> None:
    """Unmapping a long list costs the thread that drops it (2 ms at 3M accounts): the
    model hands the previous list to desktop.runtime.memory.release_later instead."""
    import threading
    import time

    freed: list[str] = []

    class Tracked(array):
        def __del__(self) -> None:
            freed.append(threading.current_thread().name)

    model = _sync_model(ctx)
    model.set_query(aq.AccountQuery())
    listed = Tracked("q", model._ids)
    model._on_ids(IdsResult(model._token, listed))
    del listed
    assert model.rowCount() == DEMO_ACCOUNTS and not freed
    model.set_query(aq.AccountQuery(filter=aq.AccountFilter(status="Suspended")))
    deadline = time.monotonic() + 5
    while not freed and time.monotonic() < deadline:
        time.sleep(0.01)
    assert freed == ["memory-release"]


def test_pyside_calls_do_not_drain_none_and_true(ctx) -> None:
    """PySide6 6.12.0 on 3.11 drops a reference per void call / emit
    (desktop.runtime.pyside_guard)."""
    import sys

    from PySide6.QtWidgets import QLabel

    model = _sync_model(ctx)
    model.set_query(aq.AccountQuery())
    label = QLabel()
    for _ in range(20_000):
        model.loaded.emit()
        label.setText("x")
    assert sys.getrefcount(None) > 1_000_000 or sys.version_info >= (3, 12)
    assert sys.getrefcount(True) > 1_000_000 or sys.version_info >= (3, 12)


def test_rowcount_of_child_is_zero(ctx) -> None:
    model = _sync_model(ctx)
    model.set_query(aq.AccountQuery())
    assert model.rowCount(model.index(0, 0)) == 0
    assert model.data(QModelIndex()) is None
    assert model.data(model.index(0, COL_NAME), Qt.ItemDataRole.CheckStateRole) is None


def test_a_result_still_coming_when_the_inputs_change_is_never_shown(qtbot, ctx) -> None:
    model = AccountsTableModel(ctx.cache_engine, tasks=ctx.tasks, now=lambda: NOW)
    model.set_query(aq.AccountQuery(filter=aq.AccountFilter(search="ra")))
    qtbot.waitUntil(lambda: model.ids_ready and not model.busy, timeout=10_000)
    model.set_filter(aq.AccountFilter(search="s"))  # running on the database worker...
    model.expect(aq.AccountFilter(search="se"))  # ...when the text changes again
    assert model.rowCount() == 0 and model.waiting  # the "ra" rows are gone at once
    assert model.query.filter.search == "se"
    ctx.tasks.wait_idle()
    qtbot.wait(30)  # the "s" result arrives: an older generation, dropped
    assert model.rowCount() == 0
    model.set_filter(aq.AccountFilter(search="se"))  # typing paused: the query starts
    qtbot.waitUntil(lambda: model.ids_ready and not model.busy, timeout=10_000)
    expected = _expected(ctx, aq.AccountQuery(filter=aq.AccountFilter(search="se")))
    assert [model.rowid_at(i) for i in range(model.rowCount())] == expected


def test_the_same_text_typed_again_still_runs_its_query(qtbot, ctx) -> None:
    model = AccountsTableModel(ctx.cache_engine, tasks=ctx.tasks, now=lambda: NOW)
    typed = aq.AccountFilter(search="ra")
    model.set_filter(typed)
    qtbot.waitUntil(lambda: model.ids_ready and not model.busy, timeout=10_000)
    model.expect(aq.AccountFilter(search="r"))  # Backspace...
    model.expect(typed)  # ...and the same letter again
    model.set_filter(typed)
    qtbot.waitUntil(lambda: model.ids_ready and not model.busy, timeout=10_000)
    assert model.rowCount() == len(_expected(ctx, aq.AccountQuery(filter=typed)))


def _view(model):
    from PySide6.QtWidgets import QTableView

    view = QTableView()
    view.setModel(model)
    view.resize(900, 400)
    view.show()
    return view


def test_a_new_row_set_is_no_model_reset_and_drops_the_selection(qtbot, ctx) -> None:
    """Issue 18: a change of filter is rows removed/inserted and one dataChanged, not a reset
    (which makes the view rebuild everything); the view's current row still goes, as the
    position now holds another account."""
    model = _sync_model(ctx)
    model.set_query(aq.AccountQuery())
    view = _view(model)
    qtbot.addWidget(view)
    view.setCurrentIndex(model.index(3, COL_NAME))
    assert view.selectionModel().hasSelection()
    signals = []
    model.modelReset.connect(lambda: signals.append("reset"))
    model.rowsRemoved.connect(lambda _p, a, b: signals.append(("removed", a, b)))
    model.rowsInserted.connect(lambda _p, a, b: signals.append(("inserted", a, b)))
    model.dataChanged.connect(lambda a, b: signals.append(("changed", a.row(), b.row())))
    query = aq.AccountQuery(filter=aq.AccountFilter(status="Suspended"))
    model.set_query(query)
    expected = _expected(ctx, query)
    assert 0 < len(expected) < DEMO_ACCOUNTS
    assert "reset" not in signals
    assert ("removed", len(expected), DEMO_ACCOUNTS - 1) in signals
    assert ("changed", 0, len(expected) - 1) in signals
    assert not view.currentIndex().isValid() and not view.selectionModel().hasSelection()
    assert [model.rowid_at(i) for i in range(model.rowCount())] == expected
    assert view.model().index(0, COL_NAME).data() == model.row_at(0).name
    signals.clear()
    model.expect(aq.AccountFilter(search="ra"))  # typing: the table empties at once
    assert signals == [("removed", 0, len(expected) - 1)] and model.rowCount() == 0
    signals.clear()
    model.set_filter(aq.AccountFilter(search="ra"))
    found = _expected(ctx, aq.AccountQuery(filter=aq.AccountFilter(search="ra")))
    assert signals[0] == ("inserted", 0, len(found) - 1) and "reset" not in signals
    assert [model.rowid_at(i) for i in range(model.rowCount())] == found


def test_qtmodeltester_follows_changes_of_the_row_set(qtmodeltester, ctx) -> None:
    model = _sync_model(ctx)
    model.set_query(aq.AccountQuery(filter=aq.AccountFilter(status="Suspended")))
    qtmodeltester.check(model)  # keeps watching the model's signals from here
    model.set_query(aq.AccountQuery())
    model.expect(aq.AccountFilter(search="s"))
    model.set_filter(aq.AccountFilter(search="s"))
    model.set_query(aq.AccountQuery(filter=aq.AccountFilter(search="zzzz")))
    assert model.rowCount() == 0


def test_the_first_page_arrives_formatted_from_the_worker(qtbot, ctx, monkeypatch) -> None:
    """The GUI thread paints the first page without formatting a cell itself."""
    import threading

    import desktop.accounts.table_model as atm

    on_gui = []
    real = atm.row_cells

    def counting(*args, **kwargs):
        if threading.current_thread() is threading.main_thread():
            on_gui.append(args[0].rowid)
        return real(*args, **kwargs)

    monkeypatch.setattr(atm, "row_cells", counting)
    model = AccountsTableModel(ctx.cache_engine, tasks=ctx.tasks, now=lambda: NOW)
    view = _view(model)
    qtbot.addWidget(view)
    model.set_query(aq.AccountQuery(filter=aq.AccountFilter(status="Active")))
    qtbot.waitUntil(lambda: model.ids_ready and not model.busy, timeout=10_000)
    view.viewport().repaint()
    assert model.rowCount() > 0
    assert on_gui == []  # every painted row came formatted
    row = model.row_at(0)
    assert model.index(0, COL_BALANCE).data() == format_inr(row.balance_paise)


def test_cells_formatted_before_a_pending_payment_are_not_shown(ctx) -> None:
    """set_pending() between the worker's formatting and the result's arrival: the
    balance shown includes the pending payment."""
    import desktop.accounts.table_jobs as atm

    model = _sync_model(ctx)
    model.set_query(aq.AccountQuery())
    token = model._advance()
    shared: dict[str, bool] = {}
    result = atm._first_job(
        ctx.cache_engine, model.query, token, None, None, shared,
        atm.Formatting(model._words, lambda: NOW, model._pending),
    )
    first = result.rows[0]
    model.set_pending({first.id: PendingPayments(-first.balance_paise - 500, 1)})
    model._on_first(result)
    assert model.index(0, COL_BALANCE).data() == format_inr(-500)
    assert model.index(0, COL_BALANCE).data(Qt.ItemDataRole.DecorationRole) is not None


def test_one_call_per_cell_gives_what_data_gives(qtbot, ctx) -> None:
    """multiData (what the view's delegate calls) and data() agree role by role."""
    from PySide6.QtCore import QModelRoleData, QModelRoleDataSpan

    model = _sync_model(ctx)
    model.set_query(aq.AccountQuery())
    model.set_pending({model.row_at(1).id: PendingPayments(-100, 1)})
    roles = [Qt.ItemDataRole.FontRole, Qt.ItemDataRole.TextAlignmentRole,
             Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.CheckStateRole,
             Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.DisplayRole,
             Qt.ItemDataRole.BackgroundRole, ACCOUNT_ID_ROLE]
    for position in range(6):
        for column in range(len(HEADERS)):
            index = model.index(position, column)
            for role in roles:
                item = QModelRoleData(role)
                model.multiData(index, QModelRoleDataSpan(item))
                want = index.data(role)
                got = item.data()
                if isinstance(want, QBrush):
                    assert got.color() == want.color()
                elif role == Qt.ItemDataRole.DecorationRole:
                    assert (got is None) == (want is None), (position, column)
                else:
                    assert got == want, (position, column, role)


def test_one_call_per_cell_forgets_the_cell_before(qtbot, ctx) -> None:
    """Qt's delegate hands multiData the same role data for every cell it paints, so a role
    a cell has no value for must come back empty, not as the previous cell's value (a tag
    icon, a colour or an alignment painted into every column)."""
    from PySide6.QtCore import QModelRoleData, QModelRoleDataSpan

    model = _sync_model(ctx)
    model.set_query(aq.AccountQuery())
    model.set_pending({model.row_at(1).id: PendingPayments(-100, 1)})
    roles = [Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.ForegroundRole,
             Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.DisplayRole]
    reused = {role: QModelRoleData(role) for role in roles}
    for position in range(6):
        for column in range(len(HEADERS)):
            index = model.index(position, column)
            for role, item in reused.items():
                model.multiData(index, QModelRoleDataSpan(item))
                want = index.data(role)
                got = item.data()
                assert (got is None) == (want is None), (position, column, role, got)
