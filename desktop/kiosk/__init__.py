"""Kiosk mode (``partner-portal --kiosk``): self-service look-up and payment of one account.

:func:`start_kiosk` is what ``desktop.app`` calls: it makes sure a staff PIN is set (a
``--demo`` kiosk without one uses :data:`~desktop.kiosk.pin.DEMO_PIN`, not saved) and
shows the full-screen window. Payments go through the payment device Settings configure
(``desktop.kiosk.devices``); ``--demo`` uses the labelled demo UPI device and a sample
payee, neither saved.
"""

from __future__ import annotations

import logging

from desktop.kiosk.devices import configured_device
from desktop.kiosk.pin import DEMO_PIN, kiosk_pin_hash
from desktop.kiosk.window import IDLE_MS, KioskWindow
from desktop.runtime.context import AppContext
from desktop.settings.upi_payee import upi_payee

__all__ = [
    "DEMO_PIN", "IDLE_MS", "NO_PIN_MESSAGE", "KioskWindow", "kiosk_window", "start_kiosk",
]

log = logging.getLogger(__name__)

NO_PIN_MESSAGE = (
    "Kiosk mode needs a staff PIN to leave it, and none is set on this PC. Start Partner "
    "Desk normally, open Settings, set a kiosk staff PIN, then start kiosk mode again."
)


def start_kiosk(ctx: AppContext, *, demo: bool, full_screen: bool = True) -> KioskWindow | None:
    """Show the kiosk window, or return None (and log why) when no staff PIN is set."""
    window = kiosk_window(ctx, demo=demo, full_screen=full_screen)
    if window is None:
        return None
    window.show()
    return window


def kiosk_window(
    ctx: AppContext, *, demo: bool = False, full_screen: bool = True
) -> KioskWindow | None:
    """The kiosk window (full screen when shown), or None when no staff PIN is set.

    ``partial(kiosk_window, demo=...)`` serves as the sign-in session's ``window_factory``
    once :func:`kiosk_pin_hash` has been checked.
    """
    pin_hash = kiosk_pin_hash(ctx.settings, demo=demo)
    if pin_hash is None:
        log.error("kiosk mode refused: no staff PIN set")
        return None
    device = configured_device(ctx.settings, ctx.tasks, demo=demo)
    return KioskWindow(ctx, full_screen=full_screen, pin_hash=pin_hash, payment_device=device,
                       payee=upi_payee(ctx.settings, demo=demo))
