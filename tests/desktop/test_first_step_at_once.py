"""The table's first step for a rare search: the whole ordered list at once, no count.

A search found through the trigram index that the sample says is rare has its full ordered
list read in the first step (:func:`db.account_first_page.lists_at_once`): count, first page
and exact count come from that list, and the second step has nothing left to do. Checked
against the plain SQL reference of :mod:`tests.db.test_quick_search_reference`, with the
threshold as shipped (every such search of the 2,000-account cache is rare) and at 0 (each
one counted first, then paged), over random searches, filters and sorts.
"""

from __future__ import annotations

import random

import pytest

import db.account_first_page as first_step
import desktop.accounts.table_jobs as jobs
from db import account_query as aq
from db.account_search_plan import search_plan
from tests.db.test_quick_search_reference import reference

SORTS = list(aq.SortKey)


def _searches(ctx, n: int) -> list[str]:
    """Substrings (3-9 characters) of the cache's names, mobiles and IDs."""
    with ctx.cache_engine.connect() as conn:
        values = [
            v for row in conn.exec_driver_sql(
                "SELECT name, substr(mobile, 4), CAST(id AS TEXT) FROM accounts ORDER BY id"
            ) for v in row if v
        ]
    rng = random.Random(9)
    typed = []
    while len(typed) < n:
        value = rng.choice(values)
        start = rng.randrange(max(1, len(value) - 3))
        typed.append(value[start:start + rng.randint(3, 9)])
    return typed


def _queries(ctx) -> list[aq.AccountQuery]:
    rng = random.Random(18)
    queries = []
    for typed in _searches(ctx, 60):
        status = rng.choice([None, None, "Active", "Suspended"])
        queries.append(aq.AccountQuery(filter=aq.AccountFilter(search=typed, status=status),
                                       sort=rng.choice(SORTS), descending=rng.random() < 0.3))
    return queries


@pytest.mark.parametrize("estimate", [first_step.AT_ONCE_ESTIMATE, 0])
def test_the_first_step_of_a_search_is_the_reference(ctx, monkeypatch, estimate) -> None:
    monkeypatch.setattr(first_step, "AT_ONCE_ESTIMATE", estimate)
    counted: list[str] = []
    count = jobs.count
    monkeypatch.setattr(jobs, "count",
                        lambda conn, query, **kw: counted.append(query.filter.search)
                        or count(conn, query, **kw))
    at_once = 0
    for query in _queries(ctx):
        with ctx.cache_engine.connect() as conn:
            expected = reference(conn, query)
            plan = search_plan(conn, query.filter.search)
            listed = first_step.lists_at_once(query, plan, jobs.FIRST_PAGE)
        counted.clear()
        shared: dict[str, bool] = {}
        result = jobs._first_job(ctx.cache_engine, query, 1, None, None, shared)
        assert result is not None
        assert [r.rowid for r in result.rows] == expected[: jobs.FIRST_PAGE], query
        if result.exact:
            assert result.count == len(expected), query
        else:
            assert len(expected) > jobs.COUNT_UP_TO
        if listed:
            at_once += 1
            assert counted == [], query  # no count before the list
            assert result.rowids is not None and list(result.rowids) == expected, query
            assert shared.get("ids_done"), query  # the second step does nothing
            assert jobs._ids_job(ctx.cache_engine, query, 1, shared) is None
        else:
            assert counted, query
    if estimate:
        assert at_once >= 20  # the rare ones, most of these
    else:
        assert at_once == 0
