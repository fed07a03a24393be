"""Server settings and the per-process context handed to every request."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from billing.lifecycle import DEFAULT_ZONE, business_date
from billing.limits import MAX_COMMENT_CHARS, Limits
from billing.money import DEFAULT_CEILING_PAISE
from billing.reversal import DEFAULT_BOUNCE_CHARGE_PAISE


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Settings:
    """What a server process needs to know; nothing here is per-user state."""

    db_url: str
    business_zone: str = DEFAULT_ZONE
    currency: str = "INR"
    token_ttl_seconds: int = 12 * 3600
    #: Sign-in throttle (server.throttle, docs/reliability.md): a username may fail this
    #: many times, then waits ``signin_delay_seconds`` doubling with each further failure,
    #: up to ``signin_max_delay_seconds``; a client address likewise, with a larger
    #: allowance (an office behind one NAT). A key with no failure for
    #: ``signin_window_seconds`` (longer than the longest delay, so waiting out each delay
    #: never resets the count) starts again from zero. Unknown usernames share
    #: ``signin_unknown_buckets`` keys, so guessing names cannot grow the table.
    signin_free_failures: int = 5
    signin_address_free_failures: int = 20
    signin_delay_seconds: int = 2
    signin_max_delay_seconds: int = 15 * 60
    signin_window_seconds: int = 60 * 60
    signin_unknown_buckets: int = 4096
    #: A payment's ``taken_at`` (the desk's clock) is kept when it lies within this window
    #: around the server's time; outside it the server's time is recorded (server.push).
    taken_at_past_seconds: int = 180 * 86_400
    taken_at_future_seconds: int = 86_400
    max_body_bytes: int = 4 * 1024 * 1024
    #: Most changes a pull page may carry (``limit``); the desk asks for sync.cycle.PAGE_SIZE.
    max_pull_limit: int = 20_000
    default_pull_limit: int = 2000
    max_push_mutations: int = 2000
    #: The limits this server sets; sent to clients as ``limits`` (billing.limits).
    ceiling_paise: int = DEFAULT_CEILING_PAISE
    max_comment_chars: int = MAX_COMMENT_CHARS
    #: What a bounced cheque costs the customer (the bank's charge; billing.reversal).
    cheque_bounce_charge_paise: int = DEFAULT_BOUNCE_CHARGE_PAISE
    #: How long a supervisor's online approval of a reversal stays usable (server.reversals).
    approval_ttl_seconds: int = 15 * 60
    #: Run the billing lifecycle job in the server process every this many seconds
    #: (0 = never; the ``lifecycle`` command runs it once).
    lifecycle_interval_seconds: int = 3600
    #: One transaction per push request, a SAVEPOINT per mutation (see server.push).
    push_group_commit: bool = False
    demo_mode: bool = False
    #: Keys sealing pull cursors (server.cursors): the first signs, all verify. Empty: the
    #: database keeps one (``rotate-cursor-key`` rotates it).
    cursor_keys: tuple[str, ...] = ()
    #: Serve the interactive API pages ``/docs`` and ``/redoc`` (``--api-docs``).
    api_docs: bool = False
    #: scrypt cost (2**14 = 16 MiB per hash); tests may lower it.
    scrypt_n: int = 2**14
    clock: Callable[[], datetime] = field(default=_utc_now)

    def now(self) -> datetime:
        return self.clock()

    @property
    def limits(self) -> Limits:
        """What a payment and a comment may be at most, as clients are told."""
        return Limits(max_comment_chars=self.max_comment_chars,
                      max_payment_paise=self.ceiling_paise)

    def now_epoch(self) -> int:
        return int(self.clock().timestamp())

    def today(self) -> date:
        """The business date in the server's zone (never a client's clock)."""
        return business_date(self.clock(), self.business_zone)
