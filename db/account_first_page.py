"""The first step of a list query: how many accounts match, and the first page.

What the table shows at once after a filter change (the full ordered list follows from
:mod:`db.account_id_list`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, text

from db.account_query import AccountQuery, AccountRow, Scope, rows_in_order
from db.account_search_plan import (
    MEASURE,
    GivenPlan,
    SearchPlan,
    matching_ids_sql,
    plan_for,
)
from db.account_search_sample import SEARCH_TEXT
from db.account_where import (
    _from,
    _gram_prefilter,
    _gram_walk,
    _match_index,
    _order_by,
    _plan,
    _where,
    filter_columns,
)


def count(
    conn: Connection, query: AccountQuery, *, up_to: int | None = None,
    search: GivenPlan = MEASURE,
) -> int:
    """How many accounts match ``query``; with ``up_to``, counting stops there (the
    answer is then ``min(count, up_to)``: a first page needs no exact count of 700,000).
    ``search``: the plan of the query's search when already measured for this change."""
    limit = "" if up_to is None else " LIMIT :up_to"
    params: dict[str, Any] = {} if up_to is None else {"up_to": up_to}
    search = plan_for(conn, query.filter.search, search)
    walk = _gram_walk(query, search, ordered=False)
    if walk is not None:
        # a gram: its bit in the narrow gram table ("s", 671,117 of 1M)
        sql = f"SELECT count(*) FROM ({walk}{limit})"
        return int(conn.execute(text(sql), params).scalar() or 0)
    if filter_columns(query) == 0 and search is not None and not search.impossible:
        # Search alone: the search index holds exactly the cached accounts (rowid = account
        # id, written and deleted with them), so it counts alone: "kum", 66,955 matches of
        # 1M, 2 ms instead of 30 ms for the same count through the accounts table. The index
        # whenever there is a phrase: it stops after ``up_to`` matches, where a scan of the
        # text in id order read ~400,000 rows to find 10,001 with "107" (IDs cluster). A
        # common one- or two-character query scans the text and stops at ``up_to``.
        if search.match is not None:
            found = matching_ids_sql(search)
            params.update(phrase=search.match, short=search.text)
        else:
            found = f"SELECT 1 FROM {SEARCH_TEXT} WHERE instr(c0, :short) > 0"
            params["short"] = search.text
        sql = f"SELECT count(*) FROM ({found}{limit})"
        return int(conn.execute(text(sql), params).scalar() or 0)
    # one filter: its own index counts alone; more: the branch prefix of the list index
    w = _where(conn, query, derive=filter_columns(query) >= 2, plan=search,
               collect=up_to is None)
    if w.impossible:
        return 0
    sql = f"SELECT count(*) FROM (SELECT 1 FROM accounts a{w.sql()}{limit})"
    return int(conn.execute(text(sql), {**w.params, **params}).scalar() or 0)


def total(conn: Connection, scope: Scope) -> int:
    """How many accounts the user's scope holds (the "of N" of the row count)."""
    return count(conn, AccountQuery(scope=scope))


def first_page(
    conn: Connection, query: AccountQuery, limit: int, *, search: GivenPlan = MEASURE
) -> list[AccountRow]:
    """The first ``limit`` rows in order (SQLite picks the plan: LIMIT favours index walks).
    ``search``: as for :func:`count`."""
    plan = _plan(query, full_list=False)
    search = plan_for(conn, query.filter.search, search)
    walk = _gram_walk(query, search, ordered=True)
    if walk is not None:
        ids = [r[0] for r in conn.exec_driver_sql(f"{walk} LIMIT {int(limit)}")]
        return rows_in_order(conn, ids)
    prefilter = _gram_prefilter(query, search, limit)
    if prefilter is not None and search is not None:
        ids = [r[0] for r in conn.execute(text(prefilter), {"short": search.text})]
        if len(ids) == limit:  # fewer: the walk stopped at its bound (see _gram_prefilter)
            return rows_in_order(conn, ids)
    w = _where(conn, query, derive=plan.derive, plan=search)
    if w.impossible:
        return []
    # The LIMIT is written into the SQL, not bound: SQLite's planner weighs an index walk
    # against finding and sorting the matches by the limit it can see. Bound, it walked the
    # whole name index for "sa" (60 ms); written, it sorts the 42,537 matches (7 ms).
    index = plan.index or _match_index(query, w)
    sql = (
        "SELECT a.rowid" + _from(query, w, index=index)
        + _order_by(query, plain=plan.plain) + f" LIMIT {int(limit)}"
    )
    rowids = [r[0] for r in conn.execute(text(sql), w.params)]
    return rows_in_order(conn, rowids)


#: A search found through the trigram index whose sample says at most this many accounts
#: hold it has its whole ordered list read at once (:func:`lists_at_once`).
AT_ONCE_ESTIMATE = 12_000


def lists_at_once(query: AccountQuery, search: SearchPlan | None, limit: int) -> bool:
    """Whether the full ordered list is the cheaper first step for ``query``: a search
    found through the trigram index, with few matches by the sample's estimate, and no
    walk of the gram table for its first page. Finding the matches (each one's look-up
    by id) is most of what both the first page and the full list cost; sorting them all
    instead of keeping the first page costs little more at that size, and the count
    before the page, and the second step after it, read the index again
    (docs/performance.md, issue 18's ninth round)."""
    if search is None or search.match is None or search.walks or search.impossible:
        return False
    sample = search.sample
    if sample is None or sample.accounts <= 0:
        return False
    if search.share * sample.accounts > AT_ONCE_ESTIMATE:
        return False
    return _gram_prefilter(query, search, limit) is None
