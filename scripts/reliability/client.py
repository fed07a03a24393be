"""A headless desk: takes payments through the GUI's own code path and syncs with the real
sync package, without Qt.

The path is the payment dialog's: ``db.payments_local.load_account`` (cache + pending outbox
payments), ``billing.rules.check_payment`` (the same preview the dialog refuses on),
``build_payment_payload`` and ``record_payment`` (= ``Outbox.enqueue_payment``, the one
durable write). Sync is ``sync.cycle.SyncCycle`` (push, then pull) over
``sync.client.SyncClient``: the objects the ``SyncEngine`` QObject runs on its
network thread. ``SyncEngine`` itself only schedules cycles with a QTimer; headless, the
harness calls ``SyncCycle.run()`` where the timer would.

Every step is a line appended with one ``os.write`` to ``--events`` (O_APPEND, unbuffered),
so the harness sees exactly what happened before a SIGKILL:

``OPEN <mutation_id> <account> <amount>``     the dialog opened with this idempotency key
``CONFIRMED <mutation_id> <receipt_number>``  written only after the durable write returned
``RECEIPT <mutation_id>``                     the receipt was "shown" (after a short pause)
``CYCLE``                                      a sync cycle (push, then pull) starts
``SYNC <applied> <duplicate> <rejected> <conflict> <pending> ok|error``

Modes:

* ``run``: take ``--payments`` payments (0 = until killed), syncing every ``--sync-every``,
  then sync until the outbox is drained (or ``--final-sync-tries`` run out).
* ``sync``: only sync until drained.
* ``zygote``: import everything once, then read ``FORK <json args>`` lines on stdin and fork
  a child per line (answering ``PID <pid>``): a child is a real process the harness can
  SIGKILL, started in a millisecond instead of the ~1 s an interpreter start costs.

The bearer token comes from the environment (``RELIABILITY_TOKEN``), never a file.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import signal
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from billing.rules import PaymentMethod, PaymentOption, RuleError, check_payment  # noqa: E402
from db.cache import CACHE_FILE, open_cache  # noqa: E402
from db.outbox import OUTBOX_FILE, MutationState, Outbox  # noqa: E402
from db.payments_local import (  # noqa: E402
    build_payment_payload,
    load_account,
    record_payment,
)
from sync.client import SyncClient  # noqa: E402
from sync.cycle import SyncCycle  # noqa: E402
from sync.http_session import make_session  # noqa: E402
from sync.kiosk_key import KioskKey  # noqa: E402
from sync.token_store import MemoryKeyring, SecretStore  # noqa: E402

log = logging.getLogger("reliability.client")


class Events:
    """One line per event, one ``os.write`` each, appended (survives a SIGKILL)."""

    def __init__(self, path: Path) -> None:
        self.fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)

    def emit(self, *parts: object) -> None:
        os.write(self.fd, (" ".join(str(p) for p in parts) + "\n").encode())


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("mode", choices=["run", "sync", "zygote"])
    p.add_argument("--data-dir", type=Path)
    p.add_argument("--server")
    p.add_argument("--events", type=Path)
    p.add_argument("--accounts", default="", help="comma-separated account ids to pay into")
    p.add_argument("--payments", type=int, default=0, help="0 = until killed")
    p.add_argument("--sync-every", type=int, default=3, help="0 = never (offline)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--user", default="reliability")
    p.add_argument("--receipt-pause", type=float, default=0.01,
                   help="seconds between the durable write and the receipt")
    p.add_argument("--final-sync-tries", type=int, default=0)
    p.add_argument("--taken-at", type=int, default=0,
                   help="epoch seconds to stamp payments with (0 = now): simulated offline days")
    p.add_argument("--taken-step", type=int, default=0, help="seconds added per payment")
    p.add_argument("--max-seconds", type=float, default=300,
                   help="stop taking payments after this long, whatever --payments says "
                        "(a harness that died can never leave a desk running)")
    p.add_argument("--reuse-open", action="store_true",
                   help="first re-confirm the last OPEN without CONFIRMED (a retried dialog)")
    return p


#: The name the harness's desks keep a kiosk's key under in their keyring: one name for every
#: mode, because "offline" is simulated with a dead server address.
KEYRING_SERVER = "reliability-harness"


class FileKeyring(MemoryKeyring):
    """The PC's keyring as a harness desk has one: it outlives a SIGKILL and a restart, as
    Windows Credential Manager does, and sits in its own file beside the cache, never in it."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self._path = path
        if path.exists():
            for service, username, value in json.loads(path.read_text()):
                self._items[(service, username)] = value

    def _save(self) -> None:
        temporary = self._path.with_suffix(".tmp")
        temporary.write_text(json.dumps([[s, u, v] for (s, u), v in self._items.items()]))
        os.replace(temporary, self._path)

    def set_password(self, service: str, username: str, password: str) -> None:
        super().set_password(service, username, password)
        self._save()

    def delete_password(self, service: str, username: str) -> None:
        super().delete_password(service, username)
        self._save()


def kiosk_key(data_dir: Path, outbox: Outbox) -> KioskKey:
    """The key a kiosk's pull delivers, kept as the app keeps it (sync.kiosk_key); a desk
    that is not a kiosk never receives one, and its look-ups never ask."""
    store = SecretStore(FileKeyring(data_dir / "keyring.json"))
    return KioskKey(store, KEYRING_SERVER, outbox.device_code())


def sync_client(server: str) -> SyncClient:
    # Fewer urllib3 retries than the app (1 instead of 3): the harness wants faults to reach
    # the engine's own retry path quickly; the engine code is unchanged.
    client = SyncClient(server, session=make_session(retries=1, backoff=0.05),
                        timeout=(3.0, 30.0))
    client.set_token(os.environ.get("RELIABILITY_TOKEN"))
    return client


def sync_once(cycle: SyncCycle, events: Events) -> bool:
    """One cycle, as ``SyncEngine`` runs it: an exception out of the cycle is a failed task
    (``SyncEngine._on_error`` logs it and tries again later), so it is recorded, not fatal."""
    events.emit("CYCLE")
    try:
        outcome = cycle.run()
    except Exception as exc:
        events.emit("SYNC", 0, 0, 0, 0, -1, "raised", type(exc).__name__)
        return False
    p = outcome.pushed
    events.emit("SYNC", p.get("applied", 0), p.get("duplicate", 0), p.get("rejected", 0),
                p.get("conflict", 0), outcome.pending, "ok" if outcome.ok else "error",
                (outcome.error or "").replace("\n", " ")[:200])
    return outcome.ok


def choose(account: Any, rng: random.Random) -> tuple[PaymentOption, int] | None:
    """What a cashier would take: part of what is due, else a small advance."""
    options = account.options
    if PaymentOption.PAYMENT in options:
        due = account.balance_paise
        return PaymentOption.PAYMENT, max(100, min(due, rng.randint(100, 50_000)))
    if PaymentOption.ADVANCE in options:
        return PaymentOption.ADVANCE, rng.randint(100, 20_000)
    return None


def take_payment(cache: Any, outbox: Outbox, account_id: int, rng: random.Random,
                 events: Events, args: argparse.Namespace, index: int,
                 mutation_id: str | None = None, key: KioskKey | None = None) -> bool:
    account = load_account(cache, outbox, account_id,
                           kiosk_secret=key.secret() if key is not None else None)
    picked = choose(account, rng)
    if picked is None:
        return False
    option, amount = picked
    try:
        check_payment(option, amount, balance_paise=account.balance_paise,
                      prepaid=account.prepaid)
    except RuleError:
        return False
    mutation_id = mutation_id or str(uuid.uuid4())
    events.emit("OPEN", mutation_id, account_id, amount)
    taken = (datetime.fromtimestamp(args.taken_at + index * args.taken_step, UTC)
             if args.taken_at else datetime.now(UTC))
    payload = build_payment_payload(
        account, option=option, method=PaymentMethod.CASH, reference=None,
        amount_paise=amount, charge_paise=0, plan_id=None, tendered_paise=amount,
        taken_at=taken,
    )
    m = record_payment(outbox, account_id=account_id, payload=payload,
                       created_by=args.user, mutation_id=mutation_id)
    events.emit("CONFIRMED", m.mutation_id, m.payload["receipt_number"])
    if args.receipt_pause:
        time.sleep(args.receipt_pause)
    events.emit("RECEIPT", m.mutation_id)
    return True


def _last_unconfirmed_open(path: Path) -> str | None:
    """The key of a dialog whose Confirm may or may not have been written before a crash."""
    if not path.exists():
        return None
    opened: dict[str, str] = {}
    for line in path.read_text().splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0] == "OPEN":
            opened[parts[1]] = line
        elif len(parts) >= 2 and parts[0] == "CONFIRMED":
            opened.pop(parts[1], None)
    return next(reversed(opened), None) if opened else None


def run(args: argparse.Namespace) -> int:
    data_dir: Path = args.data_dir
    data_dir.mkdir(parents=True, exist_ok=True)
    events = Events(args.events)
    cache = open_cache(data_dir / CACHE_FILE)
    outbox = Outbox.open(data_dir / OUTBOX_FILE)
    client = sync_client(args.server)
    sealing = kiosk_key(data_dir, outbox)
    cycle = SyncCycle(client, cache, outbox, kiosk_key=sealing)
    rng = random.Random(args.seed)
    accounts = [int(a) for a in args.accounts.split(",") if a]
    events.emit("START", os.getpid())
    if args.mode == "run":
        if args.reuse_open:
            key = _last_unconfirmed_open(args.events)
            if key is not None:
                # The cashier's retried Confirm: same key, so never a second payment.
                events.emit("RECONFIRM", key)
                account_id = int(next(
                    ln.split()[2] for ln in args.events.read_text().splitlines()
                    if ln.startswith(f"OPEN {key} ")))
                take_payment(cache, outbox, account_id, rng, events, args, 0, key, sealing)
        taken = 0
        stop_at = time.monotonic() + args.max_seconds
        while (args.payments == 0 or taken < args.payments) and time.monotonic() < stop_at:
            if take_payment(cache, outbox, rng.choice(accounts), rng, events, args, taken,
                            key=sealing):
                taken += 1
                if args.sync_every and taken % args.sync_every == 0:
                    sync_once(cycle, events)
    tries = args.final_sync_tries if args.mode == "run" else max(1, args.final_sync_tries)
    for _ in range(tries):
        if sync_once(cycle, events) and outbox.counts().get(MutationState.PENDING, 0) == 0:
            break
        time.sleep(0.2)
    events.emit("DONE", outbox.counts().get(MutationState.PENDING, 0))
    client.close()
    cache.dispose()
    outbox.engine.dispose()
    return 0


def zygote() -> int:
    """Fork a child per ``FORK <json argv>`` line; children are reaped by the kernel."""
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    for line in sys.stdin:
        line = line.strip()
        if not line.startswith("FORK "):
            continue
        argv = json.loads(line[5:])
        pid = os.fork()
        if pid == 0:  # the child: a fresh desk process
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            code = 1
            try:
                code = run(_parser().parse_args(argv))
            except BaseException:
                logging.exception("client child failed")
            finally:
                os._exit(code)
        sys.stdout.write(f"PID {pid}\n")
        sys.stdout.flush()
    return 0


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    args = _parser().parse_args(argv)
    if args.mode == "zygote":
        return zygote()
    return run(args)


if __name__ == "__main__":
    raise SystemExit(main())
