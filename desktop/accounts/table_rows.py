"""The account table's positions and row cache: the ordered rowids, pages fetched by rowid.

:class:`AccountsTableRows` is mixed into :class:`desktop.accounts.table_model.AccountsTableModel`
(whose constructor sets the attributes it declares). A row is fetched with its page
(``PAGE`` rows by primary key) when first asked for; the cache is dropped past
``MAX_CACHED_ROWS``.
"""

from __future__ import annotations

from array import array

from sqlalchemy import Engine

from db import account_query as aq
from db.overlay import PendingPayments
from desktop.accounts.table_cells import Cells

PAGE = 200  # rows fetched by rowid at a time
MAX_CACHED_ROWS = 20_000


class AccountsTableRows:
    """Where each row is in the current order, and the rows' contents by rowid."""

    _engine: Engine
    _ids: array | None
    _first: list[int]
    _rows: dict[int, aq.AccountRow]
    _cells: dict[int, Cells]
    _pending: dict[int, PendingPayments]

    def rowid_at(self, position: int) -> int | None:
        if self._ids is not None:
            return self._ids[position] if 0 <= position < len(self._ids) else None
        return self._first[position] if 0 <= position < len(self._first) else None

    def position_of_rowid(self, rowid: int) -> int | None:
        """Where a row is in the current order (None when it is not in the list, or not yet
        known because the full list is still loading)."""
        if self._ids is not None:
            try:
                return self._ids.index(rowid)
            except ValueError:
                return None
        try:
            return self._first.index(rowid)
        except ValueError:
            return None

    def row_at(self, position: int) -> aq.AccountRow | None:
        """The row at ``position`` (fetching its page by rowid), or None while loading."""
        rowid = self.rowid_at(position)
        if rowid is None:
            return None
        row = self._rows.get(rowid)
        if row is None and self._ids is not None:
            self._fetch_page(position)
            row = self._rows.get(rowid)
        return row

    def _fetch_page(self, position: int) -> None:
        assert self._ids is not None
        if len(self._rows) > MAX_CACHED_ROWS:
            self._rows.clear()
            self._cells = {}
        start = max(0, position - PAGE // 4)
        wanted = [r for r in self._ids[start : start + PAGE] if r not in self._rows]
        # A page of primary-key lookups: well under a millisecond, like Anki's browser.
        with self._engine.connect() as conn:
            self._rows.update(aq.rows_by_rowid(conn, wanted))

    def ordered_rowids(self) -> array | None:
        """A copy of the full ordered list (for export), or None while it loads."""
        return None if self._ids is None else array("q", self._ids)

    def pending_for(self, account_id: int) -> PendingPayments | None:
        return self._pending.get(account_id)

    def pending_snapshot(self) -> dict[int, PendingPayments]:
        return dict(self._pending)

    def provisional_balance(self, row: aq.AccountRow) -> int:
        pending = self._pending.get(row.id)
        return row.balance_paise + (pending.delta_paise if pending else 0)
