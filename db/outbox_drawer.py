"""The cash drawer's tables in the outbox file (sessions, cash paid out, day closes).

Reached only through :attr:`db.outbox.Outbox.drawer` (an import-linter contract says so):
this module reads and writes rows; :mod:`db.cash_session` holds the rules (a blind count,
what the drawer should hold) and the types callers see.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, func, select

from billing.day_close import split_reversed
from db.outbox import MutationKind, MutationState, Outbox
from db.outbox_schema import cash_movements, cash_sessions, day_closes, mutations


def _payment_payloads(conn: Connection, first_seq: int, last_seq: int) -> list[dict[str, Any]]:
    """The payloads of the payments recorded in ``[first_seq, last_seq]``, oldest first."""
    return _payloads(conn, MutationKind.PAYMENT, first_seq, last_seq)


def _payloads(conn: Connection, kind: MutationKind, first_seq: int,
              last_seq: int) -> list[dict[str, Any]]:
    rows = conn.execute(
        select(mutations.c.payload).where(
            (mutations.c.kind == kind.value)
            & (mutations.c.seq >= first_seq)
            & (mutations.c.seq <= last_seq)
        ).order_by(mutations.c.seq)
    ).scalars()
    return [json.loads(payload) for payload in rows]


class DrawerSession:
    """One cash session inside one write transaction (see :meth:`DrawerTables.editing`)."""

    def __init__(self, conn: Connection, session_id: int) -> None:
        self._conn = conn
        self.session_id = session_id
        #: The session's row, or None when there is no such session.
        self.row: Any = conn.execute(
            select(cash_sessions).where(cash_sessions.c.id == session_id)
        ).first()

    def set_opening_float(self, paise: int) -> None:
        self._conn.execute(
            cash_sessions.update()
            .where(cash_sessions.c.id == self.session_id)
            .values(opening_float_paise=paise)
        )

    def add_paid_out(self, at: datetime, by: str, amount_paise: int, reason: str) -> None:
        self._conn.execute(
            cash_movements.insert().values(
                session_id=self.session_id, at=at, by=by, amount_paise=amount_paise,
                reason=reason,
            )
        )

    def paid_out_total(self) -> int:
        """Paise paid out of the drawer during this session."""
        return int(
            self._conn.execute(
                select(func.coalesce(func.sum(cash_movements.c.amount_paise), 0)).where(
                    cash_movements.c.session_id == self.session_id
                )
            ).scalar_one()
        )

    def last_seq(self) -> int:
        """The newest outbox sequence number (0 when empty)."""
        return int(self._conn.execute(select(func.max(mutations.c.seq))).scalar() or 0)

    def payment_payloads(self, first_seq: int, last_seq: int) -> list[dict[str, Any]]:
        return _payment_payloads(self._conn, first_seq, last_seq)

    def reversal_payloads(self, first_seq: int, last_seq: int) -> list[dict[str, Any]]:
        """The voids and bounces recorded in ``[first_seq, last_seq]``, oldest first."""
        return _payloads(self._conn, MutationKind.REVERSAL, first_seq, last_seq)

    def unsynced_payments(self, first_seq: int, last_seq: int,
                          excluding: Collection[str] = ()) -> int:
        """Payments in ``[first_seq, last_seq]`` the server has not acknowledged (pending,
        or refused and waiting in "needs attention"), but those whose ``payment_uuid`` is in
        ``excluding`` (reversed in the session)."""
        acked = [s.value for s in MutationState if s.acknowledged]
        payloads = self._conn.execute(
            select(mutations.c.payload).where(
                (mutations.c.kind == MutationKind.PAYMENT.value)
                & (mutations.c.seq >= first_seq) & (mutations.c.seq <= last_seq)
                & mutations.c.state.not_in(acked))
        ).scalars()
        return sum(1 for p in payloads if json.loads(p).get("payment_uuid") not in excluding)

    def close(self, values: dict[str, Any], closed_at: datetime, by: str, last_seq: int,
              report: dict[str, Any]) -> str:
        """Save the day close (``values``: the ``day_closes`` columns but the session id),
        close the session after ``last_seq`` and queue ``report`` for head office (a
        ``day_close`` mutation), all in this one transaction; the report's mutation id."""
        queued = Outbox(self._conn.engine).enqueue_in(
            self._conn, MutationKind.DAY_CLOSE, payload=report, created_by=by)
        self._conn.execute(day_closes.insert().values(session_id=self.session_id, **values))
        self._conn.execute(
            cash_sessions.update()
            .where(cash_sessions.c.id == self.session_id)
            .values(closed_at=closed_at, closed_by=by, last_seq=last_seq)
        )
        return queued.mutation_id


class DrawerTables:
    """The drawer's rows in one outbox file."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def open_session(self, user: str, now: datetime) -> Any:
        """The open session's row, starting one (float ₹0) right after the last close if
        none is open."""
        with self.engine.begin() as conn:
            row = conn.execute(
                select(cash_sessions).where(cash_sessions.c.closed_at.is_(None))
            ).first()
            if row is None:
                last = conn.execute(select(func.max(cash_sessions.c.last_seq))).scalar()
                # The first session takes every payment this device ever recorded.
                first = 1 if last is None else int(last) + 1
                # A session opened after its first payment (nobody looked at the drawer
                # before) was opened by that payment: its time and cashier, not the looker's.
                taken = conn.execute(
                    select(mutations.c.created_at, mutations.c.created_by)
                    .where((mutations.c.kind == MutationKind.PAYMENT.value)
                           & (mutations.c.seq >= first))
                    .order_by(mutations.c.seq).limit(1)
                ).first()
                if taken is not None:
                    now, user = taken.created_at.replace(microsecond=0), taken.created_by
                new_id = conn.execute(
                    cash_sessions.insert().values(
                        opened_at=now, opened_by=user, opening_float_paise=0, first_seq=first
                    ).returning(cash_sessions.c.id)
                ).scalar_one()
                row = conn.execute(
                    select(cash_sessions).where(cash_sessions.c.id == new_id)
                ).one()
            return row

    @contextmanager
    def editing(self, session_id: int) -> Iterator[DrawerSession]:
        """A session to check and change in one write transaction (an exception raised
        inside rolls it back)."""
        with self.engine.begin() as conn:
            yield DrawerSession(conn, session_id)

    def session_payments(self, session_id: int,
                         pulled_reversals: Iterable[Mapping[str, Any]] = ()
                         ) -> list[dict[str, Any]]:
        """The payloads of a closed session's payments that are still in the drawer (not
        reversed in the session, nor by one of ``pulled_reversals``: the server's, as
        pulled), oldest first. Raises ValueError while it is open,
        ``sqlalchemy.exc.NoResultFound`` for an unknown session."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(cash_sessions.c.first_seq, cash_sessions.c.last_seq)
                .where(cash_sessions.c.id == session_id)
            ).one()
            if row.last_seq is None:
                raise ValueError(f"cash session {session_id} is still open")
            kept, _voids = split_reversed(
                _payment_payloads(conn, row.first_seq, row.last_seq),
                [*pulled_reversals,
                 *_payloads(conn, MutationKind.REVERSAL, row.first_seq, row.last_seq)])
            return [dict(body) for body in kept]

    def day_close(self, session_id: int) -> Any:
        """The saved close row of a session, or None."""
        with self.engine.connect() as conn:
            return conn.execute(
                select(day_closes).where(day_closes.c.session_id == session_id)
            ).first()

    def recent_day_closes(self, limit: int) -> list[Any]:
        """The latest close rows, newest first."""
        with self.engine.connect() as conn:
            return list(
                conn.execute(
                    select(day_closes).order_by(day_closes.c.session_id.desc()).limit(limit)
                ).all()
            )
