"""Quick search's gram table (db.account_search_grams): exact bits, kept in step by the sync.

The full list, first page and count of a search that is a gram of the dictionary are read
off the gram table, walked in name order. Here they are checked against a plain Python
reference (the account's search text contains the typed text) on accounts written by the
sync's own write path, including names outside the gram alphabet (Tamil, emoji, the Kelvin
sign that case-folds to ``k``), and again after delta syncs rename an account, change its
mobile and delete another.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from db import account_query as aq
from db import replica
from db.account_first_page import count, first_page
from db.account_id_list import ordered_rowids, ordered_rowids_sql
from db.account_search_grams import COLUMNS, GRAMS, TABLE, gram_bits, gram_term
from db.account_search_plan import search_plan
from db.account_where import packed_name_list
from db.cache import open_cache
from db.search import account_search_text, normalise_query
from demo.data import generate
from tests.conftest import DEMO_TODAY

#: Nothing (every account), grams, characters outside the alphabet, and texts that are not
#: grams.
QUERIES = ("", "k", "K", "ku", "sa", "a", "+", "+9", "+91", "+91 9", "+91 8", "+91 98", "08",
           "98", "z", "@g", "க", "கமலா", "😀", "ra", "zq", "kumar", "_", "-")


def _account(i: int, name: str, mobile: str = "+919876543210",
             email: str | None = None, version: int = 1) -> dict:
    return {
        "id": i, "name": name, "branch_id": 1, "area_id": 1, "reseller_id": None,
        "account_manager_id": None, "sales_executive_id": None, "mobile": mobile,
        "alt_mobile": None, "email": email, "installation_address": None,
        "billing_address": None, "prepaid": True, "status": "Active", "balance_paise": 0,
        "plan_id": None, "plan_expiry": None, "created_at": 1_700_000_000,
        "last_seen": None, "ip_address": None, "router_brand": None,
        "connection_type": None, "mac_address": None, "vlan": None, "version": version,
    }


ACCOUNTS = [
    _account(10000001, "Senthil Kumar", "+919876543210", "senthil@gmail.com"),
    _account(10000002, "கமலா Kannan", "+918012345678"),
    _account(10000003, "Ravi 😀 Shankar", "+917008123456", "ravi_s@yahoo.co.in"),
    _account(10000004, "\u212aelvin Raj", "+916543210987", "kelvin-r@outlook.com"),
    _account(10000005, "Anbu Selvan", "+14155550123", "anbu@example.org"),
    _account(10000006, "Senthil Kumar", "+919800011122"),
    _account(10000007, "Zara Iqbal", "+919812398123", "zara.iqbal@gmail.com"),
]


@pytest.fixture
def cache(tmp_path: Path):
    engine = open_cache(tmp_path / "cache.sqlite3")
    branch = {"id": 1, "code": "CBE", "name": "Coimbatore", "zone_id": 1,
              "time_zone": "Asia/Kolkata", "version": 1}
    rows = [{"table": "zones", "op": "upsert", "row": {"id": 1, "name": "West", "version": 1}},
            {"table": "branches", "op": "upsert", "row": branch},
            *({"table": "accounts", "op": "upsert", "row": a} for a in ACCOUNTS)]
    replica.apply_page(engine, rows, "c1", "e")
    yield engine
    engine.dispose()


def _reference(engine: Engine, typed: str, descending: bool) -> list[int]:
    """Rowids of the accounts whose search text contains the typed text, by name, rowid."""
    q = normalise_query(typed)
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT rowid, id, name, mobile, email FROM accounts").all()
    found = [(r[2], r[0]) for r in rows if q in account_search_text(r[1], r[2], r[3], r[4])]
    return [rowid for _name, rowid in sorted(found, reverse=descending)]


def _check_every_query(engine: Engine) -> None:
    for typed in QUERIES:
        for descending in (False, True):
            query = aq.AccountQuery(filter=aq.AccountFilter(search=typed),
                                    descending=descending)
            expected = _reference(engine, typed, descending)
            with engine.connect() as conn:
                assert list(ordered_rowids(conn, query) or []) == expected, typed
                assert [r.rowid for r in first_page(conn, query, 3)] == expected[:3], typed
                assert count(conn, query) == len(expected), typed
                assert count(conn, query, up_to=2) == min(2, len(expected)), typed


def _gram_rows(engine: Engine) -> set[tuple]:
    with engine.connect() as conn:
        return set(conn.exec_driver_sql(f"SELECT * FROM {TABLE}").all())


def _expected_gram_rows(engine: Engine) -> set[tuple]:
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT name, rowid, id, mobile, email FROM accounts").all()
    return {(r[0], r[1], f"{r[1]:016x}", *gram_bits(account_search_text(r[2], r[0], r[3], r[4])))
            for r in rows}


def test_searches_written_by_the_sync_match_the_reference(cache) -> None:
    assert _gram_rows(cache) == _expected_gram_rows(cache)
    _check_every_query(cache)
    assert _reference(cache, "k", False)  # the Kelvin sign folds to "k": found too
    assert _reference(cache, "க", False) and _reference(cache, "😀", False)


def test_delta_syncs_keep_the_gram_table_in_step(cache) -> None:
    replica.apply_page(cache, [
        # renamed: new characters, new pairs and a new place in the name order
        {"table": "accounts", "op": "upsert",
         "row": _account(10000001, "Aaron Zubair", "+919876543210", "senthil@gmail.com",
                         version=2)},
        # a new mobile: other digit pairs ("08" no longer, "55" now)
        {"table": "accounts", "op": "upsert",
         "row": _account(10000002, "கமலா Kannan", "+919555123412", version=2)},
        {"table": "accounts", "op": "delete", "key": {"id": 10000007}},
        {"table": "accounts", "op": "upsert", "row": _account(10000008, "Kumaran Sa")},
    ], "c2", "e")
    assert _gram_rows(cache) == _expected_gram_rows(cache)
    _check_every_query(cache)
    with cache.connect() as conn:
        query = aq.AccountQuery(filter=aq.AccountFilter(search="zu"))
        assert len(ordered_rowids(conn, query) or []) == 1


def test_clearing_the_replica_empties_the_gram_table(cache) -> None:
    assert len(_gram_rows(cache)) == len(ACCOUNTS)
    replica.clear(cache)
    assert _gram_rows(cache) == set()


def test_full_list_of_a_gram_is_one_walk_in_name_order_without_a_sort(cache) -> None:
    """Before the gram table, "k" found its matches in the text and sorted them (a temp
    b-tree); now the walk of the gram table is the order itself."""
    for descending in (False, True):
        query = aq.AccountQuery(filter=aq.AccountFilter(search="k"), descending=descending)
        with cache.connect() as conn:
            sql, params = ordered_rowids_sql(conn, query)
            plan = " / ".join(r[3] for r in conn.exec_driver_sql(
                f"EXPLAIN QUERY PLAN {sql}", params))
        assert TABLE in plan and "TEMP B-TREE" not in plan, plan


def test_the_packed_full_list_is_a_scan_of_the_gram_tables_only_b_tree(cache) -> None:
    """The packed list of a gram search aggregates a plain scan, with no ORDER BY: its order
    is the table's key order only while the table has no other b-tree to scan (an index
    covering ``h`` would be read in its own order)."""
    with cache.connect() as conn:
        indexes = conn.exec_driver_sql(
            f"SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = '{TABLE}' "
            "AND sql IS NOT NULL").all()
        plans = []
        for typed in ("k", ""):  # a gram, every account
            query = aq.AccountQuery(filter=aq.AccountFilter(search=typed))
            sql = packed_name_list(query, search_plan(conn, typed))
            assert sql is not None
            plans.append([r[3] for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}")])
    assert indexes == []
    assert plans == [[f"SCAN {TABLE}"]] * 2, plans


def test_cache_0010_fills_the_gram_table_of_an_existing_cache(tmp_path: Path) -> None:
    from db import migrate
    from db.engine import sqlite_engine

    path = tmp_path / "cache.sqlite3"
    old = sqlite_engine(path, synchronous="NORMAL", foreign_keys=False)
    migrate.upgrade(old, "cache", "cache_0008_reversals")
    generate(old, 300, seed=9, today=DEMO_TODAY)  # accounts and search text, no grams
    old.dispose()
    engine = open_cache(path)  # migrates to head
    try:
        assert len(_gram_rows(engine)) == 300
        assert _gram_rows(engine) == _expected_gram_rows(engine)
        _check_every_query(engine)
    finally:
        engine.dispose()


def test_gram_terms_only_for_grams_of_the_dictionary() -> None:
    assert gram_term("k") is not None and gram_term("08") is not None
    assert gram_term("+91") is not None and gram_term("sa") is not None
    assert gram_term("+919") is not None and gram_term("+915") is None
    for not_a_gram in ("க", "😀", "zq", "kum", "", "kk"):
        assert gram_term(not_a_gram) is None
    columns = {gram_term(g)[0] for g in GRAMS}  # type: ignore[index]
    assert columns == set(COLUMNS)


_TEXT = st.lists(st.sampled_from(
    [*"akusz09+@._-\n 816", "+91", "க", "😀", "\u212a"]), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_each_gram_bit_is_set_exactly_when_the_text_holds_the_gram(text: str) -> None:
    values = gram_bits(text)
    for gram in GRAMS:
        column, bit = gram_term(gram)  # type: ignore[misc]
        assert bool(values[COLUMNS.index(column)] & bit) == (gram in text), gram
