"""The account table's two query steps, run on the database worker (off the GUI thread).

1. :func:`_first_job`: the count (up to ``COUNT_UP_TO`` + 1) and the first page, formatted
   ready to paint; a search with few matches is listed whole in this step, without the
   count when the sample says it is rare (:func:`db.account_first_page.lists_at_once`);
2. :func:`_ids_job`: the full ordered rowid list (and so the exact count), started once the
   view has painted the first page (at most ``IDS_DELAY_S`` after it).

:class:`desktop.accounts.table_queries.AccountsTableQueries` starts them and applies their
results on the GUI thread.
"""

from __future__ import annotations

import threading
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Engine

from db import account_query as aq
from db.account_first_page import count, first_page, lists_at_once, total
from db.account_id_list import ordered_rowids
from db.account_search_plan import search_plan, search_text
from db.overlay import PendingPayments
from desktop.accounts.table_cells import Cells, row_cells
from desktop.runtime.tasks import TaskControl

#: A search with at most this many matches is listed in one step (find, then sort);
#: more, and the first page comes from walking the sort index, the full list after.
SEARCH_ONE_STEP = 2_000
#: The first step counts up to this many matches (and one more) and no further: counting
#: 862,137 "Active" accounts takes 30 ms, counting to 10,001 takes 0.5 ms. Above it, the
#: row count says "more than 10,000" until the full list (and so the exact count) is in.
COUNT_UP_TO = 10_000
FIRST_PAGE = 120  # rows the first step brings: more than a maximised window shows
#: How long the second step waits at most after the first for the view to paint the new
#: rows (it starts as soon as they are painted): on this machine's two vCPUs a query
#: running beside the paint slows it, and its Python parts compete for the GIL.
IDS_DELAY_S = 0.025

OverlayLoader = Callable[[], dict[int, PendingPayments]]


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
        # measured once for the whole step (under 1 ms: the sample is kept in memory)
        plan = search_plan(conn, query.filter.search)
        listed = lists_at_once(query, plan, FIRST_PAGE)  # rare: listed without a count
        if not listed:
            if query.filter.is_empty:
                matching = in_scope
            else:
                matching = count(conn, query, up_to=COUNT_UP_TO + 1, search=plan)
                exact = matching <= COUNT_UP_TO
            listed = searches(query) and exact and matching <= SEARCH_ONE_STEP
        if listed:
            # Few matches: find them once and sort them; count and first page come from
            # that list (the second step has nothing left to do).
            cancelled = (lambda: control.cancelled) if control is not None else None
            rowids = ordered_rowids(conn, query, cancelled=cancelled, search=plan)
            if rowids is None:
                return None
            shared["ids_done"] = True
            matching = len(rowids)
            rows = aq.rows_in_order(conn, rowids[:FIRST_PAGE])
        else:
            rows = first_page(conn, query, FIRST_PAGE, search=plan)
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
    painted: threading.Event | None = None,
    control: TaskControl | None = None,
) -> IdsResult | None:
    if shared.get("ids_done"):
        return None
    # The first page is in: let the GUI thread apply and paint it before this step competes
    # with it for the CPU and the GIL (measured on 1M accounts: filter change median 27 ms
    # -> 15 ms, the repaint 15 ms -> 9 ms). ``painted`` is set once the view has painted
    # the new rows (or the query is replaced): no longer a fixed wait after a quick paint.
    if painted is not None:
        painted.wait(IDS_DELAY_S)
    if control is not None and control.cancelled:
        return None
    cancelled = (lambda: control.cancelled) if control is not None else None
    with engine.connect() as conn:
        rowids = ordered_rowids(conn, query, cancelled=cancelled)
    return None if rowids is None else IdsResult(token, rowids)
