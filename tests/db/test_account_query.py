"""db.account_query against a plain-Python oracle over the same demo cache.

Every filter alone and combined, every sort key both ways, quick search on each field
(substrings at every length, case, spaces, +91), hostile text, scopes. The plain-SQL
reference over thousands of random queries is in test_quick_search_reference.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, text

from db import account_query as aq
from db.account_filter_options import filter_options
from db.account_first_page import count, first_page, total
from db.account_id_list import ordered_rowids, ordered_rowids_sql, unpack_rowids
from db.account_search_plan import query_share, search_plan, trigrams_starting_with
from db.account_where import ID_NAME_INDEX, LIST_INDEX
from db.cache import open_cache
from db.search import account_search_text, national_mobile, normalise_query
from demo.data import generate
from tests.conftest import DEMO_TODAY

ACCOUNTS = 1_500


@dataclass(frozen=True)
class Acc:
    rowid: int
    id: int
    name: str
    branch_id: int
    branch_name: str
    area_id: int
    reseller_id: int | None
    manager_id: int | None
    sales_id: int | None
    mobile: str
    email: str | None
    balance: int
    last_seen: int | None
    prepaid: bool
    status: str


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    path: Path = tmp_path_factory.mktemp("aq") / "cache.sqlite3"
    eng = open_cache(path)
    generate(eng, ACCOUNTS, seed=11, today=DEMO_TODAY)
    yield eng
    eng.dispose()


@pytest.fixture(scope="module")
def accounts(engine: Engine) -> list[Acc]:
    with engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT a.rowid, a.id, a.name, a.branch_id, b.name, a.area_id, a.reseller_id, "
            "a.account_manager_id, a.sales_executive_id, a.mobile, a.email, a.balance_paise, "
            "a.last_seen, a.prepaid, a.status FROM accounts a JOIN branches b "
            "ON b.id = a.branch_id"
        )).all()
    return [Acc(*r[:13], bool(r[13]), r[14]) for r in rows]


def _search_matches(a: Acc, typed: str) -> bool:
    """Part of the ID, the name (no spaces), the mobile (as stored or with the trunk 0) or
    the e-mail: the same meaning at every length."""
    q = normalise_query(typed)
    if not q:
        return True
    fields = [str(a.id), "".join(a.name.split()).casefold(), a.mobile, (a.email or "").casefold()]
    if a.mobile.startswith("+91"):
        fields.append("0" + a.mobile[3:])
    return any(q in f for f in fields)


def oracle(accounts: list[Acc], query: aq.AccountQuery) -> list[int]:
    f, s = query.filter, query.scope
    kept = [
        a for a in accounts
        if (s.branch_id is None or a.branch_id == s.branch_id)
        and (s.reseller_id is None or a.reseller_id == s.reseller_id)
        and (f.branch_id is None or a.branch_id == f.branch_id)
        and (f.area_id is None or a.area_id == f.area_id)
        and (f.status is None or a.status == f.status)
        and (f.account_manager_id is None or a.manager_id == f.account_manager_id)
        and (f.sales_executive_id is None or a.sales_id == f.sales_executive_id)
        and (f.reseller_id is None or a.reseller_id == f.reseller_id)
        and _search_matches(a, f.search)
    ]
    keys = {
        aq.SortKey.ID: lambda a: (a.id, a.rowid),
        aq.SortKey.NAME: lambda a: (a.name, a.rowid),
        aq.SortKey.BRANCH: lambda a: (a.branch_name, a.name, a.rowid),
        aq.SortKey.MOBILE: lambda a: (a.mobile, a.rowid),
        aq.SortKey.BALANCE: lambda a: (a.balance, a.rowid),
        # SQLite puts NULL first in ascending order
        aq.SortKey.LAST_SEEN: lambda a: (a.last_seen is not None, a.last_seen or 0, a.rowid),
        aq.SortKey.PLAN_TYPE: lambda a: (a.prepaid, a.name, a.rowid),
        aq.SortKey.STATUS: lambda a: (a.status, a.name, a.rowid),
    }
    kept.sort(key=keys[query.sort], reverse=query.descending)
    return [a.rowid for a in kept]


def run(engine: Engine, query: aq.AccountQuery) -> tuple[list[int], int, list[int]]:
    with engine.connect() as conn:
        ids = ordered_rowids(conn, query)
        assert ids is not None
        n = count(conn, query)
        first = [r.rowid for r in first_page(conn, query, 50)]
    return list(ids), n, first


def check(engine: Engine, accounts: list[Acc], query: aq.AccountQuery) -> list[int]:
    expected = oracle(accounts, query)
    ids, n, first = run(engine, query)
    assert ids == expected
    assert n == len(expected)
    assert first == expected[:50]
    return ids


def _values(accounts: list[Acc], attr: str) -> list:
    return sorted({getattr(a, attr) for a in accounts if getattr(a, attr) is not None})


@pytest.mark.parametrize("sort", list(aq.SortKey))
@pytest.mark.parametrize("descending", [False, True])
def test_every_sort_key_both_ways(engine, accounts, sort, descending) -> None:
    ids = check(engine, accounts, aq.AccountQuery(sort=sort, descending=descending))
    assert len(ids) == ACCOUNTS


@pytest.mark.parametrize(
    ("field", "attr"),
    [
        ("branch_id", "branch_id"),
        ("area_id", "area_id"),
        ("status", "status"),
        ("account_manager_id", "manager_id"),
        ("sales_executive_id", "sales_id"),
        ("reseller_id", "reseller_id"),
    ],
)
def test_every_filter_alone(engine, accounts, field, attr) -> None:
    values = _values(accounts, attr)
    assert len(values) >= 2
    for value in values[:6]:
        for sort in (aq.SortKey.NAME, aq.SortKey.BALANCE):
            ids = check(engine, accounts, aq.AccountQuery(
                filter=aq.AccountFilter(**{field: value}), sort=sort))
            assert ids


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_filters_combined_in_any_order(engine, accounts, data) -> None:
    pick = data.draw(st.sampled_from(accounts))  # combos that match something, and not
    def maybe(value):
        return data.draw(st.sampled_from([None, value]))
    f = aq.AccountFilter(
        branch_id=maybe(pick.branch_id),
        area_id=maybe(pick.area_id),
        status=data.draw(st.sampled_from([None, pick.status, "Suspended", "Terminated"])),
        account_manager_id=maybe(pick.manager_id),
        sales_executive_id=maybe(pick.sales_id),
        reseller_id=data.draw(st.sampled_from([None, pick.reseller_id, 1])),
        search=data.draw(st.sampled_from(["", pick.name[:2], pick.name[:5], str(pick.id)[-4:]])),
    )
    query = aq.AccountQuery(
        filter=f,
        sort=data.draw(st.sampled_from(list(aq.SortKey))),
        descending=data.draw(st.booleans()),
    )
    check(engine, accounts, query)


def test_conflicting_branch_and_area_match_nothing(engine, accounts) -> None:
    a = accounts[0]
    other_branch = next(b.branch_id for b in accounts if b.branch_id != a.branch_id)
    q = aq.AccountQuery(filter=aq.AccountFilter(branch_id=other_branch, area_id=a.area_id))
    assert run(engine, q) == ([], 0, [])
    q = aq.AccountQuery(filter=aq.AccountFilter(area_id=999_999))
    assert run(engine, q) == ([], 0, [])


def _one(engine, typed: str) -> list[int]:
    with engine.connect() as conn:
        ids = ordered_rowids(conn, aq.AccountQuery(filter=aq.AccountFilter(search=typed)))
    return list(ids or [])


def test_quick_search_on_each_field(engine, accounts) -> None:
    target = next(a for a in accounts if a.email)
    by_rowid = {a.rowid: a for a in accounts}
    national = national_mobile(target.mobile)
    local, domain = target.email.split("@")
    cases = {
        "id": str(target.id),
        "id substring": str(target.id)[2:7],
        "name": target.name,
        "name upper no spaces": target.name.upper().replace(" ", ""),
        "name spaced": "  ".join(target.name.split()),
        "mobile national": national,
        "mobile +91 spaced": f"+91 {national[:5]} {national[5:]}",
        "mobile 0-prefixed": "0" + national,
        "mobile middle": national[3:8],
        "email": target.email.upper(),
        "email local part": local,
        "email domain": domain[:6],
    }
    for label, typed in cases.items():
        found = _one(engine, typed)
        assert target.rowid in found, label
        assert found == oracle(accounts, aq.AccountQuery(filter=aq.AccountFilter(search=typed)))
        assert all(_search_matches(by_rowid[r], typed) for r in found), label


@pytest.mark.parametrize("typed", ["a", "S", "se", "Ka", "9", "98", "1", "10", "0", "7 ", "qz"])
def test_short_queries_are_substrings(engine, accounts, typed) -> None:
    found = _one(engine, typed)
    assert found == oracle(accounts, aq.AccountQuery(filter=aq.AccountFilter(search=typed)))


def test_short_queries_walk_when_common_and_use_the_trigram_index_when_rare(
    engine, accounts
) -> None:
    with engine.connect() as conn:
        bigrams = sorted({a.name.casefold()[i:i + 2] for a in accounts
                          for i in range(len(a.name) - 1)} - {" "})
        uncommon_text = next(
            b for b in bigrams if " " not in b and query_share(conn, b) < 0.02
        )
        common = search_plan(conn, "a")
        rare = search_plan(conn, "qz")
        assert search_plan(conn, "") is None
        assert common is not None and common.walks
        assert rare is not None and rare.impossible  # no trigram starts with "qz"
        uncommon = search_plan(conn, uncommon_text)
        assert uncommon is not None and uncommon.match is not None
        terms = trigrams_starting_with(conn, uncommon_text)
        assert terms and all(t.startswith(uncommon_text) and len(t) == 3 for t in terms)
        assert uncommon.match == " OR ".join(f'"{t}"' for t in terms)
        sql, params = ordered_rowids_sql(
            conn, aq.AccountQuery(filter=aq.AccountFilter(search=uncommon_text))
        )
        plan = " ".join(r[3] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, params))
    assert "SCAN account_search VIRTUAL TABLE INDEX 0:M" in plan, plan


HOSTILE = [
    '"', "'", "*", "%", "_", "\\", "AND", "OR", "NOT", "NEAR(", 'a" OR "b', "x*", "^abc",
    "a AND b", "col:val", "%_%", "'; DROP TABLE accounts; --", "\x00", "a\x00b", "😀",
    "நன்றி", "x" * 10_000, "😀" * 3000, "   ", "+91", "+", "-", "()", "{}", "[abc]",
]


@pytest.mark.parametrize("typed", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_search_never_errors_and_is_literal(engine, accounts, typed) -> None:
    found = _one(engine, typed)
    assert found == oracle(accounts, aq.AccountQuery(filter=aq.AccountFilter(search=typed)))
    with engine.connect() as conn:
        assert count(conn, aq.AccountQuery(filter=aq.AccountFilter(search=typed))) == len(found)
        assert conn.execute(text("SELECT count(*) FROM accounts")).scalar() == ACCOUNTS


def test_wildcards_match_literally_when_present(engine, accounts) -> None:
    with engine.begin() as conn:
        conn.execute(text("UPDATE accounts SET email = 'odd_%*\"x@example.in' WHERE rowid = 1"))
        a = conn.execute(text("SELECT id, name, mobile, email FROM accounts WHERE rowid = 1")).one()
        conn.execute(text("UPDATE account_search SET text = :t WHERE rowid = :i"),
                     {"t": account_search_text(*a), "i": a[0]})
    try:
        assert _one(engine, '_%*"') == [1]
        assert _one(engine, "odd_%") == [1]
    finally:
        with engine.begin() as conn:
            conn.execute(text("UPDATE accounts SET email = :e WHERE rowid = 1"),
                         {"e": accounts[0].email})


def test_scopes_limit_rows_and_lists(engine, accounts) -> None:
    branch = accounts[0].branch_id
    scope = aq.Scope(branch_id=branch)
    ids = check(engine, accounts, aq.AccountQuery(scope=scope))
    assert ids and len(ids) < ACCOUNTS
    with engine.connect() as conn:
        options = filter_options(conn, scope)
        assert [c.id for c in options.branches] == [branch]
        assert options.areas and all(c.branch_id == branch for c in options.areas)
        assert all(c.branch_id == branch for c in options.account_managers)
        assert all(c.branch_id == branch for c in options.resellers)
        assert set(options.statuses) == {a.status for a in accounts if a.branch_id == branch}
        assert total(conn, scope) == len(ids)
    # another branch's area inside this scope: nothing
    other = next(a for a in accounts if a.branch_id != branch)
    q = aq.AccountQuery(scope=scope, filter=aq.AccountFilter(area_id=other.area_id))
    assert run(engine, q) == ([], 0, [])
    reseller = next(a.reseller_id for a in accounts if a.reseller_id)
    check(engine, accounts, aq.AccountQuery(scope=aq.Scope(reseller_id=reseller)))
    with engine.connect() as conn:
        options = filter_options(conn, aq.Scope(reseller_id=reseller))
        assert [c.id for c in options.resellers] == [reseller]
        assert len(options.branches) == 1


def test_rows_by_rowid_returns_the_table_columns(engine, accounts) -> None:
    wanted = [a.rowid for a in accounts[:5]]
    with engine.connect() as conn:
        rows = aq.rows_by_rowid(conn, wanted)
        assert aq.rows_by_rowid(conn, []) == {}
    for a in accounts[:5]:
        row = rows[a.rowid]
        assert (row.id, row.name, row.branch_name, row.mobile, row.balance_paise, row.prepaid,
                row.status, row.last_seen) == (a.id, a.name, a.branch_name, a.mobile, a.balance,
                                               a.prepaid, a.status, a.last_seen)


def test_a_cancelled_list_stops_and_returns_none(engine) -> None:
    with engine.connect() as conn:
        assert ordered_rowids(conn, aq.AccountQuery(), cancelled=lambda: True) is None
        # the connection is still usable afterwards
        assert count(conn, aq.AccountQuery()) == ACCOUNTS


def test_filtered_lists_read_the_covering_index(engine) -> None:
    q = aq.AccountQuery(
        filter=aq.AccountFilter(branch_id=1, status="Active"), sort=aq.SortKey.BALANCE
    )
    with engine.connect() as conn:
        sql, params = ordered_rowids_sql(conn, q)
        plan = " ".join(r[3] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, params))
        count_plan = " ".join(r[3] for r in conn.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT count(*) FROM accounts a "
            "WHERE a.branch_id = 1 AND a.status = 'Active' AND a.area_id = 1"))
    assert f"COVERING INDEX {LIST_INDEX}" in plan
    assert f"COVERING INDEX {LIST_INDEX}" in count_plan


def test_the_full_list_comes_packed_and_unpacks_to_the_same_rowids() -> None:
    """ordered_rowids reads one packed value (16 hex digits a rowid), not a row per id."""
    values = [1, 2, 255, 2**31 + 7, 2**62, -1, -(2**63)]
    packed = "".join(f"{v & 0xFFFF_FFFF_FFFF_FFFF:016x}" for v in values)
    for handed in (packed, packed.encode()):  # as SQLite hands it over: bytes
        unpacked = unpack_rowids(handed)
        assert unpacked.typecode == "q" and list(unpacked) == values
    assert list(unpack_rowids("")) == list(unpack_rowids(b"")) == []


def test_the_full_list_is_one_value_from_sqlite(engine) -> None:
    statements: list[str] = []
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        raw.set_trace_callback(statements.append)
        try:
            ids = ordered_rowids(conn, aq.AccountQuery(sort=aq.SortKey.BALANCE))
        finally:
            raw.set_trace_callback(None)
    assert ids is not None and len(ids) == ACCOUNTS and ids.typecode == "q"
    assert any("group_concat(printf('%016x', r), '')" in s for s in statements), statements


def test_a_rare_search_by_name_reads_each_match_from_the_narrow_index(engine, accounts) -> None:
    """Sorted by name with no sidebar filter, a trigram search's matches are looked up in
    ix_accounts_id_name; with a filter or another sort, in an index that holds those
    columns. The rows are the oracle's either way."""
    name = next(a.name for a in accounts if len(a.name) >= 8)
    typed = name[2:7]
    cases = [
        (aq.AccountQuery(filter=aq.AccountFilter(search=typed)), True),
        (aq.AccountQuery(filter=aq.AccountFilter(search=typed), descending=True), True),
        (aq.AccountQuery(filter=aq.AccountFilter(search=typed, status="Active")), False),
        (aq.AccountQuery(filter=aq.AccountFilter(search=typed), sort=aq.SortKey.BALANCE),
         False),
    ]
    with engine.connect() as conn:
        assert search_plan(conn, typed).match is not None
        for query, narrow in cases:
            sql, params = ordered_rowids_sql(conn, query)
            plan = " ".join(r[3] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql,
                                                               params))
            assert (f"COVERING INDEX {ID_NAME_INDEX}" in plan) is narrow, (query, plan)
            assert list(ordered_rowids(conn, query) or []) == oracle(accounts, query)
            page = first_page(conn, query, 50)
            assert [r.rowid for r in page] == oracle(accounts, query)[:50]
