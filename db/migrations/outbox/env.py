from db.migrations.common import run_migrations
from db.outbox_schema import outbox_metadata as target

run_migrations(target)
