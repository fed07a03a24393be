"""Storage: the shared schema, the desktop's cache and outbox, migrations and demo data."""
