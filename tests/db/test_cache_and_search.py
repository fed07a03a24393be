"""Cache file: WAL, migrations, corruption handling; quick-search text is literal."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from db import migrate
from db.cache import CacheCorrupt, get_state, open_cache, open_or_rebuild, set_state
from db.search import (
    account_search_text,
    fts_phrase,
    like_pattern,
    normalise_query,
)


@pytest.fixture(scope="module")
def search_engine(tmp_path_factory: pytest.TempPathFactory):
    engine = open_cache(tmp_path_factory.mktemp("s") / "cache.sqlite3")
    rows = [
        (10000001, "Senthil Kumar", "+919876543210", "senthil.kumar@gmail.com"),
        (10000002, "O'Brien \"Quote\" * AND", "+918012345678", None),
        (10000003, "Priya NEAR(x)", "+917000000001", "priya_s%@yahoo.co.in"),
    ]
    with engine.begin() as conn:
        for r in rows:
            conn.execute(text("INSERT INTO account_search(rowid, text) VALUES (:i, :t)"),
                         {"i": r[0], "t": account_search_text(*r)})
    yield engine
    engine.dispose()


def _match(engine, typed: str) -> list[int]:
    q = normalise_query(typed)
    with engine.connect() as conn:
        return list(conn.execute(
            text("SELECT rowid FROM account_search WHERE account_search MATCH :q ORDER BY rowid"),
            {"q": fts_phrase(q)},
        ).scalars())


def test_cache_is_wal_and_at_head(tmp_path: Path) -> None:
    engine = open_cache(tmp_path / "cache.sqlite3")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert migrate.current(conn) == migrate.head("cache")


def test_state_round_trip(tmp_path: Path) -> None:
    engine = open_cache(tmp_path / "cache.sqlite3")
    with engine.begin() as conn:
        set_state(conn, "cursor", "1")
        set_state(conn, "cursor", "2")
    with engine.connect() as conn:
        assert get_state(conn, "cursor") == "2"
        assert get_state(conn, "missing") is None


def test_corrupt_cache_is_discarded_with_a_message(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(CacheCorrupt):
        open_cache(path)
    engine, message = open_or_rebuild(path)
    assert message and "rebuilt" in message and "kept" in message
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM accounts")).scalar() == 0


def test_a_schema_scribbled_with_non_utf8_bytes_is_corrupt_too(tmp_path: Path) -> None:
    """SQLite names the damaged schema text in its error; sqlite3 then fails to decode
    that message (UnicodeDecodeError, not a DatabaseError): still a corrupt cache."""
    import sqlite3

    path = tmp_path / "cache.sqlite3"
    open_cache(path).dispose()
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA writable_schema=ON")
    raw.execute("UPDATE sqlite_master SET sql = CAST(X'435245415445205441424c45a7ff' AS TEXT) "
                "WHERE name = 'branches'")
    raw.commit()
    raw.close()
    with pytest.raises(CacheCorrupt):
        open_cache(path)
    engine, message = open_or_rebuild(path)
    assert message and "rebuilt" in message
    engine.dispose()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("senthil", [10000001]),
        ("SENTHIL KUMAR", [10000001]),
        ("+91 98765 43210", [10000001]),
        ("98765", [10000001]),
        ("0001", [10000001, 10000003]),  # ID of one, mobile of the other
        ("o'brien", [10000002]),
        ('"quote"', [10000002]),
        ("*and", [10000002]),
        ("near(", [10000003]),
        ("_s%@", [10000003]),
        ("nomatch", []),
    ],
)
def test_quick_search_is_literal(search_engine, typed: str, expected: list[int]) -> None:
    assert _match(search_engine, typed) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=60))
def test_any_typed_text_never_errors(search_engine, typed: str) -> None:
    q = normalise_query(typed)
    if "\x00" in q:
        return
    with search_engine.connect() as conn:
        conn.execute(text("SELECT rowid FROM account_search WHERE account_search MATCH :q"),
                     {"q": fts_phrase(q)}).all()
        conn.execute(text("SELECT rowid FROM account_search WHERE text LIKE :p ESCAPE '\\'"),
                     {"p": like_pattern(q)}).all()


def test_like_pattern_escapes_wildcards() -> None:
    assert like_pattern("a%b_c\\") == "%a\\%b\\_c\\\\%"
