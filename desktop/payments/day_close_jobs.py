"""The day close's work on the database worker: the open cash session, cash paid out, the
close itself (with the session's GST for the report), and the report's PDF."""

from __future__ import annotations

from pathlib import Path

from db.cash_session import (
    CashSession,
    DayClose,
    close_session,
    current_session,
    record_paid_out,
    set_opening_float,
)
from db.reversals_local import pulled_reversals
from desktop.payments.day_close_report import gst_html, write_close_pdf
from desktop.runtime.context import AppContext
from desktop.runtime.tasks import TaskControl


def session_job(ctx: AppContext, _control: TaskControl) -> CashSession:
    return current_session(ctx.outbox.engine, ctx.user.username)


def paid_out_job(ctx: AppContext, session_id: int, amount: int, reason: str,
                 _control: TaskControl) -> int:
    record_paid_out(ctx.outbox.engine, session_id, amount, reason, ctx.user.username)
    return amount


def close_job(ctx: AppContext, session_id: int, opening_float: int, counts: dict[int, int],
              gst: tuple[str, int] | str, _control: TaskControl) -> tuple[DayClose, str]:
    set_opening_float(ctx.outbox.engine, session_id, opening_float)
    # Voids approved at a supervisor's desk reach this desk by the pull, not the outbox.
    pulled = pulled_reversals(ctx.cache_engine)
    close = close_session(ctx.outbox.engine, session_id, counts, ctx.user.username,
                          branch_id=ctx.user.branch_id, gst_basis=gst,
                          pulled_reversals=pulled)
    return close, gst_html(ctx, session_id, gst, pulled)


def pdf_job(close: DayClose, session: CashSession, cashier: str, zone: str, path: Path,
            gst: str, _control: TaskControl) -> str:
    return str(write_close_pdf(close, session, cashier, zone, path, gst))
