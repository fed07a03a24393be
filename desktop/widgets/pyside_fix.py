"""Work around PySide6 6.12.0 on Python 3.11 dropping references to ``None``/``True``/``False``.

PySide6 6.12.0 hands back the singletons without taking a reference — every call of a
``void`` method (``label.setText(...)``, ``model.setItem(...)``) lowers ``None``'s count by
one and every ``signal.emit(...)`` lowers ``True``'s. That is harmless on Python 3.12+, where
the singletons are immortal (PEP 683), and fatal on 3.11: after a few thousand calls the
interpreter aborts with ``Fatal Python error: none_dealloc`` (or ``bool_dealloc``).
Reproduce on 3.11::

    b = sys.getrefcount(None); [label.setText("x") for _ in range(100)]
    sys.getrefcount(None) == b - 100

:func:`install` measures the leak once and, only when it is there, does what 3.12 does:
gives the three singletons a reference count no program can drain (2**40). Idempotent and
process-wide; it runs when :mod:`desktop.widgets` is imported. The application should also
import it first thing (``desktop/__init__.py`` or ``desktop.app.main``) so that every
window, not only this one, is protected.
"""

from __future__ import annotations

import ctypes
import logging
import sys

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

#: Added to each singleton's reference count: 2**40 calls would take years at 10 M/s.
RESERVE = 1 << 40

_installed = False


class _Probe(QObject):
    ping = Signal()


def leaks_singletons() -> bool:
    """True when calling into PySide6 drops references to None or True (measured)."""
    probe = _Probe()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(16):
        probe.setObjectName("probe")  # a void method: returns None
        probe.ping.emit()  # returns True
    none_lost = none_before - sys.getrefcount(None)
    true_lost = true_before - sys.getrefcount(True)
    return none_lost >= 16 or true_lost >= 16


def _reserve(obj: object) -> None:
    refcount = ctypes.c_ssize_t.from_address(id(obj))  # ob_refcnt, the first field
    refcount.value += RESERVE


def install() -> bool:
    """Make None, True and False effectively immortal if this PySide6 needs it."""
    global _installed
    if _installed:
        return True
    if sys.version_info >= (3, 12) or not leaks_singletons():
        return False
    for singleton in (None, True, False):
        _reserve(singleton)
    _installed = True
    log.info(
        "PySide6 %s drops references to None/True/False on Python %s; "
        "made them immortal as Python 3.12 does",
        _pyside_version(),
        sys.version.split()[0],
    )
    return True


def _pyside_version() -> str:
    import PySide6

    return PySide6.__version__


install()
