"""What a usable server address is: the one rule for the sign-in window and Settings.

``http://`` or ``https://``, a host, an optional port from 1 to 65535, an optional path;
no spaces, user name, query or fragment. Anything else is refused with a message before a
request is made: left to ``requests``, a port of 99999 or a broken IPv6 address came back
as "Failed to parse: …" with a traceback in the log.
"""

from __future__ import annotations

from urllib.parse import urlsplit

__all__ = ["server_address"]


def server_address(text: str) -> str | None:
    """``text`` as the client uses it (spaces and trailing slashes removed), or None when it
    is not a usable server address."""
    address = text.strip().rstrip("/")
    if not address or any(c.isspace() or ord(c) < 32 for c in address):
        return None
    try:
        parts = urlsplit(address)
        port = parts.port  # ValueError: not a number, or outside 0-65535
    except ValueError:  # also a bracket left open in an IPv6 address
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname or port == 0:
        return None
    if parts.query or parts.fragment or parts.username is not None or "@" in parts.netloc:
        return None
    return address
