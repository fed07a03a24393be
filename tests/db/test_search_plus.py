"""A rare search that starts with "+" (a mobile typed with its country code) is looked up
in the trigram index without its "+", then each match's text is tested for the whole text
(db.account_search_plan): exact, whatever else holds its digits."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from db import account_query as aq
from db import replica
from db.account_first_page import count, first_page
from db.account_id_list import ordered_rowids
from db.account_search_plan import fts_phrase, search_plan
from db.cache import open_cache
from tests.db.test_search_grams import _account, _reference


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Engine]:
    engine = open_cache(tmp_path / "cache.sqlite3")
    branch = {"id": 1, "code": "CBE", "name": "Coimbatore", "zone_id": 1,
              "time_zone": "Asia/Kolkata", "version": 1}
    accounts = [
        _account(10000001, "Holds the digits", "+919198765123"),  # "9198765", no "+"
        _account(10000002, "Mobile starts so", "+919876512345"),  # "+9198765"
        _account(10000003, "In the e-mail", "+918012345678", "ravi+9198765@gmail.com"),
        _account(19198765, "In the ID", "+917008123456"),  # "9198765" in the ID only
        _account(10000005, "Other", "+14155550123"),
        _account(10000006, "Trunk form", "+919919876500"),  # "09919876500": no "+9198765"
        # others, so that the two matches are rare (a common text is walked instead)
        *(_account(10000100 + k, f"Filler {k}", f"+9170000{k:05d}") for k in range(80)),
    ]
    replica.apply_page(engine, [
        {"table": "zones", "op": "upsert", "row": {"id": 1, "name": "West", "version": 1}},
        {"table": "branches", "op": "upsert", "row": branch},
        *({"table": "accounts", "op": "upsert", "row": a} for a in accounts),
    ], "c1", "e")
    yield engine
    engine.dispose()


@pytest.mark.parametrize("typed", ["+91 98765", "+91 9876512345", "+9198765123", "+1 415"])
def test_a_rare_plus_search_is_exact(cache, typed: str) -> None:
    with cache.connect() as conn:
        plan = search_plan(conn, typed)
        assert plan is not None and plan.verify
        assert plan.match == fts_phrase(plan.text[1:])
        for descending in (False, True):
            query = aq.AccountQuery(filter=aq.AccountFilter(search=typed),
                                    descending=descending)
            expected = _reference(cache, typed, descending)
            assert list(ordered_rowids(conn, query) or []) == expected
            assert count(conn, query) == len(expected)
            assert count(conn, query, up_to=1) == min(1, len(expected))
            assert [r.rowid for r in first_page(conn, query, 10)] == expected
    if typed == "+91 98765":
        assert len(expected) == 2  # the mobile and the e-mail; not the ID, nor bare digits


def test_short_plus_searches_keep_the_whole_phrase(cache) -> None:
    with cache.connect() as conn:
        for typed in ("+91", "+919", "+91 9", "+9"):  # grams, or too short to drop the "+"
            plan = search_plan(conn, typed)
            assert plan is not None and not plan.verify, typed
