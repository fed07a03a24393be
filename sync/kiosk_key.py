"""A kiosk's sealing secret: in the OS keyring, never in the cache file.

The server seals a kiosk's offline rows with a per-device secret (:mod:`db.kiosk_store`)
and sends it in the pull as the ``kiosk_keys`` table. Kept next to the rows, it would let
anyone holding a copy of the cache file try every Account ID and mobile offline. So the
sync cycle takes that row out of each pulled page before the page reaches the cache
(:meth:`sync.cycle.SyncCycle`) and hands it to :class:`KioskKey`, which keeps it in the
keyring (Windows Credential Manager on the users' PCs) under the server and device code.

Where the PC has no usable keyring (Linux without a Secret Service, say),
:class:`~sync.token_store.SecretStore` holds it in this process's memory only, and offline
look-up fails closed: :meth:`KioskKey.secret` answers it only while the kiosk is online
(the ``online`` callable: its last sync reached head office), so look-ups work online and are
refused, with a message for staff, once the link is down. After a restart such a kiosk has
no key until a pull succeeds (a full one: the cycle sees the key is missing). Never, in any
case, is the secret written to the cache file or any other file.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from sync.token_store import SecretStore

log = logging.getLogger(__name__)

#: What the kiosk's look-up says (to staff) when it holds no key for its copy.
NO_KEY_MESSAGE = (
    "This kiosk cannot look accounts up right now. Staff: the kiosk has no key for its "
    "offline copy; connect it to head office and let it sync."
)


class KioskKey:
    """The sealing secret of kiosk ``device_code`` signed in to ``server``. ``online``
    says whether the kiosk's last sync reached head office (consulted only without a usable
    keyring; None: never online)."""

    def __init__(self, secrets: SecretStore, server: str, device_code: str,
                 online: Callable[[], bool] | None = None) -> None:
        self._secrets = secrets
        self.server = server.rstrip("/")
        self.device_code = device_code
        self._online = online
        if secrets.session_only:
            log.error(
                "no usable system keyring: kiosk %s keeps its look-up key in memory only and "
                "looks accounts up only while online; offline look-up is off", device_code)

    @property
    def offline_lookup(self) -> bool:
        """Whether the key may open the copy without head office (a usable keyring)."""
        return not self._secrets.session_only

    def read(self) -> tuple[str, bytes] | None:
        """The key id and secret the last pull delivered, or None (never delivered, the
        keyring is unreadable, or it holds something unreadable)."""
        value = self._secrets.get_kiosk_secret(self.server, self.device_code)
        if not value:
            return None
        key_id, _, hex_secret = value.partition(":")
        try:
            secret = bytes.fromhex(hex_secret)
        except ValueError:
            secret = b""
        if not key_id or not secret:
            log.warning("the keyring's kiosk key for %s is unreadable; ignoring it",
                        self.device_code)
            return None
        return key_id, secret

    def secret(self) -> bytes | None:
        """The secret that opens the copy, or None: none kept, or (without a usable
        keyring) the kiosk is offline, when look-up fails closed."""
        if not self.offline_lookup and not (self._online is not None and self._online()):
            log.error("kiosk %s is offline and has no system keyring: offline look-up is "
                      "off", self.device_code)
            return None
        found = self.read()
        return found[1] if found is not None else None

    def key_id(self) -> str | None:
        found = self.read()
        return found[0] if found is not None else None

    def store(self, key_id: str, secret_hex: str) -> bool:
        """Keep the secret a pull delivered, replacing any older one (a rotated key).
        False (logged) when it is malformed or the keyring refuses: none is kept then."""
        try:
            valid = bool(key_id) and ":" not in key_id and bool(bytes.fromhex(secret_hex))
        except ValueError:
            valid = False
        if not valid:
            log.error("the server sent a malformed kiosk key; offline look-up stays off")
            self.forget()
            return False
        if not self._secrets.set_kiosk_secret(
                self.server, self.device_code, f"{key_id}:{secret_hex.lower()}"):
            log.error("kiosk %s: its key could not be kept in the keyring; offline look-up "
                      "is off until it can", self.device_code)
            return False
        return True

    def forget(self) -> None:
        """Drop the secret (sign-out, a resync): the rows sealed with it no longer open."""
        self._secrets.delete_kiosk_secret(self.server, self.device_code)
