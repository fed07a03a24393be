"""The server's start-up log line names its database without the database's password:
logs get shipped and kept (server/cli.py), and a PostgreSQL URL carries the password."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest

from server import cli
from server.database import Database, open_database, sqlite_url

PASSWORD = "S3cret-pw"
PG = f"postgresql+psycopg://terabyte:{PASSWORD}@db.example:5432/terabyte"


def test_serving_line_hides_the_database_password(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    opened: list[str] = []

    def fake_open(url: str) -> Database:  # no PostgreSQL here: the same server on SQLite
        opened.append(url)
        return open_database(sqlite_url(tmp_path / "server.sqlite3"))

    served: list[dict[str, Any]] = []
    monkeypatch.setattr(cli, "open_database", fake_open)
    monkeypatch.setattr("uvicorn.run", lambda app, **kwargs: served.append(kwargs))
    with caplog.at_level(logging.INFO):
        assert cli.run(["--db", PG, "--port", "1"]) == 0
    assert opened == [PG] and served
    serving = [r.getMessage() for r in caplog.records if r.getMessage().startswith("serving")]
    assert serving == [
        "serving postgresql+psycopg://terabyte:***@db.example:5432/terabyte "
        "on http://127.0.0.1:1"
    ]
    assert all(PASSWORD not in r.getMessage() for r in caplog.records)
