"""The desk's half of "one UTR pays once": this desk's cache and outbox.

The server's ``payment_utrs`` table is the guarantee across the ledger; this look-up
refuses, before anything is written, a UTR the desk already knows: a payment pulled from
the server (the cache) or one taken here and not yet sent or acknowledged (the outbox). A
payment the server rejected (waiting in Needs attention) did not use its UTR, and a voided
one no longer does (the server frees a UTR with the void).
"""

from __future__ import annotations

from sqlalchemy import Engine, text

from billing.references import utr_key
from billing.reversal import ReversalCause
from billing.rules import PaymentMethod, RuleError
from db.outbox import Outbox
from db.reversals_local import pulled_marks, reversal_marks

__all__ = ["check_utr_unused", "earlier_receipt_for_utr"]

_UTR_METHODS = (PaymentMethod.UPI.value, PaymentMethod.BANK_TRANSFER.value)
VOID = ReversalCause.VOID.value


def earlier_receipt_for_utr(cache_engine: Engine, outbox: Outbox, utr: str) -> str | None:
    """The receipt number of a payment this desk knows with ``utr`` and no void, or None.

    A voided payment no longer uses its UTR (the server frees it with the void, so the
    transfer can be recorded on the right account): its void may be pulled into the cache
    (any desk's) or recorded here and not yet sent or pulled."""
    known = [(str(m.payload.get("payment_uuid") or m.mutation_id),
              str(m.payload["receipt_number"]))
             for m in outbox.payments_with_reference(utr, _UTR_METHODS)]
    with cache_engine.connect() as conn:
        known += [(str(uuid_), str(receipt)) for uuid_, receipt in conn.execute(
            text("SELECT payment_uuid, receipt_number FROM payments WHERE reference = :utr "
                 "AND method IN (:upi, :bank) ORDER BY id"),
            {"utr": utr, "upi": _UTR_METHODS[0], "bank": _UTR_METHODS[1]})]
    here = reversal_marks(outbox)  # this desk's reversals the server has not refused
    for payment_uuid, receipt in known:
        pulled = pulled_marks(cache_engine, payment_uuid).get(payment_uuid)
        if VOID not in (here.get(payment_uuid), pulled):
            return receipt
    return None


def check_utr_unused(
    cache_engine: Engine, outbox: Outbox, method: PaymentMethod | str, reference: str | None
) -> None:
    """RuleError("reference_used") naming the earlier receipt if this desk already knows a
    payment with the same UTR; nothing for other methods."""
    utr = utr_key(method, reference)
    if utr is None:
        return
    receipt = earlier_receipt_for_utr(cache_engine, outbox, utr)
    if receipt is not None:
        raise RuleError(
            f"UTR {utr} was already used by receipt {receipt}; one UTR pays once. Ask the "
            "customer for the UTR of this payment in their payment app; if it is the same "
            "payment, do not take it again.",
            code="reference_used",
        )
