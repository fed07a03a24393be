"""Large C heap blocks in mappings of their own, so a dropped account list goes back to the OS.

The account table's full ordered list arrives as one packed value (16 MB of text, then an
8 MB array, at 1M accounts; three times that at 3M), and each change drops the previous one.
glibc's ``malloc`` raises its mmap threshold to the size of the largest block freed so far
(up to 32 MiB) and keeps up to twice that free at the top of its heap, so after the first
list those blocks come from the heap and their memory stays with the process. Measured at
1M accounts through the Manage Account window (``docs/performance.md``, issue 18's memory),
after 400 filter, search and sort changes: 61 MB free inside a 124 MB heap and 243 MB
resident; with a fixed 256 KiB threshold 1 MB free and 186 MB resident.

A fixed threshold also turns glibc's adjustment off. Windows' heap already gives a block
over 512 KiB a virtual allocation of its own and releases it when freed; on other C
libraries nothing is changed.

Giving such a block back is the kernel unmapping its pages, which costs the thread that
drops the last reference: 2.0-2.2 ms for the 24 MB list of 3M accounts, 0.7 ms at 1M
(``time.thread_time`` around ``del``). :func:`release_later` moves that off the GUI thread.
"""

from __future__ import annotations

import ctypes
import logging
import platform
import queue
import sys
import threading
import time

log = logging.getLogger(__name__)

M_MMAP_THRESHOLD = -3  # glibc's <malloc.h>
LARGE_BLOCK = 256 * 1024  # bytes: a block this size or larger gets a mapping of its own


def return_large_blocks() -> bool:
    """Give every C heap block of :data:`LARGE_BLOCK` or more a mapping of its own (glibc
    only; call it first thing, before threads start). True when the setting took."""
    if sys.platform != "linux" or platform.libc_ver()[0] != "glibc":
        return False
    try:
        libc = ctypes.CDLL("libc.so.6")
        done = bool(libc.mallopt(M_MMAP_THRESHOLD, LARGE_BLOCK))
    except (OSError, AttributeError) as exc:
        log.warning("could not set the C heap's mmap threshold: %s", exc)
        return False
    log.debug("C heap: blocks of %d bytes or more in their own mappings: %s", LARGE_BLOCK, done)
    return done


#: How long a released value waits before it is dropped: by then the GUI thread has painted
#: the change that released it, so the two do not compete for the GIL.
RELEASE_DELAY_S = 0.05

_release_queue: queue.SimpleQueue[tuple[float, object]] | None = None
_release_lock = threading.Lock()


def release_later(value: object) -> None:
    """Drop this reference to ``value`` on the ``memory-release`` thread a moment from now,
    not on the caller's thread (see the module docstring). The caller must hold no other
    reference for the memory to be freed there."""
    global _release_queue
    with _release_lock:
        if _release_queue is None:
            _release_queue = queue.SimpleQueue()
            threading.Thread(target=_release, args=(_release_queue,), name="memory-release",
                             daemon=True).start()
    _release_queue.put((time.monotonic() + RELEASE_DELAY_S, value))


def _release(pending: queue.SimpleQueue[tuple[float, object]]) -> None:
    while True:
        due, value = pending.get()
        wait = due - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        del value  # the last reference: freed here
