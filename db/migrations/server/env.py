from db.migrations.common import run_migrations
from db.server_schema import server_metadata as target

run_migrations(target)
