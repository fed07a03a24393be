"""Sync speed against a local server (a separate process on 127.0.0.1, SQLite).

    python benchmarks/bench_sync.py [--accounts 100000] [--work DIR] [--format rows|columns]
        [--gzip] [--skip-baselines]

Measures, end to end over HTTP (the real client and server; the client's defaults are the
``columns`` page format and no gzip on loopback — ``--format rows`` / ``--gzip`` measure the
old ways):
- initial sync of every account with its history into an empty cache (admin scope);
- a delta of 1,000 changes made by another desk;
- push of 1,000 queued payments;
and naive baselines in the same run: applying the same pulled pages row by row through the
ORM (``session.merge``), and pushing payments one request each. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import time
import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import Date
from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from db import replica
from db.cache import CACHE_FILE, open_cache
from db.outbox import OUTBOX_FILE, MutationKind, Outbox
from db.schema import Base, UtcTimestamp
from sync.client import SyncClient
from sync.cycle import SyncCycle

ADMIN = ("admin", "admin-demo")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, accounts: int, extra: list[str] | None = None
                 ) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    log = open(db.with_suffix(".log"), "ab")  # noqa: SIM115 - lives as long as the server
    proc = subprocess.Popen(
        [sys.executable, "-c", "from server.cli import run; raise SystemExit(run())",
         "--db", f"sqlite:///{db}", "--port", str(port), "--demo-accounts", str(accounts),
         "--lifecycle-interval", "0", "--log-level", "WARNING", *(extra or [])],
        stdout=log, stderr=log, cwd=Path(__file__).resolve().parents[1],
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 900
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: see {db.with_suffix('.log')}")
        try:
            if requests.get(f"{url}/api/v1/health", timeout=1).ok:
                return proc, url
        except requests.RequestException:
            pass
        time.sleep(0.2)
    proc.kill()
    raise RuntimeError("server did not start")


def desk(folder: Path, url: str, fmt: str = "columns", gzip: bool = False
         ) -> tuple[SyncCycle, Any, Outbox]:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    cache = open_cache(folder / CACHE_FILE)
    outbox = Outbox.open(folder / OUTBOX_FILE)
    client = SyncClient(url)
    client.columns = fmt == "columns"
    if gzip:
        client._pull_headers = {}
    client.sign_in(*ADMIN, outbox.device_code())
    return SyncCycle(client, cache, outbox), cache, outbox


# -- naive baseline: the ORM, one row at a time ----------------------------------------------

_MODELS = {m.class_.__tablename__: m.class_ for m in Base.registry.mappers}


def _orm_value(column: Any, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(column.type, UtcTimestamp):
        return datetime.fromtimestamp(value, UTC)
    if isinstance(column.type, Date):
        return date.fromisoformat(value)
    return value


def page_changes(page: dict[str, Any]) -> list[dict[str, Any]]:
    """Every change of a page as ``rows``-format dicts (``columns`` blocks expanded)."""
    out = [{"table": b["table"], "op": "upsert", "row": dict(zip(b["columns"], r, strict=True))}
           for b in page.get("snapshot") or () for r in b["rows"]]
    return out + page["changes"]


def page_counts(page: dict[str, Any]) -> tuple[int, int]:
    """(changes, account rows) of a page in either format."""
    rows = len(page["changes"]) + sum(len(b["rows"]) for b in page.get("snapshot") or ())
    accounts = sum(1 for c in page["changes"] if c["table"] == "accounts") + sum(
        len(b["rows"]) for b in page.get("snapshot") or () if b["table"] == "accounts")
    return rows, accounts


def naive_apply(engine: Any, pages: list[dict[str, Any]]) -> int:
    """Row by row with session.merge, one commit per page (what a first version does)."""
    rows = 0
    with Session(engine) as session:
        for page in pages:
            for change in page_changes(page):
                model = _MODELS[change["table"]]
                table = model.__table__
                if change["op"] == "upsert":
                    values = {c.key: _orm_value(c, change["row"].get(c.name))
                              for c in table.columns}
                    session.merge(model(**values))
                else:
                    obj = session.get(model, tuple(change["key"].values()))
                    if obj is not None:
                        session.delete(obj)
                rows += 1
            session.commit()
    return rows


def fetch_pages(client: SyncClient, count: int, limit: int) -> list[dict[str, Any]]:
    pages, cursor = [], None
    for _ in range(count):
        page = client.pull(cursor, limit)
        pages.append(page)
        cursor = page["cursor"]
        if not page["has_more"]:
            break
    return pages


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--accounts", type=int, default=100_000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench-sync"))
    parser.add_argument("--baseline-pages", type=int, default=10)
    parser.add_argument("--format", choices=("columns", "rows"), default="columns",
                        help="pull page format (default: columns, the client's default)")
    parser.add_argument("--gzip", action="store_true",
                        help="gzip pull pages even on loopback (the client skips it there)")
    parser.add_argument("--skip-baselines", action="store_true",
                        help="only the initial sync and its halves (no naive, delta, push)")
    parser.add_argument("--push-batch", type=int, default=None,
                        help="mutations per push request (default: the engine's)")
    parser.add_argument("--group-commit", action="store_true",
                        help="start the server with --group-commit (one durable commit per "
                             "push request)")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    db = args.work / f"server-{args.accounts}.sqlite3"
    fresh = not db.exists()
    t = time.perf_counter()
    proc, url = start_server(db, args.accounts,
                             ["--group-commit"] if args.group_commit else None)
    seeded_s = time.perf_counter() - t
    out: dict[str, Any] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs (shared), "
                   f"Python {platform.python_version()}, {platform.system()}",
        "server": "separate process on 127.0.0.1, SQLite"
                  + (", --group-commit" if args.group_commit else ""),
        "pull_format": args.format,
        "gzip": args.gzip,
        "loadavg_before": Path("/proc/loadavg").read_text().split()[:3]
        if Path("/proc/loadavg").exists() else None,
        "accounts": args.accounts,
        "server_start_s": round(seeded_s, 1) if fresh else None,
    }
    try:
        # -- initial sync ----------------------------------------------------------------
        cycle, cache, outbox = desk(args.work / "desk1", url, args.format, args.gzip)
        t = time.perf_counter()
        outcome = cycle.run()
        secs = time.perf_counter() - t
        assert outcome.ok, outcome.error
        out["initial_sync"] = {
            "accounts": outcome.pulled_accounts,
            "rows": outcome.pulled_changes,
            "seconds": round(secs, 2),
            "accounts_per_s": round(outcome.pulled_accounts / secs),
            "rows_per_s": round(outcome.pulled_changes / secs),
            "goal_accounts_per_s": 10_000,
        }

        # -- the two halves apart: the server's pull alone, the client's apply alone ------
        t = time.perf_counter()
        pages = fetch_pages(cycle.client, 10_000, 5_000)
        fetch_s = time.perf_counter() - t
        n_rows = sum(page_counts(p)[0] for p in pages)
        n_accounts = sum(page_counts(p)[1] for p in pages)
        out["pull_only"] = {
            "what": "HTTP pulls of every page, JSON decode, nothing applied",
            "seconds": round(fetch_s, 2),
            "accounts_per_s": round(n_accounts / fetch_s),
            "rows_per_s": round(n_rows / fetch_s),
        }
        apply_path = args.work / "apply-fast.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{apply_path}{suffix}").unlink(missing_ok=True)
        fast_engine = open_cache(apply_path)
        t = time.perf_counter()
        replica.defer_indexes(fast_engine)
        with replica.PageWriter(fast_engine, cycle.bulk_commit_rows) as writer:
            for p in pages:
                writer.apply(p["changes"], p["cursor"], p["server_epoch"], p.get("snapshot"))
        replica.restore_indexes(fast_engine)
        apply_s = time.perf_counter() - t
        out["apply_only"] = {
            "what": "every pulled page applied from memory (rows, search index, cursor), "
                    "as the engine does it",
            "seconds": round(apply_s, 2),
            "accounts_per_s": round(n_accounts / apply_s),
            "rows_per_s": round(n_rows / apply_s),
        }
        fast_engine.dispose()
        if args.skip_baselines:
            return

        # -- naive baseline: the first pages row by row through the ORM ------------------
        first = pages[: args.baseline_pages]
        b_rows = sum(page_counts(p)[0] for p in first)
        timings = {}
        for name, fn in (("fast", None), ("naive_orm", naive_apply)):
            path = args.work / f"apply-{name}-first.sqlite3"
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            engine = open_cache(path)
            t = time.perf_counter()
            if fn is None:
                for p in first:
                    replica.apply_page(engine, p["changes"], p["cursor"], p["server_epoch"],
                                       p.get("snapshot"))
            else:
                fn(engine, first)
            timings[name] = time.perf_counter() - t
            engine.dispose()
        out["apply_first_pages_vs_naive"] = {
            "rows": b_rows,
            "fast_rows_per_s": round(b_rows / timings["fast"]),
            "naive_orm_rows_per_s": round(b_rows / timings["naive_orm"]),
            "speed_up": round(timings["naive_orm"] / timings["fast"], 1),
        }
        del pages, first

        # -- delta of 1,000 changes from another desk ------------------------------------
        other, other_cache, other_outbox = desk(args.work / "desk2", url)
        with cache.connect() as conn:
            ids = [r[0] for r in conn.exec_driver_sql(
                "SELECT id FROM accounts ORDER BY id LIMIT 1000")]
        for i, account_id in enumerate(ids):
            other_outbox.enqueue(MutationKind.COMMENT, account_id=account_id,
                                 payload={"body": f"bench comment {i}",
                                          "created_at": int(time.time())},
                                 created_by="admin")
        pushed = other.push()
        assert pushed == {"applied": 1000}, pushed
        t = time.perf_counter()
        delta = cycle.run()
        secs = time.perf_counter() - t
        assert delta.ok and not delta.initial, delta.error
        out["delta_1000"] = {"changes_pulled": delta.pulled_changes, "seconds": round(secs, 3),
                             "goal_s": 1.0}

        # -- push of 1,000 queued payments -----------------------------------------------
        with cache.connect() as conn:
            owing = conn.exec_driver_sql(
                "SELECT id, branch_id, balance_paise FROM accounts "
                "WHERE balance_paise >= 10000 ORDER BY id LIMIT 1100").all()
        assert len(owing) >= 1100, "not enough owing accounts for the push benchmark"

        def enqueue(rows: list[Any]) -> None:
            for account_id, branch_id, balance in rows:
                outbox.enqueue_payment(
                    account_id=account_id, created_by="admin", mutation_id=str(uuid.uuid4()),
                    payload={"option": "payment", "method": "cash", "reference": None,
                             "amount_paise": 100, "plan_id": None, "charge_paise": 0,
                             "balance_before_paise": balance, "taken_at": int(time.time()),
                             "branch_id": branch_id, "tendered_paise": None})

        enqueue(owing[:1000])
        if args.push_batch:
            cycle.push_batch = args.push_batch
        t = time.perf_counter()
        result = cycle.push()
        secs = time.perf_counter() - t
        assert result == {"applied": 1000}, result
        out["push_1000_payments"] = {"seconds": round(secs, 3), "batch": cycle.push_batch,
                                     "goal_s": 3.0}
        enqueue(owing[1000:1100])
        cycle.push_batch = 1  # naive: one request per payment
        t = time.perf_counter()
        result = cycle.push()
        secs = time.perf_counter() - t
        assert result == {"applied": 100}, result
        out["push_naive_one_per_request"] = {
            "payments": 100, "seconds": round(secs, 3),
            "extrapolated_1000_s": round(secs * 10, 2)}
        other.client.close()
        cycle.client.close()
        cache.dispose()
        other_cache.dispose()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        if Path("/proc/loadavg").exists():
            out["loadavg_after"] = Path("/proc/loadavg").read_text().split()[:3]
        print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
