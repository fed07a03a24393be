"""The payments register window: filters, totals by method, pending rows, export, reprint."""

from __future__ import annotations

import csv
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QLabel, QTableView
from sqlalchemy import text

from billing.money import format_inr, paise_to_decimal
from billing.rules import PaymentMethod, PaymentOption
from db.payments_local import build_payment_payload, load_account, record_payment
from db.register_query import totals_by_method
from desktop.payments.register import PaymentsRegister
from desktop.payments.register_model import COL_STATUS
from tests.conftest import DEMO_TODAY
from tests.desktop.test_payment_support import pick_account, set_account

FROM = DEMO_TODAY - timedelta(days=30)


def _open(qtbot, ctx) -> PaymentsRegister:
    window = PaymentsRegister(ctx)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        window.show()
    return window


def _set_dates(qtbot, window: PaymentsRegister) -> None:
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        window.findChild(QDateEdit, "regFrom").setDate(QDate(FROM.year, FROM.month, FROM.day))


def _choose(qtbot, window: PaymentsRegister, name: str, data: object) -> None:
    box = window.findChild(QComboBox, name)
    index = box.findData(data)
    assert index >= 0, (name, data)
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        box.setCurrentIndex(index)


def _cache_sum(ctx, where: str = "1", **params) -> tuple[int, int]:
    start = int(datetime(FROM.year, FROM.month, FROM.day, tzinfo=UTC).timestamp()) - 19_800
    end = int(datetime(DEMO_TODAY.year, DEMO_TODAY.month, DEMO_TODAY.day, tzinfo=UTC)
              .timestamp()) + 86_400 - 19_800
    with ctx.cache_engine.connect() as conn:
        total, count = conn.execute(text(
            "SELECT COALESCE(SUM(p.amount_paise), 0), COUNT(*) FROM payments p "
            "JOIN accounts a ON a.id = p.account_id "
            f"WHERE p.taken_at >= :s AND p.taken_at < :e AND {where}"),
            {"s": start, "e": end, **params}).one()
    return int(total), int(count)


def _take(ctx, method: PaymentMethod) -> str:
    account_id = pick_account(ctx, prepaid=False)
    set_account(ctx, account_id, balance_paise=77_700)
    account = load_account(ctx.cache_engine, ctx.outbox, account_id)
    payload = build_payment_payload(
        account, option=PaymentOption.PAYMENT, method=method,
        reference=None if method is PaymentMethod.CASH else "R-1", amount_paise=77_700,
        charge_paise=0, plan_id=None, tendered_paise=None, taken_at=datetime.now(UTC))
    payload["taken_at"] = int(datetime(2026, 11, 27, 6, 0, tzinfo=UTC).timestamp())
    mutation = record_payment(ctx.outbox, account_id=account_id, payload=payload,
                              created_by=ctx.user.username, mutation_id=str(uuid.uuid4()))
    return mutation.payload["receipt_number"]


def test_register_filters_and_totals(qtbot, ctx) -> None:
    window = _open(qtbot, ctx)
    assert window.objectName() == "paymentsRegister"
    # Opens on today and the user's branch.
    assert window.findChild(QComboBox, "regBranch").currentData() == 1
    _set_dates(qtbot, window)
    total, count = _cache_sum(ctx, "a.branch_id = 1")
    assert count > 0 and window.model.rowCount() == count
    totals = window.findChild(QLabel, "registerTotals").text()
    assert f"{count:,} payments · total {format_inr(total)}" in totals
    cash, _ = _cache_sum(ctx, "a.branch_id = 1 AND p.method = 'cash'")
    assert f"Cash {format_inr(cash)}" in totals

    _choose(qtbot, window, "regMethod", "upi")
    upi_total, upi_count = _cache_sum(ctx, "a.branch_id = 1 AND p.method = 'upi'")
    assert window.model.rowCount() == upi_count
    assert {r.method for r in window.model.rows} == {"upi"}
    assert f"UPI {format_inr(upi_total)}" in window.totals.text()
    _choose(qtbot, window, "regMethod", None)

    _choose(qtbot, window, "regType", "advance")
    _, adv = _cache_sum(ctx, "a.branch_id = 1 AND p.kind = 'advance'")
    assert window.model.rowCount() == adv
    _choose(qtbot, window, "regType", "prepaid")
    _, pre = _cache_sum(ctx, "a.branch_id = 1 AND p.kind != 'advance' AND a.prepaid")
    assert window.model.rowCount() == pre
    _choose(qtbot, window, "regType", None)

    area = window.findChild(QComboBox, "regArea")
    area_id = area.itemData(1)
    _choose(qtbot, window, "regArea", area_id)
    _, in_area = _cache_sum(ctx, "a.area_id = :area", area=area_id)
    assert window.model.rowCount() == in_area
    _choose(qtbot, window, "regArea", None)

    manager = window.findChild(QComboBox, "regManager").itemData(1)
    _choose(qtbot, window, "regManager", manager)
    _, managed = _cache_sum(ctx, "a.account_manager_id = :m", m=manager)
    assert window.model.rowCount() == managed
    _choose(qtbot, window, "regManager", None)

    _choose(qtbot, window, "regCashier", "cashier.cbe")
    assert {r.cashier for r in window.model.rows} == {"cashier.cbe"}
    _choose(qtbot, window, "regCashier", None)

    _choose(qtbot, window, "regBranch", None)
    _, everywhere = _cache_sum(ctx)
    assert window.model.rowCount() == everywhere
    _choose(qtbot, window, "regZone", 1)
    _, zone_one = _cache_sum(ctx, "a.branch_id IN (SELECT id FROM branches WHERE zone_id = 1)")
    assert window.model.rowCount() == zone_one
    window.close()


def test_pending_payments_show_at_once_and_export(qtbot, ctx, tmp_path: Path) -> None:
    receipt = _take(ctx, PaymentMethod.CARD)
    window = _open(qtbot, ctx)
    rows = [r for r in window.model.rows if r.pending]
    assert [r.document_number for r in rows] == [receipt]
    index = window.model.rows.index(rows[0])
    assert window.model.index(index, COL_STATUS).data() == "Pending sync"
    assert "1 pending sync" in window.totals.text()
    card = sum(r.amount_paise for r in window.model.rows if r.method == "card")
    card_cache, _ = _cache_sum(ctx, "p.method = 'card' AND p.taken_at >= :t AND a.branch_id = 1",
                               t=int(datetime(2026, 11, 26, 18, 30, tzinfo=UTC).timestamp()))
    assert card == card_cache + 77_700
    assert f"Card {format_inr(card)}" in window.totals.text()
    # A new payment elsewhere in the app refreshes the register.
    second = _take(ctx, PaymentMethod.CASH)
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        ctx.events.outbox_changed.emit()
    assert second in {r.document_number for r in window.model.rows}

    csv_path = tmp_path / "payments.csv"
    with qtbot.waitSignal(window.exported, timeout=10_000):
        window.export_to(csv_path, "csv")
    with csv_path.open(encoding="utf-8-sig") as handle:
        lines = list(csv.reader(handle))
    assert lines[0][:3] == ["Document Date", "Document No", "Receipt No"]
    assert {receipt, second} <= {line[1] for line in lines[1:] if line}
    shown = totals_by_method(window.model.rows)
    card_line = ["Total", "Card", "", "", "", "", "", "", "", "", str(paise_to_decimal(
        shown["card"]))]
    assert card_line in lines

    xlsx = tmp_path / "payments.xlsx"
    with qtbot.waitSignal(window.exported, timeout=10_000):
        window.export_to(xlsx, "xlsx")
    book = load_workbook(xlsx)
    sheet = book["Payments"]
    assert sheet.max_row == window.model.rowCount() + 1
    totals = {r[0]: r[1] for r in book["Totals by method"].iter_rows(min_row=2,
                                                                      values_only=True)}
    # Excel keeps numbers as binary doubles; two-decimal amounts read back exactly by repr.
    assert Decimal(str(totals["Card"])) == paise_to_decimal(shown["card"])
    assert Decimal(str(totals["Cash"])) == paise_to_decimal(shown["cash"])
    window.close()


def test_reprint_from_the_register_is_a_duplicate(qtbot, ctx) -> None:
    receipt = _take(ctx, PaymentMethod.CASH)
    window = _open(qtbot, ctx)
    row = next(i for i, r in enumerate(window.model.rows) if r.document_number == receipt)
    window.findChild(QTableView, "registerTable").selectRow(row)
    window.reprint.click()
    qtbot.waitUntil(lambda: getattr(window, "receipt_dialog", None) is not None, timeout=10_000)
    dialog = window.receipt_dialog
    assert dialog.data.duplicate and dialog.data.receipt_number == receipt
    assert "DUPLICATE" in dialog.view.toPlainText()
    dialog.close()
    window.close()



def test_refused_payments_are_listed_but_not_counted(qtbot, ctx) -> None:
    from db.outbox import MutationState

    receipt = _take(ctx, PaymentMethod.UPI)
    (mutation,) = [m for m in ctx.outbox.pending() if m.payload["receipt_number"] == receipt]
    ctx.outbox.record_results([(mutation.mutation_id, MutationState.REJECTED, {
        "error": {"code": "dues_open", "message": "This account owes ₹10.00."}})])
    window = _open(qtbot, ctx)
    row = next(r for r in window.model.rows if r.document_number == receipt)
    index = window.model.rows.index(row)
    assert window.model.index(index, COL_STATUS).data() == "Refused: This account owes ₹10.00."
    upi = sum(r.amount_paise for r in window.model.rows if r.method == "upi" and not r.refused)
    assert f"UPI {format_inr(upi)}" in window.totals.text()
    assert "1 refused by head office" in window.totals.text()
    window.close()


def test_reprint_of_a_pulled_recharge_counts_the_plan_charge(qtbot, ctx) -> None:
    """A recharge charges the plan price before the amount is paid, so the balance it
    started from is ``after + amount - price`` (the reprint used to leave the price out)."""
    from db.register_query import RegisterRow
    from desktop.payments.register_receipt import receipt_for_row

    with ctx.cache_engine.connect() as conn:
        p = conn.execute(text(
            "SELECT p.payment_uuid, p.account_id, p.amount_paise, p.balance_after_paise, "
            "p.receipt_number, pl.price_paise FROM payments p JOIN plans pl ON pl.id = p.plan_id "
            "WHERE p.kind = 'recharge' AND pl.price_paise > 0 LIMIT 1")).one()
    row = RegisterRow(
        taken_at=datetime.now(UTC), document_number=p.receipt_number,
        receipt_number=p.receipt_number, account_id=int(p.account_id), name="N", mobile="M",
        email=None, payment_type="prepaid", method="cash", reference=None,
        amount_paise=int(p.amount_paise), cashier="c", pending=False,
        payment_uuid=p.payment_uuid)
    data = receipt_for_row(ctx, row)
    assert data.option is PaymentOption.RECHARGE
    assert data.balance_after_paise == int(p.balance_after_paise)
    assert data.balance_before_paise == (
        int(p.balance_after_paise) + int(p.amount_paise) - int(p.price_paise))


def test_a_payment_applied_differently_shows_how_in_the_register(qtbot, ctx) -> None:
    """The server's ``applied_as`` (docs/sync-api.md) shows in the status column, and its
    plain notice in the tooltip; the payment still counts in the totals (issue 16)."""
    from PySide6.QtCore import Qt

    from db.outbox import MutationState

    receipt = _take(ctx, PaymentMethod.CASH)
    (mutation,) = [m for m in ctx.outbox.pending() if m.payload["receipt_number"] == receipt]
    notice = "applied as advance: dues were paid at 10:42 by cashier.cbe"
    ctx.outbox.record_results([(mutation.mutation_id, MutationState.APPLIED, {
        "mutation_id": mutation.mutation_id, "status": "applied",
        "payment": {"document_number": "PAY/CBE/26-27/000009999", "receipt_number": receipt,
                    "balance_after_paise": -77_700},
        "applied_as": {"kind": "advance", "dues_paid_paise": 0, "credit_paise": 77_700,
                       "charge_paise": 0, "balance_after_paise": -77_700,
                       "reason": "dues were paid at 10:42 by cashier.cbe", "notice": notice},
    })])
    window = _open(qtbot, ctx)
    row = next(r for r in window.model.rows if r.receipt_number == receipt)
    index = window.model.index(window.model.rows.index(row), COL_STATUS)
    assert index.data() == "Applied as advance"
    assert index.data(Qt.ItemDataRole.ToolTipRole) == f"Head office {notice}"
    plain = _take(ctx, PaymentMethod.CASH)  # as previewed: nothing to say
    window.refresh()
    qtbot.waitUntil(lambda: any(r.receipt_number == plain for r in window.model.rows),
                    timeout=10_000)
    other = next(r for r in window.model.rows if r.receipt_number == plain)
    other_index = window.model.index(window.model.rows.index(other), COL_STATUS)
    assert other_index.data() == "Pending sync"
    assert other_index.data(Qt.ItemDataRole.ToolTipRole) is None
    assert "refused" not in window.totals.text()
    window.close()


def test_a_name_that_looks_like_a_formula_is_exported_as_text(qtbot, ctx,
                                                              tmp_path: Path) -> None:
    """A contact name typed as ``=HYPERLINK(...)`` must not become a live formula when the
    register's CSV or workbook is opened in Excel (as in the accounts export)."""
    receipt = _take(ctx, PaymentMethod.CASH)
    window = _open(qtbot, ctx)
    (row,) = [r for r in window.model.rows if r.document_number == receipt]
    name = '=HYPERLINK("http://evil.example","Pay here")'
    with ctx.cache_engine.begin() as conn:
        conn.execute(text("UPDATE accounts SET name = :n WHERE id = :i"),
                     {"n": name, "i": row.account_id})
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        ctx.events.outbox_changed.emit()
    csv_path, xlsx_path = tmp_path / "payments.csv", tmp_path / "payments.xlsx"
    for path, kind in ((csv_path, "csv"), (xlsx_path, "xlsx")):
        with qtbot.waitSignal(window.exported, timeout=10_000):
            window.export_to(path, kind)
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        (line,) = [r for r in csv.reader(handle) if r and r[1] == receipt]
    assert line[4] == "'" + name
    assert line[5].startswith("+91")  # a mobile stays as it was
    (cells,) = [r for r in load_workbook(xlsx_path)["Payments"].iter_rows(min_row=2)
                if r[1].value == receipt]
    assert cells[4].value == name
    assert cells[4].data_type == "s"  # text, not a formula
    window.close()
