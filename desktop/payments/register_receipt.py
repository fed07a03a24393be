"""A register row's receipt for a reprint (marked DUPLICATE): from this desk's outbox when
the payment was taken here, else from the cached ledger row."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import text

from billing.rules import PaymentMethod, PaymentOption, balance_before
from db.register_query import RegisterRow
from desktop.payments.receipt import cashier_name, header_lines
from desktop.payments.receipt_data import ReceiptData
from desktop.runtime.context import AppContext


def receipt_for_row(ctx: AppContext, row: RegisterRow) -> ReceiptData:
    """The receipt of a register row, as a reprint (DUPLICATE)."""
    mutation = ctx.outbox.get(row.payment_uuid) if row.payment_uuid else None
    with ctx.cache_engine.connect() as conn:
        branch = conn.execute(
            text("SELECT b.name FROM accounts a JOIN branches b ON b.id = a.branch_id "
                 "WHERE a.id = :id"), {"id": row.account_id}).scalar()
        if mutation is not None:
            plan_id = mutation.payload.get("plan_id")
            plan = None
            if plan_id is not None:
                plan = conn.execute(text("SELECT name FROM plans WHERE id = :id"),
                                    {"id": plan_id}).scalar()
            data = ReceiptData.from_mutation(
                mutation, account_name=row.name, mobile=row.mobile,
                cashier=cashier_name(ctx, row.cashier),
                zone=ctx.business_zone, plan_name=plan, branch=branch,
                header=header_lines(ctx),
            )
            return data.as_duplicate()
        p = conn.execute(
            text("SELECT p.kind, p.method, p.reference, p.amount_paise, p.balance_after_paise, "
                 "p.receipt_number, p.document_number, p.taken_by, p.taken_at, pl.name AS plan, "
                 "pl.price_paise AS plan_price "
                 "FROM payments p LEFT JOIN plans pl ON pl.id = p.plan_id "
                 "WHERE p.payment_uuid = :u"), {"u": row.payment_uuid}).one()
    option = PaymentOption(p.kind)
    # The ledger keeps the balance a payment left; a Recharge also charged its plan price.
    charge = int(p.plan_price or 0) if option is PaymentOption.RECHARGE else 0
    return ReceiptData(
        receipt_number=p.receipt_number,
        account_id=row.account_id,
        account_name=row.name,
        mobile=row.mobile,
        option=option,
        method=PaymentMethod(p.method),
        reference=p.reference,
        amount_paise=int(p.amount_paise),
        balance_before_paise=balance_before(
            int(p.balance_after_paise), int(p.amount_paise), charge),
        balance_after_paise=int(p.balance_after_paise),
        cashier=cashier_name(ctx, p.taken_by),
        taken_at=datetime.fromtimestamp(int(p.taken_at), UTC),
        zone=ctx.business_zone,
        pending_sync=False,
        plan_name=p.plan,
        document_number=p.document_number,
        duplicate=True,
        branch=branch,
        header=header_lines(ctx),
    )


