"""The account list's WHERE, FROM and ORDER BY, and which index reads the list.

The sidebar's filters and the user's scope become equality terms (an area, staff member or
reseller also names its branch, so the list index answers any combination); the quick
search's plan (:mod:`db.account_search_plan`) becomes one more term. :func:`_plan` says how
to read the list (measured on 1M accounts; see docs/performance.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, text

from db.account_query import AccountQuery, SortKey
from db.account_search_grams import COLUMNS
from db.account_search_grams import TABLE as GRAM_TABLE
from db.account_search_plan import (
    COMPLEMENT_MIN_SHARE,
    SearchPlan,
    matching_ids_sql,
    search_text,
)
from db.account_search_sample import SEARCH_TEXT

#: The covering index of cache_0002: every filter column plus every sort key, so a filtered
#: count or a filtered sort reads this index alone (no visit to the wide table rows).
LIST_INDEX = "ix_accounts_list"

# ORDER BY terms per key (ascending); rowid always ends the list.
_ORDER: dict[SortKey, tuple[str, ...]] = {
    SortKey.ID: ("a.id",),
    SortKey.NAME: ("a.name",),
    SortKey.BRANCH: ("b.name", "a.name"),
    SortKey.MOBILE: ("a.mobile",),
    SortKey.BALANCE: ("a.balance_paise",),
    SortKey.LAST_SEEN: ("a.last_seen",),
    SortKey.PLAN_TYPE: ("a.prepaid", "a.name"),
    SortKey.STATUS: ("a.status", "a.name"),
}


@dataclass
class _Where:
    terms: list[str] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)
    #: True when a term filters on something the list index cannot answer (quick search).
    search: bool = False
    #: True when the search's term is a list of matching ids (``a.id IN (...)``)
    ids_in: bool = False
    impossible: bool = False

    def add(self, term: str, **params: Any) -> None:
        self.terms.append(term)
        self.params.update(params)

    def sql(self) -> str:
        if self.impossible:
            return " WHERE 0"
        return (" WHERE " + " AND ".join(self.terms)) if self.terms else ""


def _owner_branch(conn: Connection, table: str, entity_id: int) -> int | None:
    return conn.execute(
        text(f"SELECT branch_id FROM {table} WHERE id = :i"), {"i": entity_id}
    ).scalar()


def _where(
    conn: Connection,
    query: AccountQuery,
    *,
    derive: bool = True,
    plan: SearchPlan | None = None,
    collect: bool = False,
) -> _Where:
    """The WHERE of ``query``. ``derive`` adds the branch that an area, staff member or
    reseller implies (a prefix for the list index; a needless table visit for a lone
    filter that has its own index)."""
    w = _Where()
    f, scope = query.filter, query.scope
    branches: set[int] = set()
    if scope.branch_id is not None:
        branches.add(scope.branch_id)
    if scope.reseller_id is not None:
        w.add("a.reseller_id = :scope_reseller", scope_reseller=scope.reseller_id)
    if f.branch_id is not None:
        branches.add(f.branch_id)
    explicit = bool(branches)
    # Areas, staff and resellers each belong to one branch: naming that branch lets the
    # list index (branch first) answer any combination of filters.
    for column, table, value in (
        ("area_id", "areas", f.area_id),
        ("account_manager_id", "staff", f.account_manager_id),
        ("sales_executive_id", "staff", f.sales_executive_id),
        ("reseller_id", "resellers", f.reseller_id),
    ):
        if value is None:
            continue
        w.add(f"a.{column} = :{column}", **{column: value})
        owner = _owner_branch(conn, table, value)
        if owner is None:
            w.impossible = True
        else:
            branches.add(owner)
    if len(branches) > 1:
        w.impossible = True
    elif branches and (derive or (explicit and not _branch_implied(query))):
        # (a branch that an area, staff member or reseller implies is left out when not
        # deriving: its own (column, name) index then answers alone)
        w.add("a.branch_id = :branch_id", branch_id=branches.pop())
    if f.status is not None:
        w.add("a.status = :status", status=f.status)
    _search_terms(w, plan, collect=collect)
    return w


def _search_terms(w: _Where, plan: SearchPlan | None, *, collect: bool) -> None:
    """The search's WHERE term. ``collect``: the whole match set is wanted (a full list or
    an exact count), so a common query finds its matches in one pass over the search text
    (or its complement) instead of one probe per walked row."""
    if plan is None:
        return
    w.search = True
    if plan.impossible:
        w.impossible = True
    elif plan.walks and not collect:
        w.add(
            f"EXISTS (SELECT 1 FROM {SEARCH_TEXT} s WHERE s.id = a.id "
            "AND instr(s.c0, :short) > 0)",
            short=plan.text,
        )
    elif plan.walks and plan.share >= COMPLEMENT_MIN_SHARE:
        # rowids, not ids: the sort index holds the rowid, so no table visit per row
        w.add(
            "a.rowid NOT IN (SELECT x.rowid FROM accounts x WHERE x.id IN "
            f"(SELECT id FROM {SEARCH_TEXT} WHERE instr(c0, :short) = 0))",
            short=plan.text,
        )
    elif plan.match is not None:
        w.add(f"a.id IN ({matching_ids_sql(plan)})", phrase=plan.match, short=plan.text)
        w.ids_in = True
    else:
        w.add(f"a.id IN (SELECT id FROM {SEARCH_TEXT} WHERE instr(c0, :short) > 0)",
              short=plan.text)
        w.ids_in = True


#: The narrow id -> name index of cache_0011.
ID_NAME_INDEX = "ix_accounts_id_name"


def _match_index(query: AccountQuery, w: _Where) -> str | None:
    """:data:`ID_NAME_INDEX` when the search's term is a list of matching ids and nothing
    but a match's name is needed: sorted by name, no sidebar filter or scope. Each match is
    then looked up in an index half as wide as the sort index SQLite picks by itself (1M
    accounts, first page of "bh": 31.9 -> 22.5 ms)."""
    if w.ids_in and query.sort is SortKey.NAME and filter_columns(query) == 0:
        return ID_NAME_INDEX
    return None


def _gram_term(query: AccountQuery, plan: SearchPlan | None) -> str | None:
    """The bit test that finds a search that is a gram of the dictionary in the gram table
    (:mod:`db.account_search_grams`), or ``None`` when the query has a sidebar filter or
    scope, or the search is not a gram. The bit is an int the code made, so it is written
    into the SQL."""
    if plan is None or plan.gram is None or filter_columns(query) != 0:
        return None
    bits, bit = plan.gram
    return f"{bits} & {int(bit)}"


def _gram_walk(query: AccountQuery, plan: SearchPlan | None, *, ordered: bool) -> str | None:
    """The rowids (``r``) of a search that is a gram of the dictionary, read off the gram
    table with its bit test (:func:`_gram_term`); ``ordered``, only when the table is sorted
    by name (the gram table's own order, so no sort). ``None`` when there is no such
    walk."""
    term = _gram_term(query, plan)
    if term is None or (ordered and query.sort is not SortKey.NAME):
        return None
    sql = f"SELECT r FROM {GRAM_TABLE} WHERE {term}"
    if ordered:
        direction = " DESC" if query.descending else ""
        sql += f" ORDER BY name{direction}, r{direction}"
    return sql


def packed_name_list(query: AccountQuery, plan: SearchPlan | None) -> str | None:
    """The full list, sorted by name, of every account or of a search that is a gram, with
    no sidebar filter or scope, as one packed value: ``h`` of every row of the gram table
    (with the gram's bit), concatenated in the order a plain scan reads them, which is the
    table's key order, ascending ``(name, r)``. The table has no other b-tree (a test holds
    it so), and ``group_concat`` keeps the order its rows come in. Without an ``ORDER BY``
    subquery SQLite aggregates during the scan instead of handing each row up from a
    co-routine, and the rowids are stored packed (1M accounts, best of 5-6: "+" 252 ->
    152 ms; every account 271 ms through the name index -> 125 ms). The caller reverses the
    list for a descending sort. ``None`` when there is no such scan."""
    if query.sort is not SortKey.NAME or filter_columns(query) != 0:
        return None
    if not search_text(query.filter.search):
        return f"SELECT group_concat(h, '') FROM {GRAM_TABLE}"
    term = _gram_term(query, plan)
    if term is None:
        return None
    return f"SELECT group_concat(h, '') FROM {GRAM_TABLE} WHERE {term}"


#: A first page is read off the gram table's walk (:func:`_gram_prefilter`) when the sample
#: says the walk finds it within this many rows ...
PREFILTER_ROWS = 100_000
#: ... testing the texts of at most this many rows that have all the query's gram bits.
#: Measured at 3M accounts (warm): "+91 88" 125-186 ms found and sorted, 2-12 ms walked;
#: "bh" (names from "Bh..." only: 251,547 rows down) 95-127 ms found and sorted, 257 ms
#: walked, which is why the walk's length is estimated first.
PREFILTER_PROBES = 5_000


def _gram_prefilter(query: AccountQuery, plan: SearchPlan | None, limit: int) -> str | None:
    """The first ``limit`` rowids of a search that contains grams of the dictionary
    without being one, by walking the gram table in name order: a row without all the
    query's gram bits cannot match, and the text of a row with them is tested. At most
    :data:`PREFILTER_ROWS` rows are walked: fewer than ``limit`` rows back means the
    estimate was wrong, and the caller finds the page another way. ``None`` when the walk
    is not the cheaper plan (a sidebar filter, another sort, a gram, a long walk)."""
    if (
        plan is None or plan.impossible or plan.gram is not None or plan.mask is None
        or filter_columns(query) != 0 or query.sort is not SortKey.NAME
    ):
        return None
    sample = plan.sample
    rows, probes = plan.walk_cost(limit, descending=query.descending)
    if rows > PREFILTER_ROWS or probes > PREFILTER_PROBES:
        return None
    if sample is not None and sample.hits * sample.accounts < probes * sample.seen:
        return None  # fewer matches to sort than texts to test
    bits = " AND ".join(
        f"(g.{column} & {int(m)}) = {int(m)}" for column, m in zip(COLUMNS, plan.mask, strict=True)
        if m
    )
    d = " DESC" if query.descending else ""
    return (
        f"SELECT g.r FROM (SELECT * FROM {GRAM_TABLE} ORDER BY name{d}, r{d} "
        f"LIMIT {PREFILTER_ROWS}) g WHERE {bits} AND EXISTS (SELECT 1 FROM accounts x "
        f"JOIN {SEARCH_TEXT} s ON s.id = x.id WHERE x.rowid = g.r "
        f"AND instr(s.c0, :short) > 0) LIMIT {int(limit)}"
    )


def _from(query: AccountQuery, w: _Where, *, index: str | None = None) -> str:
    indexed = f" INDEXED BY {index}" if index else ""
    # Branches are joined only to sort by branch name: with the join in the statement
    # SQLite's planner gives up the multi-index OR plan of short searches.
    join = " JOIN branches b ON b.id = a.branch_id" if query.sort is SortKey.BRANCH else ""
    return f" FROM accounts a{indexed}{join}" + w.sql()


def _order_by(query: AccountQuery, *, plain: bool = True) -> str:
    direction = " DESC" if query.descending else ""
    # ``+term`` keeps SQLite from walking the sort column's index row by row (with a visit
    # to the table for each row to test the filters) when the list index answers faster.
    prefix = "" if plain else "+"
    terms = [f"{prefix}{t}{direction}" for t in _ORDER[query.sort]]
    return " ORDER BY " + ", ".join([*terms, f"a.rowid{direction}"])


def _branch_implied(query: AccountQuery) -> bool:
    """An area, staff member or reseller filter is set: it names its branch by itself."""
    f = query.filter
    return any(
        v is not None
        for v in (f.area_id, f.account_manager_id, f.sales_executive_id, f.reseller_id)
    )


def filter_columns(query: AccountQuery) -> int:
    """How many equality filters (sidebar lists and scope) narrow the query; a branch that
    another filter already implies (branch + area) does not count."""
    f, scope = query.filter, query.scope
    columns = sum(
        v is not None
        for v in (
            f.area_id, f.status, f.account_manager_id, f.sales_executive_id, f.reseller_id,
            scope.reseller_id,
        )
    )
    if not _branch_implied(query):
        columns += f.branch_id is not None or scope.branch_id is not None
    return columns


@dataclass(frozen=True)
class _Plan:
    derive: bool  # add the implied branch
    index: str | None  # INDEXED BY
    plain: bool  # ORDER BY may walk an index (False: "+term", sort the matches)


def _plan(query: AccountQuery, *, full_list: bool) -> _Plan:
    """How to read the list (measured on 1M accounts; see docs/performance.md)."""
    n = filter_columns(query)
    if search_text(query.filter.search):
        if full_list:
            # Find the matches first, then sort them; walking a sort index and testing
            # each row against the search costs a table visit per row.
            return _Plan(n >= 2, None, False)
        return _Plan(n >= 2, None, True)  # many matches (see first_page): walk and test
    if n == 0:
        return _Plan(False, None, True)  # walk the sort index: covering, in order
    lone_status = n == 1 and query.filter.status is not None
    # a lone filter's (column, name) index is in name order; a lone status is so common
    # that walking any sort index finds the first page at once
    if n == 1 and (query.sort is SortKey.NAME or (lone_status and not full_list)):
        return _Plan(False, None, True)
    return _Plan(True, LIST_INDEX, False)
