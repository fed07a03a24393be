"""The one context object handed to every window and dialog (no globals)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Signal
from sqlalchemy import Engine

from billing.lifecycle import DEFAULT_ZONE, business_date
from billing.limits import Limits
from db.outbox import Outbox
from desktop.runtime.tasks import TaskRunner
from sync.kiosk_key import KioskKey
from sync.user import CurrentUser

if TYPE_CHECKING:
    from desktop.sync.engine import SyncEngine


class AppEvents(QObject):
    """App-wide notifications; views refresh themselves when these fire."""

    #: Accounts whose rows changed (sync pulled, or a local write); empty list = many.
    accounts_changed = Signal(list)
    #: The outbox gained or lost pending writes.
    outbox_changed = Signal()
    #: The cache was thrown away and rebuilt (user switch, corruption, resync).
    cache_reset = Signal()
    #: Something the user must be told that is not an error of theirs (a damaged cache
    #: thrown away and rebuilt, for instance): a ``str``, often a ``billing.notice.Notice``
    #: (``object``, so it keeps its message ids for the interface language).
    notice = Signal(object)


@dataclass
class AppContext:
    data_dir: Path
    cache_engine: Engine
    outbox: Outbox
    user: CurrentUser
    settings: QSettings
    tasks: TaskRunner
    events: AppEvents
    business_zone: str = DEFAULT_ZONE
    #: What the server said a payment and a comment may be at most (set on sign-in).
    limits: Limits = field(default_factory=Limits)
    #: The sync engine while signed in to a server (set by the session controller).
    sync: SyncEngine | None = None
    notices: list[str] = field(default_factory=list)
    #: A kiosk's sealing secret for its offline copy, kept in the keyring (set by the
    #: session controller when a kiosk signs in; None otherwise).
    kiosk_key: KioskKey | None = None

    def today(self) -> date:
        """Today's business date in the server's zone, never the PC's local date."""
        return business_date(datetime.now(UTC), self.business_zone)
