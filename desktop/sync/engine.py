"""The desktop's sync engine: a QObject that runs :class:`sync.cycle.SyncCycle` off the GUI
thread (``ctx.tasks.run_net``) and tells widgets how it went through signals.

Scheduling (GUI thread): on start, every ``interval`` seconds, on "Sync now", when a write
is recorded (push on write), when the server announces other desks' changes (a long-poll,
``GET /sync/wait``), and when the network returns (Qt's reachability signal where a backend
exists, otherwise a short probe while offline).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from billing.money import format_count
from db import replica
from db.outbox import MutationState
from desktop.language.i18n import fill
from sync.client import SyncClient
from sync.cycle import PAGE_SIZE, SyncCycle, SyncOutcome
from sync.errors import ApiError, ResyncRequired, SyncError

log = logging.getLogger(__name__)

DEFAULT_INTERVAL_S = 60
#: Probe delays while offline (seconds), the last one repeating.
OFFLINE_PROBES_S = (3, 5, 10, 20, 30)


@dataclass(frozen=True)
class SyncStatus:
    """What the status widget shows."""

    online: bool | None  # None: not tried yet
    syncing: bool
    last_synced_at: float | None
    pending: int
    needs_attention: int
    error: str | None
    signed_in: bool


class SyncEngine(QObject):
    """Schedules sync cycles off the GUI thread and tells widgets how they went."""

    #: A :class:`SyncStatus` (GUI thread).
    status_changed = Signal(object)
    #: Pull progress: rows received, rows expected (0 = unknown), a label with the accounts.
    progress = Signal(int, int, str)
    #: A finished cycle's :class:`SyncOutcome`.
    finished = Signal(object)

    def __init__(
        self,
        ctx: Any,
        client: SyncClient,
        *,
        interval_s: int = DEFAULT_INTERVAL_S,
        page_size: int = PAGE_SIZE,
        live: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.client = client
        self.cycle = SyncCycle(client, ctx.cache_engine, ctx.outbox, page_size=page_size,
                               kiosk_key=ctx.kiosk_key)
        self.interval_s = interval_s
        self._task: Any = None
        self._again = False
        self._stopped = False
        self._online: bool | None = None
        self._error: str | None = None
        self._pending = 0
        self._attention = 0
        self._last_synced: float | None = None
        self._offline_probe = 0
        #: Long-polls that failed in a row (their next cycle comes after a probe delay).
        self._watch_failures = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.sync_now)
        self._network_info: Any = None
        #: The long-poll for other desks' changes (GET /sync/wait) while one is out.
        self._watch: Any = None
        #: Push each write at once (else at the next timer).
        self._push_on_write = live
        #: Wait on the server for other desks' changes; False: the timer only (also once
        #: the server showed it has no live changes, an older server).
        self._live = live
        ctx.events.outbox_changed.connect(self._on_outbox_changed)

    # -- state ---------------------------------------------------------------------------

    @property
    def syncing(self) -> bool:
        return self._task is not None

    def status(self) -> SyncStatus:
        return SyncStatus(
            online=self._online,
            syncing=self.syncing,
            last_synced_at=self._last_synced,
            pending=self._pending,
            needs_attention=self._attention,
            error=self._error,
            signed_in=self.client.has_token,
        )

    @property
    def live_changes(self) -> bool:
        """False once the server showed it cannot announce changes (then: the timer only)."""
        return self._live

    def _emit_status(self) -> None:
        self.status_changed.emit(self.status())

    # -- scheduling ----------------------------------------------------------------------

    def start(self) -> None:
        """Sync now, then every ``interval_s`` seconds and when the network returns."""
        self._stopped = False
        self._watch_network()
        self.sync_now()

    def stop(self) -> None:
        self._stopped = True
        self._timer.stop()
        self._cancel_watch()
        if self._task is not None:
            self._task.cancel()

    @Slot()
    def sync_now(self) -> None:
        if self._stopped:
            return
        if self._task is not None:
            self._again = True
            return
        self._timer.stop()
        self._cancel_watch()  # its cursor is about to be old; a new wait follows the cycle
        self._again = False
        task = self.ctx.tasks.run_net("sync", self._work)
        task.progress.connect(self._on_progress)
        task.done.connect(self._on_done)
        task.error.connect(self._on_error)
        self._task = task
        self._emit_status()

    def _work(self, control: Any) -> SyncOutcome:
        return self.cycle.run(control.report, lambda: control.cancelled)

    def _schedule(self, seconds: float) -> None:
        if not self._stopped:
            self._timer.start(int(seconds * 1000))

    @Slot(int, int)
    def _on_progress(self, rows: int, accounts: int) -> None:
        # The pull answer carries no total, so the count runs without an end.
        self.progress.emit(rows, 0, fill(self.tr("rows (%1 accounts)"), format_count(accounts)))

    @Slot(object)
    def _on_done(self, outcome: object) -> None:
        assert isinstance(outcome, SyncOutcome)
        self._task = None
        self._pending, self._attention = outcome.pending, outcome.needs_attention
        if outcome.last_synced_at and not self._last_synced:
            self._last_synced = outcome.last_synced_at  # synced before this session
        if outcome.ok:
            self._online, self._error = True, None
            self._last_synced = outcome.finished_at
            self._offline_probe = 0
            self._schedule(self.interval_s)
            if not self._again:
                self._start_watch()
        elif outcome.offline:
            self._online, self._error = False, outcome.error
            delay = OFFLINE_PROBES_S[min(self._offline_probe, len(OFFLINE_PROBES_S) - 1)]
            self._offline_probe += 1
            self._schedule(min(delay, self.interval_s))
        else:
            self._online = True  # the server answered; the user must sign in again
            self._error = outcome.error
            if not outcome.unauthorized:
                self._schedule(self.interval_s)
        if outcome.notice:
            self.ctx.events.notice.emit(outcome.notice)
        if outcome.reset:
            self.ctx.events.cache_reset.emit()
        elif outcome.pulled_changes or outcome.pushed_total:
            self.ctx.events.accounts_changed.emit(outcome.account_ids or [])
        if outcome.pushed_total:
            self.ctx.events.outbox_changed.emit()
        self.finished.emit(outcome)
        self._emit_status()
        if self._again:
            self.sync_now()

    @Slot(object)
    def _on_error(self, exc: object) -> None:
        self._task = None
        self._error = f"Sync failed: {exc}"
        log.error("sync cycle failed: %s", exc)
        self._schedule(self.interval_s)
        self._emit_status()

    @Slot()
    def _on_outbox_changed(self) -> None:
        if self._task is not None and self._online and self._push_on_write:
            # A write recorded while a cycle runs may have missed its push, and the count
            # below cannot tell (the writes that cycle pushed left it): one more cycle.
            self._again = True
        task = self.ctx.tasks.run_db("outbox counts", self._count_work)
        task.done.connect(self._on_counts)

    def _count_work(self, _control: Any) -> tuple[int, int]:
        counts = self.ctx.outbox.counts()
        return counts.get(MutationState.PENDING, 0), counts.get(
            MutationState.REJECTED, 0
        ) + counts.get(MutationState.CONFLICT, 0)

    @Slot(object)
    def _on_counts(self, counts: object) -> None:
        previous = self._pending
        self._pending, self._attention = counts  # type: ignore[misc]
        self._emit_status()
        if (self._pending > previous and self._online and self._push_on_write
                and not self._stopped):
            # Push on write: a payment recorded online reaches the server now, not at the
            # next timer, so other desks see it within seconds.
            self.sync_now()

    # -- live changes (long-poll) ------------------------------------------------------------

    def _start_watch(self) -> None:
        """Wait on the server for other desks' changes after our cursor (one wait at a time,
        never during a cycle); the answer starts a cycle. The timer stays the fallback."""
        if self._stopped or not self._live or self._watch is not None or self._task is not None:
            return
        task = self.ctx.tasks.run_net("wait for changes", self._watch_work)
        task.done.connect(self._on_watch_done)
        self._watch = task

    def _cancel_watch(self) -> None:
        if self._watch is not None:
            self._watch.cancel()  # its thread lets go within WAIT_TICK_S; its answer is dropped
            self._watch = None

    def _watch_work(self, control: Any) -> str | None:
        cursor, _epoch = replica.read_cursor(self.ctx.cache_engine)
        if cursor is None:
            return "changed"  # no cursor yet: a cycle makes one
        try:
            changed = self.client.wait_for_changes(cursor, lambda: control.cancelled)
        except ResyncRequired:
            return "changed"  # the cycle starts the resync
        except ApiError as exc:
            return "unsupported" if exc.status in (404, 405) else "failed"
        except SyncError:
            return "failed"  # offline or refused: the timer and its probes carry on
        if changed is None:
            return None
        return "changed" if changed else "quiet"

    @Slot(object)
    def _on_watch_done(self, answer: object) -> None:
        self._watch = None
        if answer in ("changed", "quiet"):
            self._watch_failures = 0
        if answer == "changed":
            self.sync_now()
        elif answer == "quiet":
            self._start_watch()
        elif answer == "failed":
            # The wait broke off (the server restarted, the line dropped, the PC slept): a
            # cycle after a short probe delay finds out whether the server is back (and
            # tells the status widget), rather than the timer a minute away.
            delay = OFFLINE_PROBES_S[min(self._watch_failures, len(OFFLINE_PROBES_S) - 1)]
            self._watch_failures += 1
            self._schedule(min(delay, self.interval_s))
        elif answer == "unsupported":
            log.info("the server has no live changes (GET /sync/wait); syncing on the timer")
            self._live = False

    def refresh_counts(self) -> None:
        """Recount pending and needs-attention writes (off the GUI thread)."""
        self._on_outbox_changed()

    def _watch_network(self) -> None:
        """Sync as soon as Qt reports the network back, where a reachability backend exists."""
        if self._network_info is not None:
            return
        try:
            from PySide6.QtNetwork import QNetworkInformation

            if QNetworkInformation.loadDefaultBackend():
                info = QNetworkInformation.instance()
                info.reachabilityChanged.connect(self._on_reachability)
                self._network_info = info
        except (ImportError, RuntimeError):  # pragma: no cover - depends on the platform
            self._network_info = None

    @Slot(object)
    def _on_reachability(self, reachability: object) -> None:
        from PySide6.QtNetwork import QNetworkInformation

        if reachability == QNetworkInformation.Reachability.Online and self._online is False:
            log.info("network is back; syncing")
            self.sync_now()

