"""``partner-portal-server``: serve, run the lifecycle job once, or start a new epoch.

    partner-portal-server [--db URL] [--host H] [--port P] [--demo-accounts N]
    partner-portal-server lifecycle [--db URL] [--on YYYY-MM-DD]
    partner-portal-server new-epoch [--db URL]
    partner-portal-server prune [--db URL] [--keep-days 90]
    partner-portal-server rotate-cursor-key [--db URL]

``--db`` defaults to ``sqlite:///partner-portal-server.sqlite3`` in the current folder
(PostgreSQL: ``postgresql+psycopg://user:password@host/dbname``).
"""

from __future__ import annotations

import argparse
import logging
import uuid
from datetime import date
from pathlib import Path

from sqlalchemy.engine import make_url

from server.database import DEFAULT_DB_FILE, meta_put, open_database, sqlite_url

log = logging.getLogger(__name__)


def _default_db() -> str:
    return sqlite_url(Path.cwd() / DEFAULT_DB_FILE)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="partner-portal-server",
        description="The Terabyte partner portal reference server.",
    )
    parser.add_argument("command", nargs="?", default="serve",
                        choices=["serve", "lifecycle", "new-epoch", "prune",
                                 "rotate-cursor-key"],
                        help="serve (default), run the lifecycle job once, start a new "
                             "server epoch after restoring a backup, prune the change log, "
                             "or rotate the database's pull-cursor key")
    parser.add_argument("--db", default=None,
                        help=f"database URL (default: sqlite:///./{DEFAULT_DB_FILE})")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--demo-accounts", type=int, default=None, metavar="N",
                        help="seed N demo accounts and the demo users into an empty database")
    parser.add_argument("--lifecycle-interval", type=int, default=3600, metavar="SECONDS",
                        help="run the billing lifecycle job every SECONDS (0: never)")
    parser.add_argument("--on", type=date.fromisoformat, default=None,
                        help="lifecycle: the business date to run for (default: today)")
    parser.add_argument("--group-commit", action="store_true",
                        help="push: one durable commit per request, a savepoint per mutation")
    parser.add_argument("--keep-days", type=int, default=90,
                        help="prune: keep this many days of changes (older cursors resync)")
    parser.add_argument("--cursor-key-file", type=Path, default=None, metavar="FILE",
                        help="keys sealing pull cursors, one per line: the first signs, all "
                             "verify (default: a key kept in the database)")
    parser.add_argument("--api-docs", action="store_true",
                        help="serve the interactive API pages /docs and /redoc (off by "
                             "default; /openapi.json is always served)")
    parser.add_argument("--log-level", default="INFO")
    return parser


def run(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    from server.config import Settings

    url = args.db or _default_db()
    cursor_keys: tuple[str, ...] = ()
    if args.cursor_key_file is not None:
        cursor_keys = tuple(line.strip() for line in
                            args.cursor_key_file.read_text(encoding="utf-8").splitlines()
                            if line.strip())
        if not cursor_keys or any(len(k) < 32 for k in cursor_keys):
            log.error("%s: give one key of at least 32 characters per line "
                      "(e.g. from: python -c 'import secrets; print(secrets.token_urlsafe(32))')",
                      args.cursor_key_file)
            return 2
    settings = Settings(db_url=url, lifecycle_interval_seconds=args.lifecycle_interval,
                        push_group_commit=args.group_commit, cursor_keys=cursor_keys,
                        api_docs=args.api_docs)
    database = open_database(url)
    if args.command == "lifecycle":
        from server.lifecycle_job import run_once

        result = run_once(database, settings, args.on)
        log.info("lifecycle: %s", result)
        return 0
    if args.command == "new-epoch":
        with database.write.begin() as conn:
            meta_put(conn, "server_epoch", str(uuid.uuid4()))
        log.info("new server epoch; clients will resync and re-offer their writes")
        return 0
    if args.command == "prune":
        from server import changelog

        with database.write.begin() as conn:
            deleted = changelog.prune(conn, settings.now_epoch() - args.keep_days * 86_400)
        log.info("pruned %s changes older than %s days", deleted, args.keep_days)
        return 0
    if args.command == "rotate-cursor-key":
        from server import cursors

        with database.write.begin() as conn:
            cursors.rotate(conn)
        log.info("new cursor key; cursors signed with the one before stay good until the "
                 "next rotation")
        return 0
    if args.demo_accounts:
        from server.demo_seed import DEMO_USERS, seed

        settings.demo_mode = True
        if seed(database, settings, args.demo_accounts):
            log.info("seeded %s demo accounts", args.demo_accounts)
        # The demo passwords are not logged (logs get shipped and kept); they are listed
        # by GET /api/v1/demo/users and on the desktop's sign-in screen.
        log.info("demo mode: %s demo sign-ins (%s), passwords at GET %s",
                 len(DEMO_USERS), ", ".join(u.username for u in DEMO_USERS),
                 "/api/v1/demo/users")
    import uvicorn

    from server.app import create_app

    app = create_app(settings, database)
    # Never the database password: logs get shipped and kept.
    shown = make_url(url).render_as_string(hide_password=True)
    log.info("serving %s on http://%s:%s", shown, args.host, args.port)
    # A desk's long-poll (GET /sync/wait) must not hold a restart for its 25 s: after 5 s
    # the remaining requests are cut and the desks wait again on the next process.
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning",
                timeout_graceful_shutdown=5)
    return 0


if __name__ == "__main__":
    raise SystemExit(run())
