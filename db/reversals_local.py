"""Voids and cheque marks on the desk: which payment, whether it may be reversed, and the
``reversal`` / ``cheque_cleared`` writes through the outbox (docs/sync-api.md "Reversals").

The rules are ``billing.reversal``'s; this module only gathers what they need to know on
this desk: the payment (from this device's outbox or the cache), whether it belongs to the
open cash session, and whether this desk already reversed it. The server checks again.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from sqlalchemy import Engine, text

from billing.reversal import (
    ChequeState,
    ReversalCause,
    ReversalError,
    ReversalRequest,
    check_request,
    check_reversal,
    is_reversed,
)
from billing.roles import Role
from billing.rules import PaymentMethod
from db.cash_session import current_session
from db.outbox import Mutation, MutationKind, Outbox

__all__ = [
    "PaymentToReverse",
    "check_cheque_mark",
    "check_local",
    "check_local_request",
    "find_payment",
    "pulled_marks",
    "pulled_reversals",
    "receipt_marks",
    "record_cheque_cleared",
    "record_reversal",
    "reversal_marks",
]


class CurrentUser(Protocol):
    """Who asks (sync.user.CurrentUser has these)."""

    @property
    def username(self) -> str: ...
    @property
    def role(self) -> Role: ...
    @property
    def branch_id(self) -> int | None: ...


@dataclass(frozen=True)
class PaymentToReverse:
    """A payment as a void or a cheque mark needs it."""

    payment_uuid: str
    account_id: int
    account_name: str
    branch_id: int
    option: str
    """billing.rules.PaymentOption value."""
    method: PaymentMethod
    reference: str | None
    amount_paise: int
    receipt_number: str
    document_number: str | None
    taken_at: datetime
    taken_by: str
    outbox_seq: int | None
    """Its place in this device's outbox; None for a payment taken at another desk."""
    pulled_mark: str | None = None
    """What the server says was done to it, as pulled into the cache (a ReversalCause value,
    ``"cleared"`` or None): a void made at another desk counts here."""


def pulled_marks(cache_engine: Engine, payment_uuid: str | None = None) -> dict[str, str]:
    """payment_uuid → what the server did to it, from the pulled ``payment_reversals``
    (``"void"`` / ``"bounce"``) and ``cheque_clearances`` (``"cleared"``): what every desk
    of the branch knows, whichever desk asked. One payment's when ``payment_uuid`` is given."""
    one = "" if payment_uuid is None else " WHERE p.payment_uuid = :u"
    marks: dict[str, str] = {}
    with cache_engine.connect() as conn:
        for uuid_, in conn.execute(text(
                "SELECT p.payment_uuid FROM cheque_clearances c "
                f"JOIN payments p ON p.id = c.payment_id{one}"), {"u": payment_uuid}):
            marks[uuid_] = ChequeState.CLEARED.value
        for uuid_, cause in conn.execute(text(
                "SELECT p.payment_uuid, r.cause FROM payment_reversals r "
                f"JOIN payments p ON p.id = r.payment_id{one}"), {"u": payment_uuid}):
            marks[uuid_] = cause
    return marks


def pulled_reversals(cache_engine: Engine) -> list[dict[str, str]]:
    """The reversals the server applied, as pulled into the cache (any desk's: a request
    approved at a supervisor's desk never passes through this desk's outbox), each as the
    part of a ``reversal`` payload a day close reads (``billing.day_close.split_reversed``):
    ``payment_uuid``, ``cause``, ``reason``, ``approved_by``."""
    with cache_engine.connect() as conn:
        return [{"payment_uuid": uuid_, "cause": cause, "reason": reason or "",
                 "approved_by": approved_by or ""}
                for uuid_, cause, reason, approved_by in conn.execute(text(
                    "SELECT p.payment_uuid, r.cause, r.reason, r.approved_by "
                    "FROM payment_reversals r JOIN payments p ON p.id = r.payment_id"))]


def find_payment(cache_engine: Engine, outbox: Outbox, payment_uuid: str
                 ) -> PaymentToReverse | None:
    """The payment with this uuid: this device's own (outbox) first, else the cache's."""
    mutation = outbox.get(payment_uuid)
    pulled = pulled_marks(cache_engine, payment_uuid).get(payment_uuid)
    with cache_engine.connect() as conn:
        if mutation is not None and mutation.kind is MutationKind.PAYMENT:
            body = mutation.payload
            account = conn.execute(
                text("SELECT name, branch_id FROM accounts WHERE id = :i"),
                {"i": mutation.account_id}).first()
            answer = mutation.result or {}
            return PaymentToReverse(
                payment_uuid=payment_uuid,
                account_id=int(mutation.account_id or 0),
                account_name=account.name if account else "",
                branch_id=int(account.branch_id if account else body.get("branch_id") or 0),
                option=str(body["option"]),
                method=PaymentMethod(body["method"]),
                reference=body.get("reference"),
                amount_paise=int(body["amount_paise"]),
                receipt_number=str(body["receipt_number"]),
                document_number=(answer.get("payment") or {}).get("document_number"),
                taken_at=datetime.fromtimestamp(int(body["taken_at"]), UTC),
                taken_by=mutation.created_by,
                outbox_seq=mutation.seq,
                pulled_mark=pulled,
            )
        row = conn.execute(
            text("SELECT p.account_id, a.name, p.branch_id, p.kind, p.method, p.reference, "
                 "p.amount_paise, p.receipt_number, p.document_number, p.taken_at, p.taken_by "
                 "FROM payments p JOIN accounts a ON a.id = p.account_id "
                 "WHERE p.payment_uuid = :u"), {"u": payment_uuid}).first()
    if row is None:
        return None
    return PaymentToReverse(
        payment_uuid=payment_uuid, account_id=row.account_id, account_name=row.name,
        branch_id=row.branch_id, option=row.kind, method=PaymentMethod(row.method),
        reference=row.reference, amount_paise=int(row.amount_paise),
        receipt_number=row.receipt_number, document_number=row.document_number,
        taken_at=datetime.fromtimestamp(int(row.taken_at), UTC), taken_by=row.taken_by,
        outbox_seq=None, pulled_mark=pulled,
    )


def _live(mutation: Mutation) -> bool:
    """A write the server has not refused (pending or acknowledged)."""
    return not mutation.state.needs_attention


def _reversed_here(outbox: Outbox, payment: PaymentToReverse) -> bool:
    """Reversed by this desk (a live reversal in its outbox) or by any desk (pulled)."""
    return is_reversed(payment.pulled_mark) or any(
        m.payload.get("payment_uuid") == payment.payment_uuid and _live(m)
        for m in outbox.of_kind(MutationKind.REVERSAL))


def _in_open_session(outbox: Outbox, user: CurrentUser, payment: PaymentToReverse) -> bool:
    if payment.outbox_seq is None:
        return False  # taken at another desk: not in this drawer's session
    session = current_session(outbox.engine, user.username)
    return payment.outbox_seq >= session.first_seq


def check_local(outbox: Outbox, user: CurrentUser, payment: PaymentToReverse,
                cause: ReversalCause, reason: str, approved_by: str,
                approver_role: Role | str | None) -> str:
    """The cleaned reason, or ReversalError: the rules asked with what this desk knows."""
    request = ReversalRequest(
        cause=cause,
        reason=reason,
        method=payment.method,
        receipt_number=payment.receipt_number,
        requested_by=user.username,
        approved_by=approved_by,
        already_reversed=_reversed_here(outbox, payment),
        in_current_session=(cause is ReversalCause.BOUNCE
                            or _in_open_session(outbox, user, payment)),
        same_branch=user.role is Role.ADMIN or user.branch_id == payment.branch_id,
    )
    return check_reversal(request, approver_role)


def check_local_request(outbox: Outbox, user: CurrentUser, payment: PaymentToReverse,
                        cause: ReversalCause, reason: str) -> str:
    """The cleaned reason of a request sent to a supervisor's desk, or ReversalError: the
    rules but the approver's (billing.reversal.check_request), with what this desk knows.
    A payment this desk has not sent yet cannot be asked about: the server does not know it."""
    mine = outbox.get(payment.payment_uuid) if payment.outbox_seq is not None else None
    if mine is not None and not mine.state.acknowledged:
        raise ReversalError(
            f"Receipt {payment.receipt_number} has not reached the server yet; sync first, "
            "or ask a supervisor to approve here with their password.",
            code="not_synced")
    return check_request(ReversalRequest(
        cause=cause, reason=reason, method=payment.method,
        receipt_number=payment.receipt_number, requested_by=user.username, approved_by="",
        already_reversed=_reversed_here(outbox, payment),
        in_current_session=(cause is ReversalCause.BOUNCE
                            or _in_open_session(outbox, user, payment)),
        same_branch=user.role is Role.ADMIN or user.branch_id == payment.branch_id,
    ))


def record_reversal(outbox: Outbox, user: CurrentUser, payment: PaymentToReverse,
                    cause: ReversalCause, reason: str, approved_by: str,
                    approval_token: str | None, approver_role: Role | str | None,
                    now: datetime | None = None) -> Mutation:
    """Check again and queue the reversal; ``approval_token`` None means the approver's
    password was checked against their offline verifier on this PC."""
    reason = check_local(outbox, user, payment, cause, reason, approved_by, approver_role)
    reversal_uuid = str(uuid.uuid4())
    payload: dict[str, object] = {
        "reversal_uuid": reversal_uuid,
        "payment_uuid": payment.payment_uuid,
        "cause": cause.value,
        "reason": reason,
        "requested_at": int((now or datetime.now(UTC)).timestamp()),
        "approved_by": approved_by.strip().lower(),
        # What the receipt of the reversal names (the server takes its own copy).
        "receipt_number": payment.receipt_number,
        "amount_paise": payment.amount_paise,
    }
    if approval_token is None:
        payload["approved_offline"] = True
    else:
        payload["approval_token"] = approval_token
    return outbox.enqueue(MutationKind.REVERSAL, account_id=payment.account_id,
                          payload=payload, created_by=user.username,
                          mutation_id=reversal_uuid)


def check_cheque_mark(outbox: Outbox, payment: PaymentToReverse) -> None:
    """ReversalError unless the payment is a cheque this desk has not reversed."""
    if payment.method is not PaymentMethod.CHEQUE:
        raise ReversalError(
            f"Receipt {payment.receipt_number} was paid by {payment.method.label}, not by "
            "cheque; only a cheque is cleared or bounces.",
            code="not_a_cheque",
        )
    if _reversed_here(outbox, payment):
        raise ReversalError(f"Receipt {payment.receipt_number} is already reversed.",
                            code="already_reversed")


def record_cheque_cleared(outbox: Outbox, user: CurrentUser, payment: PaymentToReverse
                          ) -> Mutation:
    """Queue "the bank paid this cheque"."""
    check_cheque_mark(outbox, payment)
    return outbox.enqueue(MutationKind.CHEQUE_CLEARED, account_id=payment.account_id,
                          payload={"payment_uuid": payment.payment_uuid},
                          created_by=user.username)


def reversal_marks(outbox: Outbox, cache_engine: Engine | None = None) -> dict[str, str]:
    """payment_uuid → what was done to it: ``"void"``, ``"bounce"`` or ``"cleared"``: what
    the server did as pulled into the cache (any desk's), with what this desk queued and the
    server has not applied or not yet sent back laid over it (writes the server refused are
    left out; a reversal wins over a cleared mark)."""
    marks: dict[str, str] = {} if cache_engine is None else pulled_marks(cache_engine)
    for m in outbox.of_kind(MutationKind.CHEQUE_CLEARED, MutationKind.REVERSAL):
        if not _live(m):
            continue
        target = str(m.payload.get("payment_uuid"))
        if m.kind is MutationKind.REVERSAL:
            if not is_reversed(marks.get(target)):
                marks[target] = str(m.payload.get("cause"))
        else:
            marks.setdefault(target, ChequeState.CLEARED.value)
    return marks


def receipt_marks(outbox: Outbox, cache_engine: Engine, account_id: int) -> dict[str, str]:
    """receipt_number → :func:`reversal_marks` mark, for one account's payments (the
    account's Payment tab, whose rows carry receipt numbers)."""
    marks = reversal_marks(outbox, cache_engine)
    if not marks:
        return {}
    receipts: dict[str, str] = {}
    with cache_engine.connect() as conn:
        for uuid_, receipt in conn.execute(text(
                "SELECT payment_uuid, receipt_number FROM payments WHERE account_id = :a"),
                {"a": account_id}):
            receipts[uuid_] = receipt
    for m in outbox.payments():
        if m.account_id == account_id:
            receipts.setdefault(m.mutation_id, str(m.payload.get("receipt_number")))
    return {receipts[u]: mark for u, mark in marks.items() if u in receipts}
