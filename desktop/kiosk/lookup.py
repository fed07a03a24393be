"""Kiosk look-up: one account by exact Account ID or registered mobile, from the local cache.

It reads only the local cache (plus this device's pending payments from the outbox), so a
kiosk keeps working while the link to head office is down. The cache holds sealed rows
that only the exact ID or number opens (:mod:`db.kiosk_store`), with the name and mobile
masked by the server. It answers one account or none, never a list: a mobile shared by
several accounts asks for the Account ID instead, the same answer the server's
``GET /api/v1/kiosk/lookup`` gives (``409 ambiguous``). :class:`LookupGuard` applies the
server's two look-up budgets on the kiosk too (``billing.kiosk_limits``: every look-up, and
look-ups that find nothing, whose spent budget locks the kiosk until staff enter the PIN;
docs/sync-api.md, "Kiosk look-up"), so that an offline kiosk is limited as well.
The secret that opens the sealed rows is not in the cache: it is handed in
(:class:`sync.kiosk_key.KioskKey`, kept in the OS keyring); without it the look-up refuses
(:attr:`Outcome.NO_KEY`, a message for staff) instead of guessing.
No widgets here (only Qt's translate, for the customer's message): the kiosk window runs
these functions on the database worker.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from PySide6.QtCore import QCoreApplication
from sqlalchemy import Engine, select

from billing import kiosk_limits
from billing.rules import PaymentOption, is_outstanding, payment_options_paise
from db import kiosk_store
from db.outbox import Mutation, Outbox
from db.overlay import acknowledged_unpulled_mutations, payment_delta, pending_payments
from db.schema import Plan
from desktop.language.i18n import QT_TRANSLATE_NOOP
from sync.kiosk_key import KioskKey

log = logging.getLogger(__name__)

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
    #: The kiosk holds no key for its sealed copy (no keyring, or never synced since it
    #: lost it): nothing can be looked up here; staff must let it sync. Not a miss.
    NO_KEY = "no_key"


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
    def source(self) -> str:
        """The message for the customer, in English (context ``KioskLookup``)."""
        return _MESSAGES[self.outcome]

    @property
    def message(self) -> str:
        """The message for the customer, in the interface language."""
        source = _MESSAGES[self.outcome]
        return QCoreApplication.translate("KioskLookup", source) if source else ""


_MESSAGES = {
    Outcome.FOUND: "",
    Outcome.NOT_FOUND: QT_TRANSLATE_NOOP(
        "KioskLookup", "No account matches that number. Check it and try again."),
    Outcome.AMBIGUOUS: QT_TRANSLATE_NOOP(
        "KioskLookup",
        "More than one account uses this mobile number. Please enter your Account ID."),
    Outcome.INVALID: QT_TRANSLATE_NOOP(
        "KioskLookup", "Enter your Account ID or your 10-digit registered mobile number."),
    Outcome.NO_KEY: QT_TRANSLATE_NOOP(
        "KioskLookup",
        "This kiosk cannot look accounts up right now. Please ask staff.\n"
        "Staff: it has no key for its offline copy; connect it to head office to sync."),
}


def lookup(
    cache_engine: Engine,
    outbox: Outbox,
    text: str,
    *,
    branch_id: int | None,
    kiosk_key: KioskKey | None,
) -> LookupResult:
    """Find the one account ``text`` names (exact Account ID or registered mobile).

    A kiosk's cache holds no account rows, only sealed ones (:mod:`db.kiosk_store`): the
    ID or number typed, with the secret ``kiosk_key`` holds, is what finds a row and opens
    it. ``branch_id`` limits the answer to the kiosk's branch (the server already sends
    only that branch). No secret: :attr:`Outcome.NO_KEY`, logged.
    """
    query = classify(text)
    if query is None:
        return LookupResult(Outcome.INVALID)
    secret = kiosk_key.secret() if kiosk_key is not None else None
    if secret is None:
        log.error("kiosk look-up refused: no key for the kiosk's offline copy in the "
                  "keyring (no usable keyring, or not synced since it was lost)")
        return LookupResult(Outcome.NO_KEY)
    with cache_engine.connect() as conn:
        if query.kind is QueryKind.ACCOUNT_ID:
            assert query.account_id is not None
            one = kiosk_store.find_by_id(conn, secret, query.account_id)
            found = [one] if one is not None else []
        else:
            assert query.mobile is not None
            found = kiosk_store.find_by_mobile(conn, secret, query.mobile)
        if branch_id is not None:
            found = [row for row in found if row.get("branch_id") == branch_id]
        if not found:
            return LookupResult(Outcome.NOT_FOUND)
        if len(found) > 1:
            return LookupResult(Outcome.AMBIGUOUS)
        row = found[0]
        plan_name = None
        if row.get("plan_id") is not None:
            plan_name = conn.execute(
                select(Plan.name).where(Plan.id == row["plan_id"])).scalar()
    account_id = int(row["account_id"])
    pending = pending_payments(outbox.unacknowledged_for_account(account_id)).get(account_id)
    # Applied by head office, but the copy's row predates it (the pull after the push has
    # not come yet): without it the kiosk would ask for money already paid.
    applied = acknowledged_unpulled_mutations(outbox, cache_engine, account_id=account_id,
                                              row_version=row.get("version"))
    balance = (int(row["balance_paise"]) + (pending.delta_paise if pending else 0)
               + sum(payment_delta(m) for m in applied))
    prepaid = bool(row["prepaid"])
    expiry = row.get("plan_expiry")
    account = KioskAccount(
        account_id=account_id,
        masked_name=str(row["name"]),
        masked_mobile=str(row["mobile"]),
        prepaid=prepaid,
        status=str(row["status"]),
        balance_paise=balance,
        pending_payments=pending.count if pending else 0,
        plan_name=plan_name,
        plan_expiry=date.fromisoformat(expiry) if expiry else None,
        pay_by=None,  # a kiosk's copy holds no invoices
        options=payment_options_paise(balance, prepaid),
    )
    return LookupResult(Outcome.FOUND, account)


# -- how many look-ups, and when the kiosk locks ----------------------------------------------


class Verdict(StrEnum):
    ALLOWED = "allowed"
    #: Too many look-ups just now: wait (the message says how long).
    WAIT = "wait"
    #: Too many look-ups found nothing: the kiosk locks until staff enter the PIN.
    LOCK = "lock"


@dataclass
class LookupGuard:
    """The kiosk's own look-up budgets (:mod:`billing.kiosk_limits`, the rule the server
    applies per device), so that an offline kiosk, which asks no server, is limited too.

    :meth:`before` is asked before each look-up; :meth:`after` is told each outcome and
    says :attr:`Verdict.LOCK` when look-ups that found nothing have used up their budget.
    :meth:`unlocked` (staff entered the PIN) refills the miss budget. Times in seconds."""

    lookup_tat: int | None = None
    miss_tat: int | None = None

    def before(self, now: int) -> tuple[Verdict, int]:
        """Whether a look-up may run now; with :attr:`Verdict.WAIT`, the seconds to wait."""
        if kiosk_limits.exhausted(self.miss_tat, now, kiosk_limits.MISS_RATE):
            return Verdict.LOCK, 0
        charge = kiosk_limits.admit(self.lookup_tat, now, kiosk_limits.LOOKUP_RATE)
        if not charge.allowed:
            return Verdict.WAIT, charge.retry_after
        self.lookup_tat = charge.tat
        return Verdict.ALLOWED, 0

    def after(self, outcome: Outcome, now: int) -> Verdict:
        """Count a look-up's outcome; :attr:`Verdict.LOCK` once misses have used their budget."""
        if outcome is not Outcome.NOT_FOUND:
            return Verdict.ALLOWED
        self.miss_tat = kiosk_limits.admit(self.miss_tat, now, kiosk_limits.MISS_RATE).tat
        if kiosk_limits.exhausted(self.miss_tat, now, kiosk_limits.MISS_RATE):
            return Verdict.LOCK
        return Verdict.ALLOWED

    def unlocked(self) -> None:
        self.miss_tat = None


def outbox_high_seq(outbox: Outbox) -> int:
    """The newest outbox sequence number (0 when empty): payments after it are new."""
    return outbox.high_seq()


def payment_since(outbox: Outbox, account_id: int, after_seq: int) -> Mutation | None:
    """The first payment for ``account_id`` recorded after ``after_seq``, if any."""
    return outbox.first_payment_after(account_id, after_seq)


def mutation_by_id(outbox: Outbox, mutation_id: str) -> Mutation | None:
    return outbox.get(mutation_id)
