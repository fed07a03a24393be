"""Work around a reference-count bug of PySide6 6.12.0 on Python 3.11.

PySide6 6.12.0 (abi3 wheels) returns ``None`` from every void method (``setText``,
``setValue``, ``show``…) and ``True``/``False`` from bool methods without taking a reference,
so each call lowers the reference count of these singletons by one. Python 3.12 made them
immortal, so nothing happens there; on 3.11 a long session (or the interpreter's final
clean-up) reaches zero and aborts with "Fatal Python error: none_dealloc: deallocating None".
Measured: 100 calls of ``QLabel.setText`` lower ``sys.getrefcount(None)`` by exactly 100.

:func:`guard_singletons` gives ``None``, ``True`` and ``False`` a very large reference count
once at start, which makes them as good as immortal (they are static objects and are never
freed anyway). It does nothing on Python 3.12+.
"""

from __future__ import annotations

import ctypes
import logging
import sys

log = logging.getLogger(__name__)

#: Added to each singleton's count: ~10^12 calls before any risk.
_BOOST = 1 << 40
_done = False


def guard_singletons() -> bool:
    """Make None/True/False effectively immortal on CPython < 3.12; True when applied."""
    global _done
    if _done or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    for obj in (None, True, False):
        ctypes.c_ssize_t.from_address(id(obj)).value += _BOOST
    _done = True
    log.info("raised the reference counts of None/True/False (PySide6 6.12 on Python 3.11)")
    return True
