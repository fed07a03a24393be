"""Server initial pull (snapshot) throughput over real HTTP with gzip, SQLite and PostgreSQL.

    python benchmarks/bench_server_pull.py [--accounts 20000] [--role admin|branch_staff]
        [--postgres URL]   (default: $TEST_POSTGRES_URL; PostgreSQL is skipped without one)
        [--format rows|columns] [--no-gzip]

Times the pages only (server query, JSON, gzip, transfer, client gunzip); the client parses
with orjson so its own cost stays small. A desktop's end-to-end figure adds its apply time.
Prints one JSON object per backend.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

import httpx
import orjson
from bench_common import postgres_schema

from server.config import Settings
from server.demo_seed import demo_login
from server.embedded import start_server


def run(url: str, backend: str, accounts: int, role: str, limit: int, fmt: str = "rows",
        gzip: bool = True) -> dict:
    started = time.perf_counter()
    server = start_server(url, accounts, settings=Settings(db_url=url,
                                                           lifecycle_interval_seconds=0))
    seeded = time.perf_counter() - started
    try:
        login = demo_login(role)
        client = httpx.Client(base_url=server.url, timeout=600)
        token = client.post("/api/v1/auth/sign-in", json={
            "username": login.username, "password": login.password}).json()["token"]
        headers = {"Authorization": f"Bearer {token}",
                   "Accept-Encoding": "gzip" if gzip else "identity"}
        best = None
        for _ in range(2):
            rows = got_accounts = pages = wire = 0
            cursor = None
            started = time.perf_counter()
            while True:
                params = {"limit": limit, "format": fmt,
                          **({"cursor": cursor} if cursor else {})}
                r = client.get("/api/v1/sync/pull", params=params, headers=headers)
                r.raise_for_status()
                wire += int(r.headers.get("content-length", 0))
                body = orjson.loads(r.content)
                pages += 1
                rows += len(body["changes"])
                got_accounts += sum(1 for c in body["changes"] if c["table"] == "accounts")
                for block in body.get("snapshot") or ():
                    rows += len(block["rows"])
                    if block["table"] == "accounts":
                        got_accounts += len(block["rows"])
                cursor = body["cursor"]
                if not body["has_more"]:
                    break
            seconds = time.perf_counter() - started
            if best is None or seconds < best[0]:
                best = (seconds, rows, got_accounts, pages, wire)
        client.close()
    finally:
        server.stop()
    seconds, rows, got_accounts, pages, wire = best
    return {
        "backend": backend, "role": role, "format": fmt, "gzip": gzip,
        "accounts": got_accounts, "rows": rows,
        "pages": pages, "wire_bytes": wire, "seconds": round(seconds, 2),
        "accounts_per_s": round(got_accounts / seconds), "rows_per_s": round(rows / seconds),
        "seed_seconds": round(seeded, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=20_000)
    parser.add_argument("--role", default="admin")
    parser.add_argument("--limit", type=int, default=5000)
    parser.add_argument("--postgres", default=os.environ.get("TEST_POSTGRES_URL"))
    parser.add_argument("--format", choices=("rows", "columns"), default="rows")
    parser.add_argument("--no-gzip", action="store_true")
    args = parser.parse_args()
    opts = (args.format, not args.no_gzip)
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        print(json.dumps(run(url, "sqlite", args.accounts, args.role, args.limit, *opts)))
    if args.postgres:
        with postgres_schema(args.postgres) as url:
            print(json.dumps(run(url, "postgresql", args.accounts, args.role, args.limit,
                                 *opts)))


if __name__ == "__main__":
    main()
