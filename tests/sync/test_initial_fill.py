"""An initial sync into an empty cache groups pages per transaction (SyncCycle's
``bulk_commit_rows``); a failure at any point leaves the cache at a committed page boundary
with its indexes, and the next cycle ends with the same cache as an uninterrupted sync."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from db import replica
from db.schema import DOMAIN_TABLES
from sync.client import SyncClient
from sync.cycle import SyncCycle
from sync.errors import OfflineError
from tests.sync.conftest import ADMIN, Desk, LiveServer, make_desk

PAGE = 300


def _snapshot(engine: Any) -> dict[str, Any]:
    """Every row of every domain table, the search rows and the index names."""
    out: dict[str, Any] = {}
    with engine.connect() as conn:
        for name in DOMAIN_TABLES:
            out[name] = conn.exec_driver_sql(f'SELECT * FROM "{name}" ORDER BY 1, 2').all()
        out["account_search"] = conn.exec_driver_sql(
            "SELECT rowid, text FROM account_search ORDER BY rowid").all()
        out["indexes"] = conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").all()
    return out


def _committed(engine: Any) -> tuple[int, str | None]:
    with engine.connect() as conn:
        n = conn.exec_driver_sql("SELECT count(*) FROM accounts").scalar()
    return int(n), replica.read_cursor(engine)[0]


class _FailingClient:
    """The desk's client, failing its ``fail_at``-th pull (1-based) with ``error``."""

    def __init__(self, client: SyncClient, fail_at: int, error: Exception) -> None:
        self._client = client
        self.fail_at = fail_at
        self.error = error
        self.pulls = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._client, name)

    def pull(self, cursor: str | None, limit: int) -> dict[str, Any]:
        self.pulls += 1
        if self.pulls == self.fail_at:
            raise self.error
        return self._client.pull(cursor, limit)


@pytest.fixture
def reference(tmp_path: Path, live_server: LiveServer) -> Any:
    """An uninterrupted initial sync (pages committed one by one) to compare against."""
    ref = make_desk(tmp_path / "reference", live_server)
    try:
        ref.sign_in(ADMIN)
        assert ref.auth.client is not None
        cycle = SyncCycle(ref.auth.client, ref.cache, ref.outbox, page_size=PAGE,
                          bulk_commit_rows=0)
        outcome = cycle.run()
        assert outcome.ok and outcome.initial, outcome.error
        yield _snapshot(ref.cache)
    finally:
        ref.close()


class _RecordedClient:
    """Every page of an initial pull fetched beforehand, answered at once (so the engine
    never waits for the network and groups pages as it would on a fast link)."""

    def __init__(self, client: SyncClient) -> None:
        self._client = client
        self.pages: dict[str | None, dict[str, Any]] = {}
        cursor: str | None = None
        while True:
            page = client.pull(cursor, PAGE)
            self.pages[cursor] = page
            if not page["has_more"]:
                break
            cursor = page["cursor"]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._client, name)

    def pull(self, cursor: str | None, limit: int) -> dict[str, Any]:
        return self.pages[cursor]


def test_grouped_initial_sync_ends_identical(desk: Desk, reference: Any,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    desk.sign_in(ADMIN)
    assert desk.auth.client is not None
    client = _RecordedClient(desk.auth.client)
    commits: list[int] = []
    real_commit = replica.PageWriter.commit

    def commit(self: replica.PageWriter) -> None:
        if self._conn is not None:
            commits.append(self.pending)
        real_commit(self)

    monkeypatch.setattr(replica.PageWriter, "commit", commit)
    cycle = SyncCycle(client, desk.cache, desk.outbox, page_size=PAGE,  # type: ignore[arg-type]
                      bulk_commit_rows=3 * PAGE)
    outcome = cycle.run()
    assert outcome.ok and outcome.initial, outcome.error
    assert len(client.pages) > 3
    assert len(commits) < len(client.pages)  # pages shared transactions
    assert _snapshot(desk.cache) == reference
    assert replica.read_state(desk.cache, replica.DEFERRED_INDEXES_KEY) is None


def test_offline_mid_fill_keeps_what_was_applied_and_resumes(desk: Desk,
                                                             reference: Any) -> None:
    desk.sign_in(ADMIN)
    assert desk.auth.client is not None
    failing = _FailingClient(desk.auth.client, 4, OfflineError("gone"))
    cycle = SyncCycle(failing, desk.cache, desk.outbox, page_size=PAGE,  # type: ignore[arg-type]
                      bulk_commit_rows=10**9)
    outcome = cycle.run()
    assert outcome.offline
    # The three pages applied before the failed fetch are committed with their cursor,
    # and the deferred indexes are back although the sync did not finish.
    accounts, cursor = _committed(desk.cache)
    assert accounts > 0 and cursor is not None
    assert replica.read_state(desk.cache, replica.DEFERRED_INDEXES_KEY) is None
    assert _snapshot(desk.cache)["indexes"] == reference["indexes"]
    again = SyncCycle(desk.auth.client, desk.cache, desk.outbox, page_size=PAGE).run()
    assert again.ok and not again.initial, again.error
    assert _snapshot(desk.cache) == reference


def test_failed_apply_rolls_back_to_the_last_commit_and_resumes(
    desk: Desk, reference: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk.sign_in(ADMIN)
    assert desk.auth.client is not None
    real_apply = replica.PageWriter.apply
    calls: list[tuple[int, str]] = []

    def apply(self: replica.PageWriter, changes: Any, cursor: str, *rest: Any) -> Any:
        if len(calls) == 3:
            raise replica.ReplicaError("a damaged page")
        summary = real_apply(self, changes, cursor, *rest)
        calls.append((self.pending, cursor))
        return summary

    monkeypatch.setattr(replica.PageWriter, "apply", apply)
    cycle = SyncCycle(desk.auth.client, desk.cache, desk.outbox, page_size=PAGE,
                      bulk_commit_rows=2 * PAGE)
    with pytest.raises(replica.ReplicaError):
        cycle.run()
    # Page 2 filled a transaction (committed with its cursor); page 3 was pending when
    # page 4 failed and is committed only if the engine waited for page 4's fetch (it
    # commits before waiting). Either way the cursor is that of a committed page.
    assert _committed(desk.cache)[1] in (calls[1][1], calls[2][1])
    assert replica.read_state(desk.cache, replica.DEFERRED_INDEXES_KEY) is None
    monkeypatch.setattr(replica.PageWriter, "apply", real_apply)
    again = SyncCycle(desk.auth.client, desk.cache, desk.outbox, page_size=PAGE).run()
    assert again.ok, again.error
    assert _snapshot(desk.cache) == reference


def test_gc_is_paused_during_a_pull_and_restored_as_it_was() -> None:
    import gc

    from sync.gc_pause import gc_paused

    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():  # nested (or another thread's pull)
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()  # someone else turned it off: it stays off
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
    with pytest.raises(RuntimeError), gc_paused():
        raise RuntimeError("a failed pull")
    assert gc.isenabled()


def test_a_sync_cycle_leaves_the_collector_on(desk: Desk) -> None:
    import gc

    desk.sign_in(ADMIN)
    seen: list[bool] = []
    outcome = desk.cycle().run(lambda _d, _a: seen.append(gc.isenabled()))
    assert outcome.ok, outcome.error
    assert seen and not any(seen)  # paused while pages were applied
    assert gc.isenabled()


@pytest.mark.parametrize("prefetch", [1, 2, 3])
def test_cancel_mid_fill_stops_at_a_committed_page_and_resumes(
    desk: Desk, reference: Any, prefetch: int
) -> None:
    desk.sign_in(ADMIN)
    assert desk.auth.client is not None
    counting = _FailingClient(desk.auth.client, 0, OfflineError("never"))
    reports: list[int] = []
    cycle = SyncCycle(counting, desk.cache, desk.outbox,  # type: ignore[arg-type]
                      page_size=PAGE, prefetch_pages=prefetch)
    outcome = cycle.run(lambda done, _a: reports.append(done), lambda: len(reports) >= 2)
    assert outcome.ok, outcome.error
    assert len(reports) == 2 and outcome.pulled_changes == 2 * PAGE
    assert counting.pulls <= 2 + prefetch  # what was fetched ahead is dropped, not applied
    assert replica.read_state(desk.cache, replica.DEFERRED_INDEXES_KEY) is None
    with desk.cache.connect() as conn:
        rows = sum(conn.exec_driver_sql(f'SELECT count(*) FROM "{t}"').scalar()
                   for t in DOMAIN_TABLES)
    assert rows == 2 * PAGE  # the two applied pages, committed with their cursor
    again = SyncCycle(desk.auth.client, desk.cache, desk.outbox, page_size=PAGE,
                      prefetch_pages=prefetch).run()
    assert again.ok and not again.initial, again.error
    assert _snapshot(desk.cache) == reference


def test_prefetch_never_asks_beyond_the_last_page(desk: Desk, reference: Any) -> None:
    desk.sign_in(ADMIN)
    assert desk.auth.client is not None
    counting = _FailingClient(desk.auth.client, 0, OfflineError("never"))
    applied: list[int] = []
    outcome = SyncCycle(counting, desk.cache, desk.outbox,  # type: ignore[arg-type]
                        page_size=PAGE, prefetch_pages=3).run(lambda d, _a: applied.append(d))
    assert outcome.ok, outcome.error
    assert len(applied) > 3
    assert counting.pulls == len(applied)
    assert _snapshot(desk.cache) == reference


def test_a_duplicate_payment_uuid_in_a_fill_fails_the_sync_and_the_next_one_repairs(
        desk: Desk, reference: Any) -> None:
    """The fill defers payments' unique index (cache_0009); a server that sent two payments
    with one ``payment_uuid`` fails the sync with a clear error, leaves the cache empty with
    every index, and the next sync is a whole initial sync again."""
    desk.sign_in(ADMIN)
    assert desk.auth.client is not None
    bad = _RecordedClient(desk.auth.client)
    blocks = [(cursor, b) for cursor, page in bad.pages.items()
              for b in page.get("snapshot") or () if b["table"] == "payments"]
    assert blocks
    _cursor, block = blocks[-1]
    uuid = block["columns"].index("payment_uuid")
    block["rows"][-1][uuid] = blocks[0][1]["rows"][0][uuid]  # a uuid already pulled
    cycle = SyncCycle(bad, desk.cache, desk.outbox, page_size=PAGE,  # type: ignore[arg-type]
                      bulk_commit_rows=3 * PAGE)
    with pytest.raises(replica.ReplicaError, match="pulled again at the next sync"):
        cycle.run()
    assert replica.is_empty(desk.cache)
    assert replica.read_state(desk.cache, replica.DEFERRED_INDEXES_KEY) is None
    assert _snapshot(desk.cache)["indexes"] == reference["indexes"]
    again = SyncCycle(desk.auth.client, desk.cache, desk.outbox, page_size=PAGE).run()
    assert again.ok and again.initial, again.error
    assert _snapshot(desk.cache) == reference
