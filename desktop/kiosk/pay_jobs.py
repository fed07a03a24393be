"""The kiosk payment screen's work off the GUI thread: loading the account (and its plans
for a Recharge), reserving a receipt number, and writing the confirmed payment to the
outbox. Each answer carries the screen's generation, so an answer for a payment the
customer already left is dropped."""

from __future__ import annotations

from dataclasses import dataclass

from billing.rules import PaymentOption
from db.outbox import Mutation
from db.payments_local import AccountForPayment, PlanChoice, load_account, plans_for_account
from desktop.runtime.context import AppContext
from desktop.runtime.tasks import TaskControl


@dataclass(frozen=True)
class Loaded:
    generation: int
    account: AccountForPayment
    plans: list[PlanChoice]
    current_plan_id: int | None


@dataclass(frozen=True)
class Reserved:
    generation: int
    receipt_number: str


@dataclass(frozen=True)
class Recorded:
    generation: int
    mutation: Mutation


def load_job(ctx: AppContext, account_id: int, option: PaymentOption, generation: int,
              _c: TaskControl) -> Loaded:
    secret = ctx.kiosk_key.secret() if ctx.kiosk_key is not None else None
    account = load_account(ctx.cache_engine, ctx.outbox, account_id, ctx.business_zone,
                           kiosk_secret=secret)
    plans: list[PlanChoice] = []
    current_id = None
    if option is PaymentOption.RECHARGE:
        current, others = plans_for_account(ctx.cache_engine, account)
        if current is not None:
            plans.append(current)
            current_id = current.id
        plans.extend(others)
    return Loaded(generation, account, plans, current_id)


def reserve_job(ctx: AppContext, generation: int, _c: TaskControl) -> Reserved:
    return Reserved(generation, ctx.outbox.reserve_receipt_number())


def record_job(ctx: AppContext, account_id: int, payload: dict, mutation_id: str,
                receipt_number: str, generation: int, _c: TaskControl) -> Recorded:
    mutation = ctx.outbox.enqueue_payment(
        account_id=account_id, payload=payload, created_by=ctx.user.username,
        mutation_id=mutation_id, receipt_number=receipt_number)
    return Recorded(generation, mutation)

