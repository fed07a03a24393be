"""Kiosk look-up: one account by exact Account ID or registered mobile, from the local cache.

It reads only the local cache (plus this device's pending payments from the outbox), so a
kiosk keeps working while the link to head office is down. It answers one account or none,
never a list: a mobile shared by several accounts asks for the Account ID instead, the
same answer the server's ``GET /api/v1/kiosk/lookup`` gives (``409 ambiguous``). The result
carries the name and mobile already masked; the full ones never leave this module.
No Qt here: the kiosk window runs these functions on the database worker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from sqlalchemy import Engine, select

from billing.lifecycle import postpaid_last_payment_date
from billing.masking import mask_mobile, mask_name
from billing.rules import PaymentOption, is_outstanding, payment_options_paise
from db.outbox import Mutation, Outbox
from db.overlay import pending_payments
from db.schema import Account, Invoice, Plan

_SEPARATORS = re.compile(r"[\s\-()]+")
MAX_ACCOUNT_ID_DIGITS = 15


class QueryKind(StrEnum):
    ACCOUNT_ID = "account_id"
    MOBILE = "mobile"


@dataclass(frozen=True)
class Query:
    kind: QueryKind
    account_id: int | None = None
    mobile: str | None = None  # E.164: +91 and ten digits


def classify(text: str) -> Query | None:
    """What a customer typed: a ten-digit Indian mobile (optionally ``+91``/``91``/``0``
    first) or an Account ID (other digit strings). ``None`` when it is neither."""
    raw = _SEPARATORS.sub("", text or "")
    plus = raw.startswith("+")
    digits = raw[1:] if plus else raw
    if not digits or not (digits.isascii() and digits.isdigit()):
        return None
    national: str | None = None
    if len(digits) == 12 and digits.startswith("91"):
        national = digits[2:]
    elif len(digits) == 11 and digits.startswith("0") and not plus:
        national = digits[1:]
    elif len(digits) == 10 and not plus:
        national = digits
    if national is not None and national[0] in "6789":
        return Query(QueryKind.MOBILE, mobile="+91" + national)
    if plus or len(digits) > MAX_ACCOUNT_ID_DIGITS or digits.startswith("0"):
        return None
    return Query(QueryKind.ACCOUNT_ID, account_id=int(digits))


class Outcome(StrEnum):
    FOUND = "found"
    NOT_FOUND = "not_found"
    AMBIGUOUS = "ambiguous"
    INVALID = "invalid"


@dataclass(frozen=True)
class KioskAccount:
    """What the kiosk may show about one account: masked, nothing else."""

    account_id: int
    masked_name: str
    masked_mobile: str
    prepaid: bool
    status: str
    balance_paise: int  # provisional: the cached balance with this device's pending payments
    pending_payments: int
    plan_name: str | None
    plan_expiry: date | None
    pay_by: date | None  # postpaid: the last day to pay the oldest open invoice
    options: list[PaymentOption] = field(default_factory=list)

    @property
    def owes(self) -> bool:
        return is_outstanding(self.balance_paise)


@dataclass(frozen=True)
class LookupResult:
    outcome: Outcome
    account: KioskAccount | None = None

    @property
    def message(self) -> str:
        return _MESSAGES[self.outcome]


_MESSAGES = {
    Outcome.FOUND: "",
    Outcome.NOT_FOUND: "No account matches that number. Check it and try again.",
    Outcome.AMBIGUOUS: (
        "More than one account uses this mobile number. Please enter your Account ID."
    ),
    Outcome.INVALID: (
        "Enter your Account ID or your 10-digit registered mobile number."
    ),
}


def lookup(
    cache_engine: Engine,
    outbox: Outbox,
    text: str,
    *,
    branch_id: int | None,
) -> LookupResult:
    """Find the one account ``text`` names (exact Account ID or registered mobile).

    ``branch_id`` limits the search to the kiosk's branch (a kiosk sees only its own).
    """
    query = classify(text)
    if query is None:
        return LookupResult(Outcome.INVALID)
    columns = (
        Account.id, Account.name, Account.mobile, Account.prepaid, Account.status,
        Account.balance_paise, Account.plan_expiry, Plan.name.label("plan_name"),
    )
    stmt = select(*columns).outerjoin(Plan, Plan.id == Account.plan_id)
    if query.kind is QueryKind.ACCOUNT_ID:
        stmt = stmt.where(Account.id == query.account_id)
    else:
        stmt = stmt.where(Account.mobile == query.mobile)
    if branch_id is not None:
        stmt = stmt.where(Account.branch_id == branch_id)
    with cache_engine.connect() as conn:
        rows = conn.execute(stmt.limit(2)).all()
        if not rows:
            return LookupResult(Outcome.NOT_FOUND)
        if len(rows) > 1:
            return LookupResult(Outcome.AMBIGUOUS)
        row = rows[0]
        oldest_open = conn.execute(
            select(Invoice.invoice_date)
            .where(Invoice.account_id == row.id, Invoice.status == "open")
            .order_by(Invoice.invoice_date)
            .limit(1)
        ).scalar()
    pending = pending_payments(outbox.unacknowledged_for_account(row.id)).get(row.id)
    balance = int(row.balance_paise) + (pending.delta_paise if pending else 0)
    prepaid = bool(row.prepaid)
    pay_by = None
    if not prepaid and oldest_open is not None and is_outstanding(balance):
        pay_by = postpaid_last_payment_date(oldest_open)
    account = KioskAccount(
        account_id=int(row.id),
        masked_name=mask_name(row.name),
        masked_mobile=mask_mobile(row.mobile),
        prepaid=prepaid,
        status=str(row.status),
        balance_paise=balance,
        pending_payments=pending.count if pending else 0,
        plan_name=row.plan_name,
        plan_expiry=row.plan_expiry,
        pay_by=pay_by,
        options=payment_options_paise(balance, prepaid),
    )
    return LookupResult(Outcome.FOUND, account)


def outbox_high_seq(outbox: Outbox) -> int:
    """The newest outbox sequence number (0 when empty): payments after it are new."""
    return outbox.high_seq()


def payment_since(outbox: Outbox, account_id: int, after_seq: int) -> Mutation | None:
    """The first payment for ``account_id`` recorded after ``after_seq``, if any."""
    return outbox.first_payment_after(account_id, after_seq)


def mutation_by_id(outbox: Outbox, mutation_id: str) -> Mutation | None:
    return outbox.get(mutation_id)
