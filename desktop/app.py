"""The GUI entry point: ``partner-portal`` and :func:`main`."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from billing.roles import Role
from db.cache import CACHE_FILE, open_or_rebuild
from db.outbox import OUTBOX_FILE, Outbox
from desktop import APP_NAME, ORG_NAME, __version__
from desktop.context import AppContext, AppEvents, CurrentUser
from desktop.logs import setup_logging
from desktop.paths import default_data_dir, log_dir
from desktop.secrets import SecretStore
from desktop.settings import open_settings
from desktop.sync.session import SessionController
from desktop.tasks import TaskRunner

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
    parser.add_argument("--data-dir", type=Path, metavar="DIR",
                        help="keep cache, outbox, settings and logs in DIR")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    args = parser.parse_args(argv)
    if args.demo_accounts < 1:
        parser.error("--demo-accounts must be at least 1")
    return args


def build_context(args: argparse.Namespace, app: QCoreApplication) -> AppContext:
    """Open the data folder's files and assemble the context every window receives."""
    data_dir: Path = args.data_dir or default_data_dir()
    if args.demo and args.data_dir is None:
        data_dir = data_dir / "demo"
    data_dir.mkdir(parents=True, exist_ok=True)
    cache_engine, notice = open_or_rebuild(data_dir / CACHE_FILE)
    outbox = Outbox.open(data_dir / OUTBOX_FILE)
    # Replaced by whoever signs in; --demo signs in as the demo branch staff of Coimbatore.
    user = CurrentUser("staff.cbe", "Demo branch staff", Role.BRANCH_STAFF, branch_id=1)
    ctx = AppContext(
        data_dir=data_dir,
        cache_engine=cache_engine,
        outbox=outbox,
        user=user,
        settings=open_settings(data_dir if args.data_dir else None),
        tasks=TaskRunner(app),
        events=AppEvents(app),
    )
    if notice:
        ctx.notices.append(notice)
    return ctx


def main(argv: list[str]) -> int:
    """Run the GUI; reuses a ``QApplication`` that already exists (tests create one)."""
    args = parse_args(argv)
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else APP_NAME])
    assert isinstance(app, QApplication)
    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    log_path = setup_logging(log_dir(args.data_dir))
    log.info("starting %s %s (log %s)", APP_NAME, __version__, log_path)

    ctx = build_context(args, app)
    from desktop.main_window import MainWindow  # after the app exists: widgets need it

    session = SessionController(ctx, MainWindow, SecretStore(), server_url=args.server)
    session.quit_requested.connect(app.quit)
    if args.demo:
        session.start_demo(args.demo_accounts)
    else:
        session.show_sign_in()
    try:
        return app.exec()
    finally:
        session.shutdown()
        ctx.cache_engine.dispose()
        ctx.outbox.engine.dispose()


def run() -> None:
    """Console-script entry point."""
    raise SystemExit(main(sys.argv[1:]))
