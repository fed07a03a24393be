"""Undoing a payment: a void (wrong account, wrong amount) or a bounced cheque.

A payment is never deleted. It is undone by a *reversal*, a new ledger entry that gives
the amount back to the balance (a bounced cheque adds the bank's charge), approved by a
second person. The desk asks these functions before it queues a reversal and the server
asks them again before it applies one: one home for each refusal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from billing.refusal import Refusal
from billing.roles import Action, Role, may
from billing.rules import PaymentMethod, balance_before

__all__ = [
    "APPROVER_ROLES",
    "DEFAULT_BOUNCE_CHARGE_PAISE",
    "MAX_REASON_CHARS",
    "ChequeState",
    "ReversalCause",
    "ReversalError",
    "ReversalRequest",
    "balance_after_reversal",
    "check_approver",
    "check_request",
    "check_reversal",
    "dues_paid_by_reversed",
    "expiry_after_recharge_reversal",
    "follows_requests",
    "is_reversed",
    "may_ask",
    "register_mark",
    "reopen_newest_first",
]

#: Who may approve a reversal: a second person above the cashier.
APPROVER_ROLES = frozenset({Role.BRANCH_STAFF, Role.ADMIN})


def may_ask(role: Role | str) -> bool:
    """Whether ``role`` may ask for a reversal: a person who takes payments (a kiosk asks
    for none)."""
    return may(role, Action.TAKE_PAYMENT) and role != Role.KIOSK


def follows_requests(role: Role | str) -> bool:
    """Whether ``role`` sees void requests: to decide them (:data:`APPROVER_ROLES`) or to
    follow the ones it asked for (:func:`may_ask`)."""
    return role in APPROVER_ROLES or may_ask(role)


#: What the bank charges the operator for a bounced cheque, passed on to the customer
#: (server setting ``cheque_bounce_charge_paise``; this is its default).
DEFAULT_BOUNCE_CHARGE_PAISE = 500_00
#: Longest reason a reversal may carry (it is printed on the credit note).
MAX_REASON_CHARS = 200


class ReversalCause(StrEnum):
    VOID = "void"
    BOUNCE = "bounce"

    @property
    def label(self) -> str:
        return "Void" if self is ReversalCause.VOID else "Cheque bounced"


class ChequeState(StrEnum):
    """Where a cheque payment stands; the register shows it."""

    PENDING = "pending clearance"
    CLEARED = "cleared"
    BOUNCED = "bounced"


class ReversalError(Refusal, ValueError):
    """A reversal the rules refuse. ``str(error)`` is for the user, ``code`` for machines."""


@dataclass(frozen=True)
class ReversalRequest:
    """What is known about a requested reversal when it is checked."""

    cause: ReversalCause
    reason: str
    method: PaymentMethod
    """The original payment's method."""
    receipt_number: str
    requested_by: str
    approved_by: str
    already_reversed: bool
    in_current_session: bool
    """Void only: the payment belongs to the requesting desk's open cash session (server:
    it was taken on the business day of the request)."""
    same_branch: bool
    """The payment was taken in the requester's branch (admins: always true)."""


def check_approver(requested_by: str, approved_by: str, approver_role: Role | str | None
                   ) -> None:
    """Refuse an approval by the requester or by someone not allowed to approve."""
    if approved_by.strip().lower() == requested_by.strip().lower():
        raise ReversalError(
            "The cashier who asks for a reversal cannot approve it. Ask a branch supervisor "
            "or an administrator to sign in here with their own name and password.",
            code="self_approval",
        )
    if approver_role is None or Role(approver_role) not in APPROVER_ROLES:
        raise ReversalError(
            f"{approved_by} may not approve reversals; only branch staff or an "
            "administrator of this branch may.",
            code="approver_not_allowed",
        )


def check_reversal(request: ReversalRequest, approver_role: Role | str | None) -> str:
    """The cleaned reason, or ReversalError saying what is wrong (in the order a cashier
    can act on: which payment first, then who approves, then the reason)."""
    _check_payment(request)
    check_approver(request.requested_by, request.approved_by, approver_role)
    return _clean_reason(request.reason)


def check_request(request: ReversalRequest) -> str:
    """A reversal asked of a supervisor at their own desk, before anyone approves it: the
    cleaned reason, or ReversalError (the checks of :func:`check_reversal` but the
    approver's, which :func:`check_reversal` makes at the approval)."""
    _check_payment(request)
    return _clean_reason(request.reason)


def _check_payment(request: ReversalRequest) -> None:
    if not request.same_branch:
        raise ReversalError(
            f"Receipt {request.receipt_number} was taken in another branch; only that "
            "branch may reverse it.",
            code="other_branch",
        )
    if request.already_reversed:
        raise ReversalError(
            f"Receipt {request.receipt_number} is already reversed; a payment is reversed "
            "once.",
            code="already_reversed",
        )
    if request.cause is ReversalCause.BOUNCE and request.method is not PaymentMethod.CHEQUE:
        raise ReversalError(
            f"Receipt {request.receipt_number} was paid by {request.method.label}, not by "
            "cheque; only a cheque can bounce. Use a void for a mistaken payment.",
            code="not_a_cheque",
        )
    if request.cause is ReversalCause.VOID and not request.in_current_session:
        raise ReversalError(
            f"Receipt {request.receipt_number} belongs to a cash session that is closed; "
            "only payments of the current session can be voided. Ask head office for a "
            "refund instead.",
            code="session_closed",
        )


def _clean_reason(text: str) -> str:
    reason = " ".join(text.split())
    if not reason:
        raise ReversalError("Say why the payment is reversed (for example: wrong account).",
                            code="no_reason")
    if len(reason) > MAX_REASON_CHARS:
        raise ReversalError(f"The reason has at most {MAX_REASON_CHARS} characters.",
                            code="reason_too_long")
    return reason


def balance_after_reversal(balance_paise: int, amount_paise: int, charge_paise: int = 0,
                           plan_charge_paise: int = 0) -> int:
    """The balance once a payment of ``amount_paise`` is undone (plus a bounce charge):
    what the customer owes goes back up. A reversed Recharge also takes back the plan's
    charge (``plan_charge_paise``, its order's price) with the days it bought."""
    for name, value in (("balance_paise", balance_paise), ("amount_paise", amount_paise),
                        ("charge_paise", charge_paise), ("plan_charge_paise", plan_charge_paise)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{name} must be int paise")
    if amount_paise <= 0 or charge_paise < 0 or plan_charge_paise < 0:
        raise ValueError("a reversal gives back a positive amount and a charge of zero or more")
    return balance_paise + amount_paise + charge_paise - plan_charge_paise


def expiry_after_recharge_reversal(expiry: date | None, validity_days: int, *,
                                   only_plan: bool = False) -> date | None:
    """The plan expiry once a Recharge that bought ``validity_days`` is reversed: those days
    are taken off the end (a Recharge renews from the expiry, billing.lifecycle.renewal_expiry,
    so a later renewal stacked on it keeps its own days). A Recharge that renewed an expired
    plan from its day ends the plan the day before that renewal, which suspends a prepaid
    account (billing.lifecycle.next_status) as the expiry it had already would have.
    ``only_plan``: the Recharge bought the account's only plan (no other order stands), so
    the account has no plan again (None: Inactive), not one that expired the day before."""
    if isinstance(validity_days, bool) or not isinstance(validity_days, int):
        raise TypeError("validity_days must be an int")
    if validity_days < 1:
        raise ValueError("validity_days must be at least 1")
    if expiry is None or only_plan:
        return None
    return expiry - timedelta(days=validity_days)


def dues_paid_by_reversed(amount_paise: int, balance_after_paise: int) -> int:
    """What a reversed payment had paid towards dues, so the invoices to open again: its
    amount up to what was owed before it (billing.rules.balance_before), never its advance
    credit (nor a bounce's bank charge, which is no invoice)."""
    return min(amount_paise, max(0, balance_before(balance_after_paise, amount_paise)))


def reopen_newest_first(invoices: Sequence[tuple[date, int, int]], reopen_paise: int
                        ) -> list[int]:
    """Paid paise per invoice (``(date, amount, paid)``, in the given order) after
    ``reopen_paise`` of payments is taken back, newest invoice first: the mirror of
    :func:`billing.lifecycle.allocate_fifo`, which pays the oldest first."""
    if isinstance(reopen_paise, bool) or not isinstance(reopen_paise, int):
        raise TypeError("reopen_paise must be int paise")
    if reopen_paise < 0:
        raise ValueError("reopen_paise cannot be negative")
    paid = [p for _, _, p in invoices]
    order = sorted(range(len(invoices)), key=lambda i: (invoices[i][0], i), reverse=True)
    left = reopen_paise
    for i in order:
        if left == 0:
            break
        back = min(left, paid[i])
        paid[i] -= back
        left -= back
    return paid


def is_reversed(mark: str | None) -> bool:
    """Whether a payment with this mark (a ReversalCause value, ``"cleared"`` or None) is
    undone: its money is not income any more."""
    return mark in (ReversalCause.VOID.value, ReversalCause.BOUNCE.value)


def register_mark(method: str, mark: str | None) -> str | None:
    """What the register says of a payment beside its sync state: Voided, Cheque bounced,
    a cheque's clearance, or None."""
    if mark == ReversalCause.VOID.value:
        return "Voided"
    if mark == ReversalCause.BOUNCE.value:
        return "Cheque bounced"
    if method == PaymentMethod.CHEQUE.value:
        return "Cleared" if mark == ChequeState.CLEARED.value else "Pending clearance"
    return None
