"""The staff PIN that leaves kiosk mode, kept in settings only as a salted scrypt hash.

Stored form: ``scrypt$<n>$<r>$<p>$<salt hex>$<hash hex>``. The PIN itself is never written
anywhere. ``--demo`` uses :data:`DEMO_PIN` (documented in docs/windows-build.md) when no PIN
was set, without saving it; a real kiosk refuses to start until staff set one in Settings.
"""

from __future__ import annotations

import hashlib
import hmac
import os

from PySide6.QtCore import QSettings

from billing.messages import Msg
from billing.refusal import Refusal

#: The settings key holding the hash.
PIN_KEY = "kiosk/pin_hash"
#: The PIN a ``--demo`` kiosk uses when none was set (never used outside --demo).
DEMO_PIN = "2468"
MIN_PIN_DIGITS = 4
MAX_PIN_DIGITS = 12

_N, _R, _P = 2**14, 8, 1
_DKLEN = 32


class PinError(Refusal, ValueError):
    """A PIN that cannot be set (too short, not digits); its message id (billing.messages)
    lets the desk word it in its language (desktop.payments.messages.error_text)."""

    default_code = "pin_invalid"


def check_pin_shape(pin: str) -> str:
    """The PIN if it is 4–12 ASCII digits; otherwise :class:`PinError` saying what to do."""
    if not (pin.isascii() and pin.isdigit()):
        raise PinError.of(Msg.PIN_DIGITS_ONLY)
    if not MIN_PIN_DIGITS <= len(pin) <= MAX_PIN_DIGITS:
        raise PinError.of(Msg.PIN_LENGTH, MIN_PIN_DIGITS, MAX_PIN_DIGITS)
    return pin


def hash_pin(pin: str, *, salt: bytes | None = None) -> str:
    """A salted scrypt verifier for ``pin``."""
    check_pin_shape(pin)
    salt = salt if salt is not None else os.urandom(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=_DKLEN)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def verify_pin(pin: str, stored: str | None) -> bool:
    """Whether ``pin`` matches the verifier ``stored`` (constant-time compare)."""
    if not stored or not pin:
        return False
    try:
        scheme, n, r, p, salt_hex, digest_hex = stored.split("$")
        if scheme != "scrypt":
            return False
        salt, expected = bytes.fromhex(salt_hex), bytes.fromhex(digest_hex)
        n_i, r_i, p_i = int(n), int(r), int(p)
    except ValueError:
        return False
    if not (2 <= n_i <= 2**20 and 1 <= r_i <= 32 and 1 <= p_i <= 16):
        return False
    digest = hashlib.scrypt(
        pin.encode(), salt=salt, n=n_i, r=r_i, p=p_i, dklen=len(expected),
        maxmem=256 * 1024 * 1024,
    )
    return hmac.compare_digest(digest, expected)


def stored_pin_hash(settings: QSettings) -> str | None:
    value = settings.value(PIN_KEY, "", str)
    return str(value) if value else None


def set_pin(settings: QSettings, pin: str) -> None:
    """Store the hash of a new staff PIN (raises :class:`PinError` for a bad one)."""
    settings.setValue(PIN_KEY, hash_pin(pin))
    settings.sync()


def kiosk_pin_hash(settings: QSettings, *, demo: bool) -> str | None:
    """The verifier the kiosk checks: the stored one; for ``--demo`` without one, a hash of
    :data:`DEMO_PIN` kept in memory only (never saved, so it cannot unlock a real kiosk that
    shares these settings later). None: no PIN, kiosk mode must not start."""
    stored = stored_pin_hash(settings)
    if stored:
        return stored
    return hash_pin(DEMO_PIN) if demo else None
