from db.cache_schema import cache_metadata as target
from db.migrations.common import run_migrations

run_migrations(target)
