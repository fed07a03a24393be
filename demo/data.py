"""Deterministic, realistic demo data: from 1,000 to 1,000,000 accounts with their history.

The same seed and business date give the same rows. Balances are spread over every case of
the payment-options rule (owes, exactly ₹1.00, dust below ₹1, zero, advance credit) and the
ledger adds up: for every account, balance = charges (invoices and recharges) − payments.
Some accounts are suspended by each lifecycle rule.

Command: ``partner-portal-demo-data OUT.sqlite3 --accounts 100000 [--seed 7]``.
"""


from __future__ import annotations

import argparse
import logging
import multiprocessing
import os
import random
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from billing.lifecycle import business_date
from db.account_search_grams import COLUMNS as GRAM_COLUMNS
from db.account_search_grams import TABLE as GRAM_TABLE
from db.account_search_grams import gram_bits
from db.schema import metadata
from db.search import account_search_text
from demo.accounts import CHUNK_ACCOUNTS, Counters, account_rows
from demo.reference import FIRST_ACCOUNT_ID, LONG_HISTORY_ACCOUNT_ID, reference_data

__all__ = [
    "FIRST_ACCOUNT_ID",
    "LONG_HISTORY_ACCOUNT_ID",
    "DemoSummary",
    "generate",
    "run",
]

log = logging.getLogger(__name__)

COLUMNS: dict[str, list[str]] = {
    name: [c.name for c in metadata.tables[name].columns]
    for name in (
        "accounts",
        "orders",
        "invoices",
        "payments",
        "account_tags",
        "comments",
        "log_entries",
    )
}

ProgressCallback = Callable[[int, int], None]


@dataclass
class DemoSummary:
    accounts: int
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())



# -- writing -------------------------------------------------------------------------------


def _insert_sql(table: str, columns: list[str]) -> str:
    cols = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    return f'INSERT INTO "{table}" ({cols}) VALUES ({marks})'


def generate(
    engine: Engine,
    accounts: int,
    *,
    seed: int = 7,
    today: date | None = None,
    progress: ProgressCallback | None = None,
) -> DemoSummary:
    """Fill an empty, migrated SQLite database (cache or server) with demo data."""
    if accounts < 1:
        raise ValueError("accounts must be at least 1")
    if engine.dialect.name != "sqlite":
        raise NotImplementedError("the fast demo loader writes SQLite; PostgreSQL uses sync")
    today = today or business_date(datetime.now(UTC))
    started = time.perf_counter()
    rng = random.Random(seed)
    ref = reference_data(rng)
    summary = DemoSummary(accounts=accounts)
    raw = engine.raw_connection()
    try:
        conn: sqlite3.Connection = raw.driver_connection  # type: ignore[assignment]
        conn.isolation_level = None
        has_search = bool(
            conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'account_search'").fetchone()
        )
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("BEGIN")
        if conn.execute("SELECT 1 FROM accounts LIMIT 1").fetchone():
            raise ValueError("the database already holds accounts")
        for table, rows in (
            ("zones", ref.zones),
            ("branches", ref.branches),
            ("areas", ref.areas),
            ("staff", ref.staff),
            ("resellers", ref.resellers),
            ("plans", ref.plans),
            ("tags", ref.tags),
        ):
            columns = [c.name for c in metadata.tables[table].columns]
            conn.executemany(_insert_sql(table, columns), rows)
            summary.rows[table] = len(rows)
        # Secondary indexes are rebuilt once at the end: far cheaper than per row.
        dropped = _drop_indexes(
            conn,
            [
                "accounts",
                "orders",
                "invoices",
                "payments",
                "comments",
                "log_entries",
                "account_tags",
            ],
        )
        chunks = [
            (seed, c, min(CHUNK_ACCOUNTS, accounts - c * CHUNK_ACCOUNTS), today, has_search)
            for c in range((accounts + CHUNK_ACCOUNTS - 1) // CHUNK_ACCOUNTS)
        ]
        tmp = Path(tempfile.mkdtemp(prefix="demo-chunks-"))
        try:
            done = 0
            for chunk_file, count in _chunk_files(chunks, tmp):
                _merge(conn, chunk_file, summary, has_search)
                chunk_file.unlink()
                done += count
                if progress:
                    progress(done, accounts)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        for sql in dropped:
            conn.execute(sql)
        conn.execute("COMMIT")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("ANALYZE")
    except BaseException:
        if raw.driver_connection.in_transaction:  # type: ignore[union-attr]
            raw.driver_connection.execute("ROLLBACK")  # type: ignore[union-attr]
        raise
    finally:
        raw.close()
    summary.seconds = time.perf_counter() - started
    log.info(
        "demo data: %s accounts, %s rows in %.1f s", accounts, summary.total_rows, summary.seconds
    )
    return summary


def _chunk_files(
    chunks: list[tuple[int, int, int, date, bool]], folder: Path
) -> Iterator[tuple[Path, int]]:
    """Generate chunks (in worker processes when there are several), in chunk order."""
    jobs = [(*chunk, folder) for chunk in chunks]
    if len(jobs) == 1:
        yield _write_chunk(jobs[0])
        return
    workers = max(1, min(len(jobs), os.cpu_count() or 1))
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        yield from pool.imap(_write_chunk, jobs)


def _write_chunk(job: tuple[int, int, int, date, bool, Path]) -> tuple[Path, int]:
    """Write one chunk of accounts and their history into a bare SQLite file."""
    seed, chunk, count, today, with_search, folder = job
    ref = reference_data(random.Random(seed))
    path = folder / f"chunk-{chunk:05d}.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=OFF")
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("BEGIN")
        for table, columns in COLUMNS.items():
            conn.execute(f'CREATE TABLE "{table}" ({", ".join(f"{c!r}" for c in columns)})')
        conn.execute(f"CREATE TABLE search (id, text, {', '.join(GRAM_COLUMNS)})")
        statements = {t: _insert_sql(t, cols) for t, cols in COLUMNS.items()}
        buffers: dict[str, list[tuple[Any, ...]]] = {t: [] for t in COLUMNS}
        search_rows: list[tuple[Any, ...]] = []
        counters = Counters(chunk)
        rng = random.Random()
        first = chunk * CHUNK_ACCOUNTS
        for index in range(first, first + count):
            rng.seed(seed * 1_000_003 + index)  # each account stands alone
            for table, row in account_rows(index, rng, ref, today, counters):
                buffers[table].append(row)
            if with_search:
                row = buffers["accounts"][-1]
                text = account_search_text(row[0], row[1], row[7], row[9])
                search_rows.append((row[0], text, *gram_bits(text)))
        for table, rows in buffers.items():
            conn.executemany(statements[table], rows)
        marks = ", ".join("?" for _ in range(2 + len(GRAM_COLUMNS)))
        conn.executemany(f"INSERT INTO search VALUES ({marks})", search_rows)
        conn.execute("COMMIT")
    finally:
        conn.close()
    return path, count


def _merge(
    conn: sqlite3.Connection, chunk_file: Path, summary: DemoSummary, with_search: bool
) -> None:
    conn.execute("COMMIT")  # ATTACH and DETACH stand outside transactions
    conn.execute("ATTACH DATABASE ? AS chunk", (str(chunk_file),))
    conn.execute("BEGIN")
    try:
        for table, columns in COLUMNS.items():
            cols = ", ".join(f'"{c}"' for c in columns)
            cur = conn.execute(
                f'INSERT INTO main."{table}" ({cols}) SELECT {cols} FROM chunk."{table}"'
            )
            summary.rows[table] = summary.rows.get(table, 0) + cur.rowcount
        if with_search:
            conn.execute(
                "INSERT INTO main.account_search(rowid, text) SELECT id, text FROM chunk.search"
            )
        if with_search and conn.execute(  # (a cache migrated only up to cache_0008 has none)
            "SELECT 1 FROM main.sqlite_master WHERE name = ?", (GRAM_TABLE,)
        ).fetchone():
            conn.execute(
                f"INSERT INTO main.{GRAM_TABLE} (name, r, h, {', '.join(GRAM_COLUMNS)}) "
                f"SELECT a.name, a.rowid, printf('%016x', a.rowid), "
                f"{', '.join('s.' + c for c in GRAM_COLUMNS)} "
                "FROM chunk.search s JOIN main.accounts a ON a.id = s.id"
            )
    finally:
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE chunk")
        conn.execute("BEGIN")


def _drop_indexes(conn: sqlite3.Connection, tables: list[str]) -> list[str]:
    """Drop the secondary indexes of ``tables``; return the SQL that recreates them."""
    marks = ", ".join("?" for _ in tables)
    rows = conn.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        f"AND tbl_name IN ({marks})",
        tables,
    ).fetchall()
    for name, _ in rows:
        conn.execute(f'DROP INDEX "{name}"')
    return [sql for _, sql in rows]


def run(argv: list[str] | None = None) -> int:
    """``partner-portal-demo-data``: write a demo cache file."""
    from db.cache import open_cache

    parser = argparse.ArgumentParser(description="Write a demo cache with N accounts.")
    parser.add_argument("out", type=Path, help="the SQLite file to create (must not exist)")
    parser.add_argument("--accounts", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--today",
        type=date.fromisoformat,
        default=None,
        help="business date the data is built around (default: today)",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if args.out.exists():
        parser.error(f"{args.out} exists; choose a new file")
    engine = open_cache(args.out)
    summary = generate(
        engine,
        args.accounts,
        seed=args.seed,
        today=args.today,
        progress=lambda done, total: log.info("%s / %s accounts", f"{done:,}", f"{total:,}"),
    )
    engine.dispose()
    log.info("%s rows in %.1f s: %s", f"{summary.total_rows:,}", summary.seconds, summary.rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(run())
