"""Python's cyclic garbage collector, run on the GUI thread only.

Python collects in whichever thread happens to allocate past the collector's threshold: a
sync or database worker, or a thread of the embedded demo server. A collection frees every
unreachable cycle, and a cycle may hold the last reference to a Qt object that Python owns
(a dialog whose status line keeps a lambda that refers to the dialog): Qt then destroys a
widget outside the GUI thread and the process dies at a later event. It did, in CI (a
segmentation fault in ``tests/desktop/test_void_requests.py``, about one run in fifteen
here); counted with ``gc.callbacks``, about 30 of that file's 1,600 collections ran in
server and worker threads.

:class:`GuiThreadCollector` switches automatic collection off and collects on a timer of
the GUI thread instead: each tick, the generation Python itself would collect now, the
same work in a place where freeing a widget is allowed. That is the oldest generation whose
count has passed its threshold (``gc.get_count`` against ``gc.get_threshold``), except that
the oldest (a full collection) waits, as in CPython, until the objects that reached it since
the last full collection are a quarter of those that survived that one: with the 1M-account
table open a full collection takes about 100 ms of the GUI thread (115,000 objects,
measured), so it must stay as rare as it was. While a pull has paused the collector
(:func:`sync.gc_pause.gc_paused`) the ticks wait. pyqtgraph's ``GarbageCollector`` collects
on the GUI thread for the same reason.
"""

from __future__ import annotations

import gc
import logging
import time

from PySide6.QtCore import QObject, QTimer, Slot

from sync.gc_pause import is_paused

__all__ = ["GuiThreadCollector"]

log = logging.getLogger(__name__)

#: Between two looks at the collector's counts: often enough that garbage does not pile up
#: (a look is a few microseconds), seldom enough that a busy second costs one collection.
INTERVAL_MS = 1000


class GuiThreadCollector(QObject):
    """Owns cyclic collection while it runs; create it on the GUI thread, :meth:`stop` it
    before the event loop's end (automatic collection comes back as it was)."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        gc.disable()
        # CPython's long_lived_total and long_lived_pending, which gc.collect() skips:
        # survivors of the last full collection, and objects moved to the oldest since.
        self._long_lived = len(gc.get_objects(2))
        self._pending = 0
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start()

    @Slot()
    def collect_due(self) -> int | None:
        """Collect what Python would have by now; the generation collected, or None."""
        if is_paused():
            return None
        counts = gc.get_count()
        thresholds = gc.get_threshold()
        if thresholds[0] == 0 or counts[0] <= thresholds[0]:
            return None  # gc.set_threshold(0) turns collection off, here as in Python
        if counts[2] > thresholds[2] and self._pending >= self._long_lived // 4:
            started = time.perf_counter()
            found = gc.collect(2)
            self._long_lived = len(gc.get_objects(2))
            self._pending = 0
            log.debug("full collection on the GUI thread: %.1f ms, %d unreachable, %d kept",
                      (time.perf_counter() - started) * 1000, found, self._long_lived)
            return 2
        if counts[1] > thresholds[1]:
            young = len(gc.get_objects(0)) + len(gc.get_objects(1))
            self._pending += max(young - gc.collect(1), 0)  # the survivors move to the oldest
            return 1
        gc.collect(0)
        return 0

    def stop(self) -> None:
        """No more ticks; automatic collection on again if it was on before."""
        self._timer.stop()
        if self._was_enabled:
            gc.enable()
