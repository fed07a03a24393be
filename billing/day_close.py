"""The day close report a desk sends to head office (mutation kind ``day_close``).

One home for its shape, used by both ends of docs/sync-api.md "Day close": the desk builds
it with :func:`close_report` in the same outbox transaction as the close
(``db.cash_session.close_session``); the server reads it back with :func:`check_report`,
which refuses anything that does not add up (the server never trusts the desk's sums).
Money is integer paise throughout.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from billing.references import utr_key
from billing.rules import PaymentMethod
from billing.tax import split_inclusive

__all__ = [
    "DENOMINATIONS_PAISE",
    "MAX_PIECES",
    "CloseError",
    "ClosePayment",
    "CloseReport",
    "check_report",
    "cheque_parts",
    "close_report",
    "gst_per_method",
    "reference_list",
]

#: Indian notes and coins a drawer holds, largest first: ₹2000 … ₹1.
DENOMINATIONS_PAISE: tuple[int, ...] = (
    2000_00, 500_00, 200_00, 100_00, 50_00, 20_00, 10_00, 5_00, 2_00, 1_00,
)
#: Most pieces of one denomination a count accepts (a typo guard, not a business rule).
MAX_PIECES = 100_000
#: Most references (UTRs, cheques) one report carries: far above a drawer's day.
MAX_REFERENCES = 20_000
_MAX_PAISE = 2**62
_GST_FIELDS = ("amount_paise", "taxable_paise", "cgst_paise", "sgst_paise", "igst_paise")


class CloseError(ValueError):
    """A close report that cannot be kept; ``str(error)`` says what is wrong."""


@dataclass(frozen=True)
class ClosePayment:
    """One payment of the closed session, as the report needs it."""

    receipt_number: str
    method: str
    amount_paise: int
    reference: str | None


def gst_per_method(payments: Iterable[ClosePayment], supplier_state: str, rate_bp: int
                   ) -> dict[str, dict[str, int]]:
    """GST inside the money taken, per method (``billing.tax.split_inclusive`` of each
    payment, the operator's state as the place of supply), in method order."""
    order = {m.value: i for i, m in enumerate(PaymentMethod)}
    totals: dict[str, dict[str, int]] = {}
    for p in payments:
        split = split_inclusive(p.amount_paise, place_of_supply=supplier_state,
                                supplier_state=supplier_state, rate_bp=rate_bp)
        entry = totals.setdefault(p.method, dict.fromkeys(_GST_FIELDS, 0))
        entry["amount_paise"] += p.amount_paise
        entry["taxable_paise"] += split.taxable_paise
        entry["cgst_paise"] += split.cgst_paise
        entry["sgst_paise"] += split.sgst_paise
        entry["igst_paise"] += split.igst_paise
    return dict(sorted(totals.items(), key=lambda kv: order.get(kv[0], 99)))


def cheque_parts(method: str, reference: str | None) -> tuple[str, str, str] | None:
    """(cheque number, bank, cheque date) of a cheque payment's stored reference
    (``billing.references.cheque_reference``: "number / bank / date"), else None."""
    if method == PaymentMethod.CHEQUE.value and reference and reference.count(" / ") == 2:
        number, bank, dated = (part.strip() for part in reference.split(" / "))
        return number, bank, dated
    return None


def split_reversed(
    payments: Iterable[Mapping[str, Any]], reversals: Iterable[Mapping[str, Any]]
) -> tuple[list[Mapping[str, Any]], list[dict[str, Any]]]:
    """A session's payment payloads without those reversed in the same session (a void
    gives the money back across the counter, so it is not in the drawer), and the ``voids``
    list of the close report: one entry per reversed payment."""
    by_payment = {str(r.get("payment_uuid")): r for r in reversals}
    kept: list[Mapping[str, Any]] = []
    voids: list[dict[str, Any]] = []
    for body in payments:
        reversal = by_payment.get(str(body.get("payment_uuid")))
        if reversal is None:
            kept.append(body)
            continue
        voids.append({
            "receipt_number": str(body["receipt_number"]),
            "method": str(body["method"]),
            "amount_paise": int(body["amount_paise"]),
            "cause": str(reversal.get("cause")),
            "reason": str(reversal.get("reason") or ""),
            "approved_by": str(reversal.get("approved_by") or ""),
        })
    return kept, voids


def reference_list(payments: Iterable[ClosePayment]) -> list[dict[str, Any]]:
    """The UPI / bank transfer UTRs and cheques of a session, oldest first."""
    out: list[dict[str, Any]] = []
    for p in payments:
        utr = utr_key(p.method, p.reference)
        if utr is not None:
            out.append({"receipt_number": p.receipt_number, "method": p.method,
                        "amount_paise": p.amount_paise, "utr": utr})
            continue
        cheque = cheque_parts(p.method, p.reference)
        if cheque is not None:
            number, bank, dated = cheque
            out.append({"receipt_number": p.receipt_number, "method": p.method,
                        "amount_paise": p.amount_paise, "cheque_number": number,
                        "bank": bank, "cheque_date": dated})
    return out


def close_report(
    *,
    session_id: int,
    branch_id: int | None,
    counted_by: str,
    opened_at: int,
    closed_at: int,
    denominations: Mapping[int, int],
    opening_float_paise: int,
    cash_payments_paise: int,
    paid_out_paise: int,
    method_totals: Mapping[str, int],
    payment_count: int,
    payments: list[ClosePayment],
    unsynced_at_close: int,
    gst_basis: tuple[str, int] | None,
    gst_error: str | None = None,
    voids: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The ``day_close`` payload (times in epoch seconds). ``gst_basis``: (operator's
    state code, rate in basis points), or None with ``gst_error`` saying why not.
    ``voids``: the session's payments reversed in the same session (:func:`split_reversed`);
    they are in none of the totals."""
    counted = sum(value * pieces for value, pieces in denominations.items())
    expected = opening_float_paise + cash_payments_paise - paid_out_paise
    gst: dict[str, Any] = {"supplier_state": None, "rate_bp": None, "per_method": {},
                           "error": gst_error}
    if gst_basis is not None:
        gst = {"supplier_state": gst_basis[0], "rate_bp": gst_basis[1],
               "per_method": gst_per_method(payments, *gst_basis), "error": None}
    return {
        "session_id": session_id,
        "branch_id": branch_id,
        "counted_by": counted_by,
        "opened_at": opened_at,
        "closed_at": closed_at,
        "denominations": {str(v): int(n) for v, n in sorted(denominations.items(),
                                                            reverse=True)},
        "counted_paise": counted,
        "opening_float_paise": opening_float_paise,
        "cash_payments_paise": cash_payments_paise,
        "paid_out_paise": paid_out_paise,
        "expected_paise": expected,
        "difference_paise": counted - expected,
        "method_totals": dict(method_totals),
        "payment_count": payment_count,
        "references": reference_list(payments),
        "gst": gst,
        "voids": list(voids or []),
        "unsynced_at_close": unsynced_at_close,
    }


@dataclass(frozen=True)
class CloseReport:
    """A checked report: the figures the server keeps in columns (the rest stays JSON)."""

    session_id: int
    branch_id: int | None
    counted_by: str
    opened_at: int
    closed_at: int
    counted_paise: int
    opening_float_paise: int
    cash_payments_paise: int
    paid_out_paise: int
    expected_paise: int
    difference_paise: int
    payment_count: int
    unsynced_at_close: int


def _int(body: Mapping[str, Any], key: str, *, low: int = 0, where: str = "") -> int:
    value = body.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= _MAX_PAISE:
        at = f" in {where}" if where else ""
        raise CloseError(f"{key}{at} must be a whole number from {low} up.")
    return value


def _text(body: Mapping[str, Any], key: str, most: int) -> str:
    value = body.get(key)
    if not isinstance(value, str) or not value.strip() or len(value) > most:
        raise CloseError(f"{key} must be text of 1 to {most} characters.")
    return value.strip()


def _whole_numbers_only(body: Any) -> None:
    """CloseError for a float, or an integer past 2**62, anywhere in the report (the parts
    not checked field by field too): the report is kept as it came and sent back to head
    office, whose JSON cannot carry an integer past 64 bits."""
    stack = [body]
    while stack:
        item = stack.pop()
        if isinstance(item, float) or (isinstance(item, int) and not isinstance(item, bool)
                                       and not -_MAX_PAISE <= item <= _MAX_PAISE):
            raise CloseError("every number in it must be a whole number from -2**62 to "
                             "2**62 (a fraction or a larger number is not).")
        if isinstance(item, Mapping):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def check_report(body: Any) -> CloseReport:
    """The report's figures if it is whole and adds up; CloseError naming the first fault."""
    if not isinstance(body, Mapping):
        raise CloseError("A day close report is a JSON object.")
    denominations = body.get("denominations")
    if not isinstance(denominations, Mapping):
        raise CloseError("denominations must map a note's value in paise to pieces.")
    counted = 0
    for key, pieces in denominations.items():
        if not isinstance(key, str) or not key.isdigit() or int(key) not in DENOMINATIONS_PAISE:
            raise CloseError(f"{key!r} is not a note or coin in paise (e.g. \"50000\").")
        if isinstance(pieces, bool) or not isinstance(pieces, int) \
                or not 0 <= pieces <= MAX_PIECES:
            raise CloseError(f"Pieces of {key} must be a whole number from 0 to {MAX_PIECES}.")
        counted += int(key) * pieces
    methods = body.get("method_totals")
    if not isinstance(methods, Mapping) or not all(
            isinstance(m, str) and m in {p.value for p in PaymentMethod} for m in methods):
        raise CloseError("method_totals must map payment methods (cash, upi, …) to paise.")
    for method in methods:
        _int(methods, method, where="method_totals")
    for key in ("references", "voids"):
        items = body.get(key)
        if not isinstance(items, list) or len(items) > MAX_REFERENCES \
                or not all(isinstance(i, Mapping) for i in items):
            raise CloseError(f"{key} must be a list of objects (may be empty).")
    for void in body["voids"]:
        if not isinstance(void.get("receipt_number"), str) \
                or void.get("method") not in {p.value for p in PaymentMethod} \
                or void.get("cause") not in ("void", "bounce"):
            raise CloseError("each void needs a receipt_number, a payment method and a cause "
                             "(void or bounce).")
        _int(void, "amount_paise", where="voids")
    gst = body.get("gst")
    if not isinstance(gst, Mapping) or not isinstance(gst.get("per_method"), Mapping):
        raise CloseError("gst must be an object with per_method totals.")
    for method, sums in gst["per_method"].items():
        if not isinstance(sums, Mapping):
            raise CloseError(f"gst per_method {method!r} must be an object of paise.")
        for field in _GST_FIELDS:
            _int(sums, field, where=f"gst {method}")
    branch = body.get("branch_id")
    if branch is not None:
        branch = _int(body, "branch_id", low=1)
    report = CloseReport(
        session_id=_int(body, "session_id", low=1),
        branch_id=branch,
        counted_by=_text(body, "counted_by", 64),
        opened_at=_int(body, "opened_at"),
        closed_at=_int(body, "closed_at"),
        counted_paise=_int(body, "counted_paise"),
        opening_float_paise=_int(body, "opening_float_paise"),
        cash_payments_paise=_int(body, "cash_payments_paise"),
        paid_out_paise=_int(body, "paid_out_paise"),
        expected_paise=_int(body, "expected_paise", low=-_MAX_PAISE),
        difference_paise=_int(body, "difference_paise", low=-_MAX_PAISE),
        payment_count=_int(body, "payment_count"),
        unsynced_at_close=_int(body, "unsynced_at_close"),
    )
    if report.opened_at > report.closed_at:
        raise CloseError("opened_at is after closed_at.")
    if report.counted_paise != counted:
        raise CloseError(f"counted_paise is {report.counted_paise} but the denominations "
                         f"add up to {counted}.")
    if report.cash_payments_paise != methods.get(PaymentMethod.CASH.value, 0):
        raise CloseError("cash_payments_paise differs from method_totals['cash'].")
    expected = report.opening_float_paise + report.cash_payments_paise - report.paid_out_paise
    if report.expected_paise != expected:
        raise CloseError(f"expected_paise is {report.expected_paise}; opening float + cash "
                         f"payments - paid out is {expected}.")
    if report.difference_paise != counted - expected:
        raise CloseError("difference_paise is not counted_paise - expected_paise.")
    if report.unsynced_at_close > report.payment_count:
        raise CloseError("unsynced_at_close is more than payment_count.")
    _whole_numbers_only(body)  # the parts not checked above (references, extra keys)
    return report
