"""Live changes: ``GET /api/v1/sync/wait`` holds a desk's request until its scope has
changes after its cursor, or until a timeout (HTTP long-poll: plain requests and answers,
so it passes proxies; the desk's sync timer stays as the fallback).

The server stays stateless: each waiting request asks the database every :data:`POLL_S`
seconds, so a change committed by any server process reaches every desk. A push applied by
*this* process also wakes its own waiters at once (:meth:`Announcer.changed`), which takes
the database poll's delay out of the common case of one server.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Awaitable, Callable

from starlette.concurrency import run_in_threadpool

#: How often a waiting request asks the database for changes made by other processes.
POLL_S = 1.0
#: How often a waiting request looks at this process's own wake-up counter.
TICK_S = 0.05
#: The longest a desk may ask to wait; below the usual 60 s idle timeout of proxies.
MAX_WAIT_S = 25


class Announcer:
    """This process's wake-up counter for waiting requests, and its closing flag."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._generation = 0
        self.closing = threading.Event()

    @property
    def generation(self) -> int:
        return self._generation

    def changed(self) -> None:
        """Something was committed: waiting requests check the database now."""
        with self._lock:
            self._generation += 1


async def wait_for_changes(
    has_changes: Callable[[], bool],
    announcer: Announcer,
    timeout_s: float,
    disconnected: Callable[[], Awaitable[bool]],
) -> bool:
    """True as soon as ``has_changes()`` (run in the thread pool) says so; False when
    ``timeout_s`` passed, the server is closing or the desk went away."""
    deadline = time.monotonic() + timeout_s
    while True:
        seen = announcer.generation
        if await run_in_threadpool(has_changes):
            return True
        next_poll = min(time.monotonic() + POLL_S, deadline)
        while (
            time.monotonic() < next_poll
            and announcer.generation == seen
            and not announcer.closing.is_set()
        ):
            await asyncio.sleep(TICK_S)
        if announcer.closing.is_set() or time.monotonic() >= deadline or await disconnected():
            return False
