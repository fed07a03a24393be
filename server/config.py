"""Server settings and the per-process context handed to every request."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from billing.lifecycle import DEFAULT_ZONE, business_date
from billing.money import DEFAULT_CEILING_PAISE


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Settings:
    """What a server process needs to know; nothing here is per-user state."""

    db_url: str
    business_zone: str = DEFAULT_ZONE
    currency: str = "INR"
    token_ttl_seconds: int = 12 * 3600
    #: Lock-out: this many failures within ``lockout_window_seconds`` lock for
    #: ``lockout_seconds``.
    lockout_failures: int = 5
    lockout_window_seconds: int = 15 * 60
    lockout_seconds: int = 5 * 60
    max_body_bytes: int = 4 * 1024 * 1024
    max_pull_limit: int = 5000
    default_pull_limit: int = 2000
    max_push_mutations: int = 2000
    ceiling_paise: int = DEFAULT_CEILING_PAISE
    #: Run the billing lifecycle job in the server process every this many seconds
    #: (0 = never; the ``lifecycle`` command runs it once).
    lifecycle_interval_seconds: int = 3600
    #: One transaction per push request, a SAVEPOINT per mutation (see server.push).
    push_group_commit: bool = False
    demo_mode: bool = False
    #: scrypt cost (2**14 = 16 MiB per hash); tests may lower it.
    scrypt_n: int = 2**14
    clock: Callable[[], datetime] = field(default=_utc_now)

    def now(self) -> datetime:
        return self.clock()

    def now_epoch(self) -> int:
        return int(self.clock().timestamp())

    def today(self) -> date:
        """The business date in the server's zone (never a client's clock)."""
        return business_date(self.clock(), self.business_zone)
