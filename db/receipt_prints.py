"""How often a receipt was printed or saved: the first print is the original, every later
one says DUPLICATE. The counts are kept in the outbox file (``Outbox.record_receipt_print``),
which is never thrown away."""

from __future__ import annotations

from db.outbox import Outbox

__all__ = ["receipt_print_count", "record_receipt_print"]


def record_receipt_print(outbox: Outbox, receipt_number: str, by: str, target: str) -> int:
    """Note a print of a receipt; returns how many prints came before (0 = the original,
    anything more is a DUPLICATE)."""
    return outbox.record_receipt_print(receipt_number, by, target)


def receipt_print_count(outbox: Outbox, receipt_number: str) -> int:
    """How many times a receipt was printed or saved."""
    return outbox.receipt_print_count(receipt_number)
