"""Counter-made GST document numbers (``billing.documents.document_number``), kept with the
outbox: the outbox is never thrown away, so a series never restarts and never repeats.

A document is numbered once per source (a receipt number, a reversal id): printing it again,
on any day, gives the same number; a new source takes the next number of its series in the
same transaction that records it.
"""

from __future__ import annotations

from datetime import date

from billing.documents import DocumentKind, document_number, financial_year
from db.outbox import Outbox

__all__ = ["issue_document_number", "series_counter"]


def _series_key(kind: DocumentKind, on: date) -> str:
    return f"docseq:{kind.letter}{financial_year(on) % 100:02d}"


def issue_document_number(outbox: Outbox, kind: DocumentKind, on: date, source: str) -> str:
    """The number of the ``kind`` document for ``source`` dated ``on``: the one issued
    before, or the next of its series (one transaction, so two calls never share one)."""
    source_key = f"doc:{kind.letter}:{source}"
    if len(source_key) > 64:
        raise ValueError("document source is too long")
    return outbox.issue_numbered(
        source_key, _series_key(kind, on),
        lambda device, counter: document_number(kind, on, device, counter))


def series_counter(outbox: Outbox, kind: DocumentKind, on: date) -> int:
    """How many ``kind`` documents this device numbered in the financial year of ``on``."""
    return outbox.counter(_series_key(kind, on))
