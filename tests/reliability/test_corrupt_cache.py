"""Suite 7: a damaged ``cache.sqlite3`` is noticed, rebuilt from the server, outbox intact.

Each case takes a synced desk with unsent payments in its outbox, closes it, damages the
cache file (truncation, scribbled header, scribbled pages, garbage), then opens it the way
the app does (``db.cache.open_or_rebuild`` with the outbox, which remembers that a sync had
filled the cache) and runs a sync cycle. Required: the user is told (by the open path's
message, or — for damage past the first pages, which only a read finds — by the sync
cycle's notice), the rebuilt replica equals the server, and every unsent payment reaches
the server exactly once.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from db.cache import CACHE_FILE, open_or_rebuild
from db.outbox import OUTBOX_FILE, Outbox
from tests.reliability.conftest import (
    ServerProcess,
    assert_exactly_once,
    check_ledger,
    open_desk,
    record,
    table_hash,
    take_payment,
)

ROWS = "SELECT id, balance_paise, status, version FROM accounts"


def _damage(path: Path, how: str, rng: random.Random) -> None:
    size = path.stat().st_size
    with path.open("r+b") as fh:
        if how == "empty":
            fh.truncate(0)
        elif how == "half":
            fh.truncate(size // 2)
        elif how == "header":
            fh.seek(0)
            fh.write(rng.randbytes(100))
        elif how == "pages":
            for _ in range(20):
                fh.seek(rng.randrange(4096, size - 4096))
                fh.write(rng.randbytes(rng.randint(16, 512)))
        elif how == "tail":
            fh.seek(size - 8192)
            fh.write(b"\0" * 8192)
        elif how == "garbage":
            fh.seek(0)
            fh.write(b"this is not a database " * (size // 23))


CASES = ["empty", "half", "header", "pages", "tail", "garbage"]
RESULTS: list[dict] = []


@pytest.mark.parametrize("how", CASES)
def test_damaged_cache_rebuilds(module_server: ServerProcess, tmp_path: Path, how: str) -> None:
    server = module_server
    token = server.sign_in()
    data_dir = tmp_path / "desk"
    desk = open_desk(data_dir, server.url, token)
    accounts = server.branch_accounts(5)
    try:
        assert desk.cycle.run().ok
        taken = [take_payment(desk, a) for a in accounts]
        assert all(taken)
    finally:
        desk.close()
    for side in ("-wal", "-shm"):
        Path(f"{data_dir / CACHE_FILE}{side}").unlink(missing_ok=True)  # a checkpointed file
    _damage(data_dir / CACHE_FILE, how, random.Random(how))

    outbox = Outbox.open(data_dir / OUTBOX_FILE)
    cache, message = open_or_rebuild(data_dir / CACHE_FILE, outbox)
    outbox.engine.dispose()
    desk = open_desk(data_dir, server.url, token, cache=cache)
    error = None
    try:
        outcome = desk.cycle.run()
        ok = outcome.ok
        error = outcome.error
        message = message or outcome.notice
        with cache.connect() as conn:
            mine = [tuple(r) for r in conn.exec_driver_sql(ROWS).all()]
    except Exception as exc:  # the damage got past the open path
        ok, mine, error = False, [], repr(exc)
    finally:
        desk.close()
    theirs = server.query(ROWS + " WHERE branch_id = 1")
    ledger = check_ledger(server.query, [data_dir], [])
    row = {"case": how, "told_user": message is not None, "sync_ok": ok,
           "replica_equal": table_hash(mine) == table_hash(theirs), **ledger.figures}
    RESULTS.append(row)
    record("7 corrupt cache", **row, error=error)
    assert_exactly_once(ledger)  # the outbox survives every case, before any xfail below
    assert ok, error
    assert table_hash(mine) == table_hash(theirs)
    assert message is not None, "the damage was repaired silently or not noticed"
