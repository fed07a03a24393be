"""The GUI entry point: ``partner-portal`` and :func:`main`."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

from billing.roles import Role
from db.cache import CACHE_FILE
from db.outbox import OUTBOX_FILE, Outbox, OutboxUnreadable
from desktop import APP_NAME, ORG_NAME, __version__
from desktop.runtime.cache_update import open_cache_showing_updates
from desktop.runtime.context import AppContext, AppEvents, CurrentUser
from desktop.runtime.crash import CrashReporter
from desktop.runtime.gui_collector import GuiThreadCollector
from desktop.runtime.logs import setup_logging
from desktop.runtime.memory import return_large_blocks
from desktop.runtime.outbox_unreadable import show_outbox_unreadable
from desktop.runtime.pyside_guard import guard_singletons
from desktop.runtime.single_instance import SingleInstance
from desktop.runtime.tasks import TaskRunner
from desktop.runtime.user_folders import default_data_dir, log_dir
from desktop.settings.store import open_settings
from desktop.sync.session import SessionController
from sync.token_store import SecretStore

log = logging.getLogger(__name__)

DEFAULT_DEMO_ACCOUNTS = 20_000


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="partner-portal", description=APP_NAME)
    parser.add_argument("--demo", action="store_true",
                        help="start a demo server on this PC (127.0.0.1), sign in as branch "
                             "staff and sync: the whole system, no set-up needed")
    parser.add_argument("--demo-accounts", type=int, default=DEFAULT_DEMO_ACCOUNTS,
                        metavar="N", help="how many demo accounts the --demo server holds")
    parser.add_argument("--server", metavar="URL", help="the partner portal server to use")
    parser.add_argument("--kiosk", action="store_true", help="self-service kiosk mode")
    parser.add_argument("--self-check", action="store_true",
                        help="check this installation offscreen, print OK and exit 0")
    parser.add_argument("--data-dir", type=Path, metavar="DIR",
                        help="keep cache, outbox, settings and logs in DIR")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    args = parser.parse_args(argv)
    if args.demo_accounts < 1:
        parser.error("--demo-accounts must be at least 1")
    return args


def resolve_data_dir(args: argparse.Namespace) -> Path:
    """The data folder: --data-dir, else the user's (a separate one for --demo)."""
    data_dir: Path = args.data_dir or default_data_dir()
    if args.demo and args.data_dir is None:
        data_dir = data_dir / "demo"
    data_dir.mkdir(parents=True, exist_ok=True)
    return data_dir


def build_context(args: argparse.Namespace, app: QCoreApplication) -> AppContext:
    """Open the data folder's files and assemble the context every window receives."""
    data_dir = resolve_data_dir(args)
    settings = open_settings(data_dir if args.data_dir else None)
    from desktop.language.i18n import setup_language  # the shipped Tamil font; the stored language

    setup_language(app, settings)  # before the cache: its update window speaks it
    # first: it remembers whether a sync ran; raises OutboxUnreadable before any thread runs
    outbox = Outbox.open(data_dir / OUTBOX_FILE)
    tasks = TaskRunner(app)
    cache_engine, notice = open_cache_showing_updates(data_dir / CACHE_FILE, outbox, tasks)
    # Replaced by whoever signs in; --demo signs in as the demo branch staff of Coimbatore.
    user = CurrentUser("staff.cbe", "Demo branch staff", Role.BRANCH_STAFF, branch_id=1)
    ctx = AppContext(
        data_dir=data_dir,
        cache_engine=cache_engine,
        outbox=outbox,
        user=user,
        settings=settings,
        tasks=tasks,
        events=AppEvents(app),
    )
    if notice:
        ctx.notices.append(notice)
    return ctx


def main(argv: list[str]) -> int:
    """Run the GUI; reuses a ``QApplication`` that already exists (tests create one)."""
    return_large_blocks()  # before any thread: the account lists' memory goes back
    guard_singletons()
    args = parse_args(argv)
    if args.self_check:
        from desktop.runtime.self_check import run_self_check

        return run_self_check(args.data_dir)
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else APP_NAME])
    assert isinstance(app, QApplication)
    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    log_path = setup_logging(log_dir(args.data_dir))
    log.info("starting %s %s (log %s)", APP_NAME, __version__, log_path)
    crash = CrashReporter(log_path.parent, parent=app)
    crash.install()
    instance = SingleInstance(resolve_data_dir(args), app)
    if not instance.acquire():
        log.info("another Partner Desk uses this data folder; it was asked to come forward")
        crash.uninstall()
        return 0

    try:
        ctx = build_context(args, app)
    except OutboxUnreadable as exc:  # never discarded: say so, change nothing, stop
        log.error("%s", exc)
        show_outbox_unreadable(exc, log_path.parent)
        instance.release()
        crash.uninstall()
        return 3
    # From here on worker and demo-server threads run: collect cycles on this thread only.
    collector = GuiThreadCollector()
    from desktop.accounts.main_window import MainWindow  # after the app exists: widgets need it

    factory: Callable[[AppContext], QMainWindow] = MainWindow
    if args.kiosk:
        from desktop.kiosk import NO_PIN_MESSAGE, kiosk_window
        from desktop.kiosk.pin import kiosk_pin_hash

        if kiosk_pin_hash(ctx.settings, demo=args.demo) is None:
            QMessageBox.critical(None, APP_NAME, NO_PIN_MESSAGE)  # before the event loop
            collector.stop()
            _close(ctx, instance, crash)
            return 2
        factory = partial(_kiosk_or_fail, kiosk_window, args.demo)
    session = SessionController(ctx, factory, SecretStore(), server_url=args.server)
    session.kiosk = args.kiosk
    session.quit_requested.connect(app.quit)
    instance.follow(session.current_window)
    if args.demo:
        session.start_demo(args.demo_accounts, kiosk=args.kiosk)
    else:
        session.show_sign_in()
    try:
        return app.exec()
    finally:
        # A quit asked for during shutdown would stay pending in a shared QApplication
        # and end the next event loop at once (tests run main() more than once).
        session.quit_requested.disconnect(app.quit)
        session.shutdown()
        _close(ctx, instance, crash)
        collector.stop()


def _kiosk_or_fail(
    make: Callable[..., QMainWindow | None], demo: bool, ctx: AppContext
) -> QMainWindow:
    """The kiosk window; its staff PIN was checked before the session started."""
    window = make(ctx, demo=demo)
    if window is None:
        raise RuntimeError("kiosk mode without a staff PIN (checked at start)")
    return window


def _close(ctx: AppContext, instance: SingleInstance, crash: CrashReporter) -> None:
    ctx.tasks.wait_idle()
    ctx.cache_engine.dispose()
    ctx.outbox.engine.dispose()
    instance.release()
    crash.uninstall()


def run() -> None:
    """Console-script entry point."""
    raise SystemExit(main(sys.argv[1:]))
