"""Secrets (the server's bearer token) only through ``keyring``, behind one wrapper.

``SecretStore.is_system`` says whether the backend is the system's (Windows Credential
Manager, macOS Keychain, Secret Service): the UI warns when it is not. Where no system
keyring exists, the token is kept in memory for this session only and the user is told why
they will have to sign in again next time — never a crash, never a file.

Tests pass a :class:`MemoryKeyring`; they never touch a real keychain.
"""

from __future__ import annotations

import logging

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError, PasswordDeleteError

from billing.messages import Msg
from billing.notice import Notice

log = logging.getLogger(__name__)

SERVICE = "Terabyte Partner Desk"

NO_SYSTEM_KEYRING = Notice(Msg.NOTICE_NO_KEYRING)


class MemoryKeyring(KeyringBackend):
    """A keyring that lives in memory only (tests; the fallback without a system one)."""

    priority = 0.5

    def __init__(self) -> None:
        super().__init__()
        self._items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self._items[(service, username)]
        except KeyError:
            raise PasswordDeleteError(username) from None


def _is_system_backend(backend: KeyringBackend) -> bool:
    """A real OS store: not the fail/null backends, not in-memory, not a chain of nothing."""
    module = type(backend).__module__
    if isinstance(backend, MemoryKeyring) or module.startswith(
        ("keyring.backends.fail", "keyring.backends.null")
    ):
        return False
    if module.startswith("keyring.backends.chainer"):
        return bool(getattr(backend, "backends", []))
    try:
        return float(backend.priority) > 0
    except Exception:  # a backend that cannot say is not trusted with tokens
        return False


class SecretStore:
    """Read, write and forget the token of ``username`` on ``server``."""

    def __init__(self, backend: KeyringBackend | None = None) -> None:
        if backend is None:
            try:
                backend = keyring.get_keyring()
            except Exception as exc:  # broken keyring configuration: fall back, say so
                log.warning("keyring unavailable: %s", exc)
                backend = None
        self.is_system = backend is not None and _is_system_backend(backend)
        #: True when secrets live only in this process (no usable keyring: the fallback
        #: below); a :class:`MemoryKeyring` passed in (tests) stands for a system one.
        self.session_only = not self.is_system and not isinstance(backend, MemoryKeyring)
        self._backend: KeyringBackend = (
            backend if backend is not None and (self.is_system or isinstance(
                backend, MemoryKeyring)) else MemoryKeyring()
        )
        #: A sentence for the user when secrets do not outlive the session, else None.
        self.warning: str | None = None if self.is_system else NO_SYSTEM_KEYRING
        if not self.is_system:
            log.info("no system keyring (%s); tokens last for this session only",
                     type(self._backend).__name__)

    @staticmethod
    def _key(server: str, username: str) -> str:
        return f"{username}@{server.rstrip('/')}"

    def get_token(self, server: str, username: str) -> str | None:
        try:
            return self._backend.get_password(SERVICE, self._key(server, username))
        except KeyringError as exc:
            log.warning("could not read the keyring: %s", exc)
            return None

    def set_token(self, server: str, username: str, token: str) -> bool:
        """Store the token; False (and a warning for the user) when the keyring refuses."""
        try:
            self._backend.set_password(SERVICE, self._key(server, username), token)
            return True
        except KeyringError as exc:
            log.warning("could not write the keyring: %s", exc)
            self.warning = Notice(Msg.NOTICE_KEYRING_REFUSED)
            return False

    def delete_token(self, server: str, username: str) -> None:
        self._delete(self._key(server, username))

    def _delete(self, name: str) -> None:
        try:
            self._backend.delete_password(SERVICE, name)
        except PasswordDeleteError:
            pass
        except KeyringError as exc:
            log.warning("could not delete from the keyring: %s", exc)

    # -- a kiosk's sealing secret (sync/kiosk_key.py) ------------------------------------

    @staticmethod
    def _kiosk_key(server: str, device_code: str) -> str:
        # ":" is in no username or device code, so this never names a sign-in token.
        return f"kiosk-key:{device_code}@{server.rstrip('/')}"

    def get_kiosk_secret(self, server: str, device_code: str) -> str | None:
        try:
            return self._backend.get_password(SERVICE, self._kiosk_key(server, device_code))
        except KeyringError as exc:
            log.warning("could not read the kiosk key from the keyring: %s", exc)
            return None

    def set_kiosk_secret(self, server: str, device_code: str, value: str) -> bool:
        """Store a kiosk's secret; False when the keyring refuses (then none is kept)."""
        name = self._kiosk_key(server, device_code)
        try:
            self._backend.set_password(SERVICE, name, value)
            return True
        except KeyringError as exc:
            log.error("could not write the kiosk key to the keyring: %s", exc)
            self._delete(name)  # never leave an old key behind a refused new one
            return False

    def delete_kiosk_secret(self, server: str, device_code: str) -> None:
        self._delete(self._kiosk_key(server, device_code))
