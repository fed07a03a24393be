"""Quick search against a plain SQL reference: one meaning at every length (issue 18).

The reference is the obvious SQL: a full scan of ``accounts`` with ``LIKE '%q%'`` over each
searched field and the table's ``ORDER BY`` written out here. For a few thousand seeded
random queries — substrings of real IDs, names, mobiles and e-mails of the generated cache,
whole values as typed, and random 1–6 character strings — with random filters and every
sort key both ways, the list ``db.account_query`` returns must be the reference's list,
row for row; its counts and first page must agree with it. Typing a value one character at
a time must never make the count grow.

The demo names and e-mails are ASCII, so ``LIKE``'s ASCII-only case folding is the same as
the app's ``casefold()`` here.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine

from db import account_query as aq
from db.account_first_page import count, first_page
from db.account_id_list import ordered_rowids
from db.cache import open_cache
from db.search import normalise_query
from demo.data import generate
from tests.conftest import DEMO_TODAY

ACCOUNTS = 3_000
QUERIES = 2_500
PAGE = 120  # the table's first page

#: The searched fields, as SQL over the plain table.
FIELDS = (
    "CAST(a.id AS TEXT)",
    "replace(a.name, ' ', '')",
    "a.mobile",
    "CASE WHEN a.mobile LIKE '+91%' THEN '0' || substr(a.mobile, 4) END",
    "a.email",
)

#: The table's sort keys as plain ORDER BY terms (written out, not taken from the code).
ORDER = {
    aq.SortKey.ID: ["a.id"],
    aq.SortKey.NAME: ["a.name"],
    aq.SortKey.BRANCH: ["b.name", "a.name"],
    aq.SortKey.MOBILE: ["a.mobile"],
    aq.SortKey.BALANCE: ["a.balance_paise"],
    aq.SortKey.LAST_SEEN: ["a.last_seen"],
    aq.SortKey.PLAN_TYPE: ["a.prepaid", "a.name"],
    aq.SortKey.STATUS: ["a.status", "a.name"],
}


@dataclass(frozen=True)
class Acc:
    id: int
    name: str
    mobile: str
    email: str | None
    branch_id: int
    area_id: int
    status: str
    manager_id: int | None
    sales_id: int | None
    reseller_id: int | None


def generated_cache(tmp_path_factory: pytest.TempPathFactory, seed: int) -> Iterator[Engine]:
    """A cache of ACCOUNTS generated demo accounts (a module fixture's body)."""
    path: Path = tmp_path_factory.mktemp("qsref") / "cache.sqlite3"
    eng = open_cache(path)
    generate(eng, ACCOUNTS, seed=seed, today=DEMO_TODAY)
    yield eng
    eng.dispose()


def accounts_of(engine: Engine) -> list[Acc]:
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT id, name, mobile, email, branch_id, area_id, status, account_manager_id, "
            "sales_executive_id, reseller_id FROM accounts ORDER BY id"
        ).all()
    return [Acc(*r) for r in rows]


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    yield from generated_cache(tmp_path_factory, seed=18)


@pytest.fixture(scope="module")
def accounts(engine: Engine) -> list[Acc]:
    return accounts_of(engine)


def _like(q: str) -> str:
    return "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def reference(conn: Connection, query: aq.AccountQuery) -> list[int]:
    """The matching rowids in display order: a plain scan with LIKE, no index, no FTS."""
    f, s = query.filter, query.scope
    terms, params = [], []
    for column, value in (
        ("a.branch_id", s.branch_id), ("a.reseller_id", s.reseller_id),
        ("a.branch_id", f.branch_id), ("a.area_id", f.area_id), ("a.status", f.status),
        ("a.account_manager_id", f.account_manager_id),
        ("a.sales_executive_id", f.sales_executive_id), ("a.reseller_id", f.reseller_id),
    ):
        if value is not None:
            terms.append(f"{column} = ?")
            params.append(value)
    q = normalise_query(f.search)
    if q:
        terms.append("(" + " OR ".join(f"{x} LIKE ? ESCAPE '\\'" for x in FIELDS) + ")")
        params += [_like(q)] * len(FIELDS)
    direction = " DESC" if query.descending else ""
    order = ", ".join(f"{t}{direction}" for t in [*ORDER[query.sort], "a.rowid"])
    sql = (
        "SELECT a.rowid FROM accounts a NOT INDEXED JOIN branches b ON b.id = a.branch_id"
        + (" WHERE " + " AND ".join(terms) if terms else "")
        + f" ORDER BY {order}"
    )
    return [r[0] for r in conn.exec_driver_sql(sql, tuple(params))]


def _substring(rng: random.Random, value: str) -> str:
    start = rng.randrange(len(value))
    return value[start:start + rng.randint(1, len(value) - start)]


ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789@.+-_%|\"*' é😀"


def typed_value(rng: random.Random, a: Acc) -> str:
    """A field of ``a`` as someone might type it."""
    national = a.mobile[3:]
    choices = [
        str(a.id),
        a.name,
        a.name.upper(),
        a.name.replace(" ", ""),
        national,
        f"+91 {national[:5]} {national[5:]}",
        "+91" + national,
        "0" + national,
    ]
    if a.email:
        choices.append(a.email)
    return rng.choice(choices)


def random_search(rng: random.Random, accounts: list[Acc]) -> str:
    kind = rng.random()
    if kind < 0.45:
        return _substring(rng, typed_value(rng, rng.choice(accounts)))
    if kind < 0.6:
        return typed_value(rng, rng.choice(accounts))
    if kind < 0.95:
        return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 6)))
    return rng.choice(["", " ", "kumar", "k", "ku", "kum", "+", "+9", "+91", "0", "@"])


def random_filter(rng: random.Random, accounts: list[Acc], search: str) -> aq.AccountFilter:
    if rng.random() < 0.55:
        return aq.AccountFilter(search=search)
    pick = rng.choice(accounts)

    def maybe(value: object) -> object:
        return value if rng.random() < 0.35 else None

    return aq.AccountFilter(
        branch_id=maybe(pick.branch_id),
        area_id=maybe(pick.area_id),
        status=rng.choice([None, None, pick.status, "Active", "Suspended"]),
        account_manager_id=maybe(pick.manager_id),
        sales_executive_id=maybe(pick.sales_id),
        reseller_id=maybe(pick.reseller_id),
        search=search,
    )


def random_queries(accounts: list[Acc], n: int, seed: int) -> list[aq.AccountQuery]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        f = random_filter(rng, accounts, random_search(rng, accounts))
        out.append(aq.AccountQuery(
            filter=f, sort=rng.choice(list(aq.SortKey)), descending=rng.random() < 0.5
        ))
    return out


def test_random_queries_match_the_plain_sql_reference(engine, accounts) -> None:
    mismatches = []
    with engine.connect() as conn:
        for query in random_queries(accounts, QUERIES, seed=18):
            expected = reference(conn, query)
            got = ordered_rowids(conn, query)
            assert got is not None
            first = [r.rowid for r in first_page(conn, query, PAGE)]
            n = count(conn, query)
            capped = count(conn, query, up_to=50)
            if (list(got), first, n, capped) != (
                expected, expected[:PAGE], len(expected), min(50, len(expected))
            ):
                mismatches.append(
                    f"{query.filter} by {query.sort} desc={query.descending}: "
                    f"{len(got)} listed, {n} counted, {len(expected)} expected"
                )
    assert not mismatches, f"{len(mismatches)} of {QUERIES} differ, e.g.:\n" + "\n".join(
        mismatches[:10]
    )


def test_short_queries_are_substrings_like_long_ones(engine, accounts) -> None:
    """One and two characters mean "part of", as three do: ``ku`` finds every ``kum``."""
    with engine.connect() as conn:
        for typed in ("k", "ku", "kum", "um", "ar", "r", "3", "45", "@", "om", "m."):
            query = aq.AccountQuery(filter=aq.AccountFilter(search=typed))
            assert list(ordered_rowids(conn, query) or []) == reference(conn, query), typed


def _typing(value: str) -> list[str]:
    return [value[: i + 1] for i in range(len(value))]


def test_typing_one_character_at_a_time_never_increases_the_count(engine, accounts) -> None:
    rng = random.Random(1818)
    values = ["kumar", "Senthil Kumar", "+91 98765 43210", "09876543210", "rajesh.k@"]
    values += [typed_value(rng, rng.choice(accounts)) for _ in range(150)]
    with engine.connect() as conn:
        for value in values:
            f = random_filter(rng, accounts, "")
            counts, previous = [], None
            for typed in _typing(value):
                query = aq.AccountQuery(filter=replace(f, search=typed))
                found = set(ordered_rowids(conn, query) or [])
                counts.append(count(conn, query))
                assert counts[-1] == len(found)
                if previous is not None:
                    assert found <= previous, (value, typed, counts)
                previous = found
            assert counts == sorted(counts, reverse=True), (value, counts)


def test_cache_0006_rewrites_the_search_text_of_an_older_cache(tmp_path: Path) -> None:
    """A cache made before cache_0006 (old '|'-joined text, prefix-only short queries) is
    migrated to the new text and vocabulary; its searches then follow the one meaning."""
    from db import migrate
    from db.engine import sqlite_engine
    from db.search import account_search_text

    path = tmp_path / "cache.sqlite3"
    old = sqlite_engine(path, synchronous="NORMAL", foreign_keys=False)
    migrate.upgrade(old, "cache", "cache_0003")
    generate(old, 300, seed=4, today=DEMO_TODAY)
    with old.begin() as conn:
        rows = conn.exec_driver_sql("SELECT id, name, mobile, email FROM accounts").all()
        conn.exec_driver_sql("DELETE FROM account_search")
        for r in rows:  # the text as cache_0001's sync wrote it: '|'-joined, national mobile
            old_text = "|".join([str(r[0]), "".join(r[1].split()).casefold(), r[2][3:],
                                 (r[3] or "").casefold()])
            conn.exec_driver_sql(
                "INSERT INTO account_search(rowid, text) VALUES (?, ?)", (r[0], old_text)
            )
    old.dispose()
    eng = open_cache(path)  # migrates to head
    try:
        with eng.connect() as conn:
            now = dict(conn.exec_driver_sql("SELECT rowid, text FROM account_search").all())
            assert now == {r[0]: account_search_text(*r) for r in rows}
            for typed in ("k", "ku", "kum", "98", "@g"):
                query = aq.AccountQuery(filter=aq.AccountFilter(search=typed))
                assert list(ordered_rowids(conn, query) or []) == reference(conn, query)
    finally:
        eng.dispose()
