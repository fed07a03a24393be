"""The account list's SQL: filter, sort, quick search, count and positional pages.

The Manage Account table (desktop) never sorts or filters in Python. It asks this module for

- :func:`count` and :func:`first_page`: what the table shows at once after a filter change;
- :func:`ordered_rowids`: the full ordered list of the matching rows' SQLite ``rowid`` s, so
  that any position (the last row of a million) is one array lookup away;
- :func:`rows_by_rowid`: the columns of one page of those rows.

Why ``rowid`` and not the account id: ``accounts.id`` is a ``BIGINT PRIMARY KEY`` and so not
an alias of SQLite's rowid. Every secondary index stores the rowid, so "the ids ordered by
name" read from the ``(name)`` index alone — no visit to the wide table row — only when the
rowid is what is read and is the tie-breaker of the sort. Ties are broken by rowid, which
makes every order total and stable.

Quick search has one meaning at every length (see :mod:`db.search`): the typed text is part
of the account ID, name, mobile or e-mail. How it is found depends on how common it is, which
:func:`search_plan` measures on a sample of the search text:

- common (at least ``WALK_MIN_SHARE`` of the accounts: ``k``, ``98``, ``+91``, ``raj``): the
  first page walks the current sort order and tests each account's search text, stopping
  when the page is full; the full list is the matches sorted or, when most accounts match,
  every account but the few that do not;
- three characters or more, less common: the FTS5 trigram index, the text as one quoted
  phrase;
- one or two characters, less common (``ab``, ``yv``): the trigram index's own vocabulary
  lists every trigram that starts with them (the indexed text ends with two separators, so
  every character is the start of a trigram), and those trigrams, each a quoted phrase, are
  OR-ed into one FTS5 query.

Every path gives exactly the same rows; only the time differs.
"""

from __future__ import annotations

import functools
import random
import sys
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from sqlalchemy import Connection, text

from billing.lifecycle import AccountStatus
from db.search import MIN_INDEXED_QUERY, fts_phrase, normalise_query

#: Longer than any indexed search text can be (id + name + mobile + email + separators);
#: such a query matches nothing, so it is answered without asking the index.
MAX_SEARCH_CHARS = 420

#: The covering index of cache_0002: every filter column plus every sort key, so a filtered
#: count or a filtered sort reads this index alone (no visit to the wide table rows).
LIST_INDEX = "ix_accounts_list"


class SortKey(StrEnum):
    ID = "id"
    NAME = "name"
    BRANCH = "branch"
    MOBILE = "mobile"
    BALANCE = "balance"
    LAST_SEEN = "last_seen"
    PLAN_TYPE = "plan_type"
    STATUS = "status"


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


@dataclass(frozen=True)
class Scope:
    """What the signed-in user may see (the server enforces it; the list repeats it)."""

    branch_id: int | None = None
    reseller_id: int | None = None


@dataclass(frozen=True)
class AccountFilter:
    """The sidebar's choices; ``None`` means "any"."""

    branch_id: int | None = None
    area_id: int | None = None
    status: str | None = None
    account_manager_id: int | None = None
    sales_executive_id: int | None = None
    reseller_id: int | None = None
    search: str = ""

    @property
    def is_empty(self) -> bool:
        return self == AccountFilter()


@dataclass(frozen=True)
class AccountQuery:
    scope: Scope = field(default_factory=Scope)
    filter: AccountFilter = field(default_factory=AccountFilter)
    sort: SortKey = SortKey.NAME
    descending: bool = False

    def with_filter(self, account_filter: AccountFilter) -> AccountQuery:
        return replace(self, filter=account_filter)


@dataclass(frozen=True)
class AccountRow:
    """One line of the account table, straight from the cache."""

    rowid: int
    id: int
    name: str
    branch_name: str
    mobile: str
    balance_paise: int
    last_seen: int | None  # epoch seconds, UTC
    prepaid: bool
    status: str


_ROW_COLUMNS = (
    "a.rowid, a.id, a.name, b.name, a.mobile, a.balance_paise, a.last_seen, a.prepaid, a.status"
)


def _row(r: Sequence[Any]) -> AccountRow:
    return AccountRow(
        int(r[0]), int(r[1]), r[2], r[3], r[4] or "", int(r[5]), r[6], bool(r[7]), r[8]
    )


# -- WHERE ---------------------------------------------------------------------------------


@dataclass
class _Where:
    terms: list[str] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)
    #: True when a term filters on something the list index cannot answer (quick search).
    search: bool = False
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


def search_text(typed: str) -> str:
    """What quick search looks for: normalised, without characters SQLite cannot hold."""
    return normalise_query(typed)


#: How common a quick search is, measured on the search texts of SAMPLE_SIZE account ids
#: drawn at random (fixed seed) between the lowest and the highest (~2 ms). Random, not runs
#: of consecutive ids nor a fixed stride, because ID digits cluster: "107" is in every ID from
#: 10700000 to 10799999, and "1084" was seen in 5% of 20 runs of 100 texts for a true 1%.
SAMPLE_SIZE = 2_000
#: At or above this share of accounts, a search walks the sort order for its first page and
#: count (the page is full after ~PAGE / share rows); below it, the index finds the matches
#: and they are sorted. Measured at 1M (count to 10,001 + first page, load 4-6): walking
#: wins from ~5% ("kum" 6.4%: 33 vs 55 ms; "raj" 19%: 18 vs 157 ms) and loses below it
#: ("ab" 2.4%: 119 vs 37 ms; "sar" 1.8%: 5.1 s vs 32 ms). "+91", which every account
#: contains, took 1,058 ms through the index.
WALK_MIN_SHARE = 0.05

#: At or above this share, the full list of a search is every account of the filters
#: but the few that do not contain it (``NOT IN``): the sort index is then walked without a
#: table visit (1M accounts, "1": 2.8 s -> 0.8 s under load 6).
COMPLEMENT_MIN_SHARE = 0.5

#: The trigram index's vocabulary (cache_0006): one row per trigram, in byte order.
VOCABULARY = "account_search_terms"

#: FTS5's own copy of the indexed text (``id`` = rowid = account id, ``c0`` = text). Short
#: queries read it as a plain table: a scan of it took 640 ms against 1,160 ms through the
#: virtual table (1M accounts, load 6), and a probe by id skips the virtual table's cursor.
SEARCH_TEXT = "account_search_content"


@dataclass(frozen=True)
class SearchPlan:
    """How one quick search is answered (see the module's docstring)."""

    text: str
    #: an FTS5 MATCH expression of quoted phrases (``None``: test each row's text instead)
    match: str | None = None
    #: common: the first page and a capped count walk the rows and test each one's text
    walks: bool = False
    impossible: bool = False
    #: the share of accounts that contain the text, measured on a sample
    share: float = 0.0


def query_share(conn: Connection, q: str) -> float:
    """The share of accounts whose search text contains ``q``, measured on a sample."""
    low, high = conn.exec_driver_sql(
        "SELECT (SELECT min(id) FROM accounts), (SELECT max(id) FROM accounts)"
    ).one()
    if low is None:
        return 0.0
    ids = ",".join(map(str, _sample_ids(int(low), int(high))))  # ints only: safe to inline
    seen, found = conn.exec_driver_sql(
        f"SELECT count(*), coalesce(sum(instr(c0, ?) > 0), 0) FROM {SEARCH_TEXT} "
        f"WHERE id IN ({ids})",
        (q,),
    ).one()
    if seen < SAMPLE_SIZE // 10:
        # sparse ids (few of the drawn ones exist): runs of consecutive texts instead
        seen = found = 0
        step = max(1, (int(high) - int(low)) // 20)
        for k in range(20):
            n, hits = conn.exec_driver_sql(
                "SELECT count(*), coalesce(sum(instr(c0, ?) > 0), 0) FROM "
                f"(SELECT c0 FROM {SEARCH_TEXT} WHERE id >= ? ORDER BY id LIMIT ?)",
                (q, int(low) + k * step, SAMPLE_SIZE // 20),
            ).one()
            seen, found = seen + int(n), found + int(hits)
    return int(found) / int(seen) if seen else 0.0


@functools.lru_cache(maxsize=4)
def _sample_ids(low: int, high: int) -> tuple[int, ...]:
    rng = random.Random(18)
    if high - low + 1 <= SAMPLE_SIZE:
        return tuple(range(low, high + 1))
    return tuple(sorted(rng.sample(range(low, high + 1), SAMPLE_SIZE)))


def trigrams_starting_with(conn: Connection, q: str) -> list[str]:
    """Every trigram in the index that starts with ``q`` (one or two characters)."""
    rows = conn.exec_driver_sql(
        f"SELECT term FROM {VOCABULARY} WHERE term >= ? AND term < ?",
        (q, q + "\U0010ffff"),
    )
    return [r[0] for r in rows if r[0].startswith(q)]


def search_plan(conn: Connection, typed: str) -> SearchPlan | None:
    """How ``typed`` is searched; ``None`` when nothing is typed."""
    q = search_text(typed)
    if not q:
        return None
    if len(q) > MAX_SEARCH_CHARS:
        return SearchPlan(q, impossible=True)
    share = query_share(conn, q)
    phrase = fts_phrase(q) if len(q) >= MIN_INDEXED_QUERY else None
    if share >= WALK_MIN_SHARE:
        return SearchPlan(q, match=phrase, walks=True, share=share)
    if phrase is not None:
        return SearchPlan(q, match=phrase, share=share)
    terms = trigrams_starting_with(conn, q)
    if not terms:
        return SearchPlan(q, impossible=True, share=share)
    return SearchPlan(q, match=" OR ".join(fts_phrase(t) for t in terms), share=share)


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
        w.add(
            "a.id IN (SELECT rowid FROM account_search WHERE account_search MATCH :phrase)",
            phrase=plan.match,
        )
    else:
        w.add(f"a.id IN (SELECT id FROM {SEARCH_TEXT} WHERE instr(c0, :short) > 0)",
              short=plan.text)


# -- queries -------------------------------------------------------------------------------


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


def count(conn: Connection, query: AccountQuery, *, up_to: int | None = None) -> int:
    """How many accounts match ``query``; with ``up_to``, counting stops there (the
    answer is then ``min(count, up_to)``: a first page needs no exact count of 700,000)."""
    limit = "" if up_to is None else " LIMIT :up_to"
    params: dict[str, Any] = {} if up_to is None else {"up_to": up_to}
    search = search_plan(conn, query.filter.search)
    if filter_columns(query) == 0 and search is not None and not search.impossible:
        # Search alone: the search index holds exactly the cached accounts (rowid = account
        # id, written and deleted with them), so it counts alone: "kum", 66,955 matches of
        # 1M, 2 ms instead of 30 ms for the same count through the accounts table. The index
        # whenever there is a phrase: it stops after ``up_to`` matches, where a scan of the
        # text in id order read ~400,000 rows to find 10,001 with "107" (IDs cluster). A
        # common one- or two-character query scans the text and stops at ``up_to``.
        if search.match is not None:
            source, where = "account_search", "account_search MATCH :phrase"
            params["phrase"] = search.match
        else:
            source, where = SEARCH_TEXT, "instr(c0, :short) > 0"
            params["short"] = search.text
        sql = f"SELECT count(*) FROM (SELECT 1 FROM {source} WHERE {where}{limit})"
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


def first_page(conn: Connection, query: AccountQuery, limit: int) -> list[AccountRow]:
    """The first ``limit`` rows in order (SQLite picks the plan: LIMIT favours index walks)."""
    plan = _plan(query, full_list=False)
    search = search_plan(conn, query.filter.search)
    w = _where(conn, query, derive=plan.derive, plan=search)
    if w.impossible:
        return []
    # The LIMIT is written into the SQL, not bound: SQLite's planner weighs an index walk
    # against finding and sorting the matches by the limit it can see. Bound, it walked the
    # whole name index for "sa" (60 ms); written, it sorts the 42,537 matches (7 ms).
    sql = (
        "SELECT a.rowid" + _from(query, w, index=plan.index)
        + _order_by(query, plain=plan.plain) + f" LIMIT {int(limit)}"
    )
    rowids = [r[0] for r in conn.execute(text(sql), w.params)]
    return rows_in_order(conn, rowids)


def rows_in_order(conn: Connection, rowids: Sequence[int]) -> list[AccountRow]:
    """:func:`rows_by_rowid`, as a list in the order given (rows gone since are skipped)."""
    found = rows_by_rowid(conn, rowids)
    return [found[r] for r in rowids if r in found]


def ordered_rowids_sql(conn: Connection, query: AccountQuery) -> tuple[str, dict[str, Any]]:
    """The SQL and parameters of :func:`ordered_rowids`: one row per match, its rowid, in
    display order (also used by the benchmark)."""
    search = search_plan(conn, query.filter.search)
    if search is not None and search.walks and search.share >= COMPLEMENT_MIN_SHARE:
        # the complement needs no table visit: read the list as the filters alone would
        plan = _plan(replace(query, filter=replace(query.filter, search="")), full_list=True)
    else:
        plan = _plan(query, full_list=True)
    w = _where(conn, query, derive=plan.derive, plan=search, collect=True)
    if w.impossible:
        return "SELECT 1 AS r WHERE 0", {}
    sql = "SELECT a.rowid AS r" + _from(query, w, index=plan.index)
    return sql + _order_by(query, plain=plan.plain), w.params


def ordered_rowids(
    conn: Connection,
    query: AccountQuery,
    *,
    cancelled: Callable[[], bool] | None = None,
) -> array[int] | None:
    """Every matching rowid in display order, or ``None`` when ``cancelled()`` turned true.

    SQLite hands the list over as one value: each rowid as 16 hex digits, concatenated by
    ``group_concat`` in the sorted order (16 MB for 1M rows, far under SQLite's 1 GB value
    limit), which becomes the ``array('q')`` in C (no Python object per row). A cancelled
    call interrupts SQLite mid-sort (a progress handler), so a stale query over a million
    rows stops at once instead of holding the database worker.
    """
    sql, params = ordered_rowids_sql(conn, query)
    packed_sql = f"SELECT group_concat(printf('%016x', r), '') FROM ({sql})"
    raw = conn.connection.driver_connection
    stop = cancelled or (lambda: False)
    if cancelled is not None and raw is not None:
        raw.set_progress_handler(lambda: 1 if stop() else 0, 20_000)
    try:
        packed = conn.exec_driver_sql(packed_sql, params).scalar()
    except Exception:
        if stop():
            return None
        raise
    finally:
        if cancelled is not None and raw is not None:
            raw.set_progress_handler(None, 0)
    if stop():
        return None
    return unpack_rowids(packed or "")


def unpack_rowids(packed: str) -> array[int]:
    """16 hex digits per rowid (big-endian, two's complement) → ``array('q')``."""
    result = array("q", bytes.fromhex(packed))
    if sys.byteorder == "little":
        result.byteswap()
    return result


def rows_by_rowid(conn: Connection, rowids: Iterable[int]) -> dict[int, AccountRow]:
    """The table columns of these rows (a page), keyed by rowid."""
    wanted = [int(r) for r in rowids]
    if not wanted:
        return {}
    marks = ",".join(str(r) for r in wanted)  # ints only: safe to inline, no 999-limit
    sql = (
        "SELECT " + _ROW_COLUMNS + " FROM accounts a JOIN branches b ON b.id = a.branch_id "
        f"WHERE a.rowid IN ({marks})"
    )
    return {r[0]: _row(r) for r in conn.exec_driver_sql(sql)}


def rowid_of_account(conn: Connection, account_id: int) -> int | None:
    sql = text("SELECT rowid FROM accounts WHERE id = :i")
    return conn.execute(sql, {"i": account_id}).scalar()


# -- the sidebar's lists ---------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    id: int
    label: str
    branch_id: int | None = None


@dataclass(frozen=True)
class FilterOptions:
    """What each sidebar list may offer: only values inside the user's scope."""

    branches: list[Choice]
    areas: list[Choice]
    statuses: list[str]
    account_managers: list[Choice]
    sales_executives: list[Choice]
    resellers: list[Choice]


def filter_options(conn: Connection, scope: Scope) -> FilterOptions:
    """The sidebar's lists. Reference tables are small; statuses come from the accounts."""
    branch_of_reseller = None
    if scope.reseller_id is not None:
        branch_of_reseller = _owner_branch(conn, "resellers", scope.reseller_id)
    limit_branch = scope.branch_id if scope.branch_id is not None else branch_of_reseller

    def choices(sql: str, **params: Any) -> list[Choice]:
        return [Choice(int(r[0]), r[1], r[2]) for r in conn.execute(text(sql), params)]

    where_branch = " WHERE branch_id = :b" if limit_branch is not None else ""
    p = {"b": limit_branch} if limit_branch is not None else {}
    branches = choices(
        "SELECT id, name, id FROM branches"
        + (" WHERE id = :b" if limit_branch is not None else "")
        + " ORDER BY name",
        **p,
    )
    areas = choices(f"SELECT id, name, branch_id FROM areas{where_branch} ORDER BY name", **p)
    staff_where = " AND branch_id = :b" if limit_branch is not None else ""
    managers = choices(
        "SELECT id, name, branch_id FROM staff WHERE role = 'account_manager'"
        f"{staff_where} ORDER BY name",
        **p,
    )
    sales = choices(
        "SELECT id, name, branch_id FROM staff WHERE role = 'sales_executive'"
        f"{staff_where} ORDER BY name",
        **p,
    )
    if scope.reseller_id is not None:
        resellers = choices(
            "SELECT id, name, branch_id FROM resellers WHERE id = :r", r=scope.reseller_id
        )
    else:
        resellers = choices(
            f"SELECT id, name, branch_id FROM resellers{where_branch} ORDER BY name", **p
        )
    statuses = present_statuses(conn, scope)
    return FilterOptions(branches, areas, statuses, managers, sales, resellers)


def present_statuses(conn: Connection, scope: Scope) -> list[str]:
    """Statuses that occur in the scope, in the lifecycle's order (one index probe each)."""
    found: list[str] = []
    for status in AccountStatus:
        w = _where(conn, AccountQuery(scope=scope, filter=AccountFilter(status=status.value)))
        sql = "SELECT 1 FROM accounts a" + w.sql() + " LIMIT 1"
        if conn.execute(text(sql), w.params).first():
            found.append(status.value)
    return found
