"""The account's Payment tab says Voided for a payment voided at another desk, once the
pull has brought the server's payment_reversals row (issue 16)."""

from __future__ import annotations

from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from desktop.runtime.context import AppContext
from tests.desktop.test_detail_dialog import LONG, open_dialog, table_rows, wait_tab


def test_a_payment_voided_at_another_desk_shows_voided(qtbot: QtBot, ctx: AppContext) -> None:
    with ctx.cache_engine.begin() as conn:
        newest = conn.execute(text(
            "SELECT id, receipt_number, amount_paise, branch_id FROM payments "
            "WHERE account_id = :a ORDER BY taken_at DESC, id DESC LIMIT 1"), {"a": LONG}).one()
        # As the pull writes it (db/replica.py): the server's row for a void elsewhere.
        conn.execute(text(
            "INSERT INTO payment_reversals (id, reversal_uuid, payment_id, account_id, "
            "branch_id, cause, reason, amount_paise, charge_paise, requested_by, approved_by, "
            "approved_offline, reversed_at, document_number, balance_after_paise, device_code) "
            "VALUES (1, 'r-1', :p, :a, :b, 'void', 'wrong account', :m, 0, 'cashier.cbe', "
            "'staff.cbe', 0, 1795800000, 'REV/CBE/26-27/000000001', 0, 'DOTHER')"),
            {"p": newest.id, "a": LONG, "b": newest.branch_id, "m": newest.amount_paise})
    dialog = open_dialog(qtbot, ctx)
    wait_tab(qtbot, dialog, "payments")
    rows = table_rows(dialog.findChild(QTableView, "paymentsTable"))
    statuses = {row[6]: row[2] for row in rows}
    assert statuses[newest.receipt_number] == "Voided"
    assert sum(1 for s in statuses.values() if s == "Voided") == 1
