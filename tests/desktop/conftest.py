"""Desktop fixtures: a real AppContext over a demo cache in a fresh data folder."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from billing.roles import Role
from db.cache import CACHE_FILE, open_cache
from db.outbox import OUTBOX_FILE, Outbox
from demo.data import generate
from desktop.runtime.context import AppContext, AppEvents, CurrentUser
from desktop.runtime.tasks import TaskRunner
from desktop.settings.store import open_settings
from tests.conftest import DEMO_TODAY

#: Accounts in the shared demo cache the desktop tests start from.
DEMO_ACCOUNTS = 2_000


@pytest.fixture(scope="session", autouse=True)
def _english_plurals(qapp: QApplication) -> None:
    """The app's English translation (plural forms only: "1 order", "2 orders"), as
    ``desktop.app.main`` installs it at start; the Tamil tests switch and come back."""
    from desktop.language.i18n import ENGLISH, set_language

    set_language(qapp, ENGLISH)


@pytest.fixture(scope="session")
def demo_cache_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo cache per test session; each test gets its own copy."""
    path = tmp_path_factory.mktemp("template") / CACHE_FILE
    engine = open_cache(path)
    generate(engine, DEMO_ACCOUNTS, seed=7, today=DEMO_TODAY)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


def make_context(
    data_dir: Path,
    template: Path | None,
    app: QApplication,
    user: CurrentUser | None = None,
) -> AppContext:
    """An AppContext over ``data_dir``, its cache copied from ``template`` (or empty)."""
    if template is not None:
        shutil.copy(template, data_dir / CACHE_FILE)
    ctx = AppContext(
        data_dir=data_dir,
        cache_engine=open_cache(data_dir / CACHE_FILE),
        outbox=Outbox.open(data_dir / OUTBOX_FILE),
        user=user or CurrentUser("staff.cbe", "Kavitha Staff", Role.BRANCH_STAFF, branch_id=1),
        settings=open_settings(data_dir),
        tasks=TaskRunner(app),
        events=AppEvents(app),
    )
    ctx.today = lambda: DEMO_TODAY  # type: ignore[method-assign]  # tests never read the clock
    return ctx


@pytest.fixture
def ctx(qapp: QApplication, data_dir: Path, demo_cache_template: Path) -> Iterator[AppContext]:
    """A branch-staff context over a copy of the 2,000-account demo cache."""
    context = make_context(data_dir, demo_cache_template, qapp)
    yield context
    context.tasks.wait_idle()
    context.cache_engine.dispose()
    context.outbox.engine.dispose()


@pytest.fixture
def memory_keyring() -> Iterator[None]:
    """The process keyring is an in-memory one (never the PC's real keychain) for a test
    that runs ``desktop.app.main``, which stores tokens through ``keyring``."""
    import keyring

    from sync.token_store import MemoryKeyring

    before = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    yield
    keyring.set_keyring(before)
