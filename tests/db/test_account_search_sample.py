"""The quick search's sample (:mod:`db.account_search_sample`): kept, and read again.

The sample's texts are read once and then tested in memory; what a measure says must be
what the same test says in SQLite over the same sampled accounts, and an edit must reach
the estimates once the kept sample is older than ``KEEP_S``.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, event

import db.account_search_sample as sample
from db.account_search_grams import grams_in
from db.account_search_sample import SEARCH_TEXT, measure
from tests.db.test_quick_search_reference import generated_cache


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    yield from generated_cache(tmp_path_factory, seed=2718)


@pytest.fixture(autouse=True)
def _fresh_samples() -> Iterator[None]:
    sample.forget()
    yield
    sample.forget()


def _in_sqlite(engine: Engine, q: str) -> tuple[int, int, int]:
    """Sampled texts, hits and gram candidates counted by SQLite itself."""
    with engine.connect() as conn:
        low, high = conn.exec_driver_sql("SELECT min(id), max(id) FROM accounts").one()
        _, ids = sample._sample_ids(int(low), int(high))
        grams = grams_in(q)
        candidate = " AND ".join(["instr(c0, ?) > 0"] * len(grams)) or "0"
        seen, hits, candidates = conn.exec_driver_sql(
            "SELECT count(*), count(CASE WHEN instr(c0, ?) > 0 THEN 1 END), "
            f"count(CASE WHEN {candidate} THEN 1 END) FROM {SEARCH_TEXT} WHERE id IN ({ids})",
            (q, *grams),
        ).one()
    return int(seen), int(hits), int(candidates)


def test_a_measure_is_what_sqlite_counts_over_the_same_texts(engine) -> None:
    with engine.connect() as conn:
        texts = [r[0] for r in conn.exec_driver_sql(f"SELECT c0 FROM {SEARCH_TEXT} LIMIT 300")]
    rng = random.Random(5)
    queries = ["a", "ar", "kum", "+91", "@", "zzq"]
    for text in texts[:150]:
        start = rng.randrange(len(text))
        queries.append(text[start:start + rng.randint(1, 6)].strip() or "a")
    for q in queries:
        with engine.connect() as conn:
            measured = measure(conn, q)
        assert (measured.seen, measured.hits, measured.candidates) == _in_sqlite(engine, q), q
        assert len(measured.places) == measured.hits
        assert list(measured.places) == sorted(measured.places)


def test_the_texts_are_read_once_then_tested_in_memory(engine) -> None:
    statements: list[str] = []

    def seen(conn, cursor, statement, parameters, context, executemany) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", seen)
    try:
        with engine.connect() as conn:
            first = measure(conn, "an")
            read = len(statements)
            again = measure(conn, "an")
            other = measure(conn, "ra")
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert read >= 3 and any(SEARCH_TEXT in s for s in statements[:read])
    assert again == first and other.hits > 0
    later = statements[read:]
    assert len(later) == 2 and not any(SEARCH_TEXT in s for s in later)  # min/max ids only


def test_an_edit_reaches_the_measure_once_the_sample_is_read_again(engine, monkeypatch) -> None:
    with engine.connect() as conn:
        low, high = conn.exec_driver_sql("SELECT min(id), max(id) FROM accounts").one()
        drawn, _ = sample._sample_ids(int(low), int(high))
        sampled = next(i for i in drawn if conn.exec_driver_sql(
            f"SELECT 1 FROM {SEARCH_TEXT} WHERE id = ?", (i,)).first())
        before = measure(conn, "qqxqq").hits
    assert before == 0
    with engine.begin() as conn:
        conn.exec_driver_sql(
            f"UPDATE {SEARCH_TEXT} SET c0 = c0 || 'qqxqq' WHERE id = ?", (sampled,))
    try:
        with engine.connect() as conn:
            assert measure(conn, "qqxqq").hits == 0  # kept: the estimate lags, never the rows
            monkeypatch.setattr(sample, "KEEP_S", -1.0)
            assert measure(conn, "qqxqq").hits == 1
    finally:
        with engine.begin() as conn:
            conn.exec_driver_sql(
                f"UPDATE {SEARCH_TEXT} SET c0 = replace(c0, 'qqxqq', '') WHERE id = ?",
                (sampled,))
