"""What the outbox file knows of this device besides its writes: small facts that outlive
the cache, the device code, and the counters kept under it (offline receipt numbers, how
often each receipt was printed, GST document numbers), in the ``device_state`` and
``receipt_prints`` tables.

:class:`OutboxDevice` is mixed into :class:`db.outbox.Outbox`, the one door to the outbox
tables: callers use ``Outbox`` methods and never import this module (an import-linter
contract says so). A payment takes its receipt number in the same transaction that stores
it (``Outbox.enqueue_payment`` calls :meth:`OutboxDevice._next_receipt_number`).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, func, select

from db.outbox_schema import device_state, receipt_prints

__all__ = ["OutboxDevice"]


class OutboxDevice:
    """Device facts and counters of the outbox file (see the module docstring)."""

    engine: Engine

    # -- device facts -------------------------------------------------------------------

    def get_fact(self, key: str) -> str | None:
        """A small fact this device keeps with its outbox (it outlives the cache)."""
        with self.engine.connect() as conn:
            return self._get(conn, f"fact:{key}")

    def set_fact(self, key: str, value: str | None) -> None:
        """Remember (or with None, forget) a fact; see :meth:`get_fact`."""
        with self.engine.begin() as conn:
            if value is None:
                conn.execute(device_state.delete().where(device_state.c.key == f"fact:{key}"))
            else:
                self._put(conn, f"fact:{key}", value)

    def device_code(self) -> str:
        """This device's short code, made once; it prefixes offline receipt numbers."""
        with self.engine.begin() as conn:
            return self._device_code(conn)

    def set_device_code(self, code: str) -> None:
        """Adopt a code assigned by the server (only before any receipt was issued)."""
        if not (code.isascii() and code.isalnum() and 2 <= len(code) <= 12):
            raise ValueError("a device code is 2 to 12 letters or digits")
        with self.engine.begin() as conn:
            if self._get(conn, "receipt_counter") not in (None, "0"):
                raise ValueError("receipts were already issued under the current device code")
            self._put(conn, "device_code", code.upper())

    def _device_code(self, conn: Connection) -> str:
        code = self._get(conn, "device_code")
        if code is None:
            code = "D" + secrets.token_hex(3).upper()
            self._put(conn, "device_code", code)
        return code

    @staticmethod
    def _get(conn: Connection, key: str) -> str | None:
        return conn.execute(select(device_state.c.value).where(device_state.c.key == key)).scalar()

    @staticmethod
    def _put(conn: Connection, key: str, value: str) -> None:
        updated = conn.execute(
            device_state.update().where(device_state.c.key == key).values(value=value)
        )
        if updated.rowcount == 0:
            conn.execute(device_state.insert().values(key=key, value=value))

    def _next_receipt_number(self, conn: Connection) -> str:
        counter = int(self._get(conn, "receipt_counter") or "0") + 1
        self._put(conn, "receipt_counter", str(counter))
        return f"{self._device_code(conn)}-{counter:06d}"

    def reserve_receipt_number(self) -> str:
        """Take the next receipt number now, for a payment recorded later (a kiosk's UPI QR
        carries it as the transaction reference before the money arrives). A reservation
        that is never used leaves a gap in the series: no money was taken under it."""
        with self.engine.begin() as conn:
            return self._next_receipt_number(conn)

    # -- receipt prints -----------------------------------------------------------------

    def record_receipt_print(self, receipt_number: str, by: str, target: str) -> int:
        """Note a print of a receipt; returns how many prints came before it."""
        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            before = self._print_count(conn, receipt_number)
            conn.execute(
                receipt_prints.insert().values(
                    receipt_number=receipt_number, printed_at=now, printed_by=by, target=target
                )
            )
        return before

    def receipt_print_count(self, receipt_number: str) -> int:
        """How many times a receipt was printed or saved."""
        with self.engine.connect() as conn:
            return self._print_count(conn, receipt_number)

    @staticmethod
    def _print_count(conn: Connection, receipt_number: str) -> int:
        return int(
            conn.execute(
                select(func.count()).where(receipt_prints.c.receipt_number == receipt_number)
            ).scalar()
            or 0
        )

    # -- document numbers ---------------------------------------------------------------

    def issue_numbered(self, source_key: str, series_key: str,
                       make: Callable[[str, int], str]) -> str:
        """The number kept for ``source_key``, or a new one: ``make(device code, next
        counter of series_key)``, kept for ``source_key``; one write transaction, so two
        calls never take the same counter."""
        with self.engine.begin() as conn:
            # Write first: the transaction takes SQLite's write lock (waiting its turn)
            # before it reads the counter, so no other issuer reads the same value meanwhile.
            conn.execute(device_state.update().where(device_state.c.key == "device_code")
                         .values(value=device_state.c.value))
            issued = self._get(conn, source_key)
            if issued is not None:
                return issued
            device = self._device_code(conn)  # made once, inside this write transaction
            counter = int(self._get(conn, series_key) or "0") + 1
            number = make(device, counter)
            self._put(conn, series_key, str(counter))
            conn.execute(device_state.insert().values(key=source_key, value=number))
            return number

    def counter(self, key: str) -> int:
        """The value of a counter kept by :meth:`issue_numbered` (0 before the first)."""
        with self.engine.connect() as conn:
            return int(self._get(conn, key) or "0")
