"""Reference cycles are collected on the GUI thread only (desktop/runtime/gui_collector.py):
a worker thread that allocates past Python's threshold collects nothing there; the GUI
thread's timer collects it; a full collection stays as rare as CPython makes it; a paused pull
(sync.gc_pause) makes it wait; stopping gives the automatic collector back as it was."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator
from typing import Any

import pytest

from desktop.runtime.gui_collector import GuiThreadCollector
from sync.gc_pause import gc_paused


class _Node:
    """Garbage only the cyclic collector frees: it refers to itself."""

    def __init__(self) -> None:
        self.me = self


def _cycles(count: int) -> weakref.ref[_Node]:
    """``count`` unreachable cycles (past any collection threshold); a weak reference to
    the last."""
    node = _Node()
    for _ in range(count):
        node = _Node()
    return weakref.ref(node)


@pytest.fixture
def collections() -> Iterator[list[tuple[int, int]]]:
    """(thread id, generation) of each collection while the test runs."""
    seen: list[tuple[int, int]] = []

    def record(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            seen.append((threading.get_ident(), info["generation"]))

    gc.callbacks.append(record)
    yield seen
    gc.callbacks.remove(record)


def test_a_workers_garbage_is_collected_on_the_gui_thread_not_in_the_worker(
        qtbot: Any, collections: list[tuple[int, int]]) -> None:
    collector = GuiThreadCollector(interval_ms=20)
    try:
        assert not gc.isenabled()
        left: list[weakref.ref[_Node]] = []
        worker = threading.Thread(target=lambda: left.append(_cycles(20_000)))
        worker.start()
        worker.join()
        assert worker.ident not in {thread for thread, _ in collections}
        assert left[0]() is not None, "nothing collected it yet"
        qtbot.waitUntil(lambda: left[0]() is None, timeout=5_000)
        assert {thread for thread, _ in collections} == {threading.get_ident()}
    finally:
        collector.stop()


def test_it_waits_while_a_pull_has_paused_the_collector(qapp: Any) -> None:
    collector = GuiThreadCollector(interval_ms=60_000)  # ticks by hand here
    try:
        with gc_paused():
            garbage = _cycles(5_000)
            assert collector.collect_due() is None
            assert garbage() is not None
        assert collector.collect_due() is not None
        assert garbage() is None
        assert collector.collect_due() is None, "nothing is due right after a collection"
    finally:
        collector.stop()


def test_a_full_collection_waits_until_a_quarter_more_has_reached_the_oldest(
        qapp: Any) -> None:
    """Short-lived garbage makes young collections only, however many; once a quarter as
    many objects as survived the last full collection have reached the oldest generation,
    the next due full collection runs (CPython's own rule, which gc.collect() skips)."""
    keep = [[] for _ in range(100_000)]  # long-lived, like an open app's objects
    gc.collect()
    collector = GuiThreadCollector(interval_ms=60_000)  # ticks by hand here
    try:
        ticks = []
        for _ in range(300):  # past the oldest generation's threshold more than twice
            _cycles(1_000)
            ticks.append(collector.collect_due())
        assert 1 in ticks and 2 not in ticks
        keep.extend([] for _ in range(len(gc.get_objects(2)) // 4 + 10_000))
        for _ in range(300):
            _cycles(1_000)
            ticks.append(collector.collect_due())
            if ticks[-1] == 2:
                break
        assert ticks[-1] == 2, "a quarter more reached the oldest: a full collection"
        assert collector.collect_due() is None
    finally:
        collector.stop()
        del keep


def test_a_zero_threshold_still_means_no_collection(qapp: Any) -> None:
    collector = GuiThreadCollector(interval_ms=60_000)
    before = gc.get_threshold()
    try:
        gc.set_threshold(0)
        garbage = _cycles(5_000)
        assert collector.collect_due() is None and garbage() is not None
    finally:
        gc.set_threshold(*before)
        collector.stop()


def test_stopping_gives_automatic_collection_back_as_it_was(qapp: Any) -> None:
    was = gc.isenabled()
    try:
        gc.enable()
        collector = GuiThreadCollector()
        assert not gc.isenabled()
        collector.stop()
        assert gc.isenabled()
        gc.disable()
        collector = GuiThreadCollector()
        collector.stop()
        assert not gc.isenabled(), "it was off: it stays off"
    finally:
        (gc.enable if was else gc.disable)()
