"""The kiosk's work off the GUI thread: looking an account up in the local copy, asking the
server for a mobile the copy does not hold, reading a payment's state from the outbox, and
printing a receipt. Each answer carries the screen generation it was asked for, so the
window drops an answer that arrives after the customer has gone."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from billing.roles import Role
from db.outbox import Mutation
from desktop.kiosk.lookup import (
    LookupResult,
    Outcome,
    lookup,
    mutation_by_id,
    outbox_high_seq,
)
from desktop.kiosk.receipt import print_receipt
from desktop.payments.receipt_data import ReceiptData
from desktop.runtime.context import AppContext
from desktop.runtime.tasks import TaskControl

if TYPE_CHECKING:
    from sync.client import SyncClient


@dataclass(frozen=True)
class LookupAnswer:
    generation: int
    result: LookupResult
    high_seq: int
    text: str = ""
    asked_server: bool = False


@dataclass(frozen=True)
class ServerAnswer:
    generation: int
    outcome: Outcome
    account_id: int | None = None
    #: The server refused the look-up (429): its error code and the seconds to wait.
    refused: str | None = None
    retry_after: int = 0


@dataclass(frozen=True)
class PaymentAnswer:
    generation: int
    mutation: Mutation | None


def lookup_job(ctx: AppContext, text: str, generation: int, asked_server: bool,
                _c: TaskControl) -> LookupAnswer:
    result = lookup(ctx.cache_engine, ctx.outbox, text, branch_id=ctx.user.branch_id,
                    kiosk_key=ctx.kiosk_key)
    return LookupAnswer(generation, result, outbox_high_seq(ctx.outbox), text, asked_server)


def server_client(ctx: AppContext) -> SyncClient | None:
    """The sync client when this kiosk is signed in to a server (for a mobile its local
    copy does not hold: an account added or changed since its last pull)."""
    if ctx.user.role is not Role.KIOSK or ctx.sync is None:
        return None
    client = ctx.sync.client
    return client if client.has_token else None


def server_lookup_job(client: SyncClient, mobile: str, generation: int,
                       _c: TaskControl) -> ServerAnswer:
    """``GET /api/v1/kiosk/lookup?mobile=`` → the account id (the details come from the
    local cache, so the payment rules see the same account the counter would)."""
    from sync.errors import ApiError, OfflineError

    try:
        body = client.kiosk_lookup(mobile=mobile)
    except OfflineError:
        return ServerAnswer(generation, Outcome.NOT_FOUND)
    except ApiError as exc:
        if exc.code == "ambiguous":
            return ServerAnswer(generation, Outcome.AMBIGUOUS)
        if exc.status == 429:
            error = exc.body.get("error") if isinstance(exc.body, dict) else None
            wait = error.get("retry_after") if isinstance(error, dict) else None
            return ServerAnswer(generation, Outcome.NOT_FOUND, refused=exc.code,
                                 retry_after=wait if isinstance(wait, int) else 60)
        return ServerAnswer(generation, Outcome.NOT_FOUND)
    return ServerAnswer(generation, Outcome.FOUND, int(body["account_id"]))


def mutation_job(ctx: AppContext, mutation_id: str, generation: int,
                  _c: TaskControl) -> PaymentAnswer:
    return PaymentAnswer(generation, mutation_by_id(ctx.outbox, mutation_id))


def print_job(printer: Any, receipt: ReceiptData, width: int, tamil_mode: str,
              _c: TaskControl) -> str:
    """Print the kiosk's receipt; Tamil as Settings say (raster image or printer text)."""
    print_receipt(printer, receipt, width, tamil_mode=tamil_mode)
    return receipt.receipt_number
