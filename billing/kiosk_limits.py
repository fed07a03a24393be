"""How many account look-ups a kiosk may make: one rule, used by the server and the kiosk.

A kiosk finds one account by exact Account ID or mobile (DESIGN.md "Roles and scopes").
Unlimited look-ups let a kiosk (or anyone holding its device token) walk the ID space or
try every number behind a masked mobile. Two budgets, each a
generic cell rate (GCRA, a leaky bucket kept as ONE number, the "theoretical arrival
time"), so the state fits a database row that any number of server processes share:

- :data:`LOOKUP_RATE`: every look-up, found or not;
- :data:`MISS_RATE`: look-ups that found nothing (a customer mistypes a few times; an
  attacker guessing numbers misses almost always). When the miss budget is spent the
  server refuses look-ups until it refills, and the kiosk locks itself until staff enter
  the PIN.

Over any period of ``T`` seconds a budget admits at most ``burst + T // interval`` events
(:func:`most_in`); with the values below that is 70 look-ups and 17 misses an hour per
device. Pure standard library; times are integer seconds.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rate:
    """``burst`` events at once, then one more every ``interval_seconds``."""

    interval_seconds: int
    burst: int


#: Every look-up: 10 at once, then one a minute.
LOOKUP_RATE = Rate(interval_seconds=60, burst=10)
#: Look-ups that found nothing: 5 at once, then one every five minutes.
MISS_RATE = Rate(interval_seconds=300, burst=5)


@dataclass(frozen=True)
class Admission:
    allowed: bool
    #: The new theoretical arrival time to store (unchanged when refused).
    tat: int
    #: Seconds until one more event would be admitted (0 when allowed).
    retry_after: int


def admit(tat: int | None, now: int, rate: Rate) -> Admission:
    """Charge one event at ``now`` against a budget whose stored state is ``tat`` (None for
    a device never seen): allowed, and the state to store; or refused with a wait."""
    base = max(tat if tat is not None else now, now)
    after = base + rate.interval_seconds
    limit = now + rate.burst * rate.interval_seconds
    if after <= limit:
        return Admission(True, after, 0)
    return Admission(False, base, after - limit)


def exhausted(tat: int | None, now: int, rate: Rate) -> bool:
    """Whether the budget has no room for one more event at ``now``."""
    return not admit(tat, now, rate).allowed


def wait_seconds(tat: int | None, now: int, rate: Rate) -> int:
    """Seconds until the budget admits one more event (0: it would now)."""
    return admit(tat, now, rate).retry_after


def most_in(seconds: int, rate: Rate) -> int:
    """The most events ``rate`` admits in any period of ``seconds`` (a full burst at the
    start, then one per interval)."""
    return rate.burst + seconds // rate.interval_seconds


#: What an attacker holding a kiosk's device token gets per hour, the figures
#: docs/reliability.md states: look-ups of any kind, and guesses that miss (nearly every
#: guess of a number).
LOOKUPS_PER_HOUR = most_in(3600, LOOKUP_RATE)
MISSES_PER_HOUR = most_in(3600, MISS_RATE)
