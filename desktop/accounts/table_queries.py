"""The account table's queries: starting them, dropping stale results, applying new rows.

:class:`AccountsTableQueries` is the base of
:class:`desktop.accounts.table_model.AccountsTableModel` (whose constructor sets the attributes
it declares). A query runs as the two steps of :mod:`desktop.accounts.table_jobs` on the
database worker; each carries a token, a result for an older token is dropped, and starting a
new query cancels the old tasks. A new row set is announced as rows removed/inserted plus
one ``dataChanged``, not a model reset.
"""

from __future__ import annotations

import logging
import threading
from array import array
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from functools import partial
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QAbstractTableModel, QModelIndex, Signal, Slot
from sqlalchemy import Engine

from db import account_query as aq
from db.overlay import PendingPayments
from desktop.accounts.table_cells import Cells
from desktop.accounts.table_columns import COL_BALANCE, HEADERS
from desktop.accounts.table_jobs import (
    FirstResult,
    Formatting,
    IdsResult,
    OverlayLoader,
    _first_job,
    _ids_job,
)
from desktop.runtime.memory import release_later
from desktop.runtime.tasks import Task, TaskRunner

log = logging.getLogger(__name__)

_PERSISTENT_LIST = "QList<QPersistentModelIndex>"  # the layout signals' overload with a hint
_HINT = QAbstractItemModel.LayoutChangeHint


class AccountsTableQueries(QAbstractTableModel):
    """The query side of the account table's model (see the module docstring)."""

    #: The count and first page of the current query are in.
    loaded = Signal()
    #: The full ordered list of the current query is in (every row is reachable).
    idsReady = Signal()
    #: A query started (True) or finished loading its ids (False).
    busyChanged = Signal(bool)
    #: A query failed; the argument is the exception.
    failed = Signal(object)

    # set by AccountsTableModel.__init__
    _engine: Engine
    _tasks: TaskRunner | None
    _overlay_loader: OverlayLoader | None
    _now: Callable[[], datetime]
    _query: aq.AccountQuery
    _token: int
    _running: list[Task]
    _count: int
    _count_exact: bool
    _total: int
    _known_total: int | None
    _first: list[int]
    _ids: array | None
    _rows: dict[int, aq.AccountRow]
    _cells: dict[int, Cells]
    _pending: dict[int, PendingPayments]
    _loaded_once: bool
    _waiting: bool
    _placeholder_shown: bool
    _words: dict[str, str]
    #: Set when the view has painted the current query's first page (or the query is
    #: replaced): the second step starts then (:func:`table_jobs._ids_job`).
    _painted: threading.Event
    _await_paint: bool

    # -- queries ---------------------------------------------------------------------------

    @property
    def query(self) -> aq.AccountQuery:
        return self._query

    @property
    def total(self) -> int:
        """Accounts in the user's scope (the "of N")."""
        return self._total

    @property
    def has_loaded(self) -> bool:
        return self._loaded_once

    @property
    def count_exact(self) -> bool:
        """False while the row count is only "more than COUNT_UP_TO" (the full list is
        still loading)."""
        return self._count_exact

    @property
    def ids_ready(self) -> bool:
        return self._ids is not None

    @property
    def busy(self) -> bool:
        return bool(self._running)

    @property
    def waiting(self) -> bool:
        """The filter changed and the table is empty until its result is in."""
        return self._waiting

    @property
    def generation(self) -> int:
        """The token a result must carry to be shown."""
        return self._token

    def expect(self, account_filter: aq.AccountFilter) -> None:
        """The inputs changed to ``account_filter``: from now on only its result may be shown.

        Empties the table and drops every result still coming (the generation advances);
        the query itself starts with :meth:`set_filter` once typing pauses.
        """
        self._query = replace(self._query, filter=account_filter)
        self._advance()
        self._waiting = True

        def empty() -> None:
            self._count_exact = True
            self._drop_ids()
            self._first = []
            self._placeholder_shown = False

        self._replace_rows(0, empty)

    def set_filter(self, account_filter: aq.AccountFilter) -> None:
        if account_filter != self._query.filter or self._waiting:
            self.set_query(replace(self._query, filter=account_filter))

    def set_sort(self, key: aq.SortKey, descending: bool) -> None:
        if (key, descending) != (self._query.sort, self._query.descending):
            self.set_query(replace(self._query, sort=key, descending=descending))

    def reload(self) -> None:
        """Run the current query again (the cache or the outbox changed)."""
        self.forget_total()
        self.set_query(self._query)

    def forget_total(self) -> None:
        """The cache changed: count the scope again with the next query."""
        self._known_total = None

    def set_query(self, query: aq.AccountQuery) -> None:
        """Start ``query``; results of any older query are dropped when they arrive."""
        self._query = query
        self._waiting = False
        token = self._advance()
        shared: dict[str, bool] = {}  # the two steps of this query (one worker: in order)
        formatting = Formatting(self._words, self._now, self._pending)
        if self._tasks is None:  # synchronous: benchmarks and model-only tests
            result = _first_job(
                self._engine, query, token, self._overlay_loader, self._known_total, shared,
                formatting,
            )
            assert result is not None
            self._apply_first(result)
            if result.rowids is None:
                ids = _ids_job(self._engine, query, token, shared)
                if ids is not None:
                    self._apply_ids(ids)
            return
        self.busyChanged.emit(True)
        first = self._tasks.run_db(
            "account list",
            partial(
                _first_job, self._engine, query, token, self._overlay_loader,
                self._known_total, shared, formatting,
            ),
        )
        first.done.connect(self._on_first)
        first.error.connect(self._on_error)
        self._painted = painted = threading.Event()
        order = self._tasks.run_db(
            "account list order",
            partial(_ids_job, self._engine, query, token, shared, painted),
        )
        order.done.connect(self._on_ids)
        order.error.connect(self._on_error)
        self._running = [first, order]

    def _advance(self) -> int:
        """A new generation: results of every older one are dropped when they arrive."""
        self._token += 1
        for task in self._running:
            task.cancel()
        self._painted.set()  # a second step still waiting for the paint stops at once
        self._await_paint = False
        if self._running:
            self.busyChanged.emit(False)
        self._running = []
        return self._token

    @Slot(object)
    def _on_first(self, result: FirstResult | None) -> None:
        if result is not None and result.token == self._token:
            self._apply_first(result)
            if result.rowids is not None:
                self._running = []
                self.busyChanged.emit(False)
            else:
                self._await_paint = True

    def painted(self) -> None:
        """The view painted: a first page applied since is on screen, and the full list's
        step may start."""
        if self._await_paint:
            self._await_paint = False
            self._painted.set()

    @Slot(object)
    def _on_ids(self, result: IdsResult | None) -> None:
        if result is not None and result.token == self._token:
            self._apply_ids(result)
            self._running = []
            self.busyChanged.emit(False)

    @Slot(object)
    def _on_error(self, exc: object) -> None:
        log.error("account list query failed: %s", exc)
        self._running = []
        self.busyChanged.emit(False)
        self.failed.emit(exc)

    def _drop_ids(self) -> None:
        """Forget the full list. A long one is freed off the GUI thread: unmapping the 24 MB
        of 3M accounts takes 2 ms (:func:`desktop.runtime.memory.release_later`)."""
        if self._ids is not None:
            release_later(self._ids)
            self._ids = None

    def _replace_rows(self, count: int, install: Callable[[], None]) -> None:
        """Show a new row set of ``count`` rows, whose state ``install`` puts in place.

        Not a model reset (which makes the view drop and rebuild everything): the rows
        beyond the new count are removed, the ones kept are repainted (one
        ``dataChanged``), new ones are inserted at the end. Selection and current row are
        dropped first, as a reset would: a position now holds another account.
        """
        held = self.persistentIndexList()
        if held:
            # A layout change with every persistent index invalidated: the view's current
            # index and selection go, and only the horizontal header (9 sections, not the
            # vertical one's million) re-checks its section sizes.
            hint = QAbstractItemModel.LayoutChangeHint.HorizontalSortHint
            signals: Any = (self.layoutAboutToBeChanged, self.layoutChanged)  # overloads
            signals[0][_PERSISTENT_LIST, _HINT].emit([], hint)
            self.changePersistentIndexList(held, [QModelIndex()] * len(held))
            signals[1][_PERSISTENT_LIST, _HINT].emit([], hint)
        old = self._count
        if count < old:
            self.beginRemoveRows(QModelIndex(), count, old - 1)
            self._count = count
            self.endRemoveRows()
        install()
        kept = min(old, count)
        if kept:
            self.dataChanged.emit(self.index(0, 0), self.index(kept - 1, len(HEADERS) - 1))
        if count > old:
            self.beginInsertRows(QModelIndex(), old, count - 1)
            self._count = count
            self.endInsertRows()

    def _apply_first(self, result: FirstResult) -> None:
        # The worker's cells hold for the words and pending payments the model has now
        # (a language change or set_pending() since makes them stale).
        fresh = result.words is self._words and (
            result.pending is not None or result.pending_used is self._pending
        )

        def install() -> None:
            self._count_exact = result.exact
            self._total = self._known_total = result.total
            self._drop_ids()
            self._rows = {row.rowid: row for row in result.rows}
            self._cells = dict(result.cells) if fresh else {}
            self._first = [row.rowid for row in result.rows]
            self._placeholder_shown = False
            if result.pending is not None:
                self._pending = result.pending
            self._loaded_once = True
            if result.rowids is not None:
                self._ids = result.rowids
                self._first = []

        self._replace_rows(result.count, install)
        self.loaded.emit()
        if result.rowids is not None:
            self.idsReady.emit()

    def _apply_ids(self, result: IdsResult) -> None:
        found = len(result.rowids)
        same_start = result.rowids[: len(self._first)] == array("q", self._first)
        counted = found == self._count or (not self._count_exact and found > self._count)
        self._count_exact = True
        if not (counted and same_start):
            # The cache changed between the two steps: show the list as it is now.
            def install() -> None:
                self._ids = result.rowids
                self._rows.clear()
                self._cells = {}

            self._replace_rows(found, install)
            self.loaded.emit()
        else:
            if found > self._count:
                # the first step counted only "more than COUNT_UP_TO": the rest go on the
                # end (the view keeps its position and selection)
                self.beginInsertRows(QModelIndex(), self._count, found - 1)
                self._ids = result.rowids
                self._count = found
                self.endInsertRows()
            else:
                self._ids = result.rowids
            # Only a view that showed "Loading…" rows needs repainting (any range wider than
            # one cell repaints the whole viewport).
            if self._placeholder_shown and self._count > len(self._first):
                self.dataChanged.emit(
                    self.index(len(self._first), 0),
                    self.index(self._count - 1, len(HEADERS) - 1),
                )
        self._first = []
        self._placeholder_shown = False
        self.idsReady.emit()

    def set_pending(self, pending: dict[int, PendingPayments]) -> None:
        """Lay pending outbox payments over the cached balances (repaints, no re-query)."""
        self._pending = dict(pending)
        self._cells = {}  # balances and their marks are formatted with the pending ones
        if self._count:
            self.dataChanged.emit(
                self.index(0, COL_BALANCE), self.index(self._count - 1, COL_BALANCE)
            )

    def invalidate_rows(self) -> None:
        """Forget cached row contents (they changed in the cache) and repaint."""
        self._rows.clear()
        self._cells = {}
        if self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, len(HEADERS) - 1))
