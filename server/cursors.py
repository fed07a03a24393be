"""Pull cursors sealed with an HMAC, so that a client can hand back only what it was given.

A cursor on the wire is ``<payload>.<tag>``: the payload is what :mod:`server.pull` encodes
(base64 of a small JSON object), the tag is HMAC-SHA-256 of the payload under the server's
cursor key, base64url without padding. A cursor whose tag does not verify under any of the
keys (edited, truncated, from another server, signed with a retired key) answers ``410
resync``: the client starts a fresh snapshot, which is always correct.

Where the keys come from (docs/production.md, "Cursor key"):

- ``Settings.cursor_keys`` (``partner-portal-server --cursor-key-file FILE``, one key per
  line): the first signs, every one verifies. Rotation: put the new key first, keep the old
  one below it while clients may still hold its cursors, then remove it.
- otherwise the database (``server_meta``: ``cursor_key`` signs, ``cursor_key_previous``
  also verifies), made on first start and read per request, so every process behind one
  database agrees at once; ``partner-portal-server rotate-cursor-key`` moves the current
  key to previous and makes a new one.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from sqlalchemy import Connection

from server.config import Settings
from server.database import meta_get, meta_put
from server.errors import ApiError

CURRENT, PREVIOUS = "cursor_key", "cursor_key_previous"


def _tag(payload: str, key: str) -> str:
    digest = hmac.new(key.encode("utf-8"), payload.encode("ascii"), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def seal(payload: str, key: str) -> str:
    """The cursor as handed to clients: ``payload.tag``."""
    return f"{payload}.{_tag(payload, key)}"


def unseal(cursor: str, keys: list[str]) -> str:
    """The payload of a cursor this server sealed; ``410 resync`` for anything else."""
    payload, dot, tag = cursor.rpartition(".")
    if dot and payload.isascii() and tag.isascii():
        for key in keys:
            if hmac.compare_digest(_tag(payload, key), tag):
                return payload
    raise ApiError(410, "resync",
                   "The sync position is not one this server made; sync from the start.")


def ensure_key(conn: Connection) -> None:
    """Make the database's cursor key on first start."""
    if meta_get(conn, CURRENT) is None:
        meta_put(conn, CURRENT, secrets.token_urlsafe(32))


def rotate(conn: Connection) -> None:
    """A new database cursor key; the current one keeps verifying until the next rotation."""
    current = meta_get(conn, CURRENT)
    if current is not None:
        meta_put(conn, PREVIOUS, current)
    meta_put(conn, CURRENT, secrets.token_urlsafe(32))


def keys(conn: Connection, settings: Settings) -> list[str]:
    """The keys in force: the first signs, all verify."""
    if settings.cursor_keys:
        return list(settings.cursor_keys)
    found = [meta_get(conn, CURRENT), meta_get(conn, PREVIOUS)]
    return [k for k in found if k]
