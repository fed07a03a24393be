"""The account table's model: the database filters and sorts, the model holds rowids.

Anki's browser model, for a million rows: a query returns the ordered list of matching
rows (as SQLite rowids, an ``array('q')`` of 8 bytes a row), and ``data()`` fills a small
row cache one page at a time by primary key. Nothing is sorted or filtered here.

A query runs off the GUI thread in two steps on the database worker:

1. the count and the first page (what the view shows at once; a few milliseconds);
2. the full ordered rowid list (up to a few hundred milliseconds at 1M rows), after which
   any position — the last of a million — is one array lookup and one page by rowid.

What the GUI thread does per change is kept small (issue 18: ≤ 4 ms): the first page comes
with its cells already formatted (display texts and colours, built on the worker), the
view's delegate reads a cell in one call (``multiData``), and a new row set is announced
as rows removed/inserted plus one ``dataChanged``, not a model reset.

Each query carries a token; a result for an older token is dropped, and starting a new
query cancels the old tasks (which interrupts SQLite mid-sort).
"""

from __future__ import annotations

import logging
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import partial
from typing import Any, cast
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QBrush, QColor
from sqlalchemy import Engine

from billing.lifecycle import DEFAULT_ZONE
from billing.money import format_inr
from billing.phone import format_mobile
from billing.rules import is_outstanding
from db import account_query as aq
from db.account_first_page import count, first_page, total
from db.account_id_list import ordered_rowids
from db.account_search_plan import search_text
from db.overlay import PendingPayments
from desktop.detail.format import format_date, plan_type_text, status_text
from desktop.language.i18n import QT_TRANSLATE_NOOP, fill
from desktop.runtime.tasks import Task, TaskControl, TaskRunner
from desktop.widgets.icons import icon

log = logging.getLogger(__name__)

(
    COL_TAG,
    COL_ID,
    COL_NAME,
    COL_BRANCH,
    COL_MOBILE,
    COL_BALANCE,
    COL_LAST_SEEN,
    COL_PLAN,
    COL_STATUS,
) = range(9)
HEADERS = [
    "",
    QT_TRANSLATE_NOOP("AccountsTable", "Account ID"),
    QT_TRANSLATE_NOOP("AccountsTable", "Account Name"),
    QT_TRANSLATE_NOOP("AccountsTable", "Branch Name"),
    QT_TRANSLATE_NOOP("AccountsTable", "Mobile"),
    QT_TRANSLATE_NOOP("AccountsTable", "Balance"),
    QT_TRANSLATE_NOOP("AccountsTable", "Last Seen"),
    QT_TRANSLATE_NOOP("AccountsTable", "Plan Type"),
    QT_TRANSLATE_NOOP("AccountsTable", "Status"),
]
"""Column titles (English; shown in the interface language)."""
#: The database sort key behind each sortable column (the tag column does not sort).
SORT_KEYS: dict[int, aq.SortKey] = {
    COL_ID: aq.SortKey.ID,
    COL_NAME: aq.SortKey.NAME,
    COL_BRANCH: aq.SortKey.BRANCH,
    COL_MOBILE: aq.SortKey.MOBILE,
    COL_BALANCE: aq.SortKey.BALANCE,
    COL_LAST_SEEN: aq.SortKey.LAST_SEEN,
    COL_PLAN: aq.SortKey.PLAN_TYPE,
    COL_STATUS: aq.SortKey.STATUS,
}
COLUMN_OF_SORT = {key: col for col, key in SORT_KEYS.items()}

#: Custom roles.
ACCOUNT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2  # the AccountRow
BALANCE_ROLE = Qt.ItemDataRole.UserRole + 3  # provisional balance, int paise
PENDING_ROLE = Qt.ItemDataRole.UserRole + 4  # PendingPayments | None

#: A search with at most this many matches is listed in one step (find, then sort);
#: more, and the first page comes from walking the sort index, the full list after.
SEARCH_ONE_STEP = 2_000
#: The first step counts up to this many matches (and one more) and no further: counting
#: 862,137 "Active" accounts takes 30 ms, counting to 10,001 takes 0.5 ms. Above it, the
#: row count says "more than 10,000" until the full list (and so the exact count) is in.
COUNT_UP_TO = 10_000
FIRST_PAGE = 120  # rows the first step brings: more than a maximised window shows
#: How long the second step waits after the first: the view lays out and repaints the new
#: rows meanwhile, without the second step's work competing for the GIL.
IDS_DELAY_S = 0.025
PAGE = 200  # rows fetched by rowid at a time
MAX_CACHED_ROWS = 20_000

DUES_COLOUR = QColor("#b3261e")  # dues outstanding: a warning red
CREDIT_COLOUR = QColor("#1b6e34")  # advance credit: green
SUSPENDED_COLOUR = QColor("#b3261e")
MUTED_COLOUR = QColor("#607d8b")
_DUES_BRUSH = QBrush(DUES_COLOUR)
_CREDIT_BRUSH = QBrush(CREDIT_COLOUR)
_SUSPENDED_BRUSH = QBrush(SUSPENDED_COLOUR)
_MUTED_BRUSH = QBrush(MUTED_COLOUR)

Index = QModelIndex | QPersistentModelIndex
OverlayLoader = Callable[[], dict[int, PendingPayments]]


@dataclass(frozen=True, slots=True)
class Cells:
    """One row as the view paints it: each column's text and colour, formatted once."""

    texts: tuple[str | None, ...]
    brushes: tuple[QBrush | None, ...]
    pending: bool  # the balance carries the "pending sync" mark


def row_cells(
    row: aq.AccountRow,
    words: dict[str, str],
    now: datetime,
    pending: dict[int, PendingPayments],
) -> Cells:
    """Format ``row`` for painting (any thread: plain Python, translations looked up in
    ``words``, the interface language's words of :meth:`AccountsTableModel.retranslate`)."""
    waiting = pending.get(row.id)
    balance = row.balance_paise + (waiting.delta_paise if waiting else 0)
    if row.last_seen is None:
        seen = words["Never"]
    else:
        seen = relative_time(datetime.fromtimestamp(row.last_seen, UTC), now)
    texts = (
        None,
        str(row.id),
        row.name,
        row.branch_name,
        format_mobile(row.mobile),
        format_inr(balance),
        seen,
        words["Prepaid" if row.prepaid else "Postpaid"],
        words.get(row.status, row.status),
    )
    if is_outstanding(balance):
        balance_brush: QBrush | None = _DUES_BRUSH
    else:
        balance_brush = _CREDIT_BRUSH if balance < 0 else None
    brushes = (
        None, None, None, None, None,
        balance_brush,
        _MUTED_BRUSH if row.last_seen is None else None,
        None,
        _SUSPENDED_BRUSH if row.status == "Suspended" else None,
    )
    return Cells(texts, brushes, waiting is not None)


@dataclass(frozen=True)
class FirstResult:
    token: int
    count: int
    total: int
    rows: list[aq.AccountRow]
    pending: dict[int, PendingPayments] | None
    #: The full ordered list when it came in the same step (quick search: one query).
    rowids: array | None = None
    #: ``count`` is exact; False: the count stopped at COUNT_UP_TO + 1 ("more than ...")
    #: and the exact number comes with the full list.
    exact: bool = True
    #: The first page formatted on the worker, by rowid (empty: format when painted).
    cells: dict[int, Cells] = field(default_factory=dict)
    #: What ``cells`` were formatted with: the model drops them if either changed since.
    words: dict[str, str] | None = None
    pending_used: dict[int, PendingPayments] | None = None


@dataclass(frozen=True)
class IdsResult:
    token: int
    rowids: array


class TimeAgo(QObject):
    """How long ago, in the interface language with Qt's plural forms (``tr`` on a QObject
    is what lupdate reads as a plural message)."""

    def just_now(self) -> str:
        return self.tr("just now")

    def minutes(self, n: int) -> str:
        return self.tr("%n min ago", "", n)

    def hours(self, n: int) -> str:
        return self.tr("%n h ago", "", n)

    def days(self, n: int) -> str:
        return self.tr("%n day(s) ago", "", n)

    def months(self, n: int) -> str:
        return self.tr("%n month(s) ago", "", n)


_AGO = TimeAgo()


def relative_time(moment: datetime, now: datetime) -> str:
    """``3 h ago`` style: how long ago ``moment`` was (in the interface language)."""
    seconds = int((now - moment).total_seconds())
    if seconds < 0:
        return _AGO.just_now() if seconds > -300 else format_date(moment.date(), pad=True)
    if seconds < 60:
        return _AGO.just_now()
    if seconds < 3600:
        return _AGO.minutes(seconds // 60)
    if seconds < 86_400:
        return _AGO.hours(seconds // 3600)
    days = seconds // 86_400
    if days < 31:
        return _AGO.days(days)
    if days < 365:
        return _AGO.months(days // 30)
    return format_date(moment.date(), pad=True)


def searches(query: aq.AccountQuery) -> bool:
    return bool(search_text(query.filter.search))


@dataclass(frozen=True)
class Formatting:
    """What the worker formats the first page with (the model's, at the query's start)."""

    words: dict[str, str]
    now: Callable[[], datetime]
    pending: dict[int, PendingPayments]


def _first_job(
    engine: Engine,
    query: aq.AccountQuery,
    token: int,
    overlay: OverlayLoader | None,
    known_total: int | None,
    shared: dict[str, bool],
    formatting: Formatting | None = None,
    control: TaskControl | None = None,
) -> FirstResult | None:
    rowids: array | None = None
    with engine.connect() as conn:
        in_scope = known_total if known_total is not None else total(conn, query.scope)
        exact = True
        if query.filter.is_empty:
            matching = in_scope
        else:
            matching = count(conn, query, up_to=COUNT_UP_TO + 1)
            exact = matching <= COUNT_UP_TO
        if searches(query) and exact and matching <= SEARCH_ONE_STEP:
            # Few matches: find them once and sort them; count and first page come from
            # that list (the second step has nothing left to do).
            cancelled = (lambda: control.cancelled) if control is not None else None
            rowids = ordered_rowids(conn, query, cancelled=cancelled)
            if rowids is None:
                return None
            shared["ids_done"] = True
            matching = len(rowids)
            rows = aq.rows_in_order(conn, rowids[:FIRST_PAGE])
        else:
            rows = first_page(conn, query, FIRST_PAGE)
    pending = overlay() if overlay is not None else None
    if formatting is None:
        return FirstResult(token, matching, in_scope, rows, pending, rowids, exact)
    # The page ready to paint: the GUI thread only looks the texts up.
    used = pending if pending is not None else formatting.pending
    now = formatting.now()
    cells = {row.rowid: row_cells(row, formatting.words, now, used) for row in rows}
    return FirstResult(
        token, matching, in_scope, rows, pending, rowids, exact, cells, formatting.words, used
    )


def _ids_job(
    engine: Engine,
    query: aq.AccountQuery,
    token: int,
    shared: dict[str, bool],
    control: TaskControl | None = None,
) -> IdsResult | None:
    if shared.get("ids_done"):
        return None
    # The first page is in: let the GUI thread apply and paint it before this step's Python
    # work competes with it for the GIL (measured on 1M accounts: filter change median
    # 27 ms -> 15 ms, the repaint 15 ms -> 9 ms).
    if control is not None and control.pause(IDS_DELAY_S):
        return None
    cancelled = (lambda: control.cancelled) if control is not None else None
    with engine.connect() as conn:
        rowids = ordered_rowids(conn, query, cancelled=cancelled)
    return None if rowids is None else IdsResult(token, rowids)


class AccountsTableModel(QAbstractTableModel):
    """Rows of the cache's accounts in database order; see the module docstring."""

    #: The count and first page of the current query are in.
    loaded = Signal()
    #: The full ordered list of the current query is in (every row is reachable).
    idsReady = Signal()
    #: A query started (True) or finished loading its ids (False).
    busyChanged = Signal(bool)
    #: A query failed; the argument is the exception.
    failed = Signal(object)

    def __init__(
        self,
        engine: Engine,
        parent: QObject | None = None,
        *,
        tasks: TaskRunner | None = None,
        overlay: OverlayLoader | None = None,
        scope: aq.Scope | None = None,
        now: Callable[[], datetime] | None = None,
        zone: str = DEFAULT_ZONE,
    ) -> None:
        super().__init__(parent)
        self._engine = engine
        self._tasks = tasks
        self._overlay_loader = overlay
        self._now = now or (lambda: datetime.now(UTC))
        self._zone = ZoneInfo(zone)
        self._query = aq.AccountQuery(scope=scope or aq.Scope())
        self._token = 0
        self._running: list[Task] = []
        self._count = 0
        self._count_exact = True
        self._total = 0
        self._known_total: int | None = None  # the scope's size, until the cache changes
        self._first: list[int] = []  # rowids of the first page, before the full list is in
        self._ids: array | None = None
        self._rows: dict[int, aq.AccountRow] = {}
        self._cells: dict[int, Cells] = {}  # rows formatted for painting, by rowid
        self._pending: dict[int, PendingPayments] = {}
        self._loaded_once = False
        #: The inputs changed (expect()) and their query has not started yet.
        self._waiting = False
        self._placeholder_shown = False  # a row beyond the first page was asked for
        self._tag_icon = icon("tag")
        self._pending_icon = icon("pending")
        self._words: dict[str, str] = {}
        self.retranslate()

    def column_words(self, column: int) -> list[str]:
        """The fixed words ``column`` shows (plan types, states), as now translated: what a
        view sizes the column for."""
        keys = {COL_PLAN: ("Prepaid", "Postpaid"), COL_LAST_SEEN: ("Never",),
                COL_STATUS: ("Active", "Suspended", "Inactive", "Terminated")}.get(column, ())
        return [self._words[key] for key in keys]

    def retranslate(self) -> None:
        """Word headers, states and placeholders anew in the interface language (the view's
        window calls it on a language change); the translations are looked up once here,
        not per cell."""
        self._words = {
            "Loading…": self.tr("Loading…"),
            "Never": self.tr("Never"),
            "Prepaid": plan_type_text(True),
            "Postpaid": plan_type_text(False),
            **{h: QCoreApplication.translate("AccountsTable", h) for h in HEADERS if h},
            **{state: status_text(state)
               for state in ("Active", "Suspended", "Inactive", "Terminated")},
        }
        self._cells = {}
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(HEADERS) - 1)
        if self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, len(HEADERS) - 1))

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
            self._ids = None
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
        order = self._tasks.run_db(
            "account list order", partial(_ids_job, self._engine, query, token, shared)
        )
        order.done.connect(self._on_ids)
        order.error.connect(self._on_error)
        self._running = [first, order]

    def _advance(self) -> int:
        """A new generation: results of every older one are dropped when they arrive."""
        self._token += 1
        for task in self._running:
            task.cancel()
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
            self._ids = None
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

    # -- positions ---------------------------------------------------------------------------

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

    # -- Qt model ----------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._words.get(HEADERS[section], HEADERS[section])
        if role == Qt.ItemDataRole.ToolTipRole:
            if section == COL_TAG:
                return self.tr("Open the account's details")
            if section == COL_BALANCE:
                return self.tr("What the customer owes; negative is advance credit")
        if role == Qt.ItemDataRole.TextAlignmentRole and section == COL_BALANCE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS.get(column)
        if key is not None:
            self.set_sort(key, order == Qt.SortOrder.DescendingOrder)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called ~1,800 times a repaint: roles are compared with module constants (an
        # attribute lookup on Qt.ItemDataRole costs more than the comparison itself).
        position = index.row()
        if not 0 <= position < self._count:  # an invalid index has row -1
            return None
        column = index.column()
        if role == _DECORATION and column == COL_TAG:
            return self._tag_icon
        if role == _ALIGNMENT:
            return _RIGHT if column in (COL_BALANCE, COL_ID) else None
        if role not in _ROW_ROLES:
            return None
        row = self.row_at(position)
        if row is None:
            if role == _DISPLAY and column == COL_NAME:
                self._placeholder_shown = True
                return self._words["Loading…"]
            return None
        if role == _DISPLAY:
            return self._cells_of(row).texts[column]
        if role == _FOREGROUND:
            return self._cells_of(row).brushes[column]
        if role == _DECORATION:
            if column == COL_BALANCE and self._cells_of(row).pending:
                return self._pending_icon
            return None
        if role == _TOOLTIP:
            return self._tooltip(row, column)
        if role == ACCOUNT_ID_ROLE:
            return row.id
        if role == ROW_ROLE:
            return row
        if role == BALANCE_ROLE:
            return self.provisional_balance(row)
        if role == PENDING_ROLE:
            return self._pending.get(row.id)
        return None

    def _cells_of(self, row: aq.AccountRow) -> Cells:
        cells = self._cells.get(row.rowid)
        if cells is None:  # a row paged in after the first page: formatted once, here
            cells = self._cells[row.rowid] = row_cells(row, self._words, self._now(),
                                                       self._pending)
        return cells

    def multiData(
        self, index: Index, roleDataSpan: QModelRoleDataSpan | QModelRoleData
    ) -> None:
        """Every role the delegate paints a cell with, in one call (Qt's default asks
        ``data()`` once per role: seven Python calls a cell)."""
        position = index.row()
        if not 0 <= position < self._count:
            return
        column = index.column()
        row = self.row_at(position)
        for item in cast(Iterable[QModelRoleData], roleDataSpan):
            role = item.role()
            if role == _ALIGNMENT_INT:
                if column in (COL_BALANCE, COL_ID):
                    item.setData(_RIGHT)
            elif role == _DISPLAY_INT:
                if row is not None:
                    text = self._cells_of(row).texts[column]
                    if text is not None:
                        item.setData(text)
                elif column == COL_NAME:
                    self._placeholder_shown = True
                    item.setData(self._words["Loading…"])
            elif role == _FOREGROUND_INT:
                if row is not None:
                    brush = self._cells_of(row).brushes[column]
                    if brush is not None:
                        item.setData(brush)
            elif role == _DECORATION_INT:
                if column == COL_TAG:
                    item.setData(self._tag_icon)
                elif (column == COL_BALANCE and row is not None
                      and self._cells_of(row).pending):
                    item.setData(self._pending_icon)
            elif role in _ROW_ROLES:
                value = self.data(index, role)
                if value is not None:
                    item.setData(value)

    def exact_time(self, epoch: int) -> str:
        local = datetime.fromtimestamp(epoch, UTC).astimezone(self._zone)
        return local.strftime("%a %d %b %Y, %H:%M:%S ") + (local.tzname() or "")

    def _tooltip(self, row: aq.AccountRow, column: int) -> str | None:
        if column == COL_TAG:
            return fill(self.tr("Open the details of account %1 (Enter or double-click)"),
                        row.id)
        if column == COL_LAST_SEEN:
            if row.last_seen is None:
                return self.tr("Never seen online")
            return self.exact_time(row.last_seen)
        if column == COL_BALANCE:
            balance = self.provisional_balance(row)
            pending = self._pending.get(row.id)
            if is_outstanding(balance):
                text = fill(self.tr("Dues outstanding: %1"), format_inr(balance))
            elif balance < 0:
                text = fill(self.tr("Advance credit: %1"), format_inr(-balance))
            else:
                text = self.tr("Nothing owed")
            if pending:
                text += "\n" + self.tr(
                    "Pending sync: %n payment(s) not yet confirmed by the server.", "",
                    pending.count)
                text += "\n" + fill(self.tr("Last synced balance: %1"),
                                     format_inr(row.balance_paise))
            return text
        return None



_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_DISPLAY = Qt.ItemDataRole.DisplayRole
_DECORATION = Qt.ItemDataRole.DecorationRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
_PERSISTENT_LIST = "QList<QPersistentModelIndex>"  # the layout signals' overload with a hint
_HINT = QAbstractItemModel.LayoutChangeHint
_DISPLAY_INT = int(_DISPLAY.value)
_DECORATION_INT = int(_DECORATION.value)
_FOREGROUND_INT = int(_FOREGROUND.value)
_ALIGNMENT_INT = int(_ALIGNMENT.value)
_ROW_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.DecorationRole,
        ACCOUNT_ID_ROLE,
        ROW_ROLE,
        BALANCE_ROLE,
        PENDING_ROLE,
    }
)
