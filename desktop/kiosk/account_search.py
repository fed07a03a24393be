"""Finding the customer's account at the kiosk: an exact Account ID or a registered
mobile, looked up in the local copy, and for a mobile it does not hold, asked of the server
(an account added since the last pull). Every look-up is charged to the kiosk's budget
(``billing/kiosk_limits.py`` through ``LookupGuard``); too many that find nothing lock the
kiosk until staff enter the PIN. Texts are worded in the ``KioskWindow`` context.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot

from desktop.kiosk.jobs import (
    LookupAnswer,
    ServerAnswer,
    lookup_job,
    server_client,
    server_lookup_job,
)
from desktop.kiosk.lookup import LookupGuard, LookupResult, Outcome, QueryKind, Verdict, classify
from desktop.kiosk.wording import word as _word
from desktop.language.i18n import QT_TRANSLATE_NOOP
from desktop.runtime.context import AppContext

if TYPE_CHECKING:
    from desktop.kiosk.window import KioskWindow

log = logging.getLogger(__name__)

#: Settings key set while the kiosk is locked after too many look-ups found nothing, so a
#: restart (or a power cut) does not unlock it; only the staff PIN does.
LOCKED_KEY = "kiosk/locked_after_misses"


class AccountSearch(QObject):
    """The start screen's look-up, its budget and the lock after misses."""

    def __init__(self, window: KioskWindow, ctx: AppContext) -> None:
        super().__init__(window)
        self._window = window
        self._ctx = ctx
        #: The look-up budgets (billing/kiosk_limits.py); offline the only limit there is.
        self.guard = LookupGuard()
        #: Seconds, for the budgets (monotonic: a changed PC clock gives no free look-ups).
        self.clock: Callable[[], float] = time.monotonic
        self._locked = bool(ctx.settings.value(LOCKED_KEY, False, bool))

    @property
    def locked(self) -> bool:
        """Locked after misses (kept across restarts until staff enter the PIN)."""
        return self._locked

    def set_locked(self, locked: bool) -> None:
        self._locked = locked
        if locked:
            self._ctx.settings.setValue(LOCKED_KEY, True)
        else:
            self._ctx.settings.remove(LOCKED_KEY)
        self._ctx.settings.sync()

    @Slot()
    def find(self) -> None:
        """Look up what was typed (exact Account ID or registered mobile)."""
        text = self._window.entry.text()
        if classify(text) is None:
            self._say_outcome(Outcome.INVALID)
            return
        if not self._allowed():
            return
        self._window.find_button.setEnabled(False)
        _word(self._window.message, QT_TRANSLATE_NOOP("KioskWindow", "Looking up your account…"))
        self._run(text, asked_server=False)

    def _run(self, text: str, *, asked_server: bool) -> None:
        task = self._ctx.tasks.run_db("kiosk lookup", partial(
            lookup_job, self._ctx, text, self._window.generation, asked_server))
        task.done.connect(self._on_lookup_done)
        task.error.connect(self._on_lookup_error)

    @Slot(object)
    def _on_lookup_done(self, answer: object) -> None:
        assert isinstance(answer, LookupAnswer)
        if answer.generation != self._window.generation:
            return
        self._window.find_button.setEnabled(bool(self._window.entry.text().strip()))
        result = answer.result
        query = classify(answer.text)
        client = server_client(self._ctx)
        if (result.outcome is Outcome.NOT_FOUND and not answer.asked_server
                and query is not None and query.kind is QueryKind.MOBILE
                and query.mobile is not None and client is not None):
            task = self._ctx.tasks.run_net("kiosk server lookup", partial(
                server_lookup_job, client, query.mobile, self._window.generation))
            task.done.connect(self._on_server_lookup_done)
            task.error.connect(self._on_lookup_error)
            return
        if result.outcome is not Outcome.FOUND or result.account is None:
            if result.outcome is Outcome.AMBIGUOUS:
                self._window.entry.clear()  # before the message: typing clears the message
            self._say_outcome(result.outcome)
            self._count_outcome(result.outcome)
            return
        self._window.show_account(result.account)

    @Slot(object)
    def _on_server_lookup_done(self, answer: object) -> None:
        assert isinstance(answer, ServerAnswer)
        if answer.generation != self._window.generation:
            return
        if answer.outcome is Outcome.FOUND and answer.account_id is not None:
            self._run(str(answer.account_id), asked_server=True)
            return
        self._window.find_button.setEnabled(bool(self._window.entry.text().strip()))
        if answer.refused is not None:
            self._on_server_refused(answer.refused, answer.retry_after)
        elif answer.outcome is Outcome.AMBIGUOUS:
            self._window.entry.clear()
            self._say_outcome(Outcome.AMBIGUOUS)
        else:
            # Offline too: the local copy answers mobiles (db/kiosk_store.py), and it had
            # no such number.
            self._say_outcome(Outcome.NOT_FOUND)
            self._count_outcome(Outcome.NOT_FOUND)

    @Slot(object)
    def _on_lookup_error(self, exc: object) -> None:
        log.error("kiosk lookup failed: %s", exc)
        self._window.find_button.setEnabled(True)
        _word(self._window.message, QT_TRANSLATE_NOOP("KioskWindow",
            "Something went wrong looking that up. Please try again."))

    def _say_outcome(self, outcome: Outcome) -> None:
        _word(self._window.message, LookupResult(outcome).source, context="KioskLookup")

    def _now(self) -> int:
        return int(self.clock())

    def _allowed(self) -> bool:
        """Charge a look-up to the kiosk's budget; False (and say why) when it is spent."""
        verdict, wait = self.guard.before(self._now())
        if verdict is Verdict.LOCK:
            self._window.lock_kiosk()
            return False
        if verdict is Verdict.WAIT:
            self._window.say_wait(wait)
            return False
        return True

    def _count_outcome(self, outcome: Outcome) -> None:
        if self.guard.after(outcome, self._now()) is Verdict.LOCK:
            self._window.lock_kiosk()

    def _on_server_refused(self, code: str, retry_after: int) -> None:
        log.warning("kiosk: the server refused a look-up (%s, retry in %d s)", code,
                    retry_after)
        if code == "too_many_misses":
            self._window.lock_kiosk()
        else:
            self._window.say_wait(retry_after)
