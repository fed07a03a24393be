"""Every table model in the app passes Qt's model tester (the account table has its own in
test_accounts_model.py): the register's and the detail tabs' models, empty, filled and refilled."""

from __future__ import annotations

from datetime import UTC, datetime

from db.register_query import RegisterRow
from desktop.detail.table_model import RowsTableModel
from desktop.payments.register_model import RegisterTableModel


def _register_row(n: int, *, pending: bool = False, refused: str | None = None) -> RegisterRow:
    return RegisterRow(
        taken_at=datetime(2026, 11, 30, 4, n % 60, tzinfo=UTC),
        document_number=f"RCPT/CBE/{n:08d}",
        receipt_number=f"DESK1-{n:06d}",
        account_id=10_000_000 + n,
        name=f"Customer {n}",
        mobile="+91 74571 23754",
        email=None if n % 2 else f"c{n}@example.in",
        payment_type="payment",
        method="upi" if n % 3 else "cash",
        reference="412345678901" if n % 3 else None,
        amount_paise=123_456 + n,
        cashier="cashier.cbe",
        pending=pending,
        payment_uuid=f"uuid-{n}",
        refused=refused,
    )


def test_register_model_passes_qtmodeltester(qtmodeltester) -> None:
    model = RegisterTableModel("Asia/Kolkata")
    qtmodeltester.check(model)
    model.set_rows([_register_row(n, pending=n == 2, refused="unknown account" if n == 3 else None)
                    for n in range(1, 40)])
    qtmodeltester.check(model)
    model.set_rows([_register_row(7)])
    qtmodeltester.check(model)


def test_detail_rows_model_passes_qtmodeltester(qtmodeltester) -> None:
    model = RowsTableModel(["Date", "Invoice", "Amount"], right_aligned=[2])
    qtmodeltester.check(model)
    model.set_rows(
        [("30-11-2026", f"INV/CBE/{n:08d}", "₹1,180.00") for n in range(25)],
        row_state=["pending" if n == 0 else "issue" if n == 1 else "" for n in range(25)],
        payloads=list(range(25)),
    )
    qtmodeltester.check(model)
    model.set_rows([])
    qtmodeltester.check(model)
