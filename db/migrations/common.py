"""The body shared by each migration tree's ``env.py``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import MetaData


def run_migrations(target_metadata: MetaData) -> None:
    """Run online against the connection handed in by :func:`db.migrate.upgrade`."""
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("migrations run through db.migrate.upgrade(), not the alembic CLI")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
