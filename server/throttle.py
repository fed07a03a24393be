"""Sign-in throttle: growing delays per username, per device and per client address.

No key is ever locked hard. A key may fail ``free`` times; from then on each failure makes
it wait ``signin_delay_seconds * 2**(failures - free)`` (capped at
``signin_max_delay_seconds``) before its next attempt is even checked; an attempt while it
waits answers ``429`` with ``Retry-After`` and is not counted. After
``signin_window_seconds`` without a failure the key starts from zero again.

Keys (docs/reliability.md, "Sign-in throttle"):

- ``user:<name>`` for a user that exists, ``user#<n>`` for one that does not: unknown names
  share ``signin_unknown_buckets`` keys, so guessing names cannot grow the table;
- ``device:<code>`` / ``device#<n>`` for kiosk device sign-in, likewise;
- ``addr:<address>`` for the client's address (IPv6: its /64), with the larger
  ``signin_address_free_failures``: spraying one password over many names is limited here.

A user's *known device* (a device code a token was issued to after a right password) skips
the wait of its username key, never the wait of its address: a guesser cannot keep the
real user out from her own desk.

Every attempt is counted as a failure *before* the password is checked, in a short write
transaction of its own; the scrypt check runs outside any transaction; a right password
then takes its attempt back. So the write lock (SQLite ``BEGIN IMMEDIATE``) is never held
during a hash, and parallel guesses cannot slip past a count that has not been written yet.
"""

from __future__ import annotations

import hashlib
import ipaddress
from dataclasses import dataclass

from sqlalchemy import Connection, select

from db.server_schema import signin_throttle
from server.config import Settings
from server.errors import ApiError


@dataclass(frozen=True)
class Key:
    name: str
    free: int
    #: False: counted, but its wait does not apply (a user's known device).
    enforced: bool = True


def _bucket(kind: str, value: str, settings: Settings) -> str:
    digest = hashlib.sha256(f"{kind}:{value}".encode()).digest()
    return f"{kind}#{int.from_bytes(digest[:8], 'big') % settings.signin_unknown_buckets}"


def address_key(client: str | None) -> str:
    """``addr:`` and the client's address; an IPv6 client counts by its /64 network."""
    if not client:
        return "addr:unknown"
    try:
        ip = ipaddress.ip_address(client)
    except ValueError:
        return f"addr:{client[:80]}"
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return f"addr:{ip.ipv4_mapped}"
        return f"addr:{ipaddress.ip_network(f'{ip}/64', strict=False)}"
    return f"addr:{ip}"


def keys_for(settings: Settings, kind: str, name: str, exists: bool, client: str | None,
             *, known_device: bool = False) -> list[Key]:
    """The keys one sign-in attempt counts against (``kind``: ``user`` or ``device``)."""
    own = f"{kind}:{name}" if exists else _bucket(kind, name, settings)
    return [Key(own, settings.signin_free_failures, enforced=not known_device),
            Key(address_key(client), settings.signin_address_free_failures)]


def _delay(settings: Settings, failures: int, free: int) -> int:
    if failures < free:
        return 0
    return min(settings.signin_delay_seconds * 2 ** min(failures - free, 30),
               settings.signin_max_delay_seconds)


def admit(conn: Connection, settings: Settings, keys: list[Key], now: int) -> None:
    """Refuse (429) while a key must wait; otherwise count this attempt as a failure on
    every key. Run in a short write transaction of its own, before the password check."""
    ordered = sorted(keys, key=lambda k: k.name)  # one lock order: no deadlock
    rows = {
        r.key: r for r in conn.execute(
            select(signin_throttle)
            .where(signin_throttle.c.key.in_([k.name for k in ordered]))
            .with_for_update()
        )
    }
    fresh = {name for name, r in rows.items()
             if now - r.last_failure_at > settings.signin_window_seconds
             and r.next_allowed_at <= now}
    wait = max((rows[k.name].next_allowed_at - now for k in ordered
                if k.enforced and k.name in rows and k.name not in fresh), default=0)
    if wait > 0:
        raise ApiError(
            429, "locked_out",
            f"Too many failed sign-ins; try again in {wait} second(s).",
            headers={"Retry-After": str(wait)}, retry_after=wait,
        )
    for key in ordered:
        row = rows.get(key.name)
        failures = 1 if row is None or key.name in fresh else row.failures + 1
        values = {"failures": failures, "last_failure_at": now,
                  "next_allowed_at": now + _delay(settings, failures, key.free)}
        if row is None:
            conn.execute(signin_throttle.insert().values(key=key.name, **values))
        else:
            conn.execute(signin_throttle.update()
                         .where(signin_throttle.c.key == key.name).values(**values))
    # Keys idle for a whole window are forgotten: the table holds recent failures only.
    conn.execute(signin_throttle.delete().where(
        signin_throttle.c.last_failure_at < now - settings.signin_window_seconds,
        signin_throttle.c.next_allowed_at <= now,
    ))


def succeeded(conn: Connection, settings: Settings, keys: list[Key], now: int) -> None:
    """A right password: the username (or device) starts again from zero; the address
    takes back the attempt counted in advance (other failures from there still count)."""
    own, address = keys
    conn.execute(signin_throttle.delete().where(signin_throttle.c.key == own.name))
    row = conn.execute(select(signin_throttle).where(signin_throttle.c.key == address.name)
                       .with_for_update()).first()
    if row is None:
        return
    failures = max(0, row.failures - 1)
    conn.execute(signin_throttle.update().where(signin_throttle.c.key == address.name).values(
        failures=failures,
        next_allowed_at=row.next_allowed_at if failures >= address.free else 0,
    ))
