"""One sync cycle: push the outbox, then pull the server's changes into the cache. No Qt.

:class:`SyncCycle` is what the desktop's ``SyncEngine`` (desktop/sync/engine.py) runs off
the GUI thread, and what the reliability harness and the benchmarks drive directly.

1. **Push** pending outbox writes in device order, in batches; each answer (applied,
   duplicate, rejected, conflict) is stored with :meth:`Outbox.record_results`. A rejected
   or conflicting write waits in "Needs attention" and never blocks the ones behind it.
   A push whose answer is lost keeps its writes pending; resending them is safe (the server
   answers ``duplicate``: exactly once).
2. **Pull** pages from the stored cursor (:class:`sync.cycle_pull.CyclePull`, mixed in);
   each page and its cursor go into the cache in one transaction
   (:class:`db.replica.PageWriter`). The next page is fetched while the current one is
   written. During an initial sync into an empty cache consecutive pages share a
   transaction until ``BULK_COMMIT_ROWS`` changes are pending (or the next page is not
   there yet): the stored cursor is always the last page of a committed transaction.
   ``410 resync`` (or a new server epoch) drops the cache and pulls from the start; the
   outbox is a different file and is never touched. A kiosk's sealing secret (the
   ``kiosk_keys`` rows) is taken out of each page before the cache sees it and kept in the
   keyring (:class:`sync.kiosk_key.KioskKey`); when the keyring has lost it, the pull
   starts afresh to get it again.

Pushing and then pulling in the same cycle means an applied payment's new balance arrives
moments after the push; until then :func:`db.overlay.provisional_payments` keeps showing it.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.exc import DatabaseError

from billing.messages import Msg
from billing.notice import Notice, join_notices
from db import replica
from db.cache import (
    CACHE_FILLED_FACT,
    DAMAGED_MESSAGE,
    CacheCorrupt,
    rebuild_in_place,
)
from db.cache_edges import is_corruption
from db.cache_schema import sync_state
from db.outbox import Mutation, MutationKind, MutationState, Outbox
from sync.client import SyncClient
from sync.cycle_pull import CyclePull, Report
from sync.errors import ApiError, OfflineError, SyncError, Unauthorized
from sync.kiosk_key import KioskKey

log = logging.getLogger(__name__)

#: Changes a pull page asks for (the server's ``max_pull_limit``). 20,000 rather than 5,000:
#: an initial sync of 100,000 accounts makes 49 requests instead of 196, each with about
#: 3 ms of fixed cost on the server and as much on the desk (docs/performance.md, "initial
#: sync, sixth round": 0.7-1.3 s less of 11-13 s). A slow line only takes longer per page:
#: the read timeout is between bytes, not for the whole page. A server that allows fewer (an
#: older one: 5,000) is asked for half as many until it takes a page (sync.cycle_pull).
PAGE_SIZE = 20_000
PUSH_BATCH = 250
#: Changes per cache transaction during an initial sync into an empty cache (10 pages):
#: fewer commits write the WAL less (measured: 5.5 s -> 4.5 s of row inserts for 100,000
#: accounts; beyond ~50,000 no further gain).
BULK_COMMIT_ROWS = 50_000
#: Pages fetched ahead of the one being written (each fetch needs the cursor of the page
#: before it, so they run one after another on the fetching thread).
PREFETCH_PAGES = 2
NO_TOKEN_MESSAGE = ("Signed in without a connection to the server: sign in again to sync "
                    "(changes are kept on this PC until then).")
#: Set (to the new ``user@address`` owner) by an offline sign-in to another address: the
#: cache is kept until that server is reached and its identity compared.
UNCONFIRMED_OWNER_KEY = "owner_unconfirmed"
#: Acknowledged writes this recent are re-offered to a server with a new epoch.
REOFFER_DAYS = 30

_STATES = {
    "applied": MutationState.APPLIED,
    "duplicate": MutationState.DUPLICATE,
    "rejected": MutationState.REJECTED,
    "conflict": MutationState.CONFLICT,
}


@dataclass
class SyncOutcome:
    """What one cycle did; handed to the GUI thread."""

    ok: bool = True
    offline: bool = False
    unauthorized: bool = False
    error: str | None = None
    pushed: dict[str, int] = field(default_factory=dict)
    pulled_changes: int = 0
    pulled_accounts: int = 0
    #: Accounts whose rows changed; None when too many to list (views reload everything).
    account_ids: list[int] | None = field(default_factory=list)
    reset: bool = False
    initial: bool = False
    #: A message for the user beside the result (e.g. a damaged cache was rebuilt).
    notice: str | None = None
    #: The server epoch the cache held before this cycle, and the one it holds after.
    previous_epoch: str | None = None
    server_epoch: str | None = None
    pending: int = 0
    needs_attention: int = 0
    #: When this cache last finished a cycle (this one or an earlier session's).
    last_synced_at: float | None = None
    seconds: float = 0.0
    finished_at: float = 0.0

    @property
    def pushed_total(self) -> int:
        return sum(self.pushed.values())


def mutation_wire(m: Mutation) -> dict[str, Any]:
    """An outbox row as docs/sync-api.md "Push" sends it."""
    return {
        "mutation_id": m.mutation_id,
        "seq": m.seq,
        "kind": m.kind.value,
        "account_id": m.account_id,
        "base_version": m.base_version,
        "payload": m.payload,
    }


def _unreadable(m: Mutation, exc: ApiError) -> dict[str, Any]:
    """The answer kept for a write the server refused to read (422)."""
    log.warning("push: the server cannot read write %s (%s): %s", m.mutation_id, exc.code,
                exc.message)
    return {"mutation_id": m.mutation_id, "status": "rejected",
            "error": {"code": exc.code or "invalid_request",
                      "message": f"The server could not read this write: {exc.message}"}}


def _last_synced(cache_engine: Any) -> float | None:
    try:
        value = replica.read_state(cache_engine, replica.LAST_SYNCED_KEY)
        return float(value) if value else None
    except (DatabaseError, sqlite3.DatabaseError, ValueError):
        return None


class SyncCycle(CyclePull):
    """Push-then-pull, without Qt: the part tests and the benchmark drive directly."""

    def __init__(
        self,
        client: SyncClient,
        cache_engine: Any,
        outbox: Outbox,
        *,
        page_size: int = PAGE_SIZE,
        push_batch: int = PUSH_BATCH,
        bulk_commit_rows: int = BULK_COMMIT_ROWS,
        prefetch_pages: int = PREFETCH_PAGES,
        kiosk_key: KioskKey | None = None,
    ) -> None:
        self.client = client
        self.cache_engine = cache_engine
        self.outbox = outbox
        self.page_size = page_size
        self.push_batch = push_batch
        #: Changes per cache transaction while an initial sync fills an empty cache
        #: (:class:`db.replica.PageWriter`); other pulls commit every page.
        self.bulk_commit_rows = bulk_commit_rows
        #: Pages fetched ahead of the one being written.
        self.prefetch_pages = prefetch_pages
        #: Where a kiosk keeps its sealing secret (None: one delivered is dropped, logged).
        self.kiosk_key = kiosk_key
        self.lock = threading.Lock()  # one cycle (or sign-out) at a time

    # -- one cycle -----------------------------------------------------------------------

    def run(self, report: Report | None = None, cancelled: Callable[[], bool] | None = None
            ) -> SyncOutcome:
        started = time.perf_counter()
        outcome = SyncOutcome()
        with self.lock:
            try:
                if not self.client.has_token:
                    # Signed in offline without a kept token: an unreachable server is
                    # "offline" (the probe raises), a reachable one needs a new sign-in.
                    self.client.server_epoch()
                    raise Unauthorized(401, "signed_out", NO_TOKEN_MESSAGE)
                self._confirm_server_identity(outcome)
                ids: set[int] = set()
                applied_notices: list[str] = []
                outcome.pushed = self.push(ids, applied_notices)
                self.pull(outcome, ids, report, cancelled)
                old, new = outcome.previous_epoch, outcome.server_epoch
                if old and new and old != new and self.reoffer(old):
                    # A new server epoch (restored from a backup): what it acknowledged
                    # before may be lost; offer it again, the server takes what it lacks.
                    for state, n in self.push(ids, applied_notices).items():
                        outcome.pushed[state] = outcome.pushed.get(state, 0) + n
                    self.pull(outcome, ids, None, cancelled)
                if applied_notices:
                    outcome.notice = join_notices(outcome.notice, *applied_notices,
                                                  sep="\n")
                replica.mark_synced(self.cache_engine)
                self.outbox.set_fact(CACHE_FILLED_FACT, "1")
            except (DatabaseError, sqlite3.DatabaseError) as exc:
                if not is_corruption(exc):
                    raise
                self._rebuild_damaged_cache(outcome, report, cancelled, exc)
            except Unauthorized as exc:
                outcome.ok, outcome.unauthorized, outcome.error = False, True, exc.message
            except OfflineError as exc:
                outcome.ok, outcome.offline, outcome.error = False, True, str(exc)
            except ApiError as exc:
                outcome.ok, outcome.error = False, f"{exc.message} ({exc.code})"
            except SyncError as exc:
                outcome.ok, outcome.error = False, str(exc)
            outcome.last_synced_at = _last_synced(self.cache_engine)
            counts = self.outbox.counts()
            outcome.pending = counts.get(MutationState.PENDING, 0)
            outcome.needs_attention = counts.get(MutationState.REJECTED, 0) + counts.get(
                MutationState.CONFLICT, 0
            )
        outcome.seconds = time.perf_counter() - started
        outcome.finished_at = time.time()
        return outcome

    def _confirm_server_identity(self, outcome: SyncOutcome) -> None:
        """After an offline sign-in to another address the cache was kept, marked
        unconfirmed (:data:`UNCONFIRMED_OWNER_KEY`). Now the server answers: the same
        server (its epoch is the cache's) keeps the cache; another one rebuilds it, and
        says so. The outbox is never touched: its payments are pushed either way."""
        new_owner = replica.read_state(self.cache_engine, UNCONFIRMED_OWNER_KEY)
        if new_owner is None:
            return
        epoch = self.client.server_epoch()  # offline: raises, the cache stays as it is
        _cursor, cached_epoch = replica.read_cursor(self.cache_engine)
        old_owner = replica.read_state(self.cache_engine, replica.OWNER_KEY) or "?"
        address = new_owner.partition("@")[2]
        if cached_epoch is not None and epoch == cached_epoch:
            replica.write_state(self.cache_engine, replica.OWNER_KEY, new_owner)
            with self.cache_engine.begin() as conn:
                conn.execute(sync_state.delete().where(sync_state.c.key == UNCONFIRMED_OWNER_KEY))
            log.info("server at %s is the one the cache came from (%s); cache kept",
                     address, old_owner)
            outcome.notice = Notice(Msg.NOTICE_SAME_SERVER, address)
            return
        log.warning("server at %s (epoch %s) is not the cache's server %s (epoch %s): "
                    "rebuilding the cache; the outbox is kept", address, epoch, old_owner,
                    cached_epoch)
        replica.clear(self.cache_engine)
        replica.write_state(self.cache_engine, replica.OWNER_KEY, new_owner)
        self.outbox.set_fact(CACHE_FILLED_FACT, None)
        outcome.reset = True
        outcome.notice = Notice(Msg.NOTICE_OTHER_SERVER, address)

    def _rebuild_damaged_cache(
        self,
        outcome: SyncOutcome,
        report: Report | None,
        cancelled: Callable[[], bool] | None,
        exc: Exception,
    ) -> None:
        """The cache file is damaged: throw it away, pull everything again, tell the user.
        The outbox is another file: unsent writes are untouched and were pushed first."""
        log.error("the cache is damaged (%s); rebuilding it from the server", exc)
        try:
            rebuild_in_place(self.cache_engine)
        except CacheCorrupt as failed:
            outcome.ok, outcome.error = False, str(failed)
            return
        outcome.notice = DAMAGED_MESSAGE
        outcome.reset = True
        try:
            self.pull(outcome, set(), report, cancelled)
            replica.mark_synced(self.cache_engine)
            self.outbox.set_fact(CACHE_FILLED_FACT, "1")
        except SyncError as failed:  # offline now: the next cycle pulls into the new cache
            outcome.ok, outcome.error = False, str(failed)

    def push(self, account_ids: set[int] | None = None,
             applied_notices: list[str] | None = None) -> dict[str, int]:
        """Send every pending write, oldest first, in batches; store each answer. A payment
        the server applied differently from the cashier's preview (``applied_as``,
        docs/sync-api.md) adds a line for the user to ``applied_notices``."""
        totals: dict[str, int] = {}
        sent: set[str] = set()
        device = self.outbox.device_code()
        while True:
            batch = [m for m in self.outbox.pending(limit=self.push_batch + len(sent))
                     if m.mutation_id not in sent][: self.push_batch]
            if not batch:
                return totals
            ids = [m.mutation_id for m in batch]
            sent.update(ids)
            try:
                answer = self.client.push(device, [mutation_wire(m) for m in batch])
            except ApiError as exc:
                if exc.status != 422:
                    self.outbox.record_failure(ids, str(exc))
                    raise
                answer = self._push_one_by_one(device, batch)
            except SyncError as exc:
                self.outbox.record_failure(ids, str(exc))
                raise
            by_id = {r.get("mutation_id"): r for r in answer["results"] if isinstance(r, dict)}
            records = []
            for m in batch:
                result = by_id.get(m.mutation_id)
                state = _STATES.get(str(result.get("status"))) if result else None
                if result is None or state is None:
                    continue  # no usable answer: stays pending, resent next cycle
                records.append((m.mutation_id, state, result))
                notice = (result.get("applied_as") or {}).get("notice")
                if applied_notices is not None and notice and state is MutationState.APPLIED:
                    applied_notices.append(Notice(
                        Msg.NOTICE_APPLIED_AS, m.payload.get("receipt_number", "?"),
                        m.account_id, notice))
                totals[state.value] = totals.get(state.value, 0) + 1
                if account_ids is not None and m.account_id is not None:
                    account_ids.add(m.account_id)
            self.outbox.record_results(records)
            epoch = answer.get("server_epoch")
            if epoch:
                self.outbox.stamp_epoch([r[0] for r in records], str(epoch))
            missing = len(batch) - len(records)
            if missing:
                log.warning("push: %d of %d writes got no answer; kept pending", missing,
                            len(batch))

    def _push_one_by_one(self, device: str, batch: list[Mutation]) -> dict[str, Any]:
        """The server could not read a batch as a whole (422: a write it cannot parse, such
        as a kind an older server does not know): each write goes alone, so one write never
        holds back the others; one it still cannot read waits in "Needs attention" with the
        server's words (never dropped: it can be retried there)."""
        results: list[dict[str, Any]] = []
        epoch = None
        for m in batch:
            try:
                answer = self.client.push(device, [mutation_wire(m)])
            except ApiError as exc:
                if exc.status != 422:
                    self.outbox.record_failure([m.mutation_id], str(exc))
                    raise
                results.append(_unreadable(m, exc))
                continue
            except SyncError as exc:
                self.outbox.record_failure([m.mutation_id], str(exc))
                raise
            results.extend(r for r in answer["results"] if isinstance(r, dict))
            epoch = answer.get("server_epoch") or epoch
        return {"results": results, "server_epoch": epoch}

    def reoffer(self, old_epoch: str, within_days: int = REOFFER_DAYS) -> int:
        """Put writes acknowledged under ``old_epoch`` back in the queue (DESIGN.md: after
        the server is restored from a backup the client re-offers what it sent since; the
        server takes what it lacks and answers ``duplicate`` for the rest)."""
        since = datetime.now(UTC) - timedelta(days=within_days)
        count = self.outbox.reoffer_acknowledged(old_epoch, since)
        if count:
            log.warning("server epoch %s is gone: re-offering %d acknowledged writes",
                        old_epoch, count)
        return count



def pending_payment_count(outbox: Outbox) -> int:
    """Payments taken on this PC that the server has not acknowledged."""
    return sum(1 for m in outbox.pending(limit=1_000_000) if m.kind is MutationKind.PAYMENT)
