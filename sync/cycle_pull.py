"""The pull half of a sync cycle: pages from the stored cursor into the cache, each page
and its cursor in one transaction, the next pages fetched while one is written. No Qt.

:class:`CyclePull` is mixed into :class:`sync.cycle.SyncCycle` (whose constructor sets the
attributes it declares); ``SyncCycle.run`` pushes first, then calls :meth:`CyclePull.pull`.
A kiosk's sealing secret is taken out of each page before the cache sees it and kept in the
keyring (:class:`sync.kiosk_key.KioskKey`). The cyclic garbage collector is paused while
pages are applied (:func:`sync.gc_pause.gc_paused`).
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from db import kiosk_store, replica
from db.replica_rows import PreparedSearch, prepare_search
from sync.client import SyncClient
from sync.errors import ApiError, ResyncRequired
from sync.gc_pause import gc_paused
from sync.kiosk_key import KioskKey

if TYPE_CHECKING:
    from sync.cycle import SyncOutcome

log = logging.getLogger(__name__)

#: sync_state: the id (not the secret) of the kiosk key the cache's sealed rows are under.
KIOSK_KEY_ID_KEY = "kiosk_key_id"

Report = Callable[[int, int], None]


def limit_refused(exc: ApiError) -> bool:
    """Whether the server refused a pull for its ``limit`` alone (``422`` naming the query's
    ``limit``): a server older than the desk allows smaller pages (5,000 before 20,000)."""
    if exc.status != 422:
        return False
    error = exc.body.get("error") if isinstance(exc.body, dict) else None
    details = error.get("details") if isinstance(error, dict) else None
    return isinstance(details, list) and any(
        isinstance(d, dict) and isinstance(d.get("loc"), list) and "limit" in d["loc"]
        for d in details)


@dataclass(frozen=True)
class Fetched:
    """A pulled page and its accounts' search rows, made on the fetch thread."""

    page: dict[str, Any]
    prepared: list[PreparedSearch]


class CyclePull:
    """Pulling pages into the cache: :class:`sync.cycle.SyncCycle`'s second half."""

    client: SyncClient
    cache_engine: Any
    page_size: int
    #: Changes per cache transaction while an initial sync fills an empty cache.
    bulk_commit_rows: int
    #: Pages fetched ahead of the one being written.
    prefetch_pages: int
    kiosk_key: KioskKey | None

    def pull(
        self,
        outcome: SyncOutcome,
        account_ids: set[int],
        report: Report | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> None:
        """Pull pages until the server has no more; each page in one cache transaction."""
        replica.restore_indexes(self.cache_engine)  # left behind by an interrupted sync
        cursor, epoch = replica.read_cursor(self.cache_engine)
        if cursor is not None and self._kiosk_key_lost():
            log.warning("pull: this kiosk's key is not in the keyring; pulling afresh")
            replica.clear(self.cache_engine, keep_owner=True)
            cursor = None
        outcome.initial = cursor is None
        if outcome.previous_epoch is None:
            outcome.previous_epoch = epoch
        try:
            with gc_paused():
                self._pull_pages(outcome, account_ids, cursor, epoch, report, cancelled)
        finally:
            replica.restore_indexes(self.cache_engine)

    def _fetch(self, cursor: str | None) -> Fetched:
        """One page from the server, its search rows made while the writer writes. A server
        that refuses pages this big is asked again for half as many, and so on, and the
        size it takes is kept for the pages after (one fetch thread: no race)."""
        while True:
            try:
                page = self.client.pull(cursor, self.page_size)
                break
            except ApiError as exc:
                if self.page_size <= 1 or not limit_refused(exc):
                    raise
                log.warning("pull: the server refused pages of %d changes; asking for %d",
                            self.page_size, self.page_size // 2)
                self.page_size //= 2
        return Fetched(page, prepare_search(page.get("snapshot")))

    def _pull_after(self, previous: Future[Fetched | None]) -> Fetched | None:
        """The page after ``previous`` (already fetched: the fetcher has one worker); None
        when it was the last. A failed ``previous`` fails this one the same way."""
        fetched = previous.result()
        if fetched is None or not fetched.page.get("has_more"):
            return None
        return self._fetch(str(fetched.page["cursor"]))

    def _pull_pages(
        self,
        outcome: SyncOutcome,
        account_ids: set[int],
        cursor: str | None,
        epoch: str | None,
        report: Report | None,
        cancelled: Callable[[], bool] | None,
    ) -> None:
        total = replica.ApplySummary()
        resets = 0
        bulk = cursor is None and replica.is_empty(self.cache_engine)
        if bulk:
            replica.defer_indexes(self.cache_engine)
        writer = replica.PageWriter(self.cache_engine, self.bulk_commit_rows if bulk else 0)
        fetcher = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-fetch")
        # Pages fetched ahead, in order; each one's fetch waits for the one before it (one
        # worker) and uses its cursor.
        ahead: deque[Future[Fetched | None]] = deque([fetcher.submit(self._fetch, cursor)])
        try:
            with writer:
                while True:
                    future = ahead[0]
                    if not future.done() or future.exception() is not None:
                        # No write transaction held while waiting for the network, and
                        # what was applied is kept when the fetch failed.
                        writer.commit()
                    try:
                        fetched = future.result()
                        if fetched is None:  # pragma: no cover - the page before had no more
                            break
                        page = fetched.page
                        page_epoch = page.get("server_epoch")
                        if cursor and epoch and page_epoch and page_epoch != epoch:
                            raise ResyncRequired(410, "resync", "The server has a new epoch.")
                    except ResyncRequired:
                        resets += 1
                        if resets > 2:
                            raise
                        log.warning("pull: the server asks for a resync; rebuilding the cache")
                        writer.commit()
                        replica.clear(self.cache_engine, keep_owner=True)
                        if self.kiosk_key is not None:
                            self.kiosk_key.forget()  # the new key comes with the pull
                        replica.defer_indexes(self.cache_engine)
                        writer.commit_rows = self.bulk_commit_rows
                        outcome.reset = outcome.initial = True
                        cursor = epoch = None
                        ahead.clear()  # fetched after the refused page: they fail at once
                        ahead.append(fetcher.submit(self._fetch, None))
                        continue
                    ahead.popleft()
                    has_more = bool(page.get("has_more"))
                    next_cursor = str(page["cursor"])
                    if has_more and not (cancelled and cancelled()):
                        last = future
                        while len(ahead) < self.prefetch_pages:
                            last = fetcher.submit(self._pull_after, ahead[-1] if ahead else last)
                            ahead.append(last)
                    key, changes, snapshot = kiosk_store.take_key(
                        page["changes"], page.get("snapshot"))
                    if key is not None:
                        writer.commit()
                        self._keep_kiosk_key(*key)
                    summary = writer.apply(changes, next_cursor, page_epoch, snapshot,
                                           fetched.prepared)
                    cursor, epoch = next_cursor, page_epoch or epoch
                    outcome.server_epoch = epoch
                    total.add(summary)
                    if report is not None and outcome.initial:
                        report(total.changes, total.accounts)
                    if not has_more or (cancelled and cancelled()):
                        writer.commit()
                        break
        finally:
            fetcher.shutdown(wait=True, cancel_futures=True)
        outcome.pulled_changes = total.changes
        outcome.pulled_accounts = total.accounts
        ids = account_ids | total.account_ids
        many = outcome.reset or outcome.initial or len(ids) > replica.MANY_ACCOUNTS
        outcome.account_ids = None if many else sorted(ids)

    def _kiosk_key_lost(self) -> bool:
        """The cache's sealed rows are under a key the keyring does not hold (lost with
        the keyring, a memory-only one after a restart, or dropped by migration)."""
        if self.kiosk_key is None:
            return False
        wanted = replica.read_state(self.cache_engine, KIOSK_KEY_ID_KEY)
        return wanted is not None and self.kiosk_key.key_id() != wanted

    def _keep_kiosk_key(self, key_id: str, secret_hex: str) -> None:
        """Keep a delivered kiosk secret in the keyring, never in the cache; remember its
        id in the cache so a lost key is noticed (:meth:`_kiosk_key_lost`)."""
        if self.kiosk_key is None:
            log.warning("pull: a kiosk key arrived and this desk has nowhere to keep it; "
                        "dropped (offline look-up stays off)")
            return
        if self.kiosk_key.store(key_id, secret_hex):
            replica.write_state(self.cache_engine, KIOSK_KEY_ID_KEY, key_id)
