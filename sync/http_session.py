"""The HTTP session under the sync client (``sync.client.SyncClient``): TLS verified,
connection failures and gateway errors retried with backoff, gzip asked for; and whether a
server is on this machine (a pull from it is not compressed).
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3 import BaseHTTPResponse
from urllib3.util.retry import Retry

from sync import __version__

__all__ = ["RETRY_STATUSES", "is_loopback", "make_session"]


#: Network and gateway failures are retried; a push is safe to resend (mutation ids).
RETRY_STATUSES = (502, 503, 504)


class _Retry(Retry):
    """urllib3's retry, minus sleeping through a 429. urllib3 retries any 413/429/503 that
    carries Retry-After, whatever ``status_forcelist`` says; the server's 429 is a sign-in
    lock-out (a wait of up to 15 minutes) or a rate limit, which the person at the desk is
    told at once instead of a sign-in that hangs for minutes. A 503's Retry-After is slept
    for at most :data:`MAX_RETRY_AFTER_S`."""

    RETRY_AFTER_STATUS_CODES = frozenset({503})

    def get_retry_after(self, response: BaseHTTPResponse) -> float | None:
        after = super().get_retry_after(response)
        return None if after is None else min(after, MAX_RETRY_AFTER_S)


#: The longest a request sleeps for a 503's Retry-After before trying again.
MAX_RETRY_AFTER_S = 10.0


def make_session(retries: int = 3, backoff: float = 0.5) -> requests.Session:
    """A session that verifies TLS, retries connection failures and 502/503/504 with
    exponential backoff (GET and POST: pushes are idempotent by mutation id)."""
    session = requests.Session()
    session.verify = True
    retry = _Retry(
        total=retries,
        connect=retries,
        read=retries,
        status=retries,
        other=0,
        backoff_factor=backoff,
        backoff_max=10,
        status_forcelist=RETRY_STATUSES,
        allowed_methods=frozenset({"GET", "POST"}),
        respect_retry_after_header=True,
        raise_on_status=False,
    )
    adapter = HTTPAdapter(max_retries=retry, pool_connections=2, pool_maxsize=4)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers.update(
        {
            "Accept": "application/json",
            "Accept-Encoding": "gzip",
            "User-Agent": f"TerabytePartnerDesk/{__version__}",
        }
    )
    return session


def is_loopback(url: str) -> bool:
    """True for a server on this machine (127.0.0.0/8, ::1, localhost)."""
    host = (urlsplit(url).hostname or "").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
