"""Server push throughput: payments applied per second over real HTTP, SQLite and PostgreSQL.

    python benchmarks/bench_server_push.py [--payments 1000] [--batch 1000] [--accounts 2000]
        [--postgres URL]   (default: $TEST_POSTGRES_URL; PostgreSQL is skipped without one)
    [--group-commit]   (one durable commit per request, a savepoint per mutation)

Each payment is its own database transaction with its ``mutations_applied`` record, the
ledger row, the balance update, a Log entry and change-log rows (what a real push does).
Prints one JSON object per backend.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import tempfile
import time
import uuid
from pathlib import Path

import httpx
from bench_common import postgres_schema
from sqlalchemy import text

from server.config import Settings
from server.embedded import start_server


def _payments(accounts: list[int], count: int) -> list[dict]:
    out = []
    for n in range(count):
        mid = str(uuid.uuid4())
        out.append({
            "mutation_id": mid, "seq": n + 1, "kind": "payment",
            "account_id": accounts[n % len(accounts)],
            "payload": {"option": "advance", "method": "cash", "reference": None,
                        "amount_paise": 10_000, "plan_id": None, "charge_paise": 0,
                        "balance_before_paise": 0, "taken_at": int(time.time()),
                        "branch_id": 1, "receipt_number": f"DBENCH-{n + 1:06d}",
                        "payment_uuid": mid, "tendered_paise": None},
        })
    return out


def run(url: str, backend: str, payments: int, batch: int, accounts: int,
        group_commit: bool = False) -> dict:
    server = start_server(url, accounts, settings=Settings(
        db_url=url, lifecycle_interval_seconds=0, push_group_commit=group_commit))
    try:
        with server.database.read.connect() as conn:
            ids = [r[0] for r in conn.execute(text(
                "SELECT id FROM accounts WHERE balance_paise < 100 AND status != 'Terminated' "
                "ORDER BY id"))]
        client = httpx.Client(base_url=server.url, timeout=600)
        token = client.post("/api/v1/auth/sign-in",
                            json={"username": "admin", "password": "admin-demo"}).json()["token"]
        headers = {"Authorization": f"Bearer {token}"}
        mutations = _payments(ids, payments)
        started = time.perf_counter()
        statuses: dict[str, int] = {}
        for start in range(0, len(mutations), batch):
            r = client.post("/api/v1/sync/push", headers=headers,
                            json={"device_code": "DBENCH", "mutations":
                                  mutations[start:start + batch]})
            r.raise_for_status()
            for result in r.json()["results"]:
                statuses[result["status"]] = statuses.get(result["status"], 0) + 1
        seconds = time.perf_counter() - started
        # The same batch again: every answer is a stored duplicate.
        started = time.perf_counter()
        r = client.post("/api/v1/sync/push", headers=headers,
                        json={"device_code": "DBENCH", "mutations": mutations[:batch]})
        replay = time.perf_counter() - started
        dup = sum(1 for x in r.json()["results"] if x["status"] == "duplicate")
        client.close()
    finally:
        server.stop()
    return {
        "backend": backend,
        "group_commit": group_commit,
        "payments": payments,
        "batch": batch,
        "statuses": statuses,
        "seconds": round(seconds, 3),
        "payments_per_s": round(payments / seconds, 1),
        "replayed_duplicates": dup,
        "replay_seconds": round(replay, 3),
        "machine": f"{platform.machine()} {os.cpu_count()} cores, Python "
                   f"{platform.python_version()}, SQLite {sqlite3.sqlite_version}",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--payments", type=int, default=1000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--accounts", type=int, default=2000)
    parser.add_argument("--postgres", default=os.environ.get("TEST_POSTGRES_URL"))
    parser.add_argument("--group-commit", action="store_true",
                        help="one durable commit per request (a savepoint per mutation)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        print(json.dumps(run(url, "sqlite", args.payments, args.batch, args.accounts,
                             args.group_commit)))
    if args.postgres:
        with postgres_schema(args.postgres) as url:
            print(json.dumps(run(url, "postgresql", args.payments, args.batch,
                                 args.accounts, args.group_commit)))


if __name__ == "__main__":
    main()
