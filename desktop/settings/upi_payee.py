"""Who a UPI QR pays: one setting for the counter's payment dialog and the kiosk.

Keys (Settings → UPI QR): ``upi/vpa`` (the payee's UPI ID, ``name@bank``) and
``upi/payee_name`` (the name a UPI app shows before the customer approves). Settings written
before the counter had a QR kept them under ``kiosk/upi_vpa`` / ``kiosk/upi_payee_name``;
those are still read when the new keys are absent, and saving writes the new keys only.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QSettings

from billing.upi import UpiError, validate_vpa

log = logging.getLogger(__name__)

VPA_KEY = "upi/vpa"
PAYEE_NAME_KEY = "upi/payee_name"
_OLD_KEYS = {VPA_KEY: "kiosk/upi_vpa", PAYEE_NAME_KEY: "kiosk/upi_payee_name"}
DEFAULT_PAYEE_NAME = "Terabyte Broadband"
#: What ``--demo`` shows in its QR when Settings have no UPI ID (never saved).
DEMO_VPA = "terabyte.demo@okaxis"
DEMO_PAYEE_NAME = "Terabyte Broadband (DEMO)"


@dataclass(frozen=True)
class Payee:
    """Who the UPI QR pays."""

    vpa: str
    name: str


def stored_payee(settings: QSettings) -> tuple[str, str]:
    """The UPI ID and payee name as typed in Settings (``""`` when unset)."""

    def value(key: str) -> str:
        if settings.contains(key):
            return str(settings.value(key, "", str) or "").strip()
        return str(settings.value(_OLD_KEYS[key], "", str) or "").strip()

    return value(VPA_KEY), value(PAYEE_NAME_KEY)


def store_payee(settings: QSettings, vpa: str, name: str) -> None:
    """Save the payee under the shared keys (the old kiosk keys are dropped)."""
    settings.setValue(VPA_KEY, vpa)
    settings.setValue(PAYEE_NAME_KEY, name)
    for old in _OLD_KEYS.values():
        settings.remove(old)


def upi_payee(settings: QSettings, *, demo: bool = False) -> Payee | None:
    """The payee from Settings; ``--demo`` falls back to a sample one. None when unset or
    malformed (the caller then shows no QR and says why; the reason is logged)."""
    vpa, name = stored_payee(settings)
    if not vpa and demo:
        return Payee(DEMO_VPA, name or DEMO_PAYEE_NAME)
    if not vpa:
        return None
    try:
        return Payee(validate_vpa(vpa), name or DEFAULT_PAYEE_NAME)
    except UpiError as exc:
        log.warning("UPI payee not usable: %s", exc)
        return None
