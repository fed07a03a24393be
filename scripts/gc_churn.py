"""A pytest plugin that makes Python collect reference cycles in a thread other than the
GUI thread, often: a daemon thread allocates small cycles without pause and the collector's
thresholds are lowered, so that most collections start there. It shows whether a test
run survives collections outside the GUI thread (desktop/runtime/gui_collector.py).

    PYTHONPATH=scripts QT_QPA_PLATFORM=offscreen \
        python -m pytest -p gc_churn -q tests/desktop/test_void_requests.py

Measured (docs/architecture.md, "Threads and garbage collection"): without the GUI-thread
collector, 6 of 16 such runs died (segmentation fault or abort); with it, 0 of 16.
"""

from __future__ import annotations

import gc
import threading
import time


def _churn() -> None:
    while True:
        junk: list[list[object]] = []
        for _ in range(300):
            cycle: list[object] = []
            cycle.append(cycle)
            junk.append(cycle)
        del junk
        time.sleep(0.002)


def pytest_configure() -> None:
    gc.set_threshold(100, 2, 2)
    threading.Thread(target=_churn, name="gc-churn", daemon=True).start()
