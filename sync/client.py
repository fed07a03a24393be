"""The HTTP client of the sync API: one ``requests.Session`` with timeouts, TLS
verification, retries with backoff and gzip (:func:`sync.http_session.make_session`). No Qt
here; the engine runs it off the GUI thread. What it raises is in :mod:`sync.errors`.

The bearer token lives only in this object's memory and in the system keyring
(:mod:`sync.token_store`); it is never logged and never written to a file.
"""

from __future__ import annotations

import http.client
import logging
import select
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

import certifi
import orjson
import requests

from billing.limits import Limits
from sync import __version__
from sync.errors import ApiError, OfflineError, ResyncRequired, SyncError, Unauthorized
from sync.http_session import is_loopback, make_session


def _loads(data: bytes) -> Any:
    """JSON from bytes through orjson: it parses big pull pages several times faster."""
    return orjson.loads(data)


log = logging.getLogger(__name__)

API = "/api/v1"
CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 120.0
#: How long the server may hold a long-poll for changes (GET /sync/wait), and how often the
#: waiting thread looks whether it was cancelled (sign-out, quit: never held longer).
WAIT_S = 25
WAIT_TICK_S = 0.2
#: Beyond ``timeout_s``, how long to wait for the server's answer before calling it gone.
READ_GRACE_S = 10.0


@dataclass(frozen=True)
class SignIn:
    """The answer to a sign-in (the token stays out of ``repr``)."""

    token: str
    expires_at: int | None
    user: dict[str, Any]
    server_epoch: str | None
    business_zone: str | None
    currency: str | None
    device_code: str | None
    limits: Limits = field(default_factory=Limits)
    """What the server accepts (billing defaults for a server that does not say)."""

    def __repr__(self) -> str:
        return f"SignIn(user={self.user.get('username')!r}, expires_at={self.expires_at})"


class SyncClient:
    """Calls of docs/sync-api.md against one server."""

    def __init__(
        self,
        base_url: str,
        *,
        session: requests.Session | None = None,
        timeout: tuple[float, float] = (CONNECT_TIMEOUT, READ_TIMEOUT),
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.session = session or make_session()
        self.timeout = timeout
        self._token: str | None = None
        #: Ask for the ``columns`` page format (docs/sync-api.md "Server notes").
        self.columns = True
        #: Pull pages from a server on this very machine come uncompressed: gzip costs both
        #: processes CPU and saves nothing on loopback. Real networks keep gzip.
        self._pull_headers = {"Accept-Encoding": "identity"} if is_loopback(base_url) else {}

    # -- token -----------------------------------------------------------------------------

    @property
    def has_token(self) -> bool:
        return self._token is not None

    def set_token(self, token: str | None) -> None:
        self._token = token

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._token}"} if self._token else {}

    # -- transport -------------------------------------------------------------------------

    def _request(self, method: str, path: str, *, headers: dict[str, str] | None = None,
                 **kwargs: Any) -> requests.Response:
        url = f"{self.base_url}{API}{path}"
        try:
            response = self.session.request(
                method, url, headers={**self._headers(), **(headers or {})},
                timeout=self.timeout, **kwargs
            )
        except requests.exceptions.SSLError as exc:
            raise SyncError(f"The server's certificate could not be verified: {exc}") from exc
        except (requests.ConnectionError, requests.Timeout) as exc:
            raise OfflineError(f"The server at {self.base_url} cannot be reached.") from exc
        except requests.exceptions.RetryError as exc:
            raise OfflineError(f"The server at {self.base_url} is not answering.") from exc
        except (requests.exceptions.ChunkedEncodingError,
                requests.exceptions.ContentDecodingError) as exc:
            # The server went away mid-answer: like being offline, what was sent stays
            # pending and is offered again (a committed push then answers "duplicate").
            raise OfflineError(
                f"The connection to {self.base_url} broke off in the middle of an answer."
            ) from exc
        if response.status_code >= 400:
            raise _error_from(response)
        return response

    def _json(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        response = self._request(method, path, **kwargs)
        try:
            body = _loads(response.content)
        except ValueError as exc:
            raise SyncError(f"The server sent something that is not JSON ({path}).") from exc
        if not isinstance(body, dict):
            raise SyncError(f"The server sent an unexpected answer ({path}).")
        return body

    # -- calls -----------------------------------------------------------------------------

    def kiosk_lookup(self, *, mobile: str) -> dict[str, Any]:
        """``GET /kiosk/lookup``: the account a kiosk's customer means by their mobile (a
        kiosk's replica holds masked mobiles, so only the server can match one)."""
        return self._json("GET", "/kiosk/lookup", params={"mobile": mobile})

    def sign_in(self, username: str, password: str, device_code: str | None = None) -> SignIn:
        body: dict[str, Any] = {"username": username, "password": password}
        if device_code:
            body["device_code"] = device_code
        answer = self._json("POST", "/auth/sign-in", json=body)
        result = _sign_in_from(answer)
        self._token = result.token
        return result

    def device_sign_in(self, device_code: str, device_secret: str) -> SignIn:
        answer = self._json(
            "POST",
            "/auth/device-sign-in",
            json={"device_code": device_code, "device_secret": device_secret},
        )
        result = _sign_in_from(answer)
        self._token = result.token
        return result

    def sign_out(self) -> None:
        """Revoke the token on the server (best effort) and forget it here."""
        try:
            if self._token:
                self._request("POST", "/auth/sign-out")
        finally:
            self._token = None

    def day_closes(self, start: date, end: date, branch_id: int | None = None,
                   limit: int = 2000) -> dict[str, Any]:
        """``GET /admin/day-closes`` (admins only): every branch's day closes whose
        business date is from ``start`` to ``end``, with their totals."""
        params: dict[str, Any] = {"from": start.isoformat(), "to": end.isoformat(),
                                  "limit": limit}
        if branch_id is not None:
            params["branch"] = branch_id
        body = self._json("GET", "/admin/day-closes", params=params)
        if not isinstance(body.get("closes"), list) or not isinstance(body.get("totals"), dict):
            raise SyncError("The server's day close answer lacks closes or totals.")
        return body
    def approve_reversal(self, payment_uuid: str, username: str, password: str
                         ) -> dict[str, Any]:
        """``POST /reversals/approve``: a supervisor's password for a reversal this user
        asks for; a one-use ``approval_token`` (docs/sync-api.md "Reversals")."""
        return self._json("POST", "/reversals/approve", json={
            "payment_uuid": payment_uuid, "username": username, "password": password})

    def create_reversal_request(self, request_id: str, payment_uuid: str, cause: str,
                                reason: str) -> dict[str, Any]:
        """``POST /reversal-requests``: ask a supervisor to approve a void or bounce at
        their own desk (docs/sync-api.md "Reversals")."""
        return self._json("POST", "/reversal-requests", json={
            "request_id": request_id, "payment_uuid": payment_uuid, "cause": cause,
            "reason": reason})

    def reversal_requests(self) -> list[dict[str, Any]]:
        """``GET /reversal-requests``: a supervisor's pending requests (or the caller's own)."""
        body = self._json("GET", "/reversal-requests")
        found = body.get("requests")
        if not isinstance(found, list):
            raise SyncError("The server's reversal requests answer lacks its list.")
        return found

    def decide_reversal_request(self, request_id: str, approve: bool) -> dict[str, Any]:
        """``POST /reversal-requests/{id}/approve|decline``: an approval applies the
        reversal on the server at once."""
        what = "approve" if approve else "decline"
        return self._json("POST", f"/reversal-requests/{quote(request_id, safe='')}/{what}")

    def me(self) -> dict[str, Any]:
        return self._json("GET", "/me")

    def server_epoch(self) -> str:
        """The server's identity (``GET /health``): the same for one database at any
        address, new after a restore from a backup or for another server."""
        return str(self._json("GET", "/health")["server_epoch"])

    def demo_users(self) -> list[dict[str, Any]]:
        """The demo sign-ins a demo server publishes; empty for a real server."""
        try:
            response = self._request("GET", "/demo/users")
            body = response.json()
        except ApiError:
            return []
        except ValueError:
            return []
        return [u for u in body if isinstance(u, dict)] if isinstance(body, list) else []

    def pull(self, cursor: str | None, limit: int, *, columns: bool | None = None
             ) -> dict[str, Any]:
        """One page. ``columns`` (default :attr:`columns`): ask for snapshot rows as arrays
        per table; a server that does not know the format ignores the parameter and answers
        with ``changes`` only, which the engine applies the same way."""
        params: dict[str, Any] = {"limit": limit}
        if cursor:
            params["cursor"] = cursor
        if self.columns if columns is None else columns:
            params["format"] = "columns"
        body = self._json("GET", "/sync/pull", params=params, headers=self._pull_headers)
        if not isinstance(body.get("changes"), list) or not isinstance(body.get("cursor"), str):
            raise SyncError("The server's pull answer lacks changes or a cursor.")
        snapshot = body.get("snapshot")
        if snapshot is not None and not isinstance(snapshot, list):
            raise SyncError("The server's pull answer has a damaged snapshot part.")
        return body

    def push(self, device_code: str, mutations: list[dict[str, Any]]) -> dict[str, Any]:
        body = self._json(
            "POST", "/sync/push", json={"device_code": device_code, "mutations": mutations}
        )
        results = body.get("results")
        if not isinstance(results, list):
            raise SyncError("The server's push answer lacks results.")
        return body

    def wait_for_changes(
        self, cursor: str, cancelled: Callable[[], bool], timeout_s: int = WAIT_S
    ) -> bool | None:
        """Long-poll ``GET /sync/wait``: True as soon as the server has changes after
        ``cursor`` for this user, False when it had none within ``timeout_s``, None when
        ``cancelled()`` turned true meanwhile. Raises like the other calls (offline, 401,
        410, 404 from a server without live changes).

        One plain connection, not the session: the wait is abandoned within
        :data:`WAIT_TICK_S` of a cancel, which a blocking ``requests`` call cannot do.
        """
        parts = urlsplit(self.base_url)
        host, port = parts.hostname or "", parts.port
        connection: http.client.HTTPConnection
        if parts.scheme == "https":
            verify = self.session.verify
            context = ssl.create_default_context(
                cafile=verify if isinstance(verify, str) else certifi.where()
            )
            connection = http.client.HTTPSConnection(
                host, port, timeout=CONNECT_TIMEOUT, context=context
            )
        else:
            connection = http.client.HTTPConnection(host, port, timeout=CONNECT_TIMEOUT)
        query = urlencode({"cursor": cursor, "timeout": timeout_s})
        path = f"{parts.path.rstrip('/')}{API}/sync/wait?{query}"
        headers = {**self._headers(), "Accept": "application/json",
                   "User-Agent": f"TerabytePartnerDesk/{__version__}"}
        deadline = time.monotonic() + timeout_s + READ_GRACE_S
        try:
            connection.request("GET", path, headers=headers)
            while True:
                if cancelled():
                    return None
                ready, _, _ = select.select([connection.sock], [], [], WAIT_TICK_S)
                if ready:
                    break
                if time.monotonic() > deadline:
                    raise OfflineError(f"The server at {self.base_url} stopped answering.")
            response = connection.getresponse()
            status, data = response.status, response.read()
        except ssl.SSLError as exc:
            raise SyncError(f"The server's certificate could not be verified: {exc}") from exc
        except (OSError, http.client.HTTPException) as exc:
            raise OfflineError(f"The server at {self.base_url} cannot be reached.") from exc
        finally:
            connection.close()
        if status >= 400:
            raise error_for(status, data)
        try:
            body = _loads(data)
        except ValueError as exc:
            raise SyncError("The server sent something that is not JSON (/sync/wait).") from exc
        changed = body.get("changed") if isinstance(body, dict) else None
        if not isinstance(changed, bool):
            raise SyncError("The server's answer to /sync/wait lacks 'changed'.")
        return changed

    def close(self) -> None:
        self.session.close()


def _sign_in_from(answer: dict[str, Any]) -> SignIn:
    try:
        return SignIn(
            token=str(answer["token"]),
            expires_at=_int_or_none(answer.get("expires_at")),
            user=dict(answer["user"]),
            server_epoch=answer.get("server_epoch"),
            business_zone=answer.get("business_zone"),
            currency=answer.get("currency"),
            device_code=answer.get("device_code"),
            limits=Limits.from_json(answer.get("limits")),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise SyncError("The server's sign-in answer is incomplete.") from exc


def _int_or_none(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, int):
        return value
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _error_from(response: requests.Response) -> ApiError:
    return error_for(response.status_code, response.content)


def error_for(status: int, data: bytes) -> ApiError:
    """The error of an answer with ``status`` >= 400 and body ``data``."""
    code, message, body = f"http_{status}", f"The server answered {status}.", {}
    try:
        body = _loads(data)
        error = body.get("error") if isinstance(body, dict) else None
        if isinstance(error, dict):
            code = str(error.get("code") or code)
            message = str(error.get("message") or message)
    except ValueError:
        pass
    if status == 401:
        return Unauthorized(status, code, message, body)
    if status == 410:
        return ResyncRequired(status, code, message, body)
    return ApiError(status, code, message, body)
