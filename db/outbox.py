"""The outbox: every local write, kept until the server acknowledges it.

This is the single way the desktop changes anything. A user action (a payment, an edit, a
comment, a tag) is one call to :meth:`Outbox.enqueue` (or :meth:`Outbox.enqueue_payment`),
committed in one transaction on a file opened with ``synchronous=FULL``: once the call
returns, the write survives a crash or a power cut. The file is never thrown away.

The device's facts and counters in the same file (device code, receipt numbers, print
counts, document numbers) are :class:`db.outbox_device.OutboxDevice`'s methods, mixed in
here; the cash drawer's tables are :attr:`Outbox.drawer`.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, func, select

from billing.mutations import MutationKind as MutationKind  # re-exported for outbox callers
from db.outbox_device import OutboxDevice
from db.outbox_file import OutboxUnreadable as OutboxUnreadable  # re-exported for callers
from db.outbox_file import open_outbox_engine
from db.outbox_schema import mutations

if TYPE_CHECKING:
    from db.outbox_drawer import DrawerTables

OUTBOX_FILE = "outbox.sqlite3"


class MutationState(StrEnum):
    PENDING = "pending"
    APPLIED = "applied"
    DUPLICATE = "duplicate"
    REJECTED = "rejected"
    CONFLICT = "conflict"

    @property
    def acknowledged(self) -> bool:
        return self in (MutationState.APPLIED, MutationState.DUPLICATE)

    @property
    def needs_attention(self) -> bool:
        return self in (MutationState.REJECTED, MutationState.CONFLICT)


@dataclass(frozen=True)
class Mutation:
    seq: int
    mutation_id: str
    kind: MutationKind
    account_id: int | None
    payload: dict[str, Any]
    base_version: int | None
    created_at: datetime
    created_by: str
    state: MutationState
    attempts: int = 0
    last_error: str | None = None
    result: dict[str, Any] | None = None


def _row_to_mutation(row: Any) -> Mutation:
    return Mutation(
        seq=row.seq,
        mutation_id=row.mutation_id,
        kind=MutationKind(row.kind),
        account_id=row.account_id,
        payload=json.loads(row.payload),
        base_version=row.base_version,
        created_at=row.created_at,
        created_by=row.created_by,
        state=MutationState(row.state),
        attempts=row.attempts,
        last_error=row.last_error,
        result=json.loads(row.result) if row.result else None,
    )


class Outbox(OutboxDevice):
    """Pending local writes of this device."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, path: Path) -> Outbox:
        """Open (creating or migrating with care) the outbox file at ``path``; raises
        :class:`OutboxUnreadable`, the file untouched, when this version cannot use it."""
        return cls(open_outbox_engine(path))

    @property
    def drawer(self) -> DrawerTables:
        """The cash drawer's tables, kept in this same file (:mod:`db.outbox_drawer`)."""
        from db.outbox_drawer import DrawerTables  # imported here: it uses this module's types

        return DrawerTables(self.engine)

    # -- writing ------------------------------------------------------------------------

    def enqueue(
        self,
        kind: MutationKind,
        *,
        account_id: int | None,
        payload: dict[str, Any],
        created_by: str,
        base_version: int | None = None,
        mutation_id: str | None = None,
    ) -> Mutation:
        """Record one user action durably; it is pending until the server answers."""
        with self.engine.begin() as conn:
            return self._insert(
                conn, kind, account_id, payload, created_by, base_version, mutation_id
            )

    def enqueue_payment(
        self,
        *,
        account_id: int,
        payload: dict[str, Any],
        created_by: str,
        mutation_id: str,
        receipt_number: str | None = None,
    ) -> Mutation:
        """Record a payment and give it its offline receipt number, in one transaction.

        ``mutation_id`` is the idempotency key made when the payment dialog opened: calling
        this twice with the same key returns the first record and takes nothing twice.
        ``receipt_number``: one taken with :meth:`OutboxDevice.reserve_receipt_number` (else
        the next).
        """
        with self.engine.begin() as conn:
            existing = conn.execute(
                select(mutations).where(mutations.c.mutation_id == mutation_id)
            ).first()
            if existing is not None:
                return _row_to_mutation(existing)
            receipt = receipt_number or self._next_receipt_number(conn)
            body = {**payload, "receipt_number": receipt, "payment_uuid": mutation_id}
            return self._insert(
                conn, MutationKind.PAYMENT, account_id, body, created_by, None, mutation_id
            )

    def enqueue_in(self, conn: Connection, kind: MutationKind, *, payload: dict[str, Any],
                   created_by: str) -> Mutation:
        """Record a write that belongs to no account inside a transaction the caller holds
        on this file (the drawer's close, :mod:`db.outbox_drawer`): it commits, or rolls
        back, with the caller's other rows."""
        return self._insert(conn, kind, None, payload, created_by, None, None)

    def _insert(
        self,
        conn: Connection,
        kind: MutationKind,
        account_id: int | None,
        payload: dict[str, Any],
        created_by: str,
        base_version: int | None,
        mutation_id: str | None,
    ) -> Mutation:
        _check_json_money(payload)
        values = {
            "mutation_id": mutation_id or str(uuid.uuid4()),
            "kind": MutationKind(kind).value,
            "account_id": account_id,
            "payload": json.dumps(payload, sort_keys=True, separators=(",", ":")),
            "base_version": base_version,
            "created_at": datetime.now(UTC),
            "created_by": created_by,
            "state": MutationState.PENDING.value,
        }
        seq = conn.execute(
            mutations.insert().values(**values).returning(mutations.c.seq)
        ).scalar_one()
        row = conn.execute(select(mutations).where(mutations.c.seq == seq)).one()
        return _row_to_mutation(row)

    # -- reading and acknowledging ------------------------------------------------------

    def get(self, mutation_id: str) -> Mutation | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(mutations).where(mutations.c.mutation_id == mutation_id)
            ).first()
        return _row_to_mutation(row) if row else None

    def pending(self, limit: int = 500) -> list[Mutation]:
        """Unacknowledged writes in device order (oldest first)."""
        return self._select(mutations.c.state == MutationState.PENDING.value, limit)

    def needing_attention(self) -> list[Mutation]:
        states = [MutationState.REJECTED.value, MutationState.CONFLICT.value]
        return self._select(mutations.c.state.in_(states), None)

    def unacknowledged_for_account(self, account_id: int) -> list[Mutation]:
        """What this device wrote for an account that the server has not taken yet."""
        states = [s.value for s in MutationState if not s.acknowledged]
        return self._select(
            (mutations.c.account_id == account_id) & mutations.c.state.in_(states), None
        )

    def _select(self, where: Any, limit: int | None) -> list[Mutation]:
        query = select(mutations).where(where).order_by(mutations.c.seq)
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            return [_row_to_mutation(r) for r in conn.execute(query)]

    def payments(self) -> list[Mutation]:
        """Every payment this device recorded, whatever the server answered, oldest first."""
        return self._select(mutations.c.kind == MutationKind.PAYMENT.value, None)

    def of_kind(self, *kinds: MutationKind) -> list[Mutation]:
        """Every write of these kinds this device recorded, whatever the answer, oldest
        first (reversals and cheque marks: db/reversals_local.py)."""
        return self._select(mutations.c.kind.in_([MutationKind(k).value for k in kinds]), None)

    def payment_takers(self) -> set[str]:
        """Who recorded payments on this device."""
        with self.engine.connect() as conn:
            return set(conn.execute(
                select(mutations.c.created_by).distinct()
                .where(mutations.c.kind == MutationKind.PAYMENT.value)
            ).scalars())

    def payments_with_reference(self, reference: str, methods: Iterable[str]
                                ) -> list[Mutation]:
        """The payments by one of ``methods`` with this ``reference`` (a UTR) that the
        server did not refuse, oldest first."""
        return self._select(
            (mutations.c.kind == MutationKind.PAYMENT.value)
            & mutations.c.state.not_in(
                [MutationState.REJECTED.value, MutationState.CONFLICT.value])
            & (func.json_extract(mutations.c.payload, "$.reference") == reference)
            & func.json_extract(mutations.c.payload, "$.method").in_(list(methods)),
            None,
        )

    def high_seq(self) -> int:
        """The newest sequence number (0 when empty): writes after it are new."""
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.max(mutations.c.seq))).scalar() or 0)

    def first_payment_after(self, account_id: int, after_seq: int) -> Mutation | None:
        """The first payment for ``account_id`` recorded after ``after_seq``, if any."""
        found = self._select(
            (mutations.c.seq > after_seq)
            & (mutations.c.account_id == account_id)
            & (mutations.c.kind == MutationKind.PAYMENT.value),
            1,
        )
        return found[0] if found else None

    def acknowledged_payments(
        self, since: datetime, account_id: int | None = None,
        kind: MutationKind = MutationKind.PAYMENT,
    ) -> list[Mutation]:
        """Payments (or writes of another ``kind``: reversals) the server acknowledged at
        or after ``since`` (of one account when ``account_id`` is given), oldest first."""
        acked = [MutationState.APPLIED.value, MutationState.DUPLICATE.value]
        where = (
            (mutations.c.kind == MutationKind(kind).value)
            & mutations.c.state.in_(acked)
            & (mutations.c.acked_at >= since)
        )
        if account_id is not None:
            where = where & (mutations.c.account_id == account_id)
        return self._select(where, None)

    def counts(self) -> dict[MutationState, int]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(mutations.c.state, func.count()).group_by(mutations.c.state)
            ).all()
        return {MutationState(state): n for state, n in rows}

    def record_results(self, results: Iterable[tuple[str, MutationState, dict[str, Any]]]) -> None:
        """Store the server's answers (mutation id, state, answer) in one transaction."""
        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            for mutation_id, state, answer in results:
                conn.execute(
                    mutations.update()
                    .where(mutations.c.mutation_id == mutation_id)
                    .values(
                        state=MutationState(state).value,
                        result=json.dumps(answer, sort_keys=True),
                        acked_at=now if MutationState(state).acknowledged else None,
                        attempts=mutations.c.attempts + 1,
                    )
                )

    def record_failure(self, mutation_ids: Iterable[str], error: str) -> None:
        """A push attempt did not get an answer: count it, keep the writes pending."""
        ids = list(mutation_ids)
        if not ids:
            return
        with self.engine.begin() as conn:
            conn.execute(
                mutations.update()
                .where(mutations.c.mutation_id.in_(ids))
                .values(attempts=mutations.c.attempts + 1, last_error=error[:2000])
            )

    def stamp_epoch(self, mutation_ids: Iterable[str], epoch: str) -> None:
        """Remember which server epoch acknowledged each write."""
        ids = list(mutation_ids)
        if not ids:
            return
        with self.engine.begin() as conn:
            conn.execute(
                mutations.update().where(mutations.c.mutation_id.in_(ids)).values(server_epoch=epoch)
            )

    def reoffer_acknowledged(self, old_epoch: str, since: datetime) -> int:
        """Put writes acknowledged under ``old_epoch`` at or after ``since`` back in the
        queue; returns how many."""
        acked = [MutationState.APPLIED.value, MutationState.DUPLICATE.value]
        with self.engine.begin() as conn:
            result = conn.execute(
                mutations.update()
                .where(
                    mutations.c.state.in_(acked)
                    & (mutations.c.server_epoch == old_epoch)
                    & (mutations.c.acked_at >= since)
                )
                .values(state=MutationState.PENDING.value, result=None)
            )
        return int(result.rowcount or 0)

    def rebase(self, mutation_id: str, base_version: int) -> None:
        """Give a write a new base version (an edit in conflict kept on top of the
        server's current row); :meth:`retry` then puts it back in the queue."""
        with self.engine.begin() as conn:
            conn.execute(
                mutations.update()
                .where(mutations.c.mutation_id == mutation_id)
                .values(base_version=base_version)
            )

    def drop_conflict(self, mutation_id: str) -> None:
        """Forget a local write in conflict: the server's row stands."""
        with self.engine.begin() as conn:
            conn.execute(
                mutations.delete().where(
                    (mutations.c.mutation_id == mutation_id)
                    & (mutations.c.state == MutationState.CONFLICT.value)
                )
            )

    def retry(self, mutation_id: str, payload: dict[str, Any] | None = None) -> None:
        """Put a write that needed attention back in the queue (optionally amended)."""
        values: dict[str, Any] = {"state": MutationState.PENDING.value, "result": None}
        if payload is not None:
            _check_json_money(payload)
            values["payload"] = json.dumps(payload, sort_keys=True, separators=(",", ":"))
        with self.engine.begin() as conn:
            conn.execute(
                mutations.update().where(mutations.c.mutation_id == mutation_id).values(**values)
            )


def _check_json_money(payload: dict[str, Any]) -> None:
    """Refuse floats anywhere in a payload: money travels as integer paise."""
    stack: list[Any] = [payload]
    while stack:
        item = stack.pop()
        if isinstance(item, float):
            raise TypeError("floats are not allowed in an outbox payload; use integer paise")
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
