"""What several benchmarks share: waiting on a Qt condition, and a throw-away PostgreSQL schema.

The benchmarks run as scripts (``python benchmarks/bench_x.py``), so this module is imported
by its bare name from the script's own folder.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text


def wait_until(until: Callable[[], bool], timeout_s: float = 30.0) -> None:
    """Run the Qt event loop until ``until()`` holds; ``TimeoutError`` after ``timeout_s``."""
    from PySide6.QtCore import QEventLoop, QTimer

    if until():
        return
    loop = QEventLoop()
    deadline = time.perf_counter() + timeout_s
    timer = QTimer()
    timer.setInterval(1)

    def check() -> None:
        if until() or time.perf_counter() > deadline:
            loop.quit()

    timer.timeout.connect(check)
    timer.start()
    loop.exec()
    timer.stop()
    if not until():
        raise TimeoutError("condition not met")


@contextmanager
def postgres_schema(url: str) -> Iterator[str]:
    """A new, empty schema on the PostgreSQL at ``url``, dropped afterwards; yields a URL whose
    connections use it as their ``search_path``."""
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        sep = "&" if "?" in url else "?"
        yield f"{url}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
