"""db test fixtures: a fresh copy of a module's demo cache per test, and an empty outbox.

A module defines a module-scoped ``template`` fixture with :func:`make_cache_template`
(the number of demo accounts it needs); ``cache`` and ``outbox`` come from here.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from db.cache import CACHE_FILE, open_cache
from db.outbox import OUTBOX_FILE, Outbox
from demo.data import generate
from tests.conftest import DEMO_TODAY


def make_cache_template(
    tmp_path_factory: pytest.TempPathFactory, name: str, accounts: int
) -> Path:
    """A checkpointed demo cache of ``accounts`` accounts built for DEMO_TODAY."""
    path = tmp_path_factory.mktemp(name) / CACHE_FILE
    engine = open_cache(path)
    generate(engine, accounts, seed=7, today=DEMO_TODAY)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture
def cache(template: Path, tmp_path: Path) -> Iterator[Engine]:
    shutil.copy(template, tmp_path / CACHE_FILE)
    engine = open_cache(tmp_path / CACHE_FILE)
    yield engine
    engine.dispose()


@pytest.fixture
def outbox(tmp_path: Path) -> Iterator[Outbox]:
    box = Outbox.open(tmp_path / OUTBOX_FILE)
    yield box
    box.engine.dispose()
