"""The register's Excel export carries GST per day and method (taxable value, CGST, SGST,
IGST from billing.tax) and the UTR or cheque of every non-cash payment."""

from __future__ import annotations

import os
import uuid
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from billing.money import format_inr, paise_to_decimal
from billing.rules import PaymentMethod, PaymentOption
from billing.tax import split_inclusive
from db.payments_local import build_payment_payload, load_account, record_payment
from db.register_query import RegisterRow
from desktop.documents.gst_settings import KEYS
from desktop.documents.tax_summary import reference_parts, tax_summary
from desktop.payments.day_close import DayCloseDialog
from desktop.payments.register import PaymentsRegister
from tests.conftest import DEMO_TODAY
from tests.desktop.test_payment_support import pick_account, set_account

NOON = datetime(2026, 11, 27, 6, 0, tzinfo=UTC)


def _row(method: str, amount: int, reference: str | None = None, *, day_shift: int = 0,
         refused: str | None = None) -> RegisterRow:
    return RegisterRow(
        taken_at=datetime(2026, 11, 27 + day_shift, 6, 0, tzinfo=UTC), document_number="D",
        receipt_number=f"R{amount}", account_id=1, name="N", mobile="9", email=None,
        payment_type="postpaid", method=method, reference=reference, amount_paise=amount,
        cashier="c", pending=False, refused=refused)


def test_tax_summary_per_day_and_method() -> None:
    rows = [_row("upi", 59_900, "412345678901"), _row("upi", 118_000, "412345678902"),
            _row("cash", 10_000), _row("cash", 5_000, day_shift=1),
            _row("upi", 99_900, "412345678903", refused="UTR used")]
    summary = tax_summary(rows, "Asia/Kolkata", "33", 1800)
    assert [(t.day.day, t.method, t.payments) for t in summary] == [
        (27, "cash", 1), (27, "upi", 2), (28, "cash", 1)]
    upi = summary[1]
    a, b = (split_inclusive(x, place_of_supply="33") for x in (59_900, 118_000))
    assert upi.amount_paise == 177_900
    assert upi.taxable_paise == a.taxable_paise + b.taxable_paise
    assert upi.cgst_paise == a.cgst_paise + b.cgst_paise and upi.igst_paise == 0
    assert upi.taxable_paise + upi.cgst_paise + upi.sgst_paise == upi.amount_paise


def test_reference_parts() -> None:
    assert reference_parts("upi", "412345678901") == ("412345678901", "", "", "")
    assert reference_parts("cheque", "004512 / Indian Bank / 2026-11-27") == \
        ("", "004512", "Indian Bank", "2026-11-27")
    assert reference_parts("card", "xx4242 auth A1B2C3") == ("", "", "", "")
    assert reference_parts("upi", "UPI 412345678901") == ("", "", "", "")  # old free text


def _take(ctx, method: PaymentMethod, reference: str | None, amount: int) -> str:
    account_id = pick_account(ctx, prepaid=False)
    set_account(ctx, account_id, balance_paise=amount)
    account = load_account(ctx.cache_engine, ctx.outbox, account_id)
    payload = build_payment_payload(
        account, option=PaymentOption.PAYMENT, method=method, reference=reference,
        amount_paise=amount, charge_paise=0, plan_id=None, tendered_paise=None, taken_at=NOON)
    return record_payment(ctx.outbox, account_id=account_id, payload=payload,
                          created_by=ctx.user.username,
                          mutation_id=str(uuid.uuid4())).payload["receipt_number"]


def test_excel_export_has_gst_and_the_utrs_and_cheques(qtbot, ctx, tmp_path: Path) -> None:
    upi = _take(ctx, PaymentMethod.UPI, "512345678901", 59_900)
    cheque = _take(ctx, PaymentMethod.CHEQUE, "004512 / Indian Bank / 2026-11-27", 118_000)
    window = PaymentsRegister(ctx)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        window.show()
    xlsx = tmp_path / "register.xlsx"
    with qtbot.waitSignal(window.exported, timeout=10_000):
        window.export_to(xlsx, "xlsx")
    book = load_workbook(xlsx)
    refs = {r[1]: r for r in book["UTRs and cheques"].iter_rows(min_row=2, values_only=True)}
    assert refs[upi][3:5] == ("UPI", "512345678901")
    assert refs[cheque][3:8] == ("Cheque", None, "004512", "Indian Bank", "2026-11-27")
    summary = list(book["GST by day and method"].iter_rows(values_only=True))
    assert summary[0] == ("Day", "Method", "Payments", "Amount", "Taxable value", "CGST",
                          "SGST", "IGST")
    on_day = {r[1]: r for r in summary[1:-1] if r[0].date() == DEMO_TODAY}
    shown = [r for r in window.model.rows
             if r.taken_at.date() == DEMO_TODAY and r.method == "upi" and r.refused is None]
    expected = tax_summary(shown, "Asia/Kolkata", "33", 1800)[0]
    got = on_day["UPI"]
    assert got[2] == expected.payments
    assert [Decimal(str(v)) for v in got[3:8]] == [paise_to_decimal(v) for v in (
        expected.amount_paise, expected.taxable_paise, expected.cgst_paise,
        expected.sgst_paise, expected.igst_paise)]
    assert summary[-1][0] == "Total"
    window.close()


def test_a_bad_gst_rate_in_settings_exports_nothing_and_says_why(qtbot, ctx,
                                                                tmp_path: Path) -> None:
    ctx.settings.setValue(KEYS["rate"], "eighteen")
    window = PaymentsRegister(ctx)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        window.show()
    window.export_to(tmp_path / "register.xlsx", "xlsx")
    assert "GST rate eighteen is not a percentage" in window.status.text()
    assert not (tmp_path / "register.xlsx").exists()
    window.close()


def _take_advance(ctx, method: PaymentMethod, reference: str | None, amount: int) -> str:
    account_id = pick_account(ctx, prepaid=False)
    set_account(ctx, account_id, balance_paise=0)
    account = load_account(ctx.cache_engine, ctx.outbox, account_id)
    payload = build_payment_payload(
        account, option=PaymentOption.ADVANCE, method=method, reference=reference,
        amount_paise=amount, charge_paise=0, plan_id=None, tendered_paise=None,
        taken_at=datetime.now(UTC))
    return record_payment(ctx.outbox, account_id=account_id, payload=payload,
                          created_by=ctx.user.username,
                          mutation_id=str(uuid.uuid4())).payload["receipt_number"]


def _close_day(qtbot, ctx) -> DayCloseDialog:
    dialog = DayCloseDialog(ctx)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.ready, timeout=10_000):
        dialog.show()
    with qtbot.waitSignal(dialog.closed, timeout=10_000):
        qtbot.mouseClick(dialog.findChild(QPushButton, "submitCount"), Qt.MouseButton.LeftButton)
    return dialog


def test_day_close_shows_gst_per_method_and_the_utrs_and_cheques(qtbot, ctx,
                                                                 tmp_path: Path) -> None:
    upi = _take_advance(ctx, PaymentMethod.UPI, "612345678901", 59_900)
    cheque = _take_advance(ctx, PaymentMethod.CHEQUE,
                           f"004512 / Indian Bank / {DEMO_TODAY.isoformat()}", 118_000)
    _take_advance(ctx, PaymentMethod.CASH, None, 10_000)
    dialog = _close_day(qtbot, ctx)
    shown = dialog.findChild(QLabel, "closeGst").text()
    upi_split = split_inclusive(59_900, place_of_supply="33")
    assert "GST in this session" in shown
    assert f"{upi}: UPI UTR 612345678901" in shown
    assert f"{cheque}: cheque 004512, Indian Bank" in shown
    if os.environ.get("PAYMENT_SCREENSHOTS"):
        qtbot.wait(120)
        dialog.adjustSize()
        qtbot.wait(60)
        dialog.grab().save(str(Path(__file__).resolve().parents[2] / "docs" / "screenshots"
                               / "day_close_gst.png"))
    with qtbot.waitSignal(dialog.saved_pdf, timeout=10_000) as saved:
        dialog.save_pdf(tmp_path / "close.pdf")
    pdf = " ".join(" ".join(p.extract_text() for p in PdfReader(saved.args[0]).pages).split())
    assert (f"UPI {format_inr(59_900)} {format_inr(upi_split.taxable_paise)} "
            f"{format_inr(upi_split.cgst_paise)} {format_inr(upi_split.sgst_paise)} ₹0.00") in pdf
    assert "612345678901" in pdf and "004512" in pdf


def test_a_bad_gst_setting_never_stops_the_day_close(qtbot, ctx) -> None:
    ctx.settings.setValue(KEYS["rate"], "eighteen")
    _take_advance(ctx, PaymentMethod.UPI, "712345678901", 59_900)
    dialog = _close_day(qtbot, ctx)
    shown = dialog.findChild(QLabel, "closeGst").text()
    assert "GST totals not shown: GST rate eighteen is not a percentage" in shown
    assert dialog.result is not None
