"""Offline sign-in: after one online sign-in, the same user may sign in on this PC while
the server cannot be reached (DESIGN.md "Sync").

What is kept, in ``offline_signin.json`` in the data folder: per user, a random salt, the
scrypt parameters, ``hashlib.scrypt(password, salt)`` and the user's profile (name, role,
branch). Never the password, never the token (that lives in the keyring only).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

VERIFIER_FILE = "offline_signin.json"
#: scrypt cost: 2**14 × 8 × 1 takes ~50 ms and 16 MiB, enough to make guessing expensive.
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
DKLEN = 32
#: An offline sign-in is accepted this long after the last online one.
MAX_OFFLINE_DAYS = 30


@dataclass(frozen=True)
class OfflineUser:
    username: str
    profile: dict[str, Any]
    server: str
    signed_in_online_at: float


def _derive(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=DKLEN,
        maxmem=128 * n * r * p + 1_048_576,
    )


class OfflineVerifiers:
    """The verifier file of one data folder."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / VERIFIER_FILE

    def _load(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            log.warning("offline sign-in file unreadable (%s); ignoring it", exc)
            return {}
        return data if isinstance(data, dict) else {}

    def _save(self, data: dict[str, Any]) -> None:
        tmp = self.path.with_suffix(".tmp")
        tmp.unlink(missing_ok=True)
        # 0600: the verifiers are for this user's eyes only (ignored on Windows, where the
        # data folder is in the user's profile)
        with os.fdopen(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w",
                       encoding="utf-8") as fh:
            fh.write(json.dumps(data, indent=1, sort_keys=True))
        os.replace(tmp, self.path)

    def remember(self, username: str, password: str, profile: dict[str, Any], server: str,
                 now: float | None = None) -> None:
        """After a successful online sign-in: keep a salted scrypt verifier (not the
        password) so this user can sign in here offline later."""
        salt = secrets.token_bytes(16)
        digest = _derive(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
        data = self._load()
        data[username.casefold()] = {
            "username": username,
            "salt": salt.hex(),
            "n": SCRYPT_N,
            "r": SCRYPT_R,
            "p": SCRYPT_P,
            "verifier": digest.hex(),
            "profile": {k: profile.get(k) for k in (
                "username", "display_name", "role", "branch_id", "reseller_id")},
            "server": server,
            "online_at": int(now if now is not None else time.time()),
        }
        self._save(data)

    def verify(self, username: str, password: str, now: float | None = None
               ) -> OfflineUser | None:
        """The user when ``password`` matches the kept verifier, else None."""
        entry = self._load().get(username.casefold())
        if not isinstance(entry, dict):
            return None
        try:
            salt = bytes.fromhex(entry["salt"])
            expected = bytes.fromhex(entry["verifier"])
            digest = _derive(password, salt, int(entry["n"]), int(entry["r"]), int(entry["p"]))
        except (KeyError, ValueError, TypeError):
            return None
        if not hmac.compare_digest(digest, expected):
            return None
        online_at = float(entry.get("online_at", 0))
        if (now if now is not None else time.time()) - online_at > MAX_OFFLINE_DAYS * 86_400:
            return None
        return OfflineUser(entry["username"], dict(entry["profile"]), entry.get("server", ""),
                           online_at)

    def display_name(self, username: str) -> str | None:
        """The person's name of a user who signed in on this PC (for receipts), else None."""
        entry = self._load().get(username.casefold())
        profile = entry.get("profile") if isinstance(entry, dict) else None
        name = profile.get("display_name") if isinstance(profile, dict) else None
        return str(name) if name else None

    def knows(self, username: str) -> bool:
        return username.casefold() in self._load()

    def forget(self, username: str) -> None:
        data = self._load()
        if data.pop(username.casefold(), None) is not None:
            self._save(data)
