"""A first page read off the gram table's walk (issue 18): exact, and only when short.

A search that contains grams of the dictionary without being one (``kum``, ``+91 88``)
may read its first page by walking the gram table in name order: rows without all of the
query's gram bits are skipped, the others have their text tested. Checked here against the
plain SQL reference of :mod:`tests.db.test_quick_search_reference`: the walk's pages, the
fall-back when the walk stops at its bound before the page is full, the estimate that
keeps a long walk (matches far down the name order) from being tried, and a rename after
the sample's name order was read.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from db import account_query as aq
from db import account_where
from db.account_first_page import first_page
from db.account_search_plan import SearchPlan, search_plan
from db.account_search_sample import Sample
from db.account_where import _gram_prefilter
from db.cache import open_cache
from demo.data import generate
from tests.conftest import DEMO_TODAY
from tests.db.test_quick_search_reference import (
    ACCOUNTS,
    PAGE,
    Acc,
    _substring,
    accounts_of,
    generated_cache,
    reference,
    typed_value,
)


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    yield from generated_cache(tmp_path_factory, seed=1818)


@pytest.fixture(scope="module")
def accounts(engine: Engine) -> list[Acc]:
    return accounts_of(engine)


def _searches(accounts: list[Acc], n: int) -> list[str]:
    rng = random.Random(27)
    typed = ["kum", "+91 9", "+91 88", "an", "ra", "sh", "ar", "ka", "a.", "@gm", "mar"]
    while len(typed) < n:
        typed.append(_substring(rng, typed_value(rng, rng.choice(accounts)))[:6])
    return typed


def test_pages_walked_off_the_gram_table_are_the_reference_pages(engine, accounts) -> None:
    walked = 0
    with engine.connect() as conn:
        for typed in _searches(accounts, 400):
            for descending in (False, True):
                query = aq.AccountQuery(filter=aq.AccountFilter(search=typed),
                                        descending=descending)
                plan = search_plan(conn, typed)
                walked += _gram_prefilter(query, plan, PAGE) is not None
                got = [r.rowid for r in first_page(conn, query, PAGE, search=plan)]
                assert got == reference(conn, query)[:PAGE], (typed, descending)
    assert walked >= 40  # the walk is what answered a good share of them


def test_a_walk_that_stops_at_its_bound_falls_back_to_the_exact_page(
    engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The estimate said "near the top" (a doctored sample), the walk is bounded to 300
    rows and finds fewer than a page: the page comes from the other plan, still exact."""
    monkeypatch.setattr(account_where, "PREFILTER_ROWS", 300)
    with engine.connect() as conn:
        for typed in ("kum", "+91 98", "mar"):
            plan = search_plan(conn, typed)
            assert plan is not None and plan.mask is not None and plan.gram is None
            near_top = dataclasses.replace(
                plan, sample=Sample(2_000, 2_000, 2_000, (0.0,) * 2_000, ACCOUNTS)
            )
            query = aq.AccountQuery(filter=aq.AccountFilter(search=typed))
            walk = _gram_prefilter(query, near_top, PAGE)
            assert walk is not None
            found = conn.exec_driver_sql(walk.replace(":short", "?"), (plan.text,)).all()
            assert len(found) < PAGE  # the bound was reached before the page was full
            got = [r.rowid for r in first_page(conn, query, PAGE, search=near_top)]
            assert got == reference(conn, query)[:PAGE], typed


def test_matches_far_down_the_name_order_are_not_walked_to(engine, accounts) -> None:
    """The first name of the last account in name order: a walk from "A" would read most
    of the table to find it, a walk from the other end finds it at once."""
    with engine.connect() as conn:
        late = conn.exec_driver_sql(
            "SELECT name FROM accounts ORDER BY name DESC LIMIT 1"
        ).scalar().split()[0]
        plan = search_plan(conn, late)
        assert plan is not None and plan.sample is not None
        rows, _ = plan.walk_cost(1, descending=False)
        assert rows > 0.9 * ACCOUNTS
        rows_back, _ = plan.walk_cost(1, descending=True)
        assert rows_back < 0.1 * ACCOUNTS  # from the other end it is near


def test_walk_cost_reads_the_sampled_places() -> None:
    sample = Sample(seen=2_000, hits=4, candidates=100, places=(0.1, 0.2, 0.5, 0.9),
                    accounts=1_000_000)
    plan = SearchPlan("kum", mask=(1, 0, 0, 0, 0), sample=sample)
    # one sampled match stands for 500 accounts' matches: the first is past the 120th
    assert plan.walk_cost(120, descending=False) == (100_000, 5_000)
    assert plan.walk_cost(120, descending=True) == pytest.approx((100_000, 5_000))
    small = dataclasses.replace(sample, accounts=3_000)  # 120 matches: the 80th sampled
    assert plan.walk_cost(120, descending=False)[0] < small.accounts * 1_000
    assert dataclasses.replace(plan, sample=small).walk_cost(120, descending=False) == (
        float("inf"), float("inf")
    )
    two = dataclasses.replace(sample, hits=2, places=(0.1, 0.2))  # too few to tell
    assert dataclasses.replace(plan, sample=two).walk_cost(120, descending=False) == (
        float("inf"), float("inf")
    )
    assert SearchPlan("kum").walk_cost(120, descending=False) == (
        float("inf"), float("inf")
    )


def test_a_rename_after_the_sample_was_read_changes_no_page(tmp_path: Path) -> None:
    """The sample's name order is read once and kept; renames since move accounts in the
    name order (the gram table's triggers follow them), so the kept places are wrong. The
    pages stay exact. (The names are changed in SQL, with a prefix that makes no account
    match or stop matching "kum", so the search texts need no rewrite.)"""
    eng = open_cache(tmp_path / "cache.sqlite3")
    try:
        generate(eng, ACCOUNTS, seed=7, today=DEMO_TODAY)
        query = aq.AccountQuery(filter=aq.AccountFilter(search="kum"))
        with eng.connect() as conn:
            kept = search_plan(conn, "kum")  # reads and keeps the sample's name order
            before = set(reference(conn, query))
        with eng.begin() as conn:  # the first half of the name order moves to the end
            conn.exec_driver_sql(
                "UPDATE accounts SET name = 'Zzz ' || name WHERE id IN "
                "(SELECT id FROM accounts ORDER BY name LIMIT 1500)"
            )
        with eng.connect() as conn:
            assert set(reference(conn, query)) == before
            for descending in (False, True):
                q = dataclasses.replace(query, descending=descending)
                assert _gram_prefilter(q, kept, PAGE) is not None
                for plan in (kept, search_plan(conn, "kum")):
                    got = [r.rowid for r in first_page(conn, q, PAGE, search=plan)]
                    assert got == reference(conn, q)[:PAGE], descending
    finally:
        eng.dispose()
