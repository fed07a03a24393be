"""Counter-made GST document numbers (``billing.documents.document_number``), kept with the
outbox: the outbox is never thrown away, so a series never restarts and never repeats.

A document is numbered once per source (a receipt number, a reversal id): printing it again,
on any day, gives the same number; a new source takes the next number of its series in the
same transaction that records it.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from billing.documents import DocumentKind, document_number, financial_year
from db.outbox import Outbox
from db.outbox_schema import device_state

__all__ = ["issue_document_number", "series_counter"]


def _series_key(kind: DocumentKind, on: date) -> str:
    return f"docseq:{kind.letter}{financial_year(on) % 100:02d}"


def issue_document_number(outbox: Outbox, kind: DocumentKind, on: date, source: str) -> str:
    """The number of the ``kind`` document for ``source`` dated ``on``: the one issued
    before, or the next of its series (one transaction, so two calls never share one)."""
    source_key = f"doc:{kind.letter}:{source}"
    if len(source_key) > 64:
        raise ValueError("document source is too long")
    with outbox.engine.begin() as conn:
        # Write first: the transaction takes SQLite's write lock (waiting its turn) before it
        # reads the counter, so no other issuer reads the same value meanwhile.
        conn.execute(device_state.update().where(device_state.c.key == "device_code")
                     .values(value=device_state.c.value))
        issued = conn.execute(
            select(device_state.c.value).where(device_state.c.key == source_key)
        ).scalar()
        if issued is not None:
            return str(issued)
        device = outbox._device_code(conn)  # made once, inside this write transaction
        series = _series_key(kind, on)
        counter = int(conn.execute(
            select(device_state.c.value).where(device_state.c.key == series)
        ).scalar() or "0") + 1
        number = document_number(kind, on, device, counter)
        if counter == 1:
            conn.execute(device_state.insert().values(key=series, value="1"))
        else:
            conn.execute(device_state.update().where(device_state.c.key == series)
                         .values(value=str(counter)))
        conn.execute(device_state.insert().values(key=source_key, value=number))
        return number


def series_counter(outbox: Outbox, kind: DocumentKind, on: date) -> int:
    """How many ``kind`` documents this device numbered in the financial year of ``on``."""
    with outbox.engine.connect() as conn:
        value = conn.execute(
            select(device_state.c.value).where(device_state.c.key == _series_key(kind, on))
        ).scalar()
    return int(value or "0")
