"""The Partner Portal reference server (FastAPI + SQLAlchemy, uvicorn).

    partner-portal-server [--db URL] [--host 127.0.0.1] [--port 8765] [--demo-accounts N]
                          [--lifecycle-interval 3600] [--group-commit]
    partner-portal-server lifecycle [--db URL] [--on YYYY-MM-DD]
    partner-portal-server new-epoch [--db URL]      (after restoring a backup)
    partner-portal-server prune [--db URL] [--keep-days 90]

``--db`` defaults to ``sqlite:///./partner-portal-server.sqlite3`` (the current folder);
production uses ``postgresql+psycopg://user:password@host/dbname``. The HTTP contract is
``docs/sync-api.md``; ``/openapi.json`` and ``/docs`` describe it too.

Modules: ``app`` (create_app: middleware, error handlers, the routers), ``routes/`` (the
endpoints, one module per area, and the OpenAPI models), ``auth`` (scrypt verifiers, tokens,
lock-out), ``scopes`` (who sees what; kiosk masking), ``pull`` (snapshot + delta pages),
``push`` (exactly-once mutations; each kind applied in ``apply_payment``, ``apply_account``,
``reversals``, ``day_closes``), ``changelog`` (the change sequence and the PostgreSQL
horizon), ``lifecycle_job``, ``kiosk``, ``demo_seed`` (demo data and the demo sign-ins),
``embedded`` (a server in a thread for tests and ``partner-portal --demo``), ``cli``.
"""
