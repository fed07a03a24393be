"""Gapless document numbers per series and financial year, issued by the server.

A payment's document number is ``PAY/<branch code>/<yy-yy>/<n>`` (nine digits), ``n``
counting 1, 2, 3... in each branch's series for each financial year (April to March,
``billing.documents.financial_year``). The counter is a row of ``document_series``, taken in
the payment's own transaction:

* PostgreSQL: ``SELECT ... FOR UPDATE`` locks the series row, so a second payment of the same
  series waits for the first to commit or roll back, then reads its number. A rolled-back
  payment gives its number back (the increment rolls back with it): no gaps, no duplicates.
* SQLite: writers are serialised (``BEGIN IMMEDIATE``), the same code is safe.

The first time a series is used its row is made, starting above the highest number the
ledger already holds in it (numbers issued before this counter, or by the demo seed).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection, func, select

from billing.documents import financial_year
from db.server_schema import document_series
from server import rows

__all__ = ["next_payment_document_number", "payment_series"]

DIGITS = 9


def payment_series(branch_code: str, on: date) -> tuple[str, int, str]:
    """(series, financial year, the numbers' prefix) of a payment taken ``on``."""
    fy = financial_year(on)
    series = f"PAY/{branch_code}"
    return series, fy, f"{series}/{fy % 100:02d}-{(fy + 1) % 100:02d}/"


def _highest_issued(conn: Connection, prefix: str) -> int:
    payments = rows.table("payments")
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    found = conn.execute(
        select(func.max(payments.c.document_number))
        .where(payments.c.document_number.like(escaped + "%", escape="\\"))
    ).scalar()
    tail = str(found or "")[len(prefix):]
    return int(tail) if tail.isdigit() else 0


def _locked(conn: Connection, series: str, fy: int) -> int | None:
    return conn.execute(
        select(document_series.c.last_number)
        .where(document_series.c.series == series, document_series.c.financial_year == fy)
        .with_for_update()
    ).scalar()


def next_payment_document_number(conn: Connection, branch_code: str, on: date) -> str:
    """The next number of the branch's payment series; call inside the payment's
    transaction (the series row stays locked until it ends)."""
    series, fy, prefix = payment_series(branch_code, on)
    last = _locked(conn, series, fy)
    if last is None:
        start = _highest_issued(conn, prefix)
        table = document_series
        if conn.dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert  # type: ignore[assignment]
        # Two first payments of a series racing: the second's insert waits for the first's
        # and does nothing; its locked read then sees the first's committed number.
        conn.execute(insert(table).values(series=series, financial_year=fy,
                                          last_number=start).on_conflict_do_nothing())
        last = _locked(conn, series, fy)
        assert last is not None
    number = last + 1
    conn.execute(
        document_series.update()
        .where(document_series.c.series == series, document_series.c.financial_year == fy)
        .values(last_number=number)
    )
    return f"{prefix}{number:0{DIGITS}d}"
