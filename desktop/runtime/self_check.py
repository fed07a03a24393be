"""``partner-portal --self-check``: prove a build (frozen or not) has what it needs to run.

It opens a cache and an outbox in a temporary folder (running their Alembic migrations, so
a migration file left out of a build fails here), fills the cache with a few demo accounts,
loads the resource files, the Tamil font and the Tamil translation, imports what is imported
dynamically (keyring backends, the ESC/POS printer classes and their capability data),
renders the main window and the kiosk window offscreen and grabs them to images. It logs and
prints ``OK`` and returns 0, or logs and prints the reason and returns 1. The one ``print`` of
the app: this is a CLI check.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)

#: Demo accounts the check puts in its throw-away cache.
CHECK_ACCOUNTS = 40


class SelfCheckFailed(Exception):
    """One check failed; the message says which and why."""


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise SelfCheckFailed(message)


def run_self_check(data_dir: Path | None = None) -> int:
    """Run every check in ``data_dir`` (a temporary folder when None); 0 when all pass."""
    from desktop.runtime.pyside_guard import guard_singletons

    guard_singletons()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a check never shows a window
    try:
        if data_dir is not None:
            data_dir.mkdir(parents=True, exist_ok=True)
            _run_checks(data_dir)
        else:
            with tempfile.TemporaryDirectory(prefix="partner-desk-check-") as folder:
                _run_checks(Path(folder))
    except Exception as exc:
        log.exception("self-check FAILED")
        print(f"FAILED: {type(exc).__name__}: {exc}", file=sys.stderr)  # noqa: T201 - CLI
        return 1
    log.info("self-check OK")
    print("OK")  # noqa: T201 - the CLI check's answer
    return 0


def _run_checks(folder: Path) -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(["partner-portal", "--self-check"])
    _check(isinstance(app, QApplication), "a QApplication is needed for the self-check")
    steps: list[tuple[str, Callable[[], object]]] = [
        ("resources", _check_resources),
        ("keyring", _check_keyring),
        ("escpos", _check_escpos),
        ("tamil", _check_tamil),
    ]
    for name, step in steps:
        detail = step()
        log.info("self-check: %s ok (%s)", name, detail)
    _check_windows(folder, app)


def _check_resources() -> str:
    from PySide6.QtGui import QPixmap

    from desktop.runtime.bundled_resources import (
        APP_ICON_ICO,
        APP_ICON_PNG,
        KIOSK_STYLE,
        app_icon,
        read_text,
        register_search_path,
        resource_path,
    )

    folder = register_search_path()
    for name in (APP_ICON_PNG, APP_ICON_ICO, KIOSK_STYLE):
        resource_path(name)
    _check(not app_icon().isNull(), f"the app icon in {folder} cannot be loaded")
    _check(not QPixmap(f"res:{APP_ICON_PNG}").isNull(), "res: search path does not resolve")
    _check("kioskWindow" in read_text(KIOSK_STYLE), "the kiosk style sheet is empty")
    return str(folder)


def _check_keyring() -> str:
    import keyring
    import keyring.backends

    backend = keyring.get_keyring()
    return f"{type(backend).__module__}.{type(backend).__name__}"


def _check_escpos() -> str:
    from escpos.printer import Dummy

    printer = Dummy()
    printer.textln("self-check")
    printer.cut()
    _check(b"self-check" in printer.output, "python-escpos produced no output")
    return f"{len(printer.output)} bytes"


def _check_tamil() -> str:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QFont, QFontMetrics

    from desktop.language.fonts import TAMIL_FAMILY, register_app_fonts
    from desktop.language.i18n import ENGLISH, TAMIL, set_language

    _check(register_app_fonts() == [TAMIL_FAMILY], "the Tamil font is missing from the build")
    _check(QFontMetrics(QFont(TAMIL_FAMILY)).inFontUcs4(ord("த")), "the Tamil font has no த")
    app = QCoreApplication.instance()
    assert app is not None
    set_language(app, TAMIL)  # OSError when the .qm is missing
    try:
        context, source = "SettingsDialog", "Settings"  # not literals: not extracted again
        said = QCoreApplication.translate(context, source)
        _check(said == "அமைப்புகள்", f"the Tamil translation says {said!r} for {source!r}")
    finally:
        set_language(app, ENGLISH)
    return TAMIL_FAMILY


def _check_windows(folder: Path, app: object) -> None:
    from PySide6.QtWidgets import QApplication

    from billing.roles import Role
    from db.cache import CACHE_FILE, open_cache
    from db.outbox import OUTBOX_FILE, Outbox
    from demo.data import generate
    from desktop.runtime.context import AppContext, AppEvents, CurrentUser
    from desktop.runtime.tasks import TaskRunner
    from desktop.settings.store import open_settings

    assert isinstance(app, QApplication)
    cache = open_cache(folder / CACHE_FILE)
    outbox = Outbox.open(folder / OUTBOX_FILE)
    ctx = AppContext(
        data_dir=folder,
        cache_engine=cache,
        outbox=outbox,
        user=CurrentUser("self-check", "Self-check", Role.ADMIN),
        settings=open_settings(folder),
        tasks=TaskRunner(app),
        events=AppEvents(app),
    )
    windows: list[object] = []
    try:
        summary = generate(cache, CHECK_ACCOUNTS, today=ctx.today())
        log.info("self-check: cache and outbox migrated, demo data %s", summary)
        with cache.connect() as conn:
            count = conn.exec_driver_sql("SELECT count(*) FROM accounts").scalar()
        _check(count == CHECK_ACCOUNTS, f"the cache holds {count} accounts, not {CHECK_ACCOUNTS}")
        _check(bool(outbox.device_code()), "the outbox has no device code")

        from desktop.accounts.main_window import MainWindow
        from desktop.kiosk.window import KioskWindow

        main = MainWindow(ctx)
        windows.append(main)
        main.resize(1100, 700)
        image = main.grab().toImage()
        _check(not image.isNull() and image.width() > 0, "the main window did not render")
        kiosk = KioskWindow(ctx)
        windows.append(kiosk)
        kiosk.resize(1280, 800)
        image = kiosk.grab().toImage()
        _check(not image.isNull() and image.width() == 1280, "the kiosk window did not render")
        log.info("self-check: main window and kiosk rendered offscreen")
    finally:
        ctx.tasks.wait_idle()
        for window in windows:
            if isinstance(window, KioskWindow):
                window._may_close = True
            close = getattr(window, "close", None)
            if callable(close):
                close()
            delete = getattr(window, "deleteLater", None)
            if callable(delete):
                delete()
        ctx.tasks.wait_idle()
        cache.dispose()
        outbox.engine.dispose()
