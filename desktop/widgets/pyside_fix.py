"""Work around PySide6 6.12.0's ``SignalInstance.emit()`` dropping a reference to ``True``.

In PySide6 6.12.0 every ``signal.emit(...)`` made from Python returns ``True`` without
owning a reference to it, so each emit lowers ``True``'s reference count by one. After a
few thousand emits (progress reports, table reloads) the interpreter aborts with
``Fatal Python error: bool_dealloc: deallocating True or False``. Reproduce::

    b = sys.getrefcount(True); [obj.sig.emit() for _ in range(100)]
    sys.getrefcount(True) == b - 100   # on 6.12.0

:func:`install` probes for the bug once and, only when it is present, wraps ``emit`` so the
missing reference is added back. Installing is idempotent and process-wide; any module that
emits signals should import this before emitting (``desktop.widgets`` users do).
"""

from __future__ import annotations

import ctypes
import logging
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

log = logging.getLogger(__name__)

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None
_installed = False


class _Probe(QObject):
    ping = Signal()


def emit_drops_true_reference() -> bool:
    """True when this PySide6 has the bug (measured, not guessed from the version)."""
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(16):
        probe.ping.emit()
    after = sys.getrefcount(True)
    # compensate for the probe itself before deciding
    if after < before:
        for _ in range(before - after):
            _incref(True)
    return after <= before - 16


def install() -> bool:
    """Patch ``SignalInstance.emit`` if needed; returns whether a patch is active."""
    global _installed
    if _installed:
        return True
    if not emit_drops_true_reference():
        return False
    original = SignalInstance.emit

    def emit(self: SignalInstance, *args: Any) -> Any:
        result = original(self, *args)
        if result is True or result is False:
            _incref(result)  # the reference PySide6 6.12.0 forgot to take
        return result

    SignalInstance.emit = emit  # type: ignore[method-assign]
    _installed = True
    log.info("patched PySide6 SignalInstance.emit (reference to True dropped per emit)")
    return True


install()
