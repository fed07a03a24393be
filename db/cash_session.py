"""Cash sessions and the blind day close, kept in the outbox file (never thrown away).

A session is the drawer from its opening to its close. It owns the payment mutations whose
``seq`` lies in ``[first_seq, last_seq]``: a new session starts right after the last one
closed, so every payment of this device falls in exactly one session, and a payment taken
after a close belongs to the next. The outbox keeps acknowledged payments (they change state,
they are not deleted), so a close can be recomputed and audited at any time.

The count is *blind*: :func:`close_session` takes the cashier's count and only then works out
what the drawer should hold (opening float + cash payments − cash paid out), fixing both in
one transaction. Nothing here offers the expected figure before a count exists.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine

from billing.day_close import (
    DENOMINATIONS_PAISE,
    MAX_PIECES,
    ClosePayment,
    close_report,
    split_reversed,
)
from billing.rules import PaymentMethod
from db.outbox import Outbox

__all__ = [
    "DENOMINATIONS_PAISE",
    "MAX_PIECES",
    "CashSession",
    "CashSessionError",
    "DayClose",
    "close_session",
    "counted_total",
    "current_session",
    "get_close",
    "recent_closes",
    "record_paid_out",
    "set_opening_float",
]

class CashSessionError(ValueError):
    """A drawer operation that cannot be done; ``str(error)`` is for the cashier."""


@dataclass(frozen=True)
class CashSession:
    id: int
    opened_at: datetime
    opened_by: str
    opening_float_paise: int
    first_seq: int
    closed_at: datetime | None
    closed_by: str | None
    last_seq: int | None

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


@dataclass(frozen=True)
class DayClose:
    session_id: int
    counted_at: datetime
    counted_by: str
    denominations: dict[int, int]
    """Pieces counted per denomination in paise (200000 = ₹2000 notes)."""
    counted_paise: int
    opening_float_paise: int
    cash_payments_paise: int
    paid_out_paise: int
    expected_paise: int
    difference_paise: int
    """Counted − expected: negative is a shortage, positive an excess."""
    method_totals: dict[str, int]
    """Paise taken per ``billing.rules.PaymentMethod`` value in the session."""
    payment_count: int
    #: The close report queued for head office (its outbox mutation id); None for a close
    #: read back from the file (the report lives in the outbox, not in this row).
    report_id: str | None = dataclasses.field(default=None, compare=False)

    @property
    def outcome(self) -> str:
        if self.difference_paise < 0:
            return "shortage"
        if self.difference_paise > 0:
            return "excess"
        return "balanced"


def _now() -> datetime:
    # Whole seconds: what the file stores, so a returned close equals the one read back.
    return datetime.now(UTC).replace(microsecond=0)


def counted_total(counts: Mapping[int, int]) -> int:
    """Paise in a count of pieces per denomination; refuses unknown notes and bad counts."""
    total = 0
    for value, pieces in counts.items():
        if value not in DENOMINATIONS_PAISE:
            raise CashSessionError(f"₹{value // 100} is not a note or coin the drawer holds.")
        if isinstance(pieces, bool) or not isinstance(pieces, int):
            raise TypeError("piece counts must be int")
        if pieces < 0 or pieces > MAX_PIECES:
            raise CashSessionError(
                f"Count of ₹{value // 100} must be between 0 and {MAX_PIECES:,}."
            )
        total += value * pieces
    return total


def _session(row: Any) -> CashSession:
    return CashSession(
        id=row.id,
        opened_at=row.opened_at,
        opened_by=row.opened_by,
        opening_float_paise=row.opening_float_paise,
        first_seq=row.first_seq,
        closed_at=row.closed_at,
        closed_by=row.closed_by,
        last_seq=row.last_seq,
    )


def current_session(engine: Engine, user: str) -> CashSession:
    """The open session, opening one (float ₹0) right after the last close if none is."""
    return _session(Outbox(engine).drawer.open_session(user, _now()))


def _require_open(row: Any, session_id: int) -> Any:
    if row is None:
        raise CashSessionError(f"Cash session {session_id} does not exist.")
    if row.closed_at is not None:
        raise CashSessionError(f"Cash session {session_id} is already closed.")
    return row


def set_opening_float(engine: Engine, session_id: int, paise: int) -> None:
    """Set the cash the drawer started with (only while the session is open)."""
    if isinstance(paise, bool) or not isinstance(paise, int):
        raise TypeError("paise must be int")
    if paise < 0:
        raise CashSessionError("The opening float cannot be negative.")
    with Outbox(engine).drawer.editing(session_id) as session:
        _require_open(session.row, session_id)
        session.set_opening_float(paise)


def record_paid_out(
    engine: Engine, session_id: int, amount_paise: int, reason: str, by: str
) -> None:
    """Record cash taken out of the drawer (refund, petty cash) with a reason."""
    if isinstance(amount_paise, bool) or not isinstance(amount_paise, int):
        raise TypeError("amount_paise must be int")
    if amount_paise <= 0:
        raise CashSessionError("Cash paid out must be more than zero.")
    if not reason.strip():
        raise CashSessionError("Say why the cash was paid out.")
    with Outbox(engine).drawer.editing(session_id) as session:
        _require_open(session.row, session_id)
        session.add_paid_out(_now(), by, amount_paise, reason.strip())


def _session_totals(payloads: Iterable[Mapping[str, Any]]) -> tuple[dict[str, int], int]:
    """Paise per method and the number of payments among a session's payment payloads.

    Every payment counts, whatever the server later answers: the money was taken into the
    drawer and a receipt was printed. A rejected one is settled through "needs attention".
    """
    totals = {method.value: 0 for method in PaymentMethod}
    count = 0
    for body in payloads:
        totals[body["method"]] = totals.get(body["method"], 0) + int(body["amount_paise"])
        count += 1
    return totals, count


def close_session(
    engine: Engine, session_id: int, counts: Mapping[int, int], by: str, *,
    branch_id: int | None = None, gst_basis: tuple[str, int] | str | None = None,
    pulled_reversals: Iterable[Mapping[str, Any]] = (),
) -> DayClose:
    """Save the blind count, then fix the expected cash and the difference, in one go, and
    queue the close report for head office (``billing.day_close``) in the same transaction.

    ``branch_id``: the cashier's branch the report is filed under (None: head office).
    ``gst_basis``: (operator's state code, GST rate in basis points) for the GST totals,
    or a message saying why there are none. ``pulled_reversals``: the reversals the server
    applied as pulled into the cache (``db.reversals_local.pulled_reversals``), voids
    approved at a supervisor's desk among them: the session's payments they reverse are
    out of the drawer as much as those voided through this desk's outbox. Later payments
    fall after ``last_seq`` and so into the next session.
    """
    counted = counted_total(counts)
    denominations = {value: int(counts.get(value, 0)) for value in DENOMINATIONS_PAISE}
    now = _now()
    with Outbox(engine).drawer.editing(session_id) as session:
        row = _require_open(session.row, session_id)
        last_seq = max(session.last_seq(), row.first_seq - 1)
        reversals = [*pulled_reversals, *session.reversal_payloads(row.first_seq, last_seq)]
        payloads, voids = split_reversed(session.payment_payloads(row.first_seq, last_seq),
                                         reversals)
        totals, count = _session_totals(payloads)
        paid_out = session.paid_out_total()
        cash = totals.get(PaymentMethod.CASH.value, 0)
        expected = row.opening_float_paise + cash - paid_out
        close = DayClose(
            session_id=session_id,
            counted_at=now,
            counted_by=by,
            denominations=denominations,
            counted_paise=counted,
            opening_float_paise=row.opening_float_paise,
            cash_payments_paise=cash,
            paid_out_paise=paid_out,
            expected_paise=expected,
            difference_paise=counted - expected,
            method_totals=totals,
            payment_count=count,
        )
        report = close_report(
            session_id=session_id,
            branch_id=branch_id,
            counted_by=by,
            opened_at=int(row.opened_at.timestamp()),
            closed_at=int(now.timestamp()),
            denominations=denominations,
            opening_float_paise=row.opening_float_paise,
            cash_payments_paise=cash,
            paid_out_paise=paid_out,
            method_totals=totals,
            payment_count=count,
            payments=[ClosePayment(b["receipt_number"], b["method"], int(b["amount_paise"]),
                                   b.get("reference")) for b in payloads],
            unsynced_at_close=session.unsynced_payments(
                row.first_seq, last_seq,
                excluding={str(p.get("payment_uuid")) for p in reversals}),
            gst_basis=gst_basis if isinstance(gst_basis, tuple) else None,
            gst_error=gst_basis if isinstance(gst_basis, str) else None,
            voids=voids,
        )
        report_id = session.close(
            {
                "counted_at": now,
                "counted_by": by,
                "denominations": json.dumps({str(k): v for k, v in denominations.items()}),
                "counted_paise": counted,
                "opening_float_paise": close.opening_float_paise,
                "cash_payments_paise": cash,
                "paid_out_paise": paid_out,
                "expected_paise": expected,
                "difference_paise": close.difference_paise,
                "method_totals": json.dumps(totals, sort_keys=True),
                "payment_count": count,
            },
            now, by, last_seq, report,
        )
    return dataclasses.replace(close, report_id=report_id)


def _close(row: Any) -> DayClose:
    return DayClose(
        session_id=row.session_id,
        counted_at=row.counted_at,
        counted_by=row.counted_by,
        denominations={int(k): v for k, v in json.loads(row.denominations).items()},
        counted_paise=row.counted_paise,
        opening_float_paise=row.opening_float_paise,
        cash_payments_paise=row.cash_payments_paise,
        paid_out_paise=row.paid_out_paise,
        expected_paise=row.expected_paise,
        difference_paise=row.difference_paise,
        method_totals=json.loads(row.method_totals),
        payment_count=row.payment_count,
    )


def get_close(engine: Engine, session_id: int) -> DayClose | None:
    """The saved close of a session, or None while it is open."""
    row = Outbox(engine).drawer.day_close(session_id)
    return _close(row) if row else None


def recent_closes(engine: Engine, limit: int = 30) -> list[DayClose]:
    """The latest closes, newest first."""
    return [_close(r) for r in Outbox(engine).drawer.recent_day_closes(limit)]
