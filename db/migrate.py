"""Alembic, driven from code: each database file names the tree it follows."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

TREES = ("cache", "outbox", "server")
_HERE = Path(__file__).resolve().parent / "migrations"


def _config(tree: str) -> Config:
    if tree not in TREES:
        raise ValueError(f"unknown migration tree {tree!r}")
    cfg = Config()
    cfg.set_main_option("script_location", str(_HERE / tree))
    return cfg


def head(tree: str) -> str:
    """The newest revision of ``tree``."""
    rev = ScriptDirectory.from_config(_config(tree)).get_current_head()
    assert rev is not None
    return rev


def current(conn: Connection) -> str | None:
    """The revision the database behind ``conn`` is at (None when never migrated)."""
    return MigrationContext.configure(conn).get_current_revision()


def unknown_revision(engine: Engine, tree: str) -> str | None:
    """The revision the database behind ``engine`` is at when this code does not know it
    (written by a newer version of the app), else None. Upgrading such a file would fail
    half-way with Alembic's "Can't locate revision"; callers decide what it means instead
    (the cache is rebuilt, the outbox is left alone)."""
    with engine.connect() as conn:
        stored = current(conn)
    if stored is None:
        return None
    scripts = ScriptDirectory.from_config(_config(tree))
    known = {script.revision for script in scripts.walk_revisions()}
    return None if stored in known else stored


def upgrade(engine: Engine, tree: str, revision: str = "head") -> None:
    """Bring the database up to ``revision`` of ``tree``."""
    cfg = _config(tree)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def revision(engine: Engine, tree: str, message: str) -> None:
    """Autogenerate a new revision of ``tree`` against ``engine`` (a developer tool)."""
    cfg = _config(tree)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.revision(cfg, message=message, autogenerate=True)
