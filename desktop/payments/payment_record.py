"""Writing the counter's payment, off the GUI thread: the checked payment the dialog holds
(``Checked``), reserving a receipt number for the UPI QR, and the durable write itself.

``record_job`` checks that a UPI or bank UTR was not used on this desk already
(``db.utr_local.check_utr_unused``), unless the outbox already holds this very payment (a
second Confirm finds its own write), then stores the payment in the outbox
(``db.payments_local.record_payment``) under the dialog's idempotency key.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial

from billing.rules import PaymentMethod, PaymentOption, PaymentPreview
from db.outbox import Mutation
from db.payments_local import (
    AccountForPayment,
    PaymentOutcome,
    PlanChoice,
    build_payment_payload,
    record_payment,
)
from db.utr_local import check_utr_unused
from desktop.runtime.context import AppContext
from desktop.runtime.tasks import Task, TaskControl


@dataclass(frozen=True)
class Checked:
    """A payment that passed every check, ready to be written."""

    preview: PaymentPreview
    outcome: PaymentOutcome
    method: PaymentMethod
    reference: str | None
    tendered_paise: int | None


def reserve_job(ctx: AppContext, _control: TaskControl) -> str:
    """A receipt number from the outbox, kept for the payment that takes it."""
    return ctx.outbox.reserve_receipt_number()


def record_job(
    ctx: AppContext,
    account_id: int,
    payload: dict,
    mutation_id: str,
    receipt_number: str | None,
    _control: TaskControl,
) -> Mutation:
    """Store the payment in the outbox (the first time), or find it there (every later time)."""
    if ctx.outbox.get(mutation_id) is None:  # a second confirm finds its own payment
        check_utr_unused(ctx.cache_engine, ctx.outbox, payload["method"], payload["reference"])
    return record_payment(
        ctx.outbox,
        account_id=account_id,
        payload=payload,
        created_by=ctx.user.username,
        mutation_id=mutation_id,
        receipt_number=receipt_number,
    )


def start_recording(ctx: AppContext, account: AccountForPayment, option: PaymentOption,
                    plan: PlanChoice | None, checked: Checked, mutation_id: str,
                    receipt_number: str | None) -> Task:
    """Build the payment's payload (taken now) and write it on the database worker; the
    task's ``done`` carries the stored ``Mutation``."""
    payload = build_payment_payload(
        account,
        option=option,
        method=checked.method,
        reference=checked.reference,
        amount_paise=checked.preview.amount_paise,
        charge_paise=checked.preview.charge_paise,
        plan_id=plan.id if plan else None,
        tendered_paise=checked.tendered_paise,
        taken_at=datetime.now(UTC),
    )
    return ctx.tasks.run_db(
        "record payment",
        partial(record_job, ctx, account.id, payload, mutation_id, receipt_number),
    )
