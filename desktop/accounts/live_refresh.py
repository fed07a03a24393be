"""Keeping the account table current while it is open: rows a sync pulled, payments
waiting in the outbox, and a cache thrown away and rebuilt.

Bursts of change notifications (a sync pulls page after page) become one re-query after
``REFRESH_DEBOUNCE_MS``; a change of the outbox alone reloads only the pending payments laid
over the cached balances, off the GUI thread.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Slot

from db.overlay import PendingPayments, provisional_payments
from desktop.runtime.context import AppContext
from desktop.runtime.tasks import TaskControl

if TYPE_CHECKING:
    from desktop.accounts.main_window import MainWindow

#: Coalesces bursts of change notifications (a sync page after page) into one re-query.
REFRESH_DEBOUNCE_MS = 120


def load_overlay(ctx: AppContext) -> dict[int, PendingPayments]:
    """Pending payments laid over cached balances (runs on the database worker)."""
    return provisional_payments(ctx.outbox, ctx.cache_engine)


def _overlay_job(ctx: AppContext, _control: TaskControl) -> dict[int, PendingPayments]:
    return load_overlay(ctx)


class LiveRefresh(QObject):
    """Listens to ``ctx.events`` for the window and re-reads what changed."""

    def __init__(self, window: MainWindow, ctx: AppContext) -> None:
        super().__init__(window)
        self._window = window
        self._ctx = ctx
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._refresh_rows)
        ctx.events.accounts_changed.connect(self._on_accounts_changed)
        ctx.events.outbox_changed.connect(self._on_outbox_changed)
        ctx.events.cache_reset.connect(self._on_cache_reset)

    @Slot(list)
    def _on_accounts_changed(self, _account_ids: list) -> None:
        self._timer.start(REFRESH_DEBOUNCE_MS)

    @Slot()
    def _refresh_rows(self) -> None:
        self._window.requery(keep_scroll=True)

    @Slot()
    def _on_outbox_changed(self) -> None:
        if self._timer.isActive():
            # A re-read of the rows is due (a sync pulled them): it loads the pending
            # payments with the rows. Laying the new overlay over the old rows would show
            # the balance from before a just-confirmed payment until the rows arrive.
            return
        task = self._ctx.tasks.run_db("pending payments", partial(_overlay_job, self._ctx))
        task.done.connect(self._on_overlay)

    @Slot(object)
    def _on_overlay(self, pending: dict[int, PendingPayments]) -> None:
        self._window.model.set_pending(pending)
        self._window.show_selection()

    @Slot()
    def _on_cache_reset(self) -> None:
        self._window.refresh()
