"""Export: the file holds exactly the rows the table shows, in its order; cancel leaves none."""

from __future__ import annotations

import csv
import threading
from decimal import Decimal
from functools import partial
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QProgressDialog, QPushButton

from billing.money import paise_to_decimal
from db.overlay import PendingPayments
from desktop.accounts.export import COLUMNS, ExportCancelled, ExportResult, export_accounts
from desktop.accounts.main_window import MainWindow
from desktop.accounts.table_columns import COL_BALANCE
from tests.desktop import test_main_window as mw
from tests.desktop.test_main_window import _click_header, choose, type_search, w_find

# the window tests' fixtures, shared
admin_ctx = mw.admin_ctx
open_window = mw.open_window


def visible_rows(window: MainWindow) -> list[list[str]]:
    """What the table shows, as export values (id, name, branch, mobile, balance, pending)."""
    rows = []
    for i in range(window.model.rowCount()):
        row = window.model.row_at(i)
        pending = window.model.pending_for(row.id)
        balance = window.model.provisional_balance(row)
        rows.append([str(row.id), row.name, row.branch_name, row.mobile,
                     str(paise_to_decimal(balance)), "pending sync" if pending else "",
                     "Prepaid" if row.prepaid else "Postpaid", row.status])
    return rows


def _filter_and_sort(qtbot, window: MainWindow) -> None:
    status = w_find(window, QComboBox, "filterStatus")
    choose(qtbot, window, "filterStatus", status.findText("Active"))
    type_search(qtbot, window, "a")
    _click_header(qtbot, window, COL_BALANCE)
    _click_header(qtbot, window, COL_BALANCE)  # balance, descending


def _run_export(qtbot, window: MainWindow, path: Path) -> object:
    with qtbot.waitSignal(window.exportFinished, timeout=15_000) as blocker:
        assert window.export_to(path) is not None
    return blocker.args[0]


def test_csv_export_equals_the_visible_rows(qtbot, admin_ctx, open_window, tmp_path) -> None:
    window = open_window(admin_ctx)
    _filter_and_sort(qtbot, window)
    # one row has a payment waiting in the outbox: the file shows what the screen shows
    first = window.model.row_at(0)
    window.model.set_pending({first.id: PendingPayments(-first.balance_paise, 1)})
    shown = visible_rows(window)
    assert 50 < len(shown) < 2000
    path = tmp_path / "accounts.csv"
    result = _run_export(qtbot, window, path)
    assert isinstance(result, ExportResult) and result.rows == len(shown)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle))
    assert lines[0] == COLUMNS
    body = [[r[0], r[1], r[2], r[3], r[4], r[5], r[7], r[8]] for r in lines[1:]]
    assert body == shown
    assert body[0][4] == "0.00" and body[0][5] == "pending sync"
    assert all(r[6] == "" or r[6].startswith("20") for r in lines[1:])  # exact time, not "3 h"
    assert "Exported" in window.statusBar().currentMessage()
    assert not list(tmp_path.glob(".*.part"))


def test_excel_export_equals_the_visible_rows(qtbot, admin_ctx, open_window, tmp_path) -> None:
    window = open_window(admin_ctx)
    _filter_and_sort(qtbot, window)
    shown = visible_rows(window)
    path = tmp_path / "accounts.xlsx"
    result = _run_export(qtbot, window, path)
    assert isinstance(result, ExportResult) and result.rows == len(shown)
    sheet = load_workbook(path, read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == COLUMNS
    body = [[str(r[0]), r[1], r[2], r[3], str(Decimal(str(r[4])).quantize(Decimal("0.01"))),
             r[5] or "", r[7], r[8]] for r in rows[1:]]
    assert body == shown
    assert isinstance(rows[1][0], int)  # numbers stay numbers


def test_cancelled_export_writes_nothing(qtbot, admin_ctx, open_window, tmp_path) -> None:
    window = open_window(admin_ctx)
    gate = threading.Event()
    # hold the single database worker so the export is still queued when cancelled
    admin_ctx.tasks.run_db("hold", partial(_wait_for, gate))
    path = tmp_path / "accounts.csv"
    with qtbot.waitSignal(window.exportFinished, timeout=5000) as blocker:
        assert window.export_to(path) is not None
        dialog = window.findChild(QProgressDialog, "exportProgress")
        assert dialog is not None
        cancel = dialog.findChild(QPushButton)
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    gate.set()
    admin_ctx.tasks.wait_idle()
    assert isinstance(blocker.args[0], ExportCancelled)
    assert "cancelled" in window.statusBar().currentMessage()
    assert not path.exists()
    assert not list(tmp_path.glob(".*.part"))
    assert window.findChild(QProgressDialog, "exportProgress") is None or not dialog.isVisible()


def _wait_for(gate: threading.Event, _control) -> None:
    gate.wait(10)


class _Control:
    def __init__(self, cancel_after: int) -> None:
        self.reports: list[tuple[int, int]] = []
        self.cancel_after = cancel_after

    @property
    def cancelled(self) -> bool:
        return len(self.reports) >= self.cancel_after

    def report(self, done: int, total: int) -> None:
        self.reports.append((done, total))


def test_export_function_reports_progress_and_cleans_up_on_cancel(admin_ctx, tmp_path) -> None:
    from array import array

    from db import account_query as aq
    from db.account_id_list import ordered_rowids

    with admin_ctx.cache_engine.connect() as conn:
        rowids = ordered_rowids(conn, aq.AccountQuery()) or array("q")
    path = tmp_path / "all.csv"
    control = _Control(cancel_after=10**9)
    result = export_accounts(admin_ctx.cache_engine, rowids, {}, path, control)
    assert result.rows == len(rowids)
    assert control.reports[-1] == (len(rowids), len(rowids))
    stopped = tmp_path / "stopped.xlsx"
    with pytest.raises(ExportCancelled):
        export_accounts(admin_ctx.cache_engine, rowids, {}, stopped, _Control(cancel_after=1))
    assert not stopped.exists() and not list(tmp_path.glob(".*.part"))


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_name_that_looks_like_a_formula_is_exported_as_text(
        qtbot, admin_ctx, open_window, tmp_path, suffix) -> None:
    """A name typed as ``=HYPERLINK(...)`` (or ``@...``) must not become a live formula
    when the export is opened in Excel; the mobile (+91...) stays as it was."""
    from sqlalchemy import text

    names = {10_000_011: '=HYPERLINK("http://evil.example","Pay here")',
             10_000_012: "@SUM(1+1)*cmd|' /C calc'!A0"}
    with admin_ctx.cache_engine.begin() as conn:
        for account_id, name in names.items():
            conn.execute(text("UPDATE accounts SET name = :n WHERE id = :i"),
                         {"n": name, "i": account_id})
    window = open_window(admin_ctx)
    type_search(qtbot, window, "1000001")  # a filtered list: 10000010 to 10000019
    assert {window.model.row_at(i).id for i in range(window.model.rowCount())} >= set(names)
    path = tmp_path / f"accounts{suffix}"
    assert isinstance(_run_export(qtbot, window, path), ExportResult)
    if suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            cells = {int(r[0]): (r[1], r[3]) for r in list(csv.reader(handle))[1:]}
        for account_id, name in names.items():
            assert cells[account_id][0] == "'" + name
            assert cells[account_id][1].startswith("+91")
    else:
        sheet = load_workbook(path).active
        cells = {r[0].value: r for r in sheet.iter_rows(min_row=2)}
        for account_id, name in names.items():
            assert cells[account_id][1].value == name
            assert cells[account_id][1].data_type == "s"  # text, not a formula
