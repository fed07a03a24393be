"""Void and bounce requests decided at a supervisor's own desk (docs/sync-api.md
"Reversals"): the cashier's desk sends one, a supervisor's desk lists the pending ones and
approves or declines with the supervisor's own session. An approval applies the reversal
on the server at once; every desk of the branch sees it with its next pull. No Qt here."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from billing.refusal import Refusal
from billing.reversal import ReversalCause
from sync.client import SyncClient
from sync.errors import ApiError, OfflineError

__all__ = ["RequestRefused", "VoidRequest", "decide", "pending", "send"]


class RequestRefused(Refusal):
    """The server refused (``code`` as in docs/sync-api.md) or could not be reached
    (``offline``); ``str()`` is for the user."""


@dataclass(frozen=True)
class VoidRequest:
    """One request as the server lists it."""

    request_id: str
    payment_uuid: str
    account_id: int
    account_name: str
    cause: ReversalCause
    reason: str
    receipt_number: str
    amount_paise: int
    requested_by: str
    requested_at: datetime
    state: str
    """pending | approved | declined"""
    decided_by: str | None
    document_number: str | None
    """The reversal's document number once approved."""
    decided_at: datetime | None = None

    @classmethod
    def from_json(cls, body: dict[str, Any]) -> VoidRequest:
        return cls(
            request_id=str(body["request_id"]), payment_uuid=str(body["payment_uuid"]),
            account_id=int(body["account_id"]), account_name=str(body.get("account_name") or ""),
            cause=ReversalCause(body["cause"]), reason=str(body["reason"]),
            receipt_number=str(body["receipt_number"]), amount_paise=int(body["amount_paise"]),
            requested_by=str(body["requested_by"]),
            requested_at=datetime.fromtimestamp(int(body["requested_at"]), UTC),
            state=str(body["state"]), decided_by=body.get("decided_by"),
            document_number=body.get("document_number"),
            decided_at=(None if body.get("decided_at") is None
                        else datetime.fromtimestamp(int(body["decided_at"]), UTC)),
        )


def _call(client: SyncClient | None, what: str, call: Any) -> Any:
    if client is None or not client.has_token:
        raise RequestRefused(f"{what} needs the server; sign in online first.", "offline")
    try:
        return call()
    except OfflineError as exc:
        raise RequestRefused(f"The server cannot be reached, so {what.lower()} is not "
                             f"possible now: {exc}", "offline") from exc
    except ApiError as exc:
        raise RequestRefused(exc.message, exc.code) from exc
    except (KeyError, TypeError, ValueError) as exc:
        raise RequestRefused(f"The server's answer is malformed: {exc}", "malformed") from exc


def send(client: SyncClient | None, payment_uuid: str, cause: ReversalCause, reason: str
         ) -> VoidRequest:
    """Ask for a void or bounce to be approved at a supervisor's desk."""
    request_id = str(uuid.uuid4())
    return _call(client, "Sending the request", lambda: VoidRequest.from_json(
        client.create_reversal_request(  # type: ignore[union-attr]
            request_id, payment_uuid, cause.value, reason)))


def pending(client: SyncClient | None) -> list[VoidRequest]:
    """A supervisor's pending requests (their branch; an admin's: all), oldest first."""
    return _call(client, "Listing void requests", lambda: [
        VoidRequest.from_json(r) for r in client.reversal_requests()  # type: ignore[union-attr]
    ])


def decide(client: SyncClient | None, request_id: str, approve: bool) -> VoidRequest:
    """Approve (the server applies the reversal now) or decline one request."""
    return _call(client, "Deciding the request", lambda: VoidRequest.from_json(
        client.decide_reversal_request(request_id, approve)))  # type: ignore[union-attr]
