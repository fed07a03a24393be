"""The desk's half of "one UTR pays once": this desk's cache and outbox.

The server's ``payment_utrs`` table is the guarantee across the ledger; this look-up
refuses, before anything is written, a UTR the desk already knows: a payment pulled from
the server (the cache) or one taken here and not yet sent or acknowledged (the outbox). A
payment the server rejected (waiting in Needs attention) did not use its UTR.
"""

from __future__ import annotations

from sqlalchemy import Engine, text

from billing.references import utr_key
from billing.rules import PaymentMethod, RuleError
from db.outbox import Outbox

__all__ = ["check_utr_unused", "earlier_receipt_for_utr"]

_UTR_METHODS = (PaymentMethod.UPI.value, PaymentMethod.BANK_TRANSFER.value)


def earlier_receipt_for_utr(cache_engine: Engine, outbox: Outbox, utr: str) -> str | None:
    """The receipt number of a payment this desk knows with ``utr``, or None."""
    receipt = outbox.receipt_for_reference(utr, _UTR_METHODS)
    if receipt is not None:
        return receipt
    with cache_engine.connect() as conn:
        found = conn.execute(
            text("SELECT receipt_number FROM payments WHERE reference = :utr "
                 "AND method IN (:upi, :bank) ORDER BY id LIMIT 1"),
            {"utr": utr, "upi": _UTR_METHODS[0], "bank": _UTR_METHODS[1]},
        ).first()
    return None if found is None else str(found[0])


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
