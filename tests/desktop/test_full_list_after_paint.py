"""The full list's step starts when the first page is painted, not after a fixed wait.

The second step (:func:`desktop.accounts.table_jobs._ids_job`) waits for the view to paint
the first page, so that it does not compete with the paint, but no longer than
``IDS_DELAY_S``. Here that cap is 30 s: a full list that arrives within seconds can only
have been started by the paint, and a replaced query's waiting step must end at once
(the database worker runs one job at a time, so it would hold up the next query).
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtWidgets import QWidget

import desktop.accounts.table_jobs as jobs
from db import account_query as aq
from db.account_id_list import ordered_rowids
from desktop.accounts.table_model import AccountsTableModel
from desktop.accounts.table_view import make_account_table

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
ACTIVE = aq.AccountQuery(filter=aq.AccountFilter(status="Active"), sort=aq.SortKey.BALANCE)


def _expected(ctx, query: aq.AccountQuery) -> list[int]:
    with ctx.cache_engine.connect() as conn:
        return list(ordered_rowids(conn, query) or [])


def test_the_full_list_starts_once_the_first_page_is_painted(qtbot, ctx, monkeypatch) -> None:
    monkeypatch.setattr(jobs, "IDS_DELAY_S", 30.0)
    model = AccountsTableModel(ctx.cache_engine, tasks=ctx.tasks, now=lambda: NOW)
    parent = QWidget()
    qtbot.addWidget(parent)
    table = make_account_table(model, parent)
    table.resize(900, 400)
    parent.show()
    qtbot.waitExposed(parent)
    with qtbot.waitSignal(model.loaded, timeout=5_000):
        model.set_query(ACTIVE)
    assert not model.ids_ready  # two steps: the full list follows the painted page
    qtbot.waitUntil(lambda: model.ids_ready and not model.busy, timeout=5_000)
    assert [model.rowid_at(i) for i in range(model.rowCount())] == _expected(ctx, ACTIVE)


def test_an_unpainted_first_page_still_gets_its_full_list(qtbot, ctx, monkeypatch) -> None:
    monkeypatch.setattr(jobs, "IDS_DELAY_S", 0.2)
    model = AccountsTableModel(ctx.cache_engine, tasks=ctx.tasks, now=lambda: NOW)
    model.set_query(ACTIVE)  # no view: nothing paints, the wait's cap applies
    qtbot.waitUntil(lambda: model.ids_ready and not model.busy, timeout=5_000)
    assert [model.rowid_at(i) for i in range(model.rowCount())] == _expected(ctx, ACTIVE)


def test_a_replaced_query_does_not_hold_the_worker(qtbot, ctx, monkeypatch) -> None:
    monkeypatch.setattr(jobs, "IDS_DELAY_S", 30.0)
    model = AccountsTableModel(ctx.cache_engine, tasks=ctx.tasks, now=lambda: NOW)
    with qtbot.waitSignal(model.loaded, timeout=5_000):
        model.set_query(ACTIVE)
    # ACTIVE's second step now waits for a paint that never comes (no view) ...
    final = aq.AccountQuery(filter=aq.AccountFilter(status="Suspended"))
    with qtbot.waitSignal(model.loaded, timeout=5_000):
        model.set_query(final)  # ... and is dropped at once: the next query runs
    assert model.rowCount() > 0 and not model.ids_ready
    model.painted()  # as the view does after painting
    qtbot.waitUntil(lambda: model.ids_ready and not model.busy, timeout=5_000)
    assert [model.rowid_at(i) for i in range(model.rowCount())] == _expected(ctx, final)
