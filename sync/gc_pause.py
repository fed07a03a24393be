"""Pausing Python's cyclic garbage collector around work that allocates a great deal and
makes no reference cycles (a pulled page parses into ~5,000 lists and their strings). No Qt.

A page is freed by reference counting; the collector would only walk every live object
again and again (measured: ~1,600 collections, 0.93 s of a 10.4 s sync of 1M rows in the
benchmark's small process; more in the app, whose heap is bigger). Process-wide, so nested
and concurrent users are counted and the collector comes back as it was when the last one
leaves. The desk's GUI-thread collector (``desktop/runtime/gui_collector.py``), which owns
the collections while the app runs, asks :func:`is_paused` and waits too.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["gc_paused", "is_paused"]

_lock = threading.Lock()
_pausers = 0
_was_enabled = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """No automatic cyclic collection inside the block (nested and concurrent blocks
    counted); afterwards the collector is as it was before the first one."""
    global _pausers, _was_enabled
    with _lock:
        if _pausers == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pausers += 1
    try:
        yield
    finally:
        with _lock:
            _pausers -= 1
            if _pausers == 0 and _was_enabled:
                gc.enable()


def is_paused() -> bool:
    """Whether some thread is inside :func:`gc_paused` now."""
    return _pausers > 0
